"""The twelve findings of the clinical review of drafted plans (issue 8), each pinned by the
archetype child that revealed it. The tests assert the safety property, not an exercise list.
"""

from __future__ import annotations

import pytest

from hemorehab.clinical import sites
from hemorehab.clinical.exercises import builtin_library
from hemorehab.clinical.plan import (
    ClinicalJudgements,
    DraftInput,
    PlanSettings,
    Prophylaxis,
    WeekReport,
    context_for,
    contraindications,
    derive_problems,
    draft_plan,
)
from tests.clinical.plan.builders import (
    AS_OF,
    findings,
    joint_bleed,
    muscle_bleed,
    psoas_bleed,
    us_joint,
)

LIB = builtin_library()
SETTINGS = PlanSettings()
WEIGHT = {"bear", "closed_chain", "balance", "impact"}
LOADING = {"isometric", "move", "bear", "closed_chain", "resist", "stretch", "traction", "balance"}


def _items(draft):
    items = draft.hospital_session.items + draft.home_program.session.items
    if draft.home_program.split:
        items += tuple(i for part in draft.home_program.split.blocks for i in part.items)
    return items


def _modes(item, site: str) -> set[str]:
    exercise = LIB.get(item.exercise_id)
    assert exercise is not None
    return {mode for s, mode in exercise.site_loads(item.side) if s == site}


def _no_item_loads(draft, site: str, modes: set[str]) -> None:
    for item in _items(draft):
        assert not _modes(item, site) & modes, (item.exercise_id, item.side, site)


def _healthy(age: int = 9, **extra: object) -> DraftInput:
    return DraftInput(derive_problems(findings()), age, "A", **extra)  # type: ignore[arg-type]


# 1. A muscle bleed other than the iliopsoas pauses nothing ---------------------------------


def test_1_a_calf_bleed_two_days_ago_gets_no_calf_stretch_resistance_or_heel_walking() -> None:
    ankle = findings({"left_ankle": {"flexion_loss": 1, "extension_loss": 1, "strength": 1}})
    data = DraftInput(
        derive_problems(ankle), 9, "A", bleeds=(muscle_bleed("left_calf", 48),), as_of=AS_OF
    )
    draft = draft_plan(data)
    _no_item_loads(draft, "left_calf", LOADING)
    for site in sites.limb_sites("left", "lower"):
        _no_item_loads(draft, site, WEIGHT)
    for exercise_id in ("ankle_standing_calf_stretch", "ankle_band_plantarflexion"):
        assert exercise_id not in {i.exercise_id for i in _items(draft)}
    assert [(r.site, r.phase) for r in draft.restrictions] == [("left_calf", 1)]
    assert ("crutches", "left_calf") in {(d.kind, d.joint) for d in draft.devices}
    rested = {i.exercise_id for i in draft.hospital_session.items if i.side == "left"}
    assert {"muscle_rest_position", "muscle_cold_elevation"} <= rested
    marching = next(p for p in draft.paused if p.exercise_id == "warm_up_marching")
    # one reason a rule, naming the leg's loaded sites together
    (reason,) = [r for r in marching.reasons if r.rule == "CI-LIMB-WEIGHT"]
    assert reason.params["site"] == "left_hip, left_knee, left_ankle"
    from hemorehab.clinical.plan.i18n import render

    assert "puts weight through left hip, left knee, left ankle" in render(reason, "en")
    assert "左髋关节、左膝关节、左踝关节" in render(reason, "zh-hans")


@pytest.mark.parametrize("site", sites.MUSCLE_SITES)
def test_1_every_muscle_of_the_list_is_rested_after_a_recent_bleed(site: str) -> None:
    draft = draft_plan(_healthy(bleeds=(muscle_bleed(site, 30),), as_of=AS_OF))
    _no_item_loads(draft, site, LOADING)
    assert draft.restrictions[0].site == site
    if sites.site(site).limb == "lower":
        for other in sites.limb_sites(sites.site(site).side, "lower"):
            _no_item_loads(draft, other, WEIGHT)


@pytest.mark.parametrize(("phase", "allowed"), [(2, {"isometric"}), (3, {"isometric", "move"})])
def test_1_the_calf_returns_by_phases_isometrics_then_pain_free_range(
    phase: int, allowed: set[str]
) -> None:
    data = _healthy(
        bleeds=(muscle_bleed("left_calf", 24 * 10),),
        as_of=AS_OF,
        return_phases={"left_calf": phase},
    )
    draft = draft_plan(data)
    worked = set().union(*(_modes(i, "left_calf") for i in _items(draft)))
    assert worked and worked <= allowed
    assert any(r.rule == "SEL-RECOVERY" for i in _items(draft) for r in i.reasons)


# 2. Hip, shoulder and wrist bleeds pause nothing ------------------------------------------


def test_2_a_hip_bleed_20_hours_ago_gets_no_marching_squats_or_gait_training() -> None:
    knees = findings({"left_knee": {"strength": 1}}, gait=1)
    data = DraftInput(
        derive_problems(knees), 10, "A", bleeds=(joint_bleed("left_hip", 20),), as_of=AS_OF
    )
    draft = draft_plan(data)
    drafted = {i.exercise_id for i in _items(draft)}
    assert not drafted & {"warm_up_marching", "knee_mini_squat", "gait_heel_toe_walking"}
    _no_item_loads(draft, "left_hip", LOADING)
    for site in sites.limb_sites("left", "lower"):
        _no_item_loads(draft, site, WEIGHT)
    assert ("crutches", "left_hip") in {(d.kind, d.joint) for d in draft.devices}
    assert "hip_rest_position" in drafted


@pytest.mark.parametrize("site", sites.JOINT_SITES)
def test_2_every_joint_site_is_protected_after_a_recent_bleed(site: str) -> None:
    draft = draft_plan(_healthy(bleeds=(joint_bleed(site, 20),), as_of=AS_OF))
    _no_item_loads(draft, site, LOADING)
    place = sites.site(site)
    if place.limb == "lower":
        for other in sites.limb_sites(place.side, "lower"):
            _no_item_loads(draft, other, WEIGHT)
    cared = {
        s for i in draft.hospital_session.items for s in LIB.get(i.exercise_id).cared_sites(i.side)
    }
    assert site in cared, "phase 1 drafts the site's protection"


@pytest.mark.parametrize("part", ["hip", "shoulder", "wrist"])
def test_2_hip_shoulder_and_wrist_have_isometrics_and_range_for_their_return(part: str) -> None:
    site = f"right_{part}"
    for phase, mode in ((2, "isometric"), (3, "move")):
        data = _healthy(
            bleeds=(joint_bleed(site, 24 * 6),), as_of=AS_OF, return_phases={site: phase}
        )
        worked = set().union(*(_modes(i, site) for i in _items(draft_plan(data))))
        assert mode in worked, (part, phase)


# 3. Blood in a joint on ultrasound is treated as synovitis only ---------------------------


@pytest.mark.parametrize(
    "extra",
    [
        {"ultrasound": {"left_knee": us_joint(effusion=1)}},
        {"judged": {"left_knee": "hemarthrosis"}},
    ],
)
def test_3_blood_in_the_knee_stops_stretch_traction_and_weight_through_it(extra) -> None:
    knee = findings(
        {"left_knee": {"extension_loss": 1, "flexion_loss": 1, "strength": 1}},
        gait=1,
        ultrasound=extra.get("ultrasound"),
    )
    data = DraftInput(
        derive_problems(knee),
        12,
        "A",
        judgements=ClinicalJudgements(
            effusion=extra.get("judged", {}),
            end_feel={"left_knee": {"flexion": "soft", "extension": "soft"}},
        ),
    )
    draft = draft_plan(data)
    _no_item_loads(draft, "left_knee", {"stretch", "traction", "closed_chain", "bear", "resist"})
    assert any("CI-HEMARTHROSIS" in e.rules for e in draft.excluded)
    assert any(e.exercise_id == "knee_gentle_traction" for e in draft.paused) or all(
        e.exercise_id != "knee_gentle_traction" for e in draft.excluded
    )


# 4. Hard end-feel and clinician-judged synovitis never reach the engine -------------------


def test_4_a_forced_stretch_needs_a_recorded_soft_or_firm_end_feel_on_a_damaged_joint() -> None:
    for finding in (
        {"hjhs": {"right_elbow": {"extension_loss": 2}}},
        {"hjhs": {"right_elbow": {"extension_loss": 1, "crepitus": 2}}},
        {"hjhs": {"right_elbow": {"extension_loss": 1}}, "us": us_joint(bone=1)},
    ):
        found = findings(
            finding["hjhs"], ultrasound={"right_elbow": finding["us"]} if "us" in finding else None
        )
        blind = draft_plan(DraftInput(derive_problems(found), 12, "A"))
        _no_item_loads(blind, "right_elbow", {"stretch", "traction"})
        soft = ClinicalJudgements(end_feel={"right_elbow": {"extension": "soft"}})
        seen = draft_plan(DraftInput(derive_problems(found), 12, "A", judgements=soft))
        assert any(_modes(i, "right_elbow") == {"stretch"} for i in _items(seen)), finding
        hard = ClinicalJudgements(end_feel={"right_elbow": {"extension": "hard"}})
        block = draft_plan(DraftInput(derive_problems(found), 12, "A", judgements=hard))
        for item in _items(block):
            exercise = LIB.get(item.exercise_id)
            if "stretch" in _modes(item, "right_elbow"):
                assert exercise.stretch_direction != "extension"
            assert "traction" not in _modes(item, "right_elbow")


def test_4_synovitis_judged_active_by_a_clinician_guards_the_joint_like_the_scan() -> None:
    found = findings({"left_knee": {"strength": 1}}, gait=1)
    active = ClinicalJudgements(active_synovitis={"left_knee": 1})
    draft = draft_plan(DraftInput(derive_problems(found), 12, "A", judgements=active))
    _no_item_loads(draft, "left_knee", {"resist", "closed_chain", "balance", "impact"})
    assert any("CI-SYNOVITIS" in e.rules for e in draft.excluded)


# 5. The more severe the deficit, the heavier the loading ----------------------------------


@pytest.mark.parametrize("evidence", [{"strength": 3}, {"strength": 4}, {"strength": "NE"}])
def test_5_no_resistance_against_a_muscle_that_cannot_complete_its_range(evidence) -> None:
    found = findings({"right_knee": {**evidence, "muscle_atrophy": 2}})
    draft = draft_plan(DraftInput(derive_problems(found), 12, "A"))
    _no_item_loads(draft, "right_knee", {"resist", "closed_chain"})


def test_5_a_manual_muscle_test_below_3_blocks_resistance_and_3_allows_it() -> None:
    found = findings({"right_knee": {"strength": 1, "muscle_atrophy": 1}})
    weak = ClinicalJudgements(muscle_test={"right_knee": {"extension": 2, "flexion": 4}})
    draft = draft_plan(DraftInput(derive_problems(found), 12, "A", judgements=weak))
    _no_item_loads(draft, "right_knee", {"resist", "closed_chain"})
    able = ClinicalJudgements(muscle_test={"right_knee": {"extension": 3}})
    ctx = context_for(DraftInput(derive_problems(found), 12, "A", judgements=able), SETTINGS)
    band = LIB.get("knee_band_seated_extension")
    assert band is not None and contraindications(band, "right", ctx) == ()


def test_5_pain_through_the_range_keeps_the_joint_at_isometrics_and_range() -> None:
    found = findings({"left_ankle": {"joint_pain": 2, "strength": 1, "extension_loss": 1}})
    draft = draft_plan(DraftInput(derive_problems(found), 12, "A"))
    for item in _items(draft):
        assert _modes(item, "left_ankle") <= {"isometric", "move"}, item.exercise_id


def test_5_a_severer_deficit_never_gets_heavier_loading_or_more_picks() -> None:
    def drafted(strength: int):
        found = findings({"left_elbow": {"strength": strength, "muscle_atrophy": 1}})
        draft = draft_plan(DraftInput(derive_problems(found), 12, "A"))
        modes = set().union(*(_modes(i, "left_elbow") for i in _items(draft)))
        picks = [i for i in draft.hospital_session.items if "left_elbow.weakness" in i.targets]
        return modes, len(picks)

    mild_modes, mild_picks = drafted(1)
    severe_modes, severe_picks = drafted(3)
    assert severe_modes <= mild_modes
    assert severe_picks <= mild_picks


# 6. Closed-chain and body-weight work is not guarded by swelling --------------------------


CLOSED_CHAIN = {
    "knee_mini_squat",
    "knee_step_up",
    "knee_sit_to_stand",
    "ankle_standing_heel_raise",
    "gait_stairs",
}


@pytest.mark.parametrize("joint", ["left_knee", "right_ankle"])
@pytest.mark.parametrize("guard", ["swelling", "synovitis"])
def test_6_closed_chain_body_weight_work_carries_the_swelling_and_synovitis_guard(
    joint: str, guard: str
) -> None:
    items = {"strength": 1, "muscle_atrophy": 1}
    if guard == "swelling":
        items["swelling"] = 1
    scan = {joint: us_joint(synovial_hyperplasia=1)} if guard == "synovitis" else None
    found = findings({joint: items}, gait=1, ultrasound=scan)
    data = DraftInput(derive_problems(found), 12, "A")
    draft = draft_plan(data)
    _no_item_loads(draft, joint, {"closed_chain", "resist"})
    ctx = context_for(data, SETTINGS)
    for exercise_id in CLOSED_CHAIN:
        exercise = LIB.get(exercise_id)
        assert exercise is not None
        if "closed_chain" in exercise.loads.get(joint.split("_")[1], ()):
            rules = {r.rule for r in contraindications(exercise, None, ctx)}
            assert ("CI-SWELLING" if guard == "swelling" else "CI-SYNOVITIS") in rules


# 7. After an iliopsoas clearance every protection ends at once ----------------------------


def test_7_clearance_starts_a_graded_return_of_the_hip_not_full_loading() -> None:
    knees = findings({"left_knee": {"extension_loss": 1}}, gait=1)
    data = DraftInput(
        derive_problems(knees),
        10,
        "A",
        bleeds=(psoas_bleed(24 * 8, side="left"),),
        as_of=AS_OF,
        psoas_cleared=True,
    )
    draft = draft_plan(data)
    assert {(r.site, r.phase) for r in draft.restrictions} == {
        ("left_hip", 2),
        ("left_iliopsoas", 2),
    }
    drafted = {(i.exercise_id, i.side) for i in _items(draft)}
    assert ("knee_prone_lying_extension", "left") not in drafted
    assert not {e for e, _ in drafted} & {"knee_single_leg_stance", "knee_mini_squat"}
    _no_item_loads(draft, "left_iliopsoas", {"stretch", "bear", "closed_chain", "resist"})
    _no_item_loads(draft, "left_hip", {"stretch", "bear", "closed_chain", "resist", "balance"})


def test_7_prone_lying_carries_a_psoas_caution_once_it_is_allowed_again() -> None:
    knees = findings({"left_knee": {"extension_loss": 1}})
    data = DraftInput(
        derive_problems(knees),
        10,
        "A",
        bleeds=(psoas_bleed(24 * 20, side="left"),),
        as_of=AS_OF,
        psoas_cleared=True,
        return_phases={"left_iliopsoas": 4},
        judgements=ClinicalJudgements(end_feel={"left_knee": {"extension": "soft"}}),
    )
    ctx = context_for(data, SETTINGS)
    prone = LIB.get("knee_prone_lying_extension")
    assert prone is not None and contraindications(prone, "left", ctx) == ()
    from hemorehab.clinical.plan.rules import cautions

    (caution,) = cautions(prone, "left", ctx)
    assert (caution.rule, caution.params["site"]) == ("CAUTION-PSOAS-PRONE", "left_iliopsoas")


# 8. Cold-pack time is inflated to fill the block -----------------------------------------


def test_8_cold_keeps_its_own_dose_and_the_family_sees_every_dose() -> None:
    found = findings({"left_knee": {"swelling": 2}})
    draft = draft_plan(DraftInput(derive_problems(found), 12, "A"))
    cold = [i for i in _items(draft) if "cold" in i.flags]
    assert cold
    for item in cold:
        assert item.minutes <= 15 and item.minutes == item.dosage.total_minutes
    for item in _items(draft):
        assert item.dosage.sets >= 1 and (item.dosage.reps or item.dosage.minutes)
    for session in (draft.hospital_session, draft.home_program.session):
        assert sum(b.minutes for b in session.blocks) + session.unfilled_minutes == session.minutes


def test_8_only_cold_and_rest_in_phase_one_leave_time_unfilled_rather_than_padded() -> None:
    draft = draft_plan(_healthy(bleeds=(joint_bleed("left_knee", 20),), as_of=AS_OF))
    main = next(b for b in draft.hospital_session.blocks if b.kind == "main")
    for item in main.items:
        if item.dosage.minutes is not None:
            assert item.minutes == item.dosage.total_minutes <= 15


# 9. Factor-level decision support overstates cover ----------------------------------------


def test_9_the_childs_real_regimen_reaches_the_engine_and_every_session_is_checked() -> None:
    weekly = Prophylaxis(1, (0,), 8.0, 25.0)
    draft = draft_plan(_healthy(prophylaxis=weekly))
    rules = [w.rule for w in draft.warnings]
    assert "PROPH-FREQUENCY" in rules
    homes = [s for s in draft.schedule.sessions if s.kind == "home"]
    assert len(homes) == 5 and all(s.level_iu_dl is not None for s in homes)
    low = [w for w in draft.warnings if w.rule == "SAFE-FACTOR-LEVEL"]
    assert low and all(w.params["kind"] in ("home", "hospital") for w in low)
    assert {w.params["kind"] for w in low} == {"home"}
    assert all(w.params["half_life"] == 9.6 and w.params["recovery"] == 1.55 for w in low)


def test_9_without_a_regimen_the_draft_says_it_cannot_place_or_check_sessions() -> None:
    assert [w.rule for w in draft_plan(_healthy()).warnings] == ["PROPH-MISSING"]


# 10. The program does not progress -----------------------------------------------------------


def test_10_the_week_dose_progresses_at_home_and_in_hospital_and_steps_back_after_a_bleed() -> None:
    found = findings({"right_knee": {"strength": 1, "extension_loss": 1}})
    clean, bled = WeekReport(False, False, 5, 5), WeekReport(False, True, 5, 5)

    def quad(history):
        draft = draft_plan(DraftInput(derive_problems(found), 12, "A", history=history))
        hospital = next(i for i in draft.hospital_session.items if i.exercise_id == "knee_quad_set")
        home = next(i for i in draft.home_program.session.items if i.exercise_id == "knee_quad_set")
        return draft.week, hospital.dosage, home.dosage

    week1, hospital1, home1 = quad(())
    week5, hospital5, home5 = quad((clean,) * 4)
    week6, hospital6, home6 = quad((clean,) * 4 + (bled,))
    assert (week1.fraction, week5.fraction, week6.fraction) == (0.25, 0.75, 0.625)
    assert hospital1.level == 1 and hospital5.level == 2 and hospital6.level == 2
    assert home1.reps >= SETTINGS.home_min_reps

    def volume(dose) -> int:
        return dose.sets * dose.reps

    assert volume(home5) > volume(home1) and volume(home6) <= volume(home5)
    assert volume(home5) <= volume(hospital5) and home5.reps <= hospital5.reps


def test_10_home_doses_are_never_trivial_and_never_above_the_hospital_dose() -> None:
    found = findings({"left_ankle": {"strength": 1, "extension_loss": 1}}, gait=1)
    draft = draft_plan(DraftInput(derive_problems(found), 9, "A"))
    hospital = {(i.exercise_id, i.side): i.dosage for i in draft.hospital_session.items}
    for item in draft.home_program.session.items:
        dose, full = item.dosage, hospital[(item.exercise_id, item.side)]
        if dose.reps is not None:
            assert min(full.reps, SETTINGS.home_min_reps) <= dose.reps <= full.reps


# 11. Target joints, prophylaxis adequacy, no findings, old history -------------------------


def test_11_a_target_joint_gets_no_impact_work_and_a_warning() -> None:
    knee = findings({"left_knee": {"strength": 1}}, gait=1)
    data = DraftInput(
        derive_problems(knee),
        14,
        "A",
        bleeds=tuple(joint_bleed("left_knee", h) for h in (24 * 90, 24 * 60, 24 * 35)),
        as_of=AS_OF,
    )
    draft = draft_plan(data)
    assert ("TARGET-JOINT", "left_knee") in {(w.rule, w.params.get("site")) for w in draft.warnings}
    _no_item_loads(draft, "left_knee", {"impact"})
    jumps = LIB.get("gait_small_jumps_late")
    assert jumps is not None
    rules = [r.rule for r in contraindications(jumps, None, context_for(data, SETTINGS))]
    assert "CI-TARGET-JOINT" in rules
    assert "target_joint" in {e.kind for e in draft.education}


def test_11_a_child_without_findings_gets_no_indication_and_a_general_activity_program() -> None:
    draft = draft_plan(_healthy())
    assert draft.indication == "none"
    assert draft.indication_note is not None and draft.indication_note.rule == "NO-INDICATION"
    main = next(b for b in draft.hospital_session.blocks if b.kind == "main")
    assert main.items and all("general_activity" in i.targets for i in main.items)
    assert draft.goals == ()


def test_11_a_bleed_entered_as_old_history_opens_no_phase() -> None:
    draft = draft_plan(_healthy(bleeds=(joint_bleed("left_ankle", 24 * 45),), as_of=AS_OF))
    assert draft.restrictions == () and draft.indication == "none"

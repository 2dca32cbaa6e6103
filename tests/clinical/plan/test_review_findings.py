"""The second clinical review of the plan engine (issue 8): every high and medium finding,
pinned by the review's own child (tests/data/plan_review_cases.json, read through the
command line's input reader). The tests assert the safety property or the behaviour the
clinician expected, not an exercise list; what an item loads is read from the library's
declarations and from the independent statement of load_statement.py together.
"""

from __future__ import annotations

import dataclasses
import math

import pytest

from hemorehab.clinical import sites
from hemorehab.clinical.exercises import builtin_library
from hemorehab.clinical.plan import PlanSettings, SafetySettings
from hemorehab.clinical.plan.plan_json import plan_json
from tests.clinical.plan.load_statement import stated_loads
from tests.clinical.plan.review_cases import names, review_draft

LIB = builtin_library()
SETTINGS = PlanSettings()
END_RANGE = {"stretch", "assist"}
WEIGHT = {"bear", "closed_chain", "balance", "impact"}
ANY = {"isometric", "move", "assist", "bear", "compress", "closed_chain", "resist", "stretch"}
ANY |= {"traction", "balance", "impact"}


def _items(draft):
    items = list(draft.hospital_session.items + draft.home_program.session.items)
    if draft.home_program.split:
        items += [i for part in draft.home_program.split.blocks for i in part.items]
    return items


def _loads(item) -> tuple[set[tuple[str, str]], dict[str, set[str]]]:
    exercise = LIB.get(item.exercise_id)
    assert exercise is not None
    pairs, directions = stated_loads(exercise, item.side)
    pairs |= set(exercise.site_loads(item.side))
    for site, _mode in pairs:
        directions.setdefault(site, set()).update(exercise.directions_at(site))
    return pairs, directions


def _modes(item, site: str) -> set[str]:
    return {mode for s, mode in _loads(item)[0] if s == site}


def _no_item_loads(draft, site: str, modes: set[str]) -> None:
    for item in _items(draft):
        assert not _modes(item, site) & modes, (item.exercise_id, item.side, site)


def _excluded(draft, exercise_id: str, side: str | None) -> tuple[str, ...]:
    found = [e for e in draft.excluded if (e.exercise_id, e.side) == (exercise_id, side)]
    assert found, (exercise_id, side)
    return found[0].rules


# H1: no overpressure against a hard end-feel, whatever the exercise calls itself ----------


@pytest.mark.parametrize(
    ("case", "joint", "direction", "towel"),
    [
        ("f4_hard_ankle_pain", "left_ankle", "extension", "ankle_towel_dorsiflexion"),
        ("f4_hard_knee_flex", "left_knee", "flexion", "knee_towel_assisted_flexion"),
    ],
)
def test_h1_nothing_takes_a_joint_toward_its_hard_end_feel(case, joint, direction, towel) -> None:
    draft = review_draft(case)
    for item in _items(draft):
        pairs, directions = _loads(item)
        if {(joint, m) for m in END_RANGE} & pairs:
            assert direction not in directions[joint], (item.exercise_id, item.side)
        assert (joint, "traction") not in pairs
    assert "CI-HARD-END-FEEL" in _excluded(draft, towel, "left")


def test_h1_an_unrecorded_end_feel_on_a_damaged_knee_keeps_towel_and_parent_out() -> None:
    """f4_hard_knee: extension hard, flexion not recorded with flexion loss 2 and crepitus 2."""
    draft = review_draft("f4_hard_knee")
    for item in _items(draft):
        assert not _modes(item, "left_knee") & (END_RANGE | {"traction"}), item.exercise_id
    assert "CI-END-FEEL-MISSING" in _excluded(draft, "knee_towel_assisted_flexion", "left")


# H2: prone lying loads both hips ----------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "protected", "prone_side"),
    [
        ("f7_psoas_not_cleared", "left", "right"),
        ("hip_bleed_prone_other", "left", "right"),
        ("f7_right_psoas_left_prone", "right", "left"),
    ],
)
def test_h2_no_prone_lying_while_either_hip_or_psoas_must_not_extend(
    case, protected, prone_side
) -> None:
    draft = review_draft(case)
    for site in (f"{protected}_hip", f"{protected}_iliopsoas"):
        _no_item_loads(draft, site, {"stretch"})
    assert ("knee_prone_lying_extension", prone_side) not in {
        (i.exercise_id, i.side) for i in _items(draft)
    }
    rules = _excluded(draft, "knee_prone_lying_extension", prone_side)
    assert set(rules) & {"CI-PSOAS", "CI-BLEED-PHASE"}


# H3: an uncleared iliopsoas bleed never becomes history -------------------------------------


def test_h3_an_iliopsoas_bleed_forty_days_old_without_clearance_still_blocks_the_leg() -> None:
    draft = review_draft("f7_psoas_40d_not_cleared")
    ((site, awaiting),) = [(r.site, r.awaiting_clearance) for r in draft.restrictions]
    assert (site, awaiting) == ("left_iliopsoas", True)
    for leg_site in sites.limb_sites("left", "lower"):
        _no_item_loads(draft, leg_site, ANY - {"compress"})
    (due,) = [w for w in draft.warnings if w.rule == "PSOAS-CLEARANCE-DUE"]
    assert (due.params["site"], due.params["days"]) == ("left_iliopsoas", 40)
    assert ("crutches", "left_iliopsoas") in {(d.kind, d.joint) for d in draft.devices}


def test_h3_an_old_iliopsoas_bleed_a_physician_cleared_is_history() -> None:
    draft = review_draft("f7_psoas_old_cleared")
    assert draft.restrictions == ()
    assert "PSOAS-CLEARANCE-DUE" not in {w.rule for w in draft.warnings}


# H4: a bled muscle is protected whatever the exercise declares for it -----------------------


@pytest.mark.parametrize(
    ("case", "sites_at_rest", "named"),
    [
        (
            "c_gluteal_gait",
            ("left_gluteal", "left_hip"),
            {"warm_up_supine_cycling", "posture_sitting"},
        ),
        ("f1_calf_48h", ("left_calf", "left_knee", "left_ankle"), {"warm_up_supine_cycling"}),
        ("f2_shoulder_20h", ("right_shoulder", "right_deltoid"), {"warm_up_marching"}),
    ],
)
def test_h4_phase_one_moves_loads_and_sits_on_nothing_of_the_bled_muscle(
    case, sites_at_rest, named
) -> None:
    """The review's items: air cycling and sitting with a gluteal bleed, air cycling with a
    calf bleed, marching with arm swing after a shoulder bleed."""
    draft = review_draft(case)
    for site in sites_at_rest:
        _no_item_loads(draft, site, ANY)
    assert not {i.exercise_id for i in _items(draft)} & named


# H5: no padding: every item lasts what its own dose takes ----------------------------------


def _dose_minutes(dose) -> int:
    """Stated again here: a repetition lasts about 4 s plus its hold, 30 s between sets."""
    if dose.minutes is not None:
        return dose.sets * dose.minutes
    seconds = dose.sets * (dose.reps or 1) * (4 + (dose.hold_s or 0)) + (dose.sets - 1) * 30
    return max(1, math.ceil(seconds / 60))


@pytest.mark.parametrize("case", ["site_iliopsoas_2", "site_calf_2", "site_hamstrings_4"])
def test_h5_a_repetition_item_is_never_stretched_to_fill_the_session(case) -> None:
    draft = review_draft(case)
    for session in (draft.hospital_session, draft.home_program.session):
        for item in session.items:
            assert item.minutes == _dose_minutes(item.dosage), item.exercise_id
            assert item.minutes <= 15
        filled = sum(b.minutes for b in session.blocks)
        assert filled + session.unfilled_minutes == session.minutes
        assert session.unfilled_minutes > 0 and session.unfilled is not None


@pytest.mark.parametrize("case", names())
def test_h5_no_review_child_gets_a_padded_item(case) -> None:
    draft = review_draft(case)
    for item in _items(draft):
        assert item.minutes == _dose_minutes(item.dosage), (case, item.exercise_id)


# M1: blood in a joint on ultrasound is a bleed, and is not called synovitis -----------------


@pytest.mark.parametrize("case", ["f3_hemarthrosis_judged", "f3_effusion_us"])
def test_m1_blood_in_the_knee_opens_a_restriction_with_rest_cold_crutches_and_a_warning(
    case,
) -> None:
    draft = review_draft(case)
    (restriction,) = draft.restrictions
    assert (restriction.site, restriction.phase) == ("left_knee", 1)
    assert restriction.explanation.rule == "REST-BLOOD"
    assert "BLOOD-IN-JOINT" in {w.rule for w in draft.warnings}
    assert ("crutches", "left_knee") in {(d.kind, d.joint) for d in draft.devices}
    cared = {s for i in _items(draft) for s in LIB.get(i.exercise_id).cared_sites(i.side)}
    assert "left_knee" in cared and any("cold" in i.flags for i in _items(draft))
    _no_item_loads(draft, "left_knee", ANY)
    assert ("left_knee", "synovitis") not in {(p.joint, p.name) for p in draft.problems}


def test_m1_the_head_us_c_effusion_item_is_an_effusion_problem() -> None:
    draft = review_draft("f3_effusion_us")
    (problem,) = [p for p in draft.problems if p.name == "effusion"]
    assert (problem.joint, problem.evidence[0].item) == ("left_knee", "effusion")
    reason = plan_json(draft, "zh-hans")["restrictions"][0]["reason"]
    assert "积血或积液" in reason and "滑膜炎" not in reason
    from hemorehab.clinical.plan.i18n import term

    assert term("effusion", "zh-hans") == "关节积液或积血"


# M2: a bleed now steps the program back now ------------------------------------------------


def test_m2_a_bleed_two_days_ago_steps_this_week_back_at_once() -> None:
    draft = review_draft("hist_clean_but_recent_bleed")
    assert (draft.week.week, draft.week.fraction) == (5, 0.625)
    assert draft.week.explanation.rule == "PROG-BACK-NOW"
    assert draft.week.explanation.params["previous"] == 75.0
    assert draft.week.level_step == 1  # two clean pairs made step 2; the bleed takes one back


# M4: sessions where the level is highest ---------------------------------------------------


def test_m4_once_weekly_sessions_follow_the_saturday_infusion() -> None:
    draft = review_draft("f9_A_once")
    days = {s.weekday for s in draft.schedule.sessions}
    assert days <= {5, 6, 0} and 6 in days  # Saturday, Sunday, Monday: not Tuesday-Friday


# M5: one session threshold, and honest factor IX defaults ----------------------------------


def test_m5_the_engine_and_the_center_share_one_threshold_default() -> None:
    from hemorehab.clinical.plan.settings import DEFAULT_SESSION_LEVEL_THRESHOLD

    assert SafetySettings().factor_threshold_iu_dl == DEFAULT_SESSION_LEVEL_THRESHOLD == 5.0
    default = review_draft("f9_B_twice")
    strict = dataclasses.replace(SETTINGS, safety=SafetySettings(factor_threshold_iu_dl=15.0))
    flagged = [s for s in review_draft("f9_B_twice", strict).schedule.sessions if s.below_threshold]
    assert len(flagged) > sum(s.below_threshold for s in default.schedule.sessions)


def test_m5_factor_ix_defaults_say_they_are_uncertain_and_name_no_fviii_study() -> None:
    from hemorehab.clinical.pk import pediatric_defaults

    fix = pediatric_defaults("IX")
    assert fix.confidence == "U"
    assert "uncertain" in fix.source_en and "不确定" in fix.source_zh
    assert "PMC7983998" not in fix.source_en
    assert "PMC7983998" in pediatric_defaults("VIII").source_en


# M6: an exercise is chosen for a joint it treats, not one it stands on -----------------------


@pytest.mark.parametrize("case", ["f6_swelling_ankle", "f11_target_ankle", "c_17y", "f4_hard_knee"])
def test_m6_every_pick_for_a_joint_works_that_joint(case) -> None:
    draft = review_draft(case)
    for item in draft.hospital_session.items:
        exercise = LIB.get(item.exercise_id)
        for key in item.targets:
            joint = key.split(".")[0]
            if joint not in sites.JOINT_SITES or exercise.category in (
                "gait_training",
                "weight_shifting",
                "posture_correction",
            ):
                continue
            worked = set(exercise.loads.get(joint.split("_", 1)[1], ())) - {"bear", "compress"}
            assert worked or joint.split("_", 1)[1] in exercise.protects, (item.exercise_id, key)


# M7, L10: one cold application a session, not a training dose ------------------------------


def test_m7_three_places_needing_cold_get_one_application_a_session() -> None:
    draft = review_draft("cold_triple")
    for session in (draft.hospital_session, draft.home_program.session):
        cold = [i for i in session.items if "cold" in i.flags]
        assert len(cold) == 1 and cold[0].minutes <= 15
        assert cold[0].exercise_id == "muscle_cold_elevation"  # the bled calf's, first
        assert len([w for w in session.left_out if w.rule == "SEL-COLD-ONCE"]) == 2


def test_m7_cold_rest_and_posture_stay_at_their_first_level_after_clean_weeks() -> None:
    draft = review_draft("cold_l2")
    assert draft.week.level_step >= 1
    for item in _items(draft):
        if "cold" in item.flags or item.category in ("protection", "posture_correction"):
            assert item.dosage.level == 1, item.exercise_id
    cold = [i for i in draft.hospital_session.items if "cold" in i.flags]
    assert cold and all(i.minutes == 10 for i in cold)


# M8: positions that load; two bled legs need a wheelchair -----------------------------------


def test_m8_no_sitting_posture_in_the_acute_phase_of_a_knee_bleed() -> None:
    draft = review_draft("hist_clean_but_recent_bleed")
    assert "posture_sitting" not in {i.exercise_id for i in _items(draft)}
    assert "CI-BLEED-PHASE" in _excluded(draft, "posture_sitting", None)


def test_m8_both_knees_bled_gets_a_wheelchair_not_two_pairs_of_crutches() -> None:
    draft = review_draft("c_bilateral_knees")
    kinds = [d.kind for d in draft.devices if d.kind in ("crutches", "wheelchair")]
    assert kinds == ["wheelchair"]


def test_m8_a_hip_and_psoas_bleed_on_one_leg_get_one_pair_of_crutches() -> None:
    draft = review_draft("c_hip_plus_psoas")
    crutches = [d for d in draft.devices if d.kind == "crutches"]
    assert len(crutches) == 1
    assert "left_hip, left_iliopsoas" in crutches[0].explanation.params["reason"]


# M9: phase 4 opens with partial weight-bearing and gait, not squats -----------------------


@pytest.mark.parametrize(
    "case", ["site_calf_4", "site_quadriceps_4", "site_knee_4", "site_ankle_4"]
)
def test_m9_phase_four_has_partial_weight_bearing_and_no_closed_chain_on_that_leg(case) -> None:
    draft = review_draft(case)
    for site in sites.limb_sites("left", "lower"):
        _no_item_loads(draft, site, {"closed_chain", "balance", "impact"})
    assert [d.kind for d in draft.devices if "crutches" in d.kind] == ["crutches_partial"]
    assert any("weight_bearing" in i.flags for i in _items(draft))


# M10: NE for swelling or pain is not "no swelling, no pain" ----------------------------------


def test_m10_swelling_and_pain_not_evaluable_keep_resisted_and_closed_chain_work_off() -> None:
    draft = review_draft("ne_swelling_pain")
    _no_item_loads(draft, "left_knee", {"closed_chain", "resist", "stretch", "bear"})
    assert "CI-NOT-ASSESSED" in {r for e in draft.excluded for r in e.rules}


# M11: not assessed is not "no findings"; a general program keeps its dose -------------------


def test_m11_a_child_with_no_assessment_gets_no_plan_and_is_told_why() -> None:
    draft = review_draft("f11_nothing")
    assert draft.indication == "not_assessed"
    assert _items(draft) == []
    assert draft.indication_note is not None and draft.indication_note.rule == "NOT-ASSESSED"


def test_m11_the_general_program_keeps_its_full_dose_at_home_and_no_pool() -> None:
    draft = review_draft("f11_no_findings")
    assert draft.indication == "none"
    hospital = {i.exercise_id: i.dosage for i in draft.hospital_session.items}
    home = [i for i in draft.home_program.session.items if "general_activity" in i.targets]
    assert home and all(i.dosage.minutes == hospital[i.exercise_id].minutes for i in home)
    assert "aerobic_water_play" not in {i.exercise_id for i in home}


# M12: a regimen that cannot be checked is said to be so ------------------------------------


@pytest.mark.parametrize(
    ("case", "rule"), [("f9_A_nodays", "PROPH-NO-DAYS"), ("ondemand", "PROPH-ON-DEMAND")]
)
def test_m12_no_weekdays_or_on_demand_is_warned(case, rule) -> None:
    draft = review_draft(case)
    assert rule in {w.rule for w in draft.warnings}
    assert draft.schedule.sessions == ()


# low findings that were cheap and clearly right ---------------------------------------------


def test_l3_l4_traction_needs_an_end_feel_in_the_direction_of_the_loss() -> None:
    """f4_partial_ankle: extension loss 3, only flexion recorded: no traction, and the reason
    names the direction (never "any")."""
    draft = review_draft("f4_partial_ankle")
    _no_item_loads(draft, "left_ankle", {"traction"})
    reasons = [
        r
        for e in draft.excluded
        if e.exercise_id == "ankle_gentle_traction"
        for r in e.reasons
        if r.rule == "CI-END-FEEL-MISSING"
    ]
    assert reasons and reasons[0].params["direction"] == "extension"
    assert all("any" not in r.text for e in draft.excluded for r in e.reasons)


def test_l11_raising_a_problem_threshold_never_weakens_the_swelling_guard() -> None:
    from hemorehab.clinical.plan import DraftInput, ProblemThresholds, derive_problems, draft_plan
    from tests.clinical.plan.builders import findings

    thresholds = ProblemThresholds(hjhs={**ProblemThresholds().hjhs, "swelling": 2})
    config = dataclasses.replace(SETTINGS, thresholds=thresholds)
    found = findings({"left_knee": {"swelling": 1, "strength": 1}}, gait=1)
    draft = draft_plan(DraftInput(derive_problems(found, thresholds), 12, "A"), config)
    assert not any(p.name == "swelling" for p in draft.problems)
    _no_item_loads(draft, "left_knee", {"resist", "closed_chain", "balance", "impact"})
    assert "CI-SWELLING" in {r for e in draft.excluded for r in e.rules}

"""The plan as the therapist, the family and the API see it: this week's dose of every item,
the week's intensity, paused items in plain words, the library's review status; and the
clinical judgements recorded in the app (end-feel, synovitis activity, effusion, the child's
regimen) reaching the engine."""

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hemorehab.accounts.login import issue_token
from hemorehab.assessments.models import PhysicalMeasure
from hemorehab.care.models import ProphylaxisRegimen
from hemorehab.patients.models import Enrollment, Screening
from hemorehab.rehab import plans
from hemorehab.rehab.models import HomeSession, RehabPlan
from tests.assessments.helpers import hjhs_post
from tests.personas import FVIII, factor_product

CODE = re.compile(r"\b(left|right)_[a-z_]+\b|CI-[A-Z-]+|>=")


@pytest.fixture
def knee_child(client, personas):
    """A1 with a weak, flexion-limited left knee recorded by the therapist."""
    client.force_login(personas.therapist_a)
    day = (personas.center_a.today() - datetime.timedelta(days=2)).isoformat()
    findings = {"left_knee__strength": "1", "left_knee__flexion_loss": "1"}
    response = client.post(
        reverse("assessments:new", args=[personas.a1.pk, "hjhs"]), hjhs_post(day, findings)
    )
    assert response.status_code == 302
    return personas.a1


def approve(client, personas, child) -> RehabPlan:
    client.force_login(personas.therapist_a)
    client.post(reverse("rehab:plan_draft", args=[child.pk]))
    plan = RehabPlan.objects.filter(patient=child).order_by("-number").first()
    client.post(reverse("rehab:plan_approve", args=[child.pk, plan.pk]))
    plan.refresh_from_db()
    assert plan.status == "approved"
    return plan


def enroll(personas, child, weeks_ago: int) -> datetime.date:
    start = personas.center_a.today() - datetime.timedelta(weeks=weeks_ago)
    screening = Screening.objects.create(
        patient=child, screened_on=start, recorded_by=personas.hematologist_a
    )
    Enrollment.objects.create(
        patient=child, screening=screening, start_date=start, enrolled_by=personas.hematologist_a
    )
    return start


def clean_weeks(personas, child, start: datetime.date, weeks: int) -> None:
    for week in range(weeks):
        for day in range(5):
            HomeSession.objects.create(
                patient=child,
                done_on=start + datetime.timedelta(days=7 * week + day),
                minutes=45,
                recorded_by=personas.guardian_a1,
            )


def test_the_plan_page_shows_this_weeks_dose_and_intensity_as_weeks_go_by(
    client, personas, knee_child
):
    plan = approve(client, personas, knee_child)
    page = client.get(reverse("rehab:plan", args=[knee_child.pk, plan.pk]))
    week1 = page.context["week"]
    assert (week1["week"], week1["intensity_percent"]) == (1, 25.0)
    quad = next(
        i
        for b in week1["home_program"]["blocks"]
        for i in b["items"]
        if i["exercise_id"] == "knee_quad_set"
    )
    # a quarter of the hospital's 2 x 10: one set of 5, hold as in hospital
    assert (quad["sets"], quad["reps"], quad["hold_seconds"], quad["level"]) == (1, 5, 5, 1)
    body = page.content.decode()
    assert "1 set × 5 repetitions, hold 5 s" in body
    assert "Pending clinical review" in body
    start = enroll(personas, knee_child, weeks_ago=3)
    clean_weeks(personas, knee_child, start, 3)
    week4 = client.get(reverse("rehab:plan", args=[knee_child.pk, plan.pk])).context["week"]
    assert (week4["week"], week4["intensity_percent"], week4["hospital_level_step"]) == (
        4,
        62.5,
        1,
    )
    quad4 = next(
        i
        for b in week4["hospital_session"]["blocks"]
        for i in b["items"]
        if i["exercise_id"] == "knee_quad_set"
    )
    assert (quad4["level"], quad4["sets"], quad4["reps"]) == (2, 3, 10)


def test_the_family_sees_doses_and_paused_items_in_plain_words_without_codes(
    client, personas, knee_child
):
    plan = approve(client, personas, knee_child)
    client.force_login(personas.guardian_a1)
    onset = (timezone.localtime() - datetime.timedelta(days=4)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("assessments:new", args=[knee_child.pk, "bleed"]),
        {"onset": onset, "site_kind": "joint", "site": "left_knee", "cause": "spontaneous"},
    )
    page = client.get(reverse("rehab:plan", args=[knee_child.pk, plan.pk]))
    body = page.content.decode()
    visible = re.sub(r"<[^>]+>", " ", body)
    assert "Paused while the left knee recovers from a bleed (step 1 of 4)." in visible
    assert "sets ×" in visible and "Pending clinical review" in visible
    assert not CODE.search(visible), CODE.search(visible)
    assert "Left out, and why" not in visible and "Problems found" not in visible
    program = client.get(reverse("rehab:program", args=[knee_child.pk])).content.decode()
    assert not CODE.search(re.sub(r"<[^>]+>", " ", program))


def test_the_family_page_is_in_chinese_with_chinese_doses(client, personas, knee_child):
    plan = approve(client, personas, knee_child)
    personas.guardian_a1.language = "zh-hans"
    personas.guardian_a1.save()
    family = Client()
    family.force_login(personas.guardian_a1)
    body = family.get(reverse("rehab:plan", args=[knee_child.pk, plan.pk])).content.decode()
    assert "本周：第 1 周" in body
    assert "1 组 × 每组 5 次，保持 5 秒" in body
    assert "待临床审核" in body
    assert "强度为医院训练水平的 25%" in body and "倍" not in body
    assert "股四头肌" in body


def test_the_api_gives_the_weeks_plan_to_the_family_and_the_team(client, personas, knee_child):
    approve(client, personas, knee_child)
    for user, family in ((personas.guardian_a1, True), (personas.therapist_a, False)):
        token, _ = issue_token(user)
        response = Client().get(
            f"/api/v1/patients/{knee_child.pk}/plan", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200
        data = response.json()
        assert (data["week"], data["intensity"], data["version"]) == (1, 0.25, 1)
        assert "pending clinical review" in data["library_status"].lower()
        items = [i for b in data["home_program"]["blocks"] for i in b["items"]]
        assert items and all(
            {"sets", "reps", "hold_seconds", "minutes", "level"} <= set(i) for i in items
        )
        assert all(i["loads"] == [] for i in items) == family
    token, _ = issue_token(personas.guardian_b1)
    outsider = Client().get(
        f"/api/v1/patients/{knee_child.pk}/plan", headers={"Authorization": f"Bearer {token}"}
    )
    assert outsider.status_code == 404


def test_no_approved_plan_is_a_404_over_the_api(personas, knee_child):
    token, _ = issue_token(personas.therapist_a)
    response = Client().get(
        f"/api/v1/patients/{knee_child.pk}/plan", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404


# clinical judgements recorded in the app reach the engine ---------------------------------


def test_a_hard_end_feel_recorded_with_goniometry_keeps_the_stretch_out(
    client, personas, knee_child
):
    client.force_login(personas.therapist_a)
    url = reverse("assessments:new", args=[knee_child.pk, "measure"])
    day = personas.center_a.today().isoformat()
    refused = client.post(
        url,
        {
            "measured_on": day,
            "kind": "muscle_test",
            "site": "left_knee",
            "detail": "flexion",
            "value": "4",
            "end_feel": "hard",
        },
    )
    assert "The end-feel is recorded with goniometry only." in refused.content.decode()
    missing = client.post(
        url, {"measured_on": day, "kind": "goniometry", "site": "", "detail": "", "value": "120"}
    )
    body = missing.content.decode()
    assert "Choose the joint this measure was taken at." in body
    assert "Choose the direction of motion (flexion or extension)." in body
    assert not PhysicalMeasure.objects.exists()
    saved = client.post(
        url,
        {
            "measured_on": day,
            "kind": "goniometry",
            "site": "left_knee",
            "detail": "flexion",
            "value": "120",
            "end_feel": "hard",
        },
    )
    assert saved.status_code == 302
    judged = plans.judgements_for(knee_child)
    assert judged.end_feel == {"left_knee": {"flexion": "hard"}}
    ctx = plans.context(knee_child)
    assert any(g.rule == "CI-HARD-END-FEEL" for g in ctx.guards["left_knee"])


def test_synovitis_activity_and_effusion_recorded_in_the_forms_reach_the_engine(
    client, personas, knee_child
):
    client.force_login(personas.therapist_a)
    day = personas.center_a.today().isoformat()
    data = hjhs_post(day, {"left_knee__strength": "1", "left_knee__synovitis": "active"})
    assert (
        client.post(reverse("assessments:new", args=[knee_child.pk, "hjhs"]), data).status_code
        == 302
    )
    client.force_login(personas.ultrasound_a)
    scan = {"assessed_on": day, "timepoint": "baseline", "notes": "", "left_knee__examined": "on"}
    for item in (
        "effusion",
        "synovial_hyperplasia",
        "synovial_vascularity",
        "hemosiderin",
        "fibrous_septa",
        "cartilage",
        "bone",
    ):
        scan[f"left_knee__{item}"] = "0"
    scan["left_knee__fluid"] = "hemarthrosis"
    response = client.post(reverse("assessments:new", args=[knee_child.pk, "ultrasound"]), scan)
    assert response.status_code == 302, re.findall(
        r'class="error">([^<]*)', response.content.decode()
    )
    judged = plans.judgements_for(knee_child)
    assert judged.active_synovitis == {"left_knee": 1}
    assert judged.effusion == {"left_knee": "hemarthrosis"}
    rules = {g.rule for g in plans.context(knee_child).guards["left_knee"]}
    assert {"CI-SYNOVITIS", "CI-HEMARTHROSIS"} <= rules


def test_the_childs_actual_regimen_reaches_the_draft(client, personas, knee_child):
    product = factor_product(personas.center_a, "Octo SHL", FVIII, vials=(250, 500))
    ProphylaxisRegimen.objects.create(
        patient=knee_child,
        number=1,
        effective_from=personas.center_a.today() - datetime.timedelta(days=30),
        product=product,
        dose_iu_per_kg=Decimal("20"),
        weekdays=[0],
        infusion_time=datetime.time(8, 0),
        basis_weight_kg=Decimal("25"),
        dose_iu=500,
        vials=[500],
        prescribed_by=personas.hematologist_a,
    )
    regimen = plans.draft_input(knee_child).prophylaxis
    assert (regimen.infusions_per_week, regimen.weekdays, regimen.iu_per_kg) == (1, (0,), 20.0)
    plan = approve(client, personas, knee_child)
    rules = [w["rule"] for w in plan.content["warnings"]]
    assert "PROPH-FREQUENCY" in rules and "SAFE-FACTOR-LEVEL" in rules


def test_the_bleed_form_offers_sites_from_the_one_list_and_refuses_a_typed_code(
    client, personas, knee_child
):
    client.force_login(personas.guardian_a1)
    url = reverse("assessments:new", args=[knee_child.pk, "bleed"])
    form = client.get(url).content.decode()
    assert 'value="left_wrist"' in form and 'value="right_calf"' in form
    assert "Left calf (gastrocnemius/soleus)" in form
    onset = (timezone.localtime() - datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    wrong = client.post(
        url, {"onset": onset, "site_kind": "muscle", "site": "left_knee", "cause": "spontaneous"}
    )
    assert "Choose the muscle from the list." in wrong.content.decode()
    other = client.post(
        url,
        {
            "onset": onset,
            "site_kind": "other",
            "site": "",
            "other_site": "gum",
            "cause": "traumatic",
        },
    )
    assert other.status_code == 302
    assert knee_child.bleeds.get().site == "gum"


def test_a_joint_the_team_designated_as_target_gets_the_target_joint_rules(personas, knee_child):
    from hemorehab.patients.models import PatientJoint

    PatientJoint.objects.create(patient=knee_child, joint="left_knee", is_target=True)
    ctx = plans.context(knee_child)
    assert ctx.target_joints == ("left_knee",)
    assert any(g.rule == "CI-TARGET-JOINT" for g in ctx.guards["left_knee"])


# the second review: words, weeks and minutes as a family reads them ------------------------


def test_a_bleed_this_week_steps_the_dose_back_now_not_next_week(client, personas, knee_child):
    """Review M2: the family page kept the week's dose after a bleed until the week ended."""
    plan = approve(client, personas, knee_child)
    start = enroll(personas, knee_child, weeks_ago=3)
    clean_weeks(personas, knee_child, start, 3)
    before = client.get(reverse("rehab:plan", args=[knee_child.pk, plan.pk])).context["week"]
    assert (before["week"], before["intensity_percent"], before["hospital_level_step"]) == (
        4,
        62.5,
        1,
    )
    client.force_login(personas.guardian_a1)
    zone = ZoneInfo(personas.center_a.time_zone)  # the form reads the center's local time
    onset = timezone.localtime(timezone=zone).strftime("%Y-%m-%dT%H:%M")  # today, this week
    client.post(
        reverse("assessments:new", args=[knee_child.pk, "bleed"]),
        {"onset": onset, "site_kind": "muscle", "site": "right_calf", "cause": "spontaneous"},
    )
    after = client.get(reverse("rehab:plan", args=[knee_child.pk, plan.pk])).context["week"]
    assert (after["week"], after["intensity_percent"], after["hospital_level_step"]) == (4, 50.0, 0)


def test_after_the_twelve_weeks_the_page_says_the_program_is_over_not_week_13(
    client, personas, knee_child
):
    """Review M13: "This week: week 13" of a 12-week program."""
    plan = approve(client, personas, knee_child)
    start = enroll(personas, knee_child, weeks_ago=13)
    clean_weeks(personas, knee_child, start, 12)
    client.force_login(personas.guardian_a1)
    page = client.get(reverse("rehab:plan", args=[knee_child.pk, plan.pk]))
    week = page.context["week"]
    assert (week["week"], week["program_over"], week["intensity_percent"]) == (12, True, 75.0)
    body = page.content.decode()
    assert "The 12-week program is over" in body and "week 13" not in body
    program = client.get(reverse("rehab:program", args=[knee_child.pk])).content.decode()
    assert "week 13" not in program.lower()


def _explained(rule: str, bled_site: str):
    from hemorehab.clinical.plan.explain import explain

    return explain(
        rule,
        exercise="warm_up_marching",
        category="warm_up",
        site="left_knee",
        modes="bear",
        bled_site=bled_site,
        phase=1,
        hours=30.0,
        allowed="none",
    )


def test_doses_and_paused_reasons_read_naturally_in_english_and_chinese() -> None:
    """Review M13: "3 sets × 1 repetitions", "1 sets", Latin muscle names, "。; "."""
    from django.utils import translation

    from hemorehab.clinical.plan import ClinicalJudgements, draft_plan
    from hemorehab.rehab import week_display
    from tests.clinical.plan.builders import archetype_b

    soft = ClinicalJudgements(end_feel={"right_knee": {"extension": "soft", "flexion": "soft"}})
    draft = draft_plan(archetype_b(judgements=soft))
    stretch = next(
        i for i in draft.hospital_session.items if i.dosage.reps == 1 and i.dosage.hold_s
    )
    home = next(
        i
        for i in draft.home_program.session.items
        if i.dosage.sets == 1 and i.dosage.reps and i.dosage.reps > 1
    )
    with translation.override("en"):
        assert week_display.dose_words(stretch) == "3 times, hold 20 s each"
        assert week_display.dose_words(home).startswith("1 set × ")
        assert "repetitions" in week_display.dose_words(home)
        reason = week_display.family_reason(_explained("CI-BLEED-PHASE", "left_calf"))
        assert reason == "Paused while the left calf recovers from a bleed (step 1 of 4)."
    with translation.override("zh-hans"):
        assert week_display.dose_words(stretch) == "3 次，每次保持 20 秒"
        assert week_display.dose_words(home).startswith("1 组 × 每组 ")
        reasons = [
            _explained("CI-LIMB-WEIGHT", "left_calf"),
            _explained("CI-BLEED-PHASE", "left_calf"),
        ]
        joined = week_display.joined_reasons(reasons, family=True)
        assert "。暂停" in joined and ";" not in joined and "; " not in joined


def test_a_blocks_minutes_are_those_of_the_items_the_child_may_do_today(
    client, personas, knee_child
):
    """Review low 13: paused items kept their minutes in "Main · 44 min"."""
    plan = approve(client, personas, knee_child)
    client.force_login(personas.guardian_a1)
    onset = (timezone.localtime() - datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("assessments:new", args=[knee_child.pk, "bleed"]),
        {"onset": onset, "site_kind": "joint", "site": "left_knee", "cause": "spontaneous"},
    )
    week = client.get(reverse("rehab:plan", args=[knee_child.pk, plan.pk])).context["week"]
    for session in (week["hospital_session"], week["home_program"]):
        items = [i for b in session["blocks"] for i in b["items"]]
        assert any(i["paused"] for i in items)
        for block in session["blocks"]:
            assert block["minutes"] == sum(i["minutes"] for i in block["items"] if not i["paused"])
        filled = sum(b["minutes"] for b in session["blocks"])
        assert filled + session["unfilled_minutes"] == session["minutes"]

"""Plans drafted from findings, approved by a therapist; bleeds pause exercises and notify."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hemorehab.accounts.login import issue_token
from hemorehab.assessments.models import HjhsAssessment
from hemorehab.rehab import plans
from hemorehab.rehab.models import JointRestriction, Notification, RehabPlan
from tests.assessments.helpers import hjhs_post


@pytest.fixture
def knee_child(client, personas):
    """A1 with a left-knee problem recorded at baseline by the therapist."""
    client.force_login(personas.therapist_a)
    day = (personas.center_a.today() - datetime.timedelta(days=2)).isoformat()
    findings = {
        "left_knee__swelling": "1",
        "left_knee__strength": "2",
        "left_knee__flexion_loss": "1",
    }
    response = client.post(
        reverse("assessments:new", args=[personas.a1.pk, "hjhs"]), hjhs_post(day, findings)
    )
    assert response.status_code == 302
    assert HjhsAssessment.objects.count() == 1
    return personas.a1


def approved_plan(client, personas, child):
    client.force_login(personas.therapist_a)
    client.post(reverse("rehab:plan_draft", args=[child.pk]))
    plan = RehabPlan.objects.get(patient=child)
    client.post(reverse("rehab:plan_approve", args=[child.pk, plan.pk]))
    plan.refresh_from_db()
    return plan


def knee_loading(plan):
    return {
        (item["exercise_id"], item["side"])
        for item in plans.planned_items(plan.content)
        if "left_knee" in item["loads"]
    }


def test_draft_is_hidden_from_the_family_until_approved(client, personas, knee_child):
    client.post(reverse("rehab:plan_draft", args=[knee_child.pk]))
    plan = RehabPlan.objects.get(patient=knee_child)
    assert plan.status == "draft"
    assert Notification.objects.filter(
        kind="plan_to_approve", recipient=personas.therapist_a
    ).exists()
    family = Client()
    family.force_login(personas.guardian_a1)
    assert family.get(reverse("rehab:plan", args=[knee_child.pk, plan.pk])).status_code == 404
    assert family.get(reverse("rehab:program", args=[knee_child.pk])).context["plan"] is None
    assert (
        family.post(reverse("rehab:plan_approve", args=[knee_child.pk, plan.pk])).status_code == 403
    )
    client.post(reverse("rehab:plan_approve", args=[knee_child.pk, plan.pk]))
    assert family.get(reverse("rehab:program", args=[knee_child.pk])).context["plan"].pk == plan.pk
    assert family.get(reverse("rehab:plan", args=[knee_child.pk, plan.pk])).status_code == 200


def test_left_knee_bleed_through_the_api_pauses_knee_loading_and_notifies(
    client, personas, knee_child
):
    plan = approved_plan(client, personas, knee_child)
    loading = knee_loading(plan)
    assert loading, "the knee plan should load the left knee"
    token, _ = issue_token(personas.guardian_a1)
    onset = (timezone.now() - datetime.timedelta(hours=3)).isoformat()
    response = Client().post(
        f"/api/v1/patients/{knee_child.pk}/bleeds",
        {"onset": onset, "site_kind": "joint", "site": "left_knee", "cause": "spontaneous"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201
    paused = {(item["exercise_id"], item["side"]) for item in plans.paused_exercises(knee_child)}
    assert loading <= paused
    restriction = JointRestriction.objects.get(patient=knee_child)
    assert (restriction.joint, restriction.phase) == ("left_knee", 1)
    told = set(
        Notification.objects.filter(kind="joint_bleed").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"hematologist_a", "therapist_a"}
    home = Client()
    home.force_login(personas.hematologist_a)
    page = home.get(reverse("patients:list")).content.decode()
    assert "Left knee bleed reported" in page


def test_joint_returns_by_criteria_not_days(client, personas, knee_child):
    approved_plan(client, personas, knee_child)
    client.force_login(personas.hematologist_a)
    client.post(
        reverse("assessments:new", args=[knee_child.pk, "bleed"]),
        {
            "onset": (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "site_kind": "joint",
            "site": "left_knee",
            "cause": "traumatic",
            "treatment": "",
            "notes": "",
        },
    )
    restriction = JointRestriction.objects.get(patient=knee_child)
    client.force_login(personas.therapist_a)
    url = reverse("rehab:restriction_review", args=[knee_child.pk, restriction.pk])
    client.post(url, {"pain_at_rest": "true", "baseline_swelling": "0"})
    restriction.refresh_from_db()
    assert restriction.phase == 1  # pain at rest: hold
    client.post(url, {"pain_at_rest": "false", "baseline_swelling": "0"})
    restriction.refresh_from_db()
    assert restriction.phase == 2
    assert restriction.last_decision["rule"] == "PHASE-ADVANCE"


def _report_bleed(client, child, site_kind, site, ago):
    return client.post(
        reverse("assessments:new", args=[child.pk, "bleed"]),
        {
            "onset": (timezone.localtime() - ago).strftime("%Y-%m-%dT%H:%M"),
            "site_kind": site_kind,
            "site": site,
            "cause": "spontaneous",
            "treatment": "",
            "notes": "",
        },
    )


def test_psoas_bleed_blocks_that_leg_until_a_physician_clears_it_then_returns_gradually(
    client, personas, knee_child
):
    plan = approved_plan(client, personas, knee_child)
    client.force_login(personas.hematologist_a)
    _report_bleed(client, knee_child, "muscle", "left_iliopsoas", datetime.timedelta(days=4))
    restriction = JointRestriction.objects.get(patient=knee_child)
    assert (restriction.joint, restriction.needs_physician_clearance) == ("left_iliopsoas", True)
    left_leg = {
        (item["exercise_id"], item["side"])
        for item in plans.planned_items(plan.content)
        if {"left_knee", "left_ankle", "left_hip"} & set(item["loads"])
    }
    paused = {(p["exercise_id"], p["side"]) for p in plans.paused_exercises(knee_child)}
    assert left_leg and left_leg <= paused
    assert Notification.objects.filter(kind="psoas_bleed").count() == 2
    client.force_login(personas.therapist_a)
    url = reverse("rehab:restriction_review", args=[knee_child.pk, restriction.pk])
    response = client.post(url, {"pain_at_rest": "false", "baseline_swelling": "0"})
    assert "Only a physician can clear a psoas bleed." in response.content.decode()
    client.force_login(personas.hematologist_a)
    client.post(url, {"pain_at_rest": "false", "baseline_swelling": "0", "physician_clears": "on"})
    restriction.refresh_from_db()
    # the clearance starts the graded return at phase 2; the restriction stays open
    assert (restriction.needs_physician_clearance, restriction.phase) == (False, 2)
    assert restriction.cleared_at is None
    ctx = plans.context(knee_child)
    assert (ctx.restrictions["left_iliopsoas"].phase, ctx.restrictions["left_hip"].phase) == (2, 2)
    assert not ctx.restrictions["left_iliopsoas"].awaiting_clearance


def test_a_bleed_entered_as_old_history_restricts_nothing_and_tells_nobody(
    client, personas, knee_child
):
    approved_plan(client, personas, knee_child)
    client.force_login(personas.hematologist_a)
    _report_bleed(client, knee_child, "joint", "left_knee", datetime.timedelta(days=60))
    _report_bleed(client, knee_child, "muscle", "right_calf", datetime.timedelta(days=45))
    assert not JointRestriction.objects.filter(patient=knee_child).exists()
    assert not Notification.objects.exclude(kind="plan_to_approve").exists()
    assert plans.paused_exercises(knee_child) == []


def test_an_old_iliopsoas_bleed_never_cleared_still_blocks_its_leg(client, personas, knee_child):
    """Review H3 (f7_psoas_40d_not_cleared): a psoas bleed 40 days old without a physician's
    clearance restricted nothing; the 28-day window is not for it."""
    plan = approved_plan(client, personas, knee_child)
    client.force_login(personas.hematologist_a)
    _report_bleed(client, knee_child, "muscle", "left_iliopsoas", datetime.timedelta(days=40))
    restriction = JointRestriction.objects.get(patient=knee_child)
    assert (restriction.joint, restriction.needs_physician_clearance) == ("left_iliopsoas", True)
    assert Notification.objects.filter(kind="psoas_bleed").count() == 2
    left_leg = {
        (item["exercise_id"], item["side"])
        for item in plans.planned_items(plan.content)
        if set(item["loads"]) & {"left_knee", "left_ankle", "left_hip"}
    }
    paused = {(p["exercise_id"], p["side"]) for p in plans.paused_exercises(knee_child)}
    assert left_leg and left_leg <= paused
    draft = plans.draft(knee_child, personas.therapist_a)
    rules = [w["rule"] for w in draft.content["warnings"]]
    assert "PSOAS-CLEARANCE-DUE" in rules


def test_a_calf_bleed_restricts_the_calf_and_keeps_weight_off_that_leg(
    client, personas, knee_child
):
    plan = approved_plan(client, personas, knee_child)
    client.force_login(personas.guardian_a1)
    _report_bleed(client, knee_child, "muscle", "left_calf", datetime.timedelta(hours=30))
    restriction = JointRestriction.objects.get(patient=knee_child)
    assert (restriction.joint, restriction.phase) == ("left_calf", 1)
    assert Notification.objects.filter(kind="muscle_bleed").count() == 2
    paused = {(p["exercise_id"], p["side"]) for p in plans.paused_exercises(knee_child)}
    calf_or_standing = {
        (item["exercise_id"], item["side"])
        for item in plans.planned_items(plan.content)
        if "left_calf" in item["loads"]
    }
    assert calf_or_standing <= paused
    home = Client()
    home.force_login(personas.hematologist_a)
    assert (
        "Left calf (gastrocnemius/soleus) bleed reported"
        in home.get(reverse("patients:list")).content.decode()
    )


def test_adding_a_contraindicated_exercise_is_refused_with_the_rule(client, personas, knee_child):
    client.post(reverse("rehab:plan_draft", args=[knee_child.pk]))
    plan = RehabPlan.objects.get(patient=knee_child)
    before = plan.content
    excluded = next(
        x
        for x in plan.content["excluded"]
        if "left_knee" in x["loads"]
        and x["side"] == "left"
        and [r["rule"] for r in x["reasons"]] == ["CI-SWELLING"]
    )
    forbidden = excluded["exercise_id"]
    response = client.post(
        reverse("rehab:plan_edit", args=[knee_child.pk, plan.pk]),
        {"add_exercise": forbidden, "add_side": "left", "version": plan.version},
        follow=True,
    )
    refusals = [str(m) for m in response.context["messages"] if str(m).startswith("Not added:")]
    assert len(refusals) == 1
    assert f"{forbidden} refused by CI-SWELLING" in refusals[0]
    plan.refresh_from_db()
    assert plan.content == before


def test_home_intensity_follows_the_diary(client, personas, knee_child):
    from hemorehab.patients.models import Enrollment, Screening
    from hemorehab.rehab.models import HomeSession

    today = personas.center_a.today()
    start = today - datetime.timedelta(days=21)  # weeks 1-3 have ended
    screening = Screening.objects.create(
        patient=knee_child, screened_on=start, recorded_by=personas.hematologist_a
    )
    Enrollment.objects.create(
        patient=knee_child,
        screening=screening,
        start_date=start,
        enrolled_by=personas.hematologist_a,
    )
    for day in range(5):  # week 1: five pain-free sessions -> week 2 rises
        HomeSession.objects.create(
            patient=knee_child,
            done_on=start + datetime.timedelta(days=day),
            minutes=45,
            recorded_by=personas.guardian_a1,
        )
    HomeSession.objects.create(
        patient=knee_child,
        done_on=start + datetime.timedelta(days=8),
        minutes=30,
        pain_reported=True,
        recorded_by=personas.guardian_a1,
    )
    # week 3: two sessions only -> week 4 holds
    for day in (14, 15):
        HomeSession.objects.create(
            patient=knee_child,
            done_on=start + datetime.timedelta(days=day),
            minutes=45,
            recorded_by=personas.guardian_a1,
        )
    steps = client.get(reverse("rehab:program", args=[knee_child.pk])).context["intensity"]
    fractions = [(step.week, step.fraction, step.explanation.rule) for step, _ in steps]
    assert fractions == [
        (1, 0.25, "PROG-START"),
        (2, 0.375, "PROG-RISE"),
        (3, 0.25, "PROG-BACK-PAIN"),
        (4, 0.25, "PROG-HOLD-ADHERENCE"),
    ]


def test_a_draft_made_before_a_bleed_cannot_be_approved_after_it(client, personas, knee_child):
    client.post(reverse("rehab:plan_draft", args=[knee_child.pk]))
    plan = RehabPlan.objects.get(patient=knee_child)
    client.force_login(personas.hematologist_a)
    client.post(
        reverse("assessments:new", args=[knee_child.pk, "bleed"]),
        {
            "onset": (timezone.localtime() - datetime.timedelta(hours=5)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "site_kind": "joint",
            "site": "left_knee",
            "cause": "spontaneous",
            "treatment": "",
            "notes": "",
        },
    )
    client.force_login(personas.therapist_a)
    response = client.post(
        reverse("rehab:plan_approve", args=[knee_child.pk, plan.pk]), follow=True
    )
    refusals = [str(m) for m in response.context["messages"] if str(m).startswith("Not approved:")]
    assert refusals
    assert all("CI-BLEED-PHASE" in text or "CI-LIMB-WEIGHT" in text for text in refusals)
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_malformed_plan_edit_is_refused_with_a_message(client, personas, knee_child):
    client.post(reverse("rehab:plan_draft", args=[knee_child.pk]))
    plan = RehabPlan.objects.get(patient=knee_child)
    before = plan.content
    response = client.post(
        reverse("rehab:plan_edit", args=[knee_child.pk, plan.pk]),
        {"version": "abc", "keep": "nobar", "action": "remove"},
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert any(t.startswith("version:") for t in texts)
    plan.refresh_from_db()
    assert plan.content == before


def test_center_settings_change_the_engine_and_bad_values_are_refused(client, personas, knee_child):
    from hemorehab.accounts.models import Center

    client.force_login(personas.admin_a)
    url = reverse("centers:settings", args=[personas.center_a.pk])
    form = client.get(url).context["form"]
    data = {name: form.initial[name] for name in form.fields}
    refused = client.post(url, {**data, "start_fraction": "0.9"})
    assert "Ensure this value is less than or equal to 0.75." in refused.content.decode()
    above = client.post(url, {**data, "start_fraction": "0.5", "max_fraction": "0.4"})
    assert "start_fraction: 0.5 is above max_fraction 0.4" in above.content.decode()
    assert Center.objects.get(pk=personas.center_a.pk).plan_settings == {}
    assert client.post(url, {**data, "start_fraction": "0.5"}).status_code == 302
    client.force_login(personas.therapist_a)
    client.post(reverse("rehab:plan_draft", args=[knee_child.pk]))
    plan = RehabPlan.objects.get(patient=knee_child)
    assert plan.content["home_program"]["intensity_fraction"] == 0.5


def test_a_plan_without_exercises_cannot_be_approved(client, personas, knee_child):
    client.post(reverse("rehab:plan_draft", args=[knee_child.pk]))
    plan = RehabPlan.objects.get(patient=knee_child)
    client.post(
        reverse("rehab:plan_edit", args=[knee_child.pk, plan.pk]),
        {"version": plan.version, "action": "remove"},
    )
    response = client.post(
        reverse("rehab:plan_approve", args=[knee_child.pk, plan.pk]), follow=True
    )
    texts = [str(m) for m in response.context["messages"]]
    assert any("the plan has no exercise left" in t for t in texts)
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_the_settings_page_says_which_source_each_bleed_window_follows(client, personas):
    client.force_login(personas.admin_a)
    page = client.get(reverse("centers:settings", args=[personas.center_a.pk])).content.decode()
    assert "bleed-free window before enrollment" in page
    assert "Not applied to an iliopsoas bleed" in page
    assert "a bleed within 72 hours blocks loading" in page


def test_blood_in_a_joint_on_ultrasound_opens_its_return_and_tells_the_team(
    client, personas, knee_child
):
    """Review M1: a hemarthrosis read on ultrasound blocked loading and was otherwise
    invisible: no restriction, no rest or crutches, nobody told."""
    plan = approved_plan(client, personas, knee_child)
    client.force_login(personas.ultrasound_a)
    day = personas.center_a.today().isoformat()
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
    assert (
        client.post(
            reverse("assessments:new", args=[knee_child.pk, "ultrasound"]), scan
        ).status_code
        == 302
    )
    restriction = JointRestriction.objects.get(patient=knee_child)
    assert (restriction.joint, restriction.phase, restriction.bleed) == ("left_knee", 1, None)
    told = Notification.objects.filter(kind="joint_blood")
    assert {n.recipient for n in told} >= {personas.hematologist_a, personas.therapist_a}
    paused = {(p["exercise_id"], p["side"]) for p in plans.paused_exercises(knee_child)}
    assert knee_loading(plan) <= paused
    home = Client()
    home.force_login(personas.hematologist_a)
    assert (
        "Left knee holds blood or fluid on ultrasound"
        in home.get(reverse("patients:list")).content.decode()
    )
    draft = plans.draft(knee_child, personas.therapist_a)
    assert ("left_knee", 1) in {(r["site"], r["phase"]) for r in draft.content["restrictions"]}
    assert "crutches" in {d["kind"] for d in draft.content["devices"]}

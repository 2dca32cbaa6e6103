"""Two clinicians editing the same record: the second gets a conflict and loses nothing."""

from decimal import Decimal

from django.test import Client
from django.urls import reverse

from hemorehab.patients.models import Patient, PatientIdentity


def edit_data(context, **changes):
    patient_form, identity_form = context["forms"]
    data = {
        "patient-version": patient_form.initial["version"],
        "patient-sex": "male",
        "patient-hemophilia_type": "A",
        "patient-baseline_factor_activity": "0.50",
        "patient-prior_regimen": "prophylaxis",
        "identity-version": identity_form.initial["version"],
        "identity-family_name": "Wang",
        "identity-given_name": "Xiaoming",
        "identity-hospital_number": "H-WANG-XIAOMING",
        "identity-date_of_birth": identity_form.initial["date_of_birth"].isoformat(),
    }
    data.update(changes)
    return data


def test_second_writer_gets_a_conflict_and_keeps_their_entries(personas):
    url = reverse("patients:edit", args=[personas.a1.pk])
    first, second = Client(), Client()
    first.force_login(personas.hematologist_a)
    second.force_login(personas.nurse_a)
    opened_by_first = first.get(url).context
    opened_by_second = second.get(url).context

    saved = second.post(
        url, edit_data(opened_by_second, **{"patient-baseline_factor_activity": "2.00"})
    )
    assert saved.status_code == 302

    typed = edit_data(opened_by_first, **{"patient-baseline_factor_activity": "0.90"})
    response = first.post(url, typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this record" in page
    assert 'value="0.90"' in page  # what the first clinician typed is still in the form
    assert Patient.objects.get(pk=personas.a1.pk).baseline_factor_activity == Decimal("2.00")

    # Saving again from the conflict page (now carrying the stored version) succeeds.
    stored_version = Patient.objects.get(pk=personas.a1.pk).version
    again = first.post(url, {**typed, "patient-version": stored_version})
    assert again.status_code == 302
    assert Patient.objects.get(pk=personas.a1.pk).baseline_factor_activity == Decimal("0.90")


def test_a_failed_save_leaves_nothing_half_written(personas, client):
    """The clinical record is valid but the identity is not: neither is written."""
    client.force_login(personas.hematologist_a)
    url = reverse("patients:edit", args=[personas.a1.pk])
    data = edit_data(
        client.get(url).context,
        **{"patient-baseline_factor_activity": "3.00", "identity-date_of_birth": "2999-01-01"},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The date cannot be in the future." in response.content.decode()
    assert Patient.objects.get(pk=personas.a1.pk).baseline_factor_activity == Decimal("0.50")


def test_registering_a_child_with_a_bad_identity_writes_nothing(personas, client):
    client.force_login(personas.nurse_a)
    before = (Patient.objects.count(), PatientIdentity.objects.count())
    response = client.post(
        reverse("patients:create"),
        {
            "center": personas.center_a.pk,
            "patient-sex": "male",
            "patient-hemophilia_type": "A",
            "patient-baseline_factor_activity": "45",
            "patient-prior_regimen": "prophylaxis",
            "identity-family_name": "",
            "identity-given_name": "Q",
            "identity-hospital_number": "H1",
            "identity-date_of_birth": "2018-01-01",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ensure this value is less than or equal to 39.99." in text
    assert "This field is required." in text
    assert (Patient.objects.count(), PatientIdentity.objects.count()) == before


def test_registering_a_child_assigns_the_next_study_id_of_the_center(personas, client):
    client.force_login(personas.nurse_a)
    response = client.post(
        reverse("patients:create"),
        {
            "center": personas.center_a.pk,
            "patient-sex": "male",
            "patient-hemophilia_type": "B",
            "patient-baseline_factor_activity": "1.00",
            "patient-prior_regimen": "on_demand",
            "identity-family_name": "Zhao",
            "identity-given_name": "Lei",
            "identity-hospital_number": "H77",
            "identity-date_of_birth": "2018-03-01",
        },
    )
    child = Patient.objects.get(identity__hospital_number="H77")
    assert response.status_code == 302
    assert child.study_id == "CTRA-0003"
    assert child.severity == "moderate"

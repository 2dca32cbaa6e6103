"""Prophylaxis: versioned regimens in whole vials, warnings in words, the infusion log."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from hemorehab.care.models import Infusion, ProphylaxisRegimen
from hemorehab.patients.models import WeightMeasurement
from tests.personas import FIX, FVIII, factor_product


@pytest.fixture
def products(personas):
    viii = factor_product(personas.center_a, "Octo SHL", FVIII)
    ix = factor_product(personas.center_a, "Nona SHL", FIX, vials=(500,))
    return viii, ix


def regimen_data(product, **changes):
    data = {
        "effective_from": "2026-01-05",
        "product": product.pk,
        "dose_iu_per_kg": "25",
        "weekdays": ["0", "2", "4"],
        "infusion_time": "07:30",
        "basis_weight_kg": "22",
        "reason": "program start",
    }
    data.update(changes)
    return data


def test_new_versions_are_numbered_and_dosed_in_whole_vials(client, personas, products):
    viii, _ = products
    client.force_login(personas.hematologist_a)
    url = reverse("care:regimen_new", args=[personas.a1.pk])
    assert client.post(url, regimen_data(viii)).status_code == 302
    assert (
        client.post(
            url, regimen_data(viii, effective_from="2026-02-01", dose_iu_per_kg="20")
        ).status_code
        == 302
    )
    first, second = ProphylaxisRegimen.objects.filter(patient=personas.a1).order_by("number")
    assert (first.number, first.dose_iu, first.vials) == (1, 500, [500])  # 22 kg x 25 = 550 -> 500
    assert (second.number, second.dose_iu) == (2, 500)  # 22 x 20 = 440 -> 500
    page = client.get(reverse("care:prophylaxis", args=[personas.a1.pk]))
    assert page.context["regimen"] == second
    assert page.context["band"] == "intermediate"
    assert '<svg class="chart level"' in page.content.decode()


def test_a_factor_ix_product_is_refused_for_hemophilia_a(client, personas, products):
    _, ix = products
    client.force_login(personas.hematologist_a)
    response = client.post(reverse("care:regimen_new", args=[personas.a1.pk]), regimen_data(ix))
    assert response.status_code == 200
    assert (
        "Hemophilia A needs a factor VIII product; Nona SHL is factor IX."
        in response.content.decode()
    )
    assert not ProphylaxisRegimen.objects.exists()


def test_weight_drift_and_protocol_deviations_are_explained(client, personas, products):
    viii, _ = products
    WeightMeasurement.objects.create(
        patient=personas.a1, measured_on="2026-03-01", weight_kg=Decimal("25")
    )
    client.force_login(personas.hematologist_a)
    client.post(
        reverse("care:regimen_new", args=[personas.a1.pk]),
        regimen_data(viii, weekdays=["0"], dose_iu_per_kg="30"),
    )
    warnings = {
        w.rule: w
        for w in client.get(reverse("care:prophylaxis", args=[personas.a1.pk])).context["warnings"]
    }
    assert set(warnings) == {
        "weight_drift",
        "seed_frequency",
        "seed_dose",
        "vial_band",
        "delivered_dose",
    }
    # 22 kg x 30 IU/kg = 660 IU; 500 IU gives 22.7 IU/kg, 750 IU 34.1: never under the range
    assert (
        "No combination of the vials in stock delivers 27.0-33.0 IU/kg for 22.00 kg: 750 IU "
        "gives 34.1 IU/kg (chosen, never under the range); 500 IU would give 22.7 IU/kg."
        in warnings["vial_band"].message
    )
    assert "750 IU for 25.00 kg delivers 30.0 IU/kg" in warnings["delivered_dose"].message
    assert "differs by +14% from the 22.00 kg" in warnings["weight_drift"].message
    assert (
        "1 infusions a week; the program protocol gives hemophilia A 3 a week."
        in warnings["seed_frequency"].message
    )


def test_impossible_doses_are_refused_naming_the_field(client, personas, products):
    viii, _ = products
    client.force_login(personas.hematologist_a)
    response = client.post(
        reverse("care:regimen_new", args=[personas.a1.pk]), regimen_data(viii, dose_iu_per_kg="500")
    )
    assert "Ensure this value is less than or equal to 100." in response.content.decode()
    assert not ProphylaxisRegimen.objects.exists()


def test_guardian_logs_a_home_infusion_and_sees_only_the_current_version(
    client, personas, products
):
    viii, _ = products
    client.force_login(personas.hematologist_a)
    client.post(reverse("care:regimen_new", args=[personas.a1.pk]), regimen_data(viii))
    client.force_login(personas.guardian_a1)
    when = (datetime.datetime.now() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("care:infusion_new", args=[personas.a1.pk]),
        {
            "given_at": when,
            "product": viii.pk,
            "batch": "B12",
            "dose_iu": "500",
            "reason": "prophylaxis",
            "place": "home",
        },
    )
    assert response.status_code == 302
    assert Infusion.objects.get().recorded_by == personas.guardian_a1
    page = client.get(reverse("care:prophylaxis", args=[personas.a1.pk]))
    assert page.context["regimen"].number == 1
    assert page.context["versions"] == [] and page.context["warnings"] == []
    assert client.get(reverse("care:regimen_new", args=[personas.a1.pk])).status_code == 403


def test_a_prescribed_range_keeps_rounding_from_under_dosing(client, personas, products):
    """instruments.md s6a: 17 kg x 22 IU/kg = 374 IU; one 250 IU vial would be 14.7 IU/kg."""
    viii, _ = products
    viii.vial_sizes = [250, 500]
    viii.save()
    client.force_login(personas.hematologist_a)
    data = regimen_data(
        viii,
        basis_weight_kg="17",
        dose_iu_per_kg="22",
        dose_min_iu_per_kg="20",
        dose_max_iu_per_kg="25",
    )
    assert client.post(reverse("care:regimen_new", args=[personas.a1.pk]), data).status_code == 302
    regimen = ProphylaxisRegimen.objects.get(patient=personas.a1)
    assert (regimen.dose_iu, regimen.vials) == (500, [500])
    page = client.get(reverse("care:prophylaxis", args=[personas.a1.pk]))
    warning = next(w for w in page.context["warnings"] if w.rule == "vial_band")
    assert "20.0-25.0 IU/kg for 17.00 kg" in warning.message
    assert "250 IU would give 14.7 IU/kg" in warning.message
    assert round(page.context["delivered"], 1) == 29.4


def test_a_range_that_excludes_the_dose_is_refused_naming_the_field(client, personas, products):
    viii, _ = products
    client.force_login(personas.hematologist_a)
    response = client.post(
        reverse("care:regimen_new", args=[personas.a1.pk]),
        regimen_data(viii, dose_min_iu_per_kg="26"),
    )
    assert "26 IU/kg is above the dose of 25 IU/kg." in response.content.decode()
    assert not ProphylaxisRegimen.objects.exists()


def test_every_session_of_the_week_is_level_checked_with_pediatric_defaults(
    client, personas, products
):
    viii, _ = products
    client.force_login(personas.hematologist_a)
    data = regimen_data(viii, weekdays=["0"], dose_iu_per_kg="25")
    client.post(reverse("care:regimen_new", args=[personas.a1.pk]), data)
    page = client.get(reverse("care:prophylaxis", args=[personas.a1.pk]))
    sessions = page.context["sessions"]
    assert [s.kind for s in sessions].count("home") == 5
    assert [s.kind for s in sessions].count("hospital") == 1
    # once a week: the home sessions later in the week fall below the center's threshold
    assert any(s.below_threshold for s in sessions if s.kind == "home")
    assert "pediatric defaults for factor VIII" in str(page.context["pk_source"])
    body = page.content.decode()
    assert "Home session" in body and "below the center's threshold" in body


def test_an_infusion_of_the_wrong_factor_an_implausible_dose_or_before_birth_is_refused(
    client, personas
):
    ix = factor_product(personas.center_a, "Nona", FIX, vials=(500,))
    viii = factor_product(personas.center_a, "Octo", FVIII, vials=(500,))
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

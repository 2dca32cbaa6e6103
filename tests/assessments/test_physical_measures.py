"""Physical measures beside the HJHS: each at a joint, muscle or side picked from the list,
with its direction where it has one; goniometry carries the end-feel; out-of-range values and
misplaced details are refused with the field named, and nothing is saved."""

from decimal import Decimal

from django.urls import reverse

from hemorehab.assessments.models import PhysicalMeasure
from hemorehab.rehab.plans import judgements_for


def post(client, personas, **fields):
    data = {
        "measured_on": personas.center_a.today().isoformat(),
        "kind": "goniometry",
        "site": "left_knee",
        "detail": "extension",
        "value": "-10",
        "end_feel": "",
        **fields,
    }
    return client.post(reverse("assessments:new", args=[personas.a1.pk, "measure"]), data)


def test_a_therapist_records_goniometry_with_its_end_feel(client, personas):
    client.force_login(personas.therapist_a)
    assert post(client, personas, end_feel="hard").status_code == 302
    measure = PhysicalMeasure.objects.get()
    assert (measure.kind, measure.site, measure.detail) == ("goniometry", "left_knee", "extension")
    assert measure.value == Decimal("-10.0") and measure.end_feel == "hard"
    assert measure.recorded_by == personas.therapist_a
    page = client.get(reverse("assessments:overview", args=[personas.a1.pk])).content.decode()
    assert "Physical measures" in page and "-10.0" in page
    # The plan engine reads the end-feel of the latest goniometry of that direction.
    assert judgements_for(personas.a1).end_feel == {"left_knee": {"extension": "hard"}}


def test_a_muscle_test_grade_reaches_the_plan_engine(client, personas):
    client.force_login(personas.rehab_a)
    response = post(client, personas, kind="muscle_test", detail="flexion", value="3")
    assert response.status_code == 302
    assert judgements_for(personas.a1).muscle_test == {"left_knee": {"flexion": 3}}


def test_pain_and_height_need_no_site_and_single_leg_stance_needs_a_side(client, personas):
    client.force_login(personas.therapist_a)
    assert post(client, personas, kind="pain", site="", detail="", value="4").status_code == 302
    assert post(client, personas, kind="height", site="", detail="", value="131").status_code == 302
    stance = post(client, personas, kind="single_leg_stance", site="", detail="", value="12")
    assert "Choose the side the child stood on." in stance.content.decode()
    assert post(client, personas, kind="single_leg_stance", site="right", detail="", value="12")
    assert PhysicalMeasure.objects.count() == 3


def test_each_misplaced_or_out_of_range_value_is_refused_naming_it(client, personas):
    client.force_login(personas.therapist_a)
    refusals = {
        "is outside 0-10 for this measure": {
            "kind": "pain",
            "site": "",
            "detail": "",
            "value": "11",
        },
        "Choose the joint this measure was taken at.": {"site": "left_calf"},
        "Choose the direction of motion (flexion or extension).": {"detail": ""},
        "Only goniometry and the muscle test have a direction.": {
            "kind": "circumference",
            "value": "30",
        },
        "The end-feel is recorded with goniometry only.": {
            "kind": "muscle_test",
            "value": "4",
            "end_feel": "firm",
        },
        "is not one of the available choices": {"site": "left knee"},  # a typed code
    }
    for words, fields in refusals.items():
        page = post(client, personas, **fields).content.decode()
        assert words in page.replace("&#x27;", "'"), words
    assert not PhysicalMeasure.objects.exists()


def test_only_therapists_and_rehabilitation_physicians_record_measures(client, personas):
    for persona, status in (("nurse_a", 403), ("guardian_a1", 403), ("therapist_b", 404)):
        client.force_login(getattr(personas, persona))
        assert post(client, personas).status_code == status, persona
    assert not PhysicalMeasure.objects.exists()

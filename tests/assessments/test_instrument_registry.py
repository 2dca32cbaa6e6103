"""Every instrument of the registry reaches every place that handles instruments: its model,
form, API body and policy action resolve; the entry page, the assessments page, the change
history, the API (create and list), `hemorehab score`, the analysis dataset and the data
dictionary all offer it; its words exist in Chinese. A declared instrument that one of these
places does not pick up fails here (README, development: adding an instrument)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from hemorehab.api.router import api
from hemorehab.assessments.history import patient_history
from hemorehab.assessments.instruments import INSTRUMENTS, SCORERS
from hemorehab.assessments.models import Assessment
from hemorehab.assessments.records import KINDS
from hemorehab.cli import build_parser
from hemorehab.policy import capabilities
from hemorehab.policy.permissions import PERMISSIONS
from hemorehab.research.extract import analysis_frame, instrument_variables
from hemorehab.stats.export.dictionary import data_dictionary

PERSONAS = ("therapist_a", "rehab_a", "ultrasound_a", "nurse_a", "guardian_a1", "patient_a1")
EACH = pytest.mark.parametrize("instrument", INSTRUMENTS, ids=[i.slug for i in INSTRUMENTS])


def recorder(personas, instrument):
    """A persona of child A1 whose role records this instrument."""
    granted = PERMISSIONS[instrument.action]
    for name in PERSONAS:
        user = getattr(personas, name)
        if capabilities(user, personas.a1)[instrument.action.replace(".", "_")]:
            return user
    raise AssertionError(f"no persona records {instrument.slug} ({sorted(granted)})")


@EACH
def test_its_model_form_and_api_body_resolve_and_agree(instrument):
    model = instrument.model_class
    assert issubclass(model, Assessment)
    assert model._meta.get_field("answers") is not None
    assert "calculate" in vars(model), "the model fills its computed fields itself"
    assert instrument.form_class._meta.model is model
    assert "answers" in instrument.api_input_class.model_fields
    assert instrument.action in PERMISSIONS


@EACH
def test_the_entry_page_and_the_assessments_page_offer_it(client, personas, instrument):
    assert KINDS[instrument.slug].model is instrument.model_class
    client.force_login(recorder(personas, instrument))
    new = reverse("assessments:new", args=[personas.a1.pk, instrument.slug])
    assert client.get(new).status_code == 200
    page = client.get(reverse("assessments:overview", args=[personas.a1.pk])).content.decode()
    assert str(instrument.heading) in page
    assert new in page  # the button that records one


@EACH
def test_the_history_has_its_section(personas, instrument):
    can = capabilities(personas.therapist_a, personas.a1)
    sections = patient_history(personas.a1, can)["sections"]
    assert instrument in [s.instrument for s in sections]


@EACH
def test_the_api_creates_and_lists_it(instrument):
    schema = api.get_openapi_schema()
    assert "post" in schema["paths"][f"/api/v1/patients/{{patient_id}}/{instrument.slug}"]
    listing = schema["paths"]["/api/v1/patients/{patient_id}/assessments/{kind}"]["get"]
    kinds = next(p for p in listing["parameters"] if p["name"] == "kind")["schema"]["enum"]
    assert instrument.slug in kinds


@EACH
def test_the_score_command_offers_it(instrument):
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    score = subparsers.choices["score"]
    choices = next(a for a in score._actions if a.dest == "instrument").choices
    assert set(instrument.scorers) <= set(choices) <= set(SCORERS)


@EACH
def test_the_dataset_and_its_dictionary_carry_its_columns(db, instrument):
    frame = analysis_frame([])
    assert set(instrument.columns()) <= set(frame.columns)
    rows = {r["variable"]: r for r in data_dictionary(frame, instrument_variables())}
    for column in instrument.columns():
        assert rows[column]["derivation"] != "not in the standard dictionary", column
        assert rows[column]["label_zh"] != column, column


@EACH
def test_its_words_exist_in_chinese(instrument):
    catalogue = translation.trans_real.translation("zh-hans")._catalog
    with translation.override("en"):
        words = [str(instrument.label), str(instrument.heading), str(instrument.button)]
    assert [w for w in words if not catalogue.get(w)] == []


def test_every_kind_of_the_entry_page_is_an_instrument_a_measure_or_a_bleed():
    assert set(KINDS) == {*(i.slug for i in INSTRUMENTS), "measure", "bleed"}


def test_a_section_shows_the_instruments_records_to_the_care_team(personas, client):
    from tests.assessments.helpers import hjhs_answers

    client.force_login(personas.therapist_a)
    hjhs = INSTRUMENTS[0]
    record = hjhs.model_class(
        patient=personas.a1,
        recorded_by=personas.therapist_a,
        assessed_on=personas.center_a.today(),
        timepoint="baseline",
        answers=hjhs_answers({"left_knee.swelling": 2}),
    )
    record.calculate()
    record.save()
    page = client.get(reverse("assessments:overview", args=[personas.a1.pk])).content.decode()
    history = reverse("assessments:history", args=[personas.a1.pk, hjhs.slug, record.pk])
    assert history in page

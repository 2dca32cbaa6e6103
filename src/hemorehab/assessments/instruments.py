"""The instrument registry: one declaration per scored instrument, which every place that
handles instruments reads, so that a new instrument is a new declaration, not a search.

Who reads it: the entry pages and the assessments page (assessments.records, .history), the
API (assessments.api: one POST per instrument, the list by kind), `hemorehab score`
(commands.score), the analysis dataset and the data dictionary (research.extract), and the
standing tests (tests/assessments/test_instrument_registry.py fails when a declared
instrument is missing from any of them).

A declaration names the instrument's model as Django names models ("assessments.HjhsAssessment")
and its own entry form and API body, if it has them, by their dotted paths, resolved when a
page or the API first asks: this module imports no model, so the command line reads it without
a database. A questionnaire declared with `items` needs neither: it gets a generic entry form
(assessments.forms.answers_form) and API body (assessments.inputs.answers_input).

An instrument's model stores the item answers in `answers` and fills its computed fields in
`calculate()` with the instrument's calculator (assessments.models); its API body's fields are
the model's own (`answers`, `assessed_on`, `timepoint`, `notes` and the instrument's extras).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from hemorehab.assessments import instrument_cli as cli
from hemorehab.assessments import pairing
from hemorehab.clinical import hjhs


@dataclass(frozen=True)
class Chart:
    """The value plotted over visits on the assessments page (None: not evaluable)."""

    value: Callable[[Any], float | None]
    top: float | None = None  # the axis maximum; None: the largest value, at least `least`
    least: float = 1.0


@dataclass(frozen=True)
class Measure:
    """A measure of the analysis dataset: columns `<name>_before` and `<name>_after`.

    The paper's measures carry their labels in stats (stats.export.dictionary); a measure of a
    new instrument gives its own here, and the data dictionary prints them."""

    name: str
    value: Callable[[Any], float | None]
    label_en: str = ""
    label_zh: str = ""
    unit: str = ""
    allowed: str = ""
    derivation: str = ""


@dataclass(frozen=True)
class Item:
    """One item of a questionnaire entered with the generic form and API body."""

    key: str  # the key of its answer in `answers`
    label: Any  # translated lazily
    levels: tuple[int, ...]  # the answers allowed


@dataclass(frozen=True)
class Instrument:
    slug: str  # the word in addresses, the API and the dataset: "hjhs", "cho-klat"
    label: Any  # the page title, translated lazily
    heading: Any  # the section heading on the assessments page (range and direction)
    button: Any  # the button that records one
    model: str  # "app_label.Model", an Assessment with `answers` and `calculate()`
    api_summary: str  # the create operation's summary in the OpenAPI document
    action: str  # the policy action that records it (policy.permissions.PERMISSIONS)
    scorers: Mapping[str, cli.Scorer]  # `hemorehab score NAME`: JSON in, JSON out
    chart: Chart
    form: str | None = None  # its own entry form (dotted path); None: answers_form(items)
    api_input: str | None = None  # its own API body (dotted path); None: answers_input(items)
    items: tuple[Item, ...] = ()  # the generic form's and body's items
    measures: tuple[Measure, ...] = ()
    # (instrument, one child's records oldest first, age in months at the start) -> columns
    dataset: Callable[[Instrument, Sequence[Any], int], dict] | None = None
    dataset_flags: tuple[str, ...] = ()  # other columns `dataset` fills (stats' own labels)
    section: str = "assessments/sections/generic.html"
    entry_template: str = "ui/record_form.html"
    history: Callable[[list], dict] = field(default=lambda records: {})  # section extras
    form_kwargs: Callable[[Any, Any], dict] = field(default=lambda user, patient: {})
    api_allows: Callable[[Any, Any, Any], bool] = field(default=lambda user, patient, body: True)

    @property
    def model_class(self):
        return _model(self.model)

    @property
    def form_class(self):
        return _object(self.form) if self.form else _generic("answers_form", self.slug)

    @property
    def api_input_class(self):
        return _object(self.api_input) if self.api_input else _generic("answers_input", self.slug)

    def dataset_row(self, records: Sequence[Any], age_months: int) -> dict:
        """This instrument's columns of one child's row of the analysis dataset."""
        if self.dataset is not None:
            return self.dataset(self, records, age_months)
        return pairing.paired(self.measures, records)

    def columns(self) -> tuple[str, ...]:
        """Every column of the analysis dataset this instrument fills."""
        measured = (c for m in self.measures for c in (f"{m.name}_before", f"{m.name}_after"))
        return (*measured, *self.dataset_flags)


@functools.cache
def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


@functools.cache
def _object(path: str):
    from django.utils.module_loading import import_string

    return import_string(path)


@functools.cache
def _generic(kind: str, slug: str):
    """The generic entry form or API body of an instrument declared with `items`."""
    if kind == "answers_form":
        from hemorehab.assessments.forms import answers_form

        return answers_form(BY_SLUG[slug])
    from hemorehab.assessments.inputs import answers_input

    return answers_input(BY_SLUG[slug])


def _number(value) -> float | None:
    return None if value is None else float(value)


def _component(name: str) -> Measure:
    return Measure(f"hjhs_{name}", lambda record: record.components[name])


def _cho_klat_forms(user, patient) -> tuple[str, ...]:
    from hemorehab import policy

    return policy.cho_klat_forms(user, patient)


def _hjhs_joints(records: list) -> dict:
    """Per joint, its total at each visit (None when the joint had only NE items)."""
    return {
        "joints": [(joint, [r.joint_totals.get(joint) for r in records]) for joint in hjhs.JOINTS]
    }


HJHS = Instrument(
    slug="hjhs",
    label=_("HJHS 2.1"),
    heading=_("HJHS 2.1 (0-124, higher is worse)"),
    button=_("New HJHS"),
    model="assessments.HjhsAssessment",
    form="hemorehab.assessments.forms.HjhsForm",
    api_input="hemorehab.assessments.inputs.HjhsIn",
    api_summary="Record an HJHS 2.1",
    action="assessment.examination",
    scorers={"hjhs": cli.fixed(cli.hjhs)},
    chart=Chart(lambda record: record.total, top=hjhs.TOTAL_MAX),
    measures=(
        Measure("hjhs_total", lambda record: record.total),
        *(_component(name) for name in pairing.HJHS_COMPONENTS),
    ),
    dataset=pairing.hjhs_row,
    dataset_flags=("hjhs_incomplete_before", "hjhs_incomplete_after"),
    section="assessments/sections/hjhs.html",
    entry_template="assessments/hjhs_form.html",
    history=_hjhs_joints,
)

ULTRASOUND = Instrument(
    slug="ultrasound",
    label=_("HEAD-US-C ultrasound"),
    heading=_("Ultrasound (HEAD-US-C)"),
    button=_("New ultrasound"),
    model="assessments.UltrasoundExam",
    form="hemorehab.assessments.forms.UltrasoundForm",
    api_input="hemorehab.assessments.inputs.UltrasoundIn",
    api_summary="Record an ultrasound examination",
    action="assessment.imaging",
    scorers={"head-us": cli.ultrasound("head-us"), "head-us-c": cli.ultrasound("head-us-c")},
    chart=Chart(lambda record: record.total, least=8),
    measures=(Measure("head_us_c_total", lambda record: record.total),),
    dataset=pairing.head_us_c_row,
    section="assessments/sections/ultrasound.html",
    entry_template="assessments/ultrasound_form.html",
)

CHO_KLAT = Instrument(
    slug="cho-klat",
    label=_("CHO-KLAT"),
    heading=_("CHO-KLAT 2.0 (0-100, higher is better)"),
    button=_("New CHO-KLAT"),
    model="assessments.ChoKlatAssessment",
    form="hemorehab.assessments.forms.ChoKlatEntryForm",
    api_input="hemorehab.assessments.inputs.ChoKlatIn",
    api_summary="Record a CHO-KLAT",
    action="assessment.questionnaire",
    scorers={"cho-klat": cli.fixed(cli.cho_klat)},
    chart=Chart(lambda record: _number(record.score), top=100),
    measures=(Measure("cho_klat", lambda record: _number(record.score)),),
    dataset=pairing.cho_klat_row,
    dataset_flags=("cho_klat_form", "cho_klat_form_changed"),
    section="assessments/sections/cho_klat.html",
    # A guardian files the parent form, the adolescent the child form (policy.records).
    form_kwargs=lambda user, patient: {"forms_allowed": _cho_klat_forms(user, patient)},
    api_allows=lambda user, patient, body: body.form in _cho_klat_forms(user, patient),
)

INSTRUMENTS: tuple[Instrument, ...] = (HJHS, ULTRASOUND, CHO_KLAT)
BY_SLUG: Mapping[str, Instrument] = {i.slug: i for i in INSTRUMENTS}
SCORERS: Mapping[str, cli.Scorer] = {
    name: scorer for i in INSTRUMENTS for name, scorer in i.scorers.items()
}
"""`hemorehab score` names -> scorer, every instrument's."""

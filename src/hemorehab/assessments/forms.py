"""The instruments' entry forms. Item answers are checked by the instrument's calculator (the
model's `calculate()`), so the form, the API and the CLI refuse the same values with the same
words. An instrument declared with `items` and no form of its own gets `answers_form`."""

from __future__ import annotations

import functools
import logging

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hemorehab.assessments.models import (
    ChoKlatAssessment,
    Effusion,
    HjhsAssessment,
    SynovitisActivity,
    UltrasoundExam,
)
from hemorehab.clinical import cho_klat, hjhs, ultrasound
from hemorehab.clinical.errors import ClinicalInputError
from hemorehab.patients.choices import Joint
from hemorehab.patients.forms import CenterDatedForm
from hemorehab.ui.forms import DATE

NE = "NE"
logger = logging.getLogger(__name__)
ITEM_LABELS = {
    "swelling": _("Swelling"),
    "swelling_duration": _("Duration of swelling"),
    "muscle_atrophy": _("Muscle atrophy"),
    "crepitus": _("Crepitus on motion"),
    "flexion_loss": _("Flexion loss"),
    "extension_loss": _("Extension loss"),
    "joint_pain": _("Joint pain"),
    "strength": _("Strength"),
}


def level_choices(maximum: int) -> list[tuple[str, str]]:
    return [("", "—")] + [(str(n), str(n)) for n in range(maximum + 1)] + [(NE, "NE")]


def field_name(joint: str, item: str) -> str:
    return f"{joint}__{item}"


def _answer(value: str) -> int | str:
    return value if value == NE else int(value)


class ScoredForm(CenterDatedForm):
    """A record whose computed fields come from the core; core errors land on their field."""

    date_fields = ("assessed_on",)

    def place_to_field(self, path: str) -> str | None:
        return None

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            self.instance.calculate()
        except ClinicalInputError as exc:
            message = (
                _("Give the reason this item was not evaluable.")
                if exc.path.startswith("ne_reasons.")
                else str(exc)
            )
            self.add_error(self.place_to_field(exc.path), message)


class HjhsForm(ScoredForm):
    class Meta:
        model = HjhsAssessment
        fields = ["assessed_on", "timepoint", "notes"]
        widgets = {"assessed_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answers = self.instance.answers or {}
        reasons = self.instance.ne_reasons or {}
        for joint in hjhs.JOINTS:
            for item, maximum in hjhs.ITEMS.items():
                name = field_name(joint, item)
                self.fields[name] = forms.ChoiceField(
                    label=f"{Joint(joint).label}: {ITEM_LABELS[item]}",
                    choices=level_choices(maximum),
                )
                value = answers.get("joints", {}).get(joint, {}).get(item)
                self.initial.setdefault(name, "" if value is None else str(value))
            self.fields[f"{joint}__ne_reason"] = forms.CharField(
                label=_("Why items of this joint were not evaluable"), required=False
            )
            self.initial.setdefault(f"{joint}__ne_reason", _joint_reason(reasons, joint))
            self.fields[f"{joint}__synovitis"] = forms.ChoiceField(
                label=_("%(joint)s: synovitis activity (clinical judgement)")
                % {"joint": Joint(joint).label},
                choices=[("", _("not judged")), *SynovitisActivity.choices],
                required=False,
            )
            judged = (self.instance.synovitis_activity or {}).get(joint, "")
            self.initial.setdefault(f"{joint}__synovitis", judged)
        self.fields["gait"] = forms.ChoiceField(
            label=_("Global gait"), choices=level_choices(hjhs.GAIT_MAX)
        )
        self.fields["gait__ne_reason"] = forms.CharField(
            label=_("Why gait was not evaluable"), required=False
        )
        if answers:
            self.initial.setdefault("gait", str(answers.get("gait")))
            self.initial.setdefault("gait__ne_reason", reasons.get("gait", ""))

    def joint_rows(self):
        """(joint label, [bound item fields], reason field) for the joint-by-joint grid."""
        return [
            (
                Joint(joint).label,
                joint,
                [self[field_name(joint, item)] for item in hjhs.ITEMS],
                self[f"{joint}__ne_reason"],
                self[f"{joint}__synovitis"],
            )
            for joint in hjhs.JOINTS
        ]

    def item_headers(self):
        return [(item, ITEM_LABELS[item], maximum) for item, maximum in hjhs.ITEMS.items()]

    def clean(self):
        data = super().clean()
        if any(name in self.errors for name in self.fields):
            return data
        joints = {
            joint: {item: _answer(data[field_name(joint, item)]) for item in hjhs.ITEMS}
            for joint in hjhs.JOINTS
        }
        reasons = {}
        for joint in hjhs.JOINTS:
            reason = data.get(f"{joint}__ne_reason", "").strip()
            for item in hjhs.ITEMS:
                if joints[joint][item] == NE and reason:
                    reasons[f"{joint}.{item}"] = reason
        if data.get("gait") == NE and data.get("gait__ne_reason", "").strip():
            reasons["gait"] = data["gait__ne_reason"].strip()
        self.instance.answers = {"joints": joints, "gait": _answer(data["gait"])}
        self.instance.ne_reasons = reasons
        self.instance.synovitis_activity = {
            joint: data[f"{joint}__synovitis"]
            for joint in hjhs.JOINTS
            if data.get(f"{joint}__synovitis")
        }
        return data

    def place_to_field(self, path: str) -> str | None:
        # "joints.left_knee.swelling" -> left_knee__swelling; "ne_reasons.left_knee.x" -> reason
        parts = path.split(".")
        if parts[0] == "joints" and len(parts) == 3:
            return field_name(parts[1], parts[2])
        if parts[0] == "ne_reasons":
            return "gait__ne_reason" if parts[1] == "gait" else f"{parts[1]}__ne_reason"
        if parts[0] == "synovitis_activity" and len(parts) == 2:
            return f"{parts[1]}__synovitis"
        return "gait" if parts[0] == "gait" else None


def _joint_reason(reasons: dict, joint: str) -> str:
    return next((text for place, text in reasons.items() if place.startswith(f"{joint}.")), "")


class UltrasoundForm(ScoredForm):
    class Meta:
        model = UltrasoundExam
        fields = ["assessed_on", "timepoint", "notes"]
        widgets = {"assessed_on": DATE}

    def __init__(self, *args, scale="head-us-c", **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.scale = self.instance.scale or scale
        self.definition = ultrasound.builtin_definition(self.instance.scale)
        answers = self.instance.answers or {}
        for joint in self.definition.joints:
            self.fields[f"{joint}__examined"] = forms.BooleanField(
                label=_("%(joint)s examined") % {"joint": Joint(joint).label}, required=False
            )
            self.initial.setdefault(f"{joint}__examined", joint in answers)
            for item_name, item in self.definition.items.items():
                name = field_name(joint, item_name)
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{Joint(joint).label}: {item.label.en}",
                    choices=[("", "—")] + [(str(n), str(n)) for n in item.levels],
                    coerce=int,
                    required=False,
                )
                value = answers.get(joint, {}).get(item_name)
                self.initial.setdefault(name, "" if value is None else str(value))
            # "__fluid": HEAD-US-C has an item named "effusion" (its depth grade)
            self.fields[f"{joint}__fluid"] = forms.ChoiceField(
                label=_("%(joint)s: effusion or blood in the joint")
                % {"joint": Joint(joint).label},
                choices=[("", "—"), *Effusion.choices],
                required=False,
            )
            judged = (self.instance.effusion or {}).get(joint, "")
            self.initial.setdefault(f"{joint}__fluid", judged)

    def clean(self):
        data = super().clean()
        answers = {}
        effusion = {}
        for joint in self.definition.joints:
            if not data.get(f"{joint}__examined"):
                if data.get(f"{joint}__fluid"):
                    self.add_error(
                        f"{joint}__fluid", _("Mark the joint as examined to record this.")
                    )
                continue
            if data.get(f"{joint}__fluid"):
                effusion[joint] = data[f"{joint}__fluid"]
            answers[joint] = {}
            for item_name in self.definition.items:
                value = data.get(field_name(joint, item_name))
                if value in (None, ""):
                    self.add_error(
                        field_name(joint, item_name), _("Score every item of an examined joint.")
                    )
                else:
                    answers[joint][item_name] = value
        if not answers:
            raise forms.ValidationError(_("Mark at least one joint as examined."))
        self.instance.answers = answers
        self.instance.effusion = effusion
        return data

    def place_to_field(self, path: str) -> str | None:
        parts = path.split(".")
        if parts[0] == "effusion" and len(parts) == 2:
            return f"{parts[1]}__fluid"
        return field_name(parts[1], parts[2]) if len(parts) == 3 else None


@functools.cache
def _texts_from(path: str) -> dict:
    return cho_klat.load_item_texts(path)


def licensed_texts() -> dict:
    """The center's licensed CHO-KLAT wording, if configured (never shipped with hemorehab)."""
    path = settings.HEMOREHAB_CHO_KLAT_TEXTS
    if not path:
        return {}
    try:
        return _texts_from(path)
    except (ClinicalInputError, OSError):
        logger.exception("CHO-KLAT wording file %s cannot be used; showing item numbers", path)
        return {}


class ChoKlatEntryForm(ScoredForm):
    class Meta:
        model = ChoKlatAssessment
        fields = ["assessed_on", "timepoint", "form", "notes"]
        widgets = {"assessed_on": DATE}

    def __init__(self, *args, forms_allowed=("child", "parent"), **kwargs):
        super().__init__(*args, **kwargs)
        # A guardian files the parent form, the adolescent the child form (policy.records);
        # a stored record keeps its form.
        allowed = (self.instance.form,) if self.instance.pk else tuple(forms_allowed)
        self.fields["form"].choices = [
            (value, label) for value, label in self.fields["form"].choices if value in allowed
        ]
        if len(allowed) == 1:
            self.initial.setdefault("form", allowed[0])
        answers = self.instance.answers or {}
        form_kind = self.data.get("form") or self.instance.form or allowed[-1]
        wording = licensed_texts().get(form_kind, {})
        language = "zh-hans" if translation.get_language() == "zh-hans" else "en"
        for number in range(1, 36):
            options = 5 if number in cho_klat.FIVE_OPTION_ITEMS else 6
            label = _("Item %(number)s") % {"number": number}
            if number in wording:
                label = f"{label}: {wording[number][language]}"
            self.fields[f"q{number}"] = forms.TypedChoiceField(
                label=label,
                choices=[("", _("not answered"))]
                + [(str(n), str(n)) for n in range(1, options + 1)],
                coerce=int,
                required=False,
                empty_value=None,
            )
            self.initial.setdefault(f"q{number}", answers.get(str(number)))

    def clean(self):
        data = super().clean()
        self.instance.answers = {
            str(n): data[f"q{n}"] for n in range(1, 36) if data.get(f"q{n}") is not None
        }
        return data

    def place_to_field(self, path: str) -> str | None:
        number = path.rsplit(".", 1)[-1]
        return f"q{number}" if number.isdigit() else None


class AnswersForm(ScoredForm):
    """The entry form of an instrument declared with `items`: one choice per item, "not
    answered" allowed (its calculator decides what a missing item means)."""

    instrument = None  # the declaration (assessments.instruments), set by answers_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        answers = self.instance.answers or {}
        for item in self.instrument.items:
            name = f"item_{item.key}"
            self.fields[name] = forms.TypedChoiceField(
                label=item.label,
                choices=[("", _("not answered"))] + [(str(n), str(n)) for n in item.levels],
                coerce=int,
                required=False,
                empty_value=None,
            )
            self.initial.setdefault(name, answers.get(item.key))

    def clean(self):
        data = super().clean()
        self.instance.answers = {
            item.key: data[f"item_{item.key}"]
            for item in self.instrument.items
            if data.get(f"item_{item.key}") is not None
        }
        return data

    def place_to_field(self, path: str) -> str | None:
        name = f"item_{path.rsplit('.', 1)[-1]}"
        return name if name in self.fields else None


def answers_form(instrument) -> type[AnswersForm]:
    """The entry form of an instrument declared with `items` and no form of its own."""
    meta = type(
        "Meta",
        (),
        {
            "model": instrument.model_class,
            "fields": ["assessed_on", "timepoint", "notes"],
            "widgets": {"assessed_on": DATE},
        },
    )
    name = f"{instrument.model_class.__name__}Form"
    return type(name, (AnswersForm,), {"Meta": meta, "instrument": instrument})

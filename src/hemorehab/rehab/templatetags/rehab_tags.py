"""Filters of the program and plan pages: engine explanations, vocabulary terms, devices and
exercise names, each in the reader's language."""

from django import template
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hemorehab.clinical import sites
from hemorehab.clinical.exercises import builtin_library
from hemorehab.clinical.plan.explain import Explanation
from hemorehab.clinical.plan.i18n import render
from hemorehab.clinical.plan.i18n import term as translate_term
from hemorehab.ui.templatetags.hemorehab_tags import site_label

register = template.Library()


@register.filter
def explained(explanation):
    """An engine explanation (stored as a dict in a plan) in the reader's language."""
    if not isinstance(explanation, dict):
        return ""
    fields = ("rule", "source", "message_key", "params", "text")
    return render(
        Explanation(**{k: explanation.get(k) or ({} if k == "params" else "") for k in fields}),
        translation.get_language(),
    )


@register.filter
def term(code):
    """A vocabulary code (joint, problem, block kind) in the reader's language."""
    if not code:
        return ""
    language = translation.get_language()
    if str(code) in sites.SITES:
        return site_label(code)
    if language == "zh-hans":
        return translate_term(str(code), language)
    return str(code).replace("_", " ").capitalize()


DEVICES = {
    "crutches": _("Crutches: no weight on the leg"),
    "crutches_partial": _("Crutches: part of the weight on the leg, as the therapist shows"),
    "wheelchair": _("Wheelchair: no weight on either leg"),
    "ankle_orthosis": _("Ankle brace or orthosis"),
    "compression_sleeve": _("Compression sleeve, as the therapist showed"),
    "extension_splint": _("Resting splint with the knee straight (the team decides)"),
    "supportive_footwear": _("Supportive, shock-absorbing shoes"),
}


@register.filter
def device_label(kind):
    """An assistive device in plain words (families see no rule numbers)."""
    return str(DEVICES.get(str(kind), str(kind).replace("_", " ")))


@register.filter
def exercise_name(exercise_id):
    """An exercise id as its name in the reader's language."""
    exercise = builtin_library().get(str(exercise_id))
    if exercise is None:
        return str(exercise_id)
    chinese = (translation.get_language() or "").startswith("zh")
    return exercise.name.zh_hans if chinese else exercise.name.en

from django import template
from django.utils.translation import gettext_lazy as _

from hemorehab.clinical.sites import SITES

register = template.Library()


@register.filter
def percent(fraction):
    """0.25 -> "25%"."""
    try:
        return f"{float(fraction) * 100:g}%"
    except (TypeError, ValueError):
        return ""


@register.filter
def get_item(mapping, key):
    """`{{ before|get_item:key }}`: a value of an audit snapshot."""
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def explained(explanation):
    """An engine explanation (stored as a dict in a plan) in the reader's language."""
    from django.utils import translation

    from hemorehab.clinical.plan.explain import Explanation
    from hemorehab.clinical.plan.i18n import render

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
    from django.utils import translation

    from hemorehab.clinical.plan.i18n import term as translate_term

    if not code:
        return ""
    language = translation.get_language()
    if str(code) in SITES:
        return site_label(code)
    if language == "zh-hans":
        return translate_term(str(code), language)
    return str(code).replace("_", " ").capitalize()


@register.filter
def site_label(code):
    """A joint or muscle code (left_knee, right_calf) as its label in the reader's language,
    from clinical.sites; another site (free text) as given."""
    from hemorehab.patients.choices import site_label as label

    return str(label(str(code))) if str(code) in SITES else str(code)


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
    from django.utils import translation

    from hemorehab.clinical.exercises import builtin_library

    exercise = builtin_library().get(str(exercise_id))
    if exercise is None:
        return str(exercise_id)
    chinese = (translation.get_language() or "").startswith("zh")
    return exercise.name.zh_hans if chinese else exercise.name.en

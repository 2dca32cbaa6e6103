from django import template

from hemorehab.patients.choices import Joint

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
    if language == "zh-hans":
        return translate_term(str(code), language)
    return (
        site_label(code) if str(code) in JOINT_LABELS else str(code).replace("_", " ").capitalize()
    )


JOINT_LABELS = {joint.value: joint.label for joint in Joint}


@register.filter
def site_label(code):
    """A joint code (left_knee) as its label in the reader's language; other sites as given."""
    label = JOINT_LABELS.get(str(code))
    return str(label) if label is not None else str(code)

from django import template

register = template.Library()


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

    return translate_term(str(code), translation.get_language()) if code else ""

"""Filters every page may use: percentages, audit snapshot values, body-site labels."""

from django import template
from django.utils import translation

from hemorehab.clinical import sites

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
def site_label(code):
    """A joint or muscle code (left_knee, right_calf) as its label in the reader's language,
    from clinical.sites; another site (free text) as given."""
    return sites.label(str(code), translation.get_language() or "en")

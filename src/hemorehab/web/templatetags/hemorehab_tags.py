from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ before|get_item:key }}`: a value of an audit snapshot."""
    return mapping.get(key) if isinstance(mapping, dict) else None

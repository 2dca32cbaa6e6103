"""`{% idempotency_field %}`: the hidden key each web form carries (accounts.idempotency).

Each form gets its own key. A form shown again after a refusal keeps the key it was sent with,
so that correcting and resending it still counts once."""

from django import template
from django.utils.html import format_html

from hemorehab.ui import idempotency

register = template.Library()


@register.simple_tag(takes_context=True)
def idempotency_field(context) -> str:
    request = context.get("request")
    sent = ""
    if request is not None and request.method == "POST":
        sent = request.POST.get(idempotency.FIELD, "")
    key = sent if idempotency.KEY.match(sent) else idempotency.new_key()
    return format_html('<input type="hidden" name="{}" value="{}">', idempotency.FIELD, key)

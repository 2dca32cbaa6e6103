"""`{% unread_notifications %}`: the care team's unread notifications, on the list of children.

A tag of the rehab app (which owns notifications) so that the patients app's page shows them
without importing rehab."""

from django import template

from hemorehab.rehab.notifications import text, unread_for

register = template.Library()


@register.inclusion_tag("rehab/_notifications.html", takes_context=True)
def unread_notifications(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications": []}
    return {
        "notifications": [(n, text(n)) for n in unread_for(user)],
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }

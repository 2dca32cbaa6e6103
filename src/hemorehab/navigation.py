"""The top bar of every page: what this user may open, as (label, address) pairs, so that the
ui kit's base template names no app's pages. The policy decides each entry."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from hemorehab import policy


def links(request) -> dict:
    """Template context: `site` (addresses every page needs) and `nav` (the top bar)."""
    site = {"home": reverse("patients:list"), "set_language": reverse("accounts:set_language")}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"site": site}
    site |= {"profile": reverse("accounts:profile"), "logout": reverse("accounts:logout")}
    nav = [(_("Children"), reverse("patients:list"))]
    if policy.centers_for(user, "research.report").exists():
        nav.append((_("Study report"), reverse("research:report")))
    if policy.centers_for(user, "screening.log").exists():
        nav.append((_("Screening log"), reverse("patients:screening_log")))
    for action, label, name in (
        ("products.manage", _("Products of %(code)s"), "care:products"),
        ("center.settings", _("Settings of %(code)s"), "centers:settings"),
        ("users.manage", _("Accounts of %(code)s"), "centers:users"),
    ):
        nav.extend(
            (label % {"code": center.code}, reverse(name, args=[center.pk]))
            for center in policy.centers_for(user, action)
        )
    return {"site": site, "nav": nav}

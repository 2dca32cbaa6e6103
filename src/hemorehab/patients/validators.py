"""Conditional clinical rules shared by the forms and the API (reachable without HTTP)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

AddError = Callable[[str | None, str], None]


def check_screening(data: dict, add_error: AddError) -> None:
    """Imaging must be named when the joint bleed is confirmed; no bleed after the screening."""
    if data.get("prior_joint_bleed_confirmed") and not data.get("confirming_imaging"):
        add_error(
            "confirming_imaging",
            _("Say whether MRI or ultrasound confirmed the synovitis or arthropathy."),
        )
    screened, last = data.get("screened_on"), data.get("last_bleed_on")
    if screened and last and last > screened:
        add_error("last_bleed_on", _("The last bleed cannot be after the screening date."))

"""Conditional clinical rules shared by the forms and the API (reachable without HTTP)."""

from __future__ import annotations

import datetime
import zoneinfo
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


def center_day(value, time_zone: str | None) -> datetime.date | None:
    """The day a date or date-time falls on in the center's time zone; None when the moment
    cannot be placed on any calendar (9999-12-31T23:59-14:00 is past year 9999 in UTC)."""
    if not isinstance(value, datetime.datetime):
        return value
    try:
        zone = zoneinfo.ZoneInfo(time_zone) if time_zone else None
        return value.astimezone(zone).date() if zone else value.date()
    except (OverflowError, ValueError):
        return None


def day_problem(value, today: datetime.date | None, earliest: datetime.date | None) -> str | None:
    """The one date rule of forms and API: a day the center can place, not after today there,
    not before the child's birth. `value` is a date or an aware date-time (already placed by
    `center_day`, or a date)."""
    if value is None:
        return _("The date is out of range.")
    if today and value > today:
        return _("The date cannot be in the future.")
    if earliest and value < earliest:
        return _("The date cannot be before the child's date of birth (%(born)s).") % {
            "born": earliest.isoformat()
        }
    return None

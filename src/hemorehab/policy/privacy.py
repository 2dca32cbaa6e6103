"""Free text and exact dates are identifiers: who reads which, for web, API and exports alike.

One answer per user and child (`view_for`): which kinds of free text the user may read, and
whether they see real dates or the child's shifted ones. Researchers read no free text and get
every date moved by the child's own shift, the same one the de-identified export uses
(`stats.export.deidentify.date_shift_days` keyed by `shift_key()`), so the API, the web and the
export agree and none of them reveals a shift. Families read what concerns their own entries
and the plan; the care team's session notes and adverse-event texts are the team's.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings

from hemorehab.accounts.roles import CLINICAL_ROLES, Role

CLINICAL = frozenset(CLINICAL_ROLES)
FAMILY = frozenset({Role.GUARDIAN, Role.PATIENT})

# kind of free text -> the roles that may read it. A kind missing here is read by nobody.
TEXT_READERS: dict[str, frozenset[str]] = {
    "session_note": CLINICAL,  # what was done in the hospital session, the adjustments
    "adverse_event": CLINICAL,  # description and outcome
    "assessment_note": CLINICAL,  # notes and not-evaluable reasons of HJHS, ultrasound, ...
    "plan_note": CLINICAL,  # the therapist's note on a plan version
    "home_diary": CLINICAL | FAMILY,  # the family's own diary of home sessions
    "bleed_note": CLINICAL | FAMILY,  # notes and treatment text of a bleed report
    "family_report_note": CLINICAL | FAMILY,  # notes the family wrote on their questionnaire
    "infusion_note": CLINICAL | FAMILY,  # batch and reason of an infusion
}


def shift_key() -> bytes:
    """The per-installation key for date shifting, derived from the secret key (never stored)."""
    return hashlib.sha256(f"hemorehab-date-shift:{settings.SECRET_KEY}".encode()).digest()


def shift_days(study_id: str) -> int:
    from hemorehab.stats.export.deidentify import date_shift_days

    return date_shift_days(shift_key(), study_id)


@dataclass(frozen=True)
class PatientView:
    """What one user may read of one child's free text and dates."""

    texts: frozenset[str]
    shift: int  # days added to every date; 0 for real dates

    def text(self, kind: str) -> bool:
        if kind not in TEXT_READERS:
            raise KeyError(f"unknown kind of free text {kind!r}; add it to TEXT_READERS")
        return kind in self.texts

    @property
    def can_read(self) -> dict[str, bool]:
        """{kind: readable} for templates: `{% if view.can_read.session_note %}`."""
        return {kind: kind in self.texts for kind in TEXT_READERS}

    @property
    def shifted(self) -> bool:
        return self.shift != 0

    def date(self, value):
        """A date or date-time as this user may see it."""
        if not self.shift or not isinstance(value, datetime.date):
            return value
        try:
            return value + datetime.timedelta(days=self.shift)
        except OverflowError:
            return None


def view_for_roles(roles: frozenset[str], study_id: str) -> PatientView:
    texts = frozenset(kind for kind, readers in TEXT_READERS.items() if roles & readers)
    real_dates = bool(roles & (CLINICAL | FAMILY))
    return PatientView(texts=texts, shift=0 if real_dates else shift_days(study_id))

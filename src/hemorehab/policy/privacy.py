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

from hemorehab.policy import records
from hemorehab.policy.permissions import REAL_DATES, TEXT_READERS

# model -> {field: the kind of free text it holds}, where a model's fields are not assessment
# notes. A record a family member entered (a questionnaire) holds the family's own notes.
RECORD_TEXTS: dict[str, dict[str, str]] = {
    "assessments.bleed": {"notes": "bleed_note", "treatment": "bleed_note"},
}
FAMILY_REPORT_TEXTS = {"notes": "family_report_note"}
ASSESSMENT_TEXTS = {"notes": "assessment_note", "ne_reasons": "assessment_note"}


def record_texts(record, family: frozenset[int]) -> dict[str, str]:
    """{field: kind of free text} of a record; `family`: the account ids of the child's family
    (a questionnaire is the family's own when one of them entered it, the team's otherwise)."""
    found = RECORD_TEXTS.get(record._meta.label_lower)
    if found is not None:
        return found
    if records.author_id(record) in family:
        return FAMILY_REPORT_TEXTS
    return ASSESSMENT_TEXTS


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
    real_dates = bool(roles & REAL_DATES)
    return PatientView(texts=texts, shift=0 if real_dates else shift_days(study_id))

"""What the care team and the family add to a child's program: session notes, the home diary,
adverse events (which notify the care team)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hemorehab.patients.records import RecordKind
from hemorehab.rehab import forms
from hemorehab.rehab.models import AdverseEvent, HomeSession, SessionNote
from hemorehab.rehab.notifications import notify


def adverse_event_saved(event: AdverseEvent, before) -> None:
    """A new adverse event tells the care team (policy.NOTIFY names who)."""
    if before is None:
        notify(
            event.patient,
            "adverse_event",
            {"seriousness": event.seriousness, "relation": event.relation},
        )


BACK = "rehab:program"
KINDS = {
    "session": RecordKind(
        forms.SessionNoteForm,
        SessionNote,
        "session.note",
        _("Session note"),
        BACK,
    ),
    "home": RecordKind(
        forms.HomeSessionForm,
        HomeSession,
        "home_session.record",
        _("Home session"),
        BACK,
    ),
    "adverse-event": RecordKind(
        forms.AdverseEventForm,
        AdverseEvent,
        "adverse_event.record",
        _("Adverse event"),
        BACK,
        saved=adverse_event_saved,
    ),
}

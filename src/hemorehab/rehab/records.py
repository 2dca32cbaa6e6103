"""What the care team and the family add to a child's program: session notes, the home diary,
adverse events (which notify the care team)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hemorehab.patients.records import RecordKind
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
    "session": RecordKind.of(
        SessionNote,
        ["held_on", "kind", "minutes", "content", "tolerance", "pain_reported", "adjustments"],
        "held_on",
        "session.note",
        _("Session note"),
        BACK,
    ),
    "home": RecordKind.of(
        HomeSession,
        ["done_on", "minutes", "completed", "pain_reported", "video_checked_in", "notes"],
        "done_on",
        "home_session.record",
        _("Home session"),
        BACK,
    ),
    "adverse-event": RecordKind.of(
        AdverseEvent,
        ["onset", "description", "relation", "seriousness", "outcome"],
        "onset",
        "adverse_event.record",
        _("Adverse event"),
        BACK,
        saved=adverse_event_saved,
    ),
}

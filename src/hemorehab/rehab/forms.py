from hemorehab.rehab.models import AdverseEvent, HomeSession, SessionNote
from hemorehab.web.forms import DATE, CenterDatedForm


class AdverseEventForm(CenterDatedForm):
    date_fields = ("onset",)

    class Meta:
        model = AdverseEvent
        fields = ["onset", "description", "relation", "seriousness", "outcome"]
        widgets = {"onset": DATE}


class SessionNoteForm(CenterDatedForm):
    date_fields = ("held_on",)

    class Meta:
        model = SessionNote
        fields = [
            "held_on",
            "kind",
            "minutes",
            "content",
            "tolerance",
            "pain_reported",
            "adjustments",
        ]
        widgets = {"held_on": DATE}


class HomeSessionForm(CenterDatedForm):
    date_fields = ("done_on",)

    class Meta:
        model = HomeSession
        fields = ["done_on", "minutes", "completed", "pain_reported", "video_checked_in", "notes"]
        widgets = {"done_on": DATE}

from django import forms
from django.utils.translation import gettext_lazy as _

from hemorehab.clinical.exercises import builtin_library
from hemorehab.rehab.plans import planned_items


def _item_key(item: dict) -> str:
    return f"{item['exercise_id']}|{item['side'] or ''}"


class PlanEditForm(forms.Form):
    """The therapist's edit of a draft: which exercises stay, and one to add."""

    action = forms.ChoiceField(choices=[("remove", "remove"), ("add", "add")], required=False)
    version = forms.IntegerField(min_value=1)
    keep = forms.MultipleChoiceField(required=False)
    add_exercise = forms.ChoiceField(label=_("Add an exercise"), required=False)
    add_side = forms.ChoiceField(
        choices=[("", "—"), ("left", _("left")), ("right", _("right"))], required=False
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = planned_items(plan.content)
        self.fields["keep"].choices = [(_item_key(i), i["exercise_id"]) for i in self.items]
        library = sorted(builtin_library().exercises, key=lambda e: e.id)
        self.fields["add_exercise"].choices = [("", "—")] + [(e.id, e.id) for e in library]

    def kept(self) -> set[tuple[str, str | None]]:
        chosen = set(self.cleaned_data["keep"])
        return {(i["exercise_id"], i["side"]) for i in self.items if _item_key(i) in chosen}

"""Form bases every app's forms share. Clinical rules that forms and API share live in the
apps' validators, not here."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"})
TRISTATE = [("", _("Not answered")), ("true", _("Yes")), ("false", _("No"))]


class VersionedForm(forms.ModelForm):
    """Carries the version the user opened, so a save over someone else's change is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Editing needs the version the user opened, or a concurrent change goes unseen.
            self.fields["version"].required = True
            if not self.is_bound:
                self.initial["version"] = self.instance.version

    def save(self, commit=True):
        version = self.cleaned_data.get("version")
        if self.instance.pk and version:
            self.instance.version = version
        return super().save(commit=commit)

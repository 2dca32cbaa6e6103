from django import forms

from hemorehab.accounts.models import User


class LanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]

from django import forms
from django.utils.translation import gettext_lazy as _

from hemorehab.care.models import FactorProduct, Infusion, PkEstimate, ProphylaxisRegimen
from hemorehab.web.forms import DATE, CenterDatedForm, VersionedForm

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class RegimenForm(VersionedForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Infusion days"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ProphylaxisRegimen
        fields = [
            "effective_from",
            "product",
            "dose_iu_per_kg",
            "weekdays",
            "infusion_time",
            "basis_weight_kg",
            "reason",
        ]
        widgets = {"effective_from": DATE, "infusion_time": forms.TimeInput(attrs={"type": "time"})}

    def __init__(self, *args, patient=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = FactorProduct.objects.filter(center=patient.center)


class InfusionForm(CenterDatedForm):
    class Meta:
        model = Infusion
        fields = ["given_at", "product", "batch", "dose_iu", "reason", "place"]
        widgets = {"given_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args, patient=None, **kwargs):
        super().__init__(*args, center=patient.center, **kwargs)
        self.fields["product"].queryset = FactorProduct.objects.filter(center=patient.center)

    def clean(self):
        data = super().clean()
        given = data.get("given_at")
        if given and self.center and given.date() > self.center.today():
            self.add_error("given_at", _("The date cannot be in the future."))
        return data


class PkEstimateForm(CenterDatedForm):
    date_fields = ("estimated_on",)

    class Meta:
        model = PkEstimate
        fields = ["estimated_on", "half_life_h", "recovery", "source", "notes"]
        widgets = {"estimated_on": DATE}


class ProductForm(VersionedForm):
    vial_sizes = forms.CharField(
        label=_("Vial sizes in stock (IU)"), help_text=_("Comma separated, e.g. 250, 500, 1000")
    )

    class Meta:
        model = FactorProduct
        fields = ["name", "factor", "half_life_class", "recovery", "half_life_h", "vial_sizes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["vial_sizes"] = ", ".join(str(v) for v in self.instance.vial_sizes)

    def clean_vial_sizes(self):
        raw = self.cleaned_data["vial_sizes"]
        try:
            sizes = sorted(
                {int(part) for part in raw.replace("，", ",").split(",") if part.strip()}
            )
        except ValueError as exc:
            raise forms.ValidationError(_("Give whole numbers of IU separated by commas.")) from exc
        if not sizes or sizes[0] < 50 or sizes[-1] > 10000:
            raise forms.ValidationError(_("Each vial size must be between 50 and 10000 IU."))
        return sizes

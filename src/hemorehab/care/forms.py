import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from hemorehab.care import services
from hemorehab.care.models import FactorProduct, Infusion, ProphylaxisRegimen
from hemorehab.patients.forms import CenterDatedForm
from hemorehab.ui.forms import DATE, VersionedForm

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
            "dose_min_iu_per_kg",
            "dose_max_iu_per_kg",
            "weekdays",
            "infusion_time",
            "basis_weight_kg",
            "reason",
        ]
        widgets = {"effective_from": DATE, "infusion_time": forms.TimeInput(attrs={"type": "time"})}

    def __init__(self, *args, patient=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.fields["product"].queryset = FactorProduct.objects.filter(center=patient.center)

    def clean(self):
        data = super().clean()
        dose = data.get("dose_iu_per_kg")
        low, high = data.get("dose_min_iu_per_kg"), data.get("dose_max_iu_per_kg")
        if dose is not None and low is not None and low > dose:
            self.add_error(
                "dose_min_iu_per_kg",
                _("%(low)s IU/kg is above the dose of %(dose)s IU/kg.")
                % {"low": low, "dose": dose},
            )
        if dose is not None and high is not None and high < dose:
            self.add_error(
                "dose_max_iu_per_kg",
                _("%(high)s IU/kg is below the dose of %(dose)s IU/kg.")
                % {"high": high, "dose": dose},
            )
        return data

    def clean_effective_from(self):
        day = self.cleaned_data["effective_from"]
        latest = (
            ProphylaxisRegimen.objects.filter(patient=self.patient)
            .order_by("-effective_from")
            .first()
        )
        born = self.patient.identity.date_of_birth
        if day < born:
            raise forms.ValidationError(
                _("The date cannot be before the child's date of birth (%(born)s).")
                % {"born": born.isoformat()}
            )
        if latest is not None and day < latest.effective_from:
            raise forms.ValidationError(
                _(
                    "A new version cannot start before the current one (%(day)s); record a "
                    "correction as a new version from today."
                )
                % {"day": latest.effective_from}
            )
        if day > self.patient.center.today() + datetime.timedelta(days=366):
            raise forms.ValidationError(_("A new version can start at most a year ahead."))
        return day


# Above this a dose is not plausible for one infusion; a setting, not a guideline value.
MAX_IU_PER_KG = 200


class InfusionForm(CenterDatedForm):
    date_fields = ("given_at",)

    class Meta:
        model = Infusion
        fields = ["given_at", "product", "batch", "dose_iu", "reason", "place"]
        widgets = {"given_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args, patient=None, **kwargs):
        super().__init__(*args, patient=patient, **kwargs)
        self.patient = patient
        self.fields["product"].queryset = FactorProduct.objects.filter(center=patient.center)

    def clean(self):
        data = super().clean()
        product, dose = data.get("product"), data.get("dose_iu")
        if product is not None:
            try:
                services.check_product(self.patient, product)
            except services.RegimenError as exc:
                self.add_error("product", exc.message)
        weight = services.latest_weight(self.patient)
        if dose and weight is not None and dose / float(weight.weight_kg) > MAX_IU_PER_KG:
            self.add_error(
                "dose_iu",
                _(
                    "%(dose)s IU is %(per_kg)s IU/kg for %(kg)s kg; more than %(max)s IU/kg in one "
                    "infusion is not plausible."
                )
                % {
                    "dose": dose,
                    "per_kg": round(dose / float(weight.weight_kg)),
                    "kg": weight.weight_kg,
                    "max": MAX_IU_PER_KG,
                },
            )
        return data


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

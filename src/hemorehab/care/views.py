"""The child's prophylaxis page, new regimen versions and the center's factor products (the
infusion log and PK estimates are records: care.records)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hemorehab import policy
from hemorehab.accounts.center_settings import plan_settings_for
from hemorehab.care import forms, services
from hemorehab.care.models import FactorProduct, ProphylaxisRegimen
from hemorehab.clinical import plan as engine
from hemorehab.patients.records import form_page
from hemorehab.policy.middleware import logged_in
from hemorehab.ui.level_chart import level_chart
from hemorehab.ui.saving import save_forms


@logged_in
def prophylaxis(request, patient_id):
    patient = policy.get_patient(request.user, patient_id)
    today = patient.center.today()
    regimen = ProphylaxisRegimen.objects.current_for(patient, today)
    can = policy.capabilities(request.user, patient)
    clinician = can["prophylaxis_versions"]  # every version, the warnings, the PK estimates
    context = {
        "patient": patient,
        "regimen": regimen,
        "versions": list(
            ProphylaxisRegimen.objects.filter(patient=patient).select_related(
                "product", "prescribed_by"
            )
        )
        if clinician
        else [],
        "infusions": services.recent_infusions(patient),
        "can_prescribe": can["prophylaxis_prescribe"],
        "can_infuse": can["infusion_record"],
        "pk_estimates": patient.pk_estimates.all() if clinician else [],
    }
    if regimen is not None:
        points, hours, source = services.week_levels(patient, regimen)
        threshold = float(patient.center.session_level_threshold)
        sessions = planned_sessions(patient, today)
        context.update(
            warnings=services.regimen_warnings(patient, regimen) if clinician else [],
            band=services.band_label(patient, regimen),
            chart=level_chart(
                points,
                hours,
                [(s.weekday * 24 + s.hour, s.below_threshold) for s in sessions],
                threshold,
            ),
            sessions=sessions,
            delivered=services.delivered_iu_per_kg(patient, regimen),
            pk_source=source,
            trough=min(v for _, v in points),
            threshold=threshold,
        )
    return render(request, "care/prophylaxis.html", context)


def planned_sessions(patient, day) -> tuple:
    """Every session of the week (the hospital session and the home sessions), placed on the
    regimen by the plan engine and each checked against the center's threshold."""
    regimen = services.prophylaxis_for(patient, day)
    schedule = engine.weekly_schedule(
        regimen,
        patient.hemophilia_type,
        plan_settings_for(patient.center),
        float(patient.baseline_factor_activity),
    )
    return schedule.sessions


@logged_in
def regimen_new(request, patient_id):
    patient = policy.get_patient(request.user, patient_id, "prophylaxis.prescribe")
    current = ProphylaxisRegimen.objects.current_for(patient, patient.center.today())
    initial = {"effective_from": patient.center.today()}
    weight = services.latest_weight(patient)
    if current is not None:
        initial.update(
            product=current.product_id,
            dose_iu_per_kg=current.dose_iu_per_kg,
            weekdays=current.weekdays,
            infusion_time=current.infusion_time,
        )
    if weight is not None:
        initial["basis_weight_kg"] = weight.weight_kg
    form = forms.RegimenForm(request.POST or None, initial=initial, patient=patient)
    if request.method == "POST" and form.is_valid():
        regimen = form.save(commit=False)
        regimen.prescribed_by = request.user
        try:
            services.create_regimen(patient, regimen)
        except services.RegimenError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Prophylaxis version %(n)s saved.") % {"n": regimen.number})
            return redirect("care:prophylaxis", patient.pk)
    return form_page(request, patient, form, _("New prophylaxis version"), "care:prophylaxis")


@logged_in
def products(request, center_id):
    center = policy.get_center(request.user, center_id, "products.manage")
    return render(
        request,
        "care/products.html",
        {"center": center, "products": FactorProduct.objects.filter(center=center)},
    )


@logged_in
def product_edit(request, center_id, product_id=None):
    center = policy.get_center(request.user, center_id, "products.manage")
    product = get_object_or_404(FactorProduct, pk=product_id, center=center) if product_id else None
    form = forms.ProductForm(request.POST or None, instance=product)
    if request.method == "POST":
        form.instance.center = center
        with transaction.atomic():
            saved = save_forms(request, form)
        if saved:
            return redirect("care:products", center.pk)
    return render(request, "care/product_form.html", {"form": form, "center": center})

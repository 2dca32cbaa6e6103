"""Screening a child against the protocol, enrolling an eligible child, the screening log."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hemorehab import policy
from hemorehab.patients import forms
from hemorehab.patients.flow import study_flow
from hemorehab.patients.models import Enrollment, Patient, Screening
from hemorehab.patients.records import form_page
from hemorehab.patients.screening import CRITERIA_TEXT, evaluate, reason
from hemorehab.policy.middleware import logged_in
from hemorehab.ui.saving import save_forms


@logged_in
def screening_detail(request, patient_id, screening_id):
    patient = policy.get_patient(request.user, patient_id)
    screening = get_object_or_404(Screening, pk=screening_id, patient=patient)
    verdict = evaluate(screening)
    rows = [(CRITERIA_TEXT.get(c.code, c.code), c, reason(c)) for c in verdict.criteria]
    return render(
        request,
        "patients/screening.html",
        {
            "patient": patient,
            "screening": screening,
            "verdict": verdict,
            "rows": rows,
            "can_enroll": verdict.status == "eligible"
            and not hasattr(patient, "enrollment")
            and policy.allowed(request.user, "enrollment.record", patient),
        },
    )


@logged_in
def enrollment_create(request, patient_id, screening_id):
    patient = policy.get_patient(request.user, patient_id, "enrollment.record")
    screening = get_object_or_404(Screening, pk=screening_id, patient=patient)
    if evaluate(screening).status != "eligible":
        messages.error(request, _("Only a child whose screening is eligible can be enrolled."))
        return redirect("patients:screening", patient.pk, screening.pk)
    if Enrollment.objects.filter(patient=patient).exists():
        messages.error(request, _("This child is already enrolled."))
        return redirect("patients:detail", patient.pk)
    form = forms.EnrollmentForm(request.POST or None, patient=patient, screening=screening)
    if request.method == "POST":
        form.instance.patient = patient
        form.instance.screening = screening
        form.instance.enrolled_by = request.user
        if save_forms(request, form):
            messages.success(request, _("Enrolled; the 12-week calendar is on the child's page."))
            return redirect("patients:detail", patient.pk)
    return form_page(request, patient, form, _("Enrollment"), "patients:detail")


@logged_in
def screening_log(request):
    centers = policy.centers_for(request.user, "screening.log")
    if not centers.exists():
        raise Http404
    patients = Patient.objects.filter(center__in=centers)
    flow = study_flow(patients)
    return render(request, "patients/screening_log.html", {"flow": flow, "centers": centers})

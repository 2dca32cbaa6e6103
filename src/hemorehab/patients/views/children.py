"""A child's file: the list of children, registering and editing a child, the child's page
and its change history."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hemorehab import policy
from hemorehab.audit.models import AuditEvent
from hemorehab.clinical.program import program_calendar
from hemorehab.patients import family_links, forms
from hemorehab.patients.models import Patient, PatientIdentity
from hemorehab.policy.middleware import logged_in
from hemorehab.ui.saving import save_forms

PAGE_SIZE = 50
STUDY_ID_LENGTH = Patient._meta.get_field("study_id").max_length


@logged_in
def patient_list(request):
    """The children this user may see, searchable by study ID; unread notifications on top."""
    patients = policy.visible_patients(request.user).select_related("center", "identity")
    query = request.GET.get("q", "").strip()
    if len(query) > STUDY_ID_LENGTH:
        patients = patients.none()  # longer than any study ID: nothing can match
    elif query:
        patients = patients.filter(study_id__icontains=query)
    page = Paginator(patients.order_by("study_id"), PAGE_SIZE).get_page(request.GET.get("page"))
    # Those who may see identifiers are those who may open the record (the care team and the
    # family); a researcher sees the study ID only.
    shown = policy.identifiable(request.user, page.object_list)
    rows = [(p, p.pk in shown) for p in page.object_list]
    return render(
        request,
        "patients/list.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "can_create": policy.centers_for(request.user, "patient.create").exists(),
        },
    )


@logged_in
def patient_detail(request, patient_id):
    patient = policy.get_patient(request.user, patient_id)
    patient = (
        Patient.objects.filter(pk=patient.pk)
        .select_related("center", "identity", "enrollment")
        .prefetch_related(
            "weights",
            "inhibitor_tests",
            "joints",
            "contacts",
            Prefetch("screenings"),
        )
        .get()
    )
    identified = policy.may_see_identifiers(request.user, patient)
    identity = getattr(patient, "identity", None) if identified else None
    today = patient.center.today()
    enrollment = getattr(patient, "enrollment", None)
    can = policy.capabilities(request.user, patient)
    return render(
        request,
        "patients/detail.html",
        {
            "patient": patient,
            "identity": identity,
            "age": identity.age_on(today) if identity else None,
            "contacts": patient.contacts.all() if identified else [],
            "enrollment": enrollment,
            "calendar": program_calendar(enrollment.start_date) if enrollment else None,
            "today": today,
            "can": can,
            "link_requests": family_links.pending_for(patient) if can["family_link"] else [],
            "family_accounts": family_links.linked_accounts(patient) if can["family_link"] else [],
        },
    )


@logged_in
def patient_create(request):
    centers = policy.centers_for(request.user, "patient.create")
    if not centers.exists():
        raise Http404
    center_id = request.POST.get("center") or request.GET.get("center") or centers.first().pk
    center = policy.get_center(request.user, center_id, "patient.create")
    patient_form = forms.PatientForm(request.POST or None, prefix="patient")
    identity_form = forms.IdentityForm(request.POST or None, prefix="identity", center=center)
    if request.method == "POST" and patient_form.is_valid() and identity_form.is_valid():
        fields = {name: patient_form.cleaned_data[name] for name in forms.PatientForm.Meta.fields}
        with transaction.atomic():
            patient = Patient.register(center, **fields)
            identity = identity_form.save(commit=False)
            identity.patient = patient
            identity.save()
        messages.success(request, _("Registered %(study_id)s.") % {"study_id": patient.study_id})
        return redirect("patients:detail", patient.pk)
    return render(
        request,
        "patients/form.html",
        {"forms": [patient_form, identity_form], "centers": centers, "center": center},
    )


@logged_in
def patient_edit(request, patient_id):
    patient = policy.get_patient(request.user, patient_id, "patient.edit")
    identity = PatientIdentity.objects.filter(patient=patient).first()
    patient_form = forms.PatientForm(request.POST or None, instance=patient, prefix="patient")
    identity_form = forms.IdentityForm(
        request.POST or None, instance=identity, prefix="identity", center=patient.center
    )
    if request.method == "POST":
        identity_form.instance.patient = patient
        if save_forms(request, patient_form, identity_form):
            messages.success(request, _("Saved."))
            return redirect("patients:detail", patient.pk)
    return render(
        request,
        "patients/form.html",
        {"forms": [patient_form, identity_form], "patient": patient},
    )


@logged_in
def patient_audit(request, patient_id):
    patient = policy.get_patient(request.user, patient_id, "audit.view")
    events = AuditEvent.objects.for_patient(patient.pk).select_related("actor")
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "patients/audit.html", {"patient": patient, "page": page})

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hemorehab import policy
from hemorehab.accounts import login as accounts_login
from hemorehab.audit.models import AuditEvent
from hemorehab.clinical.program import program_calendar
from hemorehab.patients import family_links
from hemorehab.patients.models import (
    FamilyLinkRequest,
    GuardianContact,
    InhibitorTest,
    Patient,
    PatientIdentity,
    PatientJoint,
    WeightMeasurement,
)
from hemorehab.policy.middleware import logged_in
from hemorehab.rehab.notifications import text as notification_text
from hemorehab.rehab.notifications import unread_for
from hemorehab.web import forms
from hemorehab.web.views.common import save_forms

PAGE_SIZE = 50
STUDY_ID_LENGTH = Patient._meta.get_field("study_id").max_length


@logged_in
def home(request):
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
        "web/home.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "can_create": policy.centers_for(request.user, "patient.create").exists(),
            "notifications": [(n, notification_text(n)) for n in unread_for(request.user)],
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
        "web/patient_detail.html",
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


@require_POST
@logged_in
def family_link_decide(request, patient_id, link_id):
    """A clinician of the child's center confirms (or declines) a family account's link."""
    patient = policy.get_patient(request.user, patient_id, "family.link")
    link = get_object_or_404(FamilyLinkRequest, pk=link_id, patient=patient)
    confirm = request.POST.get("decision") == "confirm"
    password = family_links.decide(link, confirm, request.user)
    if not confirm:
        messages.success(request, _("The link is declined."))
    elif password:
        messages.success(
            request,
            _("%(username)s is linked. First password (give it to them in person): %(password)s")
            % {"username": link.user.username, "password": password},
        )
    else:
        messages.success(request, _("%(username)s is linked.") % {"username": link.user.username})
    return redirect("patient", patient.pk)


@require_POST
@logged_in
def family_reset_password(request, patient_id, user_id):
    """A family's password is reset by the care team that linked it (never by an administrator,
    who would then hold a key to the child's record)."""
    patient = policy.get_patient(request.user, patient_id, "family.link")
    account = next((a for a in family_links.linked_accounts(patient) if a.pk == int(user_id)), None)
    if account is None:
        raise Http404
    password = accounts_login.reset_password(account, by=request.user)
    messages.success(
        request,
        _("New password for %(username)s (give it to them in person): %(password)s")
        % {"username": account.username, "password": password},
    )
    return redirect("patient", patient.pk)


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
        return redirect("patient", patient.pk)
    return render(
        request,
        "web/patient_form.html",
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
            return redirect("patient", patient.pk)
    return render(
        request,
        "web/patient_form.html",
        {"forms": [patient_form, identity_form], "patient": patient},
    )


# Small records added to a child's file: (form, model, action, title).
CHILD_RECORDS = {
    "weight": (forms.WeightForm, WeightMeasurement, "patient.weight", _("Weight")),
    "inhibitor": (forms.InhibitorForm, InhibitorTest, "patient.inhibitor", _("Inhibitor test")),
    "joint": (forms.JointForm, PatientJoint, "patient.joints", _("Affected joint")),
    "contact": (forms.ContactForm, GuardianContact, "patient.edit", _("Guardian contact")),
}


@logged_in
def record_edit(request, patient_id, kind, record_id=None):
    if kind not in CHILD_RECORDS:
        raise Http404
    form_class, model, action, title = CHILD_RECORDS[kind]
    patient = policy.get_patient(request.user, patient_id, action)
    instance = get_object_or_404(model, pk=record_id, patient=patient) if record_id else None
    extra = {"patient": patient} if issubclass(form_class, forms.CenterDatedForm) else {}
    form = form_class(request.POST or None, instance=instance, **extra)
    if request.method == "POST":
        form.instance.patient = patient
        if save_forms(request, form):
            messages.success(request, _("Saved."))
            return redirect("patient", patient.pk)
    return render(
        request, "web/record_form.html", {"form": form, "patient": patient, "title": title}
    )


@logged_in
def patient_audit(request, patient_id):
    patient = policy.get_patient(request.user, patient_id, "audit.view")
    events = AuditEvent.objects.for_patient(patient.pk).select_related("actor")
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "web/audit.html", {"patient": patient, "page": page})

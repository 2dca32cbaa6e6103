"""A child's family accounts: a clinician confirms (or declines) a link an administrator asked
for, and resets a linked family's password (never an administrator, who would then hold a key
to the child's record)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hemorehab import policy
from hemorehab.accounts.handover import reset_and_show
from hemorehab.patients import family_links
from hemorehab.patients.models import FamilyLinkRequest
from hemorehab.policy.middleware import logged_in


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
    return redirect("patients:detail", patient.pk)


@require_POST
@logged_in
def family_reset_password(request, patient_id, user_id):
    """A family's password is reset by the care team that linked it (never by an administrator,
    who would then hold a key to the child's record)."""
    patient = policy.get_patient(request.user, patient_id, "family.link")
    account = next((a for a in family_links.linked_accounts(patient) if a.pk == int(user_id)), None)
    if account is None:
        raise Http404
    reset_and_show(request, account)
    return redirect("patients:detail", patient.pk)

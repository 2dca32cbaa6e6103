"""A center's administration: its accounts (staff, and the family accounts waiting for a
clinician to confirm their link to a child) and its settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hemorehab import policy
from hemorehab.accounts import login as accounts_login
from hemorehab.accounts.center_settings import ADJUSTABLE
from hemorehab.accounts.handover import reset_and_show
from hemorehab.accounts.models import Membership, User
from hemorehab.centers.forms import CenterSettingsForm, UserCreateForm
from hemorehab.patients import family_links
from hemorehab.policy.middleware import logged_in


def center_accounts(center):
    """Staff of the center, and the families and adolescents of its children (linked or
    waiting for a clinician's confirmation)."""
    return User.objects.filter(
        Q(memberships__center=center)
        | Q(guardianships__patient__center=center)
        | Q(patient_record__center=center)
        | Q(link_requests__patient__center=center)
    ).distinct()


def _managed_user(request, center_id, user_id):
    center = policy.get_center(request.user, center_id, "users.manage")
    user = get_object_or_404(center_accounts(center), pk=user_id)
    if not policy.may_manage_account(request.user, user):
        raise PermissionDenied
    return center, user


@logged_in
def center_users(request, center_id):
    center = policy.get_center(request.user, center_id, "users.manage")
    members = (
        center_accounts(center)
        .prefetch_related("memberships", "guardianships__patient")
        .order_by("username")
    )
    rows = [(member, policy.may_manage_account(request.user, member)) for member in members]
    return render(request, "centers/users.html", {"center": center, "rows": rows})


@logged_in
def user_create(request, center_id):
    center = policy.get_center(request.user, center_id, "users.manage")
    form = UserCreateForm(request.POST or None, center=center)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = form.save(commit=False)
            user.set_unusable_password()
            user.save()
            for role in data["roles"]:
                Membership.objects.create(user=user, center=center, role=role)
            # A family account reaches a child only when a clinician confirms the link.
            for child in data["guardian_of"]:
                family_links.request_link(user, child, "guardian", request.user, "guardian")
            if data["patient_study_id"] is not None:
                family_links.request_link(user, data["patient_study_id"], "patient", request.user)
            if not data["roles"]:
                messages.success(
                    request,
                    _(
                        "Account %(username)s created. A clinician of the child's center "
                        "confirms the link on the child's page and hands over the first password."
                    )
                    % {"username": user.username},
                )
                return redirect("centers:users", center.pk)
            password = accounts_login.reset_password(user, by=request.user)
        messages.success(
            request,
            _(
                "Account %(username)s created. First password (give it to them in person): "
                "%(password)s"
            )
            % {"username": user.username, "password": password},
        )
        return redirect("centers:users", center.pk)
    return render(request, "centers/user_form.html", {"form": form, "center": center})


@require_POST
@logged_in
def user_reset_password(request, center_id, user_id):
    center, user = _managed_user(request, center_id, user_id)
    reset_and_show(request, user)
    return redirect("centers:users", center.pk)


@require_POST
@logged_in
def user_unlock(request, center_id, user_id):
    center, user = _managed_user(request, center_id, user_id)
    accounts_login.unlock(user, by=request.user)
    messages.success(request, _("%(username)s is unlocked.") % {"username": user.username})
    return redirect("centers:users", center.pk)


@require_POST
@logged_in
def user_revoke_tokens(request, center_id, user_id):
    center, user = _managed_user(request, center_id, user_id)
    count = accounts_login.revoke_tokens(user, by=request.user)
    messages.success(
        request,
        _("%(count)s API tokens of %(username)s are revoked.")
        % {"count": count, "username": user.username},
    )
    return redirect("centers:users", center.pk)


@logged_in
def center_settings(request, center_id):
    """The center's plan-engine settings and session threshold (one audited change)."""
    center = policy.get_center(request.user, center_id, "center.settings")
    form = CenterSettingsForm(request.POST or None, center=center)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        center.session_level_threshold = data["session_level_threshold"]
        center.plan_settings = {key: data[key] for key in ADJUSTABLE}
        center.save()
        messages.success(request, _("Saved."))
        return redirect("centers:settings", center.pk)
    return render(request, "centers/settings.html", {"form": form, "center": center})

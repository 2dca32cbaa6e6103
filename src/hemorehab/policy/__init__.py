"""The one place that decides who may do what. Deny by default.

Every view and API endpoint declares the action it performs; this module answers, for a user
and a child (or a center), whether that action is allowed. Permissions come from the roles a
user holds where the child is: membership roles in the child's center, `guardian` when the user
is linked to that child, `patient` when the child's own account is the user. Nothing else grants
access: a role in center B gives nothing in center A, and a platform superuser manages centers
and accounts but sees no clinical data.

For each resource there is one function that fetches an object for a user (404 when the user
may not see it, 403 when they may see it but not do this) and one that filters a queryset.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from hemorehab.accounts.models import Center, Membership, User
from hemorehab.accounts.roles import Role
from hemorehab.policy import records
from hemorehab.policy.permissions import NOTIFY, PERMISSIONS
from hemorehab.policy.privacy import PatientView, view_for_roles


def _center_roles(user: User) -> dict[int, frozenset[str]]:
    """{center id: roles} for a user, read once per request and kept on the user object."""
    cached = getattr(user, "_hemorehab_center_roles", None)
    if cached is None:
        found: dict[int, set[str]] = {}
        for center_id, role in Membership.objects.filter(
            user=user, user__is_active=True
        ).values_list("center_id", "role"):
            found.setdefault(center_id, set()).add(role)
        cached = {center: frozenset(roles) for center, roles in found.items()}
        user._hemorehab_center_roles = cached
    return cached


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def roles_in_center(user: User, center_id: int) -> frozenset[str]:
    return _center_roles(user).get(center_id, frozenset()) if _active(user) else frozenset()


def roles_for_patient(user: User, patient) -> frozenset[str]:
    if not _active(user):
        return frozenset()
    roles = set(roles_in_center(user, patient.center_id))
    if patient.account_id == user.pk:
        roles.add(Role.PATIENT)
    if patient.pk in _guarded(user):
        roles.add(Role.GUARDIAN)
    return frozenset(roles)


def _guarded(user: User) -> frozenset[int]:
    """The children a user is the guardian of, read once per request."""
    cached = getattr(user, "_hemorehab_guarded", None)
    if cached is None:
        cached = frozenset(user.guardianships.values_list("patient_id", flat=True))
        user._hemorehab_guarded = cached
    return cached


def capabilities(user: User, patient) -> dict[str, bool]:
    """Every action's answer for this child, keyed for templates ("patient.edit" is offered as
    `can.patient_edit`, since template lookups cannot contain dots)."""
    roles = roles_for_patient(user, patient)
    return {
        action.replace(".", "_"): bool(roles & granted) for action, granted in PERMISSIONS.items()
    }


def allowed(user: User, action: str, patient) -> bool:
    return bool(roles_for_patient(user, patient) & PERMISSIONS.get(action, frozenset()))


def centers_for(user: User, action: str) -> QuerySet[Center]:
    """Centers in which the user may perform an action that is not about one child."""
    if not _active(user):
        return Center.objects.none()
    granted = PERMISSIONS.get(action, frozenset())
    ids = [c for c, roles in _center_roles(user).items() if roles & granted]
    return Center.objects.filter(pk__in=ids)


def get_center(user: User, center_id, action: str) -> Center:
    try:
        pk = int(center_id)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    center = centers_for(user, action).filter(pk=pk).first()
    if center is None:
        raise Http404
    return center


def visible_patients(user: User, action: str = "patient.view", queryset=None) -> QuerySet:
    """The children on whom the user may perform the action."""
    from hemorehab.patients.models import Guardianship, Patient

    queryset = Patient.objects.all() if queryset is None else queryset
    if not _active(user):
        return queryset.none()
    granted = PERMISSIONS.get(action, frozenset())
    center_ids = [c for c, roles in _center_roles(user).items() if roles & granted]
    where = Q(center_id__in=center_ids)
    if Role.PATIENT in granted:
        where |= Q(account_id=user.pk)
    if Role.GUARDIAN in granted:
        where |= Q(pk__in=Guardianship.objects.filter(user=user).values("patient_id"))
    return queryset.filter(where)


def get_patient(user: User, patient_id, action: str = "patient.record"):
    """The child for this user, or 404 if they may not see it, or 403 if they may not act."""
    try:
        pk = int(patient_id)
    except (ValueError, TypeError) as exc:
        raise Http404 from exc
    patient = visible_patients(user).select_related("center").filter(pk=pk).first()
    if patient is None:
        raise Http404
    if action != "patient.view" and not allowed(user, action, patient):
        raise PermissionDenied
    return patient


def may_see_identifiers(user: User, patient) -> bool:
    return allowed(user, "patient.identifiers", patient)


def may_change_record(user: User, action: str, patient, record) -> bool:
    """May this user change this existing record (families: only their own, for a while)?"""
    granted = PERMISSIONS.get(action, frozenset())
    return records.may_change(roles_for_patient(user, patient), granted, user, record)


def cho_klat_forms(user: User, patient) -> tuple[str, ...]:
    return records.cho_klat_forms(roles_for_patient(user, patient))


def family_accounts(patient) -> frozenset[int]:
    """The accounts of the child's family: their guardians and the child's own."""
    ids = set(patient.guardianships.values_list("user_id", flat=True))
    if patient.account_id:
        ids.add(patient.account_id)
    return frozenset(ids)


def view_for(user: User, patient) -> PatientView:
    """Which free text of this child the user reads, and whether their dates are shifted."""
    return view_for_roles(roles_for_patient(user, patient), patient.study_id)


def any_role(user: User, roles: Iterable[str]) -> bool:
    if not _active(user):
        return False
    wanted = set(roles)
    held = set().union(*_center_roles(user).values()) if _center_roles(user) else set()
    if Role.GUARDIAN in wanted and user.guardianships.exists():
        return True
    if Role.PATIENT in wanted and hasattr(user, "patient_record"):
        return True
    return bool(held & wanted)


def may_manage_account(admin: User, account: User) -> bool:
    """A center administrator manages an account only when everything it can reach lies in
    centers they administer, and it administers nothing itself (no escalation across centers)."""
    if not _active(admin) or account.is_superuser or account.pk == admin.pk:
        return False
    managed = {c for c, roles in _center_roles(admin).items() if Role.CENTER_ADMIN in roles}
    memberships = list(account.memberships.values_list("center_id", "role"))
    if any(role == Role.CENTER_ADMIN for _center, role in memberships):
        return False
    # A family's account is the care team's to reset (it reaches a child's identifiers, which
    # an administrator does not): an administrator manages staff accounts.
    if account.guardianships.exists() or hasattr(account, "patient_record"):
        return False
    reach = {center for center, _role in memberships}
    return bool(reach) and reach <= managed


def identifiable(user: User, patients: Iterable) -> set[int]:
    """Which of these children's identifiers the user may see, in a fixed number of queries."""
    if not _active(user):
        return set()
    granted = PERMISSIONS["patient.identifiers"]
    centers = {c for c, roles in _center_roles(user).items() if roles & granted}
    patients = list(patients)
    linked = set(
        user.guardianships.filter(patient__in=[p.pk for p in patients]).values_list(
            "patient_id", flat=True
        )
    )
    return {
        p.pk
        for p in patients
        if p.center_id in centers or p.pk in linked or p.account_id == user.pk
    }


def plan_visible(user: User, patient, plan) -> bool:
    """A draft reaches only those who draft and approve plans (nothing reaches the family
    before a therapist approves); a replaced version only the care team (a family follows the
    current version)."""
    if plan.status == "draft":
        return allowed(user, "plan.draft", patient)
    if plan.status == "superseded":
        return allowed(user, "plan.versions", patient)
    return True


def notification_recipients(patient, event: str) -> QuerySet[User]:
    """Who of the child's center is told about an event (permissions.NOTIFY)."""
    roles = NOTIFY.get(event, frozenset())
    return User.objects.filter(
        is_active=True, memberships__center=patient.center_id, memberships__role__in=roles
    ).distinct()

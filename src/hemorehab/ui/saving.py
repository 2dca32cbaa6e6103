"""Saving forms in one transaction, with a concurrent change or a natural duplicate shown to
the user instead of an error; the same words for the web and the API."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hemorehab.audit.trail import ConflictError

CONFLICT = gettext_lazy(
    "Someone else saved this record after you opened it. Your entries are still in the form "
    "below; the values now stored are listed beside it. Check them and save again."
)


def save_forms(request, *forms) -> bool:
    """Validate and save all forms together; nothing is written unless everything is valid.

    A form whose fields the user did not change is not saved, so it cannot conflict.

    On a conflicting concurrent change the forms keep what the user typed and carry the stored
    values, so nothing typed is lost.
    """
    if not all(form.is_valid() for form in forms):
        return False
    saving = None
    created = [form.instance for form in forms if form.instance._state.adding]
    try:
        with transaction.atomic():
            for form in forms:
                if form.instance._state.adding or set(form.changed_data) - {"version"}:
                    saving = form
                    form.save()
    except IntegrityError:
        # A natural duplicate that arrived at the same moment (the database's constraint).
        for instance in created:  # rolled back: they are new again
            instance.pk = None
            instance._state.adding = True
        if saving is not None:
            saving.add_error(None, duplicate_message(saving.instance))
        return False
    except ConflictError as conflict:
        messages.error(request, CONFLICT)
        for form in forms:
            if form.instance is conflict.instance:
                form.conflict = conflict.current
                form.data = form.data.copy()
                form.data["version"] = conflict.current["version"]
        return False
    return True


def duplicate_message(instance) -> str:
    """Why the database refused a record as a natural duplicate (its constraint's own words)."""
    try:
        instance.validate_constraints()
    except ValidationError as exc:
        return " ".join(exc.messages)
    return str(_("This record is already stored."))

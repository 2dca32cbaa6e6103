"""The one audit mechanism: every audited model and queryset writes through here.

`AuditedModel` records create, change and delete from `save()` and `delete()` (including saves
with `update_fields`); `AuditedQuerySet` records its bulk paths (`update`, `delete`,
`bulk_create`, `bulk_update`) row by row. Both run inside the writer's transaction, so a write
and its audit record commit or roll back together. The table itself refuses updates and
deletes, in the application and in the database (triggers in the migration).

Optimistic concurrency lives here too: an audited record carries a `version`; saving a record
whose version no longer matches the stored one raises `ConflictError` with the stored values.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.db import models, transaction
from django.db.models.signals import class_prepared

from hemorehab.audit import chain
from hemorehab.audit.context import current_actor
from hemorehab.audit.models import AuditAction


class ConflictError(Exception):
    """Someone else saved this record after it was opened."""

    def __init__(self, instance: models.Model, current: dict[str, Any]):
        self.instance = instance
        self.current = current
        super().__init__(f"{instance._meta.label} {instance.pk} was changed by someone else")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The stored columns of a record as JSON-able values."""
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
    }


def _patient_id(instance: models.Model) -> int | None:
    getter = getattr(instance, "audit_patient_id", None)
    return getter() if callable(getter) else None


def record(
    instance: models.Model,
    action: str,
    before: dict | None,
    after: dict | None,
    object_pk: Any = None,
) -> None:
    changed = sorted(
        key
        for key in set(before or {}) | set(after or {})
        if (before or {}).get(key) != (after or {}).get(key)
    )
    if action == AuditAction.UPDATE and not changed:
        return
    actor = current_actor()
    chain.append(
        actor_id=actor.user_id,
        actor_label=actor.label,
        request_id=actor.request_id,
        method=actor.method,
        path=actor.path,
        ip=actor.ip,
        model=instance._meta.label,
        object_pk=str(instance.pk if object_pk is None else object_pk),
        patient_id=_patient_id(instance),
        action=action,
        before=before,
        after=after,
        changed=changed,
    )


class AuditedQuerySet(models.QuerySet):
    """Bulk paths that still leave one audit record per row."""

    def update(self, **kwargs):
        with transaction.atomic(using=self.db):
            rows = list(self.select_for_update())
            if not rows:
                return 0
            befores = {row.pk: snapshot(row) for row in rows}
            if "version" in {f.attname for f in self.model._meta.concrete_fields}:
                kwargs.setdefault("version", models.F("version") + 1)
            count = super().update(**kwargs)
            for row in self.model._base_manager.filter(pk__in=list(befores)):
                record(row, AuditAction.UPDATE, befores[row.pk], snapshot(row))
            return count

    def delete(self):
        with transaction.atomic(using=self.db):
            for row in self.select_for_update():
                record(row, AuditAction.DELETE, snapshot(row), None)
            return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            for row in created:
                if row.pk is None:
                    raise TypeError("audited bulk_create needs a database that returns keys")
                record(row, AuditAction.CREATE, None, snapshot(row))
            return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        with transaction.atomic(using=self.db):
            befores = {
                row.pk: snapshot(row)
                for row in self.model._base_manager.filter(pk__in=[o.pk for o in objs])
            }
            count = super().bulk_update(objs, fields, *args, **kwargs)
            for row in self.model._base_manager.filter(pk__in=list(befores)):
                record(row, AuditAction.UPDATE, befores[row.pk], snapshot(row))
            return count


class AuditedModel(models.Model):
    """Base for every clinical and identifying model: audited, versioned, timestamped."""

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using")):
            before = self._locked_current() if not self._state.adding else None
            if before is not None:
                if before["version"] != self.version:
                    raise ConflictError(self, before)
                self.version += 1
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
            super().save(*args, **kwargs)
            action = AuditAction.CREATE if before is None else AuditAction.UPDATE
            record(self, action, before, snapshot(self))

    def _locked_current(self) -> dict[str, Any] | None:
        row = type(self)._base_manager.select_for_update().filter(pk=self.pk).first()
        return snapshot(row) if row is not None else None

    def delete(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using")):
            pk, before = self.pk, self._locked_current()
            result = super().delete(*args, **kwargs)
            if before is not None:
                record(self, AuditAction.DELETE, before, None, object_pk=pk)
            return result

    def audit_patient_id(self) -> int | None:
        """The child this record belongs to, so a patient's history can be shown in one place."""
        return getattr(self, "patient_id", None)


def _audited_base_manager(sender, **kwargs) -> None:
    """Django's `_base_manager` (related lookups, `Model._base_manager.update()`) is a plain
    manager unless named: for audited models it is their audited `objects`, so no manager of
    theirs writes without an audit record."""
    if issubclass(sender, AuditedModel) and not sender._meta.abstract:
        sender._meta.base_manager_name = "objects"


class_prepared.connect(_audited_base_manager)

"""The audit trail: one append-only table of every change to clinical and identifying data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")


class AuditEventQuerySet(models.QuerySet):
    def for_object(self, instance):
        return self.filter(model=instance._meta.label, object_pk=str(instance.pk))

    def for_patient(self, patient_id):
        return self.filter(patient_id=patient_id)

    def update(self, **kwargs):
        raise PermissionError("the audit trail is append-only")

    def delete(self):
        raise PermissionError("the audit trail is append-only")


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    request_id = models.CharField(max_length=32)
    method = models.CharField(max_length=10, blank=True)
    path = models.CharField(max_length=500, blank=True)
    ip = models.CharField(max_length=45, blank=True)
    model = models.CharField(max_length=100)
    object_pk = models.CharField(max_length=64)
    patient_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    changed = models.JSONField(default=list)
    # The hash chain (audit.chain): the predecessor's hash and this row's own.
    prev_hash = models.CharField(max_length=64, default="", editable=False)
    hash = models.CharField(max_length=64, default="", editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        base_manager_name = "objects"  # no plain manager that could delete rows
        indexes = [models.Index(fields=["model", "object_pk"])]

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}"
        return f"{when} {self.actor_label} {self.action} {self.model}#{self.object_pk}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("the audit trail is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit trail is append-only")

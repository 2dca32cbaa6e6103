from django.db import models

from hemorehab.audit.trail import AuditedModel


class ExportRecord(AuditedModel):
    """Every research export, who asked for it and whether it carried identifiers; being an
    audited model, each one is also in the audit trail."""

    requested_by = models.CharField(max_length=150)
    format = models.CharField(max_length=12)
    identified = models.BooleanField()
    rows = models.PositiveIntegerField()
    cohort = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        kind = "identified" if self.identified else "de-identified"
        return f"{self.created_at:%Y-%m-%d} {self.requested_by} {kind} {self.format}"

    def audit_patient_id(self) -> int | None:
        return None

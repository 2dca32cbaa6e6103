"""The audit trail as a hash chain: each row carries the SHA-256 of its predecessor.

A row's `hash` covers its own content and `prev_hash`, so changing, removing or inserting a row
anywhere but at the end breaks the chain from that row on, and `hemorehab check` says where.
Appending is serialized so that two writers never link to the same predecessor: on PostgreSQL a
transaction-scoped advisory lock, taken only at the moment the audit row is written (held to the
writer's commit); SQLite already writes one transaction at a time (immediate transactions).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connections, router, transaction
from django.utils import timezone

GENESIS = "0" * 64
# pg_advisory_xact_lock key: any fixed 64-bit number, the same for every writer.
LOCK_KEY = 0x68656D6F_61756474  # "hemoaudt"
HASHED = (
    "at",
    "actor_id",
    "actor_label",
    "request_id",
    "method",
    "path",
    "ip",
    "model",
    "object_pk",
    "patient_id",
    "action",
    "before",
    "after",
    "changed",
)


def _canonical(value: Any) -> Any:
    """The same value whether freshly built or read back from either database's JSON column."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return value


def digest(prev_hash: str, fields: dict[str, Any]) -> str:
    content = {name: _canonical(fields.get(name)) for name in HASHED}
    content["prev_hash"] = prev_hash
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def append(**fields: Any):
    """Write one audit row linked to the last one, inside the caller's transaction."""
    from hemorehab.audit.models import AuditEvent

    using = router.db_for_write(AuditEvent)
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        last = (
            AuditEvent.objects.using(using).order_by("-id").values_list("hash", flat=True).first()
        )
        fields["at"] = timezone.now()
        prev_hash = last or GENESIS
        event = AuditEvent(**fields, prev_hash=prev_hash, hash=digest(prev_hash, fields))
        event.save(using=using)
        return event


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str

    def __str__(self) -> str:
        return f"audit row {self.event_id}: {self.reason}"


def verify(limit: int = 20, using: str = "default") -> list[ChainBreak]:
    """Every place where the chain does not hold (at most `limit`), oldest first."""
    from hemorehab.audit.models import AuditEvent

    breaks: list[ChainBreak] = []
    prev_hash, prev_at = GENESIS, None
    rows = AuditEvent.objects.using(using).order_by("id").values("id", "prev_hash", "hash", *HASHED)
    for row in rows.iterator(chunk_size=2000):
        if row["prev_hash"] != prev_hash:
            breaks.append(ChainBreak(row["id"], "does not link to the row before it"))
        elif row["hash"] != digest(row["prev_hash"], row):
            breaks.append(ChainBreak(row["id"], "its content does not match its hash"))
        elif prev_at is not None and row["at"] < prev_at:
            breaks.append(ChainBreak(row["id"], "is dated before the row before it"))
        if len(breaks) >= limit:
            break
        prev_hash, prev_at = row["hash"], row["at"]
    return breaks

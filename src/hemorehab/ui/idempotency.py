"""The key that makes a create count once: its name in a web form and in an API request, its
shape, and a new one for each form shown. The server side (claiming the key, answering a
retry again) is accounts.idempotency."""

from __future__ import annotations

import re
import secrets

HEADER = "Idempotency-Key"
FIELD = "idempotency_key"
KEY = re.compile(r"^[A-Za-z0-9_\-:.]{8,100}$")


def new_key() -> str:
    return secrets.token_urlsafe(18)

"""Every create is idempotent: a retried request gives the first answer again.

A client sends a key with a POST: the `Idempotency-Key` header (API), or the hidden
`idempotency_key` field every web form carries (`{% idempotency_field %}`). The first request
with a key claims it (a unique row per user, key, method and path, committed before the work
starts); a second one with the same key waits for the first to finish and receives its answer
(`Idempotent-Replayed: true`), whether it came a second or a day later. Only answers that wrote
something are kept (a web redirect, an API 2xx): a refused form can be corrected and sent again
with the same key.
"""

from __future__ import annotations

import datetime
import secrets
import time

from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from hemorehab.accounts.models import IdempotencyKey
from hemorehab.ui.idempotency import FIELD, HEADER, KEY

KEEP = datetime.timedelta(hours=24)
WAIT_SECONDS = 15.0


def _principal(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        from hemorehab.accounts.login import user_for_token

        return user_for_token(header[len("Bearer ") :].strip(), touch=False)
    return None


def _problem(status: int, message: str, api: bool) -> HttpResponse:
    if api:
        return JsonResponse(
            {"detail": message, "errors": [{"field": HEADER, "message": message}]}, status=status
        )
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _kept(response) -> bool:
    return 200 <= response.status_code < 300 or response.status_code in (302, 303)


def _replay(row: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(row.body, status=row.status, content_type=row.content_type or None)
    if row.location:
        response["Location"] = row.location
    response["Idempotent-Replayed"] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        api = request.path.startswith("/api/")
        key = request.headers.get(HEADER) if api else request.POST.get(FIELD)
        if not key:
            return self.get_response(request)
        if not KEY.match(key):
            message = "send 8-100 letters, digits or - _ : . as the key"
            return _problem(422, f"{HEADER}: {message}", api)
        user = _principal(request)
        if user is None:
            return self.get_response(request)
        scope = f"{request.method} {request.path}"[:520]
        claimed = self._claim(user, key, scope)
        if claimed is not True:
            return self._answer_again(claimed, api)
        try:
            response = self.get_response(request)
        except BaseException:
            IdempotencyKey.objects.filter(user=user, key=key, scope=scope).delete()
            raise
        self._finish(IdempotencyKey.objects.filter(user=user, key=key, scope=scope), response)
        return response

    def _claim(self, user, key: str, scope: str):
        """True when this request owns the key, else the stored row."""
        try:
            with transaction.atomic():
                IdempotencyKey.objects.create(user=user, key=key, scope=scope)
        except IntegrityError:
            return IdempotencyKey.objects.get(user=user, key=key, scope=scope)
        if secrets.randbelow(50) == 0:  # now and then, forget answers older than a day
            IdempotencyKey.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        return True

    def _answer_again(self, row: IdempotencyKey, api: bool) -> HttpResponse:
        deadline = time.monotonic() + WAIT_SECONDS
        while row.status is None and time.monotonic() < deadline:
            time.sleep(0.05)
            row = IdempotencyKey.objects.filter(pk=row.pk).first()
            if row is None:  # the first attempt failed and released the key: nothing stored
                return _problem(409, "The first attempt failed; send the request again.", api)
        if row.status is None:
            return _problem(409, "The same request is still being processed; retry.", api)
        return _replay(row)

    def _finish(self, rows, response) -> None:
        download = response.has_header("Content-Disposition")  # never keep a copy of a file
        if not _kept(response) or download or getattr(response, "streaming", False):
            rows.delete()
            return
        rows.update(
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            location=response.get("Location", "")[:500],
            body=response.content,
        )

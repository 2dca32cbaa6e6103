"""What every app's API router shares: strict request bodies, the error body, the answers an
operation documents, and a 422 that names the field."""

from ninja import Schema
from ninja.responses import Status
from pydantic import ConfigDict


class StrictIn(Schema):
    """A request body: a field the API does not know is refused (422 naming it), as the forms
    refuse what they do not know, instead of being silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    detail: str
    errors: list[dict] = []


def answers(ok: dict, *extra: int) -> dict:
    """The responses an operation documents: its success, and every refusal it can give (400
    an unreadable body, 401 no valid token, 403 not allowed, 404 not visible, 422 invalid input
    with the field named), plus `extra` ones such as 409."""
    refusals = dict.fromkeys((400, 401, 403, 404, 422, *extra), ErrorOut)
    return {**refusals, **ok}


def problem(field: str, message: str, status: int = 422) -> Status:
    """A refusal naming the field (422 invalid input, 409 a duplicate)."""
    return Status(
        status,
        {
            "detail": f"{field}: {message}" if field else message,
            "errors": [{"field": field, "message": message}],
        },
    )


def nul_place(value, place: str = "") -> str | None:
    """Where a NUL character hides in a request body (databases refuse it), or None."""
    if isinstance(value, str):
        return place if "\x00" in value else None
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list | tuple)
        else ()
    )
    for key, inner in items:
        found = nul_place(inner, f"{place}.{key}" if place else str(key))
        if found is not None:
            return found
    return None

"""Who is acting, and from which request: set by the web middleware, the API and the CLI."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    method: str = ""
    path: str = ""
    ip: str = ""


SYSTEM = Actor(user_id=None, label="system")
_current: ContextVar[Actor] = ContextVar("hemorehab_actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


@contextlib.contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def attribute_request_to(actor: Actor) -> None:
    """Within a request already wrapped by `acting_as` (the middleware), name the real actor once
    the API has authenticated the caller; the middleware's reset still restores the outer value."""
    _current.set(actor)

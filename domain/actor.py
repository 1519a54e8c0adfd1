"""Who is acting: the API token (and its user) behind the current request or background run,
recorded on every outbox event for the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    token_id: int | None
    user_id: int | None = None


# Set by the API's auth middleware for a request and by the job runner for a run; a schedule
# or a command without a token acts as nobody (None).
_current: ContextVar[Actor | None] = ContextVar("actor", default=None)


def current_actor() -> Actor | None:
    return _current.get()


@contextmanager
def acting_as(actor: Actor | None) -> Iterator[None]:
    token = _current.set(actor)
    try:
        yield
    finally:
        _current.reset(token)

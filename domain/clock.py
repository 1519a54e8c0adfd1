"""The one place use cases read the time, so tests and jobs can pass `now` explicitly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime

# A moment every use case of the current task reads as "now" (the demo company is built at
# its own dates); None: the real time.
_frozen: ContextVar[datetime | None] = ContextVar("frozen_now", default=None)


def utcnow() -> datetime:
    frozen = _frozen.get()
    return datetime.now(UTC) if frozen is None else frozen


def today() -> date:
    return utcnow().date()


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Inside the block (this task and the tasks it starts), `utcnow()` is `moment`."""
    token = _frozen.set(moment)
    try:
        yield
    finally:
        _frozen.reset(token)

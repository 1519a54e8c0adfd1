"""Service-area fixtures: the domain clock frozen at an instant each test can move."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from service_factories import Clock

from domain import clock as domain_clock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    frozen = Clock()
    monkeypatch.setattr(domain_clock, "utcnow", lambda: frozen.now)
    yield frozen

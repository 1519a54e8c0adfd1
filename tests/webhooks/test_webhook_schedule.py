"""The retry schedule as a pure rule: the n-th retry waits schedule[n-1] seconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.settings import DEFAULT_RETRY_SCHEDULE
from domain.webhooks.delivery import next_attempt_at

SCHEDULE = tuple(int(s) for s in DEFAULT_RETRY_SCHEDULE.split(","))
T = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)


def test_the_default_schedule_spaces_eight_attempts() -> None:
    delays = [next_attempt_at(SCHEDULE, attempt, 1, T) for attempt in range(1, 9)]
    assert delays == [
        T + timedelta(seconds=5),
        T + timedelta(minutes=5),
        T + timedelta(minutes=30),
        T + timedelta(hours=2),
        T + timedelta(hours=5),
        T + timedelta(hours=10),
        T + timedelta(hours=10),
        None,
    ]


def test_a_manual_retry_starts_the_schedule_again() -> None:
    # Attempts 1..8 failed; the retry's series begins at attempt 9.
    assert next_attempt_at(SCHEDULE, 9, 9, T) == T + timedelta(seconds=5)
    assert next_attempt_at(SCHEDULE, 16, 9, T) is None


def test_an_empty_schedule_means_a_single_attempt() -> None:
    assert next_attempt_at((), 1, 1, T) is None

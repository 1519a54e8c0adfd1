"""Event-type filters: exact types and wildcards (`invoice.*`, `*`) over contract §8's list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from domain.errors import DomainError, ErrorCode
from domain.events import EVENT_TYPES
from domain.validation import Checks, required_text

WILDCARD = "*"


def _prefixes() -> frozenset[str]:
    return frozenset(t.split(".", 1)[0] for t in EVENT_TYPES)


def clean_patterns(patterns: Iterable[str] | None, field: str = "event_types") -> list[str]:
    """The patterns deduplicated and sorted; an unknown type or prefix is INVALID."""
    checks = Checks()
    given = [
        checks(required_text, pattern, (field, str(index)), 120) if pattern.strip() else ""
        for index, pattern in enumerate(patterns or ())
    ]
    if not any(given) and not checks.errors:
        raise DomainError(ErrorCode.REQUIRED, "At least one event type is required.", field)
    prefixes = _prefixes()
    for index, pattern in enumerate(given):
        if pattern is None:  # refused above
            continue
        known = (
            pattern == WILDCARD
            or pattern in EVENT_TYPES
            or (pattern.endswith(".*") and pattern[:-2] in prefixes)
        )
        if not known:
            checks.add(
                DomainError(
                    ErrorCode.INVALID,
                    f"{pattern!r} is not an event type, a prefix wildcard like 'invoice.*', "
                    "or '*'.",
                    (field, str(index)),
                )
            )
    checks.raise_if_any()
    return sorted(set(given))


def matches(patterns: Sequence[str], event_type: str) -> bool:
    for pattern in patterns:
        if pattern in (WILDCARD, event_type):
            return True
        if pattern.endswith(".*") and event_type.startswith(pattern[:-1]):
            return True
    return False

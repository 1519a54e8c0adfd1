"""The rules of a segment (§13), checked and normalised: pure, no ORM, no clock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from domain.accounts.models import Lifecycle
from domain.errors import DomainError, ErrorCode
from domain.validation import MONEY, Checks, optional_date, optional_decimal, optional_text


@dataclass(frozen=True)
class SegmentRules:
    """Which accounts belong: every rule given must hold; no rule at all is every active
    (not archived) account.

    - `lifecycle`, `tier`, `industry`: equal (tier and industry ignoring letter case);
    - `owner_id`: the account's owner is this user;
    - `min_lifetime_revenue` ≤ lifetime revenue ≤ `max_lifetime_revenue` (both inclusive;
      lifetime revenue as `Account.lifetimeRevenue`: invoiced net of tax minus credit notes,
      here in the base currency, each document at its invoice's booked rate);
    - `last_order_before` / `last_order_after`: the day of the account's last order (the
      latest confirmation, UTC, of an order not cancelled) is strictly before / after the
      date; an account that never ordered matches neither;
    - `has_open_cases`: true → at least one case NEW, OPEN or WAITING_ON_CUSTOMER; false → none.
    """

    lifecycle: Lifecycle | None = None
    tier: str | None = None
    industry: str | None = None
    owner_id: int | None = None
    min_lifetime_revenue: Decimal | None = None
    max_lifetime_revenue: Decimal | None = None
    last_order_before: date | None = None
    last_order_after: date | None = None
    has_open_cases: bool | None = None


RULE_NAMES: tuple[str, ...] = tuple(f.name for f in fields(SegmentRules))


def _rule_path(name: str) -> tuple[str, str]:
    return ("rules", name)


def _lifecycle(value: Any, field: tuple[str, ...]) -> Lifecycle | None:
    if value is None:
        return None
    try:
        return Lifecycle(getattr(value, "value", value))
    except ValueError:
        raise DomainError(
            ErrorCode.INVALID,
            f"lifecycle must be one of {', '.join(m.value for m in Lifecycle)}.",
            field,
        ) from None


def _owner(value: Any, field: tuple[str, ...]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise DomainError(ErrorCode.INVALID, "ownerId must name a user.", field)
    return value


def _flag(value: Any, field: tuple[str, ...]) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise DomainError(ErrorCode.INVALID, "hasOpenCases must be true or false.", field)


def _day(value: Any, field: tuple[str, ...]) -> date | None:
    """A day given as a date or as `YYYY-MM-DD` (rules arrive as JSON, §13)."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            message = f"{value!r} is not a YYYY-MM-DD day."
            raise DomainError(ErrorCode.INVALID, message, field) from None
    return optional_date(value, field)


def _amount(value: Any, field: tuple[str, ...]) -> Decimal | None:
    """An amount given as a Decimal, a string or a JSON number (floats read by their shortest
    decimal form, so 1000.1 is 1000.1, never its binary neighbour)."""
    if isinstance(value, str | float | int) and not isinstance(value, bool):
        try:
            value = Decimal(repr(value) if isinstance(value, float) else str(value))
        except ArithmeticError:
            raise DomainError(ErrorCode.INVALID, f"{value!r} is not an amount.", field) from None
    return optional_decimal(value, field, MONEY)


def clean_rules(rules: Mapping[str, Any]) -> SegmentRules:
    """The rules checked, every invalid one reported at once (field path `rules.<name>`):
    an unknown rule name, a malformed value, a minimum above its maximum or a
    `last_order_after` not before `last_order_before` is INVALID."""
    checks = Checks()
    for name in sorted(set(rules) - set(RULE_NAMES)):
        checks.add(
            DomainError(ErrorCode.INVALID, f"{name} is not a segment rule.", ("rules", name))
        )
    clean: dict[str, Any] = {}
    for name in RULE_NAMES:
        value = rules.get(name)
        path = _rule_path(name)
        if name == "lifecycle":
            clean[name] = checks(_lifecycle, value, path)
        elif name in ("tier", "industry"):
            clean[name] = checks(optional_text, value, path, 32 if name == "tier" else 120)
        elif name == "owner_id":
            clean[name] = checks(_owner, value, path)
        elif name in ("min_lifetime_revenue", "max_lifetime_revenue"):
            clean[name] = checks(_amount, value, path)
        elif name in ("last_order_before", "last_order_after"):
            clean[name] = checks(_day, value, path)
        else:
            clean[name] = checks(_flag, value, path)
    checks.raise_if_any()
    low, high = clean["min_lifetime_revenue"], clean["max_lifetime_revenue"]
    if low is not None and high is not None and low > high:
        checks.add(
            DomainError(
                ErrorCode.INVALID,
                "minLifetimeRevenue must not be above maxLifetimeRevenue.",
                _rule_path("min_lifetime_revenue"),
            )
        )
    after, before = clean["last_order_after"], clean["last_order_before"]
    if after is not None and before is not None and after >= before:
        checks.add(
            DomainError(
                ErrorCode.INVALID,
                "lastOrderAfter must be before lastOrderBefore: no day lies between them.",
                _rule_path("last_order_after"),
            )
        )
    checks.raise_if_any()
    return SegmentRules(**clean)


def stored_rules(rules: SegmentRules) -> dict[str, Any]:
    """The rules given, as JSON: decimals and dates as strings, absent rules left out."""
    stored: dict[str, Any] = {}
    for name in RULE_NAMES:
        value = getattr(rules, name)
        if value is None:
            continue
        if isinstance(value, Lifecycle):
            value = value.value
        elif isinstance(value, Decimal | date):
            value = str(value)
        stored[name] = value
    return stored


def rules_of(stored: Mapping[str, Any]) -> SegmentRules:
    """The rules of a stored segment (what `stored_rules` wrote)."""
    return clean_rules(stored)

"""The shared rules of the insights (§13): periods, the next period, and how rates, ratios,
days and averages are rounded. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from domain.errors import DomainError, ErrorCode
from domain.validation import Checks, required_date

RATE_PLACES = Decimal("0.0001")
RATIO_PLACES = Decimal("0.01")
DAY_PLACES = Decimal("0.1")
SECONDS_PER_DAY = Decimal(86400)


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days inclusive."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def next(self) -> Period:
        """The same number of days right after `end` (§13 "next period")."""
        return Period(self.end + timedelta(days=1), self.end + timedelta(days=self.days))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def period(start: object, end: object) -> Period:
    """The period `from`..`to`; a missing or malformed day, or `from` after `to`, is INVALID."""
    checks = Checks()
    first = checks(required_date, start, "from")
    last = checks(required_date, end, "to")
    checks.raise_if_any()
    if first > last:
        raise DomainError(ErrorCode.INVALID, "`from` must not be after `to`.", "from")
    return Period(first, last)


def rate(part: int, whole: int) -> Decimal | None:
    """part / whole as a fraction from 0 to 1 with 4 decimals, half-up ("0.7500"); None
    when there is nothing to measure (whole is 0)."""
    if whole == 0:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator with 2 decimals, half-up; None when the denominator is 0."""
    if denominator == 0:
        return None
    return (numerator / denominator).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def one_decimal(value: Decimal) -> Decimal:
    return value.quantize(DAY_PLACES, rounding=ROUND_HALF_UP)


def mean(values: list[Decimal]) -> Decimal | None:
    """The arithmetic mean with 1 decimal, half-up (days, minutes); None for no values."""
    if not values:
        return None
    return one_decimal(sum(values, Decimal(0)) / len(values))

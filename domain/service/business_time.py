"""Business-time arithmetic over a working calendar (contract §7): pure, stdlib only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MIDNIGHT = time(0)
MINUTES_PER_DAY = 24 * 60

_ONE_SECOND = timedelta(seconds=1)
_ONE_MINUTE = timedelta(minutes=1)
_ONE_DAY = timedelta(days=1)
_WALL_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")

# A minute-of-day pair (start, end) with end up to 1440; one tuple of them per weekday.
_DayHours = tuple[tuple[int, int], ...]
_Period = tuple[datetime, datetime]


class CalendarError(ValueError):
    """An invalid calendar; `field` is the offending input's path, e.g. ("hours", "2", "end").

    Raised for the first problem; `problems` lists every problem found, this one first."""

    def __init__(self, field: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.problems: tuple[CalendarError, ...] = (self,)


@dataclass(frozen=True)
class WorkingInterval:
    """Working wall-clock time on one weekday (1=Mon..7=Sun); an `end` of 00:00 means 24:00."""

    weekday: int
    start: time
    end: time

    @property
    def start_minute(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def end_minute(self) -> int:
        # `time` cannot say 24:00, and a working day that runs to midnight is common.
        if self.end == MIDNIGHT:
            return MINUTES_PER_DAY
        return self.end.hour * 60 + self.end.minute


@dataclass(frozen=True)
class Calendar:
    """Working hours and holidays, both in the calendar's own timezone. Validated on creation."""

    timezone: str
    hours: tuple[WorkingInterval, ...]
    holidays: frozenset[date] = frozenset()
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)
    _week: tuple[_DayHours, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Callers build calendars from lists (ORM rows, GraphQL input); freezing them here keeps
        # the calendar hashable and immune to later mutation of the caller's list.
        object.__setattr__(self, "hours", tuple(self.hours))
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        validate_calendar(self)
        object.__setattr__(self, "_zone", ZoneInfo(self.timezone))
        week = tuple(
            tuple(
                sorted(
                    (interval.start_minute, interval.end_minute)
                    for interval in self.hours
                    if interval.weekday == weekday
                )
            )
            for weekday in range(1, 8)
        )
        object.__setattr__(self, "_week", week)


def validate_calendar(calendar: Calendar) -> None:
    """Raise CalendarError naming every problem found; `Calendar()` calls this itself."""
    problems = calendar_problems(calendar)
    if problems:
        first = problems[0]
        first.problems = tuple(problems)
        raise first


def calendar_problems(calendar: Calendar) -> list[CalendarError]:
    problems: list[CalendarError] = []
    try:
        ZoneInfo(calendar.timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        problems.append(
            CalendarError(("timezone",), f"{calendar.timezone!r} is not a known IANA time zone.")
        )
    if not calendar.hours:
        problems.append(
            CalendarError(("hours",), "A calendar needs at least one working interval.")
        )
    interval_problems = [
        problem
        for index, interval in enumerate(calendar.hours)
        if (problem := _interval_problem(index, interval)) is not None
    ]
    problems += interval_problems
    if not interval_problems:
        problems += _overlaps(calendar.hours)
    for holiday in calendar.holidays:
        # A datetime is a date too, but would never equal the local dates it is compared with.
        if isinstance(holiday, datetime) or not isinstance(holiday, date):
            problems.append(CalendarError(("holidays",), f"{holiday!r} is not a date."))
            break
    return problems


def _interval_problem(index: int, interval: WorkingInterval) -> CalendarError | None:
    path = ("hours", str(index))
    if isinstance(interval.weekday, bool) or interval.weekday not in range(1, 8):
        return CalendarError(
            (*path, "weekday"), f"Weekday must be 1 (Monday) to 7 (Sunday), not {interval.weekday}."
        )
    for name, moment in (("start", interval.start), ("end", interval.end)):
        if moment.tzinfo is not None or moment.second or moment.microsecond:
            return CalendarError(
                (*path, name), f"{name.capitalize()} must be a local wall time in whole minutes."
            )
    if interval.end_minute <= interval.start_minute:
        return CalendarError((*path, "end"), "A working interval must end after it starts.")
    return None


def _overlaps(hours: tuple[WorkingInterval, ...]) -> list[CalendarError]:
    ordered = sorted(enumerate(hours), key=lambda item: (item[1].weekday, item[1].start_minute))
    return [
        CalendarError(
            ("hours", str(index), "start"),
            f"Working intervals overlap on weekday {current.weekday}.",
        )
        for (_, previous), (index, current) in pairwise(ordered)
        if current.weekday == previous.weekday and current.start_minute < previous.end_minute
    ]


def parse_wall_time(text: str, *, end: bool = False) -> time:
    """Parse "HH:MM"; "24:00" is accepted for an interval's end and becomes 00:00."""
    if end and text == "24:00":
        return MIDNIGHT
    if not _WALL_TIME.fullmatch(text):
        raise ValueError(f"{text!r} is not a wall time in HH:MM format.")
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def format_wall_time(moment: time, *, end: bool = False) -> str:
    """Format as "HH:MM"; an interval's end at midnight reads "24:00"."""
    if end and moment == MIDNIGHT:
        return "24:00"
    return moment.strftime("%H:%M")


def add_business_minutes(calendar: Calendar, start: datetime, minutes: int) -> datetime:
    """The UTC instant `minutes` business minutes after `start` (contract §7).

    A clock started outside working hours starts at the next working period, so `minutes=0`
    gives the first working instant at or after `start`. Time is exact: seconds in `start` are
    kept (Mon 09:00:30 + 1 = Mon 09:01:30). A target that ends exactly where a working period
    ends is due at that end (Fri 15:00 + 120 = Fri 17:00, not Monday 09:00).
    """
    if minutes < 0:
        raise ValueError("Business minutes to add must not be negative.")
    return add_business_time(calendar, start, timedelta(minutes=minutes))


def add_business_time(calendar: Calendar, start: datetime, duration: timedelta) -> datetime:
    """`add_business_minutes` for an exact duration, e.g. 80% of a 7-minute target (5m36s)."""
    if duration < timedelta(0):
        raise ValueError("Business time to add must not be negative.")
    moment = _as_utc(start, "start")
    remaining = duration
    periods = _periods_from(calendar, moment)
    while True:
        begin, end = next(periods)
        if end <= moment:
            continue
        begin = max(begin, moment)
        if remaining <= end - begin:
            return begin + remaining
        remaining -= end - begin


def business_time_between(calendar: Calendar, start: datetime, end: datetime) -> timedelta:
    """Exact working time in [start, end); zero when `end` is not after `start`."""
    since = _as_utc(start, "start")
    until = _as_utc(end, "end")
    total = timedelta(0)
    if until <= since:
        return total
    for begin, finish in _periods_from(calendar, since):
        if begin >= until:
            break
        overlap = min(finish, until) - max(begin, since)
        if overlap > timedelta(0):
            total += overlap
    return total


def business_minutes_between(calendar: Calendar, start: datetime, end: datetime) -> int:
    """Whole business minutes in [start, end), rounded down; 0 when `end` is not after `start`."""
    return business_time_between(calendar, start, end) // _ONE_MINUTE


def _as_utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime.")
    return moment.astimezone(UTC)


def _periods_from(calendar: Calendar, moment: datetime) -> Iterator[_Period]:
    """Working periods as ordered, disjoint UTC instants, from the day before `moment` on."""
    zone = calendar._zone
    # Starting a day early is cheap and means no period that contains `moment` can be missed.
    day = moment.astimezone(zone).date() - _ONE_DAY
    while True:
        if day not in calendar.holidays:
            for start_minute, end_minute in calendar._week[day.isoweekday() - 1]:
                begin = _instant(zone, day, start_minute)
                end = _instant(zone, day, end_minute)
                # An interval lying wholly inside a DST gap never happens on the wall clock.
                if end > begin:
                    yield begin, end
        day += _ONE_DAY


def _instant(zone: ZoneInfo, day: date, minute_of_day: int) -> datetime:
    """The UTC instant at which the wall clock of `zone` reads `minute_of_day` on `day`.

    A wall time shown twice (clocks set back) is taken at its first occurrence; one never shown
    (clocks set forward) maps to the instant the clock jumps. Both keep the mapping monotonic, so
    disjoint wall-clock intervals stay disjoint in real time and are measured in elapsed time.
    """
    wall = datetime.combine(day, MIDNIGHT) + timedelta(minutes=minute_of_day)
    first = wall.replace(tzinfo=zone).astimezone(UTC)
    second = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    if second >= first:
        return first
    # In a gap, fold=1 reads the wall time with the later offset and lands before the jump,
    # fold=0 with the earlier offset and lands after it: the jump lies in (second, first].
    return _jump_instant(zone, second, first)


def _jump_instant(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    target = _utc_offset(zone, after)
    # Offsets change on whole seconds, so bisecting down to one second finds the jump exactly.
    while after - before > _ONE_SECOND:
        middle = before + _ONE_SECOND * ((after - before) // _ONE_SECOND // 2)
        if _utc_offset(zone, middle) == target:
            after = middle
        else:
            before = middle
    return after


def _utc_offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    return instant.astimezone(zone).replace(tzinfo=None) - instant.replace(tzinfo=None)

"""Business-time arithmetic: exact instants, DST weeks, validation and consistency properties."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from domain.service.business_time import (
    MIDNIGHT,
    Calendar,
    CalendarError,
    WorkingInterval,
    add_business_minutes,
    add_business_time,
    business_minutes_between,
    business_time_between,
    format_wall_time,
    parse_wall_time,
)

WEEKDAYS = range(1, 6)
ALL_DAYS = range(1, 8)


def local(
    zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=ZoneInfo(zone))


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def calendar(
    zone: str,
    spans: tuple[tuple[time, time], ...] = ((time(9), time(17)),),
    days: range = WEEKDAYS,
    holidays: frozenset[date] = frozenset(),
) -> Calendar:
    hours = tuple(WorkingInterval(weekday, start, end) for weekday in days for start, end in spans)
    return Calendar(zone, hours, holidays)


def around_the_clock(zone: str) -> Calendar:
    return calendar(zone, ((MIDNIGHT, MIDNIGHT),), ALL_DAYS)


def local_day(zone: str, year: int, month: int, day: int) -> tuple[datetime, datetime]:
    """From this local midnight to the next one, however long the day is."""
    following = date(year, month, day) + timedelta(days=1)
    return local(zone, year, month, day), local(
        zone, following.year, following.month, following.day
    )


def berlin_day(year: int, month: int, day: int) -> tuple[datetime, datetime]:
    return local_day("Europe/Berlin", year, month, day)


# --- Mon-Fri 09:00-17:00 ---------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin"])
def test_friday_afternoon_plus_four_hours_is_monday_late_morning(zone: str) -> None:
    due = add_business_minutes(calendar(zone), local(zone, 2026, 1, 9, 15), 240)

    assert due == local(zone, 2026, 1, 12, 11)
    assert due.tzinfo is UTC


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin"])
def test_a_monday_holiday_moves_the_due_time_to_tuesday(zone: str) -> None:
    office = calendar(zone, holidays=frozenset({date(2026, 1, 12)}))

    assert add_business_minutes(office, local(zone, 2026, 1, 9, 15), 240) == local(
        zone, 2026, 1, 13, 11
    )


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin"])
def test_a_clock_started_on_saturday_starts_monday_at_nine(zone: str) -> None:
    office = calendar(zone)
    saturday = local(zone, 2026, 1, 10, 10, 15)

    assert add_business_minutes(office, saturday, 0) == local(zone, 2026, 1, 12, 9)
    assert add_business_minutes(office, saturday, 60) == local(zone, 2026, 1, 12, 10)


def test_zero_minutes_inside_working_hours_is_the_start_itself() -> None:
    assert add_business_minutes(calendar("UTC"), utc(2026, 1, 12, 10, 7, 3), 0) == utc(
        2026, 1, 12, 10, 7, 3
    )


def test_zero_minutes_at_closing_time_is_the_next_opening() -> None:
    assert add_business_minutes(calendar("UTC"), utc(2026, 1, 9, 17), 0) == utc(2026, 1, 12, 9)


def test_a_target_that_runs_out_at_closing_time_is_due_at_closing_time() -> None:
    assert add_business_minutes(calendar("UTC"), utc(2026, 1, 9, 15), 120) == utc(2026, 1, 9, 17)


def test_seconds_in_the_start_instant_are_kept() -> None:
    office = calendar("UTC")

    assert add_business_minutes(office, utc(2026, 1, 12, 9, 0, 30), 1) == utc(2026, 1, 12, 9, 1, 30)
    assert add_business_minutes(office, utc(2026, 1, 9, 16, 59, 30), 1) == utc(
        2026, 1, 12, 9, 0, 30
    )


def test_a_start_in_another_timezone_is_the_same_instant() -> None:
    new_york_morning = local("America/New_York", 2026, 1, 9, 10)  # 15:00 UTC

    assert add_business_minutes(calendar("UTC"), new_york_morning, 240) == utc(2026, 1, 12, 11)


def test_a_split_day_skips_the_lunch_break() -> None:
    split = calendar("UTC", ((time(9), time(12)), (time(13), time(17))))

    assert add_business_minutes(split, utc(2026, 1, 12, 11), 120) == utc(2026, 1, 12, 14)
    assert business_minutes_between(split, utc(2026, 1, 12, 9), utc(2026, 1, 12, 17)) == 420


def test_an_interval_off_the_hour_is_measured_to_the_minute() -> None:
    mornings = calendar("UTC", ((time(8, 30), time(12, 15)),))

    assert add_business_minutes(mornings, utc(2026, 1, 12, 12), 30) == utc(2026, 1, 13, 8, 45)
    assert business_minutes_between(mornings, utc(2026, 1, 12, 8, 30), utc(2026, 1, 13, 8, 30)) == (
        225
    )


def test_counting_skips_the_weekend_and_a_holiday() -> None:
    office = calendar("UTC", holidays=frozenset({date(2026, 1, 12)}))
    friday_four_pm, tuesday_ten_am = utc(2026, 1, 9, 16), utc(2026, 1, 13, 10)

    assert business_minutes_between(office, friday_four_pm, tuesday_ten_am) == 120
    assert business_minutes_between(calendar("UTC"), friday_four_pm, tuesday_ten_am) == 600


def test_holidays_are_dates_in_the_calendars_timezone() -> None:
    berlin = calendar(
        "Europe/Berlin", ((MIDNIGHT, MIDNIGHT),), ALL_DAYS, frozenset({date(2026, 1, 12)})
    )

    # Berlin's 12 January runs from 23:00 UTC on the 11th to 23:00 UTC on the 12th.
    assert business_minutes_between(berlin, utc(2026, 1, 11, 23), utc(2026, 1, 12, 23)) == 0
    assert business_minutes_between(berlin, utc(2026, 1, 12), utc(2026, 1, 13)) == 60


def test_counting_rounds_a_partial_minute_down() -> None:
    assert business_minutes_between(
        calendar("UTC"), utc(2026, 1, 12, 9, 0, 30), utc(2026, 1, 12, 17)
    ) == (479)


def test_counting_backwards_or_over_nothing_gives_zero() -> None:
    office = calendar("UTC")

    assert business_minutes_between(office, utc(2026, 1, 12, 12), utc(2026, 1, 12, 10)) == 0
    assert business_minutes_between(office, utc(2026, 1, 12, 12), utc(2026, 1, 12, 12)) == 0
    assert business_time_between(office, utc(2026, 1, 12, 12), utc(2026, 1, 12, 10)) == timedelta(0)


def test_a_year_of_weekdays_counts_every_working_minute() -> None:
    # 2026 starts on a Thursday: 52 whole weeks plus one Thursday = 261 weekdays.
    assert business_minutes_between(calendar("UTC"), utc(2026, 1, 1), utc(2027, 1, 1)) == 261 * 480


def test_a_hundred_thousand_minutes_land_on_the_exact_minute() -> None:
    # 100,000 = 208 working days of 480 minutes + 160: 41 weeks and 3 days, then 2h40.
    assert add_business_minutes(calendar("UTC"), utc(2026, 1, 5, 9), 100_000) == utc(
        2026, 10, 22, 11, 40
    )


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_minutes(calendar("UTC"), utc(2026, 1, 12, 9), -1)


def test_naive_datetimes_are_refused() -> None:
    office = calendar("UTC")

    with pytest.raises(ValueError, match="timezone-aware"):
        add_business_minutes(office, datetime(2026, 1, 12, 9), 10)
    with pytest.raises(ValueError, match="timezone-aware"):
        business_minutes_between(office, utc(2026, 1, 12, 9), datetime(2026, 1, 12, 10))


# --- DST -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "start", "expected_local", "expected_utc"),
    [
        # Berlin springs forward on 2026-03-29: the day lasts 23 hours.
        ("Europe/Berlin", (2026, 3, 28, 12), (2026, 3, 29, 13), (2026, 3, 29, 11)),
        # ... and falls back on 2026-10-25: the day lasts 25 hours.
        ("Europe/Berlin", (2026, 10, 24, 12), (2026, 10, 25, 11), (2026, 10, 25, 10)),
        ("America/New_York", (2026, 3, 7, 12), (2026, 3, 8, 13), (2026, 3, 8, 17)),
        ("America/New_York", (2026, 10, 31, 12), (2026, 11, 1, 11), (2026, 11, 1, 16)),
    ],
)
def test_a_round_the_clock_day_across_a_dst_change_is_24_real_hours(
    zone: str,
    start: tuple[int, int, int, int],
    expected_local: tuple[int, int, int, int],
    expected_utc: tuple[int, int, int, int],
) -> None:
    due = add_business_minutes(around_the_clock(zone), local(zone, *start), 24 * 60)

    assert due == local(zone, *expected_local)
    assert due == utc(*expected_utc)


@pytest.mark.parametrize(
    ("zone", "day", "minutes"),
    [
        ("Europe/Berlin", (2026, 3, 29), 23 * 60),
        ("Europe/Berlin", (2026, 10, 25), 25 * 60),
        ("America/New_York", (2026, 3, 8), 23 * 60),
        ("America/New_York", (2026, 11, 1), 25 * 60),
        ("Europe/Berlin", (2026, 3, 28), 24 * 60),
    ],
)
def test_a_round_the_clock_dst_day_counts_its_real_length(
    zone: str, day: tuple[int, int, int], minutes: int
) -> None:
    assert business_minutes_between(around_the_clock(zone), *local_day(zone, *day)) == minutes


@pytest.mark.parametrize(
    ("zone", "friday", "expected_utc"),
    [
        # Friday is still winter time, Monday already summer time: only the offset moves.
        ("Europe/Berlin", (2026, 3, 27, 15), (2026, 3, 30, 9)),
        ("Europe/Berlin", (2026, 10, 23, 15), (2026, 10, 26, 10)),
        ("America/New_York", (2026, 3, 6, 15), (2026, 3, 9, 15)),
        ("America/New_York", (2026, 10, 30, 15), (2026, 11, 2, 16)),
    ],
)
def test_an_office_calendar_ignores_a_night_time_dst_change(
    zone: str, friday: tuple[int, int, int, int], expected_utc: tuple[int, int, int, int]
) -> None:
    due = add_business_minutes(calendar(zone), local(zone, *friday), 240)

    assert due == utc(*expected_utc)
    assert due.astimezone(ZoneInfo(zone)).time() == time(11)


@pytest.mark.parametrize(
    ("zone", "monday_before", "monday_after"),
    [
        ("Europe/Berlin", (2026, 3, 23), (2026, 3, 30)),
        ("Europe/Berlin", (2026, 10, 19), (2026, 10, 26)),
        ("America/New_York", (2026, 3, 2), (2026, 3, 9)),
        ("America/New_York", (2026, 10, 26), (2026, 11, 2)),
    ],
)
def test_an_office_week_across_a_dst_change_has_forty_hours(
    zone: str, monday_before: tuple[int, int, int], monday_after: tuple[int, int, int]
) -> None:
    office = calendar(zone)

    assert business_minutes_between(
        office, local(zone, *monday_before), local(zone, *monday_after)
    ) == (40 * 60)


def test_a_week_of_business_hours_after_a_spring_change_ends_at_the_same_wall_time() -> None:
    # Thursday 2026-03-05 10:00 EST + 40 business hours = Thursday 2026-03-12 10:00 EDT,
    # which is 167 real hours later: New York sprang forward on Sunday 8 March.
    start = local("America/New_York", 2026, 3, 5, 10)
    due = add_business_minutes(calendar("America/New_York"), start, 40 * 60)

    assert due == local("America/New_York", 2026, 3, 12, 10)
    assert due - start == timedelta(hours=167)


def test_business_time_can_be_added_to_the_microsecond() -> None:
    office = calendar("UTC")

    assert add_business_time(office, utc(2026, 1, 9, 16, 55), timedelta(minutes=5, seconds=36)) == (
        utc(2026, 1, 12, 9, 0, 36)
    )
    with pytest.raises(ValueError, match="negative"):
        add_business_time(office, utc(2026, 1, 9, 16), timedelta(microseconds=-1))


def test_an_interval_spanning_the_spring_change_lasts_one_hour_less() -> None:
    night_shift = calendar("Europe/Berlin", ((time(1), time(4)),), ALL_DAYS)

    assert business_minutes_between(night_shift, *berlin_day(2026, 3, 29)) == 120
    # 01:00 CET + 90 real minutes = 03:30 CEST.
    assert add_business_minutes(night_shift, local("Europe/Berlin", 2026, 3, 29, 1), 90) == (
        utc(2026, 3, 29, 1, 30)
    )


def test_an_interval_spanning_the_autumn_change_lasts_one_hour_more() -> None:
    night_shift = calendar("Europe/Berlin", ((time(1), time(4)),), ALL_DAYS)

    assert business_minutes_between(night_shift, *berlin_day(2026, 10, 25)) == 240


def test_an_interval_starting_in_the_skipped_hour_starts_when_the_clock_jumps() -> None:
    skipped = calendar("Europe/Berlin", ((time(2, 30), time(3, 15)),), ALL_DAYS)

    assert business_minutes_between(skipped, *berlin_day(2026, 3, 29)) == 15
    assert add_business_minutes(skipped, utc(2026, 3, 29), 0) == utc(2026, 3, 29, 1)
    assert business_minutes_between(skipped, *berlin_day(2026, 3, 22)) == 45


def test_an_interval_starting_in_the_repeated_hour_starts_at_its_first_occurrence() -> None:
    repeated = calendar("Europe/Berlin", ((time(2, 30), time(3, 30)),), ALL_DAYS)

    # 02:30 CEST (00:30 UTC) to 03:30 CET (02:30 UTC).
    assert add_business_minutes(repeated, utc(2026, 10, 25), 0) == utc(2026, 10, 25, 0, 30)
    assert business_minutes_between(repeated, *berlin_day(2026, 10, 25)) == 120


# --- Validation ----------------------------------------------------------------------------


def test_an_unknown_timezone_is_refused() -> None:
    with pytest.raises(CalendarError) as refused:
        calendar("Mars/Olympus_Mons")

    assert refused.value.field == ("timezone",)


def test_a_calendar_without_working_hours_is_refused() -> None:
    with pytest.raises(CalendarError) as refused:
        Calendar("UTC", ())

    assert refused.value.field == ("hours",)


def test_an_interval_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(CalendarError) as refused:
        Calendar("UTC", (WorkingInterval(1, time(17), time(9)),))

    assert refused.value.field == ("hours", "0", "end")


def test_an_empty_interval_is_refused() -> None:
    with pytest.raises(CalendarError):
        Calendar("UTC", (WorkingInterval(1, time(9), time(9)),))


@pytest.mark.parametrize("weekday", [0, 8, -1])
def test_a_weekday_outside_monday_to_sunday_is_refused(weekday: int) -> None:
    with pytest.raises(CalendarError) as refused:
        Calendar("UTC", (WorkingInterval(weekday, time(9), time(17)),))

    assert refused.value.field == ("hours", "0", "weekday")


def test_overlapping_intervals_on_one_day_are_refused() -> None:
    with pytest.raises(CalendarError) as refused:
        Calendar(
            "UTC",
            (WorkingInterval(2, time(13), time(17)), WorkingInterval(2, time(9), time(13, 30))),
        )

    assert refused.value.field == ("hours", "0", "start")


def test_touching_intervals_and_the_same_hours_on_other_days_are_accepted() -> None:
    Calendar(
        "UTC",
        (
            WorkingInterval(1, time(9), time(12)),
            WorkingInterval(1, time(12), time(17)),
            WorkingInterval(2, time(9), time(17)),
        ),
    )


def test_wall_times_with_seconds_are_refused() -> None:
    with pytest.raises(CalendarError) as refused:
        Calendar("UTC", (WorkingInterval(1, time(9, 0, 30), time(17)),))

    assert refused.value.field == ("hours", "0", "start")


def test_a_holiday_must_be_a_date_not_a_datetime() -> None:
    with pytest.raises(CalendarError) as refused:
        calendar("UTC", holidays=frozenset({datetime(2026, 1, 12)}))

    assert refused.value.field == ("holidays",)


def test_a_calendar_built_from_lists_is_frozen_and_hashable() -> None:
    built = Calendar(
        "UTC",
        [WorkingInterval(1, time(9), time(17))],  # type: ignore[arg-type]
        {date(2026, 1, 12)},  # type: ignore[arg-type]
    )

    assert built.hours == (WorkingInterval(1, time(9), time(17)),)
    assert hash(built) == hash(Calendar("UTC", built.hours, frozenset({date(2026, 1, 12)})))


def test_wall_times_parse_and_format_as_hh_mm_with_24_00_as_an_end() -> None:
    assert parse_wall_time("08:30") == time(8, 30)
    assert parse_wall_time("24:00", end=True) == MIDNIGHT
    assert format_wall_time(time(8, 30)) == "08:30"
    assert format_wall_time(MIDNIGHT, end=True) == "24:00"
    assert format_wall_time(MIDNIGHT) == "00:00"


@pytest.mark.parametrize("text", ["24:00", "9:00", "25:00", "12:60", "12:00:00", "12:00\n", "noon"])
def test_malformed_wall_times_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        parse_wall_time(text)


# --- Properties ----------------------------------------------------------------------------

DST_ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",  # changes at midnight
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "Asia/Kolkata",
    "Pacific/Chatham",
]
FIXED_OFFSET_ZONES = ["UTC", "Asia/Kolkata", "Asia/Kathmandu"]


@st.composite
def calendars(draw: st.DrawFn, zones: list[str]) -> Calendar:
    hours: list[WorkingInterval] = []
    for weekday in ALL_DAYS:
        boundaries = sorted(draw(st.lists(st.integers(0, 24 * 60), unique=True, max_size=6)))
        for start, end in zip(boundaries[::2], boundaries[1::2], strict=False):
            hours.append(WorkingInterval(weekday, _wall(start), _wall(end)))
    # Sparse calendars are correct too, but would make the examples slow, not more telling.
    assume(sum(interval.end_minute - interval.start_minute for interval in hours) >= 600)
    holidays = draw(st.frozensets(st.dates(date(2026, 1, 1), date(2026, 12, 31)), max_size=60))
    return Calendar(draw(st.sampled_from(zones)), tuple(hours), holidays)


def _wall(minute_of_day: int) -> time:
    return MIDNIGHT if minute_of_day == 24 * 60 else time(*divmod(minute_of_day, 60))


def instants(zones: list[str]) -> st.SearchStrategy[datetime]:
    return st.datetimes(
        min_value=datetime(2025, 12, 1),
        max_value=datetime(2026, 12, 31),
        timezones=st.sampled_from([ZoneInfo(zone) for zone in zones]),
    )


PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(calendars(DST_ZONES), instants(DST_ZONES), st.integers(0, 20_000))
def test_counting_up_to_an_added_due_time_gives_back_the_minutes(
    cal: Calendar, start: datetime, minutes: int
) -> None:
    due = add_business_minutes(cal, start, minutes)

    assert business_time_between(cal, start, due) == timedelta(minutes=minutes)
    assert business_minutes_between(cal, start, due) == minutes
    assert due >= start
    assert due.tzinfo is UTC


@PROPERTY_SETTINGS
@given(
    calendars(DST_ZONES),
    instants(DST_ZONES),
    st.integers(0, 20_000),
    st.integers(1, 5_000),
)
def test_adding_is_monotonic_and_adds_up_in_steps(
    cal: Calendar, start: datetime, minutes: int, more: int
) -> None:
    due = add_business_minutes(cal, start, minutes)
    later = add_business_minutes(cal, start, minutes + more)

    assert due < later
    assert add_business_minutes(cal, due, more) == later


@PROPERTY_SETTINGS
@given(calendars(DST_ZONES), instants(DST_ZONES), instants(DST_ZONES), instants(DST_ZONES))
def test_counting_is_additive_over_consecutive_ranges(
    cal: Calendar, first: datetime, second: datetime, third: datetime
) -> None:
    start, middle, end = sorted((first, second, third))

    assert business_time_between(cal, start, middle) + business_time_between(
        cal, middle, end
    ) == business_time_between(cal, start, end)


@PROPERTY_SETTINGS
@given(st.sampled_from(DST_ZONES), instants(DST_ZONES), st.integers(0, 20_000))
def test_a_round_the_clock_calendar_adds_real_elapsed_time(
    zone: str, start: datetime, minutes: int
) -> None:
    # Aware datetime arithmetic in one zone is wall-clock arithmetic; elapsed time is UTC's.
    elapsed = start.astimezone(UTC) + timedelta(minutes=minutes)

    assert add_business_minutes(around_the_clock(zone), start, minutes) == elapsed


@settings(max_examples=60, deadline=None)
@given(
    calendars(FIXED_OFFSET_ZONES),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 29)),
    st.integers(0, 2 * 24 * 60),
)
def test_counting_matches_checking_every_minute_where_offsets_never_change(
    cal: Calendar, naive_start: datetime, span_minutes: int
) -> None:
    zone = ZoneInfo(cal.timezone)
    start = naive_start.replace(second=0, microsecond=0, tzinfo=zone).astimezone(UTC)
    minutes = [start + timedelta(minutes=step) for step in range(span_minutes)]

    assert business_minutes_between(cal, start, start + timedelta(minutes=span_minutes)) == sum(
        _is_working_minute(cal, moment.astimezone(zone)) for moment in minutes
    )


def _is_working_minute(cal: Calendar, moment: datetime) -> bool:
    if moment.date() in cal.holidays:
        return False
    minute_of_day = moment.hour * 60 + moment.minute
    return any(
        interval.weekday == moment.isoweekday()
        and interval.start_minute <= minute_of_day < interval.end_minute
        for interval in cal.hours
    )

"""The four insights as pure functions over hand-made rows: every figure computed by hand in
the comments."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from domain.errors import DomainError, ErrorCode
from domain.global_ids import global_id
from domain.insights.figures import Period, period, rate
from domain.insights.finance import PaidInvoice, Receivable, finance_insights
from domain.insights.operations import LedgerTotals, OrderLine, Shipped, operations_insights
from domain.insights.sales import (
    ClosedDeal,
    OpenDeal,
    SalesBucket,
    SalesGroup,
    open_deal_window,
    sales_insights,
)
from domain.insights.service import SlaCase, service_insights
from domain.service.business_time import Calendar, WorkingInterval

D = Decimal
ALICE, BOB, CAROL = 1, 2, 3


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_a_period_is_inclusive_and_its_next_period_has_as_many_days() -> None:
    january = period(date(2026, 1, 1), date(2026, 1, 31))
    assert january.days == 31
    assert january.next() == Period(date(2026, 2, 1), date(2026, 3, 3))  # 28 + 3 = 31 days
    with pytest.raises(DomainError) as caught:
        period(date(2026, 2, 1), date(2026, 1, 31))
    assert (caught.value.code, caught.value.field) == (ErrorCode.INVALID, ("from",))
    assert rate(3, 4) == D("0.7500")
    assert rate(2, 3) == D("0.6667")  # 0.66666… half-up
    assert rate(0, 0) is None


CLOSED = [
    # won 1000.00: created 2025-12-01 00:00 → closed 2026-01-10 12:00 = 40.5 days
    ClosedDeal(ALICE, True, D("1000.00"), at("2025-12-01T00:00"), at("2026-01-10T12:00")),
    # won 500.00: 2026-01-01 00:00 → 2026-01-05 00:00 = 4.0 days
    ClosedDeal(ALICE, True, D("500.00"), at("2026-01-01T00:00"), at("2026-01-05T00:00")),
    ClosedDeal(ALICE, False, D("300.00"), at("2026-01-02T00:00"), at("2026-01-20T00:00")),
    ClosedDeal(BOB, False, D("200.00"), at("2026-01-02T00:00"), at("2026-01-31T23:59")),
    # won 250.00 on 02-01: 2026-01-25 00:00 → 2026-02-01 00:00 = 7.0 days
    ClosedDeal(BOB, True, D("250.00"), at("2026-01-25T00:00"), at("2026-02-01T00:00")),
    # won 100.00: 2026-01-15 00:00 → 2026-01-16 12:00 = 1.5 days
    ClosedDeal(None, True, D("100.00"), at("2026-01-15T00:00"), at("2026-01-16T12:00")),
]
OPEN = [
    OpenDeal(ALICE, D("2000.00"), 50, date(2026, 2, 15)),  # weighted 1000.00
    OpenDeal(ALICE, D("333.33"), 75, date(2026, 3, 3)),  # 249.9975 → 250.00
    OpenDeal(ALICE, D("999.00"), 10, date(2026, 3, 4)),  # after January's next period
    OpenDeal(BOB, D("1000.00"), 20, date(2026, 1, 31)),  # not in any next period
    OpenDeal(CAROL, D("400.00"), 25, date(2026, 2, 1)),  # weighted 100.00
]


def test_sales_by_owner_over_january() -> None:
    january = Period(date(2026, 1, 1), date(2026, 1, 31))  # next: 02-01 … 03-03
    buckets = sales_insights(january, SalesGroup.OWNER, CLOSED, OPEN)
    assert buckets == [
        # won 2 (1500.00), lost 1: 2/3 = 0.6667; 1500.00 / 2 = 750.00; (40.5 + 4.0) / 2 =
        # 22.25 → 22.3; weighted next period 1000.00 + 250.00 = 1250.00; 1250 / 1500 = 0.83.
        SalesBucket(
            global_id("User", ALICE),
            ALICE,
            january,
            2,
            1,
            D("1500.00"),
            D("0.6667"),
            D("750.00"),
            D("22.3"),
            D("1250.00"),
            D("0.83"),
        ),
        # lost 1 in January (the 02-01 win is in February): 0 / 1; nothing won → no size,
        # cycle or coverage; the 01-31 open deal closes before the next period.
        SalesBucket(
            global_id("User", BOB),
            BOB,
            january,
            0,
            1,
            D("0.00"),
            D("0.0000"),
            None,
            None,
            D("0.00"),
            None,
        ),
        # nothing closed, 400.00 × 25 % = 100.00 of pipeline next period.
        SalesBucket(
            global_id("User", CAROL),
            CAROL,
            january,
            0,
            0,
            D("0.00"),
            None,
            None,
            None,
            D("100.00"),
            None,
        ),
        # won 1 (100.00): 1 / 1; cycle 1.5; no pipeline: 0 / 100 = 0.00.
        SalesBucket(
            "UNASSIGNED",
            None,
            january,
            1,
            0,
            D("100.00"),
            D("1.0000"),
            D("100.00"),
            D("1.5"),
            D("0.00"),
            D("0.00"),
        ),
    ]


def test_sales_by_month_uses_each_months_part_of_the_period() -> None:
    whole = Period(date(2026, 1, 15), date(2026, 2, 10))
    jan, feb = (
        Period(date(2026, 1, 15), date(2026, 1, 31)),
        Period(date(2026, 2, 1), date(2026, 2, 10)),
    )
    # January's part: 17 days, next 02-01 … 02-17; February's: 10 days, next 02-11 … 02-20.
    assert open_deal_window(whole, SalesGroup.MONTH) == Period(date(2026, 2, 1), date(2026, 2, 20))
    assert sales_insights(whole, SalesGroup.MONTH, CLOSED, OPEN) == [
        # closed 01-15 … 01-31: lost 300 (01-20), lost 200 (01-31), won 100 (01-16): 1 / 3 =
        # 0.3333; next 02-01 … 02-17: 1000.00 (02-15) + 100.00 (02-01) = 1100.00; / 100 = 11.00.
        SalesBucket(
            "2026-01",
            None,
            jan,
            1,
            2,
            D("100.00"),
            D("0.3333"),
            D("100.00"),
            D("1.5"),
            D("1100.00"),
            D("11.00"),
        ),
        # closed 02-01 … 02-10: won 250 (7.0 days); next 02-11 … 02-20: 1000.00; / 250 = 4.00.
        SalesBucket(
            "2026-02",
            None,
            feb,
            1,
            0,
            D("250.00"),
            D("1.0000"),
            D("250.00"),
            D("7.0"),
            D("1000.00"),
            D("4.00"),
        ),
    ]


def test_finance_as_of_the_end_of_march() -> None:
    as_of = date(2026, 3, 31)  # the 90 days: 01-01 … 03-31 (31 + 28 + 31)
    receivables = [
        Receivable(date(2026, 3, 15), D("600.00")),  # 16 days past due: overdue
        Receivable(date(2026, 3, 31), D("400.00")),  # due today: not overdue yet
        Receivable(date(2026, 4, 30), D("1000.00")),
    ]
    paid = [
        PaidInvoice(date(2026, 1, 10), date(2026, 2, 9)),  # 30 days
        PaidInvoice(date(2025, 12, 20), date(2026, 1, 1)),  # 12 days; paid on the first day
        PaidInvoice(date(2026, 3, 1), date(2026, 3, 6)),  # 5 days
        PaidInvoice(date(2025, 11, 1), date(2025, 12, 31)),  # paid before the 90 days
    ]
    figures = finance_insights(as_of, receivables, D("3000.00"), paid)
    assert figures.receivables == D("2000.00")  # 600 + 400 + 1000
    assert figures.overdue_receivables == D("600.00")
    assert figures.dso == D("60.0")  # 2000 / 3000 × 90
    assert figures.average_days_to_pay == D("15.7")  # (30 + 12 + 5) / 3 = 15.67
    assert figures.paid_invoices == 3
    # Nothing invoiced in the 90 days: no DSO; nothing paid: no average.
    empty = finance_insights(as_of, receivables, D("0"), [])
    assert (empty.dso, empty.average_days_to_pay, empty.paid_invoices) == (None, None, 0)


def test_operations_over_february() -> None:
    february = Period(date(2026, 2, 1), date(2026, 2, 28))
    lines = [
        OrderLine(1, date(2026, 2, 10), D(10), D(10), D(0), False),
        OrderLine(2, date(2026, 2, 10), D(5), D(5), D(0), False),
        OrderLine(3, date(2026, 2, 20), D(8), D(3), D(2), True),
        OrderLine(4, date(2026, 2, 28), D(4), D(0), D(4), True),
    ]
    shipped = [
        Shipped(1, date(2026, 2, 8), D(6)),
        Shipped(1, date(2026, 2, 10), D(4)),  # 6 + 4 = 10 by 02-10: on time in full
        Shipped(2, date(2026, 2, 11), D(5)),  # a day late
        Shipped(3, date(2026, 2, 15), D(3)),  # 3 of 8
    ]
    figures = operations_insights(
        february,
        lines,
        shipped,
        LedgerTotals(D("12000.00"), D("2000.00")),  # opening 10000.00
        LedgerTotals(D("3000.00"), D("5000.00")),  # closing 10000 + 3000 − 5000 = 8000.00
        LedgerTotals(D("4600.00"), D("100.00")),  # COGS 4500.00
    )
    assert (figures.order_lines, figures.on_time_in_full_lines) == (4, 1)
    assert figures.on_time_in_full_rate == D("0.2500")  # 1 / 4
    # Line 3: open, 3 shipped + 2 reserved < 8; line 4: 0 + 4 reserved = 4, not short.
    assert figures.backorder_lines == 1
    assert (figures.opening_inventory, figures.closing_inventory) == (D("10000.00"), D("8000.00"))
    assert figures.average_inventory == D("9000.00")
    assert figures.cost_of_goods_sold == D("4500.00")
    assert figures.inventory_turns == D("0.50")  # 4500 / 9000


WEEKDAYS = Calendar("UTC", tuple(WorkingInterval(day, time(9), time(17)) for day in range(1, 6)))


def sla_case(opened: str, first_due: str, resolution_due: str, **facts: str) -> SlaCase:
    return SlaCase(
        opened_at=at(opened),
        first_response_due_at=at(first_due),
        resolution_due_at=at(resolution_due),
        first_responded_at=at(facts["responded"]) if "responded" in facts else None,
        resolved_at=at(facts["resolved"]) if "resolved" in facts else None,
        waiting_since=at(facts["waiting"]) if "waiting" in facts else None,
        calendar=WEEKDAYS,
    )


def test_service_over_a_week_of_cases() -> None:
    week = Period(date(2026, 3, 2), date(2026, 3, 6))  # Monday … Friday
    now = at("2026-03-10T12:00")
    cases = [
        # A: answered 09:30 (due 10:00) — met, 30 business minutes; resolved in time.
        sla_case(
            "2026-03-02T09:00",
            "2026-03-02T10:00",
            "2026-03-03T09:00",
            responded="2026-03-02T09:30",
            resolved="2026-03-02T16:00",
        ),
        # B: answered Tue 09:45 (due 09:30) — missed; 30 (Mon 16:30–17:00) + 45 = 75
        # minutes; unresolved past its due time: a missed resolution.
        sla_case(
            "2026-03-02T16:30", "2026-03-03T09:30", "2026-03-04T17:00", responded="2026-03-03T09:45"
        ),
        # C: never answered, past due — missed; resolution due after now: undecided.
        sla_case("2026-03-04T10:00", "2026-03-04T11:00", "2026-03-12T10:00"),
        # D: answered 10:15 — met, 15 minutes; waiting on the customer since before its
        # resolution due time: the clock is frozen, undecided.
        sla_case(
            "2026-03-05T10:00",
            "2026-03-05T11:00",
            "2026-03-06T10:00",
            responded="2026-03-05T10:15",
            waiting="2026-03-05T12:00",
        ),
        # E: answered after 30 seconds — met, 0.5 minutes; resolved in time.
        sla_case(
            "2026-03-06T12:00",
            "2026-03-06T13:00",
            "2026-03-09T12:00",
            responded="2026-03-06T12:00:30",
            resolved="2026-03-06T13:00",
        ),
        # F: opened on Saturday, after the period: not counted.
        sla_case("2026-03-07T10:00", "2026-03-09T10:00", "2026-03-10T10:00"),
    ]
    figures = service_insights(week, cases, now)
    assert figures.cases == 5
    assert (figures.first_responses_due, figures.first_responses_met) == (5, 3)  # A D E
    assert figures.first_response_met_rate == D("0.6000")
    assert (figures.resolutions_due, figures.resolutions_met) == (3, 2)  # A B E; A E
    assert figures.resolution_met_rate == D("0.6667")
    # (30 + 75 + 15 + 0.5) / 4 = 30.125 → 30.1
    assert figures.average_first_response_business_minutes == D("30.1")

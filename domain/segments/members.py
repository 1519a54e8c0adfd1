"""A segment's members as one SQL condition on accounts (§13): a page and a count are one
query each, whatever the number of accounts, on PostgreSQL and SQLite alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from tortoise.expressions import RawSQL
from tortoise.queryset import QuerySet

from domain.accounts.models import Account
from domain.orders.models import OrderStatus
from domain.segments.rules import SegmentRules
from domain.service.sla_rules import OPEN_STATUSES

ACCOUNT_ID = '"accounts"."id"'
# Each account's lifetime revenue in the base currency's hundredths, for the accounts with
# an invoice or credit note (the others have 0): every invoice's subtotal minus every credit
# note's, as `receivables.lifetime_revenues` sums them, each document at its invoice's
# booked rate (§12; 1 for the base currency), so one bound compares accounts of every
# currency. ROUND guards SQLite, which computes with the stored text as a float.
REVENUE_SQL = (
    "SELECT account_id FROM ("
    "SELECT account_id, CAST(ROUND(subtotal * exchange_rate * 100) AS BIGINT) AS cents "
    "FROM invoices "
    "UNION ALL "
    "SELECT c.account_id, -CAST(ROUND(c.subtotal * i.exchange_rate * 100) AS BIGINT) "
    "FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id"
    ") AS documents GROUP BY account_id HAVING {having}"
)
# Orders that count as orders: confirmed once and not cancelled.
ORDERS_SQL = (
    "SELECT account_id FROM sales_orders WHERE confirmed_at IS NOT NULL "
    f"AND status <> '{OrderStatus.CANCELLED.value}'"
)
OPEN_CASES_SQL = "SELECT account_id FROM cases WHERE status IN ({})".format(
    ", ".join(f"'{status.value}'" for status in sorted(OPEN_STATUSES))
)


def _cents(amount: Decimal) -> int:
    # A rule's amount has at most two decimals (clean_rules): × 100 is exact.
    return int((amount * 100).to_integral_value())


def _instant(day: date) -> str:
    """Midnight UTC of `day` as a literal both dialects compare with a stored instant
    (PostgreSQL reads the offset; SQLite stores this very text form)."""
    return datetime.combine(day, time(), tzinfo=UTC).isoformat(sep=" ")


def _revenue_condition(low: int | None, high: int | None) -> str:
    """The account's revenue (in cents) within [low, high]."""
    bounds = [f"SUM(cents) >= {int(low)}"] if low is not None else []
    bounds += [f"SUM(cents) <= {int(high)}"] if high is not None else []
    within = " AND ".join(bounds)
    if (low is None or low <= 0) and (high is None or high >= 0):
        # Revenue 0 qualifies, so accounts without documents do: exclude those outside.
        return f"{ACCOUNT_ID} NOT IN ({REVENUE_SQL.format(having=f'NOT ({within})')})"
    return f"{ACCOUNT_ID} IN ({REVENUE_SQL.format(having=within)})"


def set_conditions(rules: SegmentRules) -> list[str]:
    """The rules that look at other tables, as SQL conditions on the account's id. Each is
    an uncorrelated `IN (SELECT …)`: inside the CASE that `segment_accounts` wraps them in,
    the database builds each set once (PostgreSQL: a hashed subplan) and probes it per
    account, so the cost grows with the rows, never with their product. Every value is a
    validated number, date or enum written as a literal."""
    conditions = []
    low, high = rules.min_lifetime_revenue, rules.max_lifetime_revenue
    if low is not None or high is not None:
        conditions.append(
            _revenue_condition(
                None if low is None else _cents(low), None if high is None else _cents(high)
            )
        )
    if rules.last_order_before is not None:
        # Ordered at least once, and not on or after that day.
        since = _instant(rules.last_order_before)
        conditions.append(f"{ACCOUNT_ID} IN ({ORDERS_SQL})")
        conditions.append(f"{ACCOUNT_ID} NOT IN ({ORDERS_SQL} AND confirmed_at >= '{since}')")
    if rules.last_order_after is not None:
        # An order on a day after that day.
        since = _instant(rules.last_order_after + timedelta(days=1))
        conditions.append(f"{ACCOUNT_ID} IN ({ORDERS_SQL} AND confirmed_at >= '{since}')")
    if rules.has_open_cases is not None:
        conditions.append(
            f"{ACCOUNT_ID} {'' if rules.has_open_cases else 'NOT '}IN ({OPEN_CASES_SQL})"
        )
    return conditions


def segment_accounts(rules: SegmentRules) -> QuerySet[Account]:
    """The accounts the rules select (archived accounts never), as one queryset: the
    database evaluates every rule, so paging it or counting it is one statement."""
    accounts = Account.filter(archived_at__isnull=True)
    if rules.lifecycle is not None:
        accounts = accounts.filter(lifecycle=rules.lifecycle)
    if rules.tier is not None:
        accounts = accounts.filter(tier__iexact=rules.tier)
    if rules.industry is not None:
        accounts = accounts.filter(industry__iexact=rules.industry)
    if rules.owner_id is not None:
        accounts = accounts.filter(owner_id=rules.owner_id)
    conditions = set_conditions(rules)
    if conditions:
        matched = " AND ".join(f"({condition})" for condition in conditions)
        accounts = accounts.annotate(
            segment_rules=RawSQL(f"CASE WHEN {matched} THEN 1 ELSE 0 END")
        ).filter(segment_rules=1)
    return accounts

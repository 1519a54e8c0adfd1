"""A segment's members as one SQL condition on accounts (§13): a page and a count are one
query each, whatever the number of accounts, on PostgreSQL and SQLite alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from tortoise.expressions import RawSQL, Subquery
from tortoise.queryset import QuerySet

from domain.accounts.models import Account
from domain.orders.models import OrderStatus, SalesOrder
from domain.segments.rules import SegmentRules
from domain.service.models import Case
from domain.service.sla_rules import OPEN_STATUSES

# Lifetime revenue in cents, as `receivables.lifetime_revenues` sums it (every invoice's
# subtotal minus every credit note's), correlated with the account row. Stored amounts are
# cents, so × 100 is an integer; ROUND guards SQLite, which sums the text values as floats.
LIFETIME_REVENUE_CENTS_SQL = (
    "(SELECT COALESCE(SUM(CAST(ROUND(i.subtotal * 100) AS BIGINT)), 0) FROM invoices i "
    'WHERE i.account_id = "accounts"."id") - '
    "(SELECT COALESCE(SUM(CAST(ROUND(c.subtotal * 100) AS BIGINT)), 0) FROM credit_notes c "
    'WHERE c.account_id = "accounts"."id")'
)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _orders(confirmed_from: date | None = None) -> QuerySet[SalesOrder]:
    """Orders that count as orders: confirmed once and not cancelled."""
    orders = SalesOrder.filter(confirmed_at__isnull=False).exclude(status=OrderStatus.CANCELLED)
    if confirmed_from is not None:
        orders = orders.filter(confirmed_at__gte=_midnight(confirmed_from))
    return orders


def _cents(amount: Decimal) -> int:
    # A rule's amount has at most two decimals (clean_rules): × 100 is exact.
    return int((amount * 100).to_integral_value())


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
    if rules.min_lifetime_revenue is not None or rules.max_lifetime_revenue is not None:
        accounts = accounts.annotate(lifetime_revenue_cents=RawSQL(LIFETIME_REVENUE_CENTS_SQL))
        if rules.min_lifetime_revenue is not None:
            accounts = accounts.filter(
                lifetime_revenue_cents__gte=_cents(rules.min_lifetime_revenue)
            )
        if rules.max_lifetime_revenue is not None:
            accounts = accounts.filter(
                lifetime_revenue_cents__lte=_cents(rules.max_lifetime_revenue)
            )
    if rules.last_order_before is not None:
        # Ordered at least once, and not on or after that day.
        accounts = accounts.filter(id__in=Subquery(_orders().values("account_id"))).exclude(
            id__in=Subquery(_orders(rules.last_order_before).values("account_id"))
        )
    if rules.last_order_after is not None:
        # An order on a day after that day.
        later = rules.last_order_after + timedelta(days=1)
        accounts = accounts.filter(id__in=Subquery(_orders(later).values("account_id")))
    if rules.has_open_cases is not None:
        open_cases = Subquery(Case.filter(status__in=sorted(OPEN_STATUSES)).values("account_id"))
        if rules.has_open_cases:
            accounts = accounts.filter(id__in=open_cases)
        else:
            accounts = accounts.exclude(id__in=open_cases)
    return accounts

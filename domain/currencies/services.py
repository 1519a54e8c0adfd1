"""Exchange rates (§12): setting and listing them, and the rate of a document's date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.billing.models import Invoice, Payment
from domain.currencies.models import ExchangeRate
from domain.errors import DomainError, ErrorCode
from domain.event_data import exchange_rate_event_data
from domain.events import record_event
from domain.orders.models import SalesOrder
from domain.payables.models import SupplierPayment, VendorBill
from domain.quotes.models import Quote
from domain.settings import get_settings
from domain.validation import (
    EXCHANGE_RATE,
    Checks,
    currency_code,
    required_date,
    required_decimal,
)

ONE = Decimal(1)


def base_currency() -> str:
    """The ledger's currency: the installation's (`TANDEM_CURRENCY`)."""
    return get_settings().currency


async def set_exchange_rate(currency: str, day: date, rate: Decimal) -> ExchangeRate:
    """1 `currency` = `rate` base units from `day` on; a rate set again for the same day
    replaces it. Unknown currency, the base currency itself or a rate ≤ 0 → INVALID."""
    checks = Checks()
    code = checks(currency_code, currency, "currency")
    checks(required_date, day, "date")
    value = checks(required_decimal, rate, "rate", EXCHANGE_RATE, positive=True)
    if code is None and not checks.errors:
        checks.add(DomainError(ErrorCode.REQUIRED, "currency is required.", "currency"))
    checks.raise_if_any()
    assert code is not None
    if code == base_currency():
        raise DomainError(
            ErrorCode.INVALID,
            f"{code} is the base currency: its rate is always 1.",
            "currency",
        )
    async with in_transaction():
        existing = await ExchangeRate.filter(currency=code, date=day).select_for_update().first()
        previous = None if existing is None else Decimal(existing.rate)
        if existing is None:
            row = await ExchangeRate.create(currency=code, date=day, rate=value)
        else:
            existing.rate = value
            await existing.save(update_fields=["rate", "updated_at"])
            row = existing
        await record_event("exchange_rate.set", exchange_rate_event_data(row, previous))
    return row


async def refuse_currency_change(account_id: int, current: str, wanted: str | None) -> None:
    """An account's currency is the currency of all its documents (§12): it changes only
    while it has none (orders, quotes, invoices, payments, bills), else INVALID."""
    if wanted is None or wanted == current:
        return
    documents = (
        SalesOrder.filter(account_id=account_id),
        Quote.filter(account_id=account_id),
        Invoice.filter(account_id=account_id),
        Payment.filter(account_id=account_id),
        VendorBill.filter(supplier_id=account_id),
        SupplierPayment.filter(supplier_id=account_id),
    )
    for queryset in documents:
        if await queryset.exists():
            raise DomainError(
                ErrorCode.INVALID,
                f"The account has documents in {current}: its currency cannot change.",
                "currency",
            )


def list_exchange_rates(currency: str | None = None) -> QuerySet[ExchangeRate]:
    """The rates of one currency (or all), newest first."""
    queryset = ExchangeRate.all()
    if currency is not None:
        queryset = queryset.filter(currency=currency.strip().upper())
    return queryset


def no_rate(currency: str, day: date, field: str | tuple[str, ...] | None = None) -> DomainError:
    return DomainError(
        ErrorCode.NO_EXCHANGE_RATE,
        f"No {currency} exchange rate is dated on or before {day.isoformat()}.",
        field,
    )


async def rate_on(currency: str, day: date, field: str | tuple[str, ...] | None = None) -> Decimal:
    """The rate of a document in `currency` dated `day`: the latest one dated on or before
    it; 1 for the base currency; none → NO_EXCHANGE_RATE."""
    return (await rates_on([currency], day, field))[currency]


async def rates_on(
    currencies: Iterable[str], day: date, field: str | tuple[str, ...] | None = None
) -> dict[str, Decimal]:
    """rate_on for several currencies at once: one query whatever their number (a batch)."""
    base = base_currency()
    wanted = sorted(set(currencies))
    rates = {code: ONE for code in wanted if code == base}
    foreign = [code for code in wanted if code != base]
    # One indexed look-up per distinct currency (a batch has few), never per document.
    for code in foreign:
        row = (
            await ExchangeRate.filter(currency=code, date__lte=day)
            .order_by("-date")
            .first()
            .values("rate")
        )
        if row is None:
            raise no_rate(code, day, field)
        rates[code] = Decimal(row["rate"])
    return rates

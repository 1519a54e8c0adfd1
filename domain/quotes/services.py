"""Quote use cases: create, update, send, revise, accept, reject and expire (contract §9)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.accounts.models import Account
from domain.availability.atp import Availability, AvailabilityStatus
from domain.availability.services import AvailabilityQuery, availability_of_lines
from domain.billing.pricing import PricedLine, totals
from domain.catalog.models import Product
from domain.clock import today, utcnow
from domain.credit.services import credit_exposures
from domain.currencies.iso4217 import minor_units
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import quote_event_data
from domain.events import record_event, record_events
from domain.money import ZERO, cents
from domain.numbering.services import next_number
from domain.orders.services import OrderLineDraft
from domain.pipeline.handover import win_with_lines
from domain.pipeline.models import Opportunity, OpportunityLine, OpportunityStatus, Stage
from domain.pipeline.services import lock_opportunity, move_opportunity_stage
from domain.pipeline.stages import stage_rank
from domain.price_lists.pricing import PriceSource
from domain.price_lists.services import resolve_prices
from domain.quotes.models import (
    OPEN_QUOTE_STATUSES,
    Quote,
    QuoteLine,
    QuotePriceSource,
    QuoteStatus,
)
from domain.validation import (
    UNIT_PRICE,
    Checks,
    computed_amount,
    optional_decimal,
    optional_text,
    required_date,
    required_text,
    valid_percent,
    valid_quantity,
)

__all__ = [
    "QuoteFilter",
    "QuoteSending",
    "accept_quote",
    "create_quote",
    "expire_quotes",
    "get_quote",
    "list_quotes",
    "reject_quote",
    "revise_quote",
    "send_quote",
    "update_quote",
]

QUOTE_FIELDS = frozenset({"valid_until", "requested_date", "lines"})
LINE_FIELDS = frozenset({"product_id", "quantity", "unit_price", "discount_percent", "description"})
# A quote's default validity (§9).
VALIDITY_DAYS = 30
# SENT quotes expired per transaction: each batch is a checkpoint of the expiry job.
EXPIRY_BATCH = 500

PRICE_SOURCES = {
    PriceSource.ACCOUNT_PRICE_LIST: QuotePriceSource.ACCOUNT_PRICE_LIST,
    PriceSource.DEFAULT_PRICE_LIST: QuotePriceSource.DEFAULT_PRICE_LIST,
    PriceSource.LIST_PRICE: QuotePriceSource.LIST_PRICE,
}


@dataclass(frozen=True)
class QuoteLineDraft:
    """A checked line with its frozen price and where the price came from."""

    product_id: int
    quantity: Decimal
    unit_price: Decimal
    discount_percent: Decimal
    tax_rate: Decimal
    price_source: QuotePriceSource
    description: str | None = None

    @property
    def priced(self) -> PricedLine:
        return PricedLine(self.quantity, self.unit_price, self.discount_percent, self.tax_rate)


# ---------------------------------------------------------------------------------------------
# Lines


def _check_line(checks: Checks, line: Mapping[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(line) - LINE_FIELDS
    if unknown:
        checks.add(DomainError(ErrorCode.INVALID, f"Unknown line fields {sorted(unknown)}.", path))
    product_id = line.get("product_id")
    if product_id is None:
        checks.add(DomainError(ErrorCode.REQUIRED, "productId is required.", (*path, "product_id")))
    discount = line.get("discount_percent")
    return {
        "product_id": None if product_id is None else int(product_id),
        "quantity": checks(
            valid_quantity, line.get("quantity"), (*path, "quantity"), positive=True
        ),
        "unit_price": checks(
            optional_decimal, line.get("unit_price"), (*path, "unit_price"), UNIT_PRICE
        ),
        # Omitted: the price rule's discount (§9), else 0.
        "discount_percent": None
        if discount is None
        else checks(valid_percent, discount, (*path, "discount_percent")),
        "description": checks(optional_text, line.get("description"), (*path, "description")),
    }


async def _price_lines(
    account: Account, drafts: Sequence[Mapping[str, Any]], on: date
) -> list[QuoteLineDraft]:
    """Prices lines `_check_line` passed: a given unitPrice wins, else the account's price
    on `on` (§9) and its discount unless the line gives one; the tax rate is the product's.
    Unknown or archived products are refused all at once."""
    checks = Checks()
    products = (
        {p.id: p for p in await Product.filter(id__in={d["product_id"] for d in drafts})}
        if drafts
        else {}
    )
    for index, draft in enumerate(drafts):
        where = ("lines", str(index), "product_id")
        product = products.get(draft["product_id"])
        if product is None:
            checks.add(not_found("Product", draft["product_id"], where))
        elif product.archived_at is not None:
            checks.add(DomainError(ErrorCode.INVALID, f"Product {product.sku} is archived.", where))
    checks.raise_if_any()
    unpriced = [draft for draft in drafts if draft["unit_price"] is None]
    resolved = iter(
        await resolve_prices(
            account,
            [(draft["product_id"], draft["quantity"]) for draft in unpriced],
            on,
            {p.id: Decimal(p.list_price) for p in products.values()},
        )
        if unpriced
        else []
    )
    priced: list[QuoteLineDraft] = []
    for index, draft in enumerate(drafts):
        product = products[draft["product_id"]]
        discount = draft["discount_percent"]
        if draft["unit_price"] is None:
            price = next(resolved)
            unit_price, source = price.unit_price, PRICE_SOURCES[price.source]
            discount = price.discount_percent if discount is None else discount
        else:
            unit_price, source = draft["unit_price"], QuotePriceSource.MANUAL
        with checks.collecting():
            computed_amount(
                draft["quantity"] * unit_price, ("lines", str(index)), "quantity × unitPrice"
            )
            priced.append(
                QuoteLineDraft(
                    product_id=product.id,
                    quantity=draft["quantity"],
                    unit_price=unit_price,
                    discount_percent=ZERO if discount is None else discount,
                    tax_rate=Decimal(product.tax_rate),
                    price_source=source,
                    description=draft["description"],
                )
            )
    checks.raise_if_any()
    return priced


async def _opportunity_lines(opportunity_id: int) -> list[QuoteLineDraft]:
    """The deal's lines at the deal's frozen prices, taxed at each product's rate."""
    lines = await OpportunityLine.filter(opportunity_id=opportunity_id).order_by("position", "id")
    rates = dict(
        await Product.filter(id__in={line.product_id for line in lines}).values_list(
            "id", "tax_rate"
        )
        if lines
        else []
    )
    return [
        QuoteLineDraft(
            product_id=line.product_id,
            quantity=Decimal(line.quantity),
            unit_price=Decimal(line.unit_price),
            discount_percent=Decimal(line.discount_percent),
            tax_rate=Decimal(rates[line.product_id]),
            price_source=QuotePriceSource.OPPORTUNITY_LINE,
            description=line.description,
        )
        for line in lines
    ]


def _drafts_of(lines: Sequence[QuoteLine]) -> list[QuoteLineDraft]:
    return [
        QuoteLineDraft(
            product_id=line.product_id,
            quantity=Decimal(line.quantity),
            unit_price=Decimal(line.unit_price),
            discount_percent=Decimal(line.discount_percent),
            tax_rate=Decimal(line.tax_rate),
            price_source=QuotePriceSource(line.price_source),
            description=line.description,
        )
        for line in lines
    ]


async def _write_lines(quote: Quote, drafts: Sequence[QuoteLineDraft]) -> list[QuoteLine]:
    """Replaces the quote's lines and sets its totals by §5.4, to the minor units of the
    quote's currency (§12) (saved by the caller)."""
    places = minor_units(quote.currency)
    priced = [replace(draft.priced, places=places) for draft in drafts]
    quote_totals = totals(priced)
    computed_amount(quote_totals.total, "lines", "The quote total")
    await QuoteLine.filter(quote_id=quote.id).delete()
    lines = [
        QuoteLine(
            quote_id=quote.id,
            position=position,
            product_id=draft.product_id,
            description=draft.description,
            quantity=draft.quantity,
            unit_price=draft.unit_price,
            discount_percent=draft.discount_percent,
            tax_rate=draft.tax_rate,
            net_amount=line.net,
            tax_amount=line.tax,
            price_source=draft.price_source,
        )
        for position, (draft, line) in enumerate(zip(drafts, priced, strict=True))
    ]
    if lines:
        await QuoteLine.bulk_create(lines)
    quote.subtotal = quote_totals.subtotal
    quote.tax_total = quote_totals.tax_total
    quote.total = quote_totals.total
    return lines


async def quote_lines(quote_id: int) -> list[QuoteLine]:
    return list(await QuoteLine.filter(quote_id=quote_id).order_by("position", "id"))


# ---------------------------------------------------------------------------------------------
# Reading and locking


async def get_quote(quote_id: int, *, field: str = "id") -> Quote:
    quote = await Quote.get_or_none(id=quote_id)
    if quote is None:
        raise not_found("Quote", quote_id, field)
    return quote


async def _lock(quote_id: int) -> tuple[Quote, Opportunity]:
    """The quote and its opportunity, locked until the caller's transaction ends, the
    opportunity first: every change to a deal's quotes queues up on the deal's row, so two
    versions of one deal are never accepted at once (PostgreSQL)."""
    found = await get_quote(quote_id)
    opportunity = await lock_opportunity(found.opportunity_id)
    quote = await Quote.filter(id=quote_id).select_for_update().get()
    return quote, opportunity


def _refuse_closed_deal(opportunity: Opportunity, field: str = "id") -> None:
    if opportunity.status is not OpportunityStatus.OPEN:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"The opportunity is {opportunity.status.value}; its quotes can no longer change.",
            field,
        )


def _require(quote: Quote, status: QuoteStatus, action: str) -> None:
    if quote.status is not status:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"Quote {quote.number} is {quote.status.value}; only a {status.value} quote can "
            f"be {action}.",
            "id",
        )


async def _next_version(opportunity_id: int) -> int:
    latest = await Quote.filter(opportunity_id=opportunity_id).order_by("-version").first()
    return 1 if latest is None else latest.version + 1


def _valid_until(value: date, field: str = "valid_until") -> date:
    if value < today():
        raise DomainError(
            ErrorCode.INVALID, f"validUntil {value.isoformat()} is before today.", field
        )
    return value


def _clean_fields(changes: Mapping[str, Any], *, update: bool) -> dict[str, Any]:
    unknown = set(changes) - QUOTE_FIELDS
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {sorted(unknown)}.")
    checks = Checks()
    clean: dict[str, Any] = {}
    for key in ("valid_until", "requested_date"):
        if key not in changes or (changes[key] is None and not update):
            continue
        day = checks(required_date, changes[key], key)
        if day is not None and key == "valid_until":
            day = checks(_valid_until, day)
        clean[key] = day
    if changes.get("lines") is not None:
        clean["lines"] = [
            _check_line(checks, line, ("lines", str(index)))
            for index, line in enumerate(changes["lines"])
        ]
    elif update and "lines" in changes:
        checks.add(DomainError(ErrorCode.REQUIRED, "lines is required; [] removes them.", "lines"))
    checks.raise_if_any()
    return clean


# ---------------------------------------------------------------------------------------------
# Use cases


async def create_quote(opportunity_id: int, fields: Mapping[str, Any]) -> Quote:
    """§9: a DRAFT of the opportunity's next version (1 for its first quote), numbered
    QT-YYYY-NNNNNN; lines default to the deal's, validUntil to today + 30 days and
    requestedDate to the deal's expectedCloseDate, else today."""
    clean = _clean_fields(fields, update=False)
    async with in_transaction():
        opportunity = await Opportunity.filter(id=opportunity_id).select_for_update().first()
        if opportunity is None:
            raise not_found("Opportunity", opportunity_id, "opportunity_id")
        _refuse_closed_deal(opportunity, "opportunity_id")
        account = await Account.get(id=opportunity.account_id)
        if account.archived_at is not None:
            raise DomainError(ErrorCode.INVALID, "The account is archived.", "opportunity_id")
        day = today()
        drafts = (
            await _price_lines(account, clean["lines"], day)
            if "lines" in clean
            else await _opportunity_lines(opportunity.id)
        )
        quote = Quote(
            number=await next_number("QT", day.year),
            version=await _next_version(opportunity.id),
            opportunity_id=opportunity.id,
            account_id=account.id,
            status=QuoteStatus.DRAFT,
            valid_until=clean.get("valid_until") or day + timedelta(days=VALIDITY_DAYS),
            requested_date=clean.get("requested_date") or opportunity.expected_close_date or day,
            currency=opportunity.currency,
        )
        await quote.save()
        await _write_lines(quote, drafts)
        await quote.save(update_fields=["subtotal", "tax_total", "total", "updated_at"])
    return quote


async def update_quote(quote_id: int, changes: Mapping[str, Any]) -> Quote:
    """DRAFT only; given lines replace the quote's and are priced today."""
    clean = _clean_fields(changes, update=True)
    async with in_transaction():
        quote, opportunity = await _lock(quote_id)
        _require(quote, QuoteStatus.DRAFT, "edited")
        _refuse_closed_deal(opportunity)
        if "lines" in clean:
            account = await Account.get(id=quote.account_id)
            await _write_lines(quote, await _price_lines(account, clean["lines"], today()))
        for key in ("valid_until", "requested_date"):
            if key in clean:
                setattr(quote, key, clean[key])
        await quote.save()
    return quote


@dataclass(frozen=True)
class QuoteSending:
    """A SENT quote and what the salesperson should know about it: never a refusal."""

    quote: Quote
    warnings: list[DomainError]


async def send_warnings(quote: Quote, lines: Sequence[QuoteLine]) -> list[DomainError]:
    """§9: CREDIT_LIMIT_EXCEEDED when the total exceeds the account's credit available,
    INSUFFICIENT_STOCK for each line whose availability on the requested date is LATE."""
    warnings: list[DomainError] = []
    account = await Account.get(id=quote.account_id)
    if account.credit_limit is not None:
        exposure = (await credit_exposures([account.id]))[account.id]
        available = cents(account.credit_limit) - exposure
        if Decimal(quote.total) > available:
            warnings.append(
                DomainError(
                    ErrorCode.CREDIT_LIMIT_EXCEEDED,
                    f"The quote's total of {cents(quote.total)} {quote.currency} exceeds "
                    f"{account.name}'s credit available of {available} {quote.currency}.",
                )
            )
    answers = await line_availability(quote, lines)
    skus = dict(
        await Product.filter(id__in={line.product_id for line in lines}).values_list("id", "sku")
        if lines
        else []
    )
    for index, (line, answer) in enumerate(zip(lines, answers, strict=True)):
        if answer.status is AvailabilityStatus.LATE:
            warnings.append(
                DomainError(
                    ErrorCode.INSUFFICIENT_STOCK,
                    f"Line {index + 1} ({skus[line.product_id]}): "
                    f"{Decimal(line.quantity).normalize():f} can be promised for "
                    f"{answer.promise_date.isoformat()}, not "
                    f"{quote.requested_date.isoformat()}.",
                    ("lines", str(index), "quantity"),
                )
            )
    return warnings


async def line_availability(quote: Quote, lines: Sequence[QuoteLine]) -> list[Availability]:
    """Each line's availability for its quantity on the quote's requested date (§9)."""
    return await availability_of_lines(
        [
            AvailabilityQuery(line.product_id, Decimal(line.quantity), quote.requested_date)
            for line in lines
        ]
    )


async def send_quote(quote_id: int) -> QuoteSending:
    """DRAFT → SENT with its prices frozen; the deal moves to at least PROPOSAL (never back).
    The warnings inform and never refuse."""
    async with in_transaction():
        quote, opportunity = await _lock(quote_id)
        _require(quote, QuoteStatus.DRAFT, "sent")
        _refuse_closed_deal(opportunity)
        lines = await quote_lines(quote.id)
        if not lines:
            raise DomainError(ErrorCode.INVALID, "A quote needs lines to be sent.", "id")
        if quote.valid_until < today():
            raise DomainError(
                ErrorCode.INVALID,
                f"validUntil {quote.valid_until.isoformat()} has passed: update it first.",
                "id",
            )
        quote.status = QuoteStatus.SENT
        quote.sent_at = utcnow()
        await quote.save(update_fields=["status", "sent_at", "updated_at"])
        if stage_rank(opportunity.stage) < stage_rank(Stage.PROPOSAL):
            await move_opportunity_stage(opportunity.id, Stage.PROPOSAL)
        await record_event(
            "quote.sent", quote_event_data(quote, {"status": QuoteStatus.DRAFT}, lines=lines)
        )
        warnings = await send_warnings(quote, lines)
    return QuoteSending(quote, warnings)


async def revise_quote(quote_id: int) -> Quote:
    """§9: a SENT quote is copied into a new DRAFT version (same lines and prices, a fresh
    validity of 30 days) and becomes SUPERSEDED; the new version is returned."""
    async with in_transaction():
        quote, opportunity = await _lock(quote_id)
        _require(quote, QuoteStatus.SENT, "revised")
        _refuse_closed_deal(opportunity)
        day = today()
        revision = Quote(
            number=await next_number("QT", day.year),
            version=await _next_version(opportunity.id),
            opportunity_id=quote.opportunity_id,
            account_id=quote.account_id,
            status=QuoteStatus.DRAFT,
            valid_until=day + timedelta(days=VALIDITY_DAYS),
            requested_date=quote.requested_date,
            currency=quote.currency,
            customer_reference=quote.customer_reference,
        )
        await revision.save()
        await _write_lines(revision, _drafts_of(await quote_lines(quote.id)))
        await revision.save(update_fields=["subtotal", "tax_total", "total", "updated_at"])
        quote.status = QuoteStatus.SUPERSEDED
        quote.superseded_at = utcnow()
        await quote.save(update_fields=["status", "superseded_at", "updated_at"])
    return revision


def _refuse_expired(quote: Quote) -> None:
    if quote.status is QuoteStatus.EXPIRED or (
        quote.status is QuoteStatus.SENT and quote.valid_until < today()
    ):
        raise DomainError(
            ErrorCode.EXPIRED,
            f"Quote {quote.number} was valid until {quote.valid_until.isoformat()}.",
            "id",
        )


async def accept_quote(quote_id: int, customer_reference: str | None = None) -> Quote:
    """§9, in one transaction: ACCEPTED; the deal's lines become the quote's and the deal is
    won, so its DRAFT order carries the quote's lines at the quote's prices and taxes, its
    requested date and the customer's reference; every other open version is SUPERSEDED.
    Accepting an accepted quote returns it with its order and changes nothing."""
    reference = optional_text(customer_reference, "customer_reference", 120)
    async with in_transaction():
        quote, opportunity = await _lock(quote_id)
        if quote.status is QuoteStatus.ACCEPTED:
            return quote
        _refuse_expired(quote)
        _require(quote, QuoteStatus.SENT, "accepted")
        _refuse_closed_deal(opportunity)
        lines = await quote_lines(quote.id)
        answers = await line_availability(quote, lines)
        promised = max((a.promise_date for a in answers), default=quote.requested_date)
        order = await win_with_lines(
            opportunity,
            [
                OrderLineDraft(
                    product_id=line.product_id,
                    quantity=Decimal(line.quantity),
                    unit_price=Decimal(line.unit_price),
                    discount_percent=Decimal(line.discount_percent),
                    tax_rate=Decimal(line.tax_rate),
                    description=line.description,
                )
                for line in lines
            ],
            requested_date=quote.requested_date,
            customer_reference=reference,
            promised_date=promised,
        )
        now = utcnow()
        quote.status = QuoteStatus.ACCEPTED
        quote.accepted_at = now
        quote.customer_reference = reference or quote.customer_reference
        quote.sales_order_id = order.id
        await quote.save(
            update_fields=[
                "status",
                "accepted_at",
                "customer_reference",
                "sales_order_id",
                "updated_at",
            ]
        )
        await (
            Quote.filter(opportunity_id=opportunity.id, status__in=OPEN_QUOTE_STATUSES)
            .exclude(id=quote.id)
            .update(status=QuoteStatus.SUPERSEDED, superseded_at=now, updated_at=now)
        )
        await record_event(
            "quote.accepted", quote_event_data(quote, {"status": QuoteStatus.SENT}, lines=lines)
        )
    return quote


async def reject_quote(quote_id: int, reason: str | None) -> Quote:
    """SENT → REJECTED with the customer's reason; the opportunity stays open (§9)."""
    text = required_text(reason, "reason", 500, multiline=True)
    async with in_transaction():
        quote, _ = await _lock(quote_id)
        _require(quote, QuoteStatus.SENT, "rejected")
        quote.status = QuoteStatus.REJECTED
        quote.reject_reason = text
        quote.rejected_at = utcnow()
        await quote.save(update_fields=["status", "reject_reason", "rejected_at", "updated_at"])
        await record_event(
            "quote.rejected",
            quote_event_data(
                quote, {"status": QuoteStatus.SENT}, lines=await quote_lines(quote.id)
            ),
        )
    return quote


@dataclass(frozen=True)
class ExpiryResult:
    expired: list[str]

    def summary(self) -> dict[str, object]:
        return {"expired": len(self.expired)}


Progress = Callable[[int, int], Awaitable[None]]


async def _expire_batch(as_of: date, batch_size: int) -> list[Quote]:
    """Up to `batch_size` SENT quotes valid until before `as_of` become EXPIRED with their
    events, in one transaction. The rows are locked first and only those still SENT are
    taken, so a concurrent run waits and then skips what this one expired."""
    async with in_transaction():
        due = list(
            await Quote.filter(status=QuoteStatus.SENT, valid_until__lt=as_of)
            .order_by("id")
            .limit(batch_size)
            .select_for_update()
        )
        if not due:
            return []
        now = utcnow()
        await Quote.filter(id__in=[q.id for q in due], status=QuoteStatus.SENT).update(
            status=QuoteStatus.EXPIRED, expired_at=now, updated_at=now
        )
        lines: dict[int, list[QuoteLine]] = {q.id: [] for q in due}
        for line in await QuoteLine.filter(quote_id__in=list(lines)).order_by("position", "id"):
            lines[line.quote_id].append(line)
        for quote in due:
            quote.status = QuoteStatus.EXPIRED
            quote.expired_at = now
            quote.updated_at = now
        await record_events(
            [
                (
                    "quote.expired",
                    quote_event_data(quote, {"status": QuoteStatus.SENT}, lines=lines[quote.id]),
                )
                for quote in due
            ]
        )
    return due


async def expire_quotes(
    as_of: date | None = None, progress: Progress | None = None, batch_size: int = EXPIRY_BATCH
) -> ExpiryResult:
    """§9: SENT quotes past their validUntil (before `as_of`, default today) become EXPIRED,
    each once however many runs go at the same time; `progress` is the job's checkpoint,
    called after every batch."""
    day = as_of or today()
    total = await Quote.filter(status=QuoteStatus.SENT, valid_until__lt=day).count()
    expired: list[str] = []
    while True:
        batch = await _expire_batch(day, batch_size)
        if not batch:
            break
        expired += [quote.number for quote in batch]
        if progress is not None:
            await progress(len(expired), max(total, len(expired)))
    return ExpiryResult(expired)


# ---------------------------------------------------------------------------------------------
# Lists


@dataclass(frozen=True)
class QuoteFilter:
    opportunity_id: int | None = None
    account_id: int | None = None
    status: QuoteStatus | None = None


def list_quotes(flt: QuoteFilter | None = None) -> QuerySet[Quote]:
    flt = flt or QuoteFilter()
    qs = Quote.all()
    if flt.opportunity_id is not None:
        qs = qs.filter(opportunity_id=flt.opportunity_id)
    if flt.account_id is not None:
        qs = qs.filter(account_id=flt.account_id)
    if flt.status is not None:
        qs = qs.filter(status=flt.status)
    return qs

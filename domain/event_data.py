"""The `data` of every event (§8): the object in the API's own shape — global ids, GraphQL
field names, Money objects — plus `previous…` values on state changes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from domain.currencies.iso4217 import round_amount
from domain.global_ids import global_id
from domain.money import cents, without_padding

if TYPE_CHECKING:
    from domain.accounts.models import Account
    from domain.activities.models import Activity
    from domain.billing.models import CreditNote, Invoice, Payment
    from domain.campaigns.models import Campaign
    from domain.currencies.models import ExchangeRate
    from domain.fulfillment.models import OpportunityFulfillment
    from domain.manufacturing.models import MrpRun, PlannedOrder
    from domain.orders.models import SalesOrder, SalesOrderLine, Shipment
    from domain.payables.models import SupplierPayment, VendorBill
    from domain.pipeline.models import Lead, Opportunity
    from domain.quotes.models import Quote, QuoteLine
    from domain.service.models import Case
    from domain.users.models import User

Data = dict[str, Any]

ADDRESS_FIELDS = ("line1", "line2", "city", "region", "postal_code", "country")


# Cached: every event spells the same few dozen names, and splitting them each time was most
# of what building a payload cost.
@cache
def camel(name: str) -> str:
    """The GraphQL name of a Python field name, as strawberry camel-cases it."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def plain_decimal(value: Decimal | int | str) -> str:
    """A quantity or percentage as the API renders it: no padding zeros ("12.5000" → "12.5")."""
    return str(without_padding(value))


_PLAIN_TYPES = frozenset({str, int, bool, type(None)})


def scalar(value: Any) -> Any:
    """A plain field's value as the API serialises it: enums by their GraphQL name, decimals
    as strings, dates `YYYY-MM-DD`, datetimes ISO 8601 in UTC with the offset."""
    # Exact types: most values are plain, and enums (str and int subclasses) still convert.
    if type(value) in _PLAIN_TYPES:
        return value
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def money(amount: Decimal | int | str | None, currency: str) -> Data | None:
    if amount is None:
        return None
    return {"amount": str(round_amount(Decimal(amount), currency)), "currency": currency}


def ref(type_name: str, pk: int | None) -> str | None:
    """A reference as the API takes it back: the global id under `<field>Id`."""
    return None if pk is None else global_id(type_name, pk)


def address(value: Mapping[str, Any] | None) -> Data | None:
    if not value:
        return None
    return {camel(name): value.get(name) for name in ADDRESS_FIELDS}


def _plain(row: Any, names: Iterable[str]) -> Data:
    return {camel(name): scalar(getattr(row, name)) for name in names}


def _previous(values: Mapping[str, Any]) -> Data:
    """`{"stage": PROPOSAL}` → `{"previousStage": "PROPOSAL"}`."""
    return {f"previous{camel(name)[:1].upper()}{camel(name)[1:]}": v for name, v in values.items()}


def _with_previous(data: Data, previous: Mapping[str, Any] | None) -> Data:
    if previous:
        data.update(_previous({name: scalar(value) for name, value in previous.items()}))
    return data


# Accounts (§3)

ACCOUNT_FIELDS = (
    "name",
    "lifecycle",
    "industry",
    "website",
    "email",
    "phone",
    "tier",
    "owner_id",
    "billing_address",
    "shipping_address",
    "currency",
    "payment_terms_days",
    "credit_limit",
    "sla_policy_id",
    "price_list_id",
    "archived_at",
)


def _account_field(name: str, value: Any, currency: str) -> tuple[str, Any]:
    if name == "credit_limit":
        return "creditLimit", money(value, currency)
    if name == "sla_policy_id":
        return "slaPolicyId", ref("SlaPolicy", value)
    if name == "price_list_id":
        return "priceListId", ref("PriceList", value)
    if name == "owner_id":
        return "ownerId", ref("User", value)
    if name in ("billing_address", "shipping_address"):
        return camel(name), address(value)
    return camel(name), scalar(value)


def account_event_data(account: Account) -> Data:
    data: Data = {"id": global_id("Account", account.id)}
    data.update(
        _account_field(name, getattr(account, name), account.currency) for name in ACCOUNT_FIELDS
    )
    return data


def account_change_data(account: Account, previous: Mapping[str, Any]) -> Data:
    """account.updated: the name, the changed fields and their `previous…` values."""
    data: Data = {"id": global_id("Account", account.id), "name": account.name}
    before: Data = {}
    old_currency = previous.get("currency", account.currency)
    for name in sorted(previous):
        key, value = _account_field(name, getattr(account, name), account.currency)
        data[key] = value
        before[key] = _account_field(name, previous[name], old_currency)[1]
    data.update(_previous(before))
    return data


# Leads and opportunities (§4)

LEAD_FIELDS = ("company_name", "contact_name", "email", "phone", "source", "status", "converted_at")


def lead_event_data(lead: Lead, previous: Mapping[str, Any] | None = None) -> Data:
    data: Data = {
        "id": global_id("Lead", lead.id),
        **_plain(lead, LEAD_FIELDS),
        "convertedAccountId": ref("Account", lead.converted_account_id),
        "convertedContactId": ref("Contact", lead.converted_contact_id),
        "convertedOpportunityId": ref("Opportunity", lead.converted_opportunity_id),
        "ownerId": ref("User", lead.owner_id),
        "campaignId": ref("Campaign", lead.campaign_id),
    }
    return _with_previous(data, previous)


OPPORTUNITY_FIELDS = (
    "name",
    "stage",
    "probability",
    "status",
    "currency",
    "expected_close_date",
    "lost_reason",
    "closed_at",
)


def opportunity_event_data(
    opportunity: Opportunity, previous: Mapping[str, Any] | None = None
) -> Data:
    data: Data = {
        "id": global_id("Opportunity", opportunity.id),
        **_plain(opportunity, OPPORTUNITY_FIELDS),
        "amount": money(opportunity.amount, opportunity.currency),
        "accountId": ref("Account", opportunity.account_id),
        "salesOrderId": ref("SalesOrder", opportunity.sales_order_id),
        "ownerId": ref("User", opportunity.owner_id),
        "campaignId": ref("Campaign", opportunity.campaign_id),
    }
    return _with_previous(data, previous)


# Sales orders (§5.2)

SALES_ORDER_FIELDS = (
    "number",
    "status",
    "invoice_policy",
    "requested_date",
    "currency",
    "delivery_status",
    "invoice_status",
    "payment_status",
    "customer_reference",
    "confirmed_at",
    "cancelled_at",
)


def sales_order_line_data(line: SalesOrderLine) -> Data:
    backordered = max(
        Decimal(line.quantity) - Decimal(line.quantity_shipped) - Decimal(line.quantity_reserved),
        Decimal(0),
    )
    return {
        "id": global_id("SalesOrderLine", line.id),
        "productId": ref("Product", line.product_id),
        **_plain(line, ("quantity", "quantity_reserved", "quantity_shipped")),
        "quantityBackordered": plain_decimal(backordered),
    }


def shipment_data(shipment: Shipment) -> Data:
    return {
        "id": global_id("Shipment", shipment.id),
        **_plain(shipment, ("number", "shipped_on")),
        "warehouseId": ref("Warehouse", shipment.warehouse_id),
    }


def sales_order_event_data(
    order: SalesOrder,
    previous: Mapping[str, Any] | None = None,
    *,
    lines: Sequence[SalesOrderLine] | None = None,
    shipments: Sequence[Shipment] | None = None,
) -> Data:
    """Lines and shipments in the API's order (position, then id; shipments by id)."""
    data: Data = {
        "id": global_id("SalesOrder", order.id),
        **_plain(order, SALES_ORDER_FIELDS),
        "accountId": ref("Account", order.account_id),
        "subtotal": money(order.subtotal, order.currency),
        "taxTotal": money(order.tax_total, order.currency),
        "total": money(order.total, order.currency),
    }
    if lines is not None:
        ordered = sorted(lines, key=lambda line: (line.position, line.id))
        data["lines"] = [sales_order_line_data(line) for line in ordered]
    if shipments is not None:
        data["shipments"] = [shipment_data(s) for s in sorted(shipments, key=lambda s: s.id)]
    return _with_previous(data, previous)


# Billing (§5.4)

INVOICE_MONEY = ("subtotal", "tax_total", "total", "amount_paid", "amount_credited", "amount_due")


def invoice_event_data(invoice: Invoice, previous: Mapping[str, Any] | None = None) -> Data:
    data: Data = {
        "id": global_id("Invoice", invoice.id),
        **_plain(invoice, ("number", "status", "issue_date", "due_date", "currency")),
        "accountId": ref("Account", invoice.account_id),
        "salesOrderId": ref("SalesOrder", invoice.sales_order_id),
        **{camel(name): money(getattr(invoice, name), invoice.currency) for name in INVOICE_MONEY},
    }
    return _with_previous(data, previous)


def payment_event_data(payment: Payment, allocations: Mapping[int, Decimal]) -> Data:
    """`allocations`: invoice id → amount applied, listed by invoice id as they are stored."""
    return {
        "id": global_id("Payment", payment.id),
        **_plain(payment, ("number", "date", "reference", "currency")),
        "accountId": ref("Account", payment.account_id),
        "amount": money(payment.amount, payment.currency),
        "unappliedAmount": money(payment.unapplied_amount, payment.currency),
        "allocations": [
            {
                "invoiceId": global_id("Invoice", invoice_id),
                "amount": money(amount, payment.currency),
            }
            for invoice_id, amount in sorted(allocations.items())
        ],
    }


CREDIT_NOTE_MONEY = ("subtotal", "tax_total", "total", "applied_amount", "unapplied_amount")


def credit_note_event_data(note: CreditNote, currency: str) -> Data:
    """`currency`: the credited invoice's."""
    return {
        "id": global_id("CreditNote", note.id),
        **_plain(note, ("number", "issue_date")),
        "invoiceId": ref("Invoice", note.invoice_id),
        "accountId": ref("Account", note.account_id),
        **{camel(name): money(getattr(note, name), currency) for name in CREDIT_NOTE_MONEY},
    }


# MRP (§6)


def mrp_run_event_data(run: MrpRun, previous: Mapping[str, Any] | None = None) -> Data:
    data: Data = {
        "id": global_id("MrpRun", run.id),
        **_plain(run, ("status", "as_of", "horizon_days", "items_planned", "finished_at")),
        "exceptions": list(run.exceptions),
        "jobRunId": ref("JobRun", run.job_run_id),
    }
    return _with_previous(data, previous)


PLANNED_ORDER_FIELDS = (
    "reference",
    "kind",
    "quantity",
    "due_date",
    "release_date",
    "late",
    "firmed_at",
    "firmed_document",
)


def planned_order_event_data(planned: PlannedOrder) -> Data:
    return {
        "id": global_id("PlannedOrder", planned.id),
        **_plain(planned, PLANNED_ORDER_FIELDS),
        "productId": ref("Product", planned.product_id),
        "runId": ref("MrpRun", planned.run_id),
        "pegging": [
            {
                "source": peg["source"],
                "quantity": plain_decimal(peg["quantity"]),
                "reference": peg["reference"],
            }
            for peg in planned.pegging
        ],
    }


# Cases (§7)

CASE_FIELDS = (
    "number",
    "subject",
    "description",
    "priority",
    "status",
    "opened_at",
    "first_responded_at",
    "resolved_at",
    "first_response_due_at",
    "resolution_due_at",
    "escalation_level",
    "paused_business_minutes",
    "waiting_since",
)


def case_event_data(case: Case, previous: Mapping[str, Any] | None = None) -> Data:
    data: Data = {
        "id": global_id("Case", case.id),
        **_plain(case, CASE_FIELDS),
        "accountId": ref("Account", case.account_id),
        "contactId": ref("Contact", case.contact_id),
        "assigneeId": ref("User", case.assignee_id),
    }
    return _with_previous(data, previous)


class EscalationRecord(Protocol):
    """What an escalation's data reads of a recorded level: a CaseEscalation row will do, and
    so will the plain rows of the set-based scan, which builds no model per escalation."""

    @property
    def level(self) -> int: ...

    @property
    def reason(self) -> str: ...

    @property
    def at(self) -> datetime: ...


def case_escalation_data(
    case: Case, level: int, priority: Enum, escalations: Sequence[EscalationRecord]
) -> Data:
    """The case as it stands once `level` is reached (its row is saved after the events):
    that level and the priority it leads to, with the escalations so far by level."""
    data = case_event_data(case)
    data["escalationLevel"] = level
    data["priority"] = scalar(priority)
    data["escalations"] = [
        _plain(row, ("level", "reason", "at")) for row in sorted(escalations, key=lambda r: r.level)
    ]
    previous: dict[str, Any] = {"escalation_level": level - 1}
    if priority != case.priority:
        previous["priority"] = case.priority
    return _with_previous(data, previous)


# Quotes, fulfilment and credit (§9)


def unit_money(amount: Decimal | int | str, currency: str) -> Data:
    """A unit price as the API shows it: cents, or up to the four decimals it is stored with."""
    number = Decimal(amount)
    rounded = number.quantize(Decimal("0.01"))
    return {
        "amount": str(rounded if rounded == number else number.normalize()),
        "currency": currency,
    }


QUOTE_FIELDS = (
    "number",
    "version",
    "status",
    "valid_until",
    "requested_date",
    "currency",
    "customer_reference",
    "reject_reason",
    "sent_at",
    "accepted_at",
    "rejected_at",
    "expired_at",
)


def quote_line_data(line: QuoteLine, currency: str) -> Data:
    return {
        "id": global_id("QuoteLine", line.id),
        "productId": ref("Product", line.product_id),
        **_plain(line, ("description", "quantity", "discount_percent", "tax_rate", "price_source")),
        "unitPrice": unit_money(line.unit_price, currency),
        "netAmount": money(line.net_amount, currency),
        "taxAmount": money(line.tax_amount, currency),
    }


def quote_event_data(
    quote: Quote,
    previous: Mapping[str, Any] | None = None,
    *,
    lines: Sequence[QuoteLine] | None = None,
) -> Data:
    """Lines in the API's order (position, then id)."""
    data: Data = {
        "id": global_id("Quote", quote.id),
        **_plain(quote, QUOTE_FIELDS),
        "opportunityId": ref("Opportunity", quote.opportunity_id),
        "accountId": ref("Account", quote.account_id),
        "salesOrderId": ref("SalesOrder", quote.sales_order_id),
        "subtotal": money(quote.subtotal, quote.currency),
        "taxTotal": money(quote.tax_total, quote.currency),
        "total": money(quote.total, quote.currency),
    }
    if lines is not None:
        ordered = sorted(lines, key=lambda line: (line.position, line.id))
        data["lines"] = [quote_line_data(line, quote.currency) for line in ordered]
    return _with_previous(data, previous)


FULFILLMENT_STATUSES = ("delivery_status", "invoice_status", "payment_status")
FULFILLMENT_AMOUNTS = ("shipped_amount", "invoiced_amount", "paid_amount")


def _fulfillment(values: Mapping[str, Any], currency: str) -> Data:
    data = {camel(name): scalar(values[name]) for name in FULFILLMENT_STATUSES}
    data.update({camel(name): money(values[name], currency) for name in FULFILLMENT_AMOUNTS})
    return data


def fulfillment_event_data(
    opportunity: Opportunity, fulfillment: OpportunityFulfillment, previous: Mapping[str, Any]
) -> Data:
    """opportunity.fulfillment_changed: the deal, its order and its fulfilment now, and the
    fulfilment before (its statuses and amounts by their column names) as
    `previousFulfillment`."""
    now = {
        name: getattr(fulfillment, name) for name in (*FULFILLMENT_STATUSES, *FULFILLMENT_AMOUNTS)
    }
    data = _fulfillment(now, opportunity.currency)
    data["promisedDate"] = scalar(fulfillment.promised_date)
    return {
        "id": global_id("Opportunity", opportunity.id),
        "name": opportunity.name,
        "salesOrderId": ref("SalesOrder", fulfillment.sales_order_id),
        "fulfillment": data,
        "previousFulfillment": _fulfillment(previous, opportunity.currency),
    }


def credit_exceeded_data(account: Account, exposure: Decimal) -> Data:
    """account.credit_exceeded: the account's limit, exposure and (negative) credit left."""
    limit = Decimal(account.credit_limit)
    return {
        "id": global_id("Account", account.id),
        "name": account.name,
        "creditLimit": money(limit, account.currency),
        "creditExposure": money(exposure, account.currency),
        "creditAvailable": money(cents(limit) - cents(exposure), account.currency),
    }


# Accounts payable (§10)

VENDOR_BILL_FIELDS = (
    "number",
    "supplier_reference",
    "status",
    "bill_date",
    "due_date",
    "currency",
    "match_status",
)
VENDOR_BILL_MONEY = ("subtotal", "tax_total", "total", "amount_paid", "amount_due")


def vendor_bill_event_data(bill: VendorBill, previous: Mapping[str, Any] | None = None) -> Data:
    data: Data = {
        "id": global_id("VendorBill", bill.id),
        **_plain(bill, VENDOR_BILL_FIELDS),
        "supplierId": ref("Account", bill.supplier_id),
        **{camel(name): money(getattr(bill, name), bill.currency) for name in VENDOR_BILL_MONEY},
    }
    return _with_previous(data, previous)


def supplier_payment_event_data(
    payment: SupplierPayment, allocations: Mapping[int, Decimal]
) -> Data:
    """`allocations`: bill id → amount applied, listed by bill id as they are stored."""
    return {
        "id": global_id("SupplierPayment", payment.id),
        **_plain(payment, ("number", "date", "reference", "currency")),
        "supplierId": ref("Account", payment.supplier_id),
        "amount": money(payment.amount, payment.currency),
        "allocations": [
            {
                "vendorBillId": global_id("VendorBill", bill_id),
                "amount": money(amount, payment.currency),
            }
            for bill_id, amount in sorted(allocations.items())
        ],
    }


# Closing the books (§11)


def period_event_data(closed_through: date | None, previous: date | None) -> Data:
    """`period.closed` / `period.reopened`: the lock date as `closedThrough` answers it."""
    return {
        "closedThrough": scalar(closed_through),
        "previousClosedThrough": scalar(previous),
    }


# Multi-currency (§12)


def exchange_rate_event_data(rate: ExchangeRate, previous: Decimal | None) -> Data:
    """`exchange_rate.set`: the rate from its date on, and the one it replaced that day."""
    return {
        "id": global_id("ExchangeRate", rate.id),
        "currency": rate.currency,
        "date": scalar(rate.date),
        "rate": plain_decimal(rate.rate),
        "previousRate": None if previous is None else plain_decimal(previous),
    }


# The sales team (§13)

USER_FIELDS = ("name", "email", "role", "active")


def user_event_data(user: User, previous: Mapping[str, Any] | None = None) -> Data:
    """user.created / user.updated / user.deactivated (with the changed fields' `previous…`)."""
    return _with_previous({"id": global_id("User", user.id), **_plain(user, USER_FIELDS)}, previous)


CAMPAIGN_FIELDS = ("name", "channel", "start_date", "end_date")


def campaign_event_data(campaign: Campaign, previous: Mapping[str, Any] | None = None) -> Data:
    """campaign.created / campaign.updated (with the changed fields' `previous…` values)."""
    data: Data = {
        "id": global_id("Campaign", campaign.id),
        **_plain(campaign, CAMPAIGN_FIELDS),
        "budget": money(campaign.budget, campaign.currency),
    }
    if previous:
        data.update(
            _previous(
                {
                    name: money(value, campaign.currency) if name == "budget" else scalar(value)
                    for name, value in previous.items()
                }
            )
        )
    return data


def activity_reminder_data(activity: Activity, as_of: datetime) -> Data:
    """activity.due_soon / activity.overdue: the activity, whom it is for, and the scan's time."""
    return {
        "id": global_id("Activity", activity.id),
        **_plain(activity, ("kind", "subject", "due_at")),
        "assigneeId": ref("User", activity.assignee_id),
        "accountId": ref("Account", activity.account_id),
        "opportunityId": ref("Opportunity", activity.opportunity_id),
        "caseId": ref("Case", activity.case_id),
        "asOf": scalar(as_of),
    }


def opportunity_stale_data(
    opportunity: Opportunity, last_activity_at: datetime, since: datetime, as_of: datetime
) -> Data:
    """opportunity.stale: an OPEN deal without any activity for 14 days since `since`."""
    return {
        "id": global_id("Opportunity", opportunity.id),
        "name": opportunity.name,
        "ownerId": ref("User", opportunity.owner_id),
        "accountId": ref("Account", opportunity.account_id),
        "lastActivityAt": scalar(last_activity_at),
        "staleSince": scalar(since),
        "asOf": scalar(as_of),
    }


# Warehouse accuracy (§15)


def stock_count_event_data(
    count: Any, lines: Sequence[Any], values: Mapping[int, Decimal]
) -> Data:
    """`stock_count.posted`: the count, its counted lines with their variance, and the value
    posted per product at standard cost (`values`: product id → signed value)."""
    return {
        "id": global_id("StockCount", count.id),
        "number": count.number,
        "status": scalar(count.status),
        "warehouseId": ref("Warehouse", count.warehouse_id),
        "varianceValue": str(cents(count.variance_value or 0)),
        "lines": [
            {
                "productId": ref("Product", line.product_id),
                "lotId": ref("Lot", line.lot_id),
                "expectedQuantity": plain_decimal(line.expected_quantity),
                "countedQuantity": plain_decimal(line.counted_quantity),
                "variance": plain_decimal(line.variance),
                "value": str(cents(values.get(line.product_id, 0))),
            }
            for line in lines
        ],
    }


def lot_recalled_data(lot_id: int, account_ids: Iterable[int]) -> Data:
    """`lot.recalled`: the lot and the customers its FORWARD trace reached, by id."""
    return {
        "lotId": global_id("Lot", lot_id),
        "accountIds": [global_id("Account", pk) for pk in sorted(set(account_ids))],
    }


def return_event_data(ret: Any, lines: Sequence[Any]) -> Data:
    """`return.received` (and its other states): the return, its lines, its credit note."""
    return {
        "id": global_id("Return", ret.id),
        "number": ret.number,
        "status": scalar(ret.status),
        "salesOrderId": ref("SalesOrder", ret.order_id),
        "warehouseId": ref("Warehouse", ret.warehouse_id),
        "creditNoteId": ref("CreditNote", ret.credit_note_id),
        "lines": [
            {
                "salesOrderLineId": ref("SalesOrderLine", line.order_line_id),
                "quantity": plain_decimal(line.quantity),
                "restock": line.restock,
            }
            for line in lines
        ],
    }


# Segments (§13)


def segment_rules_data(rules: Mapping[str, Any], currency: str) -> Data:
    """A segment's stored rules in the API's shape: ownerId a global id, bounds Money."""
    data: Data = {}
    for name, value in rules.items():
        if name == "owner_id":
            data["ownerId"] = ref("User", value)
        elif name in ("min_lifetime_revenue", "max_lifetime_revenue"):
            data[camel(name)] = money(value, currency)
        else:
            data[camel(name)] = value
    return data


def segment_event_data(
    segment: Any, currency: str, previous: Mapping[str, Any] | None = None
) -> Data:
    """`segment.created`, `segment.updated` (with `previousName`, `previousRules`),
    `segment.deleted`."""
    data: Data = {
        "id": global_id("Segment", segment.id),
        "name": segment.name,
        "rules": segment_rules_data(segment.rules, currency),
    }
    if previous:
        for name, value in previous.items():
            shown = segment_rules_data(value, currency) if name == "rules" else scalar(value)
            data[_previous({name: None}).popitem()[0]] = shown
    return data

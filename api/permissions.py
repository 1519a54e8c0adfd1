"""The role matrix of contract §2, in one place: which roles may use every root field
(query, mutation, subscription), every restricted object field, and read every restricted
type through `node(id:)`; and which roles may start each kind of background work.

Resolvers declare no permissions: `install` puts these on the schema's fields when the
schema is built, and refuses to build while a root field has no entry, an entry names no
field, or a field declares roles of its own. A test walks the schema with all seven roles
and compares what each may use with this table."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any

from strawberry.permission import PermissionExtension
from strawberry.schema.name_converter import NameConverter
from strawberry.types.base import StrawberryObjectDefinition, get_object_definition
from strawberry.types.field import StrawberryField

from api.auth import allow
from domain.auth.models import Role
from domain.jobs.models import JobKind

ADMIN, SALES, SERVICE, FINANCE, OPERATIONS, READONLY, INTEGRATION = (
    Role.ADMIN,
    Role.SALES,
    Role.SERVICE,
    Role.FINANCE,
    Role.OPERATIONS,
    Role.READONLY,
    Role.INTEGRATION,
)


def roles(*members: Role) -> frozenset[Role]:
    return frozenset(members)


EVERYONE = frozenset(Role)
ADMINS = roles(ADMIN)
# Standard cost, what is paid for goods, and every margin figure (§2).
COST_READERS = roles(ADMIN, FINANCE, OPERATIONS)
# Receivables: OPERATIONS, SERVICE and INTEGRATION do not see them (§5.4).
BILLING_READERS = roles(ADMIN, FINANCE, SALES, READONLY)
BILLING_WRITERS = roles(ADMIN, FINANCE)
# The books are finance's; operations reads them for inventory and COGS. Revenue next to
# COGS is a margin figure, so no other role reads them (READONLY included).
LEDGER_READERS = COST_READERS
# Payables carry what is paid for goods: finance's, and operations' who buy them (§10).
AP_READERS = COST_READERS
# Operations and finance enter and post bills; approving a match exception is finance's.
AP_CLERKS = roles(ADMIN, FINANCE, OPERATIONS)
AP_APPROVERS = BILLING_WRITERS
WEBHOOK_ROLES = roles(ADMIN, INTEGRATION)
# Integrations' own data on records (§14).
METADATA_READERS = roles(ADMIN, INTEGRATION)
# Sales owns the customer record; finance sets terms and credit; service adds contacts.
ACCOUNT_WRITERS = roles(ADMIN, SALES, FINANCE, INTEGRATION)
CONTACT_WRITERS = roles(ADMIN, SALES, SERVICE, FINANCE, INTEGRATION)
PIPELINE_WRITERS = roles(ADMIN, SALES)
# Sales negotiates customer prices; finance answers for them (§9).
PRICE_LIST_WRITERS = roles(ADMIN, SALES, FINANCE)
# Sales logs work on accounts and deals; the service desk logs it on cases.
ACTIVITY_WRITERS = roles(ADMIN, SALES, SERVICE)
# Operations keeps the item master; integrations sync it (and physical counts) from outside.
PRODUCT_WRITERS = roles(ADMIN, OPERATIONS, INTEGRATION)
OPERATIONS_WRITERS = roles(ADMIN, OPERATIONS)
# Sales owns the order until it is confirmed; web shops submit orders as INTEGRATION.
# Shipping is the warehouse's act (OPERATIONS_WRITERS).
ORDER_WRITERS = roles(ADMIN, SALES, INTEGRATION)
CASE_WRITERS = roles(ADMIN, SERVICE)
# Integrations (a support form, an e-mail gateway) open cases but do not work them.
CASE_OPENERS = roles(ADMIN, SERVICE, INTEGRATION)
# Segments are sales' targeting lists; their rules may filter on revenue, so they are read
# by the roles that read revenue (§13).
SEGMENT_READERS = BILLING_READERS
SEGMENT_WRITERS = roles(ADMIN, SALES)
# Each team's insights (§13): its own, the administrator's and READONLY's; finance's figures
# are finance's alone.
SALES_INSIGHT_READERS = roles(ADMIN, SALES, READONLY)
FINANCE_INSIGHT_READERS = roles(ADMIN, FINANCE)
OPERATIONS_INSIGHT_READERS = roles(ADMIN, OPERATIONS, READONLY)
SERVICE_INSIGHT_READERS = roles(ADMIN, SERVICE, READONLY)

# Who may start each kind of background work; a role sees (jobRun, jobRuns, jobRunUpdated)
# and cancels the runs of the kinds it may start (§2 Background work).
JOB_STARTERS: dict[JobKind, frozenset[Role]] = {
    JobKind.ACCOUNT_FIGURES: EVERYONE - {READONLY},
    JobKind.INVOICING: BILLING_WRITERS,
    JobKind.MRP: OPERATIONS_WRITERS,
    JobKind.SLA_ESCALATION: CASE_WRITERS,
    JobKind.QUOTE_EXPIRY: PIPELINE_WRITERS,
    JobKind.REMINDER_SCAN: ACTIVITY_WRITERS,
    # Data in and out (§14) spans every area: for administrators and integrations.
    JobKind.IMPORT: roles(ADMIN, INTEGRATION),
    JobKind.EXPORT: roles(ADMIN, INTEGRATION),
}
ANY_JOB_STARTER = frozenset().union(*JOB_STARTERS.values())
# POST /hooks/leads, the lead-capture endpoint of web forms (§4.2).
LEAD_HOOK_ROLES = roles(INTEGRATION, ADMIN)

# Types whose objects only these roles read, however they are reached (a field, a list,
# `node(id:)`, `nodes(ids:)`); every other type is read by every role.
TYPE_READERS: dict[str, frozenset[Role]] = {
    "ApiToken": ADMINS,
    "CreditNote": BILLING_READERS,
    "Invoice": BILLING_READERS,
    "InvoiceLine": BILLING_READERS,
    "JournalEntry": LEDGER_READERS,
    "LedgerAccount": LEDGER_READERS,
    "Payment": BILLING_READERS,
    "Segment": SEGMENT_READERS,
    "SupplierPayment": AP_READERS,
    "VendorBill": AP_READERS,
    "VendorBillLine": AP_READERS,
    "WebhookDelivery": WEBHOOK_ROLES,
    "WebhookSubscription": WEBHOOK_ROLES,
}

# `Type.field` (GraphQL names) → the roles that may use it. Every Query, Mutation and
# Subscription field is listed; an object field only when it is narrower than its type.
FIELD_ROLES: dict[str, frozenset[Role]] = {
    # --- relay, users and tokens (§2, §13)
    "Query.node": EVERYONE,
    "Query.nodes": EVERYONE,
    "Query.viewer": EVERYONE,
    "Query.users": EVERYONE,
    "Mutation.userCreate": ADMINS,
    "Mutation.userUpdate": ADMINS,
    "Mutation.userDeactivate": ADMINS,
    # --- the sales team (§13): campaigns are marketing's, i.e. sales'
    "Query.campaign": EVERYONE,
    "Query.campaigns": EVERYONE,
    "Mutation.campaignCreate": PIPELINE_WRITERS,
    "Mutation.campaignUpdate": PIPELINE_WRITERS,
    "Query.myWork": EVERYONE,
    "Mutation.reminderScanRunStart": JOB_STARTERS[JobKind.REMINDER_SCAN],
    "Query.apiTokens": ADMINS,
    "Mutation.apiTokenCreate": ADMINS,
    "Mutation.apiTokenRevoke": ADMINS,
    "Query.auditLog": ADMINS,
    # --- accounts and contacts (§3)
    "Query.account": EVERYONE,
    "Query.accounts": EVERYONE,
    "Query.contact": EVERYONE,
    "Mutation.accountCreate": ACCOUNT_WRITERS,
    "Mutation.accountUpdate": ACCOUNT_WRITERS,
    "Mutation.accountArchive": ACCOUNT_WRITERS,
    "Mutation.contactCreate": CONTACT_WRITERS,
    "Mutation.contactUpdate": CONTACT_WRITERS,
    # --- leads, opportunities, forecast, activities (§4)
    "Query.lead": EVERYONE,
    "Query.leads": EVERYONE,
    "Query.opportunity": EVERYONE,
    "Query.opportunities": EVERYONE,
    "Query.pipelineForecast": EVERYONE,
    "Mutation.leadCreate": PIPELINE_WRITERS,
    "Mutation.leadUpdate": PIPELINE_WRITERS,
    "Mutation.leadConvert": PIPELINE_WRITERS,
    "Mutation.opportunityCreate": PIPELINE_WRITERS,
    "Mutation.opportunityUpdate": PIPELINE_WRITERS,
    "Mutation.opportunityMoveStage": PIPELINE_WRITERS,
    "Mutation.opportunityMarkWon": PIPELINE_WRITERS,
    "Mutation.opportunityMarkLost": PIPELINE_WRITERS,
    "Query.activity": EVERYONE,
    "Query.activities": EVERYONE,
    "Mutation.activityCreate": ACTIVITY_WRITERS,
    "Mutation.activityComplete": ACTIVITY_WRITERS,
    # --- price lists (§9)
    "Query.priceList": EVERYONE,
    "Query.priceLists": EVERYONE,
    "Query.price": EVERYONE,
    "Mutation.priceListCreate": PRICE_LIST_WRITERS,
    "Mutation.priceListUpdate": PRICE_LIST_WRITERS,
    "Mutation.priceListItemsSet": PRICE_LIST_WRITERS,
    # --- quotes, credit exposure, fulfilment and margins (§9)
    "Query.quote": EVERYONE,
    "Query.quotes": EVERYONE,
    "Mutation.quoteCreate": PIPELINE_WRITERS,
    "Mutation.quoteUpdate": PIPELINE_WRITERS,
    "Mutation.quoteSend": PIPELINE_WRITERS,
    "Mutation.quoteRevise": PIPELINE_WRITERS,
    "Mutation.quoteAccept": PIPELINE_WRITERS,
    "Mutation.quoteReject": PIPELINE_WRITERS,
    "Mutation.quoteExpiryRunStart": JOB_STARTERS[JobKind.QUOTE_EXPIRY],
    "Account.creditExposure": BILLING_READERS,
    "Quote.margin": COST_READERS,
    "Opportunity.margin": COST_READERS,
    "SalesOrder.margin": COST_READERS,
    "SalesOrder.realizedMargin": COST_READERS,
    # --- catalog, stock, sales orders (§5.1, §5.2)
    "Query.product": EVERYONE,
    "Query.products": EVERYONE,
    "Product.standardCost": COST_READERS,
    "Account.privateMetadata": METADATA_READERS,
    "Contact.privateMetadata": METADATA_READERS,
    "Lead.privateMetadata": METADATA_READERS,
    "Opportunity.privateMetadata": METADATA_READERS,
    "Product.privateMetadata": METADATA_READERS,
    "SalesOrder.privateMetadata": METADATA_READERS,
    "PurchaseOrder.privateMetadata": METADATA_READERS,
    "Invoice.privateMetadata": METADATA_READERS,
    "Case.privateMetadata": METADATA_READERS,
    "Query.availableToPromise": EVERYONE,
    "Mutation.productCreate": PRODUCT_WRITERS,
    "Mutation.productUpdate": PRODUCT_WRITERS,
    "Query.warehouse": EVERYONE,
    "Query.warehouses": EVERYONE,
    "Query.stockLevels": EVERYONE,
    "Query.stockMoves": EVERYONE,
    "Mutation.warehouseCreate": OPERATIONS_WRITERS,
    "Mutation.stockAdjust": PRODUCT_WRITERS,
    # --- warehouse accuracy (§15): counts are posted by operations, approved by finance
    "Mutation.stockTransfer": OPERATIONS_WRITERS,
    "Query.stockCount": EVERYONE,
    "Query.stockCounts": EVERYONE,
    "Mutation.stockCountStart": PRODUCT_WRITERS,
    "Mutation.stockCountRecord": PRODUCT_WRITERS,
    "Mutation.stockCountPost": roles(ADMIN, OPERATIONS, FINANCE),
    "Mutation.stockCountCancel": PRODUCT_WRITERS,
    # Returns are agreed with the customer by sales or service, received by the warehouse.
    "Query.return": EVERYONE,
    "Query.returns": EVERYONE,
    "Mutation.returnCreate": roles(ADMIN, SALES, SERVICE),
    "Mutation.returnReceive": OPERATIONS_WRITERS,
    "Mutation.returnCancel": roles(ADMIN, SALES, SERVICE),
    "Return.creditNote": BILLING_READERS,
    "Query.lot": EVERYONE,
    "Query.lots": EVERYONE,
    "Query.lotTrace": EVERYONE,
    "Mutation.lotRecall": roles(ADMIN, OPERATIONS),
    "Query.salesOrder": EVERYONE,
    "Query.salesOrders": EVERYONE,
    "Query.shipment": EVERYONE,
    "Shipment.costTotal": COST_READERS,
    "Mutation.salesOrderCreate": ORDER_WRITERS,
    "Mutation.salesOrderUpdate": ORDER_WRITERS,
    "Mutation.salesOrderConfirm": ORDER_WRITERS,
    "Mutation.salesOrderCancel": ORDER_WRITERS,
    "Mutation.salesOrderShip": OPERATIONS_WRITERS,
    # --- invoices, payments, credit notes, receivables (§5.4)
    "Query.invoice": BILLING_READERS,
    "Query.invoices": BILLING_READERS,
    "Query.payment": BILLING_READERS,
    "Query.payments": BILLING_READERS,
    "Query.creditNote": BILLING_READERS,
    "Query.creditNotes": BILLING_READERS,
    "Query.arAging": BILLING_READERS,
    "Account.invoices": BILLING_READERS,
    "Account.balance": BILLING_READERS,
    "Account.creditAvailable": BILLING_READERS,
    "Account.lifetimeRevenue": BILLING_READERS,
    "SalesOrder.invoices": BILLING_READERS,
    "Mutation.invoiceRunStart": JOB_STARTERS[JobKind.INVOICING],
    "Mutation.paymentRecord": BILLING_WRITERS,
    "Mutation.creditNoteCreate": BILLING_WRITERS,
    # --- the ledger (§5.3)
    "Query.trialBalance": LEDGER_READERS,
    "Query.journalEntries": LEDGER_READERS,
    "Query.journalEntry": LEDGER_READERS,
    "Query.ledgerAccounts": LEDGER_READERS,
    "Invoice.journalEntry": LEDGER_READERS,
    "Payment.journalEntry": LEDGER_READERS,
    "CreditNote.journalEntry": LEDGER_READERS,
    # --- multi-currency (§12): rates are public knowledge; setting them is finance's
    "Query.exchangeRate": EVERYONE,
    "Query.exchangeRates": EVERYONE,
    "Mutation.exchangeRateSet": BILLING_WRITERS,
    # --- closing the books (§11): closing is finance's, reopening the administrator's
    "Query.accountStatement": BILLING_READERS,
    "Query.closedThrough": EVERYONE,
    "Query.profitAndLoss": LEDGER_READERS,
    "Query.balanceSheet": LEDGER_READERS,
    "Mutation.periodClose": BILLING_WRITERS,
    "Mutation.periodReopen": ADMINS,
    # --- accounts payable (§10)
    "Query.vendorBill": AP_READERS,
    "Query.vendorBills": AP_READERS,
    "Query.supplierPayment": AP_READERS,
    "Query.supplierPayments": AP_READERS,
    "Query.apAging": AP_READERS,
    "Account.payableBalance": AP_READERS,
    "Mutation.vendorBillCreate": AP_CLERKS,
    "Mutation.vendorBillPost": AP_CLERKS,
    "Mutation.supplierPaymentRecord": AP_APPROVERS,
    # --- purchasing, manufacturing, MRP (§5.1, §6)
    "Query.purchaseOrder": EVERYONE,
    "Query.purchaseOrders": EVERYONE,
    "PurchaseOrder.total": COST_READERS,
    "PurchaseOrderLine.unitCost": COST_READERS,
    "Mutation.purchaseOrderCreate": OPERATIONS_WRITERS,
    "Mutation.purchaseOrderReceive": OPERATIONS_WRITERS,
    "Query.workOrder": EVERYONE,
    "Query.workOrders": EVERYONE,
    "Query.mrpRun": EVERYONE,
    "Query.plannedOrder": EVERYONE,
    "Query.plannedOrders": EVERYONE,
    "Mutation.bomSet": OPERATIONS_WRITERS,
    "Mutation.workOrderCreate": OPERATIONS_WRITERS,
    "Mutation.workOrderComplete": OPERATIONS_WRITERS,
    "Mutation.mrpRunStart": JOB_STARTERS[JobKind.MRP],
    "Mutation.plannedOrderFirm": OPERATIONS_WRITERS,
    # --- service desk and SLAs (§7)
    "Query.case": EVERYONE,
    "Query.cases": EVERYONE,
    "Query.businessCalendars": EVERYONE,
    "Query.slaPolicies": EVERYONE,
    "Mutation.businessCalendarCreate": ADMINS,
    "Mutation.slaPolicyCreate": ADMINS,
    "Mutation.caseCreate": CASE_OPENERS,
    "Mutation.caseRecordResponse": CASE_WRITERS,
    "Mutation.caseSetStatus": CASE_WRITERS,
    "Mutation.caseSetPriority": CASE_WRITERS,
    "Mutation.caseAssign": CASE_WRITERS,
    "Mutation.slaEscalationRunStart": JOB_STARTERS[JobKind.SLA_ESCALATION],
    # --- webhooks and events (§8)
    "Query.webhookSubscription": WEBHOOK_ROLES,
    "Query.webhookSubscriptions": WEBHOOK_ROLES,
    "Query.webhookDelivery": WEBHOOK_ROLES,
    "Query.webhookDeliveries": WEBHOOK_ROLES,
    "Mutation.webhookSubscriptionCreate": WEBHOOK_ROLES,
    "Mutation.webhookSubscriptionUpdate": WEBHOOK_ROLES,
    "Mutation.webhookSubscriptionPause": WEBHOOK_ROLES,
    "Mutation.webhookSubscriptionResume": WEBHOOK_ROLES,
    "Mutation.webhookSubscriptionDelete": WEBHOOK_ROLES,
    "Mutation.webhookDeliveryRetry": WEBHOOK_ROLES,
    # Events carry every area's data (as webhooks do): for administrators and integrations.
    "Subscription.events": WEBHOOK_ROLES,
    # --- segments and insights (§13)
    "Query.segment": SEGMENT_READERS,
    "Query.segments": SEGMENT_READERS,
    "Mutation.segmentCreate": SEGMENT_WRITERS,
    "Mutation.segmentUpdate": SEGMENT_WRITERS,
    "Mutation.segmentDelete": SEGMENT_WRITERS,
    "Query.salesInsights": SALES_INSIGHT_READERS,
    "Query.financeInsights": FINANCE_INSIGHT_READERS,
    "Query.operationsInsights": OPERATIONS_INSIGHT_READERS,
    "Query.serviceInsights": SERVICE_INSIGHT_READERS,
    # --- background work (§2): which runs a role sees is narrowed by JOB_STARTERS
    "Query.jobRun": EVERYONE,
    "Query.jobRuns": EVERYONE,
    "Subscription.jobRunUpdated": EVERYONE,
    "Mutation.jobRunCancel": ANY_JOB_STARTER,
    "Mutation.accountFiguresRefresh": JOB_STARTERS[JobKind.ACCOUNT_FIGURES],
    # --- data in and out (§14)
    "Mutation.accountUpsert": ACCOUNT_WRITERS,
    "Mutation.contactUpsert": CONTACT_WRITERS,
    "Mutation.productUpsert": PRODUCT_WRITERS,
    "Mutation.leadUpsert": PIPELINE_WRITERS,
    "Mutation.importRunStart": JOB_STARTERS[JobKind.IMPORT],
    "Mutation.exportRunStart": JOB_STARTERS[JobKind.EXPORT],
}

ROOT_TYPES = ("Query", "Mutation", "Subscription")


def type_readers(type_name: str) -> frozenset[Role]:
    return TYPE_READERS.get(type_name, EVERYONE)


def field_roles(coordinate: str) -> frozenset[Role]:
    """The roles of `Type.field`: its own entry, else its type's readers (root fields always
    have an entry)."""
    return FIELD_ROLES.get(coordinate, type_readers(coordinate.partition(".")[0]))


def visible_kinds(role: Role | None) -> list[JobKind]:
    return [kind for kind, members in JOB_STARTERS.items() if role in members]


class PermissionMatrixError(TypeError):
    """The schema and the matrix disagree: fix api/permissions.py (or the field)."""


_NAMES = NameConverter()


def coordinate(type_name: str, field: StrawberryField) -> str:
    return f"{type_name}.{_NAMES.get_graphql_name(field)}"


def _object_types(modules: Iterable[Any]) -> Iterator[tuple[str, StrawberryObjectDefinition]]:
    for module in modules:
        for value in list(vars(module).values()):
            if not isinstance(value, type):  # (a module global may be a lazy proxy)
                continue
            definition = getattr(value, "__strawberry_definition__", None)
            if (
                isinstance(definition, StrawberryObjectDefinition)
                and not definition.is_input
                and not definition.is_graphql_generic
            ):
                yield definition.name, definition


# The fields whose permission this module installed (once per process; later builds find
# them guarded already): any other permission class on a field was declared at the field.
_INSTALLED: set[int] = set()


def _guard(field: StrawberryField, members: frozenset[Role]) -> None:
    _INSTALLED.add(id(field))
    permission = allow(*members)
    field.permission_classes = [permission]
    field.extensions = [
        extension
        for extension in field.extensions
        if not isinstance(extension, PermissionExtension)
    ]
    # Appended last, it runs first (strawberry's order), as permission_classes would.
    field.extensions.append(PermissionExtension([permission()], use_directives=False))


def install(root_types: Iterable[tuple[str, type]]) -> None:
    """Puts the matrix on the fields of the area roots (`("Query", accounts.schema.Query)`…)
    and of every object type of the api package, before the schema is built from them."""
    types: dict[int, tuple[str, StrawberryObjectDefinition]] = {}
    for name, cls in root_types:
        definition = get_object_definition(cls, strict=True)
        types.setdefault(id(definition), (name, definition))
    modules = [m for name, m in sorted(sys.modules.items()) if name.startswith("api.") and m]
    for name, definition in _object_types(modules):
        types.setdefault(id(definition), (name, definition))
    applied: set[str] = set()
    guarded: dict[int, frozenset[Role]] = {}
    unguarded: list[tuple[str, StrawberryField]] = []
    for type_name, definition in types.values():
        for field in definition.fields:
            where = coordinate(type_name, field)
            members = FIELD_ROLES.get(where)
            if members is None:
                if type_name in ROOT_TYPES:
                    raise PermissionMatrixError(f"{where} has no roles in api/permissions.py")
                unguarded.append((where, field))
                continue
            if field.permission_classes and id(field) not in _INSTALLED:
                raise PermissionMatrixError(
                    f"{where} declares roles of its own: api/permissions.py gives them"
                )
            if guarded.setdefault(id(field), members) != members:
                raise PermissionMatrixError(f"{where} is shared with a type of other roles")
            _guard(field, members)
            applied.add(where)
    for where, field in unguarded:
        if id(field) not in guarded and field.permission_classes:
            raise PermissionMatrixError(f"{where} declares roles: move them to api/permissions.py")
    stale = sorted(set(FIELD_ROLES) - applied)
    if stale:
        raise PermissionMatrixError(f"api/permissions.py names no field of the schema: {stale}")

"""The permission matrix (api/permissions.py) is what the schema does: every Query, Mutation and
Subscription field, every restricted object field and every restricted type is used by each
of the seven roles and answers FORBIDDEN exactly where the matrix says; and no restricted
type can be reached by a role that may not read it, through any path of the schema (§2)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
)
from strawberry.permission import PermissionExtension
from websockets.exceptions import ConnectionClosed

from adapters.queue import JobQueue
from api.auth import allow
from api.permissions import (
    EVERYONE,
    FIELD_ROLES,
    ROOT_TYPES,
    TYPE_READERS,
    PermissionMatrixError,
    coordinate,
    field_roles,
    install,
    type_readers,
)
from api.relay import encode_id
from api.schema import build_schema
from domain.accounts.models import Contact
from domain.auth.models import ApiToken, Role
from domain.billing.credit_notes import CreditLineDraft, create_credit_note
from domain.billing.models import Invoice
from domain.billing.payments import record_payment
from domain.ledger.models import LedgerAccount
from domain.orders.models import Shipment
from domain.payables.models import VendorBillLine
from domain.payables.services import (
    BillLineDraft,
    create_vendor_bill,
    post_vendor_bill,
    record_supplier_payment,
)
from domain.pipeline.models import Lead
from domain.returns.models import Return, ReturnStatus
from domain.segments.services import create_segment
from domain.service.models import Case
from domain.webhooks.dispatch import dispatch_events
from domain.webhooks.models import WebhookDelivery
from tests.events.conftest import ServeApi
from tests.events.test_live_subscriptions import graphql_ws, receive, subscribe
from tests.security.bad_input_data import World

SCHEMA: GraphQLSchema = build_schema()._schema
ROLES = sorted(role.value for role in Role)
SCALAR_SAMPLES: dict[str, Any] = {
    "String": "x",
    "ID": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "Decimal": "1",
    "Date": "2026-01-01",
    "DateTime": "2026-01-01T00:00:00+00:00",
    "JSON": {},
}


# --- the schema as built -------------------------------------------------------------------


def enforced_roles(field: GraphQLField) -> frozenset[Role]:
    """The roles the field's permission extension admits (every role without one)."""
    roles = EVERYONE
    for extension in field.extensions["strawberry-definition"].extensions:
        if isinstance(extension, PermissionExtension):
            for permission in extension.permissions:
                roles &= permission.roles  # type: ignore[attr-defined]
    return roles


def object_types() -> list[GraphQLObjectType]:
    return [
        kind
        for name, kind in SCHEMA.type_map.items()
        if isinstance(kind, GraphQLObjectType) and not name.startswith("__")
    ]


def test_every_root_field_has_an_entry_and_its_roles_are_the_entry() -> None:
    for root_name in ROOT_TYPES:
        root = SCHEMA.get_type(root_name)
        assert isinstance(root, GraphQLObjectType)
        for name, field in root.fields.items():
            where = f"{root_name}.{name}"
            assert where in FIELD_ROLES, f"{where} is missing from api/permissions.py"
            assert enforced_roles(field) == FIELD_ROLES[where], where


def test_every_object_field_enforces_exactly_its_entry_or_nothing() -> None:
    named = {f"{kind.name}.{name}" for kind in object_types() for name in kind.fields}
    assert set(FIELD_ROLES) <= named, sorted(set(FIELD_ROLES) - named)
    for kind in object_types():
        if kind.name in ROOT_TYPES:
            continue
        for name, field in kind.fields.items():
            where = f"{kind.name}.{name}"
            assert enforced_roles(field) == FIELD_ROLES.get(where, EVERYONE), where
            strawberry_field = field.extensions["strawberry-definition"]
            assert coordinate(kind.name, strawberry_field) == where


def reachable_by() -> dict[str, frozenset[Role]]:
    """Which roles can get hold of an object of each type, following every field from the
    roots (a field's own roles narrowing the way; `node(id:)` checking the type's readers)."""
    reach: dict[str, frozenset[Role]] = {name: EVERYONE for name in ROOT_TYPES}
    changed = True
    while changed:
        changed = False
        for parent, roles in list(reach.items()):
            kind = SCHEMA.get_type(parent)
            if not isinstance(kind, GraphQLObjectType):
                continue
            for name, field in kind.fields.items():
                allowed = roles & enforced_roles(field)
                target = get_named_type(field.type)
                if isinstance(target, GraphQLInterfaceType | GraphQLUnionType):
                    by_node = parent == "Query" and name in ("node", "nodes")
                    targets = [
                        (t.name, allowed & type_readers(t.name) if by_node else allowed)
                        for t in SCHEMA.get_possible_types(target)
                    ]
                elif isinstance(target, GraphQLObjectType):
                    targets = [(target.name, allowed)]
                else:
                    targets = []
                for name_reached, roles_reaching in targets:
                    before = reach.get(name_reached, frozenset())
                    if not roles_reaching <= before:
                        reach[name_reached] = before | roles_reaching
                        changed = True
    return reach


def test_no_role_reaches_a_type_it_may_not_read_by_any_path() -> None:
    reach = reachable_by()

    leaks = {
        name: sorted(r.value for r in reach.get(name, frozenset()) - readers)
        for name, readers in TYPE_READERS.items()
        if reach.get(name, frozenset()) - readers
    }
    assert leaks == {}
    assert {name for name in TYPE_READERS if name not in reach} <= {"AuditEntry"}


# --- asking with every role ----------------------------------------------------------------


def _nullable(kind: Any) -> Any:
    return kind.of_type if isinstance(kind, GraphQLNonNull) else kind


def sample(kind: GraphQLInputType) -> Any:
    """A value the type accepts: its required fields only, lists empty."""
    kind = _nullable(kind)
    if isinstance(kind, GraphQLList):
        return []
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, GraphQLInputObjectType):
        return {
            name: sample(field.type)
            for name, field in kind.fields.items()
            if isinstance(field.type, GraphQLNonNull)
        }
    assert isinstance(kind, GraphQLScalarType)
    return SCALAR_SAMPLES[kind.name]


def selection(field: GraphQLField) -> str:
    return (
        ""
        if isinstance(get_named_type(field.type), GraphQLScalarType | GraphQLEnumType)
        else "{ __typename }"
    )


def root_operation(root_name: str, name: str) -> tuple[str, dict[str, Any]]:
    """The field asked alone, with a sample of each required argument."""
    root = SCHEMA.get_type(root_name)
    assert isinstance(root, GraphQLObjectType)
    field = root.fields[name]
    required = {
        arg: kind for arg, kind in field.args.items() if isinstance(kind.type, GraphQLNonNull)
    }
    declared = ", ".join(f"${arg}: {kind.type}" for arg, kind in required.items())
    passed = ", ".join(f"{arg}: ${arg}" for arg in required)
    operation = root_name.lower()
    document = (
        f"{operation}{f' ({declared})' if declared else ''} "
        f"{{ {name}{f'({passed})' if passed else ''} {selection(field)} }}"
    )
    return document, {arg: sample(kind.type) for arg, kind in required.items()}


def forbidden(result: dict[str, Any], path_head: str) -> bool:
    return any(
        error.get("extensions", {}).get("code") == "FORBIDDEN" and error["path"][0] == path_head
        for error in result.get("errors", [])
    )


def internal_errors(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        error
        for error in result.get("errors", [])
        if error.get("extensions", {}).get("code") == "INTERNAL_SERVER_ERROR"
    ]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("root_name", ["Query", "Mutation"])
async def test_each_root_field_is_forbidden_exactly_to_the_roles_outside_its_entry(
    gql: Any, role: str, root_name: str
) -> None:
    root = SCHEMA.get_type(root_name)
    assert isinstance(root, GraphQLObjectType)
    mismatches = []
    for name in root.fields:
        document, variables = root_operation(root_name, name)
        result = await gql(document, variables, role=role)
        expected = Role(role) not in FIELD_ROLES[f"{root_name}.{name}"]
        if forbidden(result, name) != expected or internal_errors(result):
            mismatches.append((name, "FORBIDDEN" if expected else "allowed", result))
    assert mismatches == []


async def _world() -> tuple[World, dict[str, str]]:
    """One object of each type a restricted field or type lives on: type name → global id."""
    world = await World().have(
        "account",
        "product",
        "invoice",
        "invoice_line",
        "purchase_order",
        "purchase_line",
        "subscription",
        "quote",
    )
    invoice = await Invoice.get(id=int(_pk(world.invoice)))
    payment = await record_payment(invoice.account_id, Decimal("1.00"), date(2026, 3, 3))
    line_id = int(_pk(world.invoice_line))
    credit_note = await create_credit_note(invoice.id, [CreditLineDraft(line_id, Decimal("1"))])
    purchase_line = int(_pk(world.purchase_line))
    supplier_id = int(_pk(world.supplier))
    bill = await create_vendor_bill(
        supplier_id,
        "B-1",
        date(2026, 3, 3),
        [BillLineDraft(purchase_line, Decimal("1"), Decimal("2"))],
    )
    await post_vendor_bill(bill.id, approve_exceptions=True, may_approve=True)
    bill_line = await VendorBillLine.get(bill_id=bill.id)
    supplier_payment = await record_supplier_payment(supplier_id, Decimal("1.00"), date(2026, 3, 4))
    segment = await create_segment("Everyone", {})
    await dispatch_events()
    shipment = await Shipment.first()
    # A received return carrying the credit note (§15): Return.creditNote is billing's.
    rma = await Return.create(
        number="RMA-TEST",
        order_id=invoice.sales_order_id,
        status=ReturnStatus.RECEIVED,
        credit_note_id=credit_note.id,
    )
    # Records carrying privateMetadata (§14) that the world has no other use for.
    account_pk = int(_pk(world.account))
    contact = await Contact.create(account_id=account_pk, first_name="A", last_name="B")
    lead = await Lead.create(company_name="Lead Co", contact_name="Lee")
    case = await Case.create(
        number="CASE-TEST", subject="Help", account_id=int(_pk(world.account)),
        opened_at=datetime(2026, 3, 4, tzinfo=UTC),
    )  # fmt: skip
    delivery = await WebhookDelivery.first()
    ledger_account = await LedgerAccount.first()
    token = await ApiToken.first()
    assert shipment and delivery and ledger_account and token and invoice.journal_entry_id
    ids = {
        "Account": world.account,
        "Product": world.product,
        "Invoice": world.invoice,
        "InvoiceLine": world.invoice_line,
        "PurchaseOrder": world.purchase_order,
        "PurchaseOrderLine": world.purchase_line,
        "WebhookSubscription": world.subscription,
        "SalesOrder": encode_id("SalesOrder", invoice.sales_order_id),
        "Quote": world.quote,
        "Opportunity": world.opportunity,
        "Payment": encode_id("Payment", payment.id),
        "CreditNote": encode_id("CreditNote", credit_note.id),
        "VendorBill": encode_id("VendorBill", bill.id),
        "VendorBillLine": encode_id("VendorBillLine", bill_line.id),
        "SupplierPayment": encode_id("SupplierPayment", supplier_payment.id),
        "Shipment": encode_id("Shipment", shipment.id),
        "WebhookDelivery": encode_id("WebhookDelivery", delivery.id),
        "LedgerAccount": encode_id("LedgerAccount", ledger_account.id),
        "JournalEntry": encode_id("JournalEntry", invoice.journal_entry_id),
        "ApiToken": encode_id("ApiToken", token.id),
        "Segment": encode_id("Segment", segment.id),
        "Return": encode_id("Return", rma.id),
        "Contact": encode_id("Contact", contact.id),
        "Lead": encode_id("Lead", lead.id),
        "Case": encode_id("Case", case.id),
    }
    return world, ids


def _pk(global_id: str) -> str:
    from strawberry import relay

    return relay.GlobalID.from_id(global_id).node_id


OBJECT_FIELDS = sorted(c for c in FIELD_ROLES if c.partition(".")[0] not in ROOT_TYPES)


@pytest.mark.parametrize("role", ROLES)
async def test_each_restricted_object_field_and_type_answers_as_the_matrix_says(
    gql: Any, role: str
) -> None:
    await gql("{ __typename }")  # the admin's token exists before the world is made
    _, ids = await _world()
    assert {c.partition(".")[0] for c in OBJECT_FIELDS} <= set(ids)
    assert set(TYPE_READERS) - {"AuditEntry"} <= set(ids)
    mismatches = []
    for where in OBJECT_FIELDS:
        type_name, _, name = where.partition(".")
        kind = SCHEMA.get_type(type_name)
        assert isinstance(kind, GraphQLObjectType)
        query = (
            f"query ($id: ID!) {{ node(id: $id) {{ ... on {type_name} "
            f"{{ {name} {selection(kind.fields[name])} }} }} }}"
        )
        result = await gql(query, {"id": ids[type_name]}, role=role)
        expected = Role(role) not in field_roles(where) & type_readers(type_name)
        if forbidden(result, "node") != expected or internal_errors(result):
            mismatches.append((where, result))
    for type_name in sorted(ids):
        result = await gql(
            "query ($id: ID!) { node(id: $id) { __typename } }", {"id": ids[type_name]}, role=role
        )
        readable = Role(role) in type_readers(type_name)
        if result.get("data") != {"node": {"__typename": type_name} if readable else None}:
            mismatches.append((type_name, result))
    assert mismatches == []


async def _subscription_refusal(
    url: str, token: str, document: str, variables: dict[str, Any]
) -> str | None:
    """The code the subscription is refused with, or None when it is accepted (nothing comes
    within a second: it is listening)."""
    async with graphql_ws(url, {"Authorization": f"Bearer {token}"}) as ws:
        await subscribe(ws, document, variables)
        try:
            message = await receive(ws, within=1)
        except (TimeoutError, ConnectionClosed):
            return None
    errors = message["payload"] if message["type"] == "error" else message["payload"].get("errors")
    return errors[0]["extensions"]["code"] if errors else None


async def test_each_subscription_is_forbidden_exactly_to_the_roles_outside_its_entry(
    queue: JobQueue, serve_api: ServeApi, make_token: Any
) -> None:
    root = SCHEMA.subscription_type
    assert root is not None
    mismatches = []
    async with serve_api(queue) as url:
        for role in ROLES:
            token = await make_token(role)
            for name in root.fields:
                document, variables = root_operation("Subscription", name)
                code = await _subscription_refusal(url, token, document, variables)
                expected = Role(role) not in FIELD_ROLES[f"Subscription.{name}"]
                if (code == "FORBIDDEN") != expected:
                    mismatches.append((role, name, code))
                await asyncio.sleep(0)
    assert mismatches == [], json.dumps(mismatches)


def test_a_field_declaring_roles_of_its_own_or_missing_from_the_matrix_is_refused() -> None:
    @strawberry.type
    class Query:
        @strawberry.field(permission_classes=[allow(Role.ADMIN)])
        def accounts(self) -> int:
            return 0

    @strawberry.type
    class Mutation:
        @strawberry.mutation
        def everything_delete(self) -> int:
            return 0

    with pytest.raises(PermissionMatrixError, match=r"Query\.accounts declares roles of its own"):
        install([("Query", Query)])
    with pytest.raises(PermissionMatrixError, match=r"Mutation\.everythingDelete has no roles"):
        install([("Mutation", Mutation)])

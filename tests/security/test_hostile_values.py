"""Hostile values in every money, quantity, percent, date and text input of every create and
update mutation are refused as UserErrors naming each field, never an internal error, and
leave the database as it was (§2 Errors)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest
from graphql import (
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLType,
    get_named_type,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.relay import encode_id
from api.schema import build_schema
from tests.security.bad_input_data import World, refusals, row_counts, sign_in, world_for

Path = tuple[str | int, ...]

# The kinds of value under attack and the GraphQL scalar each arrives as.
SCALAR_OF_KIND = {
    "money": "Decimal",
    "unit_price": "Decimal",
    "quantity": "Decimal",
    "percent": "Decimal",
    "rate": "Decimal",
    "date": "Date",
    "datetime": "DateTime",
    "text": "String",
    "multiline": "String",
}

# Control characters a text never takes: C0 but tab and line breaks (which a multi-line text
# allows), DEL and C1.
CONTROLS = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if c not in (0x09, 0x0A, 0x0D)]
WORDS = st.text(alphabet="abcXYZ019 -", max_size=6)

HOSTILE_DECIMALS = st.one_of(
    st.sampled_from(
        [
            "NaN",
            "-NaN",
            "sNaN",
            "Infinity",
            "-Infinity",
            "inf",
            "1e400",
            "-1e400",
            "1E+30",
            "1e-400",
            str(10**16),
            str(10**30),
        ]
    ),
    st.integers(10**29, 10**30 - 1).map(str),
    st.integers(10**29, 10**30 - 1).map(lambda n: f"-{n}"),
    st.integers(1, 10**12)
    .filter(lambda n: n % 10 != 0)
    .map(lambda n: f"{Decimal(n).scaleb(-6):f}"),
)
# An exchange rate keeps 10 decimals (§12): a value with 12 is too precise.
HOSTILE_RATES = st.one_of(
    HOSTILE_DECIMALS.filter(lambda value: "." not in value),
    st.integers(1, 10**12)
    .filter(lambda n: n % 10 != 0)
    .map(lambda n: f"{Decimal(n).scaleb(-12):f}"),
)
MEGABYTE = "x" * 1_048_576
# Longer than any text field, for the fields after the first megabyte: one request carries at
# most 2 MB (api/http_conformance.py).
LONG = "x" * 20_001
HOSTILE_TEXTS = st.one_of(
    st.builds(lambda *parts: "".join(parts), WORDS, st.sampled_from(CONTROLS), WORDS),
    st.just("\x00"),
    st.just(MEGABYTE),
)
HOSTILE_DATES = st.sampled_from(["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"])
HOSTILE_DATETIMES = st.sampled_from(
    ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00", "1899-12-31T23:59:59+00:00"]
)
HOSTILE = {
    "money": HOSTILE_DECIMALS,
    "unit_price": HOSTILE_DECIMALS,
    "quantity": HOSTILE_DECIMALS,
    "percent": HOSTILE_DECIMALS,
    "rate": HOSTILE_RATES,
    "date": HOSTILE_DATES,
    "datetime": HOSTILE_DATETIMES,
    "text": HOSTILE_TEXTS,
    "multiline": HOSTILE_TEXTS,
}

ADDRESS = {
    (address, part): "text"
    for address in ("billingAddress", "shippingAddress")
    for part in ("line1", "line2", "city", "region", "postalCode", "country")
}
ACCOUNT = {
    **{(name,): "text" for name in ("name", "industry", "website", "email", "phone", "tier")},
    **ADDRESS,
    ("currency",): "text",
    ("creditLimit",): "money",
    ("externalId",): "text",
}
CONTACT = {
    (name,): "text" for name in ("firstName", "lastName", "email", "phone", "title", "externalId")
}
PRODUCT = {
    ("sku",): "text",
    ("name",): "text",
    ("uom",): "text",
    ("listPrice",): "money",
    ("standardCost",): "unit_price",
    ("taxRate",): "percent",
    ("safetyStock",): "quantity",
    ("minOrderQuantity",): "quantity",
    ("orderMultiple",): "quantity",
    ("externalId",): "text",
}
ORDER = {
    ("lines", 0, "quantity"): "quantity",
    ("lines", 0, "unitPrice"): "unit_price",
    ("lines", 0, "discountPercent"): "percent",
    ("lines", 0, "taxRate"): "percent",
    ("lines", 0, "description"): "text",
    ("requestedDate",): "date",
    ("notes",): "multiline",
    ("externalId",): "text",
}
LEAD = {
    (name,): "text"
    for name in ("companyName", "contactName", "email", "phone", "source", "externalId")
}
OPPORTUNITY = {
    ("name",): "text",
    ("amount",): "money",
    ("expectedCloseDate",): "date",
    ("lines", 0, "quantity"): "quantity",
    ("lines", 0, "unitPrice"): "unit_price",
    ("lines", 0, "discountPercent"): "percent",
    ("lines", 0, "description"): "text",
    ("externalId",): "text",
}
CAMPAIGN = {
    ("name",): "text",
    ("channel",): "text",
    ("startDate",): "date",
    ("endDate",): "date",
    ("budget",): "money",
}
# The rules are one JSON object (§13), checked key by key in tests/segments.
SEGMENT = {("name",): "text"}
WEBHOOK = {("url",): "text", ("eventTypes", 0): "text", ("description",): "multiline"}
QUOTE = {
    ("validUntil",): "date",
    ("requestedDate",): "date",
    ("lines", 0, "quantity"): "quantity",
    ("lines", 0, "unitPrice"): "unit_price",
    ("lines", 0, "discountPercent"): "percent",
    ("lines", 0, "description"): "text",
}
PRICE_LIST = {
    ("name",): "text",
    ("currency",): "text",
    ("validFrom",): "date",
    ("validTo",): "date",
}


@dataclass(frozen=True)
class Spec:
    """A mutation under attack: a minimal input it accepts and the kind of each field."""

    name: str
    valid: Callable[[World], dict[str, Any]]
    fields: dict[Path, str]


def _line(w: World) -> dict[str, Any]:
    return {"productId": w.product, "quantity": "1"}


SPECS = [
    Spec("accountCreate", lambda w: {"name": "Globex"}, ACCOUNT),
    Spec("accountUpdate", lambda w: {"id": w.account}, ACCOUNT),
    Spec(
        "contactCreate",
        lambda w: {"accountId": w.account, "firstName": "B", "lastName": "C"},
        CONTACT,
    ),
    Spec("contactUpdate", lambda w: {"id": w.contact}, CONTACT),
    Spec(
        "activityCreate",
        lambda w: {"kind": "CALL", "subject": "Call back", "accountId": w.account},
        {
            ("subject",): "text",
            ("body",): "multiline",
            ("dueAt",): "datetime",
            ("completedAt",): "datetime",
        },
    ),
    Spec("activityComplete", lambda w: {"id": w.activity}, {("completedAt",): "datetime"}),
    Spec("invoiceRunStart", lambda w: {}, {("issueDate",): "date"}),
    Spec(
        "paymentRecord",
        lambda w: {
            "accountId": w.account,
            "amount": "5.00",
            "allocations": [{"invoiceId": w.invoice, "amount": "1.00"}],
        },
        {
            ("amount",): "money",
            ("date",): "date",
            ("reference",): "text",
            ("allocations", 0, "amount"): "money",
            ("currency",): "text",
        },
    ),
    Spec(
        "exchangeRateSet",
        lambda w: {"currency": "EUR", "date": "2026-03-01", "rate": "1.0850"},
        {("currency",): "text", ("date",): "date", ("rate",): "rate"},
    ),
    Spec(
        "creditNoteCreate",
        lambda w: {
            "invoiceId": w.invoice,
            "lines": [{"invoiceLineId": w.invoice_line, "quantity": "1"}],
        },
        {("lines", 0, "quantity"): "quantity", ("issueDate",): "date"},
    ),
    Spec("productCreate", lambda w: {"sku": "GEAR", "name": "Gear"}, PRODUCT),
    Spec("productUpdate", lambda w: {"id": w.product}, PRODUCT),
    # §14: the upserts check what the creates check; an import file is one text.
    Spec(
        "accountUpsert",
        lambda w: {"externalId": "crm-9", "name": "Globex"},
        {**ACCOUNT, ("externalId",): "text"},
    ),
    Spec(
        "contactUpsert",
        lambda w: {"externalId": "c-9", "accountId": w.account, "firstName": "B", "lastName": "C"},
        {**CONTACT, ("accountExternalId",): "text"},
    ),
    Spec(
        "productUpsert",
        lambda w: {"externalId": "p-9", "sku": "GEAR-9", "name": "Gear"},
        {**PRODUCT, ("externalId",): "text"},
    ),
    Spec(
        "leadUpsert",
        lambda w: {"externalId": "l-9", "companyName": "Initech", "contactName": "Bill"},
        {**LEAD, ("externalId",): "text"},
    ),
    Spec(
        "importRunStart",
        lambda w: {"kind": "ACCOUNTS", "format": "CSV", "content": "externalId,name\na,A\n"},
        {("content",): "multiline"},
    ),
    Spec(
        "exportRunStart",
        lambda w: {"kind": "ACCOUNTS", "filter": {"metadata": [{"key": "k", "value": "v"}]}},
        {
            ("filter", "search"): "text",
            ("filter", "externalId"): "text",
            ("filter", "metadata", 0, "key"): "text",
            ("filter", "metadata", 0, "value"): "text",
        },
    ),
    Spec(
        "warehouseCreate",
        lambda w: {"code": "EAST", "name": "East"},
        {("code",): "text", ("name",): "text"},
    ),
    # §15: a transfer, a count's figures, a return (returnReceive takes ids only).
    Spec(
        "stockTransfer",
        lambda w: {
            "productId": w.product,
            "fromWarehouseId": w.warehouse,
            "toWarehouseId": w.second_warehouse,
            "quantity": "1",
        },
        {("quantity",): "quantity"},
    ),
    Spec(
        "stockCountRecord",
        lambda w: {
            "id": w.stock_count,
            "lines": [{"productId": w.product, "countedQuantity": "1"}],
        },
        {("lines", 0, "countedQuantity"): "quantity"},
    ),
    Spec(
        "returnCreate",
        lambda w: {
            "salesOrderId": w.shipped_order,
            "lines": [{"lineId": w.shipped_line, "quantity": "1"}],
        },
        {("lines", 0, "quantity"): "quantity", ("lines", 0, "lotCode"): "text"},
    ),
    Spec(
        "stockAdjust",
        lambda w: {
            "productId": w.product,
            "warehouseId": w.warehouse,
            "quantity": "1",
            "reason": "Count",
        },
        {
            ("quantity",): "quantity",
            ("reason",): "text",
            ("lotCode",): "text",
            ("expiresAt",): "date",
        },
    ),
    Spec(
        "bomSet",
        lambda w: {
            "productId": w.product,
            "lines": [{"componentId": w.component, "quantityPer": "2"}],
        },
        {("lines", 0, "quantityPer"): "quantity", ("lines", 0, "scrapPercent"): "percent"},
    ),
    Spec(
        "workOrderCreate",
        lambda w: {"productId": w.product, "quantity": "1"},
        {("quantity",): "quantity", ("startDate",): "date", ("dueDate",): "date"},
    ),
    Spec(
        "workOrderComplete",
        lambda w: {"id": w.work_order, "quantity": "1"},
        {("quantity",): "quantity", ("lotCode",): "text", ("expiresAt",): "date"},
    ),
    Spec("mrpRunStart", lambda w: {}, {("asOf",): "date"}),
    Spec("periodClose", lambda w: {"through": "2026-03-31"}, {("through",): "date"}),
    Spec("periodReopen", lambda w: {}, {("through",): "date"}),
    Spec("salesOrderCreate", lambda w: {"accountId": w.account, "lines": [_line(w)]}, ORDER),
    Spec("salesOrderUpdate", lambda w: {"id": w.draft_order, "lines": [_line(w)]}, ORDER),
    Spec(
        "salesOrderShip",
        lambda w: {
            "id": w.confirmed_order,
            "lines": [{"lineId": w.confirmed_line, "quantity": "1"}],
        },
        {("lines", 0, "quantity"): "quantity"},
    ),
    Spec("leadCreate", lambda w: {"companyName": "Initech", "contactName": "Bill L"}, LEAD),
    Spec("leadUpdate", lambda w: {"id": w.lead}, LEAD),
    Spec(
        "leadConvert",
        lambda w: {"leadId": w.lead, "opportunityName": "First deal"},
        {("opportunityName",): "text", ("amount",): "money"},
    ),
    Spec(
        "opportunityCreate",
        lambda w: {"accountId": w.account, "name": "Deal", "lines": [_line(w)]},
        OPPORTUNITY,
    ),
    Spec("opportunityUpdate", lambda w: {"id": w.opportunity, "lines": [_line(w)]}, OPPORTUNITY),
    Spec("opportunityMarkWon", lambda w: {"id": w.opportunity}, {("requestedDate",): "date"}),
    Spec(
        "opportunityMarkLost",
        lambda w: {"id": w.opportunity, "reason": "Price"},
        {("reason",): "multiline"},
    ),
    Spec(
        "quoteCreate",
        lambda w: {"opportunityId": w.opportunity, "lines": [_line(w)]},
        QUOTE,
    ),
    Spec("quoteUpdate", lambda w: {"id": w.quote, "lines": [_line(w)]}, QUOTE),
    Spec("quoteAccept", lambda w: {"id": w.sent_quote}, {("customerReference",): "text"}),
    Spec(
        "quoteReject",
        lambda w: {"id": w.sent_quote, "reason": "Price"},
        {("reason",): "multiline"},
    ),
    Spec("quoteExpiryRunStart", lambda w: {}, {("asOf",): "date"}),
    Spec(
        "purchaseOrderCreate",
        lambda w: {"supplierId": w.supplier, "lines": [_line(w)]},
        {
            ("lines", 0, "quantity"): "quantity",
            ("lines", 0, "unitCost"): "unit_price",
            ("lines", 0, "expectedDate"): "date",
            ("notes",): "multiline",
            ("externalId",): "text",
        },
    ),
    Spec(
        "purchaseOrderReceive",
        lambda w: {"id": w.purchase_order, "lines": [{"lineId": w.purchase_line, "quantity": "1"}]},
        {
            ("lines", 0, "quantity"): "quantity",
            ("lines", 0, "lotCode"): "text",
            ("lines", 0, "expiresAt"): "date",
        },
    ),
    Spec(
        "vendorBillCreate",
        lambda w: {
            "supplierId": w.supplier,
            "supplierReference": "INV-1",
            "billDate": "2026-03-01",
            "lines": [{"purchaseOrderLineId": w.purchase_line, "quantity": "1"}],
        },
        {
            ("supplierReference",): "text",
            ("billDate",): "date",
            ("lines", 0, "quantity"): "quantity",
            ("lines", 0, "unitCost"): "unit_price",
            ("lines", 0, "taxRate"): "percent",
        },
    ),
    Spec(
        "supplierPaymentRecord",
        lambda w: {
            "supplierId": w.supplier,
            "amount": "5.00",
            "date": "2026-03-01",
            "allocations": [{"vendorBillId": encode_id("VendorBill", 1), "amount": "5.00"}],
        },
        {
            ("amount",): "money",
            ("date",): "date",
            ("reference",): "text",
            ("allocations", 0, "amount"): "money",
            ("currency",): "text",
        },
    ),
    Spec(
        "businessCalendarCreate",
        lambda w: {
            "name": "Branch",
            "timezone": "Europe/Paris",
            "hours": [{"weekday": 1, "start": "08:00", "end": "16:00"}],
        },
        {
            ("name",): "text",
            ("timezone",): "text",
            ("hours", 0, "start"): "text",
            ("hours", 0, "end"): "text",
            ("holidays", 0): "date",
        },
    ),
    Spec(
        "slaPolicyCreate",
        lambda w: {
            "name": "Gold",
            "calendarId": w.calendar,
            "targets": [
                {"priority": "NORMAL", "firstResponseMinutes": 60, "resolutionMinutes": 480}
            ],
        },
        {("name",): "text"},
    ),
    Spec(
        "caseCreate",
        lambda w: {"subject": "Leak", "accountId": w.account},
        {
            ("subject",): "text",
            ("description",): "multiline",
            ("openedAt",): "datetime",
            ("externalId",): "text",
        },
    ),
    Spec("caseRecordResponse", lambda w: {"id": w.case}, {("at",): "datetime"}),
    Spec("caseSetStatus", lambda w: {"id": w.case, "status": "OPEN"}, {("at",): "datetime"}),
    Spec("slaEscalationRunStart", lambda w: {}, {("asOf",): "datetime"}),
    Spec(
        "webhookSubscriptionCreate",
        lambda w: {"url": "http://127.0.0.1:9/crm", "eventTypes": ["invoice.*"]},
        WEBHOOK,
    ),
    Spec("webhookSubscriptionUpdate", lambda w: {"id": w.subscription}, WEBHOOK),
    Spec("priceListCreate", lambda w: {"name": "Distributors"}, PRICE_LIST),
    Spec("priceListUpdate", lambda w: {"id": w.price_list}, PRICE_LIST),
    Spec(
        "priceListItemsSet",
        lambda w: {
            "priceListId": w.price_list,
            "items": [{"productId": w.product, "minQuantity": "1", "unitPrice": "9"}],
        },
        {
            ("items", 0, "minQuantity"): "quantity",
            ("items", 0, "unitPrice"): "unit_price",
            ("items", 0, "discountPercent"): "percent",
        },
    ),
    Spec("apiTokenCreate", lambda w: {"name": "CI", "role": "READONLY"}, {("name",): "text"}),
    Spec(
        "userCreate",
        lambda w: {"name": "Bo", "email": "bo@example.com", "role": "SALES"},
        {("name",): "text", ("email",): "text"},
    ),
    Spec("userUpdate", lambda w: {"id": w.user}, {("name",): "text", ("email",): "text"}),
    Spec("reminderScanRunStart", lambda w: {}, {("asOf",): "datetime"}),
    Spec("campaignCreate", lambda w: {"name": "Autumn"}, CAMPAIGN),
    Spec("campaignUpdate", lambda w: {"id": w.campaign}, CAMPAIGN),
    Spec("segmentCreate", lambda w: {"name": "Gold", "rules": {}}, SEGMENT),
    Spec("segmentUpdate", lambda w: {"id": w.segment}, SEGMENT),
]
SPEC_BY_NAME = {spec.name: spec for spec in SPECS}
SCHEMA = build_schema()._schema


def _unwrap(kind: GraphQLType) -> GraphQLType:
    while isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    return kind


def attackable_fields(kind: GraphQLType, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every Decimal, Date, DateTime and String leaf of an input type (lists at element 0)."""
    kind = _unwrap(kind)
    if isinstance(kind, GraphQLList):
        yield from attackable_fields(kind.of_type, (*path, 0))
    elif isinstance(kind, GraphQLInputObjectType):
        for name, field in kind.fields.items():
            yield from attackable_fields(field.type, (*path, name))
    elif isinstance(kind, GraphQLScalarType) and kind.name in SCALAR_OF_KIND.values():
        yield path, kind.name


def input_fields(name: str) -> dict[Path, str]:
    return dict(attackable_fields(SCHEMA.mutation_type.fields[name].args["input"].type))


def document(name: str) -> str:
    """The mutation selecting every field of its payload (objects by their __typename)."""
    payload = get_named_type(SCHEMA.mutation_type.fields[name].type)
    assert isinstance(payload, GraphQLObjectType)
    selection = " ".join(
        key
        if isinstance(get_named_type(field.type), GraphQLScalarType)
        else f"{key} {{ __typename }}"
        for key, field in payload.fields.items()
        if key != "errors"
    )
    input_type = _unwrap(SCHEMA.mutation_type.fields[name].args["input"].type)
    return (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) "
        f"{{ {selection} errors {{ field code message }} }} }}"
    )


def put(data: dict[str, Any], path: Path, value: Any) -> None:
    """Sets `value` at `path`, making the objects and list elements on the way."""
    node: Any = data
    for step, following in pairwise(path):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(step, int):
            while len(node) <= step:
                node.append(empty)
            node = node[step]
        else:
            node = node.setdefault(step, empty)
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def test_every_mutation_with_such_inputs_is_attacked_on_all_of_them():
    attackable = {name for name in SCHEMA.mutation_type.fields if input_fields(name)}
    missing = sorted(attackable - set(SPEC_BY_NAME))
    assert missing == [], f"add a Spec (a valid input and its fields' kinds) for {missing}"
    assert sorted(SPEC_BY_NAME) == sorted(attackable)
    for spec in SPECS:
        declared = {path: SCALAR_OF_KIND[kind] for path, kind in spec.fields.items()}
        assert declared == input_fields(spec.name), spec.name


def test_the_attack_covers_every_create_update_record_and_adjust_mutation():
    suffixes = ("Create", "Update", "Record", "Adjust", "Set", "Complete", "Convert", "Receive")
    # A mutation whose input holds only ids (returnReceive) has no value to attack.
    wanted = {
        name
        for name in SCHEMA.mutation_type.fields
        if name.endswith(suffixes) and input_fields(name)
    }
    assert wanted - set(SPEC_BY_NAME) == set()


@pytest.fixture
async def world(gql, database: str, name: str) -> World:
    await sign_in(gql)
    return await world_for(SPEC_BY_NAME[name].valid)


@pytest.mark.parametrize("name", [spec.name for spec in SPECS])
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_hostile_values_are_user_errors_and_change_nothing(gql, world, name, data):
    spec = SPEC_BY_NAME[name]
    paths = list(spec.fields)
    chosen = data.draw(
        st.one_of(
            st.just(paths),
            st.lists(st.sampled_from(paths), min_size=1, max_size=3, unique=True),
        ),
        label="fields",
    )
    variables = spec.valid(world)
    megabytes = 0
    for path in chosen:
        value = data.draw(HOSTILE[spec.fields[path]], label=".".join(map(str, path)))
        if value is MEGABYTE:
            megabytes += 1
            value = MEGABYTE if megabytes == 1 else LONG
        put(variables, path, value)
    before = await row_counts()

    result = await gql(document(name), {"input": variables})

    errors = refusals(result, name)
    assert {error["code"] for error in errors} <= {"INVALID", "REQUIRED"}, errors
    assert sorted(tuple(error["field"]) for error in errors) == sorted(
        tuple(str(step) for step in path) for path in chosen
    )
    for error in errors:
        named = next(step for step in reversed(error["field"]) if not step.isdigit())
        assert named in error["message"], error
    assert await row_counts() == before

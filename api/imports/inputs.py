"""The inputs of accountUpsert, contactUpsert, productUpsert and leadUpsert (§14): the
create input's fields, each optional (only the fields given are set), keyed by externalId."""

from __future__ import annotations

from decimal import Decimal

import strawberry
from strawberry.scalars import JSON

from api.external_data import METADATA
from api.scalars import AddressInput
from domain.catalog.models import Procurement, ProductKind

UNSET = strawberry.UNSET
KEEP = " Omitted: unchanged (a new record takes the default)."


@strawberry.input(description="The metadata fields every upsert takes.")
class UpsertMetadata:
    metadata: JSON | None = strawberry.field(
        default=UNSET, description=METADATA + " Replaces the whole object; null: `{}`."
    )
    private_metadata: JSON | None = strawberry.field(
        default=UNSET, description="Like `metadata`; read back by ADMIN and INTEGRATION only."
    )


@strawberry.input(
    description="An account by its external id (accountUpsert): created with these fields "
    "when no account has it, else the fields given are changed."
)
class AccountUpsertInput(UpsertMetadata):
    external_id: str = strawberry.field(
        description="Another system's id for the account, up to 100 characters."
    )
    name: str | None = strawberry.field(
        default=UNSET, description="Required for a new account." + KEEP
    )
    industry: str | None = strawberry.field(default=UNSET, description="Free text." + KEEP)
    website: str | None = strawberry.field(default=UNSET, description="An http(s) URL." + KEEP)
    email: str | None = strawberry.field(default=UNSET, description="Stored lower-case." + KEEP)
    phone: str | None = strawberry.field(default=UNSET, description="Free text." + KEEP)
    tier: str | None = strawberry.field(default=UNSET, description="A segment label." + KEEP)
    billing_address: AddressInput | None = strawberry.field(
        default=UNSET, description="Where invoices go." + KEEP
    )
    shipping_address: AddressInput | None = strawberry.field(
        default=UNSET, description="Where goods go." + KEEP
    )
    currency: str | None = strawberry.field(
        default=UNSET, description="ISO 4217 code, the installation currency." + KEEP
    )
    payment_terms_days: int | None = strawberry.field(
        default=UNSET, description="Days from issue to due date of its invoices." + KEEP
    )
    credit_limit: Decimal | None = strawberry.field(
        default=UNSET, description="In the account's currency; null: no limit." + KEEP
    )


@strawberry.input(
    description="A contact by its external id (contactUpsert); a new one needs its account "
    "(accountId or accountExternalId), firstName and lastName."
)
class ContactUpsertInput(UpsertMetadata):
    external_id: str = strawberry.field(
        description="Another system's id for the contact, up to 100 characters."
    )
    account_id: strawberry.ID | None = strawberry.field(
        default=UNSET,
        description="Its account (an Account id); a contact never moves to another account.",
    )
    account_external_id: str | None = strawberry.field(
        default=UNSET, description="Its account by the account's externalId (NOT_FOUND if none)."
    )
    first_name: str | None = strawberry.field(default=UNSET, description="Given name." + KEEP)
    last_name: str | None = strawberry.field(default=UNSET, description="Family name." + KEEP)
    email: str | None = strawberry.field(default=UNSET, description="Stored lower-case." + KEEP)
    phone: str | None = strawberry.field(default=UNSET, description="Free text." + KEEP)
    title: str | None = strawberry.field(default=UNSET, description="Job title." + KEEP)


@strawberry.input(
    description="A product by its external id, else by its SKU (productUpsert); a new one "
    "needs sku and name."
)
class ProductUpsertInput(UpsertMetadata):
    external_id: str | None = strawberry.field(
        default=UNSET,
        description="Another system's id for the product; without it the product is found by sku.",
    )
    sku: str | None = strawberry.field(
        default=UNSET, description="Stock keeping unit, unique whatever its case." + KEEP
    )
    name: str | None = strawberry.field(default=UNSET, description="Not blank." + KEEP)
    kind: ProductKind | None = strawberry.field(default=UNSET, description="STOCKED or SERVICE.")
    procurement: Procurement | None = strawberry.field(
        default=UNSET, description="BUY or MAKE." + KEEP
    )
    uom: str | None = strawberry.field(default=UNSET, description="Unit of measure." + KEEP)
    list_price: Decimal | None = strawberry.field(
        default=UNSET, description="Price per unit, at most 2 decimals." + KEEP
    )
    standard_cost: Decimal | None = strawberry.field(
        default=UNSET,
        description="Cost per unit, at most 4 decimals; a change revalues the stock." + KEEP,
    )
    tax_rate: Decimal | None = strawberry.field(
        default=UNSET, description="Sales tax in percent." + KEEP
    )
    lead_time_days: int | None = strawberry.field(
        default=UNSET, description="Calendar days to buy or make it." + KEEP
    )
    safety_stock: Decimal | None = strawberry.field(
        default=UNSET, description="On-hand quantity MRP keeps at least." + KEEP
    )
    min_order_quantity: Decimal | None = strawberry.field(
        default=UNSET, description="Smallest quantity MRP plans in one order." + KEEP
    )
    order_multiple: Decimal | None = strawberry.field(
        default=UNSET, description="MRP orders multiples of it." + KEEP
    )


@strawberry.input(
    description="A lead by its external id (leadUpsert); a new one (NEW) needs companyName and "
    "contactName."
)
class LeadUpsertInput(UpsertMetadata):
    external_id: str = strawberry.field(
        description="Another system's id for the lead, up to 100 characters."
    )
    company_name: str | None = strawberry.field(
        default=UNSET, description="The prospect's company." + KEEP
    )
    contact_name: str | None = strawberry.field(
        default=UNSET, description="The person to talk to." + KEEP
    )
    email: str | None = strawberry.field(default=UNSET, description="Stored lower-case." + KEEP)
    phone: str | None = strawberry.field(default=UNSET, description="Free text." + KEEP)
    source: str | None = strawberry.field(
        default=UNSET, description="Where the lead came from." + KEEP
    )

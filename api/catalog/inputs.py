"""GraphQL inputs of products (contract §5.1): the list's filter and order, create and update."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

import strawberry

from api.catalog.enums import Procurement, ProductKind, Tracking
from api.external_data import (
    ExternalDataCreateInput,
    ExternalDataFilter,
    ExternalDataUpdateInput,
    metadata_pairs,
)
from api.scalars import OrderDirection, described_enum
from domain.catalog import models, services
from domain.money import ZERO


@strawberry.input(description="Narrows `products`; every given condition must hold.")
class ProductFilter(ExternalDataFilter):
    search: str | None = strawberry.field(
        default=None, description="Part of the SKU or the name, case-insensitive."
    )
    kind: ProductKind | None = strawberry.field(default=None, description="Only this kind.")
    procurement: Procurement | None = strawberry.field(
        default=None, description="Only products replenished this way."
    )
    include_archived: bool = strawberry.field(
        default=False, description="Archived products too (left out by default)."
    )

    def query(self) -> services.ProductFilter:
        return services.ProductFilter(
            search=self.search,
            kind=self.kind,
            procurement=self.procurement,
            include_archived=self.include_archived,
            external_id=self.external_id,
            metadata=metadata_pairs(self),
        )


class ProductOrderField(Enum):
    SKU = "sku"
    NAME = "name"
    CREATED_AT = "created_at"


described_enum(
    ProductOrderField,
    name="ProductOrderField",
    description="What `products` can be sorted by.",
    values={
        "SKU": "The SKU, alphabetically.",
        "NAME": "The name, alphabetically.",
        "CREATED_AT": "When it was created.",
    },
)


@strawberry.input(description="The order of `products`; ties are broken by id.")
class ProductOrder:
    field: ProductOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="ASC (default) or DESC."
    )


@strawberry.input(description="A new product (§5.1); what is left out takes its default.")
class ProductCreateInput(ExternalDataCreateInput):
    sku: str = strawberry.field(
        description="Stock keeping unit, at most 64 characters, unique whatever its case "
        "(DUPLICATE otherwise)."
    )
    name: str = strawberry.field(description="Shown on orders and invoices; not blank.")
    kind: ProductKind = strawberry.field(
        default=models.ProductKind.STOCKED, description="STOCKED (default) or SERVICE."
    )
    procurement: Procurement = strawberry.field(
        default=models.Procurement.BUY, description="BUY (default) or MAKE."
    )
    tracking: Tracking = strawberry.field(
        default=models.Tracking.NONE, description="NONE (default), LOT or SERIAL (§15)."
    )
    uom: str = strawberry.field(
        default="EA", description="Unit of measure, at most 16 characters (default EA)."
    )
    list_price: Decimal = strawberry.field(
        default=ZERO,
        description="Price per unit in the installation currency, at most 2 decimals, not "
        "negative (default 0).",
    )
    standard_cost: Decimal = strawberry.field(
        default=ZERO,
        description="Cost per unit in the installation currency, at most 4 decimals, not "
        "negative (default 0); stock is valued at it (§5.3).",
    )
    tax_rate: Decimal = strawberry.field(
        default=ZERO, description="Sales tax in percent, 0 to 100 (8.25 = 8.25 %; default 0)."
    )
    lead_time_days: int = strawberry.field(
        default=0, description="Calendar days to buy or make it, 0 to 3650 (default 0)."
    )
    safety_stock: Decimal = strawberry.field(
        default=ZERO, description="On-hand quantity MRP keeps at least (default 0)."
    )
    min_order_quantity: Decimal = strawberry.field(
        default=ZERO, description="Smallest quantity MRP plans in one order (default 0)."
    )
    order_multiple: Decimal = strawberry.field(
        default=ZERO,
        description="MRP rounds a planned quantity up to a multiple of it; 0 (default) = no "
        "rounding.",
    )


@strawberry.input(description="Changes to a product: only the fields given are changed.")
class ProductUpdateInput(ExternalDataUpdateInput):
    id: strawberry.ID = strawberry.field(description="The Product to change.")
    sku: str | None = strawberry.field(
        default=strawberry.UNSET, description="A new SKU, unique whatever its case."
    )
    name: str | None = strawberry.field(default=strawberry.UNSET, description="A new name.")
    kind: ProductKind | None = strawberry.field(
        default=strawberry.UNSET, description="STOCKED or SERVICE."
    )
    procurement: Procurement | None = strawberry.field(
        default=strawberry.UNSET, description="BUY or MAKE."
    )
    tracking: Tracking | None = strawberry.field(
        default=strawberry.UNSET, description="NONE, LOT or SERIAL (§15)."
    )
    uom: str | None = strawberry.field(
        default=strawberry.UNSET, description="Unit of measure, at most 16 characters."
    )
    list_price: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="Price per unit, at most 2 decimals."
    )
    standard_cost: Decimal | None = strawberry.field(
        default=strawberry.UNSET,
        description="Cost per unit, at most 4 decimals, not negative.",
    )
    tax_rate: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="Sales tax in percent, 0 to 100."
    )
    lead_time_days: int | None = strawberry.field(
        default=strawberry.UNSET, description="Calendar days to buy or make it."
    )
    safety_stock: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="On-hand quantity MRP keeps at least."
    )
    min_order_quantity: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="Smallest quantity MRP plans in one order."
    )
    order_multiple: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="Planned quantities round up to a multiple of it."
    )

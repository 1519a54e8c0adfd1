"""GraphQL inputs of purchase orders (contract §5.1): the list's filter and order, mutations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

import strawberry

from api.external_data import ExternalDataCreateInput, ExternalDataFilter, metadata_pairs
from api.purchasing.enums import PurchaseOrderStatus
from api.relay import filter_id
from api.scalars import OrderDirection, described_enum
from domain.purchasing import services


@strawberry.input(description="Narrows `purchaseOrders`; every given condition must hold.")
class PurchaseOrderFilter(ExternalDataFilter):
    status: PurchaseOrderStatus | None = strawberry.field(
        default=None, description="Only this status."
    )
    supplier_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the orders to this supplier (an Account id)."
    )
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the orders with a line of this Product."
    )

    def query(self) -> services.PurchaseOrderFilter:
        return services.PurchaseOrderFilter(
            status=self.status,
            supplier_id=filter_id(self.supplier_id, "Account", "supplierId"),
            product_id=filter_id(self.product_id, "Product", "productId"),
            external_id=self.external_id,
            metadata=metadata_pairs(self),
        )


class PurchaseOrderOrderField(Enum):
    NUMBER = "number"
    CREATED_AT = "created_at"


described_enum(
    PurchaseOrderOrderField,
    name="PurchaseOrderOrderField",
    description="What `purchaseOrders` can be sorted by.",
    values={
        "NUMBER": "The number (PO-YYYY-NNNNNN).",
        "CREATED_AT": "When it was created.",
    },
)


@strawberry.input(description="The order of `purchaseOrders`; ties are broken by id.")
class PurchaseOrderOrder:
    field: PurchaseOrderOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="ASC (default) or DESC."
    )


@strawberry.input(description="One line of a new purchase order.")
class PurchaseOrderLineInput:
    product_id: strawberry.ID = strawberry.field(description="A STOCKED Product to buy.")
    quantity: Decimal = strawberry.field(
        description="How many, in the product's `uom`; > 0, at most 4 decimals."
    )
    unit_cost: Decimal | None = strawberry.field(
        default=None,
        description="Cost per unit in the supplier's currency, at most 4 decimals, not "
        "negative. Default: the product's standard cost.",
    )
    expected_date: date | None = strawberry.field(
        default=None, description="When it should arrive. Default: today + the lead time."
    )


@strawberry.input(description="A new purchase order to a supplier, OPEN at once (§5.1).")
class PurchaseOrderCreateInput(ExternalDataCreateInput):
    supplier_id: strawberry.ID = strawberry.field(
        description="The supplier Account; its currency is the order's."
    )
    lines: list[PurchaseOrderLineInput] = strawberry.field(
        description="What to buy: at least one line."
    )
    notes: str | None = strawberry.field(default=None, description="Free text for the buyer.")


@strawberry.input(description="What arrived of one line.")
class PurchaseOrderReceiveLineInput:
    line_id: strawberry.ID = strawberry.field(
        description="A PurchaseOrderLine of the order, each at most once."
    )
    quantity: Decimal = strawberry.field(
        description="How many arrived; > 0 and at most what is still open on the line."
    )
    lot_code: str | None = strawberry.field(
        default=None,
        description="The lot (or serial number) received, required for a lot-tracked product; "
        "a new code creates the Lot (§15).",
    )
    expires_at: date | None = strawberry.field(
        default=None, description="When a new lot expires (first expiry first out)."
    )


@strawberry.input(description="A delivery of a purchase order into a warehouse (§5.1, §15).")
class PurchaseOrderReceiveInput:
    id: strawberry.ID = strawberry.field(description="The OPEN PurchaseOrder.")
    lines: list[PurchaseOrderReceiveLineInput] = strawberry.field(
        description="What arrived: at least one line."
    )
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Where it arrived; default: the MAIN warehouse."
    )

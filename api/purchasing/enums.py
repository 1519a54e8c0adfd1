"""GraphQL enums of purchase orders (contract §5.1), described value by value."""

from __future__ import annotations

from api.scalars import described_enum
from domain.purchasing.models import PurchaseOrderStatus

__all__ = ["PurchaseOrderStatus"]

described_enum(
    PurchaseOrderStatus,
    name="PurchaseOrderStatus",
    description="Where a purchase order is (§5.1).",
    values={
        "OPEN": "Ordered and not fully received: MRP counts what is left as scheduled "
        "receipts on each line's expected date.",
        "RECEIVED": "Every line is received in full.",
        "CANCELLED": "Cancelled: nothing more is received, and MRP no longer counts it.",
    },
)

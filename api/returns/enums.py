"""GraphQL enums of customer returns (§15), described value by value."""

from __future__ import annotations

from api.scalars import described_enum
from domain.returns.models import ReturnStatus

__all__ = ["ReturnStatus"]

described_enum(
    ReturnStatus,
    name="ReturnStatus",
    description="Where a customer return is (§15).",
    values={
        "AUTHORIZED": "Agreed with the customer; the goods are on their way back. Its "
        "quantities count against what may still be returned.",
        "RECEIVED": "Back: restocked lines are in stock and the invoiced part is credited.",
        "CANCELLED": "Dropped before it arrived; its quantities may be returned again.",
    },
)

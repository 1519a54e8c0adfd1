"""GraphQL enums of accounts payable (contract §10), described value by value."""

from __future__ import annotations

from api.scalars import described_enum
from domain.payables.matching import MatchExceptionKind
from domain.payables.models import MatchStatus, VendorBillStatus

__all__ = ["MatchExceptionKind", "MatchStatus", "VendorBillStatus"]

described_enum(
    VendorBillStatus,
    name="VendorBillStatus",
    description="Where a vendor bill stands (§10).",
    values={
        "DRAFT": "Entered and matched, not yet posted: nothing is in the books.",
        "POSTED": "Posted to the ledger (Cr 2000 on the supplier); nothing paid yet.",
        "PARTIALLY_PAID": "Supplier payments cover part of it; the rest is still due.",
        "PAID": "Nothing is due any more.",
        "VOID": "Cancelled: nothing is due and nothing was paid.",
    },
)

described_enum(
    MatchStatus,
    name="MatchStatus",
    description="The outcome of a vendor bill's three-way match against its purchase order "
    "lines and their receipts (§10).",
    values={
        "MATCHED": "Every line is within what is received and not yet billed, and within the "
        "price tolerance.",
        "EXCEPTION": "At least one line is not (see `matchExceptions`): posting needs "
        "`approveExceptions` from ADMIN or FINANCE.",
    },
)

described_enum(
    MatchExceptionKind,
    name="MatchExceptionKind",
    description="Why a vendor bill line fails the three-way match (§10).",
    values={
        "QUANTITY": "It bills more than is received and not yet billed on its PO line.",
        "PRICE": "|unitCost − PO unitCost| × quantity is over max(1.00, 2 % of the PO unit "
        "cost × quantity).",
    },
)

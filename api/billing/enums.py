"""GraphQL enums of invoicing (§5.4): the domain's enum under its schema name, described."""

from __future__ import annotations

from api.scalars import described_enum
from domain.billing import models

InvoiceStatus = models.InvoiceStatus
described_enum(
    InvoiceStatus,
    name="InvoiceStatus",
    description="Where a posted invoice stands with its payments and credit notes (§5.4).",
    values={
        "POSTED": "Posted to the ledger; nothing paid yet.",
        "PARTIALLY_PAID": "Payments cover part of it; the rest is still due.",
        "PAID": "Nothing is due any more and some payment was applied.",
        "VOID": "Nothing is due and nothing was paid: credit notes cancelled it before any "
        "payment, or its total was zero.",
    },
)

"""Dataloaders of the payables area, including each account's payable balance per batch."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from strawberry.dataloader import DataLoader

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.payables.models import (
    SupplierPayment,
    SupplierPaymentAllocation,
    VendorBill,
    VendorBillLine,
)
from domain.payables.services import payable_balances
from domain.purchasing.models import PurchaseOrderLine

VendorBillByIdLoader = by_id_loader(VendorBill)
SupplierPaymentByIdLoader = by_id_loader(SupplierPayment)
PurchaseOrderLineByIdLoader = by_id_loader(PurchaseOrderLine)


class VendorBillLinesByBillIdLoader(ManyByKeyLoader):
    model = VendorBillLine
    key = "bill_id"
    order_by = ("position", "id")


class SupplierPaymentAllocationsByPaymentIdLoader(ManyByKeyLoader):
    model = SupplierPaymentAllocation
    key = "payment_id"


class PayableBalanceByAccountIdLoader(DataLoader[int, Decimal]):
    """`Account.payableBalance`: one grouped query per batch of accounts."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, account_ids: Sequence[int]) -> list[Decimal]:
        owed = await payable_balances(sorted(set(account_ids)))
        return [owed[account_id] for account_id in account_ids]

"""Dataloaders of the payables area, including each account's payable balance per batch."""

from __future__ import annotations

from decimal import Decimal

from api.loaders import AccountFigureLoader, ManyByKeyLoader, by_id_loader
from domain.payables.models import (
    SupplierPayment,
    SupplierPaymentAllocation,
    VendorBill,
    VendorBillLine,
)
from domain.payables.services import payable_balances

VendorBillByIdLoader = by_id_loader(VendorBill)
SupplierPaymentByIdLoader = by_id_loader(SupplierPayment)


class VendorBillLinesByBillIdLoader(ManyByKeyLoader):
    model = VendorBillLine
    key = "bill_id"
    order_by = ("position", "id")


class SupplierPaymentAllocationsByPaymentIdLoader(ManyByKeyLoader):
    model = SupplierPaymentAllocation
    key = "payment_id"


class PayableBalanceByAccountIdLoader(AccountFigureLoader):
    """`Account.payableBalance`."""

    async def figures(self, account_ids: list[int]) -> dict[int, Decimal]:
        return await payable_balances(account_ids)

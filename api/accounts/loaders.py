"""Dataloaders of the accounts area."""

from __future__ import annotations

from api.loaders import ManyByKeyLoader, by_id_loader
from domain.accounts.models import Account, Contact

AccountByIdLoader = by_id_loader(Account)
ContactByIdLoader = by_id_loader(Contact)


class ContactsByAccountIdLoader(ManyByKeyLoader):
    model = Contact
    key = "account_id"
    order_by = ("last_name", "first_name", "id")

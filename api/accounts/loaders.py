"""Dataloaders of the accounts area: accounts and contacts by id, each account's contacts."""

from __future__ import annotations

from typing import Any

from tortoise.queryset import QuerySet

from api.loaders import by_id_loader
from api.nested import PagesByKeyLoader
from domain.accounts.models import Account, Contact
from domain.accounts.services import ContactFilter, list_contacts

AccountByIdLoader = by_id_loader(Account)
ContactByIdLoader = by_id_loader(Contact)


class ContactsByAccountIdLoader(PagesByKeyLoader):
    """Keys: (account id, domain `ContactFilter`)."""

    key = "account_id"

    def rows(self, flt: ContactFilter) -> QuerySet[Any]:
        return list_contacts(flt)

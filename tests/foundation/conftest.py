"""Factories for the foundation tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from domain.accounts.models import Account
from domain.accounts.services import create_account, create_contact


@pytest.fixture
def make_accounts(database: str) -> Callable[..., Awaitable[list[Account]]]:
    """`await make_accounts(n, contacts=k)`: accounts "Account 01".. with k contacts each."""

    async def make(count: int, contacts: int = 0) -> list[Account]:
        accounts = []
        for number in range(1, count + 1):
            account = await create_account({"name": f"Account {number:02d}"})
            for contact in range(contacts):
                await create_contact(
                    account.id,
                    {
                        "first_name": f"First{contact}",
                        "last_name": f"Last{number}",
                        "email": f"c{contact}.a{number}@example.com",
                    },
                )
            accounts.append(account)
        return accounts

    return make

"""Factories for the foundation tests."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from adapters.database import create_database, drop_database
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


@pytest.fixture
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of the suite's dialect, dropped afterwards: a SQLite file, or a
    PostgreSQL database of its own next to TEST_DATABASE_URL."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite://{tmp_path / 'fresh.sqlite3'}"
        return
    url = asyncio.run(create_database(base, "tandem_fresh"))
    yield url
    asyncio.run(drop_database(base, url))

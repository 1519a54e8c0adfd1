"""Sales-team fixtures (§13): users, and GraphQL as a given user's token."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from domain.auth.models import Role
from domain.auth.services import create_token
from domain.users.models import User
from tests.factories import make_account_fixture, make_product_fixture  # noqa: F401 (fixtures)

GraphQL = Callable[..., Awaitable[dict[str, Any]]]


async def a_user(name: str, role: Role = Role.SALES, *, active: bool = True) -> User:
    return await User.create(
        name=name.title(), email=f"{name}@example.com", role=role, active=active
    )


@pytest.fixture
async def alice(database: str) -> User:
    return await a_user("alice")


@pytest.fixture
async def bob(database: str) -> User:
    return await a_user("bob")


@pytest.fixture
def gql_as(client: httpx.AsyncClient) -> Callable[..., Awaitable[dict[str, Any]]]:
    """`await gql_as(user, query, variables)`: GraphQL with a token issued for `user` (its
    role); `user=None` is a token of `role` issued for no one."""
    tokens: dict[Any, str] = {}

    async def run(
        user: User | None,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        role: str = "SALES",
    ) -> dict[str, Any]:
        key = (user.id if user else None, role)
        if key not in tokens:
            _, tokens[key] = await create_token(
                "test", Role(user.role) if user else role, user_id=user.id if user else None
            )
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"Authorization": f"Bearer {tokens[key]}"},
        )
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    return run

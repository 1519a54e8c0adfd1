"""users and apiTokens as connections (§2 Lists): their filters (ids by the filter-id rule)
and orders."""

from __future__ import annotations

from typing import Any

from domain.auth.services import create_token, revoke_token
from domain.users.services import create_user
from tests.factories import gid

USERS = """query ($filter: UserFilter, $order: UserOrder) {
  users(filter: $filter, orderBy: $order) { totalCount edges { node { email } } } }"""
TOKENS = """query ($filter: ApiTokenFilter, $order: ApiTokenOrder) {
  apiTokens(filter: $filter, orderBy: $order) { totalCount edges { node { name } } } }"""


def emails(result: dict[str, Any]) -> list[str]:
    return [edge["node"]["email"] for edge in result["data"]["users"]["edges"]]


def names(result: dict[str, Any]) -> list[str]:
    return [edge["node"]["name"] for edge in result["data"]["apiTokens"]["edges"]]


async def test_users_filter_by_role_and_order_by_email(gql: Any) -> None:
    await create_user({"name": "Ada", "email": "ada@example.com", "role": "SALES"})
    await create_user({"name": "Bob", "email": "bob@example.com", "role": "FINANCE"})
    await create_user({"name": "Cy", "email": "cy@example.com", "role": "SALES"})

    by_email = await gql(USERS, {"order": {"field": "EMAIL", "direction": "DESC"}})
    sales = await gql(USERS, {"filter": {"role": "SALES"}})

    assert emails(by_email) == ["cy@example.com", "bob@example.com", "ada@example.com"]
    assert emails(sales) == ["ada@example.com", "cy@example.com"]


async def test_api_tokens_filter_by_user_role_and_revocation_and_order_by_name(gql: Any) -> None:
    ada = await create_user({"name": "Ada", "email": "ada@example.com", "role": "SALES"})
    await gql("{ __typename }")  # the fixture's ADMIN token, "test-admin"
    await create_token("zeta", "SALES", user_id=ada.id)
    shop, _ = await create_token("shop", "INTEGRATION")
    await create_token("alpha", "READONLY", user_id=ada.id)
    await revoke_token(shop.id)

    by_name = await gql(TOKENS, {"order": {"field": "NAME", "direction": "ASC"}})
    adas = await gql(TOKENS, {"filter": {"userId": gid("User", ada.id)}})
    revoked = await gql(TOKENS, {"filter": {"revoked": True}})
    sales = await gql(TOKENS, {"filter": {"role": "SALES", "revoked": False}})

    assert names(by_name) == ["alpha", "shop", "test-admin", "zeta"]
    assert names(adas) == ["alpha", "zeta"]  # newest first
    assert names(revoked) == ["shop"]
    assert names(sales) == ["zeta"]


async def test_an_api_token_filter_with_an_id_of_another_type_is_bad_user_input(
    gql: Any,
) -> None:
    result = await gql(TOKENS, {"filter": {"userId": gid("Account", 1)}})

    assert result["data"] is None
    assert [e["extensions"]["code"] for e in result["errors"]] == ["BAD_USER_INPUT"]
    assert result["errors"][0]["message"] == (
        f"`filter.userId` takes the id of a User; {gid('Account', 1)!r} is not one."
    )

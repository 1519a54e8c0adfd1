"""The bench's hand-written account 360° endpoint answers exactly what GraphQL answers."""

from __future__ import annotations

from typing import Any

from api.relay import encode_id
from bench.support.raw_api import ACCOUNT_360_QUERY, account_360
from domain.accounts.models import Account
from domain.demo import seed_demo


async def test_raw_account_360_equals_the_graphql_answer_for_every_demo_account(
    postgres_only: None, gql: Any
) -> None:
    await seed_demo()
    account_ids = await Account.all().order_by("id").values_list("id", flat=True)

    for account_id in account_ids:
        answer = await gql(ACCOUNT_360_QUERY, {"id": encode_id("Account", account_id)})
        assert "errors" not in answer
        assert answer["data"]["account"] == await account_360(account_id)


async def test_raw_account_360_of_an_unknown_account_is_none(postgres_only: None) -> None:
    assert await account_360(404) is None

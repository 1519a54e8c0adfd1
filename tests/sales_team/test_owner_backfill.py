"""The §13 data migration on the new schema: old owner strings become users by email."""

from __future__ import annotations

from tortoise import connections

from domain.accounts.models import Account
from domain.pipeline.models import Opportunity
from domain.users.models import User
from domain.users.owner_backfill import OWNER_BACKFILL_SQL


async def _run_backfill() -> None:
    connection = connections.get("default")
    for sql in OWNER_BACKFILL_SQL:
        await connection.execute_script(sql)


async def test_owner_strings_matching_an_email_become_users_the_rest_stay_legacy(
    alice: User, bob: User
) -> None:
    # As the schema migration leaves them: the old text in owner_legacy, owner_id empty.
    matched = await Account.create(name="A", currency="USD", owner_legacy=" Alice@Example.COM ")
    unmatched = await Account.create(name="B", currency="USD", owner_legacy="Carla Jones")
    empty = await Account.create(name="C", currency="USD")
    kept = await Account.create(name="D", currency="USD", owner_id=bob.id, owner_legacy="x@y.z")
    deal = await Opportunity.create(
        name="Deal", account=matched, currency="USD", owner_legacy="bob@example.com"
    )
    other_deal = await Opportunity.create(
        name="Other", account=matched, currency="USD", owner_legacy="dev"
    )

    await _run_backfill()
    await _run_backfill()  # idempotent

    async def owner(model: type, pk: int) -> tuple[int | None, str | None]:
        row = await model.get(id=pk)
        return row.owner_id, row.owner_legacy

    assert await owner(Account, matched.id) == (alice.id, None)
    assert await owner(Account, unmatched.id) == (None, "Carla Jones")
    assert await owner(Account, empty.id) == (None, None)
    assert await owner(Account, kept.id) == (bob.id, "x@y.z")  # an owner already set stays
    assert await owner(Opportunity, deal.id) == (bob.id, None)
    assert await owner(Opportunity, other_deal.id) == (None, "dev")

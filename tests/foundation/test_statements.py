"""`api.statements.fetch_rows`: a loader's query is built by tortoise once per shape and then
sent again with other ids, answering exactly what the queryset answers; a queryset whose
values do not follow its ids is awaited as it is, every time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from api import statements
from api.statements import fetch_rows
from domain.accounts.models import Account


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The querysets tortoise builds SQL for (their model names), from here on."""
    seen: list[str] = []
    make_query = QuerySet._make_query

    def counting(self: QuerySet[Any]) -> None:
        seen.append(self.model.__name__)
        make_query(self)

    monkeypatch.setattr(QuerySet, "_make_query", counting)
    statements._STATEMENTS.clear()
    yield seen
    statements._STATEMENTS.clear()


def _by_ids(*ids: int) -> QuerySet[Account]:
    return Account.filter(id__in=ids, archived_at__isnull=True).order_by("name")


async def test_a_shape_is_built_once_and_answers_for_other_ids(
    database: str, built: list[str]
) -> None:
    accounts = [await Account.create(name=name, currency="USD") for name in "dcba"]
    ids = [account.id for account in accounts]

    first = await fetch_rows("test", ids[:2], _by_ids)
    # Built twice, once for the ids and once for the probes that tell which values they are.
    assert built == ["Account", "Account", "Account"]
    assert [row.name for row in first] == ["c", "d"]

    built.clear()
    second = await fetch_rows("test", ids[2:], _by_ids)
    assert [row.name for row in second] == ["a", "b"]
    assert [(row.id, row.currency) for row in second] == [(ids[3], "USD"), (ids[2], "USD")]
    assert built == []  # the SQL of the first call, with these ids

    # Another number of ids is another statement.
    assert [row.name for row in await fetch_rows("test", ids[1:], _by_ids)] == ["a", "b", "c"]
    assert len(built) == 3


async def test_inside_a_transaction_the_statement_reads_what_the_transaction_wrote(
    database: str, built: list[str]
) -> None:
    kept = await Account.create(name="kept", currency="USD")
    await fetch_rows("test", [kept.id], _by_ids)
    built.clear()
    async with in_transaction():
        fresh = await Account.create(name="fresh", currency="EUR")
        rows = await fetch_rows("test", [fresh.id], _by_ids)
        assert [(row.name, row.currency) for row in rows] == [("fresh", "EUR")]
    assert built == []


async def test_a_queryset_whose_values_do_not_follow_its_ids_is_awaited_every_time(
    database: str, built: list[str]
) -> None:
    accounts = [await Account.create(name=name, currency="USD") for name in "abc"]
    ids = [account.id for account in accounts]

    def beyond(first_id: int) -> QuerySet[Account]:
        return Account.filter(id__gt=first_id + 0 * 1).filter(id__lte=first_id + 1)

    assert [row.name for row in await fetch_rows("beyond", [ids[0]], beyond)] == ["b"]
    assert [row.name for row in await fetch_rows("beyond", [ids[1]], beyond)] == ["c"]
    # Not compiled (a value is the id plus one): built anew by tortoise on the second call.
    assert statements._STATEMENTS[("beyond", 1)] is None
    assert built[-1:] == ["Account"]


async def test_a_statement_of_another_dialect_is_built_again(
    database: str, built: list[str]
) -> None:
    """A process that opened PostgreSQL and SQLite (the migration checks do) never sends one
    dialect's SQL to the other."""
    account = await Account.create(name="a", currency="USD")
    await fetch_rows("test", [account.id], _by_ids)
    key = ("test", 1)
    statement = statements._STATEMENTS[key]
    assert statement is not None
    statements._STATEMENTS[key] = replace(statement, dialect="another", sql="not sql")
    built.clear()

    rows = await fetch_rows("test", [account.id], _by_ids)

    assert [row.name for row in rows] == ["a"]
    assert built == ["Account", "Account", "Account"]
    assert statements._STATEMENTS[key].dialect == statement.dialect  # type: ignore[union-attr]

"""The ledger: balanced, immutable journal entries, reversals and the trial balance (§5.3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from domain.errors import DomainError, ErrorCode
from domain.ledger.models import JournalEntry, JournalLine, LedgerAccount, LedgerAccountType
from domain.ledger.reference_data import seed
from domain.ledger.services import (
    Posting,
    post_journal_entry,
    reverse_journal_entry,
    trial_balance,
)

pytestmark = pytest.mark.usefixtures("database")

D = Decimal


async def post_sale(on: date = date(2026, 3, 1), net: str = "100.00", tax: str = "7.00"):
    async with in_transaction():
        return await post_journal_entry(
            entry_date=on,
            memo="A sale",
            source="INVOICE",
            reference="INV-TEST",
            postings=[
                Posting("1200", debit=D(net) + D(tax)),
                Posting("4000", credit=D(net)),
                Posting("2200", credit=D(tax)),
                Posting("1000"),
            ],
        )


async def test_chart_of_accounts_is_seeded_once_with_the_contract_codes():
    await seed()
    codes = await LedgerAccount.all().order_by("code").values_list("code", "name")
    assert codes == [
        ("1000", "Cash"),
        ("1200", "Accounts Receivable"),
        ("1300", "Inventory"),
        ("1400", "Input Tax"),
        ("2000", "Accounts Payable"),
        ("2050", "Goods Received Not Invoiced"),
        ("2100", "Customer Credits"),
        ("2200", "Sales Tax Payable"),
        ("3000", "Equity"),
        ("3900", "Opening Balance Equity"),
        ("4000", "Sales Revenue"),
        ("5000", "Cost of Goods Sold"),
        ("5100", "Inventory Adjustments"),
        ("5200", "Purchase Price Variance"),
        ("5300", "Production Variance"),
        ("5400", "Inventory Revaluation"),
        ("7000", "Exchange Gain/Loss"),
    ]


async def test_every_ledger_account_has_its_type():
    await seed()
    types = dict(await LedgerAccount.all().values_list("code", "type"))

    assert {code: kind.value for code, kind in types.items()} == {
        "1000": "ASSET",
        "1200": "ASSET",
        "1300": "ASSET",
        "1400": "ASSET",
        "2000": "LIABILITY",
        "2050": "LIABILITY",
        "2100": "LIABILITY",
        "2200": "LIABILITY",
        "3000": "EQUITY",
        "3900": "EQUITY",
        "4000": "REVENUE",
        "5000": "EXPENSE",
        "5100": "EXPENSE",
        "5200": "EXPENSE",
        "5300": "EXPENSE",
        "5400": "EXPENSE",
        "7000": "REVENUE",
    }


async def test_an_installation_seeded_before_the_new_accounts_gets_them_on_seeding():
    await LedgerAccount.filter(code__in=["1400", "3900", "5100", "7000"]).delete()

    await seed()
    await seed()

    assert await LedgerAccount.filter(code__in=["1400", "3900", "5100", "7000"]).count() == 4
    assert await LedgerAccount.all().count() == 17


async def test_posting_numbers_the_entry_and_drops_zero_lines():
    entry = await post_sale()
    assert entry.number == "JE-2026-000001"
    lines = await JournalLine.filter(entry_id=entry.id).prefetch_related("ledger_account")
    assert [(ln.ledger_account.code, ln.debit, ln.credit) for ln in lines] == [
        ("1200", D("107.00"), D("0.00")),
        ("4000", D("0.00"), D("100.00")),
        ("2200", D("0.00"), D("7.00")),
    ]


async def test_an_unbalanced_entry_is_refused_and_nothing_is_written():
    with pytest.raises(DomainError) as refused:
        async with in_transaction():
            await post_journal_entry(
                entry_date=date(2026, 3, 1),
                memo="Off by a cent",
                source="MANUAL",
                postings=[Posting("1000", debit=D("10.00")), Posting("3000", credit=D("9.99"))],
            )
    assert refused.value.code == ErrorCode.UNBALANCED_ENTRY
    assert await JournalEntry.all().count() == 0
    assert await JournalLine.all().count() == 0


@pytest.mark.parametrize(
    "postings",
    [
        [Posting("1000", debit=D("-5.00")), Posting("3000", credit=D("-5.00"))],
        [Posting("1000", debit=D("5.00"), credit=D("5.00"))],
        [Posting("1000", debit=D("5.001")), Posting("3000", credit=D("5.001"))],
        [Posting("1000")],
    ],
    ids=["negative", "both-sides", "fractions-of-a-cent", "no-amount"],
)
async def test_malformed_postings_are_invalid(postings):
    with pytest.raises(DomainError) as refused:
        await post_journal_entry(
            entry_date=date(2026, 3, 1), memo="Bad", source="MANUAL", postings=postings
        )
    assert refused.value.code == ErrorCode.INVALID
    assert await JournalEntry.all().count() == 0


async def test_an_unknown_ledger_account_or_source_is_refused():
    with pytest.raises(DomainError) as unknown_account:
        await post_journal_entry(
            entry_date=date(2026, 3, 1),
            memo="Bad",
            source="MANUAL",
            postings=[Posting("9999", debit=D("1.00")), Posting("1000", credit=D("1.00"))],
        )
    assert unknown_account.value.code == ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as unknown_source:
        await post_journal_entry(
            entry_date=date(2026, 3, 1),
            memo="Bad",
            source="GIFT",
            postings=[Posting("3000", debit=D("1.00")), Posting("1000", credit=D("1.00"))],
        )
    assert unknown_source.value.code == ErrorCode.INVALID


async def test_journal_rows_cannot_be_updated_or_deleted_by_the_database():
    entry = await post_sale()
    for statement in (
        f"UPDATE journal_lines SET debit = 1 WHERE entry_id = {entry.id}",
        f"DELETE FROM journal_lines WHERE entry_id = {entry.id}",
        f"UPDATE journal_entries SET memo = 'changed' WHERE id = {entry.id}",
        f"DELETE FROM journal_entries WHERE id = {entry.id}",
    ):
        with pytest.raises(Exception, match="immutable"):
            async with in_transaction() as tx:
                await tx.execute_query(statement)
    assert await JournalLine.filter(entry_id=entry.id).count() == 3
    assert (await JournalEntry.get(id=entry.id)).memo == "A sale"


async def test_the_database_refuses_an_unbalanced_insert_at_commit(postgres_only):
    ar, revenue = await LedgerAccount.filter(code__in=["1200", "4000"]).order_by("code")
    conn = connections.get("default")
    with pytest.raises(Exception, match="UNBALANCED_ENTRY"):
        async with in_transaction() as tx:
            await tx.execute_script(
                "INSERT INTO journal_entries (number, date, memo, source, created_at) "
                "VALUES ('JE-RAW-1', '2026-03-01', 'raw', 'MANUAL', now())"
            )
            await tx.execute_script(
                "INSERT INTO journal_lines (entry_id, ledger_account_id, debit, credit) "
                f"SELECT id, {ar.id}, 10.00, 0 FROM journal_entries WHERE number = 'JE-RAW-1';"
                "INSERT INTO journal_lines (entry_id, ledger_account_id, debit, credit) "
                f"SELECT id, {revenue.id}, 0, 9.00 FROM journal_entries WHERE number = 'JE-RAW-1'"
            )
    assert await conn.execute_query_dict("SELECT count(*) AS n FROM journal_entries") == [{"n": 0}]


async def test_the_database_refuses_an_entry_without_lines(postgres_only):
    with pytest.raises(Exception, match="no lines"):
        async with in_transaction() as tx:
            await tx.execute_script(
                "INSERT INTO journal_entries (number, date, memo, source, created_at) "
                "VALUES ('JE-RAW-2', '2026-03-01', 'raw', 'MANUAL', now())"
            )
    assert await JournalEntry.all().count() == 0


async def test_a_reversing_entry_swaps_debits_and_credits_once():
    original = await post_sale()
    reversal = await reverse_journal_entry(original.id, entry_date=date(2026, 3, 5))
    assert reversal.number == "JE-2026-000002"
    assert reversal.reverses_id == original.id
    lines = await JournalLine.filter(entry_id=reversal.id).prefetch_related("ledger_account")
    assert [(ln.ledger_account.code, ln.debit, ln.credit) for ln in lines] == [
        ("1200", D("0.00"), D("107.00")),
        ("4000", D("100.00"), D("0.00")),
        ("2200", D("7.00"), D("0.00")),
    ]
    with pytest.raises(DomainError) as twice:
        await reverse_journal_entry(original.id, entry_date=date(2026, 3, 5))
    assert twice.value.code == ErrorCode.ALREADY_PROCESSED


async def test_trial_balance_sums_per_account_up_to_the_date_and_to_zero():
    await post_sale(date(2026, 3, 1), "100.00", "7.00")
    await post_sale(date(2026, 3, 20), "19.99", "1.40")
    rows = {row.ledger_account.code: row for row in await trial_balance(date(2026, 3, 10))}
    assert (rows["1200"].debit, rows["1200"].credit, rows["1200"].balance) == (
        D("107.00"),
        D("0.00"),
        D("107.00"),
    )
    assert rows["4000"].balance == D("-100.00")
    assert rows["1000"].balance == D("0.00")
    everything = await trial_balance()
    assert {r.ledger_account.code: r.balance for r in everything if r.balance} == {
        "1200": D("128.39"),
        "2200": D("-8.40"),
        "4000": D("-119.99"),
    }
    assert sum(r.balance for r in everything) == 0


async def test_migrate_gives_an_existing_account_its_contract_type():
    await LedgerAccount.filter(code="7000").update(type=LedgerAccountType.EXPENSE)
    await seed()
    assert (await LedgerAccount.get(code="7000")).type == LedgerAccountType.REVENUE
    assert await LedgerAccount.filter(code="7000").count() == 1

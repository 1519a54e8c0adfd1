"""importRunStart (§14): the sample files, re-imports that change nothing, dry runs, bad
files and bad rows, and the 3900 postings of opening stock (open invoices:
test_open_invoices.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.accounts.models import Account, Contact
from domain.billing.models import Invoice
from domain.catalog.models import Product
from domain.imports.models import DataImport, ImportRow
from domain.inventory.models import StockMove
from domain.ledger.models import JournalLine
from domain.manufacturing.models import BomLine
from domain.orders.models import SalesOrder
from domain.outbox.models import Event
from tests.data_in_out.importing import imported, read_run, row_errors, sample, start, statuses

SAMPLES = [
    ("ACCOUNTS", "accounts.csv", "CSV"),
    ("CONTACTS", "contacts.csv", "CSV"),
    ("PRODUCTS", "products.csv", "CSV"),
    ("PRODUCTS", "products.jsonl", "JSONL"),
    ("OPENING_STOCK", "opening_stock.csv", "CSV"),
    ("BOMS", "boms.csv", "CSV"),
    ("OPEN_INVOICES", "open_invoices.csv", "CSV"),
]


async def table_counts() -> dict[str, int]:
    return {
        "accounts": await Account.all().count(),
        "contacts": await Contact.all().count(),
        "products": await Product.all().count(),
        "stock_moves": await StockMove.all().count(),
        "journal_lines": await JournalLine.all().count(),
        "bom_lines": await BomLine.all().count(),
        "invoices": await Invoice.all().count(),
        "sales_orders": await SalesOrder.all().count(),
        # the outbox, but for the runs' own import_run.completed
        "events": await Event.exclude(type="import_run.completed").count(),
    }


async def import_samples(gql: Any, run_worker: Any) -> list[dict[str, Any]]:
    return [
        await imported(gql, run_worker, kind, sample(name), fmt=fmt) for kind, name, fmt in SAMPLES
    ]


async def test_the_sample_files_import_and_a_second_import_changes_nothing(
    gql: Any, run_worker: Any
) -> None:
    first = await import_samples(gql, run_worker)
    after_first = await table_counts()
    second = await import_samples(gql, run_worker)
    after_second = await table_counts()

    assert [run["status"] for run in first] == ["SUCCEEDED"] * len(SAMPLES)
    counts = [tuple(r["result"][k] for k in ("created", "updated", "unchanged", "failed"))
              for r in first]  # fmt: skip
    assert counts == [(4, 0, 0, 0), (4, 0, 0, 0), (4, 0, 0, 0), (3, 0, 0, 0), (3, 0, 0, 0),
                      (1, 0, 0, 0), (3, 0, 0, 0)]  # fmt: skip
    # every row of the second pass UNCHANGED, nothing written, no event
    for run, (_, name, _) in zip(second, SAMPLES, strict=True):
        rows = len([line for line in sample(name).splitlines() if line.strip()])
        data_rows = rows - (1 if name.endswith(".csv") else 0)
        assert run["result"] == {
            "created": 0, "updated": 0, "unchanged": data_rows, "failed": 0,
            "kind": run["result"]["kind"], "dryRun": False, "rows": data_rows,
        }, name  # fmt: skip
    assert after_second == after_first
    # 4 accounts created → 4 account.created, 3 open invoices → 3 invoice.posted; 7
    # import_run.completed of the first pass, 7 more
    assert await Event.filter(type="account.created").count() == 4
    assert await Event.filter(type="invoice.posted").count() == 3
    assert await Event.filter(type="import_run.completed").count() == 14


async def test_csv_lines_are_physical_lines_with_the_header_as_line_1(
    gql: Any, run_worker: Any
) -> None:
    run = await imported(gql, run_worker, "ACCOUNTS", sample("accounts.csv"))

    assert statuses(run) == [(2, "CREATED"), (3, "CREATED"), (4, "CREATED"), (5, "CREATED")]
    northwind = await Account.get(external_id="crm-1001")
    assert northwind.billing_address == {
        "line1": "1 Harbour Way", "city": "Seattle", "postal_code": "98101", "country": "US",
    }  # fmt: skip
    assert northwind.metadata == {"segment": "retail", "source": "legacy-crm"}
    assert (northwind.payment_terms_days, northwind.credit_limit) == (30, Decimal("25000.00"))


async def test_opening_stock_posts_against_3900_at_standard_cost(gql: Any, run_worker: Any) -> None:
    await imported(gql, run_worker, "PRODUCTS", sample("products.csv"))

    run = await imported(gql, run_worker, "OPENING_STOCK", sample("opening_stock.csv"))

    assert run["result"]["created"] == 3
    lines = await JournalLine.filter(ledger_account__code="3900").values_list("credit", flat=True)
    # 40 × 70.0000 + 120 × 22.5000 + 6 × 410.0000 = 2800 + 2700 + 2460
    assert sum(Decimal(c) for c in lines) == Decimal("7960.00")
    on_hand = sorted(
        (m.reason, Decimal(m.quantity)) for m in await StockMove.filter(source="ADJUSTMENT")
    )
    assert on_hand == [("OPENING", Decimal(6)), ("OPENING", Decimal(40)), ("OPENING", Decimal(120))]


async def test_a_dry_run_reports_what_a_real_run_would_do_and_writes_nothing(
    gql: Any, run_worker: Any
) -> None:
    content = sample("accounts.csv") + "crm-1001,Duplicate of line 2,,,,,,,,,\n"
    before = await table_counts()

    run = await imported(gql, run_worker, "ACCOUNTS", content, dry_run=True)

    assert statuses(run) == [
        (2, "CREATED"), (3, "CREATED"), (4, "CREATED"), (5, "CREATED"), (6, "ERROR"),
    ]  # fmt: skip
    assert row_errors(run) == {6: [(("externalId",), "DUPLICATE")]}
    assert await table_counts() == before


async def test_a_bad_row_is_refused_as_the_mutation_refuses_it_and_the_rest_is_imported(
    gql: Any, run_worker: Any
) -> None:
    content = (
        "externalId,name,email,paymentTermsDays,creditLimit,metadata\n"
        "a-1,Good,good@example.com,30,100.00,\n"
        'a-2,,not-an-email,thirty,1.001,"{""k"": 5}"\n'
        "a-3,Also good,,14,,\n"
    )

    run = await imported(gql, run_worker, "ACCOUNTS", content)

    assert statuses(run) == [(2, "CREATED"), (3, "ERROR"), (4, "CREATED")]
    # paymentTermsDays does not read as a number: the row's cell errors come first, alone
    assert row_errors(run) == {3: [(("paymentTermsDays",), "INVALID")]}
    fixed = content.replace("not-an-email,thirty", "not-an-email,30")
    second = await imported(gql, run_worker, "ACCOUNTS", fixed)
    # the same refusals as accountCreate: name REQUIRED, email INVALID, creditLimit INVALID
    # (3 decimals), metadata INVALID (a number value)
    assert sorted(row_errors(second)[3]) == [
        (("creditLimit",), "INVALID"),
        (("email",), "INVALID"),
        (("metadata",), "INVALID"),
        (("name",), "REQUIRED"),
    ]
    assert statuses(second) == [(2, "UNCHANGED"), (3, "ERROR"), (4, "UNCHANGED")]
    assert sorted(await Account.all().values_list("external_id", flat=True)) == ["a-1", "a-3"]


async def test_a_contact_of_an_unknown_account_is_an_error_row(gql: Any, run_worker: Any) -> None:
    await imported(gql, run_worker, "ACCOUNTS", sample("accounts.csv"))
    content = (
        "externalId,accountExternalId,firstName,lastName\n"
        "c-1,crm-1001,Ada,Ng\n"
        "c-2,crm-9999,Bob,Ray\n"
    )

    run = await imported(gql, run_worker, "CONTACTS", content)

    assert statuses(run) == [(2, "CREATED"), (3, "ERROR")]
    assert row_errors(run) == {3: [(("accountExternalId",), "NOT_FOUND")]}
    assert run["importRows"]["edges"][1]["node"]["errors"][0]["message"] == (
        "accountExternalId 'crm-9999' names no account."
    )


async def test_jsonl_rows_and_a_line_that_is_no_object(gql: Any, run_worker: Any) -> None:
    content = (
        '{"externalId": "p-1", "sku": "J-1", "name": "One", "listPrice": 12.5}\n'
        "\n"
        "[1, 2]\n"
        '{"externalId": "p-2", "sku": "J-2", "name": "Two", "leadTimeDays": 3}\n'
    )

    run = await imported(gql, run_worker, "PRODUCTS", content, fmt="JSONL")

    assert statuses(run) == [(1, "CREATED"), (3, "ERROR"), (4, "CREATED")]
    assert row_errors(run) == {3: [(None, "INVALID")]}
    one = await Product.get(sku="J-1")
    assert (one.list_price, one.external_id) == (Decimal("12.50"), "p-1")


async def test_bad_files_are_refused_whole_naming_the_lines(gql: Any) -> None:
    unknown = await start(gql, "ACCOUNTS", "externalId,name,colour\na,A,red\n")
    no_header = await start(gql, "ACCOUNTS", "a-1,Acme\na-2,Bolt\n")
    not_utf8 = await start(gql, "ACCOUNTS", "externalId,name\na-1,Acme\na-2,Caf\ufffd\n")
    too_big = await start(gql, "ACCOUNTS", "externalId,name\n" + "x" * (20 * 1024 * 1024))
    jsonl = await start(
        gql, "PRODUCTS", '{"sku": "A"}\n{"sku": "B", "colour": "red"}\n', fmt="JSONL"
    )
    empty = await start(gql, "ACCOUNTS", "")

    def refusal(payload: dict[str, Any]) -> list[tuple[list[str], str, str]]:
        assert payload["jobRun"] is None
        return [(e["field"], e["code"], e["message"]) for e in payload["errors"]]

    known = (
        "externalId, name, industry, website, email, phone, tier, currency, paymentTermsDays, "
        "creditLimit, billingAddress, shippingAddress, metadata, privateMetadata"
    )
    assert refusal(unknown) == [
        (["content"], "INVALID", f"content line 1: unknown column 'colour' (known: {known}).")
    ]
    assert refusal(no_header) == [
        (["content"], "INVALID",
         f"content line 1: the header row is missing (expected columns: {known}).")
    ]  # fmt: skip
    assert refusal(not_utf8) == [
        (["content"], "INVALID", "content line 3: the file is not UTF-8 text (U+FFFD found).")
    ]
    assert refusal(too_big) == [
        (["content"], "INVALID", "content line 1: the file is larger than 20971520 bytes (20 MB).")
    ]
    assert [(f, c, m.split(":")[0]) for f, c, m in refusal(jsonl)] == [
        (["content"], "INVALID", "content line 2")
    ]
    assert refusal(empty) == [
        (["content"], "INVALID", "content line 1: the header row is missing.")
    ]
    assert await DataImport.all().count() == 0


async def test_import_rows_filter_by_status(gql: Any, run_worker: Any) -> None:
    content = "externalId,name\n" + "".join(
        f"a-{n},{'' if n % 3 == 0 else f'Account {n}'}\n" for n in range(1, 31)
    )

    run = await imported(gql, run_worker, "ACCOUNTS", content)
    errors = await read_run(gql, run["id"], "ERROR")

    # n = 3, 6, …, 30 have no name: 10 ERROR rows (lines n + 1), 20 CREATED
    assert (run["result"]["created"], run["result"]["failed"]) == (20, 10)
    assert statuses(errors) == [(n + 1, "ERROR") for n in range(3, 31, 3)]
    assert errors["importRows"]["totalCount"] == 10
    assert await ImportRow.filter(status="ERROR").count() == 10

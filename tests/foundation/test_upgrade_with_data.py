"""An installation of the previous release upgrades with its data: `tandem migrate` applies the
newer migrations to tables that hold rows (new NOT NULL columns need defaults there, where an
empty test schema never notices) and carries the old values over (§13's owner text)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The last migration of the release before this one: the upgrade starts from there.
PREVIOUS_RELEASE = 7

SCRIPT = r"""
import asyncio, json, shutil, sys
from pathlib import Path

from aerich import Command
from tortoise import Tortoise, connections

from adapters.database import tortoise_config
from adapters.migrate import MIGRATIONS, migrate
from domain.db import dialect

url, scratch, previous = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
NOW = "2026-11-30 10:00:00"
ROWS = [
    "INSERT INTO users (id, name, email, role, active, created_at, updated_at) VALUES "
    f"(1, 'Ann', 'ann@example.com', 'SALES', '1', '{NOW}', '{NOW}')",
    "INSERT INTO accounts (id, name, lifecycle, currency, payment_terms_days, owner, created_at,"
    f" updated_at) VALUES (1, 'Acme', 'CUSTOMER', 'USD', 30, ' Ann@Example.com', '{NOW}', '{NOW}')",
    "INSERT INTO accounts (id, name, lifecycle, currency, payment_terms_days, owner, created_at,"
    f" updated_at) VALUES (2, 'Globex', 'PROSPECT', 'USD', 30, 'Bob from sales', '{NOW}', '{NOW}')",
    "INSERT INTO products (id, sku, name, kind, procurement, uom, list_price, standard_cost,"
    " tax_rate, lead_time_days, safety_stock, min_order_quantity, order_multiple, created_at,"
    " updated_at) VALUES (1, 'BOLT', 'Bolt', 'STOCKED', 'BUY', 'EA', '12.50', '4.25', '0.0825',"
    f" 3, 0, 1, 1, '{NOW}', '{NOW}')",
]


async def main() -> None:
    old = scratch / "models"
    old.mkdir(parents=True)
    for path in sorted((MIGRATIONS / dialect(url) / "models").glob("[0-9]*_*.py")):
        if int(path.name.split("_")[0]) <= previous:
            shutil.copy(path, old / path.name)
    command = Command(tortoise_config(url), app="models", location=str(scratch))
    await command.init_db(safe=True)
    for sql in ROWS:
        await connections.get("default").execute_script(sql)
    await command.aclose()
    await Tortoise.close_connections()

    applied = await migrate(url)
    await Tortoise.init(config=tortoise_config(url))
    conn = connections.get("default")
    accounts = await conn.execute_query_dict(
        "SELECT id, owner_id, owner_legacy, external_id, metadata, private_metadata"
        " FROM accounts ORDER BY id"
    )
    products = await conn.execute_query_dict(
        "SELECT sku, tracking, list_price, metadata FROM products ORDER BY id"
    )
    await Tortoise.close_connections()
    print(json.dumps({"applied": applied, "accounts": accounts, "products": products}, default=str))


asyncio.run(main())
"""


def _metadata(value: object) -> object:
    return json.loads(value) if isinstance(value, str) else value


def test_the_previous_release_upgrades_with_its_rows(
    fresh_database_url: str, tmp_path: Path
) -> None:
    env = {**os.environ, "TANDEM_VAR_DIR": str(tmp_path / "var")}
    ran = subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT,
            fresh_database_url,
            str(tmp_path / "old"),
            str(PREVIOUS_RELEASE),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert ran.returncode == 0, ran.stderr[-4000:]
    found = json.loads(ran.stdout.strip().splitlines()[-1])
    committed = sorted(
        p.name.split("_")[0]
        for p in (
            ROOT
            / "domain"
            / "migrations"
            / ("postgres" if "postgres" in fresh_database_url else "sqlite")
            / "models"
        ).glob("[0-9]*_*.py")
    )
    assert len(found["applied"]) == len(committed) - (PREVIOUS_RELEASE + 1)
    # The owner text that is a user's email (case and blanks aside) became that user; the
    # other stays as legacy text.
    assert [(a["id"], a["owner_id"], a["owner_legacy"]) for a in found["accounts"]] == [
        (1, 1, None),
        (2, None, "Bob from sales"),
    ]
    assert [
        (a["external_id"], _metadata(a["metadata"]), _metadata(a["private_metadata"]))
        for a in found["accounts"]
    ] == [
        (None, {}, {}),
        (None, {}, {}),
    ]
    [bolt] = found["products"]
    assert (bolt["sku"], bolt["tracking"], _metadata(bolt["metadata"])) == ("BOLT", "NONE", {})
    assert str(bolt["list_price"]) in ("12.50", "12.500")

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_opportuniti_owner_i_f4ce9b";
        DROP INDEX IF EXISTS "idx_planned_ord_kind_a2c979";
        DROP INDEX IF EXISTS "idx_planned_ord_firmed__8c5834";
        DROP INDEX IF EXISTS "idx_planned_ord_late_a2a1ce";
        DROP INDEX IF EXISTS "idx_accounts_owner_i_0599b1";
        CREATE TABLE IF NOT EXISTS "campaigns" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(120) NOT NULL UNIQUE,
    "channel" VARCHAR(64),
    "start_date" DATE,
    "end_date" DATE,
    "budget" VARCHAR(40),
    "currency" VARCHAR(3) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
);
        CREATE TABLE IF NOT EXISTS "exchange_rates" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "date" DATE NOT NULL,
    "rate" VARCHAR(40) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    CONSTRAINT "uid_exchange_ra_currenc_a9a2fb" UNIQUE ("currency", "date")
);
        CREATE TABLE IF NOT EXISTS "data_exports" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "job_run_id" INT NOT NULL UNIQUE,
    "token" VARCHAR(64) NOT NULL UNIQUE,
    "api_token_id" INT,
    "kind" VARCHAR(16) NOT NULL,
    "format" VARCHAR(8) NOT NULL,
    "file_name" VARCHAR(200) NOT NULL,
    "rows" INT NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
        CREATE TABLE IF NOT EXISTS "data_imports" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* ACCOUNTS: ACCOUNTS\nCONTACTS: CONTACTS\nPRODUCTS: PRODUCTS\nOPENING_STOCK: OPENING_STOCK\nOPEN_INVOICES: OPEN_INVOICES\nBOMS: BOMS */,
    "format" VARCHAR(8) NOT NULL /* CSV: CSV\nJSONL: JSONL */,
    "dry_run" INT NOT NULL,
    "content" TEXT NOT NULL,
    "total_rows" INT NOT NULL,
    "completed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL
) /* One importRunStart: its JobRun reads the content from here (never from Redis). */;
        CREATE TABLE IF NOT EXISTS "imported_entries" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* ACCOUNTS: ACCOUNTS\nCONTACTS: CONTACTS\nPRODUCTS: PRODUCTS\nOPENING_STOCK: OPENING_STOCK\nOPEN_INVOICES: OPEN_INVOICES\nBOMS: BOMS */,
    "external_id" VARCHAR(100) NOT NULL,
    "target_id" INT NOT NULL,
    "values" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    CONSTRAINT "uid_imported_en_kind_3eee68" UNIQUE ("kind", "external_id")
) /* An external id given to an entry that has no column of its own for one (an opening */;
        CREATE TABLE IF NOT EXISTS "segments" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(120) NOT NULL UNIQUE,
    "rules" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
);
        CREATE TABLE IF NOT EXISTS "activity_reminders" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* DUE_SOON: DUE_SOON\nOVERDUE: OVERDUE */,
    "at" TIMESTAMP NOT NULL,
    "activity_id" INT NOT NULL REFERENCES "activities" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_activity_re_activit_375666" UNIQUE ("activity_id", "kind")
) /* One row per reminder sent: the database's guarantee that `activity.due_soon` and */;
        CREATE TABLE IF NOT EXISTS "opportunity_stale_notices" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "since" TIMESTAMP NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "opportunity_id" INT NOT NULL REFERENCES "opportunities" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_opportunity_opportu_4cbbe4" UNIQUE ("opportunity_id", "since")
) /* One row per `opportunity.stale` sent: `since` is the start of the 14-day period without */;
        CREATE TABLE IF NOT EXISTS "import_rows" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "line" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* CREATED: CREATED\nUPDATED: UPDATED\nUNCHANGED: UNCHANGED\nERROR: ERROR */,
    "errors" JSON NOT NULL,
    "data_import_id" INT NOT NULL REFERENCES "data_imports" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_import_rows_data_im_ab55d1" UNIQUE ("data_import_id", "line")
) /* What one row of the file did, committed with what it wrote (its batch's transaction): */;
        CREATE TABLE IF NOT EXISTS "lots" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "expires_at" DATE,
    "recalled_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_lots_product_993a20" UNIQUE ("product_id", "code")
) /* One lot (or, for a SERIAL product, one unit) of a product, created by the first move */;
        CREATE TABLE IF NOT EXISTS "lot_stocks" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "on_hand" VARCHAR(40) NOT NULL,
    "lot_id" INT NOT NULL REFERENCES "lots" ("id") ON DELETE RESTRICT,
    "warehouse_id" INT NOT NULL REFERENCES "warehouses" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_lot_stocks_lot_id_4d33b6" UNIQUE ("lot_id", "warehouse_id")
) /* On hand of one lot in one warehouse (= Σ its moves there); updated only while the */;
        CREATE TABLE IF NOT EXISTS "returns" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL /* AUTHORIZED: AUTHORIZED\nRECEIVED: RECEIVED\nCANCELLED: CANCELLED */,
    "created_at" TIMESTAMP NOT NULL,
    "received_at" TIMESTAMP,
    "cancelled_at" TIMESTAMP,
    "credit_note_id" INT REFERENCES "credit_notes" ("id") ON DELETE RESTRICT,
    "order_id" INT NOT NULL REFERENCES "sales_orders" ("id") ON DELETE RESTRICT,
    "warehouse_id" INT REFERENCES "warehouses" ("id") ON DELETE RESTRICT
);
        CREATE TABLE IF NOT EXISTS "return_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "quantity" VARCHAR(40) NOT NULL,
    "restock" INT NOT NULL,
    "lot_code" VARCHAR(64),
    "stock_move_id" INT,
    "order_line_id" INT NOT NULL REFERENCES "sales_order_lines" ("id") ON DELETE RESTRICT,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    "rma_id" INT NOT NULL REFERENCES "returns" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "stock_counts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL /* COUNTING: COUNTING\nPOSTED: POSTED\nCANCELLED: CANCELLED */,
    "variance_value" VARCHAR(40),
    "created_at" TIMESTAMP NOT NULL,
    "posted_at" TIMESTAMP,
    "cancelled_at" TIMESTAMP,
    "warehouse_id" INT NOT NULL REFERENCES "warehouses" ("id") ON DELETE RESTRICT
) /* One count of one warehouse; at most one is COUNTING per warehouse (checked under the */;
        CREATE TABLE IF NOT EXISTS "stock_count_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "expected_quantity" VARCHAR(40) NOT NULL,
    "snapshot_move_id" INT NOT NULL,
    "counted_quantity" VARCHAR(40),
    "variance" VARCHAR(40),
    "stock_move_id" INT,
    "count_id" INT NOT NULL REFERENCES "stock_counts" ("id") ON DELETE CASCADE,
    "lot_id" INT REFERENCES "lots" ("id") ON DELETE RESTRICT,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_stock_count_count_i_a22ca3" UNIQUE ("count_id", "product_id", "lot_id")
) /* One product of a count: the system quantity at the snapshot (with the last stock move */;
        ALTER TABLE "accounts" ADD "owner_id" INT REFERENCES "users" ("id") ON DELETE SET NULL;
        ALTER TABLE "accounts" ADD \"metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "accounts" ADD \"private_metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "accounts" ADD "external_id" VARCHAR(100);
        ALTER TABLE "accounts" RENAME COLUMN "owner" TO "owner_legacy";
        SELECT 1;
        ALTER TABLE "contacts" ADD \"private_metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "contacts" ADD \"metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "contacts" ADD "external_id" VARCHAR(100);
        ALTER TABLE "activities" ADD "assignee_id" INT REFERENCES "users" ("id") ON DELETE SET NULL;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "invoices" ADD \"private_metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "invoices" ADD "exchange_rate" VARCHAR(40) NOT NULL DEFAULT 1;
        ALTER TABLE "invoices" ADD "external_id" VARCHAR(100);
        ALTER TABLE "invoices" ADD \"metadata\" JSON NOT NULL DEFAULT '{}';
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "payments" ADD "exchange_rate" VARCHAR(40) NOT NULL DEFAULT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "products" ADD \"private_metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "products" ADD \"metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "products" ADD "external_id" VARCHAR(100);
        ALTER TABLE "products" ADD "tracking" VARCHAR(8) NOT NULL DEFAULT 'NONE' /* NONE: NONE\nLOT: LOT\nSERIAL: SERIAL */;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "stock_moves" ADD "lot_id" INT REFERENCES "lots" ("id") ON DELETE RESTRICT;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "journal_lines" ADD "currency" VARCHAR(3);
        ALTER TABLE "journal_lines" ADD "amount" VARCHAR(40);
        ALTER TABLE "journal_lines" ADD "rate" VARCHAR(40);
        SELECT 1;
        SELECT 1;
        ALTER TABLE "sales_orders" ADD \"private_metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "sales_orders" ADD \"metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "sales_orders" ADD "external_id" VARCHAR(100);
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "supplier_payments" ADD "exchange_rate" VARCHAR(40) NOT NULL DEFAULT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "vendor_bills" ADD "exchange_rate" VARCHAR(40) NOT NULL DEFAULT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "leads" ADD "owner_id" INT REFERENCES "users" ("id") ON DELETE SET NULL;
        ALTER TABLE "leads" ADD \"metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "leads" ADD "campaign_id" INT REFERENCES "campaigns" ("id") ON DELETE SET NULL;
        ALTER TABLE "leads" ADD \"private_metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "leads" ADD "external_id" VARCHAR(100);
        ALTER TABLE "opportunities" ADD "owner_id" INT REFERENCES "users" ("id") ON DELETE SET NULL;
        ALTER TABLE "opportunities" ADD \"metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "opportunities" ADD "campaign_id" INT REFERENCES "campaigns" ("id") ON DELETE SET NULL;
        ALTER TABLE "opportunities" ADD \"private_metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "opportunities" ADD "external_id" VARCHAR(100);
        ALTER TABLE "opportunities" RENAME COLUMN "owner" TO "owner_legacy";
        SELECT 1;
        SELECT 1;
        ALTER TABLE "purchase_orders" ADD \"private_metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "purchase_orders" ADD \"metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "purchase_orders" ADD "external_id" VARCHAR(100);
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "cases" ADD \"private_metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "cases" ADD \"metadata\" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "cases" ADD "assignee_id" INT REFERENCES "users" ("id") ON DELETE SET NULL;
        ALTER TABLE "cases" ADD "external_id" VARCHAR(100);
        CREATE UNIQUE INDEX "uid_accounts_externa_42442d" ON "accounts" ("external_id");
        CREATE UNIQUE INDEX "uid_contacts_externa_983ecb" ON "contacts" ("external_id");
        CREATE UNIQUE INDEX "uid_invoices_externa_be4efe" ON "invoices" ("external_id");
        CREATE UNIQUE INDEX "uid_products_externa_545f8a" ON "products" ("external_id");
        CREATE UNIQUE INDEX "uid_sales_order_externa_2dad1b" ON "sales_orders" ("external_id");
        CREATE UNIQUE INDEX "uid_leads_externa_f66af4" ON "leads" ("external_id");
        CREATE UNIQUE INDEX "uid_opportuniti_externa_f57dae" ON "opportunities" ("external_id");
        CREATE UNIQUE INDEX "uid_purchase_or_externa_2b0467" ON "purchase_orders" ("external_id");
        CREATE UNIQUE INDEX "uid_cases_externa_83b057" ON "cases" ("external_id");
        UPDATE accounts SET owner_id = (SELECT u.id FROM users AS u WHERE lower(u.email) = lower(trim(accounts.owner_legacy))), owner_legacy = NULL WHERE owner_id IS NULL AND owner_legacy IS NOT NULL AND EXISTS (SELECT u.id FROM users AS u WHERE lower(u.email) = lower(trim(accounts.owner_legacy)));
        UPDATE opportunities SET owner_id = (SELECT u.id FROM users AS u WHERE lower(u.email) = lower(trim(opportunities.owner_legacy))), owner_legacy = NULL WHERE owner_id IS NULL AND owner_legacy IS NOT NULL AND EXISTS (SELECT u.id FROM users AS u WHERE lower(u.email) = lower(trim(opportunities.owner_legacy)));"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "uid_cases_externa_83b057";
        DROP INDEX IF EXISTS "uid_purchase_or_externa_2b0467";
        DROP INDEX IF EXISTS "uid_opportuniti_externa_f57dae";
        DROP INDEX IF EXISTS "uid_leads_externa_f66af4";
        DROP INDEX IF EXISTS "uid_sales_order_externa_2dad1b";
        DROP INDEX IF EXISTS "uid_products_externa_545f8a";
        DROP INDEX IF EXISTS "uid_invoices_externa_be4efe";
        DROP INDEX IF EXISTS "uid_contacts_externa_983ecb";
        DROP INDEX IF EXISTS "uid_accounts_externa_42442d";
        ALTER TABLE "accounts" RENAME COLUMN "owner_legacy" TO "owner";
        ALTER TABLE "accounts" DROP COLUMN "owner_id";
        ALTER TABLE "accounts" DROP COLUMN "metadata";
        ALTER TABLE "accounts" DROP COLUMN "private_metadata";
        ALTER TABLE "accounts" DROP COLUMN "external_id";
        SELECT 1;
        SELECT 1;
        ALTER TABLE "contacts" DROP COLUMN "private_metadata";
        ALTER TABLE "contacts" DROP COLUMN "metadata";
        ALTER TABLE "contacts" DROP COLUMN "external_id";
        ALTER TABLE "activities" DROP COLUMN "assignee_id";
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "invoices" DROP COLUMN "private_metadata";
        ALTER TABLE "invoices" DROP COLUMN "exchange_rate";
        ALTER TABLE "invoices" DROP COLUMN "external_id";
        ALTER TABLE "invoices" DROP COLUMN "metadata";
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "payments" DROP COLUMN "exchange_rate";
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "products" DROP COLUMN "private_metadata";
        ALTER TABLE "products" DROP COLUMN "metadata";
        ALTER TABLE "products" DROP COLUMN "external_id";
        ALTER TABLE "products" DROP COLUMN "tracking";
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "stock_moves" DROP COLUMN "lot_id";
        SELECT 1;
        SELECT 1;
        ALTER TABLE "journal_lines" DROP COLUMN "currency";
        ALTER TABLE "journal_lines" DROP COLUMN "amount";
        ALTER TABLE "journal_lines" DROP COLUMN "rate";
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "sales_orders" DROP COLUMN "private_metadata";
        ALTER TABLE "sales_orders" DROP COLUMN "metadata";
        ALTER TABLE "sales_orders" DROP COLUMN "external_id";
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "supplier_payments" DROP COLUMN "exchange_rate";
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "vendor_bills" DROP COLUMN "exchange_rate";
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "leads" DROP COLUMN "owner_id";
        ALTER TABLE "leads" DROP COLUMN "metadata";
        ALTER TABLE "leads" DROP COLUMN "campaign_id";
        ALTER TABLE "leads" DROP COLUMN "private_metadata";
        ALTER TABLE "leads" DROP COLUMN "external_id";
        ALTER TABLE "opportunities" RENAME COLUMN "owner_legacy" TO "owner";
        ALTER TABLE "opportunities" DROP COLUMN "owner_id";
        ALTER TABLE "opportunities" DROP COLUMN "metadata";
        ALTER TABLE "opportunities" DROP COLUMN "campaign_id";
        ALTER TABLE "opportunities" DROP COLUMN "private_metadata";
        ALTER TABLE "opportunities" DROP COLUMN "external_id";
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "purchase_orders" DROP COLUMN "private_metadata";
        ALTER TABLE "purchase_orders" DROP COLUMN "metadata";
        ALTER TABLE "purchase_orders" DROP COLUMN "external_id";
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        SELECT 1;
        ALTER TABLE "cases" DROP COLUMN "private_metadata";
        ALTER TABLE "cases" DROP COLUMN "metadata";
        ALTER TABLE "cases" DROP COLUMN "assignee_id";
        ALTER TABLE "cases" DROP COLUMN "external_id";
        DROP TABLE IF EXISTS "lots";
        DROP TABLE IF EXISTS "data_imports";
        DROP TABLE IF EXISTS "lot_stocks";
        DROP TABLE IF EXISTS "opportunity_stale_notices";
        DROP TABLE IF EXISTS "campaigns";
        DROP TABLE IF EXISTS "segments";
        DROP TABLE IF EXISTS "activity_reminders";
        DROP TABLE IF EXISTS "return_lines";
        DROP TABLE IF EXISTS "stock_count_lines";
        DROP TABLE IF EXISTS "exchange_rates";
        DROP TABLE IF EXISTS "imported_entries";
        DROP TABLE IF EXISTS "data_exports";
        DROP TABLE IF EXISTS "import_rows";
        DROP TABLE IF EXISTS "stock_counts";
        DROP TABLE IF EXISTS "returns";
        CREATE INDEX "idx_accounts_owner_i_0599b1" ON "accounts" ("owner");
        CREATE INDEX "idx_planned_ord_late_a2a1ce" ON "planned_orders" ("late");
        CREATE INDEX "idx_planned_ord_firmed__8c5834" ON "planned_orders" ("firmed_at");
        CREATE INDEX "idx_planned_ord_kind_a2c979" ON "planned_orders" ("kind");
        CREATE INDEX "idx_opportuniti_owner_i_f4ce9b" ON "opportunities" ("owner");"""


MODELS_STATE = (
    "eJztfWlz4ki29l9R8GWqI+gKL7U1M+9EYKyqpgcDA7iq+xYdahnStrpEitZil++d+e9vpj"
    "a0pIRSC0jifAEh6aTEk9vZz/91Ntoaqcbr/mqlWdjs9IT/62B5g8hB9FJX6Mjb7e4CPWHK"
    "d6p9r+zcZJ+U7wxTl1e0sXtZNRA5tUbGSle2pqJhchZbqkpPaityo4IfdqcsrPxlIcnUHp"
    "D5iHRy4evv5LSC1+g7Mryf22/SvYLUdehtlTV9tn1eMl+29rkhNj/aN9Kn3UkrTbU2eHfz"
    "9sV81LB/t+L8yQeEkS6biDZv6hZ9ffp27j/1/pHzprtbnFcM0KzRvWypZuDv3km7cx1JGk"
    "8W0lxcSFKHA6CVhim4CoWa/vsH+go/Xpy/ef/mw+W7Nx/ILfZr+mfe/9d59A4Yh9CGZ7zo"
    "/Ne+Lpuyc4eN8Q5U+zsG6+BR1tm4evdHkCWvHEXWwzENWu/EkbDdyN8lFeEH85EC+vZtCp"
    "Kf+7PBz/3ZK3LXD/SRGhn/zsQYu5cunGsU7h28qnKPVi/0TibGIrY2Ns5D8mIyXqEY3qEG"
    "qgJ9N4l9hKezyXwqDhYdPux9up7gHS3x4Ha+mNyIs57gHS3xx8nMPuN8d3L01/m7DN11/i"
    "6xt+ilcGcRQCzyvBee+RCkydU97oDn6p2DzYnzi7MsIF+cJaNMr4VhfkZ3hmJyrToBkvaB"
    "/PYsC8jkrkSQ7WthkNFGVlQeiH2CigBu2cK+JRhxDWGfoH0D+N2bDPi+e5MIL70URtdUkM"
    "4Drnd/68bu5UUGaC8vEqGll8LQas8EDPKAB3nFtdFF6do3jCvZ7O4UVSWvIMnrtY4MI474"
    "L/PJmI04gzQC+lpZmcJ/BFUxYnJN/cFPwZpiQlveGMZfahDiVzf9X6PoD0aTKxsbzTAfdL"
    "sVu4GrSE8Yj8p2m7MrWLTQF/n7YmXpOsJ8C1CQ5nCC0OFW+iwLffI6H+NP5JcNwqZkIn1j"
    "SGv5hTHeE5UnbOL9ypSyQL88qwryUrQpgXGso7ViSqqyUcw4vjeE43tJGMwRwuhiglbKRl"
    "ZfXzvfrVpQrsXB8KY/enX+U9cZz2RdobJdYJy/iW2jsr56VJ7QWpIZOF8TWExlg9hQR0ij"
    "SLu0r72DVmG9GN6I80X/Zhpawa/7C5FeubDPvkTOvoqqTPxGhC/Dxc8C/Sn8z2QsRhd6/7"
    "7F/3ToO8mWqUlYe6abZgAT77R3Kiy2fidrDpZViaXsTRFew2Sl8KbHVfuGOdNMGoLzFA3B"
    "eVxDsEGmTNXCPHxQkKYQ/5NPKfmPewuvKJTCnaWopoKN1/Sx/+RUUtaWLdrqyhPBTMrTNS"
    "xa6KLyOVcdUchy7ENhyhK2odrxs+QPridYfXHXyobsS+6ynrotWdt1zl4PU0Kv16XXGdyI"
    "+/ZRVRmX2TlIkkteqhlvWbbARHapFZLoDsSHa4wOwI2Da6iytNVUZfXCB26MDsB1wKWuKP"
    "ffmH4T9kSPY/xR05HygP/lyv1Bs34EVNf35tZADVSc/9cbQt7Z3Svq8rPvuxNaDsl/J/8Y"
    "OZI+eQFhfDsadRIGcAnIzlV56rfVTnhjEzcDxruVtASMp7SxUZNV3nsxju08CRjTteJOXn"
    "17lvW1lLBokIeZ8spkqGKvXMqP/5ohVbb/SyLoA6eVBvKKSZiHVX1EfHxSTAUVhKnvtJNl"
    "+jcSJ1eFjDWzKFIDu6WxZjZR/siElYKfNDKNC+I0dFppK0iu1acgSFOnlbaC9Kdm2YpmVc"
    "FFh9MvTlMjBTfX6JAOliGryJA0fY30gljNaUsT2lBbB5ZhbbeqQrjlcqbh3G2u5dPxCeG1"
    "pkvUVaYgYJ/tlq5IQ23Filx9QjpVRqpIXheEa0SaaOmqpW23mm6SVy7Og078plrLhm4tff"
    "UoG6iUZX7qNtbqlf4vqzjL/m+rxdz6ioyAoiINaaJN8FDtgnahBbQKIX1D+FJMRnyWzdVj"
    "MqATjBYa+cgqKX7xmmvJ4k+h3FxsIuBuZCw/2G9Jm6PEEf0LI5IyoJpJjqQMaoEgkrJRBo"
    "GukBxJea/ohinxxlOGqVro11qJV70q54A6RARIZ0Ma4sggjuxQAFcRR2YmhV4nBZKZBUKt"
    "a41uNcsD+OuCv+7JOoOCv27tuwj8dZPXrGZ6boK/7in2ehZ/XTdFFZ/zY5jocDGONdd0pL"
    "g+yrt0YQXdxwKJxxoGcVbvsfDoCrmOzchwnw0Hi8yuY2C8q5XtoCnocJkOOFXhvo8dM6vg"
    "zv8uLa1g0NsP1OGN2iS6Kerwb+RvsVUC+5PeebR1VtJ2Bv3RqCfQzyUWb/pD8sP+WuIbkb"
    "BC4089wT1Y4kV//q+eQD+XmLQp9gT62cnWUSHVwocMioUPiWqFD1GlgmHd/YlWjL08WXcT"
    "IKlz/9RJyXunrRkRDQv0PWGN8e5vgxIyTb4Qf12kC/y+eDGajD95t0e1AGGs12QT4Bf7dl"
    "QHyQ9xyIW+uQJeXK5faZst5Z9z6XMitJAIpNY9DXq7lmlwQG93ir0OertDi2QBXA1DecAI"
    "cQIbpoJYcEbaN+rvzAVqgAIAjQO6c7nnTF0QJwR4QYF/aAV+wlAuAWC+AJKaDePMWSJikz"
    "iE86A/H/SvxU5sCS4B33bp+qPABnad/Yh6+34JqLY7qUmEQSqQD0JHG/pfi0ZNeZaWmdtc"
    "i5bjg1ivfNxSrFhBbPdas16kUM/utWp1JhgJuvYsbJEueKSCgbBJUHhEAjWy3JG5/DdDeL"
    "BkXcYmQuSCbAp/eE98TTWYhqbhPwTZMZ4EQS/9AUu8u6A9IZ1c/EO4V3QkaGRlsB/jXe8K"
    "z6Qh9EQfuJKxIegWFkjL9o2vltbZmfz+/PKH150u04j31QeV3mBbhn4Hwx4Y9ipbszrXt6"
    "I0n0zGPcE7WuLJZ3FGfvUE9yCP6a78glU5kmG3VT3WXHVYXAvq7yKcCrEQFWjEsgjCu52l"
    "sCTcumxTMb43PMDYEkUy21slJzc3ZRUFZOWxZtJETQx+LuHOVK4uKJ8alJ4m3fLSSfExd3"
    "8E2nptt/WHy4b9YShkgP0hKIbNkZFrOuGR7u0f529+XMsvtAFFWwvPChmAlpnK45X4nCX2"
    "Ol5QTMI80nYN4RW9n0ZUBvg8TXeYSSSrhJG07XAEgq6wVS1DwAJl9dbvyUMEWlHkh65gaI"
    "K8xPR2+jZOy2i94yDd98jCI0a0LvZ/BD7xqHyi0wec/IlPBCxKvVkU4Dzb2K3HtsPUrW+r"
    "TiJ9RFtB3aAu21hwHEa0v1UW2jeEWaynfy2V2ZS3CuFtyG3gEN8ufog3XQlkKuFLRaBrSa"
    "ke9uslPdo6Y93pX98Mxz3B/lrieX8kznuC/UV+ibPPw4FIfjsHS/xxOO6P6Rn3YIknU3HW"
    "XwwnY0K2O17imdi/noxHv/UE72iJyXAWPzl39ITAj3roPe31UXqUDUZSs5TcHiGqcrq6Rk"
    "knys+estXRvfKdB+IdRZ1nUu5VK9OilbJmRQEGJ+dk6Jvp7prFyRl93yqktRy9HqaEAIY6"
    "i9J2tjnLyDW7o7TQ03XuaR09Ec4iTz+HKaGX69zLZDpy1gIMUIBT8l5dmGVAPbW9yq/AkO"
    "LOJVKl2itQQYiVFTlUXyglMXKkohEovxo1ubtpyi9rc8ea3ynqL5+idZL6ZRZB8jJZkLyM"
    "CZKKYZDRThkFNguSMHhDVGnsRzkCZE2i3ik7EU+DYWqmzEh0fKNhd++J26oDRFHw0ErZyO"
    "rra+e7gfJ3Gn7iYHjTH706/6l7aY9RwqYpzj7kDd43Me2sSSYAP8QhKsB4H8b8+AK2GbGV"
    "7XJaRFTbsEPnUkCOkwLae9C2cAG8WcTHQfysIXCDHjqZc2uvHhrSLlQTzO4Wm+XDNUwEuD"
    "Jw9UqvImzqnO5pLFLQye3VySm7gscF1XLtK53cjajmwhM4Q6IAyMJQYRaG0IQvAWK3VrPo"
    "NdesZSIrzKxlskDO6hJqZO9UxxnLZDdlhEcsiCYBviBUM7uR9gzOSkP/I+Mq1WjhjbxMho"
    "tdYXiwXjSKDeqmWC/+smRsMp30XQUCG94g2UmqfD5032TWQWBk5lH2hMlOEmVeNXwOlMNk"
    "gPJ+fZq/H/ClCYwRgiYgRcNC99p8apYAJSC8XxEQGJclCFNhf5CGIZ1VlopP5Qxia3B4lq"
    "d1aZnoFEWaMadr5Rzl6b4YQkZALZYsXbj/D4SKdgkV4BJVqUsUWRtNi6FSyRYQuKOuKpAp"
    "hnVnOpkvxOsOH94uVU9wvpd42p8thv3R6Ddp2h/S86Hf9Lpzlh5/ntBj+tnJ0Wflx/WBG1"
    "sxN7Z1DvTWgJ3D4lq6jvCKoeNJXpCDNC0MeLzMsiYnL8nxWvGrRxk/IElnD9E0VVqM9jg6"
    "iPMjDFVXAXFx1j0/y6yBAIdWcGhtAcbg0FqdQ6utzpW2Mku4S/NmDdOBY2UGkB1dEMoFdJ"
    "AWwM4ANmFo8+DsksG6sQdl9N1EtpMIa91IZpUjZKVUNq2R/uL8LFNGo7OUjEZnMag3yJSp"
    "+iiO8y/zyZiNc5AmOpaVlSn8R1AVozILR+cf9xZeUSiFO0tRTQUbr+lj/8mp1ShjdFOMaM"
    "vJ1WWjhWS7YRdr2kC0uuxWV54IZlKermHRQheV3kUQzJC8ZrU3mAEqh7at1z2MoHIohFq0"
    "EGJDVpEhafqaN61MnBCGMNS85ODEyo+2CAzJEgCe09YmersK2UUxjs9iiGppRlRLNEtRGc"
    "EtLRrooQFbQgRQO33YwlysqmorG4aCWE3llw0Z5X2/vTYhdgAXvaRYoMgY3OuqB0FALfTX"
    "I6Kr4s2pjNAGSQ7HpFdlrylbAgq+RgzTZEtChKwUS8KxZZ+QLeHi7dsMtgRyV6Itwb4WBh"
    "tC2BK3mtJC2GhRGmmrMzMmpKIcJgSc9+C8VgxHQN0ifYVYQn0q2izyk7Osv+fAmzot5fDZ"
    "C5IBvhD6emxnMgh9PQDKHsOQ4vOUieE4cb8n3sj5XB5mUcLTg5l3/cgFc5QQYE6DGbLnVS"
    "Ntb3Vtba04TeVhIsB1jx2XPx9BAjUgDckJyzSBcScnjI7LUs26LbPlRMFOmNMZUHeX2xLA"
    "nu5aainK4a2pHHuuBBkLj2SAcy2XHYbxzbvUTTO8bZ2bwObWLpsb5MioNEcGd64AyBPQyV"
    "MABNSHWaV/Hd0jmlIhoZI7G98QUfvswecXmWLLLlJiyy7iKQoh3QWku9gHfWPSXUC9IKgX"
    "VJMlpZnBVlAv6LSDrdqIMUQDnWTtlabiXHKYCgQV1ESnGQAuWbsZRnevnlOK9C6oPBu1M3"
    "VTVJ6gXwLvkqaM4oDl0l2X+LxLQkSA636+dbuzhRU1EO9aahjEmQ3EodGVvfhCCeCCQ8kR"
    "yy0M5M1WJt3F4rb8a6lM1sq9C1irdrFW9ncM1hRbsnt/6yzJ1ViUHmWMESNdb4pBaUfSPr"
    "PduzcZMH73JhFieilW0kI3uRP8h6kKmu5rhjif6R7hNTd6QZpTxu7OWpNdjEss3ZEUFksb"
    "BF0uexoY4ys2xoPFMhn39losISlo23rdwyiaFDSmM8liIlEJBAWNIyPSRGP3r/SsVNp2q+"
    "kmTU2hFPWJn/hNtSjNXLW2Izd+g2Ux2oV2pNiJnJtAg9EuDYbxzeLhEd3bW6e/KF+0Pq5q"
    "6Ni8QPXpp76Rv8bGd38tTo/2cFh35ovJ4F/8tThdsp7gHizxXJx9Hg5EcsY56OTokPLrbJ"
    "LdgYiPiG1KytYpkSYO2DdXt7/x9gsh6QnkY4lv+v8inUE/8/TEhwwd8SGxHz7EMkqQm77R"
    "p+fsgyD9ATtg7LLtPD1AaXoC/Vzi0WTRE8iHPTuG/ZE9Och3DXrE0jY8u4B7+wGxF/ucyO"
    "e1EJS+5tCaNknJ8VKUiGEycMtPLfpJlok1FT1WmsGbFC9Ge3pQ8+RcgpR41abEo6oZiarW"
    "pLX8wtA+JEqScUJIvBtPWXOPzBfJMLXVN95lIkJ6coOYa5XYKNjNA5Iz/S67AQA9DXQHrw"
    "15R2Wr8i7QcWIAO7Xmqr56VJ5ymVgipCXYWOqpOG6gSSVuSYOqr1D19XRLikLV19p3ETh4"
    "JK9ZzTT1g4PHKfZ6qQ4esXJM+V0YTqAMmS3UE+bmyXUmyA/WnLY0og21G6uN9lR0XNlQ3Z"
    "B22oqUqplFfay0NoWphb2qtY1kGfJD0VF0pW3avDJtVRonsnZUYUXTGThtta2+bAivZ03/"
    "VgpYX0hDrUYqmqu56Gre1hzXYdAela0dWlsGYm5bbcbrTlHVMrD6jPBa069Ia21Ga+d3/F"
    "IGaAHf4zajZrtISLa3hGKiTdFNUrdlHcMckrZaC5mlrx5lA5W3/E/dFlu/A/xllZQt/99W"
    "CxPlhxMam5aOy4BqZrfUZqwcodrJNlcGa0GbG9DW2gYaV+RJhA/R7qUNgUBX5DQtzwSjhU"
    "Y+MoiepNHJ/U2wyUaaadko84TsEAC09Yg6xrCidnZXu6mBO/Z9kkpuhOCddgXvrFTNQITs"
    "Udesh0e2wSLBRBWjPOVUBGD0SR7CJ2v0qTIY0ynp9EU2V4+spT14OXVtdytNPdM7UbbVvU"
    "P2YEHXngWyLwhuJl7hWTEfBVlwmhNUZUM+NbxCgmIaAvpOgLd0JDzLhnCv6Aa5Q9O+obUg"
    "m38XyEbQiYykCh6xxLQ9xRDoNkZOPz8qKqLN2UUNBB39SMepQW/1G+sKhiaYz5p7kyFg9E"
    "Re6E6jL4IxeasVaZdSGAR+8maaYZA/ILxaWmdn8vuffnjdgT2vdnue9mRL1mT4MHhNTVOR"
    "jBMcMUOEEaDvCGVVq7N/5rD73NVkMgqtxFfDRcQV5vbmSpy9Oo/4Zsbdu9H3FULrXBtkhB"
    "R8MuuzIYLzy+nyQbWswtH4fasQd5mhloSnQ4kF8ZZeSeKoXZGkP+lmryMx6M8H/WsxkjG2"
    "EM8uuhW0ZrL9iBjTHrqeyrWHanFVoJP5GkrlZgvwvwPPekw9DWTjqzgbX33rjtaFGWWovX"
    "KEGx831PhIyOUqIAjhA8krQTN5aQgfOMVer7kmmQwqWfxOHZJYPGngaipHanMuyL4RbITt"
    "4j3/1O4k3cK8VSCDRCDdxzSipvYNYR523ieA1IkRXj6eOlHeKpKNF6dKKkKWa9jWTLtc9r"
    "hNzprIxvTwmRIPNm7LT0h2r+kbFuOXDO+OooUAl5xJ715RkcSbVTVE1EKMLzLli7hIyRdx"
    "Ec8XoWvPPAmyvNshLVbcbrpViJSRy2wapGyhNNhc6S8u9IOqJ3lGNVPoT1L11EToD0Qgfb"
    "RUssepdtZkhgIg4c5umjIgGC51vyPK6F72RVdME2FBwbYzFrkbG7KTJ0a7F6gH1ovghft1"
    "BTefQldwa2sKMl57PmJYMxGlYXmYVfKUJbbjdhy/MdLqGsmq6zTmeJfJ5OZH8sswyQwkt8"
    "jY9l6zqf5mgLtYDdUfZHQrdDRItM8sBluTLTE2o5mD5scmQP88nE75E8gHSGm2bP/HEk/7"
    "s4WdK9s9WGL/vuCzji5VeSlXinVgvJUD999w/HkyHOTrQI/W6UHvF6sLd3eGnnf0TvRKJx"
    "frxHgrB+zE2/G0P+TuPoeqJzjfrC5zrvttH72r6La5pTzphu2ElJJaPU56erlOedKru4tS"
    "LqwZtAB2GthbWckFdIQOQE4FWdc2Co0s43XIiRFCPBp4EbRHoZDFDzuYOYhLFowTgsU2po"
    "sNajW40I0TArplertr4VKehTze+cqC1qtLsnq9x8cj2/M9YWkpjPEuI1lrIY4vqFUHF1BH"
    "reEmzY3Lvdrd68albLK7cdmRug7BzMJzU9bNnq3S/EW7IyeEXVAtwcykmtN7wqcJj0hHwi"
    "tHM2qfmKG1YjjxsrFA4HKbB/1qvfSrzSrDyQ90pz8YTG7Hi3lP8I6WeDAZL/oDes47WuLp"
    "bHJ9a5/zjpZ4MhXHw/EnyS7e2RNCP52rnjJv7lz1fy7x1eSGnKSf9VALpTm37O/qZji6dA"
    "bzz6RP55+XmFYEGPUE+ytPB5Ts/LLWX6hDZhz+1JD3ABXEu3PEu7u7URztBfqesF8ESOo8"
    "wkvxzxB/XYSAjlXb8MXq0WT8ybs9WoIj6lBryqrE6XkUJgL/o/g43mwp05rLNSVCC5kb6q"
    "M6Ahek9msMS3BB2ufRyVWtxJHiyIs0bwQkif18WS85JfodYAyBPoRmsjzviM7+BpfB+epR"
    "plm1nOxbjlOTQF2ghbWy7hIhe7OhblNrJxnXM71ZMYVnnbpAvaJy+R1NJPY3I+hP9UMvJt"
    "VX8pQllgXCqwqm/A1hQXOcrgxrgwxBvjfJL/oUVTZM+6k6WlH1zDpJJ/A1qAuh99Dsr5AF"
    "4aiqAtXNmZsRVu/2w7F1tcc2VJi9gB/NMfxn8kjjM5FsstdEIncOlvh2eu2ccQ/ImTGRPM"
    "af7HPe4RKLs9lk1hPsr3qoT5Cua6zaKcllHncU9SjuSJ/XmuKOgd2BzxoYJ4T1KckeyIQ7"
    "jvVHTUfKA/6X64Cz3wIVNoc0DOmsNqj4QMtggzpYBIIDP1qL2NRfkjlc74YMXC4RQRG5V8"
    "maxraPBa8WtKCshQflibCNpibI5Dx9JnXPN4VH2RCwJjjzl/Kqtr/+MxbuNd1mYV+R+7Ut"
    "wrTLonxu+Y9YYrsigUDL/P3QE2TBIHwsXrs2MoeYsNJ4bdAD2w5mhyp4CWw185G0ksz0eh"
    "aVYJVsYHrBPgb2seoZvOPVs6/bFneAkvamrJN1j491C9EA18aQKp9k1WLVyEkWUnYU9RBS"
    "oAI9KPXbrdSvkqsPVNlmsPThGtzJ/Hy06ncWLzTCRRM+99X/E5bW2aV8aTPIxg8280uQRf"
    "oTWgt/WTI2FfOFssmUr97q2toiq4yC7Z/k76NHzTLQ3wXXCz7G0Ff0nCXWyEgULDIVdMLT"
    "U/00LVMhvPpjrW3IkH2tYCI5mJr+8po+Qlkh449Eb7avHfd59Lr/LODij1t0Akt04DCW4b"
    "RkqQGq04sa+tB9kzlqyJt6nPgGyQDgNIAhoKhtnESWgCJ3I+GTksJEICYxxCR/V+ZDNkoG"
    "2O43HAR4oYJGg+mupYZBnNViEJ65IWvBjCwls+Fg0WGP4xLg/RJsq6UARydwAsRHlN1uiD"
    "jTSRLd7Ivd/ZKbLRNlFdyQYJBxgjwbhSMz/WhLWXZrf3cTKLl8hKDpgoMZkcII5g8W+eMG"
    "kb3uCayCYibEEFXwDAgkqpeI5UndnDJAkOwUi1JwylmyoXGlrd5RtNAycfH2bQbLBLkrOX"
    "kqvRbxzNIsfcWVo3ZHURXGx0sOfnmRAeHLi+RCPxfxMXyPaGEkLohDRLlQ3h+70KYM7M2y"
    "PBwU+WaqC7LUrlE1TlXBjgBS7ce1BKB9Ae1LE7AF7QtoX5oAcEbtS2RHKwHckdbA3Swrqr"
    "s9nFubFU4ZaidmpTE7BQMN525bIzf8px2wVxpquJv9DNVfaGlIVv35swvqv7VLr7Yifc0j"
    "Knv3t65OWfmqCN5iRG2uQ1SFKq1ZWgjwWsivhsiV1CDqZ1iA5wh5NjZsKCSyHOF44ZBlry"
    "BUniWxjUhRhthGqyBQRGqwsWorTh7PXxK731aYdGRaOi4I0sxupEXSUHxpWtH8+mWsTQMv"
    "UX9bRlOVkqOTh7XDEBvdK900mdGtEl29xPg1kLHiEcm6eUfYO8rc/Q6yJASzloazF8sqfR"
    "x+up2Ju5BW74RXX2k4/uQVWCKHS3wzm/YE8rHE81FfEueD/qi/GE7GPSH8e4n/fTtZiJL4"
    "63Q4+60nBH8t8Uy8GY6vxZlE7iekoZ/kyTfTyWxBHmt/LzGhsn87351s46Nigbh5WWk6/7"
    "4Vb/mLcjlUtAPpN+m62/HYHhTuARkIt4OBKF7b1dS8wyX+2B+O6Cnne4lJzw7EkX3KP8zT"
    "lRUU7NI1KtMxOvOjqsnJ1kufKNKH95Sqql48e32MQIzJ7dVIFKYzcTCcD93wT1+Qti/SUz"
    "u/rJnYH8VqEunyhivgdkcBAbchhUYZAbc04ZzKUDYld8eOolB31JNvPxjudqqrOOzJ2ZZ9"
    "gop8ueqCdiWplnVE/rZB1aN3DG/bNCe6MF0bsI9soxeZUlVcpKSquIg53RKhSNOJdPMNYT"
    "6PlTghuFnF3YEclCyDt2hWjA7AZYBrmmizZellknENkEBG9iigdLnJAWqU7HDAXjYEWHuZ"
    "5NnNfIIDCptV8clVy/XkL1pIMtBfHEM2RAMLQXS8ImwDlMe4HSGFwgz1CcGPO9VjzZTu0L"
    "2mJ1TDTe7mMCX0cp17OWSU4OznKC30dJ17+lnTvyWIGsm8RogIxOZMYvOK2ghUyVc6xPFO"
    "LX3GIocaaBw10O5V5eExod4fG/IdRSlDvEauo2+yVPN7k1zO702snh+4NiZD3y7Xxoh9VM"
    "/X62FKYBHqzCLcK1gxHnN1c4QU+rlu/czhqMzltxXQEOrbhEqvLqVXrn2/P9yNvnV9uBo5"
    "SNiucDxxUTbb/bMnX3VY0VGRW7qpMVIOG+8LbBxJkmhO2C3SBVV5QoLTDs0ru0KG8XfhD1"
    "MmQG+88z/+uHpEq29/uOXRFZOdE6l4kyWHaiVzhmXmtq8RW1ii3JOWF4nqUXlDjcJUNfa5"
    "Oz70tWTP6saUN33frrGyDrq6GSwat2u9Reu6JBbICl1PZTv+dO7kKo9VxNsefOoP6VOPrc"
    "0dYji/pYQR+xSt46jKN13ThZi9yLPB9e5PW9ibxzyluTGTdTrqpII2Gs+A9O6HuPbiKSIz"
    "hEk0IV1kxy3U5oXJiEs8/3k4vRHHi57gHS3xtP+bc8o9IHfR2m9S//qX2/nCvTtyhlBNpJ"
    "k4EIdTSugfL/FgJl4PF/S1RLtmsPdjib9MZv+SJrNrcdYTdsdL/FkcX09m0tVwNOoJgR80"
    "fmM6HQ3FmeS/YvQMDdj53B/dupE+gR/ev7Bjh7w/YP+gNIvbmX07/V7im/74tk8e7nxHBf"
    "1MQzSLJJQiCMXlIEixCSk2wQJUiQVIp4nKDWTw+SpHqMBTeW/mQg+xOMjc6d+iglqzcE7S"
    "pXcjeeAiQ6xAMjiyPK0Vk8wAs2iukYHd0ljLxHE3BPfQaqDgJ41WgysG09BppaUYbeWXEt"
    "KMTJ1WGrgZZswyQmevXDQPUjuXunB6n+IZKl2UMiaobOR4MqztVlWQLpUz++Zucy2fhU8I"
    "rzVdulPUohPxs93SFWmoRdPwANp2e04mK9u9Kbtf1+4vE6Bpb5RI0E3RtK/RncIQtm807M"
    "oCcWWwR3F61UV/6l5mLivkcPxcyO5IANpUaC2dKtW44vSDNO0LNrjMYiFKNhDFovM3Xr64"
    "zGN3R1J47NYM6bJHr842vqXWdE6wv50AtBdn3fOzzNjKKztlIm/SgyBRRXrE5vEMwbBcIv"
    "ryYRokgaIyDExVtH4gomSuAcukBZT3K8CRp8M5rPa7bihnVX8HJ3GWwjKhYVkCzCO7wf6u"
    "vZbizJzPGQAvD+nsGNdrp8uKcCZoj+MSGR7kDDVNbBYkK2rCAwlUNU1ku6BozV5pN0vgcX"
    "LccSzsGCrWVBtBYgPExHe/X59HW2esO/05udIT7K8lHg37V8PRcPFbT/APl1j89619yvm2"
    "3eTE8a1ou8jRAzt3tTiei3byanrQydN/paQ85ggW2PVyzEgAtsQDmnpoOUYW76Dt4xg0no"
    "BNcrfwStO7wr2mC7IwF2fD/khwi3x2BY3cQnrB/EHQ7sll/7zrmyfcvQiEkRDuFd0whY1b"
    "LicWwln2Q5bYfJRN4Y4+g0Z5CgpOCvT8Gizuam+fvwPHc7IcT6125vJ9bdH3raIjI9HXNk"
    "GxF6IqGBDSIHV0PCBERytZVXM5K0dIIaNF3cIlwSc92xLVXp/0cOXyjPt6mAg08vs18gF+"
    "q6AKc7prqWEQZ1VihkdXkcrkx6h7Wc8dKkMVPih5mbVSYSmV7v1yhVDrnkf6d8YYWwXgj7"
    "9UPUCgwGsWbYDwKOM1lcE1V2ZXsH1I/g161CwDCa/+n7C0zi7lSyJ0G7YoblDRXEc//F2w"
    "tmtbWtcI8yA8PyoqopcY+oAqHrPE7lL6N0Ow/7Rg10umTduqgl3bikEzSv2oknvQOllroD"
    "pqFp8O1AZHVRsQdOioYbDraU5WAarTc7/80H2T2cmKrhV8/ioasMSx4RvInu0tG3yoRskA"
    "2/3ihrtQF/VL0ZoIbWZvFI3DBWW35RWH9UuwrZaCG520tXJFoaFVk/sbgrquEPBY3GT0ll"
    "Sm0o75krR7aRO6HzxSmrSapjFaW8IwmdqGIfGlVSEIUEHxAY7iA6CITh7o7VVEuyJsjl4P"
    "U0Kv16XXGVaneIKHupgfGr9/5XJmKkGReaVt2u/AlMGQ42Xmr96Mc9ShWoIRZ9CfD/rXYo"
    "T7L8bRu4OQxcnvxmcKB69tqor6/0ob79hAbrYaphkwQGt6VGZeMxRvScu64QRIoJpplF//"
    "yyJyjmK+SFtWKuNUXXSU9DgK6SO5WuXRSZOXkLcUrRViBUSlgh2jPTn1/3sOpOmWwLX+7g"
    "hAQ82S6r3tjw/VKBlgu1/7f8dSVXGrqRkq0IbBnJVX3c1cNp/KHMYlINx+V67o7K2VGcCt"
    "kMaQGXa105JFBrdUG6j62yUdkDlrWgyVSMb0/D714UIzOrPb8Xg4/tThQ9wj6wnuwRIPJj"
    "fTkbgQr3uCf7jEH/vDET3lfHey9VIF0XqhjADU3MbWE7OHv09QfWmP2sgX8VCOR01X/peu"
    "wfILY4gnrh1RMuDBGPwtESg2hrRVZYwR18IcpQMFQywv0/cVsl+CMWh/mU/GSRFcQarovF"
    "dWpvAfQVWMytDt/OPewiv6AsKdpaimgo3X9Hn/5Fyoy1gLKEohi5C3uL666f8aXXcHo8lV"
    "1NRDG7gCO23LLXZZ7LRQ4Po0wgH/1O6ofMOnrQkTlZJisPHSRi7DrMsPSJq+RnrR8gdOWx"
    "PaVAPX0lxmWncgFjbT/qLd5aui3ggjbXi6hpQz5BWE8e1oVKaVNjQQGWqX6EBNVr7Ep8f+"
    "UJ6+QP6q8KwThtsQTIQNGm1jUidVGa/dH8hAgmwKGhkTwqvBZPrbD13B0OxEG/azhZWs0z"
    "KsdqBNVBQu/wk0pQcSXF2QXb6d/FuBBuzQYCGs0dQhVOX44zf0IgTGQM9uj+o47mQD/c2g"
    "peJ/1LXnJXYLtZmKrAp2VXjhlSzQsB/yF8i39s3auu9p/xc3Jon+dA36drYSWnDkhUYM/S"
    "A8ywZ5y2f6DxTd/5MOCK+FLzTMiP4OvJzwYJGRhNbCo0YGDc1j4ly0bF655z17SXgF+9iO"
    "giLNkTfs0tAlGv2kPWMyoGVsyDZR1z7pvqEhyDryKO1EKH9ahmmj111iGzikUF3bjgCT/3"
    "Qzm9LHOtT0DwrOZEgMh4qo6b523PVGJ2QEdcnWKPwO2rtDau+OVLywbltmWP32JkuuszfJ"
    "qc7itlGyWjBGbzYVqUdbZ6A701v632mSMu/IKdb5sT9Y3M5Ep2Kn+6MeGlHPkyKnAwY4X2"
    "RwCVhb7qoexzhR8RykOWndc2hb5AAwSnfSIKpM8FKjUFQ2bhCCkhaCskUPD/QtYlAnq5sD"
    "JKBrLl3XfK/om5w6xwAhaBzrrHF0u4r8aWvDdLBJZuEZpC0sfnSRgWm8vEguf3QRZWhqE3"
    "0Tx7l5UmmA1eFVmxdUmdeNp6m6vDdLr8vtfLfz8WoYuizlrvcC4arebM0u062xpvnpjq00"
    "Z+LKHdp0MI/GL5r+LVG7vrvYTVOtP5PbePTq4NpYp2Wzm6IcxdbmjhWhk1IBwqdoXW2N8p"
    "kp0MAlrqmlaeD8eDHqWG5bZ3KiHW7g5AKh+GLOTFk3ufV2YaqT1trVX298BD4rI3Z198eP"
    "IdeZiSOxP3c95Xn88V06WirHOUryyB/0xwNxZDvl+4f1sEKBS2gy9O11CYXUPW3rdYa+Np"
    "a6x+eg8sz2CC0o5uvT0fH5XWM1cZv0mjXVwR1duVlBjYgqlXBjW2kyRwRP2kkMTVzkjm6a"
    "Os5RwUiGe3MlCYoMRD1OacsvSNYhPdFxA5D9zsiqpdtR1NmnLqeernwZxR7j2cetdzuEZU"
    "bNnKpsmNKTrFoMxUZyjvwQEYDKGSFU5cY1l1VkJJqPAldTNyyD3gcGpDZuTWBAqtSA1DxV"
    "5/Ws/3HBq+e0iXqC/UU1nOOPw9mNo+F0D5d42p8thv3R6Ddp/vNwOqVXY6eW2L/mnxmMJr"
    "YG1fkuT1OaqVx8SrX4eLF4BT9pygpJW01VVgybYbZOj7dywLwzk7F0LY6Gn8XZb7xjIEDa"
    "EwI/lpj8mMyuxZl92j6qh2ZbpwKYQTVW/A7sUcpTria8snQaa5Uw4hO0hQGaFoo4l1k2ku"
    "R9JLaNWHemZjpm6zDCNxp2VUjx3SNAdHrW8J+6l5mt4SbpOn58Q1QAcCrA/OACsJnC15Cq"
    "0MBtqRijyWjmgEyHDazD7vEyHQHSnhD44bObPpMZZy3rwYR47F6xDoy3cuD+G44/T4aDfB"
    "3o0To96P1ideHuztDzjt6JW/mFxqgU7MR4KwfsxNvxtD/k7j6Hqic436wuc677bR+9q7Bm"
    "slTxC/Q9QZPkE7Qh+ijNhC3+ughZr2Mxfr4FezQZf/Jujwb+RUUDw9Q2SJdyZXFgU7ehHy"
    "KjPJMu4jxFGXEe10aQJ+aOsIzSgi9HnX05VnQ3UdV8PR2hhZ6uc0+TTQrpWFaZbjvJ62iE"
    "rJQFtEZq+/OzTMvnWcryeRZbPjfIlKnVJI5zcr6AIE09EgbQx7YmYcBWV54IZlKermHRQh"
    "eV3kXgLJ68ZjXTbRicxU+x17M4i8urlWbx1n4KE4EL8X4XYhexOMbcLsT9XUsNgzirC3F4"
    "dHG7EMe0sgWzNA+dVloEeNhZsHil4Z0HWtsKDofMt4/Klmp2i4LlNtNWmHRkWjqrIAgPSD"
    "O7kTZBxOUfGki9Zan3iqqy0255iHqp0/fjOtluNd0kYJkvH8MtN1IdlD4Std2fLRm7lgL2"
    "l6Uxs1hyQ/Vvr6GWgJTbXzup9nl8x8zkt11VKXRw3oay582O1Ai70+xeI4Zpsn49QtY+A+"
    "XF27dZnKXfvk32lqbXILnSofP8UJ5D2uoKy+6einKYEHDeg/NaMRzNwxbpKybHnYo2i/zk"
    "HB/fc+BNfW91ttN+Gs5BMsA3BV+MTEnesPWOKV67YbKTQ5jb6TwHxGEygDhTakEdGUh/yp"
    "9ZMEh/epDnyuZIdZ7b/IgHyAHwTIC7JovciAfpAfI0yB2FCpdGI0gCRk9WdRbIR3UIY7Lm"
    "JXsoaEoOZ45oGMZZrcnBSdvYdPu1RLZgqq949FQJpmjXWH8Kdugy4PKM0W3GyzFIl4GWY5"
    "VuG1aVZi7ynB1YNrCAI0SK9SvodbG/lvQnTVsbgorkJ1o3WRbIX0C0zjOyyyPTisX2fvB3"
    "uy6xPSTsus4vdlliw9RW34SN9kTOvlpaZ2fy+7evL36w6wyH6klX9hSwzdXLNgeJlapNrO"
    "ToBySWoS6lgEGI6qQLGKw0w8yR9CJMdnp6Ah71IwRDJC8PzXSLzxIMAdqh8rVDPpfEh2uU"
    "DLAFDRHPTpBfQ7TTYjCHcQn4fgm21VJ4o/O3gKIINB5HleITvVkjmO6X5sGRtYXCMrgCJs"
    "7Xcl0BqfjGCXKI7vQEPn7DMF2g8vD/ATpgVMFEfDBc/Z2VC9gIFSDLQpbq6yWqr+fENkqX"
    "C926RRRUK7caAZtQUdG1fXG23YhkFZm9GWTX3R5VqnKgZcJUFOfYzp4BaXAkKdmRhL0klz"
    "GMaWM3blvNWo0zLxTRrahWdfnEpwQPAedCN02hgJ4y+wYUUSR8pXn4/0RkjNqDpyv4vwme"
    "v3OpGa6Uh1PRNPx0cXF5+f7i7PLdh7dv3r9/++HMZxfil9L4hqvhJ8o6dIPGoP36CIsF/+"
    "3t8DpBRGaib5HTrylRNcb7QC45+0n0480xEsk5xnvH4ha0pdl/PRLz4k6BrC4R3v0HK390"
    "MI+Id28yeES8e5PoEUEvxXKQq5rMGLcpSRF3JIfPhXgc1VklWQ+1lV3OJo+lP0J6GFP/IY"
    "d9Qyz7Hkippv21Ymxlc/WYq6djxAdJtQxdna+ro0xb1h0rSte+XBAV+PLtGGIunjdM1yId"
    "2UG432CGSVPTiQzzDWHeZJ5Rwoo6oXm2zii6lsHrFBajA2x5KysHPG/Q3aOmfZPcQlfMau"
    "w8viBfnPau3bpZzeWRD+wOYm23qoL0qVPpqMPyCInc0k11CnFvltzSSeAX0rz53E3Rw0AQ"
    "RaWMF2/Z25KK3TZHQmXETeRI2XLsdC1HdlLiCZnIVSYMqoPlqA4GNZtj62uW5TV7zWb0ff"
    "Uo4weUJ09ZjPY4C8f58VaNi7Pu+RlEWkGkVYqO7k/NsquaEcZff+ETrlmk4MLGcmHzJCw+"
    "B7YwFSCbwX/NhSyOMtR5iXulhMdXBr+f0IQvAeNfnPZEr7mWAs1aJwtEYcmqqq1s1VrRWK"
    "ywlqjvt9uivjikJi4A4H6dXBjt7No5KdL9oKhr1ObVTVHUgVakSq3InaKyS/4mjtsABTBf"
    "rFgid0XiiyUKEQGu+5na7c6IU9TVOm4WahjUmV3aQ6MsA2tL53oJCH9GeK3pV25jLQU3sC"
    "7WypE9AD6D/wp3TTLD9WTfJ9E/WQGD9TUko/rM3U77/juwYGArbautlDHeOaBmU7fQiFKJ"
    "sYpsXabF0BhQvEUyimM7XCSa1qM+WBhB53rW/7jo8CHuEPUE+2uJp5P5QrzuCc43+d2fLY"
    "b90eg3adof0vOh3/S6c5Yef57QY/rZydOH77J0YVTxH+jBd0wBhtfbIER0yi4Ha7IRc7tq"
    "BGhOGTuwc4Oduz12bsO640/ZGiQCVdsehGl5LX6IQ1SA8T6M+fEFbDNi62jVpa3MkrH3au"
    "N9utPL85UDZMJj5cHYJYOhvAflDY2WlIrJftE26szOdW76i8HPVORzD5ZY/HUgThfDybgn"
    "+If1kOgcYAn/hrYJ5vzksHMW7eHjzwP5E+4sRTUVbLymzztGCoVKotJ3AEvydqtrzPqXV5"
    "qmIhknsuesFiJ9dUeaqKqT/DOH7Y+ryWQU6o+rYSSKcnx7cyWSORNZzRiWRtJLuTxTQ4QH"
    "iRWvy25RJz9UD5NUR1RwP07eh9rrfmxt1zl7PUwJvV6XXmdM9lhNuDo4nddsKQef8zojCz"
    "7nJ+pzXrNVAlzO698XoeFbQsmUneNSy/L8VuqbH0Et1SFsf+GUgFMY1E5pod8X4W8VbxZm"
    "dWQOkByOT6pKu182+wnFaBLXwVTd/okUo2kQytQsncMrI0h2cobA9xz4YmRKOSKfwmQnOY"
    "p5XTJyoBwmA5T3oAwxZlCvqiG4WvrqUTaQlLfcWnIDgPd+pSGEmxUPNxv054P+tdjZN65L"
    "wHnqtnoK1ZaSJzaUXSoX6Cxll44TSTlCcljpFDzfTVOUqeQOUI61Szm20jZbGb9I9u8YvC"
    "khIBG6OvsNZgc75BN48fZtBqdAcleiV6B9LRJuo2GTzJwceIfpAO9seKONrDC4sWSgfYKK"
    "8qQeL+S3Eny3BCOugewTtC8PbfklqwyNMGx8cdQ+RfvwhdBpG9qx+KXDhzcl6QnkY4n/fd"
    "sfDT8OqRO9f7jE18N54ELw1xIPJuPP4syOtPYPO3l6r3QXe/K4J6Tn9CuN0IL/cH1cCuOe"
    "pOi7iWyfF5YMkLKXh8lKWRFrlMPj/CzTeniWsh6exYOKkClTaSGOc0q8SoCmHnEq9LGtiV"
    "PZ6soTwUzK0zUsWuii0rsIAhyS16xmurpDgMMp9nqWAIeVvNnKygNnKcAIFYQ1xO2WAZ7c"
    "cZbnRDiBHKBOg9pTLOaEOkwOUKdBrW23mm5SDz3OuKi0JgDyOOTaM+YNjgqSAKR7fRxsuE"
    "qwBN8aqIFqyaxW4OCgCtmAyQsI49vRqMNkLErAdRBoqp3YRvipLPBG+YMScM4e1ddUmBOY"
    "Ki68XSahjHG9a6nteIc5Ky68A1xCCZhPwq21Hfc4i5WA/XHcd4K9wfDiiXRWsjPP7m8qEP"
    "HWaZdTD69zCTiV8Dk9kBXzIQHgTCbjh0rRjluMp7PJfCoOFsPxJ17LcYC0JwR++JbkQd9J"
    "vxb6ucTk1ulk3h/ZRPbREo/FT5PF0L0/8GOJB6PJXLyWvtALu2P/PPlc+Bfoj3rYn7e6di"
    "ffKSpzm51vZFVNi2IIkh7Orf684iDTy4v37/zljP5IW8nmN/3RiJHepHEuGZOpOOadWZSm"
    "J9DPJbYHvj3inaGed4x/yDDEPySO8A/sNJ7xjqhx0bKmZEiFtOvVp13fopUtSKmawV8fII"
    "G8YKmAevmHpg3qeKUAR5ulogeZb9hG6cAxMZNjIhl2pqQj2WBlrkhGO0LWPrDfZvJ6epvi"
    "9fQ27vVkT/Jc7htBQnAirI/ZHpwIwYkQPNTAibBBXQROhMlrVjPdycCJ8BR7PYsTYS4Ptx"
    "L82mrXxWV7W4FzJvhUNQRSQ1aR4abi4MvkHSMsBd7G20RTHNaO4fJTt7U2qy9EiqcPOzMM"
    "eAOCN+Bxsc3mDZjssRNcKEzlyXeKCQPPk9m777TTIpepqI1WRYS5NZVVUaTmtKmA39LYbr"
    "RF62uCl56fTik/dF7OphYOsBKS6wfGVMvyuoWQ+svSzKJQ/Zu20SaA4i6YTL47jtoEo4VG"
    "PjJurXPa1sRrqkkMd9atNS5sZNldk7C/t9R7RVVpgZDkEev1AdcU/xhuuSVLYn7v4KTSGI"
    "xVMYuX8AvUxmioVNwVoDZGxQDvAA2+RgzTZCNzhKx9XhuV+GFDIZLEnSTVUZG7EMlWV1hp"
    "6PZXIvEJAec9OK8Vw9G6bZG+YnJHqWizyE/OA/dESpM0xcc5d76DkrIc1G3JgPoZ9cU1Ld"
    "fBEaNp6wZ1ZltHehAtu7wD1BdoQ32BKWX5RtQPkKF82F3spqkdbLZRos6EoHBol8KhbqHJ"
    "LUvHDmFlVYeVuW8r3WsM40GagidE1rYogpJBfpJVhWxZurZhiMGJIXthqsoj9WqjboiH6j"
    "lImBo/eg7NKWMHXvjJc76Z/tjghX+KvZ7khR+T9LN5hdna1cI+YS3LFheaQoqJNgUB8sXD"
    "IWmrgVOFwx2lAoHbBi1N6PZQzSJ4S353lit9fw08wx4IO13NRsGSb5v7HcT0I4rpoa6Ib4"
    "hplqgoKVj+GmJhreee02oDa/Mg5zGxBjcTPhNVhA6sVGD9qxTXFOtfmFspbJgKmD8ahnN2"
    "01Rk9oLl71Qsf251eccdniWIhG7opgoioUr1YAVsl3iBrc0dK/gixQ7oU5RjoqqT7eQii/"
    "HkItl6ctH8mrZFE6jOxIE4/Exr1HpHSzzojwfiaGQXrvUOOzn6p4LCtWClrdiAiNkhcQv0"
    "PWHl9gna4HqfpqEXf12ElPOxxFW+gn40GX/ybo9ms4qmWoXMeox1AzLrnUTaNsisV/suAp"
    "t+8prVTOsu2PRPsdeTbPrBXtfRCilPubo9QgrpnOvTzfHZbVjbrapwp04LU4EGfL8G3IOs"
    "BPVs+3OnRcYXt3621AQ4IX1r21LgHEyTnZRIg4luVo02ZNNooVobsmmUbOOGBA9cPFwuvx"
    "gPLMnjfnOCHaI/vcB4bo+vlcZyKdjv8OXRwcDeg7JfwSt36a+Sin7VLAyRLxwmR3rqwomp"
    "6zYywXWrvrimJW5gZ3jkdyqKuq00DObMSRuScjyC09ZxnbZ2oN8pqiqVoBn4jPBa069Ia6"
    "AWyK4WcLLkMlQBfvrcZPF/l6W37HiaSH6aJ6QbtJ1oAM3XgGOPE+trEb5dde4DHQG4vrXC"
    "9c0b/dkHboACmCpWlZqaOxMy3BmuZ/2Piw4fvg5RT7C/lngujskP+rnE/cFAnC6oH6F3RB"
    "0OfxEHC8fh0DlaYvHX6XBGT7kHpJXbqTibi9f05O64k2OmnGeZKefJM+U8PlMCe0Csc/el"
    "ifDJqheNa6ODiMvGOiIvbeRRMcQpTxpIcIit2iF2ZRmmtiHinY7uEcWNKwsXm7oNrrIHKO"
    "RuWHemZsqMVTYlz2yQ6PSU6TxZZk3Sgfz4hqgA4FSA+cEFYLMAq6M/0coka6ps8FULiBG2"
    "byV+m8l5/m2K8/zbuPO8gbCZwy0wQAYugXV2CZRXK7TN5/EbIYV+rnM/O+tfThffECn0c5"
    "37GX3fKnqubg5TQi/XuZcNa4t0A61zdXSMGPq6zn0NgVjJ/G8zQ3IgEOsUe50x2WOBWOEy"
    "8hmtcWEiMMgxDHJQVqlig2es4G3W2LIYYS5865XSAGorHZjPK1pbaedQxliMSwC5/TF84T"
    "3ouCF8tmdZ+330oDj78Yqz53GCTIqJDA3XPc6QEALZ0P28K0AI5MG4USgofsDyaRBvmrgV"
    "lRv8WIN0923HuY757mu1UmcAnCfbPfUo0tluoGk4B8kAXyjYXvaSwetKlwPiMBlAvL8mhq"
    "FZepIH7v6YimgbdfZ+7vQHg8nteCFNZ8OBKI2G84UdRhE5t8TX4sf+7Sh8X/zcEtNP50RP"
    "2B0v8U1/fNsf9QTne4kn0+lktrgdDxe/EcqxSDNFh8908nCdWbzSUtyD497BEAteVeoYqm"
    "LgQjVIApjuV97/5UW9FtQo+9GzDYM3q5IuOK4grr5MZGtcDGWGTEvHHYaO1L3STVOQ6vY9"
    "oBxtl3IUYr9PuuxJfAnt9G8XP09mw/9xg4J5+GqfkvDT/nHjKqGAP2DLPMOy+ANCiu4T8f"
    "alC62q5pvfEVro6Vr3tI7Wiilhbpk7TliKz9yx1+6yXT4hCWPpmBIRDz1qlsE5YKNkMFwP"
    "loeRy52rbsM3s3dnki8X26/TH44l4Psl2FazRnBWdKOzNwPCgR2qBIwHdmvjbArPhoIc39"
    "OP60PrKNza70RbtvIyyckzjOc+JSa4ebZQkwmOcokztTQHLiKemdrqG2Pt0zQVyThJQeJT"
    "RRC+I2RVweqN7cPCejWZjEIS8tUwWq329uZKnL06j4AelwZUjVZWWHNlRQvStM/B9t2bDM"
    "red28Slb30UlQ/TwamtNGeOEWuGB3IXEkqArrX5tETBOhAWQAVGw6Gq76R+TDdEQCe+zUv"
    "BK0SZNadw0LD0M0qsO4G1X73nN16WapGq2XSaRTh2C6TQfECjlCtcISao4cNsl88pkjwLn"
    "XTtAiGcxNoENqlQbC/Y7CmeEK597fOD6qSnNO6pbK0pr/MJ+MEvsojiKpllJUp/EdQFaOy"
    "5bPzj3sLryiIwp2lqKaCjdf0sf/sVLuosuCmAIU0Ch7Kr276v0Y7YDCaXEWN6bSBK3ByAi"
    "cnSHrWul5neML4lpgYO3V4RuvKMqilxRgQoQKvZZ3FccXuSWW97ty7pZV7OzBhwIQBE5aV"
    "CaOr8/9qLEVBMsJBmjrHddbGqPCoWToXp+sT1IPTpc9rDaf7qKnKWn7h7I8dDXQJCB/Ahu"
    "YUPjjY0IBNVpWlLZmBK6Wol9Vclae0oTal3qzUyWogG6jD4NHt86l8+YrcUT0r/jWaCHNL"
    "OtVeDsiNwWrCkQv3im7Q4kTGlsCJpDV5ineJnCTLC303/zQw/BCBeiRmtIIIVOuOlpfhwT"
    "dA0kJ+v5IsfakpERfoe8Ia0cKUiGkci/jrIp2Z9BmW0WT8ybs9ymHGshdpOtPtM3PmIp/+"
    "gFHW48nspj/i5OgJLF96AvlYYoe+JzjfS/zz8NPPPYF+LvHt7JNdKtr57uSYIx8yzJAPif"
    "PjQwui4MfiF97OISSkP8QvNNGTOKbJncTxEn/pDxfD8SdpMpYGt/PF5Eac9QTGSRomP5+M"
    "3DB552iJyYCf2zHy9neerrzIot64SFZvXMTUGzveKtah6dJbiLCFwltDhDWGzSBuKgpyzP"
    "nKYLFbgJjpOve6LQzlzYIQIoV+rnM/R+RhU9aJyC1tFGyZLJ1Looy7tx1wi2c4GO80DrmB"
    "T20DQI+DHhmpMjlWjG8Ft7VYQ7DqNWjVc9V9xfp/1wj0fZ37PrBg5p/7iY1A3zek7/PNeW"
    "YD0Od17vOtbBlEGPHdxfhZrJQWoCRQPHORYpLnSQQrZhGV1OkVI4apVeepRRCQHcu7pKIn"
    "pMa7e76RVTVxYrHoWzOjLi/ev/MnE/2RNo/mN/3RKD6ZAgCtHtEqD6eS0MRBJtYRihK2Y1"
    "59N5GOZZUZfZxsrY2QlWJDrJFF/PwskxvsWYob7FnMDXaDTJk6JMRxTnYKDNLUwymwVRFJ"
    "W115IphJebqGRQtdVHoXgd9m8prVLr9NCBprc68nBY0xirPzZUIJE0E2FIagLBuG8oARZ0"
    "akCBUYeOLAkuZNmTcdUpgIYI3D6jvjv3AmSIvSAbh7UyO5y2ccZe7sMv1dSw1bb7Nml4nE"
    "AWTImexM9RLAHexaatbwzYpteFUMYUteQRjfjkadhEWiBHh5gnYaCnBsccwwfj0WoASEb4"
    "1M6eobCm6EV0oYvlkC0cgcUJ4Us3AYWt9pp0UDOkFdXRAnGmUm+o21aPOqPGYvgFpC9F4Y"
    "1/Q4PinSo+WG9H21n9GxWSdq/fkd0m0cMfoulwXvCGa76iEuw3KnI9ngiwDbUbQi1O7Q0V"
    "/8SsnWKiObq3yM65zB0pC8WjVT55zF0mDzHnz6O7lY0bPadW61CiaP8SqqAJEz1eOqG7iZ"
    "1R8yuxaXn3s7WXasks/f6UVYaYuDSpOUxMWR1CqQN69RUzuNkYe8eVXmzfPc/bdIXyGWij"
    "5dYGKQH26/+tAAl0fF8F8vBm1qbakw4QHLS/lnGltfCpjs5JHdZibbyZvLy2iHqIDZzsJs"
    "7/IZF2S4WSmSGwZ2duY7NNAKVGl1LcSFbTdZLelNNN34WfuKGW1aio4TWV88B+XCbqdFk7"
    "ZSe9YOMLacu0MzXc4N9F7ZBqydr4OfPQysWMcUfpuZBI4f8KYmgIskTSicaOYosbi1nx/M"
    "iPdCuWUA5z01WHN4xhb3im0jqimC1FE8C+uGcVb5Kdmt8NjmC1oxe2DLUiy+bnc1nbGz62"
    "7vBLu9nF1ngpFg3y9o94JGfpC/gh41y0B/F2RT2GiGaZ9WDGEwuR3TtJzCFum724RXdgQ1"
    "WgsW6XpdIGxgdEet5CFL7F/9myHo2rOgkv/+w+sOmysF/hNymNfDAFNBDvPm5Q/2pnmHk8"
    "H36Hr+QrHE08l8QZMAO99LPOiPB+JoZOcF9g7zMPnn77IYyqK66oCd7F20o55kXaF9ID3J"
    "qsUwR96QRfCFPSHipFG7AlopG1l9fe18N1bnxAL7WhwMiRT36vyn7mXEbuP1w5uYTRLsN8"
    "njvL32G9pcrk4PEUKGpVq7P9KFUFXzze0ILfR0nXvaZ/H5dAhRMlAj7Fcj+JiVoEn4Emyr"
    "YTBn1SREx1gBU6xKrdcFzWi+gmCk4DbBXq0tLYxaquLFwzWT8kXyuzSbBmara2trZatHZE"
    "dT0qM6DsF4IUzJRvjLkrGpmC9UWWKfxvLWeNRM4dWzYj7ap1TZMAX7DYSN9sRWwZT+lCVW"
    "TEHBK9Vao/UPXeH5kZA+y4bTOFp3BRmvbUJPfBEcNitJS/O147sTuC9LD1XNBAPiURU46P"
    "sWrSh77I0RBtvlyJ1snJn0hQXYmq5hqRLsh+6bzBKsNwElOtc484swSFuTRLTEpDj2MpV3"
    "VLPIT1ErwzOmvY2AE+ogGUC8Z9mw+ZAca0aUDnISJSwZvFm0IOlbKqaEv+NDdEcAQ5Thde"
    "FwzpxuFyEiGKYZHNhLSkYWtu03DOPMfutJ2ch8twvGCC4B3OmupZYiG564GTJlUWm6OLAj"
    "rYErbVZMd/sLt1avSnWVnZiMoaTyEpYlq6YscgdENLdLJ3PciOZj7+3VxzSjjawwUj+lVJ"
    "rwCFrnsnTx9m0GfMldyWWy6bWIE7amJozf/T5LHm2dx3Knf30zHPcE+2uJ5/2ROO8J9hf5"
    "Jc4+Dwci+e0cLPHH4Zg6K/UE98Aukz7rL4aT8dwulu4e00Lo/evJePQbLYTuHC0xWS7ET8"
    "4dPSHwI2oHOI7fk50pktHZqaHrO6IDhq17cwyi1sHrqSaOElCE4hR7neEe45vDYwLHPgcD"
    "7RnTLoaI770xzW52ZAoWJDfOgJepfUNF8xr3t8qCNtNSiJzJR/icdUGcRqSJVmOkbbeabp"
    "IXLz7tJn5TbZ15/koFSSoO6TL2Bd09atq3vmmizZYZqxe5o5uml3t27iXcl31zJdkYyEOJ"
    "HKXb88ANqyrkTHWlPJyK7u6ni4vLy/cXZ5fvPrx98/792w9nvhIvfilNm3c1/DQcR0S6/G"
    "FzifAnRs2drgEPsmG3PkjAT3uRFAeZlsohSgkOBfF5s7Z0p1b2hgfcCBWsSAxkka5rjAU+"
    "uR6CT1BKHesaL0JVVEPABFaP1cqhKmOQQ/RYnTcGj/NlekKlsbERwjYtXQdgaVN8poKySN"
    "EYM0d0ug602LAeyeqNEhmNdcpaE+2EZHE42E/75WH3L1eShv9rBz25ScYN627XTFQo/hrI"
    "jBFd+n8HibmWEnMDM6FMxfF1jkQoLllPcA+WeH47GIjiNU174h8u8cf+0M6E4nx3svVl1e"
    "4A7kRK8KBNKRMQoYOIpqhAASzuabG4xuoRrS3V1mDoPHMpTni4yXTekMmkItmwXSN8TX7W"
    "+JQYIaiVUuDlXaVChLA+1Xl9Ane05OnUTMckcEc7xV5PckcLKbOpWM2tawtSgaKNUxIOMI"
    "IBVQZn2Hecsk39UFX4p69EKqjHFL12GgZvVu1lcH7vj/wMaeSKg+sqH+eRVlsKNWMm8yqL"
    "Y0qagp5lcWeolmB/CCez0LBNVq1HR/d+9XpwoEBYaLvCQi2dK2jRvb3OgXTZoQ0HLZ69yV"
    "Kmh96WHLZoX/wvg811GosB/ct8Mk7jc32yqGijrEzhP4KqGJUtkp1/3Ft4RTEV7ixFNRVs"
    "vKbP+yen6aEMPQaFKSTVxNw7op4c3bC4QhuIuncEXzPWMckuNREycKzhd6wx0EpHDGY4ed"
    "nZUbRw5Tm/yLLwkLtSwtFjy05dY2hje2fjQ2jXikH//lrSkWyw1pLkYc0gbcN6coBsAKAo"
    "Tka/mSpDUBSfYq8nKYpzxS2H3cAKayFa6CtYqRqiT6BfPXYYmgf3SjdN2SDv7gHtwsFWjY"
    "q1C2T6GEz5KpknCpC0kNevhBmik4oDYff2FqJ7fpYpsddZSmKvs3hhMA2bTNtNsvImQHJ4"
    "xc1xFAWlqWg4dv7yN7P//n8z4iAS"
)

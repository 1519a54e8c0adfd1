from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "api_tokens" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "role" VARCHAR(16) NOT NULL /* ADMIN: ADMIN\nSALES: SALES\nSERVICE: SERVICE\nFINANCE: FINANCE\nOPERATIONS: OPERATIONS\nREADONLY: READONLY\nINTEGRATION: INTEGRATION */,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "prefix" VARCHAR(12) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP
);
CREATE TABLE IF NOT EXISTS "products" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "sku" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(255) NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* STOCKED: STOCKED\nSERVICE: SERVICE */,
    "procurement" VARCHAR(8) NOT NULL /* BUY: BUY\nMAKE: MAKE */,
    "uom" VARCHAR(16) NOT NULL,
    "list_price" VARCHAR(40) NOT NULL,
    "standard_cost" VARCHAR(40) NOT NULL,
    "tax_rate" VARCHAR(40) NOT NULL,
    "lead_time_days" INT NOT NULL,
    "safety_stock" VARCHAR(40) NOT NULL,
    "min_order_quantity" VARCHAR(40) NOT NULL,
    "order_multiple" VARCHAR(40) NOT NULL,
    "archived_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "warehouses" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "stock_levels" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "on_hand" VARCHAR(40) NOT NULL,
    "reserved" VARCHAR(40) NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    "warehouse_id" INT NOT NULL REFERENCES "warehouses" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_stock_level_product_6c667a" UNIQUE ("product_id", "warehouse_id")
) /* On hand (= Σ moves) and reserved quantity of one product in one warehouse; updated */;
CREATE TABLE IF NOT EXISTS "stock_moves" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "quantity" VARCHAR(40) NOT NULL,
    "reason" VARCHAR(255) NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "reference" VARCHAR(64),
    "created_at" TIMESTAMP NOT NULL,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    "warehouse_id" INT NOT NULL REFERENCES "warehouses" ("id") ON DELETE RESTRICT
) /* One signed change of on-hand stock; never updated or deleted (db_guards refuse it). */;
CREATE INDEX IF NOT EXISTS "idx_stock_moves_source_71852e" ON "stock_moves" ("source");
CREATE INDEX IF NOT EXISTS "idx_stock_moves_referen_b1486d" ON "stock_moves" ("reference");
CREATE INDEX IF NOT EXISTS "idx_stock_moves_created_baf0b7" ON "stock_moves" ("created_at");
CREATE TABLE IF NOT EXISTS "job_runs" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(32) NOT NULL /* ACCOUNT_FIGURES: ACCOUNT_FIGURES\nINVOICING: INVOICING\nMRP: MRP\nSLA_ESCALATION: SLA_ESCALATION\nWEBHOOK_DISPATCH: WEBHOOK_DISPATCH */,
    "status" VARCHAR(16) NOT NULL /* QUEUED: QUEUED\nRUNNING: RUNNING\nSUCCEEDED: SUCCEEDED\nFAILED: FAILED */,
    "progress" REAL NOT NULL,
    "params" JSON NOT NULL,
    "result" JSON,
    "error" TEXT,
    "requested_by" VARCHAR(120),
    "attempts" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "started_at" TIMESTAMP,
    "finished_at" TIMESTAMP
);
CREATE INDEX IF NOT EXISTS "idx_job_runs_kind_22d4a2" ON "job_runs" ("kind");
CREATE TABLE IF NOT EXISTS "journal_entries" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "date" DATE NOT NULL,
    "memo" VARCHAR(255) NOT NULL,
    "source" VARCHAR(20) NOT NULL /* INVOICE: INVOICE\nSHIPMENT: SHIPMENT\nPAYMENT: PAYMENT\nSTOCK_ADJUSTMENT: STOCK_ADJUSTMENT\nPO_RECEIPT: PO_RECEIPT\nCREDIT_NOTE: CREDIT_NOTE\nWORK_ORDER: WORK_ORDER\nMANUAL: MANUAL */,
    "reference" VARCHAR(64),
    "created_at" TIMESTAMP NOT NULL,
    "reverses_id" INT REFERENCES "journal_entries" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_journal_ent_date_0a19df" ON "journal_entries" ("date");
CREATE INDEX IF NOT EXISTS "idx_journal_ent_source_017fe5" ON "journal_entries" ("source");
CREATE INDEX IF NOT EXISTS "idx_journal_ent_referen_96e13a" ON "journal_entries" ("reference");
CREATE TABLE IF NOT EXISTS "ledger_accounts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(8) NOT NULL UNIQUE,
    "name" VARCHAR(120) NOT NULL,
    "type" VARCHAR(16) NOT NULL /* ASSET: ASSET\nLIABILITY: LIABILITY\nEQUITY: EQUITY\nREVENUE: REVENUE\nEXPENSE: EXPENSE */
);
CREATE TABLE IF NOT EXISTS "journal_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "debit" VARCHAR(40) NOT NULL,
    "credit" VARCHAR(40) NOT NULL,
    "entry_id" INT NOT NULL REFERENCES "journal_entries" ("id") ON DELETE RESTRICT,
    "ledger_account_id" INT NOT NULL REFERENCES "ledger_accounts" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "bills_of_materials" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "phantom" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "product_id" INT NOT NULL UNIQUE REFERENCES "products" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "bom_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" INT NOT NULL,
    "quantity_per" VARCHAR(40) NOT NULL,
    "scrap_percent" VARCHAR(40) NOT NULL,
    "bom_id" INT NOT NULL REFERENCES "bills_of_materials" ("id") ON DELETE CASCADE,
    "component_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_bom_lines_bom_id_c21647" UNIQUE ("bom_id", "component_id")
);
CREATE TABLE IF NOT EXISTS "mrp_runs" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* RUNNING: RUNNING\nCOMPLETED: COMPLETED\nFAILED: FAILED */,
    "as_of" DATE NOT NULL,
    "horizon_days" INT NOT NULL,
    "items_planned" INT NOT NULL,
    "exceptions" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "finished_at" TIMESTAMP,
    "job_run_id" INT UNIQUE REFERENCES "job_runs" ("id") ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS "planned_orders" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "reference" VARCHAR(40) NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* PURCHASE: PURCHASE\nMANUFACTURE: MANUFACTURE */,
    "quantity" VARCHAR(40) NOT NULL,
    "due_date" DATE NOT NULL,
    "release_date" DATE NOT NULL,
    "late" INT NOT NULL,
    "pegging" JSON NOT NULL,
    "firmed_at" TIMESTAMP,
    "firmed_document" VARCHAR(32),
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE CASCADE,
    "run_id" INT NOT NULL REFERENCES "mrp_runs" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_planned_ord_kind_a2c979" ON "planned_orders" ("kind");
CREATE INDEX IF NOT EXISTS "idx_planned_ord_late_a2a1ce" ON "planned_orders" ("late");
CREATE INDEX IF NOT EXISTS "idx_planned_ord_firmed__8c5834" ON "planned_orders" ("firmed_at");
CREATE INDEX IF NOT EXISTS "idx_planned_ord_product_893865" ON "planned_orders" ("product_id");
CREATE INDEX IF NOT EXISTS "idx_planned_ord_run_id_e6371e" ON "planned_orders" ("run_id", "release_date");
CREATE TABLE IF NOT EXISTS "work_orders" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "quantity" VARCHAR(40) NOT NULL,
    "quantity_completed" VARCHAR(40) NOT NULL,
    "start_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "status" VARCHAR(16) NOT NULL /* RELEASED: RELEASED\nCOMPLETED: COMPLETED\nCANCELLED: CANCELLED */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "completed_at" TIMESTAMP,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_work_orders_due_dat_3bb4ec" ON "work_orders" ("due_date");
CREATE INDEX IF NOT EXISTS "idx_work_orders_status_c45ae5" ON "work_orders" ("status");
CREATE TABLE IF NOT EXISTS "number_sequences" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "series" VARCHAR(16) NOT NULL,
    "year" INT NOT NULL,
    "last_value" INT NOT NULL,
    CONSTRAINT "uid_number_sequ_series_f94ea6" UNIQUE ("series", "year")
);
CREATE TABLE IF NOT EXISTS "events" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "uid" CHAR(36) NOT NULL UNIQUE,
    "type" VARCHAR(64) NOT NULL,
    "payload" JSON NOT NULL,
    "occurred_at" TIMESTAMP NOT NULL,
    "dispatched_at" TIMESTAMP
);
CREATE INDEX IF NOT EXISTS "idx_events_type_785410" ON "events" ("type");
CREATE INDEX IF NOT EXISTS "idx_events_occurre_981f83" ON "events" ("occurred_at");
CREATE INDEX IF NOT EXISTS "idx_events_dispatc_4809cc" ON "events" ("dispatched_at");
CREATE TABLE IF NOT EXISTS "business_calendars" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(120) NOT NULL UNIQUE,
    "timezone" VARCHAR(64) NOT NULL,
    "hours" JSON NOT NULL,
    "holidays" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "sla_policies" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(120) NOT NULL UNIQUE,
    "at_risk_percent" SMALLINT NOT NULL,
    "is_default" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "calendar_id" INT NOT NULL REFERENCES "business_calendars" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "accounts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "lifecycle" VARCHAR(16) NOT NULL /* PROSPECT: PROSPECT\nCUSTOMER: CUSTOMER\nFORMER: FORMER */,
    "industry" VARCHAR(120),
    "website" VARCHAR(500),
    "email" VARCHAR(255),
    "phone" VARCHAR(64),
    "tier" VARCHAR(32),
    "owner" VARCHAR(120),
    "billing_address" JSON,
    "shipping_address" JSON,
    "currency" VARCHAR(3) NOT NULL,
    "payment_terms_days" INT NOT NULL,
    "credit_limit" VARCHAR(40),
    "archived_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "sla_policy_id" INT REFERENCES "sla_policies" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_accounts_name_a81d74" ON "accounts" ("name");
CREATE INDEX IF NOT EXISTS "idx_accounts_email_e90d21" ON "accounts" ("email");
CREATE INDEX IF NOT EXISTS "idx_accounts_tier_ad8baf" ON "accounts" ("tier");
CREATE INDEX IF NOT EXISTS "idx_accounts_owner_d6b4d8" ON "accounts" ("owner");
CREATE TABLE IF NOT EXISTS "contacts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "first_name" VARCHAR(120) NOT NULL,
    "last_name" VARCHAR(120) NOT NULL,
    "email" VARCHAR(255),
    "phone" VARCHAR(64),
    "title" VARCHAR(120),
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_contacts_email_bdebaa" ON "contacts" ("email");
CREATE TABLE IF NOT EXISTS "payments" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "date" DATE NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "reference" VARCHAR(120),
    "currency" VARCHAR(3) NOT NULL,
    "unapplied_amount" VARCHAR(40) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    "journal_entry_id" INT NOT NULL REFERENCES "journal_entries" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_payments_date_355af4" ON "payments" ("date");
CREATE TABLE IF NOT EXISTS "sales_orders" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "status" VARCHAR(20) NOT NULL /* DRAFT: DRAFT\nCONFIRMED: CONFIRMED\nPARTIALLY_SHIPPED: PARTIALLY_SHIPPED\nSHIPPED: SHIPPED\nCLOSED: CLOSED\nCANCELLED: CANCELLED */,
    "invoice_policy" VARCHAR(16) NOT NULL /* ON_DELIVERY: ON_DELIVERY\nON_ORDER: ON_ORDER */,
    "requested_date" DATE,
    "currency" VARCHAR(3) NOT NULL,
    "subtotal" VARCHAR(40) NOT NULL,
    "tax_total" VARCHAR(40) NOT NULL,
    "total" VARCHAR(40) NOT NULL,
    "delivery_status" VARCHAR(16) NOT NULL /* NOT_SHIPPED: NOT_SHIPPED\nPARTIAL: PARTIAL\nSHIPPED: SHIPPED */,
    "invoice_status" VARCHAR(16) NOT NULL /* NOT_INVOICED: NOT_INVOICED\nPARTIAL: PARTIAL\nINVOICED: INVOICED */,
    "payment_status" VARCHAR(16) NOT NULL /* UNPAID: UNPAID\nPARTIAL: PARTIAL\nPAID: PAID */,
    "notes" TEXT,
    "confirmed_at" TIMESTAMP,
    "cancelled_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_sales_order_status_82ba7c" ON "sales_orders" ("status");
CREATE TABLE IF NOT EXISTS "invoices" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL /* POSTED: POSTED\nPARTIALLY_PAID: PARTIALLY_PAID\nPAID: PAID\nVOID: VOID */,
    "issue_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "subtotal" VARCHAR(40) NOT NULL,
    "tax_total" VARCHAR(40) NOT NULL,
    "total" VARCHAR(40) NOT NULL,
    "amount_paid" VARCHAR(40) NOT NULL,
    "amount_credited" VARCHAR(40) NOT NULL,
    "amount_due" VARCHAR(40) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    "journal_entry_id" INT REFERENCES "journal_entries" ("id") ON DELETE RESTRICT,
    "sales_order_id" INT NOT NULL REFERENCES "sales_orders" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_invoices_status_515d03" ON "invoices" ("status");
CREATE INDEX IF NOT EXISTS "idx_invoices_issue_d_72599b" ON "invoices" ("issue_date");
CREATE INDEX IF NOT EXISTS "idx_invoices_due_dat_54ac70" ON "invoices" ("due_date");
CREATE TABLE IF NOT EXISTS "credit_notes" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "issue_date" DATE NOT NULL,
    "subtotal" VARCHAR(40) NOT NULL,
    "tax_total" VARCHAR(40) NOT NULL,
    "total" VARCHAR(40) NOT NULL,
    "applied_amount" VARCHAR(40) NOT NULL,
    "unapplied_amount" VARCHAR(40) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    "invoice_id" INT NOT NULL REFERENCES "invoices" ("id") ON DELETE RESTRICT,
    "journal_entry_id" INT REFERENCES "journal_entries" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_credit_note_issue_d_f53fb6" ON "credit_notes" ("issue_date");
CREATE TABLE IF NOT EXISTS "payment_allocations" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "invoice_id" INT NOT NULL REFERENCES "invoices" ("id") ON DELETE RESTRICT,
    "payment_id" INT NOT NULL REFERENCES "payments" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "sales_order_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" INT NOT NULL,
    "description" VARCHAR(255),
    "quantity" VARCHAR(40) NOT NULL,
    "unit_price" VARCHAR(40) NOT NULL,
    "discount_percent" VARCHAR(40) NOT NULL,
    "tax_rate" VARCHAR(40) NOT NULL,
    "net_amount" VARCHAR(40) NOT NULL,
    "tax_amount" VARCHAR(40) NOT NULL,
    "quantity_reserved" VARCHAR(40) NOT NULL,
    "quantity_shipped" VARCHAR(40) NOT NULL,
    "quantity_invoiced" VARCHAR(40) NOT NULL,
    "order_id" INT NOT NULL REFERENCES "sales_orders" ("id") ON DELETE CASCADE,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "invoice_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" INT NOT NULL,
    "description" VARCHAR(255),
    "quantity" VARCHAR(40) NOT NULL,
    "unit_price" VARCHAR(40) NOT NULL,
    "discount_percent" VARCHAR(40) NOT NULL,
    "tax_rate" VARCHAR(40) NOT NULL,
    "net_amount" VARCHAR(40) NOT NULL,
    "tax_amount" VARCHAR(40) NOT NULL,
    "quantity_credited" VARCHAR(40) NOT NULL,
    "net_credited" VARCHAR(40) NOT NULL,
    "tax_credited" VARCHAR(40) NOT NULL,
    "invoice_id" INT NOT NULL REFERENCES "invoices" ("id") ON DELETE RESTRICT,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    "sales_order_line_id" INT NOT NULL REFERENCES "sales_order_lines" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "credit_note_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "quantity" VARCHAR(40) NOT NULL,
    "net_amount" VARCHAR(40) NOT NULL,
    "tax_amount" VARCHAR(40) NOT NULL,
    "credit_note_id" INT NOT NULL REFERENCES "credit_notes" ("id") ON DELETE RESTRICT,
    "invoice_line_id" INT NOT NULL REFERENCES "invoice_lines" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "shipments" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "shipped_on" DATE NOT NULL,
    "cost_total" VARCHAR(40) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "order_id" INT NOT NULL REFERENCES "sales_orders" ("id") ON DELETE RESTRICT,
    "warehouse_id" INT NOT NULL REFERENCES "warehouses" ("id") ON DELETE RESTRICT
) /* Goods leaving a warehouse for one order; its lines carry the stock moves (§5.2). */;
CREATE TABLE IF NOT EXISTS "shipment_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "quantity" VARCHAR(40) NOT NULL,
    "unit_cost" VARCHAR(40) NOT NULL,
    "order_line_id" INT NOT NULL REFERENCES "sales_order_lines" ("id") ON DELETE RESTRICT,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT,
    "shipment_id" INT NOT NULL REFERENCES "shipments" ("id") ON DELETE RESTRICT,
    "stock_move_id" INT REFERENCES "stock_moves" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "opportunities" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "stage" VARCHAR(16) NOT NULL /* PROSPECTING: PROSPECTING\nQUALIFICATION: QUALIFICATION\nPROPOSAL: PROPOSAL\nNEGOTIATION: NEGOTIATION\nCLOSED_WON: CLOSED_WON\nCLOSED_LOST: CLOSED_LOST */,
    "probability" SMALLINT NOT NULL,
    "status" VARCHAR(8) NOT NULL /* OPEN: OPEN\nWON: WON\nLOST: LOST */,
    "amount" VARCHAR(40) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "expected_close_date" DATE,
    "owner" VARCHAR(120),
    "lost_reason" VARCHAR(500),
    "closed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    "sales_order_id" INT UNIQUE REFERENCES "sales_orders" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_opportuniti_stage_5cd5a8" ON "opportunities" ("stage");
CREATE INDEX IF NOT EXISTS "idx_opportuniti_status_0a29bf" ON "opportunities" ("status");
CREATE INDEX IF NOT EXISTS "idx_opportuniti_expecte_0bec25" ON "opportunities" ("expected_close_date");
CREATE INDEX IF NOT EXISTS "idx_opportuniti_owner_29e8fb" ON "opportunities" ("owner");
CREATE TABLE IF NOT EXISTS "leads" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "company_name" VARCHAR(255) NOT NULL,
    "contact_name" VARCHAR(255) NOT NULL,
    "email" VARCHAR(255),
    "phone" VARCHAR(64),
    "source" VARCHAR(120),
    "status" VARCHAR(16) NOT NULL /* NEW: NEW\nQUALIFIED: QUALIFIED\nDISQUALIFIED: DISQUALIFIED\nCONVERTED: CONVERTED */,
    "converted_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "converted_account_id" INT REFERENCES "accounts" ("id") ON DELETE SET NULL,
    "converted_contact_id" INT REFERENCES "contacts" ("id") ON DELETE SET NULL,
    "converted_opportunity_id" INT REFERENCES "opportunities" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_leads_email_faeb84" ON "leads" ("email");
CREATE INDEX IF NOT EXISTS "idx_leads_status_44164f" ON "leads" ("status");
CREATE TABLE IF NOT EXISTS "opportunity_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" INT NOT NULL,
    "description" VARCHAR(255),
    "quantity" VARCHAR(40) NOT NULL,
    "unit_price" VARCHAR(40) NOT NULL,
    "discount_percent" VARCHAR(40) NOT NULL,
    "net_amount" VARCHAR(40) NOT NULL,
    "opportunity_id" INT NOT NULL REFERENCES "opportunities" ("id") ON DELETE CASCADE,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "purchase_orders" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL /* OPEN: OPEN\nRECEIVED: RECEIVED\nCANCELLED: CANCELLED */,
    "currency" VARCHAR(3) NOT NULL,
    "notes" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "received_at" TIMESTAMP,
    "supplier_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_purchase_or_status_22918e" ON "purchase_orders" ("status");
CREATE TABLE IF NOT EXISTS "purchase_order_lines" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" INT NOT NULL,
    "quantity" VARCHAR(40) NOT NULL,
    "quantity_received" VARCHAR(40) NOT NULL,
    "unit_cost" VARCHAR(40) NOT NULL,
    "expected_date" DATE NOT NULL,
    "order_id" INT NOT NULL REFERENCES "purchase_orders" ("id") ON DELETE CASCADE,
    "product_id" INT NOT NULL REFERENCES "products" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_purchase_or_expecte_f44f82" ON "purchase_order_lines" ("expected_date");
CREATE TABLE IF NOT EXISTS "cases" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "subject" VARCHAR(255) NOT NULL,
    "description" TEXT,
    "priority" VARCHAR(8) NOT NULL /* LOW: LOW\nNORMAL: NORMAL\nHIGH: HIGH\nURGENT: URGENT */,
    "status" VARCHAR(24) NOT NULL /* NEW: NEW\nOPEN: OPEN\nWAITING_ON_CUSTOMER: WAITING_ON_CUSTOMER\nRESOLVED: RESOLVED\nCLOSED: CLOSED */,
    "opened_at" TIMESTAMP NOT NULL,
    "first_responded_at" TIMESTAMP,
    "resolved_at" TIMESTAMP,
    "first_response_target_minutes" INT,
    "resolution_target_minutes" INT,
    "first_response_at_risk_at" TIMESTAMP,
    "first_response_due_at" TIMESTAMP,
    "resolution_at_risk_at" TIMESTAMP,
    "resolution_due_at" TIMESTAMP,
    "paused_business_minutes" INT NOT NULL,
    "waiting_since" TIMESTAMP,
    "escalation_level" SMALLINT NOT NULL,
    "escalation_check_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    "contact_id" INT REFERENCES "contacts" ("id") ON DELETE SET NULL,
    "sla_policy_id" INT REFERENCES "sla_policies" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_cases_escalat_01bafb" ON "cases" ("escalation_check_at");
CREATE INDEX IF NOT EXISTS "idx_cases_account_d2caf0" ON "cases" ("account_id", "opened_at");
CREATE INDEX IF NOT EXISTS "idx_cases_status_c0440e" ON "cases" ("status", "opened_at");
CREATE INDEX IF NOT EXISTS "idx_cases_first_r_78a7c1" ON "cases" ("first_response_due_at");
CREATE INDEX IF NOT EXISTS "idx_cases_resolut_0006b0" ON "cases" ("resolution_due_at");
CREATE TABLE IF NOT EXISTS "activities" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(8) NOT NULL /* CALL: CALL\nEMAIL: EMAIL\nMEETING: MEETING\nTASK: TASK\nNOTE: NOTE */,
    "subject" VARCHAR(255) NOT NULL,
    "body" TEXT,
    "due_at" TIMESTAMP,
    "completed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    "case_id" INT REFERENCES "cases" ("id") ON DELETE CASCADE,
    "opportunity_id" INT REFERENCES "opportunities" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_activities_due_at_a477d2" ON "activities" ("due_at");
CREATE TABLE IF NOT EXISTS "case_escalations" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "level" SMALLINT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "case_id" INT NOT NULL REFERENCES "cases" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_case_escala_case_id_cbdfc1" UNIQUE ("case_id", "level")
);
CREATE TABLE IF NOT EXISTS "sla_targets" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "priority" VARCHAR(8) NOT NULL /* LOW: LOW\nNORMAL: NORMAL\nHIGH: HIGH\nURGENT: URGENT */,
    "first_response_minutes" INT NOT NULL,
    "resolution_minutes" INT NOT NULL,
    "policy_id" INT NOT NULL REFERENCES "sla_policies" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_sla_targets_policy__3b95cc" UNIQUE ("policy_id", "priority")
);
CREATE TABLE IF NOT EXISTS "webhook_subscriptions" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "url" VARCHAR(2048) NOT NULL,
    "event_types" JSON NOT NULL,
    "description" TEXT,
    "secret" VARCHAR(128) NOT NULL,
    "active" INT NOT NULL,
    "disabled_reason" VARCHAR(255),
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_webhook_sub_active_bb454d" ON "webhook_subscriptions" ("active");
CREATE TABLE IF NOT EXISTS "webhook_deliveries" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: PENDING\nSUCCEEDED: SUCCEEDED\nFAILED: FAILED */,
    "attempt_count" INT NOT NULL,
    "next_attempt_at" TIMESTAMP,
    "schedule_start" INT NOT NULL,
    "leased_attempt" INT,
    "leased_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "event_id" BIGINT NOT NULL REFERENCES "events" ("id") ON DELETE CASCADE,
    "subscription_id" INT NOT NULL REFERENCES "webhook_subscriptions" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_event_i_3b200e" UNIQUE ("event_id", "subscription_id")
);
CREATE INDEX IF NOT EXISTS "idx_webhook_del_status_d0f04a" ON "webhook_deliveries" ("status", "next_attempt_at");
CREATE TABLE IF NOT EXISTS "webhook_attempts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" INT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "response_status" INT,
    "duration_ms" INT NOT NULL,
    "error" TEXT,
    "next_attempt_at" TIMESTAMP,
    "delivery_id" BIGINT NOT NULL REFERENCES "webhook_deliveries" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_att_deliver_b8d516" UNIQUE ("delivery_id", "number")
);
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXWtz2kjW/isqPmWqvCnHl8TL7rtVGCseZjCwgJOZDVNaGWRbEyGxknDi3Zn//nbrrl"
    "ZLqHUBqTlfQEg6DTx90TnPufT/OmtjpWjW295yaWx1u9MV/tfR5bWCDshLJ0JH3mzCC/iE"
    "LT9ozr2ye5NzUn6wbFNe4sYeZc1S0KmVYi1NdWOrho7O6ltNwyeNJbpR1Z/CU1td/c9WkW"
    "zjSbGfFRNd+PIbOq3qK+W7YvkfN1+lR1XRVrFfq67wdzvnJft145wb6PZH50b8bQ/S0tC2"
    "az28efNqPxt6cLfq/sknRVdM2VZw87a5xT8f/zrvn/r/yP2l4S3uT4zIrJRHeavZkb/7II"
    "XnOpI0Gs+lmTiXpA4DQEtDx+CqGGr875/wT/jL2buLDxdX5+8vrtAtzs8Mznz40/3qEBhX"
    "0IFnNO/86VyXbdm9w8E4BNV5T8Daf5ZNOq7+/QSy6CeTyPo4ZkHrnzgQtmv5u6Qp+pP9jA"
    "G9vMxA8lNv2v+xN32D7voBf6WBxr87MUbepTP3GoY7hFdTH5XlK76TirGob9cOzgP0w2R9"
    "qSTwjjVQF+jhJA4QnkzHs4nYn3fYsA/kuoJ/tND797P5+E6cdgX/aKF/HE+dM+57p0B/vX"
    "ufo7vevU/tLXwp3lkIkC36vleW+RCVKdQ93oBn6p29zYl3Z6d5QD47TUcZX4vD/E15sFSb"
    "adWJiPAH8uVpHpDRXakgO9fiICtrWdVYIA4EagKYs4V9gzBiGsKBAH8D+P1FDnzfX6TCiy"
    "/F0bVVxWQB17+fu7F7fpYD2vOzVGjxpTi0xjedDdtAgDtwa3m6Paiahn6CJK9WpmJZSaR/"
    "mo1HdKQpogTmK3VpC38ImmolDJnmLxoZWGNMcMtry/qPFoX4zV3vFxL9/nB87WBjWPaT6b"
    "TiNHBN9IT1rG42BbuCJgt9UbwvllvTVPQlk2odldmf5bO/pT3Pyp6+sCcUEvl1rei2ZCvm"
    "2pJW8itlvKeyJXTh3exJVaCfn9YFeSX0SWQcm8pKtSVNXat2Et8bZamuZS1lOBOi5HLiyr"
    "712uBqSbkR+4O73vDNu6sTV1VBKws25yIj/SLxIJXN5bP6oqwkmYY0gsVW1wodakKURNqT"
    "fesfcIX1fHAnzua9u0lsDb/pzUV85cw5+0qcfUOyJEEjwufB/EcBfxT+NR6J5FIf3Df/Vw"
    "f/JnlrG5JufMOPzQgm/mn/FDmlMO4FujkuWUEvN+6Bgf7gaqxrr94IbEm3e5Mls9e3m1XB"
    "Xo9LQq83pdcpk9379RGVXJOljaGpy1eJyZuTkCukmjRsEa9CN8HOssevVM9OiFkS6I+Gqa"
    "hP+s/Ka8L7QCDruQhnmjwJ2moXzH/6g8k/G/5EU/4W+BmTYwyhgP674uop6FcIo/vhsONA"
    "/iAvv36TzZWUgj36Mlte2hQV/NqT/PjzVNFk57+kgt53W2nhEpaGeVzBW9rqi2qrSkmYem"
    "47eYZmK3HyDAfdsMsi1XdaGhl2Gx+LubBS9RdDXZbFaeC2witInrVfEqSJ2wqvIFmypliS"
    "Ya4UsyRQM9zSGDfEK1bo6otiYqVcQ6prSbiGqAl+tIy472WzMUwb/eTyD71x0BS3z73N1l"
    "w+y5ZSySSceI3xPQ/RHyyrIqAmeIIHa+vGmRHR0mP6e/LS+mxNnpF1+cn5S/i78TcR+jkl"
    "pDKiuqeHVEatBAipbJXdfSKkh1Q+qqaF1HXGwMq4FIf+rlq87ZpcAOqYECCdD2kIKIOAsj"
    "YHlNlpMdhpEWV2iZjrRqNby/IAXrx09NvpzwEv3jH2eh4vnpcKxubCiwvtL7So4YZEhgNP"
    "DtPySnrvIgl+LYM4r/MuPrpinrspGu7TQX+e23MHVGajqKa2oFMn0xS4OKnZu6H7Myt9N+"
    "psBbapVQ+Jkwy26Sv6W3TDZndyqS/bZA6k0+8Nh10Bvy508a43QB+ct4V+JyJVaHTbFbyD"
    "hT7vzX7uCvh1oaM2xa6AXzv5OipmJF3lMJGuUg2kK9I8srYPvytLyrM83QKNiDS5f5rEoT"
    "wYK0qw01z5nrLG+PfzYONn2RfiL/OYaZHI6AjMi+F4dOvfTqZ5xLFeoYcAu9kXSu0lKHuf"
    "C317DTxKTLax3mD9uRCfQ8hC9H2jexp4O84YHODtjrHXgbc7YFIgDlJiAjUiAZkMSUDDOD"
    "nGPJGkIMALPPO+eeaUoVwBwGxRnw0bxnkxTk7iGM793qzfuxE7iSW4Anz5oqRJYCNPHTqi"
    "6Q6SWsntjTo3vip6h0Zu+9dOMsntjSrZ+DYgt/kit5tWnZK3qB3TKF6Z0pdtMtad3s3dYN"
    "QVnLeFPusNxVlXcN7QJ3H6adAX0Wf3YKF/HIx6I3zGO1jo44k47c0H4xESC48X+lTs3YxH"
    "w1+7gn+00NFwFm/dO7pC5EMR90P1xS2d9VF6lq1nlgkVl6qmqw+7YtUcaLgxlUf1OwvEoU"
    "STZ1LhVSvXopWxZkGgIe/UVR7C0lRe0EpUpNfjkuCMaA4/6fZygpg4jBESSY2npXPFEucz"
    "MrqIVH0wRfgxRbbrB7bCqaEEd3pT9WVpVctCox0vw/QFPmXwxqSyFvdqHucNiSfAi3UywM"
    "g2bJmSoZVZlDAqVrogYdP0oSwEi1QktNEUKAJyTA5Q3oVyEYQB3ZzoIt1FU7E6vKb7fDJh"
    "TgoD3jvw3uqlEKeJHwbzuir0Vg048APpOhy//ACEttQTieHVU2PDNS4EuFJw/d3YmrqsSY"
    "pum4wxLjRRiHLZGeWihjX9SgYJ8Fcd8IQIFIhP4BxRLhBCVGMIUWzCVwDxT257ot9cu5aJ"
    "vDDTlskSecGaqldXfXWo6jwtH/UWWYujlknO+7jmIuiloEuBpW/VQ/4kg6X/z1bWbWqsZa"
    "aZHRU7UkrjIreFrSt2MTIjLnikOLPRzYVwjgsCzrsZo+CZwJbFkRAEWzeDQ8DP22JEQkQS"
    "EN5t6kbGZQXmApebBpDWQnIq5zDMosOzOl6BM+OARJoyp5nNsjrtDZ/doRgaEeIn3cKI7k"
    "ABhkWrltQswwLCf2oN/0Fro72l8Cv5UhFC6bpCqBNYdybj2Vy86bDh7Ul1Bfd9oU960/mg"
    "Nxz+Kk16A3w+9hlfd8/i409jfIxfOwX6rPqMAgjZKheytSqA3gqwc1Vc2E86sSjnWZPz7y"
    "cNAYVsYxQCChuLMgQU1hlQ6BCN0kammR3Z0YRxSQhrywGzy1MoBaGOSgPcOeBG6lYxpD1B"
    "WD12c+8QrXl00ZpQfo63XvcxgvJzEEvKIcSRzYDZAE4KwhCGinRV+tOYw0kjQ7ICgLnc3J"
    "rEODmLIWy3HWG7ZEGGKqJ3ORrosQFbQYgznyEMcS1W04ylA0PZHcnl1zUa5b2gPZ4Q20OE"
    "Rlo4ODEGd0ZqQBw4h+EayHRV/TmVE9qoyP6U9LoI0aotoOjPSGCa7nMlxHjYaGcP+xhBFk"
    "Pqo6ayLAZcX1ramNSU0B0lGaKCgPMOnFeq5RqoG8VcKsy5DDTxo3NdfWDAG8cGmPSool0h"
    "Bb4Y4AvZTwf3DEL2035w9pWGoqEFVPmjW0GYEygLok2KHiPQbGtIQaBJUQA6C2goE1SP1b"
    "0xjdV2yegyjwsBrjv8uexpqSnSgDRUYarSFcZchYkcl5W6dznz6ZBgp8zpHKh7y20FYE/C"
    "ljhFOf5oqsavK0FppgM54jwPZofihPMvnWQ54DbuTeB748v3BqnStaZKM6eMQrpop1i1cy"
    "AR89r/pvKo4Nxaps0aY0L8eYZr2bAR8p7rznuGgv2QAtaYgd7OZCAo2H/cyUA8YgzZKkdZ"
    "/LytOFecRgFB7w3h2iLApbNucXR38m8S0btAxbXqyXSSQcUB7wFxD+0ZxxGfmrcyscU9xI"
    "QA192a6yb00pR1XYYttQzi3K7L2OjKXx0aQh2qCnVIV1RrVbw8pzxN3Qr99RlKlnsTaFZ8"
    "aVbW1y0LB+/dzp178/1FDvb9/UUq/Y4vEcHR8prJi+Tfz6Fno5bcwq/or9Hx3V1n25fdH9"
    "ad2Xzc/5m9zrYn1hW8g4U+E6efBn0RnXEPOgU6pPoa2ujpsNyaCl0Ly9cpRBN77Jvr+19Z"
    "+wWJdAX0stDvej+jzsCvRXriKkdHXKX2w1XC6WesWdYc7/Y9Qi32GJEu6rSufIRrqlUszz"
    "YuCD7ULB4CLw0rrOouDYuV7knIHiPUkF9bJ8As+bWaIqNm1DXe5+CV4m1ItVySglDFI5n3"
    "8qjYr5JlG8uvrMsEIXp0g5hplVirupdMULCWB70BAD0LdBevNfqN6kZjXaCTwgB2ZoV0c/"
    "msvhSK2yJEKwjcalggaEvitHxMMgO1IDwv/enMb3geVGjnrdcpkz0IWkk4U3bFAyVKJxaP"
    "CDqCkqGOzixpyovnGyoO1gy3NMQN8Y3V2ngpO64cqO5QO7wi9WCspa0lP5UF6tpY8zz5Np"
    "qs6+h55Oj3ZaMX3bZ4K3cew+ubYX6tBKzPqCGukSJLBpRdsHgttRAH7VndOHE0VSDmtcUz"
    "XsZmY5g2rjn6WgVk47A5nlHbbM3ls2wp1c3OidcilxOUKX4qooGomiYZj9IaQWCqcpZyO9"
    "aVuYFecqgjqNHx4120yVaSP3SUGQLPIro+JfYsbgmkh5+RtsfOELTOWBeeZX0lvPk/YbE9"
    "PZfPBUcb/0HAJ5GtqZgvykrwWWnBeBQMXRG8MDdB1Z2PqM+VZ2NrKX8TPEKA9PLX9T0L3U"
    "C2ubBFnW8KsmAa3wQNQSC8+ffKWKPueItsV/TMMMzXt/grkOlp/fuHt50Taojdl2h1n+C7"
    "Or9B6N0BQ+8QOnjgsPL7oRQQ+9m1HNypx4hvVAwAzqw8D9zqkXCrUMqzrqdDhK/wn8psyJ"
    "JigG2OdCGodFhtpUPqOK4A3s/RtjgFmJzAjUoaCp0Paaab75nYZbkFnpA8hpsiWGicIKtp"
    "iVTdJ8W1mf7iWFlOa38TdGQImr6pJBim4GKGrDCE+dMW/XEL2V6PCFZBtV2ziDDaavkOyG"
    "5qlokFG1DVbwYgVddi20wtlIBkp3zJTpaxNdmKEoYSdWHMUy3SxtZ95Ckjsl0ReHtFvp10"
    "QZ4APKALgC5oA7ZAFwBd0AaAS9MFjQhhaZOruy5uJRytFG4lNpTTuZVgNEBZFr6IiyXqax"
    "ZbxL+fu8Is1dt6UJilXq6iXWYeuIWL23mFUm4giQSSSOoLx65IjeUJpjp12J+Mh+mWWsLZ"
    "u5Kpvf5uPEjmFoo171vBqll3bXJltgpw7vT6/fH9aC59HNzeI4u7KxAnFvpg9Gk86A9Gt1"
    "0hOFzod9NJV0AvC3027EnirN8b9uaD8agrxD8v9M/i9Y/j8c/SzWA26c37P3YF8gzp0D6M"
    "Ko060d5Sltx8fR1K77EA2T/vxXv2MnyuVFdw3xf69H40crrXO0Bdet/vi+KNU6rPP1zoH3"
    "uDIT7lvhfptFpK9WG9j9JtHzVDTmfkAyGitx6xVF39dfr2ENGw4/vroShMpmJ/MEMTMq5s"
    "OxfjzvGp2BsmKn+b8pqC8U+z8SgF4kCCtHzUpS38IeA6crVNi78/bvUlhlB42KqarerWW/"
    "y1/2CcKFWgjxGKGT3+YH5z1/uFHOf94fiatGZwA9fJYHD8+xm6I5Qo1R3NZDr3hrtimgZl"
    "C9W58j1loQkEeNhIMcu+F3+ZZ6MdrDjD8ejWv53sAnKUo79tYQrlgWlnRVKOB+z3sImlbN"
    "vKekOzOdN3fouIQFk/0qkN1GE61HxRh4QVYRbr9bgk1F9rTtpQspcfVV21ngt1MyEK/dy0"
    "fmZwBBRM0V+bG0wVprO7+RPz78yNx0y2cpCUzseP7RxJZW7jO0tm8bfh5owqhCB0+KJx9e"
    "36QaHYbhme8kACwhB2cqcreu11dJYOrn9/1tOvMRx5JSwcepqR1aiVtcEyIP37IXSjfJpJ"
    "Dj6/DSknHdchI/qeGXGhz34cTO7E0bwr+EcLfdL71T3lHaC78AY8Uu/mp/vZ3LubOIOkxt"
    "JU7IuDCRYMjhd6fyreDOb4Z6HvjXxY6J/H05+l8fRGnHaF8BjvKjO67w3xvjL4vYjjIBfh"
    "kcF3JOkOSJKBJBmgQGqhQEycamwpFlsyByFViE9smJFTcyqHjxjF98mabECaSe3COW+6AT"
    "HESmQboOVppdpoBthlg9n6TksjI5e+2xLcY6uBV5W8moLknGLkbWNcthomd9s9Ux4rctlA"
    "Wz6XuhhSFaRAeSgddU3VYlSkA1k6E+kjupuIDHoRaMhWaWwnGTTkSnlQWbeCDGSOsYBj/t"
    "02XZWMEdtQCMDNAhc7RV7Z7LmoCCTmU+JDNGX1pJiSvFwaW52xpgRVFlDebTMrvtq3X4O5"
    "aSjntZijkzhH/YP4sKwA5qHTYC9sj1OcqfO5UcUT4z1B0W8TXZWu4cb/Lei4fOm4kO3v+V"
    "OucrhTrlK9KVeQ6r/fAGgHICq+u73FvmyTse70ZuhKV3DeFvpw0LseDAfzX7tCcLjQxX/e"
    "O6fc94U+FT+Jo3uxK3gH6I5fJuJohs54B0XcudXkgRXK2E+wK8CR7ZEjI/cRougRlK2G0j"
    "UJvNmRldjtCJQJbpSJzbOs28aaMlENQ1NkPSX7MJQiIH5AYnVN1uDMfgmd6/F4GIsMuB6Q"
    "2VX3d9ciWlAJugdSViBeAzcBW9/w1uuU3Ibmbn3T+udXIT20Av2Twz2ik7pnjsq1frZMTk"
    "6xRN3agw7VvFxiRtXafm/W792IBIdYTqP3BiFNkw/HZ4YGb6zr8nR/wY13HCDXG0PHoTGw"
    "R+RBlXnDUv0lLe8DJyICKeakvu5v7SJtaLlNuXaF8UVhZ5gdLnD0I+QNRmup0FxbmWAnZI"
    "8u2uADA9L4kcC0/oYC4AKnWfX+448NVVIMsN0dXvBAo6qYvd7su603Dea8umo4c+l6KnUY"
    "V4Aw/3tXkLO3UcEEXtUCis0Q1jNINxm88glA9fNlHbSw/qZXMLPDhngnWXCzP76bDMU5rq"
    "4ZHDaz4KaM3W10npg+/AOB+nP9G2NfJJP9nw1T/S9eg+VXlgprpBjoYBT9FhkUa0vaaLKu"
    "K0wLMykHBAMJrfJ9qTg/gqn4a1yqGQVg8fdxUwAW/LTpM6CdHrs8flooOsdv0bloP3s7Sb"
    "CxNXGhSqontN7aKOSY9fQByTBXilk2I9tta4ybauFaWshN6w3E0m7acM+VNg3bvPRMfLrG"
    "yBn0E4TR/XBYpZc2NhAptAs5UNPJl+T0qJWC+dLxxpKJ8JEtRXKsxd+AmdknM3OgWllNWw"
    "7j1MpFnhSEi/QMhKTfi/ethib3+K/j1AH/yC0N97HXn99PRbc+nPehGWSX7yQv6FsHv3oO"
    "b+9q6y3qSYzTy4dGZI6aVow9FRkAJOWOGkSNCl5mgoFGx6267ILEetv+5IKN8vSEf0UC6Y"
    "xdpEIRYBErZxEfVXNdkE2KCO6FS2pIFefWUUleT6E/vV1TIyfS9XeKKH87KVVfCb0xaRWH"
    "nURVO6KY+dCSXGjTNJq6S8nSCDvmqKrcm5E0Dd28rF0KY0cNV0tNVzlssFoTyVDmjJW9Ba"
    "p9NsyvqaRpePEkizH9hm7bF10KvOg+eVHYVKZWVQrYt9QltTL2LUgDwvHCeNGlrBP58ohi"
    "DRxdfgtbKhHe6ZGZs4tLHTVj13zOuCGEBQW7podZJ5DrTMWh2Jt5AdAsYdaeHC5e5R6lBV"
    "r3e6O+OHRirYPDZnigINIvHXp+I/2gIgtvvU5haxMVWQINqshsJ2QhwrM5HZ2c3w0miXli"
    "NRtKwTWS2szg4A6dLTpySJOZgvDEnURh4og7TrLoOJeCkSzv5lrqzliKv4X0qyKbUHXmsH"
    "mlQWfkZelCCQ7jFqu3UZwxnn/c+rdDtl1iRxDZsqUXWdtSiI30rUBiQgAqY+JHnQ+umawp"
    "Vqr7KHI184Fl4fvAgcTjowkcSLU6kNpHdd5Mex/nrDynI9QVnDfMcI4+DqZ3LsPpHeIt4K"
    "fzQW84/FXC28JP8NXEKXfzeOdacKY/HDsMqvteHVNa/Ybu3j6z0sbQ1CXFZ5iv05Ot7LGc"
    "yHgk3YjDwSdx+ivrGIiIdoXIh4WOPoynN+LUOe0cNYPZNrEBZmHGij14nZQs6c9pD9NF8e"
    "cstyZOs0oZ8SlsYUSGQxPnPM+DJP05kniMbB9sw3bd1gye8ajYMfrD8+8uaaPOK4JwTA4g"
    "zoS4CLwAba4ENkVTXxTzVSqnblKa2aPq4QDrKn2sqkdEtCtEPgRKZ6BqJhXMZqgivtJXrg"
    "OTrey5/wajT+NBv1gH+rJuD/qfaF0Y3hn7voN34kZ+xXkqJTsx2coeO/F+NOkNmLvPleoK"
    "7juty9zrQdsH7yrdsGmE/Fz5nsInBQI8ZCBlObLFX+YxH3YizS/wYw/Ho1v/djL3jyz/rB"
    "fO9CNlIaygyWEFS7ykaVqxniZkoacb3dMQFshZgBiEBR5jr+cJC4xvCp/TAxcXgmCx3cFi"
    "crhzfclgsV7YUssgzhssFh9dzMFiCcu7ZJnFgdsKR4DHw0LKbxUYxhrwtmNgjKh/VjfYei"
    "8LltcMTzAxhbmEiBqbjWHa6N/RsjB9TP3CnruRHceba6X9QMe2UFRQ2saJydmaKzqorn0U"
    "IUQI9kxsdzxg3F0T/owEpukuc0KMByKSiMi5vMwTknN5mR6Tg69BCv++s8nx41TamCqtPG"
    "8mynFBwHmXn1e1XKun2B6gNPGjc6yzbAOKoztMemjYrqAQXwzwzcBXV2xJXtM5j0yE44JH"
    "hzFzaFMhkOOCAHKuIjamYinmS/EaNlH5Y4S8QN0gzLlsiiMeEQfAcwHuUaaFEY/KA+RZkL"
    "ukChOrERUBpwutCDhUPtiHM8vw0wpLurLiOYotwzivNys6aVtb17WRyJYsKpGM0K3AFeY5"
    "C4/BD1YFXL4zjDe8as379h2INN9OxLmY4dWJejJ3enM6t4axsgRNkV8QFoIsoL+gPBtbSx"
    "EeDVMwdEVw1ri/CaqNbsODQljKpvkq2M+KYNnG8quwNl7Q2TeL7emp/OHy7dkPbzsEwPV9"
    "C/icmuVzgrT0etPSXZtXojmgMsq/xqSOuvzr0rDsQgmDccFjtH7zk2oQYpy+QLQz2DRPiD"
    "FwHtVzHoGexIYrKQbYAu/B8iQoznuEtjl1GFeA7+doW5zCS87fEvQH2PEHteNT4zQJTHfb"
    "8xCiyaG5DEFuqfO12iA3bL4xghyTO0aDj9XdiReoIvp/RA4UVXB87g3X4MnKBCwhBcjSkM"
    "WMvYQZe0ZsSblC6DYtVr5eu9WKeIXKmq78Za+dEJYVMXtz2K7hM6pScoAzY4rEOfFkz4E0"
    "hEdUHB5BX5KrGMa4sTuvrXatxrkXCvJR1Kh9TcSXlBgB98JJFqGgvOSODtgbkXCtPh0Ll/"
    "DXs7Pz8w9np+fvry4vPny4vDoNFILkpSzN4Hpwi5WDk6i7ZzfjsKXBf38/uEkxgqnob9Hp"
    "t1ioHgd95++PW32J8RWcb8IvF//o1Lsi0CB2HfSuTy3qLXP+OpGtgaFJAJse9uDfv7cC8X"
    "uLenh/kSPq4f1FatQDvpSoz6gZMmXc/jQbj1LM31CEpG7UpS38IWiq1WL9gAYtBiPmKk5U"
    "ACSL/RGjGjdAVgA0lk7B7yK+fEJ0P878hmye2yTfvQ9SpvN+pVob2V4+F+rphPBeKgBCV+"
    "fv6gR/kMd1+E15eDaMr5JXXpq6ExqLH/Gz296NV626vavvfl2JQ0WOK9DR85mavobuaJii"
    "fyxafm0eQ7xbr6y/Ss5nBn2TlONw745aypCgb7TRzCmAd1wO8M6Ht7KWVUpsbjrQgUBNdX"
    "UOZ0jVgu8GYcQ0kAMB/uoWVW+pWsbWpBXTydgwNpDgD993ubZqe5exV9u75GZt7duZbyR+"
    "ZuSusEhXQC8L/Z/3veHg4wBvmhEcLvSbwSxyIfrJ2cXvkzide7v4uYedIr1X+eYN6OuQ4l"
    "8wM4CQhSLzTbMxIQMk3yTjNwMEiszz1uuUyZ5IGY+szEXKzaeJQ+hPMq4qxMo3LwtCHRcH"
    "qLOgjhSyLgp3sgmAfGdgW2JhSEJf4/4KDcM6b9hK2moai15BP0YY3Q+HnezFpQK8+2FLvO"
    "MdX1KZ8M4slc+MOZeV8tNxT66tKdgfJlIr2hsUJw7RWem+nPBvqpAF1uHLp8PqWwCfAhvn"
    "jVbMpxSAczGGT/uN1OpMpuPZROzPB6NbVuIwItoVIh8CIrHfmw/Go4BMdD8udHTrZDxztn"
    "71jhb6SLwdzwfe/ZEPC70/HM/EG+kzvhAeB+fR6zy4gD80g37cmMaD/KBq1MfsbC1rWlY2"
    "VVR0f0k/72reG+P87MP7YDnDH7JWstldbzikZfu0jZEfT8QR68zCMl0Bvy50Z+A7I94d6k"
    "XH+FWOIX6VOsKvyAFeqFo4VArPWdQIBzPqS8rSkREEEJHh8GF9nmP4nqdXN0u4/r9vlKVj"
    "SmmGpUh+PbIkj5wSCEAXL1nurFkBAlmDOlnszPims9XiCwS4i6WoxRWt4ZpwpiJbbPtBEW"
    "L8+f0vT/OAje5KBdu5Rqy/eFYX8ihGBcFt3BxPEriN+Xcggtv4GHs9j9sY9iavqfZGZFdX"
    "tuIbCcFKnJStZ24zXJSw8fsBNn6Xl7b6ErhBiqcj9dx2OHKSpbgXgzSg4lj5uUYc4lRBgc"
    "yIE4+zsi6UxDbqkyaJn7+ze871j6lqbqMeMbkLiiQer3n81FX5ntPqkFKGbh4f9CtUI22p"
    "NnOS4YeGDeNhw/i6kIUN4xtGDsKG8Q3GGTaMLw84bGjeMA964UD6isLnm7ZoQJ3o5uKaQf"
    "odMlq7aVDnNX53BGnDbrkl8S25W26dAfCTrbl8li3FJXcoFET8hpMsAmLj3erSKEA/8EU/"
    "wN6h9e4denRhulOxLw4+4UIY/tFC7/dGfXE4dKpj+IedAv1TQ3UMCDCtOcBUN2yaq2eufE"
    "9ZuQMBHii4rNgR8Rcnfj29dGwQOjIcj27928l6srALLN9hPRDMdYy9nieYy1SWivpSqNsJ"
    "UQjQbU43J2e3td1sNJU5siwuBSRTjl2dPMgqYD/4Dy0jxtdhd8uN0Rn8hwPVRBSlxatQ0c"
    "1LGEHQCoesEQStVOxGgjgKJh2ukH/fB0vytd+CYMfkj9H7fBTbQLdoYAdJ2IWztyvK2y5C"
    "OB8IZ0riNnv2Tum8naaNTIiOaC6uWdER9HQAdp896RVuGcy5IyPSEgIgJoLfmIjrrYUtUa"
    "sva4q+kqlhEYl7TrIM3Qfvbmnp3Q5mLl9m7mFrBDYoMKKWSi5Ys/wv48Y4URkOfe/Vb47z"
    "bGxNCrmavolrILD/LVwjWxA/bFXNVnXrLf6+Q+xCXMvGrs+Gpq7kV8b+CGWgSyrvEgiYSF"
    "+a2uk6TwuYSNhPeXxTliZLGzQDl6UrH8w0eYIb4inivFbXVB8Zoh2Kju6cz9TLl+iO+lXx"
    "L2R1jQ3qVGc5QDd+icRuEhceVdMpRWdtEJyKtELf4l9CJ9Hygn9bcBoUfoiG5icaevvwu0"
    "JjUjK2agxFONT3a8nJzkyAT4+75TABft/RtxtTNUyqFzdfvH9Ufn+jvTMaT+96Q0aNHsHy"
    "GRfh/rzQXfmu4L4v9B8Htz92Bfy60O+nt+Jo3hXc906BOVJxve6mZ2TQ+qfMXqaxEuq9Ad"
    "6XQBqPpP79bD6+E6ddgXISZ3HMxkMvi8M98jca8PcYKNKVZ3nojbN0euMsQW+EulWiQ7Ot"
    "t5ggh8ZbS4y1XAGwUY15Vai36S1A2HOTe90xhoqGt8dEoZ+b3M+EPWzLJjK5pbWqb6mJY6"
    "k27s52YPvHZIBGhHEoDHxmGwB6EnRipMroWLW+lnysJRqCVa9Fq55H95Xr/7AR6Psm931k"
    "wSw+91Mbgb5vSd8Xm/PUBqDPm9znG3mLN8MJwsXYVayMFiCXhlSvvsmqjb5PQlhRS2ZmTq"
    "+EMEytJk8thIDset4lTXlRtGR3Z+8xSpPnZkZVsc9oBKDls7IsoqmkNLGXidWQdJPWzSsI"
    "i0qfXHyFRUEdGZ57nTLZYVOwPemhqHlbZk1+iwsBe0rZa80PyWQsaJ2QA3Bhr7V977VGWR"
    "8qALcfttSu4ZsX2/iqmLKHE32RqABeltDtlgKcWBxhr8AaUE+xrEvihAPixaAxjlbY2tML"
    "IqilJBrEcc1OOZCIHq02++CL8x0d5/mOiarfIDP4gIkChcjGAzCM9UNcBcmIbGuLLVg9lO"
    "AiK2DfgersBA+3xE57iRxgbfnn7/Kwto7uwUYyhRI8PYrqYkF8xausle410zJwc9vo4aCi"
    "11Q6TNmf0HinqPgxyz5duyezwKHET6umdpYiDyV+6izx40cmpu6omm0wUcT397y6akF0hm"
    "oFPy8B7bVhaIqspywPMUEC1AckWReqwZn9qvLX4/Ewps5dD0gz6f7uWkQDnKi6SnHrgZJ9"
    "lEq2W+KPVdGOSYGynUfZDksvllS4adUcWwZ2fuU7NtBKeW8cN2Zp301ed28bXTdBgaFyTh"
    "tO0XGTAMuXy5o77XA0aWv1Z4WA0e3cEM1sOzfSe1U7sEKHfFDoBLxYB93GpZX1atgBb2ut"
    "GiK/s3RO/EHShho/P6jJeaXS4AHnHdtCFAjfLB+6ySOqGYbUQcLfmoZxXvspPfbtwO6Lz8"
    "rDs2F87dm2st5QdTvijkwF75t7ryS7N9ei5aEvVV8U0xktXnXMUlretfp0LIreX8/Ozs8/"
    "nJ2ev7+6vPjw4fLqNFgTkpeyFofrwe1gRBCcxaufpsKfWvz0eBdkiLLhPsomUKfTSklmqY"
    "ikJCShJOfNamu66cJrFnAJKViRKMgqpmlQFvj0OMtAAMoBs0dZ6ghWX9Uq4C6kiEMxiiY/"
    "GHzNl2rYZqmxhCBPS9ceVNoMGzhqi5S0gj0z6ybSYst6JK8tTIzGBlrDQSekm8PRftptD3"
    "t/uZbwvi8d5cULXrK2D2EzpFEc3TKEXPrZtgEBi3lfFnMLi8lPxNHNYHTbYesXX6wreAcL"
    "fXbf74viDa4IHxwu9I+9wRCfct+L+FDevc8Th0g+5yNhiO+TUYjuRErJZc8IPyTkuKkMVZ"
    "lBASrucam41vJZWW01h8EwWeZSUnB/k+ldSyaTpsiWEx4aMPk5wU0KAq2UAS/rKhUThPWp"
    "yesTBGenTyd+g7Ohbh1vvU6Z7MkCKtisZubaolJAtDFawrGtHINfy1iHLSnJUz/UFc4TkE"
    "gleUzRb6dl8OZlL6Pzm05dpg3j6kjiGdEqp1BTZjIrWZwgaUqmDSSDoTjBvtbcAdqwTafW"
    "ydG9m16PDhRIoOcrh2BrUupgpefPe7c3OVsgP7TxzU1PL/KE/+Pb0jc4dS7+SVFz3cYSQP"
    "80G4+y9NxAjDRt1KUt/CFoqlXbItn5++NWX2JMhYetqtmqbr3F3/cPRtdDFTwGhilm1STC"
    "O8hIjpO4uYIbIMM7YJ/tQwXWWMrSVNi2kQ8kOFx53p3lWXjQXRmlOxLLjlPFlVIaJbOsRC"
    "hUW0mJxLPTP9HaghIr1cJ/fyWllUFMH9YUUR7WE+LBenmZ57l6eZn+WMXXoIoH35QhEMXH"
    "2OtpRHGCScvDQcTDwEqzEBzGCtZKQ/QQ9MvnDoV58K6cZJENcngPsAt7WzVqZhfQ9LGo9l"
    "W6ThQR4VDXr0UZwpOKAWHvdg7RfXeaqwjiaUYRxNNEEUS8eQnVd5NO3kRE9k/cHIYoqIyi"
    "YXjyV/8w+/P/AW49usE="
)

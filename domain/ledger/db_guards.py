"""Database-side ledger guards: balanced entries at commit (PostgreSQL) and immutable rows.

SQLite has no deferred checks, so there only immutability is enforced by the database (the
balance is enforced in code by post_journal_entry). Its DELETE guard stands down while
`PRAGMA foreign_keys` is OFF: only maintenance (the test suite's table wipe) turns it off.
"""

from __future__ import annotations

_POSTGRES_BALANCE = """
CREATE OR REPLACE FUNCTION ledger_assert_entry_balanced(checked_entry_id integer)
RETURNS void AS $$
DECLARE
    line_count integer;
    difference numeric;
BEGIN
    SELECT count(*), COALESCE(SUM(debit), 0) - COALESCE(SUM(credit), 0)
      INTO line_count, difference
      FROM journal_lines WHERE entry_id = checked_entry_id;
    IF line_count = 0 THEN
        RAISE EXCEPTION 'UNBALANCED_ENTRY: journal entry % has no lines', checked_entry_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF difference <> 0 THEN
        RAISE EXCEPTION 'UNBALANCED_ENTRY: journal entry % is off by %',
            checked_entry_id, difference USING ERRCODE = 'check_violation';
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION ledger_check_line_entry() RETURNS trigger AS $$
BEGIN
    PERFORM ledger_assert_entry_balanced(NEW.entry_id);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION ledger_check_new_entry() RETURNS trigger AS $$
BEGIN
    PERFORM ledger_assert_entry_balanced(NEW.id);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable: post a reversing entry instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""

_POSTGRES_TRIGGERS = [
    "DROP TRIGGER IF EXISTS journal_lines_balanced ON journal_lines;",
    """CREATE CONSTRAINT TRIGGER journal_lines_balanced
        AFTER INSERT ON journal_lines DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION ledger_check_line_entry();""",
    "DROP TRIGGER IF EXISTS journal_entries_balanced ON journal_entries;",
    """CREATE CONSTRAINT TRIGGER journal_entries_balanced
        AFTER INSERT ON journal_entries DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION ledger_check_new_entry();""",
    "DROP TRIGGER IF EXISTS journal_lines_immutable ON journal_lines;",
    """CREATE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();""",
    "DROP TRIGGER IF EXISTS journal_entries_immutable ON journal_entries;",
    """CREATE TRIGGER journal_entries_immutable BEFORE UPDATE OR DELETE ON journal_entries
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();""",
    "CREATE INDEX IF NOT EXISTS journal_lines_entry_idx ON journal_lines (entry_id);",
]


def _sqlite_immutable(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_update;",
        f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} rows are immutable'); END;""",
        f"DROP TRIGGER IF EXISTS {table}_no_delete;",
        f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            WHEN (SELECT foreign_keys FROM pragma_foreign_keys) = 1
            BEGIN SELECT RAISE(ABORT, '{table} rows are immutable'); END;""",
    ]


SQL: dict[str, list[str]] = {
    "postgres": [_POSTGRES_BALANCE, *_POSTGRES_TRIGGERS],
    "sqlite": [
        *_sqlite_immutable("journal_entries"),
        *_sqlite_immutable("journal_lines"),
        "CREATE INDEX IF NOT EXISTS journal_lines_entry_idx ON journal_lines (entry_id);",
    ],
}

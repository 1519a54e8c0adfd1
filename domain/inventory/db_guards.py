"""Database-side stock guards: stock moves are immutable, on hand and reserved never negative.

SQLite's DELETE guard stands down while `PRAGMA foreign_keys` is OFF: only maintenance (the
test suite's table wipe) turns it off.
"""

from __future__ import annotations

_POSTGRES = [
    """CREATE OR REPLACE FUNCTION inventory_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable: record a correcting move instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;""",
    "DROP TRIGGER IF EXISTS stock_moves_immutable ON stock_moves;",
    """CREATE TRIGGER stock_moves_immutable BEFORE UPDATE OR DELETE ON stock_moves
        FOR EACH ROW EXECUTE FUNCTION inventory_refuse_change();""",
    "ALTER TABLE stock_levels DROP CONSTRAINT IF EXISTS stock_levels_on_hand_not_negative;",
    """ALTER TABLE stock_levels ADD CONSTRAINT stock_levels_on_hand_not_negative
        CHECK (on_hand >= 0);""",
    "ALTER TABLE stock_levels DROP CONSTRAINT IF EXISTS stock_levels_reserved_not_negative;",
    """ALTER TABLE stock_levels ADD CONSTRAINT stock_levels_reserved_not_negative
        CHECK (reserved >= 0);""",
]

_SQLITE = [
    "DROP TRIGGER IF EXISTS stock_moves_no_update;",
    """CREATE TRIGGER stock_moves_no_update BEFORE UPDATE ON stock_moves
        BEGIN SELECT RAISE(ABORT, 'stock_moves rows are immutable'); END;""",
    "DROP TRIGGER IF EXISTS stock_moves_no_delete;",
    """CREATE TRIGGER stock_moves_no_delete BEFORE DELETE ON stock_moves
        WHEN (SELECT foreign_keys FROM pragma_foreign_keys) = 1
        BEGIN SELECT RAISE(ABORT, 'stock_moves rows are immutable'); END;""",
    "DROP TRIGGER IF EXISTS stock_levels_not_negative_insert;",
    """CREATE TRIGGER stock_levels_not_negative_insert BEFORE INSERT ON stock_levels
        WHEN CAST(NEW.on_hand AS REAL) < 0 OR CAST(NEW.reserved AS REAL) < 0
        BEGIN SELECT RAISE(ABORT, 'stock levels cannot be negative'); END;""",
    "DROP TRIGGER IF EXISTS stock_levels_not_negative_update;",
    """CREATE TRIGGER stock_levels_not_negative_update BEFORE UPDATE ON stock_levels
        WHEN CAST(NEW.on_hand AS REAL) < 0 OR CAST(NEW.reserved AS REAL) < 0
        BEGIN SELECT RAISE(ABORT, 'stock levels cannot be negative'); END;""",
]

SQL = {"postgres": _POSTGRES, "sqlite": _SQLITE}

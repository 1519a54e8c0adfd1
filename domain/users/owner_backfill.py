"""The data migration of §13: owners of before (free text) become users where they match.

Until §13, `accounts.owner` and `opportunities.owner` were free text. The schema migration
renames each to `owner_legacy` and adds a nullable `owner_id` (a foreign key to users); then
these statements, the same on PostgreSQL and SQLite, set `owner_id` to the user whose email
matches the old text (ignoring case and surrounding blanks) and clear `owner_legacy` on those
rows. Text that matches no user's email stays in `owner_legacy`, untouched and not shown by
the API. Running them again changes nothing."""

from __future__ import annotations

_MATCH = "SELECT u.id FROM users AS u WHERE lower(u.email) = lower(trim({table}.owner_legacy))"

OWNER_BACKFILL_SQL: tuple[str, ...] = tuple(
    # Every SET expression reads the row as it was, so owner_legacy is cleared only where
    # owner_id is found, in one statement per table.
    f"UPDATE {table} SET owner_id = ({_MATCH.format(table=table)}), owner_legacy = NULL "
    f"WHERE owner_id IS NULL AND owner_legacy IS NOT NULL "
    f"AND EXISTS ({_MATCH.format(table=table)})"
    for table in ("accounts", "opportunities")
)

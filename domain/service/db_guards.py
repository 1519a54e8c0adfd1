"""Database guards of the service area: at most one default SLA policy (contract §7)."""

from __future__ import annotations

_ONE_DEFAULT_POLICY = (
    "CREATE UNIQUE INDEX IF NOT EXISTS sla_policies_one_default "
    "ON sla_policies (is_default) WHERE is_default;"
)

SQL = {"postgres": [_ONE_DEFAULT_POLICY], "sqlite": [_ONE_DEFAULT_POLICY]}

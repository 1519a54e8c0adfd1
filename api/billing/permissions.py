"""Who reads and writes receivables (contract §5.4)."""

from __future__ import annotations

from api.auth import allow
from domain.auth.models import Role

# OPERATIONS, SERVICE and INTEGRATION do not see receivables.
BILLING_ROLES = frozenset({Role.ADMIN, Role.FINANCE, Role.SALES, Role.READONLY})
READ_BILLING = allow(*BILLING_ROLES)
WRITE_BILLING = allow(Role.ADMIN, Role.FINANCE)

"""Who may start each kind of background work; a role sees the runs of the kinds it may start
(§2 Background work)."""

from __future__ import annotations

from strawberry.permission import BasePermission

from api.auth import WRITE_ALL, allow
from domain.auth.models import Role
from domain.jobs.models import JobKind

STARTERS: dict[JobKind, frozenset[Role]] = {
    JobKind.ACCOUNT_FIGURES: WRITE_ALL,
    JobKind.INVOICING: frozenset({Role.ADMIN, Role.FINANCE}),
    JobKind.MRP: frozenset({Role.ADMIN, Role.OPERATIONS}),
    JobKind.SLA_ESCALATION: frozenset({Role.ADMIN, Role.SERVICE}),
}


def may_start(kind: JobKind) -> type[BasePermission]:
    return allow(*STARTERS[kind])


def visible_kinds(role: Role | None) -> list[JobKind]:
    return [kind for kind, roles in STARTERS.items() if role in roles]

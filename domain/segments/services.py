"""Segment use cases: create, update, delete and list saved segments of accounts (§13)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.accounts.models import Account
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import segment_event_data
from domain.events import record_event
from domain.segments.members import segment_accounts
from domain.segments.models import Segment
from domain.segments.rules import SegmentRules, clean_rules, rules_of, stored_rules
from domain.settings import get_settings
from domain.users.models import User
from domain.validation import Checks, required_text

SEGMENT_FIELDS = ("name", "rules")


def _duplicate(name: str) -> DomainError:
    return DomainError(ErrorCode.DUPLICATE, f"A segment named {name!r} already exists.", "name")


def _clean(changes: Mapping[str, Any]) -> tuple[str | None, SegmentRules | None]:
    unknown = sorted(set(changes) - set(SEGMENT_FIELDS))
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {unknown}.", unknown[0])
    checks = Checks()
    name = checks(required_text, changes["name"], "name", 120) if "name" in changes else None
    rules = None
    if "rules" in changes:
        rules = checks(clean_rules, changes["rules"] or {})
    checks.raise_if_any()
    return name, rules


async def _check_owner(rules: SegmentRules | None) -> None:
    owner = None if rules is None else rules.owner_id
    if owner is not None and not await User.exists(id=owner):
        raise not_found("User", owner, ("rules", "owner_id"))


async def get_segment(segment_id: int, *, field: str = "id") -> Segment:
    segment = await Segment.get_or_none(id=segment_id)
    if segment is None:
        raise not_found("Segment", segment_id, field)
    return segment


async def create_segment(name: Any, rules: Mapping[str, Any] | None) -> Segment:
    """A named segment; its members are whatever accounts its rules select when read."""
    clean_name, clean = _clean({"name": name, "rules": rules or {}})
    assert clean_name is not None and clean is not None
    async with in_transaction():
        await _check_owner(clean)
        if await Segment.exists(name=clean_name):
            raise _duplicate(clean_name)
        try:
            async with in_transaction():
                segment = await Segment.create(name=clean_name, rules=stored_rules(clean))
        except IntegrityError:
            raise _duplicate(clean_name) from None
        await record_event("segment.created", segment_event_data(segment, get_settings().currency))
    return segment


async def update_segment(segment_id: int, changes: Mapping[str, Any]) -> Segment:
    """Renames the segment or replaces its rules (whole: a rule left out no longer applies)."""
    name, rules = _clean(changes)
    async with in_transaction():
        segment = await get_segment(segment_id)
        await _check_owner(rules)
        updates: dict[str, Any] = {}
        if name is not None and name != segment.name:
            if await Segment.exists(name=name):
                raise _duplicate(name)
            updates["name"] = name
        if rules is not None and stored_rules(rules) != segment.rules:
            updates["rules"] = stored_rules(rules)
        if not updates:
            return segment
        previous = {key: getattr(segment, key) for key in updates}
        for key, value in updates.items():
            setattr(segment, key, value)
        try:
            async with in_transaction():
                await segment.save(update_fields=[*updates, "updated_at"])
        except IntegrityError:
            raise _duplicate(updates["name"]) from None
        await record_event(
            "segment.updated", segment_event_data(segment, get_settings().currency, previous)
        )
    return segment


async def delete_segment(segment_id: int) -> Segment:
    """Deletes the segment (its accounts are untouched); returns it as it was."""
    async with in_transaction():
        segment = await get_segment(segment_id)
        await record_event("segment.deleted", segment_event_data(segment, get_settings().currency))
        await segment.delete()
    return segment


def list_segments() -> QuerySet[Segment]:
    return Segment.all()


def segment_members(segment: Segment) -> QuerySet[Account]:
    """The accounts the segment's rules select now (one queryset; see `segment_accounts`)."""
    return segment_accounts(rules_of(segment.rules))

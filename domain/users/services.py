"""User use cases: create, update, deactivate, and the user list (§13)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.actor import current_actor
from domain.auth.models import Role
from domain.errors import DomainError, ErrorCode, not_found
from domain.event_data import user_event_data
from domain.events import record_event
from domain.querying import filter_given
from domain.users.models import User
from domain.validation import Checks, optional_email, required_text

USER_FIELDS = ("name", "email", "role", "active")


def _required_email(value: Any, field: str = "email") -> str:
    email = optional_email(value, field)
    if email is None:
        raise DomainError(ErrorCode.REQUIRED, "email is required.", field)
    return email


def _role(value: Any, field: str = "role") -> Role:
    if value is None:
        raise DomainError(ErrorCode.REQUIRED, "role is required.", field)
    try:
        return Role(value)
    except ValueError:
        raise DomainError(ErrorCode.INVALID, f"{value!r} is not a role.", field) from None


def _active(value: Any, field: str = "active") -> bool:
    if not isinstance(value, bool):
        raise DomainError(ErrorCode.INVALID, "active must be true or false.", field)
    return value


def clean_user_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The given user fields (only those present), validated together and normalised."""
    unknown = set(changes) - set(USER_FIELDS)
    if unknown:
        raise DomainError(ErrorCode.INVALID, f"Unknown fields: {sorted(unknown)}.")
    checks = Checks()
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            clean[key] = checks(required_text, value, "name", 120)
        elif key == "email":
            clean[key] = checks(_required_email, value)
        elif key == "role":
            clean[key] = checks(_role, value)
        else:
            clean[key] = checks(_active, value)
    checks.raise_if_any()
    return clean


async def _check_email_free(email: str | None, user_id: int | None = None) -> None:
    if email is None:
        return
    taken = User.filter(email=email)
    if user_id is not None:
        taken = taken.exclude(id=user_id)
    if await taken.exists():
        raise DomainError(ErrorCode.DUPLICATE, f"A user with email {email} exists.", "email")


async def get_user(user_id: int, *, field: str = "id") -> User:
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise not_found("User", user_id, field)
    return user


async def create_user(fields: Mapping[str, Any]) -> User:
    clean = clean_user_fields({"name": None, "email": None, "role": None, **fields})
    async with in_transaction():
        await _check_email_free(clean["email"])
        try:
            async with in_transaction():
                user = await User.create(**clean)
        except IntegrityError:  # the same email created concurrently
            raise DomainError(
                ErrorCode.DUPLICATE, f"A user with email {clean['email']} exists.", "email"
            ) from None
        await record_event("user.created", user_event_data(user))
        return user


async def update_user(user_id: int, changes: Mapping[str, Any]) -> User:
    """A changed role stops the user's tokens of another role than the new one or READONLY
    (domain.auth.services.is_usable); `active: true` reactivates. A change records
    user.updated (user.deactivated when it makes the user inactive); none, no event."""
    clean = clean_user_fields(changes)
    async with in_transaction():
        user = await get_user(user_id)
        await _check_email_free(clean.get("email"), user.id)
        previous = {k: getattr(user, k) for k, v in clean.items() if getattr(user, k) != v}
        if previous:
            user.update_from_dict({k: clean[k] for k in previous})
            await user.save(update_fields=[*previous, "updated_at"])
            event = "user.deactivated" if previous.get("active") is True else "user.updated"
            await record_event(event, user_event_data(user, previous))
    return user


async def deactivate_user(user_id: int) -> User:
    """From the next request on, the user's tokens get 401 (their websockets close)."""
    return await update_user(user_id, {"active": False})


def list_users(*, active: bool | None = None, role: Role | None = None) -> QuerySet[User]:
    return filter_given(User.all(), active=active, role=role)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def default_owner_id() -> int | None:
    """The owner of a record created without one (§13): the acting token's user, or None for
    a token issued for no one (and for schedules and commands)."""
    actor = current_actor()
    return actor.user_id if actor is not None else None


async def check_active_users(user_ids: Mapping[str, int | None]) -> None:
    """Every given owner/assignee (by field name) must be an active user, else INVALID; all
    invalid fields are reported at once. None (no one) is fine."""
    wanted = {field: user_id for field, user_id in user_ids.items() if user_id is not None}
    if not wanted:
        return
    active = set(
        await User.filter(id__in=set(wanted.values()), active=True).values_list("id", flat=True)
    )
    checks = Checks()
    for field, user_id in wanted.items():
        if user_id not in active:
            checks.add(
                DomainError(ErrorCode.INVALID, f"{_camel(field)} must be an active user.", field)
            )
    checks.raise_if_any()

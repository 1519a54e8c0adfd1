"""Creating, checking, listing and revoking API tokens (§2 Auth)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from domain.auth.models import ApiToken, Role
from domain.clock import utcnow
from domain.errors import DomainError, ErrorCode, not_found
from domain.users.models import User
from domain.validation import Checks, required_text, valid_integer

TOKEN_PREFIX = "tdm_"
# lastUsedAt is a hint, not a log: one write a minute per token at most, not one per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_DAYS = 3650


def hash_token(raw: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough; no salt or KDF needed.
    return hashlib.sha256(raw.encode()).hexdigest()


def _role(value: Role | str, field: str = "role") -> Role:
    try:
        return Role(value)
    except ValueError:
        raise DomainError(ErrorCode.INVALID, f"{value!r} is not a role.", field) from None


def roles_a_user_may_hold(user: User) -> frozenset[Role]:
    """A token never grants its user more than the user's role: that role, or READONLY."""
    return frozenset({Role(user.role), Role.READONLY})


async def _token_user(user_id: int | None, user_email: str | None, field: str) -> User | None:
    if user_id is None and user_email is None:
        return None
    if user_id is not None:
        user = await User.get_or_none(id=user_id)
    else:
        user = await User.get_or_none(email=(user_email or "").strip().lower())
    if user is None:
        raise not_found("User", user_id if user_id is not None else user_email, field)
    if not user.active:
        raise DomainError(ErrorCode.INVALID, "The user is deactivated.", field)
    return user


async def create_token(
    name: str,
    role: Role | str,
    *,
    user_id: int | None = None,
    user_email: str | None = None,
    expires_in_days: int | None = None,
    user_field: str = "user_id",
) -> tuple[ApiToken, str]:
    """Returns the stored token and the raw secret, which is never stored or shown again.

    A token for a user (by id or email) carries the user's role or READONLY; one with
    `expires_in_days` stops working that many days from now."""
    checks = Checks()
    clean_name = checks(required_text, name, "name", 120)
    clean_role = checks(_role, role)
    if expires_in_days is not None:
        checks(valid_integer, expires_in_days, "expires_in_days", minimum=1, maximum=MAX_DAYS)
    user = None
    with checks.collecting():
        user = await _token_user(user_id, user_email, user_field)
    checks.raise_if_any()
    if user is not None and clean_role not in roles_a_user_may_hold(user):
        raise DomainError(
            ErrorCode.INVALID,
            f"A token of {user.email} carries the role {Role(user.role).value} or READONLY.",
            "role",
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    token = await ApiToken.create(
        name=clean_name,
        role=clean_role,
        token_hash=hash_token(raw),
        prefix=raw[:12],
        user=user,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    return token, raw


def is_usable(token: ApiToken, user: User | None, now: datetime) -> bool:
    """Not revoked, not expired, and — for a token of a user (`user`, its row) — the user is
    active and still holds a role the token may carry."""
    if token.revoked_at is not None:
        return False
    if token.expires_at is not None and token.expires_at <= now:
        return False
    if token.user_id is None:
        return True
    return user is not None and user.active and Role(token.role) in roles_a_user_may_hold(user)


async def authenticate(raw: str) -> ApiToken | None:
    """The usable token of this secret, or None. One read (the token with its user); it
    notes `last_used_at` with one conditional write at most once a minute per token."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        await ApiToken.filter(token_hash=hash_token(raw), revoked_at=None)
        .select_related("user")
        .first()
    )
    now = utcnow()
    if token is None or not is_usable(token, token.user, now):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
        await ApiToken.filter(stale, id=token.id).update(last_used_at=now)
        token.last_used_at = now
    return token


async def get_token(token_id: int, field: str = "id") -> ApiToken:
    token = await ApiToken.get_or_none(id=token_id)
    if token is None:
        raise not_found("Token", token_id, field)
    return token


async def revoke_token(token_id: int, field: str = "id") -> ApiToken:
    """From now on the token gets 401, and its open websockets are closed within 5 s."""
    async with in_transaction():
        token = await get_token(token_id, field)
        if token.revoked_at is None:
            token.revoked_at = utcnow()
            await token.save(update_fields=["revoked_at"])
    return token


def list_tokens() -> QuerySet[ApiToken]:
    return ApiToken.all()


async def has_any_token() -> bool:
    return await ApiToken.exists()

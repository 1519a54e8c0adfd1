"""Creating, checking and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets

from domain.auth.models import ApiToken, Role
from domain.clock import utcnow
from domain.errors import DomainError, ErrorCode, not_found
from domain.validation import required_text

TOKEN_PREFIX = "tdm_"


def hash_token(raw: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough; no salt or KDF needed.
    return hashlib.sha256(raw.encode()).hexdigest()


async def create_token(name: str, role: Role | str) -> tuple[ApiToken, str]:
    """Returns the stored token and the raw secret, which is never stored or shown again."""
    clean_name = required_text(name, "name", 120)
    try:
        clean_role = Role(role)
    except ValueError:
        raise DomainError(ErrorCode.INVALID, f"{role!r} is not a role.", "role") from None
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = await ApiToken.create(
        name=clean_name, role=clean_role, token_hash=hash_token(raw), prefix=raw[:12]
    )
    return token, raw


async def authenticate(raw: str) -> ApiToken | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    return await ApiToken.get_or_none(token_hash=hash_token(raw), revoked_at=None)


async def revoke_token(token_id: int) -> ApiToken:
    token = await ApiToken.get_or_none(id=token_id)
    if token is None:
        raise not_found("Token", token_id, "id")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        await token.save(update_fields=["revoked_at"])
    return token


async def has_any_token() -> bool:
    return await ApiToken.exists()

"""Standard Webhooks message format: secrets, the JSON body and the signed headers (pure)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 24


def generate_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def iso_timestamp(moment: datetime) -> str:
    """UTC with a trailing Z, as in the Standard Webhooks examples."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def message_body(event_type: str, occurred_at: datetime, data: Mapping[str, Any]) -> bytes:
    """The same bytes on every attempt: the event's time, not the send time."""
    return orjson.dumps({"type": event_type, "timestamp": iso_timestamp(occurred_at), "data": data})


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """`timestamp` is the send time in Unix seconds (receivers refuse stale ones)."""
    return {
        "content-type": "application/json",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }

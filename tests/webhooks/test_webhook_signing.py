"""The message format and signature, checked by the consumers' standardwebhooks library."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import orjson
import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from domain.webhooks.signing import generate_secret, message_body, signed_headers


def test_a_secret_is_whsec_and_base64_of_24_random_bytes() -> None:
    secret = generate_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 24
    assert generate_secret() != secret


def test_the_body_holds_type_event_time_and_data() -> None:
    body = message_body(
        "invoice.posted", datetime(2025, 3, 1, 9, 30, tzinfo=UTC), {"total": "107.00"}
    )
    assert orjson.loads(body) == {
        "type": "invoice.posted",
        "timestamp": "2025-03-01T09:30:00Z",
        "data": {"total": "107.00"},
    }


def test_standardwebhooks_verifies_our_signature() -> None:
    secret = generate_secret()
    body = message_body("case.created", datetime(2025, 3, 1, tzinfo=UTC), {"number": "C-1"})
    now = int(datetime.now(UTC).timestamp())
    headers = signed_headers(secret, "evt_1", now, body)
    assert Webhook(secret).verify(body, headers) == orjson.loads(body)


def test_standardwebhooks_refuses_a_tampered_body_or_another_secret() -> None:
    secret = generate_secret()
    body = message_body("case.created", datetime(2025, 3, 1, tzinfo=UTC), {"number": "C-1"})
    headers = signed_headers(secret, "evt_1", int(datetime.now(UTC).timestamp()), body)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body.replace(b"C-1", b"C-2"), headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(generate_secret()).verify(body, headers)

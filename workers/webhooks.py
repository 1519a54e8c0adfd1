"""Webhook delivery: one arq job per attempt (`webhook:<delivery id>:<attempt>`)."""

from __future__ import annotations

from typing import Any

from arq.worker import func

from adapters.http_delivery import post_message
from domain.webhooks.delivery import attempt_delivery
from workers.outbox import schedule_attempts


async def deliver_webhook(ctx: dict[str, Any], delivery_id: int, attempt: int) -> str:
    """Makes the attempt and enqueues the next one when the schedule says so; a re-run of an
    attempt already recorded (arq may run a job twice) does nothing."""
    outcome = await attempt_delivery(delivery_id, attempt, post_message)
    if outcome is None:
        return "skipped"
    if outcome.next_attempt is not None:
        await schedule_attempts(ctx["redis"], [outcome.next_attempt])
    return outcome.status.value


# No kept result: the attempt's own idempotence dedupes, and a lost attempt can be re-queued.
FUNCTIONS = [func(deliver_webhook, keep_result=0, timeout=60)]

"""The period lock of closing the books (§11): the day through which nothing may be posted."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

# The lock is one row: postings share-lock it and a close locks it for update, so a close
# waits for the postings already under way and no posting slips in behind it.
THE_LOCK = 1


class PeriodLock(Model):
    id = fields.IntField(primary_key=True)
    # Null: no period is closed.
    closed_through = fields.DateField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "period_locks"

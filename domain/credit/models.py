"""Whether an account's credit exposure stands above its limit, so that crossing is told once."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CreditWatch(Model):
    """One row per account with a credit limit once its exposure was first looked at; the
    row is locked while a change re-reads the exposure, so two changes never both announce
    the same crossing (§9)."""

    id = fields.IntField(primary_key=True)
    account: fields.OneToOneRelation = fields.OneToOneField(
        "models.Account", related_name="credit_watch", on_delete=fields.CASCADE
    )
    account_id: int
    over_limit = fields.BooleanField(default=False)
    # When the exposure last crossed above the limit; null while it never did.
    exceeded_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "credit_watches"

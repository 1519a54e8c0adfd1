"""An account's figures computed in one pass: the report the ACCOUNT_FIGURES job produces."""

from __future__ import annotations

from typing import Any

from domain.accounts.models import Contact
from domain.accounts.services import get_account


async def compute_account_figures(account_id: int) -> dict[str, Any]:
    account = await get_account(account_id, field="account_id")
    return {
        "account_id": account.id,
        "lifecycle": account.lifecycle.value,
        "contacts": await Contact.filter(account_id=account.id).count(),
    }

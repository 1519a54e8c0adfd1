"""Credit exposure (§9): balance plus the uninvoiced value of confirmed orders, and the
`account.credit_exceeded` event, once each time a change takes it above the credit limit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from domain.accounts.models import Account
from domain.billing.receivables import balances, uninvoiced_order_values
from domain.clock import utcnow
from domain.credit.models import CreditWatch
from domain.event_data import credit_exceeded_data
from domain.events import record_events
from domain.money import cents


async def credit_exposures(account_ids: Sequence[int]) -> dict[int, Decimal]:
    """creditExposure per account: posted invoices' amount due minus unapplied payments and
    credits, plus the uninvoiced value of its confirmed orders (§3, §9)."""
    ids = sorted(set(account_ids))
    if not ids:
        return {}
    balance = await balances(ids)
    uninvoiced = await uninvoiced_order_values(ids)
    return {account_id: balance[account_id] + uninvoiced[account_id] for account_id in ids}


def crossed_above(limit: Decimal | None, exposure: Decimal) -> bool:
    """Over the limit means strictly above it; no limit is never over (pure)."""
    return limit is not None and exposure > cents(limit)


async def note_credit_exposure(account_ids: Iterable[int]) -> None:
    """Call inside the transaction of a change to the accounts' exposure or limits, after
    the change: an account whose exposure now stands above its limit, and did not before,
    records `account.credit_exceeded`; one back within its limit is armed again. Accounts
    without a limit cost two queries.

    The watch rows are locked (in account order) before the exposure is read, so of two
    changes at once the second reads the first's committed figures and its verdict."""
    ids = sorted(set(account_ids))
    if not ids:
        return
    limited = {
        account.id for account in await Account.filter(id__in=ids, credit_limit__isnull=False)
    }
    armed = {row.account_id for row in await CreditWatch.filter(account_id__in=ids)}
    watched = sorted(limited | armed)
    if not watched:
        return
    missing = sorted(set(watched) - armed)
    if missing:
        # A concurrent change may create the same rows: theirs stand, ours are skipped.
        await CreditWatch.bulk_create(
            [CreditWatch(account_id=account_id) for account_id in missing], ignore_conflicts=True
        )
    rows = list(
        await CreditWatch.filter(account_id__in=watched).select_for_update().order_by("account_id")
    )
    accounts = {
        account.id: account
        for account in await Account.filter(id__in=watched, credit_limit__isnull=False)
    }
    exposures = await credit_exposures(sorted(accounts))
    now = utcnow()
    changed: list[CreditWatch] = []
    crossings: list[tuple[Account, Decimal]] = []
    for row in rows:
        account = accounts.get(row.account_id)
        exposure = exposures.get(row.account_id, Decimal(0))
        over = account is not None and crossed_above(account.credit_limit, exposure)
        if over == row.over_limit:
            continue
        row.over_limit = over
        row.updated_at = now
        if over and account is not None:
            row.exceeded_at = now
            crossings.append((account, exposure))
        changed.append(row)
    if changed:
        await CreditWatch.bulk_update(changed, fields=["over_limit", "exceeded_at", "updated_at"])
    if crossings:
        await record_events(
            [
                ("account.credit_exceeded", credit_exceeded_data(account, exposure))
                for account, exposure in crossings
            ]
        )

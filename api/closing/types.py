"""GraphQL types of closing the books (§11): statements, the period lock, P&L, balance sheet."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from api.accounts.loaders import AccountByIdLoader
from api.errors import payload
from api.relay import to_node
from api.scalars import Money, described_enum, money
from domain.closing import reports, statements
from domain.closing.statements import DocumentType
from domain.settings import get_settings

if TYPE_CHECKING:
    from api.accounts.types import Account
    from api.ledger.types import LedgerAccount

STATEMENT_MONEY = "In the account's currency, to its minor units."
BASE_MONEY = "In the installation currency (the ledger's base, §12), to the cent."
LEDGER_READERS = " ADMIN, FINANCE and OPERATIONS only."

described_enum(
    DocumentType,
    name="StatementDocumentType",
    description="The kind of document behind a statement line (§11).",
    values={
        "INVOICE": "A posted invoice: its total is a debit.",
        "PAYMENT": "A customer payment: its amount is a credit, applied or not.",
        "CREDIT_NOTE": "A credit note: its total is a credit, on the invoice or as credit.",
        "REFUND": "Money paid back to the customer: a debit.",
    },
)


@strawberry.type(description="One document on an account statement, in date order (§11).")
class AccountStatementLine:
    date: date = strawberry.field(description="The document's date (issue date, payment date).")
    document_type: DocumentType = strawberry.field(description="What the document is.")
    reference: str = strawberry.field(
        description="The document's number, e.g. `INV-2026-000001`, `PAY-2026-000001`."
    )
    debit: Money = strawberry.field(
        description="What the document charged the account; 0.00 on a credit line. "
        + STATEMENT_MONEY
    )
    credit: Money = strawberry.field(
        description="What the document settled or credited; 0.00 on a debit line. "
        + STATEMENT_MONEY
    )
    balance: Money = strawberry.field(
        description="The account's balance once this line is counted. " + STATEMENT_MONEY
    )


def _statement_line(line: statements.StatementLine, currency: str) -> AccountStatementLine:
    return AccountStatementLine(
        date=line.date,
        document_type=line.document_type,
        reference=line.reference,
        debit=money(line.debit, currency),
        credit=money(line.credit, currency),
        balance=money(line.balance, currency),
    )


@strawberry.type(
    description="What a customer was charged and paid over a period (§11): the balance at "
    "the start, every invoice, payment and credit note dated in the period, and the balance "
    "at the end — the account's balance as of `to`, to the cent (the same as Account.balance "
    "when nothing is dated later). ADMIN, FINANCE, SALES and READONLY only."
)
class AccountStatement:
    account_id: strawberry.Private[int]
    from_: date = strawberry.field(name="from", description="The first day, inclusive.")
    to: date = strawberry.field(description="The last day, inclusive.")
    opening_balance: Money = strawberry.field(
        description="The account's balance at the start of `from`: invoices before it, less "
        "payments and credit notes before it. " + STATEMENT_MONEY
    )
    lines: list[AccountStatementLine] = strawberry.field(
        description="The documents dated in the period, by date; within a day invoices, then "
        "credit notes, then payments, each in the order recorded."
    )
    closing_balance: Money = strawberry.field(
        description="openingBalance + Σ(debit − credit): the account's balance as of `to`. "
        + STATEMENT_MONEY
    )

    @strawberry.field(description="The customer (an Account, §3).")
    async def account(
        self, info: Info
    ) -> Annotated[Account, strawberry.lazy("api.accounts.types")]:
        row = await info.context.loaders[AccountByIdLoader].load(self.account_id)
        return to_node(row)

    @classmethod
    def from_domain(cls, statement: statements.Statement) -> AccountStatement:
        currency = statement.currency
        return cls(
            account_id=statement.account_id,
            from_=statement.date_from,
            to=statement.date_to,
            opening_balance=money(statement.opening_balance, currency),
            lines=[_statement_line(line, currency) for line in statement.lines],
            closing_balance=money(statement.closing_balance, currency),
        )


def _base(amount: Any) -> Money:
    return money(amount, get_settings().currency)


@strawberry.type(
    description="One ledger account's figure in a profit and loss or a balance sheet (§11)."
    + LEDGER_READERS
)
class LedgerAccountAmount:
    record: strawberry.Private[reports.ReportRow]

    @strawberry.field(description="The ledger account.")
    def ledger_account(self) -> Annotated[LedgerAccount, strawberry.lazy("api.ledger.types")]:
        return to_node(self.record.ledger_account)

    @strawberry.field(
        description="Its own side up: debit − credit for ASSET and EXPENSE accounts, credit − "
        "debit for LIABILITY, EQUITY and REVENUE (a loss on 7000 is negative). " + BASE_MONEY
    )
    def amount(self) -> Money:
        return _base(self.record.amount)


def _rows(rows: list[reports.ReportRow]) -> list[LedgerAccountAmount]:
    return [LedgerAccountAmount(record=row) for row in rows]


@strawberry.type(
    description="The profit and loss of a period (§11): the movements of the REVENUE and "
    "EXPENSE accounts in it." + LEDGER_READERS
)
class ProfitAndLoss:
    from_: date = strawberry.field(name="from", description="The first day, inclusive.")
    to: date = strawberry.field(description="The last day, inclusive.")
    rows: list[LedgerAccountAmount] = strawberry.field(
        description="Every REVENUE and EXPENSE account, by code, zeros included."
    )
    revenue: Money = strawberry.field(description="Σ of the REVENUE rows. " + BASE_MONEY)
    expenses: Money = strawberry.field(description="Σ of the EXPENSE rows. " + BASE_MONEY)
    net_income: Money = strawberry.field(description="revenue − expenses. " + BASE_MONEY)

    @classmethod
    def from_domain(cls, report: reports.ProfitAndLoss) -> ProfitAndLoss:
        return cls(
            from_=report.date_from,
            to=report.date_to,
            rows=_rows(report.rows),
            revenue=_base(report.revenue),
            expenses=_base(report.expenses),
            net_income=_base(report.net_income),
        )


@strawberry.type(
    description="The balance sheet as of a day (§11): the ASSET, LIABILITY and EQUITY "
    "accounts' balances, with all earnings to date inside equity as retainedEarnings, so "
    "that assets = liabilities + equity exactly." + LEDGER_READERS
)
class BalanceSheet:
    as_of: date = strawberry.field(description="Entries dated up to this day, inclusive.")
    rows: list[LedgerAccountAmount] = strawberry.field(
        description="Every ASSET, LIABILITY and EQUITY account, by code, zeros included."
    )
    retained_earnings: Money = strawberry.field(
        description="All earnings to date: revenue − expenses of every entry up to asOf. "
        + BASE_MONEY
    )
    assets: Money = strawberry.field(description="Σ of the ASSET rows. " + BASE_MONEY)
    liabilities: Money = strawberry.field(description="Σ of the LIABILITY rows. " + BASE_MONEY)
    equity: Money = strawberry.field(
        description="Σ of the EQUITY rows plus retainedEarnings. " + BASE_MONEY
    )

    @classmethod
    def from_domain(cls, report: reports.BalanceSheet) -> BalanceSheet:
        return cls(
            as_of=report.as_of,
            rows=_rows(report.rows),
            retained_earnings=_base(report.retained_earnings),
            assets=_base(report.assets),
            liabilities=_base(report.liabilities),
            equity=_base(report.equity),
        )


@strawberry.input(description="periodClose's input (§11).")
class PeriodCloseInput:
    through: date = strawberry.field(
        description="The last day of the closed periods, e.g. 2026-03-31: from then on "
        "nothing can be posted dated on or before it (PERIOD_CLOSED). Not earlier than the "
        "current closedThrough (INVALID)."
    )


@strawberry.input(description="periodReopen's input (§11).")
class PeriodReopenInput:
    through: date | None = strawberry.field(
        default=None,
        description="The new lock date, on or before the current closedThrough; null (the "
        "default) reopens everything: no period closed.",
    )


@payload(
    "closed_through",
    date,
    description="The result of periodClose: the lock date, or the errors that refused it.",
    key_description="The last day of the closed periods now; null when refused.",
)
class PeriodClosePayload: ...


@payload(
    "closed_through",
    date,
    description="The result of periodReopen: the lock date, or the errors that refused it.",
    key_description="The last day of the closed periods now: null when nothing is closed "
    "(or when refused, with errors).",
)
class PeriodReopenPayload: ...

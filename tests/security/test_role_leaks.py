"""The role leaks found by trying as an attacker would (issue 12), each closed: READONLY
starting account figures, any role reading a run's result by its sequential id, purchase
costs read by roles that may not see standard cost, and anonymous GraphiQL with
introspection off (test_authentication)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from adapters.queue import JobQueue
from api.relay import encode_id
from domain.accounts.services import create_account
from domain.jobs.kinds import InvoicingParams, start_job_run
from domain.jobs.models import JobKind, JobRun, JobStatus
from tests.security.bad_input_data import World

NOT_COST_READERS = ["SALES", "SERVICE", "READONLY", "INTEGRATION"]
COST_READERS = ["ADMIN", "FINANCE", "OPERATIONS"]


async def test_readonly_may_not_start_an_account_figures_run(gql: Any) -> None:
    account = await create_account({"name": "Acme"})

    result = await gql(
        "mutation ($id: ID!) { accountFiguresRefresh(input: {accountId: $id}) "
        "{ jobRun { id } errors { code } } }",
        {"id": encode_id("Account", account.id)},
        role="READONLY",
    )

    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await JobRun.all().count() == 0


@pytest.fixture
async def finished_invoice_run(queue: JobQueue) -> str:
    """A SUCCEEDED invoicing run whose result names the invoices it posted."""
    run = await start_job_run(JobKind.INVOICING, InvoicingParams(date(2026, 4, 1)), queue)
    await JobRun.filter(id=run.id).update(
        status=JobStatus.SUCCEEDED, result={"invoices": ["INV-2026-000001"], "count": 1}
    )
    return encode_id("JobRun", run.id)


@pytest.mark.parametrize("role", ["SALES", "SERVICE", "OPERATIONS", "READONLY", "INTEGRATION"])
async def test_a_run_of_a_kind_the_role_may_not_start_is_unreadable_every_way(
    gql: Any, finished_invoice_run: str, role: str
) -> None:
    by_id = await gql(
        "query ($id: ID!) { jobRun(id: $id) { result } node(id: $id) { ... on JobRun { result } }"
        " nodes(ids: [$id]) { ... on JobRun { result } } }",
        {"id": finished_invoice_run},
        role=role,
    )
    listed = await gql("{ jobRuns { totalCount edges { node { result } } } }", role=role)

    assert by_id["data"] == {"jobRun": None, "node": None, "nodes": [None]}
    assert listed["data"]["jobRuns"] == {"totalCount": 0, "edges": []}
    assert "INV-2026-000001" not in str(by_id) + str(listed)


@pytest.mark.parametrize("role", ["ADMIN", "FINANCE"])
async def test_the_roles_that_may_invoice_read_the_runs_result(
    gql: Any, finished_invoice_run: str, role: str
) -> None:
    result = await gql(
        "query ($id: ID!) { jobRun(id: $id) { result } }", {"id": finished_invoice_run}, role=role
    )

    assert result["data"]["jobRun"]["result"] == {"invoices": ["INV-2026-000001"], "count": 1}


def purchase_cost_reads(order_id: str) -> list[tuple[str, list[str | int]]]:
    fields = "number total { amount } lines { unitCost { amount } }"
    return [
        (f'{{ purchaseOrder(id: "{order_id}") {{ {fields} }} }}', ["purchaseOrder"]),
        (
            f"{{ purchaseOrders {{ edges {{ node {{ {fields} }} }} }} }}",
            ["purchaseOrders", "edges", 0, "node"],
        ),
        (f'{{ node(id: "{order_id}") {{ ... on PurchaseOrder {{ {fields} }} }} }}', ["node"]),
    ]


def dig(data: Any, path: list[str | int]) -> Any:
    for key in path:
        data = data[key]
    return data


@pytest.mark.parametrize("role", NOT_COST_READERS)
@pytest.mark.parametrize("way", [0, 1, 2])
async def test_purchase_costs_are_forbidden_to_roles_that_may_not_see_standard_cost(
    gql: Any, role: str, way: int
) -> None:
    world = await World().have("purchase_order")
    query, path = purchase_cost_reads(world.purchase_order)[way]

    result = await gql(query, role=role)

    order = dig(result["data"], path)
    assert order == {"number": order["number"], "total": None, "lines": [{"unitCost": None}]}
    assert sorted(error["path"][len(path) :] for error in result["errors"]) == [
        ["lines", 0, "unitCost"],
        ["total"],
    ]
    assert {error["extensions"]["code"] for error in result["errors"]} == {"FORBIDDEN"}


@pytest.mark.parametrize("role", COST_READERS)
async def test_admin_finance_and_operations_read_purchase_costs(gql: Any, role: str) -> None:
    world = await World().have("purchase_order")
    query, path = purchase_cost_reads(world.purchase_order)[0]

    result = await gql(query, role=role)

    assert "errors" not in result
    order = dig(result["data"], path)
    assert order["total"] == {"amount": "20.00"}  # 5 widgets at the standard cost of 4.00
    assert order["lines"] == [{"unitCost": {"amount": "4.00"}}]

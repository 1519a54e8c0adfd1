"""How a run writes its plan: streamed into the COPY while it plans (PostgreSQL), written
after planning (SQLite); either way the earlier plan stays whole until the new one commits."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from test_mrp_firming import AS_OF, add_catalogue

from domain.manufacturing import mrp, planning
from domain.manufacturing.models import MrpRun, MrpRunStatus, PlannedOrder
from domain.outbox.models import Event

HORIZON = 30


class Refused(Exception):
    """What a checkpoint raises in these tests (a cancel, a takeover)."""


async def unfirmed_runs() -> list[int]:
    rows = await PlannedOrder.filter(firmed_at__isnull=True).distinct().values_list("run_id")
    return sorted(run_id for (run_id,) in rows)


async def plan_rows() -> list[tuple[Any, ...]]:
    return [
        tuple(row)
        for row in await PlannedOrder.all()
        .order_by("id")
        .values_list("id", "run_id", "reference", "quantity")
    ]


async def completed_events() -> int:
    return await Event.filter(type="mrp_run.completed").count()


async def test_the_plan_written_in_many_chunks_is_the_planners_plan(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 10 families of 5 items; chunks of 7 rows, so the COPY gets dozens of hand-overs.
    await add_catalogue(0, 10)
    monkeypatch.setattr(mrp, "CHUNK_ROWS", 7)
    inputs = await mrp.load_inputs(AS_OF)
    expected = planning.plan(
        inputs.items,
        inputs.bom_lines,
        inputs.on_hand,
        inputs.receipts,
        inputs.demands,
        inputs.released_work_orders,
        AS_OF,
        HORIZON,
    )

    run = await mrp.run_mrp(AS_OF, HORIZON)

    written = (
        await PlannedOrder.filter(run_id=run.id)
        .order_by("id")
        .values_list(
            "reference", "product_id", "kind", "quantity", "due_date", "release_date", "late",
            "pegging",
        )
    )  # fmt: skip
    assert len(written) > 7 * 5
    assert [
        (ref, product, kind.value, Decimal(quantity), due, release, late, pegging)
        for ref, product, kind, quantity, due, release, late, pegging in written
    ] == [
        (
            order.reference, order.product_id, order.kind, order.quantity, order.due_date,
            order.release_date, order.late,
            [{"source": p.source, "quantity": str(p.quantity), "reference": p.reference}
             for p in order.pegging],
        )
        for order in expected.planned_orders
    ]  # fmt: skip
    assert (run.status, run.items_planned) == (MrpRunStatus.COMPLETED, expected.items_planned)
    assert run.exceptions == list(expected.exceptions)


async def test_readers_see_the_earlier_plan_until_the_new_one_commits(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add_catalogue(0, 10)
    monkeypatch.setattr(mrp, "CHUNK_ROWS", 5)
    first = await mrp.run_mrp(AS_OF, HORIZON)
    seen: list[list[int]] = []

    async def progress(done: int, total: int) -> None:
        # Written outside the plan's transaction while (on PostgreSQL) rows of the new plan
        # are already in the COPY: a reader sees the first run's orders and no other.
        seen.append(await unfirmed_runs())

    second = await mrp.run_mrp(AS_OF, HORIZON, progress=progress)

    # 50 items planned, one progress write per tenth of them.
    assert seen == [[first.id]] * 10
    assert await unfirmed_runs() == [second.id]


async def test_a_run_failing_while_it_writes_leaves_the_earlier_plan_whole(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add_catalogue(0, 10)
    first = await mrp.run_mrp(AS_OF, HORIZON)
    before = await plan_rows()
    monkeypatch.setattr(mrp, "CHUNK_ROWS", 5)
    plan_item = planning._Planner.plan_item
    calls = 0

    def failing(self: Any, item: planning.Item) -> list[planning.OrderRow]:
        nonlocal calls
        calls += 1
        if calls == 30:  # 29 items planned, their orders handed to the COPY in chunks
            raise RuntimeError("the planner broke")
        return plan_item(self, item)

    monkeypatch.setattr(planning._Planner, "plan_item", failing)

    with pytest.raises(RuntimeError, match="the planner broke"):
        await mrp.run_mrp(AS_OF, HORIZON)

    assert await plan_rows() == before
    assert await unfirmed_runs() == [first.id]
    assert await MrpRun.filter(status=MrpRunStatus.COMPLETED).values_list("id", flat=True) == [
        first.id
    ]
    assert await completed_events() == 1


async def test_a_checkpoint_refusing_after_the_last_item_keeps_the_plan_from_committing(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add_catalogue(0, 10)
    first = await mrp.run_mrp(AS_OF, HORIZON)
    before = await plan_rows()
    monkeypatch.setattr(mrp, "CHUNK_ROWS", 5)
    steps: list[tuple[int, int]] = []

    async def progress(done: int, total: int) -> None:
        steps.append((done, total))
        if done == total:  # every item planned and handed over: taken over now
            raise Refused("job run 1 was taken over")

    with pytest.raises(Refused):
        await mrp.run_mrp(AS_OF, HORIZON, progress=progress)

    # 50 items: a write at each fifth (5, 10, … 50), the last one refused.
    assert steps == [(5 * n, 50) for n in range(1, 11)]
    assert await plan_rows() == before
    assert await unfirmed_runs() == [first.id]
    assert await completed_events() == 1


async def test_a_checkpoint_refusing_mid_plan_stops_the_planner(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add_catalogue(0, 10)
    first = await mrp.run_mrp(AS_OF, HORIZON)
    before = await plan_rows()
    monkeypatch.setattr(mrp, "CHUNK_ROWS", 5)

    async def progress(done: int, total: int) -> None:
        if done == 10:
            raise Refused("job run 1 was cancelled")

    # The refusal, not the planner's own stop signal, is what the run raises.
    with pytest.raises(Refused, match="cancelled"):
        await mrp.run_mrp(AS_OF, HORIZON, progress=progress)

    assert await plan_rows() == before
    assert await unfirmed_runs() == [first.id]
    assert await completed_events() == 1

"""The schema's fast path for a document already seen (api/schema.py TandemSchema) answers
exactly what strawberry's way answers: status, body (request id included), headers and the
operation metrics, for queries, mutations, field errors, refusals and request errors."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import httpx
import orjson
import pytest
import strawberry
from prometheus_client import REGISTRY
from strawberry.extensions import SchemaExtension

from adapters.queue import JobQueue
from api.app import create_app
from api.query_cost import QueryCost
from api.schema import TandemSchema
from domain.accounts import services as accounts
from domain.accounts.models import Account
from domain.settings import Settings

GRAPHQL_RESPONSE = "application/graphql-response+json"
REQUEST_ID = "fast-path-request-1"
CREATE = 'mutation { accountCreate(input: {name: "Acme"}) { errors { code } account { name } } }'


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    headers: dict[str, str]
    metrics: dict[tuple[str, ...], float]  # what this request added to the operation counts


def _operation_counts() -> dict[tuple[str, ...], float]:
    return {
        tuple(f"{k}={v}" for k, v in sorted(sample.labels.items())): sample.value
        for metric in REGISTRY.collect()
        if metric.name == "tandem_graphql_operations"
        for sample in metric.samples
        if sample.name == "tandem_graphql_operations_total"
    }


class Api:
    """One app; `send` answers an `Answer`, `fast` counts the requests of the fast path."""

    def __init__(self, client: httpx.AsyncClient, token: str, schema: TandemSchema) -> None:
        self.client, self.token, self.schema = client, token, schema
        self.fast = 0

    async def send(
        self, body: dict[str, Any], *, method: str = "POST", accept: str = GRAPHQL_RESPONSE
    ) -> Answer:
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Accept": accept,
            "X-Request-Id": REQUEST_ID,
        }
        before = _operation_counts()
        if method == "GET":
            params = {
                k: v if isinstance(v, str) else orjson.dumps(v).decode() for k, v in body.items()
            }
            response = await self.client.get("/graphql", params=params, headers=headers)
        else:
            response = await self.client.post(
                "/graphql",
                content=orjson.dumps(body),
                headers={**headers, "Content-Type": "application/json"},
            )
        after = _operation_counts()
        added = {k: v - before.get(k, 0.0) for k, v in after.items() if v != before.get(k, 0.0)}
        kept = {k: v for k, v in response.headers.items() if k not in {"date", "content-length"}}
        return Answer(response.status_code, response.json(), kept, added)

    async def both_ways(self, body: dict[str, Any], **options: Any) -> tuple[Answer, Answer]:
        """The answer on first sight (strawberry's way), then the same request's answer again,
        which must have taken the fast path."""
        self.schema.forget_plans()
        fast_before = self.fast
        slow = await self.send(body, **options)
        assert self.fast == fast_before
        fast = await self.send(body, **options)
        assert self.fast == fast_before + 1
        return slow, fast


@pytest.fixture
async def api_of(
    settings: Settings,
    database: str,
    queue: JobQueue,
    make_token: Callable[[str], Awaitable[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Callable[..., Awaitable[Api]]]:
    clients: list[httpx.AsyncClient] = []
    apis: list[Api] = []
    planned = TandemSchema._execute_planned

    async def counted(schema: TandemSchema, *args: Any, **kwargs: Any) -> Any:
        for api in apis:
            if api.schema is schema:
                api.fast += 1
        return await planned(schema, *args, **kwargs)

    monkeypatch.setattr(TandemSchema, "_execute_planned", counted)

    async def build(role: str = "ADMIN", **changes: Any) -> Api:
        app = create_app(replace(settings, **changes), manage_resources=False, queue=queue)
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://tandem.test"
        )
        clients.append(client)
        route = next(r for r in app.routes if getattr(r, "path", None) == "/graphql")
        schema = route.endpoint.schema  # type: ignore[attr-defined]
        assert isinstance(schema, TandemSchema) and schema.cost_limit is not None
        api = Api(client, await make_token(role), schema)
        apis.append(api)
        return api

    yield build
    for client in clients:
        await client.aclose()


async def test_a_query_answers_the_same_both_ways(api_of: Any) -> None:
    api = await api_of()
    for accept in (GRAPHQL_RESPONSE, "application/json"):
        slow, fast = await api.both_ways({"query": "{ __typename }"}, accept=accept)
        assert slow == fast
        assert slow.status == 200
        assert slow.body["extensions"] == {"cost": {"requested": 0, "limit": 50000}}
        assert sum(slow.metrics.values()) == 1

    slow, fast = await api.both_ways(
        {
            "query": "query Named($n: Int) { accounts(first: $n) { edges { node { name } } } }",
            "variables": {"n": 3},
        }
    )
    assert slow == fast
    assert slow.body["extensions"]["cost"]["requested"] == 7


async def test_a_mutation_answers_the_same_both_ways(api_of: Any) -> None:
    api = await api_of()

    slow, fast = await api.both_ways({"query": CREATE})

    assert slow == fast
    assert slow.body["data"] == {"accountCreate": {"errors": [], "account": {"name": "Acme"}}}
    assert await Account.all().count() == 2


async def test_a_masked_field_error_answers_the_same_both_ways(
    api_of: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("password=hunter2")

    monkeypatch.setattr(accounts, "list_accounts", explode)
    api = await api_of()

    with caplog.at_level(logging.ERROR, logger="tandem.graphql"):
        slow, fast = await api.both_ways({"query": "{ accounts { totalCount } }"})

    assert slow == fast
    [error] = slow.body["errors"]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": REQUEST_ID}
    assert "hunter2" not in str(slow.body)
    logged = [r for r in caplog.records if getattr(r, "request_id", None) == REQUEST_ID]
    assert len(logged) == 2
    assert [k for k in slow.metrics] == [k for k in fast.metrics]
    assert "outcome=error" in next(iter(slow.metrics))


async def test_a_domain_error_and_a_forbidden_field_answer_the_same_both_ways(
    api_of: Any,
) -> None:
    api = await api_of()
    readonly = await api_of(role="READONLY")
    too_many = {"query": "query N($ids: [ID!]!) { nodes(ids: $ids) { id } }"}

    slow, fast = await api.both_ways({**too_many, "variables": {"ids": ["x"] * 101}})
    forbidden_slow, forbidden_fast = await readonly.both_ways({"query": CREATE})

    assert slow == fast
    assert slow.body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
    assert forbidden_slow == forbidden_fast
    assert forbidden_slow.body["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
    assert await Account.all().count() == 0


async def test_a_variable_that_does_not_coerce_answers_the_same_both_ways(api_of: Any) -> None:
    api = await api_of()
    query = "query Q($id: ID!) { node(id: $id) { id } }"
    await api.send({"query": query, "variables": {"id": "x"}})

    slow = await api.send({"query": query, "variables": {"id": None}})
    assert api.fast == 1  # the document was planned by the first request: this is the fast way
    api.schema.forget_plans()
    plain = await api.send({"query": query, "variables": {"id": None}})

    assert slow == plain
    assert slow.status == 400


async def test_suggestions_stay_hidden_on_the_fast_path_with_introspection_off(
    api_of: Any,
) -> None:
    api = await api_of(introspection=False)
    query = "query Q($f: AccountOrderField!) { accounts(orderBy: {field: $f}) { totalCount } }"

    slow, fast = await api.both_ways({"query": query, "variables": {"f": "NAMEE"}})

    assert slow == fast
    assert slow.status == 400
    assert "Did you mean" not in str(slow.body)


async def test_a_mutation_planned_over_post_is_still_refused_over_get(api_of: Any) -> None:
    api = await api_of()
    refused = await api.send({"query": CREATE}, method="GET")
    await api.both_ways({"query": CREATE})

    again = await api.send({"query": CREATE}, method="GET")

    assert again == refused
    assert again.status == 405
    assert await Account.all().count() == 2


async def test_an_unknown_operation_name_answers_the_same_once_another_is_planned(
    api_of: Any,
) -> None:
    api = await api_of()
    query = "query A { __typename } query C { accounts { totalCount } }"
    unknown = await api.send({"query": query, "operationName": "B"})
    missing = await api.send({"query": query})

    await api.both_ways({"query": query, "operationName": "A"})
    api.fast = 0

    assert await api.send({"query": query, "operationName": "B"}) == unknown
    assert await api.send({"query": query}) == missing
    assert api.fast == 0
    assert unknown.status == missing.status == 400


async def test_a_costly_query_is_refused_though_its_document_was_planned(api_of: Any) -> None:
    api = await api_of()
    query = "query Many($n: Int) { accounts(first: $n) { edges { node { id } } } }"
    costly = {"query": query, "variables": {"n": 30_000}}
    refused = await api.send(costly)

    await api.both_ways({"query": query, "variables": {"n": 1}})
    again = await api.send(costly)

    assert again == refused
    assert again.body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert again.body["extensions"]["cost"] == {"requested": 60_001, "limit": 50000}


async def test_a_flag_and_a_number_cost_apart_though_equal_as_keys(api_of: Any) -> None:
    api = await api_of()
    query = "query Page($n: Int) { accounts(first: $n) { edges { node { id } } } }"

    one = await api.send({"query": query, "variables": {"n": 1}})
    flag = await api.send({"query": query, "variables": {"n": True}})  # True == 1 in Python
    api.schema.forget_plans()
    flag_first = await api.send({"query": query, "variables": {"n": True}})

    assert one.body["extensions"]["cost"]["requested"] == 3
    # `first: true` is no page size: the default one (20) counts, as on first sight.
    assert flag.body["extensions"]["cost"]["requested"] == 41
    assert flag == flag_first


def test_the_fast_path_stays_off_beside_an_extension_it_does_not_stand_in_for() -> None:
    @strawberry.type(description="A query.")
    class Query:
        hello: str = strawberry.field(default="hi", description="A greeting.")

    class Other(SchemaExtension):
        pass

    alone = TandemSchema(query=Query, extensions=[lambda: QueryCost(limit=10)])
    beside = TandemSchema(query=Query, extensions=[lambda: QueryCost(limit=10), Other])
    alone.enable_fast_path()
    beside.enable_fast_path()

    assert alone.cost_limit == 10
    assert beside.cost_limit is None
    assert Other not in alone.extensions

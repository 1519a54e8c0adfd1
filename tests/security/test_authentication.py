"""Authentication decided on the request as the GraphQL view reads it (§2 Auth): whatever the
spelling of the query string, method or path, a request without a valid token gets 401 or,
for a plain browser visit of /graphql, the GraphiQL page — which runs nothing, and is not
served at all with introspection off. Anonymous introspection is impossible."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace

import httpx
import pytest

from adapters.queue import JobQueue
from api.app import create_app
from domain.settings import Settings

BROWSER = "text/html, application/json"
TYPENAME = "%7B__typename%7D"  # {__typename}
INTROSPECTION = "%7B__schema%7Btypes%7Bname%7D%7D%7D"  # {__schema{types{name}}}

# Each of these would run something if the page exemption looked at the raw bytes, at the
# first value only, or at one spelling of the parameter names.
QUERY_STRINGS = [
    f"query={TYPENAME}",
    f"%71uery={TYPENAME}",
    f"%71%75%65%72%79={TYPENAME}",
    f"QUERY={TYPENAME}",
    f"Query={TYPENAME}",
    f"%51%55%45%52%59={TYPENAME}",
    f"+query={TYPENAME}",
    f"query=&query={TYPENAME}",
    f"query={TYPENAME}&query=",
    f"q=x&query={TYPENAME}",
    f"query={INTROSPECTION}",
    f"%71uery={INTROSPECTION}",
    "variables=%7B%7D",
    "operationName=Q",
    "OPERATIONNAME=Q",
    "extensions=%7B%7D",
]


@pytest.fixture
async def closed_client(
    settings: Settings, database: str, queue: JobQueue
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app started with TANDEM_INTROSPECTION=false."""
    app = create_app(replace(settings, introspection=False), manage_resources=False, queue=queue)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://tandem.test") as http:
        yield http


def assert_unauthenticated(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "data" not in response.json()


@pytest.mark.parametrize("accept", [BROWSER, "text/html", "TEXT/HTML", "*/*"])
@pytest.mark.parametrize("query_string", QUERY_STRINGS)
async def test_a_get_carrying_any_graphql_parameter_needs_a_token(
    client: httpx.AsyncClient, query_string: str, accept: str
) -> None:
    response = await client.get(f"/graphql?{query_string}", headers={"Accept": accept})

    assert_unauthenticated(response)


@pytest.mark.parametrize(
    "request_args",
    [
        {"method": "POST", "json": {"query": "{ __typename }"}},
        {"method": "POST", "json": {"query": "{ __schema { types { name } } }"}},
        {
            "method": "POST",
            "content": "query={__typename}",
            "headers": {"Content-Type": "application/x-www-form-urlencoded"},
        },
        {"method": "POST", "url": f"/graphql?query={TYPENAME}", "json": {}},
        {"method": "HEAD"},
        {"method": "PUT", "json": {"query": "{ __typename }"}},
        {"method": "GET", "url": "/graphql/"},
        {"method": "GET", "url": "/GRAPHQL"},
        {"method": "GET", "url": "/graphql%2F"},
    ],
    ids=[
        "post",
        "post-introspection",
        "post-form",
        "post-with-query-string",
        "head",
        "put",
        "trailing-slash",
        "upper-case-path",
        "encoded-slash",
    ],
)
async def test_no_other_request_passes_as_the_page(
    client: httpx.AsyncClient, request_args: dict[str, object]
) -> None:
    args = {"url": "/graphql", **request_args}
    headers = {"Accept": BROWSER, **args.pop("headers", {})}  # type: ignore[dict-item]

    response = await client.request(headers=headers, **args)  # type: ignore[arg-type]

    if args["method"] == "HEAD":  # no body to read
        assert response.status_code == 401
    else:
        assert_unauthenticated(response)


@pytest.mark.parametrize("query_string", ["", "?q=%7Bwarehouses%7Bcode%7D%7D", "?utm_source=x"])
async def test_a_browser_visit_gets_the_page_which_holds_no_data_and_no_schema(
    client: httpx.AsyncClient, query_string: str
) -> None:
    response = await client.get(f"/graphql{query_string}", headers={"Accept": BROWSER})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "__typename" not in response.text
    assert "AccountLifecycle" not in response.text  # no type of the schema is spelled out


async def test_with_introspection_off_there_is_no_page_and_an_anonymous_visit_is_401(
    closed_client: httpx.AsyncClient,
) -> None:
    response = await closed_client.get("/graphql", headers={"Accept": BROWSER})

    assert_unauthenticated(response)


async def test_with_introspection_off_a_browser_with_a_token_gets_no_page_either(
    closed_client: httpx.AsyncClient, make_token: Callable[[str], Awaitable[str]]
) -> None:
    token = await make_token("ADMIN")

    response = await closed_client.get(
        "/graphql", headers={"Accept": "text/html", "Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 406
    assert "<html" not in response.text.lower()


@pytest.mark.parametrize("query_string", QUERY_STRINGS[:4])
async def test_with_introspection_off_every_spelling_still_needs_a_token(
    closed_client: httpx.AsyncClient, query_string: str
) -> None:
    response = await closed_client.get(f"/graphql?{query_string}", headers={"Accept": BROWSER})

    assert_unauthenticated(response)


async def test_a_token_holder_asking_in_another_spelling_runs_nothing_either(
    client: httpx.AsyncClient, make_token: Callable[[str], Awaitable[str]]
) -> None:
    headers = {"Accept": BROWSER, "Authorization": f"Bearer {await make_token('ADMIN')}"}

    upper = await client.get(f"/graphql?QUERY={TYPENAME}", headers=headers)
    decoded = await client.get(f"/graphql?%71uery={TYPENAME}", headers=headers)

    assert upper.status_code == 400
    assert "data" not in upper.json()
    assert decoded.status_code == 200
    assert decoded.json()["data"] == {"__typename": "Query"}


@pytest.mark.parametrize("token", ["", "tdm_", "tdm_not-a-real-token", "Basic YWRtaW46YWRtaW4="])
async def test_a_bad_authorization_header_on_the_page_url_with_a_query_is_401(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.get(
        f"/graphql?%71uery={INTROSPECTION}",
        headers={"Accept": BROWSER, "Authorization": f"Bearer {token}" if token else ""},
    )

    assert_unauthenticated(response)

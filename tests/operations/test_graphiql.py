"""GraphiQL works offline: the page and its assets come from Tandem itself, the page names no
other origin, and a real headless Chromium renders the editor and runs a query with a token
(contract §1, §2)."""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest

from api.graphiql import ASSETS_DIR, ASSETS_PREFIX
from domain.settings import Settings
from tests.operations.browser import find_chromium, headless_page
from tests.operations.support import tandem_serve

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
WAREHOUSES = "{ warehouses { edges { node { code name } } } }"
VENDORED = {"react", "react-dom", "graphiql", "plugin-explorer"}
# GraphiQL 3's editors are CodeMirror 5 instances (`.CodeMirror` holds the API).
QUERY_EDITOR = "document.querySelector('.graphiql-query-editor .CodeMirror')"
HEADERS_EDITOR = (
    "document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')"
)
RESULT = "document.querySelector('.result-window .CodeMirror')"
SHOW_DOCS = '[aria-label="Show Documentation Explorer"]'


async def page_source(client: httpx.AsyncClient) -> str:
    response = await client.get("/graphql", headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


async def test_the_page_names_no_url_outside_its_own_origin(client: httpx.AsyncClient) -> None:
    source = await page_source(client)

    assert re.findall(r"(?i)(?:https?:|wss?:)?//[^\s\"'<>]*", source) == []
    assert "unpkg" not in source and "cdn" not in source.lower()


async def test_every_asset_the_page_loads_is_served_without_a_token(
    client: httpx.AsyncClient,
) -> None:
    source = await page_source(client)
    assets = re.findall(r'(?:src|href)="(/[^"]*)"', source)

    assert len(assets) == 8
    for path in assets:
        assert path.startswith(f"{ASSETS_PREFIX}/"), path
        response = await client.get(path)
        assert response.status_code == 200, path
        kind = "text/javascript" if path.endswith(".js") else "text/css"
        assert response.headers["content-type"].startswith(kind), path
        assert len(response.content) > 100, path


async def test_the_page_forbids_other_origins_to_the_browser(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers=HTML)

    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "connect-src 'self'" in policy


async def test_the_exemption_is_reading_the_assets_and_nothing_else(
    client: httpx.AsyncClient,
) -> None:
    js = f"{ASSETS_PREFIX}/graphiql/graphiql.min.js"

    assert (await client.post(js)).status_code == 401
    assert (await client.get(f"{ASSETS_PREFIX}/%2e%2e/graphiql.py")).status_code == 404
    assert (await client.get(f"{ASSETS_PREFIX}/nothing-here.js")).status_code == 404
    assert (await client.get("/static/other/file.js")).status_code == 401
    assert (await client.get("/graphql", params={"query": "{ __typename }"})).status_code == 401


@pytest.mark.parametrize(
    "query_string",
    [
        "query={__typename}",
        "%71uery={__typename}",
        "q=x&query={__typename}",
        "%71uery=%7B__typename%7D",
    ],
)
async def test_the_page_exemption_never_lets_a_query_run_without_a_token(
    client: httpx.AsyncClient, query_string: str
) -> None:
    # A browser-like Accept that also takes JSON: the view would answer the query.
    accept = {"Accept": "text/html, application/json"}

    response = await client.get(f"/graphql?{query_string}", headers=accept)

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_every_vendored_package_keeps_its_licence_and_pinned_version() -> None:
    for package in VENDORED:
        licence = (ASSETS_DIR / package / "LICENSE").read_text()
        assert "MIT License" in licence, package
        assert "Permission is hereby granted" in licence, package
    versions = (ASSETS_DIR / "VERSIONS").read_text()
    for pinned in ("react@18.2.0", "react-dom@18.2.0", "graphiql@3.8.3"):
        assert f"\n{pinned} sha512-" in versions
    assert "@graphiql/plugin-explorer@1.0.2 sha512-" in versions


def test_the_assets_are_package_data() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()

    assert '"api" = ["static/graphiql/*", "static/graphiql/*/*"]' in pyproject


@pytest.fixture
def chromium() -> str:
    found = find_chromium()
    if found is None:
        pytest.skip("no chromium on PATH (`apt-get install chromium`; .ci/run installs it)")
    return found


async def test_chromium_renders_graphiql_offline_and_runs_a_query_with_a_token(
    chromium: str,
    settings: Settings,
    database: str,
    make_token: Callable[[str], Awaitable[str]],
    tmp_path: Path,
) -> None:
    token = await make_token("READONLY")
    headers = json.dumps({"Authorization": f"Bearer {token}"})

    with tandem_serve(settings, tmp_path) as base_url:
        async with headless_page(chromium) as page:
            # A shared link to the query (?q=…); the token goes where a user puts it: the
            # Headers pane, open with its template on a first visit.
            await page.navigate(f"{base_url}/graphql?q={urllib.parse.quote(WAREHOUSES)}")
            template = await page.wait_for(f"{HEADERS_EDITOR}?.CodeMirror.getValue()")
            await page.evaluate(f"{HEADERS_EDITOR}.CodeMirror.setValue({json.dumps(headers)})")
            # Kept in the browser, and the schema loads with the token (the docs pane).
            await page.wait_for(
                f"localStorage.getItem('graphiql:headers') === {json.dumps(headers)}"
            )
            await page.evaluate(f"document.querySelector('{SHOW_DOCS}').click()")
            docs = await page.wait_for(
                "document.querySelector('.graphiql-doc-explorer')?.innerText.includes('query:')"
                " && document.querySelector('.graphiql-doc-explorer').innerText"
            )
            assert await page.evaluate(f"{QUERY_EDITOR}.CodeMirror.getValue()") == WAREHOUSES
            await page.evaluate("document.querySelector('.graphiql-execute-button').click()")
            shown = await page.wait_for(f"{RESULT}?.CodeMirror.getValue()")
            dom = await page.evaluate("document.documentElement.outerHTML")
            requested = [url for url in page.requested if not url.startswith("data:")]

    assert '"Authorization": "Bearer <paste a token here>"' in template
    assert "query: Query" in docs
    assert json.loads(shown)["data"] == {
        "warehouses": {"edges": [{"node": {"code": "MAIN", "name": "Main warehouse"}}]}
    }
    assert 'class="graphiql-container"' in dom
    assert "graphiql-query-editor" in dom and "graphiql-execute-button" in dom
    assert "Main warehouse" in dom  # the result pane, rendered
    assert f"{base_url}/static/graphiql/graphiql/graphiql.min.js" in requested
    assert [url for url in requested if not url.startswith(f"{base_url}/")] == []

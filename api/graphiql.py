"""Tandem's GraphiQL page and its assets, served from the package so the IDE works offline
(contract §1): the page names no URL but this server's own."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from starlette.responses import HTMLResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

ASSETS_DIR = Path(__file__).parent / "static" / "graphiql"
ASSETS_PREFIX = "/static/graphiql"

# The browser loads nothing from anywhere else, even if a file asked it to.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # React sets style attributes
        "img-src 'self' data:",
        "font-src 'self' data:",  # GraphiQL's fonts are inlined in its CSS
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)


@cache
def page_html() -> str:
    return (ASSETS_DIR / "page.html").read_text(encoding="utf-8")


def graphiql_page() -> HTMLResponse:
    return HTMLResponse(
        page_html(),
        headers={
            "content-security-policy": CONTENT_SECURITY_POLICY,
            "cache-control": "no-cache",
            "x-content-type-options": "nosniff",
        },
    )


def is_asset_request(scope: Scope) -> bool:
    """A GET of one of the page's static files: it runs nothing, so it needs no token (§2)."""
    return scope["method"] == "GET" and scope["path"].startswith(ASSETS_PREFIX + "/")


def assets_route() -> Mount:
    return Mount(ASSETS_PREFIX, app=StaticFiles(directory=ASSETS_DIR), name="graphiql-assets")

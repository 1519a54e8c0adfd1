"""Webhook HTTP delivery with httpx: one pooled client per vetted endpoint, the SSRF pin,
a 10 s limit (contract §8). The domain sees it as `MessagePoster`."""

from __future__ import annotations

import asyncio
import ssl
import time
import weakref
from collections import OrderedDict
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import certifi
import httpx

from domain.errors import DomainError
from domain.webhooks.addresses import IPAddress, parse_url, public_addresses
from domain.webhooks.delivery import AttemptResult
from domain.webhooks.dispatch import HTTP_TIMEOUT_SECONDS

MAX_ANSWER_BYTES = 64 * 1024


@cache
def _ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=certifi.where())


# One client (and so one keep-alive pool) per endpoint and vetted address, per event loop:
# a pool never mixes hostnames, so a TLS connection is only reused for the name it verified.
ClientKey = tuple[str, str, int, str]
_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, OrderedDict[ClientKey, Any]] = (
    weakref.WeakKeyDictionary()
)
MAX_CLIENTS = 128
# Every connection a client opens stays in its keep-alive pool: a worker runs at most
# max_jobs attempts at once (arq's default is 10), so up to this many concurrent attempts to
# one endpoint reuse their connections instead of reconnecting (httpx keeps only 20).
CONNECTIONS_PER_ENDPOINT = 100


def _client(key: ClientKey) -> httpx.AsyncClient:
    loop = asyncio.get_running_loop()
    clients = _clients.setdefault(loop, OrderedDict())
    client: httpx.AsyncClient | None = clients.get(key)
    if client is not None:
        clients.move_to_end(key)
        return client
    client = httpx.AsyncClient(
        timeout=HTTP_TIMEOUT_SECONDS,
        limits=httpx.Limits(
            max_connections=CONNECTIONS_PER_ENDPOINT,
            max_keepalive_connections=CONNECTIONS_PER_ENDPOINT,
        ),
        verify=_ssl_context(),
        follow_redirects=False,
        trust_env=False,
    )
    clients[key] = client
    if len(clients) > MAX_CLIENTS:
        _, evicted = clients.popitem(last=False)
        # Closed once any request it is still serving has timed out.
        loop.call_later(HTTP_TIMEOUT_SECONDS * 2, lambda: loop.create_task(evicted.aclose()))
    return client


def _pinned_url(url: str, address: IPAddress) -> str:
    """The URL with its host replaced by the vetted address, so that the connection goes
    where the SSRF check looked (a DNS answer that changes in between cannot redirect it)."""
    parts = urlsplit(url)
    host = f"[{address}]" if address.version == 6 else str(address)
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (f"{userinfo}@" if userinfo else "") + host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


async def post_message(
    url: str, body: bytes, headers: dict[str, str], *, at: datetime, allow_private: bool
) -> AttemptResult:
    """POSTs once with a 10 s limit; never raises for network trouble (it is the result)."""
    started = time.perf_counter()
    status: int | None = None
    error: str | None = None
    request_url = url
    request_headers = dict(headers)
    extensions: dict[str, str] = {}
    try:
        async with asyncio.timeout(HTTP_TIMEOUT_SECONDS):
            target = parse_url(url)
            pinned: IPAddress | None = None
            if not allow_private:
                pinned = (await public_addresses(target))[0]
                request_url = _pinned_url(url, pinned)
                request_headers["host"] = urlsplit(url).netloc.rpartition("@")[2]
                if target.scheme == "https":
                    extensions["sni_hostname"] = target.host
            client = _client((target.scheme, target.host, target.port, str(pinned or "")))
            async with client.stream(
                "POST", request_url, content=body, headers=request_headers, extensions=extensions
            ) as response:
                status = response.status_code
                # Reading a short answer to its end lets the connection be reused.
                read = 0
                async for chunk in response.aiter_raw():
                    read += len(chunk)
                    if read > MAX_ANSWER_BYTES:
                        break
    except (TimeoutError, httpx.TimeoutException):
        error = f"Timed out after {HTTP_TIMEOUT_SECONDS:g} s."
    except DomainError as exc:
        error = exc.message
    except (httpx.HTTPError, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}".rstrip(": ")
    duration_ms = round((time.perf_counter() - started) * 1000)
    return AttemptResult(at=at, response_status=status, duration_ms=duration_ms, error=error)

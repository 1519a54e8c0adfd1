"""Websockets are authenticated like requests and stay so (§2 Auth): no token → refused, a
role's permissions hold over the socket, and a token revoked or expired (or its user
deactivated) mid-stream gets its socket closed with 4401 within 5 s."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from adapters.queue import JobQueue
from domain.auth.models import ApiToken
from domain.auth.services import create_token, revoke_token
from domain.clock import utcnow
from domain.users.services import create_user, deactivate_user
from tests.events.conftest import ServeApi
from tests.events.test_live_subscriptions import EVENTS, graphql_ws, receive, subscribe

# Revocation to close: the re-check interval (2.5 s) and a margin, as a bound, not a timing.
CLOSED_WITHIN = 5.0


async def closed_code(ws: ClientConnection, within: float) -> int | None:
    """Waits (at most `within` seconds) for the server to close the socket: its close code."""
    with pytest.raises(ConnectionClosed) as closed:
        async with asyncio.timeout(within):
            while True:
                await ws.recv()
    return closed.value.rcvd.code if closed.value.rcvd else None


@pytest.mark.parametrize(
    "init", [None, {"Authorization": "Bearer tdm_not-a-token"}, {"Authorization": "tdm_"}]
)
async def test_a_socket_without_a_valid_token_is_refused(
    queue: JobQueue, serve_api: ServeApi, init: dict[str, str] | None
) -> None:
    async with serve_api(queue) as url, graphql_ws(url, init) as ws:
        assert await closed_code(ws, 10) == 4403


async def test_a_subscribe_before_the_connection_is_acknowledged_is_refused(
    queue: JobQueue, serve_api: ServeApi
) -> None:
    async with serve_api(queue) as url, graphql_ws(url, None) as ws:
        await ws.send('{"id": "1", "type": "subscribe", "payload": {"query": "{ __typename }"}}')
        assert await closed_code(ws, 10) in (4401, 4403)


async def test_a_readonly_token_may_not_subscribe_to_events(
    queue: JobQueue, serve_api: ServeApi, make_token: Any
) -> None:
    token = await make_token("READONLY")
    async with serve_api(queue) as url, graphql_ws(url, {"Authorization": f"Bearer {token}"}) as ws:
        await subscribe(ws, EVENTS, {})
        message = await receive(ws)

    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_readonly_token_may_not_mutate_over_the_socket_either(
    queue: JobQueue, serve_api: ServeApi, make_token: Any
) -> None:
    token = await make_token("READONLY")
    mutation = 'mutation { accountCreate(input: {name: "Acme"}) { account { id } } }'
    async with serve_api(queue) as url, graphql_ws(url, {"Authorization": f"Bearer {token}"}) as ws:
        await subscribe(ws, mutation, {})
        message = await receive(ws)

    assert message["payload"]["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def _streaming(ws: ClientConnection) -> None:
    await subscribe(ws, EVENTS, {})
    await asyncio.sleep(0.1)  # the subscription is open; nothing has been sent


async def test_a_token_revoked_mid_stream_gets_its_socket_closed_with_4401(
    queue: JobQueue, serve_api: ServeApi
) -> None:
    token, raw = await create_token("listener", "INTEGRATION")
    async with serve_api(queue) as url, graphql_ws(url, {"Authorization": f"Bearer {raw}"}) as ws:
        await _streaming(ws)

        await revoke_token(token.id)

        assert await closed_code(ws, CLOSED_WITHIN) == 4401


async def test_a_token_that_expires_mid_stream_gets_its_socket_closed_with_4401(
    queue: JobQueue, serve_api: ServeApi
) -> None:
    token, raw = await create_token("listener", "ADMIN", expires_in_days=1)
    async with serve_api(queue) as url, graphql_ws(url, {"Authorization": f"Bearer {raw}"}) as ws:
        await _streaming(ws)

        await ApiToken.filter(id=token.id).update(expires_at=utcnow() - timedelta(seconds=1))

        assert await closed_code(ws, CLOSED_WITHIN) == 4401


async def test_a_user_deactivated_mid_stream_gets_their_socket_closed_with_4401(
    queue: JobQueue, serve_api: ServeApi
) -> None:
    user = await create_user({"name": "Ada", "email": "ada@example.com", "role": "ADMIN"})
    _, raw = await create_token("laptop", "ADMIN", user_id=user.id)
    async with serve_api(queue) as url, graphql_ws(url, {"Authorization": f"Bearer {raw}"}) as ws:
        await _streaming(ws)

        await deactivate_user(user.id)

        assert await closed_code(ws, CLOSED_WITHIN) == 4401


async def test_a_valid_token_keeps_its_socket_across_re_checks(
    queue: JobQueue, serve_api: ServeApi, make_token: Any
) -> None:
    token = await make_token("ADMIN")
    async with serve_api(queue) as url, graphql_ws(url, {"Authorization": f"Bearer {token}"}) as ws:
        await _streaming(ws)
        with pytest.raises(TimeoutError):  # nothing arrives, and the socket stays open
            async with asyncio.timeout(CLOSED_WITHIN + 1):
                await ws.recv()
        await ws.send('{"id": "2", "type": "subscribe", "payload": {"query": "{ __typename }"}}')
        answer = await receive(ws, within=5)
        assert (answer["type"], answer["payload"]["data"]) == ("next", {"__typename": "Query"})

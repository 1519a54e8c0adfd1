"""A headless Chromium driven over the DevTools protocol: just enough to load a page, run
JavaScript in it, and record every URL the page asked the network for."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import signal
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import websockets

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
START_SECONDS = 30.0


def find_chromium() -> str | None:
    """The browser binary: $CHROMIUM, else the first of CANDIDATES on PATH."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return shutil.which(explicit)
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


class Page:
    """One tab: `evaluate` runs JavaScript and returns its (JSON) value; `requested` lists
    every URL the page has requested so far, in order."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.ids = itertools.count(1)
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.requested: list[str] = []
        self.console: list[str] = []
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for raw in self.connection:
            message = json.loads(raw)
            if "id" in message and message["id"] in self.pending:
                self.pending.pop(message["id"]).set_result(message)
            elif message.get("method") == "Network.requestWillBeSent":
                self.requested.append(message["params"]["request"]["url"])
            elif message.get("method") == "Runtime.consoleAPICalled":
                args = message["params"]["args"]
                self.console.append(
                    " ".join(str(a.get("value", a.get("description"))) for a in args)
                )
            elif message.get("method") == "Runtime.exceptionThrown":
                self.console.append(str(message["params"]["exceptionDetails"]))

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self.ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[call_id] = future
        await self.connection.send(json.dumps({"id": call_id, "method": method, "params": params}))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})  # type: ignore[no-any-return]

    async def evaluate(self, expression: str) -> Any:
        result = await self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} threw {result['exceptionDetails']}")
        return result["result"].get("value")

    async def navigate(self, url: str) -> None:
        await self.send("Page.navigate", url=url)

    async def wait_for(self, expression: str, *, within: float = 60.0) -> Any:
        """Polls `expression` until it is truthy and returns its value."""
        deadline = asyncio.get_running_loop().time() + within
        while True:
            value = await self.evaluate(expression)
            if value:
                return value
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{expression!r} still false after {within} s")
            await asyncio.sleep(0.2)


@contextlib.asynccontextmanager
async def headless_page(chromium: str) -> AsyncIterator[Page]:
    """A fresh profile and one page, with every host name unresolvable and only 127.0.0.1
    reachable: the page works offline or not at all."""
    with tempfile.TemporaryDirectory(prefix="tandem-chromium-") as profile:
        process = await asyncio.create_subprocess_exec(
            chromium,
            "--headless",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            port = await _devtools_port(Path(profile) / "DevToolsActivePort", process)
            async with httpx.AsyncClient() as http:
                targets = (await http.get(f"http://127.0.0.1:{port}/json/list")).json()
            page_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
            async with websockets.connect(page_url, max_size=None) as connection:
                page = Page(connection)
                try:
                    await page.send("Network.enable")
                    await page.send("Runtime.enable")
                    await page.send("Page.enable")
                    yield page
                finally:
                    page.reader.cancel()
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()


async def _devtools_port(port_file: Path, process: asyncio.subprocess.Process) -> str:
    """The port Chromium chose, from the file it writes into its profile once it listens."""
    deadline = asyncio.get_running_loop().time() + START_SECONDS
    while (port := _written_port(port_file)) is None:
        if process.returncode is not None or asyncio.get_running_loop().time() > deadline:
            raise RuntimeError(f"Chromium did not start (exit {process.returncode})")
        await asyncio.sleep(0.1)
    return port


def _written_port(port_file: Path) -> str | None:
    lines = port_file.read_text().split() if port_file.exists() else []
    return lines[0] if len(lines) >= 2 else None

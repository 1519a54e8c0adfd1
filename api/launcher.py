"""`tandem run`'s child processes: started together, watched, and stopped together."""

from __future__ import annotations

import contextlib
import errno
import signal
import socket
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

POLL_SECONDS = 0.2
OWN_STOP_SECONDS = 3.0
STOP_SECONDS = 15.0


def display_host(host: str) -> str:
    """The host to put in a URL: a wildcard address is reached on the loopback."""
    if host in {"", "0.0.0.0"}:
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def base_url(host: str, port: int) -> str:
    return f"http://{display_host(host)}:{port}"


def port_in_use(host: str, port: int) -> bool:
    """Whether binding host:port fails the way uvicorn's bind would (it sets SO_REUSEADDR)."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return False  # uvicorn reports a host it cannot resolve itself
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            return error.errno == errno.EADDRINUSE  # others: uvicorn says what is wrong
    return False


@dataclass
class Children:
    """Named child processes. SIGINT and SIGTERM only set `stopping` (the children get the
    terminal's Ctrl-C themselves); leaving the context stops every child still running."""

    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    stopping: bool = False
    _previous: dict[int, Any] = field(default_factory=dict, repr=False)

    def start(self, name: str, command: Sequence[str], env: dict[str, str]) -> None:
        self.processes[name] = subprocess.Popen(list(command), env=env)

    def exited(self) -> tuple[str, int] | None:
        """The first child that has exited, and its exit code."""
        for name, process in self.processes.items():
            code = process.poll()
            if code is not None:
                return name, code
        return None

    def wait_until_answering(self, url: str, timeout: float) -> bool:
        """True once `url` answers 200; False when a child exits, Ctrl-C, or `timeout`."""
        deadline = time.monotonic() + timeout
        while not self.stopping and self.exited() is None and time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError, httpx.InvalidURL):
                if httpx.get(url, timeout=1.0).status_code == 200:
                    return True
            time.sleep(POLL_SECONDS)
        return False

    def wait(self) -> tuple[str, int] | None:
        """Until Ctrl-C (None) or until a child exits (its name and exit code)."""
        while not self.stopping:
            if (gone := self.exited()) is not None:
                return gone
            time.sleep(POLL_SECONDS)
        return None

    def stop_all(self) -> None:
        """Ctrl-C in a terminal reaches the children too: they get a moment to stop on their
        own, then SIGINT — their clean stop, which runs their clean-up (uvicorn re-raises a
        SIGTERM after its shutdown, which would skip it) — and SIGKILL as the last resort."""
        self._wait(OWN_STOP_SECONDS)
        for process in self._running():
            process.send_signal(signal.SIGINT)
        self._wait(STOP_SECONDS)
        for process in self._running():
            process.kill()
            process.wait()

    def _running(self) -> list[subprocess.Popen[bytes]]:
        return [p for p in self.processes.values() if p.poll() is None]

    def _wait(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while self._running() and time.monotonic() < deadline:
            time.sleep(0.05)

    def __enter__(self) -> Children:
        def stop(*_: object) -> None:
            self.stopping = True

        self._previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        return self

    def __exit__(self, *_: object) -> None:
        try:
            self.stop_all()
        finally:
            for sig, handler in self._previous.items():
                signal.signal(sig, handler)

"""Real `tandem` subprocesses for the operations tests: a free port, the environment of the
test installation, and a server that is up once its /healthz answers."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from domain.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TANDEM = [sys.executable, "-m", "api.cli"]
START_SECONDS = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tandem_env(settings: Settings, var_dir: Path, **extra: str) -> dict[str, str]:
    """The test installation (its database, Redis and queue) for a child process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANDEM_")}
    env.update(
        DATABASE_URL=settings.database_url,
        REDIS_URL=settings.redis_url or "",
        TANDEM_QUEUE_NAME=settings.queue_name,
        TANDEM_VAR_DIR=str(var_dir),
        TANDEM_WEBHOOK_ALLOW_PRIVATE="true",
        **extra,
    )
    return env


def wait_until_healthy(base_url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        time.sleep(0.2)
    raise TimeoutError(f"{base_url}/healthz did not answer within {START_SECONDS} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def tandem_serve(settings: Settings, var_dir: Path) -> Iterator[str]:
    """`tandem serve` on a free port of 127.0.0.1; yields its base URL."""
    port = free_port()
    log = (var_dir / f"serve-{port}.log").open("wb")
    process = subprocess.Popen(
        [*TANDEM, "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=tandem_env(settings, var_dir),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process)
        yield base_url
    finally:
        stop(process)
        log.close()

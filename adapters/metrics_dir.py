"""The directory where the processes of one `tandem serve` keep their metric files
(prometheus_client's multiprocess mode, `PROMETHEUS_MULTIPROC_DIR`; see api/metrics.py).

Each `tandem serve` gets a new directory under `<TANDEM_VAR_DIR>/metrics/` and holds an
exclusive lock on it while it runs. At start it removes the directories nobody holds any
more (left by a killed serve), under a lock on the parent, so several processes starting at
once never remove each other's: what one process's `/metrics` sums is exactly the requests of
its own uvicorn processes, from a clean start. It removes its own directory at exit.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = ".lock"


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """Holds an exclusive lock on `path` (created if missing), waiting for it; retries when the
    file was removed and made anew while waiting, so two holders never lock different files."""
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            try:
                same = os.stat(path).st_ino == os.fstat(descriptor).st_ino
            except FileNotFoundError:
                same = False
            if same:
                yield
                return
        finally:
            os.close(descriptor)


def _held(directory: Path) -> bool:
    """Whether a running serve holds `directory` (a directory without a lock file is debris)."""
    try:
        descriptor = os.open(directory / LOCK_NAME, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


@dataclass
class MetricsDirectory:
    path: Path
    _lock: int

    def release(self) -> None:
        """Removes the directory (its processes have exited) and, when no other serve has
        one, the parent too."""
        root = self.path.parent
        with _exclusive(root / LOCK_NAME):
            shutil.rmtree(self.path, ignore_errors=True)
            os.close(self._lock)
            if not any(child.is_dir() for child in root.iterdir()):
                shutil.rmtree(root, ignore_errors=True)


def claim_metrics_directory(var_dir: Path) -> MetricsDirectory:
    root = var_dir / "metrics"
    while True:
        root.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError), _exclusive(root / LOCK_NAME):
            for child in root.iterdir():
                if child.is_dir() and not _held(child):
                    shutil.rmtree(child, ignore_errors=True)
            path = Path(tempfile.mkdtemp(prefix=f"serve-{os.getpid()}-", dir=root))
            lock = os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return MetricsDirectory(path, lock)

"""The state directory's lock: ``DIR/lock``, held with ``flock`` by the running crawl.

``flock`` belongs to the open file, so the OS drops it when the holder dies (SIGKILL included):
a lock left by a killed run is simply free, and the next run takes it over. The file holds the
holder's PID and start time, for the "locked by" message of a second run.
"""

from __future__ import annotations

import fcntl
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)

LOCK_NAME = "lock"


class StateLocked(RuntimeError):
    """Another live process holds the state directory's lock."""

    def __init__(self, directory: Path, holder: str) -> None:
        pid, _, started = holder.partition(" ")
        self.pid = pid or "?"
        self.started = started or "?"
        super().__init__(
            f"state directory {directory} is in use by another crawl (PID {self.pid}, started {self.started})"
        )


@dataclass
class StateLock:
    """A held lock on a state directory (released by ``release`` or by process exit)."""

    path: Path
    fd: int
    started: str
    users: int = 1

    def release(self) -> None:
        """Drop one use of the lock; the last one clears the file and unlocks it."""
        self.users -= 1
        if self.users > 0:
            return
        _HELD.pop(str(self.path), None)
        try:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            os.close(self.fd)


# Locks this process holds, by lock path: a second flock on a new descriptor of the same file
# would fail even in the same process, so the CLI and the Scrapy components share one.
_HELD: dict[str, StateLock] = {}


def acquire_lock(directory: str | os.PathLike[str]) -> StateLock:
    """Lock ``directory`` (created if missing) for this process; raise StateLocked if taken."""
    state_dir = Path(directory)
    state_dir.mkdir(parents=True, exist_ok=True)
    path = (state_dir / LOCK_NAME).resolve()
    if held := _HELD.get(str(path)):
        held.users += 1
        return held
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _read_holder(fd)
        os.close(fd)
        raise StateLocked(state_dir, holder) from None
    previous = _read_holder(fd, retries=0)
    if previous:
        logger.warning("took over the lock of %s left by a run that died (PID %s)", state_dir, previous)
    started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()} {started}\n".encode(), 0)
    lock = StateLock(path, fd, started)
    _HELD[str(path)] = lock
    return lock


def _read_holder(fd: int, retries: int = 20) -> str:
    """Return the "PID start-time" in the lock file (waits briefly for a holder still writing it)."""
    import time

    for _ in range(retries + 1):
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        if text or not retries:
            return text
        time.sleep(0.05)
    return ""

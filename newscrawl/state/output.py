"""Crash-safe JSON Lines output: whole lines appended with one ``write``, then fsync'ed.

A SIGKILL can still cut a large ``write`` short (the kernel checks for fatal signals between
pages), so ``repair_tail`` drops a trailing partial line when the file is opened again. Its
article was never marked as seen (marking comes after the write), so the rerun fetches it again.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

_CHUNK = 64 * 1024


def repair_tail(path: Path) -> int:
    """Cut a partial last line (no final newline) off ``path``; return the bytes removed."""
    if not path.exists():
        return 0
    with path.open("r+b") as f:
        size = f.seek(0, os.SEEK_END)
        end = size
        while end > 0:
            start = max(0, end - _CHUNK)
            f.seek(start)
            chunk = f.read(end - start)
            if end == size and chunk.endswith(b"\n"):
                return 0
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                end = start + newline + 1
                break
            end = start
        f.truncate(end)
        f.flush()
        os.fsync(f.fileno())
    removed = size - end
    logger.warning("removed a partial last line (%d bytes) from %s, left by a killed run", removed, path)
    return removed


def record_line(record: dict[str, Any]) -> bytes:
    """Return the JSON Lines form of ``record``: one UTF-8 line ending in a newline."""
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


class LineWriter:
    """Append whole lines to a file: one ``write``, then ``fsync``; a failed write is undone."""

    def __init__(self, path: Path, fsync: bool = True, overwrite: bool = False) -> None:
        self.path = path
        self.fsync = fsync
        path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | (os.O_TRUNC if overwrite else 0)
        self.fd = os.open(path, flags, 0o644)

    def size(self) -> int:
        """Return the file's current size."""
        return os.fstat(self.fd).st_size

    def append(self, line: bytes) -> int:
        """Append ``line`` (ending in a newline) durably; return the file size after it."""
        before = self.size()
        try:
            view = memoryview(line)
            while view:  # a regular file takes it in one write unless the disk is full
                view = view[os.write(self.fd, view) :]
            if self.fsync:
                os.fsync(self.fd)
        except BaseException:
            os.ftruncate(self.fd, before)  # never leave half a line for the next record to follow
            raise
        return before + len(line)

    def close(self) -> None:
        """Close the file."""
        os.close(self.fd)

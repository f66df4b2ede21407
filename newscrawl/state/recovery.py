"""Crash recovery: records written after the store's last commit are read back and marked.

The pipeline writes a record's line, then marks the article seen and the output's new size in one
SQLite transaction. A kill between the two leaves a whole line the store does not know; this
module finds such lines (past the output's committed size) and marks them, so the rerun does not
export them again.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from newscrawl.pipelines import body_fingerprint
from newscrawl.state.output import repair_tail
from newscrawl.state.store import SeenStore

logger = logging.getLogger(__name__)


def recover_output(store: SeenStore, path: Path) -> int:
    """Repair ``path``'s tail and mark its uncommitted records; return how many were marked."""
    repair_tail(path)
    key = str(path)
    size = path.stat().st_size if path.exists() else 0
    committed = store.committed_sizes().get(key)
    if committed is None or size < committed:
        if committed is not None:
            logger.warning("%s is shorter than when last written (rotated?); starting it afresh", path)
        store.set_committed_size(key, size)
        return 0
    marked = 0
    if size > committed:
        with path.open("rb") as f:
            f.seek(committed)
            for line in f.read(size - committed).splitlines():
                marked += _mark_line(store, line, path)
        logger.warning("marked %d record(s) written to %s just before a crash", marked, path)
    store.set_committed_size(key, size)
    return marked


def recover_all(store: SeenStore) -> int:
    """Recover every output file the store has written to; return the records marked."""
    return sum(recover_output(store, Path(path)) for path in store.committed_sizes())


def _mark_line(store: SeenStore, line: bytes, path: Path) -> int:
    try:
        record = json.loads(line)
        url = record.get("url") or ""
        canonical = record.get("canonical_url") or url
        fingerprint = body_fingerprint(record.get("body") or "")
    except (ValueError, AttributeError):
        logger.warning("unreadable line in %s ignored: %.80r", path, line)
        return 0
    if not canonical:
        return 0
    store.mark_exported(canonical, fingerprint, [url], record.get("fetched_at") or "")
    return 1

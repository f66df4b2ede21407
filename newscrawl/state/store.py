"""The seen-store: which articles were exported and which article URLs were fetched, in SQLite.

Tables (keys are ``w3lib.url.canonicalize_url`` forms of URLs):

- ``articles``: one row per exported article, by canonical URL: its body fingerprint and version.
- ``bodies``: every exported body fingerprint, so the same text under another URL is known.
- ``urls``: fetched URLs of exported articles (page URL and canonical), skipped on the next run.
- ``outputs``: per output file, its size after the last committed record (crash recovery).

WAL mode with ``synchronous=NORMAL``: a commit is one ``write`` to the WAL file, so once
``commit`` returns it survives the death of the process (SIGKILL included); only a power loss can
roll back the last commits, never corrupt the database. The crash recovery in
``newscrawl.state.recovery`` makes even that roll-back harmless: records beyond an output's
committed size are read back and marked.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from w3lib.url import canonicalize_url

DB_NAME = "seen.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    canonical TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    version INTEGER NOT NULL,
    first_exported TEXT NOT NULL,
    last_exported TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bodies (fingerprint TEXT PRIMARY KEY, canonical TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS urls (url TEXT PRIMARY KEY, canonical TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, committed_size INTEGER NOT NULL) WITHOUT ROWID;
"""


def url_key(url: str) -> str:
    """Return the key a URL is stored under (canonical form: sorted query, no fragment)."""
    return canonicalize_url(url) if url else ""


class StoreUnavailable(RuntimeError):
    """The seen-store cannot be reached (a distributed crawl lost Redis); nothing was recorded."""


@dataclass(frozen=True)
class Exported:
    """What the store knows of an exported article."""

    fingerprint: str
    version: int


class SeenStore:
    """The SQLite seen-store of one state directory. Lookups go to disk; nothing grows in memory."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database (the WAL is checkpointed by SQLite)."""
        self.db.close()

    # --- lookups -------------------------------------------------------------------------

    def url_seen(self, url: str) -> bool:
        """Return whether ``url`` is a fetched URL of an exported article."""
        row = self.db.execute("SELECT 1 FROM urls WHERE url = ?", (url_key(url),)).fetchone()
        return row is not None

    def article(self, canonical: str) -> Exported | None:
        """Return what is known of the article exported under ``canonical``, or None."""
        row = self.db.execute(
            "SELECT fingerprint, version FROM articles WHERE canonical = ?", (url_key(canonical),)
        ).fetchone()
        return Exported(row[0], row[1]) if row else None

    def body_owner(self, fingerprint: str) -> str | None:
        """Return the canonical URL a body fingerprint was exported under, or None."""
        row = self.db.execute("SELECT canonical FROM bodies WHERE fingerprint = ?", (fingerprint,)).fetchone()
        return row[0] if row else None

    def committed_sizes(self) -> dict[str, int]:
        """Return ``{output path: size after its last committed record}``."""
        return dict(self.db.execute("SELECT path, committed_size FROM outputs").fetchall())

    # --- updates (each one transaction) --------------------------------------------------

    def mark_exported(
        self,
        canonical: str,
        fingerprint: str,
        urls: list[str],
        when: str,
        output: tuple[str, int] | None = None,
    ) -> int:
        """Record an exported article (and the output size after its line); return its version.

        The same canonical URL with a new fingerprint is the next version; the same one is kept.
        """
        key = url_key(canonical)
        with self._transaction():
            known = self.article(key)
            if known is None:
                version = 1
                self.db.execute("INSERT INTO articles VALUES (?, ?, 1, ?, ?)", (key, fingerprint, when, when))
            elif known.fingerprint == fingerprint:
                version = known.version
            else:
                version = known.version + 1
                self.db.execute(
                    "UPDATE articles SET fingerprint = ?, version = ?, last_exported = ? WHERE canonical = ?",
                    (fingerprint, version, when, key),
                )
            self.db.execute("INSERT OR IGNORE INTO bodies VALUES (?, ?)", (fingerprint, key))
            self._add_urls([*urls, key], key)
            if output is not None:
                self._set_size(*output)
        return version

    def mark_url(self, url: str, canonical: str) -> None:
        """Record a fetched URL of an already exported article, to skip it next time."""
        with self._transaction():
            self._add_urls([url], url_key(canonical))

    def set_committed_size(self, path: str, size: int) -> None:
        """Record the size of output ``path`` after its last committed record."""
        with self._transaction():
            self._set_size(path, size)

    def _add_urls(self, urls: list[str], canonical: str) -> None:
        rows = [(url_key(u), canonical) for u in dict.fromkeys(urls) if u]
        self.db.executemany("INSERT OR IGNORE INTO urls VALUES (?, ?)", rows)

    def _set_size(self, path: str, size: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?)", (path, size))

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error) on an autocommit connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")

"""The raw page item: what the spider fetched, before extraction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def utc_now_iso() -> str:
    """Return the current UTC time as ISO 8601 with seconds and a ``Z`` suffix."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class RawPage:
    """One fetched HTML page; the extraction pipeline turns it into an export record.

    ``hints`` carries what a sitemap or feed said about the page: ``published`` (ISO 8601),
    ``title`` and ``source`` (``"sitemap"`` or ``"feed"``).
    """

    url: str  # the URL we asked for (first of any redirect chain)
    final_url: str  # the URL the page was served from, after redirects
    status: int
    html: str = field(repr=False)
    headers: dict[str, str] = field(default_factory=dict)  # selected headers, lower-case names
    fetched_at: str = field(default_factory=utc_now_iso)
    hints: dict[str, Any] = field(default_factory=dict)

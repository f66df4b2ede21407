"""Shared helpers for the golden fixtures: where they are and how a record is produced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newscrawl import extract_article

FIXTURES = Path(__file__).parent / "fixtures"
# Fields compared field by field.
COMPARED_FIELDS = (
    "url", "canonical_url", "site_name", "language", "title", "description", "authors",
    "published", "modified", "dateline", "body", "body_partial", "quotes", "section", "tags", "image",
    "word_count",
    "fetched_at", "extractor",
)  # fmt: skip


def golden_pages() -> list[Path]:
    """Every fixture page that has an expected record beside it."""
    return sorted(p for p in FIXTURES.glob("*/*.html") if p.with_suffix(".json").exists())


def produce(page: Path) -> dict[str, Any]:
    """Extract the record of a fixture page with the URL its golden file names."""
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    return extract_article(page.read_bytes(), expected["url"]).to_dict()

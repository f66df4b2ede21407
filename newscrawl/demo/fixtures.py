"""The golden fixture pages the demo site is built from (``tests/fixtures/index.json``)."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "tests" / "fixtures"


@dataclass
class Fixture:
    """One article page of the demo site: its HTML, where it is served and what it is about."""

    html: bytes
    url_path: str
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    title: str = ""
    published: str | None = None  # ISO 8601 from the golden record, when there is one
    language: str | None = None


def _read_html(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _golden(path: Path) -> dict[str, Any]:
    stem = path.name.removesuffix(".gz").rsplit(".", 1)[0]
    golden = path.with_name(stem + ".json")
    if not golden.is_file():
        return {}
    try:
        data = json.loads(golden.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _html_title(html: bytes) -> str:
    try:
        titles = lxml.html.fromstring(html).xpath("//title/text()")
    except (ValueError, lxml.etree.ParserError):
        return ""
    return titles[0].strip() if titles else ""


def load_fixtures(fixtures_dir: Path = FIXTURES_DIR) -> list[Fixture]:
    """Return the fixtures listed in ``<fixtures_dir>/index.json``; raise FileNotFoundError."""
    index_path = fixtures_dir / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    entries = index.get("pages", []) if isinstance(index, dict) else index
    fixtures = []
    for entry in entries:
        path = fixtures_dir / entry["path"]
        html = _read_html(path)
        golden = _golden(path)
        url_path = "/" + entry["url_path"].lstrip("/")
        fixtures.append(
            Fixture(
                html=html,
                url_path=url_path,
                section=entry.get("section") or None,
                tags=[t for t in entry.get("tags") or [] if t],
                title=golden.get("title") or _html_title(html) or url_path,
                published=golden.get("published"),
                language=golden.get("language"),
            )
        )
    return fixtures

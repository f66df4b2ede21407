"""The record types the extraction core returns: Article, Dateline, Quote."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

EXTRACTOR_NAME = "newscrawl"
EXTRACTOR_VERSION = "0.1.0"

_WORD = re.compile(r"\w+")


@dataclass
class Dateline:
    """A dateline such as ``MONTRÉAL, Québec (CU)``: the printed text and its parts."""

    text: str
    location: str | None = None
    agency: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) or the printed text when no year


@dataclass
class Quote:
    """A quotation in the body with who said it."""

    text: str
    speaker: str | None
    cue: str | None
    paragraph: int
    kind: str  # "direct" | "partial"


@dataclass
class Article:
    """Everything extracted from one page; ``to_dict()`` gives the export record."""

    url: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    language: str | None = None
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    dateline: Dateline | None = None
    paragraphs: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    fetched_at: str | None = None
    body_partial: bool = False
    # Not exported: what kind of page this is ("article", "listing", "other") and why.
    page_type: str = "article"
    page_type_reason: str = ""

    @property
    def body(self) -> str:
        """Body text: paragraphs joined by one blank line, no HTML."""
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        """Number of ``\\w+`` runs in the body."""
        return len(_WORD.findall(self.body))

    def to_dict(self) -> dict[str, Any]:
        """The export record, in the field order of ``newscrawl/schema/record.schema.json``."""
        return {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "site_name": self.site_name,
            "language": self.language,
            "title": self.title,
            "description": self.description,
            "authors": list(self.authors),
            "published": self.published,
            "modified": self.modified,
            "dateline": asdict(self.dateline) if self.dateline else None,
            "body": self.body,
            "body_partial": self.body_partial,
            "quotes": [asdict(q) for q in self.quotes],
            "section": self.section,
            "tags": list(self.tags),
            "image": self.image,
            "word_count": self.word_count,
            "fetched_at": self.fetched_at,
            "extractor": {"name": EXTRACTOR_NAME, "version": EXTRACTOR_VERSION},
        }

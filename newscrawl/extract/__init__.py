"""Extraction core: ``extract_article(html, url)`` -> Article. Pure, no Scrapy."""

from __future__ import annotations

from newscrawl.extract.model import Article


def extract_article(html: str | bytes, url: str | None = None) -> Article:
    """Extract the article record from one HTML page (placeholder until the engine lands)."""
    return Article(url=url)

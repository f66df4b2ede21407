"""Extraction core: ``extract_article(html, url)`` -> Article. Pure functions, no Scrapy.

The page is parsed once; metadata is read from the intact tree, then the body
extractor cleans the same tree in place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from newscrawl.extract.authors import extract_authors
from newscrawl.extract.body import extract_paragraphs
from newscrawl.extract.dateline import parse_dateline
from newscrawl.extract.dates import extract_modified, extract_published
from newscrawl.extract.metadata import (
    extract_canonical_url,
    extract_description,
    extract_image,
    extract_language,
    extract_section,
    extract_site_name,
    extract_tags,
)
from newscrawl.extract.model import Article
from newscrawl.extract.page import load_page
from newscrawl.extract.pagetype import classify_page, count_teasers, listing_before_text
from newscrawl.extract.paywall import is_paywalled
from newscrawl.extract.quotes import extract_quotes
from newscrawl.extract.title import extract_title

log = logging.getLogger(__name__)
T = TypeVar("T")

__all__ = ["extract_article"]


def _field(name: str, func: Callable[[], T], empty: T) -> T:
    """Run one field extractor; a failure logs and yields the field's empty value."""
    try:
        return func()
    except Exception:  # one broken field must never take the record down
        log.warning("field %s failed", name, exc_info=True)
        return empty


def extract_article(html: str | bytes, url: str | None = None, *, articles_only: bool = False) -> Article:
    """Extract the article record from one HTML page; never raises on bad HTML.

    ``articles_only``: for a page that is not an article, stop as soon as that is known (its
    record then has only url, language, site name, title, canonical URL and page type) — what
    a crawl that drops such pages needs.
    """
    try:
        page = load_page(html, url)
    except Exception:
        log.warning("could not parse page %s", url, exc_info=True)
        return Article(url=url, page_type="other", page_type_reason="unparseable")
    art = Article(url=url)
    art.language = _field("language", lambda: extract_language(page), None)
    langs = [art.language] if art.language else None
    art.site_name = _field("site_name", lambda: extract_site_name(page), None)
    art.title = _field("title", lambda: extract_title(page, art.site_name), None)
    art.canonical_url = _field("canonical_url", lambda: extract_canonical_url(page), url)
    if articles_only and (listing := _field("page_type", lambda: listing_before_text(page), None)):
        art.page_type, art.page_type_reason = listing
        return art
    art.description = _field("description", lambda: extract_description(page), None)
    art.authors = _field("authors", lambda: extract_authors(page, art.site_name), [])
    art.published = _field("published", lambda: extract_published(page, langs), None)
    art.modified = _field("modified", lambda: extract_modified(page, langs), None)
    art.section = _field("section", lambda: extract_section(page), None)
    art.tags = _field("tags", lambda: extract_tags(page), [])
    art.image = _field("image", lambda: extract_image(page), None)
    teasers = _field("teasers", lambda: count_teasers(page.tree), 0)
    art.body_partial = _field("body_partial", lambda: is_paywalled(page), False)
    body_el = page.tree.find("body")
    art.paragraphs = _field("body", lambda: extract_paragraphs(body_el, art.title), [])
    if articles_only:
        art.page_type, art.page_type_reason = _field(
            "page_type", lambda: classify_page(page, art.paragraphs, teasers), ("article", "unknown")
        )
        if art.page_type != "article":
            return art
    if art.paragraphs:
        art.dateline = _field(
            "dateline",
            lambda: parse_dateline(art.paragraphs[0], art.published, art.language),
            None,
        )
    art.quotes = _field("quotes", lambda: extract_quotes(art.paragraphs, art.language), [])
    if not articles_only:
        art.page_type, art.page_type_reason = _field(
            "page_type", lambda: classify_page(page, art.paragraphs, teasers), ("article", "unknown")
        )
    return art

"""``extract_article(..., articles_only=True)``: the crawl's shortcut gives the same answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl import extract_article
from newscrawl.demo.fixtures import load_fixtures
from newscrawl.demo.site import build_site, listing_paths
from tests.golden import golden_pages

BASE = "https://demo.example"


@pytest.mark.parametrize("page", golden_pages(), ids=lambda p: p.stem)
def test_articles_get_the_same_record(page: Path) -> None:
    html = page.read_bytes()
    full = extract_article(html)
    assert full.page_type == "article"
    assert extract_article(html, articles_only=True).to_dict() == full.to_dict()


def test_listing_pages_are_listings_either_way_and_stop_early() -> None:
    fixtures = load_fixtures()
    pages = build_site(BASE, fixtures)
    early = 0
    for path in listing_paths(pages, fixtures):
        html = pages[path][1]
        full = extract_article(html, BASE + path)
        short = extract_article(html, BASE + path, articles_only=True)
        assert short.page_type == full.page_type
        if full.page_type != "article":
            assert short.quotes == [] and short.dateline is None  # never read for a listing
            if "before text" in (short.page_type_reason or ""):
                early += 1
                assert short.paragraphs == [] and short.authors == [] and short.published is None
    assert early > 0  # section/tag/pagination URLs are known listings before any text is read

"""The item pipelines, each on its own: drop reasons, hints, validation and de-duplication."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl import extract_article
from newscrawl.items import RawPage
from newscrawl.pipelines import (
    DedupPipeline,
    ExtractionPipeline,
    ValidationPipeline,
    body_fingerprint,
)
from newscrawl.schema import record_errors

PARAGRAPH = (
    "The city council voted on Tuesday to approve a budget that funds road repairs, "
    "two new libraries and longer opening hours for public pools across the city."
)

ARTICLE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Council approves budget | Example News</title>
<meta property="og:type" content="article">
<link rel="canonical" href="https://news.example.com/2024/05/01/budget/">
</head><body><article><h1>Council approves budget</h1>
<p>{PARAGRAPH}</p><p>{PARAGRAPH} The vote was seven to two.</p><p>{PARAGRAPH}</p>
</article></body></html>"""

UNDATED_ARTICLE = ARTICLE.replace("/2024/05/01/budget/", "/budget")  # no date, not even in URLs

LISTING = (
    """<!doctype html><html><head><title>World news | Example News</title></head><body>
<h1>World</h1><ul>"""
    + "".join(f'<li><a href="/2024/05/0{i}/story-{i}/">Story number {i}</a></li>' for i in range(1, 10))
    + """</ul><nav><a href="/section/world/page/2/">Next page</a></nav></body></html>"""
)


def crawler_stats(settings: dict[str, Any] | None = None) -> tuple[Any, Any]:
    crawler = get_crawler(settings_dict=settings or {})
    return crawler, crawler.stats


def raw(html: str, url: str, hints: dict[str, Any] | None = None) -> RawPage:
    return RawPage(
        url=url,
        final_url=url,
        status=200,
        html=html,
        fetched_at="2024-05-02T10:00:00Z",
        hints=hints or {},
    )


def good_record(**changes: Any) -> dict[str, Any]:
    record = extract_article(ARTICLE, "https://news.example.com/2024/05/01/budget/").to_dict()
    record["fetched_at"] = "2024-05-02T10:00:00Z"
    record.update(changes)
    return record


# --- extraction ---------------------------------------------------------------------------


def test_extraction_returns_the_export_record_without_html() -> None:
    crawler, stats = crawler_stats()
    pipeline = ExtractionPipeline.from_crawler(crawler)
    record = pipeline.process_item(raw(ARTICLE, "https://news.example.com/2024/05/01/budget/"))
    assert record["title"] == "Council approves budget"
    assert "seven to two" in record["body"] and "<p>" not in record["body"]
    assert record["fetched_at"] == "2024-05-02T10:00:00Z"
    assert "html" not in record and record_errors(record) == []


def test_extraction_drops_listing_pages_with_a_reason_in_stats() -> None:
    crawler, stats = crawler_stats()
    pipeline = ExtractionPipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match="not_article"):
        pipeline.process_item(raw(LISTING, "https://news.example.com/section/world/"))
    assert stats.get_value("newscrawl/dropped/not_article") == 1


def test_hints_fill_published_only_when_the_page_gives_none() -> None:
    crawler, _ = crawler_stats()
    pipeline = ExtractionPipeline.from_crawler(crawler)
    hints = {"published": "2024-05-01T09:30:00+02:00", "title": "Hint title", "source": "sitemap"}
    record = pipeline.process_item(raw(UNDATED_ARTICLE, "https://news.example.com/budget", hints))
    assert record["published"] == "2024-05-01T09:30:00+02:00"
    assert record["title"] == "Council approves budget"  # the page's own title wins

    dated = ARTICLE.replace(
        "</head>", '<meta property="article:published_time" content="2024-04-30T08:00:00Z"></head>'
    )
    record = pipeline.process_item(raw(dated, "https://news.example.com/2024/05/01/budget/", hints))
    assert record["published"].startswith("2024-04-30")


def test_hints_can_be_switched_off() -> None:
    crawler, _ = crawler_stats({"NEWSCRAWL_USE_HINTS": False})
    pipeline = ExtractionPipeline.from_crawler(crawler)
    record = pipeline.process_item(
        raw(UNDATED_ARTICLE, "https://news.example.com/a/", {"published": "2024-05-01"})
    )
    assert record["published"] is None


# --- validation ---------------------------------------------------------------------------


def test_valid_record_passes_unchanged() -> None:
    crawler, stats = crawler_stats()
    record = good_record()
    assert ValidationPipeline.from_crawler(crawler).process_item(record) is record
    assert not any(k.startswith("newscrawl/dropped/") for k in stats.get_stats())


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"title": None}, "no_title"),
        ({"title": "   "}, "no_title"),
        ({"body": "", "word_count": 0}, "no_body"),
        ({"language": "English"}, "invalid_record"),
        ({"published": "May 1st"}, "invalid_record"),
        ({"unexpected": 1}, "invalid_record"),
    ],
)
def test_validation_drops_with_reason(changes: dict[str, Any], reason: str) -> None:
    crawler, stats = crawler_stats()
    with pytest.raises(DropItem, match=reason):
        ValidationPipeline.from_crawler(crawler).process_item(good_record(**changes))
    assert stats.get_value(f"newscrawl/dropped/{reason}") == 1


def test_validation_min_words_setting() -> None:
    crawler, stats = crawler_stats({"NEWSCRAWL_MIN_WORDS": 10_000})
    with pytest.raises(DropItem, match="too_short"):
        ValidationPipeline.from_crawler(crawler).process_item(good_record())
    assert stats.get_value("newscrawl/dropped/too_short") == 1


# --- de-duplication -----------------------------------------------------------------------


def test_dedup_by_canonical_url() -> None:
    crawler, stats = crawler_stats()
    pipeline = DedupPipeline.from_crawler(crawler)
    pipeline.open_spider()
    first = good_record(url="https://news.example.com/a?utm=1", body="One text.")
    pipeline.process_item(first)
    again = good_record(url="https://news.example.com/amp/a", body="Another text.")
    with pytest.raises(DropItem, match="duplicate_url"):
        pipeline.process_item(again)
    assert stats.get_value("newscrawl/dropped/duplicate_url") == 1


def test_dedup_by_body_fingerprint_ignores_case_spacing_and_punctuation() -> None:
    crawler, stats = crawler_stats()
    pipeline = DedupPipeline.from_crawler(crawler)
    pipeline.open_spider()
    pipeline.process_item(good_record(canonical_url="https://a.example/1", body="Hello, world!"))
    with pytest.raises(DropItem, match="duplicate_body"):
        pipeline.process_item(good_record(canonical_url="https://b.example/2", body="hello   WORLD"))
    assert stats.get_value("newscrawl/dropped/duplicate_body") == 1
    different = good_record(canonical_url="https://c.example/3", body="Hello, there!")
    assert pipeline.process_item(different) is different


def test_dedup_forgets_between_runs() -> None:
    pipeline = DedupPipeline.from_crawler(crawler_stats()[0])
    pipeline.open_spider()
    pipeline.process_item(good_record())
    pipeline.open_spider()
    assert pipeline.process_item(good_record())["title"] == "Council approves budget"


def test_body_fingerprint() -> None:
    assert body_fingerprint("A b.\n\nC") == body_fingerprint("a B c")
    assert body_fingerprint("a b c") != body_fingerprint("a b d")

"""Item pipelines, one per concern: extraction (100), validation (200), de-duplication (300).

Each drop raises ``DropItem`` and counts its reason in the stats as ``newscrawl/dropped/<reason>``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from w3lib.url import canonicalize_url

from newscrawl import extract_article
from newscrawl.schema import record_errors

Record = dict[str, Any]
logger = logging.getLogger(__name__)


class _DroppingPipeline:
    """Shared plumbing: stats from the crawler and a ``drop`` that records its reason."""

    def __init__(self, stats: StatsCollector | None = None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Create the pipeline with the crawler's stats (subclasses also read settings)."""
        return cls(crawler.stats)

    def drop(self, reason: str, detail: str) -> DropItem:
        """Count ``reason`` in the stats and return the DropItem to raise."""
        if self.stats is not None:
            self.stats.inc_value(f"newscrawl/dropped/{reason}")
        return DropItem(f"{reason}: {detail}")


class ExtractionPipeline(_DroppingPipeline):
    """Raw page -> export record via ``extract_article``; drops pages that are not articles.

    With ``NEWSCRAWL_EXTRACT_PROCESSES`` > 0 (default: one per core on a multi-core machine) the
    extraction runs in a process pool (``newscrawl.pool``) and ``process_item`` returns a coroutine,
    so the reactor keeps downloading meanwhile; with 0 it runs inline.
    """

    def __init__(
        self, stats: StatsCollector | None = None, use_hints: bool = True, processes: int = 0
    ) -> None:
        super().__init__(stats)
        self.use_hints = use_hints
        self.processes = processes
        self.pool: Any = None  # an ExtractionPool between open_spider and close_spider

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read NEWSCRAWL_USE_HINTS and NEWSCRAWL_EXTRACT_PROCESSES."""
        from newscrawl.pool import default_processes

        setting = crawler.settings.get("NEWSCRAWL_EXTRACT_PROCESSES")
        processes = default_processes() if setting in (None, "", "auto") else int(setting)
        return cls(crawler.stats, crawler.settings.getbool("NEWSCRAWL_USE_HINTS", True), max(processes, 0))

    def open_spider(self, spider: Any = None) -> None:
        """Start the process pool (only under the asyncio reactor, which can await its results)."""
        from scrapy.utils.asyncio import is_asyncio_available

        if self.processes and is_asyncio_available():
            from newscrawl.pool import ExtractionPool

            try:
                pool = ExtractionPool(self.processes)
                pool.warm_up()
            except Exception as exc:  # no processes allowed here (sandbox, limits): extract inline
                logger.warning("extraction worker processes unavailable (%s); extracting inline", exc)
                return
            self.pool = pool

    def close_spider(self, spider: Any = None) -> None:
        """Stop the process pool."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Return the record of an article page; raise DropItem for listing and other pages.

        With a pool: a coroutine with that outcome.
        """
        page = ItemAdapter(item)
        url = page.get("final_url") or page.get("url")
        if self.pool is None:
            article = extract_article(page["html"], url, articles_only=True)
            if article.page_type != "article":
                raise self._not_article(article.page_type, article.page_type_reason, url)
            return self._finish(article.to_dict(), page)
        return self._extract_in_pool(page, url)

    async def _extract_in_pool(self, page: ItemAdapter, url: str | None) -> Record:
        from newscrawl.pool import ExtractionFailed

        try:
            result = await self.pool.extract(page["html"], url)
        except ExtractionFailed as exc:
            raise self.drop("extraction_failed", str(exc)) from None
        if result["page_type"] != "article":
            raise self._not_article(result["page_type"], result.get("page_type_reason"), url)
        return self._finish(result["record"], page)

    def _not_article(self, page_type: str, reason: str | None, url: str | None) -> DropItem:
        return self.drop("not_article", f"{page_type} ({reason or 'no reason given'}) {url}")

    def _finish(self, record: Record, page: ItemAdapter) -> Record:
        record["fetched_at"] = page.get("fetched_at")
        hints = page.get("hints") or {}
        if self.use_hints:
            record["published"] = record.get("published") or hints.get("published")
            record["title"] = record.get("title") or hints.get("title")
        return record


class ValidationPipeline(_DroppingPipeline):
    """Drop records without a title or body, too short, or not valid against the JSON Schema."""

    def __init__(self, stats: StatsCollector | None = None, min_words: int = 1) -> None:
        super().__init__(stats)
        self.min_words = min_words

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read NEWSCRAWL_MIN_WORDS."""
        return cls(crawler.stats, crawler.settings.getint("NEWSCRAWL_MIN_WORDS", 1))

    def process_item(self, item: Record, spider: Any = None) -> Record:
        """Return the record unchanged when valid; raise DropItem with the first problem."""
        url = item.get("url")
        if not (item.get("title") or "").strip():
            raise self.drop("no_title", str(url))
        if not (item.get("body") or "").strip():
            raise self.drop("no_body", str(url))
        if (item.get("word_count") or 0) < self.min_words:
            raise self.drop("too_short", f"{item.get('word_count')} words {url}")
        if errors := record_errors(item):
            raise self.drop("invalid_record", f"{errors[0]} ({len(errors)} errors) {url}")
        return item


_NON_WORD = re.compile(r"[\W_]+")


def body_fingerprint(body: str) -> str:
    """Return a hash of the body's words, ignoring case, punctuation and whitespace."""
    normalised = _NON_WORD.sub(" ", body.casefold()).strip()
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


class DedupPipeline(_DroppingPipeline):
    """Drop records already exported in this run: same canonical URL or same body text."""

    def __init__(self, stats: StatsCollector | None = None) -> None:
        super().__init__(stats)
        self.seen_urls: set[str] = set()
        self.seen_bodies: set[str] = set()

    def open_spider(self, spider: Any = None) -> None:
        """Start the run with nothing seen."""
        self.seen_urls.clear()
        self.seen_bodies.clear()

    def process_item(self, item: Record, spider: Any = None) -> Record:
        """Return the record the first time its canonical URL and body are seen."""
        url = item.get("canonical_url") or item.get("url") or ""
        key = canonicalize_url(url) if url else ""
        if key and key in self.seen_urls:
            raise self.drop("duplicate_url", f"{url} (from {item.get('url')})")
        fingerprint = body_fingerprint(item.get("body") or "")
        if fingerprint in self.seen_bodies:
            raise self.drop("duplicate_body", str(item.get("url")))
        if key:
            self.seen_urls.add(key)
        self.seen_bodies.add(fingerprint)
        return item

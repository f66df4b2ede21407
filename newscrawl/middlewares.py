"""Request meta keys, and the ``--since`` downloader middleware (NEWSCRAWL_SINCE)."""

from __future__ import annotations

from datetime import date
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured

# Request meta keys the spider sets and the middlewares read.
HINTS = "newscrawl_hints"  # what a sitemap or feed said about the page (published, title)
ALWAYS_FETCH = "newscrawl_always_fetch"  # never skip this request as seen (start URLs)


class SinceMiddleware:
    """Skip pages a sitemap or feed dates before NEWSCRAWL_SINCE, before fetching them.

    Pages without a hinted date are fetched. Skips are counted as ``newscrawl/skipped/old``.
    """

    def __init__(self, crawler: Crawler, since: date) -> None:
        self.crawler = crawler
        self.since = since.isoformat()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read NEWSCRAWL_SINCE (``YYYY-MM-DD``); raise NotConfigured when it is empty."""
        value = crawler.settings.get("NEWSCRAWL_SINCE")
        if not value:
            raise NotConfigured
        return cls(crawler, date.fromisoformat(str(value)[:10]))

    def process_request(self, request: Request, spider: Any = None) -> None:
        """Raise IgnoreRequest when the request's hinted publication day is before the cut-off."""
        published = (request.meta.get(HINTS) or {}).get("published")
        if not published or str(published)[:10] >= self.since:
            return None
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("newscrawl/skipped/old")
        raise IgnoreRequest(f"published {published}, before {self.since}: {request.url}")

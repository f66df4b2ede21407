"""Request meta keys and downloader middlewares: ``--since``, retry delays, bounded decompression."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

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


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Return the delay a ``Retry-After`` header asks for (seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryDelayMiddleware:
    """Wait before a response is retried: ``Retry-After`` when given, else exponential backoff.

    Scrapy's RetryMiddleware retries at once. This middleware sits just outside it (560), so a
    response that RetryMiddleware will retry (status in RETRY_HTTP_CODES, retries left) reaches it
    only after ``min(Retry-After, NEWSCRAWL_RETRY_AFTER_MAX)`` seconds, or after
    ``NEWSCRAWL_RETRY_BACKOFF * 2**retries`` (capped the same way) without the header. Waits are
    counted as ``newscrawl/retry_delay/count`` and ``.../ms``.
    """

    def __init__(self, crawler: Crawler, backoff: float, cap: float) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.backoff = backoff
        self.cap = cap
        self.codes = {int(c) for c in settings.getlist("RETRY_HTTP_CODES")}
        self.max_retries = settings.getint("RETRY_TIMES")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read NEWSCRAWL_RETRY_BACKOFF and NEWSCRAWL_RETRY_AFTER_MAX; off without RETRY_ENABLED."""
        if not crawler.settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        s = crawler.settings
        return cls(
            crawler, s.getfloat("NEWSCRAWL_RETRY_BACKOFF", 1.0), s.getfloat("NEWSCRAWL_RETRY_AFTER_MAX", 60.0)
        )

    def delay(self, request: Request, response: Response) -> float:
        """Return how long to wait before ``response`` goes on to be retried (0: no retry)."""
        if response.status not in self.codes or request.meta.get("dont_retry"):
            return 0.0
        tries = int(request.meta.get("retry_times", 0))
        if tries >= int(request.meta.get("max_retry_times", self.max_retries)):
            return 0.0
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        wait = asked if asked is not None else self.backoff * 2**tries
        return min(wait, self.cap)

    async def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        """Return ``response`` after the wait its retry needs."""
        if (wait := self.delay(request, response)) > 0:
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("newscrawl/retry_delay/count")
                self.crawler.stats.inc_value("newscrawl/retry_delay/ms", round(wait * 1000))
            from twisted.internet import reactor  # the running one: importing it early installs one

            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return response


class ResponseTooLarge(IgnoreRequest):
    """A response body grew past DOWNLOAD_MAXSIZE while it was being decompressed."""


class BoundedDecompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's HttpCompressionMiddleware (which stops inflating at DOWNLOAD_MAXSIZE), counted.

    A compression bomb raises ResponseTooLarge (an IgnoreRequest, so the spider's errback reports
    the page) and counts ``newscrawl/too_large/decompressed``.
    """

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        """Return the decoded response; raise ResponseTooLarge for a bomb."""
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            if self.stats is not None:
                self.stats.inc_value("newscrawl/too_large/decompressed")
            raise ResponseTooLarge(str(exc)) from exc

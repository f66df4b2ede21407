"""The ``news`` spider: fetch pages from start URLs, URL files, sitemaps and feeds.

It only navigates. Every HTML response becomes a raw page item (the extraction pipeline decides
whether it is an article) and, for pages reached from start URLs, its links on the start hosts
are followed.

    scrapy crawl news -a urls=URL[,URL...] -O out.jsonl
    scrapy crawl news -a url_file=urls.txt -a sitemaps=URL,... -a feeds=URL,...
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urldefrag, urlsplit

from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import SitemapSpider
from scrapy.spiders.sitemap import iterloc
from scrapy.utils.sitemap import sitemap_urls_from_robots

from newscrawl.items import RawPage, utc_now_iso
from newscrawl.middlewares import ALWAYS_FETCH, HINTS
from newscrawl.signals import request_failed
from spiders.failures import MAX_LISTED, failure_kind
from spiders.sources import (
    WEB_SCHEMES,
    NewsSitemap,
    SourceError,
    check_url,
    parse_feed,
    read_url_file,
    sitemap_hints,
    sitemap_start_url,
    split_urls,
    web_entries,
)

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

FOLLOW = "newscrawl_follow"  # request meta: follow this page's links


def allowed_hosts(urls: Iterable[str]) -> list[str]:
    """Return the distinct host names of ``urls`` (no ports), in first-seen order."""
    hosts = (urlsplit(u).hostname for u in urls)
    return list(dict.fromkeys(h for h in hosts if h))


class NewsSpider(SitemapSpider):
    """Crawl news sites from ``urls``, ``url_file``, ``sitemaps`` and ``feeds`` arguments."""

    name = "news"
    # Overridden from the NEWSCRAWL_* settings in from_crawler; these defaults match settings.py.
    follow_links: bool = True
    max_depth: int = 5
    keep_headers: tuple[str, ...] = ("content-type", "content-language", "last-modified", "date")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Create the spider and read the NEWSCRAWL_* settings."""
        if crawler.settings.get("REDIS_URL"):
            kwargs.setdefault("join", True)  # a worker without sources joins the running crawl
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.follow_links = settings.getbool("NEWSCRAWL_FOLLOW_LINKS", cls.follow_links)
        spider.max_depth = settings.getint("NEWSCRAWL_MAX_DEPTH", cls.max_depth)
        spider.keep_headers = tuple(
            h.lower() for h in settings.getlist("NEWSCRAWL_KEEP_HEADERS", list(cls.keep_headers))
        )
        if settings.get("REDIS_URL"):
            # Distributed: any worker may take any worker's requests, so Scrapy's off-site filter
            # (built from this worker's sources only) must not drop them; links are still
            # followed only on the crawl's start hosts (follow_hosts, shared through Redis).
            spider.allowed_domains = []
        return spider

    def __init__(
        self,
        urls: str | list[str] | None = None,
        url_file: str | None = None,
        sitemaps: str | list[str] | None = None,
        feeds: str | list[str] | None = None,
        join: bool = False,
        **kwargs: Any,
    ) -> None:
        """Sources as comma-separated strings or lists; ``join``: none needed (a Redis worker)."""
        super().__init__(**kwargs)
        start = split_urls(urls) + (read_url_file(url_file) if url_file else [])
        self.start_urls = [check_url(u) for u in start]
        self.sitemap_urls = [sitemap_start_url(check_url(u)) for u in split_urls(sitemaps)]
        self.feed_urls = [check_url(u) for u in split_urls(feeds)]
        sources = self.start_urls + list(self.sitemap_urls) + self.feed_urls
        if not sources and not join:
            raise SourceError(
                "nothing to crawl: give -a urls=URL[,URL...], -a url_file=FILE, "
                "-a sitemaps=URL[,URL...] or -a feeds=URL[,URL...]"
            )
        self.allowed_domains = allowed_hosts(sources)
        # Hosts whose links are followed (a distributed worker adds the other workers' hosts).
        self.follow_hosts: set[str] = set(self.allowed_domains)
        # LinkExtractor's allow_domains compares host:port, so hosts are checked here instead.
        self.link_extractor = LinkExtractor(unique=True)

    async def start(self) -> AsyncIterator[Any]:
        """Yield the first requests: start URLs, then sitemaps, then feeds."""
        for url in self.start_urls:
            yield Request(
                url, callback=self.parse, errback=self.on_error, meta={FOLLOW: True, ALWAYS_FETCH: True}
            )
        for url in self.sitemap_urls:
            yield Request(url, callback=self.parse_sitemap, errback=self.on_error)
        for url in self.feed_urls:
            yield Request(url, callback=self.parse_feed, errback=self.on_error)

    # --- pages ---------------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Yield a RawPage for an HTML response, then requests for its on-site links."""
        if not isinstance(response, HtmlResponse):
            self._count("skipped/not_html")
            return
        self._count("fetched/page")
        yield self.raw_page(response)
        if response.meta.get(FOLLOW) and self._may_follow(response):
            yield from self.links_to_follow(response)

    def raw_page(self, response: HtmlResponse) -> RawPage:
        """Return the raw page item for ``response``."""
        redirects = response.meta.get("redirect_urls") or [response.url]
        headers = {}
        for name in self.keep_headers:
            if value := response.headers.get(name):
                headers[name] = value.decode("latin-1")
        return RawPage(
            url=redirects[0],
            final_url=response.url,
            status=response.status,
            html=response.text,
            headers=headers,
            fetched_at=utc_now_iso(),
            hints=dict(response.meta.get(HINTS) or {}),
        )

    def links_to_follow(self, response: HtmlResponse) -> Iterator[Request]:
        """Yield requests for the http(s) links of ``response`` on the start hosts (and its own)."""
        hosts = self.follow_hosts | {urlsplit(response.url).hostname}
        urls = (urldefrag(link.url).url for link in self.link_extractor.extract_links(response))
        for url in dict.fromkeys(urls):
            parts = urlsplit(url)
            if parts.scheme.lower() in WEB_SCHEMES and parts.hostname in hosts:
                yield Request(url, callback=self.parse, errback=self.on_error, meta={FOLLOW: True})

    def _may_follow(self, response: Response) -> bool:
        return self.follow_links and int(response.meta.get("depth", 0)) < self.max_depth

    # --- sitemaps and feeds --------------------------------------------------------------

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """Follow robots.txt ``Sitemap:`` lines and sitemap indexes; request listed pages."""
        if urlsplit(response.url).path == "/robots.txt":
            for url in sitemap_urls_from_robots(response.body, base_url=response.url):
                yield Request(url, callback=self.parse_sitemap, errback=self.on_error)
            return
        body = self._get_sitemap_body(response)
        if not body:
            self.logger.warning("Ignoring invalid sitemap: %s", response.url)
            return
        self._count("fetched/sitemap")
        sitemap = NewsSitemap(body)
        if sitemap.type == "sitemapindex":
            for loc in self._get_urls_from_sitemapindex(self.sitemap_filter(sitemap)):
                yield Request(loc, callback=self.parse_sitemap, errback=self.on_error)
        elif sitemap.type == "urlset":
            for entry in self.sitemap_filter(sitemap):
                for loc in iterloc([entry], self.sitemap_alternate_links):
                    yield Request(
                        loc, callback=self.parse, errback=self.on_error, meta={HINTS: sitemap_hints(entry)}
                    )
        else:
            self.logger.warning("Ignoring invalid sitemap: %s", response.url)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """Request the pages an RSS/Atom feed lists, with its dates and titles as hints."""
        entries = list(web_entries(parse_feed(response.body, response.url)))
        if not entries:
            self.logger.warning("No feed entries in %s", response.url)
            return
        self._count("fetched/feed")
        for entry in entries:
            yield Request(entry.url, callback=self.parse, errback=self.on_error, meta={HINTS: entry.hints})

    # --- failures ------------------------------------------------------------------------

    def on_error(self, failure: Failure) -> None:
        """Count a request that failed for good (``newscrawl/failed/<kind>``) and list its URL.

        The first MAX_LISTED failures are kept as ``newscrawl/failures`` ({url, kind, error}, and
        ``final_url`` after redirects) for the run report. Skips (robots.txt, off-site, seen,
        --since) are not failures.
        """
        crawler = getattr(self, "crawler", None)
        if crawler is not None:
            crawler.signals.send_catch_log(
                request_failed, request=getattr(failure, "request", None), failure=failure
            )
        kind = failure_kind(failure.value)
        if kind is None:
            return
        self._count(f"failed/{kind}")
        if crawler is None or crawler.stats is None:
            return
        listed = crawler.stats.get_value("newscrawl/failures")
        if listed is None:
            listed = []
            crawler.stats.set_value("newscrawl/failures", listed)
        if len(listed) < MAX_LISTED:
            request = getattr(failure, "request", None)
            urls = (request.meta.get("redirect_urls") or [request.url]) if request is not None else [None]
            error = str(failure.value) or type(failure.value).__name__
            page = {"url": urls[0], "kind": kind, "error": error[:300]}
            if request is not None and request.url != urls[0]:
                page["final_url"] = request.url  # where a redirect chain ended
            listed.append(page)

    # --- helpers -------------------------------------------------------------------------

    def _count(self, key: str) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.stats is not None:
            crawler.stats.inc_value(f"newscrawl/{key}")

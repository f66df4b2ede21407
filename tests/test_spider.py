"""The news spider's callbacks on responses built in the test (no network)."""

from __future__ import annotations

import asyncio
import gzip
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.items import RawPage
from spiders.news import FOLLOW, HINTS, NewsSpider
from spiders.sources import SourceError, iso_date, parse_feed, read_url_file

SITE = "https://news.example.com"


def make_spider(settings: dict[str, Any] | None = None, **kwargs: Any) -> NewsSpider:
    crawler = get_crawler(NewsSpider, settings or {})
    return NewsSpider.from_crawler(crawler, **kwargs)


def html_response(url: str, body: str, meta: dict[str, Any] | None = None) -> HtmlResponse:
    request = Request(url, meta=meta or {})
    return HtmlResponse(url, body=body.encode(), encoding="utf-8", request=request)


LINKS = """<html><head><title>Home</title></head><body>
<a href="/2024/05/01/story/">Story</a>
<a href="https://news.example.com/section/world/">World</a>
<a href="https://other.example.org/story/">Offsite</a>
<a href="https://sub.news.example.com/x/">Subdomain</a>
<a href="mailto:desk@news.example.com">Mail</a>
<a href="javascript:void(0)">JS</a>
<a href="ftp://news.example.com/archive/">FTP</a>
<a href="file:///etc/passwd">File</a>
<a href="/2024/05/01/story/#comments">Same story, fragment</a>
</body></html>"""


def followed_urls(results: list[Any]) -> list[str]:
    return [r.url for r in results if isinstance(r, Request)]


def test_page_yields_raw_item_and_follows_only_start_hosts_and_http_links() -> None:
    spider = make_spider(urls=f"{SITE}/")
    response = html_response(f"{SITE}/", LINKS, meta={FOLLOW: True, "depth": 0})
    results = list(spider.parse(response))
    items = [r for r in results if isinstance(r, RawPage)]
    assert len(items) == 1 and items[0].final_url == f"{SITE}/"
    assert "Offsite" in items[0].html
    assert followed_urls(results) == [
        f"{SITE}/2024/05/01/story/",
        f"{SITE}/section/world/",
    ]


def test_links_are_not_followed_beyond_max_depth_or_from_sitemap_pages() -> None:
    spider = make_spider({"NEWSCRAWL_MAX_DEPTH": 2}, urls=f"{SITE}/")
    deep = html_response(f"{SITE}/a/", LINKS, meta={FOLLOW: True, "depth": 2})
    assert followed_urls(list(spider.parse(deep))) == []
    from_sitemap = html_response(f"{SITE}/a/", LINKS, meta={HINTS: {"source": "sitemap"}})
    results = list(spider.parse(from_sitemap))
    assert followed_urls(results) == [] and len(results) == 1


def test_follow_links_setting_off() -> None:
    spider = make_spider({"NEWSCRAWL_FOLLOW_LINKS": False}, urls=f"{SITE}/")
    response = html_response(f"{SITE}/", LINKS, meta={FOLLOW: True, "depth": 0})
    assert followed_urls(list(spider.parse(response))) == []


def test_raw_item_carries_redirect_origin_hints_and_selected_headers() -> None:
    request = Request(
        f"{SITE}/new/",
        meta={
            HINTS: {"published": "2024-05-01", "source": "feed"},
            "redirect_urls": [f"{SITE}/old/"],
        },
    )
    response = HtmlResponse(
        f"{SITE}/new/",
        body=b"<html><body><p>x</p></body></html>",
        headers={"Content-Type": "text/html", "Set-Cookie": "a=b", "Content-Language": "fr"},
        request=request,
    )
    item = next(iter(make_spider(urls=f"{SITE}/").parse(response)))
    assert item.url == f"{SITE}/old/" and item.final_url == f"{SITE}/new/"
    assert item.hints == {"published": "2024-05-01", "source": "feed"}
    assert item.headers == {"content-type": "text/html", "content-language": "fr"}
    assert item.status == 200 and item.fetched_at.endswith("Z")


def test_non_html_response_yields_nothing() -> None:
    spider = make_spider(urls=f"{SITE}/")
    response = TextResponse(f"{SITE}/data.json", body=b'{"a": 1}', encoding="utf-8")
    assert list(spider.parse(response)) == []


def test_allowed_domains_come_from_all_sources() -> None:
    spider = make_spider(urls=f"{SITE}/,{SITE}/world/", sitemaps="https://maps.example.net/sitemap.xml")
    assert spider.allowed_domains == ["news.example.com", "maps.example.net"]


def test_start_requests_cover_urls_sitemaps_feeds_and_site_root_robots() -> None:
    spider = make_spider(urls=f"{SITE}/", sitemaps="https://news.example.com", feeds=f"{SITE}/feed.xml")

    async def collect() -> list[Request]:
        return [r async for r in spider.start()]

    requests = asyncio.run(collect())
    assert [(r.url, r.callback.__name__) for r in requests] == [
        (f"{SITE}/", "parse"),
        (f"{SITE}/robots.txt", "parse_sitemap"),
        (f"{SITE}/feed.xml", "parse_feed"),
    ]


SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example.com/sitemap-news.xml</loc></sitemap>
  <sitemap><loc>https://news.example.com/sitemap-2024.xml.gz</loc></sitemap>
</sitemapindex>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example.com/2024/05/01/budget/</loc>
    <news:news><news:publication><news:name>Example</news:name>
      <news:language>en</news:language></news:publication>
      <news:publication_date>2024-05-01T09:30:00+02:00</news:publication_date>
      <news:title>Council passes budget</news:title></news:news></url>
  <url><loc>https://news.example.com/about/</loc><lastmod>2024-01-01</lastmod></url>
</urlset>"""


def test_sitemap_index_requests_child_sitemaps() -> None:
    spider = make_spider(sitemaps=f"{SITE}/sitemap.xml")
    response = XmlResponse(f"{SITE}/sitemap.xml", body=SITEMAP_INDEX)
    requests = list(spider.parse_sitemap(response))
    assert [r.url for r in requests] == [
        f"{SITE}/sitemap-news.xml",
        f"{SITE}/sitemap-2024.xml.gz",
    ]
    assert all(r.callback == spider.parse_sitemap for r in requests)


def test_news_sitemap_carries_publication_date_and_title_as_hints() -> None:
    spider = make_spider(sitemaps=f"{SITE}/sitemap.xml")
    response = XmlResponse(f"{SITE}/sitemap-news.xml", body=NEWS_SITEMAP)
    requests = list(spider.parse_sitemap(response))
    assert [r.url for r in requests] == [f"{SITE}/2024/05/01/budget/", f"{SITE}/about/"]
    assert requests[0].meta[HINTS] == {
        "source": "sitemap",
        "published": "2024-05-01T09:30:00+02:00",
        "title": "Council passes budget",
    }
    assert requests[1].meta[HINTS] == {"source": "sitemap"}
    assert all(r.callback == spider.parse for r in requests)


def test_gzipped_sitemap_is_read() -> None:
    spider = make_spider(sitemaps=f"{SITE}/sitemap.xml")
    url = f"{SITE}/sitemap-2024.xml.gz"
    response = TextResponse(url, body=gzip.compress(NEWS_SITEMAP), request=Request(url))
    assert len(list(spider.parse_sitemap(response))) == 2


def test_robots_txt_sitemap_lines_are_followed() -> None:
    spider = make_spider(sitemaps=SITE)
    body = b"User-agent: *\nDisallow: /private/\nSitemap: https://news.example.com/sitemap.xml\n"
    response = TextResponse(f"{SITE}/robots.txt", body=body)
    assert [r.url for r in spider.parse_sitemap(response)] == [f"{SITE}/sitemap.xml"]


RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example</title>
<item><title>Budget passes</title><link>https://news.example.com/budget/</link>
<pubDate>Wed, 01 May 2024 09:30:00 +0200</pubDate></item>
<item><title>No date</title><link>/relative/</link></item>
<item><title>Mail</title><link>mailto:x@example.com</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>
<entry><title>Atom story</title>
<link rel="self" href="https://news.example.com/feed/1"/>
<link rel="alternate" href="https://news.example.com/atom-story/"/>
<published>2024-05-02T08:00:00Z</published><updated>2024-05-03T08:00:00Z</updated></entry>
</feed>"""


def test_rss_feed_entries_with_hints_and_only_http_links() -> None:
    spider = make_spider(feeds=f"{SITE}/feed.xml")
    response = XmlResponse(f"{SITE}/feed.xml", body=RSS)
    requests = list(spider.parse_feed(response))
    assert [r.url for r in requests] == [f"{SITE}/budget/", f"{SITE}/relative/"]
    assert requests[0].meta[HINTS] == {
        "source": "feed",
        "published": "2024-05-01T09:30:00+02:00",
        "title": "Budget passes",
    }
    assert requests[1].meta[HINTS] == {"source": "feed", "title": "No date"}


def test_atom_feed_uses_alternate_link_and_published_date() -> None:
    (entry,) = parse_feed(ATOM, f"{SITE}/atom.xml")
    assert entry.url == f"{SITE}/atom-story/"
    assert entry.hints == {
        "source": "feed",
        "published": "2024-05-02T08:00:00+00:00",
        "title": "Atom story",
    }


def test_feed_parser_does_not_resolve_entities() -> None:
    evil = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title>
<link>https://news.example.com/a/</link></item></channel></rss>"""
    (entry,) = parse_feed(evil, SITE)
    assert "root:" not in str(entry.hints.get("title"))


def test_not_a_feed_gives_no_entries() -> None:
    assert parse_feed(b"<html><body>hello</body></html>", SITE) == []
    assert parse_feed(b"not xml at all", SITE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01", "2024-05-01"),
        ("2024-05-01T09:30:00Z", "2024-05-01T09:30:00+00:00"),
        ("Wed, 01 May 2024 09:30:00 GMT", "2024-05-01T09:30:00+00:00"),
        ("yesterday", None),
        ("", None),
    ],
)
def test_iso_date(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected


def test_url_file_parsing(tmp_path: Any) -> None:
    path = tmp_path / "urls.txt"
    path.write_text(
        "# start here\nhttps://a.example/one\n\n  https://b.example/two  # inline\n#x\n",
        encoding="utf-8",
    )
    assert read_url_file(path) == ["https://a.example/one", "https://b.example/two"]
    spider = make_spider(url_file=str(path), urls="https://c.example/")
    assert spider.start_urls == [
        "https://c.example/",
        "https://a.example/one",
        "https://b.example/two",
    ]
    assert spider.allowed_domains == ["c.example", "a.example", "b.example"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "nothing to crawl"),
        ({"urls": "ftp://news.example.com/"}, r"not an absolute http\(s\) URL"),
        ({"urls": "news.example.com/page"}, r"not an absolute http\(s\) URL"),
        ({"feeds": "javascript:alert(1)"}, r"not an absolute http\(s\) URL"),
        ({"url_file": "/nonexistent/urls.txt"}, "cannot read URL file"),
    ],
)
def test_bad_arguments_raise_clear_errors(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(SourceError, match=message):
        make_spider(**kwargs)

"""The demo news site: fixture articles plus generated listings, sitemaps, feed and robots.txt."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

from newscrawl.demo.fixtures import Fixture

SITE_NAME = "Demo News"
PAGE_SIZE = 5  # articles per home page
PRIVATE_PATH = "/private/drafts/"  # disallowed by robots.txt, linked from every listing
# Paths the fixtures link to that get a generated listing page (so the crawl meets no 404 there):
# author, section, tag and topic pages in the fixtures' languages, and date archives.
LISTING_PATH = re.compile(
    r"^/(?:(?:authors?|autor|auteur|signataires|section|sections|seccion|rubrique|ressort"
    r"|tags?|topics?|thema|themen|category|categories|categoria|kategorie|archives?)/.+"
    r"|\d{4}/(?:\d{2}/)?)$"
)
HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"

Pages = dict[str, tuple[str, bytes]]


@dataclass
class Topics:
    """The section and tag names of the site, for the navigation bars."""

    sections: list[str]
    tags: list[str]


def slug(name: str) -> str:
    """Return the URL slug of a section or tag name."""
    return re.sub(r"[^\w]+", "-", name.casefold()).strip("-") or "x"


def _listing(title: str, items: Iterable[Fixture], topics: Topics, extra: str = "") -> bytes:
    nav = " · ".join(f'<a href="/section/{slug(s)}/">{escape(s)}</a>' for s in topics.sections)
    tags = " · ".join(f'<a href="/tag/{slug(t)}/">{escape(t)}</a>' for t in topics.tags)
    entries = "\n".join(
        f'<li><a href="{escape(f.url_path)}">{escape(f.title)}</a>'
        + (f' <time datetime="{escape(f.published)}">{escape(f.published)}</time>' if f.published else "")
        + "</li>"
        for f in items
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | {SITE_NAME}</title></head>
<body>
<header><a href="/">{SITE_NAME}</a> <nav>{nav}</nav> <nav class="tags">{tags}</nav></header>
<main><h1>{escape(title)}</h1>
<ul class="articles">
{entries}
</ul>
{extra}
</main>
<footer><a href="{PRIVATE_PATH}">Drafts</a> · <a href="mailto:desk@demo.invalid">Contact</a>
 · <a href="javascript:void(0)">Menu</a> · <a href="ftp://demo.invalid/archive/">Archive</a>
 · <a href="https://example.org/elsewhere/">Elsewhere</a>
 · <a href="/feed.xml">RSS</a> · <a href="/sitemap.xml">Sitemap</a></footer>
</body></html>
""".encode()


def _home_pages(fixtures: list[Fixture], topics: Topics) -> Pages:
    chunks = [fixtures[i : i + PAGE_SIZE] for i in range(0, len(fixtures), PAGE_SIZE)] or [[]]
    pages: Pages = {}
    for n, chunk in enumerate(chunks, start=1):
        path = "/" if n == 1 else f"/page/{n}/"
        links = []
        if n > 1:
            links.append(f'<a rel="prev" href="{"/" if n == 2 else f"/page/{n - 1}/"}">Newer</a>')
        if n < len(chunks):
            links.append(f'<a rel="next" href="/page/{n + 1}/">Older</a>')
        pager = f'<nav class="pagination">{" ".join(links)}</nav>'
        title = "Latest news" if n == 1 else f"Latest news, page {n}"
        pages[path] = (HTML, _listing(title, chunk, topics, pager))
    return pages


def _linked_listing_paths(fixture: Fixture, base_url: str) -> set[str]:
    """Return the listing-like paths on the demo host that a fixture page links to."""
    try:
        root = lxml.html.fromstring(fixture.html)
    except (ValueError, lxml.etree.ParserError):
        return set()
    host = urlsplit(base_url).netloc
    paths = set()
    for href in root.xpath("//a/@href"):
        parts = urlsplit(urljoin(base_url + fixture.url_path, href.strip()))
        path = unquote(parts.path)
        if parts.netloc == host and LISTING_PATH.match(path):
            paths.add(path)
    return paths


def _news_date(fixture: Fixture) -> datetime | None:
    if not fixture.published:
        return None
    try:
        value = datetime.fromisoformat(fixture.published)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _sitemaps(base_url: str, fixtures: list[Fixture], listing_paths: Iterable[str]) -> Pages:
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    index = "".join(
        f"<sitemap><loc>{base_url}/{name}</loc></sitemap>"
        for name in ("sitemap-pages.xml", "sitemap-news.xml")
    )
    pages = "".join(
        f"<url><loc>{escape(base_url + p)}</loc></url>"
        for p in [*listing_paths, *(f.url_path for f in fixtures)]
    )
    news = []
    for f in fixtures:
        date = _news_date(f)
        published = f"<news:publication_date>{date.isoformat()}</news:publication_date>" if date else ""
        news.append(
            f"<url><loc>{escape(base_url + f.url_path)}</loc><news:news><news:publication>"
            f"<news:name>{SITE_NAME}</news:name><news:language>{escape(f.language or 'en')}"
            f"</news:language></news:publication>{published}"
            f"<news:title>{escape(f.title)}</news:title></news:news></url>"
        )
    news_ns = f'{ns} xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return {
        "/sitemap.xml": (XML, f"{head}<sitemapindex {ns}>{index}</sitemapindex>".encode()),
        "/sitemap-pages.xml": (XML, f"{head}<urlset {ns}>{pages}</urlset>".encode()),
        "/sitemap-news.xml": (XML, f"{head}<urlset {news_ns}>{''.join(news)}</urlset>".encode()),
    }


def _feed(base_url: str, fixtures: list[Fixture]) -> bytes:
    items = []
    for f in fixtures:
        date = _news_date(f)
        pub = f"<pubDate>{format_datetime(date)}</pubDate>" if date else ""
        url = escape(base_url + f.url_path)
        items.append(
            f"<item><title>{escape(f.title)}</title><link>{url}</link>"
            f'<guid isPermaLink="true">{url}</guid>{pub}</item>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{SITE_NAME}</title><link>{base_url}/</link><description>Demo feed</description>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def build_site(base_url: str, fixtures: list[Fixture]) -> Pages:
    """Return every page of the demo site served at ``base_url``: ``{path: (type, body)}``."""
    topics = Topics(
        sections=sorted({f.section for f in fixtures if f.section}),
        tags=sorted({t for f in fixtures for t in f.tags}),
    )
    pages: Pages = _home_pages(fixtures, topics)
    listings: dict[str, tuple[str, list[Fixture]]] = {}
    for name in topics.sections:
        items = [f for f in fixtures if f.section == name]
        listings[f"/section/{slug(name)}/"] = (f"Section: {name}", items)
    for name in topics.tags:
        listings[f"/tag/{slug(name)}/"] = (f"Tag: {name}", [f for f in fixtures if name in f.tags])
    linked: dict[str, list[Fixture]] = {}
    for f in fixtures:
        for path in sorted(_linked_listing_paths(f, base_url)):
            linked.setdefault(path, []).append(f)
    for path, items in linked.items():
        title = path.strip("/").replace("/", ": ").replace("-", " ").capitalize()
        listings.setdefault(path, (title, items))
    for path, (title, items) in listings.items():
        pages[path] = (HTML, _listing(title, items, topics))
    in_sitemap = list(pages)  # home, pagination and listings, before the articles
    for f in fixtures:
        pages[f.url_path] = ("text/html", f.html)
    pages[PRIVATE_PATH] = (HTML, b"<!doctype html><title>Drafts</title><p>Not for robots.</p>")
    robots = f"User-agent: *\nDisallow: /private/\n\nSitemap: {base_url}/sitemap.xml\n"
    pages["/robots.txt"] = ("text/plain; charset=utf-8", robots.encode())
    pages["/feed.xml"] = ("application/rss+xml; charset=utf-8", _feed(base_url, fixtures))
    pages.update(_sitemaps(base_url, fixtures, in_sitemap))
    return pages


def listing_paths(pages: Pages, fixtures: list[Fixture]) -> list[str]:
    """Return the HTML paths of ``pages`` that are not fixture articles (home, listings...)."""
    articles = {f.url_path for f in fixtures}
    return [p for p, (ctype, _) in pages.items() if ctype.startswith("text/html") and p not in articles]

"""The demo site (pages, sitemaps, feed, robots.txt, server) and the ``demo`` command."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from newscrawl.demo import serve_demo_site
from newscrawl.demo.fixtures import FIXTURES_DIR, Fixture, load_fixtures
from newscrawl.demo.server import serve_site
from newscrawl.demo.site import LISTING_PATH, PRIVATE_PATH, build_site, listing_paths
from newscrawl.schema import record_errors
from spiders.sources import NewsSitemap, parse_feed, sitemap_hints

ROOT = Path(__file__).resolve().parents[1]
BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def fixtures() -> list[Fixture]:
    return load_fixtures(FIXTURES_DIR)


@pytest.fixture(scope="module")
def pages(fixtures: list[Fixture]) -> dict[str, tuple[str, bytes]]:
    return build_site(BASE, fixtures)


def test_fixtures_are_loaded_with_titles(fixtures: list[Fixture]) -> None:
    assert len(fixtures) >= 16
    assert all(f.url_path.startswith("/") and f.title for f in fixtures)
    assert len({f.url_path for f in fixtures}) == len(fixtures)


def test_every_fixture_is_served_as_is(fixtures: list[Fixture], pages: dict) -> None:
    for f in fixtures:
        assert pages[f.url_path][1] == f.html


def test_robots_txt_disallows_private_and_names_the_sitemap(pages: dict) -> None:
    robots = pages["/robots.txt"][1].decode()
    assert "Disallow: /private/" in robots
    assert f"Sitemap: {BASE}/sitemap.xml" in robots
    assert PRIVATE_PATH in pages and PRIVATE_PATH.startswith("/private/")


def test_sitemap_index_and_news_sitemap(fixtures: list[Fixture], pages: dict) -> None:
    index = NewsSitemap(pages["/sitemap.xml"][1])
    assert index.type == "sitemapindex"
    children = [urlsplit(e["loc"]).path for e in index]
    assert children == ["/sitemap-pages.xml", "/sitemap-news.xml"]
    news = list(NewsSitemap(pages["/sitemap-news.xml"][1]))
    assert [e["loc"] for e in news] == [BASE + f.url_path for f in fixtures]
    hints = [sitemap_hints(e) for e in news]
    assert [h["title"] for h in hints] == [f.title for f in fixtures]
    dated = [f for f in fixtures if f.published]
    assert dated and sum("published" in h for h in hints) == len(dated)


def test_rss_feed_lists_every_article(fixtures: list[Fixture], pages: dict) -> None:
    entries = parse_feed(pages["/feed.xml"][1], BASE)
    assert [e.url for e in entries] == [BASE + f.url_path for f in fixtures]
    assert all(e.hints.get("title") for e in entries)


def test_home_pagination_sections_and_tags(fixtures: list[Fixture], pages: dict) -> None:
    assert "/" in pages and "/page/2/" in pages
    assert any(p.startswith("/section/") for p in pages)
    assert any(p.startswith("/tag/") for p in pages)
    listings = listing_paths(pages, fixtures)
    assert "/" in listings and not {f.url_path for f in fixtures} & set(listings)


def test_generated_pages_link_only_to_served_pages(fixtures: list[Fixture], pages: dict) -> None:
    broken = []
    for path in listing_paths(pages, fixtures):
        root = lxml.html.fromstring(pages[path][1])
        for href in root.xpath("//a/@href"):
            target = urlsplit(urljoin(BASE + path, href))
            if target.scheme == "http" and target.netloc == "127.0.0.1:8000":
                if target.path not in pages:
                    broken.append((path, target.path))
    assert broken == []


def test_listing_links_in_fixtures_get_generated_pages(fixtures: list[Fixture], pages: dict) -> None:
    linked = set()
    for f in fixtures:
        for href in lxml.html.fromstring(f.html).xpath("//a/@href"):
            target = urlsplit(urljoin(BASE + f.url_path, href.strip()))
            if target.netloc == "127.0.0.1:8000" and LISTING_PATH.match(unquote(target.path)):
                linked.add(unquote(target.path))
    assert linked, "the fixtures link to author/section/tag pages"
    assert sorted(linked - set(pages)) == []


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_serve_site_serves_pages_404s_and_logs_requests() -> None:
    pages = {"/": ("text/html", b"<p>home</p>"), "/tag/é/": ("text/html", b"<p>e</p>")}
    with serve_site(pages) as site:
        assert site.base_url.startswith("http://127.0.0.1:")
        assert fetch(site.url("/")) == (200, b"<p>home</p>")
        assert fetch(site.url("/tag/%C3%A9/"))[0] == 200
        assert fetch(site.url("/missing"))[0] == 404
        assert site.requested_paths() == ["/", "/tag/%C3%A9/", "/missing"]


def test_serve_demo_site_serves_the_home_page() -> None:
    with serve_demo_site() as site:
        status, body = fetch(site.url("/"))
    assert status == 200 and b"Latest news" in body


def test_demo_command_writes_records_and_replaces_its_output(fixtures: list[Fixture], tmp_path: Path) -> None:
    out = tmp_path / "demo" / "out.jsonl"
    command = [sys.executable, "-m", "newscrawl", "demo", "-o", str(out)]
    for _ in range(2):  # the second run replaces the file rather than appending
        proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(records) == len(fixtures)
    assert all(record_errors(r) == [] for r in records)
    assert f"records: {out}" in proc.stdout
    assert f"{len(fixtures)}/{len(fixtures)} articles exported, 0/" in proc.stdout

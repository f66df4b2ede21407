"""Sitemaps and feeds with XML external entities, external DTDs and entity expansion bombs.

Entities are never resolved: no local file is read, no entity or DTD URL is fetched, and a
billion-laughs document is parsed at once without expanding anything (libxml2 stops a feed at the
bomb with "maximum entity amplification factor exceeded"; the entries before it are kept).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from spiders.sources import NewsSitemap, parse_feed
from tests.fault_site import serve_faults

SECRET = "TOP-SECRET-LOCAL-FILE-CONTENT"
LAUGHS = '<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10)
)


def dtd(secret: Path, base: str) -> str:
    return (
        f'<!ENTITY local SYSTEM "file://{secret}"><!ENTITY remote SYSTEM "{base}/entity">'
        f'<!ENTITY % param SYSTEM "{base}/param"> %param;{LAUGHS}'
    )


def sitemap(secret: Path, base: str) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE urlset [{dtd(secret, base)}]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}/a/&local;</loc></url><url><loc>&remote;</loc></url>"
        f"<url><loc>{base}/b/&lol9;</loc></url><url><loc>{base}/ok/</loc></url></urlset>"
    ).encode()


def feed(secret: Path, base: str) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{dtd(secret, base)}]><rss version="2.0"><channel>'
        f"<item><title>&local; &remote;</title><link>{base}/ok/</link></item>"
        f"<item><title>&lol9;</title><link>&local;</link></item></channel></rss>"
    ).encode()


def external_dtd(base: str) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE urlset SYSTEM "{base}/external.dtd">'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}/ok/</loc></url></urlset>'
    ).encode()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_sitemap_entities_are_not_resolved(secret: Path) -> None:
    with serve_faults() as site:
        started = time.perf_counter()
        entries = list(NewsSitemap(sitemap(secret, site.base_url)))
        entries += list(NewsSitemap(external_dtd(site.base_url)))
        assert time.perf_counter() - started < 1
        assert site.requests == []
    text = repr(entries)
    assert SECRET not in text and "lollol" not in text
    assert {"loc": f"{site.base_url}/ok/"} in entries


def test_feed_entities_are_not_resolved(secret: Path) -> None:
    with serve_faults() as site:
        started = time.perf_counter()
        entries = parse_feed(feed(secret, site.base_url), site.base_url + "/feed.xml")
        assert time.perf_counter() - started < 1
        assert site.requests == []
    text = repr(entries)
    assert SECRET not in text and "lollol" not in text
    assert [e.url for e in entries] == [f"{site.base_url}/ok/"]

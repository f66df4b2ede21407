"""Where crawls start: URL arguments, URL files, RSS/Atom feeds and (news) sitemaps.

Pure helpers, no network: the ``news`` spider and the CLI both use them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
from scrapy.utils.sitemap import Sitemap

WEB_SCHEMES = ("http", "https")


class SourceError(ValueError):
    """A crawl source (URL, file, argument) is missing or invalid."""


@dataclass
class Entry:
    """A page URL listed by a feed or sitemap, with what the listing says about it."""

    url: str
    hints: dict[str, Any] = field(default_factory=dict)


def split_urls(value: str | Iterable[str] | None) -> list[str]:
    """Return the URLs of a comma-separated string (or list), blanks removed."""
    if not value:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip() for p in parts if p and p.strip()]


def check_url(url: str) -> str:
    """Return ``url`` if it is an absolute http(s) URL with a host, else raise SourceError."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        raise SourceError(f"not an absolute http(s) URL: {url!r}")
    return url


def read_url_file(path: str | Path) -> list[str]:
    """Return the URLs in a file: one per line, blank lines and ``#`` comments ignored."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceError(f"cannot read URL file {str(path)!r}: {exc.strerror}") from exc
    urls = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    return [u for u in urls if u]


def sitemap_start_url(url: str) -> str:
    """Return the URL to fetch for a ``sitemaps`` argument: a bare site root means robots.txt."""
    if urlsplit(url).path in ("", "/"):
        return urljoin(url, "/robots.txt")
    return url


# --- dates -----------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_date(text: str | None) -> str | None:
    """Return a W3C/ISO or RFC 822 date as ISO 8601 (``YYYY-MM-DD[THH:MM:SS±HH:MM]``), or None."""
    text = (text or "").strip()
    if not text:
        return None
    if _ISO_DATE.match(text):
        return text
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed.isoformat(timespec="seconds")


# --- sitemaps --------------------------------------------------------------------------------


class NewsSitemap(Sitemap):
    """Scrapy's sitemap parser, also keeping Google News ``news:publication_date``/``news:title``.

    Scrapy keeps only the direct children of ``<url>``; the news fields are nested in
    ``<news:news>``, so they are read here before the element is handed to the parent class.
    """

    def _process_sitemap_element(self, elem: lxml.etree._Element) -> dict[str, Any] | None:
        news: dict[str, str] = {}
        for el in elem.iter():
            name = self._get_tag_name(el)
            if name in ("publication_date", "title") and el.getparent() is not elem:
                news[name] = (el.text or "").strip()
        entry = super()._process_sitemap_element(elem)
        if entry is not None and news:
            entry["news"] = news
        return entry


def sitemap_hints(entry: dict[str, Any]) -> dict[str, Any]:
    """Return the hints a sitemap ``<url>`` entry gives: news publication date and title."""
    news = entry.get("news") or {}
    hints: dict[str, Any] = {"source": "sitemap"}
    if published := iso_date(news.get("publication_date")):
        hints["published"] = published
    if news.get("title"):
        hints["title"] = news["title"]
    return hints


# --- feeds -----------------------------------------------------------------------------------

_ATOM = "{http://www.w3.org/2005/Atom}"
_SAFE_XML = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _child_text(item: lxml.etree._Element, *names: str) -> str | None:
    for name in names:
        for child in item:
            if _local(child.tag) == name and (child.text or "").strip():
                return child.text.strip()
    return None


def _atom_link(entry: lxml.etree._Element) -> str | None:
    for link in entry.iter(f"{_ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def parse_feed(body: bytes, base_url: str) -> list[Entry]:
    """Return the entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed; [] when it is not a feed.

    Parsed with lxml without entity resolution, DTD loading or network access.
    """
    try:
        root = lxml.etree.fromstring(body, parser=lxml.etree.XMLParser(**_SAFE_XML))
    except lxml.etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    entries = []
    for item in root.iter():
        kind = _local(item.tag)
        if kind == "item":  # RSS 2.0 and RSS 1.0
            link = _child_text(item, "link") or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
            published = _child_text(item, "pubDate", "date")
        elif kind == "entry" and item.tag == f"{_ATOM}entry":
            link = _atom_link(item)
            published = _child_text(item, "published")
        else:
            continue
        if not link:
            continue
        hints: dict[str, Any] = {"source": "feed"}
        if date := iso_date(published):
            hints["published"] = date
        if title := _child_text(item, "title"):
            hints["title"] = title
        entries.append(Entry(urljoin(base_url, link), hints))
    return entries


def web_entries(entries: Iterable[Entry]) -> Iterator[Entry]:
    """Yield the entries whose URL is http(s)."""
    for entry in entries:
        if urlsplit(entry.url).scheme.lower() in WEB_SCHEMES:
            yield entry

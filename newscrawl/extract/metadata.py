"""Metadata fields: description, site name, language, URLs, section, tags, image (and the text
helpers the title and author modules share).

Each function takes the parsed Page and returns one field; what the page states
(JSON-LD, Open Graph, <meta>) comes before DOM heuristics.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urljoin

from newscrawl.extract.page import Page

_WS = re.compile(r"\s+")
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u2060\ufeff")  # soft hyphen, zero widths


def _clean(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    text = _WS.sub(" ", text.translate(_INVISIBLE)).strip()
    return text or None


def _key(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        if _key(name) not in seen:
            seen.add(_key(name))
            out.append(name)
    return out


def _ld_text(value: Any) -> str | None:
    """A JSON-LD value as text: a string, the first string of a list, or an object's name."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    return _clean(value)


def extract_site_name(page: Page) -> str | None:
    """Publisher name from og:site_name, JSON-LD publisher or application-name."""
    return (
        page.meta_first("og:site_name", "application-name", "twitter:site:name")
        or _ld_text(page.article_ld.get("publisher"))
        or None
    )


def extract_language(page: Page) -> str | None:
    """Primary language subtag, lower-case ("de" for "de-DE"), as the page declares it."""
    candidates = [
        page.tree.get("lang"),
        page.tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        page.meta_first("content-language", "og:locale", "language", "dc.language"),
        _ld_text(page.article_ld.get("inLanguage")),
    ]
    for value in candidates:
        match = _LANG.match((value or "").strip().split(",")[0])
        if match:
            return match.group(1).lower()
    return None


def _absolute(page: Page, href: str | None) -> str | None:
    href = _clean(href)
    if not href:
        return None
    return urljoin(page.url, href) if page.url else href


def extract_canonical_url(page: Page) -> str | None:
    """rel=canonical, else og:url, else the page URL; absolute."""
    for link in page.tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return _absolute(page, link.get("href"))
    return _absolute(page, page.meta_first("og:url")) or page.url


def extract_description(page: Page) -> str | None:
    """og:description, meta description, twitter:description or JSON-LD description."""
    return _clean(
        page.meta_first("og:description", "description", "twitter:description")
        or page.article_ld.get("description")
    )


def extract_section(page: Page) -> str | None:
    """article:section or JSON-LD articleSection."""
    return page.meta_first("article:section") or _ld_text(page.article_ld.get("articleSection"))


def extract_tags(page: Page) -> list[str]:
    """article:tag metas, else news_keywords/keywords metas, else JSON-LD keywords; de-duplicated."""
    tags = [t for t in page.meta.get("article:tag", []) if t.strip()]
    if not tags:
        raw = page.meta_first("news_keywords", "keywords")
        ld = page.article_ld.get("keywords")
        if raw:
            tags = raw.split(",")
        elif isinstance(ld, list):
            tags = [t for t in ld if isinstance(t, str)]
        elif isinstance(ld, str):
            tags = ld.split(",")
    return _dedupe([t for t in (_clean(t) for t in tags) if t])


def extract_image(page: Page) -> str | None:
    """Lead image: og:image, twitter:image or JSON-LD image; absolute."""
    value = page.meta_first("og:image", "og:image:url", "twitter:image", "twitter:image:src")
    if not value:
        image = page.article_ld.get("image")
        if isinstance(image, list):
            image = image[0] if image else None
        value = image.get("url") if isinstance(image, dict) else image
    return _absolute(page, value if isinstance(value, str) else None)

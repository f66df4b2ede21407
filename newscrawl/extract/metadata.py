"""Metadata fields: title, authors, description, site name, language, URLs, section, tags, image.

Each function takes the parsed Page and returns one field; what the page states
(JSON-LD, Open Graph, <meta>) comes before DOM heuristics.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urljoin

from newscrawl.extract.page import Page, ld_types
from newscrawl.extract.patterns import (
    AGENCY_NAME_RE,
    AUTHOR_META_KEYS,
    AUTHOR_NOISE_RE,
    AUTHOR_SPLIT_RE,
    AUTHOR_SUFFIX_RE,
    AUTHOR_TRAILING_DATE_RE,
    BYLINE_PREFIX_RE,
    BYLINE_XPATH,
    EMAIL_RE,
    TITLE_SEPARATORS_RE,
    WRITTEN_BY_LABELS,
)

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


def _ld_text(value: Any) -> str | None:
    """A JSON-LD value as text: a string, the first string of a list, or an object's name."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    return _clean(value)


def _h1_texts(page: Page) -> list[str]:
    out = []
    for h1 in page.tree.iter("h1"):
        text = _clean(h1.text_content())
        if text:
            out.append(text)
    return out


def _strip_site_suffix(title: str, site_name: str | None, h1s: list[str]) -> str:
    """Drop " | Site" / "Site - " parts from a <title> or og:title."""
    parts = [p for p in TITLE_SEPARATORS_RE.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    for h1 in h1s:  # the headline as printed on the page decides
        if any(_key(p) == _key(h1) for p in parts):
            return h1
    site = _key(site_name) if site_name else None
    kept = [p for p in parts if site is None or _key(p) not in site and site not in _key(p)]
    if site and kept and len(kept) < len(parts):
        return " - ".join(kept) if len(kept) > 1 else kept[0]
    return max(parts, key=len)  # the longest part is the headline far more often than not


def _site_like(h1: str, site_name: str | None, doc_title: str | None) -> bool:
    """True when an h1 is the site's or blog's name rather than a headline: it equals
    og:site_name, or the last part of a "Headline | Blog name" <title>."""
    if site_name and _key(h1) == _key(site_name):
        return True
    parts = [p for p in TITLE_SEPARATORS_RE.split(doc_title or "") if p.strip()]
    return len(parts) >= 2 and _key(h1) == _key(parts[-1])


def extract_title(page: Page, site_name: str | None) -> str | None:
    """The headline as printed (the h1) when the page's stated titles agree with it; else the
    stated title (JSON-LD headline, og:title) without the site name; else <title>."""
    title_el = page.tree.find(".//title")
    doc_title = _clean(title_el.text_content()) if title_el is not None else None
    stated = [
        s
        for s in (
            _ld_text(page.article_ld.get("headline")),
            page.meta_first("og:title", "twitter:title", "dc.title", "headline"),
        )
        if s and not (site_name and _key(s) == _key(site_name))
    ]
    all_h1s = _h1_texts(page)
    h1s = [h for h in all_h1s if not _site_like(h, site_name, doc_title)]
    known = [*stated, doc_title]
    matching = [h1 for h1 in h1s if any(s and _key(h1) in _key(s) for s in known)]
    if matching:  # the stated title holds the printed headline (plus a kicker or site name)
        return max(matching, key=len)
    for h1 in h1s:  # the h1 prints a kicker before the stated headline: "Premier League Rückschlag…"
        for candidate in stated:
            clean = _strip_site_suffix(candidate, site_name, all_h1s)
            if len(clean) >= 20 and _key(clean) in _key(h1):
                return clean
    if len(h1s) == 1:
        return h1s[0]
    for candidate in stated:
        return _strip_site_suffix(candidate, site_name, all_h1s)
    if doc_title:
        return _strip_site_suffix(doc_title, site_name, all_h1s)
    return all_h1s[0] if all_h1s else None


def _drop_trailing_agency(name: str) -> str:
    """ "Helen Marsh Reuters" -> "Helen Marsh": an agency credit printed after the name."""
    words = name.split()
    if len(words) > 2 and AGENCY_NAME_RE.match(words[-1]):
        return " ".join(words[:-1])
    return name


_PARENTHESES = re.compile(r"\s*\([^)]*\)?")


def _split_names(raw: str) -> list[str]:
    """A byline or author string -> the names in it, without prefixes, roles and emails."""
    raw = _PARENTHESES.sub("", EMAIL_RE.sub("", _WS.sub(" ", raw)))
    raw = BYLINE_PREFIX_RE.sub("", raw)
    names = []
    for part in AUTHOR_SPLIT_RE.split(raw):
        name = AUTHOR_SUFFIX_RE.sub("", part or "").strip(" .,:;-–—|()·•")
        name = BYLINE_PREFIX_RE.sub("", name).strip(" ·•")
        name = AUTHOR_TRAILING_DATE_RE.sub("", name).strip(" .,:;-–—|·•")
        name = _drop_trailing_agency(name)
        if not name or AUTHOR_NOISE_RE.match(name) or len(name) > 60 or "://" in name:
            continue
        if any(c.isdigit() for c in name) or len(name.split()) > 5 or len(name) < 2:
            continue
        names.append(name)
    return names


class _Credits:
    """Names collected from one source, sorted into people and organisations."""

    def __init__(self, site_name: str | None) -> None:
        self.people: list[str] = []
        self.orgs: list[str] = []
        self._site = _key(site_name) if site_name else None

    def add(self, name: str, is_org: bool = False) -> None:
        key = _key(name)
        if is_org or AGENCY_NAME_RE.match(name) or key == self._site or "." in key.split()[-1]:
            self.orgs.append(name)
        else:
            self.people.append(name)

    def add_text(self, raw: str) -> None:
        for name in _split_names(raw):
            self.add(name)


def _from_ld(value: Any, credits: _Credits) -> None:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            credits.add_text(item)
        elif isinstance(item, dict):
            name = _clean(item.get("name"))
            if not name:
                continue
            if "Organization" in ld_types(item) or "NewsMediaOrganization" in ld_types(item):
                credits.add(name, is_org=True)
            else:
                credits.add_text(name)


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        if _key(name) not in seen:
            seen.add(_key(name))
            out.append(name)
    return out


def _from_meta(page: Page, credits: _Credits) -> None:
    for key in AUTHOR_META_KEYS:
        for value in page.meta.get(key, ()):
            if value.strip() and "://" not in value:
                credits.add_text(value)
    for n in ("1", "2"):  # Yoast's Twitter card: label "Written by", data "Jane Doe"
        label = (page.meta_first(f"twitter:label{n}") or "").casefold()
        if label in WRITTEN_BY_LABELS:
            credits.add_text(page.meta_first(f"twitter:data{n}") or "")


def _from_byline(page: Page, credits: _Credits) -> None:
    for el in page.tree.xpath(BYLINE_XPATH)[:8]:
        text = _clean(el.text_content())
        if text and len(text) < 100:
            credits.add_text(text)
        if credits.people:
            return


def extract_authors(page: Page, site_name: str | None = None) -> list[str]:
    """People credited as authors; organisations only when no person is credited."""
    orgs: list[str] = []
    for source in (_from_ld, _from_meta, _from_byline):
        credits = _Credits(site_name)
        if source is _from_ld:
            _from_ld(page.ld_resolve(page.article_ld.get("author")), credits)
        else:
            source(page, credits)  # type: ignore[operator]
        if credits.people:
            return _dedupe(credits.people)
        orgs.extend(credits.orgs)
    return _dedupe(orgs)


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

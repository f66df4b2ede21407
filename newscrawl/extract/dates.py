"""Publication and modification dates, normalised to ISO 8601.

Order of trust: JSON-LD, <meta>, microdata/<time> in the article, the URL, visible text
near the headline. Never the crawl date; a date without a day is no date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from itertools import islice
from typing import Any

import dateparser

from newscrawl.extract.page import Page
from newscrawl.extract.patterns import (
    DATE_CLASS_TOKENS,
    FOREIGN_DATE_TOKENS,
    MODIFIED_META_KEYS,
    PUBLISHED_META_KEYS,
    URL_DATE_RE,
    VISIBLE_DATE_RE,
    WEAK_PUBLISHED_META_KEYS,
)

log = logging.getLogger(__name__)

_ISO = re.compile(
    r"(?P<date>(?:19|20)\d{2}-[01]\d-[0-3]\d)"
    r"(?:[T ](?P<hm>[0-2]\d:[0-5]\d)(?P<sec>:[0-5]\d)?(?:[.,]\d+)?\s*"
    r"(?P<tz>Z|[+-][01]\d:?[0-5]\d|UTC|GMT)?)?"
)
# 09.02.2021 / 9. 2. 2021 [, 14:35]: dotted numeric dates are day-first in every language that
# prints them; dateparser would read them month-first on pages without a declared language.
_DOTTED = re.compile(
    r"(?<!\d)(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d{2})"
    r"(?:\D{1,6}(?P<hm>[0-2]?\d[:.][0-5]\d))?"
)
# A four-digit year: what dateparser reads must carry it, so relative dates ("2 hours ago",
# "vor 2 Stunden"), which it would turn into today's date, never become a publication date.
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_HAS_TIME = re.compile(r"\b[0-2]?\d[:h.][0-5]\d\b")
_DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],  # never fill a missing day from today
    "PREFER_DATES_FROM": "past",
    "STRICT_PARSING": False,
}
_TIME_XPATH = (
    ".//time[@datetime or @pubdate] | .//*[@itemprop='datePublished' or @itemprop='dateCreated']"
    " | .//*[@title][contains(concat(' ', @class, ' '), ' published ')]"  # hAtom (Blogger)
)
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_MAX_YEAR = datetime.now().year + 1


def _tz(value: str | None) -> str:
    if not value:
        return ""
    if value in ("Z", "UTC", "GMT"):
        return "+00:00"
    value = value.replace(":", "")
    return f"{value[:3]}:{value[3:]}"


def _valid_year(iso: str) -> bool:
    return 1990 <= int(iso[:4]) <= _MAX_YEAR


def normalise_date(value: Any, languages: list[str] | None = None) -> str | None:
    """ISO 8601 text for a date string: ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS[+HH:MM]``."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    match = _ISO.search(value)
    if match:
        out = match["date"]
        try:
            datetime.strptime(out, "%Y-%m-%d")
        except ValueError:
            return None
        if match["hm"]:
            out += f"T{match['hm']}{match['sec'] or ':00'}{_tz(match['tz'])}"
        return out if _valid_year(out) else None
    if len(value) > 80 or not _YEAR.search(value):
        return None  # no four-digit year: "vor 2 Stunden", "Jun 17", "12.10.20" are not dates
    dotted = _DOTTED.search(value)
    if dotted:
        return _from_dotted(dotted)
    try:
        parsed = dateparser.parse(value, languages=languages, settings=_DATEPARSER_SETTINGS)
    except Exception as exc:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r: %s", value, exc)
        return None
    if parsed is None or str(parsed.year) not in value:
        return None  # the year must be the one printed, not one dateparser inferred
    if _HAS_TIME.search(value):
        out = parsed.isoformat(timespec="seconds")
    else:
        out = parsed.date().isoformat()
    return out if _valid_year(out) else None


def _from_dotted(match: re.Match[str]) -> str | None:
    try:
        day = datetime(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    out = day.date().isoformat()
    if match["hm"]:
        hour, minute = re.split(r"[:.]", match["hm"])
        if int(hour) < 24:
            out += f"T{int(hour):02d}:{minute}:00"
    return out if _valid_year(out) else None


# hAtom/microformats classes of the post: an entry, or the feed that holds the one entry of a
# single-post page (Blogger wraps its posts in "hfeed" inside a "widget Blog" box).
_ENTRY_CLASSES = frozenset({"hentry", "h-entry", "hfeed"})


def _is_entry(el: Any) -> bool:
    """An element marked up as the article: hAtom ``hentry``/``hfeed`` or an Article itemtype."""
    names = (el.get("class") or "").split()
    return bool(_ENTRY_CLASSES.intersection(names)) or "Article" in (el.get("itemtype") or "")


def _in_foreign_container(el: Any) -> bool:
    """True inside page chrome (a header/nav/footer/aside outside the article, unless it holds
    the headline) or a box of other content (comments, related teasers, sidebars), whose
    dates are not the article's."""
    chrome = aside = False
    for ancestor in el.iterancestors():
        tag = ancestor.tag
        if tag == "article" or _is_entry(ancestor) or (tag == "main" and not aside):
            return False  # a header/footer/aside inside the article is part of it
        if tag == "nav":
            return True
        if tag == "aside":
            chrome = aside = True  # the article's meta box inside <article>, else a sidebar
        if tag in ("header", "footer") and ancestor.find(".//h1") is None:
            chrome = True
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        if set(_TOKEN_SPLIT.split(names)) & FOREIGN_DATE_TOKENS:
            return True
    return chrome


def _from_dom(page: Page, languages: list[str] | None) -> Iterator[str]:
    """Dates of ``<time>``/microdata elements of the article, in document order."""
    for el in page.tree.xpath(_TIME_XPATH):
        if _in_foreign_container(el):
            continue
        raw = el.get("datetime") or el.get("content") or el.get("title") or el.text_content()
        found = normalise_date(raw, languages)
        if found:
            yield found


def _from_url(url: str | None) -> str | None:
    match = URL_DATE_RE.search(url or "")
    if not match:
        return None
    y, m, d = (match["y"], match["m"], match["d"]) if match["y"] else (
        match["y2"], match["m2"], match["d2"])  # fmt: skip
    return normalise_date(f"{y}-{int(m):02d}-{int(d):02d}")


_NEAR_HEADLINE_CHARS = 3000


def _visible_date(text: str, languages: list[str] | None) -> str | None:
    match = VISIBLE_DATE_RE.search(text)
    return normalise_date(match.group(0), languages) if match else None


def _from_text(page: Page, languages: list[str] | None) -> str | None:
    """A date printed in a date/byline element, or right around the headline."""
    body = page.tree.find("body")
    if body is None:
        return None
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        tokens = set(_TOKEN_SPLIT.split(f"{el.get('class') or ''} {el.get('id') or ''}".lower()))
        if tokens & DATE_CLASS_TOKENS and not _in_foreign_container(el):
            text = el.text_content()
            if len(text) < 300:
                found = _visible_date(text, languages)
                if found:
                    return found
    for h1 in body.iter("h1"):
        area = h1.getparent()
        for _ in range(2):
            if area is not None and area.getparent() is not None and area.getparent() is not body:
                area = area.getparent()
        if area is not None and not _in_foreign_container(h1):
            found = _visible_date(area.text_content()[:_NEAR_HEADLINE_CHARS], languages)
            if found:
                return found
    return None


def _structured(page: Page, languages: list[str] | None) -> Iterator[str]:
    """Publication dates the page states in markup, most trusted first: the article's JSON-LD,
    <meta>, other JSON-LD objects (WebPage), <time>/microdata in the article, then the
    unqualified <meta name=date> keys."""
    ld = page.article_ld
    values: list[Any] = [ld.get("datePublished"), ld.get("dateCreated")]
    values += [page.meta_first(key) for key in PUBLISHED_META_KEYS]
    values += [obj.get("datePublished") for obj in page.jsonld]
    for value in values:
        found = normalise_date(value, languages)
        if found:
            yield found
    yield from _from_dom(page, languages)
    for key in WEAK_PUBLISHED_META_KEYS:
        found = normalise_date(page.meta_first(key), languages)
        if found:
            yield found


_MAX_OFFSET = timedelta(hours=14)  # the widest UTC offset in use (UTC+14, Kiribati)


def _local_form(utc: str, other: str) -> str | None:
    """``other`` as a date-time with offset when it is the same instant as the UTC value
    ``utc`` printed in local time (with its own offset, or naive but a whole quarter-hour
    offset away), else None."""
    if len(other) < 16:
        return None
    base, cand = datetime.fromisoformat(utc), datetime.fromisoformat(other)
    if cand.tzinfo is not None:
        same = cand.utcoffset() and abs(cand - base) < timedelta(minutes=1)
        return other if same else None
    delta = cand - base.replace(tzinfo=None)
    minutes = round(delta.total_seconds() / 60)
    if (
        not delta
        or abs(delta) > _MAX_OFFSET
        or minutes % 15
        or abs(delta.total_seconds() - minutes * 60) >= 60
    ):
        return None
    return cand.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat(timespec="seconds")


def _localise(found: str, candidates: Iterator[str]) -> str:
    """A UTC time-stamp hides the publisher's calendar day (23:30 in Denver is 05:30Z the next
    day): when the page also prints the same instant in local time, return that form."""
    if not found.endswith("+00:00"):
        return found
    for other in islice(candidates, 30):
        local = _local_form(found, other)
        if local:
            return local
    return found


def extract_published(page: Page, languages: list[str] | None = None) -> str | None:
    """The article's publication date-time, ISO 8601, or None."""
    candidates = _structured(page, languages)
    found = next(candidates, None)
    if found:
        return _localise(found, candidates)
    return _from_url(page.url) or _from_text(page, languages)


def extract_modified(page: Page, languages: list[str] | None = None) -> str | None:
    """The article's last modification date-time, ISO 8601, or None."""
    found = normalise_date(page.article_ld.get("dateModified"), languages)
    if found:
        return found
    for key in MODIFIED_META_KEYS:
        found = normalise_date(page.meta_first(key), languages)
        if found:
            return found
    for el in page.tree.xpath(".//*[@itemprop='dateModified']"):
        found = normalise_date(el.get("datetime") or el.get("content") or el.text_content())
        if found:
            return found
    return None

"""Publication and modification dates, normalised to ISO 8601.

Order of trust: JSON-LD, <meta>, microdata/<time> in the article, the URL, visible text
near the headline. Never the crawl date; a date without a day is no date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from itertools import chain, islice
from typing import Any

import dateparser
from lxml import etree

from newscrawl.extract.page import Page, class_id_tokens
from newscrawl.extract.patterns import (
    ARTICLE_LD_TYPES,
    DATE_CLASS_TOKENS,
    FOREIGN_DATE_TOKENS,
    LAYOUT_DATE_TOKENS,
    MODIFIED_META_KEYS,
    MORE_DATE_CLASS_TOKENS,
    PRINTED_DATE_RE,
    PUBLISHED_LABEL_RE,
    PUBLISHED_LABEL_WORDS,
    PUBLISHED_META_KEYS,
    SHORT_YEAR_DATE_RE,
    UPDATED_LABEL_RE,
    URL_DATE_RE,
    URL_DAY_FIRST_DATE_RE,
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
# 2023.11.02. 오후 8:06 / 2020/07/03 / 2020年7月3日 / 2019년 6월 24일: year-first numeric dates are
# year-month-day wherever they are printed.
_YMD = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s?(?:[./年]|년)\s?(?P<m>[01]?\d)\s?(?:[./月]|월)\s?"
    r"(?P<d>[0-3]?\d)(?!\d)(?:\D{1,8}(?P<hm>[0-2]?\d:[0-5]\d))?"
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
_PM = re.compile(r"오후|午後|下午|\d\s?[pP]\.?[mM]\b")  # afternoon markers of a 12-hour clock
_TIME_XPATH = (
    ".//time[@datetime or @pubdate] | .//*[@itemprop='datePublished' or @itemprop='dateCreated']"
    " | .//*[@title][contains(concat(' ', @class, ' '), ' published ')]"  # hAtom (Blogger)
)
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
    return _normalise(value.strip(), tuple(languages) if languages else None)


@lru_cache(maxsize=4096)
def _normalise(value: str, language_tuple: tuple[str, ...] | None) -> str | None:
    # Cached: published and modified read the same candidates, and dateparser costs
    # milliseconds a call.
    languages = list(language_tuple) if language_tuple else None
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
    dotted = _DOTTED.search(value) or _YMD.search(value)
    if dotted:
        return _from_dotted(dotted)
    parsed = _dateparse(value, languages or _FALLBACK_LANGUAGES)
    if parsed is None and languages and languages != _FALLBACK_LANGUAGES:
        # declared languages are often wrong ("fr" page in English); trying a handful of
        # common languages is far cheaper than letting dateparser test all of its locales
        parsed = _dateparse(value, _FALLBACK_LANGUAGES)
    if parsed is None or str(parsed.year) not in value:
        return None  # the year must be the one printed, not one dateparser inferred
    if _HAS_TIME.search(value):
        out = parsed.isoformat(timespec="seconds")
    else:
        out = parsed.date().isoformat()
    return out if _valid_year(out) else None


_FALLBACK_LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "pl"]


def _dateparse(value: str, languages: list[str] | None) -> datetime | None:
    try:
        return dateparser.parse(value, languages=languages, settings=_DATEPARSER_SETTINGS)
    except Exception as exc:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r: %s", value, exc)
        return None


def _from_dotted(match: re.Match[str]) -> str | None:
    try:
        day = datetime(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    out = day.date().isoformat()
    if match["hm"]:
        hour, minute = (int(x) for x in re.split(r"[:.]", match["hm"]))
        if hour < 12 and _PM.search(match.string):
            hour += 12
        if hour < 24:
            out += f"T{hour:02d}:{minute:02d}:00"
    return out if _valid_year(out) else None


# hAtom/microformats classes of the post: an entry, or the feed that holds the one entry of a
# single-post page (Blogger wraps its posts in "hfeed" inside a "widget Blog" box).
_ENTRY_CLASSES = frozenset({"hentry", "h-entry", "hfeed"})


def _is_entry(el: Any) -> bool:
    """An element marked up as the article: hAtom ``hentry``/``hfeed`` or an article itemtype
    (``schema.org/NewsArticle``, ``BlogPosting``, ...)."""
    names = (el.get("class") or "").split()
    if _ENTRY_CLASSES.intersection(names):
        return True
    itemtype = (el.get("itemtype") or "").rstrip("/")
    return bool(itemtype) and itemtype.rsplit("/", 1)[-1] in ARTICLE_LD_TYPES


def _in_foreign_container(el: Any, headline_box: frozenset[Any] = frozenset()) -> bool:
    """True inside page chrome (a header/nav/footer/aside outside the article, unless it holds
    the headline), a quoted post (<blockquote>: embedded tweets) or a box of other content
    (comments, related teasers, sidebars), whose dates are not the article's.

    ``headline_box`` holds the headline and its ancestors: a box that holds the headline is
    the article or its header, whatever its class says ("topbar", "teaser", "right-sidebar").
    Layout tokens ("sidebar", "widget") mark a foreign box only outside the article element.
    """
    chrome = aside = layout = False
    for ancestor in el.iterancestors():
        tag = ancestor.tag
        if tag == "article" or _is_entry(ancestor) or (tag == "main" and not aside and not layout):
            return False  # a header/footer/aside inside the article is part of it
        if tag in ("nav", "blockquote"):
            return True
        if tag == "aside":
            chrome = aside = True  # the article's meta box inside <article>, else a sidebar
        if tag in ("header", "footer") and ancestor.find(".//h1") is None:
            chrome = True
        if ancestor in headline_box:
            continue
        tokens = class_id_tokens(ancestor) & FOREIGN_DATE_TOKENS
        if tokens - LAYOUT_DATE_TOKENS:
            return True
        if tokens:
            layout = True
    return chrome or layout


def _from_dom(page: Page, languages: list[str] | None, box: frozenset[Any]) -> Iterator[str]:
    """Dates of ``<time>``/microdata elements of the article, in document order."""
    for el in page.tree.xpath(_TIME_XPATH):
        if _in_foreign_container(el, box):
            continue
        raw = el.get("datetime") or el.get("content") or el.get("title") or el.text_content()
        found = normalise_date(raw, languages)
        if found:
            yield found


def _from_url(url: str | None) -> str | None:
    match = URL_DATE_RE.search(url or "")
    if not match:
        day_first = URL_DAY_FIRST_DATE_RE.search(url or "")
        if day_first:
            return normalise_date(f"{day_first['y']}-{int(day_first['m']):02d}-{int(day_first['d']):02d}")
        return None
    y, m, d = (match["y"], match["m"], match["d"]) if match["y"] else (
        match["y2"], match["m2"], match["d2"])  # fmt: skip
    return normalise_date(f"{y}-{int(m):02d}-{int(d):02d}")


_NEAR_HEADLINE_CHARS = 3000


def _text(el: Any) -> str:
    """An element's text with its descendants' texts kept apart by a space ("Kultur, 2.11.22"
    in one span and the headline in the next must not run together)."""
    return " ".join(el.itertext())


def _text_head(el: Any, limit: int) -> str:
    """The start of ``_text(el)``: about ``limit`` characters (the text nodes up to them)."""
    parts: list[str] = []
    size = 0
    for part in el.itertext():
        parts.append(part)
        size += len(part)
        if size >= limit:
            break
    return " ".join(parts)


_OWN_TEXT = etree.XPath(".//text()[not(ancestor::a or ancestor::script or ancestor::style)]")


def _text_outside_links(el: Any) -> str:
    """``_text`` without the texts of links (teasers of other stories) and scripts."""
    return " ".join(_OWN_TEXT(el))


_LABEL_CHARS = 40  # how far before a date its label ("Erschienen am:", "Updated") may start
_MAX_PRINTED = 12  # dates looked at per text


def _short_year(text: str) -> str | None:
    """A day-first date with a two-digit year ("2.11.22" -> 2022-11-02), or None."""
    match = SHORT_YEAR_DATE_RE.search(text)
    if not match:
        return None
    year = int(match["y"])
    year += 2000 if year <= _MAX_YEAR % 100 else 1900
    return normalise_date(f"{year}-{int(match['m']):02d}-{int(match['d']):02d}")


def _printed_date(
    text: str, languages: list[str] | None, short_year: bool = False
) -> tuple[str | None, bool]:
    """The date printed in ``text`` and whether it is labelled as the last edit: one labelled
    as the publication ("Erschienen am:") first, else the first one not labelled as the last
    edit ("Aktualisiert:"), else that edit's date; with ``short_year``, a "2.11.22" date when
    no date with a four-digit year is printed."""
    plain = None
    updated = None
    for match in islice(PRINTED_DATE_RE.finditer(text), _MAX_PRINTED):
        before = text[max(0, match.start() - _LABEL_CHARS) : match.start()]
        if PUBLISHED_LABEL_RE.search(before):
            found = normalise_date(match.group(0), languages)
            if found:
                return found, False
        elif UPDATED_LABEL_RE.search(before):
            updated = updated or match
        elif plain is None:
            plain = normalise_date(match.group(0), languages)
    if plain:
        return plain, False
    if updated is not None:
        return normalise_date(updated.group(0), languages), True
    return (_short_year(text) if short_year else None), False


def _visible_date(text: str, languages: list[str] | None, short_year: bool = False) -> str | None:
    """The date printed in ``text`` (see ``_printed_date``), ISO 8601, or None."""
    return _printed_date(text, languages, short_year)[0]


_LABELLED_DATE = re.compile(
    PUBLISHED_LABEL_RE.pattern.removesuffix("$") + f"(?P<date>{PRINTED_DATE_RE.pattern})", re.I
)


_LABEL_OPENERS = sorted(
    {f(w[:2]) for w in PUBLISHED_LABEL_WORDS for f in (str.lower, str.capitalize, str.upper)}
)
# Text nodes that open with a publication label (first two letters, three casings), outside
# scripts and links: the XPath runs in C, the regular expression only on what it finds.
_LABEL_TEXT = etree.XPath(
    f".//text()[contains('|{'|'.join(_LABEL_OPENERS)}|',"
    " concat('|', substring(normalize-space(), 1, 2), '|'))]"
    "[string-length() < 200][not(ancestor::script or ancestor::style or ancestor::a)]"
)
_LABELLED_CHARS = 300


def _labelled(root: Any, languages: list[str] | None) -> str | None:
    """The first date printed after a publication label under ``root``: "Erschienen am:
    13.10.2021", "<li><strong>Datum</strong> 28.04.2023</li>"."""
    for node in islice(_LABEL_TEXT(root), _MAX_PRINTED):
        el = node.getparent()
        if node.is_tail and el is not None:
            el = el.getparent()
        texts = [str(node)]
        for _ in range(2):  # the label's element alone, then with its siblings
            if el is None:
                break
            texts.append(_text_head(el, _LABELLED_CHARS))
            el = el.getparent()
        for text in texts:
            match = _LABELLED_DATE.search(text)
            if match:
                found = normalise_date(match["date"], languages)
                if found:
                    return found
                break
    return None


_WORD = re.compile(r"\w+")
_HEADINGS = ("h1", "h2", "h3")


def _words(text: str | None) -> set[str]:
    return set(_WORD.findall((text or "").casefold()))


def _headline(page: Page) -> Any | None:
    """The heading (h1-h3) that prints the page's stated title (og:title, <title>), or None.

    Many themes give the first <h1> to the site banner and the headline to another heading;
    the stated title tells them apart. A heading qualifies when nearly all its words are in a
    title and it covers at least half of that title (which may carry a " | Site" suffix).
    """
    title_el = page.tree.find("head/title")
    stated = (page.meta_first("og:title", "twitter:title"), title_el.text if title_el is not None else None)
    targets = [words for words in map(_words, stated) if words]
    best, best_score = None, 0.0
    for tag in _HEADINGS:
        for heading in page.tree.iter(tag):
            words = _words(heading.text_content())
            if not words:
                continue
            for target in targets:
                common = len(words & target)
                precision, coverage = common / len(words), common / len(target)
                if precision >= 0.8 and coverage >= 0.5 and precision + coverage > best_score:
                    best, best_score = heading, precision + coverage
        if best is not None:
            return best  # an <h1> that matches beats any <h2>
    return best


def _box_around(heading: Any, body: Any) -> Any:
    """The heading's parent, up to three levels up but below <body>."""
    area = heading.getparent()
    for _ in range(2):
        if area is not None and area.getparent() is not None and area.getparent() is not body:
            area = area.getparent()
    return area


def _near(heading: Any, body: Any, languages: list[str] | None) -> str | None:
    """A date printed in the box around a heading."""
    area = _box_around(heading, body)
    if area is None:
        return None
    return _visible_date(_text_outside_links(area)[:_NEAR_HEADLINE_CHARS], languages, short_year=True)


_DATE_TOKENS = DATE_CLASS_TOKENS | MORE_DATE_CLASS_TOKENS


def _date_elements(root: Any, box: frozenset[Any]) -> Iterator[Any]:
    """Elements under ``root`` whose class/id names a date or byline, outside foreign boxes and
    outside links (a date inside a link belongs to a teaser of another story)."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        tokens = class_id_tokens(el)
        if not tokens & _DATE_TOKENS or len(el.text_content()) >= 300:
            continue
        if next(el.iterdescendants(*_HEADINGS), None) is not None:
            continue  # a box around a heading: a date in it may be the heading's words
        if next(el.iterancestors("a"), None) is None and not _in_foreign_container(el, box):
            yield el


def _article_scope(headline: Any, body: Any) -> Any:
    """The article box around the headline: the nearest <article>/entry/<main> holding it,
    else the headline's parent three levels up (below <body>)."""
    for ancestor in headline.iterancestors():
        if ancestor.tag in ("article", "main") or _is_entry(ancestor):
            return ancestor
    return _box_around(headline, body)


def _printed_near_headline(page: Page, languages: list[str] | None, box: frozenset[Any]) -> str | None:
    """A date printed in a date/byline element of the headline's article box, or next to the
    headline; None when the page's headline is not known."""
    body = page.tree.find("body")
    headline = next((el for el in box if el.tag in _HEADINGS), None)
    if body is None or headline is None:
        return None
    scope = _article_scope(headline, body)
    if scope is None:
        return None
    labelled = _labelled(scope, languages)
    if labelled:
        return labelled
    found, edited = _in_date_elements(scope, languages, box)
    return found or _near(headline, body, languages) or edited


def _in_date_elements(
    root: Any, languages: list[str] | None, box: frozenset[Any]
) -> tuple[str | None, str | None]:
    """(the first date printed in a date element under ``root`` that is not labelled as the last
    edit, else None; the first date labelled so, else None)."""
    edited = None  # a date labelled as the last edit stands only when no other is printed
    for el in _date_elements(root, box):
        found, is_edit = _printed_date(_text(el), languages, short_year=True)
        if found and not is_edit:
            return found, None
        edited = edited or found
    return None, edited


def _printed_anywhere(page: Page, languages: list[str] | None, box: frozenset[Any]) -> str | None:
    """A date printed in a date/byline element anywhere outside foreign boxes, or next to an
    <h1>."""
    body = page.tree.find("body")
    if body is None:
        return None
    found, edited = _in_date_elements(body, languages, box)
    if found:
        return found
    for h1 in body.iter("h1"):
        if not _in_foreign_container(h1, box):
            found = _near(h1, body, languages)
            if found:
                return found
    return edited


def _structured(page: Page, languages: list[str] | None, box: frozenset[Any]) -> Iterator[str]:
    """Publication dates the page states in markup, most trusted first: the article's JSON-LD,
    <meta>, other JSON-LD objects (WebPage), then <time>/microdata in the article."""
    ld = page.article_ld
    values: list[Any] = [ld.get("datePublished"), ld.get("dateCreated")]
    values += [page.meta_first(key) for key in PUBLISHED_META_KEYS]
    values += [obj.get("datePublished") for obj in page.jsonld]
    for value in values:
        found = normalise_date(value, languages)
        if found:
            yield found
    yield from _from_dom(page, languages, box)


_HATOM_UPDATED = etree.XPath(
    ".//body//*[@title][contains(concat(' ', normalize-space(@class), ' '), ' updated ')]"
)


def _hatom_updated(page: Page, languages: list[str] | None, box: frozenset[Any]) -> str | None:
    """The hAtom ``updated`` stamp of the post (``<span class="updated" title="2013-04-04T…">``):
    many blog themes print only this one, set when the post goes out."""
    for el in _HATOM_UPDATED(page.tree):
        found = None if _in_foreign_container(el, box) else normalise_date(el.get("title"), languages)
        if found:
            return found
    return None


def _weak_meta(page: Page, languages: list[str] | None) -> Iterator[str]:
    """Dates of the unqualified <meta name=date> keys (publication, last edit or build date)."""
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
        not minutes  # printed in UTC: the stamp (with its seconds) says it all
        or abs(delta) > _MAX_OFFSET
        or minutes % 15
        or abs(delta.total_seconds() - minutes * 60) >= 60
    ):
        return None
    return cand.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat(timespec="seconds")


def _local_day(utc: str, printed: str | None) -> str | None:
    """The printed calendar day when it is the day before or after the one of the UTC stamp
    ``utc`` and could be its local day (offsets run from UTC-12 to UTC+14), else None."""
    if not printed or len(printed) != 10 or printed == utc[:10]:
        return None
    instant = datetime.fromisoformat(utc).replace(tzinfo=None)
    day = datetime.fromisoformat(printed)
    if day - _MAX_OFFSET <= instant < day + timedelta(days=1, hours=12):
        return printed
    return None


def _localise(found: str, candidates: Iterator[str], printed: Callable[[], str | None]) -> str:
    """A UTC time-stamp hides the publisher's calendar day (23:30 in Denver is 05:30Z the next
    day): when the page also states the same instant in local time, return that form; when it
    prints only a neighbouring day next to the headline, return that day (no time: the local
    time is not known)."""
    if not found.endswith("+00:00") or len(found) < 16:
        return found
    for other in islice(candidates, 30):
        local = _local_form(found, other)
        if local:
            return local
    shown = printed()
    if shown and len(shown) > 10:
        return _local_form(found, shown) or found
    return _local_day(found, shown) or found


def extract_published(page: Page, languages: list[str] | None = None) -> str | None:
    """The article's publication date-time, ISO 8601, or None.

    Order: JSON-LD, qualified <meta>, <time>/microdata in the article, the URL, a date printed
    in the headline's article box, the unqualified <meta name=date>, a date printed in a date
    element elsewhere or next to an <h1>, then the post's hAtom ``updated`` stamp.
    """
    headline = _headline(page)
    box = frozenset([headline, *headline.iterancestors()]) if headline is not None else frozenset()
    structured = _structured(page, languages, box)
    found = next(structured, None)
    if found:
        later = chain(structured, _weak_meta(page, languages))
        return _localise(found, later, lambda: _printed_near_headline(page, languages, box))
    return (
        _from_url(page.url)
        or _printed_near_headline(page, languages, box)
        or next(_weak_meta(page, languages), None)
        or _printed_anywhere(page, languages, box)
        or _hatom_updated(page, languages, box)
    )


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

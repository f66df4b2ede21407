"""Title: the headline as the reader sees it (the h1 when the page's stated titles agree),
never the <title> with its site suffix nor the site's name."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from newscrawl.extract.authors import _alnum_key, _site_keys
from newscrawl.extract.metadata import _clean, _key, _ld_text
from newscrawl.extract.page import Page, name_tokens
from newscrawl.extract.patterns import (
    TITLE_HIDDEN_CLASS_RE,
    TITLE_HOME_PATH_RE,
    TITLE_KICKER_SEPARATOR_RE,
    TITLE_KICKER_TOKENS,
    TITLE_LEADING_DATE_RE,
    TITLE_LEADING_DECORATION_RE,
    TITLE_PART_SEPARATORS_RE,
    TITLE_SITE_CLASS_RE,
)

_WORD = re.compile(r"\w+")
_HEADING_OVERLAP = 0.6  # a heading is the headline when its words and a stated title's agree this much (Dice)
_MAX_H2 = 5  # blog layouts print the post title in one of the first h2s

_EDGE_PUNCT = " \t\n:|/–—-"
_ELLIPSIS = ("…", "...")


def _tokens(el: Any) -> set[str]:
    return name_tokens(el.get("class") or "")


def _hidden(el: Any) -> bool:
    """Marked as unseen: the hidden attribute, display:none, or a screen-reader-only class
    (not when a responsive variant shows it again: "sr-only sm:not-sr-only")."""
    if el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", ""):
        return True
    classes = (el.get("class") or "").split()
    if any(":not-" in c for c in classes):
        return False
    return any(TITLE_HIDDEN_CLASS_RE.search(c) for c in classes)


_UNREAD = ("rt", "rp", "style", "script")  # ruby annotations (furigana), inline CSS and scripts
_READ_TEXT = ".//text()[not(ancestor::rt or ancestor::rp or ancestor::style or ancestor::script)]"


def _text(el: Any) -> str:
    """An element's text without ruby annotations ("<ruby>子<rt>こ</rt></ruby>"), inline
    <style> (CSS-in-JS sites print it inside headings) or <script>."""
    if next(el.iterdescendants(*_UNREAD), None) is None:
        return el.text_content()
    return "".join(el.xpath(_READ_TEXT))


def _headline_text(h1: Any) -> tuple[str | None, str | None]:
    """The h1's text as printed (``<br>`` read as a space), and its text without a kicker
    printed before the headline: a child with a kicker class, or whatever precedes a
    separator-only child such as ": " (often visually hidden)."""
    full: list[str] = [h1.text or ""]
    parts: list[str] = [h1.text or ""]
    cut = False
    kicker_at, kicker = -1, ""  # where in ``parts`` a kicker-class child was left out, its text
    for child in h1:
        if child.tag == "br":
            full.append(" ")
            parts.append(" ")
        elif isinstance(child.tag, str):
            own = "" if child.tag in _UNREAD else _text(child)
            full.append(own)
            if TITLE_KICKER_SEPARATOR_RE.match(own) and _clean("".join(parts)):
                parts, cut, kicker_at = [], True, -1  # what precedes a separator-only child is the kicker
            elif _tokens(child) & TITLE_KICKER_TOKENS:
                cut, kicker_at, kicker = True, len(parts), _clean(own) or ""
            elif not _hidden(child):
                parts.append(own)
        full.append(child.tail or "")
        parts.append(child.tail or "")
    text = _clean("".join(full))
    rest = _clean("".join(parts)) or ""
    if kicker_at >= 0 and not _clean("".join(parts[kicker_at:])) and len(kicker) > len(rest):
        return text, text  # a "kicker" last and longer than the rest: the headline, a badge would be short
    headline = rest.strip(_EDGE_PUNCT) if cut else text
    return text, headline or text


def _readings(h1: Any, text: str) -> list[str]:
    """The h1's text, and its text without one marked-up part (a kicker or a subtitle that is
    not marked as such: "<h1>Headline <span>Subtitle</span></h1>")."""
    out = [text]
    children = [c for c in h1 if isinstance(c.tag, str) and c.tag != "br"]
    if len(children) > 4:
        return out
    for child in children:
        own = _clean(_text(child))
        if own and own != text and len(own) < len(text):
            if text.startswith(own):
                out.append(text[len(own) :].strip(_EDGE_PUNCT))
            elif text.endswith(own):
                out.append(text[: -len(own)].strip(_EDGE_PUNCT))
    return [r for r in out if r]


def _links_home(el: Any, page_url: str | None) -> bool:
    href = el.get("href")
    if href is None:
        return False
    target = urlsplit(urljoin(page_url or "", href.strip()))
    return not target.query and bool(TITLE_HOME_PATH_RE.search(target.path or "/"))


def _h1_role(h1: Any, page_url: str | None) -> str:
    """ "headline", or why the h1 is not one: "hidden", "site" (logo or site name, linking to
    the home page), "crumb" (the last item of a breadcrumb trail)."""
    if _hidden(h1) or any(a.tag == "dialog" for a in h1.iterancestors()):
        return "hidden"
    if TITLE_SITE_CLASS_RE.search(h1.get("class") or ""):
        return "site"
    links = [*h1.iter("a"), *(a for a in h1.iterancestors("a"))]
    if links and all(_links_home(a, page_url) for a in links):
        return "site"
    for anc in h1.iterancestors():
        if anc.tag == "body":
            break
        if {"breadcrumb", "breadcrumbs"} & _tokens(anc):
            return "crumb"
    return "headline"


def _h1_texts(page: Page) -> tuple[list[tuple[str, str, list[str]]], set[str]]:
    """Each h1's headline without kicker, its role (see ``_h1_role``) and its readings (as
    printed first, then without kicker, then without one marked-up part); and the headlines
    of the h1s inside an <article>."""
    out, in_article = [], set()
    for h1 in page.tree.iter("h1"):
        text, headline = _headline_text(h1)
        if text and headline:
            readings = list(dict.fromkeys([text, headline, *_readings(h1, text)]))
            out.append((headline, _h1_role(h1, page.url), readings))
            if any(a.tag == "article" for a in h1.iterancestors()):
                in_article.add(headline)
    return out, in_article


def _loose(text: str) -> str:
    """Words only: quotes, dashes and spacing around punctuation do not count."""
    return " ".join(_WORD.findall(_key(text)))


def _contains(stated: str, heading: str) -> bool:
    """The heading's words appear in order in ``stated`` (also when ``stated`` is cut off "…")."""
    s, h = f" {_loose(stated)} ", f" {_loose(heading)} "
    if h.strip() and h in s:
        return True
    return stated.rstrip().endswith(_ELLIPSIS) and len(s) > 20 and h.startswith(s.rstrip())


def _in_doc_title(doc_title: str | None, heading: str) -> bool:
    """The <title> holds the heading as printed, or one of its parts is the heading."""
    if not doc_title:
        return False
    return _key(heading) in _key(doc_title) or any(
        _loose(p) == _loose(heading) for p in _title_parts(doc_title)
    )


def _stated_reading(readings: list[str], stated: list[str], doc_title: str | None) -> str | None:
    """The first reading that og:title / JSON-LD hold, else the first that <title> holds."""
    for reading in readings:
        if any(_contains(k, reading) for k in stated):
            return reading
    return next((r for r in readings if _in_doc_title(doc_title, r)), None)


def _title_parts(doc_title: str | None) -> list[str]:
    return [p for p in TITLE_PART_SEPARATORS_RE.split(doc_title or "") if p.strip()]


def _site_part(part: str, site_name: str | None, site_keys: frozenset[str]) -> bool:
    """A title part naming the site: its og:site_name, or a short part holding the host's name."""
    if site_name and _key(part) in (_key(site_name), _key(site_name).split(" - ")[0]):
        return True
    key = _alnum_key(part)
    return len(part.split()) <= 4 and any(k in key or (len(key) >= 4 and key in k) for k in site_keys)


def _strip_site_suffix(
    title: str,
    site_name: str | None,
    h1s: list[str],
    site_parts: list[str] | None = None,
    site_keys: frozenset[str] = frozenset(),
    strict: bool = False,
) -> str:
    """Drop " | Site" / "Site - " parts from a <title> or og:title. ``strict``: keep the title
    whole unless a part names the site (og:title, JSON-LD); else fall back to the longest part."""
    bounds = [0]
    for m in TITLE_PART_SEPARATORS_RE.finditer(title):
        bounds += [m.start(), m.end()]
    bounds.append(len(title))
    spans = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    spans = [(a, b) for a, b in spans if title[a:b].strip()]
    parts = [title[a:b] for a, b in spans]
    if len(parts) < 2:
        return title
    for h1 in h1s:  # the headline as printed on the page decides
        if any(_key(p) == _key(h1) for p in parts):
            return h1
    site = [
        _site_part(p, site_name, site_keys) or any(_key(p) == _key(s) for s in site_parts or ())
        for p in parts
    ]
    first = next((i for i, s in enumerate(site) if not s), None)
    if first is None:
        return title
    last = next((i for i in range(first, len(parts)) if site[i]), len(parts)) - 1
    if first > 0 and not strict and last > first:  # "Site » Blog Archive » Post": the longest
        return max(parts[first : last + 1], key=len).strip()
    if first > 0 or last < len(parts) - 1:  # the site leads or follows: keep the rest
        return title[spans[first][0] : spans[last][1]].strip()
    return title if strict else max(parts, key=len)


def _site_like(
    heading: str,
    site_name: str | None,
    doc_title: str | None,
    stated: tuple[str, ...] | list[str] = (),
    site_keys: frozenset[str] = frozenset(),
) -> bool:
    """True when a heading is the site's or blog's name rather than a headline: it equals
    og:site_name, or a part after the first of a "Headline | Blog name | tagline" <title>
    (unless a stated title repeats it, the <title> begins with the site's name, or the part
    is longer than the first)."""
    if site_name and _key(heading) == _key(site_name):
        return True
    parts = _title_parts(doc_title)
    if len(parts) < 2 or any(_loose(heading) == _loose(s) for s in stated):
        return False
    if _site_part(parts[0], site_name, site_keys) or len(heading) >= len(parts[0]):
        return False  # the site leads, or the part is longer than the headline before it
    return any(_key(heading) == _key(p) for p in parts[1:])


def _overlap(heading: str, text: str) -> float:
    """Word-set agreement of two texts (Dice): 1.0 for the same words, low for a short part;
    0.0 for a one-word heading that is only part of the text ("Enchufla" of "Enchufla Figuren")."""
    a, b = set(_WORD.findall(_key(heading))), set(_WORD.findall(_key(text)))
    if len(a) == 1 and a < b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _best_heading(headings: list[str], known: list[str]) -> str | None:
    """The heading that the stated titles repeat best, if any agrees enough."""
    scored = sorted(((max(_overlap(h, k) for k in known), h) for h in headings if known), reverse=True)
    if not scored or scored[0][0] < _HEADING_OVERLAP:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0] and _key(scored[1][1]) != _key(scored[0][1]):
        return None  # two headings agree as well: neither is the headline
    return scored[0][1]


def _h2_texts(page: Page, stated: list[str]) -> list[str]:
    """The first h2s, each without its kicker unless a stated title has the kicker too."""
    out = []
    for h2 in page.tree.iter("h2"):
        text, headline = _headline_text(h2)
        if text and headline:
            out.append(text if any(_contains(k, text) for k in stated) else headline)
        if len(out) >= _MAX_H2:
            break
    return out


def _main_heading(page: Page, doc_title: str | None) -> str | None:
    """The first h2 inside <main> or <article> (not in its nav, aside or footer), unless an
    h2 or h3 repeats a part of the <title>: pages without h1 or stated title print the
    headline as the main content's first h2."""
    parts = {_loose(p) for p in _title_parts(doc_title)}
    first = None
    for el in page.tree.iter("h2", "h3"):
        text, headline = _headline_text(el)
        if not headline or _hidden(el):
            continue
        if _loose(headline) in parts:
            return None
        if first is None and el.tag == "h2":
            ancestors = {a.tag for a in el.iterancestors()}
            if ancestors & {"main", "article"} and not ancestors & {"nav", "aside", "footer"}:
                first = headline
    return first


def _unescape(text: str | None) -> str | None:
    """JSON-LD and meta values are often HTML-escaped twice ("&#8211;", "&quot;")."""
    return _clean(html.unescape(text)) if text and "&" in text else text


def _stated_titles(page: Page, site_name: str | None) -> list[str]:
    """JSON-LD headline and og:title (or twitter/dc title), not the bare site name; when one
    is the other with a kicker before it, the one without the kicker comes first."""
    stated = [
        s
        for s in (
            _unescape(_ld_text(page.article_ld.get("headline"))),
            _unescape(page.meta_first("og:title", "twitter:title", "dc.title", "headline")),
        )
        if s and not (site_name and _key(s) == _key(site_name))
    ]
    if len(stated) == 2:
        short, long = sorted(stated, key=lambda s: len(_loose(s)))
        if short != long and f" {_loose(long)}".endswith(f" {_loose(short)}"):
            return [short, long]
    return stated


def extract_title(page: Page, site_name: str | None) -> str | None:
    """The headline as printed, without a date or a decoration printed before it (see
    ``_headline``)."""
    title = _headline(page, site_name)
    if not title:
        return title
    return TITLE_LEADING_DATE_RE.sub("", TITLE_LEADING_DECORATION_RE.sub("", title))


def _headline(page: Page, site_name: str | None) -> str | None:
    """The headline as printed (the h1 without kicker, or an h2 under a blog-name h1) when the
    page's stated titles agree with it; else the stated title (JSON-LD headline, og:title)
    without the site name; else <title> without it."""
    title_el = page.tree.find(".//title")
    doc_title = _clean(title_el.text_content()) if title_el is not None else None
    stated = _stated_titles(page, site_name)
    keys = _site_keys(page, site_name)
    found, articled = _h1_texts(page)
    headline = [
        (t, r)
        for t, role, r in found
        if role == "headline" and not _site_like(t, site_name, doc_title, stated, keys)
    ]
    h1s = [t for t, _ in headline]
    crumbs = [t for t, role, _ in found if role == "crumb"]
    site_parts = [
        t for t, role, _ in found if role in ("site", "hidden") or (role == "headline" and t not in h1s)
    ]
    for _, readings in headline:  # a stated title is the h1 without its kicker or subtitle
        for reading in readings[1:]:
            if any(_loose(reading) == _loose(k) for k in stated):
                return reading
    # per h1 its reading, as printed or without kicker, that og/JSON-LD or <title> state
    readings_stated = (_stated_reading(readings[:2], stated, doc_title) for _, readings in headline)
    matching = [m for m in readings_stated if m]
    titles = stated[:1] or _title_parts(doc_title)  # a breadcrumb h1 is weak: the first stated decides
    matching += [h for h in crumbs if any(_loose(h) == _loose(k) for k in titles)]
    if matching:  # the stated title holds the printed headline (plus a kicker or site name)
        return max(matching, key=len)
    for h1 in h1s + crumbs:  # the h1 prints a kicker before the stated headline: "Premier League Rückschlag…"
        for candidate in stated:
            clean = _strip_site_suffix(candidate, site_name, [], site_parts, keys, strict=True)
            if len(clean) >= 20 and f" {_loose(h1)}".endswith(f" {_loose(clean)}"):
                return clean
    if len(h1s) == 1:
        return h1s[0]
    in_article = [t for t in h1s if t in articled]
    if h1s and in_article == h1s[:1]:  # of several h1s the first alone in an <article>
        return h1s[0]
    parts = [p for p in _title_parts(doc_title) if not _site_part(p, site_name, keys)]
    known = [*stated, *([doc_title] if doc_title else []), *parts]
    h2s = [] if h1s else _h2_texts(page, stated)
    headings = h1s or [h for h in h2s if not _site_like(h, site_name, doc_title, stated, keys)]
    best = _best_heading(headings, known)  # blog layouts: the post title in an h2
    if best:
        return best
    if not h1s and not crumbs and not stated:
        heading = _main_heading(page, doc_title)
        if heading:
            return heading
    for candidate in stated:
        return _strip_site_suffix(candidate, site_name, h1s, site_parts, keys, strict=True)
    if doc_title:
        return _strip_site_suffix(doc_title, site_name, h1s, site_parts, keys)
    return found[0][0] if found else None

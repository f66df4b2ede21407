"""Metadata fields: title, authors, description, site name, language, URLs, section, tags, image.

Each function takes the parsed Page and returns one field; what the page states
(JSON-LD, Open Graph, <meta>) comes before DOM heuristics.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newscrawl.extract.page import Page, ld_types
from newscrawl.extract.patterns import (
    AGENCY_NAME_RE,
    AUTHOR_FOREIGN_TOKENS,
    AUTHOR_LINK_XPATH,
    AUTHOR_META_KEYS,
    AUTHOR_NOISE_RE,
    AUTHOR_SPLIT_RE,
    AUTHOR_SUFFIX_RE,
    AUTHOR_TEAM_RE,
    AUTHOR_TRAILING_DATE_RE,
    AUTHOR_UI_WORD_RE,
    BYLINE_PREFIX_RE,
    BYLINE_TEXT_RE,
    BYLINE_TEXT_XPATH,
    BYLINE_XPATH,
    EMAIL_RE,
    TITLE_HIDDEN_CLASS_RE,
    TITLE_HOME_PATH_RE,
    TITLE_KICKER_SEPARATOR_RE,
    TITLE_KICKER_TOKENS,
    TITLE_SEPARATORS_RE,
    TITLE_SITE_CLASS_RE,
    WRITTEN_BY_LABELS,
)

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_HEADING_OVERLAP = 0.6  # a heading is the headline when its words and a stated title's agree this much (Dice)
_MAX_H2 = 5  # blog layouts print the post title in one of the first h2s
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


_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_EDGE_PUNCT = " \t\n:|/–—-"
_ELLIPSIS = ("…", "...")


def _tokens(el: Any) -> set[str]:
    return {t for c in (el.get("class") or "").lower().split() for t in _TOKEN_SPLIT.split(c) if t}


def _hidden(el: Any) -> bool:
    """Marked as unseen: the hidden attribute, display:none, or a screen-reader-only class
    (not when a responsive variant shows it again: "sr-only sm:not-sr-only")."""
    if el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", ""):
        return True
    classes = (el.get("class") or "").split()
    if any(":not-" in c for c in classes):
        return False
    return any(TITLE_HIDDEN_CLASS_RE.search(c) for c in classes)


def _headline_text(h1: Any) -> tuple[str | None, str | None]:
    """The h1's text as printed (``<br>`` read as a space), and its text without a kicker
    printed before the headline: a child with a kicker class, or whatever precedes a
    separator-only child such as ": " (often visually hidden)."""
    full: list[str] = [h1.text or ""]
    parts: list[str] = [h1.text or ""]
    cut = False
    for child in h1:
        if child.tag == "br":
            full.append(" ")
            parts.append(" ")
        elif isinstance(child.tag, str):
            own = child.text_content()
            full.append(own)
            if TITLE_KICKER_SEPARATOR_RE.match(own) and _clean("".join(parts)):
                parts, cut = [], True  # what precedes a separator-only child is the kicker
            elif _tokens(child) & TITLE_KICKER_TOKENS:
                cut = True
            elif not _hidden(child):
                parts.append(own)
        full.append(child.tail or "")
        parts.append(child.tail or "")
    text = _clean("".join(full))
    headline = (_clean("".join(parts)) or "").strip(_EDGE_PUNCT) if cut else text
    return text, headline or text


def _readings(h1: Any, text: str) -> list[str]:
    """The h1's text, and its text without one marked-up part (a kicker or a subtitle that is
    not marked as such: "<h1>Headline <span>Subtitle</span></h1>")."""
    out = [text]
    children = [c for c in h1 if isinstance(c.tag, str) and c.tag != "br"]
    if len(children) > 4:
        return out
    for child in children:
        own = _clean(child.text_content())
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


def _h1_texts(page: Page) -> list[tuple[str, str, list[str]]]:
    """Each h1's headline without kicker, its role (see ``_h1_role``) and its readings (as
    printed first, then without kicker, then without one marked-up part)."""
    out = []
    for h1 in page.tree.iter("h1"):
        text, headline = _headline_text(h1)
        if text and headline:
            readings = list(dict.fromkeys([text, headline, *_readings(h1, text)]))
            out.append((headline, _h1_role(h1, page.url), readings))
    return out


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
    return [p for p in TITLE_SEPARATORS_RE.split(doc_title or "") if p.strip()]


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
    for m in TITLE_SEPARATORS_RE.finditer(title):
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
    """Word-set agreement of two texts (Dice): 1.0 for the same words, low for a short part."""
    a, b = set(_WORD.findall(_key(heading))), set(_WORD.findall(_key(text)))
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _best_heading(headings: list[str], known: list[str]) -> str | None:
    """The heading that the stated titles repeat best, if any agrees enough."""
    scored = [(max(_overlap(h, k) for k in known), h) for h in headings if known]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= _HEADING_OVERLAP else None


def _h2_texts(page: Page) -> list[str]:
    out = []
    for h2 in page.tree.iter("h2"):
        text = _clean(h2.text_content())
        if text:
            out.append(text)
        if len(out) >= _MAX_H2:
            break
    return out


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
    """The headline as printed (the h1 without kicker, or an h2 under a blog-name h1) when the
    page's stated titles agree with it; else the stated title (JSON-LD headline, og:title)
    without the site name; else <title> without it."""
    title_el = page.tree.find(".//title")
    doc_title = _clean(title_el.text_content()) if title_el is not None else None
    stated = _stated_titles(page, site_name)
    keys = _site_keys(page, site_name)
    found = _h1_texts(page)
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
    parts = [p for p in _title_parts(doc_title) if not _site_part(p, site_name, keys)]
    known = [*stated, *([doc_title] if doc_title else []), *parts]
    headings = h1s or [h for h in _h2_texts(page) if not _site_like(h, site_name, doc_title, stated, keys)]
    best = _best_heading(headings, known)  # blog layouts: the post title in an h2
    if best:
        return best
    for candidate in stated:
        return _strip_site_suffix(candidate, site_name, h1s, site_parts, keys, strict=True)
    if doc_title:
        return _strip_site_suffix(doc_title, site_name, h1s, site_parts, keys)
    return found[0][0] if found else None


def _drop_trailing_agency(name: str) -> str:
    """ "Helen Marsh Reuters" -> "Helen Marsh": an agency credit printed after the name."""
    words = name.split()
    if len(words) > 2 and AGENCY_NAME_RE.match(words[-1]):
        return " ".join(words[:-1])
    return name


_PARENTHESES = re.compile(r"\s*\([^)]*\)?")
_DOMAIN = re.compile(r"\w\.[a-z]{2,}\b|\bwww\.", re.I)
_PARTICLES = frozenset(
    "von van der den de da del della di du la le bin ben al el zu ten ter dos das do y".split()
)


def _is_initials(name: str) -> bool:
    """An editor's initials ("amw", "ku", "dsw"): lower-case, one short word, not an agency."""
    return len(name) <= 3 and name.islower() and not AGENCY_NAME_RE.match(name)


_INITIAL_END = re.compile(r"(?:^|[\s.])\w\.$")


def _trim(name: str) -> str:
    """Strip separators around a name; a final initial keeps its dot ("Juan Muñoz C.")."""
    name = name.strip(" ,:;-–—|()·•")
    return name if _INITIAL_END.search(name) else name.rstrip(".").rstrip()


def _split_names(raw: str) -> list[str]:
    """A byline or author string -> the names in it, without prefixes, roles and emails."""
    raw = _PARENTHESES.sub("", EMAIL_RE.sub("", _WS.sub(" ", raw)))
    raw = BYLINE_PREFIX_RE.sub("", raw)
    names: list[str] = []
    for part in AUTHOR_SPLIT_RE.split(raw):
        name = _trim(AUTHOR_SUFFIX_RE.sub("", part or ""))
        name = BYLINE_PREFIX_RE.sub("", name).strip(" ·•")
        name = _trim(AUTHOR_TRAILING_DATE_RE.sub("", name))
        name = _drop_trailing_agency(name)
        if not name or AUTHOR_NOISE_RE.match(name) or len(name) > 60 or "://" in name:
            continue
        if any(c.isdigit() for c in name) and names:
            break  # "By A | 8 January 2020 | 11 | Edit": what follows the date is not a name
        if any(c.isdigit() for c in name) or len(name.split()) > 5 or len(name) < 2:
            continue
        if AUTHOR_UI_WORD_RE.search(name):
            continue
        names.append(name)
    return names


def _looks_like_name(name: str) -> bool:
    """Words that start upper-case (or in a caseless script), bar particles: "Jan de Vries"."""
    words = name.split()
    if not 1 <= len(words) <= 4:
        return False
    return all(not w[0].islower() or w in _PARTICLES for w in words) and not words[0].islower()


def _alnum_key(text: str) -> str:
    return "".join(c for c in _key(text) if c.isalnum())


class _Credits:
    """Names collected from one source, sorted into people and organisations.

    Bare initials ("amw") go with the organisations: they stand when nothing else is
    credited, but an organisation the page states in JSON-LD comes first.
    """

    def __init__(self, site_keys: frozenset[str]) -> None:
        self.people: list[str] = []
        self.orgs: list[str] = []
        self._site_keys = site_keys

    def _is_site(self, name: str) -> bool:
        """The site credited by its name or host: "Stuttgarter Zeitung", "n-tv NACHRICHTEN"."""
        key = _alnum_key(name)
        words = {_alnum_key(w) for w in name.split()}
        return any(
            key == site or site in words or (len(site) >= 6 and site in key) for site in self._site_keys
        )

    def add(self, name: str, is_org: bool = False) -> None:
        if (
            is_org
            or AGENCY_NAME_RE.match(name)
            or AUTHOR_TEAM_RE.search(name)
            or _DOMAIN.search(name)
            or self._is_site(name)
            or _is_initials(name)
        ):
            self.orgs.append(name)
        else:
            self.people.append(name)

    def add_text(self, raw: str) -> None:
        if _DOMAIN.search(raw) and not EMAIL_RE.search(raw):  # "Deutsche Welle (www.dw.com)"
            names = _split_names(raw)
            if names:
                self.add(names[0], is_org=True)
            return
        for name in _split_names(raw):
            self.add(name)


def _site_keys(page: Page, site_name: str | None) -> frozenset[str]:
    """Keys naming the site: its name and its host's main label ("hessenschau", "ntv")."""
    keys = {_alnum_key(site_name)} if site_name else set()
    host = urlsplit(page.url or "").hostname or ""
    labels = [x for x in host.split(".") if x not in ("www", "m", "amp")][:-1]
    keys.update(_alnum_key(x) for x in labels[-1:])
    return frozenset(k for k in keys if len(k) >= 3)


def _ld_person_name(item: dict[str, Any]) -> str | None:
    name = item.get("name")
    if isinstance(name, list):
        name = next((n for n in name if isinstance(n, str)), None)
    if not _clean(name):
        parts = [item.get("givenName"), item.get("additionalName"), item.get("familyName")]
        name = " ".join(p for p in parts if isinstance(p, str) and p.strip())
    return _clean(name)


def _from_ld(value: Any, credits: _Credits) -> None:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, list):  # nested lists: [Person, [Person]]
            _from_ld(item, credits)
        elif isinstance(item, str):
            if "://" not in item:
                credits.add_text(item)
        elif isinstance(item, dict):
            name = _ld_person_name(item)
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


_BOUNDARY = "\x00"
_SIBLINGS = re.compile("\x00[\\s\x00]*\x00")  # two element edges with only space between
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button"})


def _element_text(el: Any) -> str:
    """An element's text with sibling elements kept apart: "<span>A B</span><span>C D</span>"
    reads "A B | C D", while "By <a>A B</a>" stays "By A B"."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
                parts.append(_BOUNDARY)
                walk(child)
                parts.append(_BOUNDARY)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    text = _SIBLINGS.sub(" | ", "".join(parts).strip(_BOUNDARY + " \t\r\n"))
    return _WS.sub(" ", text.replace(_BOUNDARY, " ")).strip(" |")


_CLASS_TOKENS = re.compile(r"[^a-z0-9]+")


def _in_foreign_box(el: Any) -> bool:
    """Inside a container of other stories or readers' posts (related, teaser, comments)."""
    for anc in el.iterancestors():
        if anc.tag in ("body", "html"):
            return False
        for name in (anc.get("class") or "").lower().split():
            tokens = [t for t in _CLASS_TOKENS.split(name) if t]
            if tokens and (tokens[0] in AUTHOR_FOREIGN_TOKENS or tokens[-1] in AUTHOR_FOREIGN_TOKENS):
                return True
    return False


_BYLINE = etree.XPath(BYLINE_XPATH)
_AUTHOR_LINK = etree.XPath(AUTHOR_LINK_XPATH)
_BYLINE_TEXT = etree.XPath(BYLINE_TEXT_XPATH)


def _bylines(page: Page, xpath: etree.XPath) -> list[Any]:
    return [el for el in xpath(page.tree) if not _in_foreign_box(el)]


def _from_byline(page: Page, credits: _Credits) -> None:
    for el in _bylines(page, _BYLINE)[:8]:
        text = _element_text(el)
        if text and len(text) < 100:
            credits.add_text(text)
        if credits.people:
            return


def _from_author_links(page: Page, credits: _Credits) -> None:
    """Links to author pages ("/author/jane-doe") whose text is a name."""
    for el in _bylines(page, _AUTHOR_LINK)[:3]:
        names = _split_names(_element_text(el))
        if names and all(_looks_like_name(n) for n in names):
            for name in names:
                credits.add(name)
            return


def _byline_candidate(node: Any) -> str | None:
    """The short text of the element a "By"/"Von" text node opens, or None."""
    el = node.getparent()
    if node.is_tail:  # "<b>Text:</b> Jane Doe": the label's element and its tail
        label = _clean(el.text_content())
        if label and BYLINE_PREFIX_RE.sub("", label) == "":
            return f"{label} {node}"
        el = el.getparent()
    for _ in range(3):  # climb while the element holds the label alone ("<span>By</span>")
        if el is None:
            return None
        text = _element_text(el)
        if len(text) > 100:
            return None
        if BYLINE_PREFIX_RE.sub("", text).strip(" |:"):
            return text
        el = el.getparent()
    return None


def _from_byline_text(page: Page, credits: _Credits) -> None:
    """A printed byline without byline markup: "By Jane Doe", "Von <em>Hans Muster</em>"."""
    for node in _BYLINE_TEXT(page.tree):
        if not BYLINE_TEXT_RE.match(node) or node.getparent() is None:
            continue
        if _in_foreign_box(node.getparent()):
            continue
        text = _byline_candidate(node)
        if not text:
            continue
        first = re.split(r"\s+\|\s+", text)[0]  # "By Jane Doe | 12/10/2020"
        names = _split_names(first)
        if names and all(_looks_like_name(n) for n in names):
            for name in names:
                credits.add(name)
            return


def extract_authors(page: Page, site_name: str | None = None) -> list[str]:
    """People credited as authors; organisations only when no person is credited.

    Sources in order of trust: JSON-LD, meta tags, byline elements, author-page links, a
    printed "By …" line. The first source naming a person decides; otherwise the
    organisations of the first source naming any.
    """
    keys = _site_keys(page, site_name)
    orgs: list[str] = []
    sources = (_from_meta, _from_byline, _from_author_links, _from_byline_text)
    credits = _Credits(keys)
    _from_ld(page.ld_resolve(page.article_ld.get("author")), credits)
    for source in sources:
        if credits.people:
            return _dedupe(credits.people)
        orgs = orgs or credits.orgs
        credits = _Credits(keys)
        source(page, credits)
    if credits.people:
        return _dedupe(credits.people)
    return _dedupe(orgs or credits.orgs)


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

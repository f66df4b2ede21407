"""Authors: the people credited, from JSON-LD, meta and bylines; organisations only when no
person is credited."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from newscrawl.extract.metadata import _WS, _clean, _dedupe, _key
from newscrawl.extract.page import Page, ld_types
from newscrawl.extract.patterns import (
    AGENCY_NAME_RE,
    AUTHOR_FOREIGN_TOKENS,
    AUTHOR_FORM_LABEL_RE,
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
    CREDIT_ROLE_CUT_RE,
    DATE_THEN_BYLINE_RE,
    EMAIL_RE,
    MORE_BYLINE_PREFIX_RE,
    NAME_PART_CLASSES,
    OBFUSCATED_EMAIL_RE,
    ORGANISATION_NAME_RE,
    WRITTEN_BY_LABELS,
)


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


def _is_handle(name: str) -> bool:
    """A user name, not a printed name: one word, all lower-case or joined by "." or "_"
    ("christian.stadtfeld", "gabor_munier", "arianschlichenmayer")."""
    return " " not in name and (name.islower() or "_" in name or "." in name.strip("."))


_INITIAL_END = re.compile(r"(?:^|[\s.])\w\.$")


def _trim(name: str) -> str:
    """Strip separators around a name; a final initial keeps its dot ("Juan Muñoz C.")."""
    name = name.strip(" ,:;-–—|()·•")
    return name if _INITIAL_END.search(name) else name.rstrip(".").rstrip()


def _strip_label(text: str) -> str:
    """``text`` without a leading byline label ("By", "Von", "Text:", "Autorin/Autor")."""
    return MORE_BYLINE_PREFIX_RE.sub("", BYLINE_PREFIX_RE.sub("", text))


def _is_lower_word(word: str, last: bool = False) -> bool:
    """A lower-case word that is no name particle ("von", "al-"), agency ("dpa") or trailing
    initials ("Jane Doe amw")."""
    return (
        word[0].islower()
        and not any(c in word for c in "@./")  # an address or a domain, handled elsewhere
        and word.split("-")[0] not in _PARTICLES
        and not (last and len(word) <= 3)
        and not AGENCY_NAME_RE.match(word)
    )


def _has_lower_word(name: str) -> bool:
    """A capitalised phrase with a lower-case word that is no name particle ("Zuletzt geändert
    am"): words of a sentence or label, not a name."""
    words = name.split()
    if len(words) >= 2 and words[0].isalpha() and words[0].islower() and words[0] not in _PARTICLES:
        return any(w[0].isupper() for w in words[1:])  # "deinen Hochzeitsbloggern"
    return (
        len(words) >= 3  # two words may be a name typed in lower case ("Mobasir hassan")
        and not words[0][0].islower()
        and any(_is_lower_word(w, i == len(words) - 1) for i, w in enumerate(words) if i)
    )


def _split_names(raw: str) -> list[str]:
    """A byline or author string -> the names in it, without prefixes, roles and emails."""
    raw = _PARENTHESES.sub("", EMAIL_RE.sub("", OBFUSCATED_EMAIL_RE.sub("", _WS.sub(" ", raw))))
    raw = CREDIT_ROLE_CUT_RE.sub("", _strip_label(DATE_THEN_BYLINE_RE.sub("", raw)))
    names: list[str] = []
    for part in AUTHOR_SPLIT_RE.split(raw):
        name = _trim(AUTHOR_SUFFIX_RE.sub("", part or ""))
        name = _strip_label(name).strip(" ·•")
        name = _trim(AUTHOR_TRAILING_DATE_RE.sub("", name))
        name = _drop_trailing_agency(name)
        if not name or AUTHOR_NOISE_RE.match(name) or len(name) > 60 or "://" in name:
            continue
        numbered = any(c.isdigit() for c in name) and not AUTHOR_TEAM_RE.search(name)  # "BR24 Redaktion"
        if numbered and names:
            break  # "By A | 8 January 2020 | 11 | Edit": what follows the date is not a name
        if numbered or len(name.split()) > 5 or len(name) < 2:
            continue
        if AUTHOR_UI_WORD_RE.search(name) or AUTHOR_FORM_LABEL_RE.match(name) or _has_lower_word(name):
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

    Bare initials ("amw") and user names ("jane_doe") go with the organisations: they stand
    when nothing else is credited, but an organisation the page states in JSON-LD comes first.
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
            or _is_handle(name)
            or ORGANISATION_NAME_RE.search(name)
        ):
            self.orgs.append(name)
        else:
            self.people.append(name)

    def add_text(self, raw: str) -> None:
        if _alnum_key(raw) in self._site_keys:  # "Jobs & Hire": the site's name, not two people
            self.add(raw.strip(), is_org=True)
            return
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


_MAX_META_AUTHORS = 10  # more <meta name=author> tags than this list a paper's references


def _from_meta(page: Page, credits: _Credits) -> None:
    for key in AUTHOR_META_KEYS:
        values = page.meta.get(key, ())
        if len(values) > _MAX_META_AUTHORS:
            continue
        for value in values:
            if value.strip() and "://" not in value and not _has_lower_word(AUTHOR_SPLIT_RE.sub(" ", value)):
                credits.add_text(value)
    for n in ("1", "2"):  # Yoast's Twitter card: label "Written by", data "Jane Doe"
        label = (page.meta_first(f"twitter:label{n}") or "").casefold()
        if label in WRITTEN_BY_LABELS:
            credits.add_text(page.meta_first(f"twitter:data{n}") or "")
    for label in sorted(WRITTEN_BY_LABELS):  # its newer form: <meta name="twitter:misc:Written by">
        credits.add_text(page.meta_first(f"twitter:misc:{label}") or "")


_BOUNDARY = "\x00"
_SIBLINGS = re.compile("\x00[\\s\x00]*\x00")  # two element edges with only space between
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button"})


def _is_name_part(el: Any) -> bool:
    """An element holding a first or last name (hCard, schema.org, common class names)."""
    if el.get("itemprop") in ("givenName", "familyName", "additionalName"):
        return True
    return not NAME_PART_CLASSES.isdisjoint((el.get("class") or "").lower().split())


def _element_text(el: Any) -> str:
    """An element's text with sibling elements kept apart: "<span>A B</span><span>C D</span>"
    reads "A B | C D", while "By <a>A B</a>" stays "By A B"."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
                edge = "" if _is_name_part(child) else _BOUNDARY  # "<span>Ingrid</span> <span>Treborg</span>"
                parts.append(edge)
                walk(child)
                parts.append(edge)
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
# BYLINE_TEXT_XPATH's text nodes, and those opening with "Au" too ("Autor:", "Autorin/Autor",
# "Author"), in one pass over the text nodes.
_BYLINE_TEXT = etree.XPath(BYLINE_TEXT_XPATH.replace("contains('|", "contains('|Au|au|AU|", 1))


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
    else:  # the label's own text: "<strong>Autor:</strong> Jane Doe"
        label = _clean(el.text_content()) or ""
        tail = _clean(el.tail) or ""
        if tail and len(tail) < 100 and not _strip_label(label).strip(" |:"):
            return f"{label} {tail}"
    for _ in range(3):  # climb while the element holds the label alone ("<span>By</span>")
        if el is None:
            return None
        text = _element_text(el)
        if len(text) > 100:
            return None
        if _strip_label(text).strip(" |:"):
            return text
        el = el.getparent()
    return None


def _from_byline_text(page: Page, credits: _Credits) -> None:
    """A printed byline without byline markup: "By Jane Doe", "Von <em>Hans Muster</em>"."""
    for node in _BYLINE_TEXT(page.tree):
        if not (BYLINE_TEXT_RE.match(node) or MORE_BYLINE_PREFIX_RE.match(node)):
            continue
        if node.getparent() is None or _in_foreign_box(node.getparent()):
            continue
        text = _byline_candidate(node)
        if not text:
            continue
        parts = re.split(r"\s+\|\s+", text)  # "By Jane Doe | 12/10/2020"
        first = parts[0]
        if len(parts) > 1 and not _strip_label(first).strip(" :"):
            first = f"{first} {parts[1]}"  # "<span>By</span><span>Jane Doe</span>"
        names = _split_names(first)
        if names and all(_looks_like_name(n) for n in names):
            for name in names:
                credits.add(name)
            if credits.people:  # "By The Site" may precede "Written by: Jane Doe"
                return


# A short paragraph that is all emphasis or set to the right, outside page chrome: the shape
# of a signature under the article ("<p><b><i>Jane Doe</i></b></p>").
_SIGNATURE = etree.XPath(
    ".//body//p[string-length(normalize-space()) < 40]"
    "[(* and not(text()[normalize-space()]) and not(.//a or .//img))"
    " or @align='right' or contains(translate(@style, ' ', ''), 'text-align:right')]"
    "[not(ancestor::aside or ancestor::nav or ancestor::footer or ancestor::header)]"
)
_SIGNED_TEXT_CHARS = 120  # the paragraph before a signature is article text
_MORE_TEXT_CHARS = 200  # a paragraph this long after it: the article goes on


def _paragraph_chars(el: Any) -> int:
    return len(el.text_content()) if el is not None and el.tag == "p" else 0


def _from_signature(page: Page, credits: _Credits) -> None:
    """A name signed under the article's last paragraph: "… of conflicts." / "Denis Clerc"."""
    for el in _SIGNATURE(page.tree):
        if _paragraph_chars(el.getprevious()) < _SIGNED_TEXT_CHARS:
            continue
        if any(_paragraph_chars(nxt) > _MORE_TEXT_CHARS for nxt in el.itersiblings("p")):
            continue  # the article goes on: a sub-heading, not a signature
        text = el.text_content().strip()
        two_lines = "\n" in text or el.find(".//br") is not None
        if two_lines or text.endswith(":") or any(c.isdigit() or c == "/" for c in text):
            continue  # a name over a place (a reader's letter), a label, a table cell
        names = _split_names(text)
        if names and all(_looks_like_name(n) and len(n.split()) >= 2 for n in names):
            for name in names:
                credits.add(name)
            return


def _from_jsonld(page: Page, credits: _Credits) -> None:
    _from_ld(page.ld_resolve(page.article_ld.get("author")), credits)


_SOURCES = (
    _from_jsonld, _from_meta, _from_byline, _from_author_links, _from_byline_text, _from_signature,
)  # fmt: skip


def extract_authors(page: Page, site_name: str | None = None) -> list[str]:
    """People credited as authors; organisations only when no person is credited.

    Sources in order of trust: JSON-LD, meta tags, byline elements, author-page links, a
    printed "By …" line, a name signed under the last paragraph. The first source naming a
    person decides; otherwise the organisations of the first source naming any.
    """
    keys = _site_keys(page, site_name)
    orgs: list[str] = []
    for source in _SOURCES:
        credits = _Credits(keys)
        source(page, credits)
        if credits.people:
            return _dedupe(credits.people)
        orgs = orgs or credits.orgs
    return _dedupe(orgs)

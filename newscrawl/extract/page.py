"""Parse once: decode bytes, build the lxml tree, collect meta tags and JSON-LD."""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from charset_normalizer import from_bytes
from lxml import etree
from w3lib.encoding import html_to_unicode

from newscrawl.extract.patterns import ARTICLE_LD_TYPES

log = logging.getLogger(__name__)

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
# Every element is a plain HtmlElement, looked up in C: lxml.html's default lookup calls a Python
# function for each element proxy (to hand out form/input/label classes we never use), about
# 5 % of the extraction time.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
# A start tag longer than this keeps its name only: libxml2 checks attributes for duplicates in
# quadratic time (100,000 attributes on one tag: 13 s), and no article needs such a tag.
MAX_TAG_CHARS = 100_000
_MONSTER_TAG = re.compile(rf"<([a-zA-Z][^\s<>/]{{0,30}})[^<>]{{{MAX_TAG_CHARS},}}>")


def _detect(data: bytes) -> str | None:
    best = from_bytes(data[:200_000]).best()
    return best.encoding if best else None


# Codec names (codecs.lookup(...).name) of single-byte legacy encodings: ISO-8859-x, Windows-125x,
# KOI8, Mac, ASCII.
_SINGLE_BYTE_PREFIXES = ("iso8859", "cp125", "cp874", "koi8", "mac-", "ascii", "latin")


def _single_byte(encoding: str) -> bool:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith(_SINGLE_BYTE_PREFIXES)


def decode_html(html: str | bytes, content_type: str | None = None) -> str:
    """Return the page as text: BOM, HTTP header, <meta charset>, then detection; never raises.

    Bytes that are valid UTF-8 with multi-byte sequences are read as UTF-8 even when the page
    declares a single-byte encoding (Latin-1, cp1252, ISO-8859-x…): re-saved pages keep their old
    declaration, and real single-byte text is practically never valid UTF-8.
    """
    if isinstance(html, str):
        return html
    encoding, text = html_to_unicode(content_type, html, auto_detect_fun=_detect)
    if _single_byte(encoding) and not content_type:
        try:
            utf8 = html.decode("utf-8")
        except UnicodeDecodeError:
            return text
        if len(utf8) < len(html):  # some multi-byte sequence was there
            return utf8.lstrip("\ufeff")
    return text


@dataclass
class Page:
    """One parsed document shared by every field extractor."""

    url: str | None
    tree: Any  # lxml.html.HtmlElement (the <html> root)
    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)

    def meta_first(self, *keys: str) -> str | None:
        """First non-empty content among meta keys (name/property/itemprop, lower-case)."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value.strip():
                    return value.strip()
        return None

    def ld_resolve(self, value: Any) -> Any:
        """Replace a bare ``{"@id": ...}`` reference by the object with that @id (Yoast graphs)."""
        if isinstance(value, list):
            return [self.ld_resolve(v) for v in value]
        if isinstance(value, dict) and set(value) == {"@id"}:
            for obj in self.jsonld:
                if obj.get("@id") == value["@id"] and obj is not value:
                    return obj
        return value

    @property
    def article_ld(self) -> dict[str, Any]:
        """The JSON-LD object describing the article (NewsArticle, BlogPosting, ...), or {}."""
        for obj in self.jsonld:
            if ld_types(obj) & ARTICLE_LD_TYPES:
                return obj
        return {}


_NAME_SPLIT = re.compile(r"[^a-z0-9]+")


def name_tokens(names: str) -> set[str]:
    """The lower-case alphanumeric words of class/id names: "td_block-social" -> {td, block, social}."""
    return set(_NAME_SPLIT.split(names.lower())) - {""}


def class_id_tokens(el: Any) -> set[str]:
    """``name_tokens`` of an element's class and id."""
    return name_tokens(f"{el.get('class') or ''} {el.get('id') or ''}")


def ld_types(obj: dict[str, Any]) -> set[str]:
    """The @type values of a JSON-LD object as a set of strings."""
    t = obj.get("@type")
    if isinstance(t, str):
        return {t}
    if isinstance(t, list):
        return {x for x in t if isinstance(x, str)}
    return set()


def _empty_tree() -> Any:
    return lxml.html.document_fromstring("<html><body></body></html>", parser=_PARSER)


def _has_control(text: str) -> bool:
    """Whether ``text`` has control characters lxml refuses (a C-speed scan of its UTF-8 form;
    a regex search walks it character by character, 3x slower on a 300 kB page)."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _CONTROL_BYTES)) != len(data)


def _may_have_monster_tag(text: str) -> bool:
    """Whether a run of MAX_TAG_CHARS characters after a ``<`` has no ``>`` (cheap pre-check of
    ``_MONSTER_TAG``, which is slow on every long page: it tries each ``<``)."""
    if len(text) <= MAX_TAG_CHARS:
        return False
    for segment in text.split("<"):
        if len(segment) > MAX_TAG_CHARS and segment[:1].isalpha():
            end = segment.find(">")
            if end < 0 or end > MAX_TAG_CHARS:
                return True
    return False


def parse_tree(text: str) -> Any:
    """Parse HTML text into an lxml tree rooted at <html>; an empty document for unusable input."""
    text = _XML_DECL.sub("", text, count=1)
    if _has_control(text):
        text = _CONTROL.sub("", text)
    if _may_have_monster_tag(text):
        text = _MONSTER_TAG.sub(r"<\1>", text)
    if not text.strip():
        return _empty_tree()
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        log.debug("unparseable HTML: %s", exc)
        return _empty_tree()
    return root if root is not None else _empty_tree()


def _collect_meta(tree: Any) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content is not None:
            meta.setdefault(key.strip().lower(), []).append(content)
    return meta


def _walk_ld(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk_ld(item)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _walk_ld(node["@graph"])
        main = node.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _walk_ld(main)


def _collect_jsonld(tree: Any) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            try:  # trailing semicolons/commas and HTML comments are common
                data = json.loads(re.sub(r"^<!--|-->$|;\s*$", "", raw).strip(), strict=False)
            except (ValueError, RecursionError):
                continue
        except RecursionError:  # absurdly nested JSON: skip the script, keep the page
            continue
        objects.extend(_walk_ld(data))
    return objects


def load_page(html: str | bytes, url: str | None = None) -> Page:
    """Decode and parse ``html`` once and collect its metadata."""
    tree = parse_tree(decode_html(html))
    return Page(url=url, tree=tree, meta=_collect_meta(tree), jsonld=_collect_jsonld(tree))

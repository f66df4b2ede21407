"""Boilerplate removal on the parsed tree (in place): structure, ARIA roles, class/id tokens."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from newscrawl.extract.page import name_tokens
from newscrawl.extract.patterns import (
    AUTHOR_BOX_TOKENS,
    AUTHOR_TOKENS,
    BOILERPLATE_AFFIX_RE,
    BOILERPLATE_TOKENS,
    CONTENT_CLASS_RE,
    DROP_ROLES,
    DROP_TAGS,
    LEAD_TOKENS,
    NEGATION_TOKENS,
    NON_TEXT_TAGS,
    SUBHEADING_TAGS,
    TAXONOMY_CLASS_RE,
    WEAK_BOILERPLATE_TOKENS,
    WEAK_LAYOUT_TOKENS,
)

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A container holding this share of the page's paragraph text is never dropped by a token.
_PROTECT_SHARE = 0.5
_WEAK_MAX_TEXT = 400
_WRAPPED_BODY_CHARS = 500
_LAYOUT_TEXT_MIN = 100  # characters of link-free text that keep a layout-named weak container
_NAME_SPLIT = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class _Names:
    """What an element's class and id say, worked out once per distinct pair (templates repeat
    the same classes on every teaser, across the pages of a site too)."""

    tokens: frozenset[str]  # name tokens, taxonomy classes (category-*, tag-*) left out
    content: bool  # a name marks the article body
    boilerplate: bool  # a token (or affix) marks boilerplate
    weak: bool  # a weak boilerplate token without a lead token
    layout: bool  # every weak token names a layout role ("teaser-text"), none a kind of text


def _tokens(lowered: list[str]) -> frozenset[str]:
    """Name tokens of the class words, taxonomy classes left out and negated words too
    ("non-paywall" says the element is not a paywall)."""
    out: set[str] = set()
    for name in lowered:
        if TAXONOMY_CLASS_RE.match(name):
            continue
        negated = False
        for token in _NAME_SPLIT.split(name):
            if not token:
                continue
            if token in NEGATION_TOKENS:
                negated = True
            elif negated:
                negated = False
            else:
                out.add(token)
    return frozenset(out)


@functools.lru_cache(maxsize=16384)
def _names(cls: str, ident: str) -> _Names:
    names = f"{cls} {ident}".split()
    tokens = _tokens([n.lower() for n in names])
    weak = tokens & WEAK_BOILERPLATE_TOKENS
    return _Names(
        tokens=tokens,
        content=any(CONTENT_CLASS_RE.match(name) for name in names),
        boilerplate=bool(tokens & BOILERPLATE_TOKENS)
        or any(BOILERPLATE_AFFIX_RE.search(t) for t in tokens)
        or bool(tokens & AUTHOR_TOKENS and tokens & AUTHOR_BOX_TOKENS),
        weak=bool(weak) and not tokens & LEAD_TOKENS,
        layout=bool(weak) and weak <= WEAK_LAYOUT_TOKENS,
    )


def _element_names(el: Any) -> _Names:
    return _names(el.get("class") or "", el.get("id") or "")


def is_content_container(el: Any) -> bool:
    """True when a class/id name or itemprop marks ``el`` as the article body."""
    if (el.get("itemprop") or "") == "articleBody":
        return True
    return _element_names(el).content


# Cheap C-side prefilter for _wraps_article_body: elements whose class/id could name an article body
# (CONTENT_CLASS_RE's content words, first letter left out so "Body" and "body" both match).
_MARKED = etree.XPath(
    ".//*[@itemprop='articleBody' or "
    + " or ".join(
        f"contains(@{attr}, '{word}')"
        for attr in ("class", "id")
        for word in ("ody", "ontent", "ext", "nner", "rticle", "tory")
    )
    + "]"
)


def _wraps_article_body(el: Any) -> bool:
    """True when ``el`` contains a marked article body with real text (Blogger's posts sit in
    a "widget Blog" container). The candidates come from a C-side XPath prefilter."""
    if len(el.text_content()) < _WRAPPED_BODY_CHARS:
        return False  # most weak boxes (bylines, dates, tag lists): too little text to hold one
    return any(is_content_container(d) and len(d.text_content()) >= _WRAPPED_BODY_CHARS for d in _MARKED(el))


def _text_len(el: Any) -> int:
    return sum(len(p.text_content()) for p in el.iter("p"))


@dataclass
class _Totals:
    """Text held by the whole page: in <p> elements and in all."""

    para: int
    full: int

    def holds_most(self, el: Any) -> bool:
        """True when ``el`` holds the bulk of the page's text (so it is the article)."""
        if self.para >= 200 and _text_len(el) >= _PROTECT_SHARE * self.para:
            return True
        return self.full >= 200 and len(el.text_content()) >= _PROTECT_SHARE * self.full


def _verdict(el: Any, totals: _Totals) -> bool:
    """True when ``el`` is boilerplate and its whole subtree goes.

    Apart from non-text tags (scripts, styles, media), nothing that holds the bulk of the
    page's text is dropped: broken markup nests whole pages in an unclosed <nav> or <button>,
    Blogger serves the post inside <noscript>, streaming React inside a hidden <div>.
    """
    tag = el.tag
    if tag in NON_TEXT_TAGS:
        return True
    if tag not in DROP_TAGS and not el.attrib:
        return False  # most elements: nothing that could mark them as boilerplate
    structural = (
        tag in DROP_TAGS
        or el.get("hidden") is not None
        or bool(_HIDDEN_STYLE.search(el.get("style") or ""))
        or (el.get("role") or "").lower() in DROP_ROLES
        or (el.get("aria-hidden") == "true" and _text_len(el) < 200)
    )
    if structural:
        return not totals.holds_most(el)
    if tag in ("html", "body"):
        return False
    names = _element_names(el)
    if not names.tokens:
        return False
    if names.content or (el.get("itemprop") or "") == "articleBody":
        return False
    if tag in SUBHEADING_TAGS and el.find(".//a") is None:
        return False  # a sub-heading's own class says little; boxes go with their containers
    if names.boilerplate:
        return not (totals.holds_most(el) or _wraps_article_body(el))
    if names.weak:
        if _text_len(el) >= _WEAK_MAX_TEXT or totals.holds_most(el):
            return False
        if names.layout and _plain_text(el):
            return False
        return not (_holds_lead(el) or _wraps_article_body(el))
    return False


def _plain_text(el: Any) -> bool:
    """True when ``el`` holds a sentence or more of text and no links, and is not inside a
    link: a lead, not a teaser of another story."""
    if el.find(".//a") is not None or any(a.tag == "a" for a in el.iterancestors()):
        return False
    return len(el.text_content().strip()) >= _LAYOUT_TEXT_MIN


_PLAIN_SUBHEADING = etree.XPath(" | ".join(f".//{h}[not(.//a)]" for h in sorted(SUBHEADING_TAGS)))
_DESCENDANT_CLASSES = etree.XPath(".//@class")


def _holds_lead(el: Any) -> bool:
    """True when ``el`` holds a lead/standfirst or a sub-heading without links: a weak-token
    container around one (an article header, a live update's header) stays."""
    if _PLAIN_SUBHEADING(el):
        return True
    classes = " ".join(_DESCENDANT_CLASSES(el)).lower()
    return bool(name_tokens(classes) & LEAD_TOKENS)


def clean_tree(body: Any) -> None:
    """Remove boilerplate subtrees below ``body`` in place (tails are kept)."""
    totals = _Totals(_text_len(body), len(body.text_content()))
    doomed: list[Any] = []
    stack = [body]
    while stack:
        el = stack.pop()
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if _verdict(child, totals):
                doomed.append(child)
            else:
                stack.append(child)
    for el in doomed:
        el.drop_tree()

"""Main text: score containers by their paragraph text, take the best, emit its blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from newscrawl.extract.clean import clean_tree, is_content_container
from newscrawl.extract.page import name_tokens
from newscrawl.extract.patterns import (
    BLOCK_TAGS,
    BOILERPLATE_TEXT_RE,
    BOILERPLATE_TOKENS,
    BYLINE_PREFIX_RE,
    FURNITURE_MAX_CHARS,
    HEADING_TAGS,
    LEAD_TOKENS,
    PARAGRAPH_TAGS,
    PAYWALL_HINTS,
    PAYWALL_TEXT_RE,
    READER_ADDRESS_RE,
    SENTENCE_END_RE,
    TRAILING_PROMO_RE,
)

_PARA_BREAK = re.compile(r"\n[^\S\n]*\n")
_HAS_DIGIT_DATE = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
_MIN_PARAGRAPH = 25
_DATE_LINE_WORDS = 10  # words of a date line above the text ("Stand: 28. April 2023, 05:00 Uhr")
_PROMO_MAX = 400  # characters of a closing call to action
_PROMPT_MAX = 300  # characters of a paywall prompt block (an article paragraph is longer)
_LEAD_MIN, _LEAD_MAX = 40, 800  # characters of a standfirst
_LEAD_POSITIONAL_MIN = 80  # characters of own text for a class-less standfirst
_LEAD_POSITIONAL_TAGS = ("p", "div", "h2")  # a paragraph-long h2 under the headline is one too
_LEAD_H2_MIN = 150  # characters of an h2 standfirst (a one-line subtitle is not body text)
_HEADLINE_LEVELS = 3  # ancestors of the h1 whose following siblings count as "after" it
_LONG_LEAD_TOKENS = "|".join(sorted(t for t in LEAD_TOKENS if len(t) >= 5))
_LEAD_AFFIX = re.compile(rf"^(?:{_LONG_LEAD_TOKENS})|(?:{_LONG_LEAD_TOKENS})$")
_LEAD_HINT = re.compile("|".join(sorted(LEAD_TOKENS)))
_LINKED_HEADINGS = etree.XPath("count(.//h2[.//a] | .//h3[.//a] | .//h4[.//a])")
_TEASER_HEADLINE_MAX, _TEASER_SUMMARY_MAX = 200, 400  # characters
_MAX_NEW_TEASERS = 3  # climbing that adds this many linked headlines reached a teaser list
_CLIMB_RATIO = 1.4  # the ancestor holds 40% more paragraph text than the best container
_CLIMB_MIN_GAIN = 300  # ... and at least 300 more characters of it
_TWIN_MIN = 200  # characters of paragraph text in a repeated layout row joined to the body
_TWIN_MAX_LINKS = 0.3  # ... whose text is not mostly links
_CLIMB_DENSITY = 0.7  # ... and its text is mostly paragraph text (not lists of links)


@dataclass
class Block:
    """One paragraph-level run of text in reading order."""

    kind: str  # "p" or "h2".."h6" or "li"
    text: str
    link_chars: int


def norm(text: str) -> str:
    """Collapse whitespace (including no-break spaces) to single spaces and strip.

    ``str.split()`` splits on exactly the characters ``\\s`` matches, three times faster than
    the regex."""
    return " ".join(text.split())


def _link_density(el: Any, text_len: int) -> float:
    if not text_len:
        return 0.0
    links = sum(len(a.text_content()) for a in el.iter("a"))
    return min(1.0, links / text_len)


def _class_weight(el: Any) -> float:
    classes = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    if not classes.strip():
        return 0.0
    weight = 0.0
    if is_content_container(el):
        weight += 25
    if name_tokens(classes) & BOILERPLATE_TOKENS:
        weight -= 25
    return weight


def _paragraph_elements(root: Any) -> list[Any]:
    """Paragraph-like elements: <p>-family tags and divs that carry text of their own."""
    found = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in PARAGRAPH_TAGS:
            found.append(el)
        elif tag in ("div", "section", "td") and _own_text_len(el) >= _MIN_PARAGRAPH:
            found.append(el)
    return found


def _own_text_len(el: Any) -> int:
    total = len((el.text or "").strip())
    for child in el:
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS:
            total += len(child.text_content().strip())
        total += len((child.tail or "").strip())
    return total


@dataclass
class _Scores:
    """Readability-style scores (credited to the 3 nearest containers) and text mass per node."""

    score: dict[Any, float]
    mass: dict[Any, float]


def _score_candidates(root: Any) -> _Scores:
    scores: dict[Any, float] = {}
    mass: dict[Any, float] = {}
    for el in _paragraph_elements(root):
        text = el.text_content() if el.tag in PARAGRAPH_TAGS else (el.text or "")
        length = len(text.strip()) if el.tag in PARAGRAPH_TAGS else _own_text_len(el)
        if length < _MIN_PARAGRAPH:
            continue
        clean = 1 - _link_density(el, length)
        score = (1 + text.count(",") + min(length / 100, 3)) * clean
        holder = el if el.tag in ("div", "section", "td") else el.getparent()
        if holder is None:
            continue
        for depth, ancestor in enumerate((holder, *_ancestors(holder, 2))):
            if ancestor not in scores:
                scores[ancestor] = _class_weight(ancestor)
            scores[ancestor] += score / (1 + depth)
        for ancestor in (holder, *holder.iterancestors()):
            mass[ancestor] = mass.get(ancestor, 0.0) + length * clean
    return _Scores(scores, mass)


def _ancestors(el: Any, n: int) -> list[Any]:
    out: list[Any] = []
    parent = el.getparent() if el is not None else None
    while parent is not None and len(out) < n:
        out.append(parent)
        parent = parent.getparent()
    return out


def _climb(top: Any, mass: dict[Any, float]) -> Any:
    """Move up to an ancestor holding much more article text (bodies split in chunks), but
    not to one that adds a list of teasers (linked headlines of other stories)."""
    node = top
    teasers = _LINKED_HEADINGS(top)
    for ancestor in top.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        held = mass.get(ancestor, 0.0)
        if held < _CLIMB_RATIO * mass.get(node, 0.0) or held - mass.get(node, 0.0) < _CLIMB_MIN_GAIN:
            continue
        if _LINKED_HEADINGS(ancestor) - teasers >= _MAX_NEW_TEASERS:
            break
        if held >= _CLIMB_DENSITY * len(norm(ancestor.text_content())):
            node = ancestor  # mostly paragraph text: the chunks' common container
    return node


def _pick_roots(found: _Scores) -> list[Any]:
    """The best-scoring container plus siblings that look like continuations of it."""
    scores = found.score
    if not scores:
        return []
    top = _climb(max(scores, key=lambda el: scores[el]), found.mass)
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(10.0, scores.get(top, 0.0) * 0.2)
    roots = []
    before_top = True
    for sibling in parent:
        if sibling is top:
            roots.append(sibling)
            before_top = False
        elif not isinstance(sibling.tag, str):
            continue
        elif scores.get(sibling, 0) >= threshold:
            roots.append(sibling)
        elif sibling.tag == "p" or (before_top and sibling.tag in ("div", "header", "section")):
            # a lead / standfirst printed before the body container, or a stray paragraph
            text = norm(sibling.text_content())
            if len(text) > 80 and _link_density(sibling, len(text)) < 0.25:
                roots.append(sibling)
    return _with_layout_twins(roots, top, found.mass)


def _signature(el: Any) -> tuple[str, str]:
    return el.tag, el.get("class") or ""


def _with_layout_twins(roots: list[Any], top: Any, mass: dict[Any, float]) -> list[Any]:
    """Add the rows that repeat the layout of the row holding ``top``: a body split over
    several grid rows (``article > div.row > div.col``, one per chunk), cousins of ``top``
    rather than siblings. A twin has the same tag and class as the row and holds paragraph
    text that is not mostly links (a row of teasers is)."""
    row = top.getparent()
    if row is None or not isinstance(row.get("class"), str):
        return roots
    outer = row.getparent()
    if outer is None or outer.tag in ("body", "html"):
        return roots
    sig = _signature(row)
    twins = [
        el
        for el in outer
        if el is not row
        and isinstance(el.tag, str)
        and _signature(el) == sig
        and mass.get(el, 0.0) >= _TWIN_MIN
    ]
    twins = [el for el in twins if _link_density(el, len(norm(el.text_content()))) < _TWIN_MAX_LINKS]
    if not twins:
        return roots
    out: list[Any] = []
    for el in outer:
        if el is row:
            out.extend(roots)
        elif any(el is t for t in twins):
            out.append(el)
    return out


def _blocks(root: Any) -> list[Block]:
    """Split ``root`` into paragraph blocks in reading order (iterative walk)."""
    out: list[Block] = []
    buf: list[str] = []
    links = [0]  # characters of linked text in the buffer
    in_link = 0  # depth of <a> elements around the walk's position

    def add(text: str) -> None:
        buf.append(text)
        if in_link:
            links[0] += len(norm(text))

    def flush(kind: str) -> None:
        raw = "".join(buf)
        buf.clear()
        for part in _PARA_BREAK.split(raw):
            text = norm(part)
            if text:
                out.append(Block(kind, text, links[0]))
        links[0] = 0

    # Events: (element, entering?) — an explicit stack instead of recursion.
    stack: list[tuple[Any, bool]] = [(root, True)]
    while stack:
        el, entering = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if entering:
            if tag in BLOCK_TAGS:
                flush("p")
            if tag == "br":
                buf.append("\n")
            elif tag == "a":
                in_link += 1
            if el.text and tag:
                add(el.text)
            stack.append((el, False))
            for child in reversed(el):
                stack.append((child, True))
        else:
            if tag in BLOCK_TAGS:
                flush(tag if tag in HEADING_TAGS or tag == "li" else "p")
            elif tag == "a":
                in_link -= 1
            if el is not root and el.tail:
                add(el.tail)
    flush("p")
    return out


def _keep(block: Block, title: str | None) -> bool:
    text = block.text
    if BOILERPLATE_TEXT_RE.match(text):
        return False
    if len(text) <= _PROMPT_MAX and _paywall_prompt(text):
        return False  # "The rest of this article is reserved for subscribers"
    if title and norm(text).casefold() == norm(title).casefold():
        return False
    density = block.link_chars / max(1, len(text))
    if density > 0.6 or (block.kind == "li" and density > 0.3):
        return False
    return True


def _paywall_prompt(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in PAYWALL_HINTS) and bool(PAYWALL_TEXT_RE.search(text))


def _is_head_furniture(block: Block) -> bool:
    """Bylines and date lines printed above the first paragraph."""
    text = block.text
    if len(text) > 90 or block.kind in HEADING_TAGS:
        return False
    if BYLINE_PREFIX_RE.match(text):
        return True
    if _HAS_DIGIT_DATE.search(text):
        return len(text.split()) <= _DATE_LINE_WORDS  # a date line, not a sentence with a date
    return len(text) < 30 and not SENTENCE_END_RE.search(text)  # "Suche", "Aktuell"


def extract_paragraphs(body_el: Any, title: str | None) -> list[str]:
    """Clean the tree in place and return the article's paragraphs (sub-headings included)."""
    if body_el is None:
        return []
    lead = _find_lead(body_el)
    h1_seen = _after_headline(body_el, title)
    for h1 in list(body_el.iter("h1")):
        h1.drop_tree()  # the headline is the title field, not body text
    clean_tree(body_el)
    roots = _pick_roots(_score_candidates(body_el))
    blocks = [b for root in roots for b in _blocks(root)]
    if lead is None and roots:
        lead = _first_text_after_headline(body_el, roots[0], h1_seen)
    if lead is not None and _still_attached(lead, body_el) and not _inside(lead, roots):
        blocks = _blocks(lead) + blocks  # the standfirst printed above the body container
    blocks = _drop_teaser_runs(blocks)
    blocks = [b for b in blocks if _keep(b, title)]
    while blocks and _is_head_furniture(blocks[0]):
        blocks.pop(0)
    while blocks and (
        _is_label(blocks[-1]) or blocks[-1].kind in HEADING_TAGS or _is_closing_promo(blocks, -1)
    ):
        blocks.pop()  # labels after the last sentence; a heading with nothing under it; a call to action
    return [b.text for b in blocks]


def _is_closing_promo(blocks: list[Block], index: int) -> bool:
    """A short block at the end that asks the reader to subscribe, follow, comment or donate."""
    text = blocks[index].text
    return (
        len(blocks) > 1
        and len(text) <= _PROMO_MAX
        and bool(TRAILING_PROMO_RE.search(text))
        and bool(READER_ADDRESS_RE.search(text))
    )


def _is_linked_headline(block: Block) -> bool:
    return len(block.text) <= _TEASER_HEADLINE_MAX and block.link_chars >= 0.6 * len(block.text)


def _drop_teaser_runs(blocks: list[Block]) -> list[Block]:
    """Remove runs of teasers (a linked headline, then a short summary, at least twice in a
    row) and the label heading before them: "More from …" lists inside the body container."""
    keep = [True] * len(blocks)
    i = 0
    while i < len(blocks):
        j = i
        while (
            j + 1 < len(blocks)
            and _is_linked_headline(blocks[j])
            and not _is_linked_headline(blocks[j + 1])
            and len(blocks[j + 1].text) <= _TEASER_SUMMARY_MAX
        ):
            j += 2
        if (j - i) // 2 >= 2:
            start = i - 1 if i > 0 and _is_label(blocks[i - 1]) else i
            for k in range(start, j):
                keep[k] = False
            i = j
        else:
            i += 1
    return [b for b, k in zip(blocks, keep, strict=True) if k]


def _is_lead_class(classes: str) -> bool:
    """A class naming a lead: a lead token, or a compound ending/starting with a long one
    ("DefaultEinleitung", "articleIntro")."""
    lowered = classes.lower()
    if not _LEAD_HINT.search(lowered):  # cheap test first: most classes name no lead
        return False
    tokens = name_tokens(lowered)
    return bool(tokens & LEAD_TOKENS) or any(_LEAD_AFFIX.search(t) for t in tokens)


def _find_lead(body_el: Any) -> Any | None:
    """The standfirst: the first element after the headline whose class names it a lead
    (``lead``, ``intro``, ``standfirst``, ``summary``, …) and that holds a sentence or two."""
    seen_h1 = False
    for el in body_el.iter(etree.Element):
        if el.tag == "h1":
            seen_h1 = True
        elif seen_h1 and el.get("class") and _is_lead_class(el.get("class")):
            length = len(norm(el.text_content()))
            if _LEAD_MIN <= length <= _LEAD_MAX and el.find(".//h1") is None:
                return el
    return None


def _after_headline(body_el: Any, title: str | None) -> set[Any]:
    """Elements that follow the headline: the following siblings of the h1 and of its nearest
    ancestors (a standfirst often sits in the next box of the article header). The h1s that
    read as the title when there are such, else all."""
    h1s = list(body_el.iter("h1"))
    key = norm(title or "").casefold()
    titled = [h1 for h1 in h1s if key and norm(h1.text_content()).casefold() == key]
    after: set[Any] = set()
    for h1 in titled or h1s:
        for el in (h1, *_ancestors(h1, _HEADLINE_LEVELS)):
            if el is body_el:
                break
            after.update(el.itersiblings())
    return after


def _lead_min(el: Any) -> int:
    return _LEAD_H2_MIN if el.tag == "h2" else _LEAD_POSITIONAL_MIN


def _first_text_after_headline(body_el: Any, root: Any, after_h1: set[Any]) -> Any | None:
    """A paragraph printed between the headline and the body container (a standfirst
    without a telling class): the first p/div there with a sentence of text."""
    started = False
    for el in body_el.iter(etree.Element):
        if el is root:
            return None
        if el in after_h1:
            started = True
        if started and el.tag in _LEAD_POSITIONAL_TAGS and _own_text_len(el) >= _lead_min(el):
            text = norm(el.text_content())
            if _link_density(el, len(text)) < 0.2 and len(text) <= _LEAD_MAX:
                return el
    return None


def _still_attached(el: Any, root: Any) -> bool:
    return any(ancestor is root for ancestor in el.iterancestors())


def _inside(el: Any, roots: list[Any]) -> bool:
    return any(el is root or any(a is root for a in el.iterancestors()) for root in roots) or any(
        any(a is el for a in root.iterancestors()) for root in roots
    )


def _is_label(block: Block) -> bool:
    """A short block that is not a sentence: a label or the heading of what follows."""
    return len(block.text) <= FURNITURE_MAX_CHARS and not SENTENCE_END_RE.search(block.text)

"""Quotation spans: where quotes are in the body and whether they are quotes at all.

``find_spans`` reads every common quotation-mark system, quotes that run over several
paragraphs (an opening mark without closer continues when the next paragraph opens again) and
drops unbalanced marks at the paragraph end rather than swallowing the article. ``quote_kind``
tells ``direct`` from ``partial`` and turns away scare quotes and titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscrawl.extract.quote_tables import (
    MIN_QUOTE_WORDS,
    QUOTE_PAIRS,
    TITLE_SMALL_WORDS,
)

_WORD = re.compile(r"\w+")
_OPENER = re.compile("|".join(re.escape(m) for m in QUOTE_PAIRS))
SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


@dataclass
class Span:
    """One quotation: where it starts and ends, and the words inside the marks."""

    paragraph: int
    start: int  # offset of the opening mark in its paragraph
    end_paragraph: int
    end: int  # offset just after the closing mark in the end paragraph
    text: str


def _inner(text: str) -> str:
    """The quoted words: trimmed, without the comma that hands over to the attribution."""
    return text.strip().rstrip(",").rstrip()


def _opens(text: str, i: int) -> bool:
    """An opening mark stands at a word start (an apostrophe inside a word never opens)."""
    return i == 0 or not (text[i - 1].isalnum())


def _close_at(text: str, start: int, closers: tuple[str, ...]) -> tuple[int, int] | None:
    """(offset, length) of the first closing mark after ``start``, or None."""
    best: tuple[int, int] | None = None
    for closer in closers:
        k = text.find(closer, start)
        while k != -1 and closer in ("’", "'") and k + 1 < len(text) and text[k + 1].isalpha():
            k = text.find(closer, k + 1)  # "don’t": an apostrophe, not a closing mark
        if k != -1 and (best is None or k < best[0]):
            best = (k, len(closer))
    return best


def find_spans(paragraphs: list[str]) -> list[Span]:
    """Every quotation in ``paragraphs``, in reading order."""
    spans: list[Span] = []
    p = 0
    while p < len(paragraphs):
        text = paragraphs[p]
        i = 0
        next_p = p + 1
        while i < len(text):
            found_mark = _OPENER.search(text, i)
            if found_mark is None:
                break
            i = found_mark.start()
            mark = text[i]
            if not _opens(text, i):
                i += 1
                continue
            closers = QUOTE_PAIRS[mark]
            found = _close_at(text, i + 1, closers)
            if found:
                k, length = found
                spans.append(Span(p, i, p, k + length, _inner(text[i + 1 : k])))
                i = k + length
                continue
            span = _continued(paragraphs, p, i, mark, closers)
            if span is None and not text[:i].strip():  # a paragraph-long quote left open
                span = Span(p, i, p, len(text), _inner(text[i + 1 :]))
            if span is not None:  # a quote over several paragraphs
                spans.append(span)
                if span.end_paragraph > p:
                    next_p = span.end_paragraph + 1
                    _scan_rest(paragraphs, span, spans)
                break
            i += 1  # an unbalanced mark: ignore it, never swallow the rest
        p = max(next_p, p + 1)
    return spans


def _continued(paragraphs: list[str], p: int, i: int, mark: str, closers: tuple[str, ...]) -> Span | None:
    """A quote opened in paragraph ``p`` and left open: it goes on while each next paragraph
    opens with the same mark, and ends at the first closing mark."""
    parts = [paragraphs[p][i + 1 :].strip()]
    q = p + 1
    while q < len(paragraphs) and paragraphs[q].lstrip().startswith(mark):
        nxt = paragraphs[q].lstrip()
        found = _close_at(nxt, 1, closers)
        if found:
            k, length = found
            parts.append(nxt[1:k].strip())
            offset = len(paragraphs[q]) - len(nxt)
            return Span(p, i, q, offset + k + length, _inner(" ".join(parts)))
        parts.append(nxt[1:].strip())
        q += 1
    return None


def _scan_rest(paragraphs: list[str], span: Span, spans: list[Span]) -> None:
    """Quotes that follow a multi-paragraph quote in its last paragraph."""
    rest = paragraphs[span.end_paragraph][span.end :]
    sub = find_spans([rest])
    for s in sub:
        spans.append(
            Span(span.end_paragraph, span.end + s.start, span.end_paragraph, span.end + s.end, s.text)
        )


def _is_title_case(text: str) -> bool:
    """A title: (nearly) every word but the small ones capitalised, no sentence punctuation."""
    words = [w for w in text.split() if w[:1].isalpha() and w.lower() not in TITLE_SMALL_WORDS]
    capital = sum(w[0].isupper() for w in words)
    return 0 < len(words) <= 12 and capital >= 0.8 * len(words) and not SENTENCE_END.search(text)


def quote_kind(span: Span, paragraphs: list[str]) -> str | None:
    """ "direct", "partial", or None for scare quotes, titles and terms."""
    text = span.text
    if len(_WORD.findall(text)) < MIN_QUOTE_WORDS or _is_title_case(text):
        return None
    before = paragraphs[span.paragraph][: span.start].rstrip()
    mid_sentence = bool(before) and before[-1].isalnum()
    complete = text[:1].isupper() and bool(re.search(r"[.!?…]$", text.rstrip(",;")))
    if mid_sentence and (not text[:1].isupper() or not complete):
        return "partial"
    return "direct"

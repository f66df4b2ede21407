"""The three extractors the corpus benchmark compares, behind one call shape.

Each adapter takes the page's raw (gunzipped) bytes and URL, lets the library decode
them the way it normally does, and returns ``(Prediction, seconds)`` where ``seconds``
covers only the library's extraction call, not our mapping of its output.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import lxml.html

# Block elements that end a paragraph when readability's summary HTML is turned into text.
_BLOCK_TAGS = (
    "p", "div", "section", "article", "blockquote", "pre", "li", "ul", "ol", "dl", "dt",
    "dd", "table", "tr", "td", "th", "figure", "figcaption", "header", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr",
)  # fmt: skip


@dataclass
class Prediction:
    """One extractor's record for one page, reduced to the scored fields."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    body: str = ""
    page_type: str | None = None  # ours only


Adapter = Callable[[bytes, str], tuple[Prediction, float]]


def run_ours(html: bytes, url: str) -> tuple[Prediction, float]:
    """newscrawl: ``extract_article(bytes, url).to_dict()``; newscrawl decodes itself."""
    from newscrawl import extract_article

    start = time.perf_counter()
    article = extract_article(html, url)
    record = article.to_dict()
    seconds = time.perf_counter() - start
    return (
        Prediction(
            title=record.get("title"),
            authors=list(record.get("authors") or []),
            published=record.get("published"),
            body=record.get("body") or "",
            page_type=getattr(article, "page_type", None),
        ),
        seconds,
    )


def run_trafilatura(html: bytes, url: str) -> tuple[Prediction, float]:
    """trafilatura 2.x ``bare_extraction`` (no comments, with metadata) -> Document."""
    import trafilatura

    start = time.perf_counter()
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    seconds = time.perf_counter() - start
    if doc is None:
        return Prediction(), seconds
    if isinstance(doc, dict):  # trafilatura 1.x, or as_dict=True
        get = doc.get
    else:

        def get(name: str) -> object:
            return getattr(doc, name, None)

    author = get("author") or ""
    return (
        Prediction(
            title=get("title") or None,
            authors=[a.strip() for a in str(author).split(";") if a.strip()],
            published=get("date") or None,
            body=str(get("text") or ""),
        ),
        seconds,
    )


def run_readability(html: bytes, url: str) -> tuple[Prediction, float]:
    """readability-lxml: ``Document(bytes).summary()`` and ``.short_title()``; no metadata."""
    from readability import Document

    start = time.perf_counter()
    doc = Document(html, url=url)
    summary = doc.summary()
    title = doc.short_title()
    seconds = time.perf_counter() - start
    return Prediction(title=title or None, body=html_to_text(summary)), seconds


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one block per paragraph, blocks joined by blank lines."""
    if not fragment or not fragment.strip():
        return ""
    parts: list[str] = []
    _collect_text(lxml.html.fromstring(fragment), parts)
    blocks = (" ".join(b.split()) for b in "".join(parts).split("\n\n"))
    return "\n\n".join(b for b in blocks if b)


def _collect_text(el: lxml.html.HtmlElement, parts: list[str]) -> None:
    """Append el's text to ``parts`` with a blank line around block elements (no mutation)."""
    if not isinstance(el.tag, str):  # comment or processing instruction: no text of its own
        return
    block = el.tag in _BLOCK_TAGS
    if block:
        parts.append("\n\n")
    parts.append(" " if el.tag == "br" else el.text or "")
    for child in el:
        _collect_text(child, parts)
        parts.append(child.tail or "")
    if block:
        parts.append("\n\n")


EXTRACTORS: dict[str, Adapter] = {
    "ours": run_ours,
    "trafilatura": run_trafilatura,
    "readability": run_readability,
}


def quiet_libraries() -> None:
    """Silence the libraries' per-page warnings so the table stays readable."""
    for name in ("trafilatura", "htmldate", "courlan", "readability", "readability.readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)

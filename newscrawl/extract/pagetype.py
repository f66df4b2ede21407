"""Article or listing page? Signals: JSON-LD/OG types, URL shape, text density, teaser count."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from newscrawl.extract.page import Page, ld_types
from newscrawl.extract.patterns import (
    ARTICLE_LD_TYPES,
    ARTICLE_QUERY_RE,
    ARTICLE_URL_RE,
    LISTING_LD_TYPES,
    LISTING_URL_RE,
)

# A page with many linked headlines is a list of teasers unless its text is much longer.
_TEXT_PER_TEASER = 250
_TEASER_XPATH = "count(.//h2[.//a] | .//h3[.//a] | .//h4[.//a])"


def count_teasers(tree: Any) -> int:
    """Linked headlines on the page: many of them mean a list of teasers."""
    return int(tree.xpath(_TEASER_XPATH))


# Text can add at most this much to the score (dense-text): a page whose own statements score
# below ARTICLE_SCORE - MAX_TEXT_SCORE is a listing whatever its text.
ARTICLE_SCORE = 0.5
MAX_TEXT_SCORE = 1.0


def statement_score(page: Page) -> tuple[float, list[str]]:
    """The score from what the page says of itself (JSON-LD and OG types, URL shape) and why."""
    score = 0.0
    reasons: list[str] = []
    types = set().union(*(ld_types(o) for o in page.jsonld)) if page.jsonld else set()
    if types & ARTICLE_LD_TYPES and page.article_ld.get("headline"):
        score += 2
        reasons.append("jsonld-article")
    elif types & LISTING_LD_TYPES:
        score -= 2
        reasons.append("jsonld-listing")
    og_type = (page.meta_first("og:type") or "").lower()
    if og_type == "article":
        score += 1
        reasons.append("og-article")
    parts = urlsplit(page.url or "")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    last_segment = "/" + parts.path.rstrip("/").rsplit("/", 1)[-1]
    query = f"?{parts.query}" if parts.query else ""
    if page.url and (ARTICLE_URL_RE.search(last_segment) or ARTICLE_QUERY_RE.search(query)):
        score += 1  # a slug, id or date names one story, whatever section it sits in
        reasons.append("article-url")
    elif page.url and LISTING_URL_RE.search(path):
        score -= 2
        reasons.append("listing-url")
    elif ARTICLE_URL_RE.search(parts.path):
        score += 1
        reasons.append("article-url")
    return score, reasons


def listing_before_text(page: Page) -> tuple[str, str] | None:
    """("listing", reason) when the page's statements alone rule out an article, else None.

    Lets a crawl skip body, dates, authors and quotes of pages it will drop anyway."""
    score, reasons = statement_score(page)
    if score + MAX_TEXT_SCORE >= ARTICLE_SCORE:
        return None
    return "listing", f"listing (score {score:+g} before text: {', '.join(reasons)})"


def classify_page(page: Page, paragraphs: list[str], teasers: int) -> tuple[str, str]:
    """("article" | "listing", reason) from the page's own statements and its shape."""
    score, reasons = statement_score(page)
    text_len = sum(len(p) for p in paragraphs)
    long_paras = sum(1 for p in paragraphs if len(p) >= 80)
    if text_len >= 600 and long_paras >= 3:
        score += MAX_TEXT_SCORE
        reasons.append("dense-text")
    elif text_len >= 400 and long_paras >= 2:
        score += 0.5
        reasons.append("some-text")
    elif text_len < 250:
        score -= 2
        reasons.append("little-text")
    if teasers >= 8 and text_len < _TEXT_PER_TEASER * teasers:
        score -= 1.5
        reasons.append(f"{teasers}-teasers")
    kind = "article" if score >= ARTICLE_SCORE else "listing"
    return kind, f"{kind} (score {score:+g}: {', '.join(reasons) or 'no signal'})"

"""Paywall stubs: does the page say the article is behind a paywall (so the body is partial)?"""

from __future__ import annotations

from typing import Any

from newscrawl.extract.page import Page
from newscrawl.extract.patterns import PAYWALL_HINTS, PAYWALL_TEXT_RE

_PROMPT_MAX_CHARS = 300  # a paywall prompt is a short box, not an article paragraph


def _not_free(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def is_paywalled(page: Page) -> bool:
    """True when JSON-LD marks the article not free (schema.org ``isAccessibleForFree``) or the
    page shows a subscription prompt such as "Subscribe to continue reading"."""
    if _not_free(page.article_ld.get("isAccessibleForFree")):
        return True
    body = page.tree.find("body")
    if body is None:
        return False
    text = body.text_content().lower()
    if not any(hint in text for hint in PAYWALL_HINTS):
        return False  # cheap substring test first; the regex runs on short elements only
    for el in body.iter("p", "h2", "h3", "h4", "div", "span", "a"):
        text = el.text
        if not text or len(text) > _PROMPT_MAX_CHARS:
            continue
        lowered = text.lower()  # the hints are in every prompt: the regex only where one is
        if any(hint in lowered for hint in PAYWALL_HINTS) and PAYWALL_TEXT_RE.search(text):
            return True
    return False

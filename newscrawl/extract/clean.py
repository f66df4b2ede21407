"""Boilerplate removal on the parsed tree (in place): structure, ARIA roles, class/id tokens."""

from __future__ import annotations

import re
from typing import Any

from newscrawl.extract.patterns import (
    BOILERPLATE_TOKENS,
    CONTENT_CLASS_RE,
    DROP_ROLES,
    DROP_TAGS,
    GUARDED_TAGS,
    WEAK_BOILERPLATE_TOKENS,
)

_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A container holding this share of the page's paragraph text is never dropped by a token.
_PROTECT_SHARE = 0.5
_WEAK_MAX_TEXT = 400


def _tokens(el: Any) -> set[str]:
    value = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return set(_TOKEN_SPLIT.split(value)) - {""}


def _text_len(el: Any) -> int:
    return sum(len(p.text_content()) for p in el.iter("p"))


def _verdict(el: Any, total_text: int) -> bool:
    """True when ``el`` is boilerplate and its whole subtree goes."""
    tag = el.tag
    if tag in DROP_TAGS:
        if tag in GUARDED_TAGS:  # e.g. ASP.NET pages wrap everything in one <form>
            return _text_len(el) < _PROTECT_SHARE * total_text
        return True
    if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    if (el.get("role") or "").lower() in DROP_ROLES:
        return True
    if el.get("aria-hidden") == "true" and _text_len(el) < 200:
        return True
    if tag in ("html", "body"):
        return False
    tokens = _tokens(el)
    if not tokens:
        return False
    classes = f"{el.get('class') or ''} {el.get('id') or ''}"
    if CONTENT_CLASS_RE.search(classes) or (el.get("itemprop") or "") == "articleBody":
        return False
    if tokens & BOILERPLATE_TOKENS:
        return _text_len(el) < _PROTECT_SHARE * total_text or total_text < 200
    if tokens & WEAK_BOILERPLATE_TOKENS:
        return _text_len(el) < min(_WEAK_MAX_TEXT, _PROTECT_SHARE * total_text + 1)
    return False


def clean_tree(body: Any) -> None:
    """Remove boilerplate subtrees below ``body`` in place (tails are kept)."""
    total_text = _text_len(body)
    doomed: list[Any] = []
    stack = [body]
    while stack:
        el = stack.pop()
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if _verdict(child, total_text):
                doomed.append(child)
            else:
                stack.append(child)
    for el in doomed:
        el.drop_tree()

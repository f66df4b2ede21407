"""Datelines: ``WASHINGTON (AP) —``, ``MONTRÉAL, Québec (CU)_``, ``LONDON, Nov 27 (Reuters) -``.

The forms, tried in order on the start of the first paragraph:

1. a place in capitals, optional region, date and agency credit, then a separator
   (``WASHINGTON (AP) —``, ``SAN JUAN, Puerto Rico (AP) —``, ``CHICAGO --``);
2. a place in normal case with an agency credit (``Berlin (dpa) -``, ``Frankfurt/Main (dpa) -``,
   ``Wiesbaden (KNA). Der …``);
3. places in normal case joined by ``/`` (``München/London –``), or one place before the
   Spanish wire separator ``.-`` (``Washington.- El …``);
4. an agency credit alone (``(EFE).- …``).

A dateline is always followed by the first sentence, which starts with a capital, a digit or
a quotation mark.
"""

from __future__ import annotations

import re

from newscrawl.extract.dates import normalise_date
from newscrawl.extract.model import Dateline
from newscrawl.extract.patterns import DATELINE_NOT_PLACES

_UP = r"A-ZÀ-ÖØ-ÞĀ-Ž"  # upper-case letters, Latin-1 and Latin Extended-A
_CAPS_WORD = rf"[{_UP}][{_UP}'’.\-]*[{_UP}.]"  # WASHINGTON, N.Y., SAINT-DENIS, O'HARE
_CAP_WORD = rf"[{_UP}][\w'’.\-]*"  # Québec, Calif., Rio
_CAPS_PLACE = rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}(?:/{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}})*"
_MIXED_ONE = rf"{_CAP_WORD}(?:[\s-]+(?:am|an|de|del|la|le|sur|upon|{_CAP_WORD})){{0,3}}"
_MIXED_PLACE = rf"{_MIXED_ONE}(?:/{_MIXED_ONE})*"
_REGION = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}}"
_MONTH = r"[A-Za-zÀ-ÿ]{3,10}\.?"
_DATE = (
    rf"(?:(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\.?\s+{_MONTH})(?:,?\s+\d{{4}})?"  # Nov 27, 3. März 2024
    r"|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?)"  # 27.6.2025
)
_AGENCY = r"\((?P<agency>[^()\n]{1,40})\)"
_IN_REGION = rf"(?:,\s+{_REGION})?"  # ", Québec", ", Calif."
_TAIL = rf"(?:,?\s+(?P<date>{_DATE}))?"
# Separators between dateline and sentence: a dash (spaced, or "--"), "_", ".-" (Spanish wire
# style); after an agency credit also ":" and ".".
_DASH = r"(?:\s*[—–]\s*|\s+--?\s+|\s*--\s*|_\s*|\s+-(?=\S)|-\s+|\.[-—–]\s*)"
_AFTER_AGENCY = rf"(?:{_DASH}|:\s+|\.\s+)"

_FORMS = [
    re.compile(
        rf"^(?P<text>(?P<place>{_CAPS_PLACE}{_IN_REGION}){_TAIL}(?:\s*{_AGENCY})?)(?P<sep>{_DASH}|:\s+)"
    ),
    re.compile(rf"^(?P<text>(?P<place>{_MIXED_PLACE}{_IN_REGION}){_TAIL}\s*{_AGENCY})(?P<sep>{_DASH}|\.\s+)"),
    re.compile(rf"^(?P<text>(?P<place>{_MIXED_ONE}),\s+(?P<date>{_DATE}))(?P<sep>{_DASH})"),
    re.compile(rf"^(?P<text>(?P<place>{_MIXED_ONE}(?:/{_MIXED_ONE})+))(?P<sep>\s+[—–-]\s+)"),
    re.compile(rf"^(?P<text>(?P<place>{_MIXED_ONE}))(?P<sep>\.[-—–]\s*)"),
    re.compile(rf"^(?P<text>{_AGENCY})(?P<sep>{_AFTER_AGENCY})"),
]
_SENTENCE_START = re.compile(r"[\"“„«‘'\d]|[^\W\d_]")


_DAY_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})\.")


def _iso_day(printed: str | None, published: str | None, language: str | None) -> str | None:
    if not printed:
        return None
    numeric = _DAY_MONTH.match(printed)
    if numeric and published and not re.search(r"\.\d{4}$", printed):
        printed = f"{numeric[1]}.{numeric[2]}.{published[:4]}"  # "27.6." or a typo'd year
    elif published and not re.search(r"\d{4}", printed):
        printed = f"{printed} {published[:4]}"
    langs = [language] if language else None
    iso = normalise_date(printed, langs)
    return iso[:10] if iso else printed


def _match(paragraph: str) -> re.Match[str] | None:
    for form in _FORMS:
        match = form.match(paragraph)
        if match:
            return match
    return None


def parse_dateline(
    paragraph: str, published: str | None = None, language: str | None = None
) -> Dateline | None:
    """The dateline opening ``paragraph``, or None when it has none."""
    match = _match(paragraph)
    if not match:
        return None
    groups = match.groupdict()
    location = (groups.get("place") or "").strip() or None
    agency = (groups.get("agency") or "").strip() or None
    text = match["text"].strip()
    if location and location.endswith(".") and match["sep"][:1] in "-—–":
        location, text = location[:-1], text[:-1]  # "HONDURAS.-": the period is the separator's
    if location and (location.upper() in DATELINE_NOT_PLACES or len(location) < 2):
        return None
    if match["sep"].startswith(":") and not agency:
        return None  # "SPORTS: ..." is a label; a colon only counts after an agency credit
    rest = paragraph[match.end() :]
    if not rest or not _SENTENCE_START.match(rest) or not (rest[0].isupper() or not rest[0].isalpha()):
        return None  # a dateline is followed by the first sentence
    return Dateline(
        text=text,
        location=location,
        agency=agency,
        date=_iso_day(groups.get("date"), published, language),
    )

"""Datelines: ``WASHINGTON (AP) —``, ``MONTRÉAL, Québec (CU)_``, ``LONDON, Nov 27 (Reuters) -``."""

from __future__ import annotations

import re

from newscrawl.extract.dates import normalise_date
from newscrawl.extract.model import Dateline
from newscrawl.extract.patterns import DATELINE_NOT_PLACES

_UP = r"A-ZÀ-ÖØ-ÞĀ-Ž"  # upper-case letters, Latin-1 and Latin Extended-A
_CAPS_WORD = rf"[{_UP}][{_UP}'’.\-]*[{_UP}.]"  # WASHINGTON, N.Y., SAINT-DENIS, O'HARE
_CAP_WORD = rf"[{_UP}][\w'’.\-]*"  # Québec, Calif., Rio
_CAPS_PLACE = rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}"
_MIXED_PLACE = rf"{_CAP_WORD}(?:[\s-]+(?:am|an|de|del|la|le|sur|upon|{_CAP_WORD})){{0,3}}"
_REGION = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}}"
_MONTH = r"[A-Za-zÀ-ÿ]{3,10}\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\.?\s+{_MONTH})(?:,?\s+\d{{4}})?"
_AGENCY = r"\((?P<agency>[^()\n]{1,40})\)"
# Separator after the dateline: a dash with spaces, "--", "_", ".-" (Spanish wire style),
# or ":" (only after an agency).
_SEP = r"(?:\s*[—–]\s*|\s+--?\s+|\s*--\s*|_\s*|\s+-(?=\S)|-\s+|\.[-—–]\s*)"

_DATELINE_RE = re.compile(
    rf"""^(?P<text>
        (?:
            (?P<caps>{_CAPS_PLACE}(?:,\s+{_REGION})?)          # WASHINGTON / MONTRÉAL, Québec
            (?:,?\s+(?P<date1>{_DATE}))?                       # LONDON, Nov 27
            (?:\s*{_AGENCY})?                                  # (Reuters)
          |
            (?P<mixed>{_MIXED_PLACE}(?:,\s+{_REGION})?)        # Berlin (dpa) -: needs the agency
            (?:,?\s+(?P<date2>{_DATE}))?
            \s*\((?P<agency2>[^()\n]{{1,40}})\)
        )
    )(?P<sep>{_SEP}|:\s+)""",
    re.X,
)


def _iso_day(printed: str | None, published: str | None, language: str | None) -> str | None:
    if not printed:
        return None
    if published and not re.search(r"\d{4}", printed):
        printed = f"{printed} {published[:4]}"
    langs = [language] if language else None
    iso = normalise_date(printed, langs)
    return iso[:10] if iso else printed


def parse_dateline(
    paragraph: str, published: str | None = None, language: str | None = None
) -> Dateline | None:
    """The dateline opening ``paragraph``, or None when it has none."""
    match = _DATELINE_RE.match(paragraph)
    if not match:
        return None
    location = (match["caps"] or match["mixed"] or "").strip()
    agency = match["agency"] or match["agency2"]
    if location.upper() in DATELINE_NOT_PLACES or len(location) < 2:
        return None
    if match["sep"].startswith(":") and not agency:
        return None  # "SPORTS: ..." is a label; a colon only counts after an agency credit
    rest = paragraph[match.end() :]
    if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“„«‘'"):
        return None  # a dateline is followed by the first sentence
    date = _iso_day(match["date1"] or match["date2"], published, language)
    return Dateline(
        text=match["text"].strip(),
        location=location,
        agency=agency.strip() if agency else None,
        date=date,
    )

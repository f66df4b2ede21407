"""Metric functions for the development corpus, as defined in its README ("Scoring").

Pure functions, no I/O. Per-document functions score one prediction against one ground
truth; the ``*_scores`` functions aggregate a list of such pairs into the reported figures.
Conventions the corpus README leaves open are fixed here and in ``benchmarks/README.md``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")
_DATE_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
SHINGLE_SIZE = 4


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one document or one aggregate."""

    precision: float
    recall: float
    f1: float


# -- normalisation ---------------------------------------------------------------------


def normalize_text(text: str | None) -> str:
    """Text after Unicode NFKC and whitespace collapse (runs -> one space, ends stripped)."""
    if not text:
        return ""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def normalize_name(text: str | None) -> str:
    """Title / author key: ``normalize_text`` then casefold."""
    return normalize_text(text).casefold()


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall; 0.0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def mean(values: Iterable[float]) -> float:
    """Arithmetic mean; 0.0 for no values."""
    items = list(values)
    return sum(items) / len(items) if items else 0.0


# -- title -----------------------------------------------------------------------------


def title_match(predicted: str | None, truth: str) -> bool:
    """True when the titles are equal after NFKC, whitespace collapse and casefolding."""
    return normalize_name(predicted) == normalize_name(truth)


# -- publication date ------------------------------------------------------------------


def parse_when(value: str | None) -> date | datetime | None:
    """ISO 8601 ``YYYY-MM-DD`` -> date, datetime (naive or with offset) -> datetime.

    Anything ``datetime.fromisoformat`` rejects but that starts with ``YYYY-MM-DD`` is
    read as that date only; anything else (or None) gives None.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    if len(text) == 10:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        pass
    m = _DATE_PREFIX.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def has_time(value: str | None) -> bool:
    """True when the ISO value carries a time of day (so it is scored for the minute)."""
    return isinstance(parse_when(value), datetime)


def _in_truth_frame(pred: datetime, truth: datetime) -> datetime:
    """The prediction converted to the truth's offset when both have one, else as given."""
    if pred.tzinfo is not None and truth.tzinfo is not None:
        return pred.astimezone(truth.tzinfo)
    return pred


def published_day_match(predicted: str | None, truth: str) -> bool:
    """Same calendar day in the ground truth's offset.

    Both with offsets: the prediction is converted to the truth's offset first. Either
    date-only, or either without an offset: the calendar dates are compared as given.
    No or unparseable prediction: False.
    """
    p, t = parse_when(predicted), parse_when(truth)
    if p is None or t is None:
        return False
    if isinstance(p, datetime) and isinstance(t, datetime):
        p = _in_truth_frame(p, t)
    p_day = p.date() if isinstance(p, datetime) else p
    t_day = t.date() if isinstance(t, datetime) else t
    return p_day == t_day


def published_minute_match(predicted: str | None, truth: str) -> bool | None:
    """Same minute (date, hour, minute) in the truth's offset; None if the truth has no time.

    A date-only or missing prediction is False. Offsets are handled as in
    ``published_day_match``; seconds are truncated, not rounded.
    """
    t = parse_when(truth)
    if not isinstance(t, datetime):
        return None
    p = parse_when(predicted)
    if not isinstance(p, datetime):
        return False
    p = _in_truth_frame(p, t)
    return p.replace(second=0, microsecond=0, tzinfo=None) == t.replace(second=0, microsecond=0, tzinfo=None)


# -- authors ---------------------------------------------------------------------------


def author_prf(predicted: Sequence[str], truth: Sequence[str]) -> PRF:
    """Set precision/recall/F1 of normalised author names (NFKC, casefold, whitespace).

    Empty names are dropped. Both sets empty: 1/1/1 (nothing to find, nothing invented).
    Exactly one empty: 0/0/0.
    """
    pred = {n for n in map(normalize_name, predicted) if n}
    gold = {n for n in map(normalize_name, truth) if n}
    if not pred and not gold:
        return PRF(1.0, 1.0, 1.0)
    if not pred or not gold:
        return PRF(0.0, 0.0, 0.0)
    tp = len(pred & gold)
    p, r = tp / len(pred), tp / len(gold)
    return PRF(p, r, f1(p, r))


def author_scores(pairs: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict[str, float]:
    """Per-document author P/R/F1 (``author_prf``) averaged over the (pred, truth) pairs."""
    docs = [author_prf(p, t) for p, t in pairs]
    return {
        "precision": mean(d.precision for d in docs),
        "recall": mean(d.recall for d in docs),
        "f1": mean(d.f1 for d in docs),
        "n": len(docs),
    }


# -- body: 4-token shingles ------------------------------------------------------------


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; tokens are ``\\w+`` runs, case kept.

    A text with 1..size-1 tokens gives one shingle of all its tokens; no tokens, none.
    """
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def body_counts(predicted: str | None, truth: str | None, *, multiset: bool = True) -> tuple[int, int, int]:
    """(TP, FP, FN) of one document over shingle multisets (repeats count each time).

    ``multiset=False`` counts each distinct shingle once (set semantics).
    """
    pred, gold = shingles(predicted), shingles(truth)
    if not multiset:
        pred, gold = Counter(set(pred)), Counter(set(gold))
    tp = sum((pred & gold).values())
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp


def body_scores(pairs: Iterable[tuple[str | None, str | None]], *, multiset: bool = True) -> dict[str, float]:
    """Shingle P/R/F1 over (pred, truth) pairs.

    Precision: mean of per-document TP/(TP+FP) over documents with a non-empty prediction.
    Recall: mean of per-document TP/(TP+FN) over documents with a non-empty ground truth.
    F1: harmonic mean of those two means. "Non-empty" means at least one shingle.
    """
    precisions: list[float] = []
    recalls: list[float] = []
    n = 0
    for pred, gold in pairs:
        n += 1
        tp, fp, fn = body_counts(pred, gold, multiset=multiset)
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    p, r = mean(precisions), mean(recalls)
    return {
        "precision": p,
        "recall": r,
        "f1": f1(p, r),
        "n": n,
        "n_pred": len(precisions),
        "n_truth": len(recalls),
    }


# -- body: must_contain / must_not_contain snippets ------------------------------------


def snippets_found(body: str | None, snippets: Sequence[str]) -> int:
    """How many snippets occur in the body, both after NFKC and whitespace collapse.

    Case-sensitive substring search; empty snippets are never counted as found.
    """
    text = normalize_text(body)
    return sum(1 for s in map(normalize_text, snippets) if s and s in text)


def snippet_scores(
    docs: Iterable[tuple[str | None, Sequence[str], Sequence[str]]],
) -> dict[str, float]:
    """must_contain recall and must_not_contain leakage, pooled over snippets.

    ``docs`` yields (predicted body, must_contain, must_not_contain). Recall = found
    must_contain snippets / all must_contain snippets; leakage = found must_not_contain
    snippets / all must_not_contain snippets (so a page with more snippets weighs more).
    """
    found_in = total_in = found_out = total_out = n = 0
    for body, must, must_not in docs:
        n += 1
        found_in += snippets_found(body, must)
        total_in += len(must)
        found_out += snippets_found(body, must_not)
        total_out += len(must_not)
    return {
        "must_contain_recall": found_in / total_in if total_in else 0.0,
        "must_not_contain_leak": found_out / total_out if total_out else 0.0,
        "n": n,
        "must_contain": total_in,
        "must_not_contain": total_out,
    }

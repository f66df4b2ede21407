"""Quote extraction on the labelled set ``benchmarks/data/quotes.jsonl`` (rules: QUOTES.md).

    python -m benchmarks.quotes_bench [--show-errors]

A predicted quote matches a labelled one when their word overlap covers at least 80% of the
shorter of the two (each labelled quote matches at most one prediction). Reported: precision
(matched predictions / predictions), recall (matched labels / labels), speaker accuracy on the
matched pairs (the full name, or the same person's surname: the last words agree), and the
share of labelled scare-quote strings that came out as quotes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newscrawl.extract.quotes import extract_quotes

DATA = Path(__file__).parent / "data" / "quotes.jsonl"
MATCH_SHARE = 0.8
_WORD = re.compile(r"\w+")


def words(text: str | None) -> list[str]:
    """Lower-cased NFKC words of ``text``."""
    return _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's words (as a multiset) found in the other."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    pool: dict[str, int] = {}
    for w in long_:
        pool[w] = pool.get(w, 0) + 1
    hits = 0
    for w in short:
        if pool.get(w):
            pool[w] -= 1
            hits += 1
    return hits / len(short)


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Equal when both are missing, or the names agree on their last word (surname)."""
    if not gold or not predicted:
        return not gold and not predicted
    pw, gw = words(predicted), words(gold)
    return pw == gw or (bool(pw) and bool(gw) and pw[-1] == gw[-1])


def match(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (prediction index, label index) by best overlap."""
    candidates = sorted(
        ((overlap(p["text"], g["text"]), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for share, i, j in candidates:
        if share < MATCH_SHARE:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def score(articles: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall, speaker accuracy and scare-quote share over ``articles``."""
    n_pred = n_gold = n_match = n_speaker = n_scare = n_scare_out = 0
    errors: list[dict[str, Any]] = []
    for art in articles:
        predicted = [q.__dict__ for q in extract_quotes(art["paragraphs"], art.get("lang"))]
        gold = art["quotes"]
        pairs = match(predicted, gold)
        n_pred += len(predicted)
        n_gold += len(gold)
        n_match += len(pairs)
        for i, j in pairs:
            if same_speaker(predicted[i]["speaker"], gold[j]["speaker"]):
                n_speaker += 1
            else:
                errors.append({"id": art["id"], "kind": "speaker", "text": gold[j]["text"][:80],
                               "gold": gold[j]["speaker"], "pred": predicted[i]["speaker"]})  # fmt: skip
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        for i, p in enumerate(predicted):
            if i not in matched_p:
                errors.append(
                    {"id": art["id"], "kind": "extra", "text": p["text"][:80], "pred": p["speaker"]}
                )
        for j, g in enumerate(gold):
            if j not in matched_g:
                errors.append(
                    {"id": art["id"], "kind": "missed", "text": g["text"][:80], "gold": g["speaker"]}
                )
        for scare in art.get("scare", []):
            n_scare += 1
            if any(overlap(scare, p["text"]) >= MATCH_SHARE and len(words(p["text"])) <= len(words(scare)) + 2
                   for p in predicted):  # fmt: skip
                n_scare_out += 1
    return {
        "articles": 0,
        "labelled": n_gold,
        "predicted": n_pred,
        "precision": n_match / n_pred if n_pred else 0.0,
        "recall": n_match / n_gold if n_gold else 0.0,
        "speaker_accuracy": n_speaker / n_match if n_match else 0.0,
        "scare_strings": n_scare,
        "scare_returned": n_scare_out / n_scare if n_scare else 0.0,
        "errors": errors,
    }


def load(path: Path = DATA) -> list[dict[str, Any]]:
    """The labelled articles."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score quote extraction on the labelled set.")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    articles = load()
    result = score(articles)
    langs: dict[str, int] = {}
    for art in articles:
        langs[art.get("lang") or "und"] = langs.get(art.get("lang") or "und", 0) + 1
    print(f"quote set: {len(articles)} articles ({', '.join(f'{k} {v}' for k, v in sorted(langs.items()))}), "
          f"{result['labelled']} labelled quotes, {result['scare_strings']} scare strings")  # fmt: skip
    print(f"  predicted         {result['predicted']}")
    print(f"  precision         {result['precision']:.3f}")
    print(f"  recall            {result['recall']:.3f}")
    print(f"  speaker accuracy  {result['speaker_accuracy']:.3f}   (on matched quotes)")
    print(f"  scare returned    {result['scare_returned']:.3f}")
    for lang in ("en", "de", "fr", "es"):
        sub = score(a for a in articles if a.get("lang") == lang)
        if sub["labelled"] or sub["predicted"]:
            print(f"  {lang}: P {sub['precision']:.3f}  R {sub['recall']:.3f}  "
                  f"speaker {sub['speaker_accuracy']:.3f}  ({sub['labelled']} labelled)")  # fmt: skip
    if args.show_errors:
        for err in result["errors"]:
            print(json.dumps(err, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

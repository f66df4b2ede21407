"""Dateline parser on the labelled set ``benchmarks/data/datelines.jsonl``.

    python -m benchmarks.dateline_bench [--corpus ../shared/corpus] [--show-errors]

A prediction counts as a true positive when the labelled paragraph has a dateline and the
parser returns the same location and agency (exact strings); precision is over the paragraphs
where the parser returned a dateline, recall over the labelled datelines. ``text`` and ``date``
accuracy are reported over the true positives. The rules of the set: ``data/DATELINES.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from newscrawl.extract.dateline import parse_dateline

HERE = Path(__file__).parent
DATA = HERE / "data" / "datelines.jsonl"
ROOT = HERE.parent


def published_dates(corpus: Path) -> dict[str, str]:
    """Record id -> published date, from the corpus files and the golden fixtures."""
    found: dict[str, str] = {}
    for path in corpus.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("published"):
                found[rec["id"]] = rec["published"]
    for path in (ROOT / "tests" / "fixtures").glob("*/*.json"):
        rec = json.loads(path.read_text(encoding="utf-8"))
        if rec.get("published"):
            found[str(path.relative_to(ROOT / "tests" / "fixtures"))] = rec["published"]
            found[str(path.relative_to(ROOT))] = rec["published"]
    return found


def _key(d: dict[str, Any] | None) -> tuple[Any, Any] | None:
    return (d["location"], d["agency"]) if d else None


def score(rows: list[dict[str, Any]], published: dict[str, str]) -> dict[str, Any]:
    """Precision/recall on exact location+agency, and text/date accuracy on the matches."""
    tp = fp = fn = text_ok = date_n = date_ok = 0
    errors = []
    for row in rows:
        got = parse_dateline(row["first_paragraph"], published.get(row["id"]), row.get("lang"))
        pred = got.__dict__ if got else None
        gold = row["dateline"]
        if pred and gold and _key(pred) == _key(gold):
            tp += 1
            text_ok += pred["text"] == gold["text"]
            if gold.get("date"):
                date_n += 1
                date_ok += pred["date"] == gold["date"]
            continue
        if pred is None and gold is None:
            continue
        fp += pred is not None
        fn += gold is not None
        errors.append({"id": row["id"], "lang": row.get("lang"), "gold": gold, "pred": pred,
                       "paragraph": row["first_paragraph"][:100]})  # fmt: skip
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "rows": len(rows),
        "labelled": sum(r["dateline"] is not None for r in rows),
        "predicted": tp + fp,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "text_exact": text_ok / tp if tp else 0.0,
        "date_exact": date_ok / date_n if date_n else None,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the dateline parser on the labelled set.")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    published = published_dates(args.corpus) if args.corpus.is_dir() else {}
    result = score(rows, published)
    langs = sorted({r.get("lang") or "und" for r in rows})
    print(f"dateline set: {result['rows']} paragraphs, {result['labelled']} with a dateline, "
          f"{len(langs)} languages")  # fmt: skip
    print(f"  predicted   {result['predicted']}")
    print(f"  precision   {result['precision']:.3f}   (exact location + agency)")
    print(f"  recall      {result['recall']:.3f}")
    print(f"  F1          {result['f1']:.3f}")
    print(f"  text exact  {result['text_exact']:.3f}   (of the matches)")
    if result["date_exact"] is not None:
        print(f"  date exact  {result['date_exact']:.3f}   (of the matches with a printed date)")
    for lang in ("en", "de", "fr", "es"):
        sub = score([r for r in rows if r.get("lang") == lang], published)
        print(f"  {lang}: P {sub['precision']:.3f}  R {sub['recall']:.3f}  "
              f"({sub['labelled']} labelled of {sub['rows']})")  # fmt: skip
    if args.show_errors:
        for err in result["errors"]:
            print(json.dumps(err, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

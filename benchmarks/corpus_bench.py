"""Score newscrawl, trafilatura and readability-lxml side by side on the dev corpus.

    .venv/bin/python -m benchmarks.corpus_bench [--corpus ../shared/corpus] [--limit N]
        [--only ours trafilatura readability] [--json OUT.json]

Every distinct HTML file is read and gunzipped once; the same bytes go to each extractor
in turn, and only the extraction call is timed. Records sharing a page share its
predictions. Metrics are those of ``benchmarks.scoring`` (see ``benchmarks/README.md``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import scoring
from benchmarks.extractors import EXTRACTORS, Prediction, quiet_libraries

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SOURCES = ("fundus", "trafilatura", "htmldate")
TOP_LANGUAGES = 6


@dataclass
class RunStats:
    """Per-extractor page-level figures: pages run, errors, extraction seconds."""

    pages: int = 0
    errors: int = 0
    seconds: float = 0.0
    timeouts: int = 0
    error_kinds: Counter[str] = field(default_factory=Counter)


# -- loading ---------------------------------------------------------------------------


def load_records(corpus: Path) -> list[dict[str, Any]]:
    """All records of the corpus's ``*.jsonl`` files, in file then line order."""
    records: list[dict[str, Any]] = []
    for path in sorted(corpus.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh if line.strip())
    return records


def pages_of(records: list[dict[str, Any]]) -> dict[str, str]:
    """Distinct HTML path -> URL of its first record (the URL passed to the extractors)."""
    pages: dict[str, str] = {}
    for rec in records:
        pages.setdefault(rec["html"], rec["url"])
    return pages


def read_page(corpus: Path, rel: str) -> bytes:
    """The page's original bytes (the corpus stores them gzipped)."""
    return gzip.decompress((corpus / rel).read_bytes())


# -- running ---------------------------------------------------------------------------


class PageTimeout(Exception):
    """An extractor exceeded ``--timeout`` seconds on one page."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PageTimeout in the block after ``seconds`` (SIGALRM; no-op if 0 or unavailable)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise PageTimeout(f"over {seconds}s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_all(
    corpus: Path, pages: dict[str, str], names: list[str], timeout: float, progress: bool
) -> tuple[dict[str, dict[str, Prediction]], dict[str, RunStats]]:
    """Run each named extractor on every page; a raising extractor yields an empty Prediction."""
    preds: dict[str, dict[str, Prediction]] = {n: {} for n in names}
    stats = {n: RunStats() for n in names}
    total = len(pages)
    for i, (rel, url) in enumerate(pages.items(), 1):
        html = read_page(corpus, rel)
        for name in names:
            st = stats[name]
            st.pages += 1
            start = time.perf_counter()
            try:
                with time_limit(timeout):
                    pred, seconds = EXTRACTORS[name](html, url)
            except Exception as exc:  # noqa: BLE001 - any failure is an empty prediction
                seconds = time.perf_counter() - start
                pred = Prediction()
                st.errors += 1
                st.timeouts += isinstance(exc, PageTimeout)
                st.error_kinds[type(exc).__name__] += 1
            st.seconds += seconds
            preds[name][rel] = pred
        if progress and (i % 50 == 0 or i == total):
            print(f"  {i}/{total} pages", file=sys.stderr, flush=True)
    return preds, stats


# -- scoring ---------------------------------------------------------------------------


def score_records(records: list[dict[str, Any]], preds: dict[str, Prediction]) -> dict[str, Any]:
    """All corpus metrics of one extractor over a subset of records."""

    def pred(rec: dict[str, Any]) -> Prediction:
        return preds.get(rec["html"]) or Prediction()

    titled = [r for r in records if r.get("title")]
    dated = [r for r in records if r.get("published")]
    timed = [r for r in dated if scoring.has_time(r["published"])]
    authored = [r for r in records if r.get("authors")]
    bodied = [r for r in records if r.get("body")]
    snippeted = [r for r in records if "must_contain" in r or "must_not_contain" in r]
    return {
        "title_em": _rate(scoring.title_match(pred(r).title, r["title"]) for r in titled),
        "published_day": _rate(scoring.published_day_match(pred(r).published, r["published"]) for r in dated),
        "published_minute": _rate(
            bool(scoring.published_minute_match(pred(r).published, r["published"])) for r in timed
        ),
        "authors": scoring.author_scores((pred(r).authors, r["authors"]) for r in authored),
        "body": scoring.body_scores((pred(r).body, r["body"]) for r in bodied),
        "snippets": scoring.snippet_scores(
            (pred(r).body, r.get("must_contain", []), r.get("must_not_contain", [])) for r in snippeted
        ),
    }


def _rate(hits: Any) -> dict[str, float]:
    """{"value": share of True, "n": count} for an iterable of booleans."""
    items = list(hits)
    return {"value": sum(items) / len(items) if items else 0.0, "n": len(items)}


def top_languages(records: list[dict[str, Any]], k: int = TOP_LANGUAGES) -> list[str]:
    """The ``k`` most frequent record languages."""
    return [lang for lang, _ in Counter(r["lang"] for r in records).most_common(k)]


def build_results(
    records: list[dict[str, Any]],
    preds: dict[str, dict[str, Prediction]],
    stats: dict[str, RunStats],
) -> dict[str, Any]:
    """Every figure of the run, keyed by extractor, for the table and ``--json``."""
    langs = top_languages(records)
    results: dict[str, Any] = {"extractors": {}, "languages": langs}
    for name, by_page in preds.items():
        st = stats[name]
        run: dict[str, Any] = {
            "pages": st.pages,
            "errors": st.errors,
            "timeouts": st.timeouts,
            "error_kinds": dict(st.error_kinds),
            "extraction_seconds": st.seconds,
            "records_per_second": st.pages / st.seconds if st.seconds else None,
        }
        types = [p.page_type for p in by_page.values() if p.page_type is not None]
        run["page_type_article_share"] = (
            sum(t == "article" for t in types) / st.pages if types and st.pages else None
        )
        results["extractors"][name] = {
            "run": run,
            "all": score_records(records, by_page),
            "by_source": {
                s: score_records([r for r in records if r["source"] == s], by_page) for s in SOURCES
            },
            "by_language": {
                lang: score_records(
                    [r for r in records if (r["lang"] if r["lang"] in langs else "other") == lang],
                    by_page,
                )
                for lang in [*langs, "other"]
            },
        }
    return results


# -- report ----------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _rows(scores: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(key, metric path, n) rows shared by the overall and breakdown tables."""
    return [
        ("body P (fundus)", "body.precision", scores["body"]["n"]),
        ("body R (fundus)", "body.recall", scores["body"]["n"]),
        ("body pages with a prediction (fundus)", "body.n_pred", scores["body"]["n"]),
        ("body F1 (fundus)", "body.f1", scores["body"]["n"]),
        ("must_contain recall (trafilatura)", "snippets.must_contain_recall",
         scores["snippets"]["must_contain"]),
        ("must_not_contain leak (trafilatura)", "snippets.must_not_contain_leak",
         scores["snippets"]["must_not_contain"]),
        ("title EM", "title_em.value", scores["title_em"]["n"]),
        ("published day", "published_day.value", scores["published_day"]["n"]),
        ("published minute (has time)", "published_minute.value",
         scores["published_minute"]["n"]),
        ("authors P", "authors.precision", scores["authors"]["n"]),
        ("authors R", "authors.recall", scores["authors"]["n"]),
        ("authors F1", "authors.f1", scores["authors"]["n"]),
    ]  # fmt: skip


def _get(scores: dict[str, Any], path: str) -> float:
    node: Any = scores
    for part in path.split("."):
        node = node[part]
    return float(node)


def _table(title: str, header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    return "\n".join([title, rule, line(header), rule, *map(line, rows), rule])


def render(results: dict[str, Any]) -> str:
    """The side-by-side tables: overall, per source, per language."""
    names = list(results["extractors"])
    ex = results["extractors"]
    header = ["metric", "n", *names]
    first = ex[names[0]]["all"]
    rows = [
        [
            label,
            str(n),
            *(_fmt(_get(ex[x]["all"], path), 0 if path.endswith(".n_pred") else 3) for x in names),
        ]
        for label, path, n in _rows(first)
    ]
    runs = {x: ex[x]["run"] for x in names}
    pages = str(runs[names[0]]["pages"])
    rows.append(["errors (pages)", pages, *(str(runs[x]["errors"]) for x in names)])
    rows.append(["extraction seconds", pages, *(_fmt(runs[x]["extraction_seconds"], 1) for x in names)])
    rows.append(["records/s", pages, *(_fmt(runs[x]["records_per_second"], 1) for x in names)])
    rows.append(["page_type == article", pages, *(_fmt(runs[x]["page_type_article_share"]) for x in names)])
    out = [_table("Overall (dev corpus)", header, rows)]

    for group, keys in (("by_source", SOURCES), ("by_language", [*results["languages"], "other"])):
        rows = []
        for key in keys:
            scores = {x: ex[x][group][key] for x in names}
            for label, path, n in _rows(scores[names[0]]):
                if n == 0 or not label.startswith(("body F1", "must_", "title")):
                    continue
                rows.append(
                    [
                        f"{key}: {label.split(' (')[0]}",
                        str(n),
                        *(_fmt(_get(scores[x], path)) for x in names),
                    ]
                )
        what = "source" if group == "by_source" else "language (top, rest = other)"
        out.append(_table(f"Body and title by {what}", header, rows))
    return "\n\n".join(out)


# -- CLI -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print the tables, optionally write the JSON."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus_bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder (default: %(default)s)"
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="only the first N distinct pages (records of other pages dropped)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        action="extend",
        choices=list(EXTRACTORS),
        help="extractors to run (default: all, in the order ours, trafilatura, readability)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write all figures here")
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds per extractor per page before it counts as an error (0 = none; default %(default)s)",
    )
    parser.add_argument(
        "--predictions",
        type=Path,
        default=None,
        help="write each extractor's prediction per page here (JSON Lines)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)

    names = [n for n in EXTRACTORS if n in (args.only or EXTRACTORS)]
    quiet_libraries()
    records = load_records(args.corpus)
    pages = pages_of(records)
    if args.limit is not None:
        pages = dict(list(pages.items())[: args.limit])
        records = [r for r in records if r["html"] in pages]
    if not args.quiet:
        print(
            f"{len(records)} records, {len(pages)} pages, extractors: {', '.join(names)}",
            file=sys.stderr,
        )
    started = time.perf_counter()
    preds, stats = run_all(args.corpus, pages, names, args.timeout, not args.quiet)
    results = build_results(records, preds, stats)
    results["corpus"] = str(args.corpus)
    results["records"] = len(records)
    results["pages"] = len(pages)
    results["wall_seconds"] = time.perf_counter() - started
    print(render(results))
    print(f"\n{len(records)} records over {len(pages)} pages; wall time {results['wall_seconds']:.1f}s")
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as fh:
            for name, by_page in preds.items():
                for rel, pred in by_page.items():
                    row = {"extractor": name, "html": rel, **asdict(pred)}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=_jsonable) + "\n")
    return 0


def _jsonable(value: Any) -> Any:
    if isinstance(value, RunStats):
        return asdict(value)
    raise TypeError(type(value).__name__)


if __name__ == "__main__":
    raise SystemExit(main())

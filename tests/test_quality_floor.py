"""Quality floors on the development corpus: a regression below them fails CI.

The figures come from ``python -m benchmarks.corpus_bench --only ours``; each floor sits a
little under what the extractor reached when it was last raised (see the README table).
The corpus lives outside the repo (``../shared/corpus`` or ``$NEWSCRAWL_CORPUS``): without
it the test is skipped for a local user, and fails in CI (``CI=true``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.corpus_bench import build_results, load_records, pages_of, run_all

CORPUS = Path(os.environ.get("NEWSCRAWL_CORPUS", Path(__file__).resolve().parents[2] / "shared/corpus"))

FLOORS = {
    # path in the results of `ours`: floor (reached: see README "Quality")
    "all/body/f1": 0.95,
    "all/body/precision": 0.936,
    "all/body/recall": 0.966,
    "all/snippets/must_contain_recall": 0.921,
    "all/title_em/value": 0.862,
    "all/published_day/value": 0.897,
    "all/published_minute/value": 0.93,
    "all/authors/f1": 0.795,
}
CEILINGS = {"all/snippets/must_not_contain_leak": 0.058}


@pytest.fixture(scope="module")
def ours() -> dict:
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"development corpus not found at {CORPUS}")
        pytest.skip(f"development corpus not found at {CORPUS}")
    records = load_records(CORPUS)
    preds, stats = run_all(CORPUS, pages_of(records), ["ours"], timeout=60, progress=False)
    return build_results(records, preds, stats)["extractors"]["ours"]


def _get(results: dict, path: str) -> float:
    value = results
    for key in path.split("/"):
        value = value[key]
    return float(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(("path", "floor"), FLOORS.items())
def test_floor(ours, path, floor):
    assert _get(ours, path) >= floor, f"{path} fell below {floor}"


@pytest.mark.parametrize(("path", "ceiling"), CEILINGS.items())
def test_ceiling(ours, path, ceiling):
    assert _get(ours, path) <= ceiling, f"{path} rose above {ceiling}"


def test_no_page_raises(ours):
    assert ours["run"]["errors"] == 0

"""Table-driven tests of benchmarks.scoring; every expected value is worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from benchmarks import scoring
from benchmarks.extractors import html_to_text
from benchmarks.scoring import PRF

# -- normalisation and title -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  a \n\t b  ", "a b"),
        ("10\u00a0000 Euro", "10 000 Euro"),  # NBSP -> space under NFKC
        ("ﬁnance", "finance"),  # ligature fi -> f i
        ("ＡＢＣ", "ABC"),  # fullwidth -> ASCII, case kept
    ],
)
def test_normalize_text(text, expected):
    assert scoring.normalize_text(text) == expected


@pytest.mark.parametrize(
    ("predicted", "truth", "expected"),
    [
        ("  Hello   World ", "hello world", True),
        ("ﬁnal Ｗord", "final word", True),  # NFKC before comparing
        ("Straße", "STRASSE", True),  # casefold, not lower()
        ("A\u00a0B", "a b", True),
        ("Title | Site", "Title", False),
        ("Title.", "Title", False),  # punctuation is kept
        (None, "Title", False),
        ("", "Title", False),
    ],
)
def test_title_match(predicted, truth, expected):
    assert scoring.title_match(predicted, truth) is expected


# -- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("garbage", None),
        ("2024-05-03", date(2024, 5, 3)),
        ("2024-02-30", None),
        ("2024-05-03T15:47:42", datetime(2024, 5, 3, 15, 47, 42)),
        (
            "2024-05-03T15:47:42Z",
            datetime(2024, 5, 3, 15, 47, 42, tzinfo=UTC),
        ),
        (
            "2024-05-03T15:47:42.389000+02:00",
            datetime(2024, 5, 3, 15, 47, 42, 389000, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2024-05-03T10:00:00 CEST", date(2024, 5, 3)),  # unparseable tail: date prefix only
    ],
)
def test_parse_when(value, expected):
    assert scoring.parse_when(value) == expected


@pytest.mark.parametrize(
    ("predicted", "truth", "expected"),
    [
        ("2024-05-03", "2024-05-03", True),
        ("2024-05-04", "2024-05-03", False),
        # both with offsets: prediction converted to the truth's offset first
        ("2024-05-03T23:30:00-02:00", "2024-05-04T01:00:00+00:00", True),  # = 05-04 01:30Z
        ("2024-05-03T23:30:00+00:00", "2024-05-04T01:00:00+02:00", True),  # = 05-04 01:30+02
        ("2024-05-04T01:30:00+02:00", "2024-05-04T00:00:00+00:00", False),  # = 05-03 23:30Z
        ("2024-05-03T22:30:00Z", "2024-05-04T00:10:00+02:00", True),  # Z = +00:00
        # either date-only: dates as given, no conversion
        ("2024-05-03", "2024-05-03T23:30:00+00:00", True),
        ("2024-05-04", "2024-05-03T23:30:00+00:00", False),
        ("2024-05-03T23:30:00-05:00", "2024-05-03", True),  # would be 05-04 in UTC
        # one side without offset: as given
        ("2024-05-03T23:30:00", "2024-05-04T01:00:00+02:00", False),
        ("2024-05-03 10:00:00", "2024-05-03", True),  # space separator accepted
        (None, "2024-05-03", False),
        ("", "2024-05-03", False),
        ("yesterday", "2024-05-03", False),
    ],
)
def test_published_day_match(predicted, truth, expected):
    assert scoring.published_day_match(predicted, truth) is expected


@pytest.mark.parametrize(
    ("predicted", "truth", "expected"),
    [
        ("2024-05-03T15:47:00+00:00", "2024-05-03", None),  # truth has no time: not scored
        ("2024-05-03T17:47:59+02:00", "2024-05-03T15:47:42.389000+00:00", True),  # 15:47:59Z
        ("2024-05-03T15:48:00+00:00", "2024-05-03T15:47:59+00:00", False),  # truncate, no round
        ("2024-05-04T00:47:00+09:00", "2024-05-03T15:47:00+00:00", True),  # crosses midnight
        ("2024-05-03", "2024-05-03T15:47:00+00:00", False),  # date-only prediction
        (None, "2024-05-03T15:47:00+00:00", False),
        ("2024-05-03T15:47:10", "2024-05-03T15:47:42+00:00", True),  # naive prediction: as given
        ("2024-05-03T15:47:10+02:00", "2024-05-03T15:47:42", True),  # naive truth: as given
    ],
)
def test_published_minute_match(predicted, truth, expected):
    assert scoring.published_minute_match(predicted, truth) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-05-03", False), ("2024-05-03T00:00:00+00:00", True), (None, False)],
)
def test_has_time(value, expected):
    assert scoring.has_time(value) is expected


# -- authors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "truth", "expected"),
    [
        (["Anna Müller", "Bob"], ["anna  müller"], PRF(0.5, 1.0, 2 / 3)),
        (["Ｊｏｈｎ Ｄｏｅ"], ["john doe"], PRF(1.0, 1.0, 1.0)),  # NFKC + casefold
        (["A", "a", " A "], ["A", "B"], PRF(1.0, 0.5, 2 / 3)),  # duplicates count once
        (["X"], ["Y"], PRF(0.0, 0.0, 0.0)),
        ([], [], PRF(1.0, 1.0, 1.0)),  # both empty
        ([""], [], PRF(1.0, 1.0, 1.0)),  # empty names are dropped
        ([], ["A"], PRF(0.0, 0.0, 0.0)),  # nothing predicted
        (["A"], [], PRF(0.0, 0.0, 0.0)),  # invented author
    ],
)
def test_author_prf(predicted, truth, expected):
    got = scoring.author_prf(predicted, truth)
    assert got.precision == pytest.approx(expected.precision)
    assert got.recall == pytest.approx(expected.recall)
    assert got.f1 == pytest.approx(expected.f1)


def test_author_scores_average_per_document():
    pairs = [(["a"], ["a"]), ([], ["b"]), (["c", "d"], ["c"])]
    # per document P = 1, 0, 0.5; R = 1, 0, 1; F1 = 1, 0, 2/3
    got = scoring.author_scores(pairs)
    assert got["precision"] == pytest.approx(0.5)
    assert got["recall"] == pytest.approx(2 / 3)
    assert got["f1"] == pytest.approx(5 / 9)
    assert got["n"] == 3


def test_author_scores_no_documents():
    assert scoring.author_scores([]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 0}


# -- body shingles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b c d e", {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}),
        ("Hello, world!", {("Hello", "world"): 1}),  # < 4 tokens: one shingle of all
        ("l'été est là", {("l", "été", "est", "là"): 1}),  # \w+ is Unicode-aware
        ("", {}),
        (None, {}),
        (" ,; — ", {}),
        ("a b c d a b c d", {("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1,
                             ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1}),
    ],
)  # fmt: skip
def test_shingles(text, expected):
    assert dict(scoring.shingles(text)) == expected


def test_shingles_keep_case():
    assert scoring.shingles("A b c d") != scoring.shingles("a b c d")


@pytest.mark.parametrize(
    ("predicted", "truth", "multiset", "expected"),
    [
        ("a b c d e", "a b c d x", True, (1, 1, 1)),
        ("a b c d e", "a b c d e", True, (2, 0, 0)),
        ("a b c d a b c d", "a b c d", True, (1, 4, 0)),  # abcd twice, matched once
        ("a b c d a b c d", "a b c d", False, (1, 3, 0)),  # set: abcd counted once
        ("a b c d a b c d", "a b c d a b c d", True, (5, 0, 0)),
        ("", "a b c d e", True, (0, 0, 2)),
        ("a b c d e", "", True, (0, 2, 0)),
    ],
)
def test_body_counts(predicted, truth, multiset, expected):
    assert scoring.body_counts(predicted, truth, multiset=multiset) == expected


def test_body_scores_means_over_their_own_documents():
    pairs = [
        ("a b c d e", "a b c d e f"),  # P = 2/2 = 1, R = 2/3
        ("", "p q r s"),  # no prediction: recall 0, not in precision
        ("w x y z", ""),  # no truth: precision 0, not in recall
    ]
    got = scoring.body_scores(pairs)
    assert got["precision"] == pytest.approx(0.5)  # (1 + 0) / 2
    assert got["recall"] == pytest.approx(1 / 3)  # (2/3 + 0) / 2
    assert got["f1"] == pytest.approx(0.4)  # 2 * 0.5 * (1/3) / (0.5 + 1/3)
    assert (got["n"], got["n_pred"], got["n_truth"]) == (3, 2, 2)


def test_body_scores_f1_from_means_not_mean_of_f1():
    pairs = [("a b c d e", "a b c d e f"), ("", "p q r s")]
    got = scoring.body_scores(pairs)
    # P = 1 (one doc), R = (2/3 + 0) / 2 = 1/3, F1 = 2 * 1 * 1/3 / (4/3) = 0.5
    assert (got["precision"], got["recall"]) == pytest.approx((1.0, 1 / 3))
    assert got["f1"] == pytest.approx(0.5)


def test_body_scores_empty():
    got = scoring.body_scores([])
    assert (got["precision"], got["recall"], got["f1"], got["n"]) == (0.0, 0.0, 0.0, 0)


# -- snippets --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "snippets", "expected"),
    [
        ("Der  Tag\nwird kommen", ["Tag wird", "tag wird", "fehlt"], 1),  # case-sensitive
        ("ﬁnance news", ["finance"], 1),  # NFKC on the body
        ("10\u00a0000 Euro", ["10 000  Euro"], 1),  # NBSP and double space
        ("anything", [""], 0),  # empty snippet never found
        ("", ["a"], 0),
        (None, ["a"], 0),
        ("abc", [], 0),
    ],
)
def test_snippets_found(body, snippets, expected):
    assert scoring.snippets_found(body, snippets) == expected


def test_snippet_scores_are_pooled_over_snippets():
    docs = [
        ("alpha beta gamma", ["alpha", "delta"], ["gamma"]),  # 1/2 found, 1/1 leaked
        ("", ["x"], ["y", "z", "w"]),  # 0/1 found, 0/3 leaked
    ]
    got = scoring.snippet_scores(docs)
    assert got["must_contain_recall"] == pytest.approx(1 / 3)  # not (1/2 + 0) / 2
    assert got["must_not_contain_leak"] == pytest.approx(1 / 4)  # not (1 + 0) / 2
    assert (got["n"], got["must_contain"], got["must_not_contain"]) == (2, 3, 4)


def test_f1_and_mean():
    assert scoring.f1(0.0, 0.0) == 0.0
    assert scoring.f1(1.0, 0.5) == pytest.approx(2 / 3)
    assert scoring.mean([]) == 0.0
    assert scoring.mean([1, 2]) == 1.5


# -- benchmark adapter: readability's summary HTML -> text -----------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("", ""),
        ("<div><h1>T</h1><p>a <b>b</b><br>c</p>x<!-- c --><ul><li>1</li><li>2</li></ul>end</div>",
         "T\n\na b c\n\nx\n\n1\n\n2\n\nend"),
        ("<div><p>  one\n two </p><p></p><p>three</p></div>", "one two\n\nthree"),
    ],
)  # fmt: skip
def test_html_to_text(fragment, expected):
    assert html_to_text(fragment) == expected

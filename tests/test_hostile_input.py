"""Extraction never raises: a corpus of nasty pages and property-based tests (hypothesis).

Whatever the input, ``extract_article`` returns an Article whose record validates against the
JSON Schema, quickly.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl import extract_article
from newscrawl.schema import record_errors

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
CORPUS = sorted(p for p in HOSTILE.iterdir() if p.name.endswith((".html", ".html.gz")))
URL = "https://example.org/news/2024/05/01/story/"
SECONDS_PER_PAGE = 3.0


def assert_valid(html: str | bytes) -> None:
    record = extract_article(html, URL).to_dict()
    assert record_errors(record) == []


def test_corpus_is_there() -> None:
    assert len(CORPUS) >= 15


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_each_hostile_page_gives_a_valid_record_quickly(path: Path) -> None:
    data = path.read_bytes()
    html = gzip.decompress(data) if path.suffix == ".gz" else data
    started = time.perf_counter()
    assert_valid(html)
    took = time.perf_counter() - started
    assert took < SECONDS_PER_PAGE, f"{path.name}: {took:.1f} s"


def test_a_readable_article_survives_the_nasty_parts() -> None:
    html = (HOSTILE / "nul-bytes.html").read_bytes()
    article = extract_article(html, URL)
    assert article.title == "Harbour council votes on ferry budget"
    assert "ferry budget on Tuesday" in article.body


# --- property-based --------------------------------------------------------------------------

TAGS = [
    "html",
    "head",
    "body",
    "title",
    "meta",
    "article",
    "main",
    "div",
    "p",
    "h1",
    "h2",
    "span",
    "a",
    "script",
    "style",
    "time",
    "figure",
    "blockquote",
    "ul",
    "li",
    "table",
    "td",
    "br",
]
ATTRS = [
    "class",
    "id",
    "property",
    "name",
    "content",
    "href",
    "datetime",
    "itemprop",
    "type",
    "charset",
    "lang",
]
TEXT = st.text(max_size=40)


@st.composite
def attributes(draw: st.DrawFn) -> str:
    pairs = draw(st.lists(st.tuples(st.sampled_from(ATTRS), TEXT), max_size=3))
    return "".join(f' {k}="{v.replace(chr(34), "")}"' for k, v in pairs)


def elements(depth: int = 4) -> st.SearchStrategy[str]:
    leaf = st.one_of(
        TEXT,
        st.just("“Quote,” she said."),
        st.just("By Ann Reporter"),
        st.just("MONTRÉAL, Québec (CU) — "),
        st.just("May 3, 2024"),
    )
    return st.recursive(
        leaf,
        lambda children: st.builds(
            lambda tag, attrs, kids, close: f"<{tag}{attrs}>{''.join(kids)}" + (f"</{tag}>" if close else ""),
            st.sampled_from(TAGS),
            attributes(),
            st.lists(children, max_size=4),
            st.booleans(),
        ),
        max_leaves=30,
    )


LD = '<script type="application/ld+json">%s</script>'
JSON_LD = st.sampled_from(
    [
        LD % '{"@type":"NewsArticle","headline":"H","datePublished":"2024-05-01"}',
        LD % '{"@type":["NewsArticle"],"author":[{"name":null},5]}',
        LD % '[[[{"@graph":{"@type":"NewsArticle","dateModified":[]}}]]]',
        LD % '{"@type":"NewsArticle",',
        '<meta property="article:published_time" content="2024-13-45T25:61:00Z">',
        '<meta property="og:type" content="article"><meta property="og:title" content="">',
        '<link rel="canonical" href="http://[::1">',
        "",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(elements(), max_size=6), JSON_LD)
def test_generated_html_gives_a_valid_record(parts: list[str], head: str) -> None:
    assert_valid(f"<html><head>{head}</head><body>{''.join(parts)}</body></html>")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_valid_record(data: bytes) -> None:
    assert_valid(data)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_text_gives_a_valid_record(text: str) -> None:
    assert_valid(text)


SEED = (HOSTILE.parent / "wire-service" / "ridge-fire-evacuations.html").read_bytes()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real article page with bytes deleted, inserted, duplicated or cut off."""
    data = bytearray(SEED)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate"]))
        if op == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif op == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b"<",
                        b">",
                        b"\x00",
                        b"\xff\xfe",
                        b"<div>",
                        b"</p>",
                        b"<!--",
                        b"<script>",
                        b"&#0;",
                        b"&",
                        b'"',
                        b"\xc3",
                    ]
                )
            )
        elif op == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 500))]
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=100, deadline=None)
@given(mutated())
def test_mutated_article_pages_give_a_valid_record(data: bytes) -> None:
    assert_valid(data)


def test_absurdly_nested_json_ld_skips_the_script_not_the_page() -> None:
    html = gzip.decompress((HOSTILE / "deep-json-ld.html.gz").read_bytes())
    assert extract_article(html, URL).title == "Harbour council votes on ferry budget"

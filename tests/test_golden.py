"""Golden fixtures: each page's record must equal its hand-labelled JSON, field by field."""

import json

import pytest

from newscrawl.schema import record_errors
from tests.golden import COMPARED_FIELDS, golden_pages, produce

PAGES = golden_pages()
SEED = next(p for p in PAGES if p.stem == "canada-allies-navalny")


def test_there_are_enough_golden_pages():
    assert len(PAGES) >= 16


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
@pytest.mark.parametrize("field", COMPARED_FIELDS)
def test_golden_field(page, field):
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    got = produce(page)
    assert got[field] == expected[field], f"{page.name}: field {field!r} differs"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_record_is_valid(page):
    assert record_errors(produce(page)) == []


SEED_MUST_NOT = [
    "Friday, May 3, 2024", "HomeRegional Update", "spot_img", "LEAVE A REPLY",
    "Please enter your comment!", "Please enter your name here", "LATEST POSTS", "Follow us",
    "51,000", "FansLike", "50FollowersFollow", "428SubscribersSubscribe",
]  # fmt: skip


@pytest.mark.parametrize("snippet", SEED_MUST_NOT)
def test_seed_boilerplate_absent(snippet):
    record = produce(SEED)
    assert snippet not in json.dumps(record, ensure_ascii=False)


def test_seed_core_fields():
    record = produce(SEED)
    assert record["title"] == "Canada and allies discuss joint response to Russia’s imprisonment of Navalny"
    assert record["dateline"] == {
        "text": "MONTRÉAL, Québec (CU)",
        "location": "MONTRÉAL, Québec",
        "agency": "CU",
        "date": None,
    }
    assert record["published"].startswith("2021-02")
    paragraphs = record["body"].split("\n\n")
    assert len(paragraphs) == 10
    assert paragraphs[0].startswith("MONTRÉAL, Québec (CU)_In the wake")
    assert paragraphs[-1].endswith("coordinated act of retaliation.")
    assert "Fridy" in record["body"] and record["body"].count(" - ") == 0

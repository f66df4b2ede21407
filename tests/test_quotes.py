"""Quotes: marks of every system, attribution forms, speakers, scare quotes, robustness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract.quotes import extract_quotes, find_spans

SEED = Path(__file__).parent / "fixtures/canada-update/canada-allies-navalny.json"


def one(paragraphs: list[str], language: str = "en"):
    quotes = extract_quotes(paragraphs, language)
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_seed_quotes_come_out_with_their_speakers():
    record = json.loads(SEED.read_text(encoding="utf-8"))
    quotes = extract_quotes(record["body"].split("\n\n"), "en")
    got = [(q.speaker, q.kind, q.text[:30]) for q in quotes]
    assert got == [
        ("Canadian Foreign Ministry", "direct", "Canada condemns the decision b"),
        ("Josep Borrell", "partial", "Europe and Russia are drifting"),
        ("Josep Borrell", "direct", "Russia is progressively discon"),
        ("Josep Borrell", "direct", "It will be for member states t"),
    ]
    assert [q.cue for q in quotes][:3] == ["said in a statement", "said", "wrote"]


MARKS = [
    ("“We will rebuild the bridge this year,” Mayor Ann Lee said.", "en"),
    ('"We will rebuild the bridge this year," Mayor Ann Lee said.', "en"),
    ("‘We will rebuild the bridge this year,’ Mayor Ann Lee said.", "en"),
    ("« Nous reconstruirons le pont cette année », a déclaré Ann Lee.", "fr"),
    ("„Wir bauen die Brücke dieses Jahr wieder auf“, sagte Ann Lee.", "de"),
    ("»Wir bauen die Brücke dieses Jahr wieder auf«, sagte Ann Lee.", "de"),
    ("‚Wir bauen die Brücke dieses Jahr wieder auf‘, sagte Ann Lee.", "de"),
    ("“Reconstruiremos el puente este año”, dijo Ann Lee.", "es"),
    ("「We will rebuild the bridge this year」, Ann Lee said.", "en"),
    ("“We will rebuild the bridge this year,’’ Ann Lee said.", "en"),  # AP-style closer
]


@pytest.mark.parametrize(("paragraph", "language"), MARKS)
def test_every_quotation_mark_system(paragraph, language):
    quote = one([paragraph], language)
    assert quote.speaker == "Ann Lee"
    assert quote.kind == "direct"
    assert len(quote.text.split()) >= 5


ATTRIBUTIONS = [
    # (paragraphs, speaker, cue)
    (["“The plan is dead on arrival,” said Senator Maria Lopez."], "Maria Lopez", "said"),
    (["Maria Lopez, the committee chair, said: “The plan is dead on arrival.”"], "Maria Lopez", "said"),
    (["According to Maria Lopez, “the plan is dead on arrival and everybody knows it.”"],
     "Maria Lopez", "according to"),
    (["“The plan is dead on arrival,” the Canadian Foreign Ministry said in a statement."],
     "Canadian Foreign Ministry", "said in a statement"),
    (["Maria Lopez chairs the committee.", "“The plan is dead on arrival,” she told reporters."],
     "Maria Lopez", "told reporters"),
    (["Maria Lopez chairs the committee.", "“The plan is dead on arrival,” Lopez added."],
     "Maria Lopez", "added"),
    (["„Der Plan ist gescheitert“, sagte Bauministerin Katrin Vogel."], "Katrin Vogel", "sagte"),
    (["« Le plan est mort-né, et tout le monde le sait », a déclaré Jean Dupont."], "Jean Dupont",
     "a déclaré"),
    (["“El plan está muerto”, lamentó Rosa Jiménez, portavoz de los regantes."], "Rosa Jiménez",
     "lamentó"),
]  # fmt: skip


@pytest.mark.parametrize(("paragraphs", "speaker", "cue"), ATTRIBUTIONS)
def test_attribution_forms(paragraphs, speaker, cue):
    language = "de" if "„" in paragraphs[-1] else "fr" if "«" in paragraphs[-1] else (
        "es" if "lamentó" in paragraphs[-1] else "en")  # fmt: skip
    quote = one(paragraphs, language)
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_partial_quote_inside_reported_speech():
    quote = one(["Borrell said the refusal confirmed that “Europe and Russia are drifting apart”."])
    assert (quote.kind, quote.speaker, quote.text) == (
        "partial",
        "Borrell",
        "Europe and Russia are drifting apart",
    )


def test_quote_over_several_paragraphs_is_one_quote():
    paragraphs = [
        "“We have been patching these boats for five years.",
        "“Tonight we stopped patching and started building,” Councillor Nadia Boudreau said.",
        "The vote was 12 to 3.",
    ]
    quote = one(paragraphs)
    assert quote.paragraph == 0 and quote.speaker == "Nadia Boudreau"
    assert quote.text.startswith("We have been") and quote.text.endswith("started building")


def test_continuation_paragraph_inherits_the_speaker():
    paragraphs = [
        "“Everything else is just stuff,” said Karen Whitley, who fled with her dogs.",
        "“We will be back as soon as the fire crews let us in.”",
    ]
    quotes = extract_quotes(paragraphs, "en")
    assert [q.speaker for q in quotes] == ["Karen Whitley", "Karen Whitley"]
    assert quotes[1].paragraph == 1


@pytest.mark.parametrize(
    "paragraph",
    [
        "She called the plan “dead”, and others called it “a joke”.",  # fewer than four words
        "The film “The Tortured Poets Department” opened on Friday.",  # a title in title case
        "The so-called “peace dividend” never came.",
        "Locals know him as ‘Big Dave’ and he doesn't mind.",
        "It's the people's choice, isn't it, and they're sure.",  # apostrophes only
    ],
)
def test_scare_quotes_titles_and_apostrophes_are_not_quotes(paragraph):
    assert extract_quotes([paragraph], "en") == []


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["“This quote never closes and the article goes on", "Second paragraph.", "Third one."],
        ["Unbalanced ” closer first, then “an opener."],
        ["“Nested ‘inner quote here’ stays inside the outer one,” she said."],
        ["“" * 500, "”" * 500],
        [""],
        [],
    ],
)
def test_unbalanced_or_nested_marks_never_crash_nor_swallow(paragraphs):
    quotes = extract_quotes(paragraphs, "en")
    for quote in quotes:
        assert len(quote.text) < 200


def test_nested_single_quotes_stay_inside():
    spans = find_spans(["“Nested ‘inner quote here’ stays inside the outer one,” she said."])
    assert len(spans) == 1 and "‘inner quote here’" in spans[0].text


def test_labelled_quote_set_floor():
    """benchmarks/data/quotes.jsonl (rules: QUOTES.md): floors a little under today's figures
    (precision 0.985, recall 0.994, speaker accuracy 0.693, scare quotes returned 0.029)."""
    from benchmarks.quotes_bench import load, score

    articles = load()
    result = score(articles)
    assert len(articles) >= 60 and result["labelled"] >= 300
    assert result["precision"] >= 0.96, result["errors"][:5]
    assert result["recall"] >= 0.97
    assert result["speaker_accuracy"] >= 0.67
    assert result["scare_returned"] <= 0.05


def test_pronoun_agrees_with_an_honorific_gender():
    paragraphs = [
        "Sophie Binet met Emmanuel Macron on Tuesday. Mme Binet warned M. Macron about the reform.",
        "Emmanuel Macron said the reform would stay.",
        "« Je me suis adressée à lui avec gravité, car la situation est inquiétante », confie-t-elle.",
    ]
    quote = one(paragraphs, "fr")
    assert quote.speaker == "Sophie Binet"

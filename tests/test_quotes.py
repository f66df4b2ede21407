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
    (precision 0.985, recall 0.994, speaker accuracy 0.943, scare quotes returned 0.029)."""
    from benchmarks.quotes_bench import load, score

    articles = load()
    result = score(articles)
    assert len(articles) >= 60 and result["labelled"] >= 300
    assert result["precision"] >= 0.96, result["errors"][:5]
    assert result["recall"] >= 0.97
    assert result["speaker_accuracy"] >= 0.92
    assert result["scare_returned"] <= 0.05


def test_pronoun_agrees_with_an_honorific_gender():
    paragraphs = [
        "Sophie Binet met Emmanuel Macron on Tuesday. Mme Binet warned M. Macron about the reform.",
        "Emmanuel Macron said the reform would stay.",
        "« Je me suis adressée à lui avec gravité, car la situation est inquiétante », confie-t-elle.",
    ]
    quote = one(paragraphs, "fr")
    assert quote.speaker == "Sophie Binet"


# (paragraphs, language, speaker of the last quote): how speakers are resolved
SPEAKERS = [
    # an apposition names the person when the subject is a description or a title's complement
    (["The host, board member Nicole Lederer, has said the pipeline “is against the best interest "
      "of our country.”"], "en", "Nicole Lederer"),
    (["MEC for Cooperative Governance and Traditional Affairs, Jacob Mamabolo, said: “The session "
      "reviewed all municipal plans today.”"], "en", "Jacob Mamabolo"),
    # the dots of "U.K." end no sentence
    (["Bobby McDonagh, a former ambassador to the U.K. and EU, says Connolly “has made statements "
      "that are essentially anti-EU.”"], "en", "Bobby McDonagh"),
    # an acronym the article defines stands for its long form
    (["The Israel Defense Forces (IDF) did not respond. Asked to comment, the IDF said: “We do not "
      "target journalists.”"], "en", "Israel Defense Forces"),
    # "the lawmakers" speak for the committee; an organisation's name goes on with "on the"
    (["Lawmakers on the House Select Committee on the Strategic Competition Between the United "
      "States and the Chinese Communist Party sent a letter.",
      "The Justice Department declined to comment.",
      "“We seek additional information on this matter,” the lawmakers wrote."], "en",
     "House Select Committee on the Strategic Competition Between the United States and the Chinese "
     "Communist Party"),
    # documents are credited to their owner
    (["The Conservatives’ letter to the commissioner said: “It was reported that he had played an "
      "active role.”"], "en", "Conservatives"),
    (["The Conservatives’ letter to the commissioner was sent on Monday.",
      "The letter also said that “there must be a full investigation into this scandal”."], "en",
     "Conservatives"),
    (["Sweden’s Civil Contingencies Agency will mail an updated brochure to households.",
      "The Swedish brochure says ‘If Sweden is attacked, we will never surrender.’"], "en",
     "Sweden’s Civil Contingencies Agency"),
    (["The National Security Committee, chaired by Prime Minister Shehbaz Sharif, said in a "
      "statement that the strikes were unlawful.",
      "“These unprovoked attacks martyred innocent men, women and children,” the statement said."],
     "en", "National Security Committee"),
    # "the senator" is the person the article introduced with that role
    (["Montana senator Jon Tester is running again. His backers include Alexander Soros.",
      "But the senator, who recently said that he brings a “dirt-under-your-fingernails perspective "
      "to Washington,” is careful."], "en", "Jon Tester"),
    # a quote introduced by a colon belongs to the subject of the sentence before it
    (["Auch Teamkollege Nico Elvedi haderte mit der neuen Regel: „Ich verstehe einfach nicht, wie "
      "das passieren kann.“"], "de", "Nico Elvedi"),
    # reported speech earlier in the paragraph
    (["Gopaul Govender was the first witness.",
      "He said context and timing were important. Specifically, “South Africa was a crumbling "
      "disaster” in those days."], "en", "Gopaul Govender"),
    # a quote-only paragraph after a paragraph about a named person
    (["Jack Draper beat Radu Albot.", "Draper meanwhile wrapped up his win in two hours.",
      "“Having other Brits do well in the draw is amazing for British tennis.”"], "en", "Jack Draper"),
    # ... or after one that ends by introducing a spokesperson
    (["Later, I got an email reply from a Google representative.",
      "“Using this new search box does not mean that you will only get AI responses.”"], "en",
     "Google"),
    # the subject named earlier in the sentence of a later cue; an adverb is no subject
    (["Sir Keir Starmer was asked about gifts.",
      "On Monday, Sir Keir dodged several questions, pledging only to “comply with the rules of the "
      "house”."], "en", "Keir Starmer"),
    # the agent of a passive cue
    (["The bill had been described by homelessness charity Shelter as a ‘once-in-a-generation "
      "opportunity for renters’."], "en", "Shelter"),
    # a German noun before a cue verb is no name: the subject of the sentence speaks
    (["Trainer Murat Yakin war sauer.",
      "Yakin ärgerte sich darüber, dass die Regel nur Anwendung fand: „Die Regel hat heute unser "
      "Spiel zerstört.“"], "de", "Murat Yakin"),
    # of two people sharing a surname, the one named last
    (["Sadeq Abu Amer heads a group in Turkey.", "Abu Hassan Amer lives in Gaza.",
      "“We are waiting for news from the mediators,” Amer said."], "en", "Abu Hassan Amer"),
    # "it" is an organisation or a country, never a person
    (["Israel did not appear at the hearings. Israel Katz, the defence minister, was abroad.",
      "It argued that “no obligation exists to respect the agency operations”."], "en", "Israel"),
    # a pronoun in the standfirst points to the first person named after it
    (["“She is a very talented woman,” she said of her son’s girlfriend",
      "Donna Kelce has praised the new album."], "en", "Donna Kelce"),
    # "which says": the organisation before the relative clause
    (["Abu Amer heads the Palestinian Dialogue Group in Turkey, which says on its site that it aims "
      "to “protect the historical rights of the people.”"], "en", "Palestinian Dialogue Group"),
    # German reported speech (Konjunktiv) goes on from the sentence's subject
    (["Karoline Leavitt sprach im Weißen Haus.",
      "Leavitt schloss nicht aus, dass es weitere Aktionen gibt. Die USA würden nicht zusehen, wie "
      "„der Drogenterrorismus von Schurkenstaaten finanziert wird“."], "de", "Karoline Leavitt"),
    # gender: an honorific of the other sex rules a person out, conflicting evidence does not
    (["Mr Hale met Jane Roe on Monday.", "“We waited for hours before anyone came,” she said."], "en",
     "Jane Roe"),
    (["Lady Starmer attended the show.", "Sir Keir Starmer said the rules were clear.",
      "“I have declared everything I was given,” he said."], "en", "Keir Starmer"),
]  # fmt: skip


@pytest.mark.parametrize(("paragraphs", "language", "speaker"), SPEAKERS)
def test_speaker_resolution(paragraphs, language, speaker):
    quotes = extract_quotes(paragraphs, language)
    assert quotes, paragraphs
    assert quotes[-1].speaker == speaker

"""Quotes with their speakers: find quotation spans in the body, attribute each to a speaker.

1. ``find_spans`` / ``quote_kind`` (``quote_spans.py``): the quotations, ``direct`` (a sentence
   or more) or ``partial`` (a fragment inside the reporter's sentence); fewer than four words
   or a title in title case is a scare quote and dropped.
2. ``_attribute``: a cue verb next to a name or pronoun after the quote (“…,” Borrell said),
   before it (Borrell said: “…”), or anywhere in its sentence (according to X); a quote with
   no cue that continues an attributed one inherits its speaker.
   A quote without a cue goes to the subject named before its colon or in its paragraph's
   reported speech, or, opening a paragraph, to the person the paragraph before is about.
3. ``_Speakers.resolve``: surnames to the fullest name the article gives (of two people sharing
   one, the last named), titles and appositions stripped; pronouns and descriptions ("the
   senator", "the agency", "the letter") to the most recent fitting mention: subjects of cues and
   clauses and earlier speakers, filtered by gender evidence (honorifics, role nouns), number
   ("they", "it") and, in German, by whether a capitalised word is a noun rather than a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from newscrawl.extract.model import Quote
from newscrawl.extract.quote_spans import SENTENCE_END, Span, find_spans, quote_kind
from newscrawl.extract.quote_tables import (
    ABBREVIATIONS,
    CAPITALISED_NOUN_LANGUAGES,
    DOCUMENT_WORDS,
    GENDERED_HONORIFICS,
    GENDERED_PRONOUNS,
    GENDERED_ROLES,
    GERMAN_NOUN_ENDINGS,
    LEGISLATIVE_WORDS,
    LEGISLATURE_NAMES,
    LISTENER_CUES,
    NAME_RE,
    NAME_WORD,
    NON_PERSON_WORDS,
    NOT_NAMES,
    NOT_ROLE_WORDS,
    NOT_VERBS,
    ORGANISATION_WORDS,
    PLURAL_PRONOUNS,
    PREFIX_CUES,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_PAIRS,
    ROLE_WORD_RE,
    SENTENCE_WORDS,
    SPEECH_CUES,
    SPOKESPERSON_WORDS,
    THING_PRONOUNS,
    TITLES,
)

_CONTEXT = 220  # characters of the sentence around a quote that are searched for a cue
_ANTECEDENT_CHARS = 600  # how far back a pronoun's antecedent is looked for


def _cue_pattern(language: str | None) -> str:
    cues = list(SPEECH_CUES.get(language or "", ()))
    if language != "en":
        cues += list(SPEECH_CUES["en"])
    alternatives = "|".join(re.escape(c) for c in sorted(set(cues), key=len, reverse=True))
    return f"(?i:{alternatives})"  # cues in any case; names stay case-sensitive


_PRONOUN = "|".join(sorted(PRONOUNS | {p.capitalize() for p in PRONOUNS}))
# Up to five lower-case words describing the speaker before the name ("la ministre déléguée"),
# never a conjunction ("kritisierte aber die Deckelung" names no speaker).
_NOT_ROLE = "|".join(sorted(NOT_ROLE_WORDS))
_LOWER_WORD = rf"(?!(?:{_NOT_ROLE})\b)[a-zà-ÿ][\w'’\-]*"
_ROLE = rf"(?:(?:{_LOWER_WORD}|{NAME_WORD})\s+){{0,5}}?"  # fewest first: "Idaho police officer Brett Payne"
# "the Republican governor", "the company": a description standing for someone named before.
_DESCRIPTION = (
    rf"(?:[Tt]he|[Dd]er|[Dd]ie|[Dd]as|[Ll]e|[Ll]a|[Ee]l)\s+"
    rf"(?:{NAME_WORD}\s+|{_LOWER_WORD}\s+){{0,2}}(?:(?!(?:{'|'.join(sorted(PREPOSITIONS))})\b){_LOWER_WORD}"
    rf"|\d+-[\w\-]+)"  # "the 36-year-old", not "The Indian army in (a statement)"
)
# Between the subject and its cue: adverbs and role nouns ("Google spokesperson promised",
# "Borrell also said").
_GAP = (
    r"(?:\s+(?!(?:and|und|et|y|but|aber|mais|pero|or|oder|that|dass|que)\b)[a-zà-ÿ][\w'’\-]*){0,2}"
    r"(?:\s+(?:on|last|this|am|le|el)\s+[A-Z][a-z]+)?"  # "Russia’s Defense Ministry on Sunday confirmed"
)


def _subject(group: str) -> str:
    """A named group: a name (after a lower-case role description), a pronoun, or a
    definite description."""
    return (
        rf"(?<![\w’'\-])(?:(?P<{group}_pro>\b(?:{_PRONOUN})\b)|(?P<{group}_role>{_ROLE})(?P<{group}>{NAME_RE.pattern})"
        rf"|(?P<{group}_desc>{_DESCRIPTION}))"
    )


def _apposition(group: str) -> str:
    """Up to three comma-separated appositions: "Hayley Walsh, 42, a lecturer from Nottingham,
    said"; a long one may hold a relative clause ("a lawyer who served in …")."""
    return rf"(?P<{group}_app>(?:,\s*[^,“”\"«»„]{{1,200}}){{1,3}},)?"


_FULL_NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}}"
# Any lower-case word that may be a verb of saying after a quote, not a conjunction or relative
# pronoun ("…”, and the declarations are published" names no speaker).
_VERB = rf"(?!(?:{'|'.join(sorted(NOT_VERBS))})\b)[a-zà-ÿ][\w’'\-]+"
# "the Palestinian Dialogue Group in Turkey, which says", "the senator, who recently said"
_RELATIVE = (
    rf"(?:\s+(?:in|of|at|from|aus)\s+{NAME_WORD}(?:\s+{NAME_WORD})*)?(?:,?\s+(?:who|which|qui|que)\b)?"
)


def _after_re(cues: str) -> re.Pattern[str]:
    # "…,” said the president of the CHG, Joaquín Páez": the person after the comma wins.
    person = rf"(?:,\s+(?P<person>{NAME_RE.pattern}))?"
    # "told X" / "asked X": the name after the verb is the listener, not the speaker
    inverted_cues = rf"(?!(?i:{'|'.join(sorted(LISTENER_CUES))})\b){cues}"
    return re.compile(
        rf"^[\s,.!?—–-]*(?:(?P<cue1>{inverted_cues})\s+{_subject('a1')}{person}"
        rf"|{_subject('a2')}{_apposition('a2')}{_GAP}\s+(?P<cue2>{cues}))\b"
        # French inversion with a pronoun: "…», souligne-t-elle", "confie-t-il"
        rf"|^[\s,]*(?P<cue4>[a-zà-ÿ]+(?:-t)?-(?P<a4>il|elle|ils|elles))\b"
        # any verb directly followed by a name: "…”, lamentó Rosa Jiménez", "…", ironizó Horner"
        rf"|^\s*,\s+(?P<cue3>{_VERB})\s+(?P<a3>{_FULL_NAME}|{NAME_WORD}(?=\s*[.,;]))"
        # a verb and a description: "…", abundó el team principal de Red Bull", "…", ereiferte
        # sich der Coach"
        rf"|^\s*,\s+(?P<cue6>{_VERB})(?:\s+(?:sich|se))?\s+(?P<a6>(?:el|la|le|der|die|the)\s+\w[\w\-]*)"
        # a verb alone, its subject left out (Spanish, Italian): "…", confesó.", "…", rememoró, no
        # sin cierto sarcasmo"
        rf"|^\s*,\s+(?P<cue5>{_VERB})\s*(?:[.;,]|$)"
    )


def _before_re(cues: str) -> re.Pattern[str]:
    return re.compile(
        rf"{_subject('b')}{_apposition('b')}{_RELATIVE}{_GAP},?\s+(?P<cue>{cues})\b(?P<tail>[^.!?]*)$"
    )


def _inverted_re(cues: str) -> re.Pattern[str]:
    """Verb before subject, then a colon: "Dennoch betont der Übergangstrainer: „…“"."""
    listener = rf"(?!(?i:{'|'.join(sorted(LISTENER_CUES))})\b)"  # "Smith told Jones:"
    preposition = rf"(?!(?:{'|'.join(sorted(PREPOSITIONS))})\b)"  # "wrote on X:", "said on Monday:"
    return re.compile(rf"\b{listener}(?P<cue>{cues})\s+{preposition}{_subject('v')}[^.!?:]{{0,60}}:\s*$")


def _reported_re(cues: str) -> re.Pattern[str]:
    return re.compile(rf"{_subject('r')}{_apposition('r')}{_GAP},?\s+(?P<cue>{cues})\b")


def _prefix_re(cues: str) -> re.Pattern[str]:
    prefix = "|".join(re.escape(c) for c in PREFIX_CUES)
    # the name that ends the phrase: "according to Google Search lead Liz Reid, …"
    ends = r"(?=\s*[,.;:!?)]|\s*$|\s+(?:of|from|at|in|who|de|von|aus)\b)"
    # else the first name after the cue: "laut Güvercin auch darin"
    return re.compile(
        rf"\b(?P<cue>(?i:{prefix}))\s+(?:{_ROLE}(?P<name>{NAME_RE.pattern}){ends}|(?P<name2>{NAME_RE.pattern}))"
    )


@dataclass
class _Patterns:
    after: re.Pattern[str]
    before: re.Pattern[str]
    prefix: re.Pattern[str]
    inverted: re.Pattern[str]
    reported: re.Pattern[str]
    cue_hint: re.Pattern[str]


_PATTERN_CACHE: dict[str, _Patterns] = {}


def _patterns(language: str | None) -> _Patterns:
    key = language or ""
    if key not in _PATTERN_CACHE:
        cues = _cue_pattern(language)
        _PATTERN_CACHE[key] = _Patterns(
            _after_re(cues),
            _before_re(cues),
            _prefix_re(cues),
            _inverted_re(cues),
            _reported_re(cues),
            re.compile(rf"\b{cues}\b"),
        )
    return _PATTERN_CACHE[key]


def _last(matches: Iterable[re.Match[str]]) -> re.Match[str] | None:
    last = None
    for last in matches:  # noqa: B007
        pass
    return last


def _sentence_ends(text: str) -> list[re.Match[str]]:
    """Sentence-final marks, not the dots of abbreviations and initials ("the U.K. and EU",
    "Mr. Smith", "Kansas City, Mo.")."""
    ends = []
    for m in SENTENCE_END.finditer(text):
        word = _WORD_BEFORE.search(text, 0, m.start())
        if (
            m.group() == "."
            and word
            and (word[0] in ABBREVIATIONS or len(word[0]) == 1 and word[0].isupper())
        ):
            continue  # "U.K.", "Mr."
        ends.append(m)
    return ends


_WORD_BEFORE = re.compile(r"(?<!\w)\w+$")


def _sentence_before(text: str, start: int) -> str:
    chunk = text[max(0, start - _CONTEXT) : start]
    ends = _sentence_ends(chunk)
    return chunk[ends[-1].end() :] if ends else chunk


def _who(match: re.Match[str], group: str) -> str | None:
    """The subject a pattern found: a name, or a pronoun/description to resolve."""
    apposed = _apposed_person(match, group)
    if apposed:
        return apposed
    name = match[group]
    if name and name.lower() in PRONOUNS:  # "He said" at a sentence start: a pronoun, not a name
        return name.lower()
    if name:
        before_name = match.string[max(0, match.start(group) - 40) : match.start(group)]
        after_name = match.string[match.end(group) : match.end(group) + 80]
        head = _HEAD_WORD.match(after_name)
        if name in _BARE_ARTICLES:  # "The ministry added": a description, head noun after it
            return _describe(head[1] if head else "")
        if name.split()[0] in _BARE_ARTICLES and head and head[1] in _THING_HEADS:
            return _describe(head[1])  # "The Swedish brochure says", "The Swedish government said"
        if _ROLE_BEFORE.search(before_name) and not _is_person(_strip_name(name), {}):
            return _describe(name.split()[-1].lower())  # "el jefe de Gobierno polaco"
        article = _ARTICLE_BEFORE.search(before_name)
        if article and _ACRONYM_WORD.fullmatch(name):
            return name  # "the IDF said", "the FBI told"
        if article and " " not in name and article["art"].lower() == "the" and head:
            cues = {match.groupdict().get(g) for g in ("cue", "cue2")}
            if head[1] in cues:  # "the Director noted": the title is the description
                return _describe(name.lower())
            return _describe(head[1])  # "the Republican governor said"
        if article:
            return _after_article(article["art"], name, match.string[match.start(group) :])
        later = _LATER_NAME.match(after_name) if group == "a1" else None
        if later:  # "said Kyiv resident Svitlana Onofryichuk": the person, not the place
            return later["full"]
        return name
    if match[f"{group}_pro"]:
        return match[f"{group}_pro"].lower()
    desc = match[f"{group}_desc"]
    return _describe(desc.split()[-1]) if desc else None


def _apposed_person(match: re.Match[str], group: str) -> str | None:
    """The person an apposition names when the subject is a role, a description or a title's
    complement: "The host, board member Nicole Lederer, has said", "MEC for Cooperative
    Governance and Traditional Affairs, Jacob Mamabolo, said"."""
    groups = match.groupdict()
    apposition = groups.get(f"{group}_app")
    if not apposition:
        return None
    name = groups.get(group)
    if name and _is_person(_strip_name(name), {}) and not re.search(r"[’']s?$", name):
        before = match.string[max(0, match.start(group) - 60) : match.start(group)]
        if not _COMPLEMENT_OF.search(before):
            return None  # "Hayley Walsh, a lecturer from Nottingham, said": the subject is the person
    if groups.get(f"{group}_pro"):
        return None
    if name and _is_org(_strip_name(name)):
        return None  # "The National Security Committee, chaired by Shehbaz Sharif, said"
    for part in reversed(apposition.strip(",").split(",")):
        found = list(NAME_RE.finditer(part))
        lead = part[: found[-1].start()].split() if found else []
        if len(lead) > 6 or PREPOSITIONS.intersection(lead) or any(_VERBISH.fullmatch(w) for w in lead):
            continue  # "chaired by …", "said Israel continued to act … in the Gaza Strip"
        if found and found[-1].end() == len(part.rstrip()):
            person = _strip_name(found[-1].group(0))
            if len(person.split()) >= 2 and _is_person(person, {}):
                return person
    return None


# A name right after a preposition is a title's complement, not the subject ("MEC for
# Cooperative Governance and Traditional Affairs, Jacob Mamabolo, said").
_COMPLEMENT_OF = re.compile(
    rf"\b(?:{'|'.join(sorted(PREPOSITIONS))})\s+(?:(?:{NAME_WORD}|and|und|et|y|&)\s+)*$"
)
_VERBISH = re.compile(r"[a-z]+(?:ed|ing|said|says)")
_ARTICLES = r"[Tt]he|[Dd]er|[Dd]ie|[Dd]es|[Dd]as|[Ll]e|[Ll]a|[Ee]l|[Aa]n?|[Ee]ine?"
# An article and lower-case role words right before a capitalised word: "el jefe de Gobierno".
_ROLE_BEFORE = re.compile(
    r"(?:^|\s)(?:the|el|la|le|der|die|das|los|las|les)\s+(?:[a-zà-ÿ][\w'’\-]*\s+){1,4}$"
)
_HEAD_WORD = re.compile(r"\s+([a-zà-ÿ][\w\-]*)")
_ARTICLE_BEFORE = re.compile(rf"(?:^|\s)(?P<art>{_ARTICLES})\s+$")
# "said Kyiv resident Svitlana Onofryichuk", "erklärt Ernährungsberaterin und Autorin Rhiannon Lambert"
_LATER_NAME = re.compile(rf"(?:\s+(?:{_LOWER_WORD}|and|und|et|y)){{1,2}}\s+(?P<full>{_FULL_NAME})")
_ACRONYM_WORD = re.compile(r"[A-Z][A-Z&]{1,6}")
_LOWER_TOKEN = re.compile(r"(?<![\w.])[a-zà-ÿß][a-zà-ÿß\-]+")
_DETERMINED = re.compile(
    r"\b(?:[Dd](?:er|ie|as|en|em|es)|[Ee]in(?:e[mnrs]?)?|[Kk]ein(?:e[mnrs]?)?|[Dd]ies(?:e[mnrs]?)?)\s+"
    r"(?:[a-zà-ÿß]\w*(?:e|en|er|es|em)\s+)?([A-ZÄÖÜ]\w+)(?!\s+[A-ZÄÖÜ])"  # not "den Granit Xhaka"
)
_GERMAN_NOUN = re.compile(rf"(?:{'|'.join(GERMAN_NOUN_ENDINGS)})$|^[^\W\d_]{{14,}}$")
_GERMAN_ADJECTIVE = re.compile(r"(?:isch|lich|ig|iert)(?:e|en|er|es|em)$")  # "Vereinigten Arabischen"
_WEAK_MARK = "\x01"  # a name found by its place in the sentence, to be checked against the article
_THING_HEADS = DOCUMENT_WORDS | ORGANISATION_WORDS
_DESCRIPTION_MARK = "\x00"  # a description ("the ministry"), resolved against earlier names
_BARE_ARTICLES = frozenset({"The", "Der", "Die", "Das", "Le", "La", "El", "Les", "Los", "Las"})


def _describe(head: str) -> str:
    return f"{_DESCRIPTION_MARK}{head}"


_SPOKES = "|".join(sorted(SPOKESPERSON_WORDS))


def _after_article(article: str, name: str, text: str) -> str | None:
    """A capitalised phrase after an article: an organisation ("the Canadian Foreign
    Ministry"), a description standing for someone named before ("der Trainer", "the
    Republican governor"), or nobody in particular ("a Tory source")."""
    words = name.split()
    if any(w in NON_PERSON_WORDS for w in words) or (len(words) >= 2 and article.lower() in ("the",)):
        return name
    if len(words) >= 2 and all(_PERSON_WORD.match(w) for w in words[-2:]):
        return name  # "der Arzt Hilary Jones": a role noun, then the person
    if article.lower() in ("a", "an", "ein", "eine"):
        # "a Google spokesperson" speaks for Google; "a Tory source" is nobody in particular
        return name if re.search(rf"{re.escape(name)}\s+(?:{_SPOKES})\b", text) else None
    return _describe(words[-1].lower())


def _attribute(
    span: Span, paragraphs: list[str], pats: _Patterns, partial: bool
) -> tuple[str | None, str | None]:
    """(speaker as printed, cue) from the words around the quote, or (None, None)."""
    end_text = paragraphs[span.end_paragraph]
    after = end_text[span.end : span.end + _CONTEXT]
    before = _sentence_before(paragraphs[span.paragraph], span.start)
    after_match = pats.after.match(after)
    before_match = pats.before.search(before)
    prefixed = _last(pats.prefix.finditer(before))
    if prefixed and (before_match is None or prefixed.start() > before_match.start("cue")):
        before_match = None  # "Google is on record saying that …, according to Liz Reid, “…”"
    inverted = pats.inverted.search(before)
    if inverted and (_strip_name(inverted["v"]) in NOT_NAMES if inverted["v"] else False):
        inverted = None
    if inverted and before_match and inverted.start("cue") == before_match.start("cue"):
        before_match = None  # "Auf die Frage, ob …, sagte Leavitt:": the subject follows the verb
    passive = _BY_AGENT.match(before_match["tail"]) if before_match else None
    if passive and before_match:  # "which had been described by homelessness charity Shelter as a ‘…’"
        return passive["name"], before_match["cue"]
    if partial and prefixed and before_match is None:
        return prefixed["name"], prefixed["cue"]
    subject = _who(before_match, "b") if before_match else None
    if subject and _strip_name(subject) in NOT_NAMES:
        before_match = None  # "On Monday, Sir Keir dodged …, pledging": an adverb, not a subject
    if partial and before_match:  # a fragment belongs to the subject of its sentence
        return subject, before_match["cue"]
    if after_match:
        m = after_match
        person = m["person"] if m["person"] and len(m["person"].split()) >= 2 else None
        if person and m["a1"] and _is_person(_strip_name(m["a1"]), {}):
            person = None  # "Frank Martin, Geschäftsführer der …": the name comes first
        name = person or _who(m, "a1") or _who(m, "a2") or m["a3"] or m["a4"]
        if m["cue5"]:
            name = "he"  # the verb's subject is the person speaking before
        if m["cue6"]:
            name = _describe(m["a6"].split()[-1])
        return name, (m["cue1"] or m["cue2"] or m["cue3"] or m["cue4"] or m["cue5"] or m["cue6"])
    owner = _document_subject(before)
    if owner and before_match:  # "The Conservatives’ letter to Daniel Greenberg … said:"
        return owner, before_match["cue"]
    if before_match:  # "Dennoch betont …" has an adverb, not a subject: dropped above
        return subject, before_match["cue"]
    if inverted:
        return _who(inverted, "v"), inverted["cue"]
    end = SENTENCE_END.search(after)
    sentence = before + " " + (after[: end.start()] if end else after)
    match = pats.prefix.search(sentence)
    if match:
        return match["name"] or match["name2"], match["cue"]
    clause = _subject_before_cue(before, pats)
    if clause:
        return clause
    aside = _ASIDE.search(span.text)  # « A, souligne-t-elle. B »: the cue inside the marks
    if aside:
        return aside["pro"], aside["cue"]
    return None, None


# "according to federal prosecutors": a cue that names nobody in particular
_UNNAMED_SOURCE = re.compile(
    rf"(?i:{'|'.join(sorted(c for c in PREFIX_CUES if c != 'so'))})\s+(?!{NAME_WORD})\w"
)
_BY_AGENT = re.compile(rf"\s+by\s+(?:[a-z][\w\-]*\s+){{0,3}}(?P<name>{NAME_RE.pattern})")
_QUOTE_MARKS = tuple({mark for pair in QUOTE_PAIRS.items() for marks in pair for mark in marks} - {"'", "’"})
_ASIDE = re.compile(r",\s*(?P<cue>[a-zà-ÿ]+(?:-t)?-(?P<pro>il|elle|ils|elles))\b")


def _subject_before_cue(before: str, pats: _Patterns) -> tuple[str, str] | None:
    """(subject, cue) when the sentence names its subject and a cue comes later: "Sir Keir
    dodged several questions …, pledging only to “…”", "Donna dismissed the idea, noting, “…”"."""
    marks = [before.rfind(mark) for mark in _QUOTE_MARKS]
    before = before[max(marks) + 1 :]  # not a subject inside an earlier quote
    cue = _last(pats.cue_hint.finditer(before))
    if cue is None:
        return None
    for m in reversed(list(_CLAUSE_SUBJECT.finditer(before, 0, cue.start()))):
        if pats.cue_hint.search(before, m.end("name"), cue.start()):
            return None  # another cue in between has its own subject
        name = _strip_name(m["name"])
        if name and name not in NOT_NAMES and not m["art"] and (_is_person(name, {}) or " " not in name):
            return _WEAK_MARK + m["name"], cue.group()
    return None


def _reported_speaker(paragraph: str, pats: _Patterns) -> str | None:
    """The last "X said …" subject in a paragraph: a quote paragraph that follows it without
    attribution is X's ("Mamabolo said the plan was working:" / “…”)."""
    found = None
    for match in pats.reported.finditer(paragraph):
        found = _who(match, "r") or found
    if found is None:
        ends = _sentence_ends(paragraph)
        start = ends[-2].end() if len(ends) > 1 else 0
        intro = _SPOKESPERSON_INTRO.search(paragraph[start:])  # "… a reply from a Google representative."
        found = intro["org"] if intro else _document_subject(paragraph[start:])
    return found


_SPOKESPERSON_INTRO = re.compile(
    rf"\b(?:an?|the)\s+(?P<org>{NAME_RE.pattern})\s+(?:{'|'.join(sorted(SPOKESPERSON_WORDS))})\b[^.!?]*[.!?:]?\s*$"
)


@lru_cache(maxsize=16384)  # pure, and the same names recur all through an article
def _strip_name(name: str) -> str:
    """Drop "the", titles and sentence-initial words: "the Canadian Foreign Ministry" ->
    "Canadian Foreign Ministry", "President Joe Biden" -> "Joe Biden"."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.I).split()
    while len(words) > 1 and (_is_title(words[0]) or words[0] in SENTENCE_WORDS):
        words.pop(0)
    while len(words) > 2 and _GERMAN_NOUN.search(words[0]):  # "Bundesdrogenbeauftragte Hendrik Streeck"
        words.pop(0)
    # "ACLU’s Keegan Medrano", "Usyks Promoter …": a possessive before the name is not part of it
    owners = [i for i, w in enumerate(words[:-2]) if re.search(r"[’']s?$", w)]
    if owners and not _is_org(" ".join(words[owners[-1] + 1 :])):  # not "Sweden’s … Agency"
        words = words[owners[-1] + 1 :]
    # "Economy Minister Marcelo Ebrard", "Sometimes President Trump": the name follows the title
    titles = [i for i, w in enumerate(words[:-1]) if w.rstrip(".") in TITLES or ROLE_WORD_RE.search(w)]
    rest = words[titles[-1] + 1 :] if titles else []
    if rest and all(w[:1].isupper() for w in rest) and not _is_org(" ".join(rest)):
        words = rest
    return re.sub(r"[’']s?$", "", " ".join(words).rstrip(".,"))  # "TNO's report" -> "TNO"


@lru_cache(maxsize=16384)  # pure, and the same names recur all through an article
def _is_title(word: str) -> bool:
    return word.rstrip(".") in NOT_NAMES or bool(ROLE_WORD_RE.search(word))


@dataclass
class _Mention:
    """Someone the article names before a quote: a pronoun or description may stand for them."""

    where: tuple[int, int]  # (paragraph, offset)
    raw: str  # a name as printed, or a description mark and its head noun
    strong: bool  # the subject of a cue or clause, named with an honorific, or a quote's speaker


class _Speakers:
    """Resolves names against the article: the fullest form of a surname or first name,
    pronouns and descriptions to the person (or organisation, or document author) they stand
    for, by recency, gender and number."""

    def __init__(
        self,
        paragraphs: list[str],
        pats: _Patterns | None = None,
        spans: Iterable[Span] = (),
        language: str | None = None,
    ) -> None:
        self.paragraphs = _mask(paragraphs, spans)  # the reporter's words: names inside quotes are nobody's
        self.pats = pats
        self.nouns_capitalised = language in CAPITALISED_NOUN_LANGUAGES
        self._lower_words: set[str] | None = None
        self._determined: set[str] | None = None
        self.full: dict[str, str] = {}
        firsts: dict[str, set[str]] = {}
        self.bearers: dict[str, list[tuple[tuple[int, int], str]]] = {}  # surname -> where, full name
        for p, para in enumerate(self.paragraphs):
            for m in NAME_RE.finditer(para):
                name = _strip_name(m.group(0))
                words = name.split()
                if 2 <= len(words) <= 4 and words[0] not in NOT_NAMES:
                    firsts.setdefault(words[0], set()).add(name)
                    self.bearers.setdefault(words[-1], []).append(((p, m.start()), name))
                    for key in (words[-1], words[0]):  # "Borrell" and "Josep" -> "Josep Borrell"
                        if len(name) > len(self.full.get(key, "")):
                            self.full[key] = name
        text = "\n".join(self.paragraphs)
        alone: dict[str, int] | None = None  # where each capitalised word first stands alone
        for first, names in firsts.items():
            full = self.full.get(first)
            if full not in names or full.split()[-1] == first:
                continue
            # "Google Search", "Google I/O": "Google" is no first name; nor is "Israel" when the
            # article prints it alone before it names "Israel Katz"
            if alone is None:
                alone = {}
                for m in _ALONE.finditer(text):
                    alone.setdefault(m.group(), m.start())
            if len(names) > 1 or alone.get(first, len(text)) < text.find(full):
                del self.full[first]
        self.acronyms = {  # "The Israel Defense Forces (IDF)": "IDF" stands for the long name
            m["short"]: _strip_name(m["long"])
            for para in self.paragraphs
            for m in _ACRONYM.finditer(para)
            if _initials(_strip_name(m["long"])) == m["short"]
        }
        self._gender: dict[str, str] | None = None
        self._mentions: dict[int, list[_Mention]] = {}
        self._described: dict[tuple[tuple[int, int], str], str | None] = {}
        self.spoken: list[_Mention] = []  # the speakers of the quotes so far
        self.people: set[str] = set()  # speakers who are no organisation ("Jensen")
        self.last: str | None = None
        self.last_seen = 0  # where in the article the last speaker was credited

    def mentions(self, first: int, last: int) -> list[_Mention]:
        """The people and organisations named in paragraphs ``first`` to ``last``, each
        paragraph read when a pronoun first needs it."""
        found: list[_Mention] = []
        for p in range(max(0, first), min(last, len(self.paragraphs) - 1) + 1):
            if p not in self._mentions:
                self._mentions[p] = _mentions(self.paragraphs[p], p, self.pats, self) if self.pats else []
            found += self._mentions[p]
        return found

    @property
    def gender(self) -> dict[str, str]:
        """The gender the article gives a person by honorifics ("Mme Binet") and role nouns ("the
        mother of four"); none when the evidence disagrees ("Sir Keir", "Lady Starmer")."""
        if self._gender is None:
            evidence: dict[str, set[str]] = {}
            for para in self.paragraphs:
                for m in _HONORIFIC.finditer(para):
                    name = self._name(m["surname"]) or m["surname"]
                    evidence.setdefault(name, set()).add(GENDERED_HONORIFICS[m["title"].rstrip(".")])
                for m in _GENDERED_ROLE.finditer(para) if _ROLE_HINT.search(para) else ():
                    name = self._name(m["name"] or m["name2"]) or ""
                    evidence.setdefault(name, set()).add(GENDERED_ROLES[(m["role"] or m["role2"]).lower()])
            self._gender = {name: genders.pop() for name, genders in evidence.items() if len(genders) == 1}
        return self._gender

    def subject_in(self, at: tuple[int, int], since: int = 0) -> str | None:
        """The last person named as a subject earlier in the paragraph of ``at`` (after offset
        ``since``): a quote introduced by a colon or by reported speech is theirs ("Nico Elvedi
        haderte mit der neuen Regel: „…“")."""
        return self._latest(
            at, lambda name: self._is_person(name) and self.plausible(name), back=0, since=since
        )

    def said(self, speaker: str | None, at: tuple[int, int]) -> None:
        """Remember a quote's speaker: "she added" after it may stand for them."""
        if speaker:
            self.spoken.append(_Mention(at, speaker, True))
            if not _is_org(speaker):
                self.people.add(speaker)

    def resolve(self, raw: str | None, before: str = "", at: tuple[int, int] | None = None) -> str | None:
        """The speaker's name for a name, surname, pronoun or description as printed; ``before``
        is the article text before the quote and ``at`` its (paragraph, offset)."""
        if raw is None:
            return None
        if raw.startswith(_DESCRIPTION_MARK):
            name = self._description(raw[1:], before, at)
        elif raw.lower() in PRONOUNS:
            name = self._pronoun(raw.lower(), before, at)
        elif raw.startswith(_WEAK_MARK):  # a subject found by its place in the sentence only
            name = self._name(raw[1:])
            name = name if self.plausible(name) else None
        else:
            name = self._name(raw, at)
            if name and " " not in name and ROLE_WORD_RE.search(name):  # "Ernährungsberaterin" alone
                name = self._pronoun("he", before, at)
        if name and self.nouns_capitalised and not _is_org(name) and not self.plausible(name):
            name = None  # "Thüringer Bratwurst", "Anziehungskraft": German nouns, not names
        if name:
            self.last = name
            self.last_seen = len(before)
        return name

    @property
    def lower_words(self) -> set[str]:
        """The words the article prints in lower case: "gelbe", "officials"."""
        if self._lower_words is None:
            self._lower_words = {w for para in self.paragraphs for w in _LOWER_TOKEN.findall(para)}
        return self._lower_words

    @property
    def determined(self) -> set[str]:
        """The capitalised words the article prints after a determiner ("die Karte"): nouns."""
        if self._determined is None:
            self._determined = {w for para in self.paragraphs for w in _DETERMINED.findall(para)}
        return self._determined

    def common(self, word: str) -> bool:
        """A single capitalised word the article also prints in lower case: a common word that
        opens a sentence ("Officials said"), not a name."""
        return " " not in word and word.lower() in self.lower_words

    def plausible(self, name: str | None) -> bool:
        """Whether a name found by its place in a sentence alone can be a person's: in German,
        where nouns are capitalised too ("Zehntausende Haushalte", "Anwendung"), only a surname
        the article gives in full, or a name whose last word it prints again."""
        if not name:
            return False
        if not self.nouns_capitalised:
            return True
        words = name.split()
        if len(words) == 1:
            full = self.full.get(name, "")
            return name in self.acronyms or bool(_ACRONYM_WORD.fullmatch(name)) or len(full.split()) >= 2
        # an adjective first ("Zehntausende Haushalte") or a noun last ("Milligramm Blausäure"),
        # a noun by its ending ("Linie der Landesregierung"), a date ("Sohn Anfang Dezember")
        return (
            not _GERMAN_ADJECTIVE.search(words[0])
            and words[0].lower() not in self.lower_words
            and words[-1] not in self.determined
            and not any(_GERMAN_NOUN.search(w) or w in SENTENCE_WORDS for w in words)
        )

    def _name(self, raw: str, at: tuple[int, int] | None = None) -> str | None:
        """A name as printed -> the fullest form the article gives (the acronym's long form; of
        two people sharing a surname, the one named last before ``at``)."""
        if re.match(r"(?:An?|Ein|Eine|Un|Une|Una?)\s", raw):
            return None  # "A Tory source", "a spokesperson": nobody in particular
        name = _strip_name(raw)
        if not name or name in NOT_NAMES or name in SENTENCE_WORDS:
            return None
        words = name.split()
        if len(words) > 1:
            return name
        bearers = [
            (at_, full)
            for at_, full in self.bearers.get(name, [])
            if full[0].isupper() and self.plausible(full)
        ]
        if at is not None and len({full for _, full in bearers}) > 1:
            earlier = [full for where, full in bearers if where < at]
            return earlier[-1] if earlier else bearers[0][1]
        return self.acronyms.get(name) or self.full.get(name) or name

    def _description(self, head: str, before: str, at: tuple[int, int] | None) -> str | None:
        """ "the ministry" -> the last "... Ministry" named; "the letter" -> its author;
        "the agency", "the lawmakers" -> the organisation named last; "the governor" -> whoever
        was speaking."""
        if head in DOCUMENT_WORDS:
            return _document_author(head, before, self)
        named = _named_with(head, before) or self._named_as(head, before)
        if named:
            return named
        if head in LEGISLATIVE_WORDS and at is not None:  # "the lawmakers" of a committee
            org = self._latest(at, _is_legislature, strong_only=False, back=len(self.paragraphs))
            if org:
                return org
        if head in ORGANISATION_WORDS and at is not None:
            org = self._latest(at, _is_org, strong_only=False)
            if org:
                return org
        return self._pronoun(_ROLE_PRONOUN.get(GENDERED_ROLES.get(head, ""), ""), before, at)

    def _named_as(self, head: str, before: str) -> str | None:
        """The last person the article introduced with this role: "the senator" -> "Montana
        senator Jon Tester", "the economist" -> "The Municipal’s economist Jeremiah Mbelu"."""
        if len(head) < 4 or head in ORGANISATION_WORDS or head not in before[-3000:].lower():
            return None
        found = None
        for m in _role_pattern(head).finditer(before[-3000:]):
            name = _strip_name(m["a"] or m["b"])
            if _is_person(name, self.full):
                found = name
        return self._name(found) if found else None

    def _latest(
        self,
        at: tuple[int, int],
        fits: Callable[[str], bool],
        strong_only: bool = True,
        back: int = 2,
        since: int = 0,
    ) -> str | None:
        """The most recent mention up to ``back`` paragraphs before ``at`` whose name ``fits``."""
        first = (at[0] - back, since)
        found = [m for m in self.mentions(at[0] - back, at[0]) + self.spoken if first <= m.where < at]
        for m in sorted(found, key=lambda m: m.where, reverse=True):
            if strong_only and not m.strong:
                continue
            name = self._mention_name(m)
            if name and fits(name):
                return name
        return None

    def _mention_name(self, mention: _Mention) -> str | None:
        """The name a mention stands for; a description is resolved once, against what comes
        before it (so the chain always runs backwards and ends)."""
        if not mention.raw.startswith(_DESCRIPTION_MARK):
            return self._name(mention.raw)
        key = (mention.where, mention.raw)
        if key not in self._described:
            self._described[key] = None  # a description met again while resolving itself
            p, offset = mention.where
            before = " ".join(self.paragraphs[:p]) + " " + self.paragraphs[p][:offset]
            self._described[key] = self._description(mention.raw[1:], before, mention.where)
        return self._described[key]

    def _is_person(self, name: str, wanted: str | None = None) -> bool:
        if not _is_person(name, self.full) and name not in self.gender and name not in self.people:
            return False
        known = self.gender.get(name)
        return wanted is None or known is None or known == wanted

    def _pronoun(self, pronoun: str, before: str, at: tuple[int, int] | None) -> str | None:
        """The antecedent of a pronoun: the last named subject or speaker that agrees with it."""
        if at is not None:
            if pronoun in THING_PRONOUNS:  # "It said": the organisation (or document) named last
                return self._latest(
                    at, lambda name: _is_org(name) or not (self._is_person(name) or self.common(name))
                )
            if pronoun in PLURAL_PRONOUNS:  # "they wrote": the committee, or whoever spoke last
                group = self._latest(at, lambda name: _is_org(name) or self._is_person(name))
                if group:
                    return group
            wanted = GENDERED_PRONOUNS.get(pronoun)
            person = self._latest(at, lambda name: self._is_person(name, wanted))
            if person:
                if wanted:
                    self.gender.setdefault(person, wanted)
                return person
            if at[0] == 0 and not _last_subject(before):  # a standfirst: "“…,” she said of her son …"
                ahead = [
                    m for m in self.mentions(1, 2) if m.strong and not m.raw.startswith(_DESCRIPTION_MARK)
                ]
                for m in ahead:
                    name = self._mention_name(m)
                    if name and self._is_person(name, wanted):
                        return name
        # the last speaker if recent, else the person named last
        if self.last is None or self.last_seen < len(before) - _ANTECEDENT_CHARS:
            recent = _last_subject(before[-_ANTECEDENT_CHARS:])
            return recent or self.last or _last_subject(before)
        return self.last


_ROLE_PRONOUN = {"m": "he", "f": "she"}
# "Tšosane", "McDonagh", "O’Connor", "Archer-Bradshaw"; not "UPS"
_PERSON_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-ÿā-ž]*(?:['’\-]?[A-ZÀ-ÖØ-ÞĀ-Ž]?[a-zà-ÿā-ž]+)+$")
_HONORIFIC = re.compile(
    rf"\b(?P<title>{'|'.join(re.escape(t) for t in sorted(GENDERED_HONORIFICS, key=len, reverse=True))})"
    rf"\.?\s+(?:{NAME_WORD}\s+)?(?P<surname>[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]+)"
)
_ROLES = "|".join(sorted(GENDERED_ROLES, key=len, reverse=True))
# "spokeswoman Jane Doe", "Sängerin Nina Chuba", "Saphina Ndali is a mother of two"
_GENDERED_ROLE = re.compile(
    rf"\b(?i:(?P<role>{_ROLES})),?\s+(?P<name>{_FULL_NAME})"
    rf"|(?P<name2>{_FULL_NAME})(?:,|\s+is)\s+(?:a|an|the)\s+(?:[a-z]+\s+)?(?P<role2>{_ROLES})\b"
)
_ROLE_HINT = re.compile(rf"\b(?i:{_ROLES})\b")  # cheap test before the costly name pattern
# "The Israel Defense Forces (IDF)": the short form stands for the long one
_ACRONYM = re.compile(rf"(?P<long>{NAME_RE.pattern})\s+\((?P<short>[A-Z][A-Za-z]{{1,7}})\)")
# An organisation's full name may go on with "of", "on", "for", "and the": "House Select
# Committee on the Strategic Competition Between the United States and the Chinese Communist Party"
_ORG_NAME = re.compile(
    rf"{NAME_RE.pattern}(?:\s+(?:of|on|for|and|the|de|des|du|für|der)(?:\s+the)?\s+{NAME_RE.pattern})*"
)


_ORG_LEAD = re.compile(
    rf"(?:(?!\S*(?:{'|'.join(sorted(NON_PERSON_WORDS))})\b){NAME_RE.pattern}\s+(?:of|on|for)\s+(?=\S))+"
)


_ALONE = re.compile(r"\b[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]*\b(?!\s+[A-ZÀ-ÖØ-ÞĀ-Ž])")


@lru_cache(maxsize=256)
def _role_pattern(head: str) -> re.Pattern[str]:
    """ "senator Jon Tester", "Jon Tester, the senator": a name introduced with a role noun."""
    role = rf"(?i:{re.escape(head)})"
    return re.compile(
        rf"\b{role}\s+(?P<a>{NAME_RE.pattern})"
        rf"|(?P<b>{NAME_RE.pattern}),\s+(?:an?|the)\s+(?:[\w\-]+\s+){{0,3}}?{role}\b"
    )


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _mask(paragraphs: list[str], spans: Iterable[Span]) -> list[str]:
    """The paragraphs with the quoted words blanked out (same lengths, so offsets still hold)."""
    out = list(paragraphs)
    for span in spans:
        for p in range(span.paragraph, span.end_paragraph + 1):
            start = span.start if p == span.paragraph else 0
            end = span.end if p == span.end_paragraph else len(out[p])
            out[p] = out[p][:start] + " " * (end - start) + out[p][end:]
    return out


def _is_legislature(name: str) -> bool:
    return any(w in LEGISLATURE_NAMES for w in name.split())


@lru_cache(maxsize=16384)  # pure, and the same names recur all through an article
def _is_org(name: str) -> bool:
    """An organisation: a name with an institution word ("Storm Prediction Center") or an acronym."""
    words = name.split()
    return any(w in NON_PERSON_WORDS for w in words) or bool(re.fullmatch(r"[A-Z][A-Z&]{1,6}", name))


def _document_author(head: str, before: str, speakers: _Speakers) -> str | None:
    """Who wrote "the letter": the owner of the document the article last mentioned by that
    noun ("X's letter", "letter from X", "X will mail … the brochure"), else nobody."""
    ends = _sentence_ends(before)
    text = before[max(0, len(before) - 3000) : ends[-1].end() if ends else 0]  # not "the letter" itself
    owner = None
    for m in _DOCUMENT_MENTION.finditer(text):
        if m["doc"].lower().rstrip("s") == head.rstrip("s"):
            owner = _document_owner(m)
    return speakers._name(owner) if owner else None


def _document_owner(m: re.Match[str]) -> str | None:
    if m["owner"] and re.search(r"[’']s?$", m["owner"]):  # "The Conservatives’ letter"
        return re.sub(r"[’']s?$", "", m["owner"])
    return m["owner2"] or m["owner3"] or m["owner4"]


def _document_subject(sentence: str) -> str | None:
    """The owner of a document that opens the sentence: "Godongwana’s latest budget documents
    show …", "The Conservatives’ letter to Daniel Greenberg … said:"."""
    m = _DOCUMENT_MENTION.match(sentence.strip())
    return _document_owner(m) if m and m.start("doc") < 80 else None


_DOCS = "|".join(sorted(DOCUMENT_WORDS, key=len, reverse=True))
_PUBLISHED = r"(?:published|released|issued|sent|mail|mailed|wrote|drafted|filed|signed|produced|posted)"
# "X's letter", "the letter from X", "X will mail … the brochure", "X said in a statement"
_DOCUMENT_MENTION = re.compile(
    rf"(?:(?:[Tt]he\s+)?(?P<owner>{NAME_RE.pattern})\s+"
    rf"|(?P<owner3>{NAME_RE.pattern})\s+(?:[a-z]+\s+){{0,2}}{_PUBLISHED}\b[^.!?]{{0,80}}?"
    rf"|(?P<owner4>{NAME_RE.pattern})(?:,[^,.]{{1,80}},)?\s+(?:[a-z]+\s+){{0,2}}(?:said|says|stated|wrote)\s+in\s+)?"
    rf"(?:[a-z][\w\-]*\s+){{0,3}}(?P<doc>\b(?:{_DOCS}))\b"
    rf"(?:\s+(?:from|by)\s+(?:the\s+)?(?P<owner2>{NAME_RE.pattern}))?"
)


def _mentions(text: str, p: int, pats: _Patterns, speakers: _Speakers) -> list[_Mention]:
    """Everyone paragraph ``p`` names with where they stand: subjects of speech cues ("Lopez
    said", "According to Amina Salum") and of clauses ("Mariam Malibiche has just handed …") are
    strong antecedents; other person and organisation names are weak ones."""
    found = []
    known = speakers.full
    start = 0
    for end in [m.end() for m in _sentence_ends(text)] + [len(text)]:
        sentence = text[start:end]
        # cheap cue test first: the subject pattern is costly on long sentences
        match = pats.reported.search(sentence) if pats.cue_hint.search(sentence) else None
        who = _who(match, "r") if match else None
        if match and who and who.lower() not in PRONOUNS:
            found.append(_Mention((p, start + match.start()), who, True))
        for m in pats.prefix.finditer(sentence):
            found.append(_Mention((p, start + m.start()), m["name"] or m["name2"], True))
        for m in _CLAUSE_SUBJECT.finditer(sentence):
            name = _strip_name(m["name"])
            apposed = _strip_name(m["app"]) if m["app"] and _COMPLEMENT_OF.search(m["role"] or "") else ""
            if _is_person(apposed, known):  # "El director de Centros Penales, Osiris Luna, respondió"
                found.append(_Mention((p, start + m.start("app")), apposed, True))
            elif m["art"] and not m["role"] and name not in known:
                pass  # "die Johanniter Unfallhilfe lagert …": a thing, not a person
            elif _is_person(name, known) and speakers.plausible(name):
                found.append(_Mention((p, start + m.start("name")), m["name"], True))
            elif _is_org(name):  # "Russia's Defense Ministry on Sunday confirmed"
                org = _ORG_NAME.match(sentence, m.start("name"))
                found.append(_Mention((p, start + m.start("name")), org.group(0) if org else name, True))
            elif (
                not speakers.nouns_capitalised
                and name not in NOT_NAMES | SENTENCE_WORDS
                and not speakers.common(name)
            ):
                found.append(
                    _Mention((p, start + m.start("name")), name, True)
                )  # "Pakistan … what it called"
        start = end
    for m in _HONORIFIC.finditer(text):  # "Inzwischen hat Frau Chuba …", not "from Lord Alli"
        governed = _GOVERNED.search(text, max(0, m.start() - 30), m.start())
        found.append(_Mention((p, m.start()), m["surname"], governed is None))
    for m in _WHO_CLAUSE.finditer(text):  # "Gopaul Govender, who was appointed", "it was Katie Boulter who"
        name = _strip_name(m["name"])
        if _is_person(name, known) and speakers.plausible(name):
            found.append(_Mention((p, m.start("name")), m["name"], True))
    for m in _ORG_NAME.finditer(text):
        # from the first part with an institution word: not "Lawmakers on the House … Committee"
        lead = _ORG_LEAD.match(m.group(0))
        name = re.sub(r"^[Tt]he\s+", "", m.group(0)[lead.end() if lead else 0 :])
        if _is_org(_strip_name(name)):
            found.append(_Mention((p, m.start() + (lead.end() if lead else 0)), name, False))
    return sorted(found, key=lambda m: m.where)


_GOVERNED = re.compile(
    rf"\b(?:{'|'.join(sorted(PREPOSITIONS))}|the|a|an|le|la|les|el|der|die|das|dem|den)\s+$", re.I
)
_WHO_CLAUSE = re.compile(
    rf"\b(?:was|is|war|ist|était|est|fue|es)\s+(?:[\w\-]+\s+){{0,4}}?(?P<name>{NAME_RE.pattern}),?\s+"
    rf"(?:who|qui|quien|der|die)\s+[a-zà-ÿ]"
)
# A name that opens a sentence or clause and is followed by its verb: "Mariam Malibiche has just
# handed …", "Regarding the tweets, Mpofu adopted …", "Auf die Frage …, Yakin ärgerte sich".
_NOT_ROLE_START = "|".join(sorted(PREPOSITIONS | NOT_VERBS))
_CLAUSE_SUBJECT = re.compile(
    rf"(?:^\s*|[,;:–—]\s+)(?P<art>(?:[Tt]he|[Dd]er|[Dd]ie|[Dd]as|[Ll][ae]|[Ee]l)\s+)?"
    # lower-case role words, not a preposition or an adverb: "el liberal de centroderecha Donald Tusk"
    rf"(?P<role>(?!(?:{_NOT_ROLE_START})\s)(?:[a-zà-ÿ][\w\-]*(?<!ly)\s+){{1,4}})?"
    rf"(?P<name>{NAME_RE.pattern})(?<![’']s)"
    rf"(?:\s*,(?P<app>[^,“”\"«»„]{{1,60}}),)?,?\s+(?!(?:and|und|et|y|of|de|von|who|which)\b)[a-zà-ÿ]"
)


def _named_with(head: str, text: str) -> str | None:
    """The last capitalised name in ``text`` containing the description's head noun ("the
    center" -> "Storm Prediction Center", "the ministry" -> "Russia's Defense Ministry")."""
    if len(head) < 3:
        return None
    word = head[:1].upper() + head[1:]
    for m in reversed(list(NAME_RE.finditer(text[-3000:]))):
        name = _strip_name(m.group(0))
        if name.split()[-1] == word and len(name.split()) >= 2:  # the head ends the name
            return name
    return None


def _last_subject(text: str) -> str | None:
    """The last person-like full name (two to four capitalised words) before a quote: the
    likely antecedent of "he said" when nobody was quoted yet."""
    for m in reversed(list(NAME_RE.finditer(text[-1500:]))):
        name = _strip_name(m.group(0))
        words = name.split()
        if (
            2 <= len(words) <= 3
            and words[0] not in NOT_NAMES
            and all(_PERSON_WORD.match(w) and w not in NON_PERSON_WORDS for w in words)
        ):
            return name
    return None


def extract_quotes(paragraphs: list[str], language: str | None = None) -> list[Quote]:
    """The quotations in the body paragraphs with their speakers; see the module docstring."""
    spans = find_spans(paragraphs)
    if not spans:
        return []  # most of the cost is reading the names of the article: only for quotes
    pats = _patterns(language)
    speakers = _Speakers(paragraphs, pats, spans, language)
    quotes: list[Quote] = []
    previous: tuple[Span, str | None] | None = None
    for span in spans:
        kind = quote_kind(span, paragraphs)
        if kind is None:
            continue
        raw, cue = _attribute(span, paragraphs, pats, kind == "partial")
        if raw and " " not in raw.strip() and raw[:1].isupper() and not speakers.plausible(_strip_name(raw)):
            raw = None  # "… dass die Regel nur Anwendung fand": a German noun, not a name
        before = " ".join(paragraphs[: span.paragraph]) + " " + paragraphs[span.paragraph][: span.start]
        speaker = speakers.resolve(raw, before, (span.paragraph, span.start))
        at = (span.paragraph, span.start)
        if raw is None and previous is not None and _continues(previous[0], span, paragraphs):
            # a quote that goes on from the last one keeps its speaker, unless someone else is
            # named in between ("…“, sagte Elvedi. Das schmälerte den Frust, den Granit Xhaka
            # zusammenfasste: „…“")
            between = previous[0].end_paragraph == span.paragraph and speakers.subject_in(at, previous[0].end)
            speaker = between or previous[1]
        elif raw is None and span.paragraph > 0 and _opens_paragraph(span, paragraphs):
            before = " ".join(paragraphs[: span.paragraph])
            end_before = (span.paragraph - 1, len(paragraphs[span.paragraph - 1]))
            reported = _reported_speaker(paragraphs[span.paragraph - 1], pats)
            speaker = speakers.resolve(reported, before, end_before)
            if reported is None:  # after a paragraph about a named person ("Draper meanwhile wrapped up …")
                speaker = speakers.subject_in(end_before)
        elif raw is None:  # "Leavitt schloss nicht aus, dass … „…“", "He said … Specifically, “…”"
            reported = _reported_speaker(paragraphs[span.paragraph][: span.start], pats)
            speaker = speakers.resolve(reported, before, at)
            # else the subject named before a colon, unless a cue names nobody ("according to prosecutors")
            if speaker is None and not _UNNAMED_SOURCE.search(
                _sentence_before(paragraphs[span.paragraph], span.start)
            ):
                speaker = speakers.subject_in(at)
        speakers.said(speaker, (span.paragraph, span.start))
        quotes.append(Quote(span.text, speaker, cue.lower() if cue else None, span.paragraph, kind))
        previous = (span, speaker)
    return quotes


def _is_person(name: str, known: dict[str, str]) -> bool:
    """Two or three capitalised name words, or a surname the article gives in full."""
    words = name.split()
    if not words or words[0] in NOT_NAMES or any(w in NON_PERSON_WORDS for w in words):
        return False
    if len(words) == 1:
        return words[0] in known and len(known[words[0]].split()) >= 2
    inner = words[1:-1]  # "Kelly L Clarke", "George W. Bush"
    return (
        len(words) <= 4
        and not any(re.search(r"[’']s?$", w) for w in words[:-1])  # not "Bushnell’s LinkedIn"
        and all(_PERSON_WORD.match(w) for w in (words[0], words[-1]))
        and all(_PERSON_WORD.match(w) or _INITIAL.fullmatch(w) for w in inner)
    )


_INITIAL = re.compile(r"[A-Z]\.?")


def _opens_paragraph(span: Span, paragraphs: list[str]) -> bool:
    text = paragraphs[span.paragraph]
    return span.start == len(text) - len(text.lstrip())


def _continues(prev: Span, span: Span, paragraphs: list[str]) -> bool:
    """The quote follows the previous one directly: later in the same paragraph, or opening
    the next paragraph."""
    if span.paragraph == prev.end_paragraph:
        return True
    return span.paragraph == prev.end_paragraph + 1 and span.start == len(paragraphs[span.paragraph]) - len(
        paragraphs[span.paragraph].lstrip()
    )

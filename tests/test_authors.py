"""Table-driven author cases: tiny inline HTML -> ``extract_article(html, url).authors``.

One row per rule in ``newscrawl.extract.metadata`` (author functions) and the author tables
in ``newscrawl.extract.patterns``. Names and sites are made up.
"""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import extract_article

URL = "https://www.example-news.com/2024/05/03/some-story-slug"


def _ld(author: object) -> str:
    obj = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "H", "author": author}
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def _page(head: str = "", body: str = "") -> str:
    return (
        f"<html><head><title>H</title>{head}</head><body><article><h1>H</h1>{body}"
        "<p>Some article text that is long enough to be a paragraph of the story.</p>"
        "</article></body></html>"
    )


CASES = [
    # --- JSON-LD ------------------------------------------------------------------------
    ("ld person", _page(_ld({"@type": "Person", "name": "Jane Doe"})), ["Jane Doe"]),
    (
        "ld givenName/familyName without name",
        _page(_ld([{"@type": "Person", "givenName": "Anna Maria", "familyName": "Fink"}])),
        ["Anna Maria Fink"],
    ),
    (
        "ld nested list of persons",
        _page(_ld([{"@type": "Person", "name": "Jan Roe"}, [{"@type": "Person", "name": "Eva Poe"}]])),
        ["Jan Roe", "Eva Poe"],
    ),
    (
        "ld person and agency typed Person: the agency is an organisation",
        _page(
            _ld(
                [
                    {"@type": "Person", "name": "Kai Berg"},
                    {"@type": "Person", "name": "Deutsche Presse-Agentur"},
                ]
            )
        ),
        ["Kai Berg"],
    ),
    (
        "ld organisation only",
        _page(_ld({"@type": "Organization", "name": "Example News"})),
        ["Example News"],
    ),
    (
        "ld organisation beats a byline's initials",
        _page(_ld({"@type": "Organization", "name": "kicker"}), '<p class="article-author">amw</p>'),
        ["kicker"],
    ),
    (
        "ld @id reference resolved",
        _page(
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "headline": "H",'
            ' "author": {"@id": "#p1"}}, {"@type": "Person", "@id": "#p1", "name": "Ola Nordmann"}]}'
            "</script>"
        ),
        ["Ola Nordmann"],
    ),
    # --- meta ---------------------------------------------------------------------------
    ("meta author", _page('<meta name="author" content="Jane Doe, John Roe">'), ["Jane Doe", "John Roe"]),
    (
        "meta author with the site's domain is the organisation",
        _page('<meta name="author" content="Example Welle (www.example-welle.com)">'),
        ["Example Welle"],
    ),
    (
        "meta author naming the site (host label) is the organisation; the byline person wins",
        _page(
            '<meta name="author" content="Example-News Online">', '<span class="byline">By Mia Lund</span>'
        ),
        ["Mia Lund"],
    ),
    (
        "meta author 'Redaktion' is a team credit",
        _page(
            '<meta name="twitter:label1" content="Verfasst von">'
            '<meta name="twitter:data1" content="Redaktion">'
        ),
        ["Redaktion"],
    ),
    (
        "meta author email only is skipped",
        _page('<meta name="author" content="j.doe@example-news.com">', '<p class="byline">Von Jo Doe</p>'),
        ["Jo Doe"],
    ),
    # --- byline elements ----------------------------------------------------------------
    (
        "names in sibling elements stay apart",
        _page(
            body='<div class="article-byline"><span>Birgit Baum</span> <span>Anna Giulia Fink</span></div>'
        ),
        ["Birgit Baum", "Anna Giulia Fink"],
    ),
    (
        "label glued to the link",
        _page(body='<span class="byline">Veröffentlicht von<a href="/x">Chris Jung</a></span>'),
        ["Chris Jung"],
    ),
    (
        "label in its own element",
        _page(body='<div class="byline"><span>By</span><span><a href="/x">J.R. Stone</a></span></div>'),
        ["J.R. Stone"],
    ),
    (
        "lower-case name after the label",
        _page(body='<span class="post-author">Eingestellt von der Michel</span>'),
        ["der Michel"],
    ),
    (
        "name, the site as affiliation, date: 'Stand:' ends the credits",
        _page(
            '<meta property="og:site_name" content="MDR">',
            body='<div class="author">von David Strauss, MDR THÜRINGEN Stand: 28. April 2023</div>',
        ),
        ["David Strauss"],
    ),
    (
        "what follows the date is not a name",
        _page(
            body='<div class="wrap-byline"><span>By Emily Bur</span> <span>8 January 2020, 3:51 pm</span>'
            " <span>11</span> <span>Edit</span></div>"
        ),
        ["Emily Bur"],
    ),
    (
        "date first, then the name",
        _page(body='<p class="post-byline">29. Juni 2017, 23:39 · von <a href="/x">Tobi</a></p>'),
        ["Tobi"],
    ),
    ("Twitter handle after the name", _page(body='<p class="author">Will Perdo @wperdo</p>'), ["Will Perdo"]),
    ("Korean reporter suffix", _page(body='<span class="byline">신현주 기자</span>'), ["신현주"]),
    (
        "'Ein Kommentar von', 'Auteur:', '©' prefixes",
        _page(body='<p class="byline">Ein Kommentar von Hans Muster</p>'),
        ["Hans Muster"],
    ),
    ("'Auteur:' prefix", _page(body='<p class="author">Auteur: Anna Kub</p>'), ["Anna Kub"]),
    ("'©' prefix", _page(body='<p class="author">© Kathrin Füh</p>'), ["Kathrin Füh"]),
    (
        "a bare label yields nothing, the next element names the author",
        _page(body='<div class="byline">Von</div><div class="byline">Von Nora Holm</div>'),
        ["Nora Holm"],
    ),
    (
        "page furniture in a byline element is not a name",
        _page(body='<div class="author-links">Twitter Facebook</div><div class="author">Lea Stern</div>'),
        ["Lea Stern"],
    ),
    (
        "itemprop author with nested itemprop name",
        _page(body='<div itemprop="author"><span itemprop="name">Tim Anders</span></div>'),
        ["Tim Anders"],
    ),
    (
        "comment authors are not article authors",
        _page(
            body='<div class="comments"><span class="comment-author">troll99</span>'
            '<span class="byline">By Reader Name</span></div>'
        ),
        [],
    ),
    (
        "byline inside a related-stories box is another article's",
        _page(
            body='<div class="related-posts"><p class="byline">By Otto Wald</p></div>'
            '<p class="byline">By Rhea Walker</p>'
        ),
        ["Rhea Walker"],
    ),
    (
        "byline in an aside is another article's",
        _page(body='<aside><p class="byline">By Sid Ewald</p></aside>'),
        [],
    ),
    (
        "initials stand when nothing else is credited",
        _page(body='<p class="author">mh</p>'),
        ["mh"],
    ),
    # --- author links and printed bylines -----------------------------------------------
    (
        "link to an author page",
        _page(body='<address><a href="/author/tanders/"> Tim Anders </a></address>'),
        ["Tim Anders"],
    ),
    (
        "printed 'By' line with a date",
        _page(body="<h4>By Gio Gagg | 12/10/2020</h4>"),
        ["Gio Gagg"],
    ),
    (
        "printed 'von' with the name in its own element",
        _page(body="<p> von <em>Klaus Stan</em></p>"),
        ["Klaus Stan"],
    ),
    (
        "printed label element followed by the name as its tail",
        _page(body="<p><strong>Text:</strong> Klaus Fried<br>more text here</p>"),
        ["Klaus Fried"],
    ),
    ("printed 'Par'", _page(body="<div><span>Par&nbsp;<a href='/n/1'>Matt Hy</a></span></div>"), ["Matt Hy"]),
    (
        "a sentence opening with 'Von' is not a byline",
        _page(body="<p>Von Berlin nach München fährt der Zug.</p>"),
        [],
    ),
    # --- splitting and noise ------------------------------------------------------------
    (
        "a label cut off from its name is dropped",
        _page(body='<p class="author"><span>Rezept von</span> <a href="/u/x">jesusfreak</a></p>'),
        ["jesusfreak"],
    ),
    (
        "a social handle alone is not a name",
        _page('<meta name="author" content="@ExampleNews">', '<p class="byline">By Mick Hing</p>'),
        ["Mick Hing"],
    ),
    (
        "a picture credit is not an author",
        _page(body='<p class="byline">Foto: Mads Ras</p><p class="byline">Von Trine Jør</p>'),
        ["Trine Jør"],
    ),
    (
        "a final initial keeps its dot",
        _page(body='<p class="byline">Por Juan Muñoz C.</p>'),
        ["Juan Muñoz C."],
    ),
    ("a final full stop goes", _page(body='<p class="byline">Por Rodo Costa.</p>'), ["Rodo Costa"]),
    ("'By A and B'", _page(body='<p class="byline">By Ann Lee and Bo Kim</p>'), ["Ann Lee", "Bo Kim"]),
    ("'Por A y B'", _page(body='<p class="byline">Por Ana Ruiz y Luis Gil</p>'), ["Ana Ruiz", "Luis Gil"]),
    (
        "role and 'For Daily Mail Australia' suffixes",
        _page(
            body='<p class="byline">By Jo Bloggs, Senior Reporter and Al Smith For Daily Mail Australia</p>'
        ),
        ["Jo Bloggs", "Al Smith"],
    ),
    ("email dropped", _page(body='<p class="byline">By Jo Bloggs jo@example-news.com</p>'), ["Jo Bloggs"]),
    ("'Staff' alone is not a name", _page(body='<p class="byline">By Staff</p>'), []),
    (
        "agency credited with a person: the person",
        _page('<meta name="author" content="Felix Schrader und Jörg Sold, dpa">'),
        ["Felix Schrader", "Jörg Sold"],
    ),
    ("agency alone", _page('<meta name="author" content="dpa">'), ["dpa"]),
    (
        "same person from several sources once",
        _page(
            _ld({"@type": "Person", "name": "Jane Doe"}) + '<meta name="author" content="Jane Doe">',
            '<p class="byline">By Jane Doe</p>',
        ),
        ["Jane Doe"],
    ),
]


@pytest.mark.parametrize(("html", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_authors(html: str, expected: list[str]) -> None:
    assert extract_article(html, URL).authors == expected


def _plain(body: str, head: str = "") -> str:
    """A page whose byline has no byline markup (no author/byline class)."""
    return (
        f"<html><head><title>H</title>{head}</head><body><div><h1>H</h1>{body}"
        "<p>Some article text that is long enough to be a paragraph of the story.</p>"
        "</div></body></html>"
    )


# (case, html, expected authors): printed labels, credits and what is not a person
MORE_CASES = [
    (
        "label and name in sibling elements",
        _plain("<div><span>By</span><span>Jo Ray Stone</span></div>"),
        ["Jo Ray Stone"],
    ),
    (
        "label element and the name in its tail",
        _plain("<p><strong>Text:</strong> Klaus Fried</p>"),
        ["Klaus Fried"],
    ),
    (
        "'Autorin/Autor' label",
        _plain("<ul><li><strong>Autorin/Autor</strong> Roman Gonch</li></ul>"),
        ["Roman Gonch"],
    ),
    (
        "'Autoren' label without colon",
        _plain("<p>Autoren Jelko Dju und Jutta Klau</p>"),
        ["Jelko Dju", "Jutta Klau"],
    ),
    (
        "another credit after the author's",
        _plain("<p><em>Text von Chris Seil   Illustration von Mark Ro</em></p>"),
        ["Chris Seil"],
    ),
    (
        "date first, then the name",
        _page(body='<div class="post-meta--author">Posted on September 21, 2020 by Adi Tzl</div>'),
        ["Adi Tzl"],
    ),
    (
        "an editorial team with a digit in its name",
        _page(_ld([{"@type": "Person", "name": "BR24 Redaktion"}])),
        ["BR24 Redaktion"],
    ),
    (
        "a user name gives way to a printed name",
        _page('<meta name="author" content="chris.stadt">', '<p class="byline">Von Chris P. Stadt</p>'),
        ["Chris P. Stadt"],
    ),
    (
        "a user name stands when no name is printed",
        _page('<meta name="author" content="flerche">'),
        ["flerche"],
    ),
    (
        "the site's name is not split into two people",
        _page(
            '<meta property="og:site_name" content="Jobs &amp; Hire">'
            '<meta name="author" content="Jobs &amp; Hire">'
        ),
        ["Jobs & Hire"],
    ),
    (
        "an organisation by its legal form gives way to a person",
        _page(
            '<meta name="author" content="Hanns-Seil-Stiftung e.V.">',
            "<p>Autorin: Uta Stasch, Projektleiterin der HSS in Tunis.</p>",
        ),
        ["Uta Stasch"],
    ),
    (
        "a label caught in an author element is not a name",
        _page(body='<div class="author">Zuletzt geändert am: 15.10.2021</div>'),
        [],
    ),
    (
        "words of a sentence are not a name",
        _page(body='<span class="author">deinen Hochzeitsbloggern</span>'),
        [],
    ),
    (
        "a sentence in the author meta is not a name",
        _page(
            '<meta name="author" content="Peter Amen und Fuchsy designed">',
            '<p class="byline">By Harald Bau</p>',
        ),
        ["Harald Bau"],
    ),
    (
        "dozens of author metas list a paper's references",
        _page(
            "".join(f'<meta name="author" content="A. Ref{i}">' for i in range(12))
            + '<meta name="dc.creator" content="Marwan H. Adw">'
        ),
        ["Marwan H. Adw"],
    ),
    (
        "an e-mail spelled out against harvesters is dropped",
        _page(body='<p class="byline">By Jo Bloggs jo[at]example-news.com</p>'),
        ["Jo Bloggs"],
    ),
    (
        "a comment form's label is not a name",
        _page(body='<span class="author">Name</span><p class="byline">By Ora Min</p>'),
        ["Ora Min"],
    ),
    (
        "Yoast's twitter:misc author meta",
        _page('<meta name="twitter:misc:Written by" content="Dieter Kuckel">'),
        ["Dieter Kuckel"],
    ),
    (
        "a name signed under the last paragraph",
        _plain(f"<p>{'Long article text. ' * 15}</p><p><b><i>Stefan Wasm</i></b></p>"),
        ["Stefan Wasm"],
    ),
    (
        "a right-aligned signature",
        _plain(f'<p>{"Long article text. " * 15}</p><p align="right"><em>Denis Cler</em></p>'),
        ["Denis Cler"],
    ),
    (
        "a signature under a short last paragraph",
        _plain(f'<p>{"Short text. " * 12}</p><p style="text-align: right;"><strong>Lê Phươn</strong></p>'),
        ["Lê Phươn"],
    ),
    (
        "a bold label under a paragraph is no signature",
        _plain(f"<p>{'Long article text. ' * 15}</p><p><b>Weitere Informationen:</b></p>"),
        [],
    ),
    (
        "a bold sub-heading the article goes on after is no signature",
        _plain(f"<p>{'Long article text. ' * 15}</p><p><b>Die Zukunft</b></p><p>{'More text. ' * 30}</p>"),
        [],
    ),
    (
        "a reader's name over a place is no signature",
        _plain(f"<p>{'Long letter text. ' * 15}</p><p><em>Jon Rego<br>Clayton</em></p>"),
        [],
    ),
    (
        "a news agency by its kind is an organisation",
        _page(_ld({"@type": "Organization", "name": "SID"}), '<p class="byline">Nachrichtenagentur</p>'),
        ["SID"],
    ),
    (
        "'Propos recueillis par'",
        _page(body='<p class="byline">Propos recueillis par Patrick Angev</p>'),
        ["Patrick Angev"],
    ),
    (
        "an e-mail after the name in the author meta",
        _page('<meta name="author" content="Lüder Hopp info@example-office.de">'),
        ["Lüder Hopp"],
    ),
    (
        "first and last name in their own elements are one name",
        _page(
            body='<div class="byline"><a rel="author"><span class="firstname">Ingrid</span> '
            '<span class="lastname">Trebo</span></a></div>'
        ),
        ["Ingrid Trebo"],
    ),
    (
        "a name typed in lower case stays",
        _page(body='<p class="byline">By Mobasir hassan</p>'),
        ["Mobasir hassan"],
    ),
]


@pytest.mark.parametrize(("html", "expected"), [c[1:] for c in MORE_CASES], ids=[c[0] for c in MORE_CASES])
def test_more_authors(html: str, expected: list[str]) -> None:
    assert extract_article(html, URL).authors == expected

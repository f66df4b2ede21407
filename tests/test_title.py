"""Table-driven title cases: tiny inline pages, one per rule of ``extract_title``."""

from __future__ import annotations

import json

import pytest

from newscrawl import extract_article


def page(head: str = "", body: str = "", ld: dict | None = None) -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return f"<html><head>{head}{script}</head><body>{body}</body></html>"


def og(title: str) -> str:
    return f'<meta property="og:title" content="{title}">'


SITE = '<meta property="og:site_name" content="Daily Planet">'
NEWS = {"@type": "NewsArticle"}

CASES = [
    pytest.param(
        page(f"{SITE}<title>Mayor opens the new river bridge | Daily Planet</title>"),
        "Mayor opens the new river bridge",
        id="title-site-suffix",
    ),
    pytest.param(
        page(f"{SITE}<title>Daily Planet | Mayor opens the new river bridge</title>"),
        "Mayor opens the new river bridge",
        id="title-site-prefix",
    ),
    pytest.param(
        page("<title>NEWS WEB EASY|子どもへの体罰を禁止する法律ができる</title>"),
        "子どもへの体罰を禁止する法律ができる",
        id="unspaced-bar-separator",
    ),
    pytest.param(
        page("<title>Time 4 talks » Blog Archiv » Weitere Digitalisierung der Kinos</title>",
             '<h1><a href="https://time4talks.example/">Time 4 talks</a></h1>'),
        "Weitere Digitalisierung der Kinos",
        id="logo-h1-links-home-site-leads-title",
    ),
    pytest.param(
        page(og("Schneeflöckchen, Weißröckchen… – mit Hund im Winter")),
        "Schneeflöckchen, Weißröckchen… – mit Hund im Winter",
        id="og-separator-without-site-part-kept-whole",
    ),
    pytest.param(
        page(ld={**NEWS, "headline": "Signa in Sorge &#8211; Finanzdaten und Berater"}),
        "Signa in Sorge – Finanzdaten und Berater",
        id="jsonld-entities-unescaped",
    ),
    pytest.param(
        page(og("Rückschlag im Titelkampf - Liverpool verliert"),
             '<h1><span class="seitenkopf__topline">Premier League</span>'
             '<span>Rückschlag im Titelkampf - Liverpool verliert</span></h1>'),
        "Rückschlag im Titelkampf - Liverpool verliert",
        id="kicker-class-dropped-when-stated-title-is-the-rest",
    ),
    pytest.param(
        page("", '<h1><span class="kicker">Klimaschutz</span> Bohren, bis es heiß wird</h1>'),
        "Bohren, bis es heiß wird",
        id="kicker-class-dropped-when-nothing-stated",
    ),
    pytest.param(
        page(og("Basketball: Nach der Schlägerei in Madrid"),
             '<h1><span class="kicker">Basketball</span><span class="visually-hidden">: </span>'
             "<span>Nach der Schlägerei in Madrid</span></h1>"),
        "Basketball: Nach der Schlägerei in Madrid",
        id="kicker-kept-when-stated-title-has-it",
    ),
    pytest.param(
        page(og("Iran: «Die Zurückhaltung hat viel mit den USA zu tun»"),
             '<h1><span>Eskalation im Nahen Osten</span><span aria-hidden="true"> - </span>'
             "<span>«Die Zurückhaltung hat viel mit den USA zu tun»</span></h1>"),
        "«Die Zurückhaltung hat viel mit den USA zu tun»",
        id="separator-only-child-ends-the-kicker",
    ),
    pytest.param(
        page(og("Tagesschau unterschlägt Hass-Demo in Essen"),
             "<h1>Tagesschau unterschlägt Hass-Demo in Essen <span>Verharmlosung im ÖRR</span></h1>"),
        "Tagesschau unterschlägt Hass-Demo in Essen",
        id="subtitle-child-not-in-stated-title",
    ),
    pytest.param(
        page(og("Ultium Cells erhöht Kapazität - Battery-News.de"),
             "<h1>Ultium Cells erhöht Kapazität in Tennessee</h1>"),
        "Ultium Cells erhöht Kapazität in Tennessee",
        id="printed-h1-longer-than-stated-wins",
    ),
    pytest.param(
        page(og("Wer ist Phil Fodens Freundin und wie viele Kinder…"),
             "<h1>Wer ist Phil Fodens Freundin und wie viele Kinder haben sie?</h1><h1>Mehr</h1>"),
        "Wer ist Phil Fodens Freundin und wie viele Kinder haben sie?",
        id="truncated-og-title-prefix",
    ),
    pytest.param(
        page("<title>Zoll online - Verkündung des Gesetzes</title>",
             '<h1 class="aural">Zoll</h1><h1>Fachmeldungen</h1><h1>Verkündung des Gesetzes</h1>'),
        "Verkündung des Gesetzes",
        id="screen-reader-h1-skipped",
    ),
    pytest.param(
        page(og("Job-Turbo hilft Geflüchteten"),
             '<h1 class="sr-only sm:not-sr-only">Job-Turbo hilft Geflüchteten</h1>'),
        "Job-Turbo hilft Geflüchteten",
        id="responsive-not-sr-only-is-visible",
    ),
    pytest.param(
        page(og("Enhanced Safe Browsing now in Chrome") + "<title>Google Security Blog: x</title>",
             '<h1 class="logo"><a href="/">Security Blog</a></h1>'
             "<h2>Security Blog</h2><h2>Enhanced Safe Browsing now in Chrome</h2>"),
        "Enhanced Safe Browsing now in Chrome",
        id="logo-h1-then-h2-that-the-og-title-repeats",
    ),
    pytest.param(
        page(og("Die Eisheiligen 2024: Wann sie sind"),
             '<nav class="breadcrumb"><ol><li><h1>Die Eisheiligen 2024: Wann sie sind</h1></li></ol></nav>'
             '<dialog><h1 class="modal__title">Artikel merken</h1></dialog>'),
        "Die Eisheiligen 2024: Wann sie sind",
        id="breadcrumb-h1-equal-to-stated-title-dialog-h1-skipped",
    ),
    pytest.param(
        page(og("Chiesa ruft zum Widerstand auf"),
             '<nav class="Breadcrumbs_root"><h1 class="breadcrumbs_seo">SVP-Parteitag: '
             "Chiesa ruft zum Widerstand auf</h1></nav>",
             {**NEWS, "headline": "SVP-Parteitag: Chiesa ruft zum Widerstand auf"}),
        "Chiesa ruft zum Widerstand auf",
        id="stated-title-without-kicker-preferred",
    ),
    pytest.param(
        page("<title>Diario HOY | Darán bendición a vehículos</title>"
             '<meta property="og:site_name" content="Diario HOY">',
             "<h1>Darán bendición a vehículos</h1><h1>Otra noticia del día de hoy</h1>"),
        "Darán bendición a vehículos",
        id="h1-equal-to-title-part-after-leading-site-name",
    ),
    pytest.param(
        page(og("Corona: „Es kommt darauf an, wie sie sterben“")
             + "<title>Corona - „Es kommt darauf an, wie sie sterben“ | Cicero</title>",
             "<h1>„Es kommt darauf an, wie sie sterben“</h1>"),
        "„Es kommt darauf an, wie sie sterben“",
        id="long-title-part-is-not-a-blog-name",
    ),
    pytest.param(
        page("", "<h1>Krach vor der Versammlung:<br>Es knirscht</h1>"),
        "Krach vor der Versammlung: Es knirscht",
        id="br-read-as-space",
    ),
    pytest.param(
        page(og("- Angsten vil øke"), "<h1>- Angsten vil øke</h1>"),
        "- Angsten vil øke",
        id="leading-dash-kept-without-kicker",
    ),
    pytest.param(
        page(og("Waffenlieferungen: Beschwerde eingelegt"),
             '<h1><span class="subline">Waffenlieferungen an Israel<span class="sr-only">:</span></span>'
             ' <span class="topline">Palästinenser legt Verfassungsbeschwerde ein</span></h1>'),
        "Waffenlieferungen an Israel: Palästinenser legt Verfassungsbeschwerde ein",
        id="kicker-class-last-and-longest-is-the-headline",
    ),
    pytest.param(
        page("", '<h1>Mayor opens the bridge <span class="label">Video</span></h1>'),
        "Mayor opens the bridge",
        id="short-label-after-headline-dropped",
    ),
    pytest.param(
        page(og("Hitze: alte Trams als Risiko"),
             "<article><header><h1>So sind Straßenbahnen auf Hitzewellen vorbereitet</h1></header></article>"
             '<section><h1><a href="/nachrichten/region">Mehr aus der Region</a></h1></section>'),
        "So sind Straßenbahnen auf Hitzewellen vorbereitet",
        id="several-h1s-the-one-in-the-article",
    ),
    pytest.param(
        page(og("Gift Guide | Journal"),
             "<main><article><h1>My cosy home gift guide</h1></article>"
             "<div class=teaser><h1>Our newsletter!</h1></div></main><div><h1>Our newsletter!</h1></div>"),
        "My cosy home gift guide",
        id="several-h1s-newsletter-outside-the-article",
    ),
    pytest.param(
        page(SITE + og("Chronik | Daily Planet"),
             "<article><h1>First teaser</h1></article><article><h1>Second teaser</h1></article>"),
        "Chronik",
        id="several-h1s-in-several-articles-undecided",
    ),
    pytest.param(
        page("",
             "<article><h1><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rp>(</rp><rt>たいばつ</rt>"
             "<rp>)</rp></ruby>を禁止する法律ができる</h1></article>"),
        "子どもへの体罰を禁止する法律ができる",
        id="ruby-annotations-not-read",
    ),
    pytest.param(
        page("<title>23.01.2022 - Wierer darf noch jubeln - Biathlon Antholz</title>",
             "<h1>23.01.2022 - Wierer darf noch jubeln</h1>"),
        "Wierer darf noch jubeln",
        id="leading-date-dropped",
    ),
    pytest.param(
        page("", "<h1>2024-05-03 | Council votes on budget</h1>"),
        "Council votes on budget",
        id="leading-iso-date-dropped",
    ),
    pytest.param(
        page("", "<h1>550 Kinder gezeugt: Gericht stoppt Samenspender</h1>"),
        "550 Kinder gezeugt: Gericht stoppt Samenspender",
        id="leading-number-is-not-a-date",
    ),
    pytest.param(
        page("<title>장동혁, 한동훈 제명했지만 부담 커졌다ㅣ한국일보</title>"),
        "장동혁, 한동훈 제명했지만 부담 커졌다",
        id="hangul-bar-separator",
    ),
    pytest.param(
        page(f"{SITE}<title>Produkttester werden │ Daily Planet</title>"),
        "Produkttester werden",
        id="box-drawing-bar-separator",
    ),
    pytest.param(
        page(og("Korsetts - Shops, Designer, online kaufen") + "<title>Korsetts - Shops, Designer</title>",
             "<h1>Korsetts – Deutschland</h1><h1>Korsetts – Weltweit</h1>"),
        "Korsetts - Shops, Designer, online kaufen",
        id="two-headings-agree-equally-neither-wins",
    ),
    pytest.param(
        page(f"{SITE}<title>Enchufla Figuren | Daily Planet</title>",
             '<h1><a href="/">Daily Planet</a></h1><h2>Kategorien</h2><h2>Enchufla</h2>'),
        "Enchufla Figuren",
        id="one-word-heading-part-of-title-is-not-the-headline",
    ),
    pytest.param(
        page("<title>Deutschland und die Ressentiments | Handelsblatt</title>",
             '<h1><a href="/">Handelsblatt</a></h1><h2><span class="overline">Grenzschließungen</span>'
             ' <span class="headline">Deutschland und die Ressentiments</span></h2>'),
        "Deutschland und die Ressentiments",
        id="h2-headline-without-its-kicker-when-no-stated-title-has-it",
    ),
    pytest.param(
        page("<title>Wochenbericht 14. - 20. Januar - SLF</title>",
             "<nav><h2>Hauptnavigation</h2></nav><main><article><header>"
             "<h2>Schwache Profile – günstige Lawinensituation</h2></header><p>Text</p></article></main>"),
        "Schwache Profile – günstige Lawinensituation",
        id="no-h1-no-stated-title-first-h2-of-main",
    ),
    pytest.param(
        page("<title>Auf den Spuren von Nadal | Tennisverband</title>",
             "<div><h3>Auf den Spuren von Nadal</h3></div><main><h2>Ansprechpartner</h2></main>"),
        "Auf den Spuren von Nadal",
        id="no-h1-heading-repeats-title-part",
    ),
    pytest.param(
        page(og("Lorient vs Lyon"), "<main><h2>Match en direct</h2></main>"),
        "Lorient vs Lyon",
        id="no-h1-stated-title-before-main-h2",
    ),
    pytest.param(
        page("", "<h1><style>.css-1b{font-size:27px}</style>Im harten Läuferalltag</h1>"),
        "Im harten Läuferalltag",
        id="inline-style-in-heading-not-read",
    ),
    pytest.param(
        page(SITE + og("Budget vote | Daily Planet"),
             "<header><h1>Council passes the budget</h1></header><aside><article><h1>Most read today</h1>"
             "</article></aside>"),
        "Budget vote",
        id="several-h1s-the-one-in-an-article-comes-later-undecided",
    ),
    pytest.param(
        page("<title>mediaarchitecture.de // » Jens Weber</title>", "<h2>[&gt; Jens Weber</h2>"),
        "Jens Weber",
        id="leading-decoration-dropped",
    ),
    pytest.param(
        page("", "<h1>» Jens Weber</h1>"),
        "Jens Weber",
        id="leading-guillemet-without-closing-quote-dropped",
    ),
    pytest.param(
        page("", "<h1>» Haltet unsere Gewässer sauber! «</h1>"),
        "» Haltet unsere Gewässer sauber! «",
        id="quoted-headline-keeps-its-guillemets",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("html", "expected"), CASES)
def test_title(html: str, expected: str) -> None:
    assert extract_article(html, "https://news.example/2024/05/story.html").title == expected

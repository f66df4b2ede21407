"""The extraction core on small inline pages: fields, boilerplate, decoding, robustness."""

import json
import re

import pytest

from newscrawl import extract_article
from newscrawl.schema import record_errors

PARA = "This sentence belongs to the article and is long enough to count as real text, surely."

PAGE = f"""<!doctype html><html lang="en-GB"><head>
<title>Storm hits the coast | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Storm hits the coast | The Daily Example">
<meta name="description" content="A storm hit the coast.">
<meta property="article:published_time" content="2024-01-02T03:04:05+01:00">
<meta property="article:section" content="Weather">
<meta property="article:tag" content="storm"><meta property="article:tag" content="coast">
<meta property="og:image" content="/img/storm.jpg">
<link rel="canonical" href="/weather/2024/01/02/storm-hits-the-coast/">
</head><body>
<div class="cookie-banner">We use cookies to improve your experience.</div>
<nav><a href="/">Home</a> <a href="/weather/">Weather</a></nav>
<main><article>
<h1>Storm hits the coast</h1>
<div class="byline">By Jane Doe and John Roe, Senior Reporter</div>
<div class="share-bar"><a href="#">Share on Facebook</a> 1,234 shares</div>
<div class="article-body">
<p>{PARA} One.</p>
<div class="ad-slot">Advertisement</div>
<p>{PARA} Two.</p>
<p>READ MORE: <a href="/x">Another story entirely</a></p>
<h2>What happens next</h2>
<p>{PARA} Three.</p>
<figure><img src="a.jpg"><figcaption>Waves on the pier. Photo: Agency</figcaption></figure>
<div class="newsletter-signup"><p>Sign up for our newsletter to get the news first.</p></div>
</div></article>
<section class="related-posts"><h3>Related</h3><ul><li><a href="/a">A related headline</a></li></ul>
</section>
<div id="comments"><h3>LEAVE A REPLY</h3><p>Great article, thanks a lot for writing it up!</p></div>
</main><footer>© 2024 The Daily Example. All rights reserved.</footer></body></html>"""


@pytest.fixture(scope="module")
def record():
    return extract_article(PAGE, "https://daily.example/weather/2024/01/02/storm-hits-the-coast/")


def test_fields(record):
    d = record.to_dict()
    assert d["title"] == "Storm hits the coast"
    assert d["site_name"] == "The Daily Example"
    assert d["language"] == "en"
    assert d["authors"] == ["Jane Doe", "John Roe"]
    assert d["published"] == "2024-01-02T03:04:05+01:00"
    assert d["canonical_url"] == "https://daily.example/weather/2024/01/02/storm-hits-the-coast/"
    assert d["image"] == "https://daily.example/img/storm.jpg"
    assert d["section"] == "Weather" and d["tags"] == ["storm", "coast"]
    assert d["description"] == "A storm hit the coast."
    assert record.page_type == "article"


def test_body_keeps_paragraphs_and_subheadings(record):
    assert record.paragraphs == [f"{PARA} One.", f"{PARA} Two.", "What happens next", f"{PARA} Three."]
    assert record.to_dict()["body"] == "\n\n".join(record.paragraphs)
    assert record.word_count == len(re.findall(r"\w+", record.body))


@pytest.mark.parametrize(
    "snippet",
    [
        "cookies",
        "Share on",
        "1,234",
        "Advertisement",
        "READ MORE",
        "Waves on the pier",
        "newsletter",
        "related headline",
        "LEAVE A REPLY",
        "Great article",
        "rights reserved",
        "By Jane Doe",
        "Home",
    ],
)
def test_boilerplate_is_not_in_body(record, snippet):
    assert snippet not in record.body


def test_record_validates_against_schema(record):
    assert record_errors(record.to_dict()) == []


def test_bytes_are_decoded_by_declared_charset():
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Gr\xfc\xdfe</title></head><body>'
        "<h1>Gr\xfc\xdfe aus K\xf6ln</h1></body></html>"
    ).encode("iso-8859-1")
    assert extract_article(html).title == "Grüße aus Köln"


def test_bytes_without_declaration_are_detected():
    text = "<html><body><h1>Überraschung in München</h1><p>" + "Größere Änderungen " * 30
    art = extract_article((text + "</p></body></html>").encode("utf-8"))
    assert art.title == "Überraschung in München"


@pytest.mark.parametrize(
    "html",
    [
        "",
        b"",
        "   ",
        "<",
        "<html>",
        "<?xml version='1.0' encoding='utf-8'?><html><body>x</body></html>",
        b"\x00\x01\x02\xff\xfe",
        "<p>" * 5000,
        "<div>" * 3000 + "text" + "</div>" * 3000,
        '<html><head><script type="application/ld+json">{broken</script></head></html>',
        '<script type="application/ld+json">[1, "x", null, {"@type": 5, "author": {"name": 7}}]</script>',
        "<html><head><meta property='article:published_time' content='not a date'></head></html>",
        "<a href='javascript:alert(1)'>x</a>" * 100,
    ],
)
def test_never_raises_and_always_serialises(html):
    art = extract_article(html, "https://example.org/x")
    json.dumps(art.to_dict())
    assert record_errors(art.to_dict()) == []


def test_listing_page_is_classified_as_listing():
    teasers = "".join(
        f'<article><h2><a href="/2024/01/0{i % 9 + 1}/story-number-{i}-slug/">Story {i}</a></h2>'
        f"<p>Short teaser {i}.</p></article>"
        for i in range(20)
    )
    html = f"<html><head><title>News</title></head><body>{teasers}</body></html>"
    art = extract_article(html, "https://example.org/section/world/")
    assert art.page_type == "listing", art.page_type_reason


def test_standfirst_above_the_body_container_is_the_first_paragraph():
    html = f"""<html><body><article>
    <header class="article-header"><h1>Storm hits the coast</h1>
      <div class="byline">By Jane Doe</div>
      <p class="article__intro">A storm with gusts of 120 km/h hit the coast overnight, cutting power.</p>
    </header>
    <div class="article-body"><p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p></div>
    </article></body></html>"""
    art = extract_article(html, "https://daily.example/2024/01/02/storm/")
    assert art.paragraphs[0].startswith("A storm with gusts")
    assert art.paragraphs[1:] == [f"{PARA} One.", f"{PARA} Two.", f"{PARA} Three."]


@pytest.mark.parametrize(
    ("snippet", "partial"),
    [
        ('<div class="paywall"><h3>Subscribe to continue reading</h3></div>', True),
        ('<p class="gate">Dieser Artikel ist nur für Abonnenten verfügbar.</p>', True),
        ('<div class="abo">La suite est réservée aux abonnés.</div>', True),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",'
            ' "isAccessibleForFree": "False"}</script>',
            True,
        ),
        ('<div class="newsletter"><a href="/nl">Jetzt abonnieren</a></div>', False),
        ("<p>Readers can subscribe to our podcast on every platform.</p>", False),
    ],
)
def test_body_partial_flags_paywall_stubs(snippet, partial):
    html = f"<html><body><h1>H</h1><p>{PARA}</p><p>{PARA}</p>{snippet}</body></html>"
    art = extract_article(html, "https://daily.example/2024/01/02/story-about-things/")
    assert art.body_partial is partial
    assert art.to_dict()["body_partial"] is partial


def test_teaser_list_inside_the_body_container_is_removed():
    teasers = "".join(
        f'<p><a href="/2024/01/0{i}/other-story-{i}/">Other story number {i} makes news</a></p>'
        f"<p>A short summary of other story {i}, with a few words.</p>"
        for i in range(1, 4)
    )
    html = f"""<html><body><h1>H</h1><div class="article-body">
    <p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p>
    <h3>More from the Daily Example</h3>{teasers}</div></body></html>"""
    art = extract_article(html, "https://daily.example/2024/01/02/story-about-things/")
    assert art.paragraphs == [f"{PARA} One.", f"{PARA} Two.", f"{PARA} Three."]


@pytest.mark.parametrize(
    ("head", "headings", "expected"),
    [
        # a blog's name in the h1, the post title in an h2 and first in <title>
        ("<title>Was ist Virales Marketing? | DimidoBlog</title>",
         "<h1>DimidoBlog</h1><h2>Was ist Virales Marketing?</h2>", "Was ist Virales Marketing?"),
        # "Post : Blog | tagline" with only the blog name as h1
        ("<title>Das Musikvideo der Woche : Krimiblog | Ermittlungen</title>", "<h1>Krimiblog</h1>",
         "Das Musikvideo der Woche"),
        # the h1 prints a kicker before the stated headline
        ('<meta property="og:title" content="Liverpool verliert bei Everton">',
         "<h1>Premier League Liverpool verliert bei Everton</h1>", "Liverpool verliert bei Everton"),
        # the stated title carries a kicker; the printed h1 is the headline
        ('<meta property="og:title" content="Nach Rückzug: Anwältin soll Ministerin werden">',
         "<h1>Anwältin soll Ministerin werden</h1>", "Anwältin soll Ministerin werden"),
        # soft hyphens and zero-width spaces are not part of the title
        ("<title>x</title>", "<h1>Helikopter\u00adlandeplatz geplant\u200b</h1>",
         "Helikopterlandeplatz geplant"),
    ],
)  # fmt: skip
def test_title_choice(head, headings, expected):
    html = f"<html><head>{head}</head><body>{headings}<p>{PARA}</p></body></html>"
    assert extract_article(html, "https://blog.example/2020/01/02/post/").title == expected

"""Date normalisation: ISO forms, offsets, other languages, and never a guessed day."""

import pytest

from newscrawl import extract_article
from newscrawl.extract.dates import normalise_date

CASES = [
    ("2021-02-09T10:12:33-05:00", None, "2021-02-09T10:12:33-05:00"),
    ("2021-02-09T10:12:33Z", None, "2021-02-09T10:12:33+00:00"),
    ("2021-02-09T10:12:33.389+0000", None, "2021-02-09T10:12:33+00:00"),
    ("2021-02-09 10:12", None, "2021-02-09T10:12:00"),
    ("2021-02-09", None, "2021-02-09"),
    ("February 9, 2021", ["en"], "2021-02-09"),
    ("9. Februar 2021", ["de"], "2021-02-09"),
    ("9 février 2021", ["fr"], "2021-02-09"),
    ("9 de febrero de 2021", ["es"], "2021-02-09"),
    ("09.02.2021, 14:35 Uhr", ["de"], "2021-02-09T14:35:00"),
]


@pytest.mark.parametrize(("raw", "langs", "expected"), CASES)
def test_normalise_date(raw, langs, expected):
    assert normalise_date(raw, langs) == expected


@pytest.mark.parametrize(
    "raw", ["February 2021", "2021", "today", "", "no date here", "1850-01-01", "2021-13-45"]
)
def test_incomplete_or_invalid_dates_are_none(raw):
    assert normalise_date(raw, ["en"]) is None


def test_header_today_widget_is_not_the_publication_date():
    html = """<html><head><title>x</title></head><body>
    <header><div class="td-header-top"><span class="today-date">Friday, May 3, 2024</span>
    <time datetime="2024-05-03">Friday, May 3, 2024</time></div></header>
    <article><h1>Headline</h1><time class="entry-date" datetime="2021-02-09T10:12:33-05:00">
    February 9, 2021</time><p>Body text long enough to be a paragraph of the article.</p>
    </article><div class="comments"><time datetime="2021-03-01T08:00:00Z">reply</time></div>
    </body></html>"""
    assert extract_article(html).published == "2021-02-09T10:12:33-05:00"


def test_jsonld_beats_meta_and_url():
    html = """<html><head>
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",
      "datePublished": "2023-04-05T06:07:08+02:00", "dateModified": "2023-04-06T00:00:00+02:00"}
    </script><meta property="article:published_time" content="2020-01-01T00:00:00Z"></head>
    <body><h1>H</h1><p>text</p></body></html>"""
    art = extract_article(html, "https://example.org/2019/01/01/slug-of-the-story")
    assert (art.published, art.modified) == ("2023-04-05T06:07:08+02:00", "2023-04-06T00:00:00+02:00")


def test_url_date_is_last_resort():
    art = extract_article(
        "<html><body><h1>H</h1></body></html>", "https://example.org/news/2019/03/07/some-story-slug/"
    )
    assert art.published == "2019-03-07"

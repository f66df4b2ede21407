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
    ("2023.11.02. 오후 8:06", ["ko"], "2023-11-02T20:06:00"),  # year first, 12-hour clock
    ("2020年7月3日", ["ja"], "2020-07-03"),
    ("2019년 6월 24일 10:00", ["ko"], "2019-06-24T10:00:00"),
    ("2021/02/09", None, "2021-02-09"),
    ("01 September 2017", ["fr"], "2017-09-01"),  # declared language wrong: other languages tried
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


@pytest.mark.parametrize("raw", ["vor 2 Stunden", "2 hours ago", "il y a 3 jours", "hace 2 días", "Jun 17"])
def test_relative_and_yearless_dates_are_none(raw):
    assert normalise_date(raw, ["de"]) is None
    assert normalise_date(raw, None) is None


def _page(head: str = "", body: str = "<h1>Headline</h1><p>text</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


_LD = '<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{}"}}</script>'

# (case, html, url, expected published)
PAGE_CASES = [
    (
        "web archive capture stamp is the crawl date; the archived URL's date is the article's",
        _page(),
        "https://web.archive.org/web/20140109030403/http://blog.example.org/2013/12/09/slug/",
        "2013-12-09",
    ),
    (
        "compact capture stamp without any other date gives nothing",
        _page(),
        "https://web.archive.org/web/20130307194448/http://example.org/2008/05/slug.html",
        None,
    ),
    (
        "URL date with a year-month segment: /2012-06/04/",
        _page(),
        "http://example.cn/news/2012-06/04/content_1.htm",
        "2012-06-04",
    ),  # fmt: skip
    (
        "UTC JSON-LD and a naive local <time> of the same instant: the local form, offset derived",
        _page(
            _LD.format("2023-11-09T05:30:59Z"),
            '<article><h1>H</h1><time datetime="2023-11-08 23:30:59">Nov 8</time></article>',
        ),  # fmt: skip
        None,
        "2023-11-08T23:30:59-06:00",
    ),
    (
        "UTC meta and a <time> with its own offset for the same instant: the local form",
        _page(
            '<meta property="article:published_time" content="2024-04-25T08:21:02+00:00">',
            '<article><h1>H</h1><time datetime="2024-04-25 04:21:02.000000-0400">x</time></article>',
        ),  # fmt: skip
        None,
        "2024-04-25T04:21:02-04:00",
    ),
    (
        "a naive time that is not a quarter-hour offset away is another instant: UTC kept",
        _page(
            _LD.format("2023-11-09T05:30:59Z"),
            '<article><h1>H</h1><time datetime="2023-11-08 23:12:10">x</time></article>',
        ),  # fmt: skip
        None,
        "2023-11-09T05:30:59+00:00",
    ),
    (
        "colon-separated Open Graph key article:published:time",
        _page('<meta property="article:published:time" content="2024-10-23T15:48:15+00:00">'),
        None,
        "2024-10-23T15:48:15+00:00",
    ),
    (
        "an unqualified <meta name=date> (often the last edit) ranks after the article's <time>",
        _page(
            '<meta name="date" content="2021-10-15">',
            '<article><h1>H</h1><time datetime="2021-10-13">13.10.2021</time></article>',
        ),  # fmt: skip
        None,
        "2021-10-13",
    ),
    (
        "<meta name=date> still serves when nothing better is there",
        _page('<meta name="date" content="2021-10-15">'),
        None,
        "2021-10-15",
    ),
    (
        "an <aside> meta box inside the article holds the article's date",
        _page(
            body='<article><h1>H</h1><aside class="meta"><time datetime="2022-01-21">21.01.2022'
            "</time></aside><p>text</p></article>"
        ),  # fmt: skip
        None,
        "2022-01-21",
    ),
    (
        "an <aside> sidebar outside the article does not",
        _page(body='<main><aside><time datetime="2022-01-25">x</time></aside><h1>H</h1></main>'),
        None,
        None,
    ),
    (
        "Blogger: the date header inside the hfeed that holds the post, though in a 'widget' box",
        _page(
            body='<div class="widget Blog"><div class="blog-posts hfeed"><h2 class="date-header">'
            '<span>5. Oktober 2013</span></h2><div class="post"><h3>Post</h3><p>text</p></div>'
            "</div></div>"
        ),  # fmt: skip
        None,
        "2013-10-05",
    ),
    (
        "the site banner is the <h1>; the date printed by the headline that matches the title",
        _page(
            "<title>Big storm hits the coast | Daily Example</title>",
            '<h1 class="logo">Daily Example</h1><div class="post"><div class="post-head">'
            '<h2>Big storm hits the coast</h2>\n<div class="post_detail">27 Sep 2016</div></div>'
            "<p>text</p></div>",
        ),  # fmt: skip
        None,
        "2016-09-27",
    ),
    (
        "a box named 'topbar'/'teaser' that holds the headline is the article's header",
        _page(
            '<meta property="og:title" content="Clean water for all">',
            '<header class="topbar"><h1>Clean water for all</h1><h4>Posted on <time '
            'datetime="2020-02-23T10:07:02+01:00">23. Februar 2020</time></h4></header>'
            '<div class="topbar"><time datetime="2024-05-03">today</time></div>',
        ),  # fmt: skip
        None,
        "2020-02-23T10:07:02+01:00",
    ),
    (
        "a column named 'sidebar' inside <article> holds the article's date",
        _page(
            body='<article><h1>H</h1><div class="sidebar"><p class="time"><time '
            'datetime="2022-01-28">28. Januar 2022</time></p></div><p>text</p></article>'
        ),  # fmt: skip
        None,
        "2022-01-28",
    ),
    (
        "a 'sidebar' outside the article still does not",
        _page(
            body='<article><h1>H</h1><p>text</p></article><div class="sidebar"><time '
            'datetime="2022-01-25">x</time></div>'
        ),  # fmt: skip
        None,
        None,
    ),
    (
        "<time> of an embedded post (<blockquote>) is not the article's",
        _page(
            "<title>H</title>",
            '<article><h1>H</h1><blockquote class="twitter-tweet"><p>tweet <time '
            'datetime="2018-03-12T19:30:12+00:00">x</time></p></blockquote>'
            '<span class="publish-date">29. Januar 2019</span></article>',
        ),  # fmt: skip
        None,
        "2019-01-29",
    ),
    (
        "microdata BlogPosting is an article box, even inside a 'widget'",
        _page(
            body='<div class="widget Blog"><div itemscope itemtype="http://schema.org/BlogPosting">'
            '<h3>Post</h3><span itemprop="datePublished">May 19, 2020</span></div></div>'
        ),  # fmt: skip
        None,
        "2020-05-19",
    ),
    (
        "og:-prefixed Open Graph key og:article:published_time",
        _page('<meta property="og:article:published_time" content="2023-11-06">'),
        None,
        "2023-11-06",
    ),
    (
        "UTC stamp after local midnight, only the local day printed by the headline: that day",
        _page(
            _LD.format("2020-02-18T02:18:11Z") + "<title>H</title>",
            '<article><h1>H</h1><div class="byline">17 de Febrero 2020</div></article>',
        ),  # fmt: skip
        None,
        "2020-02-17",
    ),
    (
        "UTC stamp and a printed day no offset can reach: the stamp",
        _page(
            _LD.format("2020-02-18T12:18:11Z") + "<title>H</title>",
            '<article><h1>H</h1><div class="byline">17 de Febrero 2020</div></article>',
        ),  # fmt: skip
        None,
        "2020-02-18T12:18:11+00:00",
    ),
    (
        "UTC stamp and the same instant printed in local time by the headline: the local form",
        _page(
            _LD.format("2022-05-04T02:41:00Z") + "<title>H</title>",
            '<article><h1>H</h1><p class="date">3 de mayo de 2022, 22:41</p></article>',
        ),  # fmt: skip
        None,
        "2022-05-03T22:41:00-04:00",
    ),
    (
        "a date printed in the headline's article box beats the unqualified <meta name=date>",
        _page(
            '<meta name="date" content="2020-04-30"><title>H</title>',
            '<article><h1>H</h1><ul><li class="Date">29.04.2020, 12:01</li></ul></article>',
        ),  # fmt: skip
        None,
        "2020-04-29T12:01:00",
    ),
    (
        "a date inside a link (a teaser of another story) does not",
        _page(
            '<meta name="date" content="2020-04-20"><title>H</title>',
            '<article><h1>H</h1><p>text</p><ul><li><a href="/x"><span class="date">01. Mai '
            "2020</span> Other story</a></li></ul></article>",
        ),  # fmt: skip
        None,
        "2020-04-20",
    ),
    (
        "a date element that also holds a heading: the date may be the heading's words",
        _page(
            "<title>Blog name</title>",
            '<div class="entry-top"><h3>Sales results (2020/7/11)</h3><span class="entry-info">'
            "2020年07月12日</span></div>",
        ),  # fmt: skip
        None,
        "2020-07-12",
    ),
    (
        "a relative <time> text is not a date",
        _page(body="<article><h1>H</h1><time pubdate>vor 2 Stunden</time></article>"),
        None,
        None,
    ),
]


@pytest.mark.parametrize(("case", "html", "url", "expected"), PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_published_rules(case, html, url, expected):
    assert extract_article(html, url).published == expected, case


# (case, html, expected published): dates printed on the page, without markup to go by
PRINTED_CASES = [
    (
        "a date in the element after the headline's is not glued to the headline's last word",
        _page(
            body='<article><h1>Goiás supera Palmeiras</h1><p class="tagline">22/11/2020 - 04:30 - '
            "Fonte: Agência Brasil</p><p>text</p></article>"
        ),
        "2020-11-22T04:30:00",
    ),
    (
        "a comma between month and year",
        _page(
            body='<article><h1>H</h1><span class="byline__created-date">07 Dezember, 2022</span></article>'
        ),
        "2022-12-07",
    ),
    (
        "an Italian month name",
        _page(body='<article><h1>H</h1><div class="data">14 Gennaio 2020</div></article>'),
        "2020-01-14",
    ),
    (
        "a two-digit year in a date element",
        _page(body='<div class="text"><div class="date"> Kultur, 2.11.22 </div><h1>H</h1></div>'),
        "2022-11-02",
    ),
    (
        "a two-digit year printed next to the headline",
        _page(body='<div><span style="color: red">02.12.19</span><h1>H</h1><p>text</p></div>'),
        "2019-12-02",
    ),
    (
        "a four-digit year beats a two-digit one in the same element",
        _page(body='<article><h1>H</h1><div class="date">Ausgabe 3.4.19, 12. März 2020</div></article>'),
        "2020-03-12",
    ),
    (
        "a date labelled as the last edit gives way to one labelled as the publication",
        _page(
            "<title>H</title>",
            "<main><h1>H</h1><p>text</p><p>Erschienen am: 13.10.2021</p>"
            '<div class="author">Zuletzt geändert am: 15.10.2021</div></main>',
        ),
        "2021-10-13",
    ),
    (
        "a date labelled as the last edit gives way to an unlabelled one in another date element",
        _page(
            body='<main><h1>H</h1><div class="meta">Aktualisiert: 11.04.2020</div>'
            '<div class="date">03.04.2020</div></main>'
        ),
        "2020-04-03",
    ),
    (
        "a date labelled as the last edit stands when it is the only one",
        _page(body='<main><h1>H</h1><div class="meta">Updated: March 12, 2020</div></main>'),
        "2020-03-12",
    ),
    (
        "a publication label beats a photo caption's date next to the headline",
        _page(
            body="<div><h1>H</h1><p>Bachmut, 24. April 2023</p><ul><li><strong>Datum</strong>"
            " 28.04.2023</li></ul></div>"
        ),
        "2023-04-28",
    ),
    (
        "WordPress's postmetadata line",
        _page(
            "<title>Rezept</title>",
            '<div class="post"><h2>Rezept</h2><p>text</p><p class="postmetadata">8. Dezember 2010 um 09:43'
            " · Rezepte</p></div>",
        ),
        "2010-12-08T09:43:00",
    ),
    (
        '"Update" is not the label "Date"',
        _page(body='<main><h1>H</h1><p>Update: 15.10.2021</p><div class="date">13.10.2021</div></main>'),
        "2021-10-13",
    ),
]


# (url, expected): dates in URL paths
URL_CASES = [
    ("https://example.org/news/2019/03/07/some-story-slug/", "2019-03-07"),
    ("https://example.org/media-news/meldungen/29-10-2021", "2021-10-29"),  # day first, ends the path
    ("https://example.org/news/03.02.2022/", "2022-02-03"),
    ("https://example.org/news/10-29-2021", None),  # month first: no 29th month
    ("https://example.org/report-1-2-2020-figures", None),  # not a path segment of its own
]


@pytest.mark.parametrize(("url", "expected"), URL_CASES)
def test_url_dates(url, expected):
    assert extract_article("<html><body><h1>H</h1></body></html>", url).published == expected


def test_hatom_updated_stamp_is_the_last_resort():
    html = _page(
        "<title>H</title>",
        '<div class="hentry"><h1>H</h1><span class="updated" title="2013-04-04T18:52:11+00:00"></span>'
        "<p>text</p></div>",
    )
    assert extract_article(html).published == "2013-04-04T18:52:11+00:00"


@pytest.mark.parametrize(("case", "html", "expected"), PRINTED_CASES, ids=[c[0] for c in PRINTED_CASES])
def test_printed_dates(case, html, expected):
    assert extract_article(html).published == expected, case

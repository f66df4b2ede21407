"""A generated news site for the recurring-crawl tests: N article pages, a home page, a sitemap."""

from __future__ import annotations

from html import escape

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"

_WORDS = (
    "council harbour budget railway minister river school hospital election bridge farmers market "
    "court teachers energy museum festival weather ferry library tunnel housing airport union"
).split()


def article_path(n: int) -> str:
    """Return the URL path of article ``n``."""
    return f"/news/2024/05/{1 + n % 28:02d}/story-{n}/"


def article_date(n: int) -> str:
    """Return the publication day of article ``n`` (ISO)."""
    return f"2024-05-{1 + n % 28:02d}"


def _paragraph(n: int, p: int, edition: int) -> str:
    words = [_WORDS[(n * 7 + p * 3 + i * (p + 1)) % len(_WORDS)] for i in range(40)]
    return (
        f"Story {n} paragraph {p} edition {edition}: the {words[0]} and the {words[1]} met on "
        f"Tuesday, officials said, and " + " ".join(words) + "."
    )


def article_html(n: int, edition: int = 1) -> bytes:
    """Return article ``n``'s page; another ``edition`` changes its body text."""
    title = f"Story number {n} about the {_WORDS[n % len(_WORDS)]}"
    paragraphs = "\n".join(f"<p>{escape(_paragraph(n, p, edition))}</p>" for p in range(6))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | State Test News</title>
<meta property="og:type" content="article">
<link rel="canonical" href="{article_path(n)}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{escape(title)}", "datePublished": "{article_date(n)}",
 "author": {{"@type": "Person", "name": "Ann Reporter"}}}}</script></head>
<body><header><a href="/">State Test News</a></header>
<main><article><h1>{escape(title)}</h1>
<p class="byline">By Ann Reporter</p>
{paragraphs}
</article></main>
<footer><a href="/">Home</a></footer></body></html>
""".encode()


def home_html(numbers: list[int]) -> bytes:
    """Return a home page listing the articles ``numbers``."""
    items = "\n".join(f'<li><a href="{article_path(n)}">Story {n}</a></li>' for n in numbers)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>State Test News</title></head>
<body><h1>State Test News</h1><ul class="articles">
{items}
</ul></body></html>
""".encode()


def sitemap_xml(base_url: str, numbers: list[int]) -> bytes:
    """Return a Google News sitemap of the articles ``numbers`` with their publication dates."""
    entries = "\n".join(
        f"<url><loc>{base_url}{article_path(n)}</loc><news:news><news:publication>"
        f"<news:name>State Test News</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{article_date(n)}</news:publication_date>"
        f"<news:title>Story {n}</news:title></news:news></url>"
        for n in numbers
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        f"{entries}\n</urlset>\n"
    ).encode()


def build_site(pages: dict[str, tuple[str, bytes]], base_url: str, numbers: list[int]) -> None:
    """Fill ``pages`` (in place) with a site of the articles ``numbers``."""
    pages["/robots.txt"] = ("text/plain", f"User-agent: *\nSitemap: {base_url}/sitemap.xml\n".encode())
    pages["/"] = (HTML, home_html(numbers))
    pages["/sitemap.xml"] = (XML, sitemap_xml(base_url, numbers))
    for n in numbers:
        pages.setdefault(article_path(n), (HTML, article_html(n)))

"""Crawl a local news site built from the real saved pages of the development corpus.

    .venv/bin/python -m benchmarks.crawl_site [--corpus ../shared/corpus]
        [--source fundus|trafilatura|htmldate|all] [--limit N] [--json OUT.json]

Every distinct corpus page (one per ``html`` file) is served with its original bytes at
``/a/<n><original path>[?<original query>]``; generated listing pages link to them: the home
page ``/`` with pagination ``/page/<k>/``, one section per source ``/section/<source>/`` and one
tag per language ``/tag/<lang>/`` (both paginated), plus robots.txt. The real CLI
(``python -m newscrawl crawl``) crawls it from the home page in a subprocess; the report says
what was served, requested and exported, which articles were not exported and why, and the
article/listing classifier's precision and recall over all served HTML pages (positive = corpus
page, predicted positive = exported).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html
from scrapy.http import HtmlResponse
from scrapy.logformatter import LogFormatter
from w3lib.url import canonicalize_url, safe_url_string

from benchmarks.corpus_bench import DEFAULT_CORPUS, SOURCES, load_records, read_page
from newscrawl.demo.server import LocalSite, serve_site

ROOT = Path(__file__).resolve().parents[1]
SITE_NAME = "Corpus News"
PAGE_SIZE = 20  # teasers per listing page
PAGER_WINDOW = 2  # numbered pagination links on each side of the current page
TEASER_CHARS = 180
HTML = "text/html; charset=utf-8"
# Local and ours: no politeness delay, full concurrency. The log formatter writes one line per dropped item.
CRAWL_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",  # one local host: as many in flight as Scrapy allows
    "LOG_LEVEL": "INFO",
    "LOG_FORMATTER": "benchmarks.crawl_site.DropReasonFormatter",
}
DROP_LINE = re.compile(r"Dropped: (\w+): (.*)$")
MAX_LISTED = 20  # non-exported articles printed (the JSON report has them all)
# Non-exported articles are listed classifier misses first, expected duplicates last.
DROP_ORDER = {"not_article": 0, "duplicate_body": 2, "duplicate_url": 3}


class DropReasonFormatter(LogFormatter):
    """Log a dropped item as ``Dropped: <reason>: <detail> <url>`` without the item (raw HTML)."""

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> Any:
        entry = super().dropped(item, exception, response, spider)
        entry["msg"] = "Dropped: %(exception)s"
        return entry


# -- the site ----------------------------------------------------------------------------


@dataclass
class CorpusPage:
    """One distinct corpus page and where the local site serves it."""

    html: str  # path of the gzip file, relative to the corpus
    url: str  # original URL (of the first record with this html)
    sources: list[str]
    lang: str
    title: str
    teaser: str
    path: str = ""  # served path (with query), set by build_site
    body: bytes = b""


@dataclass
class Site:
    """The generated site: every served page, which are articles/listings, and link depths."""

    pages: dict[str, tuple[str, bytes]]
    articles: dict[str, CorpusPage]  # served path -> page
    listings: list[str]
    depth: dict[str, int] = field(default_factory=dict)  # shortest link depth from "/"

    @property
    def max_depth(self) -> int:
        """A NEWSCRAWL_MAX_DEPTH that reaches every page whatever order the crawl takes."""
        return len(self.listings) + 1  # a listing first met via the longest simple path


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _shorten(text: str, limit: int = TEASER_CHARS) -> str:
    text = _text(text)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _page_meta(body: bytes) -> tuple[str, str]:
    """(title, description) as the page states them, for teasers of records without them."""
    try:
        root = lxml.html.fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return "", ""
    title = _text(root.findtext(".//title"))
    desc = root.xpath(
        "string(//meta[@name='description']/@content | //meta[@property='og:description']/@content)"
    )
    return title, _text(desc)


def load_pages(corpus: Path, source: str = "all", limit: int | None = None) -> list[CorpusPage]:
    """The distinct pages of ``source`` (or all), in corpus order, with their bytes."""
    by_html: dict[str, CorpusPage] = {}
    records = load_records(corpus)
    for rec in records:
        if source != "all" and rec["source"] != source:
            continue
        page = by_html.get(rec["html"])
        if page is None:
            if limit is not None and len(by_html) >= limit:
                continue
            page = by_html[rec["html"]] = CorpusPage(rec["html"], rec["url"], [], rec["lang"], "", "")
        if rec["source"] not in page.sources:
            page.sources.append(rec["source"])
        page.title = page.title or _text(rec.get("title"))
        page.teaser = page.teaser or _shorten(rec.get("body") or "")
    for page in by_html.values():
        page.body = read_page(corpus, page.html)
        if not (page.title and page.teaser):
            title, desc = _page_meta(page.body)
            page.title = page.title or title or urlsplit(page.url).hostname or page.url
            page.teaser = page.teaser or _shorten(desc)
    return list(by_html.values())


def served_path(n: int, url: str) -> str:
    """``/a/<n>`` + the original path and query, percent-encoded as a crawler sends them."""
    parts = urlsplit(safe_url_string(url))
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    return f"/a/{n}{path}" + (f"?{parts.query}" if parts.query else "")


def _pager(base: str, k: int, total: int) -> str:
    def href(i: int) -> str:
        return base if i == 1 else f"{base}page/{i}/"

    links = []
    if k > 1:
        links.append(f'<a rel="prev" href="{href(k - 1)}">« Newer</a>')
    shown = sorted({1, total, *range(max(1, k - PAGER_WINDOW), min(total, k + PAGER_WINDOW) + 1)})
    for prev, i in zip([0, *shown], shown, strict=False):
        if i - prev > 1:
            links.append("<span>…</span>")
        links.append(f"<span>{i}</span>" if i == k else f'<a href="{href(i)}">{i}</a>')
    if k < total:
        links.append(f'<a rel="next" href="{href(k + 1)}">Older »</a>')
    return f'<nav class="pagination">{" ".join(links)}</nav>' if total > 1 else ""


def _teaser(page: CorpusPage) -> str:
    host = urlsplit(page.url).hostname or ""
    href = escape(page.path)
    return (
        f'<article class="teaser"><h2><a href="{href}">{escape(page.title)}</a></h2>\n'
        f'<p class="meta">{escape(host)} · {escape(page.lang)}</p>\n'
        f"<p>{escape(page.teaser)}</p>\n"
        f'<a class="more" href="{href}">Read more</a></article>'
    )


def _listing(title: str, items: list[CorpusPage], nav: str, pager: str) -> bytes:
    teasers = "\n".join(_teaser(p) for p in items)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | {SITE_NAME}</title>
<meta name="description" content="{escape(title)}: the latest stories on {SITE_NAME}.">
<meta property="og:type" content="website"><meta property="og:site_name" content="{SITE_NAME}">
</head><body>
<header class="site-header"><a class="logo" href="/">{SITE_NAME}</a>
{nav}</header>
<main><h1>{escape(title)}</h1>
<section class="teasers">
{teasers}
</section>
{pager}
</main>
<footer><p>© {SITE_NAME}. Saved pages of the newscrawl development corpus, served for testing.</p>
<nav><a href="/">Home</a> · <a href="mailto:desk@corpus.invalid">Contact</a></nav></footer>
</body></html>
""".encode()


def _paginated(base: str, title: str, items: list[CorpusPage], nav: str) -> dict[str, bytes]:
    chunks = [items[i : i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)] or [[]]
    out = {}
    for k, chunk in enumerate(chunks, start=1):
        path = base if k == 1 else f"{base}page/{k}/"
        page_title = title if k == 1 else f"{title}, page {k}"
        out[path] = _listing(page_title, chunk, nav, _pager(base, k, len(chunks)))
    return out


def build_site(pages: list[CorpusPage]) -> Site:
    """Assign served paths to ``pages`` and generate the listing pages that link to them."""
    for n, page in enumerate(pages, start=1):
        page.path = served_path(n, page.url)
    sources = [s for s in SOURCES if any(s in p.sources for p in pages)]
    langs = sorted({p.lang for p in pages})
    nav = (
        '<nav class="sections"><a href="/">Home</a> '
        + " ".join(f'<a href="/section/{s}/">{s.capitalize()}</a>' for s in sources)
        + '</nav>\n<nav class="tags">Languages: '
        + " ".join(f'<a href="/tag/{lang}/">{lang}</a>' for lang in langs)
        + "</nav>"
    )
    listings = _paginated("/", "Latest news", pages, nav)
    for s in sources:
        items = [p for p in pages if s in p.sources]
        listings.update(_paginated(f"/section/{s}/", f"Section: {s.capitalize()}", items, nav))
    for lang in langs:
        items = [p for p in pages if p.lang == lang]
        listings.update(_paginated(f"/tag/{lang}/", f"Tag: {lang}", items, nav))
    served: dict[str, tuple[str, bytes]] = {path: (HTML, body) for path, body in listings.items()}
    for page in pages:
        served[page.path] = ("text/html", page.body)  # original bytes; the page states its charset
    robots = "User-agent: *\nDisallow: /private/\n"
    served["/robots.txt"] = ("text/plain; charset=utf-8", robots.encode())
    site = Site(served, {p.path: p for p in pages}, list(listings))
    site.depth = _link_depths(listings)
    return site


def _link_depths(listings: dict[str, bytes]) -> dict[str, int]:
    """Shortest number of links from ``/`` to every page the listings link to."""
    links = {path: re.findall(r'href="(/[^"]*)"', body.decode()) for path, body in listings.items()}
    depth = {"/": 0}
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        for href in links.get(path, []):
            target = unescape(href)
            if target not in depth:
                depth[target] = depth[path] + 1
                queue.append(target)
    return depth


# -- the crawl ---------------------------------------------------------------------------


@dataclass
class CrawlRun:
    """A finished CLI crawl: exit code, output, its stdout/stderr and the server's log."""

    returncode: int
    records: list[dict[str, Any]]
    bad_lines: list[str]
    stdout: str
    stderr: str
    requested: list[str]
    seconds: float
    max_depth: int


def crawl(
    site: Site, local: LocalSite, out: Path, extra: dict[str, str] | None = None, timeout: float = 1800
) -> CrawlRun:
    """Run ``python -m newscrawl crawl <home>`` against the served site; return what happened."""
    settings = {**CRAWL_SETTINGS, "NEWSCRAWL_MAX_DEPTH": str(site.max_depth), **(extra or {})}
    command = [sys.executable, "-m", "newscrawl", "crawl", local.url("/"), "-o", str(out)]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - start
    records, bad = [], []
    for line in out.read_text(encoding="utf-8").splitlines() if out.exists() else []:
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            bad.append(line)
    return CrawlRun(
        proc.returncode, records, bad, proc.stdout, proc.stderr, local.requested_paths(), seconds,
        site.max_depth,
    )  # fmt: skip


def drop_reasons(stderr: str, base_url: str) -> dict[str, str]:
    """Served path -> the pipeline's drop message, from the DropReasonFormatter log lines."""
    reasons = {}
    for line in stderr.splitlines():
        if not (m := DROP_LINE.search(line)):
            continue
        reason, detail = m.groups()
        url = m2.group(1) if (m2 := re.search(r"\(from (\S+)\)$", detail)) else detail.rsplit(" ", 1)[-1]
        if url.startswith(base_url):
            reasons[url[len(base_url) :]] = f"{reason}: {detail}"
    return reasons


def summary_drops(stdout: str) -> dict[str, int]:
    """``{reason: count}`` from the ``dropped N (reason n, ...)`` line of the CLI summary."""
    m = re.search(r"^\s*dropped\s+\d+ \((.*)\)\s*$", stdout, re.M)
    pairs = (item.rsplit(" ", 1) for item in m.group(1).split(", ")) if m else []
    return {reason: int(n) for reason, n in pairs}


def as_crawled(page: CorpusPage, url: str) -> str:
    """The page's text as the spider hands it to extraction (Scrapy's decoding of the bytes)."""
    return HtmlResponse(url, body=page.body, headers={"Content-Type": "text/html"}).text


# -- the report --------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def prf(tp: int, fp: int, fn: int, tn: int) -> dict[str, Any]:
    """Counts plus precision, recall and F1 of the positive class."""
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall, "f1": f1}


def _served_by_fallback(site: Site, path: str) -> bool:
    """LocalSite also answers ``<served path>?<any query>`` when the exact path is unknown."""
    return path not in site.pages and unquote(urlsplit(path).path) in site.pages


def _request_figures(site: Site, run: CrawlRun) -> dict[str, Any]:
    requested = Counter(run.requested)
    fallback = [p for p in requested if _served_by_fallback(site, p)]
    return {
        "exit_code": run.returncode,
        "seconds": round(run.seconds, 1),
        "max_depth": run.max_depth,
        "deepest_article_link_depth": max((site.depth.get(p, -1) for p in site.articles), default=0),
        "requests": len(run.requested),
        "pages_per_second": round(len(run.requested) / run.seconds, 1) if run.seconds else None,
        "served_pages_requested": sum(1 for p in [*site.articles, *site.listings] if p in requested),
        "other_200_responses": sum(requested[p] for p in fallback),  # e.g. /?s=... -> home page
        "not_found_404": sum(n for p, n in requested.items() if p not in site.pages and p not in fallback),
        "articles_never_requested": sum(1 for p in site.articles if p not in requested),
        "listings_never_requested": sum(1 for p in site.listings if p not in requested),
        "summary_drops": summary_drops(run.stdout),
        "invalid_json_lines": len(run.bad_lines),
    }


def _explain(site: Site, paths: list[str], drops: dict[str, str], base_url: str) -> list[dict[str, Any]]:
    """Why each page was (not) exported: the crawl's drop line and extract_article's page type."""
    from newscrawl import extract_article

    out = []
    for path in paths:
        url = base_url + path
        page = site.articles.get(path)
        text = as_crawled(page, url) if page else site.pages[path][1].decode("utf-8")
        art = extract_article(text, url)
        out.append(
            {
                "path": path,
                "original_url": page.url if page else "",
                "html": page.html if page else "",
                "crawl_drop": drops.get(path, ""),
                "page_type": art.page_type,
                "page_type_reason": art.page_type_reason,
            }
        )
    return out


def analyse(site: Site, run: CrawlRun, base_url: str) -> dict[str, Any]:
    """Every figure of the report, as a JSON-able dict."""
    canon = {canonicalize_url(base_url + p): p for p in [*site.articles, *site.listings]}

    known = {*site.articles, *site.listings}
    variants: list[str] = []

    def path_of(url: str) -> str:
        """The served page a record's URL stands for (exact, canonical, or a query variant)."""
        path = url[len(base_url) :] if url.startswith(base_url) else url
        if path in known:
            return path
        if (bare := unquote(urlsplit(path).path)) in known and _served_by_fallback(site, path):
            variants.append(path)
            return bare
        return canon.get(canonicalize_url(url), url)

    exported = Counter(path_of(r.get("url", "")) for r in run.records)
    articles_out = {p for p in exported if p in site.articles}
    listings_out = sorted(p for p in exported if p in site.listings)
    drops = drop_reasons(run.stderr, base_url)
    missing = sorted(
        (p for p in site.articles if p not in articles_out),
        key=lambda p: DROP_ORDER.get(drops.get(p, "").split(":")[0], 1),
    )
    # The same article captured twice (two html files, one URL) is rightly exported once.
    stories: dict[str, set[str]] = {}
    for path, page in site.articles.items():
        stories.setdefault(canonicalize_url(page.url), set()).add(path)
    # Classifier alone: predicted "listing" = dropped as not_article by the crawl.
    listing_pred = {p for p, reason in drops.items() if reason.startswith("not_article")}
    n_art, n_list = len(site.articles), len(site.listings)
    art_pred = sum(1 for p in site.articles if p not in listing_pred)
    list_pred = sum(1 for p in site.listings if p not in listing_pred)
    return {
        "served": {"articles": n_art, "listings": n_list, "distinct_original_urls": len(stories)},
        "crawl": _request_figures(site, run),
        "exported": {
            "records": len(run.records),
            "articles": len(articles_out),
            "distinct_original_urls": sum(1 for paths in stories.values() if paths & articles_out),
            "articles_exported_more_than_once": sorted(p for p in articles_out if exported[p] > 1),
            "listing_pages": listings_out,
            "other_urls": sorted(p for p in exported if p not in known),
            "exported_as_query_variant": sorted(variants),  # counted as the page they serve
            "articles_not_exported": len(missing),
            "not_exported_crawl_drops": dict(
                Counter(drops.get(p, "no_drop_line").split(":")[0] for p in missing).most_common()
            ),
            "not_exported_listed": _explain(site, missing, drops, base_url),
            "listing_pages_listed": _explain(site, listings_out[:MAX_LISTED], drops, base_url),
        },
        # positive = corpus page, predicted positive = exported (every drop reason counts)
        "classifier": prf(len(articles_out), len(listings_out), len(missing), n_list - len(listings_out)),
        # positive = corpus page, predicted positive = not dropped as not_article
        "classifier_only": prf(art_pred, list_pred, n_art - art_pred, n_list - list_pred),
    }


def _prf_line(k: dict[str, Any]) -> str:
    return (
        f"precision {k['precision']}  recall {k['recall']}  F1 {k['f1']}  "
        f"(TP {k['tp']}, FP {k['fp']}, FN {k['fn']}, TN {k['tn']})"
    )


def _explained(title: str, items: list[dict[str, Any]]) -> list[str]:
    lines = [f"  {title}:"] if items else []
    for item in items:
        lines.append(f"  - {item['original_url'] or item['path']}  [{item['html'] or 'generated'}]")
        lines.append(f"      crawl: {item['crawl_drop'] or '(no drop line: exported or never requested)'}")
        lines.append(f"      extract_article: {item['page_type']}: {item['page_type_reason']}")
    return lines


def render(report: dict[str, Any], label: str) -> str:
    """The report as plain text."""
    s, c, e = report["served"], report["crawl"], report["exported"]
    drops = ", ".join(f"{r} {n}" for r, n in c["summary_drops"].items()) or "none"
    why = ", ".join(f"{r} {n}" for r, n in e["not_exported_crawl_drops"].items()) or "none"
    lines = [
        f"crawl_site: {label}",
        f"  served            {s['articles']} article pages ({s['distinct_original_urls']} distinct "
        f"original URLs), {s['listings']} listing pages",
        f"  crawl             exit {c['exit_code']} in {c['seconds']} s, {c['requests']} requests "
        f"({c['pages_per_second']}/s), NEWSCRAWL_MAX_DEPTH={c['max_depth']} "
        f"(deepest article {c['deepest_article_link_depth']} links from /)",
        f"  requested         {c['served_pages_requested']} of the served pages "
        f"(never: {c['articles_never_requested']} articles, {c['listings_never_requested']} listings); "
        f"{c['not_found_404']} 404s (relative links inside corpus pages), "
        f"{c['other_200_responses']} other 200s (query variants of served paths)",
        f"  dropped           {drops}",
        f"  exported          {e['records']} records: {e['articles']} articles "
        f"({e['distinct_original_urls']} distinct original URLs), "
        f"{len(e['articles_exported_more_than_once'])} articles more than once, "
        f"{len(e['listing_pages'])} listing pages, {len(e['other_urls'])} other URLs, "
        f"{c['invalid_json_lines']} invalid lines",
        f"  not exported      {e['articles_not_exported']} articles ({why})",
        f"  classifier        {_prf_line(report['classifier'])}",
        "                    positive = corpus page, predicted positive = exported",
        f"  classifier alone  {_prf_line(report['classifier_only'])}",
        "                    predicted positive = not dropped as not_article",
    ]
    lines += [f"  EXPORTED TWICE    {path}" for path in e["articles_exported_more_than_once"]]
    lines += [f"  OTHER URL         {path}" for path in e["other_urls"]]
    lines += [
        f"  QUERY VARIANT     {p} (exported, counted as its page)" for p in e["exported_as_query_variant"]
    ]
    lines += _explained("listing pages exported", e["listing_pages_listed"])
    shown = e["not_exported_listed"][:MAX_LISTED]
    lines += _explained(f"articles not exported ({len(shown)} shown)", shown)
    return "\n".join(lines)


def run(corpus: Path, source: str, limit: int | None, extra: dict[str, str] | None = None) -> dict[str, Any]:
    """Build the site, serve it, crawl it (``extra``: more Scrapy settings) and return the report."""
    site = build_site(load_pages(corpus, source, limit))
    with tempfile.TemporaryDirectory() as tmp, serve_site(site.pages) as local:
        result = crawl(site, local, Path(tmp) / "out.jsonl", extra)
        return analyse(site, result, local.base_url)


def main(argv: list[str] | None = None) -> int:
    """Command line: print the report, optionally write it as JSON; exit 1 if the crawl failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--source", choices=[*SOURCES, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N distinct pages only")
    parser.add_argument("--json", type=Path, default=None, help="write the report here")
    parser.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="extra crawl setting"
    )
    args = parser.parse_args(argv)
    extra = dict(pair.split("=", 1) for pair in args.set)
    report = run(args.corpus, args.source, args.limit, extra)
    label = f"--source {args.source}" + (f" --limit {args.limit}" if args.limit else "")
    print(render(report, label))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if report["crawl"]["exit_code"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

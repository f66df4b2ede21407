"""One crawl of a fault-injecting site (tests/fault_site.py) with 200 normal articles.

It must finish by itself, export every normal article, stay under 1.5 GB peak RSS, never request
a disallowed path or leave the allowed hosts, read no local file and fetch no entity URL, report
each fault page in the run report, and exit 0.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newscrawl.schema import record_errors
from tests.fault_site import HTML, FaultSite, serve_faults
from tests.state_site import article_html, article_path, home_html, sitemap_xml

ROOT = Path(__file__).resolve().parents[1]
NORMAL = list(range(200))
XML = "application/xml"
PASSWD_MARKERS = ("root:x:0:0", "/bin/bash", "nologin")


def links_page(hrefs: list[str]) -> bytes:
    items = "".join(f'<li><a href="{h}">link</a></li>' for h in hrefs)
    return (
        f"<!doctype html><html><head><title>Links</title></head><body><ul>{items}</ul></body></html>".encode()
    )


def article(n: int, text: str = "") -> str:
    return article_html(n).decode().replace("</article>", f"<p>{text}</p></article>")


# Fault pages on the main site: path -> fault (tests/fault_site.FAULTS) and what must be reported.
FAULTS = {
    "/fault/flaky-503/": "fail_then_ok:503",
    "/fault/flaky-500/": "fail_then_ok:500",
    "/fault/retry-after/": "retry_after:2",
    "/fault/down/": "always:503",
    "/fault/stall/": "stall",
    "/fault/drip/": "drip",
    "/fault/reset/": "reset",
    "/fault/loop-a/": "redirect:/fault/loop-b/",
    "/fault/loop-b/": "redirect:/fault/loop-a/",
    "/fault/big/": "big:40",
    "/fault/endless/": "endless",
    "/fault/chunked/": "chunked",
    "/fault/bomb/": "bomb:gzip",
    "/fault/deflate-bomb/": "bomb:deflate",
    "/fault/brotli-bomb/": "bomb:br",
    "/fault/to-file/": "redirect:file:///etc/passwd",
    "/fault/to-private/": "redirect:/private/secret/",
    **{f"/fault/chain/{i}/": f"redirect:/fault/chain/{i + 1}/" for i in range(30)},
}
# Fault page -> failure kind in the run report.
REPORTED = {
    "/fault/down/": "http_503",
    "/fault/stall/": "timeout",
    "/fault/drip/": "timeout",
    "/fault/reset/": "connection_lost",
    "/fault/chain/0/": "redirect_limit",
    "/fault/big/": "too_large",
    "/fault/endless/": "too_large",
    "/fault/chunked/": "too_large",
    "/fault/bomb/": "too_large",
    "/fault/deflate-bomb/": "too_large",
    "/fault/brotli-bomb/": "too_large",
}
# Pages that recover after a retry: their article must be exported.
RECOVERING = {"/fault/flaky-503/": 1001, "/fault/flaky-500/": 1002, "/fault/retry-after/": 1003}


def bad_input_pages() -> dict[str, tuple[str, bytes]]:
    """Pages that arrive fine but are bad input: empty, binary, broken encodings, monsters."""
    rng = random.Random(6)
    nested = 30_000
    return {
        "/bad/empty/": (HTML, b""),
        "/bad/binary/": (HTML, rng.randbytes(200_000)),
        "/bad/wrong-charset/": (HTML, article(2001, "Café déjà vu, naïve façade.").encode("cp1252")),
        "/bad/no-charset/": (
            "text/html",
            article(2002, "Grüße aus Köln").replace('<meta charset="utf-8">', "").encode("latin-1"),
        ),
        "/bad/mixed/": (HTML, article(2003).encode() + "Ärger über Öl".encode("latin-1")),
        "/bad/nul/": (HTML, article(2004, "nul\x00bytes\x00here").encode()),
        "/bad/truncated/": (HTML, article(2005).encode()[:1500]),
        "/bad/deep/": (HTML, ("<div>" * nested + "deep text" + "</div>" * nested).encode()),
        "/bad/huge-attr/": (
            HTML,
            article(2006).replace("<main>", f'<main data-x="{"A" * 5_000_000}">').encode(),
        ),
        "/bad/giant-text/": (HTML, f"<html><body><p>{'word ' * 1_000_000}</p></body></html>".encode()),
    }


def xxe_documents(base: str) -> dict[str, tuple[str, bytes]]:
    """A sitemap and a feed with external entities, an external DTD and a billion-laughs bomb."""
    dtd = (
        '<!ENTITY passwd SYSTEM "file:///etc/passwd">'
        f'<!ENTITY remote SYSTEM "{base}/xxe/entity">'
        f'<!ENTITY % ext SYSTEM "{base}/xxe/parameter-entity"> %ext;'
        '<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10))
    )
    sitemap = (
        f'<?xml version="1.0"?>\n<!DOCTYPE urlset [{dtd}]>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}/news/xxe/&passwd;</loc></url><url><loc>&remote;</loc></url>"
        f"<url><loc>{base}/news/lol/&lol9;</loc></url>"
        f"<url><loc>{base}{article_path(0)}</loc></url></urlset>"
    )
    external = (
        f'<?xml version="1.0"?>\n<!DOCTYPE urlset SYSTEM "{base}/xxe/external-dtd">\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}{article_path(1)}</loc></url></urlset>'
    )
    feed = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{dtd}]>\n<rss version="2.0"><channel><title>&passwd;</title>'
        f"<item><title>&passwd; &lol9;</title><link>{base}{article_path(2)}</link></item>"
        f"<item><title>remote</title><link>&remote;</link></item></channel></rss>"
    )
    return {
        "/xxe-sitemap.xml": (XML, sitemap.encode()),
        "/xxe-external.xml": (XML, external.encode()),
        "/xxe-feed.xml": ("application/rss+xml", feed.encode()),
    }


@dataclass
class Crawl:
    main: FaultSite
    others: dict[str, FaultSite]
    proc: subprocess.CompletedProcess[str]
    records: list[dict[str, Any]]
    report: dict[str, Any]
    peak_rss_mib: float


def robots_site(stack: ExitStack, robots_fault: str | None, robots_body: bytes, first: int) -> FaultSite:
    """A small second site whose robots.txt misbehaves; it lists three articles."""
    numbers = [first, first + 1, first + 2]
    pages = {article_path(n): (HTML, article_html(n)) for n in numbers}
    pages["/"] = (HTML, home_html(numbers))
    pages["/robots.txt"] = ("text/plain", robots_body)
    faults = {"/robots.txt": robots_fault} if robots_fault else {}
    return stack.enter_context(serve_faults(pages, faults))


def run_measured(command: list[str], timeout: float) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``command``; return its result and a bound on its peak RSS in MiB.

    RUSAGE_CHILDREN's ru_maxrss is the largest peak of any child this process waited for, so it
    bounds the crawl's own peak from above.
    """
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return proc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    tmp = tmp_path_factory.mktemp("hostile")
    with ExitStack() as stack:
        pages: dict[str, tuple[str, bytes]] = {}
        main = stack.enter_context(serve_faults(pages, dict(FAULTS)))
        base = main.base_url
        offsite = base.replace("127.0.0.1", "localhost")
        main.faults["/fault/offsite/"] = f"redirect:{offsite}{article_path(0)}"
        for path, n in RECOVERING.items():
            pages[path] = (HTML, article_html(n))
        pages.update(bad_input_pages())
        pages.update(xxe_documents(base))
        for n in NORMAL:
            pages[article_path(n)] = (HTML, article_html(n))
        pages["/private/secret/"] = (HTML, article_html(4000))
        pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /private/\n")
        pages["/sitemap.xml"] = (XML, sitemap_xml(base, NORMAL[100:]))
        weird = [
            "file:///etc/passwd",
            "data:text/html,<h1>data</h1>",
            "javascript:alert(1)",
            "mailto:editor@example.org",
            "ftp://127.0.0.1/file",
            "gopher://127.0.0.1/",
            f"{offsite}/offsite-link/",
            "/private/secret/",
        ]
        faults = [p for p in FAULTS if not p.startswith("/fault/chain/") or p == "/fault/chain/0/"]
        home = [article_path(n) for n in NORMAL[:100]] + faults + list(RECOVERING)
        home += ["/fault/offsite/", *bad_input_pages(), *weird]
        pages["/"] = (HTML, links_page(home))

        others = {
            "robots_500": robots_site(stack, "always:500", b"", 3000),
            "robots_timeout": robots_site(stack, "stall", b"", 3010),
            "robots_junk": robots_site(
                stack,
                None,
                b"User-agent: *\nDisallow: /private/\n\x00\xff<html>not robots</html>\n"
                + b"Disallow /no-colon\nAllow:: ::\n" * 100_000,
                3020,
            ),
        }
        others["robots_junk"].pages["/private/x/"] = (HTML, article_html(3029))
        others["robots_junk"].pages["/"] = (
            HTML,
            home_html([3020, 3021, 3022]).replace(b"</ul>", b'<li><a href="/private/x/">p</a></li></ul>'),
        )

        out = tmp / "out.jsonl"
        state = tmp / "state"
        command = [sys.executable, "-m", "newscrawl", "crawl", base + "/"]
        command += [site.base_url + "/" for site in others.values()]
        command += ["--sitemap", base + "/sitemap.xml", "--sitemap", base + "/xxe-sitemap.xml"]
        command += ["--sitemap", base + "/xxe-external.xml", "--feed", base + "/xxe-feed.xml"]
        command += ["-o", str(out), "--state", str(state), "--max-time", "120"]
        for setting in (
            "AUTOTHROTTLE_ENABLED=False",
            "DOWNLOAD_DELAY=0",
            "DOWNLOAD_TIMEOUT=2",
            "NEWSCRAWL_RETRY_BACKOFF=0.2",
            "NEWSCRAWL_STATE_FSYNC=False",
        ):
            command += ["-s", setting]
        proc, rss = run_measured(command, timeout=150)
        records = (
            [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            if out.exists()
            else []
        )
        reports = sorted((state / "runs").glob("*.json"))
        report = json.loads(reports[-1].read_text(encoding="utf-8")) if reports else {}
        yield Crawl(main, others, proc, records, report, rss)


def test_finishes_by_itself_with_exit_0(crawl: Crawl) -> None:
    assert crawl.proc.returncode == 0, crawl.proc.stderr[-3000:]
    assert crawl.report["finish_reason"] == "finished"
    assert crawl.report["exit_code"] == 0


def test_every_normal_article_is_exported_once_and_valid(crawl: Crawl) -> None:
    urls = [r["url"] for r in crawl.records]
    expected = {crawl.main.url(article_path(n)) for n in NORMAL}
    expected |= {crawl.main.url(p) for p in RECOVERING}
    for site in crawl.others.values():
        expected |= {site.url(p) for p, _ in site.pages.items() if p.startswith("/news/")}
    assert expected - set(urls) == set()
    assert len(urls) == len(set(urls))
    for record in crawl.records:
        assert record_errors(record) == [], record["url"]


def test_peak_rss_stays_under_1_5_gb(crawl: Crawl) -> None:
    assert crawl.peak_rss_mib < 1536, f"peak RSS {crawl.peak_rss_mib:.0f} MiB"


def test_retries_recover_and_retry_after_is_honoured(crawl: Crawl) -> None:
    assert len(crawl.main.hits("/fault/flaky-503/")) == 2
    assert len(crawl.main.hits("/fault/down/")) == 3  # RETRY_TIMES=2, then given up
    first, second = crawl.main.hits("/fault/retry-after/")
    assert second.at - first.at >= 1.9, "Retry-After: 2 was not honoured"
    assert crawl.report["retry_delays"] >= 3


def test_each_fault_page_is_reported_with_its_kind(crawl: Crawl) -> None:
    kinds = {p["url"]: p["kind"] for p in crawl.report["failed_pages"]}
    reported = {path: kinds.get(crawl.main.url(path)) for path in REPORTED}
    assert reported == REPORTED, crawl.report["failed_pages"]
    assert crawl.report["too_large_decompressed"] == 3  # the bombs, cut at DOWNLOAD_MAXSIZE
    assert crawl.report["failed"]["too_large"] == 6


def test_redirect_chain_is_cut_and_loops_end(crawl: Crawl) -> None:
    chain = [p for p in crawl.main.paths() if p.startswith("/fault/chain/")]
    assert len(chain) <= 11  # the first request and REDIRECT_MAX_TIMES redirects
    assert len(crawl.main.hits("/fault/loop-a/")) <= 2


def test_disallowed_paths_other_hosts_and_entity_urls_are_never_requested(crawl: Crawl) -> None:
    paths = crawl.main.paths() + [p for site in crawl.others.values() for p in site.paths()]
    assert not [p for p in crawl.main.paths() if p.startswith("/private/")]  # also via a redirect
    assert "/private/x/" not in crawl.others["robots_junk"].paths()
    assert not [p for p in paths if p.startswith("/xxe/") or "passwd" in p or "lol" in p]
    hosts = {h.host.split(":")[0] for site in [crawl.main, *crawl.others.values()] for h in site.requests}
    assert hosts == {"127.0.0.1"}


def test_no_local_file_content_and_no_entity_expansion_in_output(crawl: Crawl) -> None:
    text = json.dumps(crawl.records)
    assert not [m for m in PASSWD_MARKERS if m in text]
    assert "lollollol" not in text


def test_broken_robots_txt_does_not_stop_the_site(crawl: Crawl) -> None:
    for name in ("robots_500", "robots_timeout", "robots_junk"):
        assert "/robots.txt" in crawl.others[name].paths(), name
    exported = {r["url"] for r in crawl.records}
    for site in crawl.others.values():
        assert {site.url(p) for p in site.pages if p.startswith("/news/")} <= exported


def test_bad_input_articles_are_exported_and_junk_is_dropped_not_failed(crawl: Crawl) -> None:
    exported = {r["url"] for r in crawl.records}
    readable = ["wrong-charset", "no-charset", "mixed", "nul", "truncated", "huge-attr"]
    assert {crawl.main.url(f"/bad/{name}/") for name in readable} <= exported
    failed = {p["url"] for p in crawl.report["failed_pages"]}
    assert not [u for u in failed if "/bad/" in u]
    assert crawl.report["errors"].keys() <= {
        "download/DownloadCancelledError",
        "download/DownloadFailedError",
        "download/DownloadTimeoutError",
        "http/404",
        "http/429",
        "http/500",
        "http/503",
    }
    for name in ("empty", "binary", "deep", "giant-text"):
        assert crawl.main.hits(f"/bad/{name}/"), name

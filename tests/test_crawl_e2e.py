"""End to end: ``python -m newscrawl crawl`` in a subprocess against the demo site on 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newscrawl.demo import serve_demo_site
from newscrawl.demo.fixtures import FIXTURES_DIR, load_fixtures
from newscrawl.demo.server import LocalSite
from newscrawl.schema import record_errors

ROOT = Path(__file__).resolve().parents[1]
# Another fixture set can be tried with NEWSCRAWL_TEST_FIXTURES=DIR (a dir with index.json).
FIXTURES = Path(os.environ.get("NEWSCRAWL_TEST_FIXTURES", FIXTURES_DIR))
# The demo site is local and ours: no politeness delay needed.
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]


def run_cli(*args: str | Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newscrawl", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def site() -> Any:
    with serve_demo_site(FIXTURES) as served:
        yield served


@pytest.fixture(scope="module")
def article_urls(site: LocalSite) -> list[str]:
    return [site.url(f.url_path) for f in load_fixtures(FIXTURES)]


@pytest.fixture(scope="module")
def first_crawl(site: LocalSite, tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("crawl") / "out.jsonl"
    proc = run_cli("crawl", site.url("/"), "-o", out, *FAST)
    return proc, out, list(site.requests)


def test_crawl_exits_0_and_prints_progress_and_summary(first_crawl: Any) -> None:
    proc, out, _ = first_crawl
    assert proc.returncode == 0, proc.stderr
    assert "fetched " in proc.stderr  # progress lines (plain: stderr is not a terminal)
    assert f"-> {out}" in proc.stdout and "exported" in proc.stdout and "dropped" in proc.stdout


def test_every_record_is_valid_against_the_schema(first_crawl: Any) -> None:
    records = read_records(first_crawl[1])
    assert records
    for record in records:
        assert record_errors(record) == [], record["url"]


def test_every_fixture_exported_once_and_no_listing_page(first_crawl: Any, article_urls: list[str]) -> None:
    exported = Counter(r["url"] for r in read_records(first_crawl[1]))
    not_articles = set(exported) - set(article_urls)
    assert not not_articles, f"non-article pages exported: {sorted(not_articles)}"
    missing = set(article_urls) - set(exported)
    assert not missing, f"articles not exported: {sorted(missing)}"
    assert [u for u, n in exported.items() if n > 1] == []


def test_robots_txt_is_honoured_and_user_agent_is_ours(first_crawl: Any) -> None:
    requests = first_crawl[2]
    paths = [hit.path for hit in requests]
    assert "/robots.txt" in paths
    assert "/private/drafts/" not in paths
    assert not [p for p in paths if p.startswith("/private/")]
    assert {hit.user_agent.split(" ")[0].split("/")[0] for hit in requests} == {"newscrawl"}


def test_second_run_appends_and_sitemap_source_works(
    site: LocalSite, first_crawl: Any, article_urls: list[str]
) -> None:
    out = first_crawl[1]
    before = out.read_text(encoding="utf-8")
    proc = run_cli("crawl", "--sitemap", site.url("/"), "-o", out, *FAST)
    assert proc.returncode == 0, proc.stderr
    after = out.read_text(encoding="utf-8")
    assert after.startswith(before)
    added = read_records(out)[len(before.splitlines()) :]
    assert sorted(r["url"] for r in added) == sorted(article_urls)


def test_feed_source_exports_the_feed_articles(
    site: LocalSite, article_urls: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "feed.jsonl"
    proc = run_cli("crawl", "--feed", site.url("/feed.xml"), "-o", out, *FAST)
    assert proc.returncode == 0, proc.stderr
    assert sorted(r["url"] for r in read_records(out)) == sorted(article_urls)


def test_max_pages_bounds_the_crawl_and_still_exits_0(site: LocalSite, tmp_path: Path) -> None:
    out = tmp_path / "few.jsonl"
    one_at_a_time = ["-s", "CONCURRENT_REQUESTS=1"]  # the page count is checked per response
    proc = run_cli("crawl", site.url("/"), "-o", out, "--max-pages", "3", *one_at_a_time, *FAST)
    assert proc.returncode == 0, proc.stderr
    assert "closespider_pagecount" in proc.stdout
    assert len(out.read_text(encoding="utf-8").splitlines()) <= 3


@pytest.mark.parametrize(
    "args",
    [
        ["crawl", "ftp://127.0.0.1/", "-o", "{out}"],
        ["crawl", "not-a-url", "-o", "{out}"],
        ["crawl", "-o", "{out}"],
        ["crawl", "--url-file", "/nonexistent/urls.txt", "-o", "{out}"],
        ["crawl", "http://127.0.0.1/"],
        ["crawl", "http://127.0.0.1/", "-o", "{out}", "--max-pages", "0"],
        ["crawl", "http://127.0.0.1/", "-o", "{out}", "-s", "NOEQUALS"],
        ["crawl", "http://127.0.0.1/", "-o", "{tmp}"],
    ],
)
def test_bad_arguments_exit_2_with_a_message(args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = run_cli(*(a.format(out=out, tmp=tmp_path) for a in args), timeout=60)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "error" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_nothing_fetched_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    url = f"http://127.0.0.1:{free_port()}/"
    proc = run_cli("crawl", url, "-o", out, "-s", "RETRY_TIMES=0", timeout=60)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "nothing could be fetched" in proc.stderr


class ExplodingPipeline:
    """A pipeline with a bug: the crawl must report failure (exit 1), not success."""

    def process_item(self, item: Any, spider: Any = None) -> Any:
        raise RuntimeError("bug in a pipeline")


def test_error_in_project_code_exits_1(site: LocalSite, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    pipelines = json.dumps({"tests.test_crawl_e2e.ExplodingPipeline": 50})
    proc = run_cli(
        "crawl",
        site.url("/"),
        "-o",
        out,
        "--max-pages",
        "5",
        "-s",
        f"ITEM_PIPELINES={pipelines}",
        *FAST,
    )
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "bug in a pipeline" in proc.stderr


def test_scrapy_crawl_news_command_exports_the_articles(
    site: LocalSite, tmp_path: Path, article_urls: list[str]
) -> None:
    """The Scrapy-native entry point: ``scrapy crawl news -a urls=... -O OUT.jsonl``."""
    out = tmp_path / "scrapy.jsonl"
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"urls={site.url('/')}",
               "-O", str(out), *FAST, "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = read_records(out)
    assert sorted(r["url"] for r in records) == sorted(article_urls)
    assert all(record_errors(r) == [] for r in records)

"""Recurring crawls end to end: ``crawl --state DIR`` in subprocesses against a local site."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newscrawl.demo.server import LocalSite, serve_site
from newscrawl.schema import record_errors
from tests.state_site import HTML, article_html, article_path, build_site

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]


def crawl_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "newscrawl", "crawl", *map(str, args)]


def run(*args: str | Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(crawl_command(*args), cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


def reports(state: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted((state / "runs").glob("*.json"))]


@pytest.fixture
def site() -> Any:
    with serve_site({}) as served:
        yield served


def paths_since(site: LocalSite, start: int) -> list[str]:
    return site.requested_paths()[start:]


def test_rerun_exports_only_new_articles_and_fetches_no_old_body(site: LocalSite, tmp_path: Path) -> None:
    n, k = 12, 4
    build_site(site.pages, site.base_url, list(range(n)))  # type: ignore[arg-type]
    out, state = tmp_path / "out.jsonl", tmp_path / "state"
    first = run(site.url("/"), "-o", out, "--state", state, *FAST)
    assert first.returncode == 0, first.stderr
    assert sorted(r["url"] for r in lines(out)) == sorted(site.url(article_path(i)) for i in range(n))

    build_site(site.pages, site.base_url, list(range(n + k)))  # type: ignore[arg-type]
    mark = len(site.requests)
    second = run(site.url("/"), "-o", out, "--state", state, *FAST)
    assert second.returncode == 0, second.stderr
    records = lines(out)
    added = records[n:]
    assert sorted(r["url"] for r in added) == sorted(site.url(article_path(i)) for i in range(n, n + k))
    fetched = paths_since(site, mark)
    assert "/" in fetched  # listing pages are fetched every run
    assert not [p for p in fetched if p in {article_path(i) for i in range(n)}], fetched
    assert all(record_errors(r) == [] for r in records)

    first_report, second_report = reports(state)
    assert first_report["articles_exported"] == n and first_report["exit_code"] == 0
    assert second_report["articles_exported"] == k and second_report["skipped_seen"] == n
    for key in ("pages_fetched", "dropped", "errors", "duration_seconds", "finish_reason"):
        assert key in second_report
    summary = second.stdout.splitlines()[0]
    assert f"exported {k}," in summary and f"skipped {n} seen" in summary
    assert "Spider closed" in (state / "crawl.log").read_text()


def test_sitemap_rerun_and_since_skip_before_fetching(site: LocalSite, tmp_path: Path) -> None:
    build_site(site.pages, site.base_url, list(range(10)))  # type: ignore[arg-type]
    out, state = tmp_path / "out.jsonl", tmp_path / "state"
    proc = run("--sitemap", site.url("/"), "-o", out, "--state", state, "--since", "2024-05-06", *FAST)
    assert proc.returncode == 0, proc.stderr
    assert sorted(r["published"] for r in lines(out)) == [f"2024-05-{d:02d}" for d in range(6, 11)]
    assert "/news/2024/05/01/story-0/" not in site.requested_paths()
    assert reports(state)[-1]["skipped_old"] == 5
    mark = len(site.requests)
    proc = run("--sitemap", site.url("/"), "-o", out, "--state", state, *FAST)
    assert proc.returncode == 0, proc.stderr
    assert len(lines(out)) == 10  # the 5 older ones now, nothing twice
    assert "/sitemap.xml" in paths_since(site, mark)
    assert not [p for p in paths_since(site, mark) if p.endswith(("/story-7/", "/story-9/"))]


def test_refresh_exports_a_changed_article_as_a_new_version(site: LocalSite, tmp_path: Path) -> None:
    build_site(site.pages, site.base_url, list(range(5)))  # type: ignore[arg-type]
    out, state = tmp_path / "out.jsonl", tmp_path / "state"
    assert run(site.url("/"), "-o", out, "--state", state, *FAST).returncode == 0
    site.pages[article_path(2)] = (HTML, article_html(2, edition=2))
    mark = len(site.requests)
    proc = run(site.url("/"), "-o", out, "--state", state, "--refresh", *FAST)
    assert proc.returncode == 0, proc.stderr
    assert article_path(0) in paths_since(site, mark)  # refresh fetches exported articles again
    records = lines(out)
    assert len(records) == 6
    assert records[-1]["url"] == site.url(article_path(2)) and "edition 2" in records[-1]["body"]
    assert records[-1]["modified"]
    report = reports(state)[-1]
    assert report["new_versions"] == 1 and report["dropped"].get("unchanged") == 4


def test_refresh_needs_state_and_bad_since_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert run("http://127.0.0.1:9/", "-o", out, "--refresh").returncode == 2
    assert run("http://127.0.0.1:9/", "-o", out, "--since", "May 5").returncode == 2


def test_concurrent_run_exits_3_at_once_naming_the_holder(site: LocalSite, tmp_path: Path) -> None:
    build_site(site.pages, site.base_url, list(range(30)))  # type: ignore[arg-type]
    state = tmp_path / "state"
    slow = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.5", "-s", "CONCURRENT_REQUESTS=1"]
    first = subprocess.Popen(
        crawl_command(site.url("/"), "-o", tmp_path / "a.jsonl", "--state", state, *slow),
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not ((state / "lock").exists() and (state / "lock").read_text().strip()):
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        t = time.monotonic()
        second = run(site.url("/"), "-o", tmp_path / "b.jsonl", "--state", state, *FAST, timeout=30)
        assert second.returncode == 3, (second.stdout, second.stderr)
        assert time.monotonic() - t < 10
        message = second.stderr.strip()
        assert len(message.splitlines()) == 1 and f"PID {first.pid}, started 20" in message
        assert not (tmp_path / "b.jsonl").exists()
        assert first.poll() is None  # the holder is untouched
    finally:
        first.kill()
        first.wait()


def test_sigkilled_runs_and_rerun_export_every_article_exactly_once(site: LocalSite, tmp_path: Path) -> None:
    """Kill -9 three runs at different points; a final run completes. No loss, no duplicate."""
    n = 150
    build_site(site.pages, site.base_url, list(range(n)))  # type: ignore[arg-type]
    state = tmp_path / "state"
    outputs = []
    for attempt, kill_after in enumerate([10, 35, 70]):
        out = tmp_path / f"run{attempt}.jsonl"
        outputs.append(out)
        proc = subprocess.Popen(
            crawl_command(site.url("/"), "-o", out, "--state", state, *FAST),
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= kill_after - 10 * attempt:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the crawl finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    final = tmp_path / "final.jsonl"
    outputs.append(final)
    proc = subprocess.run(crawl_command(site.url("/"), "-o", final, "--state", state, *FAST),
                          cwd=ROOT, capture_output=True, text=True, timeout=180)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    urls: Counter[str] = Counter()
    for out in outputs:
        raw = out.read_bytes()
        assert raw == b"" or raw.endswith(b"\n"), f"partial line left in {out.name}"
        for record in lines(out):  # every line valid JSON
            urls[record["url"]] += 1
    assert [u for u, c in urls.items() if c > 1] == []
    assert set(urls) == {site.url(article_path(i)) for i in range(n)}
    assert 0 < len(lines(outputs[0])) < n  # the first run really was cut short


def test_limits_exit_0_with_a_complete_report(site: LocalSite, tmp_path: Path) -> None:
    build_site(site.pages, site.base_url, list(range(20)))  # type: ignore[arg-type]
    out, state = tmp_path / "out.jsonl", tmp_path / "state"
    one = ["-s", "CONCURRENT_REQUESTS=1"]
    proc = run(site.url("/"), "-o", out, "--state", state, "--max-articles", "3", *one, *FAST)
    assert proc.returncode == 0, proc.stderr
    report = reports(state)[-1]
    assert report["finish_reason"] == "closespider_itemcount" and report["exit_code"] == 0
    assert report["articles_exported"] == len(lines(out)) >= 3
    proc = run(site.url("/"), "-o", out, "--state", state, "--max-pages", "4", *one, *FAST)
    assert proc.returncode == 0, proc.stderr
    assert reports(state)[-1]["finish_reason"] == "closespider_pagecount"
    urls = [r["url"] for r in lines(out)]
    assert len(urls) == len(set(urls))


def scrapy_crawl(site: LocalSite, out: Path, state: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"urls={site.url('/')}",
               "-o", str(out), "-s", f"NEWSCRAWL_STATE_DIR={state}", *FAST,
               "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)


def test_scrapy_crawl_with_state_dir(site: LocalSite, tmp_path: Path) -> None:
    build_site(site.pages, site.base_url, list(range(6)))  # type: ignore[arg-type]
    out, state = tmp_path / "out.jsonl", tmp_path / "state"
    assert scrapy_crawl(site, out, state).returncode == 0
    assert len(lines(out)) == 6  # written once: the state pipeline took the -o file over
    build_site(site.pages, site.base_url, list(range(8)))  # type: ignore[arg-type]
    proc = scrapy_crawl(site, out, state)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(lines(out)) == 8
    assert [r["articles_exported"] for r in reports(state)] == [6, 2]

    from newscrawl.state import acquire_lock

    lock = acquire_lock(state)  # this test process is now the holder
    try:
        proc = scrapy_crawl(site, out, state)
        assert proc.returncode == 3 and f"PID {os.getpid()}" in proc.stderr
    finally:
        lock.release()

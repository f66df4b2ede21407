"""Distributed mode: workers in subprocesses share one crawl through a real redis-server.

The site is served on 127.0.0.1; every worker is the real CLI (``python -m newscrawl crawl
--redis``) or ``scrapy crawl news -s REDIS_URL=...``. Unit tests of the lease, claim and reap
scripts run against the same server.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from scrapy import Request
from scrapy.spiders import Spider

from newscrawl.demo.server import LocalSite, serve_site
from newscrawl.distributed import Keys
from newscrawl.distributed.scheduler import LEASE, LeasedQueue
from newscrawl.distributed.store import RedisSeenStore
from newscrawl.distributed.worker import _REAP
from newscrawl.schema import record_errors
from tests import redis_server as rs
from tests.state_site import article_path, build_site

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]
N_ARTICLES = 300


@pytest.fixture(scope="module")
def redis_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if rs.redis_server_binary() is None:
        message = "redis-server is not installed (apt-get install redis-server; .ci/run does it)"
        if rs.required():
            pytest.fail(message)
        pytest.skip(message)
    with rs.redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def redis_url(redis_base: str) -> str:
    redis.Redis.from_url(redis_base).flushdb()
    return redis_base


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with serve_site({}) as served:
        yield served


def crawl_args(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "newscrawl", "crawl", *map(str, args)]


_STARTED: list[subprocess.Popen[str]] = []


def start(*args: str | Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        crawl_args(*args), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _STARTED.append(proc)
    return proc


@pytest.fixture(autouse=True)
def _no_leftover_workers() -> Iterator[None]:
    # A test that fails midway must not leave workers behind to join the next test's crawl.
    yield
    while _STARTED:
        proc = _STARTED.pop()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def finish(proc: subprocess.Popen[str], timeout: float = 180) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def written(path: Path) -> int:
    """Whole lines in ``path`` so far (a worker may be writing the next one)."""
    return path.read_bytes().count(b"\n") if path.exists() else 0


def records(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


def wait_for(condition: Any, timeout: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def workers(url: str) -> set[bytes]:
    return set(redis.Redis.from_url(url).smembers(Keys.for_spider(None, "news").workers))


def article_urls(site: LocalSite, n: int) -> list[str]:
    return sorted(site.url(article_path(i)) for i in range(n))


# --- end to end ----------------------------------------------------------------------------


def test_two_workers_share_a_crawl_each_article_exported_once(
    site: LocalSite, redis_url: str, tmp_path: Path
) -> None:
    build_site(site.pages, site.base_url, list(range(N_ARTICLES)))  # type: ignore[arg-type]
    out_a, out_b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    common = ["--redis", redis_url, "--idle-exit", "2", *FAST]
    # B joins with no URL and waits; A brings the start URL.
    b = start("-o", out_b, *common)
    wait_for(lambda: len(workers(redis_url)) == 1, what="worker B to join")
    a = start(site.url("/"), "-o", out_a, *common)
    (rc_a, so_a, se_a), (rc_b, so_b, se_b) = finish(a), finish(b)
    assert (rc_a, rc_b) == (0, 0), se_a[-2000:] + se_b[-2000:]

    got = {"a": records(out_a), "b": records(out_b)}
    urls = Counter(r["url"] for recs in got.values() for r in recs)
    assert sorted(urls) == article_urls(site, N_ARTICLES)
    assert max(urls.values()) == 1, [u for u, n in urls.items() if n > 1][:5]
    assert all(not record_errors(r) for recs in got.values() for r in recs)
    # A fair share: each did at least a third of an even split (two processes on a busy machine).
    assert min(len(got["a"]), len(got["b"])) >= N_ARTICLES // 6, {k: len(v) for k, v in got.items()}
    # Start URLs and every page were fetched once across workers.
    assert Counter(site.requested_paths())["/"] == 1
    fetched = Counter(p for p in site.requested_paths() if p.startswith("/news/"))
    assert max(fetched.values()) == 1 and len(fetched) == N_ARTICLES
    # Each worker reports its own counts; the last one to leave reports the whole crawl.
    summaries = so_a + so_b
    assert summaries.count("  worker    ") == 2
    totals = [line for line in summaries.splitlines() if line.startswith("  crawl     complete")]
    assert len(totals) == 1 and f"exported {N_ARTICLES} " in totals[0]
    for name, out in (("a", so_a), ("b", so_b)):
        assert f"exported  {len(got[name])} articles" in out
    # The crawl is over: queue and dupefilter are cleared for the next run, the seen-store stays.
    client = redis.Redis.from_url(redis_url)
    keys = Keys.for_spider(None, "news")
    assert not client.exists(keys.requests, keys.dupefilter, keys.workers)
    assert client.hlen(keys.articles) == N_ARTICLES
    last = client.hgetall(f"{keys.prefix}:last_run")
    assert sum(json.loads(v)["exported"] for v in last.values()) == N_ARTICLES


def test_start_urls_given_to_several_workers_are_queued_once(
    site: LocalSite, redis_url: str, tmp_path: Path
) -> None:
    build_site(site.pages, site.base_url, list(range(30)))  # type: ignore[arg-type]
    sources = [site.url("/"), "--sitemap", site.url("/sitemap.xml")]
    common = ["--redis", redis_url, "--idle-exit", "1", *FAST]
    procs = [start(*sources, "-o", tmp_path / f"{i}.jsonl", *common) for i in range(2)]
    results = [finish(p) for p in procs]
    assert [rc for rc, _, _ in results] == [0, 0], results[0][2][-2000:] + results[1][2][-2000:]
    paths = Counter(site.requested_paths())
    assert paths["/"] == 1 and paths["/sitemap.xml"] == 1
    urls = Counter(r["url"] for i in range(2) for r in records(tmp_path / f"{i}.jsonl"))
    assert sorted(urls) == article_urls(site, 30) and max(urls.values()) == 1


def test_sigkilled_worker_loses_no_url(site: LocalSite, redis_url: str, tmp_path: Path) -> None:
    build_site(site.pages, site.base_url, list(range(N_ARTICLES)))  # type: ignore[arg-type]
    out_a, out_b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    slow = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.01", "-s", "CONCURRENT_REQUESTS=8"]
    common = ["--redis", redis_url, "--idle-exit", "3", "-s", "NEWSCRAWL_REDIS_LEASE=2", *slow]
    b = start("-o", out_b, *common)
    wait_for(lambda: len(workers(redis_url)) == 1, what="worker B to join")
    a = start(site.url("/"), "-o", out_a, *common)
    wait_for(lambda: written(out_b) >= 20, what="worker B to export")
    b.send_signal(signal.SIGKILL)
    b.wait(timeout=10)
    client = redis.Redis.from_url(redis_url)
    keys = Keys.for_spider(None, "news")
    leased = sum(client.hlen(keys.lease(w.decode())) for w in client.smembers(keys.workers))
    b2 = start("-o", out_b, *common)  # restarted on the same output
    (rc_a, _, se_a), (rc_b2, _, se_b2) = finish(a), finish(b2)
    assert (rc_a, rc_b2) == (0, 0), se_a[-2000:] + se_b2[-2000:]
    urls = Counter(r["url"] for r in records(out_a) + records(out_b))
    assert sorted(urls) == article_urls(site, N_ARTICLES)
    assert max(urls.values()) == 1, [u for u, n in urls.items() if n > 1][:5]
    if leased:  # it had requests in flight when killed: someone requeued them
        assert "is gone (no heartbeat): requeued" in se_a + se_b2


def test_recurring_runs_share_the_seen_store(site: LocalSite, redis_url: str, tmp_path: Path) -> None:
    build_site(site.pages, site.base_url, list(range(20)))  # type: ignore[arg-type]
    common = ["--redis", redis_url, "--idle-exit", "1", *FAST]
    first = subprocess.run(
        crawl_args(site.url("/"), "-o", tmp_path / "1.jsonl", *common),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert first.returncode == 0, first.stderr[-2000:]
    assert len(records(tmp_path / "1.jsonl")) == 20
    build_site(site.pages, site.base_url, list(range(25)))  # type: ignore[arg-type]
    mark = len(site.requests)
    second = subprocess.run(
        crawl_args(site.url("/"), "-o", tmp_path / "2.jsonl", *common),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 0, second.stderr[-2000:]
    new = records(tmp_path / "2.jsonl")
    assert sorted(r["url"] for r in new) == sorted(site.url(article_path(i)) for i in range(20, 25))
    fetched = [p for p in site.requested_paths()[mark:] if p.startswith("/news/")]
    assert sorted(fetched) == sorted(article_path(i) for i in range(20, 25))  # seen ones not fetched


def test_scrapy_crawl_with_redis_url_setting(site: LocalSite, redis_url: str, tmp_path: Path) -> None:
    build_site(site.pages, site.base_url, list(range(15)))  # type: ignore[arg-type]
    out = tmp_path / "out.jsonl"
    args = ["scrapy", "crawl", "news", "-a", f"urls={site.url('/')}", "-O", str(out)]
    args += ["-s", f"REDIS_URL={redis_url}", "-s", "NEWSCRAWL_IDLE_EXIT=1", *FAST]
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", *args[1:]], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert sorted(r["url"] for r in records(out)) == article_urls(site, 15)
    assert "ScrapyDeprecationWarning" not in proc.stderr


def test_worker_without_a_crawl_to_join_exits_cleanly(redis_url: str, tmp_path: Path) -> None:
    began = time.monotonic()
    proc = subprocess.run(
        crawl_args("-o", tmp_path / "o.jsonl", "--redis", redis_url, "--idle-exit", "1"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "exported  0 articles" in proc.stdout
    assert time.monotonic() - began < 30


def test_unreachable_redis_is_a_clear_error(tmp_path: Path) -> None:
    url = f"redis://127.0.0.1:{rs.free_port()}/0"
    proc = subprocess.run(
        crawl_args("http://127.0.0.1:1/", "-o", tmp_path / "o.jsonl", "--redis", url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert f"cannot reach Redis at {url}" in proc.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_redis_lost_mid_crawl_exits_nonzero_and_keeps_exports(
    site: LocalSite, redis_base: str, tmp_path: Path
) -> None:
    build_site(site.pages, site.base_url, list(range(N_ARTICLES)))  # type: ignore[arg-type]
    out = tmp_path / "o.jsonl"
    slow = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.02", "-s", "CONCURRENT_REQUESTS=4"]
    with rs.redis_server(tmp_path / "own") as url:  # a server of its own, to stop
        proc = start(site.url("/"), "-o", out, "--redis", url, "-s", "NEWSCRAWL_REDIS_RETRIES=2", *slow)
        wait_for(lambda: written(out) >= 10, what="first exports")
    began = time.monotonic()
    rc, stdout, stderr = finish(proc, timeout=120)
    assert rc == 1
    assert "lost the connection to Redis" in stderr and "redis_unavailable" in stdout + stderr
    assert time.monotonic() - began < 60
    got = records(out)  # every line whole and valid
    assert got and all(not record_errors(r) for r in got)
    assert len({r["url"] for r in got}) == len(got)
    assert f"exported  {len(got)} articles" in stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--idle-exit", "5"], "--idle-exit needs --redis"),
        (["--redis", "http://localhost:6379"], "not a Redis URL"),
        (["--redis", "redis://localhost/x"], "database must be a number"),
        (["--redis", "redis://localhost", "--state", "/nonexistent/st"], "--state and --redis"),
        (["--redis", "redis://localhost", "--idle-exit", "0"], "must be a positive number"),
    ],
)
def test_bad_distributed_arguments_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    proc = subprocess.run(
        crawl_args("http://example.com/", "-o", tmp_path / "o.jsonl", *args),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert message in proc.stderr


# --- the Lua scripts against the real server ------------------------------------------------


class _Spider(Spider):
    name = "unit"

    def parse(self, response: Any, **kwargs: Any) -> None:
        pass


def test_pop_leases_and_reap_requeues_with_priority(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    keys = Keys("unit")
    spider = _Spider()
    queue = LeasedQueue(client, spider, keys.requests, keys.lease("w1"))
    queue.push(Request("http://a.test/low", priority=0))
    queue.push(Request("http://a.test/high", priority=10))
    first = queue.pop()
    assert first is not None and first.url == "http://a.test/high"
    assert client.zcard(keys.requests) == 1 and client.hlen(keys.lease("w1")) == 1
    lease = first.meta[LEASE]
    # w1 dies (no heartbeat): its lease goes back with its priority, first in line again.
    client.sadd(keys.workers, "w1")
    reap = client.register_script(_REAP)
    k = keys.reap_keys("w1")
    client.set(keys.heartbeat("w1"), 1)
    assert reap(keys=k, args=["w1"])[0] == -1  # alive: untouched
    client.delete(keys.heartbeat("w1"))
    assert reap(keys=k, args=["w1"]) == [1, 0]
    assert not client.sismember(keys.workers, "w1") and not client.exists(keys.lease("w1"))
    again = LeasedQueue(client, spider, keys.requests, keys.lease("w2")).pop()
    assert again is not None and again.url == "http://a.test/high" and again.meta[LEASE] == lease
    queue.ack(lease)  # an ack of a lease that moved on is harmless
    assert client.hlen(keys.lease("w2")) == 1


def test_claims_are_exclusive_and_released_when_the_owner_is_gone(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    keys = Keys("unit")
    one, two = RedisSeenStore(client, keys, "w1", host="h1"), RedisSeenStore(client, keys, "w2", host="h2")
    assert one.claim("http://a.test/x", "fp-x").ok
    assert two.claim("http://a.test/x", "fp-x").reason == "busy"  # w1 is writing it now
    other_url = two.claim("http://a.test/copy", "fp-x")
    assert (other_url.ok, other_url.reason, other_url.owner) == (False, "seen_body", "http://a.test/x")
    assert (
        one.mark_exported(
            "http://a.test/x", "fp-x", ["http://a.test/x?utm=1"], "2026-01-01", ("/o.jsonl", 10)
        )
        == 1
    )
    assert two.claim("http://a.test/x", "fp-x").reason == "seen_url"
    assert two.url_seen("http://a.test/x") and two.article("http://a.test/x") is not None
    assert one.committed_sizes() == {"/o.jsonl": 10} and two.committed_sizes() == {}
    # Refresh: a changed body is the next version.
    changed = two.claim("http://a.test/x", "fp-x2", refresh=True)
    assert (changed.ok, changed.version) == (True, 2)
    # w2 dies before committing: the claim is released, version 1 is back.
    client.sadd(keys.workers, "w2")
    assert two.claim("http://a.test/y", "fp-y").ok
    reap = client.register_script(_REAP)
    k = keys.reap_keys("w2")
    assert reap(keys=k, args=["w2"]) == [0, 2]
    assert one.article("http://a.test/x") is not None and one.article("http://a.test/x").version == 1  # type: ignore[union-attr]
    assert one.article("http://a.test/y") is None and one.body_owner("fp-y") is None
    assert one.claim("http://a.test/y", "fp-y").ok

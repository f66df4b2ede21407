"""Extraction in worker processes: same records as inline, drops kept, a dead worker replaced."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem

from newscrawl.pipelines import ExtractionPipeline
from newscrawl.pool import ExtractionPool, default_processes, extract_page
from tests.test_pipelines import ARTICLE, LISTING, UNDATED_ARTICLE, crawler_stats, raw

URL = "https://news.example.com/2024/05/01/budget/"


@pytest.fixture(scope="module")
def pool() -> Iterator[ExtractionPool]:
    made = ExtractionPool(1)
    made.warm_up()
    yield made
    made.close()


def pooled(pool: ExtractionPool, settings: dict[str, Any] | None = None) -> tuple[ExtractionPipeline, Any]:
    crawler, stats = crawler_stats(settings)
    pipeline = ExtractionPipeline.from_crawler(crawler)
    pipeline.pool = pool
    return pipeline, stats


def test_pool_records_equal_inline_records(pool: ExtractionPool) -> None:
    inline = ExtractionPipeline.from_crawler(crawler_stats()[0]).process_item(raw(ARTICLE, URL))
    pipeline, _ = pooled(pool)
    result = pipeline.process_item(raw(ARTICLE, URL))
    assert asyncio.iscoroutine(result)
    assert asyncio.run(result) == inline


def test_pool_keeps_drops_and_hints(pool: ExtractionPool) -> None:
    pipeline, stats = pooled(pool)
    with pytest.raises(DropItem, match="not_article"):
        asyncio.run(pipeline.process_item(raw(LISTING, "https://news.example.com/section/world/")))
    assert stats.get_value("newscrawl/dropped/not_article") == 1
    hinted = raw(UNDATED_ARTICLE, "https://news.example.com/budget", {"published": "2024-05-01"})
    assert asyncio.run(pipeline.process_item(hinted))["published"] == "2024-05-01"


def test_listing_pages_send_back_only_their_type() -> None:
    assert set(extract_page(LISTING, "https://news.example.com/section/world/")) == {
        "page_type",
        "page_type_reason",
    }


def test_a_killed_worker_is_replaced_and_the_page_still_extracted() -> None:
    pool = ExtractionPool(1)
    try:
        pool.warm_up()
        (pid,) = pool.pids()
        os.kill(pid, signal.SIGKILL)
        result = asyncio.run(pool.extract(ARTICLE, URL))
        assert result["record"]["title"] == "Council approves budget"
        assert pool.restarts == 1 and pool.pids() != [pid]
    finally:
        pool.close()


def test_default_processes_follow_the_cores() -> None:
    cores = len(os.sched_getaffinity(0))
    assert default_processes() == (cores if cores > 1 else 0)


def test_zero_processes_means_inline() -> None:
    crawler, _ = crawler_stats({"NEWSCRAWL_EXTRACT_PROCESSES": 0})
    pipeline = ExtractionPipeline.from_crawler(crawler)
    pipeline.open_spider()
    assert pipeline.pool is None
    assert pipeline.process_item(raw(ARTICLE, URL))["title"] == "Council approves budget"


def test_workers_exit_when_the_crawling_process_is_killed() -> None:
    script = (
        "import sys, time; sys.path.insert(0, '.');"
        "from newscrawl.pool import ExtractionPool; p = ExtractionPool(2); p.warm_up();"
        "print(' '.join(map(str, p.pids())), flush=True); time.sleep(600)"
    )
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=root, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    pids = [int(x) for x in proc.stdout.readline().split()]
    assert len(pids) == 2 and all(alive(pid) for pid in pids)
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in pids)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return "State:\tZ" not in fh.read()
    except OSError:
        return False

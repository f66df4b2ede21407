"""Extraction off the reactor: a pool of worker processes fed by the extraction pipeline.

``extract_article`` is pure CPU work; run in Scrapy's reactor thread it stalls every download
while it runs. ``ExtractionPool`` runs it in ``NEWSCRAWL_EXTRACT_PROCESSES`` worker processes
(``forkserver`` children with the extraction modules preloaded, never a fork of the crawling
process and its threads) and hands back plain record dicts. Memory stays bounded without a queue
of our own: Scrapy stops downloading while its scraper holds more than
``SCRAPER_SLOT_MAX_ACTIVE_SIZE`` bytes of responses (5 MB by default), so at most that much HTML
waits for the pool.

A worker that dies (OOM killer, a crash in C code) breaks the pool: it is replaced, the pages it
held are tried once more in the new pool, then dropped as ``extraction_failed``.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

logger = logging.getLogger(__name__)


class ExtractionFailed(RuntimeError):
    """A page's extraction crashed its worker process twice."""


def extract_page(html: str, url: str | None) -> dict[str, Any]:
    """Extract one page in a worker process: the record dict plus ``page_type``/``page_type_reason``.

    Returns the full ``Article.to_dict()`` of article pages; for other pages only the page type
    and its reason (nothing else crosses the process boundary).
    """
    from newscrawl import extract_article

    article = extract_article(html, url, articles_only=True)
    if article.page_type != "article":
        return {"page_type": article.page_type, "page_type_reason": article.page_type_reason}
    return {"page_type": "article", "record": article.to_dict()}


def _worker_init(crawler_pid: int) -> None:
    # Ctrl-C reaches the whole process group: the crawl shuts down gracefully and still needs
    # its workers for the pages in flight, so they leave SIGINT to it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker's parent is the forkserver, and every worker holds the write end of its own task
    # queue: when the crawling process is SIGKILLed nothing tells the workers, and they (and the
    # forkserver, which waits for them) would live on. Watch the crawling process instead.
    threading.Thread(
        target=_exit_with, args=(crawler_pid,), name="newscrawl-parent-watch", daemon=True
    ).start()


def _exit_with(pid: int, interval: float = 1.0) -> None:
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass  # alive, owned by someone else (cannot happen for our parent; harmless)
        time.sleep(interval)


def default_processes() -> int:
    """Worker processes when the setting is unset: one per core, none on a single core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores if cores > 1 else 0


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["newscrawl.extract", "newscrawl.pool"])
        return context
    return multiprocessing.get_context("spawn")


class ExtractionPool:
    """``processes`` workers running ``extract_page``; ``await pool.extract(html, url)``."""

    def __init__(self, processes: int) -> None:
        if processes < 1:
            raise ValueError("an extraction pool needs at least one process")
        self.processes = processes
        self.executor = self._new_executor()
        self.restarts = 0

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=_context(),
            initializer=_worker_init,
            initargs=(os.getpid(),),
        )

    def warm_up(self) -> None:
        """Start every worker now (the first pages would otherwise wait for them to start)."""
        futures = [self.executor.submit(os.getpid) for _ in range(self.processes)]
        for future in futures:
            future.result(timeout=120)

    async def extract(self, html: str, url: str | None) -> dict[str, Any]:
        """Return ``extract_page(html, url)`` computed in a worker process."""
        for attempt in (1, 2):
            executor = self.executor
            try:
                future: Future[dict[str, Any]] = executor.submit(extract_page, html, url)
                return await asyncio.wrap_future(future)
            except BrokenProcessPool:
                self._replace(executor)
                if attempt == 2:
                    raise ExtractionFailed(f"extraction crashed its worker process twice: {url}") from None
        raise AssertionError("unreachable")

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if broken is not self.executor:
            return  # another page already replaced it
        self.restarts += 1
        logger.warning("an extraction worker process died; starting a new pool (restart %d)", self.restarts)
        broken.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new_executor()

    def close(self) -> None:
        """Wait for the pages in progress and stop the workers."""
        self.executor.shutdown(wait=True)

    def pids(self) -> list[int]:
        """Return the worker processes' ids (for memory measurements)."""
        return [p.pid for p in getattr(self.executor, "_processes", {}).values() if p.pid]

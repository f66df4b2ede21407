"""The Scrapy side of recurring crawls: shared state, skip middleware, export pipeline, run report.

``NEWSCRAWL_STATE_DIR`` switches them on. One ``CrawlState`` per crawler holds the lock, the
seen-store and the output; the components find it with ``CrawlState.for_crawler``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import weakref
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit
from urllib.request import url2pathname

from itemadapter import ItemAdapter
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, IgnoreRequest, NotConfigured

from newscrawl import report
from newscrawl.middlewares import ALWAYS_FETCH
from newscrawl.pipelines import body_fingerprint
from newscrawl.state.lock import StateLock, StateLocked, acquire_lock
from newscrawl.state.output import LineWriter, record_line
from newscrawl.state.recovery import recover_all, recover_output
from newscrawl.state.store import DB_NAME, SeenStore, StoreUnavailable

logger = logging.getLogger(__name__)

EXIT_LOCKED = 3
DEFAULT_OUTPUT = "articles.jsonl"
LOG_NAME = "crawl.log"
RUNS_DIR = "runs"


class CrawlState:
    """Seen-store and output of one crawl: a locked state directory, or Redis shared by workers."""

    def __init__(
        self,
        store: Any,
        directory: Path | None = None,
        lock: StateLock | None = None,
        refresh: bool = False,
        fsync: bool = True,
    ) -> None:
        self.store = store
        self.directory = directory
        self.lock = lock
        self.refresh = refresh
        self.fsync = fsync
        # Many writers (Redis): claim each article atomically before writing it.
        self.shared = hasattr(store, "claim")
        self.writer: LineWriter | None = None

    @classmethod
    def open_directory(cls, directory: Path, refresh: bool = False, fsync: bool = True) -> CrawlState:
        """Lock ``directory`` (raise StateLocked), open its seen-store and recover its outputs."""
        lock = acquire_lock(directory)  # first: nothing is touched unlocked
        store = SeenStore(directory / DB_NAME)
        recover_all(store)
        return cls(store, directory, lock, refresh, fsync)

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> CrawlState | None:
        """Return the crawler's state (created on first use), or None without a state dir or Redis.

        With REDIS_URL the seen-store is the crawl's Redis one (``newscrawl.distributed.store``).
        A locked directory ends the process with exit code 3 (``scrapy crawl`` has no other way
        to say it; ``python -m newscrawl crawl`` takes the lock before and never gets here).
        """
        if crawler in _STATES:
            return _STATES[crawler]
        settings = crawler.settings
        refresh = settings.getbool("NEWSCRAWL_REFRESH")
        fsync = settings.getbool("NEWSCRAWL_STATE_FSYNC", True)
        directory = settings.get("NEWSCRAWL_STATE_DIR")
        if settings.get("REDIS_URL"):
            from newscrawl.distributed.link import RedisLink
            from newscrawl.distributed.store import RedisSeenStore

            if directory:
                logger.warning("REDIS_URL is set: the seen-store is in Redis, NEWSCRAWL_STATE_DIR is ignored")
            link = RedisLink.for_crawler(crawler)
            assert link is not None
            state = cls(
                RedisSeenStore(link.client, link.keys, link.worker, link=link), refresh=refresh, fsync=fsync
            )
        elif directory:
            try:
                state = cls.open_directory(Path(directory), refresh, fsync)
            except StateLocked as exc:
                print(f"scrapy crawl: {exc}", file=sys.stderr, flush=True)
                os._exit(EXIT_LOCKED)
        else:
            return None
        _STATES[crawler] = state
        crawler.signals.connect(state.close, signal=signals.engine_stopped, weak=False)
        return state

    def open_output(self, path: Path, overwrite: bool = False) -> None:
        """Open the output file for appending, after repairing and recovering it."""
        path = path.resolve()
        if overwrite and path.exists():
            path.write_bytes(b"")
        recover_output(self.store, path)
        self.writer = LineWriter(path, fsync=self.fsync)

    def export(self, record: dict[str, Any], canonical: str, fingerprint: str) -> int:
        """Write the record's line, then mark it seen with the new output size; return its version.

        The order is the crash-safety guarantee: a kill before the commit leaves a whole line that
        ``recover_output`` marks on the next run; a kill before the write leaves nothing.
        """
        assert self.writer is not None, "open_output first"
        size = self.writer.append(record_line(record))
        urls = [record.get("url") or ""]
        when = record.get("fetched_at") or ""
        try:
            return self.store.mark_exported(canonical, fingerprint, urls, when, (str(self.writer.path), size))
        except StoreUnavailable:
            # Written, not yet recorded: exported all the same. The next start on this output
            # marks it (recover_output), like a kill between the two steps.
            logger.warning(
                "%s written to %s but not recorded in the seen-store", record.get("url"), self.writer.path
            )
            return 1

    def close(self) -> None:
        """Close the output and the store, and release the lock."""
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        self.store.close()
        if self.lock is not None:
            self.lock.release()


_STATES: weakref.WeakKeyDictionary[Crawler, CrawlState] = weakref.WeakKeyDictionary()


def _state_or_off(crawler: Crawler) -> CrawlState:
    state = CrawlState.for_crawler(crawler)
    if state is None:
        raise NotConfigured  # no message: Scrapy would log a warning on every crawl without state
    return state


class SeenMiddleware:
    """Downloader middleware: skip requests for pages already exported (not with --refresh).

    Only article URLs are in the store, so listing pages, sitemaps and feeds are always fetched.
    Skips are counted as ``newscrawl/skipped/seen``.
    """

    def __init__(self, crawler: Crawler, state: CrawlState) -> None:
        self.crawler = crawler
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Create the middleware, or raise NotConfigured without a state dir or with refresh."""
        state = _state_or_off(crawler)
        if state.refresh:
            raise NotConfigured  # NEWSCRAWL_REFRESH: every page is fetched again
        return cls(crawler, state)

    def process_request(self, request: Request, spider: Any = None) -> None:
        """Raise IgnoreRequest for a URL whose article was exported by an earlier run."""
        try:
            if request.meta.get(ALWAYS_FETCH) or not self.state.store.url_seen(request.url):
                return None
        except StoreUnavailable:
            return None  # fetched; the pipeline drops its item without exporting it

        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("newscrawl/skipped/seen")
        raise IgnoreRequest(f"already exported: {request.url}")


class StatePipeline:
    """Item pipeline (400): export each new article once, crash-safely, and remember it.

    An article exported by an earlier run (same canonical URL or same body) is dropped as
    ``seen_url`` / ``seen_body``; with refresh, a changed body is exported as a new version with
    ``modified`` set, an unchanged one dropped as ``unchanged``. The record line is written by this
    pipeline (not by FEEDS): write, fsync, then mark seen.
    """

    def __init__(self, crawler: Crawler, state: CrawlState) -> None:
        self.crawler = crawler
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Create the pipeline and open the output (NEWSCRAWL_STATE_OUTPUT, the -o file or the default)."""
        state = _state_or_off(crawler)
        output, overwrite = output_path(crawler, state.directory)
        state.open_output(output, overwrite)
        return cls(crawler, state)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Export the record if new (or changed with refresh); raise DropItem otherwise."""
        record = ItemAdapter(item).asdict()
        url = record.get("url") or ""
        canonical = record.get("canonical_url") or url
        fingerprint = body_fingerprint(record.get("body") or "")
        try:
            return self._export_new(record, url, canonical, fingerprint)
        except StoreUnavailable as exc:
            raise self._drop("store_unavailable", f"{url} ({exc})") from None

    def _export_new(self, record: dict[str, Any], url: str, canonical: str, fingerprint: str) -> Any:
        store = self.state.store
        if self.state.shared:  # other workers export too: decide in one atomic step
            claim = store.claim(canonical, fingerprint, self.state.refresh)
            if not claim.ok:
                if claim.reason == "seen_body":
                    store.mark_url(url, claim.owner)
                    raise self._drop("seen_body", f"{url} (same body as {claim.owner})")
                store.mark_url(url, canonical)
                # "busy": another worker is writing it this moment; it counts as seen.
                raise self._drop("unchanged" if self.state.refresh else "seen_url", url)
            if claim.version > 1:
                record["modified"] = record.get("modified") or record.get("fetched_at")
        else:
            known = store.article(canonical)
            if known is not None:
                if known.fingerprint == fingerprint or not self.state.refresh:
                    store.mark_url(url, canonical)
                    raise self._drop("unchanged" if self.state.refresh else "seen_url", url)
                record["modified"] = record.get("modified") or record.get("fetched_at")
            elif owner := store.body_owner(fingerprint):
                store.mark_url(url, owner)
                raise self._drop("seen_body", f"{url} (same body as {owner})")
        version = self.state.export(record, canonical, fingerprint)
        if version > 1 and self.crawler.stats is not None:
            self.crawler.stats.inc_value("newscrawl/exported/new_version")
        return record

    def _drop(self, reason: str, detail: str) -> DropItem:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawl/dropped/{reason}")
        return DropItem(f"{reason}: {detail}")


def output_path(crawler: Crawler, directory: Path | None) -> tuple[Path, bool]:
    """Return the output file and whether to overwrite it.

    NEWSCRAWL_STATE_OUTPUT first; else a local JSON Lines feed from ``-o``/``-O``, taken over from
    the feed exporter (whose buffered writes are not crash-safe); else ``DIR/articles.jsonl``
    (``articles.jsonl`` in the working directory for a Redis worker without a state directory).
    """
    if configured := crawler.settings.get("NEWSCRAWL_STATE_OUTPUT"):
        return Path(configured), False
    if taken := _take_over_feed(crawler):
        return taken
    return (directory or Path()) / DEFAULT_OUTPUT, False


def _take_over_feed(crawler: Crawler) -> tuple[Path, bool] | None:
    from scrapy.extensions.feedexport import FeedExporter

    extensions = getattr(crawler, "extensions", None)
    for ext in getattr(extensions, "middlewares", ()):
        if not isinstance(ext, FeedExporter):
            continue
        for uri, options in list(ext.feeds.items()):
            parts = urlsplit(uri)
            local = parts.scheme in ("", "file") or len(parts.scheme) == 1  # 1 letter: a drive
            if local and options.get("format") in ("jsonlines", "jsonl") and "%(" not in uri:
                del ext.feeds[uri]
                path = Path(url2pathname(parts.path)) if parts.scheme == "file" else Path(uri)
                return path, bool(options.get("overwrite"))
    return None


class StateExtension:
    """Extension: ``DIR/crawl.log`` and the run report ``DIR/runs/<start-time>.json``."""

    def __init__(self, crawler: Crawler, state: CrawlState) -> None:
        self.crawler = crawler
        self.state = state
        self.started = datetime.now(UTC)
        self.clock = time.monotonic()
        self.item_errors: list[str] = []
        assert state.directory is not None
        self.directory = state.directory
        self.log_handler = _add_log_file(state.directory / LOG_NAME)
        self.report_path: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Create the extension (taking the lock), or raise NotConfigured without a state dir."""
        state = _state_or_off(crawler)
        if state.directory is None:
            raise NotConfigured  # a Redis worker: its report goes to Redis (newscrawl.distributed)
        ext = cls(crawler, state)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def item_error(self, failure: Any, **_: Any) -> None:
        """Remember an exception raised by an item pipeline (it makes the run fail)."""
        self.item_errors.append(f"{type(failure.value).__name__}: {failure.value}")

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        """Write the run report and log its one-line summary."""
        stats = dict(self.crawler.stats.get_stats()) if self.crawler.stats else {}
        problem = report.failure(stats, reason, self.item_errors)
        exit_code = 1 if problem else 0
        run = report.run_report(
            stats,
            reason,
            exit_code,
            started=self.started,
            duration=time.monotonic() - self.clock,
            item_errors=self.item_errors,
            problem=problem,
            output=str(self.state.writer.path) if self.state.writer else None,
        )
        self.report_path = write_run_report(self.directory, self.started, run)
        if self.crawler.stats is not None:
            self.crawler.stats.set_value("newscrawl/run_report", str(self.report_path))
        logger.info("%s", report.one_line(run))

    def engine_stopped(self) -> None:
        """Stop writing to the log file."""
        logging.getLogger().removeHandler(self.log_handler)
        self.log_handler.close()


def write_run_report(directory: Path, started: datetime, run: dict[str, Any]) -> Path:
    """Write ``run`` to ``DIR/runs/<start-time>.json`` (a new name if taken); return the path."""
    runs = directory / RUNS_DIR
    runs.mkdir(parents=True, exist_ok=True)
    # Milliseconds keep names unique and in run order for ls; no colons (not valid everywhere).
    stamp = started.strftime("%Y-%m-%dT%H-%M-%S") + f".{started.microsecond // 1000:03d}Z"
    path, n = runs / f"{stamp}.json", 1
    while path.exists():
        n += 1
        path = runs / f"{stamp}{n}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)  # a report is whole or absent
    return path


def _add_log_file(path: Path) -> logging.Handler:
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return handler

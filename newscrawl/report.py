"""What a crawl tells its user: a live progress line (a Scrapy extension), the final summary,
and for recurring crawls the run report (``DIR/runs/<start-time>.json``) and its one-line summary.
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any, Self, TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

DROPPED_PREFIX = "newscrawl/dropped/"
FETCHED_PREFIX = "newscrawl/fetched/"
FAILED_PREFIX = "newscrawl/failed/"


def counts(stats: dict[str, Any]) -> dict[str, int]:
    """Return the headline numbers of a crawl from its stats: fetched, exported, dropped, errors."""
    return {
        "fetched": int(stats.get("response_received_count", 0)),
        "exported": int(stats.get("item_scraped_count", 0)),
        "dropped": int(stats.get("item_dropped_count", 0)),
        "errors": int(stats.get("log_count/ERROR", 0)),
    }


def _counts_under(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    """Return ``{name: count}`` of the ``<prefix><name>`` stats, largest first."""
    found = {k[len(prefix) :]: int(v) for k, v in stats.items() if k.startswith(prefix)}
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def failed_by_kind(stats: dict[str, Any]) -> dict[str, int]:
    """Return ``{kind: count}`` of requests that failed for good (``newscrawl/failed/<kind>``)."""
    return _counts_under(stats, FAILED_PREFIX)


def dropped_by_reason(stats: dict[str, Any]) -> dict[str, int]:
    """Return ``{reason: count}`` from the ``newscrawl/dropped/<reason>`` stats, largest first."""
    return _counts_under(stats, DROPPED_PREFIX)


# Stop reasons that mean "done": the crawl ran out of work or hit a limit we were given.
FINISHED_REASONS = {"finished", "closespider_pagecount", "closespider_timeout", "closespider_itemcount"}
SKIPPED_PREFIX = "newscrawl/skipped/"
# Exceptions that are decisions, not errors: requests skipped on purpose (robots.txt, seen, --since).
NOT_ERRORS = {"IgnoreRequest"}


def failure(stats: dict[str, Any], reason: str | None, item_errors: list[str]) -> str:
    """Return why the crawl counts as failed (exit code 1), or "" when it finished."""
    if reason is None:
        return "the crawl did not start (see the errors above)"
    if reason not in FINISHED_REASONS:
        return f"stopped early: {reason}"
    if spider_errors := stats.get("spider_exceptions/count", 0):
        return f"{spider_errors} exception(s) in spider callbacks"
    if item_errors:
        return f"{len(item_errors)} exception(s) in item pipelines, first: {item_errors[0]}"
    fetched = sum(v for k, v in stats.items() if k.startswith(FETCHED_PREFIX))
    if not fetched and not (stats.get("newscrawl/redis/worker") and not failed_by_kind(stats)):
        return "nothing could be fetched"  # (a Redis worker that found the queue empty did no harm)
    return ""


def errors_by_type(stats: dict[str, Any], item_errors: list[str]) -> dict[str, int]:
    """Return ``{kind: count}`` of errors: download exceptions, HTTP 4xx/5xx, spider and item errors."""
    errors: dict[str, int] = {}
    for key, value in stats.items():
        if key.startswith("downloader/exception_type_count/"):
            name = key.rsplit(".", 1)[-1]
            if name not in NOT_ERRORS:
                errors[f"download/{name}"] = errors.get(f"download/{name}", 0) + int(value)
        elif key.startswith("downloader/response_status_count/") and key.rsplit("/", 1)[-1] >= "400":
            errors[f"http/{key.rsplit('/', 1)[-1]}"] = int(value)
        elif key.startswith("spider_exceptions/") and key != "spider_exceptions/count":
            errors[f"spider/{key.split('/', 1)[1]}"] = int(value)
    for error in item_errors:
        name = f"item/{error.split(':', 1)[0]}"
        errors[name] = errors.get(name, 0) + 1
    return dict(sorted(errors.items()))


def run_report(
    stats: dict[str, Any],
    reason: str | None,
    exit_code: int,
    *,
    started: datetime,
    duration: float,
    item_errors: list[str],
    problem: str = "",
    output: str | None = None,
) -> dict[str, Any]:
    """Return the run report of a recurring crawl (written as ``DIR/runs/<start-time>.json``)."""
    skipped = {k[len(SKIPPED_PREFIX) :]: int(v) for k, v in stats.items() if k.startswith(SKIPPED_PREFIX)}
    return {
        "started": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration_seconds": round(duration, 3),
        "finish_reason": reason,
        "exit_code": exit_code,
        "problem": problem or None,
        "pages_fetched": int(stats.get("response_received_count", 0)),
        "articles_exported": int(stats.get("item_scraped_count", 0)),
        "new_versions": int(stats.get("newscrawl/exported/new_version", 0)),
        "skipped_seen": skipped.pop("seen", 0),
        "skipped_old": skipped.pop("old", 0),
        "skipped_other": skipped,
        "dropped": dropped_by_reason(stats),
        "errors": errors_by_type(stats, item_errors),
        "failed": failed_by_kind(stats),
        "failed_pages": list(stats.get("newscrawl/failures") or []),
        "too_large_decompressed": int(stats.get("newscrawl/too_large/decompressed", 0)),
        "retry_delays": int(stats.get("newscrawl/retry_delay/count", 0)),
        "output": output,
    }


def one_line(run: dict[str, Any]) -> str:
    """Return the one-line summary of a run report (for cron mail and the log)."""
    dropped = sum(run["dropped"].values())
    errors = sum(run["errors"].values())
    return (
        f"newscrawl: {run['finish_reason'] or 'did not run'} in {run['duration_seconds']:.1f} s, "
        f"exit {run['exit_code']}: fetched {run['pages_fetched']}, exported {run['articles_exported']}, "
        f"skipped {run['skipped_seen']} seen + {run['skipped_old']} old, dropped {dropped}, errors {errors}"
    )


def progress_line(stats: dict[str, Any]) -> str:
    """Return one progress line: pages fetched, articles exported, dropped, errors."""
    c = counts(stats)
    return (
        f"fetched {c['fetched']} · exported {c['exported']} · dropped {c['dropped']} · errors {c['errors']}"
    )


def summary(stats: dict[str, Any], reason: str | None, output: str) -> str:
    """Return the multi-line end-of-crawl summary."""
    c = counts(stats)
    fetched_kinds = {
        k[len(FETCHED_PREFIX) :]: int(v) for k, v in stats.items() if k.startswith(FETCHED_PREFIX)
    }
    kinds = ", ".join(f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in sorted(fetched_kinds.items()))
    dropped = ", ".join(f"{r} {n}" for r, n in dropped_by_reason(stats).items())
    duration = float(stats.get("elapsed_time_seconds", 0.0))
    lines = [
        f"crawl {reason or 'did not run'} in {duration:.1f} s",
        f"  fetched   {c['fetched']} responses" + (f" ({kinds})" if kinds else ""),
        f"  exported  {c['exported']} articles -> {output}",
        f"  dropped   {c['dropped']}" + (f" ({dropped})" if dropped else ""),
        f"  errors    {c['errors']}",
    ]
    if failed := failed_by_kind(stats):
        kinds_failed = ", ".join(f"{k} {n}" for k, n in failed.items())
        lines.append(f"  failed    {sum(failed.values())} pages ({kinds_failed})")
    return "\n".join(lines)


class Progress:
    """Extension: print the progress line on stderr every NEWSCRAWL_PROGRESS_INTERVAL seconds.

    On a terminal the line is rewritten in place; otherwise one plain line per update.
    Enabled by NEWSCRAWL_PROGRESS (``python -m newscrawl crawl`` sets it).
    """

    def __init__(self, crawler: Crawler, interval: float, stream: TextIO | None = None) -> None:
        self.crawler = crawler
        self.interval = interval
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Create the extension, or raise NotConfigured when NEWSCRAWL_PROGRESS is off."""
        if not crawler.settings.getbool("NEWSCRAWL_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler, crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL", 2.0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any = None) -> None:
        """Start printing."""
        self.loop = task.LoopingCall(self.print_line)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        """Stop printing, leaving a final line."""
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.print_line()
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def print_line(self) -> None:
        """Write the current progress line."""
        assert self.crawler.stats is not None
        line = progress_line(self.crawler.stats.get_stats())
        if self.tty:
            self.stream.write(f"\r\x1b[K{line}")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

"""What a crawl tells its user: a live progress line (a Scrapy extension) and the final summary."""

from __future__ import annotations

import sys
from typing import Any, Self, TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

DROPPED_PREFIX = "newscrawl/dropped/"
FETCHED_PREFIX = "newscrawl/fetched/"


def counts(stats: dict[str, Any]) -> dict[str, int]:
    """Return the headline numbers of a crawl from its stats: fetched, exported, dropped, errors."""
    return {
        "fetched": int(stats.get("response_received_count", 0)),
        "exported": int(stats.get("item_scraped_count", 0)),
        "dropped": int(stats.get("item_dropped_count", 0)),
        "errors": int(stats.get("log_count/ERROR", 0)),
    }


def dropped_by_reason(stats: dict[str, Any]) -> dict[str, int]:
    """Return ``{reason: count}`` from the ``newscrawl/dropped/<reason>`` stats, largest first."""
    reasons = {k[len(DROPPED_PREFIX) :]: int(v) for k, v in stats.items() if k.startswith(DROPPED_PREFIX)}
    return dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))


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

"""``python -m newscrawl crawl``: run the ``news`` spider in-process and append JSON Lines.

Exit codes: 0 finished (also when stopped by --max-pages/--max-time/--max-articles), 1 failed (an
error in project code, or nothing could be fetched), 2 bad arguments, 3 the --state directory is
in use by another crawl.

With ``--state DIR`` the run is a recurring one (``newscrawl.state``): only articles not exported
before are fetched and written, crash-safely, and a run report goes to ``DIR/runs/``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newscrawl.cli import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_USAGE
from newscrawl.report import failure


class ArgumentError(ValueError):
    """A crawl argument is invalid; the message is shown to the user (exit code 2)."""


@dataclass
class CrawlResult:
    """What a crawl run left behind: its stats, why it stopped and the exit code."""

    stats: dict[str, Any]
    reason: str | None
    output: Path
    exit_code: int
    problem: str = ""  # why the crawl failed, empty when it did not
    report: Path | None = None  # the run report, with --state


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``crawl`` subcommand to the CLI."""
    p = subparsers.add_parser(
        "crawl",
        help="crawl news sites and append article records to a JSON Lines file",
        description="Crawl from start URLs (following links on their hosts), sitemaps, feeds "
        "and URL files; append one JSON record per article to OUT.",
    )
    p.add_argument("urls", nargs="*", metavar="URL", help="start URL (http or https)")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.jsonl",
        help="JSON Lines file to append to (created if missing)",
    )
    p.add_argument(
        "--max-pages",
        type=_positive_int,
        metavar="N",
        help="stop after N responses (CLOSESPIDER_PAGECOUNT)",
    )
    p.add_argument(
        "--max-time",
        type=_positive_float,
        metavar="SECONDS",
        help="stop after SECONDS (CLOSESPIDER_TIMEOUT)",
    )
    p.add_argument(
        "--max-articles",
        type=_positive_int,
        metavar="N",
        help="stop after exporting N articles (CLOSESPIDER_ITEMCOUNT)",
    )
    p.add_argument(
        "--state",
        metavar="DIR",
        help="recurring crawl: remember exported articles in DIR and export only new ones "
        "(NEWSCRAWL_STATE_DIR); DIR also gets a lock, crawl.log and runs/<start-time>.json",
    )
    p.add_argument(
        "--refresh",
        action="store_true",
        help="with --state: fetch exported articles again and export changed ones as new versions",
    )
    p.add_argument(
        "--redis",
        metavar="URL",
        help="distributed crawl: share queue, dupefilter and seen-store with every worker using this "
        "Redis server (redis://HOST:PORT/DB, REDIS_URL); URLs are optional: without them the "
        "worker joins the running crawl",
    )
    p.add_argument(
        "--idle-exit",
        type=_positive_float,
        metavar="SECONDS",
        help="with --redis: exit once the crawl has had nothing queued or in flight for SECONDS "
        "(NEWSCRAWL_IDLE_EXIT, default 10)",
    )
    p.add_argument(
        "--since",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="skip sitemap/feed entries dated before this day, without fetching them",
    )
    p.add_argument(
        "--sitemap",
        action="append",
        default=[],
        metavar="URL",
        help="sitemap, sitemap index or site root (reads robots.txt); repeatable",
    )
    p.add_argument("--feed", action="append", default=[], metavar="URL", help="RSS or Atom feed; repeatable")
    p.add_argument(
        "--url-file",
        action="append",
        default=[],
        metavar="FILE",
        help="file with one URL per line (# comments); repeatable",
    )
    p.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        dest="settings",
        help="Scrapy setting, e.g. -s DOWNLOAD_DELAY=2; repeatable",
    )
    p.add_argument("--user-agent", metavar="UA", help="User-Agent header (USER_AGENT)")
    p.set_defaults(func=run_command)
    return p


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer: {text}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number: {text}")
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def spider_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """Return the ``news`` spider's arguments for the CLI arguments; raise ArgumentError."""
    from spiders.sources import SourceError, check_url, read_url_file

    try:
        urls = [check_url(u) for u in args.urls]
        for path in args.url_file:
            urls += [check_url(u) for u in read_url_file(path)]
        sitemaps = [check_url(u) for u in args.sitemap]
        feeds = [check_url(u) for u in args.feed]
    except SourceError as exc:
        raise ArgumentError(str(exc)) from exc
    join = bool(getattr(args, "redis", None))
    if not (urls or sitemaps or feeds or join):
        raise ArgumentError(
            "nothing to crawl: give a URL, --sitemap, --feed or --url-file (or --redis to join)"
        )
    return {"urls": urls, "sitemaps": sitemaps, "feeds": feeds, "join": join}


def setting_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """Return the Scrapy settings the CLI arguments ask for; raise ArgumentError."""
    overrides: dict[str, Any] = {}
    for pair in args.settings:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ArgumentError(f"-s expects NAME=VALUE, got {pair!r}")
        overrides[name.strip()] = value
    if args.max_pages:
        overrides["CLOSESPIDER_PAGECOUNT"] = args.max_pages
    if args.max_time:
        overrides["CLOSESPIDER_TIMEOUT"] = args.max_time
    if args.max_articles:
        overrides["CLOSESPIDER_ITEMCOUNT"] = args.max_articles
    if args.user_agent:
        overrides["USER_AGENT"] = args.user_agent
    if args.since:
        overrides["NEWSCRAWL_SINCE"] = args.since.isoformat()
    if args.refresh and not (args.state or args.redis):
        raise ArgumentError("--refresh needs --state DIR or --redis URL")
    if args.idle_exit and not args.redis:
        raise ArgumentError("--idle-exit needs --redis URL")
    if args.redis:
        from newscrawl.distributed.link import RedisUrlError, check_redis_url

        if args.state:
            raise ArgumentError("--state and --redis: with --redis the seen-store lives in Redis")
        try:
            overrides["REDIS_URL"] = check_redis_url(args.redis)
        except RedisUrlError as exc:
            raise ArgumentError(str(exc)) from None
        overrides["NEWSCRAWL_REFRESH"] = bool(args.refresh)
        if args.idle_exit:
            overrides["NEWSCRAWL_IDLE_EXIT"] = args.idle_exit
    if args.state:
        if Path(args.state).exists() and not Path(args.state).is_dir():
            raise ArgumentError(f"--state is not a directory: {args.state}")
        overrides["NEWSCRAWL_STATE_DIR"] = args.state
        overrides["NEWSCRAWL_REFRESH"] = bool(args.refresh)
    return overrides


def check_output(path: str) -> Path:
    """Return the output path if it can be a file we append to; raise ArgumentError."""
    out = Path(path)
    if out.is_dir():
        raise ArgumentError(f"output is a directory: {path}")
    return out


def run_command(args: argparse.Namespace) -> int:
    """Run ``crawl`` from parsed arguments; print the summary; return the exit code."""
    try:
        spider_args = spider_arguments(args)
        overrides = setting_overrides(args)
        output = check_output(args.output)
    except ArgumentError as exc:
        print(f"python -m newscrawl crawl: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.redis and (problem := redis_problem(args.redis)):
        print(f"python -m newscrawl crawl: {problem}", file=sys.stderr)
        return EXIT_FAILED
    lock = None
    if args.state:
        from newscrawl.state import StateLocked, acquire_lock

        try:
            lock = acquire_lock(args.state)  # before anything else: a second run leaves at once
        except StateLocked as exc:
            print(f"python -m newscrawl crawl: {exc}", file=sys.stderr)
            return EXIT_LOCKED
    try:
        result = run_crawl(spider_args, output, overrides)
    finally:
        if lock is not None:
            lock.release()
    print_summary(result)
    return result.exit_code


def redis_problem(url: str) -> str:
    """Return why the Redis server at ``url`` cannot be used (after a few retries), or ""."""
    from newscrawl.distributed.link import REDIS_ERRORS, connect, safe_url

    try:
        connect(url, retries=3).ping()
    except REDIS_ERRORS as exc:
        return f"cannot reach Redis at {safe_url(url)}: {exc}"
    except Exception as exc:  # authentication, wrong protocol…
        return f"cannot use Redis at {safe_url(url)}: {type(exc).__name__}: {exc}"
    return ""


def print_summary(result: CrawlResult) -> None:
    """Print the crawl summary on stdout (one line with --state) and, on failure, the reason."""
    from newscrawl.report import one_line, summary

    if result.report is not None:
        import json

        print(one_line(json.loads(result.report.read_text(encoding="utf-8"))))
    else:
        print(summary(result.stats, result.reason, str(result.output)))
    if worker := result.stats.get("newscrawl/redis/worker"):
        print(f"  worker    {worker}")
        if totals := result.stats.get("newscrawl/redis/crawl_totals"):
            per = ", ".join(f"{w} {n}" for w, n in totals["per_worker"].items())
            print(
                f"  crawl     complete: {totals['workers']} worker(s) fetched {totals['fetched']}, "
                f"exported {totals['exported']} ({per})"
            )
    if result.problem:
        print(f"crawl failed: {result.problem}", file=sys.stderr)


def crawl_settings(output: Path, overrides: dict[str, Any], overwrite: bool = False) -> Any:
    """Return the project settings for an in-process crawl exporting to ``output``."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.set("LOG_LEVEL", "WARNING", priority="project")
    settings.set("NEWSCRAWL_PROGRESS", True, priority="project")
    if overrides.get("NEWSCRAWL_STATE_DIR") or overrides.get("REDIS_URL"):
        # The state pipeline writes the records itself, one fsync'ed line before marking it seen.
        settings.set("NEWSCRAWL_STATE_OUTPUT", str(output.resolve()), priority="project")
    else:
        feed = {"format": "jsonlines", "encoding": "utf-8", "overwrite": overwrite}
        settings.set("FEEDS", {str(output.resolve()): feed}, priority="project")
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(
    spider_args: dict[str, Any],
    output: Path,
    overrides: dict[str, Any] | None = None,
    overwrite: bool = False,
) -> CrawlResult:
    """Run the ``news`` spider in this process (blocking) and return what happened.

    Records are appended to ``output`` unless ``overwrite`` is true. Runs once per process
    (Twisted's reactor cannot be restarted).
    """
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from spiders.news import NewsSpider

    output.parent.mkdir(parents=True, exist_ok=True)
    process = CrawlerProcess(crawl_settings(output, overrides or {}, overwrite))
    crawler = process.create_crawler(NewsSpider)
    item_errors: list[str] = []

    def on_item_error(failure: Any, **_: Any) -> None:
        item_errors.append(str(failure.value))

    crawler.signals.connect(on_item_error, signal=signals.item_error, weak=False)
    process.crawl(crawler, **spider_args)
    process.start()
    stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
    reason = stats.get("finish_reason")
    problem = failure(stats, reason, item_errors)
    report = Path(stats["newscrawl/run_report"]) if stats.get("newscrawl/run_report") else None
    return CrawlResult(stats, reason, output, EXIT_FAILED if problem else EXIT_OK, problem, report)

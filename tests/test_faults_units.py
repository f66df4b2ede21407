"""Table-driven tests for Retry-After parsing, retry delays and failure kinds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy import Request
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler

from newscrawl.middlewares import ResponseTooLarge, RetryDelayMiddleware, retry_after_seconds
from spiders.failures import failure_kind

NOW = datetime(2024, 5, 1, 10, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (b"120", 120.0),
        (" 3 ", 3.0),
        ("Wed, 01 May 2024 10:00:30 GMT", 30.0),
        ("Wed, 01 May 2024 09:00:00 GMT", 0.0),  # in the past: no wait
        ("soon", None),
        ("-5", None),
        (None, None),
        (b"", None),
    ],
)
def test_retry_after_seconds(value: bytes | str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds


def middleware() -> RetryDelayMiddleware:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_RETRY_BACKOFF": 0.5, "NEWSCRAWL_RETRY_AFTER_MAX": 10})
    return RetryDelayMiddleware.from_crawler(crawler)


@pytest.mark.parametrize(
    ("status", "headers", "retries", "delay"),
    [
        (503, {}, 0, 0.5),  # backoff: 0.5 s, then 1 s
        (503, {}, 1, 1.0),
        (503, {}, 2, 0.0),  # RETRY_TIMES=2 used up: no retry, no wait
        (429, {"Retry-After": "3"}, 0, 3.0),
        (429, {"Retry-After": "3600"}, 0, 10.0),  # capped by NEWSCRAWL_RETRY_AFTER_MAX
        (404, {"Retry-After": "3"}, 0, 0.0),  # not retried
        (200, {}, 0, 0.0),
    ],
)
def test_retry_delay(status: int, headers: dict[str, str], retries: int, delay: float) -> None:
    request = Request("http://127.0.0.1/a", meta={"retry_times": retries})
    response = Response(request.url, status=status, headers=headers, request=request)
    assert middleware().delay(request, response) == delay


def test_failure_kinds() -> None:
    request = Request("http://127.0.0.1/a")
    assert failure_kind(HttpError(Response(request.url, status=503), "x")) == "http_503"
    assert failure_kind(DownloadTimeoutError("slow")) == "timeout"
    assert failure_kind(ResponseTooLarge("bomb")) == "too_large"
    assert failure_kind(IgnoreRequest("max redirections reached")) == "redirect_limit"
    assert failure_kind(IgnoreRequest("Forbidden by robots.txt")) is None  # a decision
    assert failure_kind(ValueError("odd")) == "ValueError"


def test_summary_and_run_report_list_failures() -> None:
    from newscrawl.report import run_report, summary

    failures = [{"url": "http://127.0.0.1/a", "kind": "timeout", "error": "slow"}]
    stats = {"newscrawl/failed/timeout": 2, "newscrawl/failed/too_large": 1, "newscrawl/failures": failures}
    assert "  failed    3 pages (timeout 2, too_large 1)" in summary(stats, "finished", "out.jsonl")
    run = run_report(stats, "finished", 0, started=NOW, duration=1.0, item_errors=[])
    assert run["failed"] == {"timeout": 2, "too_large": 1}
    assert run["failed_pages"] == failures

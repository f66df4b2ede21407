"""What went wrong with a request that failed for good: a short kind for stats and the run report.

Requests skipped on purpose (robots.txt, off-site, seen, ``--since``) are decisions, not failures.
"""

from __future__ import annotations

from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as net
from twisted.web.client import ResponseFailed, ResponseNeverReceived

from newscrawl.middlewares import ResponseTooLarge

# Most failed pages listed in the run report (every failure is counted in the stats regardless).
MAX_LISTED = 500

# (exception classes, kind), first match wins.
KINDS: list[tuple[tuple[type[BaseException], ...], str]] = [
    ((ResponseTooLarge, DownloadCancelledError, defer.CancelledError), "too_large"),
    ((DownloadTimeoutError, net.TimeoutError, defer.TimeoutError), "timeout"),
    ((net.ConnectionRefusedError, net.ConnectError), "connection_refused"),
    (
        (DownloadFailedError, ResponseFailed, ResponseNeverReceived, net.ConnectionLost, net.ConnectionDone),
        "connection_lost",
    ),
    ((net.DNSLookupError,), "dns"),
]


def failure_kind(exc: BaseException) -> str | None:
    """Return the kind of a final request failure (``http_503``, ``timeout``…), None for a skip."""
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    for classes, kind in KINDS:
        if isinstance(exc, classes):
            return kind
    if isinstance(exc, IgnoreRequest):
        return "redirect_limit" if "max redirections" in str(exc) else None
    return type(exc).__name__

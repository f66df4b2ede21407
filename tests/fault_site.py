"""A fault-injecting HTTP server on 127.0.0.1 for the hostile-server tests.

``serve_faults(pages, faults)`` serves ``pages`` like ``newscrawl.demo.server.serve_site`` and, for
the paths in ``faults``, misbehaves: 5xx then success, 429 with Retry-After, stalls, drip-fed
bytes, connection resets, redirect chains and loops, oversized and endless bodies, a gzip bomb.
Every request is logged with its time and Host header.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HTML = "text/html; charset=utf-8"
Pages = dict[str, tuple[str, bytes]]


@dataclass
class Hit:
    """One request the server received."""

    path: str
    host: str
    at: float


@dataclass
class FaultSite:
    """A served fault site: base URL, pages, faults (path -> fault name) and the request log."""

    base_url: str
    pages: Pages
    faults: dict[str, str]
    requests: list[Hit] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        """Return the absolute URL of ``path`` on this site."""
        return self.base_url + path

    def hits(self, path: str) -> list[Hit]:
        """Return the requests for ``path``."""
        return [h for h in list(self.requests) if h.path == path]

    def paths(self) -> list[str]:
        """Return every requested path, in order."""
        return [h.path for h in list(self.requests)]


def deflate_bomb(gigabytes: int = 1, wbits: int = 31) -> bytes:
    """Return ~1 MB of gzip (wbits 31) or zlib (15) that inflates to ``gigabytes`` GiB of zeros.

    After a full flush deflate restarts from an empty window, so one compressed MiB of zeros can
    be repeated: building it costs milliseconds, not the seconds of compressing a GiB. The stream
    has no trailer: a client that inflates it all fails at the end, after the damage.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, wbits)
    mib = b"\0" * (1 << 20)
    head = comp.compress(mib) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(mib) + comp.flush(zlib.Z_FULL_FLUSH)
    return head + block * (1024 * gigabytes - 1)


def brotli_bomb(mebibytes: int = 256) -> bytes:
    """Return a few hundred bytes of brotli that inflate to ``mebibytes`` MiB of zeros."""
    import brotli

    return bytes(brotli.compress(b"\0" * (mebibytes << 20), quality=5))


def _handler(site: FaultSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "newscrawl-faults"
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            site.requests.append(Hit(self.path, self.headers.get("Host", ""), time.monotonic()))
            fault = site.faults.get(self.path)
            try:
                if fault is None:
                    page = site.pages.get(self.path)
                    self._send(200, *page) if page else self._send(404, HTML, b"<h1>404</h1>")
                else:
                    FAULTS[fault.split(":", 1)[0]](self, fault.partition(":")[2])
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler gave up on us: that is the point

        def _send(self, status: int, ctype: str, body: bytes, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def page_body(self) -> tuple[str, bytes]:
            """The page registered at this path (served after the fault clears), or a stub."""
            return site.pages.get(self.path, (HTML, b"<h1>ok</h1>"))

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    return Handler


def _count(handler: BaseHTTPRequestHandler) -> int:
    return sum(1 for h in list(handler.server.site.requests) if h.path == handler.path)  # type: ignore[attr-defined]


def _fail_then_ok(h: Any, arg: str) -> None:
    """``fail_then_ok:503``: the first request gets the status, later ones the page."""
    if _count(h) <= 1:
        h._send(int(arg or 503), HTML, b"<h1>try again</h1>")
    else:
        h._send(200, *h.page_body())


def _retry_after(h: Any, arg: str) -> None:
    """``retry_after:N``: 429 with ``Retry-After: N`` first, then the page."""
    if _count(h) <= 1:
        h._send(429, HTML, b"<h1>slow down</h1>", Retry_After=arg or "2")
    else:
        h._send(200, *h.page_body())


def _always(h: Any, arg: str) -> None:
    """``always:500``: this status on every request."""
    h._send(int(arg), HTML, b"<h1>broken</h1>")


def _stall(h: Any, arg: str) -> None:
    """``stall``: send the headers, then nothing until the client or the server gives up."""
    h.send_response(200)
    h.send_header("Content-Type", HTML)
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.wfile.flush()
    h.server.site.stop.wait(float(arg or 60))


def _drip(h: Any, arg: str) -> None:
    """``drip``: a 100 kB page, one byte every 0.2 s."""
    h.send_response(200)
    h.send_header("Content-Type", HTML)
    h.send_header("Content-Length", "100000")
    h.end_headers()
    for _ in range(100000):
        h.wfile.write(b"x")
        h.wfile.flush()
        if h.server.site.stop.wait(0.2):
            return


def _reset(h: Any, arg: str) -> None:
    """``reset``: close the connection with a TCP RST before answering."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()


def _redirect(h: Any, arg: str) -> None:
    """``redirect:TARGET``: 302 to TARGET (a path or an absolute URL)."""
    h._send(302, HTML, b"", Location=arg)


def _big(h: Any, arg: str) -> None:
    """``big:MiB``: a page of that many MiB with a Content-Length."""
    size = int(arg) << 20
    h.send_response(200)
    h.send_header("Content-Type", HTML)
    h.send_header("Content-Length", str(size))
    h.end_headers()
    chunk = b"<p>" + b"a" * 65530 + b"</p>\n"
    for _ in range(size // len(chunk)):
        h.wfile.write(chunk)


def _endless(h: Any, arg: str) -> None:
    """``endless``: a body without Content-Length that never ends (until the client hangs up)."""
    h.send_response(200)
    h.send_header("Content-Type", HTML)
    h.end_headers()
    chunk = b"<p>" + b"b" * 65530 + b"</p>\n"
    while not h.server.site.stop.is_set():
        h.wfile.write(chunk)


def _chunked(h: Any, arg: str) -> None:
    """``chunked``: an HTTP/1.1 chunked body that never ends (until the client hangs up)."""
    h.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"<p>" + b"c" * 65530 + b"</p>\n"
    frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
    while not h.server.site.stop.is_set():
        h.wfile.write(frame)


_BOMBS: dict[str, bytes] = {}
_BOMB_MAKERS = {"gzip": deflate_bomb, "deflate": lambda: deflate_bomb(wbits=15), "br": brotli_bomb}


def _bomb(h: Any, arg: str) -> None:
    """``bomb:gzip|deflate|br``: a small compressed HTML page that inflates to 1 GiB (br: 256 MiB)."""
    if arg not in _BOMBS:
        _BOMBS[arg] = _BOMB_MAKERS[arg]()
    h._send(200, HTML, _BOMBS[arg], Content_Encoding=arg)


FAULTS: dict[str, Callable[..., None]] = {
    "fail_then_ok": _fail_then_ok,
    "retry_after": _retry_after,
    "always": _always,
    "stall": _stall,
    "drip": _drip,
    "reset": _reset,
    "redirect": _redirect,
    "big": _big,
    "endless": _endless,
    "chunked": _chunked,
    "bomb": _bomb,
}


@contextmanager
def serve_faults(pages: Pages | None = None, faults: dict[str, str] | None = None) -> Iterator[FaultSite]:
    """Serve ``pages`` with ``faults`` on a free port of 127.0.0.1 in a thread; yield the site."""
    site = FaultSite("", pages if pages is not None else {}, faults if faults is not None else {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    server.site = site  # type: ignore[attr-defined]
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="fault-site", daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

"""A real HTTP server on 127.0.0.1 serving a dict of pages, for the demo and the tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

Pages = MutableMapping[str, tuple[str, bytes]]  # path -> (content type, body)


@dataclass
class Hit:
    """One request the server received."""

    path: str
    user_agent: str


@dataclass
class LocalSite:
    """A site being served: its base URL (no trailing slash), its pages and the request log."""

    base_url: str
    pages: Pages
    requests: list[Hit] = field(default_factory=list)

    def url(self, path: str) -> str:
        """Return the absolute URL of ``path`` on this site."""
        return self.base_url + path

    def requested_paths(self) -> list[str]:
        """Return the paths requested so far, in order."""
        return [hit.path for hit in list(self.requests)]


def _handler(site: LocalSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "newscrawl-demo"
        wbufsize = -1  # buffer headers and body together
        # Keep-alive, like real sites: with a new connection per request (HTTP/1.0) crawls of this
        # server were intermittently 5x slower, an artefact of connection setup on loopback.
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._respond(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(send_body=False)

        def _respond(self, send_body: bool) -> None:
            site.requests.append(Hit(self.path, self.headers.get("User-Agent", "")))
            path = unquote(urlsplit(self.path).path)
            page = site.pages.get(self.path) or site.pages.get(path)
            status, (ctype, body) = (200, page) if page else (404, _NOT_FOUND)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()  # buffered with the body: one write, no Nagle delay
            if send_body:
                self.wfile.write(body)
            self.wfile.flush()

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    return Handler


_NOT_FOUND = ("text/html; charset=utf-8", b"<!doctype html><title>Not found</title><h1>404</h1>")


@contextmanager
def serve_site(pages: Pages | None = None, host: str = "127.0.0.1") -> Iterator[LocalSite]:
    """Serve ``pages`` on a free port of ``host`` (a loopback address) in a thread; yield the LocalSite.

    ``pages`` is read on every request, so it may be filled once the base URL is known.
    """
    site = LocalSite(base_url="", pages=pages if pages is not None else {})
    server = ThreadingHTTPServer((host, 0), _handler(site))
    server.daemon_threads = True
    site.base_url = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="newscrawl-site", daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

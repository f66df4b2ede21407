"""``python -m newscrawl extract PATH ... [--url URL]``: saved HTML files to JSON Lines on stdout."""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from newscrawl import extract_article

_PROGRESS_SECONDS = 2.0  # progress line on a terminal's stderr, this often
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``extract`` subcommand."""
    p = sub.add_parser(
        "extract",
        help="extract records from saved HTML files (offline)",
        description="Extract article records from saved pages and write JSON Lines to stdout. "
        "PATH is an .html/.htm/.html.gz file, a directory (searched recursively) or - for stdin.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--url", help="URL the page was fetched from (resolves relative links)")
    p.set_defaults(func=run)


def _files(paths: list[str]) -> Iterator[Path | None]:
    """Yield the files to read in a stable order; None stands for stdin."""
    for raw in paths:
        if raw == "-":
            yield None
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                f for f in path.rglob("*") if f.is_file() and f.name.lower().endswith(HTML_SUFFIXES)
            )
        else:
            yield path


def _read(path: Path | None) -> bytes:
    if path is None:
        return sys.stdin.buffer.read()
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.lower().endswith(".gz") else data


def run(args: argparse.Namespace) -> int:
    """Extract every page given; exit 0 when all were read, 1 when any failed, 2 if none exists."""
    missing = [p for p in args.paths if p != "-" and not Path(p).exists()]
    if missing:
        print(f"newscrawl extract: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.url and len(args.paths) > 1:
        print("newscrawl extract: --url applies to a single PATH", file=sys.stderr)
        return 2
    failures = written = 0
    out = sys.stdout.buffer  # records are UTF-8 whatever the locale says
    show_progress = sys.stderr.isatty()
    last_report = time.monotonic()
    for path in _files(args.paths):
        if show_progress and time.monotonic() - last_report >= _PROGRESS_SECONDS:
            print(f"\rnewscrawl extract: {written} records ...", end="", file=sys.stderr, flush=True)
            last_report = time.monotonic()
        name = "<stdin>" if path is None else str(path)
        try:
            data = _read(path)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            print(f"newscrawl extract: cannot read {name}: {exc}", file=sys.stderr)
            failures += 1
            continue
        url = args.url or (path.resolve().as_uri() if path is not None else None)
        record = extract_article(data, url).to_dict()
        out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        written += 1
    out.flush()
    if show_progress:
        print("\r", end="", file=sys.stderr)
    print(f"newscrawl extract: {written} records, {failures} unreadable", file=sys.stderr)
    return 1 if failures else 0

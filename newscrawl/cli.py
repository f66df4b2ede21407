"""Command line: ``python -m newscrawl extract|crawl|demo``.

Exit codes: 0 finished, 1 failed, 2 bad arguments, 3 the crawl's state directory is locked.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m newscrawl",
        description="Crawl news sites and extract clean article records as JSON Lines.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from newscrawl import extract_cli

    extract_cli.add_parser(sub)

    from newscrawl import crawl

    crawl.add_parser(sub)

    from newscrawl import demo

    demo.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run the chosen command; return the process exit code."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad arguments, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_FAILED

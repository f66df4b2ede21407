"""``python -m newscrawl demo``: serve the bundled demo news site on 127.0.0.1 and crawl it.

The site is built from the golden fixture pages (``tests/fixtures/index.json``) plus generated
home, pagination, section, tag and author pages, sitemaps, an RSS feed and robots.txt.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newscrawl.demo.fixtures import FIXTURES_DIR, Fixture, load_fixtures
from newscrawl.demo.server import LocalSite, serve_site
from newscrawl.demo.site import build_site, listing_paths

# The demo site is ours and local: no need to throttle.
DEMO_SETTINGS = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0}


@contextmanager
def serve_demo_site(
    fixtures_dir: Path = FIXTURES_DIR, fixtures: list[Fixture] | None = None
) -> Iterator[LocalSite]:
    """Serve the demo site on a free port of 127.0.0.1; yield it (``site.base_url``...)."""
    fixtures = load_fixtures(fixtures_dir) if fixtures is None else fixtures
    pages: dict[str, tuple[str, bytes]] = {}
    with serve_site(pages) as site:
        pages.update(build_site(site.base_url, fixtures))
        yield site


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``demo`` subcommand to the CLI."""
    p = subparsers.add_parser(
        "demo",
        help="serve the bundled demo news site on 127.0.0.1 and crawl it",
        description="Serve the demo news site locally, crawl it with the news spider and "
        "write the article records as JSON Lines (the file is replaced on each run).",
    )
    p.add_argument(
        "-o",
        "--output",
        default="out/demo.jsonl",
        metavar="OUT.jsonl",
        help="where to write the records (default: out/demo.jsonl)",
    )
    p.add_argument(
        "--fixtures",
        type=Path,
        default=FIXTURES_DIR,
        metavar="DIR",
        help="directory with index.json and the fixture pages",
    )
    p.set_defaults(func=run_command)
    return p


def classification_report(output: Path, site: LocalSite, fixtures: list[Fixture]) -> str:
    """Return how the exported URLs compare with the site's known articles and listings."""
    exported = set()
    for line in output.read_text(encoding="utf-8").splitlines() if output.exists() else []:
        if line.strip():
            exported.add(json.loads(line).get("url"))
    articles = {site.url(f.url_path) for f in fixtures}
    listings = {site.url(p) for p in listing_paths(site.pages, fixtures)}  # type: ignore[arg-type]
    hits = len(exported & articles)
    precision = hits / len(exported) if exported else 0.0
    recall = hits / len(articles) if articles else 0.0
    return (
        f"  demo site: {hits}/{len(articles)} articles exported, "
        f"{len(exported & listings)}/{len(listings)} other pages exported "
        f"(precision {precision:.2f}, recall {recall:.2f})"
    )


def run_command(args: argparse.Namespace) -> int:
    """Serve the demo site, crawl it through the ``crawl`` code path, print the summary."""
    from newscrawl.cli import EXIT_USAGE
    from newscrawl.crawl import print_summary, run_crawl

    try:
        fixtures = load_fixtures(args.fixtures)
    except (OSError, ValueError, KeyError) as exc:
        print(f"python -m newscrawl demo: error: cannot load fixtures: {exc}", file=sys.stderr)
        return EXIT_USAGE
    output = Path(args.output)
    with serve_demo_site(fixtures=fixtures) as site:
        print(f"demo site: {site.base_url}/ ({len(fixtures)} articles, {len(site.pages)} pages)")
        result = run_crawl({"urls": [site.url("/")]}, output, DEMO_SETTINGS, overwrite=True)
    print_summary(result)
    print(classification_report(output, site, fixtures))
    print(f"records: {output}")
    return result.exit_code

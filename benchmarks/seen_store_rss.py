"""Memory of the seen-store: RSS after 2,000 vs 20,000 seen URLs, each in a fresh process.

    .venv/bin/python -m benchmarks.seen_store_rss [--counts 2000 20000]

Each child opens a new store, marks N article URLs exported (one transaction each, as the crawl
does), looks every one up, and reports its resident set size. Flat memory means the store lives
on disk: SQLite's page cache is bounded (``cache_size``, about 2 MiB by default).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rss_kib() -> int:
    """Return this process's current resident set size in KiB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def child(count: int, directory: Path) -> dict[str, float]:
    """Fill a fresh store with ``count`` URLs, look them all up; return the measurements."""
    from newscrawl.state import SeenStore

    store = SeenStore(directory / "seen.sqlite3")
    before = rss_kib()
    t = time.perf_counter()
    for n in range(count):
        url = f"https://news.example.org/2024/05/{n % 28 + 1:02d}/story-{n}-{'x' * 40}/"
        store.mark_exported(url, f"{n:040x}", [url + "?utm_source=feed"], "2024-05-01T00:00:00Z")
    insert = time.perf_counter() - t
    t = time.perf_counter()
    hits = sum(
        store.url_seen(f"https://news.example.org/2024/05/{n % 28 + 1:02d}/story-{n}-{'x' * 40}/")
        for n in range(count)
    )
    lookup = time.perf_counter() - t
    assert hits == count
    after = rss_kib()
    store.close()
    return {
        "urls": count,
        "rss_before_kib": before,
        "rss_after_kib": after,
        "db_kib": sum(p.stat().st_size for p in directory.iterdir()) // 1024,
        "inserts_per_s": count / insert,
        "lookups_per_s": count / lookup,
    }


def measure(count: int) -> dict[str, float]:
    """Run ``child(count)`` in a fresh interpreter and return its measurements."""
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.seen_store_rss", "--child", str(count), "--dir", tmp],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    return json.loads(proc.stdout)


def main() -> None:
    """Print the RSS figures for each count side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.dir)))
        return
    results = [measure(c) for c in args.counts]
    rows = [
        ("seen URLs", "urls", "{:,.0f}"),
        ("RSS after opening the store (MiB)", "rss_before_kib", "{:.1f}"),
        ("RSS after insert + lookup (MiB)", "rss_after_kib", "{:.1f}"),
        ("growth while filling (MiB)", "growth", "{:.1f}"),
        ("store on disk (MiB)", "db_kib", "{:.1f}"),
        ("inserts/s (one commit each)", "inserts_per_s", "{:,.0f}"),
        ("lookups/s", "lookups_per_s", "{:,.0f}"),
    ]
    for r in results:
        r["growth"] = r["rss_after_kib"] - r["rss_before_kib"]
    mib = {"rss_before_kib", "rss_after_kib", "growth", "db_kib"}
    print(f"{'':36}" + "".join(f"{c:>14,}" for c in args.counts))
    for label, key, fmt in rows[1:]:
        values = [r[key] / 1024 if key in mib else r[key] for r in results]
        print(f"{label:36}" + "".join(f"{fmt.format(v):>14}" for v in values))


if __name__ == "__main__":
    main()

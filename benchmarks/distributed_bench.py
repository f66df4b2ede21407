"""Pages per second of a distributed crawl with 1 and 2 workers (and without Redis), one run.

    .venv/bin/python -m benchmarks.distributed_bench [--articles N] [--idle-exit S] [--json OUT]

A generated news site of N articles (home page listing all, sitemap) is served on 127.0.0.1 by a
separate process; a real ``redis-server`` runs on a free loopback port. Each configuration crawls
the whole site from its home page with the real CLI (``python -m newscrawl crawl``), with
AutoThrottle off and no download delay:

- ``local``: one process without Redis (the single-machine crawl);
- ``redis x1``: one worker with ``--redis``;
- ``redis x2``: two workers with ``--redis`` started together (the second without URLs).

The time is wall time from the first start to the last exit, minus the idle-exit wait of the
Redis workers; pages/s counts every response (articles, home page, robots.txt). Each worker's
share of the exported articles is printed too. Both workers share this machine's cores with the
site server and Redis, so the 2-worker figure shows the overhead and the split, not what two
machines would do.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import redis

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=ERROR"]

_SERVER = """
import sys, time
sys.path.insert(0, {root!r})
from newscrawl.demo.server import serve_site
from tests.state_site import build_site
pages = {{}}
with serve_site(pages) as site:
    build_site(pages, site.base_url, list(range({n})))
    print(site.base_url, flush=True)
    sys.stdin.read()
"""


def crawl(args: list[str]) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "newscrawl", "crawl", *args, *FAST]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def lines(path: Path) -> int:
    return len(path.read_bytes().splitlines()) if path.exists() else 0


def fetched(stdout: str) -> int:
    for line in stdout.splitlines():
        if line.strip().startswith("fetched"):
            return int(line.split()[1])
    return 0


def run_config(
    name: str, base: str, workers: int, redis_url: str | None, idle: float, tmp: Path
) -> dict[str, Any]:
    outs = [tmp / f"{name.replace(' ', '_')}-{i}.jsonl" for i in range(workers)]
    began = time.monotonic()
    procs = []
    for i, out in enumerate(outs):
        args = ([base + "/"] if i == 0 else []) + ["-o", str(out)]
        if redis_url:
            args += ["--redis", redis_url, "--idle-exit", str(idle)]
        procs.append(crawl(args))
    results = [p.communicate() for p in procs]
    wall = time.monotonic() - began - (idle if redis_url else 0.0)
    codes = [p.returncode for p in procs]
    if any(codes):
        raise SystemExit(f"{name}: exit codes {codes}\n" + "\n".join(err[-1500:] for _, err in results))
    pages = sum(fetched(out) for out, _ in results)
    exported = [lines(o) for o in outs]
    return {
        "config": name,
        "workers": workers,
        "seconds": round(wall, 2),
        "pages": pages,
        "pages_per_second": round(pages / wall, 1),
        "exported": sum(exported),
        "per_worker": exported,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--idle-exit", type=float, default=1.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from tests.redis_server import redis_server

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        server = subprocess.Popen(
            [sys.executable, "-c", _SERVER.format(root=str(ROOT), n=args.articles)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdout is not None
        base = server.stdout.readline().strip()
        try:
            with redis_server(tmp / "redis") as url:
                client = redis.Redis.from_url(url)
                rows = [run_config("local", base, 1, None, args.idle_exit, tmp)]
                for workers in (1, 2):
                    client.flushdb()
                    rows.append(run_config(f"redis x{workers}", base, workers, url, args.idle_exit, tmp))
        finally:
            server.communicate("", timeout=10)

    print(f"site: {args.articles} articles on 127.0.0.1; 2 cores shared by workers, site, Redis")
    print(f"{'config':<10} {'workers':>7} {'seconds':>8} {'pages':>6} {'pages/s':>8} {'exported':>9}  split")
    for row in rows:
        print(
            f"{row['config']:<10} {row['workers']:>7} {row['seconds']:>8.2f} {row['pages']:>6} "
            f"{row['pages_per_second']:>8.1f} {row['exported']:>9}  {row['per_worker']}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

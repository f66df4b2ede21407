"""End-to-end crawl speed and memory: ``scrapy crawl news`` vs a fetch-only spider, one run.

    .venv/bin/python -m benchmarks.crawl_speed [--corpus ../shared/corpus] [--copies 2]
        [--hosts 8] [--profile local|polite|both] [--processes N ...] [--json OUT]

The development corpus's real saved pages are served, ``--copies`` times each under distinct
URLs (2 copies: 2,160 article pages), spread over ``--hosts`` loopback addresses (127.0.0.1,
127.0.0.2, …; one server thread pool per address in a separate server process). Both spiders get
the same URL file and the project's settings (robots.txt, middlewares, concurrency); the fetch-only
spider has no item pipelines and does nothing with a response. Profiles:

- ``local``: AutoThrottle off, no download delay (a crawl limited by this machine, not by politeness);
- ``polite``: the project defaults (``DOWNLOAD_DELAY`` 0.25 s per host, AutoThrottle).

``news`` runs once per ``--processes`` value (``NEWSCRAWL_EXTRACT_PROCESSES``; 0 = extraction in
the reactor thread). Pages/s is responses over the spider's open time. Memory is the resident set
(VmRSS) of the crawling process plus its children (extraction workers), sampled every 0.25 s:
peak, and the growth after warm-up (the first 25 % of pages) as a least-squares slope per
10,000 pages.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
# Both spiders fetch exactly the URL file: no link following.
COMMON = {"NEWSCRAWL_FOLLOW_LINKS": False}
PROFILES = {
    "local": {**COMMON, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0},
    "polite": COMMON,
}

# -- the site (a separate process) -----------------------------------------------------------

_SERVER = """
import gzip, json, sys
from contextlib import ExitStack
sys.path.insert(0, sys.argv[2])
from newscrawl.demo.server import serve_site
spec = json.load(open(sys.argv[1]))
bodies = {}
pages = {"/robots.txt": ("text/plain", b"User-agent: *\\nAllow: /\\n")}
for path, (rel, _) in spec["pages"].items():
    if rel not in bodies:
        bodies[rel] = gzip.decompress(open(spec["corpus"] + "/" + rel, "rb").read())
    pages[path] = ("text/html; charset=utf-8", bodies[rel])
with ExitStack() as stack:
    sites = [stack.enter_context(serve_site(pages, host)) for host in spec["hosts"]]
    print(json.dumps([site.base_url for site in sites]), flush=True)
    sys.stdin.read()
"""


def build_spec(corpus: Path, copies: int, hosts: int) -> tuple[dict[str, Any], list[str]]:
    """Return the server spec (path -> corpus file) and the URL paths per host index."""
    from benchmarks.corpus_bench import load_records, pages_of

    rels = list(pages_of(load_records(corpus)))
    pages: dict[str, tuple[str, int]] = {}
    for copy in range(copies):
        for n, rel in enumerate(rels):
            pages[f"/c{copy}/a/{n}/"] = (rel, (copy * len(rels) + n) % hosts)
    return {"corpus": str(corpus), "pages": pages, "hosts": [f"127.0.0.{i + 1}" for i in range(hosts)]}, rels


# -- one crawl (a subprocess: python -m benchmarks.crawl_speed --run-one ...) ------------------


def _fetch_only_class() -> Any:
    from scrapy import Request, Spider

    from spiders.sources import read_url_file

    class FetchOnly(Spider):
        name = "fetch_only"

        def __init__(self, url_file: str = "", **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.urls = read_url_file(url_file)

        async def start(self) -> Any:
            for url in self.urls:
                yield Request(url, callback=self.parse)

        def parse(self, response: Any, **kwargs: Any) -> None:
            return None

    return FetchOnly


def run_one(kind: str, url_file: str, out: str, settings_json: str) -> None:
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.setdict(json.loads(settings_json), priority="cmdline")
    settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    if kind == "fetch":
        settings.set("ITEM_PIPELINES", {}, priority="cmdline")
        spidercls: Any = _fetch_only_class()
    else:
        from spiders.news import NewsSpider

        settings.set("FEEDS", {out: {"format": "jsonlines", "overwrite": True}}, priority="cmdline")
        spidercls = NewsSpider
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spidercls)
    process.crawl(crawler, url_file=url_file)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    result = {
        "responses": stats.get("response_received_count", 0),
        "items": stats.get("item_scraped_count", 0),
        "seconds": (stats["finish_time"] - stats["start_time"]).total_seconds(),
    }
    print("RESULT " + json.dumps(result), flush=True)


# -- memory sampling ---------------------------------------------------------------------------


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                kids = [int(x) for x in fh.read().split()]
        except OSError:
            kids = []
        found += kids
        todo += kids
    return found


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, IndexError, ValueError):
        return 0.0


class Sampler(threading.Thread):
    """Sample (time, RSS of pid and its children in KiB) until stopped; CPU time per process."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, int, int]] = []  # (t, own KiB, total KiB)
        self.cpu: dict[int, float] = {}  # last CPU seconds seen per process
        self.stop = threading.Event()

    def run(self) -> None:
        began = time.monotonic()
        while not self.stop.is_set():
            own = _rss_kib(self.pid)
            children = _children(self.pid)
            total = own + sum(_rss_kib(c) for c in children)
            for p in [self.pid, *children]:
                self.cpu[p] = max(self.cpu.get(p, 0.0), _cpu_seconds(p))
            self.samples.append((time.monotonic() - began, own, total))
            time.sleep(self.interval)


def growth_per_10k(samples: list[tuple[float, int, int]], seconds: float, pages: int, col: int) -> float:
    """MiB per 10,000 pages after warm-up (least squares over time, pages assumed steady)."""
    if not samples or not pages or seconds <= 0:
        return 0.0
    end = samples[-1][0]
    start = end - seconds + 0.25 * seconds  # warm-up: the first quarter of the crawl
    pts = [(t, s[col] / 1024) for s in samples for t in [s[0]] if start <= t <= end - 0.5]
    if len(pts) < 4:
        return 0.0
    n = len(pts)
    mt = sum(t for t, _ in pts) / n
    mr = sum(r for _, r in pts) / n
    var = sum((t - mt) ** 2 for t, _ in pts)
    slope = sum((t - mt) * (r - mr) for t, r in pts) / var if var else 0.0  # MiB per second
    return slope * seconds / pages * 10_000


def crawl(kind: str, url_file: Path, tmp: Path, settings: dict[str, Any]) -> dict[str, Any]:
    out = tmp / f"{kind}.jsonl"
    command = [sys.executable, "-m", "benchmarks.crawl_speed", "--run-one", kind, str(url_file), str(out)]
    command.append(json.dumps(settings))
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.stop.set()
    sampler.join()
    lines = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode or not lines:
        raise SystemExit(f"{kind} crawl failed ({proc.returncode}):\n{stderr[-3000:]}")
    result = json.loads(lines[-1][7:])
    samples = sampler.samples
    result["pages_per_second"] = result["responses"] / result["seconds"]
    result["peak_rss_mib"] = max(s[1] for s in samples) / 1024 if samples else 0
    result["peak_total_rss_mib"] = max(s[2] for s in samples) / 1024 if samples else 0
    result["growth_mib_per_10k"] = growth_per_10k(samples, result["seconds"], result["responses"], 2)
    pages = max(result["responses"], 1)
    main_cpu = sampler.cpu.get(proc.pid, 0.0)
    result["main_cpu_ms_per_page"] = main_cpu / pages * 1000
    result["workers_cpu_ms_per_page"] = (sum(sampler.cpu.values()) - main_cpu) / pages * 1000
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--hosts", type=int, default=8)
    parser.add_argument("--profile", choices=["local", "polite", "both"], default="both")
    parser.add_argument("--processes", type=int, nargs="+", default=[0, 2])
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--run-one", nargs=4, metavar=("KIND", "URLS", "OUT", "SETTINGS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.run_one:
        run_one(*args.run_one)
        return 0

    spec, _ = build_spec(args.corpus, args.copies, args.hosts)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        spec_path = tmp / "spec.json"
        spec_path.write_text(json.dumps(spec))
        server = subprocess.Popen(
            [sys.executable, "-c", _SERVER, str(spec_path), str(ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdout is not None
        bases = json.loads(server.stdout.readline())
        url_file = tmp / "urls.txt"
        url_file.write_text("".join(f"{bases[host]}{path}\n" for path, (_, host) in spec["pages"].items()))
        try:
            profiles = ["local", "polite"] if args.profile == "both" else [args.profile]
            for profile in profiles:
                base = {k: str(v) for k, v in PROFILES[profile].items()}
                runs = [("fetch-only", "fetch", base)]
                for n in args.processes:
                    runs.append((f"news p={n}", "news", {**base, "NEWSCRAWL_EXTRACT_PROCESSES": str(n)}))
                fetch_rate = 0.0
                for name, kind, settings in runs:
                    row = {"profile": profile, "spider": name, **crawl(kind, url_file, tmp, settings)}
                    if kind == "fetch":
                        fetch_rate = row["pages_per_second"]
                    row["vs_fetch_only"] = row["pages_per_second"] / fetch_rate if fetch_rate else 0.0
                    rows.append(row)
                    print(
                        f"  {profile:<7} {name:<11} {row['pages_per_second']:7.1f} pages/s",
                        file=sys.stderr,
                        flush=True,
                    )
        finally:
            server.communicate("", timeout=10)

    pages = len(spec["pages"])
    print(
        f"site: {pages} article pages (corpus x{args.copies}), "
        f"{args.hosts} loopback hosts, {os.cpu_count()} cores"
    )
    print(
        f"{'profile':<8} {'spider':<12} {'pages':>6} {'items':>6} {'seconds':>8} {'pages/s':>8} "
        f"{'vs fetch':>8} {'peak RSS':>9} {'+children':>10} {'MiB/10k':>8} {'CPU ms/page main+workers':>25}"
    )
    for r in rows:
        print(
            f"{r['profile']:<8} {r['spider']:<12} {r['responses']:>6} {r['items']:>6} {r['seconds']:>8.1f} "
            f"{r['pages_per_second']:>8.1f} {r['vs_fetch_only']:>7.2f}x {r['peak_rss_mib']:>8.0f}M "
            f"{r['peak_total_rss_mib']:>9.0f}M {r['growth_mib_per_10k']:>8.1f} "
            f"{r['main_cpu_ms_per_page']:>15.1f} + {r['workers_cpu_ms_per_page']:.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

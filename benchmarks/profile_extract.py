"""Where extraction time goes: cProfile over ``extract_article`` on development-corpus pages.

    .venv/bin/python -m benchmarks.profile_extract [--corpus ../shared/corpus] [--limit 400]
        [--top 25] [--out profile.pstats]

Pages are read (and gunzipped) before profiling starts; each page is extracted once. Prints
milliseconds per page, the time per extraction stage (cumulative time of the stage's entry
function), self time per module, and the functions with the most cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.corpus_bench import DEFAULT_CORPUS, load_records, pages_of, read_page
from newscrawl import extract_article

# Entry functions of the stages of newscrawl.extract (module, function): cumulative time each.
STAGES = [
    ("page.py", ("load_page",)),
    (
        "metadata.py",
        (
            "extract_language",
            "extract_site_name",
            "extract_canonical_url",
            "extract_description",
            "extract_section",
            "extract_tags",
            "extract_image",
        ),
    ),
    ("title.py", ("extract_title",)),
    ("authors.py", ("extract_authors",)),
    ("dates.py", ("extract_published", "extract_modified")),
    ("pagetype.py", ("count_teasers", "classify_page")),
    ("paywall.py", ("is_paywalled",)),
    ("body.py", ("extract_paragraphs",)),
    ("dateline.py", ("parse_dateline",)),
    ("quotes.py", ("extract_quotes",)),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    pages = list(pages_of(load_records(args.corpus)).items())[: args.limit]
    inputs = [(read_page(args.corpus, rel), url) for rel, url in pages]
    extract_article(inputs[0][0], inputs[0][1])  # imports and first-use caches out of the profile

    began = time.perf_counter()
    profiler = cProfile.Profile()
    profiler.enable()
    for html, url in inputs:
        extract_article(html, url)
    profiler.disable()
    wall = time.perf_counter() - began
    stats = pstats.Stats(profiler)
    if args.out:
        stats.dump_stats(str(args.out))

    n = len(inputs)
    print(f"{n} pages, {wall / n * 1000:.1f} ms per page under cProfile ({wall:.1f} s)")
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    print("\nstage (cumulative)                 ms/page   share")
    for module, funcs in STAGES:
        cum = sum(
            v[3]
            for (file, _, name), v in raw.items()
            if file.endswith("/extract/" + module) and name in funcs
        )
        if cum:
            print(f"  {module:<32} {cum / n * 1000:7.2f}  {cum / total:6.1%}")
    by_module: dict[str, float] = defaultdict(float)
    for (file, _, _), v in raw.items():
        if "/newscrawl/" in file:
            key = "newscrawl/" + file.split("/newscrawl/", 1)[1]
        elif "site-packages/" in file:
            key = file.split("site-packages/", 1)[1].split("/", 1)[0]
        elif file.startswith("~") or file.startswith("<"):
            key = "builtins (lxml, re, …)"
        else:
            key = "stdlib"
        by_module[key] += v[2]
    print("\nself time by module                ms/page   share")
    for key, t in sorted(by_module.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {key:<32} {t / n * 1000:7.2f}  {t / total:6.1%}")
    print(f"\ntop {args.top} functions by cumulative time")
    stats.sort_stats("cumulative").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

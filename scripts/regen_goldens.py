"""Rewrite golden records from the current extractor — only when asked, review the diff.

    python scripts/regen_goldens.py [--write] [FIXTURE.html ...]

Without --write it prints, per page, the fields that would change. The goldens are
hand-labelled: a change here is a claim that the new output is more correct.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.golden import golden_pages, produce  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path)
    parser.add_argument("--write", action="store_true", help="rewrite the .json files")
    args = parser.parse_args()
    changed = 0
    for page in args.pages or golden_pages():
        path = page.with_suffix(".json")
        expected = json.loads(path.read_text(encoding="utf-8"))
        got = produce(page)
        diff = [k for k in expected if expected.get(k) != got.get(k)]
        if not diff:
            continue
        changed += 1
        print(f"{page}:")
        for key in diff:
            print(f"  {key}:\n    golden: {expected.get(key)!r:.300}\n    now:    {got.get(key)!r:.300}")
        if args.write:
            path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{changed} page(s) differ{' (rewritten)' if args.write else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m newscrawl extract``: files, directories, gzip, stdin, --url, charsets, exit codes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from newscrawl.schema import record_errors

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests/fixtures/canada-update/canada-allies-navalny.html"
PAGE = """<html><head><meta charset="{charset}"><title>Grüße aus Köln | Blatt</title></head>
<body><h1>Grüße aus Köln</h1><article><p>KÖLN (dpa) - Der Dom bekommt ein neues Dach, teilte
die Stadt am Montag mit. Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern.</p>
<p>Die Kosten werden auf zwölf Millionen Euro geschätzt, wie ein Sprecher sagte.</p></article>
</body></html>"""


def run(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "newscrawl", "extract", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, input=stdin, timeout=120)


def records(proc: subprocess.CompletedProcess[bytes]) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]


def test_single_file_with_url(tmp_path: Path) -> None:
    proc = run(SEED, "--url", "https://canada-update.example/world/x/")
    assert proc.returncode == 0, proc.stderr
    [record] = records(proc)
    assert record["url"] == "https://canada-update.example/world/x/"
    assert record["dateline"]["agency"] == "CU"
    assert record_errors(record) == []


def test_directory_is_searched_recursively_and_gzip_is_read(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.html").write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    (tmp_path / "a" / "b" / "two.html.gz").write_bytes(
        gzip.compress(PAGE.format(charset="utf-8").encode("utf-8"))
    )
    (tmp_path / "a" / "notes.txt").write_text("not a page")
    proc = run(tmp_path)
    assert proc.returncode == 0, proc.stderr
    got = records(proc)
    assert len(got) == 2
    assert {r["title"] for r in got} == {"Grüße aus Köln"}
    assert all(r["url"].startswith("file://") for r in got)


def test_stdin_and_declared_charset(tmp_path: Path) -> None:
    data = PAGE.format(charset="iso-8859-1").encode("iso-8859-1")
    proc = run("-", "--url", "https://blatt.example/koeln/2024/01/02/dom-dach/", stdin=data)
    assert proc.returncode == 0, proc.stderr
    [record] = records(proc)
    assert record["title"] == "Grüße aus Köln"
    assert record["dateline"] == {"text": "KÖLN (dpa)", "location": "KÖLN", "agency": "dpa", "date": None}
    assert "zwölf Millionen" in record["body"]


def test_missing_path_exits_2(tmp_path: Path) -> None:
    proc = run(tmp_path / "nope.html")
    assert proc.returncode == 2
    assert b"no such file" in proc.stderr
    assert proc.stdout == b""


def test_unreadable_file_exits_1_but_others_are_written(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.html.gz"
    bad.write_bytes(b"this is not gzip")
    proc = run(good, bad)
    assert proc.returncode == 1
    assert len(records(proc)) == 1
    assert b"cannot read" in proc.stderr


def test_no_arguments_is_a_usage_error() -> None:
    proc = run()
    assert proc.returncode == 2

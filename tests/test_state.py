"""The recurring-crawl state without Scrapy: seen-store, lock, whole-line output, crash recovery."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.pipelines import body_fingerprint
from newscrawl.state import SeenStore, StateLocked, acquire_lock
from newscrawl.state.output import LineWriter, record_line, repair_tail
from newscrawl.state.recovery import recover_all, recover_output

ROOT = Path(__file__).resolve().parents[1]


def test_store_remembers_urls_canonicals_bodies_and_versions(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite3")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.mark_exported("https://a.test/x?b=2&a=1#top", "f1", ["https://a.test/x/amp"], "t") == 1
    assert store.url_seen("https://a.test/x?a=1&b=2")  # canonical form: query sorted, no fragment
    assert store.url_seen("https://a.test/x/amp")
    assert not store.url_seen("https://a.test/y")
    assert store.body_owner("f1") == "https://a.test/x?a=1&b=2"
    assert store.mark_exported("https://a.test/x?a=1&b=2", "f1", [], "t") == 1  # same body: same version
    assert store.mark_exported("https://a.test/x?a=1&b=2", "f2", [], "t") == 2  # changed body
    store.mark_url("https://a.test/x/print", "https://a.test/x?a=1&b=2")
    store.close()
    reopened = SeenStore(tmp_path / "seen.sqlite3")
    assert reopened.url_seen("https://a.test/x/print")
    assert reopened.article("https://a.test/x?a=1&b=2").version == 2  # type: ignore[union-attr]


def test_lock_second_holder_gets_pid_and_start_time(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys,time; from newscrawl.state import acquire_lock; "
         "acquire_lock(sys.argv[1]); print('locked', flush=True); time.sleep(60)", str(tmp_path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StateLocked) as info:
            acquire_lock(tmp_path)
        assert info.value.pid == str(holder.pid)
        assert f"PID {holder.pid}, started 20" in str(info.value)
    finally:
        holder.kill()  # SIGKILL: the OS drops the flock with the process
        holder.wait()
    lock = acquire_lock(tmp_path)  # a killed holder's lock is taken over
    assert (tmp_path / "lock").read_text().split()[0] == str(__import__("os").getpid())
    lock.release()


def test_lock_is_shared_within_one_process(tmp_path: Path) -> None:
    first = acquire_lock(tmp_path)
    second = acquire_lock(tmp_path)
    assert second is first
    second.release()
    first.release()
    acquire_lock(tmp_path).release()


def test_repair_tail_cuts_only_a_partial_last_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": ')
    assert repair_tail(out) == len(b'{"c": ')
    assert out.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert repair_tail(out) == 0
    out.write_bytes(b'{"only": "partial')
    repair_tail(out)
    assert out.read_bytes() == b""


def test_line_writer_appends_whole_lines(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"old": 1}\n')
    writer = LineWriter(out)
    size = writer.append(record_line({"title": "Zürich \u2028 “quoted”", "n": 2}))
    writer.close()
    assert size == out.stat().st_size
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 3
    assert json.loads(lines[1])["title"].startswith("Zürich")


def _record(n: int) -> dict[str, str]:
    return {"url": f"https://a.test/{n}", "canonical_url": f"https://a.test/{n}", "body": f"body {n}"}


def test_recovery_marks_lines_written_but_not_committed(tmp_path: Path) -> None:
    """A kill between the write and the commit: the line is there, the store does not know it."""
    store = SeenStore(tmp_path / "seen.sqlite3")
    out = tmp_path / "out.jsonl"
    writer = LineWriter(out)
    for n in range(3):
        size = writer.append(record_line(_record(n)))
        store.mark_exported(_record(n)["url"], body_fingerprint(f"body {n}"), [], "t", (str(out), size))
    writer.append(record_line(_record(3)))  # written, then "killed" before mark_exported
    writer.close()
    with out.open("ab") as f:
        f.write(b'{"url": "https://a.test/4", "bo')  # and a torn write after it
    assert not store.url_seen("https://a.test/3")
    assert recover_all(store) == 1
    assert store.url_seen("https://a.test/3") and not store.url_seen("https://a.test/4")
    assert out.read_bytes().endswith(b"\n") and len(out.read_bytes().splitlines()) == 4
    assert store.committed_sizes()[str(out)] == out.stat().st_size
    assert recover_output(store, out) == 0  # idempotent


def test_recovery_restarts_a_rotated_output(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite3")
    out = tmp_path / "out.jsonl"
    out.write_bytes(record_line(_record(1)) * 3)
    store.set_committed_size(str(out), out.stat().st_size)
    out.write_bytes(b"")  # the user moved the file away; the store still knows the articles
    assert recover_output(store, out) == 0
    assert store.committed_sizes()[str(out)] == 0


def test_store_memory_does_not_hold_urls(tmp_path: Path) -> None:
    """Lookups go to SQLite: after 5,000 URLs the store object has no growing container."""
    store = SeenStore(tmp_path / "seen.sqlite3")
    for n in range(5000):
        store.mark_exported(f"https://a.test/{n}", f"f{n}", [], "t")
    assert all(store.url_seen(f"https://a.test/{n}") for n in range(0, 5000, 97))
    assert not [v for v in vars(store).values() if isinstance(v, set | dict | list)]
    t = time.perf_counter()
    store.url_seen("https://a.test/4999")
    assert time.perf_counter() - t < 0.05

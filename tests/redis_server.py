"""A real ``redis-server`` on 127.0.0.1 for the distributed-mode tests and benchmark.

No persistence, a free port, stopped on exit. ``.ci/run`` installs the Debian package; without
it the tests are skipped locally and fail in CI (``CI`` or ``NEWSCRAWL_REQUIRE_REDIS`` set).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis


def redis_server_binary() -> str | None:
    """Return the path of redis-server, or None."""
    return shutil.which("redis-server")


def required() -> bool:
    """Return whether a missing redis-server must fail the tests (CI) rather than skip them."""
    return bool(os.environ.get("CI") or os.environ.get("NEWSCRAWL_REQUIRE_REDIS"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def redis_server(directory: Path, port: int | None = None) -> Iterator[str]:
    """Run redis-server on 127.0.0.1 (a free port unless given); yield its ``redis://`` URL."""
    binary = redis_server_binary()
    if binary is None:
        raise FileNotFoundError("redis-server is not installed (Debian: apt-get install redis-server)")
    port = port or free_port()
    directory.mkdir(parents=True, exist_ok=True)
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    args += ["--dir", str(directory), "--logfile", str(directory / f"redis-{port}.log")]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {port}") from None
                time.sleep(0.05)
        yield url
    finally:
        client.close()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

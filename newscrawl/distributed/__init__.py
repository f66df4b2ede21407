"""Distributed mode: many workers share one crawl through Redis (scrapy-redis underneath).

``REDIS_URL`` (``python -m newscrawl crawl --redis URL``) switches it on. Every worker runs the
same spider; what they share lives in Redis under one prefix (``NEWSCRAWL_REDIS_PREFIX``,
default ``newscrawl:<spider>``):

==============================  ===============================================================
``<p>:requests``                the request queue (scrapy-redis priority queue, a sorted set)
``<p>:dupefilter``              fingerprints of every request queued in this crawl (a set)
``<p>:hosts``                   start hosts of every worker: links on them are followed (a set)
``<p>:workers``                 ids of the workers taking part (a set)
``<p>:worker:<id>``             a worker's heartbeat (expires after ``NEWSCRAWL_REDIS_LEASE``)
``<p>:lease:<id>``              requests a worker has taken and not finished (a hash)
``<p>:claims:<id>``             articles a worker is exporting right now (a hash)
``<p>:articles|bodies|urls``    the seen-store: exported articles, body fingerprints, URLs
``<p>:outputs``                 per worker output file, its size after the last committed record
``<p>:report``                  per worker counts of the last run (a hash of JSON)
==============================  ===============================================================

A request taken from the queue is *leased* to the worker in the same Lua call; the lease ends
when the request is fully handled (its item exported or dropped, its links queued). A worker that
dies (SIGKILL, power loss) stops renewing its heartbeat; the next worker that looks requeues its
leases and releases its claims, so no URL is lost for the crawl as a whole.
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass

DEFAULT_PREFIX = "newscrawl:%(spider)s"


@dataclass(frozen=True)
class Keys:
    """The Redis key names of one distributed crawl."""

    prefix: str

    @classmethod
    def for_spider(cls, template: str | None, spider_name: str) -> Keys:
        """Return the keys for ``template`` (``%(spider)s`` is replaced) and the spider."""
        return cls((template or DEFAULT_PREFIX) % {"spider": spider_name})

    @property
    def requests(self) -> str:
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        return f"{self.prefix}:dupefilter"

    @property
    def hosts(self) -> str:
        return f"{self.prefix}:hosts"

    @property
    def workers(self) -> str:
        return f"{self.prefix}:workers"

    @property
    def articles(self) -> str:
        return f"{self.prefix}:articles"

    @property
    def bodies(self) -> str:
        return f"{self.prefix}:bodies"

    @property
    def urls(self) -> str:
        return f"{self.prefix}:urls"

    @property
    def outputs(self) -> str:
        return f"{self.prefix}:outputs"

    @property
    def report(self) -> str:
        return f"{self.prefix}:report"

    def heartbeat(self, worker: str) -> str:
        return f"{self.prefix}:worker:{worker}"

    def lease(self, worker: str) -> str:
        return f"{self.prefix}:lease:{worker}"

    def claims(self, worker: str) -> str:
        return f"{self.prefix}:claims:{worker}"

    def reap_keys(self, worker: str) -> list[str]:
        """The KEYS of the reap script (``newscrawl.distributed.worker._REAP``) for ``worker``."""
        return [
            self.heartbeat(worker),
            self.lease(worker),
            self.requests,
            self.workers,
            self.claims(worker),
            self.articles,
            self.bodies,
        ]


def new_worker_id() -> str:
    """Return a worker id unique across machines and restarts: ``host:pid:random``."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"

"""A worker's life in a distributed crawl: join, heartbeat, end leases, requeue the dead, leave.

``WorkerExtension`` (an extension) registers the worker and renews its heartbeat; whenever the
worker is idle it requeues the leases of workers whose heartbeat expired and keeps the spider open
until the crawl has had no work anywhere (queue empty, nothing leased) for ``NEWSCRAWL_IDLE_EXIT``
seconds. On close it hands back what it had not finished, writes its counts to ``<p>:report``;
the last worker to leave clears the crawl's queue and dupefilter (so the next scheduled run starts
afresh; the seen-store stays) and logs the totals of every worker.

``LeaseAckMiddleware`` (a spider middleware) ends a request's lease once the request is fully
handled: its callback output consumed (links queued) and every item it produced exported or
dropped. Failed requests end their lease in the errback (the ``request_failed`` signal).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, Self

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet import task

from newscrawl import report
from newscrawl.distributed.link import RedisLink
from newscrawl.distributed.scheduler import LEASE
from newscrawl.signals import request_failed

logger = logging.getLogger(__name__)

# KEYS: heartbeat(w), lease(w), queue, workers, claims(w), articles, bodies. ARGV: w.
# Requeue a gone worker's leases (with their priority), release its claims, forget it. Atomic,
# and a no-op if the worker's heartbeat is back: only ever applied to a worker that is gone.
_REAP = """
if redis.call('EXISTS', KEYS[1]) == 1 then return {-1, 0} end
local requeued = 0
local leases = redis.call('HGETALL', KEYS[2])
for i = 2, #leases, 2 do
  local value = leases[i]
  local sep = string.find(value, '|', 1, true)
  redis.call('ZADD', KEYS[3], tonumber(string.sub(value, 1, sep - 1)), string.sub(value, sep + 1))
  requeued = requeued + 1
end
redis.call('DEL', KEYS[2])
local released = 0
local claims = redis.call('HGETALL', KEYS[5])
for i = 1, #claims, 2 do
  local canonical, previous = claims[i], claims[i + 1]
  local current = redis.call('HGET', KEYS[6], canonical)
  if current then
    local fp = string.match(current, '^([^|]*)|')
    if fp and redis.call('HGET', KEYS[7], fp) == canonical then redis.call('HDEL', KEYS[7], fp) end
  end
  if previous == '' then redis.call('HDEL', KEYS[6], canonical)
  else redis.call('HSET', KEYS[6], canonical, previous) end
  released = released + 1
end
redis.call('DEL', KEYS[5])
redis.call('SREM', KEYS[4], ARGV[1])
return {requeued, released}
"""

# KEYS: workers, queue, dupefilter, report, last_run, hosts. The crawl is over when no worker is
# left and nothing is queued: clear its dupefilter and hosts (the next run starts afresh; the
# seen-store stays) and keep its report as last_run.
_FINISH = """
if redis.call('SCARD', KEYS[1]) > 0 or redis.call('ZCARD', KEYS[2]) > 0 then return 0 end
redis.call('DEL', KEYS[3], KEYS[6])
if redis.call('EXISTS', KEYS[4]) == 1 then redis.call('RENAME', KEYS[4], KEYS[5]) end
return 1
"""


def wake_engine(crawler: Crawler) -> None:
    """Make the engine look at the scheduler now instead of at its next 5 s heartbeat.

    Scrapy has no public call for this; an idle worker would otherwise notice queued work only
    every 5 s. If the private attribute moves, the worker still works, only slower to wake.
    """
    slot = getattr(getattr(crawler, "engine", None), "_slot", None)
    nextcall = getattr(slot, "nextcall", None)
    if nextcall is not None:
        nextcall.schedule()


class WorkerExtension:
    """Extension: membership, heartbeat, reaping, idle exit and the per-worker report."""

    def __init__(self, crawler: Crawler, link: RedisLink) -> None:
        self.crawler = crawler
        self.link = link
        self.keys = link.keys
        client = link.client
        self._reap = client.register_script(_REAP)
        self._finish = client.register_script(_FINISH)
        self.idle_since: float | None = None
        self.spider: Any = None
        self.started = datetime.now(UTC)
        self.loops: list[task.LoopingCall] = []
        self.totals: dict[str, Any] | None = None  # every worker's counts, when this one was last

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Create the extension, or raise NotConfigured without REDIS_URL."""
        link = RedisLink.for_crawler(crawler)
        if link is None:
            raise NotConfigured
        ext = cls(crawler, link)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    # --- membership ----------------------------------------------------------------------

    def spider_opened(self, spider: Any = None) -> None:
        """Join the crawl, share the start hosts, start the heartbeat and the wake-up poll."""
        self.spider = spider
        hosts = getattr(spider, "follow_hosts", None)
        if hosts:
            self.link.call(self.link.client.sadd, self.keys.hosts, *sorted(hosts))
        self.link.call(self.heartbeat)
        logger.info("worker %s joined the crawl at %s", self.link.worker, self.keys.prefix)
        if self.crawler.stats is not None:
            self.crawler.stats.set_value("newscrawl/redis/worker", self.link.worker)
        beat = task.LoopingCall(self.link.call, self.heartbeat)
        beat.start(max(self.link.lease_seconds / 3, 0.5), now=False)
        poll = task.LoopingCall(wake_engine, self.crawler)
        poll.start(self.crawler.settings.getfloat("NEWSCRAWL_REDIS_POLL", 0.5), now=False)
        self.loops = [beat, poll]

    def heartbeat(self) -> None:
        """Say this worker is alive for another lease period (and re-join if it was reaped)."""
        pipe = self.link.client.pipeline(transaction=True)
        pipe.set(self.keys.heartbeat(self.link.worker), b"1", px=int(self.link.lease_seconds * 1000))
        pipe.sadd(self.keys.workers, self.link.worker)
        pipe.smembers(self.keys.hosts)
        hosts = pipe.execute()[-1]
        follow = getattr(self.spider, "follow_hosts", None)
        if follow is not None:
            follow.update(h.decode() if isinstance(h, bytes) else h for h in hosts)

    def reap(self) -> int:
        """Requeue the leases and release the claims of workers whose heartbeat expired."""
        requeued = 0
        for raw in self.link.client.smembers(self.keys.workers):
            worker = raw.decode() if isinstance(raw, bytes) else raw
            if worker == self.link.worker:
                continue
            moved, released = self._reap(keys=self.keys.reap_keys(worker), args=[worker])
            if moved < 0:
                continue  # alive
            requeued += moved
            logger.warning(
                "worker %s is gone (no heartbeat): requeued %d request(s), released %d claim(s)",
                worker,
                moved,
                released,
            )
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("newscrawl/redis/requeued", moved)
        return requeued

    def outstanding(self) -> int:
        """Return the requests queued or leased to any worker, this one excluded."""
        client = self.link.client
        pipe = client.pipeline(transaction=False)
        pipe.zcard(self.keys.requests)
        for raw in client.smembers(self.keys.workers):
            worker = raw.decode() if isinstance(raw, bytes) else raw
            if worker != self.link.worker:
                pipe.hlen(self.keys.lease(worker))
        return sum(int(n) for n in pipe.execute())

    # --- idle and exit -------------------------------------------------------------------

    def spider_idle(self, spider: Any = None) -> None:
        """Keep the spider open while the crawl has work or has been idle < NEWSCRAWL_IDLE_EXIT s."""
        if self.link.is_lost:
            return
        busy = self.link.call(self._idle_check, default=None)
        if busy is None:  # Redis lost: the link is closing the spider
            return
        now = time.monotonic()
        if busy:
            self.idle_since = None
            raise DontCloseSpider
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.link.idle_exit:
            raise DontCloseSpider

    def _idle_check(self) -> bool:
        # Idle means every request this worker took is fully handled: no lease of ours is live.
        self.link.client.delete(self.keys.lease(self.link.worker))
        self.reap()
        return self.outstanding() > 0

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        """Stop the loops, hand back unfinished requests, report, leave; the last one finishes."""
        for loop in self.loops:
            if loop.running:
                loop.stop()
        if self.link.is_lost:
            return
        self.link.call(self._leave, reason)

    def _leave(self, reason: str) -> None:
        stats = dict(self.crawler.stats.get_stats()) if self.crawler.stats else {}
        counts = report.counts(stats)
        mine = {
            "worker": self.link.worker,
            "started": self.started.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "finish_reason": reason,
            **counts,
            "dropped_by_reason": report.dropped_by_reason(stats),
        }
        client = self.link.client
        client.hset(self.keys.report, self.link.worker, json.dumps(mine))
        # Leaving: drop the heartbeat, then reap ourselves (requeue what is still leased).
        client.delete(self.keys.heartbeat(self.link.worker))
        requeued, _released = self._reap(keys=self.keys.reap_keys(self.link.worker), args=[self.link.worker])
        if requeued > 0:
            logger.info("handed %d unfinished request(s) back to the crawl", requeued)
        reports = client.hgetall(self.keys.report)
        last_run = f"{self.keys.prefix}:last_run"
        k = self.keys
        if self._finish(keys=[k.workers, k.requests, k.dupefilter, k.report, last_run, k.hosts]):
            workers = [json.loads(v) for v in reports.values()]
            self.totals = {
                "workers": len(workers),
                "fetched": sum(w["fetched"] for w in workers),
                "exported": sum(w["exported"] for w in workers),
                "per_worker": {w["worker"]: w["exported"] for w in workers},
            }
            if self.crawler.stats is not None:
                self.crawler.stats.set_value("newscrawl/redis/crawl_totals", self.totals)
            logger.info("crawl complete: %s", self.totals)


class LeaseAckMiddleware:
    """Spider middleware: end a request's lease once its output is consumed and its items are done."""

    def __init__(self, crawler: Crawler, link: RedisLink) -> None:
        self.crawler = crawler
        self.link = link
        self.pending: dict[str, int] = {}  # lease -> items still in the pipelines
        self.output_done: set[str] = set()  # leases whose callback output is fully consumed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Create the middleware, or raise NotConfigured without REDIS_URL."""
        link = RedisLink.for_crawler(crawler)
        if link is None:
            raise NotConfigured
        mw = cls(crawler, link)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(mw.item_done, signal=signal)
        crawler.signals.connect(mw.request_failed, signal=request_failed)
        return mw

    def process_spider_output(
        self, response: Any, result: Iterable[Any], spider: Any = None
    ) -> Iterator[Any]:
        """Pass the output through, counting items; the lease ends when all of it is handled."""
        lease = response.meta.get(LEASE)
        try:
            for obj in result:
                yield self._track(obj, lease)
        finally:
            self._output_finished(lease)

    async def process_spider_output_async(
        self, response: Any, result: AsyncIterator[Any], spider: Any = None
    ) -> AsyncIterator[Any]:
        """The async form of ``process_spider_output``."""
        lease = response.meta.get(LEASE)
        try:
            async for obj in result:
                yield self._track(obj, lease)
        finally:
            self._output_finished(lease)

    def _track(self, obj: Any, lease: str | None) -> Any:
        if isinstance(obj, Request):
            obj.meta.pop(LEASE, None)  # a new request, not the parent's retry: never ends its lease
        elif lease is not None and obj is not None:
            self.pending[lease] = self.pending.get(lease, 0) + 1
        return obj

    def _output_finished(self, lease: str | None) -> None:
        if lease is None:
            return
        if self.pending.get(lease):
            self.output_done.add(lease)
        else:
            self._ack(lease)

    def item_done(self, response: Any = None, **_: Any) -> None:
        """An item left the pipelines (exported, dropped or failed)."""
        lease = getattr(response, "meta", {}).get(LEASE) if response is not None else None
        if lease is None or lease not in self.pending:
            return
        self.pending[lease] -= 1
        if self.pending[lease] > 0:
            return
        del self.pending[lease]
        if lease in self.output_done:
            self.output_done.discard(lease)
            self._ack(lease)

    def request_failed(self, request: Request | None = None, **_: Any) -> None:
        """A request failed for good or was skipped: it is handled."""
        if request is not None and (lease := request.meta.get(LEASE)):
            self._ack(lease)

    def _ack(self, lease: str) -> None:
        self.link.call(self.link.end_lease, lease)

"""The scheduler: Scrapy's own without ``REDIS_URL``, scrapy-redis's with it, plus leases.

scrapy-redis pops a request from Redis and forgets it: a worker killed with requests in flight
loses them for the whole crawl. ``LeasedQueue`` adapts its priority queue at the seam: the pop
moves the request into the worker's lease hash in the same Lua call, and the lease ends (``ack``)
only when the request is fully handled. Everything else (queue encoding, request fingerprints,
the dupefilter) is scrapy-redis's.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any, Self

from scrapy import Request
from scrapy.core.scheduler import Scheduler as ScrapyScheduler
from scrapy.crawler import Crawler
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler as RedisSchedulerBase

from newscrawl.distributed.link import RedisLink

logger = logging.getLogger(__name__)

LEASE = "newscrawl_lease"  # request meta: id of the lease this request was popped under

# Pop the best request and lease it to the worker, atomically: no moment where it is in neither.
# KEYS: queue, lease hash. Lease values are "<score>|<encoded request>" so a requeue keeps priority.
_POP_AND_LEASE = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
redis.call('HSET', KEYS[2], redis.sha1hex(top[1]), top[2] .. '|' .. top[1])
return top[1]
"""


def lease_id(encoded: bytes) -> str:
    """Return the lease id of an encoded request (the same SHA-1 the Lua side computes)."""
    return hashlib.sha1(encoded).hexdigest()


class LeasedQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pops are leased to one worker until acknowledged."""

    def __init__(self, server: Any, spider: Any, key: str, lease_key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.lease_key = lease_key
        self._pop = server.register_script(_POP_AND_LEASE)

    def pop(self, timeout: int = 0) -> Request | None:
        """Pop the highest-priority request, leased to this worker (never blocks)."""
        data = self._pop(keys=[self.key, self.lease_key])
        if not data:
            return None
        lease = lease_id(data)
        try:
            request = self._decode_request(data)
        except Exception:  # a request this code cannot rebuild (another version's callback?)
            logger.exception("dropping a queued request that cannot be decoded")
            self.ack(lease)
            return None
        request.meta[LEASE] = lease
        return request

    def ack(self, lease: str) -> None:
        """End a lease: the request was handled (or handed back to the queue as a new request)."""
        self.server.hdel(self.lease_key, lease)


class RedisScheduler(RedisSchedulerBase):
    """scrapy-redis's scheduler on our keys, with leased pops; the crawl's queue outlives workers."""

    def __init__(self, link: RedisLink, **kwargs: Any) -> None:
        super().__init__(server=link.client, **kwargs)
        self.link = link

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Create the scheduler from the crawler's RedisLink (REDIS_URL must be set)."""
        link = RedisLink.for_crawler(crawler)
        if link is None:
            raise ValueError("RedisScheduler needs REDIS_URL")
        keys = link.keys
        dupefilter = RFPDupeFilter(
            link.client, key=keys.dupefilter, debug=crawler.settings.getbool("DUPEFILTER_DEBUG")
        )
        scheduler = cls(
            link,
            # Never flush on close: other workers go on. The last worker to leave clears the
            # queue and dupefilter (newscrawl.distributed.worker).
            persist=True,
            queue_key=keys.requests,
            dupefilter=dupefilter,
            dupefilter_key=keys.dupefilter,
        )
        scheduler.stats = crawler.stats
        return scheduler

    def open(self, spider: Any) -> None:
        """Open the leased queue (scrapy-redis would build its own queue class here)."""
        self.spider = spider
        self.queue = LeasedQueue(
            self.server, spider, self.queue_key, self.link.keys.lease(self.link.worker), self.serializer
        )
        queued = self.link.call(len, self.queue, default=0)
        if queued:
            logger.info("joining a running crawl: %d requests queued in Redis", queued)

    def close(self, reason: str) -> None:
        """Leave the shared queue as it is (other workers may still be crawling)."""

    def enqueue_request(self, request: Request) -> bool:
        """Queue ``request`` in Redis unless seen; a retry or redirect also ends its old lease."""
        old_lease = request.meta.pop(LEASE, None)
        added = bool(self.link.call(self._enqueue, request, default=False))
        if old_lease and not self.link.is_lost:
            self.link.call(self.queue.ack, old_lease)
        return added

    def _enqueue(self, request: Request) -> bool:
        # scrapy-redis's enqueue_request, minus the ``spider=`` argument to inc_value() that
        # Scrapy 2.19 deprecates (a warning on every crawl otherwise).
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats is not None:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        """Return the next request from Redis, leased to this worker, or None."""
        request = self.link.call(self.queue.pop, default=None)
        if request is not None and self.stats is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        """Return whether the shared queue has requests (for any worker)."""
        return bool(self.link.call(len, self.queue, default=0))


class NewsScheduler(ScrapyScheduler):
    """The project's SCHEDULER: Scrapy's scheduler, or ``RedisScheduler`` when REDIS_URL is set.

    One class in settings.py keeps ``scrapy crawl news -s REDIS_URL=...`` working without a
    second settings switch.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        """Return a RedisScheduler with REDIS_URL, else Scrapy's scheduler."""
        if crawler.settings.get("REDIS_URL"):
            return RedisScheduler.from_crawler(crawler)
        return super().from_crawler(crawler)

"""The Redis connection of a worker: one client per crawler, retries with backoff, a clear end.

Every Redis call of the distributed components goes through ``RedisLink.client``, whose commands
are retried on connection errors and timeouts with exponential backoff (``NEWSCRAWL_REDIS_RETRIES``
attempts, 0.25 s doubling up to 8 s). When they are used up the component calls ``lost()``: the
worker logs one clear error and closes its spider with reason ``redis_unavailable`` (exit code 1).
Records already written stay in the output file; requests it had taken stay leased in Redis and
are requeued by the other workers once its heartbeat expires.
"""

from __future__ import annotations

import logging
import weakref
from typing import Any
from urllib.parse import urlsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry
from scrapy.crawler import Crawler

from newscrawl.distributed import Keys, new_worker_id

logger = logging.getLogger(__name__)

REDIS_ERRORS: tuple[type[BaseException], ...] = (
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
SCHEMES = ("redis", "rediss", "unix")
LOST_REASON = "redis_unavailable"


class RedisUrlError(ValueError):
    """The Redis URL cannot be used (shown to the user)."""


def check_redis_url(url: str) -> str:
    """Return ``url`` if it is a redis://, rediss:// or unix:// URL; raise RedisUrlError."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise RedisUrlError(f"not a Redis URL (redis://HOST:PORT/DB): {url}")
    if parts.scheme != "unix" and not parts.hostname:
        raise RedisUrlError(f"Redis URL without a host: {url}")
    db = parts.path.strip("/")
    if parts.scheme != "unix" and db and not db.isdigit():
        raise RedisUrlError(f"Redis database must be a number: {url}")
    return url


def connect(url: str, retries: int = 6) -> redis.Redis:
    """Return a client for ``url`` that retries lost connections and timeouts with backoff."""
    return redis.Redis.from_url(
        check_redis_url(url),
        retry=Retry(ExponentialBackoff(cap=8.0, base=0.25), retries),
        retry_on_error=list(REDIS_ERRORS),
        socket_timeout=10,
        socket_connect_timeout=5,
        health_check_interval=15,
    )


def safe_url(url: str) -> str:
    """Return ``url`` without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return parts._replace(netloc=user + netloc).geturl()


class RedisLink:
    """A worker's Redis client, key names, id and settings; one per crawler."""

    def __init__(self, crawler: Crawler, url: str) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.url = url
        self.retries = settings.getint("NEWSCRAWL_REDIS_RETRIES", 6)
        self.client = connect(url, self.retries)
        spider_name = getattr(crawler.spidercls, "name", None) or "news"
        self.keys = Keys.for_spider(settings.get("NEWSCRAWL_REDIS_PREFIX"), spider_name)
        self.worker = new_worker_id()
        self.lease_seconds = settings.getfloat("NEWSCRAWL_REDIS_LEASE", 15.0)
        self.idle_exit = settings.getfloat("NEWSCRAWL_IDLE_EXIT", 10.0)
        self.is_lost = False

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> RedisLink | None:
        """Return the crawler's link (created on first use), or None without REDIS_URL."""
        if crawler in _LINKS:
            return _LINKS[crawler]
        url = crawler.settings.get("REDIS_URL")
        if not url:
            return None
        link = cls(crawler, url)
        _LINKS[crawler] = link
        return link

    def lost(self, exc: BaseException) -> None:
        """Stop this worker after Redis stayed unreachable through every retry (once)."""
        if self.is_lost:
            return
        self.is_lost = True
        logger.error(
            "lost the connection to Redis at %s after %d retries (%s: %s); stopping this worker. "
            "Records it exported are in its output file; requests it had taken are requeued by the "
            "other workers.",
            safe_url(self.url),
            self.retries,
            type(exc).__name__,
            exc,
        )
        stats = self.crawler.stats
        if stats is not None:
            stats.set_value("newscrawl/redis/lost", f"{type(exc).__name__}: {exc}")
        engine = getattr(self.crawler, "engine", None)
        if engine is not None and engine.spider is not None:
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(engine.close_spider_async(reason=LOST_REASON))

    def end_lease(self, lease: str) -> None:
        """End one of this worker's leases: its request is handled (``LeasedQueue`` took it)."""
        self.client.hdel(self.keys.lease(self.worker), lease)

    def call(self, fn: Any, *args: Any, default: Any = None, **kwargs: Any) -> Any:
        """Return ``fn(*args, **kwargs)``; on a lost connection stop the worker and return ``default``."""
        if self.is_lost:
            return default
        try:
            return fn(*args, **kwargs)
        except REDIS_ERRORS as exc:
            self.lost(exc)
            return default


_LINKS: weakref.WeakKeyDictionary[Crawler, RedisLink] = weakref.WeakKeyDictionary()

"""The seen-store in Redis: the recurring-crawl store (``newscrawl.state.store``) shared by workers.

Same questions, same answers as the SQLite ``SeenStore`` (URL keys are canonical forms), plus the
one thing many writers need: ``claim``. Before writing a record a worker claims its canonical URL
and body fingerprint in one Lua call; a second worker holding the same article is told it is
``seen`` (or ``busy``) and drops it, so no article is exported twice across workers. ``commit``
after the line is written ends the claim. Claims of a worker that dies are released by the
others (``newscrawl.distributed.worker``) and its leased request is fetched again.

Article values are ``"<fingerprint>|<version>|<owner>"``: owner is the claiming worker's id
while its record is being written, empty once committed.
"""

from __future__ import annotations

import functools
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from newscrawl.distributed import Keys
from newscrawl.distributed.link import REDIS_ERRORS
from newscrawl.state.store import Exported, StoreUnavailable, url_key

T = TypeVar("T")

# KEYS: articles, bodies, claims(me). ARGV: canonical, fingerprint, me, refresh ("1"/"0").
_CLAIM = """
local current = redis.call('HGET', KEYS[1], ARGV[1])
local version = 1
if current then
  local fp, ver, owner = string.match(current, '^([^|]*)|([^|]*)|(.*)$')
  if owner ~= '' and owner ~= ARGV[3] then return 'busy' end
  if fp == ARGV[2] or ARGV[4] ~= '1' then return 'seen_url' end
  version = tonumber(ver) + 1
end
local body_owner = redis.call('HGET', KEYS[2], ARGV[2])
if body_owner and body_owner ~= ARGV[1] then return 'seen_body:' .. body_owner end
redis.call('HSET', KEYS[3], ARGV[1], current or '')
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. version .. '|' .. ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
return 'ok:' .. version
"""


@dataclass(frozen=True)
class Claim:
    """The answer to a claim: ``ok`` with the version to write, or why not (``seen_url`` …)."""

    ok: bool
    version: int = 0
    reason: str = ""
    owner: str = ""  # for seen_body: the canonical URL that has this body


def _parse_article(value: bytes | str | None) -> tuple[str, int, str] | None:
    if value is None:
        return None
    text = value.decode() if isinstance(value, bytes) else value
    fingerprint, version, owner = text.split("|", 2)
    return fingerprint, int(version), owner


def _guarded(method: Callable[..., T]) -> Callable[..., T]:
    """Raise StoreUnavailable instead of a Redis connection error, and stop the worker once."""

    @functools.wraps(method)
    def guarded(self: RedisSeenStore, *args: Any, **kwargs: Any) -> T:
        if self.link is not None and self.link.is_lost:
            raise StoreUnavailable("the connection to Redis is lost")
        try:
            return method(self, *args, **kwargs)
        except REDIS_ERRORS as exc:
            if self.link is not None:
                self.link.lost(exc)
            raise StoreUnavailable(f"{type(exc).__name__}: {exc}") from exc

    return guarded


class RedisSeenStore:
    """The seen-store of a distributed crawl, in Redis (see the module docstring)."""

    def __init__(
        self, client: Any, keys: Keys, worker: str, host: str | None = None, link: Any = None
    ) -> None:
        self.client = client
        self.keys = keys
        self.worker = worker
        self.host = host or socket.gethostname()
        self.link = link  # the worker's RedisLink: told when Redis is lost for good
        self._claim = client.register_script(_CLAIM)

    def close(self) -> None:
        """Nothing to close: the client belongs to the worker's RedisLink."""

    # --- lookups -------------------------------------------------------------------------

    @_guarded
    def url_seen(self, url: str) -> bool:
        """Return whether ``url`` is a fetched URL of an exported article."""
        return bool(self.client.hexists(self.keys.urls, url_key(url)))

    @_guarded
    def article(self, canonical: str) -> Exported | None:
        """Return what is known of the article under ``canonical`` (committed or being written)."""
        parsed = _parse_article(self.client.hget(self.keys.articles, url_key(canonical)))
        return Exported(parsed[0], parsed[1]) if parsed else None

    @_guarded
    def body_owner(self, fingerprint: str) -> str | None:
        """Return the canonical URL a body fingerprint was exported under, or None."""
        owner = self.client.hget(self.keys.bodies, fingerprint)
        return owner.decode() if isinstance(owner, bytes) else owner

    @_guarded
    def committed_sizes(self) -> dict[str, int]:
        """Return ``{output path: committed size}`` of this host's output files."""
        prefix = f"{self.host}\t"
        sizes = {}
        for field, value in self.client.hgetall(self.keys.outputs).items():
            name = field.decode() if isinstance(field, bytes) else field
            if name.startswith(prefix):
                sizes[name[len(prefix) :]] = int(value)
        return sizes

    # --- updates -------------------------------------------------------------------------

    @_guarded
    def claim(self, canonical: str, fingerprint: str, refresh: bool = False) -> Claim:
        """Reserve the article for this worker before its record is written."""
        answer = self._claim(
            keys=[self.keys.articles, self.keys.bodies, self.keys.claims(self.worker)],
            args=[url_key(canonical), fingerprint, self.worker, "1" if refresh else "0"],
        )
        text = answer.decode() if isinstance(answer, bytes) else str(answer)
        if text.startswith("ok:"):
            return Claim(True, version=int(text[3:]))
        reason, _, owner = text.partition(":")
        return Claim(False, reason=reason, owner=owner)

    @_guarded
    def mark_exported(
        self,
        canonical: str,
        fingerprint: str,
        urls: list[str],
        when: str,
        output: tuple[str, int] | None = None,
    ) -> int:
        """Commit an exported article (claimed or not: crash recovery marks unclaimed lines)."""
        key = url_key(canonical)
        known = _parse_article(self.client.hget(self.keys.articles, key))
        if known is None:
            version = 1
        elif known[2] == self.worker or known[0] == fingerprint:
            version = known[1]  # our claim, or the same body again
        else:
            version = known[1] + 1
        pipe = self.client.pipeline(transaction=True)
        pipe.hset(self.keys.articles, key, f"{fingerprint}|{version}|")
        pipe.hdel(self.keys.claims(self.worker), key)
        pipe.hsetnx(self.keys.bodies, fingerprint, key)
        rows = {url_key(u): key for u in dict.fromkeys([*urls, key]) if u}
        pipe.hset(self.keys.urls, mapping=rows)
        if output is not None:
            pipe.hset(self.keys.outputs, f"{self.host}\t{output[0]}", output[1])
        pipe.execute()
        return version

    @_guarded
    def mark_url(self, url: str, canonical: str) -> None:
        """Record a fetched URL of an already exported article, to skip it next time."""
        self.client.hsetnx(self.keys.urls, url_key(url), url_key(canonical))

    @_guarded
    def set_committed_size(self, path: str, size: int) -> None:
        """Record the size of this host's output ``path`` after its last committed record."""
        self.client.hset(self.keys.outputs, f"{self.host}\t{path}", size)

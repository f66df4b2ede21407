"""Recurring crawls: the seen-store, the state directory lock and crash-safe output.

Pure parts (no Scrapy): ``lock``, ``store``, ``output``. The Scrapy components that use them
(middleware, pipeline, extension) are in ``newscrawl.state.components``.
"""

from newscrawl.state.lock import StateLock, StateLocked, acquire_lock
from newscrawl.state.store import SeenStore, url_key

__all__ = ["SeenStore", "StateLock", "StateLocked", "acquire_lock", "url_key"]

"""Signals of our own (Scrapy's are in ``scrapy.signals``).

``request_failed``: sent by the ``news`` spider's errback with ``request=`` and ``failure=``
when a request failed for good or was skipped (robots.txt, seen, ``--since``). It is the only
place a failed request is known to be finished; the distributed mode ends its lease there.
"""

request_failed = object()

"""Scrapy settings of the newscrawl project (``scrapy crawl news`` and ``python -m newscrawl``).

Our own settings are prefixed ``NEWSCRAWL_``; each has one documented default here and can be
changed like any Scrapy setting (``-s NAME=VALUE``).
"""

from newscrawl.extract.model import EXTRACTOR_VERSION

BOT_NAME = "newscrawl"

SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Identify ourselves; override with ``-s USER_AGENT=...`` or ``crawl --user-agent``.
USER_AGENT = f"newscrawl/{EXTRACTOR_VERSION} (+https://github.com/newscrawl/newscrawl)"

# Politeness: honour robots.txt (Protego parser) and adapt the delay to the server's latency.
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25

# Fail fast on dead hosts, retry transient errors a little.
DOWNLOAD_TIMEOUT = 30  # the whole download, so stalled and drip-fed responses end too
RETRY_ENABLED = True
RETRY_TIMES = 2
# Redirect chains longer than this are dropped (loops end earlier: a URL is fetched once).
REDIRECT_MAX_TIMES = 10
DNS_TIMEOUT = 15
# News pages are small; refuse monsters (sitemaps included) instead of filling memory.
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Pipelines, one per concern, with gaps so a new stage fits between them.
ITEM_PIPELINES = {
    "newscrawl.pipelines.ExtractionPipeline": 100,
    "newscrawl.pipelines.ValidationPipeline": 200,
    "newscrawl.pipelines.DedupPipeline": 300,
    # Recurring crawls only (NEWSCRAWL_STATE_DIR): export new articles crash-safely, remember them.
    "newscrawl.state.components.StatePipeline": 400,
}
# Skip before fetching: pages dated before NEWSCRAWL_SINCE, articles exported by an earlier run.
# Wait before retries (Retry-After, else backoff); count compression bombs (cut at DOWNLOAD_MAXSIZE).
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.middlewares.SinceMiddleware": 40,
    "newscrawl.state.components.SeenMiddleware": 50,
    "newscrawl.middlewares.RetryDelayMiddleware": 560,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "newscrawl.middlewares.BoundedDecompressionMiddleware": 590,
}
# Each switches itself off unless configured (NEWSCRAWL_STATE_DIR, REDIS_URL, NEWSCRAWL_PROGRESS).
EXTENSIONS = {
    "newscrawl.state.components.StateExtension": 100,
    "newscrawl.distributed.worker.WorkerExtension": 150,
    "newscrawl.report.Progress": 500,
}
# Distributed mode only (REDIS_URL): end a request's lease once it is fully handled.
SPIDER_MIDDLEWARES = {
    "newscrawl.distributed.worker.LeaseAckMiddleware": 50,
}
# Scrapy's scheduler, or scrapy-redis's (with leases) when REDIS_URL is set.
SCHEDULER = "newscrawl.distributed.scheduler.NewsScheduler"
# Dropping listing pages is routine, not a warning; the reasons are in the stats.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"

FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# --- newscrawl's own settings --------------------------------------------------------------

# Follow links found on pages reached from start URLs (pages from sitemaps/feeds are leaves).
NEWSCRAWL_FOLLOW_LINKS = True
# How many links deep to follow from a start URL (0: fetch the start URLs only).
NEWSCRAWL_MAX_DEPTH = 5
# Response headers kept on the raw page item (lower-case names).
NEWSCRAWL_KEEP_HEADERS = ["content-type", "content-language", "last-modified", "date"]
# Fill ``published``/``title`` from sitemap or feed hints when the page itself gives none.
NEWSCRAWL_USE_HINTS = True
# Extraction worker processes (newscrawl.pool): keeps the reactor downloading while pages are
# extracted. None: one per core (0 on a single core); 0: extract inline in the crawling process.
NEWSCRAWL_EXTRACT_PROCESSES = None
# Minimum number of words in the body for a record to be exported.
NEWSCRAWL_MIN_WORDS = 1
# Print a progress line on stderr every N seconds (``python -m newscrawl crawl`` turns it on).
NEWSCRAWL_PROGRESS = False
NEWSCRAWL_PROGRESS_INTERVAL = 2.0

# Backoff before retrying a 5xx/429 without Retry-After: this many seconds times 2**retries.
NEWSCRAWL_RETRY_BACKOFF = 1.0
# Longest wait before a retry, whatever Retry-After asks for (seconds).
NEWSCRAWL_RETRY_AFTER_MAX = 60.0

# --- recurring crawls (newscrawl.state) -----------------------------------------------------

# State directory: seen-store (seen.sqlite3), lock, crawl.log, runs/<start-time>.json. Empty: off.
NEWSCRAWL_STATE_DIR = None
# Where the state pipeline appends records; empty: the -o/-O JSON Lines file, else DIR/articles.jsonl.
NEWSCRAWL_STATE_OUTPUT = None
# Fetch articles exported before again; export those whose body changed as new versions.
NEWSCRAWL_REFRESH = False
# fsync each record line before marking it seen (power-loss safety; kills are safe without it).
NEWSCRAWL_STATE_FSYNC = True
# Skip sitemap/feed entries dated before this day (YYYY-MM-DD), without fetching them. Empty: off.
NEWSCRAWL_SINCE = None

# --- distributed mode (newscrawl.distributed, scrapy-redis) ----------------------------------

# Redis server shared by the workers (redis://HOST:PORT/DB). Empty: a single-process crawl.
REDIS_URL = None
# Prefix of the crawl's Redis keys; workers with the same prefix share one crawl.
NEWSCRAWL_REDIS_PREFIX = "newscrawl:%(spider)s"
# A worker whose heartbeat is older than this (seconds) is gone: its requests are requeued.
NEWSCRAWL_REDIS_LEASE = 15.0
# Exit once the crawl has had nothing queued or in flight for this many seconds.
NEWSCRAWL_IDLE_EXIT = 10.0
# Connection attempts retried with backoff (0.25 s doubling, at most 8 s) before a worker gives up.
NEWSCRAWL_REDIS_RETRIES = 6
# How often an idle worker looks for new requests in Redis (seconds).
NEWSCRAWL_REDIS_POLL = 0.5

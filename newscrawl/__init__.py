"""newscrawl: news crawler and article extraction.

``extract_article(html, url)`` is the pure extraction core; the Scrapy project
(``scrapy crawl news``) and the CLI (``python -m newscrawl``) are built on it.
"""

from newscrawl.extract import extract_article
from newscrawl.extract.model import EXTRACTOR_VERSION as __version__
from newscrawl.extract.model import Article, Dateline, Quote

__all__ = ["Article", "Dateline", "Quote", "extract_article", "__version__"]

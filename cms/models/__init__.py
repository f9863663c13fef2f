"""Models of the public site; every public name is re-exported here."""

from .documents import (
    DocumentCategory,
    DocumentSettings,
    LibraryDocument,
    VideoFile,
    restricted_collection_ids,
)
from .faq import FAQItem, FAQTopic
from .pages import (
    FAQPage,
    HomePage,
    LibraryItem,
    LibraryPage,
    NewsIndexPage,
    NewsPage,
    ResultsPage,
    StandardPage,
)
from .results import FIGURE_FIELDS, ResultsYear

__all__ = [
    "FIGURE_FIELDS",
    "DocumentCategory",
    "DocumentSettings",
    "FAQItem",
    "FAQPage",
    "FAQTopic",
    "HomePage",
    "LibraryDocument",
    "LibraryItem",
    "LibraryPage",
    "NewsIndexPage",
    "NewsPage",
    "ResultsPage",
    "ResultsYear",
    "StandardPage",
    "VideoFile",
    "restricted_collection_ids",
]

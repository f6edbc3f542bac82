"""eventwire: source-aware political event data from news.

``import eventwire`` gives the whole public API::

    events = eventwire.extract("Russia and Turkey signed a ceasefire deal on Tuesday.",
                               published="2020-03-06", outlet="Example Wire")
    actor = eventwire.resolve_actor("Sergey Lavrov", date=datetime.date(2017, 2, 13))
    places = eventwire.geocode("Rebels overran the northern Iraqi town of Sinjar.")
    for article in eventwire.read_articles("examples/articles.jsonl"):
        ...
"""

from __future__ import annotations

from ._version import __version__
from .actors import ActorResolver, ArticleMemory, resolve_actor
from .coding import CODER_VERSION, EventCoder
from .errors import DataError, EmptyInputError, EventwireError, InputError, ModelError
from .geocode import geocode
from .ingest import clean_article, read_articles
from .pipeline import Extractor, extract, extract_many
from .records import (
    Actor,
    Article,
    CleanLine,
    Dateline,
    Event,
    Evidence,
    Location,
    PlaceCandidate,
    Plover,
    Span,
)
from .store import IngestSummary, Store

__all__ = [
    "CODER_VERSION", "Actor", "ActorResolver", "Article", "ArticleMemory", "CleanLine",
    "DataError", "Dateline", "EmptyInputError", "Event", "EventCoder", "EventwireError",
    "Evidence", "Extractor", "IngestSummary", "InputError", "Location", "ModelError",
    "PlaceCandidate", "Plover", "Span", "Store",
    "__version__", "clean_article", "extract", "extract_many", "geocode", "read_articles",
    "resolve_actor",
]

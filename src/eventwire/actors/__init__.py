"""Actor resolution: who a mention is (country + sector), from bundled, readable data."""

from __future__ import annotations

import datetime as dt
import functools

from ..records import Actor
from .knowledge import IGO_CODES, SECTORS, Knowledge
from .knowledge import load as load_knowledge
from .resolver import ActorResolver, ArticleMemory

__all__ = ["ActorResolver", "ArticleMemory", "IGO_CODES", "Knowledge", "SECTORS",
           "default_resolver", "load_knowledge", "resolve_actor"]


@functools.cache
def default_resolver() -> ActorResolver:
    """The process-wide resolver over the bundled data."""
    return ActorResolver()


def resolve_actor(text: str, *, date: dt.date | None = None,
                  context: str | None = None) -> Actor | None:
    """Resolve one mention with the bundled data; see :class:`ActorResolver`."""
    return default_resolver().resolve(text, date=date, context=context)

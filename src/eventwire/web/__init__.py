"""eventwire's web face: a REST API and a one-page dashboard over an event store.

``create_app(db)`` builds the FastAPI app (:mod:`.app`); ``eventwire serve`` runs it with
uvicorn. The dashboard is plain JavaScript and CSS under ``static/`` with a bundled
world outline, so it needs no network. See ``docs/web.md``.
"""

from .app import EXTRACT_BUDGET, MAX_BODY, WatchConfig, create_app

__all__ = ["EXTRACT_BUDGET", "MAX_BODY", "WatchConfig", "create_app"]

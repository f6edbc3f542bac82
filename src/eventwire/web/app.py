"""The REST API and the dashboard over one event store: a thin layer over the Python API.

::

    create_app("events.duckdb") -> FastAPI
        GET  /                      the dashboard (static files bundled in the package)
        GET  /api/status            the data's version and when it last changed (ETag)
        GET  /api/overview          counts, date range, filter values
        GET  /api/events            a page of events        ┐ all take the filters of
        GET  /api/events/{id}       one event, its cluster  │ EventFilter as query
        GET  /api/timeseries        counts per period       │ parameters: start, end,
        GET  /api/dyads, /api/actors, /api/network,         │ actor, source, target,
             /api/places, /api/outlets, /api/claims         ┘ dyad, root, …, text
        POST /api/extract           code a pasted text in a worker process within a time
                                    budget (stored only with ?store=true on a server
                                    started with allow_store=True)
        GET  /docs                  OpenAPI documentation, served offline

Reads go through one cursor per server thread on a read-only connection (a store opened
for writing when ``allow_store`` or ``watch``; with ``watch`` the server codes the files
that land in an inbox, see :mod:`.live`). Every value reaches DuckDB as a parameter.
Errors are JSON ``{"detail": ...}``: 422 for bad filters, 404 for an unknown event, 413
for a body over the cap, 503 when the store fails or a text's coding is over budget.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import pandas as pd
from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BeforeValidator

from .._version import __version__
from ..errors import CoderBusyError, CodingBudgetError, EventwireError, StoreError
from ..records import Article
from ..store import Store, browse
from ..store import queries as q
from ..store.filters import EventFilter
from ..store.workers import ExtractorLike, default_make_extractor
from .cache import ResponseCache
from .coding import BudgetedCoder
from .guard import BodyLimit, SecurityHeaders
from .live import LiveIngest, WatchConfig

__all__ = ["EXTRACT_BUDGET", "MAX_BODY", "WatchConfig", "create_app"]

STATIC = Path(__file__).with_name("static")
MAX_BODY = 1_000_000
CACHE_BYTES = 64 * 2**20
EXTRACT_BUDGET = 10.0  # seconds of coding one POST /api/extract may take
T = TypeVar("T")


class Reader:
    """One read cursor per thread on the store's connection; the writer behind a lock.

    ``version`` counts the server's own writes (the response cache starts afresh after
    each); ``changed_at`` is when the data last changed; ``has_copies`` says whether any
    article is flagged as a copy, so that filters need not exclude copies when there
    are none.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.local = threading.local()
        self.write_lock = threading.Lock()
        self.version = 0
        self.has_copies = q.copies_stored(store)
        last = store.con.execute("SELECT max(coded_at) FROM articles").fetchone()
        self.changed_at: dt.datetime | None = last[0] if last else None

    def changed(self) -> None:
        """The server wrote to the store: new answers from now on."""
        self.has_copies = q.copies_stored(self.store)
        self.changed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.version += 1

    def etag(self) -> str:
        """The same for every server process over the same data (``--workers N``), and
        new whenever the data changes, here or before a restart."""
        changed = self.changed_at.isoformat() if self.changed_at else "-"
        return f'"{changed}-{self.version}"'

    def effective(self, filters: EventFilter) -> EventFilter:
        """The same filter, cheaper: with no copies stored there is nothing to leave out."""
        return filters.cheaper(self.has_copies)

    def get(self) -> Store:
        cursor = getattr(self.local, "store", None)
        if cursor is None:
            cursor = Store(self.store.con.cursor(), self.store.path, read_only=True)
            self.local.store = cursor
        return cursor


def _iso_day(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` is a date here: pydantic alone would also read ``0`` or
    ``1.5e-9`` as a Unix time (1970-01-01) and ``2017-04-07T00:00`` as a day."""
    if isinstance(value, dt.date) or (isinstance(value, str)
                                      and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("not a date: use YYYY-MM-DD")


#: A date parameter, given as ``YYYY-MM-DD`` and nothing else (422 naming it otherwise).
Day = Annotated[dt.date, BeforeValidator(_iso_day)]


def _split(values: list[str] | None) -> tuple[str, ...]:
    """Repeated (``?root=18&root=19``) and comma-separated (``?root=18,19``) values."""
    return tuple(part.strip() for v in values or () for part in v.split(",") if part.strip())


def event_filter(
    start: Annotated[Day | None, Query(description="First event date (inclusive).")] = None,
    end: Annotated[Day | None, Query(description="Last event date (inclusive).")] = None,
    actor: Annotated[str | None, Query(description="COUNTRY or COUNTRY/SECTOR on either "
                                       "side, e.g. RUS or RUS/GOV.")] = None,
    source: Annotated[str | None, Query(description="Source actor, COUNTRY[/SECTOR].")] = None,
    target: Annotated[str | None, Query(description="Target actor, COUNTRY[/SECTOR].")] = None,
    dyad: Annotated[str | None, Query(description="Two actors, either direction: "
                                      "RUS,USA.")] = None,
    root: Annotated[list[str] | None, Query(description="CAMEO root(s), e.g. 19.")] = None,
    cameo: Annotated[list[str] | None, Query(description="CAMEO code prefix(es).")] = None,
    plover: Annotated[list[str] | None, Query(description="PLOVER type(s).")] = None,
    quad_class: Annotated[list[str] | None, Query(description="QuadClass 1-4.")] = None,
    modality: Annotated[list[str] | None, Query(description="asserted, negated, "
                                                "hypothetical, future, alleged.")] = None,
    outlet: Annotated[list[str] | None, Query(description="Outlet name(s).")] = None,
    speaker: Annotated[str | None, Query(description="Speaker's country code, or part of "
                                         "their name.")] = None,
    text: Annotated[str | None, Query(max_length=500,
                                      description="Words the sentence contains.")] = None,
    cluster_id: Annotated[str | None, Query(description="One event cluster.")] = None,
    include_copies: Annotated[bool, Query(description="Count copied articles too.")] = False,
    named_sides: Annotated[bool, Query(description="Only events whose sides the text names "
                                       "(none inferred from the article).")] = False,
) -> EventFilter:
    """The filters every listing endpoint shares, checked (422 on a bad value)."""
    pair = None
    if dyad:
        parts = _split([dyad])
        if len(parts) != 2:
            raise HTTPException(422, f"dyad {dyad!r}: give two actors, e.g. RUS,USA")
        pair = (parts[0], parts[1])
    try:
        return EventFilter(
            start=start, end=end, actor=actor or None, source=source or None,
            target=target or None, dyad=pair, root=_split(root), cameo=_split(cameo),
            plover=_split(plover), quad_class=_split(quad_class), modality=_split(modality),
            outlet=_split(outlet), speaker=speaker or None, text=text or None,
            cluster_id=cluster_id or None, include_copies=include_copies,
            named_sides=named_sides)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def effective_filter(request: Request,
                     filters: Annotated[EventFilter, Depends(event_filter)]) -> EventFilter:
    """The request's filters, made cheaper where the store allows (see Reader.effective)."""
    return request.app.state.reader.effective(filters)


Filters = Annotated[EventFilter, Depends(effective_filter)]


def frame_json(frame: pd.DataFrame) -> str:
    """A DataFrame as a JSON list of rows (dates as ``YYYY-MM-DD``, NaN as null), built in
    pandas' C encoder rather than row by row in Python."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[column] = values.dt.strftime("%Y-%m-%d")
        elif values.dtype == object:
            out[column] = values.map(lambda v: v.isoformat() if isinstance(v, dt.date) else v)
    return out.to_json(orient="records", double_precision=6)


class FrameResponse(Response):
    """The rows of a DataFrame as a JSON response."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return frame_json(content).encode("utf-8")


def create_app(db: str | Path, *, allow_store: bool = False, max_body: int = MAX_BODY,
               cache_bytes: int = CACHE_BYTES, watch: WatchConfig | None = None,
               extract_budget: float = EXTRACT_BUDGET, warm_up: bool = False,
               make_extractor: Callable[[], ExtractorLike] = default_make_extractor,
               extract: Callable[[Article], list[Any]] | None = None) -> FastAPI:
    """The web app over the store at ``db`` (opened read-only unless ``allow_store`` or
    ``watch``).

    ``cache_bytes`` bounds the response cache (0: none). ``watch`` makes the server code
    the files that land in an inbox while it runs (from startup to shutdown of the app).
    ``POST /api/extract`` codes in a worker process, at most ``extract_budget`` seconds
    a text, with the coder ``make_extractor`` builds there (a module-level function;
    default: the bundled model; ``warm_up``: load it at startup); ``extract`` codes one
    article in the server process instead (tests). Raises :class:`StoreError` if the store cannot
    be opened.
    """
    store = Store.open(db, read_only=not (allow_store or watch))
    reader = Reader(store)
    budgeted = (BudgetedCoder(extract_budget, make_extractor=make_extractor)
                if extract is None else None)
    code_lock = threading.Lock()
    live = None if watch is None else LiveIngest(store, watch, reader.write_lock, reader.changed)

    def coder(article: Article) -> list[Any]:
        if budgeted is not None:
            return budgeted.code(article)
        assert extract is not None
        with code_lock:
            return extract(article)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if live is not None:
            live.start()
        if warm_up and budgeted is not None:
            threading.Thread(target=budgeted.warm_up, daemon=True).start()
        try:
            yield
        finally:
            if live is not None:
                live.stop()
            if budgeted is not None:
                budgeted.close()

    app = FastAPIOffline(
        title="eventwire", version=__version__, lifespan=lifespan,
        description="Events coded from news (CAMEO/PLOVER, actors, modality, attribution) "
                    "in one eventwire store. Every listing takes the same filters.")
    app.state.store = store
    app.state.reader = reader
    app.state.live = live

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    def ask(call: Callable[[Store], T]) -> T:
        try:
            return call(reader.get())
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/api/status", summary="The data's version and when it last changed; polled by "
             "the dashboard (send If-None-Match with the last ETag: 304 while unchanged)")
    def status(request: Request) -> Response:
        etag = reader.etag()
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        counts = ask(lambda s: s.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone())
        changed = reader.changed_at
        return JSONResponse({
            "version": reader.version,
            "changed_at": changed.isoformat(timespec="seconds") + "Z" if changed else None,
            "articles": counts[0], "events": counts[1],
            "writable": not store.read_only,
            "watch": live.status() if live is not None else None,
        }, headers=headers)

    @app.get("/api/overview", summary="Counts, date range and the values filters can take")
    def overview(filters: Filters) -> JSONResponse:
        return JSONResponse(ask(lambda s: browse.overview(s, filters)))

    @app.get("/api/events", summary="A page of events, newest first")
    def events(filters: Filters,
               limit: Annotated[int, Query(ge=1, le=browse.MAX_PAGE)] = 50,
               offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> JSONResponse:
        return JSONResponse(ask(lambda s: browse.event_page(s, filters, limit, offset)))

    @app.get("/api/events/{event_id}",
             summary="One event: record, highlighted evidence, cluster and all its mentions")
    def event(event_id: str) -> JSONResponse:
        found = ask(lambda s: browse.event_detail(s, event_id))
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return JSONResponse(found)

    @app.get("/api/timeseries", summary="Events per day, week or month, by QuadClass")
    def timeseries(filters: Filters,
                   by: Annotated[str, Query(pattern="^(day|week|month|quarter|year)$")]
                   = "month") -> FrameResponse:
        return FrameResponse(ask(lambda s: q.timeseries(s, by, filters=filters)))

    @app.get("/api/dyads", summary="Directed source → target pairs with most events")
    def dyads(filters: Filters, n: Annotated[int, Query(ge=1, le=1000)] = 50) -> FrameResponse:
        return FrameResponse(ask(lambda s: q.top_dyads(s, n, filters=filters)))

    @app.get("/api/actors", summary="Actors (country/sector) in most events")
    def actors(filters: Filters, n: Annotated[int, Query(ge=1, le=1000)] = 50) -> FrameResponse:
        return FrameResponse(ask(lambda s: q.top_actors(s, n, filters=filters)))

    @app.get("/api/network", summary="Actor network: nodes and weighted source → target edges")
    def network(filters: Filters, n: Annotated[int, Query(ge=1, le=500)] = 60,
                min_count: Annotated[int, Query(ge=1)] = 1) -> JSONResponse:
        graph = ask(lambda s: q.network(s, min_count=min_count, filters=filters))
        top = sorted(graph.nodes, key=lambda v: (-graph.nodes[v]["events"], v))[:n]
        keep = set(top)
        nodes = [{"id": v, **graph.nodes[v]} for v in top]
        edges = [{"source": a, "target": b, **data} for a, b, data in graph.edges(data=True)
                 if a in keep and b in keep]
        return JSONResponse({"nodes": nodes, "edges": edges})

    @app.get("/api/places", summary="Event locations with their counts")
    def places(filters: Filters, n: Annotated[int, Query(ge=1, le=5000)] = 500) -> FrameResponse:
        return FrameResponse(ask(lambda s: q.places(s, n, filters=filters)))

    @app.get("/api/outlets",
             summary="Outlet comparison: each outlet's profile, and shared clusters per outlet")
    def outlets(filters: Filters,
                min_outlets: Annotated[int, Query(ge=1, le=100)] = 2) -> JSONResponse:
        return JSONResponse({
            "profiles": ask(lambda s: browse.outlet_profiles(s, filters)),
            "clusters": json.loads(frame_json(
                ask(lambda s: q.outlets(s, min_outlets, filters=filters)))),
        })

    @app.get("/api/claims", summary="Who claims what: events by speaker and modality")
    def claims(filters: Filters, n: Annotated[int, Query(ge=1, le=1000)] = 100) -> FrameResponse:
        return FrameResponse(ask(lambda s: q.claims(s, n=n, filters=filters)))

    @app.post("/api/extract", summary="Code a pasted text; stored only if asked")
    def extract_text(
        text: Annotated[str, Body(min_length=1, description="The article text.")],
        published: Annotated[Day | None, Body()] = None,
        outlet: Annotated[str | None, Body(max_length=200)] = None,
        title: Annotated[str | None, Body(max_length=1000)] = None,
        id: Annotated[str | None, Body(max_length=200, description="Article id.")] = None,
        store_it: Annotated[bool, Query(alias="store", description="Also store the article "
                                        "(server started with --allow-store).")] = False,
    ) -> JSONResponse:
        article = Article(id=id or "pasted", text=text, title=title, outlet=outlet,
                          published=published or dt.date.today())
        if store_it and not allow_store:
            raise HTTPException(403, "store=true: this server is read-only; start it with "
                                "`eventwire serve --allow-store` to store pasted texts")
        try:
            coded = coder(article)
        except CoderBusyError as exc:
            raise HTTPException(503, str(exc), headers={"Retry-After": "2"}) from None
        except CodingBudgetError as exc:
            raise HTTPException(503, str(exc)) from None
        except EventwireError as exc:
            raise HTTPException(422, str(exc)) from None
        stored = None
        if store_it:
            stored = _store_article(store, reader, article)
        events = [event.to_dict() for event in coded]
        for event in events:
            event["highlights"] = browse.highlights(event)
        return JSONResponse({"events": events, "stored": stored})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(ResponseCache, max_bytes=cache_bytes, version=lambda: reader.version,
                       exclude=("/api/status",))
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    return app


def _store_article(store: Store, reader: Reader, article: Article) -> dict[str, Any]:
    """Ingest one article into the writable store and re-cluster; the ingest counts."""
    from ..store.clusters import cluster

    with reader.write_lock:
        try:
            summary = store.ingest([article], workers=1)
            cluster(store)
        finally:
            reader.changed()
    return {"articles_new": summary.articles_new, "articles_changed": summary.articles_changed,
            "articles_unchanged": summary.articles_unchanged,
            "events_stored": summary.events_stored}

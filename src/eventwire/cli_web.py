"""``eventwire serve``: the dashboard and REST API over a store, with uvicorn.

A thin layer over :func:`eventwire.web.create_app`. Register on the main app with
``app.add_typer(serve_app)``. Binds to 127.0.0.1 unless told otherwise; the store is
opened read-only unless ``--allow-store`` or ``--watch INBOX`` (then the server codes the
files that land in INBOX and is the store's only writer). With ``--workers N`` uvicorn
runs N server processes, each opening the store read-only (DuckDB allows many readers).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .cli_log import warnings_to_stderr
from .errors import StoreError

serve_app = typer.Typer(add_completion=False, no_args_is_help=True)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)

ENV_DB = "EVENTWIRE_SERVE_DB"
ENV_CACHE = "EVENTWIRE_SERVE_CACHE_BYTES"
ENV_BUDGET = "EVENTWIRE_SERVE_EXTRACT_BUDGET"


def app_from_env():  # type: ignore[no-untyped-def]
    """The app for uvicorn's ``--workers`` mode, which imports it by name in each process."""
    from .web import create_app

    return create_app(os.environ[ENV_DB], cache_bytes=int(os.environ[ENV_CACHE]),
                      extract_budget=float(os.environ[ENV_BUDGET]))


@serve_app.command("serve")
def serve(
    db: Annotated[Path, typer.Option("--db", help="The store (a DuckDB file).")] = Path(
        "events.duckdb"),
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it "
                                      "on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes.")] = 1,
    cache_mb: Annotated[int, typer.Option(min=0, help="Response cache per process, in MiB "
                                          "(0: none).")] = 64,
    allow_store: Annotated[bool, typer.Option(
        "--allow-store", help="Open the store for writing so that POST /api/extract?store=true "
        "can add pasted texts (one process only).")] = False,
    watch: Annotated[Path | None, typer.Option(
        "--watch", help="Code the files that land in this folder into the store while "
        "serving (one process only; see `eventwire watch`).")] = None,
    watch_interval: Annotated[float, typer.Option(min=0.05, help="Seconds between scans of "
                                                  "the --watch folder.")] = 1.0,
    extract_budget: Annotated[float, typer.Option(
        min=0.1, help="Seconds of coding one POST /api/extract may take (then 503).")] = 10.0,
) -> None:
    """Serve the dashboard (/) and the REST API (/api, documented at /docs) over a store."""
    import uvicorn

    from .web import WatchConfig, create_app

    if (allow_store or watch) and workers > 1:
        raise typer.BadParameter("--allow-store and --watch need a single process (--workers 1)")
    if watch is not None and not watch.is_dir():
        raise typer.BadParameter(f"{watch}: no such folder", param_hint="--watch")
    config = None if watch is None else WatchConfig(watch, interval=watch_interval)
    if config is not None:  # each pass of the watcher: one "info:" line on stderr
        warnings_to_stderr()
        logging.getLogger("eventwire").setLevel(logging.INFO)
    try:
        app = create_app(db, allow_store=allow_store, cache_bytes=cache_mb * 2**20,
                         watch=config, extract_budget=extract_budget, warm_up=True)
    except StoreError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    err.print(f"eventwire: serving {db} on http://{host}:{port}/ (API docs at /docs)"
              + (f", coding the files that land in {watch}" if watch else ""), markup=False)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    app.state.store.close()
    os.environ[ENV_DB] = str(db)
    os.environ[ENV_CACHE] = str(cache_mb * 2**20)
    os.environ[ENV_BUDGET] = str(extract_budget)
    uvicorn.run("eventwire.cli_web:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="warning")

"""Shared fixtures. Ingest fixtures are prefixed ``ingest_``."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import eventwire
from eventwire.errors import InputError
from eventwire.ingest import read_articles
from eventwire.records import Article

_ROOT = Path(__file__).resolve().parents[1]
GUARDIAN = _ROOT.parent / "shared" / "corpus" / "guardian_syria_2019.csv"
#: the JSON Schema every event validates against, and its contents
EVENT_SCHEMA_PATH = Path(eventwire.__file__).parent / "schema" / "event.schema.json"
EVENT_SCHEMA = json.loads(EVENT_SCHEMA_PATH.read_text(encoding="utf-8"))


def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` as a module (benchmarks is no package; while it loads, its
    folder is on the import path, so a script may import its sibling, as
    train_counterpart does train_veto)."""
    folder = str(_ROOT / "benchmarks")
    spec = importlib.util.spec_from_file_location(name, _ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    sys.path.insert(0, folder)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(folder)
    return module


@pytest.fixture(scope="session")
def ingest_examples_dir() -> Path:
    """The project's ``examples/`` folder (fictional articles written for tests)."""
    return _ROOT / "examples"


@pytest.fixture(scope="session")
def ingest_example_articles(ingest_examples_dir: Path) -> dict[str, Article]:
    """The articles of ``examples/articles.jsonl`` by id (read strictly: any error fails)."""
    return {a.id: a for a in read_articles(ingest_examples_dir / "articles.jsonl")}


@pytest.fixture
def ingest_read(tmp_path: Path) -> Callable[..., tuple[list[Article], list[InputError]]]:
    """Write ``files`` ({name: str | bytes}) under tmp_path and read ``paths`` (default: all).

    Returns the articles and the errors reported through ``on_error``.
    """

    def read(
        files: dict[str, str | bytes], paths: list[str] | None = None, **options: object
    ) -> tuple[list[Article], list[InputError]]:
        for name, content in files.items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            target.write_bytes(data)
        targets = [tmp_path / p for p in (paths if paths is not None else list(files))]
        errors: list[InputError] = []
        articles = list(read_articles(targets, on_error=errors.append, **options))  # type: ignore[arg-type]
        return articles, errors

    return read


#: An article whose text, title and outlet carry markup that must never run in the dashboard.
HOSTILE = Article(
    id="hostile-1",
    title='<img src=x onerror="window.__pwned = 3"> Hostile headline',
    outlet="Evil<script>window.__pwned = 4</script>Wire",
    published=__import__("datetime").date(2017, 4, 12),
    text=('Turkey accused Russia of <img src=x onerror="window.__pwned = 2"> bombing '
          "<script>window.__pwned = 1</script> civilians in Idlib on Monday.\n\n"
          "Russia rejected the accusation, its foreign ministry said."),
)


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory,
              ingest_example_articles: dict[str, Article]) -> Path:
    """A store of ``examples/`` plus :data:`HOSTILE`, clustered: what the dashboard shows."""
    from eventwire.store import Store
    from eventwire.store.clusters import cluster

    db = tmp_path_factory.mktemp("web") / "examples.duckdb"
    with Store.open(db) as store:
        store.ingest([*ingest_example_articles.values(), HOSTILE])
        cluster(store)
    return db


def write_guardian_sample(tmp_path: Path, rows: int) -> Path | None:
    """The first ``rows`` Guardian articles as a CSV of their own (None when absent)."""
    if not GUARDIAN.exists():
        return None
    csv.field_size_limit(2**31 - 1)
    with GUARDIAN.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        kept = [next(reader)] + [row for _, row in zip(range(rows), reader, strict=False)]
    target = tmp_path / "guardian.csv"
    with target.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(kept)
    return target


@pytest.fixture(scope="session")
def guardian_sample() -> Callable[[Path, int], Path | None]:
    """:func:`write_guardian_sample`, for tests and fixtures of any scope."""
    return write_guardian_sample

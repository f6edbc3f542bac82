"""Shared fixtures. Ingest fixtures are prefixed ``ingest_``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import read_articles
from eventwire.records import Article

_ROOT = Path(__file__).resolve().parents[1]


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

"""The one place that reads eventwire's bundled data files.

Each concept module (actors, patterns, clutter rules, code tables) asks this module
for its files and validates their content itself; nothing else opens a file under
``eventwire/data``. Reads are cached: every file is parsed once per process.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from importlib import resources
from typing import Any

import yaml

from .errors import DataError

_PACKAGE = "eventwire.data"


#: libyaml's safe loader when PyYAML was built with it (about 4x faster), else the pure one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _text(relpath: str) -> str:
    ref = resources.files(_PACKAGE).joinpath(relpath)
    try:
        return ref.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"bundled data file {relpath!r} is missing; reinstall eventwire") from exc


def list_files(folder: str, suffix: str) -> list[str]:
    """Relative paths of the bundled files in ``folder`` ending in ``suffix``, sorted."""
    base = resources.files(_PACKAGE).joinpath(folder)
    return sorted(f"{folder}/{p.name}" for p in base.iterdir() if p.name.endswith(suffix))


@functools.cache
def read_yaml(relpath: str) -> Any:
    """Parse a bundled YAML file (cached)."""
    try:
        return yaml.load(_text(relpath), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise DataError(f"data file {relpath}: not valid YAML: {exc}") from exc


def _rows(relpath: str, delimiter: str) -> tuple[dict[str, str], ...]:
    lines = [ln for ln in _text(relpath).splitlines() if not ln.lstrip().startswith("#")]
    return tuple(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=delimiter))


@functools.cache
def read_json(relpath: str) -> Any:
    """Parse a bundled JSON file (cached)."""
    try:
        return json.loads(_text(relpath))
    except json.JSONDecodeError as exc:
        raise DataError(f"data file {relpath}: not valid JSON: {exc}") from exc


@functools.cache
def read_tsv(relpath: str) -> tuple[dict[str, str], ...]:
    """Rows of a bundled tab-separated file with a header line (cached).

    Lines starting with ``#`` are comments.
    """
    return _rows(relpath, "\t")


@functools.cache
def read_csv(relpath: str) -> tuple[dict[str, str], ...]:
    """Rows of a bundled comma-separated file with a header line (cached).

    Lines starting with ``#`` are comments.
    """
    return _rows(relpath, ",")

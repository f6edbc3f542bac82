"""The Guardian gold corpus (eval/corpus_gold, docs/annotation.md) as the scorer reads it.

Gold lines become :class:`GoldSentence` records and predicted :class:`~eventwire.records.Event`
records become :class:`Coded` events, so that :mod:`eventwire.evaluate_corpus` compares like
with like. The article text is read from the CSV in ``../shared`` (never from the repository).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import glob
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .codes import table as cameo_table
from .errors import InputError
from .records import Actor, Event, Location

DEFAULT_CSV = Path("..") / "shared" / "corpus" / "guardian_syria_2019.csv"
DEFAULT_SPLIT = Path("eval") / "corpus_gold" / "split.json"
HALVES = ("dev", "test")
_REPO = Path(__file__).resolve().parents[2]  # the checkout, when run from one


def _default(path: str | Path, default: Path, env: str | None = None) -> Path:
    """``path``; for the default, ``$env`` when set, else the default beside the working
    directory, else beside the repository."""
    path = Path(path)
    if path != default:
        return path
    if env and os.environ.get(env):
        return Path(os.environ[env])
    return path if path.exists() or not (_REPO / path).exists() else _REPO / path


# --- what is compared -----------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Side:
    """One side of an event (source or target) as the scorer sees it."""

    country: str | None
    sector: str | None
    text: str | None = None

    def label(self) -> str:
        return f"{self.country or '?'}/{self.sector or '?'}" + (
            f" '{self.text}'" if self.text else "")


@dataclasses.dataclass(frozen=True)
class Place:
    name: str | None
    country: str | None
    lat: float | None = None
    lon: float | None = None


@dataclasses.dataclass(frozen=True)
class Coded:
    """An event, gold or predicted, reduced to what the scorer compares.

    ``date`` None on a gold event means the publication date; ``offset`` (predictions only) is
    where the trigger starts in the article."""

    code: str
    source: Side | None
    target: Side | None
    modality: str = "asserted"
    place: Place | None = None
    date: dt.date | None = None
    precision: str | None = None
    trigger: str | None = None
    offset: int = 0

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad(self) -> int:
        entry = cameo_table().get(self.code) or cameo_table().get(self.root)
        return entry.quad_class if entry else 0

    def label(self) -> str:
        def side(s: Side | None) -> str:
            return s.label() if s else "-"

        words = f" ({self.trigger})" if self.trigger else ""
        return f"{self.code}{words} {side(self.source)} -> {side(self.target)} {self.modality}"


def from_event(event: Event) -> Coded:
    """A predicted event in the scorer's terms."""

    def side(actor: Actor | None) -> Side | None:
        return Side(actor.country, actor.sector, actor.text) if actor else None

    def place(loc: Location | None) -> Place | None:
        return Place(loc.name, loc.country, loc.lat, loc.lon) if loc else None

    span = event.evidence.trigger_span if event.evidence else None
    return Coded(event.cameo, side(event.source), side(event.target), event.modality,
                 place(event.location), event.date, event.date_precision,
                 event.evidence.trigger if event.evidence else None,
                 span.start if span else event.span.start)


# --- the gold ---------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class GoldSentence:
    """One line of a gold file: a sentence of an article with its events."""

    row: int
    sent: int
    start: int
    end: int
    events: tuple[Coded, ...]
    annotator: str = ""
    pass_: int = 1


def _gold_side(value: Any, where: str) -> Side | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(where, "an actor must be an object or null")
    text = value.get("text") or ("(implied)" if value.get("implied") else None)
    return Side(value.get("country") or None, value.get("sector") or None, text)


def _gold_event(value: Any, where: str) -> Coded:
    if not isinstance(value, dict) or not isinstance(value.get("code"), str) \
            or len(value["code"]) < 2:
        raise InputError(where, "an event needs a CAMEO code string")
    place = value.get("place")
    date = value.get("date")
    try:
        day = dt.date.fromisoformat(date) if date else None
    except (TypeError, ValueError):
        raise InputError(where, f"date {date!r} is not YYYY-MM-DD") from None
    return Coded(value["code"], _gold_side(value.get("source"), where),
                 _gold_side(value.get("target"), where), value.get("modality") or "asserted",
                 Place(place.get("name"), place.get("country"), place.get("lat"),
                       place.get("lon")) if isinstance(place, dict) else None,
                 day, value.get("date_precision") if day else None)


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        text = str(p)
        found = sorted(glob.glob(text)) if any(c in text for c in "*?[") else [text]
        if not found:
            raise InputError(text, "no gold file matches")
        out.extend(Path(f) for f in found)
    return out


def read_gold(paths: Iterable[str | Path]) -> list[GoldSentence]:
    """Every line of the gold files (paths or glob patterns), pass 1 and pass 2."""
    lines: list[GoldSentence] = []
    seen: set[tuple[int, int, int]] = set()
    for path in _expand(paths):
        try:
            raw_lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(str(path), exc.strerror or "cannot be read") from None
        for n, raw in enumerate(raw_lines, 1):
            if not raw.strip():
                continue
            where = f"{path}:{n}"
            try:
                line = json.loads(raw)
                row, sent, pass_ = int(line["row"]), int(line["sent"]), int(line.get("pass", 1))
                start, end = int(line["start"]), int(line["end"])
                events = tuple(_gold_event(e, where) for e in line.get("events") or [])
            except json.JSONDecodeError as exc:
                raise InputError(where, f"not valid JSON ({exc.msg})") from None
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(where, f"not a gold line ({exc!r})") from None
            if (row, sent, pass_) in seen:
                raise InputError(where, f"row {row} sentence {sent} (pass {pass_}) given twice")
            seen.add((row, sent, pass_))
            lines.append(GoldSentence(row, sent, start, end, events,
                                      str(line.get("annotator") or ""), pass_))
    return lines


def articles(gold: Iterable[GoldSentence], pass_: int = 1) -> dict[int, list[GoldSentence]]:
    """The annotated rows of one pass (at least one event), each with its sentences in order."""
    rows: dict[int, list[GoldSentence]] = defaultdict(list)
    for line in gold:
        if line.pass_ == pass_:
            rows[line.row].append(line)
    return {row: sorted(lines, key=lambda s: s.sent) for row, lines in sorted(rows.items())
            if any(s.events for s in lines)}


def read_split(path: str | Path = DEFAULT_SPLIT) -> dict[str, list[int]]:
    try:
        path = _default(path, DEFAULT_SPLIT)
        data = json.loads(path.read_text(encoding="utf-8"))
        return {half: [int(r) for r in data[half]] for half in HALVES}
    except OSError as exc:
        raise InputError(str(path), f"{exc.strerror or 'cannot be read'}; give --split-file"
                         ) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"not a split file with dev and test ({exc!r})") from None


@dataclasses.dataclass(frozen=True)
class CorpusText:
    row: int
    text: str
    published: dt.date | None
    outlet: str | None


def read_texts(path: str | Path = DEFAULT_CSV, rows: Iterable[int] | None = None
               ) -> dict[int, CorpusText]:
    """The articles of the Guardian CSV (columns: row id, date, text, source) by row id."""
    path = _default(path, DEFAULT_CSV, "EVENTWIRE_GUARDIAN_CSV")
    if not path.is_file():
        raise InputError(str(path), "corpus CSV not found; give its path with --csv "
                         "(the Guardian sample, ../shared/corpus/guardian_syria_2019.csv)")
    wanted = set(rows) if rows is not None else None
    csv.field_size_limit(2**31 - 1)
    out: dict[int, CorpusText] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            for record in reader:
                if len(record) < 4 or not record[0].strip().isdigit():
                    continue
                row = int(record[0])
                if wanted is not None and row not in wanted:
                    continue
                try:
                    day = dt.date.fromisoformat(record[1][:10])
                except ValueError:
                    day = None
                out[row] = CorpusText(row, record[2], day, record[3] or None)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(str(path), f"cannot be read ({exc})") from None
    return out


def lower_keep_offsets(text: str) -> str:
    """``text`` in lower case, character for character (every offset stays valid)."""
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)

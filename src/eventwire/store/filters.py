"""Which events a question is about: one filter type shared by queries, browsing and the web.

::

    EventFilter(start="2017-04-01", actor="RUS", root=("19",), modality=("asserted",))
        .conditions("e") -> (["e.date >= ?", "(e.source_country = ? OR …)", …], [params])

Every value becomes a SQL parameter; nothing a caller gives is pasted into the SQL text.
Actors are ``COUNTRY`` or ``COUNTRY/SECTOR`` (``RUS``, ``RUS/GOV``, ``IGO``). ``text``
matches the sentence, case-insensitively, as a plain substring (``%`` and ``_`` are
literal). Events of articles flagged as copies are left out unless ``include_copies``.
``named_sides`` keeps only events whose sides the text names (no side the counterpart model
inferred from the article; ``records.INFERRED_SIDE`` in a side's evidence).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..records import INFERRED_SIDE

__all__ = ["MODALITIES", "EventFilter", "parse_actor", "parse_day"]

MODALITIES = ("asserted", "negated", "hypothetical", "future", "alleged")


def parse_day(value: dt.date | str) -> dt.date:
    """A date from a ``date`` or ``YYYY-MM-DD``; ``ValueError`` naming the value if neither."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def parse_actor(code: str) -> tuple[str, str | None]:
    """``RUS`` → (RUS, None); ``rus/gov`` → (RUS, GOV)."""
    country, _, sector = code.strip().partition("/")
    if not country or "/" in sector:
        raise ValueError(f"{code!r} is not an actor: use COUNTRY or COUNTRY/SECTOR, e.g. RUS/GOV")
    return country.upper(), sector.upper() or None


def _tuple(values: str | Iterable[Any] | None) -> tuple[Any, ...]:
    if values is None:
        return ()
    if isinstance(values, str | int):
        values = [values]
    return tuple(v for v in values if v not in (None, ""))


@dataclasses.dataclass(frozen=True)
class EventFilter:
    """Conditions on events; every field left empty matches everything.

    ``actor`` matches either side; ``source``/``target`` one side each; ``dyad`` two
    actors in either direction. Tuple fields (``root``, ``cameo``, ``plover``,
    ``quad_class``, ``modality``, ``outlet``) match any of their values; ``cameo``
    values are prefixes (``"19"`` is every code under root 19). ``speaker`` matches
    the speaker's country code exactly or their name as a substring.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    root: tuple[str, ...] = ()
    cameo: tuple[str, ...] = ()
    plover: tuple[str, ...] = ()
    quad_class: tuple[int, ...] = ()
    modality: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    speaker: str | None = None
    text: str | None = None
    cluster_id: str | None = None
    doc_id: str | None = None
    include_copies: bool = False
    named_sides: bool = False

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if value is not None:
                try:
                    object.__setattr__(self, name, parse_day(value))
                except ValueError as exc:
                    raise ValueError(f"{name} {exc}") from None
        for name in ("root", "cameo", "plover", "modality", "outlet"):
            object.__setattr__(self, name, tuple(str(v) for v in _tuple(getattr(self, name))))
        try:
            quads = tuple(int(q) for q in _tuple(self.quad_class))
        except ValueError:
            raise ValueError(f"quad_class {self.quad_class!r}: use 1, 2, 3 or 4") from None
        if any(q not in (1, 2, 3, 4) for q in quads):
            raise ValueError(f"quad_class {quads!r}: use 1, 2, 3 or 4")
        object.__setattr__(self, "quad_class", quads)
        bad = [m for m in self.modality if m not in MODALITIES]
        if bad:
            raise ValueError(f"modality {bad[0]!r}: use one of {', '.join(MODALITIES)}")
        for name in ("actor", "source", "target", "dyad"):
            value = getattr(self, name)
            for code in (value,) if isinstance(value, str) else value or ():
                try:
                    parse_actor(code)
                except ValueError as exc:  # name the field: "source 'A/B/C' is not an actor…"
                    raise ValueError(f"{name} {exc}") from None
        if self.dyad is not None and len(self.dyad) != 2:
            raise ValueError(f"dyad {self.dyad!r}: give two actors")

    def conditions(self, alias: str = "") -> tuple[list[str], list[Any]]:
        """SQL conditions over ``events`` (aliased ``alias``) and their parameters."""
        p = f"{alias}." if alias else ""
        conds: list[str] = []
        params: list[Any] = []

        def add(cond: str, *values: Any) -> None:
            conds.append(cond)
            params.extend(values)

        def side(role: str, code: str) -> str:
            country, sector = parse_actor(code)
            params.extend([country, sector, sector])
            return f"({p}{role}_country = ? AND (?::VARCHAR IS NULL OR {p}{role}_sector = ?))"

        def any_of(column: str, values: tuple[Any, ...]) -> None:
            if values:
                add(f"{p}{column} IN ({', '.join('?' * len(values))})", *values)

        if self.start is not None:
            add(f"{p}date >= ?", self.start)
        if self.end is not None:
            add(f"{p}date <= ?", self.end)
        if self.actor is not None:
            conds.append(f"({side('source', self.actor)} OR {side('target', self.actor)})")
        if self.source is not None:
            conds.append(side("source", self.source))
        if self.target is not None:
            conds.append(side("target", self.target))
        if self.dyad is not None:
            a, b = self.dyad
            one = f"({side('source', a)} AND {side('target', b)})"
            other = f"({side('source', b)} AND {side('target', a)})"
            conds.append(f"({one} OR {other})")
        any_of("root", self.root)
        if self.cameo:
            conds.append("(" + " OR ".join(f"starts_with({p}cameo, ?)" for _ in self.cameo) + ")")
            params.extend(self.cameo)
        any_of("plover_type", self.plover)
        any_of("quad_class", self.quad_class)
        any_of("modality", self.modality)
        if self.outlet:
            add(f"{p}outlet IN ({', '.join('?' * len(self.outlet))})", *self.outlet)
        if self.speaker:
            add(f"({p}speaker_country = upper(?) OR contains(lower(coalesce({p}speaker_name, "
                f"{p}speaker_text, '')), lower(?)))", self.speaker, self.speaker)
        if self.text:
            add(f"contains(lower({p}sentence), lower(?))", self.text)
        if self.cluster_id is not None:
            add(f"{p}cluster_id = ?", self.cluster_id)
        if self.doc_id is not None:
            add(f"{p}doc_id = ?", self.doc_id)
        if self.named_sides:
            for role in ("source", "target"):
                add(f"NOT contains(coalesce(json_extract_string({p}record, '$.{role}.evidence'), "
                    "''), ?)", INFERRED_SIDE)
        if not self.include_copies:
            conds.append(f"{p}doc_id NOT IN (SELECT doc_id FROM articles "
                         "WHERE copy_of IS NOT NULL)")
        return conds, params

    def cheaper(self, copies_stored: bool) -> EventFilter:
        """The same selection with the copy test dropped when no article is a copy."""
        if copies_stored or self.include_copies:
            return self
        return dataclasses.replace(self, include_copies=True)

    def is_empty(self) -> bool:
        return self == EventFilter(include_copies=self.include_copies)

"""The records that flow between eventwire's stages, defined once.

Every stage takes and returns these frozen dataclasses; nothing passes anonymous
dicts. ``to_dict()`` gives the JSON-ready form used by the CLI, the store and the
exports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Literal

Modality = Literal["asserted", "negated", "hypothetical", "future", "alleged"]
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "alleged")
DatePrecision = Literal["day", "week", "month", "year"]
#: Words in an actor's ``evidence`` that mark a side whose country the sentence does not give
#: and the learned counterpart model inferred from the article (``coding/counterpart.py``);
#: the store's ``EventFilter(named_sides=True)`` leaves such events out.
INFERRED_SIDE = "inferred from the article"


def _plain(value: Any) -> Any:
    """Turn dataclasses, dates and tuples into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return _plain(self)  # type: ignore[no-any-return]


@dataclasses.dataclass(frozen=True)
class Span(_Record):
    """Character offsets ``[start, end)`` into an article's original text."""

    start: int
    end: int


@dataclasses.dataclass(frozen=True)
class Dateline(_Record):
    """What a story's dateline says: where it was filed, by whom, and a date hint."""

    place: str | None
    outlet: str | None
    date_text: str | None
    span: Span


@dataclasses.dataclass(frozen=True)
class CleanLine(_Record):
    """One line of the original text, kept or dropped by the cleaner (with the reason)."""

    text: str
    span: Span
    kept: bool
    reason: str | None = None


@dataclasses.dataclass(frozen=True)
class Article(_Record):
    """One news article as read from a file, a stream or a web archive.

    ``text`` is the article as read; ``clean_text`` is filled by the cleaner and
    ``kept`` maps it back: a tuple of spans of ``text`` whose concatenation (joined
    by newlines) is ``clean_text``.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    source_path: str | None = None
    source_record: str | None = None
    clean_text: str | None = None
    kept: tuple[Span, ...] = ()
    dropped: tuple[CleanLine, ...] = ()
    dateline: Dateline | None = None

    def __post_init__(self) -> None:
        if isinstance(self.published, str):  # the Python API given "2019-10-01"
            try:
                day = dt.date.fromisoformat(self.published[:10])
            except ValueError:
                raise ValueError(f"article {self.id!r}: published date {self.published!r} "
                                 f"is not YYYY-MM-DD") from None
            object.__setattr__(self, "published", day)
        elif isinstance(self.published, dt.datetime):
            object.__setattr__(self, "published", self.published.date())

    @property
    def body(self) -> str:
        """The text to code: cleaned if the cleaner ran, else as read."""
        return self.clean_text if self.clean_text is not None else self.text


#: the first words of a description that may name a different one each time it is used
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "many", "several",
                        "other", "two", "three", "four"})


@dataclasses.dataclass(frozen=True)
class Actor(_Record):
    """Who a mention is: country (ISO 3166 alpha-3 or IGO code) and sector (agent code).

    ``kind`` is one of: country, person, igo, group, organization, agent, place.
    ``members`` lists member country codes for groupings (G7, EU, a conjoined list).
    ``evidence`` says which data entry and rule resolved it.
    """

    text: str
    name: str | None
    country: str | None
    sector: str | None
    kind: str
    id: str | None = None
    members: tuple[str, ...] = ()
    evidence: str | None = None
    span: Span | None = None

    def same_as(self, other: Actor) -> bool:
        """Whether two mentions name one actor: the same data entry in the same sector ("the
        EU" and "the new EU sanctions"; not "Bosnian Serbs" and "Bosnian forces"); one
        mention taken for both sides; or one definite description read twice, of the same
        country and sector ("a meeting between the regime and the regime"), not an
        indefinite one ("a soldier shot a soldier")."""
        if self.span is not None and self.span == other.span and self.country == other.country:
            return True  # one mention on both sides (not two members of "the three countries")
        if self.sector != other.sector:
            return False
        if self.id is not None:
            return self.id == other.id
        words = self.text.lower().split()
        return self.country == other.country and words == other.text.lower().split() and \
            bool(words) and words[0] not in INDEFINITE


@dataclasses.dataclass(frozen=True)
class Location(_Record):
    """Where an event happened (see docs/places.md).

    ``precision``: site, city, admin1 or country -- how exact ``lat``/``lon`` are.
    ``feature``: the gazetteer's kind of place (capital, city, admin1, airbase, …).
    ``admin1``: the GeoNames first-level division code (ISO country + code, "SY13").
    ``evidence``: which words named it, the score and the reason the candidate won.
    """

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None = None
    geonames_id: int | None = None
    precision: str | None = None
    admin1: str | None = None
    evidence: str | None = None


@dataclasses.dataclass(frozen=True)
class PlaceCandidate(_Record):
    """One reading of a place name in a text, as :func:`eventwire.geocode` ranks them:
    ``rank`` 1 is the chosen reading; ``slot`` says why the words were read as a place."""

    text: str
    span: Span
    rank: int
    location: Location
    score: float
    slot: str
    reasons: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Evidence(_Record):
    """Why an event was coded: the trigger words, the rule that fired, and offsets.

    ``model`` and ``score`` name the learned model that looked at the event and the
    probability it gave: the veto that reviewed a rule's event (``coding/veto.py``: that a
    careful coder would code it) or the proposer that added it (``coding/proposer.py``: that
    the sentence holds an event of its root); both are None when no model looked at it (the
    rule-only coder)."""

    trigger: str
    rule: str
    trigger_span: Span
    source_span: Span | None = None
    target_span: Span | None = None
    notes: tuple[str, ...] = ()
    model: str | None = None
    score: float | None = None


@dataclasses.dataclass(frozen=True)
class Plover(_Record):
    type: str
    mode: str | None = None
    context: str | None = None


@dataclasses.dataclass(frozen=True)
class Event(_Record):
    """One coded event: who did what to whom, when, where, how certain, per whom."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    span: Span
    source: Actor | None
    target: Actor | None
    cameo: str
    root: str
    plover: Plover | None
    quad_class: int
    goldstein: float
    modality: Modality
    speaker: Actor | None
    quote: str | None
    outlet: str | None
    date: dt.date | None
    date_precision: DatePrecision | None
    date_source: str | None
    location: Location | None
    evidence: Evidence
    headline: bool = False
    coder_version: str = ""
    #: an earlier event told as context: dated from the text, over 30 days before publication
    background: bool = False

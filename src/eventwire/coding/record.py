"""An event reading made into its :class:`~eventwire.records.Event` record: the CAMEO code's
PLOVER type, QuadClass and Goldstein score, the event's stable id, the offsets of its
sentence, trigger and sides in the article as given, the evidence of the rule (or model)
that coded it, and whether its date is background; an event another implies (a visit, the
attack a downed missile was: :func:`derived`); and of a sentence's events, those another
event tells whole (:func:`whole_only`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence

from spacy.tokens import Span, Token

from .. import codes
from ..records import Actor, Event, Evidence, Location, Modality
from ..records import Span as CharSpan
from . import when
from .context import ArticleContext, Found
from .patterns import Pattern

#: maps a character span of the text parsed to one of the article as given
Spanner = Callable[[int, int], CharSpan]


def event(t: Token, p: Pattern, sent: Span, index: int, ctx: ArticleContext, headline: bool,
          src: Found | None, tgt: Found | None, mod: Modality, cue: str | None,
          speaker: Actor | None, quote: str | None, date: dt.date | None,
          precision: str | None, date_source: str | None, place: Location | None, *,
          version: str, span: Spanner, rule: str | None = None,
          notes: Sequence[str] = ()) -> Event:
    """The event told by trigger ``t`` under pattern ``p`` in sentence ``sent`` (number
    ``index``; -1 for the headline, whose offsets are into the title), with its sides,
    modality, attribution, date and place already found. Its id hashes the article, the
    sentence, the trigger's offset, the code and the sides, so that re-coding gives the
    same id."""
    code = codes.lookup(p.code)
    doc_id = ctx.article.id
    key = f"{doc_id}|{index}|{t.idx}|{p.code}|{src.key if src else ''}|" \
          f"{tgt.key if tgt else ''}"
    event_id = hashlib.sha1(key.encode()).hexdigest()[:16]
    notes = [*notes, f"modality cue: {cue}"] if cue else list(notes)
    if headline:
        notes.append("headline: offsets are into the title")
    sent_span = span(sent.start_char, sent.end_char) if not headline else \
        CharSpan(sent.start_char, sent.end_char)
    evidence = Evidence(
        trigger=t.text, rule=rule or f"{p.file}#{p.id}" if p.file else (rule or p.id),
        trigger_span=span(t.idx, t.idx + len(t)),
        source_span=src.actor.span if src else None,
        target_span=tgt.actor.span if tgt else None,
        notes=tuple(notes),
    )
    return Event(
        event_id=event_id, doc_id=doc_id, sentence_index=index, sentence=sent.text.strip(),
        span=sent_span, source=src.actor if src else None, target=tgt.actor if tgt else None,
        cameo=code.code, root=code.root, plover=code.plover, quad_class=code.quad_class,
        goldstein=code.goldstein, modality=mod, speaker=speaker, quote=quote,
        outlet=ctx.article.outlet, date=date,
        date_precision=precision,  # type: ignore[arg-type]
        date_source=date_source, location=None if place is None else place,
        evidence=evidence, headline=headline, coder_version=version,
        background=when.is_background(date, date_source, ctx.published, ctx.published_known),
    )


def derived(event: Event, code: str, tag: str, source: Actor | None, target: Actor | None,
            note: str) -> Event:
    """The event ``event`` implies: coded ``code`` between ``source`` and ``target``, in the
    same sentence with the same modality, date and place; its id is ``event``'s and ``tag``'s,
    its rule ``tag<`` + ``event``'s, and ``note`` says why."""
    c = codes.lookup(code)
    return dataclasses.replace(
        event, event_id=hashlib.sha1(f"{event.event_id}|{tag}".encode()).hexdigest()[:16],
        source=source, target=target, cameo=c.code, root=c.root, plover=c.plover,
        quad_class=c.quad_class, goldstein=c.goldstein,
        evidence=dataclasses.replace(
            event.evidence, rule=f"{tag}<{event.evidence.rule}",
            source_span=source.span if source is not None else None,
            target_span=target.span if target is not None else None,
            notes=(*event.evidence.notes, note)))


def between(events: Iterable[Event], source: str | None, target: str | None) -> Iterator[Event]:
    """The events of ``events`` from a side of country ``source`` to a side of country
    ``target`` (for a derived event that must not repeat one coded already)."""
    return (x for x in events if x.source is not None and x.target is not None and
            x.source.country == source and x.target.country == target)


def _side(actor: Actor | None) -> str | None:
    return None if actor is None else (actor.country or actor.text)


def whole_only(events: list[Event]) -> list[Event]:
    """A sentence's events without those another event of the same code tells whole: "a
    truce was agreed by Armenia and Azerbaijan" is Armenia's truce with Azerbaijan (from
    "truce"), not also Armenia's truce with no one (from "agreed"); and the first of those
    of one code between the same two sides only ("10 civilians were killed and 45
    injured": one attack on Syria's civilians) -- one event per dyad, code and sentence."""
    def covers(whole: Event, part: Event) -> bool:
        return whole is not part and whole.cameo == part.cameo and all(
            _side(p) is None or _side(p) == _side(w) for p, w in
            ((part.source, whole.source), (part.target, whole.target))) and \
            (_side(whole.source), _side(whole.target)) != (_side(part.source), _side(part.target))
    kept: dict[tuple[str, str | None, str | None, str | None, str | None], Event] = {}
    for ev in events:  # a domestic dyad's two sides differ by sector ("the army and the RSF")
        if not any(covers(other, ev) for other in events):
            kept.setdefault((ev.cameo, _side(ev.source), _side(ev.target),
                             ev.source and ev.source.sector, ev.target and ev.target.sector), ev)
    return list(kept.values())

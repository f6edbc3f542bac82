"""Why the coder coded what it did in a sentence: the parse, each candidate trigger and the
patterns tried for it, and the events (``eventwire extract --explain``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from ..records import Actor
from .context import ArticleContext

if TYPE_CHECKING:
    from .coder import EventCoder


def explain(coder: EventCoder, sent: Span, ctx: ArticleContext) -> list[str]:
    """Why each pattern candidate in a sentence fired or not, with the parse."""
    lines = [" ".join(f"{t.text}/{t.pos_}/{t.dep_}<{t.head.i - sent.start}"
                      for t in sent)]
    fired = {t.i: p for t in sent if (p := coder._match(t)) is not None}
    for t in sent:
        group = coder.patterns.verbs if t.pos_ == "VERB" else (
            coder.patterns.nouns if t.pos_ == "NOUN" else {})
        candidates = group.get(t.lemma_.lower(), ())
        if not candidates:
            continue
        if t.i not in fired:
            lines.append(f"{t.text!r}: {len(candidates)} pattern(s), none fits the parse "
                         f"({', '.join(p.id for p in candidates[:4])})")
            continue
        gov = coder._governing_trigger(t, fired)
        why = f"inside the complement of {gov.text!r}" if gov is not None else "fires"
        lines.append(f"{t.text!r}: pattern {fired[t.i].id} {why}")
    for ev in coder.code_sentence(sent, 0, ctx):
        lines.append(f"=> {ev.cameo} {_label(ev.source)} -> {_label(ev.target)} "
                     f"[{ev.modality}] rule {ev.evidence.rule}")
    return lines


def _label(actor: Actor | None) -> str:
    return f"{actor.country}/{actor.sector} {actor.text!r}" if actor else "-"



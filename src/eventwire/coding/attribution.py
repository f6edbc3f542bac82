"""Attribution: whose claim an event is, and the words quoted.

An event whose trigger sits inside the complement of a speech verb ("Lavrov
**said** Moscow expects ...", '"We will respond," the ministry **said**') or under
"according to X" is attributed to that verb's subject (or X). The quote is the
quoted stretch around the trigger when there are quotation marks, otherwise the
reported clause (indirect speech).
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from .cues import Cues

QUOTES = frozenset({'"', "\u201c", "\u201d", "''", "``"})


@dataclasses.dataclass(frozen=True)
class Claim:
    speaker: Token | None  # the head word of the speaker's noun phrase
    verb: Token | None  # the speech verb, or "according"
    quote: str | None
    alleging: bool = False


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if verb.dep_ == "conj":
        return _subject(verb.head)
    return None


def _quoted(trigger: Token, sent: Span) -> str | None:
    marks = [t.i for t in sent if t.text in QUOTES]
    before = [i for i in marks if i < trigger.i]
    after = [i for i in marks if i > trigger.i]
    if len(before) % 2 == 1 and after:
        doc = sent.doc
        return doc[before[-1] + 1:after[0]].text.strip(" ,")
    return None


def _according_to(sent: Span) -> Token | None:
    for tok in sent:
        if tok.lower_ == "according":
            for child in tok.children:
                if child.lower_ == "to":
                    return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def find_claim(trigger: Token, sent: Span, cues: Cues) -> Claim | None:
    """The claim the event of ``trigger`` is reported in, if any."""
    tok = trigger
    path: Token = trigger
    while tok.head.i != tok.i:
        head = tok.head
        if head.lemma_.lower() in cues.speech_verbs and head.pos_ in ("VERB", "AUX") and \
                tok.dep_ in ("ccomp", "parataxis", "xcomp", "advcl", "conj", "dobj", "pcomp"):
            path = tok
            quote = _quoted(trigger, sent)
            if quote is None:
                words = [t for t in path.subtree if t.i >= sent.start and t.i < sent.end]
                quote = sent.doc[words[0].i:words[-1].i + 1].text.strip(" ,") if words else None
            return Claim(_subject(head), head, quote,
                         alleging=head.lemma_.lower() in cues.alleging_speech)
        tok = head
    source = _according_to(sent)
    if source is not None:
        return Claim(source, source.head.head if source.head else None, _quoted(trigger, sent))
    return None

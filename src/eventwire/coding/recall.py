"""Events named again: "the seizure", "the attack" and whose they were.

A report tells an event once with its doer ("Iran's Revolutionary Guards seized a British
tanker") and then names it again by a definite noun with no doer of its own ("Britain said
**the seizure** was unacceptable", "France condemned **the attack**"). A careful coder
codes the reaction against the doer of the event named. The coder remembers, for each kind
of event (its three-digit code, and its root), the last doer the article named
(:func:`remember`), and a definite event noun with no actor in its own phrase stands for
that doer (:func:`doer_of`) where a target is looked for. Force told with no doer at all
("the hospital was hit", "the attacks on Idlib") is implied to be by the article's last named
doer of such force, if it was named at most ``IMPLIED_REACH`` sentences before and no doer of
another country used force of that root (:func:`implied_doer`; its text in brackets; an
assault or a massacre only by one of the same code or done to the same side). When the
article's latest named violence was an assault ("a suicide bombing claimed by Islamic State
killed four Americans"), a killing with no doer after it ("16 people were killed in the
attack") is a casualty of that assault, by its doer (:func:`latest_assault`). An
answer with no named other side ("Qatar denies it", "Russia refused") answers the latest
accusation, appeal or demand the article told against the answerer's country, and a
retaliation the latest force used against it (:func:`answered`), or the deed it pays back
when the sentence tells it ("retaliate for the Israeli strike": :func:`paid_back`). Each
actor says so in its ``evidence``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from spacy.tokens import Span, Token

from ..codes import FORCE_ROOTS
from ..records import Actor, Event
from .context import Found
from .nested import named_again
from .patterns import Pattern
from .syntax import DEFINITE, PAYBACK_WORDS, cause
from .veto import SpanOf, triggers

#: modalities of events that happened, whose doer a later mention may point back to
TOLD = frozenset({"asserted", "alleged"})
#: how many sentences back a named doer of force may be implied by a later one
IMPLIED_REACH = 10
#: roots whose kinds differ in who does them (an air force kills, a jailer tortures, a
#: militia massacres): a doer is implied only by a deed of the same code, or by one done to
#: the same side
SAME_KIND_ROOTS = ("18", "20")


#: events that answer others, by code prefix, and the roots of what they answer: a denial
#: answers an accusation, a rejection an appeal, offer or demand, a concession a demand or
#: threat ("Saudi Arabia accused Qatar … Qatar denies it": the denial is to Saudi Arabia)
ANSWERS = {"016": ("11",), "12": ("02", "03", "10"), "08": ("10", "13")}


@dataclasses.dataclass(frozen=True)
class Deed:
    """The named doer of a kind of event, whom it was done to, and the sentence that told
    it."""

    doer: Actor
    sentence: int
    target: Actor | None = None
    #: the countries of every named doer of such events so far
    countries: frozenset[str] = frozenset()
    #: the event's CAMEO code
    code: str = ""


def remember(events: Iterable[Event], deeds: dict[str, Deed]) -> None:
    """Note in ``deeds`` the named doer of each kind of event told, by its three-digit code
    and by its root (the last one wins), and the named doer of force against each side
    named (:func:`_foe_key`)."""
    for ev in events:
        if ev.modality in TOLD and ev.source is not None and ev.source.country is not None \
                and not ev.source.text.startswith("["):  # an implied doer is no named one
            keys = {ev.cameo, ev.cameo[:3], ev.root}
            if ev.root in FORCE_ROOTS and _a_side(ev.target) and \
                    ev.target.country != ev.source.country:
                keys.add(_foe_key(ev.target))
            for key in keys:
                before = deeds[key].countries if key in deeds else frozenset()
                deeds[key] = Deed(ev.source, ev.sentence_index, ev.target,
                                  before | {ev.source.country}, ev.cameo)


#: sectors of those force falls on that are no side of a fight: civilians are everyone's
#: victims
NO_SIDE_SECTORS = frozenset({None, "CVL"})


def _a_side(actor: Actor | None) -> bool:
    """Whether ``actor`` is a side one fights: of a country and a sector, no place and no
    civilians ("Islamic State", "the regime"; not "Syria", "Idlib", "civilians")."""
    return actor is not None and actor.country is not None and \
        actor.sector not in NO_SIDE_SECTORS and actor.kind != "place"


def _foe_key(side: Actor) -> str:
    """The key under which :func:`remember` notes who last used force against ``side``: its
    country and sector ("against IRQ REB": against Islamic State)."""
    return f"against {side.country} {side.sector}"


def foe_of(targets: Iterable[Actor], deeds: dict[str, Deed], trigger: Token,
           sentence: int) -> Actor | None:
    """For force with no doer named against a side the article named ("the final assault on
    the last bastion of Isis"), the article's last named doer of force against that side
    (its country and sector), of another country, if told at most ``IMPLIED_REACH``
    sentences before: the side fighting it; None otherwise."""
    for target in targets:
        if not _a_side(target):
            continue
        deed = deeds.get(_foe_key(target))
        if deed is not None and sentence - deed.sentence <= IMPLIED_REACH:
            return _implied(deed.doer, f"implied by {trigger.text!r}: no doer named; the "
                                       f"article's last named doer of force against "
                                       f"{target.text!r}, {deed.doer.text!r} "
                                       f"({deed.doer.evidence})")
    return None


#: the root of assaults (bombings, shootings, kidnappings), which a story of one tells again
ASSAULT_ROOT = "18"


def latest_assault(deeds: dict[str, Deed], sentence: int) -> str | None:
    """The code of the article's latest named violence when it was an assault (CAMEO 18: "a
    suicide bombing claimed by Islamic State killed four Americans") told at most
    ``IMPLIED_REACH`` sentences before ``sentence``; None when the latest was fighting or mass
    violence, or none was told. Fighting told in the same sentence by the same doer is the
    assault told twice; by another doer, no one kind is the latest."""
    told = [deeds[root] for root in FORCE_ROOTS if root in deeds]
    last = max((d.sentence for d in told), default=None)
    if last is None or sentence - last > IMPLIED_REACH:
        return None
    latest = [d for d in told if d.sentence == last]
    assault = next((d for d in latest if d.code.startswith(ASSAULT_ROOT)), None)
    if assault is None or any(d.doer.country != assault.doer.country for d in latest):
        return None
    return assault.code


def _implied(actor: Actor, evidence: str) -> Actor:
    """``actor`` as a side no word of the sentence names: its text in brackets, no span, and
    ``evidence`` saying why it is implied."""
    return dataclasses.replace(actor, text=f"[{actor.text}]", span=None, evidence=evidence)


def _last(code: str, deeds: dict[str, Deed]) -> Deed | None:
    return deeds.get(code[:3]) or deeds.get(code[:2])


def doer_of(noun: Token, code: str, deeds: dict[str, Deed]) -> Actor | None:
    """The doer of the earlier event a definite event noun coded ``code`` names again ("the
    seizure": the last seizure's, else the last such event's of its root), or None when the
    noun names its own actor, is not definite, or the article named no doer before."""
    if not named_again(noun, DEFINITE):
        return None
    deed = _last(code, deeds)
    if deed is None:
        return None
    return dataclasses.replace(deed.doer, text=noun.text, evidence=(
        f"{deed.doer.evidence}; {noun.text!r} names again an event of {deed.doer.text!r}"))


def recalled(noun: Token, pattern: Pattern | None, deeds: dict[str, Deed],
             span_of: SpanOf) -> list[Found]:
    """The doer of the earlier event a definite event noun (fired as ``pattern``) names
    again, as a side the noun names ("Britain said **the seizure** was unacceptable"): see
    :func:`doer_of`; empty when there is none."""
    doer = doer_of(noun, pattern.code, deeds) if pattern is not None else None
    if doer is None:
        return []
    return [Found(dataclasses.replace(doer, span=span_of(noun.idx, noun.idx + len(noun))),
                  noun)]


def implied_doer(code: str, deeds: dict[str, Deed], trigger: Token,
                 sentence: int, target_country: str | None = None) -> Actor | None:
    """For force no clause names a doer of ("the hospital was hit", "the attacks on Idlib"),
    the article's last named doer of such force (three-digit code, else root) if it was
    named at most ``IMPLIED_REACH`` sentences before and no doer of another country was
    named for force of its root before, marked as implied; else None. ``target_country``:
    the country of those the force was done to (see :data:`SAME_KIND_ROOTS`)."""
    # an assault or a massacre is implied by one of the same kind, or done to the same side
    # (a torture of rebels is not the last killer of jihadists'); any use of force by the
    # last doer of force
    deed = _last(code, deeds)
    if deed is not None and code.startswith(SAME_KIND_ROOTS) and \
            not (deed.target is not None and target_country is not None
                 and deed.target.country == target_country):
        deed = deeds.get(code)
    kin = deeds.get(code[:2])
    if deed is None or sentence - deed.sentence > IMPLIED_REACH or (
            kin is not None and len(kin.countries) > 1):
        return None  # none named lately, or doers of more than one country: no guess
    # force on another country's people or places: another war, no guess; but an assault of
    # the very code told last is that assault's ("a suicide bombing …" then "16 people were
    # killed in the attack", their country read from the place)
    if deed.target is not None and deed.target.country and target_country and \
            deed.target.country != target_country and not (
                code.startswith(SAME_KIND_ROOTS) and deed.code == code):
        return None
    doer = deed.doer
    return _implied(doer, f"implied by {trigger.text!r} ({code}): no doer named; the "
                          f"article's last named doer of such force, {doer.text!r} "
                          f"({doer.evidence})")


def implied_target(code: str, doer: Actor, deeds: dict[str, Deed], trigger: Token,
                   sentence: int) -> Actor | None:
    """For force a named doer used with no target named ("the SDF pushed into Hajin",
    "government forces advanced on the town"), the side the same doer was last told using
    such force against, at most ``IMPLIED_REACH`` sentences before: the war it is fighting
    ("[Isis]"), marked as implied; None when the article told no such deed of this doer,
    or one done to a place only."""
    if not code.startswith(FORCE_ROOTS) or doer.country is None:
        return None
    deed = _last(code, deeds)
    if deed is None or deed.target is None or deed.target.country is None or \
            deed.target.kind == "place" or deed.target.text.startswith("[") or \
            sentence - deed.sentence > IMPLIED_REACH or not (
                deed.doer.same_as(doer) or deed.doer.country == doer.country) or \
            deed.target.country == doer.country and deed.target.sector == doer.sector:
        return None
    side = deed.target
    return _implied(side, f"implied by {trigger.text!r} ({code}): no target named; the side "
                          f"{deed.doer.text!r} was last told using such force against, "
                          f"{side.text!r} ({side.evidence})")


def retaliation(trigger: Token) -> bool:
    """Whether the event at ``trigger`` strikes back: its word, or the word of its
    complement or object ("vowed to **retaliate**", "threatened **revenge**")."""
    words = [trigger, *(c for c in trigger.children if c.dep_ in ("xcomp", "dobj", "ccomp"))]
    return any(w.lemma_.lower() in PAYBACK_WORDS for w in words)


def answered(code: str, answerer: Actor, deeds: dict[str, Deed], sentence: int,
             trigger: Token | None = None) -> Actor | None:
    """Whom an answer with no named other side answers (:data:`ANSWERS`; a retaliation,
    :func:`retaliation`, answers force: "Israel struck Iranian air defences. Iran said it
    would retaliate": against Israel): the doer of the latest such event the article told
    against the answerer's country, at most ``IMPLIED_REACH`` sentences before; else None."""
    roots = FORCE_ROOTS if trigger is not None and retaliation(trigger) else next(
        (r for prefix, r in ANSWERS.items() if code.startswith(prefix)), ())
    asked = [d for root in roots if (d := deeds.get(root)) is not None and d.target is not None
             and d.target.country is not None and d.target.country == answerer.country
             and d.doer.country != answerer.country and sentence - d.sentence <= IMPLIED_REACH]
    if not asked:
        return None
    deed = max(asked, key=lambda d: d.sentence)
    return _implied(deed.doer, f"answered: {deed.doer.text!r} had acted against "
                               f"{answerer.text!r} ({deed.doer.evidence})")


def paid_back(events: list[Event], sent: Span, span_of: SpanOf) -> list[Event]:
    """``events`` (coded in ``sent``; ``span_of`` maps its offsets to the article's), a
    retaliation with no other side given the doer of what it pays back when the sentence
    tells that too ("Iran vowed to retaliate **for the Israeli strike**": against Israel)."""
    if all(e.target is not None for e in events) or not any(
            t.lemma_.lower() in PAYBACK_WORDS for t in sent):
        return events  # no side open, or no word of paying back: nothing to look up
    words = triggers(sent, span_of, (e.evidence.trigger for e in events))
    # what the sentence tells as paid back: the word of paying back, the doer, the deed's word
    paid = [(word.head.head, e.source, e.evidence.trigger) for e in events
            if (word := words.get(e.evidence.trigger_span.start)) is not None and cause(word)
            and e.modality in TOLD and e.source is not None and e.source.country is not None]
    out: list[Event] = []
    for e in events:
        tok = words.get(e.evidence.trigger_span.start)
        if e.target is None and e.source is not None and tok is not None and retaliation(tok):
            payer = e.source
            found = next(((doer, deed) for back, doer, deed in paid
                          if (back.i == tok.i or tok.is_ancestor(back))
                          and doer.country != payer.country), None)
            if found is not None:
                doer, deed = found
                e = dataclasses.replace(
                    e, target=_implied(doer, f"paid back: {doer.text!r} did the {deed!r} it "
                                             f"answers"),
                    evidence=dataclasses.replace(e.evidence, target_span=None, notes=(
                        *e.evidence.notes, f"the other side is whose deed it pays back "
                                           f"({doer.text})")))
        out.append(e)
    return out

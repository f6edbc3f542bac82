"""How an event is framed: its modality, who reports it, and what the framing makes of it.

Once an event's parties are known, the words around its trigger decide what is said of it
(docs/events.md, steps 6-7): asserted, negated, hypothetical, future or alleged
(:mod:`.modality`), the claim that reports it (:mod:`.attribution`), and whether the framing
turns it into another event (:mod:`.reframe`): an announced action is also an intent or a
threat, a refused one a rejection, an action one actor wants or says another must take a
demand by the first on the second.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from ..records import Actor, Modality
from . import attribution, modality
from .attribution import Claim
from .context import ArticleContext, Found
from .cues import Cues
from .parties import PartyFinder
from .patterns import Pattern
from .reframe import Reframing
from .syntax import has_future_aux, in_question, lemma_of, passive

Pair = tuple[Found | None, Found | None]
#: CAMEO roots of acts several parties do together (consultations: meetings, talks)
JOINT_ROOTS = ("04",)


@dataclasses.dataclass
class Framing:
    """What the framing of one trigger says: the (possibly recoded) pattern, its parties and
    their pairs, modality and cue, the reporting claim and its speaker, and the announcement
    or refusal coded beside the event (None when there is none)."""

    pattern: Pattern
    sources: list[Found]
    targets: list[Found]
    pairs: list[Pair]
    modality: Modality
    cue: str | None
    claim: Claim | None
    speaker: Actor | None
    announcement: Pattern | None


class Framer(PartyFinder):
    """Frames events; mixed into the event coder (which gives ``cues`` and ``reframing``)."""

    cues: Cues
    reframing: Reframing

    def _frame(self, t: Token, p: Pattern, sent: Span, ctx: ArticleContext,
               sources: list[Found], targets: list[Found], pairs: list[Pair],
               alleged_by: Token | None, possible_by: Token | None,
               notes: list[str], presupposed_by: Token | None = None) -> Framing:
        # an event whose teller presupposes it ("will investigate the attack") takes no
        # modality from that teller or above it
        mod, cue = modality.modality(t, self.cues, p.code, upto=presupposed_by)
        if alleged_by is not None and mod == "asserted":
            mod, cue = "alleged", alleged_by.text
        if possible_by is not None:
            mod, cue = "hypothetical", f"not {possible_by.text} out"
        claim = attribution.find_claim(t, sent, self.cues)
        if claim is not None and claim.alleging and mod == "asserted":
            mod, cue = "alleged", claim.verb.text if claim.verb is not None else None
        speaker = self._actor(claim.speaker, ctx) if claim and claim.speaker is not None else None
        conditional = any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children)
                          for c in t.children)
        forecast = any(g.text == cue and passive(g) for g in modality.governors(t, self.cues))
        # "Russia is expected to launch an offensive": others' forecast, no announcement;
        # "whether it is prepared to withdraw": a question, no announcement either
        # "if attacked, it would retaliate": a conditional announcement is still one
        if_would = mod == "hypothetical" and any(
            c.dep_ == "aux" and c.lower_ in ("would", "will") for c in t.children) and any(
            c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children) for c in t.children)
        # an event noun no one is said to announce ("an impending regime incursion", "a
        # final assault would finish within days") is a forecast, not its doer's intent
        unannounced = (claim is None or claim.speaker is None) and t.pos_ == "NOUN"
        # "Russia, Iran and Turkey will meet in Sochi": a meeting several parties are to hold
        # together, told by the reporter, is no one party's stated intent
        scheduled = (claim is None or claim.speaker is None) and len(sources) > 1 and \
            p.code.startswith(JOINT_ROOTS)
        announced = None if forecast or in_question(t) or unannounced or scheduled else \
            self.reframing.announced(p.code, mod, "would" if if_would else cue, conditional)
        refused = self.reframing.refused(
            p.code, mod, lemma_of(cue, t),
            # "said it would not resume talks": a refusal reported in speech
            future=any(has_future_aux(g, self.cues) or (claim is not None and any(
                c.dep_ == "aux" and c.lower_ == "would" for c in g.children))
                for g in (t, *modality.governors(t, self.cues))))
        wanter = self._wanter(t, ctx)
        if wanter is not None and sources and all(s.actor != wanter.actor for s in sources) \
                and (wanted := self.reframing.demanded(p.code)) is not None:
            # "Iraq wants Turkey to pull its troops out": Iraq's demand on Turkey
            notes.append(f"{wanter.actor.text!r} wants {p.code} done: coded as demand {wanted}")
            p = dataclasses.replace(p, code=wanted)
            targets, sources = sources, [wanter]
            mod, cue = "asserted", None
            pairs = [(s, g) for s in sources for g in targets]
            announced = refused = None
        announcement: Pattern | None = None
        if refused is not None:
            notes.append(f"refused action {p.code}; the refusal is coded {refused}")
            announcement = dataclasses.replace(p, code=refused)
        elif announced is not None:
            # two events: the announcement (asserted, CAMEO's intent/threat code) and the
            # announced action itself with its own modality, for analysts who filter on it
            notes.append(f"announced action {p.code}; the announcement is coded {announced}")
            announcement = dataclasses.replace(p, code=announced)
        elif (speaker is not None and claim is not None and claim.speaker is not None
              and mod == "hypothetical" and ((cue or "").lower() in self.reframing.demand_cues
                                             or modality.mandated(t, self.cues))
              and (demand := self.reframing.demanded(p.code)) is not None
              and all(s.actor != speaker for s in sources)):
            notes.append(f"{speaker.text!r} says {p.code} must happen: coded as demand {demand}")
            p = dataclasses.replace(p, code=demand)
            targets, sources = sources, [Found(speaker, claim.speaker)]
            mod, cue = "asserted", None
            pairs = [(s, g) for s in sources for g in (targets or [None])]
        return Framing(p, sources, targets, pairs, mod, cue, claim, speaker, announcement)


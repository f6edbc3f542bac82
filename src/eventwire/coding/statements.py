"""Speech that is itself the event: a statement about another actor (CAMEO 010), or a
demand put as what another must do ("X said Y must ...", 100).

Speech that reports another event is that event's attribution, not an event of its own
(:mod:`.attribution`); a speech act is coded here only when its complement holds no fired
trigger, only when it is addressed to or about another actor, and, when it reports a clause,
only when that clause judges its subject ("said the vote was a step forward"), not when it
reports an act no pattern codes ("said Isis was confined to Baghuz": docs/annotation.md,
"Statements").
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from ..records import Event
from . import modality, relevance, where
from .context import ArticleContext, another
from .parties import PartyFinder
from .patterns import Pattern
from .syntax import child, prep_objects

STATEMENT_CODE = "010"
#: speech verbs that accuse whoever their complement is about ("alleged that X recruited
#: fighters"): CAMEO 112, not a plain statement
ACCUSING_SPEECH = frozenset({"allege"})
ACCUSE_CODE = "112"


def judged(clause: Token) -> bool:
    """Whether a reported clause passes judgement on its subject ("the vote in Kiev **was a
    step forward**", "UNHCR **is very concerned**"): a predicate noun or adjective. Any
    other clause reports an act or a state ("Isis was now confined to Baghuz", "51 people
    have died"); the speech then only attributes it (docs/annotation.md: "Do not add an
    010")."""
    return any(c.dep_ in ("acomp", "attr") for c in clause.children) or \
        clause.lemma_ == "be" and not any(c.dep_ == "expl" for c in clause.children)


class StatementCoder(PartyFinder):
    """Statements; mixed into the event coder (which gives ``_event``, ``_date``)."""

    def _statements(self, sent: Span, index: int, ctx: ArticleContext, headline: bool,
                    fired: dict[int, Pattern]) -> list[Event]:
        """Code a speech act (CAMEO 010) when its complement holds no other event and it is
        addressed to, or about, another actor (docs/annotation.md, "Statements")."""
        out: list[Event] = []
        statement = Pattern(id="speech", code=STATEMENT_CODE, pos="verb", lemma="say",
                            target=("dative", "to"), file="cues.yaml")
        for t in sent:
            if t.pos_ != "VERB" or t.lemma_.lower() not in self.cues.speech_verbs:
                continue
            comp = child(t, "ccomp")
            demanded = comp is not None and comp.i not in fired and any(
                c.dep_ == "aux" and c.lower_ in self.reframing.demand_cues and c.tag_ == "MD"
                for c in comp.children)  # "must", "should"; not the "have" of "have fled"
            if not demanded and any(i in fired for i in (w.i for w in t.subtree)):
                continue
            sources = self._actors(self._source_head(t), ctx)
            if not sources:
                continue
            if demanded and comp is not None:
                subjects = [f for f in self._actors(child(comp, "nsubj"), ctx)
                            if another(f.actor, sources[0].actor)]  # not the speaker's own
                if subjects:
                    mod, cue = modality.modality(t, self.cues)
                    date, precision, date_source = self._date(t, None, sent, ctx, mod)
                    p = dataclasses.replace(statement, id=f"speech-demand:{t.lemma_.lower()}",
                                            code="100")
                    place = where.locate_in(t, [], self.resolver, ctx, p.code)
                    out.extend(self._event(t, p, sent, index, ctx, headline, sources[0], subj,
                                           mod, cue, None, None, date, precision, date_source,
                                           place, notes=(f"{sources[0].actor.text!r} says "
                                                        f"{subj.actor.text!r} must act",))
                               for subj in subjects)
                    continue
            if not relevance.political(sources[0].actor):
                continue  # an analyst's or a resident's words are no political statement
            speaker = sources[0].actor
            targets = next((found for cand in self._slots(statement, [t], t, False)
                            if (found := [f for f in self._actors(cand, ctx)
                                          if another(f.actor, speaker)])), [])
            if not targets and comp is not None:
                # "Berlin said the vote in Kiev was a step forward": about Ukraine
                targets = next((found for cand in (child(comp, "nsubj", "nsubjpass"),
                                                   child(comp, "dobj"), *prep_objects([comp], "on"),
                                                   *prep_objects([comp], "against"))
                                if (found := [f for f in self._actors(cand, ctx)
                                              if another(f.actor, speaker)])), [])
            if not targets:
                continue  # a statement is an event when it is about another actor
            if comp is not None and not judged(comp) and \
                    t.lemma_.lower() not in ACCUSING_SPEECH:
                continue  # "said Isis was now confined to Baghuz": a report of an act, no 010
            mod, cue = modality.modality(t, self.cues)
            date, precision, date_source = self._date(t, None, sent, ctx, mod)
            p = dataclasses.replace(statement, id=f"speech:{t.lemma_.lower()}")
            if t.lemma_.lower() in ACCUSING_SPEECH and comp is not None:
                # "the government alleged that Prakash recruited fighters": an accusation
                p = dataclasses.replace(p, code=ACCUSE_CODE, id=f"speech-accuse:{t.lemma_.lower()}")
            place = where.locate_in(t, [], self.resolver, ctx, p.code)  # "speaking in X, said"
            out.append(self._event(t, p, sent, index, ctx, headline, sources[0],
                                   targets[0] if targets else None, mod, cue, None, None,
                                   date, precision, date_source, place))
        return out

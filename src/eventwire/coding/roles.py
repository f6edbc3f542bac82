"""Who did it and to whom: the source and target heads of a trigger in the parse.

:class:`RoleFinder` is the part of the event coder that walks the parse from a trigger to
the words naming its source and target (docs/events.md, "How a sentence is coded", steps
3-4). It returns parse tokens; turning them into actors is the coder's job.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import Cues
from .patterns import Pattern, PatternSet
from .syntax import child, conjuncts, passive, prep_objects

#: Prepositions whose object is the target of an event stated in a complement clause.
COMPLEMENT_TARGET_PREPS = ("against", "with", "on", "to", "toward", "towards", "from", "at",
                           "into")
#: A nominal event under a preposition of a verb is the verb's subject's ("wounded two soldiers
#: **in** a bomb attack", "did not focus **on** new sanctions") — except after these.
NOT_AGENTIVE_PREPS = frozenset({"after", "before", "since", "despite", "following", "amid",
                                "against", "over", "because", "until", "of", "from", "to"})
#: Pronouns that, inside reported speech, stand for the speaker ("Syria says it will ...").
SPEAKER_PRONOUNS = frozenset({"it", "they", "we", "i", "he", "she"})


class RoleFinder:
    """Source and target finding; mixed into :class:`~eventwire.coding.coder.EventCoder`."""

    cues: Cues
    patterns: PatternSet

    def _speaker_of_clause(self, tok: Token) -> Token | None:
        """The subject of the speech verb whose reported clause contains ``tok``."""
        while tok.head.i != tok.i:
            head = tok.head
            if head.lemma_.lower() in self.cues.speech_verbs and tok.dep_ in ("ccomp", "parataxis"):
                subj = child(head, "nsubj")
                return subj if subj is not None and subj.pos_ != "PRON" else None
            tok = head
        return None

    def _speaker_of(self, pron: Token) -> Token | None:
        """For a subject pronoun inside reported speech, the speaker it most likely means."""
        if pron.lower_ not in SPEAKER_PRONOUNS or pron.dep_ not in ("nsubj", "nsubjpass"):
            return None
        tok = pron.head
        while tok.dep_ in ("xcomp", "ccomp", "conj", "advcl") and tok.head.i != tok.i:
            head = tok.head
            if head.lemma_.lower() in self.cues.speech_verbs or (
                    tok.dep_ == "ccomp" and head.pos_ == "VERB"):
                subj = child(head, "nsubj")
                if subj is not None and subj.pos_ != "PRON":
                    return subj
                return None
            tok = head
        return None

    # -- sources and targets ------------------------------------------------------------
    def _source_head(self, t: Token, p: Pattern | None = None) -> Token | None:
        if passive(t):
            agent = next(iter(prep_objects([t], "by")), None)
            if agent is None and p is not None and "dobj" not in p.target:
                return child(t, "nsubjpass")  # "Vietnam is committed to ...": a state
            return agent
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        # the subject nearest the verb ("MOSCOW, April 11 - Russia's minister said": not MOSCOW)
        subj = max(subjects, key=lambda c: c.i) if subjects else None
        if subj is not None:
            if subj.lower_ in ("who", "which", "that") and t.dep_ == "relcl":
                return t.head
            return subj
        if t.dep_ == "xcomp":
            gov = t.head
            controller = child(gov, "dobj") or next(iter(prep_objects([gov], "on")), None)
            if controller is not None and gov.lemma_.lower() not in self.cues.future_governors:
                return controller
            return self._source_head(gov)
        if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
            return self._source_head(t.head)
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ in ("acomp", "attr") or (t.pos_ == "ADJ" and t.dep_ == "ccomp"):
            return self._source_head(t.head)  # "he is prepared to lift ..."
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":
            gov = t.head.head
            return child(gov, "dobj") or self._source_head(gov)
        if t.dep_ == "advcl" and t.tag_ == "VBG":
            return self._source_head(t.head)
        if t.dep_ == "acl" and t.head.dep_ in ("dobj", "attr") and t.head.head.pos_ in (
                "VERB", "AUX"):
            return self._source_head(t.head.head)  # "has the potential to attack"
        return None

    def _complement_target(self, t: Token) -> Token | None:
        """The target of an event stated in a complement clause: the subject of "demanded
        **that the US** cancel", or the object of "threatened to break relations **with
        Russia**"."""
        for comp in t.children:
            if comp.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux"
                                            for c in comp.children):
                obj = child(comp, "dobj")  # purpose: "opened fire to disperse protesters"
                if obj is not None:
                    return obj
            if comp.dep_ == "ccomp":
                subj = child(comp, "nsubj", "nsubjpass")
                if subj is not None and subj.pos_ != "PRON":
                    return subj
            if comp.dep_ in ("xcomp", "ccomp"):
                holders = [comp, child(comp, "dobj")]
                for word in COMPLEMENT_TARGET_PREPS:
                    found = prep_objects(holders, word)
                    if found:
                        return found[0]
                obj = child(comp, "dobj", "dative")
                if obj is not None:
                    return obj
        return None

    def _condition_subjects(self, t: Token) -> list[Token]:
        """Subjects of "if / unless" clauses on the trigger or its complement: the party whose
        action the event is made to depend on ("threatened to stop talks **if the United
        States** goes ahead")."""
        out = []
        for holder in [t, *(c for c in t.children if c.dep_ in ("xcomp", "ccomp"))]:
            for clause in holder.children:
                if clause.dep_ == "advcl" and any(
                        m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                    subj = child(clause, "nsubj", "nsubjpass")
                    if subj is not None and subj.pos_ != "PRON":
                        out.append(subj)
        return out

    def _noun_governor(self, n: Token) -> Token | None:
        """The verb a nominal trigger is the object of ("launched **airstrikes**")."""
        tok = n
        while tok.dep_ in ("dobj", "pobj", "prep", "conj", "nsubjpass", "attr") and \
                tok.head.i != tok.i:
            tok = tok.head
            if tok.pos_ == "VERB":
                return tok
        return None

    def _slots(self, p: Pattern, holders: list[Token | None], t: Token,
               passive: bool) -> list[Token]:
        """Candidate target heads from the pattern's slots, in the pattern's order."""
        out: list[Token] = []
        for slot in p.target:
            if slot == "none":
                return []
            if slot == "dobj":
                obj = child(t, "nsubjpass") if passive else child(t, "dobj")
                if obj is None and not passive:
                    # the small model sometimes reads "criticized Turkey" as an adverbial
                    obj = next((c for c in t.children if c.dep_ == "npadvmod"
                                and c.pos_ == "PROPN" and c.i == t.i + 1), None)
                if obj is not None:
                    out.append(obj)
            elif slot == "dative":
                obj = child(t, "dative", "iobj")
                if obj is not None:
                    out.append(next(iter(prep_objects([t], "to")), obj) if obj.lower_ == "to"
                               else obj)
            else:
                out.extend(prep_objects(holders, slot))
        return out

    @staticmethod
    def _modifier_actors(noun: Token | None) -> list[Token]:
        """Actors named inside an object noun phrase: "an appeal **from** X", "a
        **Senegalese** plan", "calls by **Belarus's** rulers", "an admission **by** Moscow"."""
        if noun is None:
            return []
        out = [c for c in noun.children if c.dep_ == "poss"]
        for word in ("by", "from", "of", "with", "against", "to", "toward", "towards"):
            out += prep_objects([noun], word)
        for inner in prep_objects([noun], "of"):  # "the prospect of talks with Armenia"
            for word in ("with", "against", "to", "by"):
                out += prep_objects([inner], word)
        out += [c for c in noun.children if c.dep_ in ("amod", "compound")
                and (c.pos_ == "PROPN" or c.text[:1].isupper())]
        return out

    def _roles(self, t: Token, p: Pattern) -> tuple[Token | None, list[Token], Token | None]:
        """(source head, target candidates in order, word governing a nominal trigger)."""
        if p.pos == "verb":
            obj = child(t, "dobj")
            holders: list[Token | None] = [t, *(conjuncts(obj) if obj is not None else [])] + [
                c for c in t.children if c.dep_ == "prt"]
            targets = self._slots(p, holders, t, passive(t))
            if "none" not in p.target:
                targets += self._modifier_actors(obj)
                comp = self._complement_target(t)
                if comp is not None:
                    targets.append(comp)
                targets += self._condition_subjects(t)
            if t.dep_ == "xcomp" and t.head.lemma_.lower() in self.cues.causative_verbs:
                made = child(t.head, "dobj")
                if made is not None:  # "ordered the newspaper to suspend": the orderer acts
                    return self._source_head(t.head), [made, *targets], None
            return self._source_head(t, p), targets, None
        gov = self._noun_governor(t)
        holders = [t, gov]
        poss = child(t, "poss")
        if poss is not None and poss.ent_type_ in ("DATE", "TIME"):
            poss = None  # "Tuesday's talks"
        if poss is not None and poss.pos_ == "PRON":
            # "held their meeting", "completed their withdrawal": the clause's subject
            poss = (self._source_head(gov) if gov is not None else None) or \
                self._speaker_of_clause(t)
        source = poss or next(iter(prep_objects([t], "by") + prep_objects([t], "from")), None)
        if source is None:
            for c in t.children:
                if c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.text[:1].isupper()):
                    source = c
                    break
        targets = self._slots(p, holders, t, False)
        if "between" in p.target and source is None:
            between = prep_objects([t], "between")
            if between:
                conj = conjuncts(between[0])
                return between[0], conj[1:2], gov  # _events_for keeps the source to itself
        if source is None and gov is not None and t.dep_ == "dobj":
            reaction = prep_objects([gov], "from")  # "drew criticism from Moscow"
            if reaction:
                subject = child(gov, "nsubj")
                return reaction[0], [*targets, *([subject] if subject is not None else [])], gov
        if source is None and gov is not None and (
                gov.lemma_.lower() in self.cues.light_verbs or t.dep_ == "dobj" or (
                    t.dep_ == "pobj" and t.head.lower_ not in NOT_AGENTIVE_PREPS)):
            source = self._source_head(gov)
        return source, targets, gov

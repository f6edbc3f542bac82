"""Modality of a coded event: asserted, negated, hypothetical, future or alleged.

Read off the trigger and the chain of words that govern it, up to (not through) a
speech verb: "did **not** focus on" (negated), "**could** strike" / "**if** talks
fail" / "**possible** joint airstrikes" (hypothetical), "**will** visit" /
"**plans to** withdraw" (future), "**reportedly** struck" / "**accused** X of
attacking" / "**is said to** have" (alleged). Precedence when cues mix: negated,
hypothetical, alleged, future. Double negation stays a negation of the trigger:
"we have not rejected this prospect" is a negated rejection, not a rejection.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..records import Modality
from .cues import Cues
from .syntax import DEFINITE, passive, side_clause, told_as_done

#: Dependencies through which a governing word passes its modality down.
GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "advcl",
                            "conj", "attr", "oprd", "nsubj", "nsubjpass", "compound", "amod"})
#: Prepositions of time and circumstance: what they introduce keeps its own modality.
CIRCUMSTANTIAL = frozenset({"after", "before", "since", "despite", "following", "during", "amid",
                            "over", "because", "due", "until"})
#: Prepositions by which a phrase tells where or amid what a noun stands: what they
#: introduce is no part of what the noun plans, doubts or denies
STANDING_PREPS = frozenset({"in", "at", "from", "with", "near", "under", "into", "through",
                            "within", "across"})
_ORDER: tuple[Modality, ...] = ("negated", "hypothetical", "alleged", "future")


def governors(trigger: Token, cues: Cues) -> Iterator[Token]:
    """The words above the trigger that can set its modality, nearest first."""
    tok = trigger
    while tok.dep_ in GOVERNING_DEPS and tok.head.i != tok.i:
        if tok.dep_ == "conj" and tok.pos_ == "VERB":
            tok = tok.head  # conjoined verbs share their auxiliaries but not their governors
            yield tok
            continue
        head = tok.head
        if head.lemma_.lower() in cues.speech_verbs and not passive(head):
            return
        if tok.dep_ == "prep" and tok.lower_ in CIRCUMSTANTIAL:
            return  # "... intends to act after the strike": the strike is not intended
        if tok.dep_ == "prep" and tok.lower_ in STANDING_PREPS and head.pos_ == "NOUN":
            return  # "stuck to his decision in the face of criticism": said of the decision
            # where it stands, not what it decides
        if side_clause(tok):
            return  # "agreed to talks **as** fighting entered its fourth week"
        if presupposed(tok, cues):
            return  # "Russia's veto of the resolution may embolden Assad": the veto was cast
        if tok.dep_ == "nsubjpass" and head.lemma_.lower() == "agree":
            return  # "a deal was agreed in July": the deal is made, not intended
        if told_as_done(tok):
            return  # "agreed to a ceasefire brokered by Egypt": the brokering is done
        yield head
        tok = head


#: "will" told in the past tense: "said the troops **would** withdraw"
BACKSHIFTED = frozenset({"would", "'d"})


def reported_future(verb: Token, cues: Cues) -> bool:
    """A "would" clause that reports a "will" in the past: the complement of a speech verb
    ("Trump announced that the troops would withdraw") with no condition of its own ("said
    it would retaliate if attacked" stays hypothetical)."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in cues.speech_verbs and \
        verb.head.tag_ in ("VBD", "VBN") and not any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in cues.hypothetical_marks
                                      for m in c.children) for c in verb.children)


def presupposed(tok: Token, cues: Cues) -> bool:
    """A definite noun event as the subject of a verb that does not tell it happens: its
    event is taken as given, whatever the verb's modality ("Trump's recent threats against
    Iran should be seen as …", "the airstrike could lead to a wider war"); not an indefinite
    one ("an attack would be a disaster"), nor the subject of a verb of occurrence ("the talks
    will take place in Geneva", `occurrence_verbs`)."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN" or \
            tok.head.lemma_.lower() in cues.occurrence_verbs:
        return False
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in DEFINITE or
               c.dep_ == "prep" and c.lower_ == "by" for c in tok.children)  # "airstrikes
    # by US forces … were intended to reassure": done by someone named


#: subjects that say no one did it
NOBODY = frozenset({"nobody", "none", "noone", "neither"})


def nobody(subject: Token) -> bool:
    """Whether a subject names no one: "nobody", "none of the groups", "no one", "no Arab
    government" (the event did not happen)."""
    return subject.lower_ in NOBODY or any(c.dep_ == "det" and c.lower_ == "no"
                                           for c in subject.children)


def _cues_on(tok: Token, cues: Cues, is_trigger: bool) -> Iterator[tuple[Modality, str]]:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        low, dep = child.lower_, child.dep_
        if dep == "neg" or (dep == "det" and low == "no") or (
                dep == "advmod" and low in ("never", "no")) or (
                dep in ("nsubj", "nsubjpass") and nobody(child)):
            yield "negated", child.text  # "did not", "no attack", "no government condemned"
        elif dep in ("aux", "auxpass"):
            if low in BACKSHIFTED and reported_future(tok, cues):
                yield "future", child.text  # "announced that the troops would withdraw"
            elif low in cues.hypothetical_aux or child.lemma_.lower() in cues.hypothetical_aux:
                yield "hypothetical", child.text
            elif low in cues.future_aux or child.lemma_.lower() in cues.future_aux:
                yield "future", child.text
        elif dep == "mark" and low in cues.hypothetical_marks:
            yield "hypothetical", child.text
        elif dep == "advcl" and any(m.dep_ == "mark" and m.lower_ in cues.hypothetical_marks
                                    for m in child.children):
            yield "hypothetical", next(m.text for m in child.children if m.dep_ == "mark")
        elif dep == "advmod" and low in cues.alleged_adverbs:
            yield "alleged", child.text
        elif dep in ("amod", "advmod", "compound"):
            if low in cues.hypothetical_words:
                yield "hypothetical", child.text
            elif low in cues.future_modifiers:
                yield "future", child.text
            elif low in cues.alleged_modifiers:
                yield "alleged", child.text
    if is_trigger:
        return
    if lemma in ("have", "be") and any(c.lower_ == "yet" for c in tok.children) and \
            any(c.dep_ == "xcomp" for c in tok.children):
        yield "negated", "yet"  # "has yet to comment": not (yet) done
    elif lemma in cues.negating_governors:
        yield "negated", tok.text
    elif lemma in cues.hypothetical_words or hortative(tok):
        yield "hypothetical", tok.text  # "consider sending troops"; "let them fight Isis"
    elif lemma in cues.alleged_governors or (
            lemma in cues.alleged_passive_governors and passive(tok)):
        yield "alleged", tok.text
    elif lemma in cues.future_governors and (lemma != "go" or tok.tag_ == "VBG"):
        yield "future", tok.text  # "going to attack", not "the fighting went on"


def hortative(tok: Token) -> bool:
    """An imperative "let" with no subject of its own: "**Let** them fight Isis", "let us
    talk" urge a deed, they do not tell one (not "Russia let Turkey use the airspace")."""
    return tok.lemma_.lower() == "let" and tok.tag_ == "VB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux") for c in tok.children)


#: tags of verbs with a tense of their own
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
#: CAMEO roots of words said (statements, appeals, demands, disapproval, rejection, threats):
#: rejecting or denying such words does not unsay them ("rejected India's accusation")
SAID_ROOTS = ("01", "02", "10", "11", "12", "13")
UNSAYING = frozenset({"reject", "deny", "dismiss", "refute", "rebuff", "deflect"})


def modality(trigger: Token, cues: Cues, code: str = "", upto: Token | None = None
             ) -> tuple[Modality, str | None]:
    """The modality of the event triggered by ``trigger`` (coded ``code``) and the cue word
    that set it; with ``upto``, the governors from that one up are not read (an event the
    governor presupposes: "will investigate **the attack**", "did not condemn **the
    raid**")."""
    found: dict[Modality, str] = {}
    for mod, word in _cues_on(trigger, cues, is_trigger=True):
        found.setdefault(mod, word)
    said = trigger.pos_ == "NOUN" and code.startswith(SAID_ROOTS)
    below = trigger
    for gov in governors(trigger, cues):
        if upto is not None and gov.i == upto.i:
            break
        # a verb conjoined to another shares its auxiliaries ("will reject and **call**"),
        # not its meaning ("rejected the results and **called** for protests"), and a verb
        # with its own tense shares nothing above it but a condition ("did not vote but
        # **called** for a boycott")
        conjoined = below.dep_ == "conj" and below.pos_ == "VERB" and below.head.i == gov.i
        own_tense = conjoined and (below.tag_ in FINITE_TAGS or any(
            c.dep_ in ("aux", "auxpass") for c in below.children))  # "but has condemned"
        below = gov
        if own_tense:  # only a condition or a source's doubt is shared: "if Iran rejects the
            # deal and attacks", "reportedly seized a tanker and detained its crew"
            for mod, word in _cues_on(gov, cues, is_trigger=True):
                if mod == "hypothetical" and word.lower() in cues.hypothetical_marks or \
                        mod == "alleged" and word.lower() in cues.alleged_adverbs:
                    found.setdefault(mod, word)
            break
        for mod, word in _cues_on(gov, cues, is_trigger=conjoined):
            if mod == "negated" and said and gov.lemma_.lower() in UNSAYING:
                continue  # the accusation was made; its target rejects it
            found.setdefault(mod, word)
    for mod in _ORDER:
        if mod in found:
            return mod, found[mod]
    if mandated(trigger, cues):
        return "hypothetical", trigger.head.text  # "insisted that Greece withdraw"
    return "asserted", None


def mandated(trigger: Token, cues: Cues) -> bool:
    """A bare-form verb in the "that" clause of a mandative verb: "insisted that X **withdraw**"."""
    return (trigger.dep_ == "ccomp" and trigger.tag_ == "VB"
            and trigger.head.lemma_.lower() in cues.mandative_verbs
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)
            and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children))

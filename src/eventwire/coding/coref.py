"""Pronouns: which named phrase "it" or "they" stands for, by salience and agreement.

The coder resolves a pronoun inside reported speech to the speaker ("Iran said **it** would
retaliate", :meth:`RoleFinder._speaker_of`) and "he" / "she" to the last person named;
"we" / "us" / "our" inside a quotation stand for whoever is quoted (:func:`quote_speakers`,
also when the quotation runs on past the sentence that names the speaker). For the rest —
"It also sent troops", "They shelled the town" — :func:`candidates` gives the
phrases the pronoun may stand for, most salient first, and the coder takes the first that
resolves to an actor of a fitting kind:

* in the pronoun's own sentence, the phrases before it: subjects first ("Pakistan … urged
  **its** citizens", not the Iraq named between), then the others nearest first;
* then, for up to ``SENTENCES_BACK`` earlier sentences, each sentence's subject first and
  its other phrases left to right (what a sentence is about is what the next one goes on
  about);
* number must agree: "it" / "its" a singular phrase, "they" / "them" / "their" a plural one
  ("the rebels", "Kurdish fighters") — a country is singular.

"The bloc", "the alliance", "the watchdog", "the group" (:data:`BODY_NOUNS` after "the"
alone) are resolved the same way as "it", to an international body, organisation, armed
group or grouping. "The jihadists", "the extremists" (:data:`MEMBER_NOUNS`, with no country
of their own) are the members of the armed group last named.

A counted description of states or their leaders stands for that many states named just
before it (:func:`group_size`, :func:`window`): "Russia, Turkey and Iran … **the three
countries** reached an agreement", "**both countries**", "the summit between **the three
powers**", "Putin spoke to Erdogan … **the two leaders** agreed to meet".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .attribution import QUOTES
from .syntax import conjuncts, nearest_subjects, sentence_chunks, sentence_ents

FIRST_PLURAL = frozenset({"we", "us", "our", "ours"})
SINGULAR = frozenset({"it", "its"})
PLURAL = frozenset({"they", "them", "their"})
#: pronouns of one person (resolved by the coder to the last person named, not here)
PERSONAL_SINGULAR = frozenset({"he", "him", "his", "she", "her"})
SENTENCES_BACK = 2
#: pronouns that may name who speaks a quotation (resolved by the coder: "he" / "she" to
#: the last person named)
SPEAKING = frozenset({"he", "she"})
#: actor kinds "it" and "they" never stand for (people go through "he" / "she"; a place
#: named as a place is no actor)
NOT_KINDS = frozenset({"person", "place"})
#: the dependency labels of a clause's subject
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: nouns that name another party by its relation to the owner: "its neighbour" is not the
#: owner's own, as "its army" is
RELATIONAL_NOUNS = frozenset({"neighbor", "neighbour", "enemy", "rival", "ally", "partner",
                              "foe", "adversary", "counterpart", "opponent", "critic",
                              "backer", "sponsor", "patron", "protector", "guarantor"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
#: nouns of what someone means to do: "**their aim** is to dislodge the militias" is said of
#: their owner, who would do it
PURPOSE_NOUNS = frozenset({"aim", "goal", "objective", "intention", "intent", "mission",
                           "plan", "purpose", "ambition"})


#: nouns by which a report names again an international body or grouping it has named:
#: "the European Union urged … Georgia's bid to join **the bloc**"
BODY_NOUNS = frozenset({"bloc", "alliance", "union", "organisation", "organization", "body",
                        "council", "agency", "watchdog",
                        # an armed group or movement named again: "Islamic State lost
                        # Deir ez-Zor … the group retreated into the desert"
                        "group", "movement", "faction"})
#: the kinds of actor such a noun may stand for
BODY_KINDS = frozenset({"igo", "organization", "group"})


def body_noun(tok: Token) -> bool:
    """Whether ``tok`` is "the bloc", "the alliance" …: a body's noun after "the" alone."""
    return tok.lemma_.lower() in BODY_NOUNS and tok.tag_ == "NN" and \
        [c.lower_ for c in tok.children if c.dep_ != "punct"] == ["the"]


#: nouns by which a report names again a state it has named: "Saudi Arabia imposed a
#: boycott on **the small, rich nation**" (Qatar, named before)
STATE_NOUNS = frozenset({"nation", "country", "state", "kingdom", "emirate", "republic"})


def state_noun(tok: Token) -> bool:
    """Whether ``tok`` is "the nation", "the small, rich nation" …: a state's noun after
    "the" and plain adjectives alone (not "the Syrian state", "the state of Israel", "the
    country's")."""
    kids = [c for c in tok.children if c.dep_ not in ("punct", "cc")]
    return tok.lemma_.lower() in STATE_NOUNS and tok.tag_ == "NN" and tok.dep_ != "poss" \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in kids) and all(
            c.dep_ == "det" and c.lower_ == "the" or c.dep_ in ("amod", "conj") and
            c.pos_ == "ADJ" and not c.ent_type_ for c in kids)


#: nouns of a grouping a report first names with what tells whose it is and then names
#: bare: "the US-led coalition … **the coalition** said", "**coalition** airstrikes"
AGAIN_NOUNS = frozenset({"coalition", "militia"})


def named_again(tok: Token) -> bool:
    """Whether ``tok`` is such a noun bare: after "the" alone, or alone as a modifier of
    another noun ("coalition jets"); not "a coalition", "the Syrian coalition"."""
    if tok.lemma_.lower() not in AGAIN_NOUNS or tok.tag_ != "NN":
        return False
    kids = [c for c in tok.children if c.dep_ != "punct"]
    return [c.lower_ for c in kids] == ["the"] or not kids and tok.dep_ == "compound"


def earlier_same_noun(tok: Token) -> Iterator[Token]:
    """The earlier uses of ``tok``'s noun in the article, the latest first."""
    lemma = tok.lemma_.lower()
    return (t for t in reversed(tok.doc[:tok.i])
            if t.lemma_.lower() == lemma and t.pos_ in ("NOUN", "PROPN"))


#: nouns by which a report names again the members of an armed group it has named:
#: "Islamic State … Kurdish-led forces are fighting **the extremists**"
MEMBER_NOUNS = frozenset({"militant", "jihadist", "extremist", "insurgent", "terrorist"})
#: the number of a member noun: it stands for a group's name, which is singular
MEMBERS = "members"


def member_noun(tok: Token) -> bool:
    """Whether ``tok`` is "the extremists", "diehard jihadists near Hajin" …: a plural
    member noun with "the" and plain adjectives at most (not "Syrian militants", "Isis
    militants", "militants loyal to Assad", "the group's militants", "militants of the
    Nusra Front"), and where they are or what they did."""
    kids = [c for c in tok.children if c.dep_ not in ("punct", "cc", "relcl", "acl") and not (
        c.dep_ == "prep" and c.lower_ not in ("of", "from", "with"))]
    return tok.lemma_.lower() in MEMBER_NOUNS and tok.tag_ == "NNS" and \
        tok.dep_ != "poss" and all(
            c.dep_ == "det" and c.lower_ == "the" or c.dep_ == "amod" and not c.ent_type_ and
            not any(g.ent_type_ for g in c.subtree) for c in kids)


def number_of(pron: Token) -> str | None:
    """``"singular"`` / ``"plural"`` for the pronouns (and body and state nouns) this
    module resolves, :data:`MEMBERS` for member nouns, else None."""
    word = pron.lower_
    if body_noun(pron) or state_noun(pron):
        return "singular"
    if member_noun(pron):
        return MEMBERS
    return "singular" if word in SINGULAR else "plural" if word in PLURAL else None


def candidates(pron: Token) -> Iterator[Token]:
    """Heads of the phrases ``pron`` may stand for, most salient first (see above)."""
    number = number_of(pron)
    if number is None:
        return
    sent = pron.sent
    before = [c for c in _chunks(sent) if c.end <= pron.i]
    ordered = sorted(before, key=lambda c: (c.root.dep_ not in SUBJECTS, -c.start))
    own = {s.i for s in own_subjects(pron)}
    pair = subject_they(pron)
    yield from (c.root for c in ordered if _agrees(c.root, number, pair) and c.root.i != pron.i
                and c.root.i not in own)
    for _ in range(SENTENCES_BACK):
        if sent.start == 0:
            return
        sent = pron.doc[sent.start - 1].sent
        chunks = list(_chunks(sent))
        ordered = sorted(chunks, key=lambda c: (c.root.dep_ not in SUBJECTS, c.start))
        yield from (c.root for c in ordered if _agrees(c.root, number, pair))


#: dependencies of a pronoun that is its verb's object ("accusing **it** of …")
_OBJECTS = frozenset({"dobj", "dative"})


def own_subjects(pron: Token) -> list[Token]:
    """The subjects an object pronoun cannot stand for: its verb's own, or, for a verb
    without one that goes with the clause before it, that clause's ("Algeria cut ties with
    Morocco, accusing **it** of hostile actions": Morocco, not Algeria; a "him" / "it"
    that is the doer itself would be "himself" / "itself")."""
    if state_noun(pron):  # "Saudi Arabia … imposed a boycott on the nation": not them
        verb = next((a for a in pron.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subjects = nearest_subjects(verb, frozenset({"advcl", "conj"})) if verb else []
        return [w for s in subjects for w in conjuncts(s)]
    if pron.dep_ not in _OBJECTS or pron.pos_ != "PRON":
        return []
    return [w for s in nearest_subjects(pron.head, frozenset({"advcl", "conj"}))
            for w in conjuncts(s)]  # "Saudi Arabia, the UAE and Egypt … accusing it"


def _chunks(sent: Span) -> Iterator[Span]:
    for chunk in sentence_chunks(sent):
        if chunk.root.pos_ in ("NOUN", "PROPN") and chunk.root.ent_type_ not in (
                "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
            yield chunk


def subject_they(pron: Token) -> bool:
    """A subject "they", which may stand for several parties named together ("Putin and
    Erdoğan met … they also spoke by phone"); an object "them" is more often the people
    acted on, and stands for a plural noun only."""
    return pron.lower_ == "they" and pron.dep_ in SUBJECTS


def _agrees(head: Token, number: str, coordinated: bool = False) -> bool:
    """Whether ``head`` agrees in number; ``coordinated``: a name with conjuncts is plural."""
    if number == MEMBERS:  # "the extremists": a group's name
        return head.pos_ == "PROPN"
    plural = head.tag_ in _PLURAL_TAGS or (head.ent_type_ == "NORP" and head.text.endswith("s")) \
        or coordinated and any(c.dep_ == "conj" for c in head.children)
    return plural == (number == "plural")


def may_stand_for(pron: Token, head: Token) -> bool:
    """Whether ``head`` (a phrase's head, conjuncts included) agrees in number with the
    pronoun ``pron`` — for pronouns whose number this module knows; else True."""
    number = number_of(pron) or ("singular" if pron.lower_ in PERSONAL_SINGULAR else None)
    return number is None or _agrees(head, number, coordinated=True)


def quoted(tok: Token) -> bool:
    """Whether ``tok`` is inside a quotation: an odd number of quotation marks stand
    between the start of its paragraph and it (a quotation that runs on over several
    sentences included)."""
    doc = tok.doc
    inside: list[bool] | None = doc.user_data.get(_QUOTED_KEY)
    if inside is None:  # once per doc: whether each word is inside a quotation
        inside, marks = [], 0
        for word in doc:
            inside.append(marks % 2 == 1)
            marks = 0 if "\n" in word.text else \
                marks + (word.text in QUOTES or word.tag_ in ("``", "''"))
        doc.user_data[_QUOTED_KEY] = inside
    return inside[tok.i]


_QUOTED_KEY = "eventwire.quoted"


def quote_speakers(pron: Token, speech_verbs: frozenset[str]) -> Iterator[Token]:
    """For "we" / "us" / "our" inside a quotation, the named subjects of speech verbs in its
    sentence and the ``SENTENCES_BACK`` before it, nearest sentence first: who is speaking
    ('"Our army is ready," the minister said'; a quote that runs on after 'told reporters')."""
    if pron.lower_ not in FIRST_PLURAL or not quoted(pron):
        return
    sent = pron.sent
    for _ in range(SENTENCES_BACK + 1):
        for tok in sent:
            if tok.lemma_.lower() in speech_verbs:
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                if subj is not None and (subj.pos_ != "PRON" or subj.lower_ in SPEAKING):
                    yield subj  # '"We will never …," he told reporters': whom "he" means
        if sent.start == 0:
            return
        sent = pron.doc[sent.start - 1].sent


#: nouns a counted description of states uses ("the three countries", "both governments")
GROUP_NOUNS = frozenset({"country", "power", "state", "nation", "government", "guarantor",
                         "capital", "neighbour", "neighbor", "ally", "signatory", "side",
                         "leader", "president", "minister"})
#: of these, the words for people: the states of the people named before count too
PERSON_GROUP_NOUNS = frozenset({"leader", "president", "minister"})
_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def group_size(tok: Token) -> int | None:
    """How many states a definite counted description names ("the three countries" -> 3,
    "both governments" -> 2), else None."""
    if tok.tag_ not in _PLURAL_TAGS or tok.lemma_.lower() not in GROUP_NOUNS:
        return None
    words = {c.lower_: c.dep_ for c in tok.children}
    count = next((_COUNTS[w] for w, dep in words.items()
                  if w in _COUNTS and dep in ("nummod", "det", "predet", "amod")), None)
    definite = "both" in words or any(w in ("the", "these", "those") for w in words)
    return count if count is not None and definite else None


def window(tok: Token) -> str:
    """The text a counted description may point back into: its own sentence up to it and
    the ``SENTENCES_BACK`` sentences before."""
    sent = tok.sent
    start = sent.start
    for _ in range(SENTENCES_BACK):
        if start == 0:
            break
        start = tok.doc[start - 1].sent.start
    return tok.doc[start:tok.i].text


def clause_doer(tok: Token) -> Token | None:
    """Who does the deed of the clause ``tok`` is an object in: the verb's subject, or for a
    clause with none of its own, the object that controls it ("expected **Trump** to tell
    him") or the subject of the verb it hangs on ("**Trump** called Erdoğan, urging him",
    "**Trump** called and urged him")."""
    verb = tok.head.head if tok.head.dep_ == "prep" else tok.head
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if verb.dep_ == "xcomp":
            controller = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if controller is not None:
                return controller
        if verb.dep_ not in ("xcomp", "advcl", "acl", "conj") or verb.head is verb:
            return None
        verb = verb.head
    return None


def salient_people(sent: Span) -> list[Token]:
    """The words that may name the person a following "he" / "she" stands for, most salient
    first: names as subjects, last first, then the other names of people, last first
    ("Erdoğan dismissed the threat. **He** said …", though nothing in the first sentence was
    coded). A name the parser takes for no entity counts when it is a subject."""
    people = [ent.root for ent in sentence_ents(sent) if ent.label_ == "PERSON"]
    subjects = [t for t in sent if t.dep_ in SUBJECTS and t.pos_ == "PROPN" and (
        t.ent_type_ in ("PERSON", ""))]
    return [*reversed(subjects), *(p for p in reversed(people) if p not in subjects)]

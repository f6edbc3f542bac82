"""Small readings of spaCy's dependency parse shared by the coder's modules.

Nothing here knows about patterns or actors: which child has a dependency, the objects of a
preposition, the conjuncts of a word, the words of a noun phrase, offsets back into the
article as read.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from ..nlp import UNDERGOING, country_name, entity_of, owned
from ..records import Article
from ..records import Span as CharSpan
from .cues import Cues

#: What belongs to an actor's noun phrase when it is turned into mention text.
NP_DEPS = frozenset({"compound", "amod", "poss", "det", "nummod", "nmod", "case", "quantmod",
                     "npadvmod", "prep", "pobj", "punct", "hmod", "hyph", "predet", "advmod"})
#: Prepositional phrases kept in an actor's mention: "of" (ministry of defence) and places
#: the resolver reads a country from ("students throughout Indonesia", "leaders in France").
NP_PREPS = frozenset({"of", "in", "at", "across", "throughout", "inside", "from"})
#: Verbs whose object's "of" phrase is the charge, not part of the name: "accused the regime
#: **of starving civilians**", "convicted the men of murder"
CHARGING_VERBS = frozenset({"accuse", "suspect", "convict", "acquit", "absolve", "clear"})


def sentence_ents(sent: Span) -> list[Span]:
    """The entities within a sentence (``Span.ents``, which rebuilds every entity of the
    doc on each call: here the doc's are read once)."""
    return _within(sent, "eventwire.ents", lambda doc: doc.ents)


def sentence_chunks(sent: Span) -> list[Span]:
    """The base noun phrases within a sentence (``Span.noun_chunks``, which finds every
    noun phrase of the doc on each call: here once per doc)."""
    return _within(sent, "eventwire.noun_chunks", lambda doc: doc.noun_chunks)


def _within(sent: Span, key: str, read: Callable[[Doc], Iterable[Span]]) -> list[Span]:
    """Of the doc's spans of one kind (read once; their bounds kept in
    ``doc.user_data[key]``, not the spans, which would tie the doc in a reference cycle),
    those that lie within ``sent``."""
    doc = sent.doc
    bounds = doc.user_data.get(key)
    if bounds is None:
        bounds = doc.user_data[key] = [(s.start, s.end, s.label) for s in read(doc)]
    out = []
    for start, end, label in bounds[bisect_left(bounds, (sent.start,)):]:
        if start >= sent.end:
            break
        if end <= sent.end:
            out.append(Span(doc, start, end, label=label))
    return out


def passive(tok: Token) -> bool:
    """A passive verb: with a passive auxiliary or subject, or a past participle that
    modifies a noun ("the journalist **captured** by Islamic State"), or a past participle
    joined to a passive verb whose subject it shares ("he was betrayed by an associate and
    **arrested** by soldiers")."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or \
        reduced_passive(tok) or tok.dep_ == "conj" and tok.tag_ == "VBN" and \
        tok.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "aux", "dobj") for c in tok.children) and passive(tok.head)


def passive_subject(tok: Token) -> Token | None:
    """The subject of a passive verb, or of the passive verb a joined participle shares it
    with ("the town was shelled and **captured**": the town)."""
    own = child(tok, "nsubjpass")
    if own is None and tok.dep_ == "conj" and passive(tok):
        return child(tok.head, "nsubj", "nsubjpass")
    return own


def undergoer(tok: Token, patient: Token) -> Token | None:
    """Who undergoes a passive done to a thing of their own: the subject of "have" or "get"
    whose complement ``tok`` is, when ``patient`` is that subject's own ("Begum **had her
    citizenship** revoked", "the oligarch **had his assets** frozen by the Treasury"); None
    otherwise ("he had **the letter** delivered": what he had done)."""
    if tok.dep_ in ("ccomp", "xcomp", "oprd"):
        have = tok.head
    elif tok.dep_ == "acl" and tok.head is patient and patient.dep_ == "dobj":
        have = patient.head
    else:
        return None
    if have.lemma_.lower() not in UNDERGOING or not owned(patient):
        return None
    return child(have, "nsubj", "nsubjpass")


def raised_subject(tok: Token) -> Token | None:
    """The subject a passive infinitive shares with the verb it completes, its patient:
    "four British men are believed **to be held** in Kurdish facilities", "he is expected
    **to be released**"; None for any other word."""
    if tok.dep_ != "xcomp" or not any(c.dep_ == "auxpass" for c in tok.children) or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    return child(tok.head, "nsubjpass", "nsubj")


def reduced_passive(tok: Token) -> bool:
    """A past participle modifying a noun, which is its patient: "civilians **killed** by
    airstrikes", "the convoy, **hit** by a drone", "those **kidnapped** by Daesh"."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and (
        tok.head.pos_ in ("NOUN", "PROPN") or tok.head.lower_ in COUNTED_PRONOUNS)


#: pronouns for people counted or picked out, which a participle may describe: "**those**
#: kidnapped by Daesh", "**many** killed in the raid"
COUNTED_PRONOUNS = frozenset({"those", "many", "some", "others", "most", "all"})


def zero_relative(tok: Token) -> bool:
    """A relative clause whose object is the noun it describes, with no relative pronoun:
    "the Kurds **it had backed**", "the militias Russia **supports**"."""
    return tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.pos_ == "VERB" \
        and tok.i > tok.head.i and any(c.dep_ == "nsubj" for c in tok.children) and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp") or c.lower_ in ("who", "which", "that", "whom")
            for c in tok.children)


def hands_of(tok: Token) -> list[Token]:
    """Whose hands an event came at: "killed **at the hands of** Houthi rebels" (the doer)."""
    return prep_objects([h for h in prep_objects([tok], "at") if h.lemma_.lower() == "hand"],
                        "of")


def stray_agent(noun: Token) -> Token | None:
    """The "by" agent of an event noun that the parser hung on the active verb governing it:
    "rescued civilians from **airstrikes** by the regime" (an active verb's "by" phrase is its
    means, "by firing shells", never its doer; one that follows the noun's own phrase
    directly and names no deed is the noun's)."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    verb = noun.head.head
    if verb.pos_ != "VERB" or passive(verb):
        return None
    return next((g for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "by"
                 and prep.i == noun.right_edge.i + 1
                 for g in prep.children if g.dep_ == "pobj" and g.tag_ != "VBG"), None)


def nearest_subjects(verb: Token, through: frozenset[str], hops: int = 3) -> list[Token]:
    """The subjects of ``verb``, or, when it has none, of the verb it hangs on by one of the
    dependencies ``through`` (up to ``hops`` verbs): "Turkey sent troops to storm …" (the
    sender), "cut ties with Morocco, accusing it …" (the one who cut them)."""
    for _ in range(hops):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or verb.dep_ not in through or verb.head is verb:
            return subjects
        verb = verb.head
    return []


def child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def prep_objects(holders: Sequence[Token | None], word: str) -> list[Token]:
    out = []
    for holder in holders:
        if holder is None:
            continue
        for prep in holder.children:
            if prep.dep_ in ("prep", "prt", "agent", "dative") and prep.lower_ == word:
                out.extend(g for g in prep.children if g.dep_ == "pobj")
    return out


#: words that deny a verb or predicate when they modify it
NEGATIONS = frozenset({"not", "n't", "never"})


def negated(word: Token) -> bool:
    """Whether the word itself is negated ("did **not** rule out", "**never** excluded",
    "were **not** authorised")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATIONS)
               for c in word.children)


def named_nouns(verb: Token, word: str) -> list[Token]:
    """The nouns a verb's ``word`` phrase names, and the nouns of their "of" phrases
    ("warned **of** retaliation", "warned of the dangers **of** a clash with the US")."""
    named = prep_objects([verb], word)
    return named + prep_objects(named, "of")


def lemma_of(word: str | None, near: Token) -> str | None:
    """The lemma of a cue word found near ``near`` ("refused" -> "refuse")."""
    if word is None:
        return None
    for tok in near.sent:
        if tok.text == word:
            return tok.lemma_.lower()
    return word.lower()


def has_future_aux(t: Token, cues: Cues) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in cues.future_aux for c in t.children)


def to_infinitive(verb: Token) -> bool:
    """True for a "to" infinitive ("vowed **to fight**", "sent experts **to investigate**")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def other_clause(tok: Token, clause: Token) -> bool:
    """True when ``tok`` sits in a clause of its own below ``clause`` (a relative clause, say)."""
    while tok.i != clause.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl", "ccomp", "advcl", "parataxis"):
            return True
        tok = tok.head
    return False


#: entity labels of places, and the word an object constraint uses for any of them
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
PLACE_WORD = "(place)"
#: the word for a place's name that is no country's: a town, region or site ("defended
#: Afrin" is a fight; "defended Russia" may be words)
LOCALITY_WORD = "(locality)"
#: the word an object constraint uses for a named organisation ("drove Islamic State from")
GROUP_WORD = "(group)"
#: the word for a named person ("talked with Putin")
PERSON_WORD = "(person)"
#: the word for several parties: conjoined ("Putin and Erdogan talked") or counted ("the two
#: leaders talked")
SEVERAL_WORD = "(several)"


def head_words(tok: Token) -> set[str]:
    """The word's lemma, and ``(place)`` for a place's name (and ``(locality)`` if it is no
    country's), ``(group)`` for an organisation's or ``(person)`` for a person's ("captured
    Tripoli", "drove Islamic State from", "talked with Putin")."""
    if tok.ent_type_ in PLACE_ENTITIES:
        if country_name(entity_of(tok).text):
            return {tok.lemma_.lower(), PLACE_WORD}
        return {tok.lemma_.lower(), PLACE_WORD, LOCALITY_WORD}
    kind = GROUP_WORD if tok.ent_type_ == "ORG" or _people(tok) else \
        PERSON_WORD if tok.ent_type_ == "PERSON" else None
    return {tok.lemma_.lower(), kind} if kind else {tok.lemma_.lower()}


def _people(tok: Token) -> bool:
    """A people named as a body: "the Kurds", "the Houthis" (not "Kurdish", an adjective),
    or a body named after one, whose name the entity tagger left half tagged ("drove
    [Islamic] State from Syria")."""
    return tok.ent_type_ == "NORP" and tok.tag_ in ("NNPS", "NNS") and tok.text[:1].isupper() \
        or tok.pos_ == "PROPN" and not tok.ent_type_ and any(
            c.dep_ == "compound" and c.ent_type_ == "NORP" for c in tok.children)


def owner_words(owner: Token) -> set[str]:
    """The words a noun's ``subject`` constraint may match in the word naming the noun's
    own actor ("**Riyadh's** war", "the **Saudi** war"): a nationality counts as its
    state's ``(place)``."""
    return head_words(owner) | ({PLACE_WORD} if owner.ent_type_ == "NORP" else set())


def object_words(obj: Token) -> set[str]:
    """The lemmas an object constraint may match: the object and its conjuncts (``(place)``
    for a place's name, ``(group)`` for an organisation's), their compound modifiers, and
    the noun of an "of" phrase ("suspended **aid** deliveries", "part **of** the aid
    program")."""
    words: set[str] = set()
    if len(conjuncts(obj)) > 1 or any(c.dep_ == "nummod" and c.lower_ in ("two", "three")
                                      or c.lower_ == "both" for c in obj.children):
        words.add(SEVERAL_WORD)
    for each in conjuncts(obj):  # "provided photographs and other intelligence"
        words |= head_words(each)
        words.update(c.lemma_.lower() for c in each.children if c.dep_ == "compound")
    for inner in prep_objects([obj], "of"):
        words.add(inner.lemma_.lower())
        words.update(c.lemma_.lower() for c in inner.children if c.dep_ in ("compound", "amod"))
    return words


def reciprocal(verb: Token) -> Token | None:
    """The verb's object when it is "each other" or "one another" ("Armenia and Azerbaijan
    accused each other", "the two sides blamed one another", "fired on each other")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objects += [o for c in verb.children if c.dep_ == "prep" for o in c.children
                if o.dep_ == "pobj"]
    return next((o for o in objects if {o.lower_, *(c.lower_ for c in o.children
                                                    if c.dep_ == "det")}
                 in ({"each", "other"}, {"one", "another"})), None)


def named(tok: Token) -> bool:
    """A proper name or a capitalised word ("US", "Russian") -- not one capitalised only
    because it opens the sentence ("Recent US attacks")."""
    return tok.pos_ == "PROPN" or (tok.text[:1].isupper() and (
        tok.i != tok.sent.start or tok.ent_type_ in ("NORP", "GPE") or
        tok.ent_type_ == "ORG" and tok.pos_ != "ADJ"))  # not "Fierce battles" tagged ORG


def named_modifiers(noun: Token) -> list[Token]:
    """Compound and adjective modifiers of ``noun`` that name someone; a name the parser
    hangs on it as "nmod" only in a list of such names ("US and British airstrikes", "US,
    British and French airstrikes"; not "the Iran nuclear deal")."""
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and named(c)]
    return [c for c in mods if c.dep_ != "nmod" or len(mods) > 1 or any(
        g.dep_ == "conj" and named(g) for g in c.children)]


#: conjunctions of a clause that tells another event beside its verb's: "as Washington
#: imposed sanctions", "after the talks collapsed" (not "if", "unless": a condition)
SIDE_CLAUSE_MARKS = frozenset({"as", "after", "before", "while", "when", "since", "because",
                               "although", "though", "whereas", "once"})


def side_clause(tok: Token) -> bool:
    """Whether ``tok`` heads a clause beside its verb, opened by one of
    ``SIDE_CLAUSE_MARKS``: an event of its own, with its own modality."""
    return tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in SIDE_CLAUSE_MARKS
                                       for m in tok.children)


#: determiners of a definite description ("the attack", "these strikes"): what is named
#: again, or named as known
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def within(word: Token, phrase: Token | None, trigger: Token) -> bool:
    """Whether ``word`` is a name or nationality modifying ``phrase``, the head of a phrase
    that does not hold ``trigger``: a modifier of the source's phrase ("**Turkish** troops
    have been stationed in Afrin") is no other side."""
    return phrase is not None and word.head.i == phrase.i and \
        word.dep_ in ("compound", "amod", "nmod") and word.i < phrase.i and \
        not phrase.left_edge.i <= trigger.i <= phrase.right_edge.i


def trailing_participle(tok: Token) -> bool:
    """Whether ``tok`` is a participle after the clause it hangs on, with no conjunction
    ("clashed in June 2020, **killing** 20 soldiers")."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i and \
        not any(m.dep_ == "mark" for m in tok.children)


#: conjunctions that make a clause a question or a condition, not a statement
QUESTION_MARKS = frozenset({"whether", "if", "unless"})
#: nouns that, with "no", deny what their clause says ("no sign Russia was willing to")
DOUBT_NOUNS = frozenset({"sign", "indication", "evidence", "hint", "suggestion"})


def in_question(tok: Token) -> bool:
    """Whether ``tok`` sits in a clause that asks or doubts rather than states: "whether it
    is prepared to", "unless Turkey is willing to", "no sign Russia was willing to"."""
    for t in (tok, *tok.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in t.children):
            return True
        if t.lemma_ in DOUBT_NOUNS and any(c.lower_ == "no" for c in t.children):
            return True
    return False


#: words that, after a copula, make its subject the doer of the event they govern: "Assad
#: is **responsible for** the bombing", "Iran was **behind** the attack"
DOER_WORDS = frozenset({"responsible", "culpable"})


def responsible_party(noun: Token) -> Token | None:
    """The subject of "X is responsible for / was behind" ``noun``, or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    holder = prep.head
    if prep.lower_ == "behind" and holder.lemma_ == "be":
        return child(holder, "nsubj")
    if prep.lower_ == "for" and holder.lower_ in DOER_WORDS and holder.dep_ == "acomp":
        return child(holder.head, "nsubj")
    return None


def shared_object(verb: Token) -> Token | None:
    """The verb's direct object, or the one it shares with a verb joined to it ("killed or
    **wounded** 300 fighters")."""
    return child(verb, "dobj") or next((child(c, "dobj") for c in verb.children
                                        if c.dep_ == "conj" and c.pos_ == "VERB"
                                        and child(c, "dobj") is not None), None)


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the words conjoined with it; in a subject, a name set beside a name of
    the same kind is conjoined too (a headline's "Russia, Ukraine agree prisoner swap"), and
    so is a list the parser took for an apposition ("Saudi Arabia, the UAE and Egypt")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ") or (
                child.dep_ == "appos" and (tok.dep_ == "nsubj" and _bare_name_beside(tok, child)
                                           or _listed_beside(tok, child))):
            out.extend(conjuncts(child))
    if tok.dep_ == "nsubj":
        out.extend(c for other in _companions(tok) for c in conjuncts(other))
    return out


#: words before "with" that join its object to a clause's subject: "Putin, **along with**
#: Erdoğan, will meet"
_COMPANION_WORDS = frozenset({"along", "together"})


def _companions(subject: Token) -> list[Token]:
    """Who a subject acts with, set beside it: "Putin, along with his Turkish counterpart,
    is due to meet", "Russia, together with Iran, backs Assad" (on the subject or on its
    verb, however the parser hangs it)."""
    out: list[Token] = []
    for holder in (subject, subject.head):
        for w in holder.children:
            if w.lower_ == "with" and w.dep_ == "prep" and w.i > 0 and \
                    w.nbor(-1).lower_ in _COMPANION_WORDS:
                prep = w
            elif w.lower_ in _COMPANION_WORDS and w.dep_ in ("prep", "advmod"):
                prep = next((g for g in w.children if g.lower_ == "with" and g.dep_ == "prep"),
                            None)
            else:
                continue
            if prep is not None and (holder is subject or prep.i < subject.head.i):
                out += [g for g in prep.children if g.dep_ == "pobj"]
    return out


def _listed_beside(tok: Token, other: Token) -> bool:
    """Whether an "apposition" is the next item of a list of countries: a country's name
    beside a country's name, itself conjoined with another ("Saudi Arabia, the UAE, Bahrain
    and Egypt"), unlike "the capital, Damascus" or "Assad's backer, Russia"."""
    return tok.pos_ == other.pos_ == "PROPN" and tok.ent_type_ == other.ent_type_ == "GPE" \
        and any(c.dep_ == "conj" and c.ent_type_ == "GPE" for c in other.children)


def _bare_name_beside(tok: Token, other: Token) -> bool:
    return tok.pos_ == other.pos_ == "PROPN" and tok.ent_type_ == other.ent_type_ and \
        tok.ent_type_ in ("GPE", "PERSON") and other.i == tok.i + 2 and \
        tok.nbor(1).text == "," and not any(c.dep_ != "punct" for c in other.children)


def words_text(words: list[Token]) -> str:
    """The text of some words of a phrase, a space where words between them were left out:
    "US British forces", never "USBritish forces" (the comma after "US" dropped)."""
    out = []
    for n, w in enumerate(words):
        out.append(w.text)
        if n + 1 < len(words):
            out.append(w.whitespace_ or (" " if words[n + 1].i != w.i + 1 else ""))
    return "".join(out).strip()


def np_tokens(head: Token) -> list[Token]:
    """The words of the noun phrase headed by ``head`` (no clauses, conjuncts or appositions)."""
    keep = [head]
    for child in head.children:
        if child.dep_ not in NP_DEPS:
            continue
        if child.i > head.i and child.dep_ not in ("prep", "pobj", "case", "punct"):
            continue  # "militants loyal to X": a trailing phrase says more than who they are
        if child.dep_ == "prep" and (child.lower_ not in NP_PREPS or not any(
                g.dep_ == "pobj" for g in child.children) or child.lower_ == "of" and
                head.dep_ == "dobj" and head.head.lemma_.lower() in CHARGING_VERBS):
            continue  # nor "of" before a clause: "accused the army **of** bombing …"; nor
            # the charge: "accused the regime **of** starving civilians"
        if child.dep_ == "punct" and child.text not in ("'s", "-", "'"):
            continue
        if _stranded_adjective(child, head):
            continue
        keep.extend(np_tokens(child))
    return sorted(keep, key=lambda t: t.i)


#: fights whose "with" names the other side: "killed in a gunfight **with** security forces"
FIGHT_WORDS = frozenset({"fight", "fighting", "clash", "battle", "gunfight", "firefight",
                         "skirmish", "shootout", "encounter"})


#: prepositions of a verb's cause, an event that happened before it: "imposed sanctions
#: **over** the crackdown on protesters", "expelled diplomats **after** the poisoning"
CAUSE_PREPS = frozenset({"over", "after", "following"})
#: words of paying back, whose "for" is the cause too: "vowed to retaliate **for** the
#: Israeli strike", "in revenge for the killing"
PAYBACK_WORDS = frozenset({"retaliate", "avenge", "retaliation", "revenge", "reprisal",
                           "retribution", "vengeance", "counterattack"})


def cause_prep(prep: Token) -> bool:
    """A preposition of its verb's cause (:data:`CAUSE_PREPS`, on the verb or on its object:
    "expressed concern **over** the arrests"; "for" after a word of paying back, verb or
    noun, :data:`PAYBACK_WORDS`)."""
    governor = prep.head
    return prep.lower_ in CAUSE_PREPS and (governor.pos_ in ("VERB", "AUX") or (
        governor.dep_ == "dobj" and governor.head.pos_ == "VERB")) or \
        prep.lower_ == "for" and governor.lemma_.lower() in PAYBACK_WORDS


def cause(noun: Token) -> bool:
    """Whether ``noun`` names the cause of its verb ("imposed sanctions **over the
    crackdown**", "retaliated **for the strike**"): an event of others, not the verb's
    doer's own."""
    return noun.dep_ == "pobj" and cause_prep(noun.head)


#: adjectives that do stand before a determiner ("such a move", "many a time")
_PREDETERMINERS = frozenset({"such", "many", "quite", "what", "half", "all", "both"})


def _stranded_adjective(child: Token, head: Token) -> bool:
    """An adjective the parser hangs on a noun though it stands before the noun's number or
    determiner: the result of the verb before it ("shot **dead** two protesters", "beat
    **unconscious** a journalist"), no word of the noun phrase."""
    return child.dep_ == "amod" and child.i < head.i and child.lower_ not in _PREDETERMINERS \
        and any(c.dep_ in ("det", "nummod", "predet") and c.i > child.i for c in head.children)


def to_original(article: Article, start: int, end: int) -> CharSpan:
    """Map offsets in ``article.body`` (the cleaned text) back to ``article.text``."""
    if not article.kept or article.clean_text is None:
        return CharSpan(start, end)

    def one(offset: int) -> int:
        pos = 0
        for span in article.kept:
            length = span.end - span.start
            if offset <= pos + length:
                return span.start + (offset - pos)
            pos += length + 1
        return article.kept[-1].end

    return CharSpan(one(start), one(end))


def predicate_words(verb: Token) -> frozenset[str]:
    """Lemmas of what a naming verb says its object is: the object's predicate ("called the
    raid **a grave error**"), an adjective complement ("branded the blockade **illegal**")
    or an "as" phrase ("described the strikes **as a war crime**", "described the move **as
    provocative**"), or what a reported
    clause says its subject is ("said the strikes were **unacceptable**"), with their
    modifiers and "of" objects ("an act **of aggression**"). Empty when the verb has none."""
    heads = [c for c in verb.children if c.dep_ in ("oprd", "acomp") or (
        c.dep_ in ("ccomp", "xcomp") and c.pos_ == "ADJ")]
    # the parser hangs the "as" phrase on the verb or on its object
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    heads += prep_objects(holders, "as")
    heads += [g for c in (c for h in holders for c in h.children)
              if c.dep_ == "prep" and c.lower_ == "as"
              for g in c.children if g.pos_ == "ADJ"]  # "described the move as provocative"
    heads += [g for c in verb.children if c.dep_ == "ccomp" and c.lemma_ == "be"
              for g in c.children if g.dep_ in ("acomp", "attr")]  # "said the strikes were
    # unacceptable", "said the decision was a grave mistake"
    words: set[str] = set()
    for head in heads:
        inner = prep_objects([head], "of")
        if head.lemma_.lower() in KIND_NOUNS and inner:
            head = inner[0]  # "a textbook example of ethnic cleansing": what it exemplifies
            inner = prep_objects([head], "of")
        words.add(head.lemma_.lower())
        if head.lemma_.lower() in PRAISE_WORDS and _denied(head):
            words.add(DENIED_PRAISE_WORD)  # "they are not being honest"
        words.update(c.lemma_.lower() for c in head.children if c.dep_ in ("amod", "compound"))
        words.update(o.lemma_.lower() for o in inner)
    return frozenset(words)


#: nouns that only say what kind of thing their "of" object is ("an example of", "a case of",
#: "part of a triangle of evil")
KIND_NOUNS = frozenset({"example", "case", "instance", "kind", "form", "sort", "type", "part"})
#: words of praise that, denied, blame ("the Americans are not being honest"), and the word a
#: predicate list uses for any of them denied
DENIED_PRAISE_WORD = "(denied praise)"
PRAISE_WORDS = frozenset({"honest", "serious", "sincere", "credible", "trustworthy",
                          "reliable", "genuine", "constructive", "legitimate", "acceptable",
                          "legal", "truthful", "helpful", "fair"})


def _denied(head: Token) -> bool:
    """Whether a predicate is denied, on itself or on its copula ("is **not** honest")."""
    holders = [head, head.head] if head.dep_ in ("acomp", "attr") else [head]
    return any(negated(h) for h in holders)


def hyphen_pair(noun: Token) -> tuple[Token, Token] | None:
    """The two names a hyphen joins before a noun: "a US-Russia agreement" (US, Russia),
    "a Turkish-YPG conflict" (Turkish, YPG): the two sides of what the noun names."""
    for second in noun.children:
        if second.dep_ not in ("compound", "amod") or second.i > noun.i or \
                second.pos_ not in ("PROPN", "ADJ"):
            continue
        first = next((c for c in second.children if c.dep_ in ("compound", "amod", "nmod")
                      and c.i == second.i - 2 and c.pos_ in ("PROPN", "ADJ")), None)
        if first is not None and first.nbor(1).text == "-" and \
                (first.ent_type_ or second.ent_type_):
            return first, second
    return None


def hyphen_pair_of(tok: Token) -> tuple[Token, Token] | None:
    """The :func:`hyphen_pair` ``tok`` is one of ("Turkish" or "YPG" in "a Turkish-YPG
    conflict"), or None."""
    if tok.dep_ not in ("compound", "amod"):
        return None
    for noun in (tok.head, tok.head.head):
        pair = hyphen_pair(noun)
        if pair is not None and tok in pair:
            return pair
    return None


def perfect(tok: Token) -> bool:
    """A verb in the perfect: "has fought", "have been killed"."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)


def told_as_done(tok: Token) -> bool:
    """A relative clause telling in the past what its noun did ("the militias that **ousted**
    Isis", "a group that **has fought** Isis"), or a past participle telling what was done to
    it ("the fate of those **kidnapped** by Isis"): a deed of its own, outside any frame
    above."""
    if reduced_passive(tok) and prep_objects([tok], "by"):
        return True
    if tok.dep_ != "relcl" or any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children):
        return False
    return tok.tag_ == "VBD" or tok.tag_ == "VBN" and perfect(tok)


def misread_gerund_doer(t: Token) -> Token | None:
    """The doer of a gerund the parser read as a clause beside its verb, with the noun
    before it as the object of the verb's preposition: "died in **army** shelling" ("in
    army" + "shelling"), or None."""
    if t.dep_ != "advcl" or t.tag_ != "VBG" or t.i == 0 or child(t, "nsubj") is not None:
        return None
    left = t.nbor(-1)
    return left if left.dep_ == "pobj" and left.pos_ == "NOUN" and left.head.lower_ in (
        "in", "during", "under") and left.head.head.i == t.head.i else None

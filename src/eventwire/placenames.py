"""Which words of a parsed sentence name places, and what the words around them say.

A place mention is either a place entity (spaCy's GPE, LOC or FAC) or a capitalised
name the gazetteer knows standing in a place slot: the object of a locative preposition
("in", "at", "near", "outside", "into", "from" …), the name in "the town / city / port /
province of X" or "X province", the possessor of a land or population noun ("Idlib's
inhabitants", "Syria's north"), or the object of a verb that takes places ("rebels
overran Sinjar", "warships shelled Mokha"). The small English model often tags towns
as organisations or people ("the outskirts of Daraa" -> ORG); in a place slot such a
one-name entity is still read as a place, unless the actor data know it as a person or
an organisation.

Beyond the slots: a name qualified by a region word ("northern Hama", "rural Aleppo") is a
region, never a government; a gazetteer name listed with a place is a place ("Idlib and rural
Aleppo"); and a town or region the article names as a place is a place wherever it is named
again, unless it acts there (:func:`echoes`: one name, one sense in an article).

Traps, never places: dates and month names ("in March"), persons and organisations
outside place slots ("Bolton", "the European Union" -- never their last word alone),
continents and broad regions, and a country, capital or seat of power that acts
("Moscow said", "agreed to Moscow taking charge", "talks with Damascus"): the
government, not the place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .actors.knowledge import Knowledge, phrase_key
from .geonames_index import fold_key
from .geoparse import NAMESAKE_POPULATION, Hints, best, country_of_word, region_place, rules
from .nlp import entity_of
from .places import ISO_DIVISION, Gazetteer

_PARTICLES = frozenset({"al", "el", "ez", "az", "as", "ad", "ash", "ar", "an", "at", "-", "de",
                        "del", "la", "le", "ul", "es", "bin", "ibn", "abu", "umm", "bab", "ras",
                        "tal", "tell", "deir", "jabal", "jebel", "wadi", "khan", "ain", "beit",
                        "kafr"})
_ACTOR_KINDS = frozenset({"country", "capital", "seat"})


@dataclasses.dataclass(frozen=True)
class Mention:
    """A place name in a sentence: tokens ``[start, end)`` of the doc."""

    start: int
    end: int
    text: str
    slot: str
    hints: Hints = Hints()


#: entities that name the one an event noun's "of" is done to ("the invasion of Afghanistan")
_NAMED = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON"})


def _owns_land(tok: Token) -> bool:
    """The possessor of land, people or a named place: "Syria's north", "Idlib's
    inhabitants", "Baghdad's Tahrir Square" (not "Syria's leadership", "Russia's Putin")."""
    if tok.dep_ != "poss":
        return False
    r = rules()
    head = tok.head
    if head.lemma_.lower() in r.place_event_nouns:  # "Syria's civil war" is where it is
        return not any(c.dep_ == "prep" and (c.lower_ in ("in", "on", "against") or (  # "Riyadh's
            c.lower_ == "of" and any(g.dep_ == "pobj" and g.ent_type_ in _NAMED  # war in
                                     for g in c.children)))  # Yemen", "the Soviet Union's
                       for c in head.children)  # invasion of Afghanistan": whose it is
    if any(c.dep_ == "prep" and c.lower_ == "to" for c in head.children):
        return False  # "the UK's opposition to the death penalty": a stance, the UK's
    return head.lemma_.lower() in r.land_nouns | r.people_nouns | r.feature_nouns or (
        head.pos_ == "PROPN" and head.ent_type_ in ("FAC", "LOC")) or \
        head.ent_type_ == "NORP" and head.tag_ in ("NNPS", "NNS")  # "Syria's Kurds": a people


def _region_word(tok: Token) -> str | None:
    """The word that makes a name a region: "north-eastern Syria", "rural Aleppo"."""
    r = rules()
    return next((c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")
                 and c.i < tok.i and (c.lower_ in r.region_words or
                                      c.text in r.direction_nouns | r.centre_words)),
                None) if tok.pos_ == "PROPN" else None


def _past_region_words(start: int, end: int, doc: Doc, gazetteer: Gazetteer) -> int:
    """The start of a name after the region words the model took into it: "[Northern]
    Syria", "[east] Aleppo" (not "North Korea", "East Timor", which the gazetteer knows)."""
    r = rules()
    while end - start > 1 and (doc[start].lower_ in r.region_words or
                               doc[start].text in r.direction_nouns | r.centre_words) and \
            not gazetteer.candidates(doc[start:end].text):
        start += 1
    return start


def _strong_slot(tok: Token) -> str | None:
    """The place slot a name stands in, if any."""
    r = rules()
    head = tok.head
    region = _region_word(tok)
    if region is not None:
        return f"{region} X"
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in r.place_nouns:
        return f"the {head.head.lower_} of X"
    if tok.dep_ == "pobj" and head.lower_ in r.locative_preps:
        return f"{head.lower_} X"
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "out":
        return "out of X"  # "pulled out of Manbij"
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in r.place_object_verbs:
        return f"object of {head.lemma_.lower()}"
    if tok.dep_ in ("compound", "nmod", "amod") and \
            head.lemma_.lower() in r.feature_nouns | r.admin_nouns | r.quarter_nouns:
        return f"X {head.lower_}"
    if _owns_land(tok):
        return f"X's {head.lower_}"  # "Idlib's inhabitants", "Baghdad's Tahrir Square"
    happens_at = r.place_event_nouns | r.attack_nouns
    if tok.dep_ == "pobj" and head.lower_ in ("of", "for", "on") and \
            head.head.lemma_.lower() in happens_at:
        return f"the {head.head.lower_} {head.lower_} X"  # "the siege of Aleppo"
    if tok.dep_ == "pobj" and head.lower_ == "of" and \
            head.head.lemma_.lower() in r.land_nouns | r.people_nouns | r.direction_nouns:
        return f"the {head.head.lower_} of X"  # "the people of Daraa", "north of Manbij"
    if tok.dep_ == "pobj" and head.lower_ in ("including", "like") and \
            head.head.lemma_.lower() in r.place_nouns:
        return f"{head.head.lower_} {head.lower_} X"  # "cities including Homs"
    if tok.dep_ in ("compound", "nmod") and \
            head.lemma_.lower() in happens_at | r.land_nouns | r.people_nouns | r.place_nouns:
        return f"X {head.lower_}"  # "the Afrin offensive", "Ghouta residents"
    if tok.dep_ == "nsubj" and head.lemma_.lower() in r.place_subject_verbs:
        return f"X {head.lower_}"  # "Idlib has seen an increase in bloodshed"
    if tok.dep_ == "nsubj" and head.lemma_ == "be" and any(
            c.dep_ == "attr" and c.lemma_.lower() in r.place_nouns for c in head.children):
        return "X is a place"  # "Idlib is the last rebel stronghold"
    if tok.dep_ == "appos" and head.pos_ == "PROPN" and head.dep_ != "appos" and \
            _strong_slot(head) is not None:
        return "town, X"  # "from Accrington, Lancashire"
    if tok.dep_ == "appos" and head.lemma_.lower() in r.place_nouns:
        return f"{head.lower_}, X"
    if _where_of(tok):
        return "X, where"  # "countries like Jordan and Turkey, where Syrians sought refuge"
    if tok.dep_ == "conj" and head.i != tok.i:
        return _strong_slot(head)
    return _after_locative(tok)


#: prepositions after which a country or town named is where, however the parser hangs it
_SURFACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                            "within"})


def _after_locative(tok: Token, depth: int = 0) -> str | None:
    """The slot of a place entity right after a locative preposition, or listed after one
    that is, which the parser hung elsewhere ("staff in **Syria** British consular
    assistance …", taken for a modifier of "assistance"; "in Syria and **Iraq** have the
    right", "Iraq" taken for a subject); also a name the model tags as a nationality ("death
    tolls in **Ghouta** range …": the caller keeps it only if the gazetteer knows it and no
    people is so named)."""
    doc = tok.doc
    if tok.ent_type_ not in ("GPE", "LOC", "NORP") or tok.i == tok.sent.start or \
            doc[tok.i - 1].ent_type_ == tok.ent_type_ and doc[tok.i - 1].ent_iob_ != "O":
        return None  # only at an entity's first word
    prev = doc[tok.i - 1]
    if prev.lower_ in _SURFACE_PREPS and prev.pos_ == "ADP":
        return f"{prev.lower_} X"
    end = _entity_of(tok).end
    listed = prev.lower_ in ("and", "or") or prev.text == "," and end < len(doc) and \
        doc[end].lower_ in ("and", "or", ",")  # "in Aleppo, Homs and Hama", not "in
    # Syria, Pompeo said"
    if listed and depth < 3 and tok.i - 2 >= tok.sent.start and \
            doc[tok.i - 2].ent_type_ in ("GPE", "LOC"):
        before = doc[tok.i - 2]
        return (_strong_slot(before) if before.dep_ == "pobj" else None) or \
            _after_locative(doc[_entity_of(before).start], depth + 1)
    return None


def _name_tokens(tok: Token, sent: Span) -> tuple[int, int]:
    """The run of name words around ``tok`` ("Deir", "ez", "-", "Zor")."""
    start = end = tok.i
    doc = tok.doc
    while start - 1 >= sent.start and (doc[start - 1].pos_ == "PROPN" or (
            doc[start - 1].lower_ in _PARTICLES and doc[start - 1].i + 1 == start
            and not doc[start - 1].is_sent_start)) and doc[start - 1].ent_type_ not in (
                "DATE", "TIME"):
        start -= 1
    while end + 1 < sent.end and (doc[end + 1].pos_ == "PROPN" or (
            doc[end + 1].text == "-" and end + 2 < sent.end and
            doc[end + 2].pos_ == "PROPN")) and doc[end + 1].ent_type_ not in ("DATE", "TIME"):
        end += 1
    while start < end and doc[start].lower_ in _PARTICLES - {"al", "el", "khan", "deir",
                                                              "bab", "ras", "tal", "tell",
                                                              "ain", "beit", "kafr", "umm",
                                                              "abu", "jabal", "jebel",
                                                              "wadi"}:
        start += 1
    return start, end + 1


def _where_of(tok: Token) -> bool:
    """Whether a "where" clause tells of ``tok`` or of the list it is in: "countries like
    Jordan, Lebanon and Turkey, where many Syrians have sought refuge" names places."""
    while True:
        if any(c.dep_ == "relcl" and any(g.dep_ == "advmod" and g.lower_ == "where"
                                         for g in c.children) for c in tok.children):
            return True
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            return False
        tok = tok.head


def acts(tok: Token) -> bool:
    """A country, capital or seat of power standing for its government."""
    r = rules()
    if _region_word(tok) is not None:
        return False  # "southern Idlib" is a region, never a government
    if _where_of(tok):
        return False  # "Turkey, where many Syrians have sought refuge": a place
    if _lost_subject(tok):
        return True  # "objected to the invasion and Jordan had urged restraint"
    while tok.head.i != tok.i and (tok.dep_ == "conj" or tok.dep_ == "appos" and (
            tok.head.ent_type_ == "GPE")):  # "Saudi Arabia, the UAE, Bahrain and Egypt"
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in r.agent_nouns:
            return True  # "draw in Assad's allies, Russia and Iran": one of the allies
    if tok.i > 1 and tok.doc[tok.i - 1].text in ("[", "(") and \
            tok.doc[tok.i - 2].lemma_.lower() in r.agent_nouns:
        return True  # "the guarantors [Russia, Turkey and Iran]", parsed apart
    if _owns_land(tok):
        return False  # "Syria's population", not "Syria's leadership"
    if tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].tag_ == "POS" and \
            tok.doc[tok.i + 2].pos_ == "PROPN" and \
            tok.doc[tok.i + 2].ent_type_ not in r.place_labels:
        return True  # "Turkey's Recep Erdoğan", whatever the parse: the leader's country
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in r.undergo_verbs:
        return False  # "Damascus and Riyadh experienced missile attacks"
    if tok.dep_ in r.actor_deps:
        return True
    if tok.dep_ in ("compound", "nmod") and tok.head.lemma_.lower() in r.attack_nouns:
        return True  # "US airstrikes", "the Moscow offensive": the doer ("the Syria war" is not)
    if tok.dep_ in ("compound", "nmod") and tok.head.lemma_.lower() in r.owned_nouns:
        return True  # "a large US airbase": the owner
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.is_sent_start and \
            tok.right_edge.i + 1 < len(tok.doc) and tok.doc[tok.right_edge.i + 1].text == ",":
        return True  # "For Turkey, the priority is …": whose view
    if tok.dep_ == "appos" and tok.head.ent_type_ in ("ORG", "NORP", "PERSON"):
        return True  # "allies fighting Isis, particularly the United States"
    if tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass") and \
            tok.head.lemma_.lower() not in r.place_nouns | r.land_nouns and \
            tok.head.head.lemma_.lower() not in r.undergo_verbs | r.place_subject_verbs:
        return True  # "All three – Iran, Assad and Russia – would rather …": the subject
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and \
            doc[tok.i + 2].tag_ == "VBN" and doc[tok.i + 2].lower_ not in ("based", "born"):
        return True  # "the US-led coalition", "Iran-backed militias" (not "London-based")
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() not in r.place_object_verbs | \
            r.topic_verbs:
        return True  # "Beijing warned Washington", "pressing Turkey to extradite him"
    if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "on", "from", "for") and \
            _dealings(tok.head, r.relation_words):
        return True  # "sanctions on Iran", "pressure from Russia", "a gesture to Turkey"
    if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "with") and \
            tok.head.head.pos_ in ("ADJ", "ADV") and \
            tok.head.head.dep_ in ("acomp", "oprd", "advmod") and any(
                c.dep_ == "nsubj" and c.ent_type_ == "GPE" for c in tok.head.head.head.children):
        return True  # "Caracas has grown closer to Moscow": a government's relations
    if tok.dep_ == "pobj" and tok.head.lower_ == "at" and tok.head.i > 0 and (
            tok.doc[tok.head.i - 1].lower_ in ("out", "back") or
            _dealings(tok.head, r.aim_words)):
        return True  # "lashed out at Moscow", "took a swipe at Beijing" (not "fired at Riyadh")
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.i > 0 and \
            tok.doc[tok.head.i - 1].lower_ == "according":
        return True  # "according to Washington": a source, not a place
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.pos_ == "NOUN" and \
            tok.head.head.lemma_.lower() not in r.route_nouns | r.motion_verbs | \
            r.place_nouns | r.land_nouns | r.feature_nouns:
        return True  # "a surprise to Damascus", "an envoy to Syria" (not "a visit to Ankara")
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN" and \
            tok.head.head.lemma_.lower() in r.party_of_nouns and \
            not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "as"):
        return True  # "the recognition of Israel", "the spectre of Iran" (not "recognition
        # of Jerusalem as the capital": the city recognised)
    if tok.dep_ == "attr" and tok.head.lemma_ == "be" and \
            any(c.dep_ == "nsubj" and c.lower_ == "it" for c in tok.head.children) and \
            tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in ("that", "who", "which"):
        return True  # "it is Israel that appears to have led the charge": the doer in focus
    if tok.dep_ == "compound" and tok.head.dep_ in ("advcl", "ccomp", "relcl") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.head.children):
        return True  # "when America retreats" with the verb taken for a noun: its subject
    if tok.dep_ == "pobj" and tok.head.lower_ in r.actor_preps:  # "talks with Damascus",
        governor = tok.head.head.lemma_.lower()  # not "the border with Syria", "fled towards
        before = tok.doc[tok.head.i - 1].lemma_.lower() if tok.head.i else ""  # Damascus"
        return governor not in r.boundary_nouns and before not in r.boundary_nouns and not (
            tok.head.lower_ in ("toward", "towards") and
            governor in r.motion_verbs | r.leave_verbs | r.place_object_verbs)
    governor = tok.head.head if tok.dep_ == "pobj" else tok.head
    located = tok.dep_ == "pobj" and tok.head.lower_ in r.locative_preps - {"to"}  # "power
    # brokers in Iraq", "marched through Khartoum demanding …"
    listed = tok.dep_ == "pobj" and tok.head.lower_ in ("of", "including", "as", "like")
    if (listed or tok.dep_ == "appos") and governor.pos_ == "NOUN" and \
            governor.lemma_.lower() in r.agent_nouns:
        return True  # "a close ally of the US", "its allies Saudi Arabia and Israel"
    if tok.dep_ == "pobj" and tok.head.lower_ in ("from", "for") and \
            governor.lemma_.lower() in r.attack_nouns | {"imperative", "threat", "support"}:
        return True  # "under assault from Turkey", "an imperative for the US"
    # "agreed to Moscow taking charge", "leave the US searching": the doer of a verb after it
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    named_town = listed and governor.lemma_.lower() in r.place_nouns  # "her home town of
    # Damascus fearing discovery"
    return bool(nxt is not None and nxt.tag_ == "VBG" and tok.dep_ in ("pobj", "dobj")
                and not located and not named_town  # "died in Syria fighting" is a place
                and nxt.dep_ in ("xcomp", "pcomp", "acl", "advcl", "ccomp"))


def _lost_subject(tok: Token) -> bool:
    """A name the parser joined to a noun before it although a finite verb right after it
    has no subject of its own: that verb's subject ("Egypt has objected to the Israeli invasion
    and Jordan had urged restraint", with "Jordan" taken as a second thing objected to;
    not "the fighting in Syria has killed": "has killed" has its subject)."""
    doc = tok.doc
    if tok.dep_ != "conj" or tok.i + 1 >= len(doc):
        return False  # a name joined to another thing ("and Russia"), then a verb
    nxt = doc[tok.i + 1]
    if nxt.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return False
    verb = nxt.head if nxt.dep_ in ("aux", "auxpass") else nxt
    return verb.pos_ in ("VERB", "AUX") and verb.i > tok.i and \
        verb.lemma_.lower() not in rules().undergo_verbs and not any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


def stands_for_government(tok: Token, text: str, kb: Knowledge) -> bool:
    """A country, capital or seat of power named ``text`` (at ``tok``) that stands for its
    government: :func:`acts`, or a capital reacting (:func:`_reacts_in`)."""
    return is_actor_name(text, kb) and (acts(tok) or _reacts_in(tok, text, kb))


def _reacts_in(tok: Token, text: str, kb: Knowledge) -> bool:
    """A capital or seat of power after "in" and a word of reaction: the government that
    reacts ("the move was welcomed in Washington", "caused alarm in Tokyo", "well received
    in Tel Aviv"), not a visit ("he was welcomed in Moscow by Putin")."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "in" or \
            not any(e.kind in ("capital", "seat") for e in kb.lookup(phrase_key(text))):
        return False
    r = rules()
    governor = tok.head.head
    words = {governor.lemma_.lower()} | {c.lemma_.lower() for c in governor.children
                                         if c.dep_ == "dobj"}  # "caused alarm in Tokyo"
    judged = governor.lemma_.lower() in r.view_verbs and any(
        c.dep_ == "prep" and c.lower_ == "as" for c in governor.children)  # "seen in Ankara
    if not words & r.reaction_words and not judged:  # as a betrayal"
        return False
    return not any(c.dep_ == "agent" or c.dep_ in ("nsubj", "nsubjpass") and (
        c.ent_type_ in ("PERSON", "NORP", "ORG") or c.pos_ in ("PRON", "PROPN") or
        c.lemma_.lower() in r.agent_nouns | r.people_nouns) for c in governor.children)


def _glued_heading(start: int, end: int, doc: Doc, kb: Knowledge) -> bool:
    """A name said twice in a row ("Iran Iran has been accused"), or a country's name before
    its own adjective ("Turkey Turkish president …"): a scraped page's section heading glued
    to the section's first sentence, naming its subject, not a place."""
    n = end - start
    if end + n <= len(doc) and doc[start:end].text == doc[end:end + n].text:
        return True
    if end >= len(doc) or not doc[end].text[:1].isupper():
        return False
    country = country_of_word(doc[start:end].text, kb)
    return country is not None and _nationality(doc[end].text, kb) and \
        country_of_word(doc[end].text, kb) == country


def _dealings(prep: Token, words: frozenset[str]) -> bool:
    """A preposition of a noun or verb of dealings between governments, wherever the parser
    hung it: on the word ("sanctions on Iran"), on the verb after the word ("his outreach to
    Iran" with "to" on "set"), or on the verb of a clause about the word ("the support that
    he has had from Russia")."""
    governor = prep.head
    if governor.lemma_.lower() in words:
        return True
    if governor.pos_ not in ("VERB", "AUX"):
        return False
    before = prep.doc[prep.i - 1] if prep.i else prep
    return before.pos_ == "NOUN" and before.lemma_.lower() in words or \
        governor.dep_ == "relcl" and governor.head.lemma_.lower() in words


def _a_region(text: str, gazetteer: Gazetteer) -> bool:
    """Known to the gazetteer as a division or a bundled region, not only as a town."""
    return any(p.source not in (None, "GeoNames") and p.feature not in ("city", "capital")
               for p in gazetteer.candidates(text))


def is_actor_name(text: str, kb: Knowledge) -> bool:
    return any(e.kind in _ACTOR_KINDS for e in kb.lookup(phrase_key(text)))


def _nationality(text: str, kb: Knowledge) -> bool:
    """A nationality word, not a place: "the Kazakh capital", "Kurdish towns"."""
    kinds = {e.kind for e in kb.lookup(phrase_key(text))}
    return bool(kinds & {"adjective", "demonym"}) and not kinds & {"country", "capital", "region"}


def _a_people(text: str, kb: Knowledge) -> bool:
    """A nationality, people or faith the actor data know ("Arab", "Kurdish")."""
    return any(e.kind in ("adjective", "demonym", "people") for e in kb.lookup(phrase_key(text)))


#: a city of at least this many people is a place even where a bare surname could be a
#: person ("rebels captured Goma": the city, not a former prime minister of that name)
BIG_CITY = 100_000


def _person_or_org(text: str, kb: Knowledge, strict: bool) -> bool:
    """Known to the actor data as a person or organisation; ``strict``: a bare surname
    counts too (a verb's object: "visited Robinson"; after "to" or "in", "Goma" is a town —
    and the caller asks strictly of no city of :data:`BIG_CITY` people or more)."""
    kinds = ("person", "org", "surname") if strict else ("person", "org")
    return any(e.kind in kinds for e in kb.lookup(phrase_key(text)))


def _hints(start: int, end: int, sent: Span, kb: Knowledge, gazetteer: Gazetteer) -> Hints:
    r = rules()
    doc = sent.doc
    head = doc[end - 1]
    # "the northern Syrian town of X", "the Iraqi city of X"
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        noun = head.head.head
        for mod in noun.children:  # not "US recognition of Jerusalem": a kind of place
            if mod.dep_ in ("amod", "compound") and mod.i < noun.i and \
                    noun.lemma_.lower() in r.place_nouns | r.feature_nouns:
                code = country_of_word(mod.text, kb)
                if code:
                    return Hints(country=code, admin=noun.lemma_.lower() in r.admin_nouns,
                                 why=f"{mod.text} {noun.text} of")
        if noun.lemma_.lower() in r.admin_nouns:
            return Hints(admin=True, why=f"{noun.text} of")
    # "Idlib province"
    if end < sent.end and doc[end].lemma_.lower() in r.admin_nouns:
        return Hints(admin=True, why=f"X {doc[end].text}")
    # "X, Syria", "X, in Y province", "X in northern Syria"
    i = end
    if i < sent.end and doc[i].text == ",":
        i += 1
    if i < sent.end and doc[i].lower_ == "in":
        i += 1
    while i < sent.end and (doc[i].pos_ in ("DET", "ADJ") or doc[i].lower_ in (
            "north", "south", "east", "west")) and doc[i].ent_type_ != "NORP":
        i += 1
    if i < sent.end and i > end and doc[i].pos_ == "PROPN":
        j = i
        while j + 1 < sent.end and doc[j + 1].pos_ == "PROPN":
            j += 1
        name = doc[i:j + 1].text
        code = country_of_word(name, kb)
        if code and doc[j].dep_ not in ("compound", "amod", "nmod"):  # not ", US officials"
            return Hints(country=code, why=f"…, {name}")
        if j + 1 < sent.end and doc[j + 1].lemma_.lower() in r.admin_nouns:
            found = best(name, gazetteer, kb)
            if found is not None and found.place.admin1:
                return Hints(country=found.place.country, admin1=found.place.admin1,
                             why=f"…, in {name} {doc[j + 1].text}")
    return Hints()


def _sounds_in_its_country(start: int, end: int, sent: Span, gazetteer: Gazetteer,
                           kb: Knowledge) -> bool:
    """A name the sentence places in a country ("Tal Rifaat in northern Syria") that
    sounds like a town of that country (geocode's sound-alikes)."""
    country = _hints(start, end, sent, kb, gazetteer).country
    return country is not None and any(
        p.country == country for p in gazetteer.sounding(sent.doc[start:end].text))


def _entity_of(tok: Token) -> Span:
    """The named entity ``tok`` is in (:func:`eventwire.nlp.entity_of`), without its
    possessive ending: "[Al-Hol]’s population" names the camp."""
    ent = entity_of(tok)
    end = ent.end
    while end - ent.start > 1 and tok.doc[end - 1].tag_ == "POS":
        end -= 1
    return Span(tok.doc, ent.start, end, label=ent.label)


def _names_a_thing(root: Token, place_words: frozenset[str]) -> bool:
    """A name that only modifies another noun names a thing: "the Rome statute"; so does one
    joined to such a modifier ("British, French and **US** airstrikes")."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head.lemma_.lower() not in place_words and root.head.ent_type_ == ""


def _grown(start: int, end: int, sent: Span, gazetteer: Gazetteer) -> int:
    """The end of a place entity the model cut short: "[Deir] ez-Zor", when the gazetteer
    knows the longer name and not the entity alone."""
    doc = sent.doc
    if gazetteer.candidates(doc[start:end].text):
        return end
    for stop in range(min(end + 4, sent.end), end, -1):
        words = doc[end:stop]
        if all(t.text == "-" or t.lower_ in _PARTICLES or t.text[:1].isupper() and t.is_alpha
               for t in words) and \
                gazetteer.candidates(doc[start:stop].text):
            return stop
    return end


def _ends_a_body_name(tok: Token) -> bool:
    """A place that ends an organisation's name: after "for" or "of" hung on the capitalised
    last word of an organisation entity ("the Working Group for Syria"; not "the UN envoy
    for Syria", nor "the UN Human Rights Council in Geneva", which sits there)."""
    prep = tok.head
    body = prep.head
    return tok.dep_ == "pobj" and prep.lower_ in ("for", "of") and \
        body.ent_type_ == "ORG" and body.text[:1].isupper() and \
        body.lemma_.lower() in rules().body_nouns and body.i + 1 == prep.i


def _town_taken_for_date(tok: Token, slot: str, gazetteer: Gazetteer) -> bool:
    """A one-word name in a locative slot (or "out of X") that the model tagged as a date
    ("Starting in Manbij", "chasing the militants out of Mayadeen"): a town when it has no
    digits, is not a month and the gazetteer knows a town of that very name with at least
    ``NAMESAKE_POPULATION`` people, or the bundled data list it as a town's spelling ("in
    Mayadeen")."""
    ent = _entity_of(tok)
    if len(ent) != 1 or not tok.is_alpha or tok.pos_ != "PROPN" or \
            slot.split(" ")[0] not in rules().locative_preps | {"out"} or \
            fold_key(tok.text) in rules().months:
        return False
    return gazetteer.spelled(tok.text) or any(
        not p.alternate and p.population >= NAMESAKE_POPULATION
        for p in gazetteer.candidates(tok.text))


def _bundled_name(tok: Token, gazetteer: Gazetteer) -> bool:
    """An ORG or PERSON entity that is exactly a bundled site or region ("Eastern Ghouta")."""
    ent = _entity_of(tok)
    text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    return any(p.bundled and p.feature != "city"
               for p in gazetteer.candidates(text))


#: the slots that say a name is a town, known to the gazetteer or not
_SETTLEMENT_SLOTS = frozenset({"the town of X", "the village of X", "the city of X",
                               "X town", "X village"})


def is_settlement(slot: str) -> bool:
    """A slot that says the name is a town: "the town of X", "X village"."""
    return slot in _SETTLEMENT_SLOTS


def is_quarter(slot: str) -> bool:
    """A slot that names part of a town: "X district", "X neighbourhood"."""
    return slot.startswith("X ") and slot[2:] in rules().quarter_nouns


def mentions(sent: Span, gazetteer: Gazetteer, kb: Knowledge) -> Iterator[Mention]:
    """The place mentions of one sentence, in order."""
    found = list(_slotted(sent, gazetteer, kb))
    found += _listed(sent, found, gazetteer, kb)
    return iter(sorted(found, key=lambda m: m.start))


def _plain_place(start: int, end: int, sent: Span, gazetteer: Gazetteer, kb: Knowledge
                 ) -> bool:
    """Whether tokens ``[start, end)`` can only be a place the gazetteer (or the actor data's
    regions) know: not a date, month or listed non-place, not part of a longer name, not a
    person or organisation the actor data know, not a country or capital standing for its
    government."""
    doc = sent.doc
    span = doc[start:end]
    r = rules()
    key = fold_key(span.text)
    if start >= end or any(t.ent_type_ in ("DATE", "TIME") for t in span) or \
            key in r.months or key in r.not_places or key.split(" ")[-1] in r.months:
        return False
    ent = _entity_of(doc[start]) if doc[start].ent_type_ else None
    if ent is not None and ent.label_ not in r.place_labels and \
            ent.text.strip(" ,.;:") not in (span.text, f"the {span.text}"):
        return False  # part of a longer name: "the Aleppo Media Centre"
    if _person_or_org(span.text, kb, strict=False):
        return False
    if stands_for_government(span.root, span.text, kb):
        return False
    found = gazetteer.candidates(span.text)
    return not (found and all(p.source == ISO_DIVISION for p in found) or
                not found and region_place(span.text, kb) is None)


def _listed(sent: Span, found: list[Mention], gazetteer: Gazetteer,
            kb: Knowledge) -> list[Mention]:
    """Names listed with a place are places too: "Idlib and rural Aleppo", "areas
    including Aleppo, Ghouta and Darayya" (the small model tags such lists' names as
    organisations or works of art)."""
    doc = sent.doc
    roots = {doc[m.start:m.end].root.i: m for m in found}
    taken = {i for m in found for i in range(m.start, m.end)}
    out: list[Mention] = []
    grew = True
    while grew:
        grew = False
        for tok in sent:
            if tok.i in taken or not tok.text[:1].isupper():
                continue
            partner = roots.get(tok.head.i) if tok.dep_ == "conj" else None
            partner = partner or next((roots[c.i] for c in tok.children
                                       if c.dep_ == "conj" and c.i in roots), None)
            if partner is None:
                continue
            start, end = _name_tokens(tok, sent)
            if any(i in taken for i in range(start, end)) or \
                    not _plain_place(start, end, sent, gazetteer, kb):
                continue
            m = Mention(start, end, doc[start:end].text, f"listed with {partner.text}",
                        _hints(start, end, sent, kb, gazetteer))
            out.append(m)
            roots[doc[start:end].root.i] = m
            taken.update(range(start, end))
            grew = True
    return out


def echoes(doc: Doc, found: list[Mention], gazetteer: Gazetteer,
           kb: Knowledge) -> list[Mention]:
    """Other uses of a town or region the article names as a place: one name, one sense
    in an article ("fighting over Idlib" … "Idlib was spared an assault"). Country names
    are left out: a country stands for its government as often as for its land."""
    r = rules()
    names = {m.text for m in found
             if not any(e.kind == "country" for e in kb.lookup(phrase_key(m.text)))}
    if not names:
        return []
    firsts = {n.split(" ", 1)[0] for n in names if " " in n}  # "Deir" of "Deir ez-Zor"
    taken = {i for m in found for i in range(m.start, m.end)}
    out: list[Mention] = []
    for sent in doc.sents:
        for tok in sent:
            if tok.i in taken or tok.text not in names and tok.text not in firsts:
                continue
            start, end = _name_tokens(tok, sent)
            text = doc[start:end].text
            if text not in names or any(i in taken for i in range(start, end)):
                continue
            root = doc[start:end].root
            if _strong_slot(root) is None and (
                    _names_a_thing(root, r.place_nouns | r.feature_nouns) or
                    root.dep_ == "nsubj" and root.head.lemma_.lower() in r.human_verbs):
                continue
            if not _plain_place(start, end, sent, gazetteer, kb):
                continue
            out.append(Mention(start, end, text, "named as a place elsewhere in the article",
                               _hints(start, end, sent, kb, gazetteer)))
            taken.update(range(start, end))
    return out


def _national_capital(tok: Token, kb: Knowledge) -> Mention | None:
    """"The Afghan capital", "the Syrian capital": the country's capital, by its name (not
    when it acts: "the Iraqi capital said")."""
    if tok.lower_ != "capital" or tok.pos_ != "NOUN" or \
            not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or \
            tok.dep_ == "nsubj" and tok.head.lemma_.lower() in rules().human_verbs:
        return None
    for mod in (c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i):
        code = country_of_word(mod.text, kb)
        country = kb.countries.get(code) if code else None
        if country is not None and country.capital:
            return Mention(tok.i, tok.i + 1, country.capital, f"the {mod.text} capital",
                           Hints(country=code, why=f"the {mod.text} capital"))
    return None


def _slotted(sent: Span, gazetteer: Gazetteer, kb: Knowledge) -> Iterator[Mention]:
    """The mentions entities and place slots give."""
    r = rules()
    seen: set[int] = set()
    for tok in sent:
        if tok.i not in seen and (capital := _national_capital(tok, kb)) is not None:
            seen.add(tok.i)
            yield capital
            continue
        if tok.i in seen or not tok.text[:1].isupper():
            continue
        label = tok.ent_type_
        slot = _strong_slot(tok) if tok.pos_ in ("PROPN", "NOUN") or label else None
        if label in r.place_labels:
            ent = _entity_of(tok)
            start, end = ent.start, ent.end
            while start < end and tok.doc[start].pos_ == "DET":
                start += 1
            while end - start > 1 and tok.doc[end - 1].tag_ == "POS":
                end -= 1  # "[Saudi Arabia’s]" as one entity
            start = _past_region_words(start, end, tok.doc, gazetteer)
            end = _grown(start, end, sent, gazetteer)
            last = tok.doc[end - 1].lemma_.lower()
            if end - start > 1 and last in r.feature_nouns | r.admin_nouns and \
                    not gazetteer.candidates(tok.doc[start:end].text):
                end -= 1  # "Raqqa city", "Raqqa province", "Manchester airport"
            root = tok.doc[start:end].root
            if slot is None and _glued_heading(start, end, tok.doc, kb):
                seen.update(range(ent.start, ent.end))
                continue  # "Iran Iran has been accused …": a section heading, not a place
            if slot is None and _names_a_thing(root, r.place_nouns | r.feature_nouns):
                seen.update(range(ent.start, ent.end))
                continue  # "the Rome statute", "the Geneva talks", "US troops"
            if _ends_a_body_name(root):
                seen.update(range(ent.start, ent.end))
                continue  # "the Working Group for Syria": an organisation's name
            if slot is None and root.dep_ == "nsubj" and \
                    root.head.lemma_.lower() in r.human_verbs or \
                    root.dep_ == "poss" and root.head.lower_ in r.kin_nouns:
                seen.update(range(ent.start, ent.end))
                continue  # "Beaumont also ignores …": a writer, not a town; "Matar's
                # brother": a person's family
            slot = _strong_slot(root) or slot or f"{label} entity"
        elif label in ("ORG", "PERSON") and slot is None and _bundled_name(tok, gazetteer):
            ent = _entity_of(tok)
            start, end = ent.start, ent.end
            while start < end and tok.doc[start].pos_ == "DET":
                start += 1
            slot = "a bundled place's name"
        elif slot is not None and (tok.pos_ == "PROPN" or label and (
                tok.pos_ == "NOUN" or tok.pos_ == "ADJ" and (
                    tok.dep_ == "compound" or tok.dep_ == "amod" and tok.head.tag_ != "NNS"))):
            # a name before one region noun names it ("the eastern Ghouta region"); before
            # a plural it says a kind ("Arab states", "Kurdish towns")
            if label in ("DATE", "TIME") and not _a_region(tok.text, gazetteer) and \
                    not _town_taken_for_date(tok, slot, gazetteer):
                continue  # "in Ramadan"; but "in Amhara", which the model takes for a date
            if label:  # ORG/PERSON tags: only a one-name entity the actor data do not know
                ent = _entity_of(tok)
                if any(t.pos_ in ("ADP", "VERB") or t.is_punct and t.text not in "-'’."
                       for t in ent):
                    ent = tok.doc[slice(*_name_tokens(tok, sent))]  # "[Douma in Eastern
                    # Ghouta]" taken for one work of art, "[Palmyra; Isis]" for one
                    # organisation: its names, one by one
                start = _past_region_words(
                    ent.start + ent.text.lower().startswith("the "), ent.end, tok.doc, gazetteer)
                end = ent.end
                ent_text = tok.doc[start:end].text
                known = gazetteer.candidates(ent_text)
                # a verb's object that is a bare surname is a person, unless a city the size
                # of Goma bears that very name
                strict = slot.startswith("object") and not any(
                    p.population >= BIG_CITY and not p.alternate for p in known)
                if len(ent_text.split()) > 3 or _person_or_org(ent_text, kb, strict) or \
                        label == "NORP" and (not known or _a_people(ent_text, kb)) or \
                        not (known or is_quarter(slot)
                             or is_settlement(slot) or _sounds_in_its_country(
                                 start, end, sent, gazetteer, kb)):
                    seen.update(range(ent.start, ent.end))
                    continue
            else:
                start, end = _name_tokens(tok, sent)
        else:
            continue
        seen.update(range(start, end))
        if start >= end:
            continue
        text = tok.doc[start:end].text
        key = fold_key(text)
        if key in r.months or key in r.not_places or key.split(" ")[-1] in r.months or \
                _nationality(text, kb):
            continue
        head = tok.doc[start:end].root
        if stands_for_government(head, text, kb):
            continue
        found = gazetteer.candidates(text) if slot.endswith(" entity") else ()
        if found and all(p.source == ISO_DIVISION for p in found):
            continue  # a division without a point needs a place slot: not "his father, Paul"
        yield Mention(start, end, text, slot, _hints(start, end, sent, kb, gazetteer))

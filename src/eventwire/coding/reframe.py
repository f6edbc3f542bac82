"""Announced actions: stated intentions, threats and demands, coded as CAMEO codes them.

"Finland will give Tanzania a grant" is not aid given but an intention to give it (0331);
"they would boycott all contact" is a threat (1312); "Russia said Sudan must return the
helicopter" is Russia's demand on Sudan (1053). The mapping from the action's code to the
announcement's code is data (``data/reframe.yaml``); the action's own code stays in the
event's evidence.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

from spacy.tokens import Token

from .. import codes, resources
from ..errors import DataError
from ..records import Actor
from .context import Found
from .matching import PROTEST_ROOT
from .patterns import Pattern
from .syntax import FIGHT_WORDS, prep_objects
from .visits import OFFICE_WORDS

INTENT_ROOTS = frozenset({"04", "05", "06", "07", "08"})
THREAT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
REFUSAL_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
DEMAND_ROOTS = frozenset({"03", "04", "05", "06", "07", "08", "09"})
#: the two sides of a domestic conflict: one accusing the other is an accusation
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD"})
INSURGENT_SECTORS = frozenset({"REB", "OPP"})
#: A state's or government's "protest" is an official complaint (CAMEO 114), not a demonstration.
STATE_PROTEST_CODE = "114"
#: A truce an international body is the source of is one it orders or calls for: its
#: demand (CAMEO 107), as it has no guns to silence ("a ceasefire ordered by the UN")
IGO_ORDERS = {"0871": "107"}
#: A bombing done by a state's forces is a military one, from the air (CAMEO 195): 183 is the
#: non-military bombing of a group or a person ("a US-led bombing of Mosul", "Russian
#: bombing of Idlib"; not "a bombing by Isis"; an explosion keeps 183)
STATE_BOMBING = {"183": "195"}
STATE_FORCE_SECTORS = frozenset({"GOV", "MIL"})
#: A state that withdraws or pulls out from a country or a region, or from nothing named,
#: takes its forces out (CAMEO 0874: "Trump's decision to withdraw from Syria", "if the
#: Americans pull out"); from a deal or a body (``LEFT_BODIES``) it cuts relations (166)
TROOPS_WITHDRAWN = {"166": "0874"}
WITHDRAW_LEMMAS = frozenset({"withdraw", "pull"})
LEFT_BODIES = frozenset({
    "deal", "agreement", "treaty", "accord", "pact", "convention", "protocol", "framework",
    "coalition", "alliance", "organisation", "organization", "union", "bloc", "council",
    "court", "body", "league", "membership", "talks", "negotiation", "process", "summit",
    "conference", "race", "election", "contest", "competition", "tournament", "bid"})


@dataclasses.dataclass(frozen=True)
class Reframing:
    intent: dict[str, str]
    threat: dict[str, str]
    demand: dict[str, str]
    refusal: dict[str, str]
    captive: dict[str, str]
    intent_cues: frozenset[str]
    demand_cues: frozenset[str]
    refusal_cues: frozenset[str]
    captor_sectors: frozenset[str] = frozenset()
    accusation: dict[str, str] = dataclasses.field(default_factory=dict)

    def _lookup(self, table: dict[str, str], code: str) -> str | None:
        for n in range(len(code), 1, -1):
            if code[:n] in table:
                return table[code[:n]]
        return None

    def held_by(self, code: str, captor_sector: str | None,
                captive_sector: str | None = None) -> str | None:
        """The abduction code for people seized by a non-state group ("Isis captured the
        journalist": 181, not the arrest 173), or None. Fighters held by another armed side
        are its prisoners, no hostages ("the SDF hold hundreds of Isis fighters": 173)."""
        if captor_sector not in self.captor_sectors or captive_sector in self.captor_sectors \
                or captive_sector == "MIL":
            return None
        return self._lookup(self.captive, code)

    def announced(self, code: str, modality: str, cue: str | None,
                  conditional: bool = False) -> str | None:
        """The intent or threat code for an action announced by its actor, if it is one.

        ``conditional``: the action is announced with an "unless" clause, which makes even a
        cooperative step a threat ("will withdraw its force unless ...").
        """
        cue_low = (cue or "").lower()
        if conditional and modality in ("future", "hypothetical"):
            return self._lookup(self.threat, code) or "130"
        stated = modality == "future" or (modality == "hypothetical"
                                          and cue_low in self.intent_cues)
        if not stated:
            return None
        root = code[:2]
        if root in INTENT_ROOTS:
            return self._lookup(self.intent, code)
        if root in THREAT_ROOTS:
            return self._lookup(self.threat, code)
        return None

    def refused(self, code: str, modality: str, cue: str | None, future: bool) -> str | None:
        """The REJECT code for a cooperative action refused ("refused to meet", "will not
        accept"), if it is one."""
        if modality != "negated" or code[:2] not in REFUSAL_ROOTS:
            return None
        if not (future or (cue or "").lower() in self.refusal_cues):
            return None
        return self._lookup(self.refusal, code)

    def accused(self, code: str, speaker: Actor, doer: Actor) -> str | None:
        """The accusation code (112x) when ``speaker`` claims or alleges a conflictual deed
        of ``doer``, named in the text and an adversary: another country's actor, or one of
        the other side of a domestic conflict ("the army claimed rebels shelled the town")."""
        if speaker.country is None or doer.country is None or doer.span is None or \
                speaker.same_as(doer):
            return None
        if speaker.country == doer.country and not (
                {speaker.sector, doer.sector} & STATE_SECTORS and
                {speaker.sector, doer.sector} & INSURGENT_SECTORS):
            return None  # its own side
        return self.accusation.get(code[:2])

    def demanded(self, code: str) -> str | None:
        return self._lookup(self.demand, code) if code[:2] in DEMAND_ROOTS else None


@functools.cache
def load() -> Reframing:
    data = resources.read_yaml("reframe.yaml") or {}
    tables = {}
    for name in ("intent", "threat", "demand", "refusal", "captive", "accusation"):
        table = {str(k): str(v) for k, v in (data.get(name) or {}).items()}
        for value in table.values():
            if value not in codes.table():
                raise DataError(f"data file reframe.yaml: {name}: unknown CAMEO code {value!r}")
        tables[name] = table
    return Reframing(**tables,
                     intent_cues=frozenset(str(w) for w in data.get("intent_cues") or []),
                     demand_cues=frozenset(str(w) for w in data.get("demand_cues") or []),
                     refusal_cues=frozenset(str(w) for w in data.get("refusal_cues") or []),
                     captor_sectors=frozenset(str(w) for w in data.get("captor_sectors") or []))


def by_doer(p: Pattern, t: Token, doer: Token | None, sources: list[Found]) -> Pattern:
    """``p`` recoded for who does it: "Vietnam protested against the oil rig" -- a state
    or government complains (:data:`STATE_PROTEST_CODE`), it does not march; a truce with
    only international bodies as source is one they order (:data:`IGO_ORDERS`); a state's
    bombing is from the air (:data:`STATE_BOMBING`); a state that withdraws from no deal or
    body takes its forces out (:data:`TROOPS_WITHDRAWN`)."""
    if p.code in TROOPS_WITHDRAWN and p.lemma in WITHDRAW_LEMMAS and not p.object and \
            sources and all(_state_force(f.actor) for f in sources) and not _body_left(t):
        return dataclasses.replace(p, code=TROOPS_WITHDRAWN[p.code], id=f"{p.id}>troops")
    if p.pos == "verb" and p.lemma == "protest" and p.code.startswith(PROTEST_ROOT) and \
            sources and doer is not None and (
                doer.ent_type_ == "GPE" or sources[0].actor.sector == "GOV"):
        return dataclasses.replace(p, code=STATE_PROTEST_CODE, id=f"{p.id}>state")
    if p.code in IGO_ORDERS and sources and all(f.actor.sector == "IGO" for f in sources):
        return dataclasses.replace(p, code=IGO_ORDERS[p.code], id=f"{p.id}>ordered")
    if p.code in STATE_BOMBING and _bombing(p) and sources and \
            all(_state_force(f.actor) for f in sources):
        return dataclasses.replace(p, code=STATE_BOMBING[p.code], id=f"{p.id}>military")
    return p


def _bombing(p: Pattern) -> bool:
    """Whether ``p`` was coded by a word of bombs: the trigger ("bombing") or the weapon that
    did the harm ("killed by Russian bombs": ``>weapon:183``)."""
    last = p.id.split(">")[-1]
    return "bomb" in last or any(last == f"weapon:{code}" for code in STATE_BOMBING)


def _state_force(actor: Actor) -> bool:
    """A state's armed forces or government, or a state named as such ("US-led",
    "Russian")."""
    return actor.sector in STATE_FORCE_SECTORS or actor.kind == "country" and actor.sector is None


def _body_left(t: Token) -> bool:
    """Whether what ``t`` withdraws or pulls out from is a deal, a body or an undertaking
    ("withdrew from the nuclear deal", "pulled out of the coalition"), not a country or a
    region, and not left unsaid."""
    holders = [t, *(c for c in t.children if c.lower_ in ("out", "back"))]  # "pulled out of"
    return any(o.lemma_.lower() in LEFT_BODIES or o.ent_type_ == "ORG"
               for word in ("from", "of") for o in prep_objects(holders, word))


#: expulsions whose code names whom they expel: an order to leave given to civilians
#: ("ordered residents of northern Gaza to evacuate") expels individuals (CAMEO 174), not
#: diplomats, troops or missions (166)
PEOPLE_EXPELLED = {"166": "174"}


#: nouns of inhabited places: a bombing of them, by no one named, is an air raid ("the
#: bombing of towns and villages in Idlib"); one who bombs a church or a market plants a bomb
SETTLEMENT_NOUNS = frozenset({"town", "village", "city", "district", "neighbourhood",
                              "neighborhood", "suburb", "province", "region", "area",
                              "enclave", "countryside"})


def _settlement(found: Found) -> bool:
    """A town, a region or a country as what is bombed ("the bombing of Idlib", "of towns"),
    not where bombs went off ("bombings in Raqqa")."""
    tok = found.token
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
        found.actor.kind == "place" or found.actor.kind == "country" and (
            tok.ent_type_ in ("GPE", "LOC") or tok.lemma_.lower() in SETTLEMENT_NOUNS))


def _fighting(person: Token) -> bool:
    """Whether the text says the person killed was fighting, or is the one fought: "a
    British woman **fighting** alongside Kurdish forces has been killed", "Britons killed
    **fighting** Isis" (a combatant, even where no armed group's sector says so; the killing
    is then a part of the fight)."""
    if person.dep_ == "dobj" and _fight_participle(person.head):
        return True
    told = [person, *(c for c in person.children if c.dep_ == "acl")]
    return any(c.dep_ in ("acl", "advcl", "xcomp") and _fight_participle(c)
               for w in told for c in w.children)


def _fight_participle(word: Token) -> bool:
    return word.tag_ == "VBG" and word.lemma_.lower() in FIGHT_WORDS


def _people(found: Found) -> bool:
    """Civilians, or a people named by its plural name ("tens of thousands of
    **Palestinians**"; not "every Iranian boot"), not a state."""
    return found.actor.sector == "CVL" or found.actor.sector is None and any(
        w.ent_type_ == "NORP" and w.tag_ in ("NNS", "NNPS") and w.dep_ not in ("amod", "compound")
        for w in found.token.subtree)


#: a killing of an armed side's members by another armed side, or by no one named, is
#: fighting (CAMEO 190, "the army killed 30 Isis members", "three Hezbollah members were
#: killed"), as is one of combatants named as such (``19_fight.yaml``);
#: the killing of a person apart from battle keeps its own word ("murdered", "executed")
COMBAT_KILLED = {"1823": "190"}
KILL_LEMMAS = frozenset({"kill"})
#: an armed side destroyed is one defeated by force (CAMEO 190: "pledged to destroy the
#: YPG"), not property destroyed (1712)
ARMED_DESTROYED = {"1712": "190"}
#: the sectors of armed sides that fight (not a government as such, unlike
#: ``holders.ARMED_SECTORS``, whose holders of a place may be one)
COMBATANT_SECTORS = frozenset({"MIL", "REB", "PRM", "UAF"})


#: a clash with a named person, or with a person's view, by no armed side is a clash of
#: words (CAMEO 110: "the senator has clashed with Trump", "clashed with Trump's
#: assessment"; not "clashed with Jolani's men")
WORDS_CLASHED = {"190": "110"}
CLASH_LEMMAS = frozenset({"clash"})
VIEW_NOUNS = frozenset({
    "assessment", "claim", "view", "policy", "position", "decision", "remark", "comment",
    "statement", "plan", "stance", "approach", "idea", "proposal", "account", "analysis",
    "version", "line", "strategy", "handling", "rhetoric"})


def _person_or_view(found: Found) -> bool:
    """A named person ("Trump"), a person's view ("Trump's assessment") or an office holder
    ("the president")."""
    tok = found.token
    lemma = tok.lemma_.lower()
    if found.actor.kind == "agent":
        return lemma in OFFICE_WORDS
    return found.actor.kind == "person" and (tok.pos_ == "PROPN" or lemma in VIEW_NOUNS)


def by_target(p: Pattern, targets: list[Found], sources: Sequence[Found] = ()) -> Pattern:
    """``p`` recoded for whom it is done to: an expulsion of civilians or of a people only
    is the expulsion of individuals (:data:`PEOPLE_EXPELLED`); a killing of armed fighters
    only, by armed fighters or by no one named, is fighting (:data:`COMBAT_KILLED`), as is
    destroying an armed side (:data:`ARMED_DESTROYED`); a clash with a person, a person's
    view or an office holder, by no armed side, is one of words (:data:`WORDS_CLASHED`)."""
    if p.code in ARMED_DESTROYED and targets and \
            all(f.actor.sector in COMBATANT_SECTORS for f in targets):
        return dataclasses.replace(p, code=ARMED_DESTROYED[p.code], id=f"{p.id}>armed")
    if p.code in WORDS_CLASHED and p.lemma in CLASH_LEMMAS and targets and \
            all(_person_or_view(f) for f in targets) and \
            not any(f.actor.sector in COMBATANT_SECTORS for f in sources):
        return dataclasses.replace(p, code=WORDS_CLASHED[p.code], id=f"{p.id}>words")
    if p.code in PEOPLE_EXPELLED and targets and all(_people(f) for f in targets):
        return dataclasses.replace(p, code=PEOPLE_EXPELLED[p.code], id=f"{p.id}>people")
    if p.code in STATE_BOMBING and _bombing(p) and not sources and targets and \
            all(_settlement(f) for f in targets):
        return dataclasses.replace(p, code=STATE_BOMBING[p.code], id=f"{p.id}>places")
    if p.code in COMBAT_KILLED and p.lemma in KILL_LEMMAS and targets and (
            all(f.actor.sector in COMBATANT_SECTORS for f in (*targets, *sources)) or
            all(_fighting(f.token) for f in targets)):
        return dataclasses.replace(p, code=COMBAT_KILLED[p.code], id=f"{p.id}>armed")
    return p

"""Who did it and to whom: the source and target heads of a trigger in the parse.

:class:`RoleFinder` is the part of the event coder that walks the parse from a trigger to
the words naming its source and target (docs/events.md, "How a sentence is coded", steps
3-4). It returns parse tokens; turning them into actors is the coder's job.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..codes import FORCE_ROOTS
from ..nlp import country_name, entity_of
from .coref import may_stand_for, quoted
from .cues import Cues
from .holders import FIGHT_ROOT
from .modality import SAID_ROOTS, UNSAYING
from .nested import MEETING_ROOTS
from .patterns import Pattern, PatternSet
from .syntax import (
    FIGHT_WORDS,
    cause,
    child,
    conjuncts,
    hands_of,
    hyphen_pair,
    misread_gerund_doer,
    named_modifiers,
    named_nouns,
    passive,
    prep_objects,
    raised_subject,
    reduced_passive,
    shared_object,
    stray_agent,
    to_infinitive,
    undergoer,
    zero_relative,
)

#: prepositions that set a gerund beside the clause's own deed ("extradited two men **after**
#: stripping them of citizenship", "**without** consulting its allies"): its doer is the
#: clause's subject, never the object that "accused the army **of** bombing" names
CLAUSE_PREPS = frozenset({"after", "before", "since", "upon", "while", "without", "despite",
                          "besides", "instead", "when"})

#: Acts by which their maker does what they say: "an executive order imposing sanctions" is
#: the sanctions of whoever signs it, "a resolution demanding a ceasefire" of whoever passes it
INSTRUMENTS = frozenset({"order", "decree", "law", "resolution", "bill", "measure", "directive",
                         "regulation", "legislation", "amendment", "ruling", "motion"})
#: Prepositions whose object is the target of an event stated in a complement clause.
COMPLEMENT_TARGET_PREPS = ("against", "with", "on", "to", "toward", "towards", "from", "at",
                           "into", "between")
#: verbs whose infinitive tells the subject's purpose, not the object's deed ("Warsaw
#: summoned Russia's envoy **to protest**": Warsaw protests)
SUBJECT_PURPOSE = frozenset({"summon", "visit", "meet", "host", "phone", "contact", "convene"})
#: verbs of appeal that a speaker joins to what it reports ("the WHO said the situation was
#: critical and **called on** all parties …"), which the parser hangs on the reported clause
APPEAL_VERBS = frozenset({"call", "urge", "appeal", "demand", "ask", "press", "implore"})
#: verbs whose object is a means, never a party ("threatened to use force")
INSTRUMENT_VERBS = frozenset({"use", "employ", "deploy", "resort"})
#: A nominal event under a preposition of a verb is the verb's subject's ("wounded two soldiers
#: **in** a bomb attack", "did not focus **on** new sanctions") — except after these.
NOT_AGENTIVE_PREPS = frozenset({"after", "before", "since", "despite", "following", "amid",
                                "against", "over", "because", "until", "of", "from", "to",
                                "under"})
#: prepositions that set a scene of force (:data:`..codes.FORCE_ROOTS`), not the doer's own
#: deed: "Poland scrambled jets **during** the attack" (the attack is not Poland's; "raised it
#: during talks" is his talks)
FORCE_SCENE_PREPS = frozenset({"during"})
#: prepositions that time a clause by a meeting "with" someone the clause's subject has
#: (also "ahead of")
MEETING_TIME_PREPS = frozenset({"after", "before", "following", "during"})
#: the words by which a phrase gives a side its part in a fight ("allies in the fight
#: against Isis", "engaged in the battle", "their contribution to the war")
FIGHT_ROLE_WORDS = frozenset({"ally", "partner", "proxy", "backbone", "spearhead", "vanguard",
                              "contribution", "role", "part", "heart", "forefront", "engage",
                              "involve", "align", "participate", "join", "valuable",
                              "instrumental", "crucial", "key", "vital", "central"})
#: of those, the nouns of one's own share in it, whose possessive is the side
SHARE_NOUNS = frozenset({"contribution", "role", "part"})
#: the CAMEO root of consultations (meetings, talks, calls)
CONSULT_ROOT = "04"
#: verbs whose subject suffers the event their object names ("the town **suffered** heavy
#: shelling", "the rebels **faced** an assault"), as does the subject of "come under" an
#: event ("Afrin **came under** attack"): that subject is the event's target
SUFFERING_VERBS = frozenset({"suffer", "endure", "experience", "face", "withstand", "sustain",
                             "undergo", "weather"})
#: Verbs whose subject may be a nominal event and whose object is then that event's target
#: ("a roadside **bombing killed** two soldiers", "US **airstrikes hit** rebel positions").
HARM_VERBS = frozenset({"kill", "wound", "injure", "maim", "destroy", "damage", "hit", "strike",
                        "target", "claim", "leave"})
#: Verbs whose subject suffered the nominal event under "in" / "during": "two men **died
#: in** army shelling", "three were **killed in** an air strike".
VICTIM_VERBS = frozenset({"die", "perish", "kill", "wound", "injure", "hurt", "maim"})
#: Verbs of keeping someone from harm: their object is whom the harm "from" names would
#: have hit ("rescued civilians **from** airstrikes", "shield the town from shelling")
SHIELDING_VERBS = frozenset({"rescue", "protect", "shield", "save", "defend", "evacuate",
                             "spare", "guard", "pull", "free"})
#: Verbs that say only that an event goes on, starts or grows; the parser hangs the event
#: noun's "with" or "between" phrase on them ("clashes **continued with** Isis fighters")
ONGOING_VERBS = frozenset({"continue", "resume", "erupt", "rage", "break", "flare",
                           "intensify", "escalate", "persist", "begin", "start"})
#: Nouns that only frame an event named by their compound modifier ("a mediation effort").
FRAME_NOUNS = frozenset({"effort", "bid", "initiative", "process", "drive", "push",
                         "programme", "program", "plan", "move", "attempt"})
#: Relative pronouns: they stand for the noun their clause describes.
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
#: places and states of custody, whose keeper the words before them name ("a Kurdish prison")
CUSTODY_NOUNS = frozenset({"prison", "jail", "custody", "detention", "camp", "cell"})
#: the CAMEO code of releasing people (0841) and property (0842)
RELEASE_CODE = "084"
#: the CAMEO code of detention, and the verbs by which someone is said to be in it ("are
#: in Kurdish custody", "has remained in detention since 2016")
DETAIN_CODE = "173"
BEING_VERBS = frozenset({"be", "remain", "stay", "languish", "spend", "sit"})
#: nouns of being held, events only where someone is in or put in that state
#: (:class:`.matching.PatternMatcher`: "in Kurdish custody", not "a chain of custody"), whose
#: "of" phrase names the holder ("in the custody of the SDF")
HOLDING_NOUNS = frozenset({"custody", "captivity"})
#: the CAMEO root of aid, given to a side and never to whom its deed is against
AID_ROOT = "07"
#: Verbs that only deliver a nominal event to its target: "delivered a rebuke **to** Obama",
#: "issued a warning to Iran", "sent a message to Tehran".
DELIVERY_VERBS = frozenset({"deliver", "issue", "send", "give", "extend", "address", "direct",
                            "offer", "make", "pass", "convey", "fire"})
#: Pronouns that, inside reported speech, stand for the speaker ("Syria says it will ...").
SPEAKER_PRONOUNS = frozenset({"it", "they", "we", "i", "he", "she"})
#: pronouns that, inside the speaker's own quoted words, mean someone else
OTHER_PRONOUNS = frozenset({"it", "they", "he", "she"})
#: possessive pronouns that may stand for a person ("its" is a state's or a group's)
PERSONAL_POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "your"})


def _said_aside(t: Token, speech_verbs: frozenset[str]) -> bool:
    """A participle set off by a comma after a reported clause ("Assad said the five nations
    had shed blood, **blasting** the US"): an act of words, it is the speaker's, though the
    parser hangs it on the reported clause."""
    clause = t.head
    return t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > clause.i and \
        t.doc[t.i - 1].text == "," and clause.dep_ == "ccomp" and \
        clause.head.lemma_.lower() in speech_verbs and child(clause.head, "nsubj") is not None


#: nouns that count or measure the event named in their "of" phrase ("a wave of
#: bombardment"): the event stands where they stand
MEASURE_NOUNS = frozenset({"wave", "series", "barrage", "spate", "round", "string", "volley",
                           "salvo", "flurry", "burst", "surge", "hail"})
#: nouns of a stretch of time that an event lasted ("after **days** of fighting")
SPAN_NOUNS = frozenset({"hour", "day", "night", "week", "month", "year"})
#: weapons and arms that modify an event noun ("artillery bombardment", "tank fire"): the
#: means, and the doer only when the sentence names no other
MEANS_WORDS = frozenset({"artillery", "tank", "warplane", "jet", "bomber", "gunship", "warship",
                         "drone", "helicopter", "mortar", "rocket", "missile"})


def _measured(n: Token, nouns: frozenset[str] = MEASURE_NOUNS) -> Token:
    """The noun of ``nouns`` that measures ``n`` ("a **wave** of bombardment"; with
    :data:`SPAN_NOUNS`, "after **days** of fighting"), else ``n``."""
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ == "NOUN" and \
            n.head.head.lemma_.lower() in nouns:
        return n.head.head
    return n


#: codes of a force's own movement (force posture; a military retreat): their noun's "of"
#: object is the doer when it names armed men ("the **withdrawal of Turkish troops** from
#: Afrin", "the **deployment of Russian forces**"), and a retreat's "from" is the place left
MOVER_CODES = ("15", "0874")
ARMED_MEN = frozenset({"troop", "force", "soldier", "army", "unit", "military", "contingent",
                       "fighter", "marine", "militant", "militia", "militiaman", "rebel",
                       "insurgent", "jihadist", "battalion", "brigade", "division", "garrison",
                       "peacekeeper", "personnel", "warship", "warplane", "jet", "aircraft"})
#: participles that name the parties of a shared event ("a joint operation **involving** the
#: Turkish army and Syrian rebels")
PARTY_VERBS = frozenset({"involve", "include", "bring"})
#: prepositions of a noun event's target the parser may hang on its "by" agent instead
AGENT_BORNE = frozenset({"on", "against"})


#: participles whose agent stands beside an event, not in it: the one who brokers a deal
#: between others ("a ceasefire brokered by Russia") is no party to it
GO_BETWEEN = frozenset({"broker", "mediate", "facilitate", "sponsor", "host", "arrange",
                        "oversee", "monitor", "guarantee"})


def _agents_of(noun: Token) -> list[Token]:
    """The agents of a participle on a noun, or of a passive relative clause: "crimes
    **committed by** X", "the attack, which **was claimed by** X" (not a go-between's: "a
    ceasefire brokered by Russia")."""
    return [x for acl in noun.children if (acl.dep_ == "acl" and acl.tag_ == "VBN" or
                                           acl.dep_ == "relcl" and passive(acl))
            and acl.lemma_.lower() not in GO_BETWEEN for x in prep_objects([acl], "by")]


def gerund_noun(t: Token) -> bool:
    """A gerund used as a noun: "**Fighting** between X and Y killed 40"."""
    return t.tag_ == "VBG" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


def noun_agent(t: Token) -> Token | None:
    """The "by" agent of an event noun, or of the nouns conjoined with it: "airstrikes and
    shelling **by forces loyal to Assad**" (both are the forces')."""
    first = t
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head
    if first.pos_ not in ("NOUN", "PROPN"):
        return None
    for n in (first, *(c for c in first.children if c.dep_ == "conj")):
        found = prep_objects([n], "by") or hands_of(n)  # "killing at the hands of rebels"
        if found:
            return found[0]
    return stray_agent(t)  # "rescued civilians from airstrikes by the regime"


def frame_head(t: Token) -> Token:
    """The noun that frames an event noun ("a **mediation effort**" -> effort), else ``t``."""
    if t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in FRAME_NOUNS:
        return t.head
    return t


def _idiom_it(obj: Token, verb: Token) -> bool:
    """Whether ``obj`` is the empty "it" of "fight it out", "slug it out": no one."""
    return obj.lower_ == "it" and any(c.dep_ == "prt" and c.lower_ == "out"
                                      for c in verb.children)


def antecedent(clause: Token) -> Token | None:
    """The noun a relative clause hangs on, for a relative pronoun in ``clause`` or in a
    complement of it ("the prince, whom Turkey accuses"; "the YPG, which Turkey has vowed
    **to attack**"; "the defenders that Turkey has pledged to destroy")."""
    while clause.dep_ in ("xcomp", "ccomp") and clause.head.i != clause.i:
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" else None


class RoleFinder:
    """Source and target finding; mixed into :class:`~eventwire.coding.coder.EventCoder`."""

    cues: Cues
    patterns: PatternSet

    def _instrument_agent(self, t: Token) -> Token | None:
        """Who did the deed a passive verb's victims suffered "in": "dozens were killed in
        airstrikes **by regime forces**", "in **Russian** airstrikes", "in **the army's**
        shelling"; who keeps the place of custody they are held in: "held in a **Kurdish**
        prison", "in **US** custody"."""
        for deed in prep_objects([t], "in"):
            if deed.lemma_.lower() not in self.patterns.nouns and \
                    deed.lemma_.lower() not in CUSTODY_NOUNS:
                continue
            found = noun_agent(deed) or child(deed, "poss") or next(
                iter(named_modifiers(deed)), None)
            if found is not None:
                return found
        return None

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
        if pron.lower_ in OTHER_PRONOUNS and quoted(pron):
            return None  # '"... they must enforce the resolution," said al-Assil': others
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

    def _reporter(self, t: Token, own: Token | None) -> Token | None:
        """The speaker of a clause an appeal verb is joined to, when the clause's own subject
        is a common noun that cannot appeal ("the WHO said **the situation** was critical and
        called on all parties"): the parser hung the appeal on the reported clause."""
        clause = t.head
        if t.lemma_.lower() not in APPEAL_VERBS or clause.dep_ != "ccomp" or \
                clause.head.lemma_.lower() not in self.cues.speech_verbs or \
                own is not None and (own.pos_ != "NOUN" or own.ent_type_ or
                                     any(c.dep_ == "poss" for c in own.children)):
            return None
        return child(clause.head, "nsubj")

    # -- sources and targets ------------------------------------------------------------
    def _source_head(self, t: Token, p: Pattern | None = None) -> Token | None:
        if passive(t):
            agent = next(iter(prep_objects([t], "by") + hands_of(t)), None)
            if agent is None and p is not None and "dobj" not in p.target:
                return child(t, "nsubjpass")  # "Vietnam is committed to ...": a state
            return agent
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        if not subjects and t.dep_ == "ROOT":
            # the small model sometimes reads a sentence-initial name as an adverbial:
            # "Turkey/npadvmod massed troops on the border"
            subjects = [c for c in t.children if c.dep_ == "npadvmod" and c.i < t.i
                        and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME")]
        # the subject nearest the verb ("MOSCOW, April 11 - Russia's minister said": not MOSCOW)
        subj = max(subjects, key=lambda c: c.i) if subjects else None
        if subj is not None:
            if subj.lower_ in ("who", "which", "that") and t.dep_ == "relcl":
                return _described(t.head)
            return subj
        agent = next(iter(prep_objects([t], "by") + hands_of(t)), None) \
            if t.tag_ == "VBG" else None
        if agent is not None:
            return agent  # "killed in airstrikes and shelling by forces loyal to Assad": a
            # gerund the parser read as a verb, its doer in the "by" phrase
        if t.dep_ == "csubj" and t.tag_ == "VBG" and t.head.dep_ == "ccomp" and \
                t.head.head.lemma_.lower() in self.cues.speech_verbs:
            # "the officials said **battling** the YPG was a necessity": the speakers' deed
            return child(t.head.head, "nsubj")
        if t.dep_ == "xcomp":
            gov = t.head
            controller = child(gov, "dobj") or next(iter(prep_objects([gov], "on")), None)
            if controller is not None and gov.lemma_.lower() not in \
                    self.cues.future_governors | SUBJECT_PURPOSE:
                return controller
            if passive(gov) and not prep_objects([gov], "by"):
                # "Russia is expected to launch", "the rebels are believed to have seized"
                return child(gov, "nsubjpass")
            return self._source_head(gov)
        if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
            own = self._source_head(t.head)
            return self._reporter(t, own) or own
        if t.dep_ == "relcl" and to_infinitive(t) and t.head.dep_ == "dobj" and \
                t.head.head.pos_ == "VERB":
            # "needs more time **to force** the militants out": an infinitive the parser
            # took for a relative clause, done by whoever has the time (as "acl" below)
            return self._source_head(t.head.head)
        if t.dep_ == "relcl":
            return _described(t.head)
        if t.dep_ in ("acomp", "attr") or (t.pos_ == "ADJ" and t.dep_ == "ccomp"):
            return self._source_head(t.head)  # "he is prepared to lift ..."
        if t.dep_ == "pcomp" and t.head.dep_ == "prep":
            gov = t.head.head
            if t.head.lower_ == "by":  # "violated the truce by firing shells": the means
                verb = next((a for a in t.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
                return self._source_head(verb) if verb is not None else None
            if gov.pos_ in ("NOUN", "PROPN") and gov.dep_ == "dobj":
                return gov  # "accused **the army** of bombing": "of" hung on the object
            if passive(gov) and child(gov, "nsubjpass") is not None:
                return child(gov, "nsubjpass")  # "Russia was accused of shelling the town"
            if gov.pos_ == "ADJ" and gov.dep_ == "advcl" and gov.i < gov.head.i:
                # "fresh from ousting Isis, the SDF had been emboldened": the clause's subject
                return child(gov.head, "nsubj", "nsubjpass")
            obj = child(gov, "dobj")
            if obj is not None and (_own_thing(obj) or t.head.lower_ in CLAUSE_PREPS):
                obj = None  # "focused its energies on fighting Isis": the subject fights;
                # "extradited two men after stripping them of citizenship": so it strips
            return obj or self._source_head(gov)
        if p is not None and p.code[:2] in SAID_ROOTS and _said_aside(t, self.cues.speech_verbs):
            return child(t.head.head, "nsubj")  # "Assad said the nations had …, blasting the US"
        if t.dep_ == "advcl" and (t.tag_ == "VBG" or to_infinitive(t)):
            # "..., killing two" / purpose: "sent experts to Bosnia to investigate"
            accused = child(t.head, "dobj") if t.tag_ == "VBG" and \
                t.head.lemma_.lower() in self.cues.alleged_governors else None
            # "accused Chinese vessels of ramming a boat, **injuring** its crew": theirs
            return accused or self._source_head(t.head)
        if t.dep_ == "acl" and t.tag_ == "VBG" and t.head.lemma_.lower() in INSTRUMENTS:
            # "signed an executive order **imposing** sanctions": the signer imposes them
            return child(t.head, "poss") or (self._source_head(t.head.head)
                                             if t.head.dep_ == "dobj" else None)
        if t.dep_ == "acl" and t.tag_ == "VBG" and t.head.pos_ in ("NOUN", "PROPN"):
            return t.head  # "Kurdish militias **fighting** against Turkey": the militias
        if t.dep_ == "acl" and to_infinitive(t) and child(t.head, "poss") is not None and (
                child(t.head, "poss").pos_ != "PRON" or child(t.head, "poss").lower_ in (
                    "his", "her")):
            return child(t.head, "poss")  # "Trump's decision to withdraw", "his promise to"
        if t.dep_ == "acl" and t.head.dep_ in ("dobj", "attr") and t.head.head.pos_ in (
                "VERB", "AUX"):
            return self._source_head(t.head.head)  # "has the potential to attack"
        return None

    def _complement_target(self, t: Token) -> Token | None:
        """The target of an event stated in a complement clause: the subject of "demanded
        **that the US** cancel", or the object of "threatened to break relations **with
        Russia**"."""
        for comp in t.children:
            if comp.dep_ == "advcl" and to_infinitive(comp):
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
                if obj is not None and obj.lower_ in RELATIVE_PRONOUNS:
                    obj = antecedent(comp)  # "the YPG, which Turkey has vowed to attack"
                if obj is not None and comp.lemma_.lower() not in INSTRUMENT_VERBS:
                    return obj  # not "threatened to use **force**"
        return None

    def _condition_subjects(self, t: Token) -> list[Token]:
        """Subjects of "if / unless" clauses on the trigger, its complement or the predicates
        it complements: the party whose action the event is made to depend on ("threatened
        to stop talks **if the United States** goes ahead", "**if Ankara** halts its
        offensive, Brussels is ready to resume talks")."""
        out = []
        holders = [t, *(c for c in t.children if c.dep_ in ("xcomp", "ccomp"))]
        tok = t
        while tok.dep_ in ("xcomp", "acomp") and tok.head.i != tok.i:
            tok = tok.head  # "resume" <- "ready" <- "is"
            holders.append(tok)
        for holder in holders:
            for clause in holder.children:
                if clause.dep_ == "advcl" and any(
                        m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                    subj = child(clause, "nsubj", "nsubjpass")
                    if subj is not None and subj.pos_ != "PRON":
                        out.append(subj)
        return out

    def _undergoes(self, poss: Token, noun: Token) -> bool:
        """Whether the possessive ``poss`` of the event noun ``noun`` names whom the deed was
        done to: a person (a personal pronoun, a person's name or a name the model leaves
        untyped) on one of the cue list's nouns of deeds done to people, with no "of" phrase."""
        if noun.lemma_.lower() not in self.cues.undergone_nouns or prep_objects([noun], "of"):
            return False
        if poss.pos_ == "PRON":
            return poss.lower_ in PERSONAL_POSSESSIVES
        return poss.ent_type_ == "PERSON" or poss.pos_ == "PROPN" and not poss.ent_type_ and \
            not country_name(poss.text)

    def _part_in_fight(self, n: Token) -> Token | None:
        """The side whose part in a fight a phrase around the fight noun ``n`` tells: "allies
        in the fight against Isis" (the allies; "they are allies …": they), "their
        contribution to the fight" (theirs), "the militia that formed the backbone of the
        fight" (the militia), "forces engaged in the fight", "Kurds who were at the heart of
        the fight"."""
        if n.dep_ != "pobj" or n.head.lower_ not in ("in", "to", "of"):
            return None
        part = n.head.head
        if part.pos_ in ("VERB", "ADJ") and part.lemma_.lower() in FIGHT_ROLE_WORDS:
            if part.dep_ in ("acl", "amod"):
                return part.head  # "forces engaged in the fight"
            clause = part.head if part.dep_ == "acomp" else part  # "so valuable in"
            subject = child(clause, "nsubj", "nsubjpass")  # "who were aligned with them in"
            if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and \
                    clause.dep_ == "relcl":
                return clause.head
            return subject
        if part.pos_ != "NOUN" or part.lemma_.lower() not in FIGHT_ROLE_WORDS:
            return None
        owner = child(part, "poss")
        if owner is not None and part.lemma_.lower() in SHARE_NOUNS:
            return owner  # "their contribution to the fight" (not "Washington's proxy")
        if part.dep_ == "appos":
            return part.head  # "the YPG – Washington's main proxy in the fight"
        if part.dep_ in ("attr", "dobj"):
            return self._source_head(part.head)  # "they are allies in", "formed the backbone"
        if part.dep_ == "pobj" and part.head.head.pos_ in ("VERB", "AUX"):
            return self._source_head(part.head.head)  # "have been at the heart of the fight"
        return part if part.dep_ in ("nsubj", "nsubjpass") else None  # "allies in the
        # fight against Isis were not consulted"

    def _meeting_timing(self, held: Token) -> Token | None:
        """The subject of the clause a meeting "with" someone times ("Trump said **ahead
        of** a meeting with lawmakers", "left Ankara **after** talks with Erdogan"): with the
        other party named, that subject is the one who meets."""
        if held.dep_ != "pobj":
            return None
        prep = held.head
        if prep.lower_ == "of" and prep.head.lower_ == "ahead":
            prep = prep.head
        elif prep.lower_ not in MEETING_TIME_PREPS:
            return None
        verb = prep.head
        return self._source_head(verb) if verb.pos_ in ("VERB", "AUX") else None

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
                if obj is None and passive:  # "four men are believed to be held"
                    obj = raised_subject(t)
                if obj is None and passive and t.dep_ == "conj":
                    # "He travelled to Syria and is now being held": the first clause's doer
                    obj = child(t.head, "nsubj", "nsubjpass")
                if obj is None and (reduced_passive(t) or not passive and zero_relative(t)):
                    obj = t.head  # "the journalist captured by Islamic State", "the Kurds it
                    # had backed"
                if obj is not None and obj.lower_ in RELATIVE_PRONOUNS:
                    obj = antecedent(t) or obj  # "the prince, whom Turkey accuses": the prince
                if obj is not None and passive:
                    obj = undergoer(t, obj) or obj  # "Begum had her citizenship revoked"
                if obj is None and not passive:
                    # "kidnapped up to 16 advisers": the parser reads "up to" as a particle
                    obj = next((o for prt in t.children if prt.dep_ == "prt" and
                                prt.lower_ == "up" for o in prep_objects([prt], "to")), None)
                if obj is None and not passive:
                    obj = shared_object(t)  # "killed or wounded 4,315 fighters"
                if obj is None and not passive:
                    # the small model sometimes reads "criticized Turkey" as an adverbial
                    obj = next((c for c in t.children if c.dep_ == "npadvmod"
                                and c.pos_ == "PROPN" and c.i == t.i + 1), None)
                if obj is not None and not _idiom_it(obj, t):
                    out.append(obj)
            elif slot == "that":  # "said the Russian strikes were unacceptable"
                out.extend(subj for c in t.children if c.dep_ == "ccomp"
                           for subj in (child(c, "nsubj", "nsubjpass"),) if subj is not None)
            elif slot == "dative":
                obj = child(t, "dative", "iobj")
                if obj is not None:
                    out.append(next(iter(prep_objects([t], "to")), obj) if obj.lower_ == "to"
                               else obj)
            else:
                out.extend(prep_objects(holders, slot))
                if slot == "from":  # "pulled its troops out of Syria"
                    out.extend(prep_objects([o for o in t.children if o.lower_ == "out"], "of"))
        return out

    @staticmethod
    def _modifier_actors(noun: Token | None, code: str = "") -> list[Token]:
        """Actors named inside an object noun phrase: "an appeal **from** X", "a
        **Senegalese** plan", "calls by **Belarus's** rulers", "an admission **by** Moscow";
        for aid (``code`` 07), not whom the aided deed is against ("backed a fight **against
        Isis**" is no aid to Isis)."""
        if noun is None:
            return []
        out = [c for c in noun.children if c.dep_ == "poss"]
        for word in ("by", "from", "of", "with", "against", "to", "toward", "towards", "for"):
            if word == "against" and code.startswith(AID_ROOT):
                continue
            out += prep_objects([noun], word)
        for inner in prep_objects([noun], "of"):  # "the prospect of talks with Armenia"
            for word in ("with", "against", "to", "by"):
                out += prep_objects([inner], word)
        for holder in [noun, *prep_objects([noun], "into"), *prep_objects([noun], "of")]:
            out += _agents_of(holder)
        out += named_modifiers(noun)
        return out

    def _roles(self, t: Token, p: Pattern) -> tuple[Token | None, list[Token], Token | None]:
        """(source head, target candidates in order, word governing a nominal trigger)."""
        if p.pos == "verb" and (doer := misread_gerund_doer(t)) is not None:
            # "two men died in army shelling", "shelling" read as a verb and "army" as the
            # object of "in": the army shells, the men who died suffer it
            victims = child(t.head, "nsubj", "nsubjpass") \
                if t.head.lemma_.lower() in VICTIM_VERBS else None
            return doer, [x for x in (victims, *prep_objects([t], "of")) if x is not None], None
        if p.doer:  # "Raqqa fell to Kurdish forces": the forces, against whoever held Raqqa
            # (the preposition may hang on the object: "received support **from** the US")
            doer = next((o for word in p.doer for o in prep_objects([t, child(t, "dobj")], word)),
                        None)
            done_to = child(t, "nsubj") or (self._source_head(t) if not passive(t) else None)
            return doer, [x for x in (done_to,) if x is not None], None
        if p.pos == "verb":
            obj = child(t, "dobj")
            holders: list[Token | None] = [t, *(conjuncts(obj) if obj is not None else [])] + [
                c for c in t.children if c.dep_ == "prt"]
            if obj is not None:  # "pledged 50 million euros in aid for Syrian refugees"
                holders += prep_objects([obj], "in")
            if p.particle and p.object:  # the named noun's own slots: "warned of
                holders += named_nouns(t, p.particle)  # retaliation against Israel"
            targets = self._slots(p, holders, t, passive(t))
            if "none" not in p.target:
                # "a camp **for Congolese refugees** was attacked": in the passive, the subject
                targets += self._modifier_actors(child(t, "nsubjpass") if passive(t) else obj,
                                                 p.code)
                # "mobilized reservists for a war **against Iraq**"
                targets += [x for aim in prep_objects([t], "for")
                            for x in prep_objects([aim], "against")]
                if obj is not None:  # "expressed disappointment that Kurdish fighters had
                    targets += [subj for clause in obj.children  # not left", "rejected the
                                if clause.dep_ in ("acl", "ccomp", "relcl")  # plan that
                                for subj in (child(clause, "nsubj", "nsubjpass"),)  # Washington
                                if subj is not None and subj.pos_ != "PRON"]  # proposed"
                comp = self._complement_target(t)
                if comp is not None:
                    # "... to demand the resignation **of the president**"
                    targets += [comp, *self._modifier_actors(comp)]
                    if comp.dep_ == "nsubj" and comp.head.dep_ == "ccomp":
                        # "warned that Turkish troops would enter **Afrin**": when the
                        # clause's doer is the speaker's own side, what it is done to
                        targets += [x for x in (child(comp.head, "dobj"),) if x is not None]
                targets += self._condition_subjects(t)
                if t.dep_ == "advcl" and to_infinitive(t):
                    # "sent experts **to Sri Lanka** to investigate": the destination, last
                    targets += prep_objects([t.head], "to") + prep_objects([t.head], "into")
            if t.dep_ == "xcomp" and t.head.lemma_.lower() in self.cues.causative_verbs:
                made = child(t.head, "dobj")
                if made is not None:  # "ordered the newspaper to suspend": the orderer acts
                    return self._source_head(t.head), [made, *targets], None
            source = self._source_head(t, p) or noun_agent(t) or (  # "shelling by forces"
                self._instrument_agent(t) if passive(t) else None)
            if source is None and p.code.startswith(RELEASE_CODE):
                source = _keeper(t)  # "fighters held by the SDF are released"
            if passive(t) and not prep_objects([t], "by"):
                # "a ceasefire was agreed between Israel and Hamas": the two sides
                between = prep_objects([t, child(t, "nsubjpass")], "between")
                if between:
                    return between[0], [*conjuncts(between[0])[1:2], *targets], None
            if source is None and gerund_noun(t):
                # "Fighting between Sudanese troops and rebels killed 40 people"
                between = prep_objects([t], "between") or (
                    # "fighting continued in Khartoum between the army and the RSF"
                    prep_objects([t.head], "between") if t.dep_ == "nsubj" else [])
                if between:
                    return between[0], [*conjuncts(between[0])[1:2], *targets], None
                if t.dep_ == "nsubj" and t.head.lemma_.lower() in HARM_VERBS:
                    done = shared_object(t.head)
                    targets += [done] if done is not None else []
            return source, targets, None
        # "launched a **mediation** effort between X and Y": the event noun modifies a noun
        # that only frames it; the phrase's head carries the roles
        n = frame_head(t)
        gov = self._noun_governor(n)
        # "a suspension of air links **with** Serbia": the slot may sit on the "of" noun
        holders = [n, gov, *prep_objects([n], "of")]
        if n.dep_ == "nsubj" and n.head.lemma_.lower() in ONGOING_VERBS and \
                child(n.head, "dobj") is None:
            holders.append(n.head)  # "clashes continued with Isis fighters"
        # "airstrikes by French forces on regime targets": the parser hangs the target's "on"
        # on the agent
        holders += [a for a in prep_objects([n], "by") if a.lemma_.lower() not in
                    self.patterns.nouns and any(c.dep_ == "prep" and c.lower_ in AGENT_BORNE
                                                for c in a.children)]
        poss = child(n, "poss")
        if poss is not None and poss.ent_type_ in ("DATE", "TIME"):
            poss = None  # "Tuesday's talks"
        # "since his arrest", "Robinson's detention": a person's possessive alone on a deed
        # done to people is whom it was done to ("Turkey's detention of journalists": doer)
        undergone = poss if poss is not None and self._undergoes(poss, n) else None
        if undergone is not None:
            poss = None
        if poss is not None and poss.pos_ == "PRON":
            # "held their meeting", "completed their withdrawal": the clause's subject, if
            # it agrees ("the proposals passed to the envoy for **his** endorsement": not
            # the proposals, but whom "his" stands for)
            subject = self._source_head(gov) if gov is not None else None
            poss = subject if subject is not None and may_stand_for(poss, subject) else \
                self._speaker_of_clause(n) or (poss if subject is not None else None)
        movers = [o for o in prep_objects([n], "of") if o.lemma_.lower() in ARMED_MEN
                  and _countable(o)] if p.code.startswith(MOVER_CODES) and poss is None else []
        source = poss or next(iter(movers + prep_objects([n], "by") + (
            prep_objects([n], "of") if n.lemma_.lower() in HOLDING_NOUNS else []) + (
            [] if p.code.startswith("0874") else prep_objects([n], "from"))), None) \
            or noun_agent(n) or next(iter(_agents_of(n)), None)  # "a truce brokered by Moscow"
        if source is None:  # "attacks on hospitals by Russian jets", "the bombardment of the
            # enclave by Russian planes": the parser hangs the agent on the target, or on the
            # noun that counts the events ("a series of airstrikes by Russian jets")
            source = next((a for word in (*AGENT_BORNE, "of") for o in prep_objects([n], word)
                           if o.lemma_.lower() not in self.patterns.nouns
                           for a in prep_objects([o], "by")), None) or next(
                iter(prep_objects([m], "by") if (m := _measured(n)) is not n else []), None)
        if source is None and n.dep_ == "pobj" and n.head.lower_ == "for" and \
                n.head.head.lemma_.lower() in BEING_VERBS and p.code.startswith(MEETING_ROOTS):
            # a meeting a subject is somewhere for is its own, as one travelled for
            source = child(n.head.head, "nsubj")  # "the envoy was in the region for talks"
        if source is None and n.dep_ == "ROOT":
            # a headline's verb read as a noun: "UN chief **calls** for ceasefire"
            source = child(n, "nsubj")
        if source is None and "between" in p.target:
            pair = hyphen_pair(n)
            if pair is not None:  # "a 2013 US-Russia agreement", "a Turkish-YPG conflict"
                return pair[0], [pair[1]], gov
        modifiers = named_modifiers(t) or (named_modifiers(n) if n.i != t.i else [])
        means = [m for m in modifiers if m.pos_ == "NOUN" and m.lemma_.lower() in MEANS_WORDS]
        if source is None:  # "Russian airstrikes"; a weapon ("artillery bombardment") only
            # when no one else is the doer, below
            source = next((m for m in modifiers if m not in means and
                           not _venue_or_topic(m, n, p.code)), None)
        targets = [x for x in self._slots(p, holders, n, False) if x not in movers]
        targets = [undergone, *targets] if undergone is not None else targets
        targets += [x for cand in list(targets) for x in _agents_of(cand)]
        if "none" not in p.target:
            # "the campaign to drive Islamic State from Syria": whom its purpose is against
            targets += [obj for acl in n.children if acl.dep_ == "acl" and to_infinitive(acl)
                        for obj in (child(acl, "dobj"),) if obj is not None]
            # "sanctions imposed on Russia", "strikes launched against Isis": the participle's
            targets += [x for acl in n.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                        for word in ("on", "against", "at", "upon")
                        for x in prep_objects([acl], word)]
            if gov is not None and gov.lemma_.lower() in DELIVERY_VERBS and n.dep_ == "dobj":
                targets += prep_objects([n, gov], "to")  # "delivered a rebuke to Obama"
        if "none" not in p.target:  # "Trump's demand that Germany repatriate …", "Moscow's
            targets += [subj for clause in n.children  # call for Washington to leave"
                        if clause.dep_ in ("acl", "ccomp")
                        for subj in (child(clause, "nsubj"),) if subj is not None]
        if n.dep_ == "nsubj" and n.head.lemma_.lower() in HARM_VERBS and not passive(n.head):
            done = shared_object(n.head)  # "a roadside bombing killed two soldiers"
            if done is not None:
                targets.append(done)
        for harm in (c for c in n.children if c.dep_ == "relcl" and
                     c.lemma_.lower() in HARM_VERBS and not passive(c)):
            done = shared_object(harm)  # "launched airstrikes that have killed scores of
            if done is not None:  # civilians": whom the strikes killed
                targets.append(done)
        if gov is not None and n.dep_ == "pobj" and n.head.lower_ in ("in", "during") and \
                gov.lemma_.lower() in VICTIM_VERBS and (passive(gov) or gov.lemma_ in (
                    "die", "perish")):
            victims = child(gov, "nsubj", "nsubjpass")  # "two men died in army shelling"
            if victims is not None:
                targets.append(victims)
        if gov is not None and n.dep_ == "pobj" and n.head.lower_ == "from" and \
                n.head.head.i == gov.i and gov.lemma_.lower() in SHIELDING_VERBS:
            kept = child(gov, "dobj")  # "rescued civilians from airstrikes": the civilians
            if kept is not None:
                targets.append(kept)
        if gov is not None and "none" not in p.target and (
                n.dep_ == "dobj" and gov.lemma_.lower() in SUFFERING_VERBS or
                n.dep_ == "pobj" and n.head.lower_ == "under" and n.head.head.i == gov.i):
            sufferer = child(gov, "nsubj")  # "Afrin came under attack by Turkish troops"
            targets = [sufferer, *targets] if sufferer is not None else targets
            source = source or next(iter(prep_objects([gov], "by")), None)  # the parser may
            # hang the doer's "by" on the verb
        held = n.head.head if n.dep_ == "pobj" and n.head.lower_ in ("in", "under") else None
        if held is not None and held.lemma_.lower() in BEING_VERBS and p.code == DETAIN_CODE:
            who = child(held, "nsubj") or (child(held.head, "nsubjpass", "nsubj") if held.dep_
                                            == "xcomp" else None)  # "three British men are
            # **in Kurdish custody**", "are believed to be in Kurdish custody"
            targets = [who, *targets] if who is not None else targets
        face = n.head.head if n.dep_ == "pobj" and n.head.lower_ == "of" else None
        if face is not None and face.lemma_.lower() == "face" and face.head.lower_ == "in" \
                and "none" not in p.target:
            verb = next((a for a in face.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            sufferer = child(verb, "nsubj") if verb is not None else None  # "stood firm in
            targets = [sufferer, *targets] if sufferer is not None else targets  # the face
            # of fierce criticism", "held to its decision in the face of …"
        if gov is not None and "none" not in p.target:
            targets += self._condition_subjects(gov)
            for clause in gov.children:  # "staged a strike to demand the release of X"
                obj = child(clause, "dobj") if clause.dep_ in ("advcl", "xcomp") and \
                    to_infinitive(clause) else None
                if obj is not None:
                    targets += [obj, *self._modifier_actors(obj)]
        if "between" in p.target and source is None:
            # "a ceasefire agreed last year between X, Y and Z": on the noun's participle too
            between = prep_objects([n, *(a for a in n.children if a.dep_ == "acl" and
                                         a.tag_ in ("VBN", "VBD"))], "between")
            if not between and n.dep_ in ("nsubj", "nsubjpass"):  # "fighting broke out between X
                # and Y", "a ceasefire was agreed between X and Y"
                between = prep_objects([n.head], "between")
            if not between:  # "a joint operation involving the Turkish army and Syrian rebels"
                between = [obj for a in n.children if a.dep_ == "acl" and
                           a.lemma_.lower() in PARTY_VERBS for obj in (child(a, "dobj"),)
                           if obj is not None and len(conjuncts(obj)) > 1]
            if between:
                conj = conjuncts(between[0])
                return between[0], conj[1:2], gov  # _events_for keeps the source to itself
        if source is None and gov is not None and n.dep_ == "dobj":
            reaction = prep_objects([gov], "from")  # "drew criticism from Moscow"
            if reaction:
                subject = child(gov, "nsubj")
                return reaction[0], [*targets, *([subject] if subject is not None else [])], gov
        held = _measured(n)  # "responded with a wave of bombardment": the wave's place
        if source is None and gov is not None and (
                gov.lemma_.lower() in self.cues.light_verbs and not cause(held) or
                held.dep_ == "dobj" or (
                    held.dep_ == "pobj" and held.head.lower_ not in NOT_AGENTIVE_PREPS and not (
                        held.head.lower_ in FORCE_SCENE_PREPS and
                        p.code.startswith(FORCE_ROOTS)))) and \
                gov.lemma_.lower() not in self.cues.undergoing_verbs | self.cues.reacting_verbs \
                | GO_BETWEEN and not (gov.lemma_.lower() in UNSAYING and
                                      p.code.startswith(SAID_ROOTS)):
            # not "fled … to escape the fighting", "condemned the attack", "rejected the
            # accusation" (but "Moscow denied the attack": its own, denied), "the countries
            # overseeing talks in Astana" (go-betweens, no parties)
            source = self._source_head(gov)
        if source is None and gov is not None and cause(_measured(held, SPAN_NOUNS)) and \
                n.lemma_.lower() in FIGHT_WORDS and prep_objects([n], "with"):
            source = self._source_head(gov)  # "captured the town after days of fighting
            # with government troops": the other side of the fight is the clause's subject
        if source is None and p.code.startswith(CONSULT_ROOT) and prep_objects([n], "with"):
            source = self._meeting_timing(held)
        if source is None and p.code.startswith(FIGHT_ROOT):
            source = self._part_in_fight(n)
        if source is None and gov is not None and cause(held) and held.head.lower_ == "over":
            source = self._blamed(gov)  # "condemned the US over the missile strike" (not
            # "arrested 50 after the attack": the arrested are not told to be its doers)
        return source or next(iter(means), None), targets, gov

    def _blamed(self, measure: Token) -> Token | None:
        """Whom a measure taken over an event is aimed at, the event's doer as the measure
        tells it: "condemned **the US** over the missile strike", "imposed sanctions on
        **Belarusian officials** over the crackdown", "recalled its ambassador to **Israel**
        over the killing"."""
        obj = child(measure, "dobj")
        aimed = ("on", "against", "to")
        found = [x for word in aimed for x in prep_objects([obj], word)] if obj is not None \
            else []
        if obj is not None and obj.lemma_.lower() not in self.patterns.nouns and \
                not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children):
            found.append(obj)
        found += [x for word in aimed for x in prep_objects([measure], word)]
        return next((x for x in found if x.ent_type_ not in ("DATE", "TIME")), None)


#: the CAMEO root of consultations: meetings, talks, summits
CONSULT_ROOT = "04"


def _venue_or_topic(modifier: Token, noun: Token, code: str) -> bool:
    """Whether a place named before a noun of meeting is where it is held or what it is about,
    not who holds it: "the Vienna talks", "the Sochi summit", "the Syria talks" -- unless
    the meeting names its other side ("US talks **with Iran**": the US is a party); and
    whether a town or city named before a noun of force is where it struck ("the Paris
    attacks", "the Manchester bombing": no country's government did them)."""
    if modifier.dep_ != "compound" or modifier.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    if code.startswith(FORCE_ROOTS):
        return not country_name(entity_of(modifier).text)
    return code.startswith(CONSULT_ROOT) and \
        not prep_objects([noun], "with") and not prep_objects([noun], "between")


def _keeper(release: Token) -> Token | None:
    """Who held those a release with no doer named frees, and so frees them: the doer of the
    holding that describes them ("foreign fighters **held by the SDF** are released"), or
    the keeper named on the custody they leave ("freed from **Turkish** custody", "released
    from **the SDF's** prisons", "from the custody **of the Kurds**")."""
    freed = child(release, "nsubjpass")
    if freed is not None and (kept := _agents_of(freed)):
        return kept[0]
    for place in prep_objects([release], "from"):
        if place.lemma_.lower() in CUSTODY_NOUNS | HOLDING_NOUNS:
            owner = child(place, "poss") or next(iter(named_modifiers(place)), None)
            return owner or next(iter(prep_objects([place], "of")), None)
    return None


def _countable(noun: Token) -> bool:
    """Whether a noun names some of a kind, not the kind in the abstract: "Turkish troops",
    "a force of 3,000", not the bare "force" of "a show of force"."""
    return noun.tag_ in ("NNS", "NNPS") or any(
        c.dep_ in ("det", "amod", "compound", "nummod", "poss") for c in noun.children)


def _own_thing(obj: Token) -> bool:
    """An object that is the subject's own, named by a possessive pronoun ("focused **its
    energies** on", "spent **his years** …"): no one who could do the deed of the phrase
    that follows."""
    return obj.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ == "PRON" and
                                      c.lower_ in ("its", "his", "her", "their", "our", "my")
                                      for c in obj.children)


def _described(noun: Token) -> Token:
    """The name an apposition describes, for a relative clause on the apposition: "the PKK,
    **a terror group** that has fought the Turkish state" -> the PKK."""
    if noun.dep_ == "appos" and noun.pos_ == "NOUN" and noun.head.pos_ == "PROPN":
        return noun.head
    return noun

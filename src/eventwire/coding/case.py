"""Case repair: lower-case and all-capitals text gets the capitals the parser needs.

Wire archives and scraped feeds are often lower-cased ("police arrested 51 people in
ahmedabad") or set in capitals (transcripts, old wire copy). The parser and the named-
entity tagger learnt from normally cased text, so on such text they miss the names that
carry the actors and places. :func:`case_of` tells such text; :class:`Truecaser` gives it
back the capitals it would have, character for character (same length, so every offset
stays valid):

* the first word of each sentence, and "I";
* names the project knows: countries, nationalities, capitals, regions, organisations and
  people of the actor data (``actors.knowledge``), longest match first; acronyms in
  capitals ("un" → "UN", "isis" → "ISIS") unless the word is an English function word;
  "us" only where it cannot be the pronoun ("the us embassy", "us troops");
* towns of the gazetteer: of 100,000 people or more anywhere, of any size after a place
  word ("in", "near", "the town of", "entered" …);
* days of the week, and months where the context makes them months ("in march", "5 may").

A single word that is also a common English word (an adjective, adverb or verb of the
model's lemmatiser tables; a noun too, for towns under a million people) keeps its lower
case: "a brown bag", "trump card" and "reading the report" stay as they are, while
"damascus", "homs" and "hezbollah" get their capital. A person's surname that is such a
word is capitalised only beside a title or a speech verb ("president trump said").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

from ..actors.knowledge import Knowledge, phrase_key

#: kinds of actor-data entries whose phrases are proper names
_NAME_KINDS = frozenset({"country", "adjective", "demonym", "capital", "seat", "region", "org",
                         "person"})
_LOWER_INSIDE = frozenset({"of", "the", "and", "for", "de", "del", "du", "da", "la", "le",
                           "in", "on", "al", "el", "ad", "ar", "as", "bin", "ibn", "van",
                           "von", "y", "e"})
_FUNCTION = frozenset("a an the and or but if of to in on at by for from with as is it its be "
                      "we us he she they me my our you your his her their them this that "
                      "these those who what which when where why how not no so do does did "
                      "am are was were has have had can will would may might must shall "
                      "should could up down out over under all any some one two".split())
#: nouns after which a lower-case "us" is the United States, not the pronoun ("us troops")
_US_NOUNS = frozenset({
    "troops", "forces", "embassy", "president", "military", "officials", "official",
    "sanctions", "drone", "drones", "airstrike", "airstrikes", "strikes", "navy", "army",
    "government", "administration", "ambassador", "envoy", "soldiers", "citizens", "congress",
    "senate", "treasury", "secretary", "department", "warplanes", "jets", "diplomats",
    "marines", "intelligence", "election", "elections", "dollar", "dollars", "allies",
    "commander", "commanders", "senator", "senators", "lawmakers", "delegation", "led",
    "backed", "authorities", "withdrawal"})
_PLACE_WORDS = frozenset({"in", "near", "at", "outside", "from", "into", "to", "around",
                          "toward", "towards", "inside"})
_PLACE_NOUNS = frozenset({"town", "city", "village", "province", "district", "region",
                          "governorate", "port", "capital", "outskirts", "suburbs", "centre",
                          "center", "heart", "streets", "north", "south", "east", "west"})
#: verbs whose object is often a place ("rebels overran sinjar")
_PLACE_VERBS = frozenset({"entered", "captured", "seized", "besieged", "shelled", "bombed",
                          "bombarded", "stormed", "overran", "liberated", "recaptured",
                          "retook", "reached", "visited", "evacuated", "encircled"})
_TITLES = frozenset({"president", "minister", "mr", "mrs", "ms", "dr", "secretary", "leader",
                     "general", "gen", "senator", "sen", "chancellor", "king", "queen",
                     "prince", "envoy", "spokesman", "spokeswoman", "ambassador", "premier",
                     "commander", "sheikh", "ayatollah", "governor", "mayor", "judge", "rep",
                     "colonel", "col", "pope", "emir", "sultan", "chief"})
_SPEECH = frozenset({"said", "says", "told", "tweeted", "wrote", "added", "warned", "'s",
                     "announced", "stated", "insisted", "argued", "claimed"})
_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                   "sunday"})
#: month names (also "called on May": :mod:`.matching`)
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december"})
_MONTH_CUES = frozenset({"in", "since", "until", "till", "last", "next", "early", "late", "mid",
                         "of", "this", "by", "before", "after", "during", "between", "from"})
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*(?:-[^\W\d_]+)*")
_OPENERS = "\"'\u201c\u2018(["
_CLOSERS = "\"'\u201d\u2019)]"
TOWN_POPULATION = 100_000
BIG_TOWN_POPULATION = 1_000_000
MAX_PHRASE = 6
#: the fewest letters whose case says how a text is set: a wire headline in capitals
#: ("MALI'S JUNTA EXPELS FRENCH AMBASSADOR") is long enough; "UN, EU" is not
MIN_LETTERS = 15


def case_of(text: str) -> str | None:
    """``"lower"`` or ``"upper"`` for text set (almost) wholly in one case, else None."""
    letters = upper = 0
    for char in text[:20_000]:
        if char.isalpha() and char.lower() != char.upper():
            letters += 1
            upper += char.isupper()
    if letters < MIN_LETTERS:
        return None
    share = upper / letters
    if share < 0.01:
        return "lower"
    if share > 0.8:
        return "upper"
    return None


def lower_same_length(text: str) -> str:
    """``text`` in lower case, character for character (a letter whose lower case is
    longer, as "İ", is kept)."""
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


class Truecaser:
    """Restores the capitals of lower-cased text (see the module's docstring).

    ``towns(name)`` gives the largest population of a gazetteer town of that name (0 for
    none); ``lexicon`` maps "adj", "adv", "verb" and "noun" to the common English words
    of each (the spaCy model's lemmatiser tables, :func:`lexicon_of`).
    """

    def __init__(self, kb: Knowledge, towns: Callable[[str], int],
                 lexicon: Mapping[str, frozenset[str]]) -> None:
        self.kb = kb
        self.towns = towns
        self.common = lexicon.get("adj", frozenset()) | lexicon.get("adv", frozenset()) | \
            lexicon.get("verb", frozenset())
        self.nouns = lexicon.get("noun", frozenset())
        self._key = functools.lru_cache(maxsize=50_000)(_key)

    def __call__(self, text: str) -> str:
        """``text`` with its capitals restored; upper-case text is lowered first."""
        if case_of(text) == "upper":
            text = lower_same_length(text)
        chars = list(text)
        words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
        keys = [self._key(w) for _, _, w in words]
        i = 0
        while i < len(words):
            length, how = self._match(text, words, keys, i)
            for j in range(i, i + length):
                start, end, word = words[j]
                if how == "acronym" or how == "name" and length > 1 and self._acronym(keys[j]):
                    chars[start:end] = word.upper()
                elif how == "name" and (j == i or word not in _LOWER_INSIDE):
                    _capitalise(chars, start, word)
            i += max(length, 1)
        for start, _, word in words:
            if word == "i" or _sentence_start(text, start):
                _capitalise(chars, start, word)
        return "".join(chars)

    def _match(self, text: str, words: list[tuple[int, int, str]], keys: list[str], i: int
               ) -> tuple[int, str | None]:
        """How many words from ``i`` form a name, and how to case them."""
        word = words[i][2]
        before = words[i - 1][2] if i else ""
        before2 = words[i - 2][2] if i > 1 else ""
        after = words[i + 1][2] if i + 1 < len(words) else ""
        placed = before in _PLACE_WORDS or before in _PLACE_VERBS or (
            before == "of" and before2 in _PLACE_NOUNS)
        for length in range(min(MAX_PHRASE, len(words) - i), 1, -1):
            if self._is_name(tuple(keys[i:i + length])):
                return length, "name"
            if length <= 3 and words[i + length - 1][0] - words[i][1] < 3 * length:
                population = self.towns(" ".join(w for _, _, w in words[i:i + length]))
                if population >= TOWN_POPULATION or (population and placed):
                    return length, "name"
        if word in MONTHS and (word not in ("march", "may") or before in _MONTH_CUES
                                or _number_beside(text, words[i][0], words[i][1])):
            return 1, "name"
        if word == "us" and (before in ("the", "a", "an") or after in _US_NOUNS):
            return 1, "acronym"  # "the us embassy", "expel us troops"; not "told us"
        if word in _FUNCTION:
            return 1, None
        common = word in self.common
        for entry in self.kb.lookup((keys[i],)):
            if entry.acronym and len(word) > 1 and word not in _FUNCTION:
                return 1, "acronym"
            if entry.kind in ("surname", "person"):
                if not common or before in _TITLES or after in _SPEECH:
                    return 1, "name"
            elif entry.kind in _NAME_KINDS and (entry.kind in ("country", "adjective",
                                                               "demonym") or not common):
                return 1, "name"
        if word in _DAYS:
            return 1, "name"
        if not common:
            population = self.towns(word)
            if population and (placed or population >= TOWN_POPULATION) and (
                    word not in self.nouns or population >= BIG_TOWN_POPULATION or placed):
                return 1, "name"
        return 1, None

    def _acronym(self, key: str) -> bool:
        return key not in _FUNCTION and any(e.acronym for e in self.kb.lookup((key,)))

    def _is_name(self, key: tuple[str, ...]) -> bool:
        return any(e.kind in _NAME_KINDS or e.kind == "surname" for e in self.kb.lookup(key))


def _key(word: str) -> str:
    found = phrase_key(word)
    return found[0] if len(found) == 1 else word


def _capitalise(chars: list[str], start: int, word: str) -> None:
    """Upper-case the first letter of ``word`` (and of each part after a hyphen, but
    "al-assad" → "al-Assad")."""
    offset = 0
    for n, part in enumerate(word.split("-")):
        if part and not (n == 0 and part in ("al", "el", "ad", "ar", "as") and "-" in word):
            first = chars[start + offset].upper()
            if len(first) == 1:
                chars[start + offset] = first
        offset += len(part) + 1


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence: at the start of the text, after a
    line break, after ., ! or ? and a space (closing quotes aside), or opening a quotation
    after a colon or comma."""
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    j = i
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == 0 or "\n" in text[j:i]:
        return True
    if j == i:
        return False
    if i < start and text[j - 1] in ":,":  # a quotation: he said: "we will …"
        return True
    while j > 0 and text[j - 1] in _CLOSERS:
        j -= 1
    return j > 0 and text[j - 1] in ".!?"


def _number_beside(text: str, start: int, end: int) -> bool:
    """A number just before or after the word ("5 may", "may 2019")."""
    return bool(re.search(r"\d\s?$", text[max(0, start - 3):start])
                or re.match(r"\s?\d", text[end:end + 2]))


def lexicon_of(nlp: object) -> dict[str, frozenset[str]]:
    """The common English words of a spaCy pipeline's rule lemmatiser, by part of speech;
    verbs, adjectives and adverbs with their inflected forms ("say" → "says", "said"; {}
    when the pipeline has no such tables). The forms are made by running the lemmatiser's
    suffix rules backwards, so some are not words; they only ever keep a word lower-case."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index = lookups.get_table("lemma_index")
        rules = lookups.get_table("lemma_rules")
        irregular = lookups.get_table("lemma_exc")
    except (KeyError, ValueError, AttributeError):
        return {}
    from spacy.strings import hash_string

    found: dict[str, frozenset[str]] = {}
    for pos in ("adj", "adv", "noun", "verb"):
        key = hash_string(pos)
        if key not in index:
            continue
        lemmas = set(index[key])
        forms = set(lemmas)
        for old, new in (rules[key] if key in rules and pos != "noun" else []):
            forms.update(lemma[:len(lemma) - len(new)] + old for lemma in lemmas
                         if lemma.endswith(new) and old)
        forms.update(irregular[key] if key in irregular else ())
        found[pos] = frozenset(forms)
    return found

"""Case repair (coding.case): lower-case and all-capitals text gets its capitals back."""

from __future__ import annotations

import pytest

from eventwire.actors import knowledge
from eventwire.coding.case import Truecaser, case_of, lower_same_length

TOWNS = {"ahmedabad": 5_500_000, "homs": 650_000, "reading": 300_000, "afrin": 36_000,
         "new york": 8_000_000, "nice": 340_000, "zabadani": 26_000}
#: a small stand-in for the model's lexicon (lexicon_of), inflected forms included
LEXICON = {"adj": frozenset({"brown", "nice", "new"}), "adv": frozenset({"now"}),
           "verb": frozenset({"trump", "march", "power", "read", "said", "say", "held",
                              "agreed", "watched", "entered", "played", "acted"}),
           "noun": frozenset({"reading", "trump", "power", "march", "turkey", "york"})}


@pytest.fixture(scope="module")
def truecase() -> Truecaser:
    return Truecaser(knowledge.load(), lambda name: TOWNS.get(name, 0), LEXICON)


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia and Turkey signed a deal. " * 3, None),
    ("russia and turkey signed a ceasefire deal in sochi on thursday, officials said.", "lower"),
    ("RUSSIA AND TURKEY SIGNED A CEASEFIRE DEAL IN SOCHI ON THURSDAY, OFFICIALS SAID.", "upper"),
    ("ok", None),
    ("UN, EU", None),
    ("ISRAELI JETS STRIKE GAZA CITY", "upper"),
])
def test_case_of_tells_text_set_in_one_case(text: str, expected: str | None) -> None:
    assert case_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # sentence starts, a town of the gazetteer after a place word, a day
    ("police arrested 51 people in ahmedabad on monday. officials said so.",
     "Police arrested 51 people in Ahmedabad on Monday. Officials said so."),
    # countries and nationalities; an acronym in capitals; a pronoun left alone
    ("iran said it would retaliate against the new eu sanctions on us firms.",
     "Iran said it would retaliate against the new EU sanctions on us firms."),
    # a surname that is also a verb only beside a title or a speech verb
    ("president trump said the trump card was played.",
     "President Trump said the trump card was played."),
    # common words stay lower even where a town bears their name (a known limit: "in nice")
    ("a brown bag in the reading room. the nice weather held in nice.",
     "A brown bag in the reading room. The nice weather held in nice."),
    # a small town as the object of a capture verb; a multi-word town; a month by its cue
    ("turkish forces entered afrin in march and new york watched on 5 may.",
     "Turkish forces entered Afrin in March and New York watched on 5 May."),
    # names of organisations, acronyms inside them, and quotes
    ('he said: "the un security council must act." hezbollah agreed.',
     'He said: "The UN Security Council must act." Hezbollah agreed.'),
    # "us" is the United States only where it cannot be the pronoun
    ("they told us that iraq would expel us troops and close the us embassy.",
     "They told us that Iraq would expel US troops and close the US embassy."),
])
def test_truecaser_restores_the_capitals_a_parser_needs(truecase: Truecaser, text: str,
                                                        expected: str) -> None:
    assert truecase(text) == expected


def test_truecaser_keeps_every_offset_and_lowers_capitals_first(truecase: Truecaser) -> None:
    text = "RUSSIAN JETS BOMBED HOMS, THE MINISTRY SAID. İSTANBUL WAS QUIET."
    out = truecase(text)
    assert len(out) == len(text)
    assert out.startswith("Russian jets bombed Homs, the ministry said.")
    assert len(lower_same_length("İ")) == 1  # a letter whose lower case is longer is kept


@pytest.mark.model
def test_the_models_lexicon_has_inflected_forms() -> None:
    from eventwire.coding.case import lexicon_of
    from eventwire.nlp import load_nlp

    lexicon = lexicon_of(load_nlp())
    assert {"said", "says", "attacked", "attacking", "warned"} <= lexicon["verb"]
    assert {"brown", "nicer"} <= lexicon["adj"]
    assert "homs" not in lexicon["noun"] and "damascus" in lexicon["noun"]


@pytest.mark.model
def test_lower_case_text_is_coded_as_normal_case() -> None:
    import eventwire

    text = ("Police arrested 51 protesters in Ahmedabad on Monday. Turkish jets bombed "
            "Kurdish positions near Afrin, the Syrian Observatory said.")
    want = eventwire.extract(text, published="2019-04-01")
    got = eventwire.extract(text.lower(), published="2019-04-01")
    assert want and [(e.root, e.source and e.source.country, e.target and e.target.country)
            for e in got] == [(e.root, e.source and e.source.country,
                               e.target and e.target.country) for e in want]
    assert any(e.location and e.location.country == "IND" for e in got)


def test_a_short_headline_in_capitals_is_coded_as_normal_case() -> None:
    """A wire headline in capitals, however short, is truecased before it is parsed."""
    import eventwire

    got = eventwire.extract("ISRAELI JETS STRIKE GAZA CITY", published="2024-04-01")
    assert [(e.root, e.source and e.source.country, e.target and e.target.country)
            for e in got] == [("19", "ISR", "PSE")]

"""The learned counterpart (eventwire.coding.counterpart): the country of an event's side the
sentence leaves unnamed, inferred from the article. A model fills an open side with its best
candidate at or above the threshold, marks it as inferred (bracketed text, evidence, a note),
never touches a side the rules named, never fills a side with no named other side; the
features see the named side's own country and how near each candidate is; the bundled model
loads, was trained on the dev half and refuses other features; the switch and the version;
training labels come from the gold and fitting is deterministic. Texts and gold are invented;
nothing needs the network or ../shared."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest
from conftest import EVENT_SCHEMA, load_benchmark

import eventwire
from eventwire.coding import CODER_VERSION, EventCoder
from eventwire.coding.counterpart import (
    BAND_PRECISION,
    FEATURE_VERSION,
    MODEL_FILE,
    Counterpart,
    Recorder,
    Said,
    features,
    inferred,
    load_model,
    open_roles,
)
from eventwire.coding.veto import VetoModel
from eventwire.errors import DataError
from eventwire.evaluate_corpus import Coded, CorpusText, GoldSentence, Side
from eventwire.records import Actor, Article, Event, Evidence, Location, Plover, Span
from eventwire.resources import read_json

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = dt.date(2019, 10, 9)
#: sentence 0 names both sides; sentences 1 and 2 name only who condemned and who opposed
STORY = ("Turkey launched a military offensive against Kurdish fighters in northern Syria on "
         "Wednesday. The Syrian government condemned the operation. Russia also opposed the "
         "plan, saying it could lead to the partition of the country.")


def hand(threshold: float = 0.5) -> VetoModel:
    """A hand-made model: the other country named nearest the event is the counterpart."""
    return VetoModel("hand-1", threshold, -4.0, {"nearest_rank=0": 8.0}, FEATURE_VERSION)


def code(text: str = STORY, counterpart: Counterpart | Recorder | bool = False) -> list[Event]:
    coder = EventCoder(counterpart=counterpart)
    ex = eventwire.Extractor(coder=coder)
    return next(ex.extract_many([Article(id="t", text=text, published=PUBLISHED)]))[1]


def load_trainer() -> ModuleType:
    """benchmarks/train_counterpart.py as a module."""
    return load_benchmark("train_counterpart")


def _actor(text: str, country: str | None, sector: str | None = None) -> Actor:
    return Actor(text=text, name=None, country=country, sector=sector, kind="agent",
                 evidence="invented")


@pytest.fixture
def sample_event() -> Event:
    line = "The village was shelled."
    return Event(event_id="e1", doc_id="t", sentence_index=0, sentence=line,
                 span=Span(0, len(line)), source=None, target=None, cameo="190", root="19",
                 plover=Plover("ASSAULT", None, None), quad_class=4, goldstein=-10.0,
                 modality="asserted", speaker=None, quote=None, outlet=None, date=PUBLISHED,
                 date_precision="day", date_source="publication", location=None,
                 evidence=Evidence("shelled", "fake#shell", Span(16, 23)),
                 coder_version="fake-1")


# --- without the parser ---------------------------------------------------------------------

def test_bundled_model_loads_and_was_trained_on_dev_only() -> None:
    bundled = load_model()
    assert bundled is load_model()  # read once
    assert bundled.name == f"counterpart-lr-{FEATURE_VERSION}"
    assert 0.0 < bundled.threshold < 1.0 and bundled.weights
    training = read_json(MODEL_FILE)["training"]
    split = json.loads((ROOT / "eval" / "corpus_gold" / "split.json").read_text())
    assert training["dev_articles"] == len(split["dev"])
    assert training["cv_with"]["band"] >= BAND_PRECISION
    assert all(f["band"] >= BAND_PRECISION for t, f in training["cv_curve"].items()
               if float(t) >= bundled.threshold)
    assert training["cv_with"]["dyad_f1"] > training["cv_without"]["dyad_f1"]
    # features are about the article's shape: no country code is one
    assert not any(c in f for f in bundled.weights for c in ("SYR", "TUR", "RUS", "USA"))


def test_a_model_trained_on_other_features_is_refused() -> None:
    data = {**hand().to_dict(), "feature_version": FEATURE_VERSION + 1}
    with pytest.raises(DataError, match="train_counterpart"):
        VetoModel.from_dict(data, "counterpart.json", version=FEATURE_VERSION,
                            what="counterpart model", trainer="benchmarks/train_counterpart.py")


def test_only_a_side_whose_other_side_is_named_is_open(sample_event: Event) -> None:
    named, unnamed = _actor("Turkish troops", "TUR", "MIL"), _actor("the villagers", None)
    assert open_roles(dataclasses.replace(sample_event, source=named, target=None)) == ["target"]
    assert open_roles(dataclasses.replace(sample_event, source=named, target=unnamed)) == [
        "target"]
    assert open_roles(dataclasses.replace(sample_event, source=None, target=named)) == ["source"]
    assert open_roles(dataclasses.replace(sample_event, source=None, target=unnamed)) == []
    assert open_roles(dataclasses.replace(sample_event, source=named, target=named)) == []


def test_a_side_from_elsewhere_is_not_open(sample_event: Event) -> None:
    """"foreign ministers gathered in Brussels": of several states, no country to infer."""
    named = _actor("Jordan", "JOR", None)
    for words in ("foreign ministers", "international donors"):
        assert open_roles(dataclasses.replace(
            sample_event, source=_actor(words, None, "GOV"), target=named)) == []
    assert open_roles(dataclasses.replace(
        sample_event, source=_actor("ministers", None, "GOV"), target=named)) == ["source"]


def test_an_inferred_side_is_marked_and_keeps_the_words_it_had(sample_event: Event) -> None:
    ev = dataclasses.replace(sample_event, source=_actor("Turkish troops", "TUR", "MIL"),
                             target=None)
    filled = inferred(ev, "target", "SYR", "Syria", "hand-1, score 0.90")
    assert filled.target is not None
    assert (filled.target.text, filled.target.country, filled.target.sector,
            filled.target.kind) == ("[Syria]", "SYR", None, "country")
    why = "target country SYR inferred from the article by hand-1, score 0.90"
    assert filled.target.evidence == why and filled.evidence.notes[-1] == why
    assert filled.source == ev.source
    kept = inferred(dataclasses.replace(ev, target=_actor("the villagers", None, "CVL")),
                    "target", "SYR", "Syria", "hand-1, score 0.90")
    assert kept.target is not None
    assert (kept.target.text, kept.target.country, kept.target.sector) == (
        "the villagers", "SYR", "CVL")
    assert kept.target.evidence == f"invented; {why}"
    body = inferred(ev, "target", "UNO", "United Nations", "hand-1, score 0.90")
    assert body.target is not None
    assert (body.target.text, body.target.kind, body.target.sector) == (
        "[United Nations]", "igo", "IGO")


# --- in the coder (the spaCy model) -----------------------------------------------------------

@pytest.mark.model
def test_the_nearest_other_country_fills_an_unnamed_target_and_nothing_else_changes() -> None:
    plain = code()
    filled = code(counterpart=Counterpart(hand()))
    assert [e.event_id for e in filled] == [e.event_id for e in plain]
    by_sentence = {e.sentence_index: e for e in filled}
    condemned = by_sentence[1]
    assert condemned.root == "11" and condemned.source is not None
    assert condemned.source.country == "SYR"
    # Turkey is named a sentence before; Russia as near, but after
    assert condemned.target is not None and condemned.target.country == "TUR"
    assert condemned.target.text == "[Turkey]"
    assert "inferred from the article by hand-1" in (condemned.target.evidence or "")
    assert any("target country TUR inferred" in n for n in condemned.evidence.notes)
    jsonschema.validate(condemned.to_dict(), EVENT_SCHEMA)
    for old, new in zip(plain, filled, strict=True):
        if old.target is not None and old.target.country:  # a side the rules named
            assert new.target == old.target
        assert new.source == old.source
        assert dataclasses.replace(new, target=old.target, evidence=old.evidence,
                                   coder_version=old.coder_version) == old


@pytest.mark.model
def test_below_the_threshold_nothing_is_inferred() -> None:
    plain = code()
    shy = code(counterpart=Counterpart(hand(), threshold=0.99))
    assert [(e.source, e.target) for e in shy] == [(e.source, e.target) for e in plain]
    assert not any("inferred" in n for e in shy for n in e.evidence.notes)


@pytest.mark.model
def test_features_see_the_nearest_other_and_never_the_whole_state_itself() -> None:
    recorder = Recorder()
    events = code(counterpart=recorder)
    condemned = next(e for e in events if e.sentence_index == 1)
    cands = recorder.seen[("t", condemned.event_id, "target")]
    # "The Syrian government" is the Syrian state: it is no counterpart of itself
    assert set(cands) == {"TUR", "RUS"}
    assert "nearest_rank=0" in cands["TUR"] and "nearest_rank=1" in cands["RUS"]
    assert "in_sentence=<=0" in cands["TUR"] and "previous=1" in cands["TUR"]
    # the first sentence names both sides: nothing of it is open
    first = next(e for e in events if e.sentence_index == 0)
    assert not any(key[1] == first.event_id for key in recorder.seen)


def test_a_part_of_a_state_may_have_its_own_country_as_counterpart(sample_event: Event) -> None:
    attack = dataclasses.replace(sample_event, sentence_index=0,
                                 source=_actor("Turkish troops", "TUR", "MIL"),
                                 target=_actor("Syria", "SYR"))
    troops = dataclasses.replace(sample_event, event_id="e2", sentence_index=1,
                                 source=_actor("government troops", "SYR", "MIL"), target=None)
    state = dataclasses.replace(troops, event_id="e3", sentence_index=2, source=Actor(
        text="Syria", name="Syria", country="SYR", sector=None, kind="country", id="SYR"))
    events = [attack, troops, state]
    said = Said([["TUR", "SYR"], ["SYR"], ["SYR"], ["RUS"]], events)
    cands = features(events, 1, "target", said, ["SYR", "TUR", "RUS"])
    assert set(cands) == {"SYR", "TUR", "RUS"}
    assert "own_country" in cands["SYR"] and "own_country" not in cands["TUR"]
    assert "nearest_rank=0" in cands["TUR"] and "nearest_rank=1" in cands["RUS"]
    assert "paired_before=1" in cands["TUR"] and "paired_before=0" in cands["RUS"]
    assert "place=none" in cands["TUR"]
    assert set(features(events, 2, "target", said, ["SYR", "TUR", "RUS"])) == {"TUR", "RUS"}
    assert said.nearest("RUS", 1) == 2.5 and said.nearest("TUR", 1) == 1
    assert said.count("SYR", 0, 2) == 3 and said.count("SYR", -3, 0) == 1


def test_no_co_mediator_and_no_meeting_place_is_a_candidate(sample_event: Event) -> None:
    """"Qatar and Egypt mediated": Egypt mediates for others, not for Qatar; "Iran will
    negotiate in Vienna": the city's state is no party to the talks (the rules decide when
    a place is a side); the place of an attack stays a candidate."""
    def ev(k: str, source: Actor, code: str, root: str, quad: int, trigger: str,
           place: str | None = None) -> Event:
        where = Location(name=place, country=place, lat=0.0, lon=0.0) if place else None
        return dataclasses.replace(sample_event, event_id=k, source=source, target=None,
                                   cameo=code, root=root, quad_class=quad, location=where,
                                   evidence=Evidence(trigger, "fake", Span(0, 1)))
    qatar = Actor(text="Qatar", name="Qatar", country="QAT", sector=None, kind="country",
                  id="QAT")
    egypt = dataclasses.replace(qatar, text="Egypt", name="Egypt", country="EGY", id="EGY")
    events = [ev("q", qatar, "045", "04", 1, "mediated"), ev("e", egypt, "045", "04", 1,
                                                              "mediated")]
    said = Said([["QAT", "EGY", "ISR"]], events)
    assert set(features(events, 1, "target", said, ["QAT", "EGY", "ISR"])) == {"ISR"}
    talks = [ev("t", qatar, "046", "04", 1, "negotiate", place="AUT")]
    said = Said([["QAT", "AUT", "ISR"]], talks)
    assert set(features(talks, 0, "target", said, ["QAT", "AUT", "ISR"])) == {"ISR"}
    attack = [ev("a", qatar, "190", "19", 4, "attacked", place="AUT")]
    assert "AUT" in features(attack, 0, "target", Said([["QAT", "AUT"]], attack), ["AUT"])


@pytest.mark.model
def test_the_switch_and_the_version() -> None:
    assert EventCoder(veto=False, proposer=False, counterpart=True).version == \
        f"{CODER_VERSION}+counterpart"
    assert EventCoder(veto=False, proposer=False, counterpart=False).version == CODER_VERSION
    assert eventwire.Extractor(counterpart=False).coder.counterpart is None
    assert isinstance(eventwire.Extractor().coder.counterpart, Counterpart)
    assert all(e.coder_version.endswith("+counterpart") for e in code(counterpart=True))


# --- training ---------------------------------------------------------------------------------

@pytest.mark.model
def test_training_labels_come_from_the_gold() -> None:
    pytest.importorskip("sklearn")
    trainer = load_trainer()
    first = STORY.index(" The Syrian") + 1
    second = STORY.index(" Russia") + 1
    gold = {7: [GoldSentence(7, 0, 0, first - 1, (
                    Coded("190", Side("TUR", "MIL"), Side("SYR", "REB")),)),
                GoldSentence(7, 1, first, second - 1, (
                    Coded("111", Side("SYR", "GOV"), Side("TUR", "GOV")),)),
                GoldSentence(7, 2, second, len(STORY), ())]}
    data = trainer.collect({7: CorpusText(7, STORY, PUBLISHED, "Wire")}, gold)
    condemned = [s for s in data.sides if s.role == "target" and s.paired]
    assert [(s.row, s.gold) for s in condemned] == [(7, "TUR")]
    assert set(condemned[0].candidates) == {"TUR", "RUS"}
    # an event the gold does not code is not paired and has no gold country
    assert all(s.gold is None for s in data.sides if not s.paired)
    rows = trainer._rows(condemned)
    assert sorted(r.event_match for r in rows) == [False] * (len(rows) - 1) + [True]


def test_fitting_is_deterministic() -> None:
    pytest.importorskip("sklearn")
    trainer = load_trainer()
    sides = [trainer.OpenSide(r, 0, "target", {"AAA": ("near", "x"), "BBB": ("far", "x")},
                              "AAA" if r % 4 else "BBB", True) for r in range(40)]
    a = trainer.fit_lr(trainer._rows(sides), 1.0, "t")
    b = trainer.fit_lr(trainer._rows(sides), 1.0, "t")
    assert a == b and a.score(["near", "x"]) > 0.5 > a.score(["far", "x"])

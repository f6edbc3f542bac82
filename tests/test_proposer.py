"""The learned proposer (eventwire.coding.proposer): the bundled model loads and refuses other
features, a model adds an event the rules miss with its name and score in the evidence, never a
root the rules already coded in the sentence, never one actor on both sides, never changes what
the rules code; the switch gives the rules alone; training is deterministic. Sentences and gold
are invented; nothing needs the network or ../shared."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from pathlib import Path
from types import ModuleType, SimpleNamespace

import jsonschema
import pytest
from conftest import EVENT_SCHEMA, load_benchmark
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app
from eventwire.coding import CODER_VERSION, EventCoder
from eventwire.coding.proposer import (
    FEATURE_VERSION,
    MODEL_FILE,
    LearnedProposer,
    ProposerModel,
    Recorder,
    RootModel,
    _other_side,
    _same,
    features,
    load_model,
    versioned,
)
from eventwire.coding.veto import versioned as with_veto
from eventwire.errors import DataError
from eventwire.evaluate_corpus import Coded, CorpusText, GoldSentence, Side
from eventwire.records import Actor, Article, Event
from eventwire.resources import read_json

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = dt.date(2019, 10, 9)
#: no pattern has "pummel": the rules code nothing here
MISSED = "Turkish jets pummelled Kurdish fighters near the border on Monday."
#: the rules code "pounded" (194, root 19)
CODED = "Russian warplanes pounded rebel positions in Idlib overnight."


def model(root: str = "19", code: str = "190", weights: dict[str, float] | None = None,
          bias: float = -4.0, threshold: float = 0.5) -> ProposerModel:
    """A hand-made model: ``root`` is proposed when the sentence has one of ``weights``."""
    return ProposerModel("hand-1", threshold, {root: RootModel(
        code, bias, weights if weights is not None else {"w=pummel": 8.0})})


def code(text: str, *, proposer: LearnedProposer | bool = True,
         veto: bool = True) -> list[Event]:
    coder = EventCoder(veto=veto, proposer=proposer, counterpart=False)
    ex = eventwire.Extractor(coder=coder)
    return next(ex.extract_many([Article(id="t", text=text, published=PUBLISHED)]))[1]


def plain(events: list[Event]) -> list[Event]:
    """``events`` with the version of the rules and veto alone (the proposer adds a suffix)."""
    return [dataclasses.replace(e, coder_version=with_veto(CODER_VERSION)) for e in events]


def load_trainer() -> ModuleType:
    """benchmarks/train_proposer.py as a module."""
    return load_benchmark("train_proposer")


# --- the model file and the score (no parser) ---------------------------------------------------

def test_bundled_model_loads_and_was_trained_on_dev_only() -> None:
    bundled = load_model()
    assert bundled is load_model()  # read once
    assert bundled.name == f"proposer-lr-{FEATURE_VERSION}"
    assert 0.0 < bundled.threshold < 1.0 and "19" in bundled.roots
    for root, m in bundled.roots.items():
        assert m.code.startswith(root) and m.weights
        assert all(isinstance(w, float) and w != 0.0 for w in m.weights.values())
    training = read_json(MODEL_FILE)["training"]
    split = json.loads((ROOT / "eval" / "corpus_gold" / "split.json").read_text())
    assert training["dev_articles"] == len(split["dev"])
    assert training["cv_with_proposer"]["event_f1"] >= training["cv_without_proposer"]["event_f1"]
    assert f"{bundled.threshold:.2f}" in training["cv_curve"]
    # nothing of the gold's text: features are lemmas, arcs, entity types and counts
    assert not any(" " in f for m in bundled.roots.values() for f in m.weights)


def test_score_is_a_logistic_and_the_model_round_trips() -> None:
    m = RootModel("190", -1.0, {"a": 2.0, "b": -3.0})
    assert m.score([]) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert m.score(["a", "b", "unknown"]) == pytest.approx(1 / (1 + math.exp(2.0)))
    assert RootModel("190", -1000.0, {}).score([]) == pytest.approx(0.0)  # no overflow
    hand = ProposerModel("t", 0.3, {"19": m, "11": RootModel("111", 0.5, {"z": 1.0}, 0.9)})
    assert ProposerModel.from_dict(hand.to_dict()) == hand
    assert list(hand.to_dict()["roots"]) == ["11", "19"]
    assert list(hand.scores(["a"])) == ["11", "19"]


def test_a_model_of_other_features_or_no_model_is_refused() -> None:
    data = model().to_dict()
    with pytest.raises(DataError, match="features version"):
        ProposerModel.from_dict({**data, "feature_version": FEATURE_VERSION + 1})
    with pytest.raises(DataError, match="not a proposer model"):
        ProposerModel.from_dict({**data, "roots": {"19": {"code": "190"}}})
    with pytest.raises(DataError, match="not a proposer model"):
        ProposerModel.from_dict({"name": "t", "threshold": "high", "roots": {}})


def test_the_same_actor_is_never_on_both_sides() -> None:
    def found(text: str, i: int, id: str | None = None, sector: str | None = "GOV") -> object:
        actor = Actor(text=text, name=text, country="TUR", sector=sector, kind="country", id=id)
        return SimpleNamespace(actor=actor, token=SimpleNamespace(i=i))

    assert _same(found("Turkey", 1, "TUR"), found("Ankara", 5, "TUR"))  # one entry
    assert _same(found("Turkey", 1), found("turkey", 5))  # one name
    assert _same(found("Turkey", 3), found("Ankara", 3))  # one word
    assert not _same(found("Turkish troops", 1, sector="MIL"), found("Ankara", 5, "TUR"))


def test_the_other_side_of_a_guess_is_not_the_same_state() -> None:
    def actor(country: str, sector: str | None, kind: str = "agent") -> Actor:
        return Actor(text=f"{country} {sector}", name=None, country=country, sector=sector,
                     kind=kind)

    trump = actor("USA", "GOV", "person")
    assert not _other_side(actor("USA", "MIL"), trump)  # "the 2,000 US troops"
    assert not _other_side(actor("USA", None, "country"), trump)  # "the US"
    assert not _other_side(actor("USA", "CVL"), trump)  # its own people named by role
    assert _other_side(actor("SYR", "REB"), trump)
    assert _other_side(actor("SYR", "REB"), actor("SYR", "GOV", "person"))  # a civil war


@pytest.mark.model
def test_a_guess_with_one_party_and_no_subject_makes_it_the_doer() -> None:
    text = "The raid on the port was carried out before dawn with Turkish warplanes."
    events = [e for e in code(text, proposer=LearnedProposer(model(
        weights={"w=raid": 8.0}))) if e.evidence.rule == "proposer#19"]
    assert events and events[0].source is not None and events[0].target is None, events


@pytest.mark.model
def test_a_backer_is_never_the_other_side_of_a_guess() -> None:
    """"Backed by Russian air power, Syrian troops pummelled the town": Russia stands with
    the troops, it is not what they pummelled."""
    text = "Backed by Russian air power, Syrian troops pummelled the town on Monday."
    events = [e for e in code(text, proposer=LearnedProposer(model()))
              if e.evidence.rule == "proposer#19"]
    assert events and events[0].source is not None and events[0].source.country == "SYR"
    assert events[0].target is None or events[0].target.country != "RUS", events


# --- in the coder (the spaCy model) -----------------------------------------------------------

@pytest.mark.model
def test_it_adds_an_event_the_rules_miss_with_its_model_and_score() -> None:
    assert code(MISSED, proposer=False) == []
    events = code(MISSED, proposer=LearnedProposer(model()))
    assert len(events) == 1
    ev = events[0]
    assert (ev.cameo, ev.root, ev.evidence.trigger) == ("190", "19", "pummelled")
    assert ev.evidence.rule == "proposer#19"
    assert ev.evidence.model == "hand-1" and ev.evidence.score is not None
    assert 0.5 <= ev.evidence.score <= 1.0
    assert ev.source is not None and ev.source.country == "TUR"
    # the fighters, not the jets: Kurds of Turkey, the only one of their homes named
    assert ev.target is not None and ev.target.text == "Kurdish fighters"
    assert ev.target.sector == "REB"
    assert ev.modality == "asserted" and ev.date == dt.date(2019, 10, 7)  # "on Monday"
    assert any(n.startswith("proposed: root 19") for n in ev.evidence.notes)
    jsonschema.validate(ev.to_dict(), EVENT_SCHEMA)


@pytest.mark.model
def test_below_the_threshold_nothing_is_proposed() -> None:
    weak = model(weights={"w=pummel": 4.0})  # scores 0.5 exactly: at the threshold
    assert len(code(MISSED, proposer=LearnedProposer(weak))) == 1
    assert code(MISSED, proposer=LearnedProposer(weak, threshold=0.51)) == []
    assert code(MISSED, proposer=LearnedProposer(model(weights={}))) == []


@pytest.mark.model
def test_it_never_proposes_a_root_the_rules_coded_in_the_sentence() -> None:
    rules = code(CODED, proposer=False)
    assert {e.root for e in rules} == {"19"}
    eager = model(weights={"w=pound": 8.0, "w=warplane": 8.0})
    assert plain(code(CODED, proposer=LearnedProposer(eager))) == rules
    # another root is proposed beside the rules' event
    other = ProposerModel("hand-1", 0.5, {"11": RootModel("111", -4.0, {"w=pound": 8.0})})
    events = code(CODED, proposer=LearnedProposer(other))
    assert plain(events[:len(rules)]) == rules
    assert [(e.root, e.evidence.model) for e in events[len(rules):]] == [("11", "hand-1")]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    MISSED,
    "Turkey pummelled Turkey's own rebels, Turkey said.",
    "The Syrian army said the Syrian army would pummel the town.",
    "Iran pummelled them.",
])
def test_no_proposed_event_has_one_actor_on_both_sides(text: str) -> None:
    for ev in code(text, proposer=LearnedProposer(model())):
        assert ev.source is None or ev.target is None or not (
            ev.source.same_as(ev.target) or ev.source.text.lower() == ev.target.text.lower())
        assert ev.source is not None or ev.target is not None


@pytest.mark.model
def test_no_political_actor_no_proposal() -> None:
    text = "The striker pummelled the ball into the net."
    assert code(text, proposer=LearnedProposer(model())) == []


@pytest.mark.model
def test_the_rules_code_the_same_with_the_proposer() -> None:
    # the proposer resolves people while it looks for sides; "he" later must still be the
    # person the rules last named
    text = ("Turkish President Recep Tayyip Erdogan met Vladimir Putin in Sochi on Tuesday. "
            "Sergey Lavrov pummelled the Turkish plan. He condemned Ankara's offensive.")
    rules = code(text, proposer=False)
    both = code(text, proposer=LearnedProposer(model()))
    assert plain([e for e in both if e.evidence.model != "hand-1"]) == rules
    assert [e.evidence.trigger for e in both if e.evidence.model == "hand-1"] == ["pummelled"]


def eager(model: ProposerModel) -> ProposerModel:
    """``model`` with every threshold lowered to 0.2 (the bundled weights, less cautious)."""
    return dataclasses.replace(model, threshold=0.2, roots={
        r: dataclasses.replace(m, threshold=None) for r, m in model.roots.items()})


@pytest.mark.model
def test_the_switch_and_the_version() -> None:
    text = (f"{MISSED} Kurdish fighters were driven out of the town by Turkish troops "
            "after days of fighting. Nigeria has been waging a campaign against jihadist "
            "groups in Borno since 2009.")
    off = code(text, proposer=False)
    on = code(text)  # the bundled model
    assert all(e.coder_version == with_veto(CODER_VERSION) for e in off)
    assert all(e.coder_version == versioned(with_veto(CODER_VERSION)) for e in on)
    assert versioned(with_veto(CODER_VERSION)) == f"{CODER_VERSION}+veto+proposer"
    assert EventCoder(veto=False, proposer=True, counterpart=False).version == \
        f"{CODER_VERSION}+proposer"
    assert EventCoder(veto=False, proposer=False, counterpart=False).version == CODER_VERSION
    assert not any(e.evidence.rule.startswith("proposer") for e in off)
    bundled = load_model()
    for proposer, threshold in ((True, bundled.threshold), (LearnedProposer(eager(bundled)), 0.2)):
        on = code(text, proposer=proposer)
        proposed = [e for e in on if e.evidence.rule.startswith("proposer#")]
        assert all(e.evidence.model == bundled.name and e.evidence.score is not None
                   and e.evidence.score >= threshold for e in proposed)
        kept = [e for e in on if not e.evidence.rule.startswith("proposer#")]
        assert [e.event_id for e in kept] == [e.event_id for e in off]
        assert [e.root for e in kept] == [e.root for e in off]
    # the bundled weights, asked for less confidence, propose events the rules missed
    assert proposed, "the bundled model proposes nothing in the invented text"
    # Extractor passes the switch on
    assert eventwire.Extractor(proposer=False).coder.proposer is None
    assert isinstance(eventwire.Extractor().coder.proposer, LearnedProposer)


@pytest.mark.model
def test_cli_extract_switch(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Kurdish fighters were driven out of the town by Turkish forces after "
                     "days of fighting.", encoding="utf-8")
    runner = CliRunner()
    on = runner.invoke(app, ["extract", str(story), "--published", "2019-10-09"])
    off = runner.invoke(app, ["extract", str(story), "--published", "2019-10-09",
                              "--no-proposer"])
    assert on.exit_code == 0 and off.exit_code == 0, on.output + off.output
    with_model = [json.loads(x) for x in on.stdout.splitlines() if x.startswith("{")]
    rules = [json.loads(x) for x in off.stdout.splitlines() if x.startswith("{")]
    assert with_model and all("+proposer" in e["coder_version"] for e in with_model)
    assert rules and not any("+proposer" in e["coder_version"] for e in rules)
    assert not any(e["evidence"]["rule"].startswith("proposer") for e in rules)


# --- features and training ----------------------------------------------------------------------

@pytest.mark.model
def test_features_generalise_and_are_the_same_every_time() -> None:
    recorders = []
    for _ in range(2):
        recorder = Recorder()
        code(f"{MISSED} {CODED}", proposer=recorder)
        recorders.append(recorder)
    first, second = (r.seen["t"] for r in recorders)
    assert [p.features for p in first] == [p.features for p in second]
    missed, coded = first
    for f in ("w=pummel", "vs=pummel|jet", "vo=pummel|fighter", "vp=pummel|near",
              "ent=NORP", "ruled_n=<=0", "index=<=0", "root=pummel"):
        assert f in missed.features, f
    assert "ruled=19" in coded.features and "lex=19" in coded.features and "index=<=2" in (
        coded.features)
    assert missed.features == sorted(missed.features)
    # nothing names the article or the sentence's words beyond lemmas and arcs
    assert not any(f.startswith(("doc", "row", "id")) for f in missed.features)
    assert features(missed.sent, (), 0) == [f for f in missed.features if not f.startswith(
        "lex=")]


def _invented_gold() -> tuple[dict[int, CorpusText], dict[int, list[GoldSentence]]]:
    second = len(MISSED) + 1
    text = f"{MISSED} {CODED}"
    attack = Coded("190", Side("TUR", "MIL"), Side("SYR", "REB"))
    return ({7: CorpusText(7, text, PUBLISHED, "Wire")},
            {7: [GoldSentence(7, 0, 0, len(MISSED), (attack,)),
                 GoldSentence(7, 1, second, len(text), (attack,))]})


@pytest.mark.model
def test_training_labels_come_from_the_gold_sentences() -> None:
    trainer = load_trainer()
    texts, gold = _invented_gold()
    data = trainer.collect(texts, gold)
    assert [(e.row, sorted(e.gold_roots), sorted(e.ruled)) for e in data.examples] == [
        (7, ["19"], []), (7, ["19"], ["19"])]
    assert [c.code for c in data.rules[7]] == ["194"]
    again = trainer.collect(texts, gold)
    assert [e.features for e in again.examples] == [e.features for e in data.examples]


def test_fitting_is_deterministic() -> None:
    pytest.importorskip("sklearn")
    trainer = load_trainer()

    def example(row: int, feats: list[str], gold: set[str]) -> object:
        return trainer.Example(row, SimpleNamespace(features=sorted(feats)), frozenset(gold),
                               frozenset())

    examples = [example(r, ["w=attack", "ent=GPE"] if r % 2 else ["w=say", "ent=GPE"],
                        {"19"} if r % 2 else set()) for r in range(40)]
    old = trainer.MIN_POSITIVES
    trainer.MIN_POSITIVES = 5
    try:
        a = trainer.fit(examples, {"19": "190"}, 1.0)
        b = trainer.fit(examples, {"19": "190"}, 1.0)
    finally:
        trainer.MIN_POSITIVES = old
    assert a == b and set(a.roots) == {"19"}
    assert a.roots["19"].score(["w=attack", "ent=GPE"]) > 0.5 > a.roots["19"].score(
        ["w=say", "ent=GPE"])
    assert trainer.top_codes([[GoldSentence(1, 0, 0, 5, (Coded("195", None, None),
                                                         Coded("190", None, None),
                                                         Coded("195", None, None)))]]) == {
        "19": "195"}
    parts = trainer.partitions(range(10), 3, 2)
    assert parts == trainer.partitions(range(10), 3, 2)
    assert all(sorted(r for fold in p for r in fold) == list(range(10)) for p in parts)

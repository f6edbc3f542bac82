"""The learned veto (eventwire.coding.veto): the bundled model loads, its score lands in every
kept event's evidence, the switch gives the rules alone, a model's threshold drops (or, in
``mark`` mode, only flags) what it scores low, and the features ``benchmarks/train_veto.py``
learns from are the same on every run. Sentences and gold are invented; one test reads a dev
article of ../shared and skips without it. Nothing needs the network."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest
from conftest import EVENT_SCHEMA, GUARDIAN, load_benchmark
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app
from eventwire.coding import CODER_VERSION, EventCoder
from eventwire.coding.veto import (
    FEATURE_VERSION,
    MODEL_FILE,
    Recorder,
    Reviewer,
    Veto,
    VetoModel,
    features,
    load_model,
    versioned,
)
from eventwire.errors import DataError
from eventwire.evaluate_corpus import Coded, CorpusText, GoldSentence, Side
from eventwire.records import Actor, Article, Event, Evidence, Span
from eventwire.resources import read_json

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = dt.date(2019, 10, 9)
FIRST = "Turkish troops attacked Kurdish fighters in Afrin on Monday."
TEXT = f"{FIRST} France condemned the Turkish offensive."


def country(code: str) -> Actor:
    return Actor(text=code, name=code, country=code, sector=None, kind="country", id=code)


def event(code: str = "190", notes: tuple[str, ...] = (), **kw: object) -> Event:
    fields: dict[str, object] = dict(
        event_id="0123456789abcdef", doc_id="d", sentence_index=3, sentence="s", span=Span(0, 9),
        source=country("TUR"), target=None, cameo=code, root=code[:2], plover=None,
        quad_class=4, goldstein=-10.0, modality="asserted", speaker=None, quote=None,
        outlet=None, date=None, date_precision=None, date_source="publication", location=None,
        evidence=Evidence("attacked", "patterns/19_fight.yaml#190:attack", Span(2, 10),
                          notes=notes))
    fields.update(kw)
    return Event(**fields)  # type: ignore[arg-type]


def load_trainer() -> ModuleType:
    """benchmarks/train_veto.py as a module."""
    return load_benchmark("train_veto")


# --- the model file and the score (no parser) ---------------------------------------------------

def test_bundled_model_loads_and_was_trained_on_dev_only() -> None:
    model = load_model()
    assert model is load_model()  # read once
    assert model.name == f"veto-lr-{FEATURE_VERSION}"
    assert 0.0 < model.threshold < 0.5 and len(model.weights) > 100
    assert all(isinstance(w, float) and w != 0.0 for w in model.weights.values())
    training = read_json(MODEL_FILE)["training"]
    split = json.loads((ROOT / "eval" / "corpus_gold" / "split.json").read_text())
    assert training["dev_articles"] == len(split["dev"])
    assert training["cv_with_veto"]["event_f1"] >= training["cv_without_veto"]["event_f1"]
    assert f"{model.threshold:.2f}" in training["cv_curve"]


def test_score_is_a_logistic_of_the_features_present() -> None:
    model = VetoModel("t", 0.5, -1.0, {"a": 2.0, "b": -3.0})
    assert model.score([]) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert model.score(["a"]) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert model.score(["a", "b", "unknown"]) == pytest.approx(1 / (1 + math.exp(2.0)))
    assert VetoModel("t", 0.5, -1000.0, {}).score([]) == pytest.approx(0.0)  # no overflow
    assert VetoModel("t", 0.5, 1000.0, {}).score([]) == pytest.approx(1.0)


def test_model_round_trips_and_refuses_other_features() -> None:
    model = VetoModel("t", 0.2, 0.5, {"b": 1.0, "a": -1.0})
    assert VetoModel.from_dict(model.to_dict()) == model
    assert list(model.to_dict()["weights"]) == ["a", "b"]
    with pytest.raises(DataError, match="features version"):
        VetoModel.from_dict({**model.to_dict(), "feature_version": FEATURE_VERSION + 1})
    with pytest.raises(DataError, match="not a veto model"):
        VetoModel.from_dict({"name": "t", "threshold": "high", "bias": 0, "weights": {}})


def test_features_of_an_event_alone_are_sorted_and_the_same_every_time() -> None:
    ev = event("0311", notes=("announced action 190; the announcement is coded 0311",
                              "modality cue: Will"), modality="asserted")
    first = features(ev, None, None)
    assert first == sorted(first) == features(ev, None, None)
    for f in ("root=03", "code=0311", "quad=4", "src_kind=country", "src_country=yes",
              "tgt=none", "modality=asserted", "note=announced_statement", "cue=will",
              "rule=patterns/19_fight.yaml#190:attack", "sentence_index=<=5",
              "sentence_events=<=0", "root_tgt=03:none"):
        assert f in first, f
    action = features(event("190", notes=("announced action 190; the announcement is coded "
                                           "0311",), modality="future"), None, None)
    assert "note=announced_action" in action and "modality=future" in action
    # nothing of the words themselves beyond the rule: place names in notes are left out
    placed = features(event(notes=("target from the event's place (Afrin)",)), None, None)
    assert "note=target_place" in placed and not any("Afrin" in f for f in placed)


def test_veto_refuses_an_unknown_mode() -> None:
    with pytest.raises(ValueError, match="drop or mark"):
        Veto(mode="hide")  # type: ignore[arg-type]


# --- in the coder (the spaCy model) -----------------------------------------------------------


def _vetoed(veto: Reviewer) -> EventCoder:
    """A coder with ``veto`` and neither the proposer nor the counterpart model."""
    return EventCoder(proposer=False, counterpart=False, veto=veto)


def code(text: str, coder: EventCoder | None = None, *, veto: bool = True) -> list[Event]:
    # the veto alone
    ex = eventwire.Extractor(coder=coder, veto=veto, proposer=False, counterpart=False)
    return next(ex.extract_many([Article(id="t", text=text, published=PUBLISHED)]))[1]


@pytest.mark.model
def test_every_kept_event_says_which_model_and_score() -> None:
    model = load_model()
    events = code(TEXT)
    assert events
    for ev in events:
        assert ev.evidence.model == model.name
        assert ev.evidence.score is not None and model.threshold <= ev.evidence.score <= 1
        assert ev.evidence.rule  # the rule that coded it is still named
        # what `eventwire recode --stale` compares a store's articles with
        assert ev.coder_version == versioned(CODER_VERSION) == f"{CODER_VERSION}+veto"
        jsonschema.validate(ev.to_dict(), EVENT_SCHEMA)


@pytest.mark.model
def test_the_switch_gives_the_rules_alone_and_the_veto_only_drops() -> None:
    rules = code(TEXT, veto=False)
    vetoed = code(TEXT)
    assert rules and all(e.evidence.model is None and e.evidence.score is None for e in rules)
    assert all(e.coder_version == CODER_VERSION for e in rules)
    jsonschema.validate(rules[0].to_dict(), EVENT_SCHEMA)
    by_id = {e.event_id: e for e in rules}
    for ev in vetoed:  # the same event, only its evidence says more
        plain = dataclasses.replace(ev.evidence, model=None, score=None)
        assert dataclasses.replace(ev, evidence=plain,
                                   coder_version=CODER_VERSION) == by_id[ev.event_id]


@pytest.mark.model
def test_a_model_drops_what_it_scores_below_its_threshold() -> None:
    harsh = VetoModel("harsh", 0.5, 0.0, {"root=19": -20.0, "root=11": 5.0})
    events = code(TEXT, _vetoed(Veto(harsh)))
    assert [e.root for e in events] == ["11"]
    assert events[0].evidence.model == "harsh" and events[0].evidence.score > 0.99
    assert events[0].coder_version == f"{CODER_VERSION}+veto"
    assert code(TEXT, _vetoed(Veto(harsh, threshold=0.0))) == code(
        TEXT, _vetoed(Veto(dataclasses.replace(harsh, threshold=0.0))))
    assert len(code(TEXT, _vetoed(Veto(harsh, threshold=0.0)))) == len(
        code(TEXT, veto=False))


@pytest.mark.model
def test_mark_mode_keeps_every_event_and_flags_the_low_ones() -> None:
    harsh = VetoModel("harsh", 0.5, 0.0, {"root=19": -20.0})
    events = code(TEXT, _vetoed(Veto(harsh, mode="mark")))
    assert len(events) == len(code(TEXT, veto=False))
    low = [e for e in events if e.root == "19"]
    assert low and all(any(n.startswith("veto: score 0.0000 below harsh's threshold")
                           for n in e.evidence.notes) for e in low)
    assert all(not any(n.startswith("veto:") for n in e.evidence.notes)
               for e in events if e.root != "19")


@pytest.mark.model
def test_the_recorder_keeps_every_event_and_records_the_same_features() -> None:
    seen = []
    for _ in range(2):
        recorder = Recorder()
        events = code(TEXT, _vetoed(recorder))
        assert [e.event_id for e in events] == [e.event_id for e in code(TEXT, veto=False)]
        seen.append(recorder.seen)
    assert seen[0] == seen[1] and len(seen[0]) == len(events)
    def of(trigger: str) -> list[str]:
        wanted = next(e.event_id for e in events if e.evidence.trigger == trigger)
        return next(f for (_, i), f in seen[0].items() if i == wanted)

    attack, offensive = of("attacked"), of("offensive")
    for f in ("lemma=attack", "pos=VERB", "tag=VBD", "dep=ROOT", "child=nsubj", "child=dobj",
              "in_quote=False", "sentence_events=<=0"):
        assert f in attack, f
    assert "other_roots" not in attack  # alone in its sentence
    # the offensive's target is implied: the Kurdish fighters Turkey was just told attacking
    for f in ("lemma=offensive", "pos=NOUN", "dep=dobj", "det=the", "sentence_events=<=1",
              "other_roots", "tgt_implied"):
        assert f in offensive, f


def _invented_gold() -> tuple[dict[int, CorpusText], dict[int, list[GoldSentence]]]:
    text = TEXT
    second = len(FIRST) + 1
    attack = Coded("190", Side("TUR", "MIL"), Side("SYR", "REB"))
    return ({7: CorpusText(7, text, PUBLISHED, "Wire")},
            {7: [GoldSentence(7, 0, 0, len(FIRST), (attack,)),
                 GoldSentence(7, 1, second, len(text), ())]})


@pytest.mark.model
def test_training_labels_come_from_the_scorer_and_features_are_deterministic() -> None:
    trainer = load_trainer()
    texts, gold = _invented_gold()
    first = trainer.collect(texts, gold)
    assert first == trainer.collect(texts, gold)
    labels = {(e.coded.code, e.coded.trigger): (e.event_match, e.dyad_match) for e in first}
    assert labels[("190", "attacked")] == (True, True)  # TUR -> SYR, as the gold
    assert labels[("111", "condemned")] == (False, False)  # no gold in that sentence
    assert labels[("190", "offensive")] == (False, False)
    assert all(e.features == tuple(sorted(e.features)) for e in first)


@pytest.mark.model
def test_fitting_is_deterministic() -> None:
    pytest.importorskip("sklearn")
    trainer = load_trainer()
    texts, gold = _invented_gold()
    examples = trainer.collect(texts, gold)
    old = trainer.MIN_COUNT
    trainer.MIN_COUNT = 1
    try:
        a, b = trainer.fit(examples, 1.0), trainer.fit(examples, 1.0)
    finally:
        trainer.MIN_COUNT = old
    assert a == b and a.weights
    assert a.score(examples[0].features) > a.score(examples[1].features)


@pytest.mark.model
def test_cli_extract_switch(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    on = runner.invoke(app, ["extract", str(story), "--published", "2019-10-09",
                             "--no-proposer"])
    off = runner.invoke(app, ["extract", str(story), "--published", "2019-10-09", "--no-veto",
                              "--no-proposer"])
    assert on.exit_code == 0 and off.exit_code == 0, on.output + off.output
    with_veto = [json.loads(x) for x in on.stdout.splitlines() if x.startswith("{")]
    rules = [json.loads(x) for x in off.stdout.splitlines() if x.startswith("{")]
    assert with_veto and all(e["evidence"]["model"] == load_model().name for e in with_veto)
    assert rules and all(e["evidence"]["model"] is None for e in rules)


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.skipif(not GUARDIAN.exists(), reason="../shared corpus absent")
def test_features_of_a_dev_article_are_the_same_on_every_run() -> None:
    from eventwire.evaluate_corpus import articles, read_gold, read_split, read_texts

    trainer = load_trainer()
    row = read_split(ROOT / "eval" / "corpus_gold" / "split.json")["dev"][0]
    gold = {row: articles(read_gold([ROOT / "eval" / "corpus_gold" / "*.jsonl"]))[row]}
    texts = read_texts(GUARDIAN, [row])
    first = trainer.collect(texts, gold)
    assert first and first == trainer.collect(texts, gold)
    assert any(e.event_match for e in first)
    model = load_model()
    assert all(0.0 <= model.score(e.features) <= 1.0 for e in first)

"""The gold corpus tooling (eval/corpus_gold): the fixed splitter, span filling, the checker and
the committed split. Tests that read the Guardian CSV skip when ../shared is absent."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1] / "eval" / "corpus_gold"
_spec = importlib.util.spec_from_file_location("corpus_gold_sentences", GOLD / "sentences.py")
assert _spec and _spec.loader
gold = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gold)

needs_csv = pytest.mark.skipif(not gold.CSV_PATH.exists(), reason="../shared corpus absent")


def _pieces(text: str) -> list[str]:
    return [text[a:b] for a, b in gold.split_sentences(text)]


def test_splitter_rules() -> None:
    text = ("Mr. Smith met Gen. Ortiz in the U.S. capital on Feb. 8. They talked. "
            "“Will you stay?” he asked. “No.” The envoy left… Then he returned. "
            "George W. Bush spoke. No. 10 said nothing. • Join the debate")
    assert _pieces(text) == [
        "Mr. Smith met Gen. Ortiz in the U.S. capital on Feb. 8.",
        "They talked.",
        "“Will you stay?” he asked.",
        "“No.”",
        "The envoy left… Then he returned.",
        "George W. Bush spoke.",
        "No. 10 said nothing.",
        "• Join the debate",
    ]


def test_splitter_offsets_are_exact() -> None:
    text = "  One sentence here.   Another one!  "
    spans = gold.split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["One sentence here.", "Another one!"]
    assert gold.split_sentences("") == []


def test_locate_whole_words_and_hint() -> None:
    text = "Iranian officials said Iran and Iraq met; Iran left."
    assert gold.locate(text, 0, len(text), "Iran") == text.index("Iran and")
    assert gold.locate(text, 0, len(text), "Iran", after="met") == text.rindex("Iran")
    assert gold.locate(text, 0, len(text), "Syria") is None


@needs_csv
def test_worked_example_is_valid() -> None:
    assert gold.check(GOLD / "batch_a.jsonl") == []


@needs_csv
def test_checker_reports_problems(tmp_path: Path) -> None:
    line = next(gold.skeleton([139], "t"))
    a, b = line["start"], line["end"]
    line["events"] = [{
        "code": "19", "source": {"text": "Nowhere", "start": a, "end": a + 7, "country": "XXX",
                                 "sector": "GOV", "implied": False},
        "target": None, "modality": "maybe", "speaker": None, "place": None,
        "date": "2018-02-30", "date_precision": "day", "background": False, "note": ""}]
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    problems = "\n".join(gold.check(path))
    for expected in ("root 19 alone", "not 'Nowhere'", "unknown country 'XXX'", "modality",
                     "not a YYYY-MM-DD date", "lacks sentences"):
        assert expected in problems
    assert b > a


@needs_csv
def test_committed_split_is_reproducible_and_large_enough() -> None:
    split = json.loads((GOLD / "split.json").read_text())
    batches = json.loads((GOLD / "batches.json").read_text())
    plan = gold.plan()
    assert plan["split"] == split and plan["batches"] == batches
    dev, test = set(split["dev"]), set(split["test"])
    assert not dev & test and len(dev | test) >= 60 and len(test) >= 20
    rows = [r for k in "abcd" for r in batches[k]]
    extra = {r for rows in gold.EXTENSIONS.values() for r in rows}
    assert sorted(rows) == sorted((dev | test) - extra) and extra <= dev  # later batches: dev
    assert all(set(batches[k]) & dev and set(batches[k]) & test for k in "abcd")
    assert plan["total"] >= 1500
    second = batches["second_pass"]
    assert set(second) <= dev | test and set(second) & dev and set(second) & test

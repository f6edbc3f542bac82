"""The gold corpus scorer (eventwire.evaluate_corpus): matching, levels, the side figures,
errors by cause, agreement, the command; hand-made gold and fake extractors (no model). One
test codes the worked example (row 139) with the real pipeline; it skips without ../shared."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from conftest import GUARDIAN, load_benchmark
from typer.testing import CliRunner

from eventwire import evaluate_corpus as ec
from eventwire.cli import app
from eventwire.errors import InputError
from eventwire.records import Actor, Article, Event, Evidence, Location, Span

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = dt.date(2019, 10, 9)  # a Wednesday
runner = CliRunner()


def side(country: str | None, sector: str | None = None) -> ec.Side:
    return ec.Side(country, sector)


def gold(code: str, src: ec.Side | None, tgt: ec.Side | None, **kw: object) -> ec.Coded:
    return ec.Coded(code, src, tgt, **kw)  # type: ignore[arg-type]


def pred(code: str, src: ec.Side | None, tgt: ec.Side | None, offset: int = 0,
         **kw: object) -> ec.Coded:
    return ec.Coded(code, src, tgt, offset=offset, trigger="w", **kw)  # type: ignore[arg-type]


def line(row: int, sent: int, start: int, end: int, *events: ec.Coded,
         pass_: int = 1) -> ec.GoldSentence:
    return ec.GoldSentence(row, sent, start, end, tuple(events), "t", pass_)


# --- matching and levels ---------------------------------------------------------------------

@pytest.mark.parametrize(("g", "p", "expected"), [
    (gold("190", side("TUR", "MIL"), side("SYR", "REB")),
     pred("193", side("TUR", "MIL"), side("SYR", "REB")), (True, True, True)),  # 190: any 19x
    (gold("0356", side("USA", "GOV"), None), pred("0341", side("USA", "GOV"), None),
     (True, True, False)),  # 0356 needs 035
    (gold("0356", side("USA", "GOV"), None), pred("035", side("USA", "GOV"), None),
     (True, True, True)),
    (gold("173", None, side("IRQ", "CVL")), pred("173", side(None, "COP"), side("IRQ", "CVL")),
     (True, True, False)),  # no gold source = a source without country; sectors differ
    (gold("173", side(None, "COP"), side("IRQ")), pred("173", None, side("IRQ")),
     (True, True, False)),
    (gold("111", side("EGY", "GOV"), side("ISR")), pred("112", side("EGY", "GOV"), side("ISR")),
     (True, True, False)),  # 111 is more specific than its root: 112 is a wrong code
    (gold("111", side("EGY"), side("ISR")), pred("111", side("EGY"), side("SYR")),
     (True, False, False)),
    (gold("111", side("EGY"), side("ISR")), pred("190", side("EGY"), side("ISR")),
     (False, False, False)),
    (gold("195", side("RUS", "MIL"), side("SYR"), modality="alleged"),
     pred("195", side("RUS", "MIL"), side("SYR")), (True, True, False)),
])
def test_levels(g: ec.Coded, p: ec.Coded, expected: tuple[bool, bool, bool]) -> None:
    assert ec.levels(ec.checks(g, p)) == expected


def test_match_is_one_to_one_best_pair_first() -> None:
    g = [gold("190", side("TUR"), side("SYR")), gold("190", side("RUS"), side("SYR"))]
    p = [pred("190", side("RUS"), side("SYR")), pred("190", side("TUR"), side("SYR")),
         pred("190", side("TUR"), side("SYR"))]
    assert ec.match(g, p) == [(0, 1), (1, 0)]  # the exact dyads, not the first in order
    assert ec.match(g, [pred("111", side("TUR"), side("SYR"))]) == []  # roots differ


def test_assign_by_trigger_offset() -> None:
    sentences = [line(1, 0, 0, 10), line(1, 1, 12, 30), line(1, 2, 31, 50)]
    got = ec.assign(sentences, [pred("010", None, None, 5), pred("010", None, None, 11),
                                pred("010", None, None, 31), pred("010", None, None, 49)])
    assert [[p.offset for p in s] for s in got] == [[5, 11], [], [31, 49]]


# --- scores ------------------------------------------------------------------------------------

def _scored() -> ec.CorpusScores:
    sentences = [
        line(1, 0, 0, 40,
             gold("190", side("TUR", "MIL"), side("SYR", "REB"),
                  place=ec.Place("Raqqa", "SYR", 35.95, 39.01)),
             gold("111", side("EGY", "GOV"), side("TUR", "GOV"), date=dt.date(2019, 10, 7),
                  precision="week")),
        line(1, 1, 41, 80, gold("173", side("IRQ", "COP"), side("IRQ", "CVL"))),
        line(1, 2, 81, 120),
        line(1, 3, 121, 160, gold("0874", side("USA", "MIL"), side("SYR"))),
    ]
    predicted = [
        pred("193", side("TUR", "MIL"), side("SYR", "REB"), 3,
             place=ec.Place("Raqqa", "SYR", 35.9, 39.0)),
        pred("111", side("EGY", "GOV"), side("TUR", "GOV"), 10, date=dt.date(2019, 10, 9)),
        pred("010", side("EGY", "GOV"), None, 12),
        pred("173", None, side("IRQ", "CVL"), 50),
        pred("042", side("USA"), side("TUR"), 90),
    ]
    return ec.score({1: sentences}, {1: predicted}, {1: PUBLISHED})


def test_score_levels_and_side_figures() -> None:
    s = _scored()
    assert (s.articles, s.sentences) == (1, 4)
    assert (s.event.matched, s.event.gold, s.event.predicted) == (3, 4, 5)
    assert (s.event.precision, s.event.recall) == (0.6, 0.75)
    assert s.event.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    assert s.dyad.matched == 2  # the arrest lacks its source
    assert s.full.matched == 2  # 193 for 190 is fine; the dated 111 is fine
    assert (s.source_missing.right, s.source_missing.total) == (1, 3)
    assert (s.place.right, s.place.total) == (1, 1)  # 6 km away
    assert (s.date.right, s.date.total) == (3, 3)  # the week of 7 October holds the 9th
    assert s.by_root["19"].to_dict()["f1"] == 1.0
    assert (s.by_root["01"].predicted, s.by_root["01"].gold) == (1, 0)
    assert (s.by_quad[4].matched, s.by_quad[4].gold) == (2, 2)  # 190, 173 are material conflict
    assert set(s.to_dict()) >= {"event", "dyad", "full", "source_missing", "place", "date",
                                "by_root", "by_quad"}


def test_misses_by_cause() -> None:
    causes = {k: v["count"] for k, v in _scored().misses().items()}
    assert causes == {"missing source": 1, "spurious in a sentence with gold": 1,
                      "spurious event (no gold in the sentence)": 1,
                      "no event in the sentence": 1}
    s = ec.CorpusScores()
    s.add_sentence(2, 0, [gold("190", side("TUR"), side("SYR")),
                          gold("111", side("EGY"), side("ISR"))],
                   [pred("112", side("EGY"), side("IRN")), pred("043", side("TUR"), None)])
    grouped = s.misses(examples=1)
    assert grouped["wrong target country"]["count"] == 1
    assert grouped["wrong root"]["count"] == 1
    assert grouped["wrong root"]["examples"] == [{
        "sentence": "2:0", "gold": "190 TUR/? -> SYR/? asserted",
        "predicted": "043 (w) TUR/? -> - asserted"}]


@pytest.mark.parametrize(("gold_date", "precision", "got", "ok"), [
    (None, None, PUBLISHED, True), (None, None, None, True),
    (None, None, dt.date(2019, 10, 8), False),
    (dt.date(2019, 10, 1), "month", dt.date(2019, 10, 30), True),
    (dt.date(2019, 1, 1), "year", dt.date(2018, 12, 31), False),
    (dt.date(2019, 10, 7), "week", dt.date(2019, 10, 13), True),
    (dt.date(2019, 10, 7), "week", dt.date(2019, 10, 14), False),
])
def test_date_at_gold_precision(gold_date: dt.date | None, precision: str | None,
                                got: dt.date | None, ok: bool) -> None:
    s = ec.CorpusScores()
    s.add_sentence(1, 0, [gold("190", None, side("SYR"), date=gold_date,
                               precision=precision)],
                   [pred("190", None, side("SYR"), date=got)], PUBLISHED)
    assert s.date.right == ok


def test_place_needs_country_and_50_km() -> None:
    s = ec.CorpusScores()
    raqqa = ec.Place("Raqqa", "SYR", 35.95, 39.01)
    for got in (ec.Place("Raqqa", "SYR", 35.95, 39.01), ec.Place("Syria", "SYR"),
                ec.Place("Aleppo", "SYR", 36.2, 37.16), ec.Place("Raqqa", "IRQ"), None):
        s.add_sentence(1, 0, [gold("190", None, side("SYR"), place=raqqa)],
                       [pred("190", None, side("SYR"), place=got)])
    assert (s.place.right, s.place.total) == (2, 5)


# --- the gold files, the whole run, agreement ---------------------------------------------------

def _gold_line(row: int, sent: int, start: int, end: int, events: list[dict[str, object]],
               pass_: int = 1) -> str:
    return json.dumps({"row": row, "sent": sent, "start": start, "end": end, "events": events,
                       "annotator": "t", "pass": pass_}) + "\n"


def _event(code: str, src: str | None, tgt: str | None) -> dict[str, object]:
    def actor(c: str | None) -> dict[str, object] | None:
        return {"text": c, "start": 0, "end": 1, "country": c, "sector": None,
                "implied": False} if c else None

    return {"code": code, "source": actor(src), "target": actor(tgt), "modality": "asserted",
            "speaker": None, "place": None, "date": None, "date_precision": None,
            "background": False, "note": ""}


TEXT = "Turkey attacked Syria. Nothing happened. Egypt condemned Turkey."  # 0-22, 23-40, 41-64


@pytest.fixture
def corpus_files(tmp_path: Path) -> dict[str, Path]:
    with (tmp_path / "g.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["", "date", "text", "source"])
        for row in (5, 6, 7, 8):
            w.writerow([row, "2019-10-09", TEXT, "Guardian"])
    (tmp_path / "split.json").write_text(json.dumps({"dev": [5, 8], "test": [6, 7]}))
    spans = [(0, 22), (23, 40), (41, 64)]
    events = [[_event("190", "TUR", "SYR")], [], [_event("111", "EGY", "TUR")]]
    a = "".join(_gold_line(r, i, *spans[i], events[i]) for r in (5, 6) for i in range(3))
    a += "".join(_gold_line(7, i, *spans[i], []) for i in range(3))  # not annotated yet
    (tmp_path / "batch_a.jsonl").write_text(a)
    second = [[_event("190", "TUR", "SYR")], [_event("043", "TUR", None)], []]
    (tmp_path / "pass2_b.jsonl").write_text(
        "".join(_gold_line(5, i, *spans[i], second[i], 2) for i in range(3)))
    return {"dir": tmp_path, "csv": tmp_path / "g.csv", "split": tmp_path / "split.json"}


class FakeExtractor:
    """Codes 'attacked' as 190 TUR -> SYR and 'condemned' as 111 EGY (no target)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for a in articles:
            self.texts.append(a.text)
            events = []
            for word, code, src, tgt in (("attacked", "190", "TUR", "SYR"),
                                         ("condemned", "111", "EGY", None)):
                at = a.text.find(word)
                if at >= 0:
                    events.append(_fake_event(a.id, at, word, code, src, tgt))
            yield a, events


def _fake_event(doc: str, at: int, word: str, code: str, src: str | None,
                tgt: str | None) -> Event:
    def actor(c: str | None) -> Actor | None:
        return Actor(c, c, c, None, "country") if c else None

    return Event(
        event_id=f"{doc}-{at}", doc_id=doc, sentence_index=0, sentence="", span=Span(at, at + 1),
        source=actor(src), target=actor(tgt), cameo=code, root=code[:2], plover=None,
        quad_class=4, goldstein=0.0, modality="asserted", speaker=None, quote=None,
        outlet=None, date=PUBLISHED, date_precision="day", date_source=None,
        location=Location("Syria", "SYR", None, None),
        evidence=Evidence(word, "fake", Span(at, at + len(word))))


def test_read_gold_globs_passes_and_unannotated(corpus_files: dict[str, Path]) -> None:
    lines = ec.read_gold([str(corpus_files["dir"] / "*.jsonl")])
    assert len(lines) == 12
    assert sorted(ec.articles(lines)) == [5, 6]  # row 7 has no event yet
    assert sorted(ec.articles(lines, 2)) == [5]


def test_read_gold_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"row": 1, "sent": 0}\n{oops\n')
    with pytest.raises(InputError, match="bad.jsonl:1: not a gold line"):
        ec.read_gold([bad])
    bad.write_text(_gold_line(1, 0, 0, 5, []) * 2)
    with pytest.raises(InputError, match="given twice"):
        ec.read_gold([bad])
    with pytest.raises(InputError, match="no gold file matches"):
        ec.read_gold([str(tmp_path / "none*.jsonl")])


def test_evaluate_corpus_end_to_end_with_lower(corpus_files: dict[str, Path]) -> None:
    fake = FakeExtractor()
    report = ec.evaluate_corpus([str(corpus_files["dir"] / "batch_a.jsonl")],
                                csv_path=corpus_files["csv"], split_path=corpus_files["split"],
                                extractor=fake, lower=True)
    assert set(report.scores) == {"as written", "lower"}
    assert report.unannotated == [7]
    dev = report.scores["as written"]["dev"]
    assert (dev.articles, dev.sentences) == (1, 3)
    assert dev.event.to_dict()["f1"] == 1.0
    assert (dev.dyad.matched, dev.event.matched) == (1, 2)  # 111 lacks its target
    assert report.scores["as written"]["test"].articles == 1
    assert fake.texts[-1] == TEXT.lower() and len(fake.texts) == 4
    data = report.to_dict()
    assert data["scores"]["lower"]["test"]["event"]["gold"] == 2  # type: ignore[index]


def test_missing_csv_is_one_clean_error(corpus_files: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(InputError, match="corpus CSV not found"):
        ec.evaluate_corpus([corpus_files["dir"] / "batch_a.jsonl"], csv_path=tmp_path / "no.csv",
                           split_path=corpus_files["split"], extractor=FakeExtractor())


def test_lower_keeps_offsets() -> None:
    text = "İstanbul and ANKARA"
    low = ec.lower_keep_offsets(text)
    assert len(low) == len(text) and low.endswith("and ankara")


def test_agreement(corpus_files: dict[str, Path]) -> None:
    report = ec.agreement(ec.read_gold([str(corpus_files["dir"] / "*.jsonl")]))
    assert report.rows == [5] and report.sentences == 3
    assert (report.event.matched, report.event.gold, report.event.predicted) == (1, 2, 2)
    assert (report.both, report.first_only, report.second_only, report.neither) == (1, 1, 1, 0)
    assert report.kappa == pytest.approx(-0.5)  # po 1/3, pe 5/9
    assert report.to_dict()["sentence_has_event"]["kappa"] == -0.5  # type: ignore[index]


# --- the command -------------------------------------------------------------------------------

def test_command_json_and_misses(corpus_files: dict[str, Path],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eventwire.pipeline.Extractor", FakeExtractor)
    args = ["evaluate", "corpus", str(corpus_files["dir"] / "batch_*.jsonl"), "--csv",
            str(corpus_files["csv"]), "--split-file", str(corpus_files["split"])]
    result = runner.invoke(app, [*args, "--json", "--misses"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["misses"]["half"] == "dev"
    assert data["misses"]["causes"]["missing target"]["count"] == 1
    assert data["scores"]["as written"]["test"]["event"]["recall"] == 1.0
    table = runner.invoke(app, [*args, "--lower", "--misses", "--split", "test"])
    assert table.exit_code == 0 and "test lower" in table.stdout
    assert "errors by cause, test half" in table.stdout
    assert runner.invoke(app, [*args, "--split", "all"]).exit_code == 2
    agree = runner.invoke(app, ["evaluate", "corpus-agreement",
                                str(corpus_files["dir"] / "*.jsonl"), "--json"])
    assert json.loads(agree.stdout)["rows"] == [5]


def test_command_dev_only_codes_and_prints_no_test_article(
        corpus_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """--dev-only: the test half's articles are not coded, and no figure of it is printed
    (rule work must not see them, even by accident)."""
    coded: list[str] = []

    class Recording(FakeExtractor):
        def extract_many(self, articles: Iterable[Article]
                         ) -> Iterator[tuple[Article, list[Event]]]:
            for a, events in super().extract_many(articles):
                coded.append(a.id)
                yield a, events

    monkeypatch.setattr("eventwire.pipeline.Extractor", Recording)
    args = ["evaluate", "corpus", str(corpus_files["dir"] / "batch_*.jsonl"), "--csv",
            str(corpus_files["csv"]), "--split-file", str(corpus_files["split"])]
    result = runner.invoke(app, [*args, "--dev-only", "--json", "--misses"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["scores"]["as written"]) == {"dev"}
    assert data["misses"]["half"] == "dev"
    assert coded == ["g5"]  # the dev half's annotated article; not rows 6 and 7 (test)
    table = runner.invoke(app, [*args, "--dev-only"])
    assert table.exit_code == 0 and "test" not in table.stdout
    assert runner.invoke(app, [*args, "--dev-only", "--split", "test"]).exit_code == 2


def test_command_missing_csv(corpus_files: dict[str, Path], tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "corpus", str(corpus_files["dir"] / "batch_a.jsonl"),
                                 "--csv", str(tmp_path / "no.csv"), "--split-file",
                                 str(corpus_files["split"])])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "corpus CSV not found" in result.stderr


@pytest.mark.parametrize("command", ["corpus", "corpus-agreement"])
def test_commands_have_help(command: str) -> None:
    result = runner.invoke(app, ["evaluate", command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


# --- the real gold (one article) -----------------------------------------------------------------

@pytest.mark.skipif(not GUARDIAN.exists(), reason="../shared corpus absent")
def test_worked_example_row_139() -> None:
    lines = [x for x in ec.read_gold([ROOT / "eval" / "corpus_gold" / "batch_a.jsonl"])
             if x.row == 139]
    texts = ec.read_texts(GUARDIAN, [139])
    text = texts[139].text
    assert all(0 <= x.start < x.end <= len(text) for x in lines)
    report = ec.evaluate_corpus(lines, csv_path=GUARDIAN,
                                split_path=ROOT / "eval" / "corpus_gold" / "split.json")
    test = report.scores["as written"]["test"]
    assert test.articles == 1 and test.sentences == len(lines)
    assert test.event.gold == sum(len(x.events) for x in lines) > 20
    assert test.event.predicted > 0 and 0 < test.event.f1 <= 1
    assert test.dyad.matched <= test.event.matched and test.full.matched <= test.dyad.matched
    assert report.scores["as written"]["dev"].articles == 0


@pytest.mark.model
def test_the_benchmark_can_code_and_print_the_dev_half_alone(
        corpus_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`benchmarks/corpus.py --dev-only`: rule work sees no test figure."""
    corpus = load_benchmark("corpus")
    monkeypatch.setattr("sys.argv", ["corpus.py", str(corpus_files["dir"] / "batch_a.jsonl"),
                                     "--csv", str(corpus_files["csv"]), "--split-file",
                                     str(corpus_files["split"]), "--dev-only", "--no-lower"])
    assert corpus.main() == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if "dev" in line)
    assert "test" not in header
    assert "1/3" in out  # row 5 only: the test half's rows 6 and 7 were not coded


class _Model:
    def to_dict(self) -> dict[str, object]:
        return {"weights": {"b": 2, "a": 1}, "threshold": 0.5}


@pytest.mark.parametrize("check", [False, True])
def test_a_training_run_writes_its_model_unless_checking(
        corpus_files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        check: bool) -> None:
    """`run_training`, the shell of the three training scripts: dev half only, sorted JSON
    with the report, nothing written with --check."""
    out = tmp_path / "model.json"
    seen: dict[str, object] = {}

    def collect(texts: object, gold: dict[int, object]) -> list[int]:
        return sorted(gold)

    def train(rows: list[int], gold: object, published: object, folds: int, repeats: int
              ) -> tuple[_Model, dict[str, object]]:
        seen["rows"], seen["folds"] = rows, folds
        return _Model(), {"dev_articles": len(rows)}

    monkeypatch.setattr("sys.argv", ["train", str(corpus_files["dir"] / "batch_a.jsonl"),
                                     "--csv", str(corpus_files["csv"]), "--split-file",
                                     str(corpus_files["split"]), "--out", str(out),
                                     "--folds", "3", *(["--check"] if check else [])])
    assert ec.run_training("t", tmp_path, tmp_path / "unused.json", collect, train,
                           lambda model, report: seen.setdefault("shown", report)) == 0
    assert seen["rows"] == [5] and seen["folds"] == 3  # row 6 is the test half's
    assert seen["shown"] == {"dev_articles": 1}
    if check:
        assert not out.exists()
    else:
        text = out.read_text(encoding="utf-8")
        assert json.loads(text)["training"] == {"dev_articles": 1}
        assert text.index('"a"') < text.index('"b"')  # sorted: the same inputs, the same file

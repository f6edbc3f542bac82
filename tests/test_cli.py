"""The eventwire command: every command has help; clean, resolve and actors work end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
runner = CliRunner()


def test_public_api_is_what_we_say() -> None:
    for name in eventwire.__all__:
        assert hasattr(eventwire, name), name


@pytest.mark.parametrize("command", [["clean"], ["resolve"], ["actors"], ["extract"],
                                     ["evaluate", "actors"], ["evaluate", "gsr"], ["ingest"],
                                     ["recode"], ["export"], ["sql"], ["query", "dyad"],
                                     ["query", "claims"], ["query", "outlets"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_resolve_one_mention() -> None:
    result = runner.invoke(app, ["resolve", "Sergey Lavrov", "--date", "2017-02-13"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["country"], data["sector"], data["kind"]) == ("RUS", "GOV", "person")


def test_resolve_unknown_is_null() -> None:
    result = runner.invoke(app, ["resolve", "a cat named Frank"])
    data = json.loads(result.output)
    assert data["country"] is None and data["sector"] is None


def test_resolve_bad_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["resolve", "Lavrov", "--date", "yesterday"])
    assert result.exit_code == 2


def test_resolve_batch_keeps_order_and_ids(tmp_path: Path) -> None:
    batch = tmp_path / "m.jsonl"
    batch.write_text(
        '{"id": "a", "text": "John Kerry", "date": "2015-03-01"}\n'
        'not json\n'
        '{"id": "b", "text": "the regime", "context": "fighting in Syria"}\n'
        '{"id": "c", "text": "Russian servicemen"}\n', encoding="utf-8")
    result = runner.invoke(app, ["resolve", "--batch", str(batch)])
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines] == ["a", "b", "c"]
    assert [(x["country"], x["sector"]) for x in lines] == [
        ("USA", "GOV"), ("SYR", "GOV"), ("RUS", "MIL")]
    assert f"{batch}:2" in result.stderr


def test_clean_shows_dropped_clutter_and_dateline() -> None:
    result = runner.invoke(app, ["clean", str(EXAMPLES)])
    assert result.exit_code == 0
    assert "drop" in result.output and "keep" in result.output
    assert "dateline: place='Moscow' outlet='TASS'" in result.output


def test_clean_nothing_readable_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(empty)])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr


@pytest.mark.model
def test_actors_of_the_examples_are_resolved() -> None:
    from eventwire.pipeline import default_extractor

    articles = list(eventwire.read_articles(EXAMPLES))
    found = {a.id: acts for a, acts in default_extractor().actor_mentions(articles)}
    tass = {(x.name, x.country, x.sector) for x in found["tass-2017-04-11-lavrov-tillerson"]}
    assert ("Sergey Lavrov", "RUS", "GOV") in tass
    assert ("Rex Tillerson", "USA", "GOV") in tass
    assert any(c == "RUS" and s == "GOV" and n == "Russia" for n, c, s in tass)  # Moscow, Kremlin

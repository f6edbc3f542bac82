"""Datelines: each form parsed, non-datelines left alone, spans into the original text."""

from __future__ import annotations

import pytest

from eventwire.ingest import clean_article, find_dateline, parse_dateline
from eventwire.ingest.dateline import normalise_outlet, title_place
from eventwire.records import Article, Span

# line, place, outlet, date_text, the dateline as written (text[span])
FORMS = [
    ("MOSCOW, February 13. /TASS/. Russia said", "Moscow", "TASS", "February 13",
     "MOSCOW, February 13. /TASS/."),
    ("MOSCOW, May 27. /TASS/. Lavrov said", "Moscow", "TASS", "May 27", "MOSCOW, May 27. /TASS/."),
    ("MOSCOW (Sputnik) — The strike", "Moscow", "Sputnik", None, "MOSCOW (Sputnik) —"),
    ("WASHINGTON (AP) — The United States", "Washington", "AP", None, "WASHINGTON (AP) —"),
    ("BEIRUT (Reuters) - The missiles", "Beirut", "Reuters", None, "BEIRUT (Reuters) -"),
    ("DAMASCUS, Syria (AP) — Syrian", "Damascus", "AP", None, "DAMASCUS, Syria (AP) —"),
    ("ANKARA, Jan 5 (Reuters) - Turkey", "Ankara", "Reuters", "Jan 5", "ANKARA, Jan 5 (Reuters) -"),
    ("LONDON — Britain said", "London", None, None, "LONDON —"),
    ("Paris, 3 March (AFP) - France", "Paris", "AFP", "3 March", "Paris, 3 March (AFP) -"),
    ("BEIJING, March 5 (Xinhua) -- China", "Beijing", "Xinhua", "March 5",
     "BEIJING, March 5 (Xinhua) --"),
    ("UNITED NATIONS (AP) — The council", "United Nations", "AP", None, "UNITED NATIONS (AP) —"),
    ("RAS AL-AIN, Syria (REUTERS) - Turkish", "Ras Al-Ain", "Reuters", None,
     "RAS AL-AIN, Syria (REUTERS) -"),
    ("MOSCOW, April 7. /ITAR-TASS/. The", "Moscow", "TASS", "April 7",
     "MOSCOW, April 7. /ITAR-TASS/."),
]  # fmt: skip


@pytest.mark.parametrize(("line", "place", "outlet", "date_text", "written"), FORMS)
def test_dateline_forms(line, place, outlet, date_text, written):
    found = parse_dateline(line)
    assert found is not None
    assert (found.place, found.outlet, found.date_text) == (place, outlet, date_text)
    assert line[found.span.start : found.span.end] == written


@pytest.mark.parametrize(
    "line",
    [
        "Dubai: Russia and Turkey agreed on Thursday to a ceasefire.",
        "Moscow said on Tuesday that talks would continue.",
        "Russian President Vladimir Putin (pictured) said the talks went well.",
        "Russia — the main ally of Damascus — condemned the strike.",
        "The United Nations says nearly one million people have fled.",
        "",
    ],
)
def test_not_a_dateline(line):
    assert parse_dateline(line) is None


def test_span_is_shifted_by_offset_and_leading_space():
    found = parse_dateline("  BEIRUT (Reuters) - Text", offset=100)
    assert found is not None and found.span == Span(102, 120)


def test_find_dateline_skips_a_repeated_title():
    text = "Talks in Moscow\nMOSCOW, May 27. /TASS/. Lavrov said talks went well."
    lines = (Span(0, 15), Span(16, len(text)))
    found = find_dateline(text, lines, title="Talks in Moscow")
    assert (
        found is not None and text[found.span.start : found.span.end] == "MOSCOW, May 27. /TASS/."
    )


def test_find_dateline_only_looks_at_the_start():
    first = "The ministers met on Tuesday and agreed to meet again next month in Geneva, they said."
    text = first + "\nLONDON — Britain said it welcomed the talks."
    lines = (Span(0, len(first)), Span(len(first) + 1, len(text)))
    assert find_dateline(text, lines) is None


def test_clean_article_sets_dateline_with_span_into_original_text(ingest_example_articles):
    article = clean_article(ingest_example_articles["tass-2017-04-11-lavrov-tillerson"])
    assert article.dateline is not None
    span = article.dateline.span
    assert article.text[span.start : span.end] == "MOSCOW, April 11. /TASS/."
    assert article.dateline.place == "Moscow" and article.dateline.date_text == "April 11"
    # the dateline stays in clean_text: the coder skips it by span
    assert article.clean_text is not None and article.clean_text.startswith("MOSCOW, April 11.")


def test_article_without_dateline():
    article = clean_article(Article(id="x", text="Dubai: Russia and Turkey agreed a truce."))
    assert article.dateline is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("REUTERS", "Reuters"),
        ("ITAR-TASS", "TASS"),
        ("Associated  Press", "AP"),
        ("Kyodo", "Kyodo"),
    ],
)
def test_normalise_outlet(raw, expected):
    assert normalise_outlet(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("MOSCOW", "Moscow"),
        ("NEW YORK", "New York"),
        ("KING'S LYNN", "King's Lynn"),
        ("Paris", "Paris"),
    ],
)
def test_title_place(raw, expected):
    assert title_place(raw) == expected

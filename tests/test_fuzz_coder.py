"""Fuzz the coder (issue 11): generated texts through the whole pipeline, one loaded model.

Texts mix a sentence the coder codes with emoji and zero-width runs, base64, tables,
sentences without end, random Unicode (lone surrogates included), and publication dates
at the calendar's ends. Properties: nothing escapes; every event points into the text
(its trigger span holds its trigger); the coded sentence is never lost to the junk
around it; each case is quick (hypothesis deadline).
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.pipeline import Extractor, default_extractor
from eventwire.records import Article

pytestmark = pytest.mark.model

_MORE = int(os.environ.get("EVENTWIRE_FUZZ", "0"))
FUZZ = settings(max_examples=_MORE or 30, deadline=20_000, derandomize=not _MORE,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
GOOD = "Russia attacked Turkey on Monday, officials in Ankara said."

run = st.builds(lambda unit, n: unit * n,
                st.sampled_from(["\U0001F600\u200d", "\u200b", "\U0001F44D\U0001F3FD",
                                 "\u2764\ufe0f", "%", "!", "\u2026", "QUJD", "|---", "a=b;",
                                 "\u00a0", "\ufeff", "\u0000", "\ud800"]),
                st.integers(1, 3000))
junk = st.one_of(run, st.text(max_size=300),
                 st.builds(lambda n: "word " * n, st.integers(1, 2000)))
dates = st.one_of(st.none(), st.dates(), st.sampled_from(
    [dt.date(1, 1, 1), dt.date(1, 1, 2), dt.date(9999, 12, 30), dt.date(9999, 12, 31)]))
when = st.sampled_from(["", " next week", " last week", " yesterday", " next month",
                        " last year", " 3 days ago", " on Friday", " in December"])


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """The process-wide extractor: the model loads once for the whole file."""
    return default_extractor()


@FUZZ
@given(before=junk, after=junk, joiner=st.sampled_from(["\n", "\n\n", " \r\n", ""]),
       published=dates, time=when, title=st.one_of(st.none(), junk))
def test_coder_survives_junk_and_keeps_the_story(extractor: Extractor, before: str, after: str,
                                                 joiner: str, published: dt.date | None,
                                                 time: str, title: str | None) -> None:
    sentence = GOOD.replace(" on Monday", time)
    text = f"{before}{joiner}{sentence}{joiner}{after}"
    article = Article(id="fuzz", text=text, published=published, title=title)
    [(coded, events)] = list(extractor.extract_many([article]))
    for event in events:
        span = event.evidence.trigger_span
        assert coded.text[span.start:span.end] == event.evidence.trigger
        assert event.date is None or dt.date.min <= event.date <= dt.date.max
    if joiner and coded.language == "en":
        # on a line of its own, the story is coded whatever surrounds it
        assert any(e.evidence.trigger == "attacked" for e in events), text[:300]

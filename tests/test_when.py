"""Date expressions resolved against the publication date (``coding.when.resolve_date``).

No model needed. The publication date is Tuesday 11 April 2017 unless a row says otherwise;
past events resolve to the most recent matching date on or before publication, future events
to the next one.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.coding import when
from eventwire.coding.when import resolve_date

D = dt.date
PUBLISHED = D(2017, 4, 11)  # a Tuesday
NEW_YEAR = D(2017, 1, 2)  # a Monday, to cross a year boundary


@pytest.mark.parametrize("text,published,future,date,precision", [
    ("Tuesday", PUBLISHED, False, D(2017, 4, 11), "day"),
    ("on Friday", PUBLISHED, False, D(2017, 4, 7), "day"),
    ("on Monday", PUBLISHED, False, D(2017, 4, 10), "day"),
    ("last Tuesday", PUBLISHED, False, D(2017, 4, 4), "day"),
    ("Tuesday's", D(2015, 5, 14), False, D(2015, 5, 12), "day"),
    ("on Friday", NEW_YEAR, False, D(2016, 12, 30), "day"),
    ("Friday", PUBLISHED, True, D(2017, 4, 14), "day"),
    ("on Monday", PUBLISHED, True, D(2017, 4, 17), "day"),
    ("next Tuesday", PUBLISHED, False, D(2017, 4, 18), "day"),
    ("yesterday", PUBLISHED, False, D(2017, 4, 10), "day"),
    ("yesterday", NEW_YEAR, False, D(2017, 1, 1), "day"),
    ("today", PUBLISHED, False, PUBLISHED, "day"),
    ("tomorrow", PUBLISHED, True, D(2017, 4, 12), "day"),
    ("12 March", PUBLISHED, False, D(2017, 3, 12), "day"),
    ("12 March", PUBLISHED, True, D(2018, 3, 12), "day"),
    ("March 12, 2017", PUBLISHED, False, D(2017, 3, 12), "day"),
    ("March 12, 2017", PUBLISHED, True, D(2017, 3, 12), "day"),
    ("May 2", PUBLISHED, False, D(2016, 5, 2), "day"),
    ("on Sept. 5", PUBLISHED, False, D(2016, 9, 5), "day"),
    ("in December", PUBLISHED, False, D(2016, 12, 1), "month"),
    ("in December", PUBLISHED, True, D(2017, 12, 1), "month"),
    ("in December", NEW_YEAR, False, D(2016, 12, 1), "month"),
    ("in March", PUBLISHED, False, D(2017, 3, 1), "month"),
    ("in May", PUBLISHED, False, D(2016, 5, 1), "month"),
    ("in March 2016", PUBLISHED, False, D(2016, 3, 1), "month"),
    ("since September 2015", PUBLISHED, False, D(2015, 9, 1), "month"),
    ("last month", PUBLISHED, False, D(2017, 3, 1), "month"),
    ("last month", NEW_YEAR, False, D(2016, 12, 1), "month"),
    ("next month", PUBLISHED, True, D(2017, 5, 1), "month"),
    ("earlier this month", PUBLISHED, False, D(2017, 4, 1), "month"),
    ("last year", PUBLISHED, False, D(2016, 1, 1), "year"),
    ("in 2016", PUBLISHED, False, D(2016, 1, 1), "year"),
    ("early March", PUBLISHED, False, D(2017, 3, 1), "month"),
    ("March", PUBLISHED, False, D(2017, 3, 1), "month"),
])
def test_resolve_date(text: str, published: dt.date, future: bool, date: dt.date,
                      precision: str) -> None:
    assert resolve_date(text, published, future=future) == (date, precision)


@pytest.mark.parametrize("text,published,future,week_of", [
    ("last week", PUBLISHED, False, D(2017, 4, 3)),
    ("last week", NEW_YEAR, False, D(2016, 12, 26)),
    ("this week", PUBLISHED, False, D(2017, 4, 10)),
    ("next week", PUBLISHED, True, D(2017, 4, 17)),
])
def test_resolve_week(text: str, published: dt.date, future: bool, week_of: dt.date) -> None:
    """A week-precision date falls in the right Monday-to-Sunday week."""
    found = resolve_date(text, published, future=future)
    assert found is not None
    date, precision = found
    assert precision == "week"
    assert week_of <= date <= week_of + dt.timedelta(days=6), date


@pytest.mark.parametrize("text", ["the ceasefire", "the new administration", ""])
def test_unreadable_text_gives_none(text: str) -> None:
    assert resolve_date(text, PUBLISHED) is None


@pytest.mark.parametrize(("text", "duration"), [
    ("five years", True), ("the past two weeks", True), ("decades", True),
    ("several months", True), ("the last three years", True),
    ("two days ago", False), ("last year", False), ("five years earlier", False),
    ("2003", False), ("Monday", False), ("this week", False), ("April 2019", False),
])
def test_a_duration_is_no_date(text: str, duration: bool) -> None:
    assert when.is_duration(text) is duration


def test_background_is_an_event_dated_from_the_text_over_30_days_before() -> None:
    assert when.is_background(D(2003, 1, 1), "text: 2003", PUBLISHED, True)
    assert not when.is_background(D(2017, 4, 1), "text: April 1", PUBLISHED, True)
    assert not when.is_background(D(2003, 1, 1), "publication", PUBLISHED, True)
    assert not when.is_background(D(2003, 1, 1), "text: 2003", PUBLISHED, False)


def test_a_participle_after_its_clause_shares_the_clauses_date() -> None:
    import eventwire
    ex = eventwire.Extractor(veto=False, proposer=False)
    article = eventwire.Article(id="a", published="2019-10-16", text=(
        "China and India clashed at the border in June 2020, killing 20 Indian soldiers."))
    events = next(ex.extract_many([article]))[1]
    assert events and {str(e.date) for e in events} == {"2020-06-01"}, \
        [(e.cameo, e.date) for e in events]

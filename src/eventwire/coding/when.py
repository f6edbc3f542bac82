"""When an event happened: date expressions resolved against the publication date.

Rules first (they cover how wire copy writes dates), dateparser for the rest:

- "today", "yesterday", "tomorrow", "tonight"                       -> day
- weekdays: "Tuesday", "on Friday", "last Monday"                  -> day; the most recent
  such day on or before publication (the next one for future events)
- "last week", "this week", "next week"                             -> week
- "in December", "last month", "earlier this month"                 -> month; the most
  recent December on or before publication (the next one for future events)
- "in March 2016", "since September 2015"                           -> month
- "12 March", "March 12", "March 12, 2017"                          -> day
- "2016", "in 2016", "last year"                                    -> year
- anything else dateparser reads, relative to the publication date
No date expression: the publication date, precision ``day``, ``date_source`` "publication".
A relative date that would fall outside Python's calendar (years 1 to 9999, e.g. "next
week" from 9999-12-30) is not resolved. A duration ("for five years", "the past two weeks";
:func:`is_duration`) is no date: the coder passes over it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterator

import dateparser
from spacy.tokens import Span, Token

from ..records import DatePrecision
from .syntax import other_clause, sentence_ents, trailing_participle

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(?:of\s+)?(\d{{4}})\b")
_MONTH = re.compile(rf"\b({_MONTH_RE})\b")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_near(month: int, base: dt.date, future: bool) -> dt.date:
    year = base.year
    if future and month < base.month:
        year += 1
    elif not future and month > base.month:
        year -= 1
    return dt.date(year, month, 1)


def _weekday_near(weekday: int, base: dt.date, future: bool, last: bool) -> dt.date:
    if future and not last:
        ahead = (weekday - base.weekday()) % 7 or 7
        return base + dt.timedelta(days=ahead)
    back = (base.weekday() - weekday) % 7
    if last and back == 0:
        back = 7
    return base - dt.timedelta(days=back)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_UNIT = re.compile(r"\b(?:years?|months?|weeks?|days?|decades?|hours?|nights?|centur(?:y|ies))\b")
_COUNT = re.compile(r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                    r"twelve|fifteen|twenty|thirty|forty|fifty|hundred|several|few|many|some|"
                    r"dozens?|couple)\b|\b(?:decades|years|months|weeks|days)\b")
_POINT = re.compile(r"\b(?:ago|earlier|later|before|after|since)\b")


def is_duration(text: str) -> bool:
    """Whether a date expression is a span of time rather than a point in it: "for five
    years", "the past two weeks", "decades" (a duration is no date), but not "two days
    ago", "last year" or "five years earlier"."""
    low = text.lower()
    return bool(_UNIT.search(low) and _COUNT.search(low) and not _POINT.search(low))


BACKGROUND_DAYS = 30


def said_on(published: dt.date, published_known: bool
            ) -> tuple[dt.date | None, str | None, str | None]:
    """The date, precision and date source of an act of speech the article reports (an
    announcement, an accusation): the publication day, when it is known."""
    if not published_known:
        return None, None, None
    return published, "day", "publication"


def is_background(date: dt.date | None, source: str | None, published: dt.date,
                  published_known: bool) -> bool:
    """Whether an event dated ``date`` (from ``source``: "publication" or "text: …") is an
    earlier event told as context: dated from the text, over ``BACKGROUND_DAYS`` days
    before publication."""
    return (date is not None and published_known and (source or "").startswith("text")
            and (published - date).days > BACKGROUND_DAYS)


def resolve_date(text: str, published: dt.date,
                 future: bool = False) -> tuple[dt.date, DatePrecision] | None:
    """Resolve a date expression against the publication date, or None if unreadable
    (or outside the calendar, years 1 to 9999)."""
    try:
        return _resolve(text, published, future)
    except (OverflowError, ValueError):  # e.g. "next week" from 9999-12-30
        return None


def _resolve(text: str, published: dt.date,
             future: bool) -> tuple[dt.date, DatePrecision] | None:
    low = " ".join(text.lower().replace(",", ", ").split())
    if re.search(r"\b(today|tonight|this morning|this afternoon|this evening)\b", low):
        return published, "day"
    if re.search(r"\b(yesterday|last night)\b", low):
        return published - dt.timedelta(days=1), "day"
    if re.search(r"\btomorrow\b", low):
        return published + dt.timedelta(days=1), "day"
    m = _DAY_MONTH.search(low) or None
    if m:
        year = int(m.group(3)) if m.group(3) else None
        day, month = int(m.group(1)), _MONTHS[m.group(2)]
        return _dated(year, month, day, published, future)
    m = _MONTH_DAY.search(low)
    if m:
        year = int(m.group(3)) if m.group(3) else None
        return _dated(year, _MONTHS[m.group(1)], int(m.group(2)), published, future)
    m = _MONTH_YEAR.search(low)
    if m:
        return dt.date(int(m.group(2)), _MONTHS[m.group(1)], 1), "month"
    m = _WEEKDAY.search(low)
    if m:
        last = "last" in low or "past" in low
        nxt = "next" in low or "coming" in low
        return _weekday_near(_WEEKDAYS[m.group(1)], published, future or nxt, last), "day"
    if "week" in low:
        if "last week" in low or "past week" in low or "previous week" in low:
            return published - dt.timedelta(days=7), "week"
        if "next week" in low or "coming week" in low:
            return published + dt.timedelta(days=7), "week"
        if "this week" in low or "earlier this week" in low or "later this week" in low:
            return published, "week"
    if "month" in low:
        if "last month" in low or "previous month" in low:
            return _shift_month(published, -1), "month"
        if "next month" in low or "coming month" in low:
            return _shift_month(published, 1), "month"
        if "this month" in low:
            return published.replace(day=1), "month"
    if "year" in low:
        if "last year" in low or "previous year" in low:
            return dt.date(published.year - 1, 1, 1), "year"
        if "next year" in low:
            return dt.date(published.year + 1, 1, 1), "year"
        if "this year" in low:
            return dt.date(published.year, 1, 1), "year"
    m = _MONTH.search(low)
    # "may" and "march" are also verbs: take them only when capitalised in the text
    if m and (m.group(1) not in ("may", "march") or re.search(r"\b(May|March)\b", text)):
        return _month_near(_MONTHS[m.group(1)], published, future), "month"
    m = _YEAR.search(low)
    if m:
        return dt.date(int(m.group(1)), 1, 1), "year"
    return _dateparser(text, published, future)


def _dated(year: int | None, month: int, day: int, published: dt.date,
           future: bool) -> tuple[dt.date, DatePrecision] | None:
    if year is None:
        year = _month_near(month, published, future).year
    found = _safe_date(year, month, day)
    return (found, "day") if found else None


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str, published: dt.date,
                future: bool) -> tuple[dt.date, DatePrecision] | None:
    if not re.search(r"\d|ago|since|ear", text.lower()):
        return None
    settings = {
        "RELATIVE_BASE": dt.datetime.combine(published, dt.time(12)),
        "PREFER_DATES_FROM": "future" if future else "past",
        "REQUIRE_PARTS": [],
    }
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except (OverflowError, ValueError):  # a base date at the calendar's ends
        return None
    if parsed is None:
        return None
    return parsed.date(), "day"


# -- the date of an event in a parsed sentence -------------------------------------------

DATE_LABELS = frozenset({"DATE", "TIME"})


def date_entities(sent: Span) -> Iterator[Span]:
    """The DATE and TIME entities inside ``sent``."""
    return (e for e in sentence_ents(sent) if e.label_ in DATE_LABELS)


def when_clause_of(clause: Token, date: Token) -> bool:
    """"In 2003, when Turkey refused …": the clause is a "when" clause (or a relative
    clause) of the date, or a "when" clause beside it on the same verb."""
    if clause.dep_ == "relcl" and clause.head.i == date.i:
        return True
    if clause.dep_ != "advcl" or not any(c.lower_ == "when" for c in clause.children):
        return False
    tok = date
    while tok.dep_ in ("pobj", "prep", "npadvmod", "compound") and tok.head.i != tok.i:
        tok = tok.head
    return tok.i == clause.head.i or tok.head.i == clause.i


def event_date(t: Token, gov: Token | None, sent: Span, published: dt.date,
               published_known: bool, future: bool = False
               ) -> tuple[dt.date | None, str | None, str | None]:
    """(date, precision, source) of the event triggered by ``t``: the nearest date
    expression in the trigger's clause (not a duration; a "when" clause takes the date it
    hangs on, a participle after the clause its clause's), else the publication date."""
    clause = gov if gov is not None else t
    while clause.pos_ != "VERB" and clause.head.i != clause.i:
        clause = clause.head
    if trailing_participle(clause):
        clause = clause.head  # "clashed in June 2020, killing 20 soldiers": the same time
    best = None
    for ent in date_entities(sent):
        root = ent.root
        if other_clause(root, clause) or is_duration(ent.text):
            continue  # "has occupied the region for five years": no date
        if root.i == clause.i or clause in root.ancestors or (
                t.pos_ == "NOUN" and t in root.ancestors) or when_clause_of(clause, root):
            if best is None or abs(ent.start - t.i) < abs(best.start - t.i):
                best = ent
    if best is not None:
        found = resolve_date(best.text, published, future=future)
        if found is not None:
            return found[0], found[1], f"text: {best.text}"
    if published_known:
        return published, "day", "publication"
    return None, None, None

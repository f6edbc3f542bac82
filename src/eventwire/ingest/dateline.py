"""Find the dateline at the start of a story: where it was filed, by whom, when.

Forms recognised (the separator may be ``-``, ``--``, ``–``, ``—`` or ``:`` after
an outlet)::

    MOSCOW, February 13. /TASS/.        place, date, /OUTLET/.
    MOSCOW (Sputnik) —                  place (OUTLET) dash
    DAMASCUS, Syria (AP) —              place, region (OUTLET) dash
    ANKARA, Jan 5 (Reuters) -           place, date (OUTLET) dash
    Paris, 3 March (AFP) -              place, date (OUTLET) dash (any case)
    LONDON —                            PLACE dash (capitals only, no outlet)

``place`` is returned in title case (``"Moscow"``) without a region qualifier
(``"DAMASCUS, Syria"`` → ``"Damascus"``), ``outlet`` normalised (``"TASS"``,
``"AP"``, ``"Reuters"`` …), ``date_text`` the date as written or None.

The dateline is *not* removed from the text: ``clean_text`` keeps it, and the
coder skips it by ``Dateline.span`` (offsets into ``Article.text``), so offsets
stay simple and nothing of the story is lost if a match is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Dateline, Span

# How outlets write themselves in datelines → one canonical name. Unknown outlets
# are kept as written.
OUTLETS: dict[str, str] = {
    "tass": "TASS",
    "itar-tass": "TASS",
    "sputnik": "Sputnik",
    "ria novosti": "RIA Novosti",
    "ria": "RIA Novosti",
    "interfax": "Interfax",
    "ap": "AP",
    "associated press": "AP",
    "reuters": "Reuters",
    "afp": "AFP",
    "xinhua": "Xinhua",
    "anadolu": "Anadolu",
    "aa": "Anadolu",
    "sana": "SANA",
    "irna": "IRNA",
    "upi": "UPI",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "cnn": "CNN",
    "bbc": "BBC",
    "aljazeera": "Al Jazeera",
    "al jazeera": "Al Jazeera",
}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})(?:,?\s+\d{{4}})?"
_UPPER_PLACE = r"[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*){0,3}"
_ANY_PLACE = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}"
_DASH = r"(?:--|[-–—])"

_TASS = re.compile(
    rf"(?P<place>{_ANY_PLACE}),\s+(?P<date>{_DATE})\.?\s*/(?P<outlet>[A-Za-z][\w .\-]{{0,30}}?)/\.?"
)
_OUTLET = re.compile(
    rf"(?P<place>{_ANY_PLACE})"
    rf"(?:,\s+(?:(?P<date>{_DATE})|(?P<region>[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){{0,2}})))?"
    rf"\s+\((?P<outlet>[A-Za-z][\w .&\-]{{0,30}}?)\)\s*(?:{_DASH}|:)"
)
_BARE = re.compile(rf"(?P<place>{_UPPER_PLACE})(?:,\s+(?P<date>{_DATE}))?\s+{_DASH}(?=\s|$)")
_FORMS = (_TASS, _OUTLET, _BARE)


def parse_dateline(line: str, offset: int = 0) -> Dateline | None:
    """The dateline at the start of ``line``, or None. Spans are shifted by ``offset``."""
    lead = len(line) - len(line.lstrip())
    for form in _FORMS:
        match = form.match(line, lead)
        if match is None:
            continue
        place = match.group("place")
        if form is _BARE and not _is_capitals(place):
            continue
        return Dateline(
            place=title_place(place),
            outlet=normalise_outlet(match.group("outlet")) if "outlet" in form.groupindex else None,
            date_text=_squash(match.group("date")),
            span=Span(offset + match.start(), offset + match.end()),
        )
    return None


def find_dateline(text: str, lines: Sequence[Span], title: str | None = None) -> Dateline | None:
    """The dateline of a story whose kept lines are ``lines`` (spans into ``text``).

    Looks at the first kept line, and at the second when the first is the title
    repeated or a line without a dateline that is too short to be a paragraph.
    """
    for position, span in enumerate(lines[:2]):
        line = text[span.start : span.end]
        found = parse_dateline(line, span.start)
        if found is not None:
            return found
        if position == 0 and not (line.strip() == (title or "").strip() or len(line.split()) < 15):
            return None
    return None


def normalise_outlet(raw: str | None) -> str | None:
    """``"REUTERS"`` → ``"Reuters"``, ``"ITAR-TASS"`` → ``"TASS"``; unknown names as written."""
    if raw is None:
        return None
    name = " ".join(raw.split())
    return OUTLETS.get(name.lower(), name) or None


def title_place(raw: str) -> str:
    """``"MOSCOW"`` → ``"Moscow"``, ``"RAS AL-AIN"`` → ``"Ras Al-Ain"``; mixed case kept."""
    place = " ".join(raw.split()).rstrip(".")
    if not _is_capitals(place):
        return place
    return re.sub(r"[^\W\d_]+(?:['’][^\W\d_]+)?", lambda m: m.group(0).capitalize(), place.lower())


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _squash(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None

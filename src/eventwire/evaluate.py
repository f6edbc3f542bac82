"""Measure eventwire against third-party evaluation data (never bundled).

``evaluate_actors`` scores the actor resolver on NGEC-style actor cases: one JSON
object per line with ``text`` and optional ``date``, ``context``, ``known_country``;
expected ``country`` and ``sector`` ("" = none expected; a missing key is not
checked), ``sector_not`` (anything but this), ``expect_none`` (no actor at all).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import dateparser

from .actors import ActorResolver
from .errors import InputError


@dataclasses.dataclass
class Score:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclasses.dataclass
class ActorReport:
    country: Score
    sector: Score
    none: Score
    by_kind: dict[str, dict[str, Score]]
    misses: list[dict[str, object]]

    def to_dict(self) -> dict[str, object]:
        def s(score: Score) -> dict[str, float | int]:
            return {"accuracy": round(score.rate, 4), "right": score.right, "total": score.total}

        return {
            "country": s(self.country), "sector": s(self.sector), "expect_none": s(self.none),
            "by_kind": {k: {f: s(v) for f, v in d.items()}
                        for k, d in sorted(self.by_kind.items())},
        }


def _case_date(value: object) -> dt.date | None:
    if not value:
        return None
    parsed = dateparser.parse(str(value), settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def read_cases(path: str | Path) -> list[dict[str, object]]:
    cases = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    cases.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{n}", f"not valid JSON ({exc.msg})") from None
    return cases


def evaluate_actors(cases: Iterable[dict[str, object]],
                    resolver: ActorResolver | None = None) -> ActorReport:
    resolver = resolver or ActorResolver()
    country, sector, none = Score(), Score(), Score()
    by_kind: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    misses: list[dict[str, object]] = []
    for case in cases:
        context = " ".join(str(case[k]) for k in ("context", "known_country") if case.get(k))
        actor = resolver.resolve(str(case["text"]), date=_case_date(case.get("date")),
                                 context=context or None)
        got_country = (actor.country if actor else None) or ""
        got_sector = (actor.sector if actor else None) or ""
        kind = str(case.get("kind", "actor"))
        wrong: list[str] = []
        if case.get("expect_none"):
            ok = actor is None
            none.add(ok)
            by_kind[kind]["none"].add(ok)
            if not ok:
                wrong.append("none")
        if "country" in case:
            ok = got_country == case["country"]
            country.add(ok)
            by_kind[kind]["country"].add(ok)
            if not ok:
                wrong.append("country")
        if "sector" in case or "sector_not" in case:
            ok = (got_sector == case["sector"]) if "sector" in case else (
                got_sector != case["sector_not"])
            sector.add(ok)
            by_kind[kind]["sector"].add(ok)
            if not ok:
                wrong.append("sector")
        if wrong:
            misses.append({"case": case, "got": actor.to_dict() if actor else None,
                           "wrong": wrong})
    return ActorReport(country, sector, none, by_kind, misses)


# -- PLOVER gold-standard records ----------------------------------------------------------

#: The GSR's older PLOVER type names -> CAMEO roots (and single codes) that count as a hit.
GSR_TYPES: dict[str, tuple[str, ...]] = {
    "AGREE": ("03", "057"), "CONSULT": ("04",), "SUPPORT": ("05",), "COOPERATE": ("06",),
    "AID": ("07",), "CONCEDE": ("08",), "RETREAT": ("08",), "INVESTIGATE": ("09",),
    "DEMAND": ("10", "02"), "DISAPPROVE": ("11",), "REJECT": ("12",), "THREATEN": ("13",),
    "PROTEST": ("14",), "MOBILIZE": ("15",), "SANCTION": ("16",), "COERCE": ("17",),
    "ASSAULT": ("18", "20"), "FIGHT": ("19",),
}
#: Old CAMEO country codes in the GSR that differ from ISO 3166 alpha-3.
_GSR_CODES = {"JAP": "JPN", "ITL": "ITA"}


def _gold_codes(value: object) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {_GSR_CODES.get(str(a.get("code")), str(a.get("code"))) for a in value
            if isinstance(a, dict) and a.get("code")}


def _actor_matches(actor: object, gold: set[str]) -> bool:
    from .actors import IGO_CODES
    from .records import Actor

    if not isinstance(actor, Actor):
        return False
    if actor.country in gold:
        return True
    if "IGO" in gold and actor.country in IGO_CODES:
        return True
    return "NGO" in gold and actor.sector == "NGO"


def _hits(event_root: str, cameo: str, gold_type: str) -> bool:
    wanted = GSR_TYPES.get(gold_type, ())
    return event_root in wanted or cameo in wanted or cameo[:3] in wanted


@dataclasses.dataclass
class GsrReport:
    halves: dict[str, dict[str, float | int]]
    by_type: dict[str, dict[str, float | int]]
    rows: list[dict[str, object]]

    def to_dict(self) -> dict[str, object]:
        return {"halves": self.halves, "by_type": self.by_type}


def evaluate_gsr(records: list[dict[str, object]], extractor: object | None = None,
                 recase: Callable[[str], str] | None = None) -> GsrReport:
    """Score the coder on PLOVER gold-standard sentences (``recase``, e.g. ``str.lower``:
    on a copy of the sentences set in one case).

    Per sentence: *type* = some event has a root of the gold type; *full* = such an event's
    source country is a gold source (IGO for intergovernmental actors) and its target country a
    gold target when one is given; *other* = events whose root is neither the gold type nor 01.
    Records are split by position (0-based, after the header): even = tuning half, odd = test.
    """
    from .pipeline import Extractor
    from .records import Article

    ex = extractor if isinstance(extractor, Extractor) else Extractor()
    sentences = [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]
    articles = []
    for n, r in enumerate(sentences):
        day = None
        try:
            day = dt.date.fromisoformat(str(r.get("date")))
        except ValueError:
            pass
        text = str(r["text"])
        articles.append(Article(id=f"gsr-{n}", text=recase(text) if recase else text,
                                published=day))
    rows: list[dict[str, object]] = []
    for n, (_, events) in enumerate(ex.extract_many(articles)):
        r = sentences[n]
        gold_type = str(r["event"])
        src, tgt = _gold_codes(r.get("source")), _gold_codes(r.get("target"))
        typed = [e for e in events if _hits(e.root, e.cameo, gold_type)]
        full = any(_actor_matches(e.source, src) and (not tgt or _actor_matches(e.target, tgt))
                   for e in typed)
        other = sum(1 for e in events if e.root != "01" and not _hits(e.root, e.cameo, gold_type))
        rows.append({"n": n, "half": "even" if n % 2 == 0 else "odd", "type": gold_type,
                     "type_ok": bool(typed), "full_ok": full, "other": other,
                     "text": r["text"], "events": [
                         (e.cameo, e.source and e.source.country, e.target and e.target.country,
                          e.modality) for e in events]})
    halves: dict[str, dict[str, float | int]] = {}
    for half in ("even", "odd", "all"):
        sub = [x for x in rows if half == "all" or x["half"] == half]
        k = len(sub) or 1
        halves[half] = {"sentences": len(sub),
                        "type": round(sum(bool(x["type_ok"]) for x in sub) / k, 4),
                        "full": round(sum(bool(x["full_ok"]) for x in sub) / k, 4),
                        "other_per_sentence": round(sum(int(x["other"]) for x in sub) / k, 4)}
    by_type: dict[str, dict[str, float | int]] = {}
    for t in sorted({str(x["type"]) for x in rows}):
        sub = [x for x in rows if x["type"] == t]
        by_type[t] = {"n": len(sub),
                      "type": round(sum(bool(x["type_ok"]) for x in sub) / len(sub), 3),
                      "full": round(sum(bool(x["full_ok"]) for x in sub) / len(sub), 3)}
    return GsrReport(halves, by_type, rows)

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
from collections.abc import Iterable
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

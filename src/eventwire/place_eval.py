"""Measure the geoparser against a place gold and a set of trap sentences.

The **place gold** (``benchmarks/data/places_gold.jsonl``) points into a third-party
corpus that is never bundled: each line names an article by ``row`` (the Guardian
sample's unnamed first column) and a mention by character offsets ``start``/``end`` into
its ``text``, with a ``split`` (dev or test, by article) and a ``kind``:

* ``place`` -- a literal place, with the right ``country``, ``lat``/``lon``, ``precision``
  (site, city, admin1, country) and ``geonames_id`` when GeoNames has it;
* ``actor`` -- a country, capital or seat of power standing for its government;
* ``trap`` -- a person, organisation, month or other non-place that looks like one;
* ``feature`` -- a continent, sea or river: no point on the map.

The **event gold** (``benchmarks/data/places_events.jsonl``) judges the events the coder
found in those articles' sentences that hold a gold place: ``row``, ``trigger_start``
(offset of the trigger word) and ``cameo`` name the event; ``places`` lists the offsets of
the gold mentions that name its place, empty when the sentence does not name it.

The **trap sentences** (``benchmarks/data/places_traps.jsonl``) are written by us: each
has ``places`` that must be resolved (country and within 25 km), ``not_places`` that must
not be placed, and optionally the ``event`` place the sentence's events must get (or
``"none"``: its events must get none).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import InputError
from .evaluate import Score
from .records import Location

#: a reading within this distance of the gold coordinates counts as the right place
NEAR_KM = 25.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        out.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{path}:{n}", f"not JSON: {exc}") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from exc
    return out


@dataclasses.dataclass
class PlaceReport:
    """Scores of one split."""

    found: Score = dataclasses.field(default_factory=Score)  # gold places the system read
    country: Score = dataclasses.field(default_factory=Score)  # right country, of all gold
    country_found: Score = dataclasses.field(default_factory=Score)  # … of those read
    near: Score = dataclasses.field(default_factory=Score)  # ≤ 25 km, city/site gold
    wrongly_placed: dict[str, Score] = dataclasses.field(default_factory=dict)
    event_place: Score = dataclasses.field(default_factory=Score)
    event_none: Score = dataclasses.field(default_factory=Score)
    misses: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def placed(self, kind: str, placed: bool) -> None:
        self.wrongly_placed.setdefault(kind, Score()).add(placed)

    def to_dict(self) -> dict[str, Any]:
        def s(score: Score) -> dict[str, float | int]:
            return {"rate": round(score.rate, 4), "right": score.right, "total": score.total}

        return {"found": s(self.found), "right_country": s(self.country),
                "right_country_of_found": s(self.country_found),
                "within_25km": s(self.near),
                "wrongly_placed": {k: s(v) for k, v in sorted(self.wrongly_placed.items())},
                "event_gets_its_place": s(self.event_place),
                "event_no_false_place": s(self.event_none)}


def _right(loc: Location, country: str | None, lat: float | None, lon: float | None,
           precision: str | None) -> tuple[bool, bool | None]:
    """(right country, within 25 km -- None when the gold is not a point)."""
    same = loc.country == country
    if precision not in ("city", "site") or lat is None or lon is None:
        return same, None
    if loc.lat is None or loc.lon is None:
        return same, False
    return same, distance_km(loc.lat, loc.lon, lat, lon) <= NEAR_KM


def score_gold(gold: Iterable[Mapping[str, Any]], texts: Mapping[int, str],
               extractor: Any, events: Iterable[Mapping[str, Any]] = ()
               ) -> dict[str, PlaceReport]:
    """Score the geoparser on the gold mentions of the articles in ``texts``, per split,
    and the coder's event places on the event gold ``events`` (see :func:`_score_events`).

    ``extractor`` is an :class:`eventwire.Extractor` (its model, resolver and coder are
    used, so the figures are those of ``eventwire extract``)."""
    events_gold = {(int(e["row"]), int(e["trigger_start"]), str(e["cameo"])): e
                   for e in events}
    from .geocode import doc_places  # noqa: PLC0415 - needs the model, loaded by the caller

    by_row: dict[int, list[Mapping[str, Any]]] = {}
    for g in gold:
        by_row.setdefault(int(g["row"]), []).append(g)
    reports: dict[str, PlaceReport] = {}
    resolver = extractor.coder.resolver
    for row, items in sorted(by_row.items()):
        if row not in texts:
            continue
        text = texts[row]
        doc = extractor.nlp(text)
        places = doc_places(doc, resolver.gazetteer, resolver.kb,
                            resolver.countries_in(text[:4000]))
        spans = {(doc[r.mention.start].idx,
                  doc[r.mention.end - 1].idx + len(doc[r.mention.end - 1])): r
                 for r in places.values()}
        for g in items:
            report = reports.setdefault(str(g["split"]), PlaceReport())
            hit = next((r for (s, e), r in spans.items()
                        if s < int(g["end"]) and int(g["start"]) < e and r.best), None)
            if g["kind"] != "place":
                report.placed(str(g["kind"]), hit is not None)
                if hit is not None:
                    report.misses.append({**g, "text": text[g["start"]:g["end"]],
                                          "got": hit.best.place.name if hit.best else None})
                continue
            report.found.add(hit is not None)
            if hit is None or hit.best is None:
                report.country.add(False)
                if g.get("precision") in ("city", "site"):
                    report.near.add(False)
                report.misses.append({**g, "text": text[g["start"]:g["end"]], "got": None})
                continue
            loc = hit.best.place.location()
            same, near = _right(loc, g.get("country"), g.get("lat"), g.get("lon"),
                                g.get("precision"))
            report.country.add(same)
            report.country_found.add(same)
            if near is not None:
                report.near.add(near)
            if not same or near is False:
                report.misses.append({**g, "text": text[g["start"]:g["end"]],
                                      "got": f"{loc.name} {loc.country} {loc.lat},{loc.lon}"})
        if events_gold:
            _score_events(row, text, items, events_gold, extractor, reports)
    return reports


def _score_events(row: int, text: str, items: list[Mapping[str, Any]],
                  events_gold: Mapping[tuple[int, int, str], Mapping[str, Any]],
                  extractor: Any, reports: dict[str, PlaceReport]) -> None:
    """The article's coded events that the event gold judges: when the sentence names the
    event's place (gold ``places``: offsets of gold place mentions), the event must get
    one of them (right country, and ≤ 25 km for a town or site); when it does not, the
    event must get no place."""
    from .records import Article  # noqa: PLC0415

    by_span = {(int(g["start"]), int(g["end"])): g for g in items if g["kind"] == "place"}
    for _, events in extractor.extract_many([Article(id=str(row), text=text)]):
        for ev in events:
            want = events_gold.get((row, ev.evidence.trigger_span.start, ev.cameo))
            if want is None or ev.headline:
                continue
            report = reports.setdefault(str(want["split"]), PlaceReport())
            golds = [by_span[(int(s), int(e))] for s, e in want.get("places") or ()
                     if (int(s), int(e)) in by_span]
            if not golds:
                report.event_none.add(ev.location is None)
                if ev.location is not None:
                    report.misses.append({"row": row, "at": ev.evidence.trigger_span.start,
                                          "event": ev.cameo, "want": None,
                                          "got": ev.location.name})
                continue
            ok = ev.location is not None and any(
                _right(ev.location, g.get("country"), g.get("lat"), g.get("lon"),
                       g.get("precision")) in ((True, True), (True, None)) for g in golds)
            report.event_place.add(ok)
            if not ok:
                report.misses.append({"row": row, "at": ev.evidence.trigger_span.start,
                                      "event": ev.cameo, "want": [g["name"] for g in golds],
                                      "got": ev.location.name if ev.location else None})


def score_traps(cases: Iterable[Mapping[str, Any]], extractor: Any) -> dict[str, PlaceReport]:
    """Score the trap sentences, per split: their places, their traps, their events."""
    from .geocode import geocode  # noqa: PLC0415

    reports: dict[str, PlaceReport] = {}
    resolver = extractor.coder.resolver
    for case in cases:
        report = reports.setdefault(str(case["split"]), PlaceReport())
        text, context = str(case["text"]), case.get("context")
        found = [c for c in geocode(text, context=context, nlp=extractor.nlp, resolver=resolver)
                 if c.rank == 1]
        for want in case.get("places") or ():
            hit = next((c for c in found if c.text == want["text"]), None)
            report.found.add(hit is not None)
            same, near = (False, False) if hit is None else _right(
                hit.location, want["country"], want["lat"], want["lon"], "city")
            report.country.add(same)
            report.near.add(bool(near))
            if hit is not None:
                report.country_found.add(same)
            if not (same and near):
                report.misses.append({"id": case["id"], "want": want["text"],
                                      "got": None if hit is None else hit.location.name})
        for trap in case.get("not_places") or ():
            placed = [c for c in found if trap in c.text or c.text in trap.split()]
            report.placed("trap", bool(placed))
            if placed:
                report.misses.append({"id": case["id"], "trap": trap, "got": placed[0].text})
        event = case.get("event")
        if event is None:
            continue
        body = f"{text}\n\n{context}" if context else text
        events = _extract(body, text, extractor)
        for ev in events:
            if event == "none":
                report.event_none.add(ev.location is None)
                if ev.location is not None:
                    report.misses.append({"id": case["id"], "event": ev.cameo,
                                          "got": ev.location.name})
                continue
            ok = ev.location is not None and _right(ev.location, event["country"], event["lat"],
                                                    event["lon"], "city")[1] is True
            report.event_place.add(ok)
            if not ok:
                report.misses.append({"id": case["id"], "event": ev.cameo, "want": event["text"],
                                      "got": ev.location.name if ev.location else None})
    return reports


def _extract(body: str, text: str, extractor: Any) -> list[Any]:
    from .records import Article  # noqa: PLC0415

    return [e for _, events in extractor.extract_many([Article(id="trap", text=body)])
            for e in events if e.span.start < len(text)]


def read_corpus(path: str | Path) -> dict[int, str]:
    """The Guardian sample's texts by row (its unnamed first column)."""
    csv.field_size_limit(sys.maxsize)
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return {int(r[""]): r["text"] for r in csv.DictReader(f)}
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from exc
    except (KeyError, ValueError) as exc:
        raise InputError(str(path), f"not the Guardian sample's CSV ({exc})") from exc


def _cell(score: Mapping[str, Any]) -> str:
    return f"{score['rate']:.3f} ({score['right']}/{score['total']})" if score["total"] else "-"


def report_lines(title: str, reports: Mapping[str, PlaceReport],
                 halves: Sequence[str] = ("dev", "test")) -> list[str]:
    """A table of one scoring, the ``halves`` side by side (the caller prints it); rule work
    asks for ``("dev",)`` so that the test half stays unread."""
    empty = PlaceReport().to_dict()
    cols = [reports[h].to_dict() if h in reports else empty for h in halves]
    rows = [("place mentions read as places", "found"),
            ("right country (of all gold places)", "right_country"),
            ("right country (of those read)", "right_country_of_found"),
            ("within 25 km (city/site gold)", "within_25km")]
    out = [title, f"{'':<56}" + "".join(f"{h:>18}" for h in halves)]
    out += [f"{name:<56}" + "".join(f"{_cell(c[key]):>18}" for c in cols) for name, key in rows]
    none = {"rate": 0.0, "right": 0, "total": 0}
    for kind in sorted(set().union(*(c["wrongly_placed"] for c in cols))):
        name = f"{kind} spans placed (want 0)"
        out.append(f"{name:<56}" + "".join(
            f"{_cell(c['wrongly_placed'].get(kind, none)):>18}" for c in cols))
    for name, key in (("events that get the place their sentence names",
                       "event_gets_its_place"),
                      ("events whose sentence names no place of theirs, unplaced",
                       "event_no_false_place")):
        if any(c[key]["total"] for c in cols):
            out.append(f"{name:<56}" + "".join(f"{_cell(c[key]):>18}" for c in cols))
    return out

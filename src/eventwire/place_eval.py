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

The **trap sentences** (``benchmarks/data/places_traps.jsonl``) are written by us: each
has ``places`` that must be resolved (country and within 25 km), ``not_places`` that must
not be placed, and optionally the ``event`` place the sentence's events must get (or
``"none"``: its events must get none).
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable, Mapping
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
               extractor: Any) -> dict[str, PlaceReport]:
    """Score the geoparser on the gold mentions of the articles in ``texts``, per split.

    ``extractor`` is an :class:`eventwire.Extractor` (its model, resolver and coder are
    used, so the figures are those of ``eventwire extract``)."""
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
        _score_events(row, text, items, extractor, reports)
    return reports


def _score_events(row: int, text: str, items: list[Mapping[str, Any]], extractor: Any,
                  reports: dict[str, PlaceReport]) -> None:
    """The article's coded events: an event whose sentence holds a gold place should get a
    place, and it should be one of the sentence's gold places (country, or ≤ 25 km)."""
    from .records import Article  # noqa: PLC0415

    places = [g for g in items if g["kind"] == "place"]
    for _, events in extractor.extract_many([Article(id=str(row), text=text)]):
        for ev in events:
            if ev.headline:
                continue
            inside = [g for g in places if ev.span.start <= g["start"] < ev.span.end]
            if not inside:
                continue
            report = reports.setdefault(str(inside[0]["split"]), PlaceReport())
            ok = ev.location is not None and any(
                _right(ev.location, g.get("country"), g.get("lat"), g.get("lon"),
                       g.get("precision")) in ((True, True), (True, None)) for g in inside)
            report.event_place.add(ok)
            if not ok:
                report.misses.append({"row": row, "event": ev.cameo, "sentence": ev.span.start,
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

"""The REST API over a store of examples/: answers, filters, errors and the security rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import StoreError
from eventwire.store import Store
from eventwire.web import create_app

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def client(web_store: Path) -> TestClient:
    with TestClient(create_app(web_store)) as client:
        yield client


@pytest.fixture(scope="module")
def counts(web_store: Path) -> dict[str, int]:
    con = duckdb.connect(str(web_store), read_only=True)
    try:
        events, articles = con.execute(
            "SELECT count(*), count(DISTINCT doc_id) FROM events").fetchone()
        return {"events": events, "articles": articles}
    finally:
        con.close()


def all_events(client: TestClient, **params: object) -> list[dict]:
    page = client.get("/api/events", params={**params, "limit": 500}).json()
    assert page["total"] == len(page["events"])
    return page["events"]


# -- answers --------------------------------------------------------------------------------


def test_overview_counts_what_is_stored(client: TestClient, counts: dict[str, int]) -> None:
    body = client.get("/api/overview").json()
    assert body["events"] == counts["events"]
    assert body["articles"] == counts["articles"] == 13
    assert {row["value"] for row in body["outlets"]} >= {"Reuters", "TASS", "AP"}
    assert sum(row["events"] for row in body["modalities"]) == counts["events"]


def test_events_are_paged_newest_first(client: TestClient, counts: dict[str, int]) -> None:
    first = client.get("/api/events", params={"limit": 10}).json()
    second = client.get("/api/events", params={"limit": 10, "offset": 10}).json()
    assert first["total"] == counts["events"]
    assert len(first["events"]) == 10
    ids = [e["event_id"] for e in first["events"] + second["events"]]
    assert len(set(ids)) == 20
    dates = [e["date"] for e in first["events"] + second["events"] if e["date"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(("params", "check"), [
    ({"actor": "RUS"}, lambda e: "RUS" in (e["source_country"], e["target_country"])),
    ({"actor": "USA/GOV"}, lambda e: ("USA", "GOV") in (
        (e["source_country"], e["source_sector"]), (e["target_country"], e["target_sector"]))),
    ({"source": "RUS", "target": "USA"},
     lambda e: (e["source_country"], e["target_country"]) == ("RUS", "USA")),
    ({"dyad": "RUS,USA"}, lambda e: {e["source_country"], e["target_country"]} == {"RUS", "USA"}),
    ({"root": "19"}, lambda e: e["root"] == "19"),
    ({"root": "18,19"}, lambda e: e["root"] in ("18", "19")),
    ({"cameo": "04"}, lambda e: e["cameo"].startswith("04")),
    ({"quad_class": "4"}, lambda e: e["quad_class"] == 4),
    ({"modality": "negated"}, lambda e: e["modality"] == "negated"),
    ({"modality": ["future", "hypothetical"]},
     lambda e: e["modality"] in ("future", "hypothetical")),
    ({"outlet": "TASS"}, lambda e: e["outlet"] == "TASS"),
    ({"speaker": "RUS"}, lambda e: True),
    ({"text": "STRIKE"}, lambda e: "strike" in e["sentence"].lower()),
    ({"start": "2017-04-07", "end": "2017-04-08"},
     lambda e: "2017-04-07" <= e["date"] <= "2017-04-08"),
])
def test_filters_narrow_the_events(client: TestClient, counts: dict[str, int],
                                   params: dict, check) -> None:
    events = all_events(client, **params)
    assert 0 < len(events) < counts["events"]
    assert all(check(e) for e in events)


def test_named_sides_leaves_out_the_events_with_an_inferred_side(
        client: TestClient, counts: dict[str, int]) -> None:
    named = {e["event_id"] for e in all_events(client, named_sides="true")}
    left_out = {e["event_id"] for e in all_events(client)} - named
    assert named and left_out, "the example articles have events with an inferred side"
    for event_id in sorted(left_out)[:5]:
        event = client.get(f"/api/events/{event_id}").json()["event"]
        assert any("inferred from the article" in ((event.get(role) or {}).get("evidence") or "")
                   for role in ("source", "target")), event


def test_every_listing_takes_the_filters(client: TestClient) -> None:
    for path in ("/api/timeseries", "/api/dyads", "/api/actors", "/api/places", "/api/claims",
                 "/api/overview"):
        everything = client.get(path).json()
        russia = client.get(path, params={"actor": "RUS"}).json()
        assert everything != russia, path
    series = client.get("/api/timeseries", params={"actor": "RUS", "by": "day"}).json()
    assert sum(row["events"] for row in series) == len(
        [e for e in all_events(client, actor="RUS") if e["date"]])
    assert all(row["q1"] + row["q2"] + row["q3"] + row["q4"] == row["events"] for row in series)


def test_network_places_outlets_and_claims(client: TestClient) -> None:
    graph = client.get("/api/network", params={"n": 10}).json()
    ids = {node["id"] for node in graph["nodes"]}
    assert len(ids) == 10 and {"RUS/GOV", "USA/GOV"} <= ids
    assert all(e["source"] in ids and e["target"] in ids and e["weight"] >= 1
               for e in graph["edges"])
    places = client.get("/api/places").json()
    assert places and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    assert {p["precision"] for p in places} <= {"site", "city", "admin1", "country"}
    outlets = client.get("/api/outlets").json()
    assert {p["outlet"] for p in outlets["profiles"]} >= {"Reuters", "TASS"}
    shared = {row["cluster_id"] for row in outlets["clusters"]}
    assert shared, "examples/ has events reported by two outlets"
    claims = client.get("/api/claims", params={"speaker": "RUS"}).json()
    assert claims and all(row["speaker_country"] == "RUS" for row in claims)


def test_one_event_with_its_cluster_and_evidence(client: TestClient) -> None:
    clusters = client.get("/api/outlets").json()["clusters"]
    cluster_id = clusters[0]["cluster_id"]
    event_id = all_events(client, cluster_id=cluster_id)[0]["event_id"]
    body = client.get(f"/api/events/{event_id}").json()
    assert body["event"]["event_id"] == event_id
    assert body["cluster"]["cluster_id"] == cluster_id
    assert body["cluster"]["num_outlets"] >= 2
    assert len({m["outlet"] for m in body["mentions"]}) == body["cluster"]["num_outlets"]
    marks = {m["role"]: m for m in body["highlights"]}
    trigger = marks["trigger"]
    assert body["event"]["sentence"][trigger["start"]:trigger["end"]] == trigger["text"]
    assert body["event"]["evidence"]["rule"]
    assert client.get("/api/events/no-such-event").status_code == 404


def test_extract_codes_a_pasted_text_without_storing_it(client: TestClient,
                                                        counts: dict[str, int]) -> None:
    text = "Russia condemned the United States on Tuesday over the missile strike."
    body = client.post("/api/extract", json={"text": text, "published": "2017-04-11",
                                             "outlet": "Paste"}).json()
    codes = {((e["source"] or {}).get("country"), e["root"], (e["target"] or {}).get("country"))
             for e in body["events"]}  # the strike it is over is coded too, with no target
    assert ("RUS", "11", "USA") in codes
    assert body["events"][0]["date"] == "2017-04-11"
    assert body["events"][0]["highlights"]
    assert body["stored"] is None
    assert client.get("/api/overview").json()["events"] == counts["events"]
    refused = client.post("/api/extract?store=true", json={"text": text})
    assert refused.status_code == 403 and "read-only" in refused.json()["detail"]


def test_extract_stores_when_the_server_allows_it(web_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(web_store, db)
    text = "Russia condemned the United States on Tuesday over the missile strike."
    with TestClient(create_app(db, allow_store=True)) as client:
        before = client.get("/api/overview").json()["events"]
        body = client.post("/api/extract?store=true",
                           json={"text": text, "id": "pasted-1", "outlet": "Paste"}).json()
        assert body["stored"]["articles_new"] == 1
        assert body["stored"]["events_stored"] == len(body["events"])
        after = client.get("/api/overview")
        assert after.json()["events"] == before + len(body["events"])
        assert after.headers["x-cache"] == "miss"  # the write emptied the cache


def test_answers_are_cached_until_the_server_writes(client: TestClient, web_store: Path) -> None:
    url = "/api/timeseries?by=week&actor=SYR&modality=asserted"
    first, second = client.get(url), client.get("/api/timeseries?modality=asserted&by=week"
                                                 "&actor=SYR")
    assert (first.headers["x-cache"], second.headers["x-cache"]) in (("miss", "hit"),
                                                                     ("hit", "hit"))
    assert first.json() == second.json()
    assert "content-security-policy" in second.headers
    assert client.get("/api/events/no-such").headers["x-cache"] == "miss"  # 404s are not kept
    assert client.get("/api/events/no-such").headers["x-cache"] == "miss"
    with TestClient(create_app(web_store, cache_bytes=0)) as uncached:
        response = uncached.get(url)
        assert response.json() == first.json() and "x-cache" not in response.headers


# -- bad requests ---------------------------------------------------------------------------


@pytest.mark.parametrize("params", [
    {"modality": "certain"}, {"start": "yesterday"}, {"quad_class": "7"}, {"dyad": "RUS"},
    {"actor": "RUS/GOV/MIL"}, {"limit": "0"}, {"limit": "501"}, {"offset": "-1"},
    {"by": "decade"},
])
def test_bad_filters_get_a_422_naming_the_value(client: TestClient, params: dict) -> None:
    path = "/api/timeseries" if "by" in params else "/api/events"
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize("value", [
    "'", "\"", "RUS'; DROP TABLE events; --", "x' OR '1'='1", "--", ";", "Россия", "🇷🇺",
    "%", "_", "\\", "RUS/GOV'--", "\x00",
])
def test_hostile_filter_values_are_only_data(client: TestClient, counts: dict[str, int],
                                             value: str) -> None:
    for name in ("actor", "speaker", "text", "outlet", "root", "cluster_id"):
        response = client.get("/api/events", params={name: value})
        assert response.status_code in (200, 422), (name, value, response.text)
        if response.status_code == 200:
            assert response.json()["total"] < counts["events"]
    assert client.get("/api/overview").json()["events"] == counts["events"]


def test_like_wildcards_match_literally(client: TestClient) -> None:
    assert all_events(client, text="%") == []
    underscored = all_events(client, text="_")
    assert underscored and all("_" in e["sentence"] for e in underscored)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["actor", "source", "dyad", "speaker", "text", "outlet", "plover",
                             "root", "cameo", "modality", "quad_class", "start"]),
       value=st.text(max_size=40))
def test_no_filter_value_makes_the_server_fail(client: TestClient, name: str, value: str) -> None:
    response = client.get("/api/events", params={name: value, "limit": 5})
    assert response.status_code in (200, 422), response.text


def test_request_bodies_over_the_cap_get_413(web_store: Path) -> None:
    with TestClient(create_app(web_store, max_body=1000)) as client:
        big = json.dumps({"text": "x" * 2000})
        declared = client.post("/api/extract", content=big,
                               headers={"content-type": "application/json"})
        assert declared.status_code == 413

        def chunks():
            for _ in range(4):
                yield b" " * 400
            yield b'{"text": "hi"}'

        streamed = client.post("/api/extract", content=chunks(),
                               headers={"content-type": "application/json"})
        assert streamed.status_code == 413


def test_the_default_cap_is_one_megabyte(client: TestClient) -> None:
    body = json.dumps({"text": "word " * 210_000})
    assert len(body) > 1_000_000
    response = client.post("/api/extract", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/..%2f..%2fapp.py", "/static//etc/passwd", "/static-offline-docs/../core.py",
])
def test_no_file_outside_the_static_folders_is_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "import" not in response.text


def test_pages_carry_a_strict_content_security_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "<script src=\"/static/app.js\"" in page.text


def test_api_docs_are_served_without_a_cdn(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower()
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/timeseries", "/api/dyads",
            "/api/actors", "/api/network", "/api/outlets", "/api/claims",
            "/api/extract"} <= set(spec["paths"])


def test_the_store_is_opened_read_only(client: TestClient) -> None:
    assert client.app.state.store.read_only
    with pytest.raises(duckdb.Error):
        client.app.state.store.con.execute("DELETE FROM events")


def test_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "none.duckdb")


def test_the_hostile_article_is_stored_as_text(web_store: Path) -> None:
    with Store.open(web_store, read_only=True) as store:
        sentence = store.con.execute(
            "SELECT sentence FROM events WHERE doc_id = 'hostile-1' AND sentence LIKE '%<script>%'"
        ).fetchone()
    assert sentence is not None


def test_unused_article_fields_do_not_break_extract(client: TestClient) -> None:
    response = client.post("/api/extract", json={"text": "  "})
    assert response.status_code == 200 and response.json()["events"] == []
    assert client.post("/api/extract", json={}).status_code == 422
    assert client.post("/api/extract", content=b"{not json",
                       headers={"content-type": "application/json"}).status_code == 422



def test_serve_refuses_a_missing_store_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no such store" in result.output
    both = CliRunner().invoke(app, ["serve", "--db", "x", "--allow-store", "--workers", "2"])
    assert both.exit_code == 2

"""Fuzz every REST endpoint from the app's own OpenAPI schema (schemathesis, in process).

For each operation schemathesis sends, through the ASGI transport (no network, no
server), first its coverage cases (deterministic: each parameter at and past its bounds,
of the wrong type or format, missing, repeated, plus other methods and content types),
then random cases, requests that fit the schema (positive) and requests that break it
(negative: wrong types, numbers out of range, bad dates, over-long strings, malformed
bodies). Every answer must be

* never a server error (5xx), in either mode;
* a 4xx for a request the schema forbids (schemathesis' ``negative_data_rejection``);
* when it is a 4xx, JSON whose ``detail`` names the parameter at fault: FastAPI's list of
  errors whose ``loc`` is a declared parameter (or the body as a whole), or one message
  that begins with the parameter's name (``"quad_class ('7',): use 1, 2, 3 or 4"``).

The operations come from the schema, so a new endpoint is fuzzed without a change here.
``POST /api/extract`` gets a fake coder: the fuzz is about the HTTP layer, not the model.
Below the fuzz, one regression test per bug it found.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import REQUEST_SHAPE_PROBES
from schemathesis.pytest.lazy import get_all_tests
from schemathesis.specs.openapi.checks import negative_data_rejection

from eventwire.records import Article
from eventwire.web import create_app

pytestmark = pytest.mark.model

#: Random requests per operation, after the coverage phase's deterministic ones (about 130
#: per operation): some 1,900 requests in all, about 20 s.
EXAMPLES = 25

#: A message that begins with the name of the parameter at fault: "modality 'x': …".
LEADING_NAME = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)[ =:]")


def fake_extract(article: Article) -> list[Any]:
    """A coder that finds nothing, instantly."""
    return []


@pytest.fixture(scope="module")
def api_schema(web_store: Path) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(web_store,
                                                                      extract=fake_extract))


@pytest.fixture(scope="module")
def client(web_store: Path) -> TestClient:
    with TestClient(create_app(web_store, extract=fake_extract)) as client:
        yield client


# -- what an answer must be -------------------------------------------------------------------


def declared_names(operation: schemathesis.APIOperation) -> set[str]:
    """The operation's parameters: query and path parameters and body properties."""
    names = {parameter.name for parameter in operation.iter_parameters()}
    for body in operation.body:
        names |= set(body.resolved_schema.get("properties", {}))
    return names


def sent_names(case: schemathesis.Case) -> set[str]:
    names = set(case.query or {}) | set(case.path_parameters or {})
    if isinstance(case.body, dict):
        names |= {str(key) for key in case.body}
    return names


def detail_names_a_parameter(case: schemathesis.Case, response: Any) -> None:
    """A 4xx answer is JSON whose detail names the fault; but a 404 for an unknown id, and
    the answers to requests whose shape was broken on purpose (a method the operation does
    not have, a malformed content type), where only a server error is a finding."""
    if not 400 <= response.status_code < 500 or response.status_code in (404, 405):
        return
    if getattr(case.meta.phase.data, "scenario", None) in REQUEST_SHAPE_PROBES:
        return
    detail = response.json()["detail"]
    declared = declared_names(case.operation)
    if isinstance(detail, list):  # FastAPI's validation errors, one per bad value
        for error in detail:
            loc = error["loc"]
            if loc[0] == "body" and (len(loc) == 1 or not isinstance(loc[1], str)):
                continue  # the body as a whole: not JSON, or not an object
            assert len(loc) > 1 and loc[1] in declared, (
                f"{error} names no parameter of {case.method} {response.request.url}")
        return
    if not isinstance(case.body, dict) and re.search(r"\bbody\b", detail):
        return  # "There was an error parsing the body" (bytes that are not UTF-8 JSON)
    match = LEADING_NAME.match(detail)
    assert match and match[1] in declared and match[1] in sent_names(case), (
        f"{response.status_code} {detail!r} does not begin with the name of a parameter sent "
        f"(sent: {sorted(sent_names(case))}) to {case.method} {response.request.url}")


def string_schema(schema: dict[str, Any]) -> tuple[dict[str, Any], bool] | None:
    """The schema one query value must meet and whether the parameter repeats (a list),
    for string parameters; None for any other (numbers, booleans)."""
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    if len(options) != 1:
        return None
    [option] = options
    if option.get("type") == "array" and option.get("items", {}).get("type") == "string":
        return option["items"], True
    return (option, False) if option.get("type") == "string" else None


def valid_as_sent(case: schemathesis.Case, response: Any) -> bool:
    """Whether a negative case's query, as the server received it, meets the schema after all.

    Query values travel as text: ``outlet=true`` is a valid list of strings however
    schemathesis typed it, and ``text=[]`` is sent as ``text=`` (an empty string), so the
    server is right to accept such requests. Only cases whose broken values are all query
    values of string parameters qualify; each value sent (the last one of a single-valued
    parameter, as FastAPI reads it) is checked against the parameter's schema.
    """
    meta = case.meta
    negative = {loc for loc, info in meta.components.items() if info.mode.is_negative}
    data = meta.phase.data
    names = {m.parameter for m in data.mutations} | ({data.parameter} if data.parameter else set())
    if negative != {ParameterLocation.QUERY} or not names or None in names:
        return False
    sent = parse_qs(urlsplit(response.request.url).query, keep_blank_values=True)
    parameters = {p.name: p for p in case.operation.iter_parameters()
                  if p.location == ParameterLocation.QUERY}
    for name in names:
        if name not in parameters:
            continue  # an unknown parameter: the server ignores it
        shape = string_schema(parameters[name].definition["schema"])
        if shape is None:
            return False
        schema, repeats = shape
        values = sent.get(name, [])
        checked = values if repeats else values[-1:]
        if any(not jsonschema.Draft202012Validator(
                schema, format_checker=jsonschema.FormatChecker()).is_valid(v)
               for v in checked):
            return False
    return True


def check(case: schemathesis.Case) -> None:
    """Send one generated request and hold its answer to the rules in the module doc."""
    response = case.call()
    checks = [not_a_server_error]
    if case.meta.generation.mode is GenerationMode.NEGATIVE and not valid_as_sent(case, response):
        checks.append(negative_data_rejection)
    case.validate_response(response, checks=checks)
    detail_names_a_parameter(case, response)


def test_every_endpoint_answers_any_request_without_a_server_error(
        api_schema: schemathesis.BaseSchema) -> None:
    # get_all_tests builds, per operation, the Hypothesis test that schemathesis' own pytest
    # integration runs (its `parametrize` fails under pytest 9.2): the coverage phase's
    # deterministic cases (boundaries, wrong types and formats, missing and extra values,
    # other methods), then EXAMPLES random ones, positive and negative.
    fuzz = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large])
    tested, failures = set(), []
    for result in get_all_tests(schema=api_schema, test_func=check, settings=fuzz,
                                given_kwargs={}):
        operation, test = result.ok()
        tested.add(operation.path)
        try:
            test()
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis' FailureGroup included
            exc.add_note(f"while fuzzing {operation.label}")
            failures.append(exc)  # every operation is fuzzed; the failures are shown together
    if failures:
        raise BaseExceptionGroup(f"the fuzz failed on {len(failures)} operation(s)", failures)
    assert tested >= {"/api/events", "/api/events/{event_id}", "/api/extract", "/api/overview"}


# -- what the fuzz found ----------------------------------------------------------------------


@pytest.mark.parametrize(("path", "params"), [
    ("/api/events", {"start": "0"}),                 # was 200: a Unix time, 1970-01-01
    ("/api/dyads", {"end": "1.1448711584888896e-77"}),
    ("/api/timeseries", {"start": "2017-04-07T00:00:00"}),
    ("/api/overview", {"end": "86400"}),
])
def test_a_date_is_only_yyyy_mm_dd(client: TestClient, path: str, params: dict) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", *params] and "YYYY-MM-DD" in error["msg"]
    assert client.get(path, params={name: "2017-04-07" for name in params}).status_code == 200


def test_a_pasted_text_s_date_is_only_yyyy_mm_dd(client: TestClient) -> None:
    for published in (0, 1491523200, "2017-04-07T00:00:00"):  # 0 was coded as of 1970-01-01
        response = client.post("/api/extract", json={"text": "x", "published": published})
        assert response.status_code == 422, (published, response.text)
        assert response.json()["detail"][0]["loc"] == ["body", "published"]
    ok = client.post("/api/extract", json={"text": "x", "published": "2017-04-07"})
    assert ok.status_code == 200


@pytest.mark.parametrize(("name", "value"), [
    ("actor", "/GOV"), ("source", "A/B/C"), ("target", "RUS//"), ("dyad", "RUS,A/B/C"),
])
def test_a_bad_actor_is_refused_naming_its_parameter(client: TestClient, name: str,
                                                    value: str) -> None:
    # was "'A/B/C' is not an actor: …" for actor, source and target alike
    response = client.get("/api/events", params={name: value})
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{name} "), response.json()


def test_storing_on_a_read_only_server_names_store(client: TestClient) -> None:
    response = client.post("/api/extract?store=true", json={"text": "x"})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("store=true: ")

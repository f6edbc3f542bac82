"""The pattern data: validation of the format, coverage of the CAMEO roots, reframing rules."""

from __future__ import annotations

import pytest

from eventwire import codes
from eventwire.coding import patterns, reframe
from eventwire.errors import DataError


def test_bundled_patterns_cover_every_root_and_200_codes() -> None:
    ps = patterns.load()
    used = {p.code for p in ps.all()}
    assert {code[:2] for code in used} == {f"{n:02d}" for n in range(1, 21)}
    assert len(used) >= 200
    assert all(code in codes.table() for code in used)


@pytest.mark.parametrize("item,message", [
    ({"code": "999", "verb": "meet"}, "unknown CAMEO code"),
    ({"code": "040", "verb": "meet", "noun": "meeting"}, "exactly one of"),
    ({"code": "040"}, "exactly one of"),
    ({"code": "040", "verb": "meet", "target": ["beside"]}, "unknown target slot"),
    ({"code": "040", "verb": "meet", "object": [1, 2]}, "'object' must be"),
    ("meet", "must be a mapping"),
    ({"code": "190", "noun": "war", "needs_target": "yes"}, "'needs_target'"),
    ({"code": "190", "noun": "defeat", "needs_source": 1}, "'needs_source'"),
    ({"code": "192", "noun": "fall", "doer": ["to"]}, "'doer'"),
    ({"code": "192", "verb": "fall", "doer": ["dobj"]}, "'doer'"),
])
def test_bad_patterns_are_named(item: object, message: str) -> None:
    with pytest.raises(DataError, match=message) as info:
        patterns.build([(item, "test.yaml entry 3", "test.yaml")])
    assert "test.yaml entry 3" in str(info.value)


def test_specific_patterns_are_tried_first() -> None:
    ps = patterns.build([
        ({"code": "160", "verb": "suspend"}, "a", "a.yaml"),
        ({"code": "162", "verb": "suspend", "object": ["aid"], "target": ["to"]}, "b", "a.yaml"),
    ])
    assert [p.code for p in ps.verbs["suspend"]] == ["162", "160"]


@pytest.mark.parametrize("code,modality,cue,conditional,expected", [
    ("071", "future", "will", False, "0331"),      # will give aid -> intent to give aid
    ("042", "future", "will", False, "036"),       # will visit -> intent to meet
    ("0874", "hypothetical", "willing", False, "0356"),
    ("163", "future", "will", False, "1312"),      # will impose sanctions -> threat
    ("190", "future", "will", False, "1384"),
    ("0874", "future", "will", True, "130"),       # will withdraw unless ... -> threat
    ("071", "asserted", None, False, None),        # done, not announced
    ("071", "hypothetical", "could", False, None),  # a possibility is no intention
    ("111", "future", "will", False, None),        # verbal events stay as they are
])
def test_announced_actions(code: str, modality: str, cue: str | None, conditional: bool,
                           expected: str | None) -> None:
    assert reframe.load().announced(code, modality, cue, conditional) == expected


def test_demands() -> None:
    rf = reframe.load()
    assert rf.demanded("0841") == "1053"
    assert rf.demanded("0871") == "107"
    assert rf.demanded("190") is None

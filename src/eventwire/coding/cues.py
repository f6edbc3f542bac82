"""The cue lists of ``data/cues.yaml`` (speech verbs, light verbs, modality cues,
disasters, made works), validated."""

from __future__ import annotations

import dataclasses
import functools

from .. import resources
from ..errors import DataError


@dataclasses.dataclass(frozen=True)
class Cues:
    speech_verbs: frozenset[str]
    record_nouns: frozenset[str]
    alleging_speech: frozenset[str]
    light_verbs: frozenset[str]
    causative_verbs: frozenset[str]
    mandative_verbs: frozenset[str]
    negation: frozenset[str]
    negating_governors: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_words: frozenset[str]
    future_aux: frozenset[str]
    future_governors: frozenset[str]
    occurrence_verbs: frozenset[str]
    future_modifiers: frozenset[str]
    alleged_adverbs: frozenset[str]
    alleged_modifiers: frozenset[str]
    alleged_governors: frozenset[str]
    alleged_passive_governors: frozenset[str]
    disasters: frozenset[str]
    works: frozenset[str]
    undergoing_verbs: frozenset[str]
    reacting_verbs: frozenset[str]
    undergone_nouns: frozenset[str]


@functools.cache
def load() -> Cues:
    data = resources.read_yaml("cues.yaml") or {}
    flat = {k: v for k, v in data.items() if k != "modality"} | dict(data.get("modality") or {})
    values: dict[str, frozenset[str]] = {}
    for field in dataclasses.fields(Cues):
        words = flat.get(field.name)
        if not isinstance(words, list):
            raise DataError(f"data file cues.yaml: list {field.name!r} is missing")
        values[field.name] = frozenset(str(w).lower() for w in words)
    return Cues(**values)

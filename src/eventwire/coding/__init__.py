"""Event coding: patterns over the parse, modality, attribution, dates and places."""

from .coder import CODER_VERSION, EventCoder

__all__ = ["CODER_VERSION", "EventCoder"]

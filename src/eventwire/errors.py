"""eventwire's exceptions, all in one place.

::

    EventwireError
    ├── DataError          a bundled or user data file is malformed
    ├── InputError         an input file or record cannot be read (names file and record)
    │   └── EmptyInputError    nothing at all could be read from an input
    ├── ModelError         the spaCy model is missing or unusable
    ├── StoreError         the event store cannot be opened or written (locked, read-only, …)
    └── CodingBudgetError  coding one text would take longer than its time budget
        └── CoderBusyError     the coder is busy with another text for too long

Messages say what happened, to which file or record, and what to do.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile(r"[\s\x00-\x1f\x7f\x85\u2028\u2029]+")
_SURROGATES = re.compile("[\ud800-\udfff]")

class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class DataError(EventwireError):
    """A data file (actors, patterns, code tables) is malformed."""


class InputError(EventwireError):
    """An input file or one record of it cannot be read.

    ``where`` names the file and, when known, the line or record, e.g.
    ``articles.jsonl:17``.
    """

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(one_line(f"{where}: {reason}"))


def one_line(message: str) -> str:
    """``message`` on one line: line ends, tabs and other control characters become one
    space, lone surrogates U+FFFD (so that it prints on any terminal)."""
    flat = _LINE_BREAKS.sub(" ", message).strip()
    return _SURROGATES.sub("\ufffd", flat)


class EmptyInputError(InputError):
    """Nothing at all could be read from an input."""


class ModelError(EventwireError):
    """The spaCy model cannot be loaded."""


class StoreError(EventwireError):
    """The event store (a DuckDB file) cannot be opened or written.

    The message is one line: the database path, what went wrong and what to do.
    """


class CodingBudgetError(EventwireError):
    """Coding a text took longer than its time budget (the work was stopped)."""


class CoderBusyError(CodingBudgetError):
    """The coder stayed busy with another text for longer than a caller may wait."""

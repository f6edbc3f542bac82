"""Warnings on stderr for the command line: ``warning: <message>``, always one line.

Library code logs warnings on the ``eventwire`` logger (and a few libraries on their own);
a message may quote input text with line ends in it. :func:`warnings_to_stderr` prints each
as one line, its white space and control characters flattened, so that scripts can read
stderr line by line.
"""

from __future__ import annotations

import logging

from .errors import one_line


class OneLineFormatter(logging.Formatter):
    """``warning: <message>`` on one line (exceptions, if any, flattened into it); other
    levels say theirs (``info:``, ``error:``)."""

    def format(self, record: logging.LogRecord) -> str:
        return one_line(f"{record.levelname.lower()}: {super().format(record)}")


def warnings_to_stderr(level: int = logging.WARNING) -> None:
    """Send warnings (and worse) to stderr, one line each; the first call wins, as with
    ``logging.basicConfig``."""
    handler = logging.StreamHandler()
    handler.setFormatter(OneLineFormatter("%(message)s"))
    logging.basicConfig(level=level, handlers=[handler])

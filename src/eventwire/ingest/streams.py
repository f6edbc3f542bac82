"""Bytes in, bounded: opening input files, gunzipping up to the damage, and splitting lines.

* :func:`not_regular` says why a path is not a regular file (a named pipe, a device …):
  such paths are skipped in directories and refused when named, so that reading never
  blocks on a pipe nobody writes to and never streams ``/dev/zero`` forever.
* :class:`Gunzip` gives the bytes of a gzip file (one member or many) up to where it is
  cut short or corrupt, and then ends cleanly, keeping the error in ``error``: the
  records before the damage are read, and the damage is reported once.
* :func:`split_lines` cuts a stream of chunks into lines of at most ``limit`` bytes
  without ever holding a longer one: an over-long line comes out as ``None``.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, Any

CHUNK_BYTES = 64 * 1024

_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
_LF = re.compile(rb"\n+")  # JSONL: a run of line ends at once (blank lines are skipped)
_ANY_EOL = re.compile(rb"\r\n|\r|\n")  # CSV: each line end, CR-only ones included


def not_regular(path: str) -> str | None:
    """``"a named pipe"`` … for a path that exists and is neither a file nor a directory."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reported when it is opened
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


class Gunzip(io.RawIOBase):
    """Gunzipped bytes (one member per record or one for the whole file) that end where
    the gzip data is cut short or corrupt, instead of raising; ``error`` says why and
    ``produced`` how many bytes came out before it.

    Ending cleanly lets a reader finish the records before the damage (a buffered reader
    would lose the last block it was reading when the error came)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self.error: Exception | None = None
        self.produced = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.error is not None:
            return 0
        try:
            data = self._gzip.read1(len(buffer))
        except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
            self.error = exc
            return 0
        buffer[:len(data)] = data
        self.produced += len(data)
        return len(data)

    def reason(self) -> str:
        """The damage as the reason of an error (call when ``error`` is set)."""
        if self.produced == 0 and isinstance(self.error, gzip.BadGzipFile):
            return f"not a valid gzip file ({self.error})"
        return f"gzip data is truncated or corrupt ({self.error or 'unknown'})"


def chunks(stream: IO[bytes], head: bytes = b"") -> Iterator[bytes]:
    """``head`` and then the rest of ``stream``, in chunks of :data:`CHUNK_BYTES`."""
    if head:
        yield head
    while chunk := stream.read(CHUNK_BYTES):
        yield chunk


def split_lines(parts: Iterable[bytes], limit: int, *, csv: bool = False
                ) -> Iterator[tuple[int, bytes | None]]:
    """The lines of a byte stream (each with its line end), as ``(number, line)``.

    ``number`` is the line's 1-based number counted in ``\\n``; a line of more than
    ``limit`` bytes comes out as ``None`` and is never held whole. JSONL mode (the
    default) splits at ``\\n`` only and passes over blank lines fast; ``csv=True`` splits
    at ``\\r\\n``, ``\\r`` and ``\\n`` and keeps every line (a quoted field may span them).
    """
    ends = _ANY_EOL if csv else _LF
    pending: list[bytes] = []
    size = 0
    too_long = False
    number = 1
    for chunk in parts:
        pos = 0
        for match in ends.finditer(chunk):
            piece = chunk[pos:match.start() + 1]
            if too_long or size + len(piece) > limit:
                yield number, None
            elif pending:
                yield number, b"".join([*pending, piece])
            else:
                yield number, piece
            pending, size, too_long, pos = [], 0, False, match.end()
            number += 1 if csv else match.end() - match.start()
        rest = chunk[pos:]
        if rest and not too_long:
            if size + len(rest) > limit:
                pending, size, too_long = [], 0, True
            else:
                pending.append(rest)
                size += len(rest)
    if too_long:
        yield number, None
    elif pending:
        yield number, b"".join(pending)

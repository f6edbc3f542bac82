"""The caps that bound the work one input can cause, and the text fixes made at the edge.

Every cap lives here, so that one place says how much eventwire reads and parses per
input (documented in ``docs/architecture.md`` and the README):

=========================  ===============  =================================================
cap                        value            what happens beyond it
=========================  ===============  =================================================
``MAX_ARTICLE_CHARS``      100,000 chars    the text is cut there (one warning); the part
                                            kept keeps its offsets
``MAX_ARTICLE_TOKENS``     12,000 tokens    the text to parse ends there: the rest is
                                            blanked (one warning); tokens are counted
                                            cheaply, a word or a punctuation mark each
``MAX_LINE_SENTENCE_CHARS`` 200 chars       a longer line ends its sentence at its line
                                            break (see :mod:`eventwire.nlp`)
``MAX_TITLE_CHARS``        1,000 chars      the title is cut (one warning)
``MAX_FIELD_CHARS``        1,000 chars      id, url, outlet: cut (one warning)
``MAX_TEXT_BYTES``         400,000 bytes    bytes read from a text file (or stdin): the
                                            rest is not read (one warning)
``MAX_HTML_BYTES``         4 MiB            bytes read from an HTML page (a file or a
                                            WARC record): the rest is not
                                            read (one warning)
``MAX_LINE_BYTES``         8 MiB            one JSONL line or CSV line: that record is
                                            skipped (one error), without holding the line
``MAX_RECORD_CHARS``       8 Mi chars       one CSV field (quoted lines included): that
                                            record is skipped (one error)
``MAX_RUN_CHARS``          100 chars        a longer run of non-space characters (emoji,
                                            zero-width characters, base64, minified
                                            script, table rules) is blanked to spaces
                                            before the parser: same length, same offsets
=========================  ===============  =================================================

Sentences of more than ``eventwire.coding.coder.MAX_SENTENCE_TOKENS`` (300) tokens are
parsed but not coded (one warning per article). Non-regular files (named pipes, devices,
sockets) are skipped in a directory and refused when named.

Why: spaCy's tokenizer costs more than linear time in the length of a space-less run
(2,000 ``%`` signs in a row take 0.65 s, 20,000 about a minute), and the parser costs
about 0.2 ms of CPU per token, whatever the characters: 100,000 characters of ``% % %``
are 50,000 tokens, over 10 s. The token cap bounds that; the character caps bound
memory and reading. Normal news runs about 5 characters per token, so an article of
60,000 characters is coded whole (the longest of the Guardian sample, 58,265 characters,
is 11,032 tokens).

The fixes: :func:`sanitise` replaces lone UTF-16 surrogates (which JSON can carry, as
``"\\udc80"``) with U+FFFD, so that neither printing nor the store fails on them;
:func:`one_line` flattens input text quoted in a message.
"""

from __future__ import annotations

import re

MAX_ARTICLE_CHARS = 100_000
MAX_ARTICLE_TOKENS = 12_000
MAX_LINE_SENTENCE_CHARS = 200
MAX_TITLE_CHARS = 1_000
MAX_FIELD_CHARS = 1_000
MAX_TEXT_BYTES = 4 * MAX_ARTICLE_CHARS  # enough for MAX_ARTICLE_CHARS of any UTF-8 text
MAX_HTML_BYTES = 4 * 1024 * 1024
MAX_LINE_BYTES = 8 * 1024 * 1024
MAX_RECORD_CHARS = 8 * 1024 * 1024
MAX_RUN_CHARS = 100
MAX_QUOTED_CHARS = 80  # input text quoted in a message

_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def sanitise(text: str) -> str:
    """``text`` with each lone surrogate (U+D800–U+DFFF) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def cut(text: str, limit: int) -> tuple[str, bool]:
    """``text`` cut to ``limit`` characters, and whether it was cut."""
    return (text[:limit], True) if len(text) > limit else (text, False)


def blank_long_runs(text: str, limit: int = MAX_RUN_CHARS) -> tuple[str, int]:
    """``text`` with every run of more than ``limit`` non-space characters turned into
    spaces (same length, so offsets stay), and how many runs were blanked."""
    pattern = _LONG_RUN if limit == MAX_RUN_CHARS else re.compile(rf"\S{{{limit + 1},}}")
    count = 0

    def blank(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return " " * len(match.group())

    return pattern.sub(blank, text), count


def token_cut(text: str, limit: int = MAX_ARTICLE_TOKENS) -> int | None:
    """Where the ``limit``-th token after the first ends in ``text`` (None if it has
    fewer). A token here is a word or one punctuation mark: at least as many as spaCy's."""
    for count, match in enumerate(_TOKEN.finditer(text), start=1):
        if count > limit:
            return match.start()
    return None


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` on one line (every run of white space or line ends → one space), cut to
    ``limit`` characters with ``…``: safe to put in a one-line message."""
    flat = _SPACE.sub(" ", sanitise(text)).strip()
    flat = "".join(c if c.isprintable() else "\ufffd" for c in flat) if not flat.isprintable() \
        else flat
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return flat


def quoted(value: str) -> str:
    """An input value for a message: flattened, cut, and in quotes (``repr`` style)."""
    return repr(one_line(value, MAX_QUOTED_CHARS))

"""Drop web clutter (captions, share buttons, slogans …) line by line, keeping offsets.

The rules are data (``eventwire/data/clutter.yaml``): named regular expressions
matched against whole lines, and one structural rule for related-story headlines
that interrupt the text. They are validated and compiled once per process.

A line is the text between two ``\\n``. Each non-blank line, without its
surrounding whitespace, is either kept or dropped with the name of the rule that
matched; blank lines are neither kept nor reported. ``clean_text`` is the kept
lines joined by ``\\n`` and ``kept`` their spans in ``Article.text``, so that::

    "\\n".join(article.text[s.start:s.end] for s in article.kept) == article.clean_text

The dateline is found among the first kept lines and stays in ``clean_text``
(see :mod:`eventwire.ingest.dateline`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from typing import Any

from ..errors import DataError
from ..records import Article, CleanLine, Span
from ..resources import read_yaml
from .dateline import find_dateline

RULES_FILE = "clutter.yaml"
_DEFAULT_MAX_LENGTH = 300
_CLOSING = ".!?\"”’'»)…"
_RULE_NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclasses.dataclass(frozen=True)
class ClutterRule:
    """One named pattern; a whole line (stripped) that matches it is clutter."""

    name: str
    comment: str
    pattern: re.Pattern[str]
    max_length: int = _DEFAULT_MAX_LENGTH

    def matches(self, line: str) -> bool:
        return len(line) <= self.max_length and self.pattern.fullmatch(line) is not None


@dataclasses.dataclass(frozen=True)
class HeadlineRule:
    """When a short title-case line between paragraphs is another story's headline."""

    name: str = "related_headline"
    min_words: int = 3
    max_words: int = 14
    max_length: int = 110
    min_capitalised: float = 0.75
    minor_words: frozenset[str] = frozenset()

    def looks_like_headline(self, line: str) -> bool:
        words = line.split()
        if not (self.min_words <= len(words) <= self.max_words) or len(line) > self.max_length:
            return False
        if not line[-1].isalnum() or not words[0][0].isupper():
            return False
        major = [
            w for w in words if w.lower().strip("'’\"“”") not in self.minor_words and w[0].isalpha()
        ]
        if not major:
            return False
        return sum(w[0].isupper() for w in major) / len(major) >= self.min_capitalised


@dataclasses.dataclass(frozen=True)
class ClutterRules:
    """The compiled clutter rules, in the order they are tried."""

    rules: tuple[ClutterRule, ...]
    headline: HeadlineRule | None = None

    def match(self, line: str) -> str | None:
        """The name of the first rule ``line`` (stripped) matches, or None."""
        for rule in self.rules:
            if rule.matches(line):
                return rule.name
        return None


def compile_rules(raw: Any, source: str = RULES_FILE) -> ClutterRules:
    """Validate the parsed YAML of a clutter file and compile it (``DataError`` if malformed)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise DataError(f"data file {source}: expected a mapping with a 'rules' list")
    unknown = sorted(set(raw) - {"version", "rules", "headline"})
    if unknown:
        allowed = "version, rules, headline"
        raise DataError(f"data file {source}: unknown keys {unknown} (allowed: {allowed})")
    rules: list[ClutterRule] = []
    for number, entry in enumerate(raw["rules"], start=1):
        where = f"data file {source}: rule {number}"
        if not isinstance(entry, dict):
            raise DataError(f"{where}: expected a mapping with name, comment and pattern")
        extra = set(entry) - {"name", "comment", "pattern", "max_length"}
        if extra:
            allowed = "name, comment, pattern, max_length"
            raise DataError(f"{where}: unknown keys {sorted(extra)} (allowed: {allowed})")
        name, comment, pattern = entry.get("name"), entry.get("comment"), entry.get("pattern")
        if not isinstance(name, str) or not _RULE_NAME.fullmatch(name):
            raise DataError(f"{where}: 'name' must be snake_case text, got {name!r}")
        where = f"{where} ({name})"
        if any(rule.name == name for rule in rules):
            raise DataError(f"{where}: duplicate rule name; give each rule its own name")
        if not isinstance(comment, str) or not comment.strip():
            raise DataError(f"{where}: every rule needs a 'comment' saying what it removes")
        if not isinstance(pattern, str) or not pattern:
            raise DataError(f"{where}: 'pattern' must be a non-empty regular expression")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise DataError(f"{where}: pattern is not a valid regular expression ({exc})") from exc
        if compiled.fullmatch(""):
            raise DataError(f"{where}: pattern matches the empty line; it would match too much")
        max_length = entry.get("max_length", _DEFAULT_MAX_LENGTH)
        if not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 1:
            raise DataError(f"{where}: 'max_length' must be a positive integer, got {max_length!r}")
        rules.append(ClutterRule(name, comment.strip(), compiled, max_length))
    return ClutterRules(tuple(rules), _compile_headline(raw.get("headline"), source))


def _compile_headline(raw: Any, source: str) -> HeadlineRule | None:
    if raw is None:
        return None
    where = f"data file {source}: headline"
    if not isinstance(raw, dict):
        raise DataError(f"{where}: expected a mapping of settings")
    defaults = HeadlineRule()
    known = {f.name for f in dataclasses.fields(HeadlineRule)}
    if set(raw) - known:
        allowed = ", ".join(sorted(known))
        raise DataError(f"{where}: unknown keys {sorted(set(raw) - known)} (allowed: {allowed})")
    minor = raw.get("minor_words", [])
    if not isinstance(minor, list) or not all(isinstance(w, str) for w in minor):
        raise DataError(f"{where}: 'minor_words' must be a list of words")
    values: dict[str, Any] = {"minor_words": frozenset(w.lower() for w in minor)}
    for key in ("min_words", "max_words", "max_length"):
        value = raw.get(key, getattr(defaults, key))
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise DataError(f"{where}: {key!r} must be a positive integer, got {value!r}")
        values[key] = value
    ratio = raw.get("min_capitalised", defaults.min_capitalised)
    if not isinstance(ratio, (int, float)) or not 0 < ratio <= 1:
        raise DataError(f"{where}: 'min_capitalised' must be a number in (0, 1], got {ratio!r}")
    name = raw.get("name", defaults.name)
    if not isinstance(name, str) or not _RULE_NAME.fullmatch(name):
        raise DataError(f"{where}: 'name' must be snake_case text, got {name!r}")
    return HeadlineRule(name=name, min_capitalised=float(ratio), **values)


@functools.cache
def default_rules() -> ClutterRules:
    """The bundled rules from ``clutter.yaml``, compiled once."""
    return compile_rules(read_yaml(RULES_FILE))


def clean_lines(
    text: str, *, title: str | None = None, rules: ClutterRules | None = None
) -> tuple[CleanLine, ...]:
    """Every non-blank line of ``text``, stripped, marked kept or dropped (with the rule name)."""
    rules = default_rules() if rules is None else rules
    spans = _line_spans(text)
    reasons: list[str | None] = [rules.match(text[s.start : s.end]) for s in spans]
    if rules.headline is not None:
        _mark_headlines(text, spans, reasons, rules.headline, title)
    return tuple(
        CleanLine(text=text[s.start : s.end], span=s, kept=reason is None, reason=reason)
        for s, reason in zip(spans, reasons, strict=True)
    )


def clean_article(article: Article, *, rules: ClutterRules | None = None) -> Article:
    """A copy of ``article`` with ``clean_text``, ``kept``, ``dropped`` and ``dateline`` filled."""
    lines = clean_lines(article.text, title=article.title, rules=rules)
    kept = tuple(line.span for line in lines if line.kept)
    return dataclasses.replace(
        article,
        clean_text="\n".join(line.text for line in lines if line.kept),
        kept=kept,
        dropped=tuple(line for line in lines if not line.kept),
        dateline=find_dateline(article.text, kept, article.title),
    )


def _line_spans(text: str) -> list[Span]:
    """Spans of the non-blank lines of ``text``, without surrounding whitespace."""
    spans: list[Span] = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = start + len(line) - len(line.lstrip())
            spans.append(Span(lead, lead + len(stripped)))
        start += len(line) + 1
    return spans


def _mark_headlines(
    text: str,
    spans: Sequence[Span],
    reasons: list[str | None],
    rule: HeadlineRule,
    title: str | None,
) -> None:
    """Mark related-story headlines (see ``clutter.yaml``) among the lines still kept.

    A candidate needs a finished paragraph before it (the last line still kept)
    and some kept line after it; the first kept line is never a candidate.
    """
    title_key = " ".join((title or "").split()).casefold()
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    previous: str | None = None
    for position, index in enumerate(kept):
        line = text[spans[index].start : spans[index].end]
        if (
            previous is not None
            and previous[-1] in _CLOSING
            and position < len(kept) - 1
            and " ".join(line.split()).casefold() != title_key
            and rule.looks_like_headline(line)
        ):
            reasons[index] = rule.name
            continue
        previous = line

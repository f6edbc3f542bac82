"""Event patterns: trigger lemmas with constraints on the parse, mapped to CAMEO codes.

Patterns are data (``data/patterns/NN_*.yaml``, format in that folder's README and
docs/events.md); this module validates them once and indexes them by trigger lemma.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict

from .. import codes, resources
from ..errors import DataError

#: Verbs that name what their object is ("called the raid **a grave error**", "branded the
#: blockade **illegal**"): with such a predicate, only a pattern with a ``predicate``
#: constraint fits (the raid was not phoned).
NAMING_VERBS = frozenset({"call", "brand", "label", "term", "dub", "describe", "deem",
                          "characterize", "characterise", "portray", "cast", "refer"})
TARGET_SLOTS = frozenset({
    "dobj", "dative", "none", "with", "on", "against", "to", "from", "for", "between", "of",
    "into", "at", "over", "toward", "towards", "in", "upon", "about", "across", "by", "onto",
    "near", "under", "behind", "among", "inside", "outside", "out", "off", "through", "around",
    "that",  # the subject of the reported clause: "said **the strikes** were unacceptable"
})


@dataclasses.dataclass(frozen=True)
class Pattern:
    id: str
    code: str
    pos: str  # "verb" or "noun"
    lemma: str
    target: tuple[str, ...]
    particle: str | None = None
    object: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    complement_noun: frozenset[str] = frozenset()
    modifier: frozenset[str] = frozenset()
    predicate: frozenset[str] = frozenset()
    needs_target: bool = False
    #: the event needs a doer the text names ("the defeat of Isis" by no one named is an
    #: outcome told, no fight; "the effectiveness of chemical weapons" is no use of them)
    needs_source: bool = False
    #: the event needs a resolved target of one of these sectors ("backed the Kurdish
    #: fighters": military aid; "backed the government" is no event of this pattern)
    target_sectors: frozenset[str] = frozenset()
    #: prepositions whose object is the doer; the verb's subject is then what it is done to
    #: ("Raqqa fell to Kurdish forces": the forces take Raqqa)
    doer: tuple[str, ...] = ()
    file: str = ""

    @property
    def specificity(self) -> int:
        """More constrained patterns win over bare ones for the same trigger."""
        return (2 * bool(self.object) + 2 * bool(self.subject) + 2 * bool(self.complement)
                + 2 * bool(self.complement_noun) + 2 * bool(self.modifier)
                + 2 * bool(self.predicate) + bool(self.particle) + bool(self.needs_target)
                + bool(self.needs_source)
                + 2 * bool(self.target_sectors))


def _words(value: object, where: str, field: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{where}: '{field}' must be a word or a list of words")
    return frozenset(v.strip().lower() for v in value)


def _parse(item: object, where: str, file: str) -> Pattern:
    if not isinstance(item, dict):
        raise DataError(f"{where}: each pattern must be a mapping")
    code = str(item.get("code", "")).strip()
    if code not in codes.table():
        raise DataError(f"{where}: unknown CAMEO code {code!r} (quote codes: \"040\")")
    has_verb, has_noun = "verb" in item, "noun" in item
    if has_verb == has_noun:
        raise DataError(f"{where}: give exactly one of 'verb' or 'noun'")
    pos = "verb" if has_verb else "noun"
    lemma = str(item[pos]).strip().lower()
    target = item.get("target", ["dobj"] if pos == "verb" else ["none"])
    if isinstance(target, str):
        target = [target]
    bad = [t for t in target if str(t).lower() not in TARGET_SLOTS]
    if bad:
        raise DataError(f"{where}: unknown target slot(s) {bad}; use one of {sorted(TARGET_SLOTS)}")
    particle = item.get("particle")
    obj = _words(item.get("object"), where, "object")
    subject = _words(item.get("subject"), where, "subject")
    comp = _words(item.get("complement"), where, "complement")
    comp_noun = _words(item.get("complement_noun"), where, "complement_noun")
    modifier = _words(item.get("modifier"), where, "modifier")
    predicate = _words(item.get("predicate"), where, "predicate")
    if predicate and pos != "verb":
        raise DataError(f"{where}: 'predicate' needs a verb trigger")
    needs_target, needs_source = (item.get(k, False) for k in ("needs_target", "needs_source"))
    for key, value in (("needs_target", needs_target), ("needs_source", needs_source)):
        if not isinstance(value, bool):
            raise DataError(f"{where}: '{key}' is true or false")
    target_sectors = frozenset(w.upper() for w in _words(
        item.get("target_sectors"), where, "target_sectors"))
    doer = tuple(sorted(_words(item.get("doer"), where, "doer")))
    if doer and (pos != "verb" or not set(doer) <= TARGET_SLOTS - {"dobj", "dative", "none",
                                                                   "that"}):
        raise DataError(f"{where}: 'doer' needs a verb trigger and prepositions "
                        f"(the subject is then the target)")
    default_id = code + ":" + lemma + (f"+{particle}" if particle else "") + "".join(
        f"{mark}{'|'.join(sorted(words))}" for mark, words in (
            ("+", obj), ("+by ", subject), ("+to ", comp), ("+mod ", modifier),
            ("+as ", predicate), ("+to a ", target_sectors)) if words)
    return Pattern(
        id=str(item.get("id") or default_id), code=code, pos=pos, lemma=lemma,
        target=tuple(str(t).lower() for t in target),
        particle=str(particle).lower() if particle else None,
        object=obj, subject=subject, complement=comp, complement_noun=comp_noun, modifier=modifier,
        predicate=predicate, needs_target=needs_target, needs_source=needs_source, doer=doer,
        target_sectors=target_sectors, file=file,
    )


@dataclasses.dataclass(frozen=True)
class PatternSet:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def all(self) -> list[Pattern]:
        return [p for group in (self.verbs, self.nouns) for ps in group.values() for p in ps]


def build(items: list[tuple[object, str, str]]) -> PatternSet:
    """Validate ``(item, where, file)`` triples into an indexed :class:`PatternSet`."""
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    nouns: dict[str, list[Pattern]] = defaultdict(list)
    ids: dict[str, str] = {}
    for item, where, file in items:
        pattern = _parse(item, where, file)
        if pattern.id in ids:
            pattern = dataclasses.replace(pattern, id=f"{pattern.id}#{len(ids)}")
        ids[pattern.id] = where
        (verbs if pattern.pos == "verb" else nouns)[pattern.lemma].append(pattern)

    def order(d: dict[str, list[Pattern]]) -> dict[str, tuple[Pattern, ...]]:
        return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in d.items()}

    return PatternSet(order(verbs), order(nouns))


@functools.cache
def load() -> PatternSet:
    """All bundled patterns (validated once per process)."""
    items: list[tuple[object, str, str]] = []
    for relpath in resources.list_files("patterns", ".yaml"):
        for n, item in enumerate(resources.read_yaml(relpath) or []):
            items.append((item, f"{relpath} entry {n + 1}", relpath))
    if not items:
        raise DataError("no event patterns found under data/patterns/; reinstall eventwire")
    return build(items)

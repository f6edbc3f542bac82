"""Cross-outlet dedup: copied articles, and the same event reported by several articles.

::

    articles.text ──► word 5-shingles ──► MinHash (128) ──► LSH (32 bands × 4 rows)
        ──► candidates among earlier originals ──► estimate ≥ 0.8 ──► articles.copy_of

    events ──► partition by (root, source country/sector, target country/sector)
        ──► sweep by date: join an open cluster (≤ window_days from its first event,
            compatible location, same CAMEO code or similar sentence) or open one
        ──► events.cluster_id ──► clusters (counts without the events of copies)

:func:`cluster` recomputes everything from the stored rows and writes only what
changed, in one transaction, so it is idempotent and can run after every ingest. The
rules are described in ``docs/store.md`` (section *Clusters and copies*).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import time
from collections import deque
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from ..errors import StoreError
from .store import Store

__all__ = ["ClusterSummary", "cluster", "minhash", "shingles"]

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: a pair with Jaccard 0.8 is a candidate with p > 0.999
SHINGLE = 5
_WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)
_rng = np.random.default_rng(20240501)  # fixed: signatures are the same in every run
_A = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_POWERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                    0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD], dtype=np.uint64)
_STOP = frozenset("the and for that with from this said was were has have had are its".split())


@dataclasses.dataclass(frozen=True)
class ClusterSummary:
    """What one :func:`cluster` run found and changed."""

    articles: int  # articles compared
    copies: int  # articles with copy_of set
    copies_changed: int  # copy_of values written in this run
    events: int  # events seen
    clusters: int  # rows of the clusters table
    multi_article_clusters: int  # clusters reported by two or more articles
    events_changed: int  # cluster_id values written in this run
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def cluster(store: Store, window_days: int = 3, *, threshold: float = 0.8,
            sentence_threshold: float = 0.2, max_compare: int = 50) -> ClusterSummary:
    """Flag copied articles and group the events into clusters (idempotent).

    ``threshold`` is the MinHash Jaccard estimate over word 5-shingles above which a
    later article is a copy of an earlier one; ``window_days`` the longest span of a
    cluster (from its first event); ``sentence_threshold`` the token Jaccard two
    sentences need when their CAMEO codes differ (compared with at most
    ``max_compare`` events of the cluster). Raises :class:`StoreError` on a read-only
    store or a database error.
    """
    if store.read_only:
        raise StoreError(f"{store.path}: the store is open read-only; open it for writing")
    if window_days < 0:
        raise ValueError(f"window_days must be 0 or more, got {window_days}")
    start = time.perf_counter()
    try:
        articles = store.con.execute(
            "SELECT doc_id, text, copy_of FROM articles "
            "ORDER BY published NULLS LAST, doc_id").fetchall()
        copy_of = find_copies([(doc_id, text) for doc_id, text, _ in articles], threshold)
        copies_changed = sum(1 for doc_id, _, old in articles if copy_of.get(doc_id) != old)
        frame = _events(store.con, copy_of)
        ids = _sweep(frame, window_days, sentence_threshold, max_compare)
        frame["new_cluster"] = ids
        changed = frame[frame["cluster_id"].fillna("\0") != frame["new_cluster"].fillna("\0")]
        with store.writer.transaction("cluster"):
            _write(store.con, articles, copy_of, changed)
        clusters, multi = store.con.execute(
            "SELECT count(*), count(*) FILTER (num_articles >= 2) FROM clusters").fetchone()  # type: ignore[misc]
    except duckdb.Error as exc:
        raise StoreError(f"{store.path}: clustering failed: {exc}") from None
    return ClusterSummary(
        articles=len(articles), copies=len(copy_of), copies_changed=copies_changed,
        events=len(frame), clusters=clusters, multi_article_clusters=multi,
        events_changed=len(changed), seconds=time.perf_counter() - start)


# -- near-duplicate articles ------------------------------------------------------------------


def shingles(text: str, cache: dict[str, int] | None = None) -> np.ndarray:
    """The distinct 64-bit hashes of the word 5-shingles of ``text`` (lower case).

    A text of fewer than five words is one shingle; an empty text has none.
    """
    cache = {} if cache is None else cache
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    for word in set(words).difference(cache):
        cache[word] = _word_hash(word)
    hashed = np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))
    k = min(SHINGLE, len(words))
    n = len(words) - k + 1
    combined = np.zeros(n, dtype=np.uint64)
    for i in range(k):
        combined = combined * _POWERS[i] + hashed[i:i + n]  # wraps around: mod 2**64
    return np.unique(combined)


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def minhash(hashes: np.ndarray) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` 32-bit values) of a set of shingle hashes."""
    if hashes.size == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint64)
    out = np.empty(NUM_PERM, dtype=np.uint64)
    step = max(1, 2_000_000 // NUM_PERM)
    out.fill(0xFFFFFFFF)
    for lo in range(0, hashes.size, step):  # bounded memory for very long texts
        chunk = hashes[lo:lo + step]
        perm = (_A[:, None] * chunk[None, :] + _B[:, None]) >> np.uint64(32)
        np.minimum(out, perm.min(axis=1) & _MASK32, out=out)
    return out


def find_copies(articles: list[tuple[str, str]], threshold: float = 0.8) -> dict[str, str]:
    """``{copy doc_id: original doc_id}`` for ``articles`` given oldest first.

    Each article is compared (through the LSH index) with the earlier *originals* only,
    so ``copy_of`` always names an original; of several matches, the earliest wins.
    """
    cache: dict[str, int] = {}
    rows = NUM_PERM // BANDS
    buckets: list[dict[bytes, list[int]]] = [{} for _ in range(BANDS)]
    signatures: list[np.ndarray] = []
    copies: dict[str, str] = {}
    for position, (doc_id, text) in enumerate(articles):
        hashes = shingles(text or "", cache)
        sig = minhash(hashes)
        signatures.append(sig)
        if hashes.size == 0:
            continue
        keys = [sig[b * rows:(b + 1) * rows].tobytes() for b in range(BANDS)]
        candidates = sorted({j for b, key in enumerate(keys) for j in buckets[b].get(key, ())})
        if candidates:
            estimates = (np.stack([signatures[j] for j in candidates]) == sig).mean(axis=1)
            match = next((j for j, e in zip(candidates, estimates, strict=True)
                          if e >= threshold), None)
            if match is not None:
                copies[doc_id] = articles[match][0]
                continue
        for b, key in enumerate(keys):
            buckets[b].setdefault(key, []).append(position)
    return copies


# -- event clusters ---------------------------------------------------------------------------

_KEY = ["root", "source_country", "source_sector", "target_country", "target_sector"]


def _events(con: duckdb.DuckDBPyConnection, copy_of: dict[str, str]) -> pd.DataFrame:
    """The events in sweep order, with the date used (event date, else publication)."""
    frame = con.execute(
        "SELECT e.event_id, e.doc_id, e.cameo, e.root, e.source_country, e.source_sector, "
        "e.target_country, e.target_sector, coalesce(e.date, a.published) AS day, "
        "e.location_country, e.sentence, e.cluster_id, a.published "
        "FROM events e LEFT JOIN articles a USING (doc_id)").df()
    frame["is_copy"] = frame["doc_id"].isin(copy_of.keys())
    frame["day"] = pd.to_datetime(frame["day"])
    frame["published"] = pd.to_datetime(frame["published"])
    order = [*_KEY, "day", "is_copy", "published", "doc_id", "event_id"]
    return frame.sort_values(order, na_position="last", kind="stable").reset_index(drop=True)


class _Open:
    """A cluster still open in the sweep."""

    __slots__ = ("cameos", "cluster_id", "first", "location", "tokens")

    def __init__(self, cluster_id: str, first: int, cameo: str, location: str | None,
                 tokens: frozenset[str]) -> None:
        self.cluster_id = cluster_id
        self.first = first
        self.cameos = {cameo}
        self.location = location
        self.tokens = [tokens]


def _sweep(frame: pd.DataFrame, window: int, sentence_threshold: float,
           max_compare: int) -> list[str | None]:
    """A cluster id for each row of ``frame`` (in its order); None for unmatched copies."""
    keys = list(zip(*(frame[c].fillna("\0").to_numpy() for c in _KEY), strict=True))
    has_day = frame["day"].notna().to_numpy()
    days = frame["day"].to_numpy(dtype="datetime64[D]").astype("int64")
    cameos = frame["cameo"].to_numpy()
    locations = frame["location_country"].to_numpy()
    sentences = frame["sentence"].fillna("").to_numpy()
    copies = frame["is_copy"].to_numpy()
    event_ids = frame["event_id"].to_numpy()
    out: list[str | None] = []
    current: Any = None
    open_: deque[_Open] = deque()
    for i in range(len(frame)):
        if keys[i] != current:
            current, open_ = keys[i], deque()
        if not has_day[i]:  # no date at all: an event on its own
            out.append(None if copies[i] else _cluster_id(event_ids[i]))
            continue
        day = int(days[i])
        while open_ and day - open_[0].first > window:
            open_.popleft()
        location = locations[i] if isinstance(locations[i], str) else None
        tokens = _tokens(sentences[i])
        found = None
        for candidate in open_:
            if location and candidate.location and location != candidate.location:
                continue
            if cameos[i] in candidate.cameos or any(
                    _jaccard(tokens, other) >= sentence_threshold
                    for other in candidate.tokens[:max_compare]):
                found = candidate
                break
        if copies[i]:  # a copy's event joins a cluster but changes nothing of it
            out.append(found.cluster_id if found else None)
            continue
        if found is None:
            found = _Open(_cluster_id(event_ids[i]), day, cameos[i], location, tokens)
            open_.append(found)
        else:
            found.cameos.add(cameos[i])
            found.location = found.location or location
            if len(found.tokens) < max_compare:
                found.tokens.append(tokens)
        out.append(found.cluster_id)
    return out


def _cluster_id(first_event: str) -> str:
    """A stable id: from the id of the cluster's first event."""
    return hashlib.sha1(f"cluster:{first_event}".encode()).hexdigest()[:16]


def _tokens(sentence: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(sentence.lower()) if len(w) > 2 and w not in _STOP)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


# -- writing ----------------------------------------------------------------------------------


def _write(con: duckdb.DuckDBPyConnection, articles: list[tuple[str, str, str | None]],
           copy_of: dict[str, str], changed: pd.DataFrame) -> None:
    copies = pd.DataFrame(
        [(doc_id, copy_of.get(doc_id)) for doc_id, _, old in articles
         if copy_of.get(doc_id) != old], columns=["doc_id", "copy_of"], dtype=object)
    if len(copies):
        con.register("_ew_copies", copies)
        con.execute("UPDATE articles SET copy_of = c.copy_of FROM _ew_copies c "
                    "WHERE articles.doc_id = c.doc_id")
        con.unregister("_ew_copies")
    if len(changed):
        updates = changed[["event_id", "new_cluster"]].astype(object)
        con.register("_ew_clusters", updates)
        con.execute("UPDATE events SET cluster_id = c.new_cluster FROM _ew_clusters c "
                    "WHERE events.event_id = c.event_id")
        con.unregister("_ew_clusters")
    con.execute("DELETE FROM clusters")
    con.execute(
        "INSERT INTO clusters SELECT e.cluster_id, any_value(e.root), "
        "any_value(e.source_country), any_value(e.source_sector), "
        "any_value(e.target_country), any_value(e.target_sector), "
        "min(coalesce(e.date, a.published)), max(coalesce(e.date, a.published)), "
        "count(*), count(DISTINCT e.doc_id), count(DISTINCT coalesce(e.outlet, a.outlet)) "
        "FROM events e LEFT JOIN articles a USING (doc_id) "
        "WHERE e.cluster_id IS NOT NULL AND a.copy_of IS NULL "
        "GROUP BY e.cluster_id")

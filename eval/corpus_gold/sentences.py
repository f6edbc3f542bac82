"""Fixed sentences, skeletons, offset filling and validation for the Guardian gold corpus.

The gold (``eval/corpus_gold/batch_*.jsonl``) never holds article text: it names a CSV row
(the unnamed first column) and character offsets into that row's ``text`` column. Everyone
(annotators and the scorer) splits sentences with :func:`split_sentences`, a deterministic
rule-based splitter that does not depend on any model, so sentence numbers never move.

Usage (see docs/annotation.md)::

    python eval/corpus_gold/sentences.py show ROW           # sentences with index and offsets
    python eval/corpus_gold/sentences.py batch ROW [ROW...] # JSONL skeleton, one line per sentence
    python eval/corpus_gold/sentences.py fill FILE          # fill actor offsets from span texts
    python eval/corpus_gold/sentences.py check FILE [FILE...]
    python eval/corpus_gold/sentences.py place NAME         # gazetteer candidates for a place
    python eval/corpus_gold/sentences.py plan               # rewrite split.json and batches.json

The CSV is ``../shared/corpus/guardian_syria_2019.csv`` beside the repository, or the path in
``EVENTWIRE_GUARDIAN_CSV``. Every command that needs it exits with status 2 when it is absent.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CSV_PATH = Path(os.environ.get(
    "EVENTWIRE_GUARDIAN_CSV", REPO.parent / "shared" / "corpus" / "guardian_syria_2019.csv"))
CAMEO_TSV = REPO / "src" / "eventwire" / "data" / "cameo_codes.tsv"

MODALITIES = ("asserted", "negated", "hypothetical", "future", "alleged")
SECTORS = frozenset(
    "GOV MIL REB OPP PTY LEG JUD COP SPY MED EDU BUS CVL LAB AGR REL HLH NGO CRM UAF PRM REF "
    "IGO PRE ELI".split())
PSEUDO_COUNTRIES = frozenset({"UNO", "EUR", "IGO", "XKX"})
PRECISIONS = ("day", "week", "month", "year")

# --- sentence splitting -------------------------------------------------------------------

# Words whose trailing period never ends a sentence, and words whose period ends no sentence
# when a number follows ("Feb. 8", "No. 10").
_ABBREV = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt capt cmdr maj sgt adm st jr sr rev hon vs "
    "mt ft inc corp ltd co dept".split())
_BEFORE_NUMBER = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos art vol p pp".split())
_TERMINATOR = re.compile(r"[.?!]+[”’\"')\]]*")
_OPENERS = "“‘\"'([•"
_INITIALS = re.compile(r"^[A-Z](?:\.[A-Z])*$")  # "W", "U.S", "D.C" (the last period is cut)


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether the terminator matched by ``m`` ends a sentence."""
    if ".." in m.group():
        return False  # an ellipsis written as dots
    j = m.end()
    while j < len(text) and text[j].isspace():
        j += 1
    if j == len(text):
        return False  # the text's end is a boundary anyway
    nxt = text[j]
    if j == m.end():  # no space: only "end.“Quote" and "word.Next" are boundaries
        before = text[m.start() - 2:m.start()]
        glued = (len(before) == 2 and before.islower() and nxt.isupper()
                 and text[j + 1:j + 2].islower())
        if nxt != "“" and not glued:
            return False
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    if text[m.start()] != ".":
        return True
    word = re.search(r"[^\s“‘\"'(\[]*$", text[:m.start()]).group()  # type: ignore[union-attr]
    if word.lower() in _ABBREV or _INITIALS.match(word):
        return False
    return not (word.lower() in _BEFORE_NUMBER and nxt.isdigit())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence of ``text``, whitespace trimmed, in order.

    A sentence ends after ``.``, ``?`` or ``!`` (and any closing quotes or brackets) when
    whitespace and then a capital, a digit or an opening quote follow; not after the
    abbreviations above, initials ("W.", "U.S."), or an ellipsis ("…", "..."). A bullet
    ("•") after whitespace always starts a new sentence.
    """
    cuts = {m.end() for m in _TERMINATOR.finditer(text) if _ends_sentence(text, m)}
    cuts.update(m.start() for m in re.finditer(r"\s•", text))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*sorted(cuts), len(text)]:
        a, b = start, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
        start = cut
    return spans


# --- the corpus ---------------------------------------------------------------------------

@functools.cache
def corpus() -> dict[int, dict[str, str]]:
    """Row id -> {"date", "text", "source"}; exits with status 2 when the CSV is absent."""
    if not CSV_PATH.exists():
        print(f"corpus CSV not found: {CSV_PATH} (set EVENTWIRE_GUARDIAN_CSV)", file=sys.stderr)
        sys.exit(2)
    csv.field_size_limit(sys.maxsize)
    with CSV_PATH.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        return {int(r[0]): {"date": r[1], "text": r[2], "source": r[3]} for r in reader}


def sentences(row: int) -> list[tuple[int, int]]:
    return split_sentences(corpus()[row]["text"])


def iter_sentences(rows: list[int] | None = None) -> Iterator[tuple[int, int, int, int]]:
    """(row, sentence index, start, end) for the given rows (default: all, in CSV order)."""
    for row in rows if rows is not None else list(corpus()):
        for i, (a, b) in enumerate(sentences(row)):
            yield row, i, a, b


def skeleton(rows: list[int], annotator: str = "", pass_: int = 1) -> Iterator[dict[str, object]]:
    for row, i, a, b in iter_sentences(rows):
        yield {"row": row, "sent": i, "start": a, "end": b, "events": [],
               "annotator": annotator, "pass": pass_}


# --- filling offsets ------------------------------------------------------------------------

def locate(text: str, start: int, end: int, span: str, after: str | None = None) -> int | None:
    """Offset of ``span`` as a whole word in ``text[start:end]``: its first occurrence, or the
    first one at or after where ``after`` begins. None when absent."""
    origin = start
    if after:
        at = text.find(after, start, end)
        if at < 0:
            return None
        origin = at
    pattern = re.compile(r"(?<!\w)" + re.escape(span) + r"(?!\w)")
    m = pattern.search(text, origin, end)
    return m.start() if m else None


_EVENT_DEFAULTS: dict[str, object] = {
    "modality": "asserted", "speaker": None, "place": None, "date": None,
    "date_precision": None, "background": False, "note": ""}
_EVENT_KEYS = ("code", "source", "target", "modality", "speaker", "place", "date",
               "date_precision", "background", "note")
_ACTOR_KEYS = ("text", "start", "end", "country", "sector", "implied")


def _fill_actor(actor: dict[str, object] | None, text: str, a: int, b: int,
                where: str, problems: list[str]) -> dict[str, object] | None:
    if actor is None:
        return None
    actor.setdefault("text", None)
    actor.setdefault("implied", False)
    actor.setdefault("country", None)
    actor.setdefault("sector", None)
    after = actor.pop("after", None)
    span = actor.get("text")
    if span and actor.get("start") is None:
        at = locate(text, a, b, str(span), str(after) if after else None)
        if at is None:
            problems.append(f"{where}: {span!r} not found in the sentence")
            actor["start"] = actor["end"] = None
        else:
            actor["start"], actor["end"] = at, at + len(str(span))
    actor.setdefault("start", None)
    actor.setdefault("end", None)
    extra = {k: v for k, v in actor.items() if k not in _ACTOR_KEYS}
    return {**{k: actor[k] for k in _ACTOR_KEYS}, **extra}


def fill(lines: list[dict[str, object]]) -> list[str]:
    """Fill defaults and actor offsets in place; return the problems met."""
    problems: list[str] = []
    for line in lines:
        row, sent = line["row"], line["sent"]
        text = corpus()[int(row)]["text"]  # type: ignore[call-overload]
        a, b = int(line["start"]), int(line["end"])  # type: ignore[call-overload]
        events = []
        for n, event in enumerate(line.get("events") or []):  # type: ignore[attr-defined]
            for key, value in _EVENT_DEFAULTS.items():
                event.setdefault(key, value)
            for role in ("source", "target"):
                event[role] = _fill_actor(event.get(role), text, a, b,
                                          f"row {row} sent {sent} event {n} {role}", problems)
            extra = {k: v for k, v in event.items() if k not in _EVENT_KEYS}
            events.append({**{k: event.get(k) for k in _EVENT_KEYS}, **extra})
        line["events"] = events
    return problems


# --- checking ---------------------------------------------------------------------------------

@functools.cache
def cameo_codes() -> frozenset[str]:
    with CAMEO_TSV.open(encoding="utf-8") as f:
        return frozenset(line.split("\t")[0] for line in f.read().splitlines()[1:] if line)


@functools.cache
def _valid_country(code: str) -> bool:
    import pycountry

    return code in PSEUDO_COUNTRIES or pycountry.countries.get(alpha_3=code) is not None


def _check_actor(actor: object, text: str, a: int, b: int, where: str, out: list[str]) -> None:
    if actor is None:
        return
    if not isinstance(actor, dict):
        out.append(f"{where}: must be an object or null")
        return
    for key in _ACTOR_KEYS:
        if key not in actor:
            out.append(f"{where}: missing {key!r}")
    span, start, end = actor.get("text"), actor.get("start"), actor.get("end")
    if actor.get("implied") not in (True, False):
        out.append(f"{where}: implied must be true or false")
    if span is None:
        if start is not None or end is not None:
            out.append(f"{where}: offsets without a text")
        if not actor.get("implied"):
            out.append(f"{where}: no text and not implied (use null for no actor)")
    elif not (isinstance(start, int) and isinstance(end, int)):
        out.append(f"{where}: {span!r} has no offsets (run fill)")
    elif not a <= start < end <= b:
        out.append(f"{where}: offsets {start}-{end} outside the sentence {a}-{b}")
    elif text[start:end] != span:
        out.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {span!r}")
    country, sector = actor.get("country"), actor.get("sector")
    if country is not None and not _valid_country(str(country)):
        out.append(f"{where}: unknown country {country!r}")
    if sector is not None and sector not in SECTORS:
        out.append(f"{where}: unknown sector {sector!r}")
    if country is None and sector is None:
        out.append(f"{where}: neither country nor sector")


def _check_event(ev: object, text: str, a: int, b: int, where: str, out: list[str]) -> None:
    if not isinstance(ev, dict):
        out.append(f"{where}: event must be an object")
        return
    for key in _EVENT_KEYS:
        if key not in ev:
            out.append(f"{where}: missing {key!r}")
    code = ev.get("code")
    if code not in cameo_codes():
        out.append(f"{where}: unknown CAMEO code {code!r}")
    elif len(code) == 2:
        out.append(f"{where}: root {code} alone; use {code}0 (not specified below)")
    for role in ("source", "target"):
        _check_actor(ev.get(role), text, a, b, f"{where} {role}", out)
    if ev.get("source") is None and ev.get("target") is None:
        out.append(f"{where}: neither source nor target")
    if ev.get("modality") not in MODALITIES:
        out.append(f"{where}: modality {ev.get('modality')!r} not in {MODALITIES}")
    speaker = ev.get("speaker")
    if speaker is not None:
        if not isinstance(speaker, dict) or set(speaker) - {"text", "country", "sector"}:
            out.append(f"{where}: speaker must be {{text, country, sector}} or null")
        else:
            if speaker.get("country") and not _valid_country(str(speaker["country"])):
                out.append(f"{where}: speaker country {speaker['country']!r} unknown")
            if speaker.get("sector") and speaker["sector"] not in SECTORS:
                out.append(f"{where}: speaker sector {speaker['sector']!r} unknown")
    place = ev.get("place")
    if place is not None:
        if not isinstance(place, dict) or not place.get("name"):
            out.append(f"{where}: place must have a name or be null")
        else:
            if place.get("country") and not _valid_country(str(place["country"])):
                out.append(f"{where}: place country {place['country']!r} unknown")
            lat, lon = place.get("lat"), place.get("lon")
            if (lat is None) != (lon is None):
                out.append(f"{where}: place needs both lat and lon or neither")
            elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
                out.append(f"{where}: place lat/lon out of range")
    date, precision = ev.get("date"), ev.get("date_precision")
    if date is None:
        if precision is not None:
            out.append(f"{where}: date_precision without a date")
    elif not (isinstance(date, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", date)
              and _is_date(date)):
        out.append(f"{where}: date {date!r} is not a YYYY-MM-DD date")
    elif precision not in PRECISIONS:
        out.append(f"{where}: date_precision {precision!r} not in {PRECISIONS}")
    elif (precision == "week" and dt.date.fromisoformat(date).weekday() != 0) or (
            precision == "month" and not date.endswith("-01")) or (
            precision == "year" and not date.endswith("-01-01")):
        out.append(f"{where}: a {precision} date is written as its first day (weeks: Monday)")
    if ev.get("background") not in (True, False):
        out.append(f"{where}: background must be true or false")
    if not isinstance(ev.get("note", ""), str):
        out.append(f"{where}: note must be a string")


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check(path: Path) -> list[str]:
    """One message per problem in the gold file ``path`` (empty when it is valid)."""
    out: list[str] = []
    seen: dict[int, set[int]] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        if not raw.strip():
            out.append(f"{where}: empty line")
            continue
        try:
            line = json.loads(raw)
        except json.JSONDecodeError as e:
            out.append(f"{where}: not JSON ({e})")
            continue
        row, sent = line.get("row"), line.get("sent")
        if row not in corpus():
            out.append(f"{where}: unknown row {row!r}")
            continue
        spans = sentences(row)
        if not isinstance(sent, int) or not 0 <= sent < len(spans):
            out.append(f"{where}: row {row} has no sentence {sent!r}")
            continue
        where = f"{where} (row {row} sent {sent})"
        if sent in seen.setdefault(row, set()):
            out.append(f"{where}: sentence given twice")
        seen[row].add(sent)
        a, b = spans[sent]
        if (line.get("start"), line.get("end")) != (a, b):
            out.append(f"{where}: start/end {line.get('start')}-{line.get('end')} are not {a}-{b}")
        if not line.get("annotator"):
            out.append(f"{where}: no annotator")
        if line.get("pass") not in (1, 2):
            out.append(f"{where}: pass must be 1 or 2")
        events = line.get("events")
        if not isinstance(events, list):
            out.append(f"{where}: events must be a list")
            continue
        text = corpus()[row]["text"]
        for i, ev in enumerate(events):
            _check_event(ev, text, a, b, f"{where} event {i}", out)
    for row, sents in seen.items():
        missing = sorted(set(range(len(sentences(row)))) - sents)
        if missing:
            out.append(f"{path.name}: row {row} lacks sentences {missing}")
    return out


# --- the split --------------------------------------------------------------------------------

_CUES = re.compile(
    r"\b(attack|kill|arrest|detain|strike|bomb|shell|sanction|accus|condemn|agree|talks|"
    r"meet|withdr|deport|protest|threat|warn|urg|demand|reject|refus|invad|offensive|"
    r"negotiat|repatriat|charg|execut|captur|releas|support|aid)", re.I)


def _rank(salt: str, row: int) -> str:
    return hashlib.sha1(f"eventwire-gold-12:{salt}:{row}".encode()).hexdigest()


#: batches annotated after the plan, all on the dev side: rows chosen by hand as news reports
#: (batches e and f, eighth session: each first scored as a held-out check, then added to dev,
#: f in the ninth session); g to j (tenth session): the next eligible rows in the plan's
#: "choose" hash order, each read once as a held-out check, then added; k to p (twenty-fifth
#: session): the plan's eligible rows all taken, the next rows in "choose" hash order with 15
#: to 45 sentences and at least 5 distinct cue stems, scored once held out, then added; q to
#: w, x to ac and af to ak (the same session) the next twelve such rows each, likewise (af to
#: ak the last twelve rows of the sample that meet those bounds; ad, ae and al are
#: second-pass annotators: SECOND_EXTENSIONS); am to at (twenty-sixth session): the first
#: eight rows in "choose" hash order with 46 to 70 sentences and at least 5 cue stems, none
#: in the place gold's test half, one long article per annotator, scored once held out, then
#: added; av to bb (the same session) the next seven such rows, likewise; bd to bk
#: (twenty-seventh session) the next eight such rows, likewise; bm to bs (twenty-eighth)
#: the next seven, likewise; bv to cb (the same session) the seven after them, likewise;
#: cd to cj (the same session) the last such row (215) and the first six in that order with
#: 71 to 90 sentences and at least 5 cue stems, likewise; cl to cr (twenty-ninth) the last
#: such row (739), the first with 91 to 100 sentences (720) and the first five in that order
#: with 30 to 70 sentences and 4 cue stems, likewise; ct to cz (the same session) the first
#: with 100 sentences and the next six with 30 to 70 sentences and 4 cue stems, likewise; db
#: to dh (the same session) the next three with at least 5 cue stems (105 to 122 sentences)
#: and the first four with 4 cue stems and fewer than 30 sentences, likewise; dj to dp
#: (thirtieth) four more with at least 5 cue stems (155, 304, 545, 11: 124 to 312 sentences)
#: and the next three with 4 cue stems and fewer than 30 sentences, likewise; dr to dx (the
#: same session) the last two with at least 5 cue stems (435, 452: 328 and 425 sentences), the
#: last with 4 (439) and the first four with 3 cue stems (97, 24, 82, 114), likewise; dz to
#: ef (thirty-first) the next seven with 3 cue stems (704, 351, 580, 201, 194, 531, 673: 10 to
#: 43 sentences), likewise; eh to el (the same session) the last five with 3 cue stems (285,
#: 736, 735, 41, 57: 18 to 75 sentences), likewise; en to es (thirty-second) thirteen of the
#: eighteen rows left, all with 2 cue stems or fewer (8 to 56 sentences: 290, 99, 687, 36,
#: 584, 757, 512, 764, 615, 681, 603, 119, 721), one to three per annotator, likewise; eu to
#: ey (thirty-third) the last five rows of the sample (48, 685, 769, 51, 278: 34 to 81
#: sentences), one per annotator, likewise
EXTENSIONS: dict[str, list[int]] = {"e": [70, 110, 120, 575, 620],
                                    "f": [74, 622, 634, 694, 719],
                                    "g": [20, 186, 628, 646, 713],
                                    "h": [248, 276, 619, 639, 706, 725],
                                    "i": [258, 265, 636, 649],
                                    "j": [151, 648, 780],
                                    "k": [680, 718], "l": [87, 698], "m": [96, 514],
                                    "n": [629, 776], "o": [10, 147], "p": [397, 501],
                                    "q": [148, 153], "r": [154, 588], "t": [479, 564],
                                    "u": [83, 733], "v": [79, 605], "w": [142, 666],
                                    "x": [256, 653], "y": [203, 261], "z": [307, 327],
                                    "aa": [55, 88], "ab": [7, 528], "ac": [507, 523],
                                    "af": [195, 617], "ag": [485, 728], "ah": [146, 183],
                                    "ai": [159, 350], "aj": [112, 577], "ak": [527, 723],
                                    "am": [732], "an": [135], "ao": [45], "ap": [493],
                                    "aq": [107], "ar": [532], "as": [145], "at": [631],
                                    "av": [228], "aw": [204], "ax": [504], "ay": [754],
                                    "az": [766], "ba": [237], "bb": [141],
                                    "bd": [318], "be": [37], "bf": [72], "bg": [214],
                                    "bh": [398], "bi": [149], "bj": [678], "bk": [284],
                                    "bm": [669], "bn": [781], "bo": [43], "bp": [560],
                                    "bq": [85], "br": [716], "bs": [93],
                                    "bv": [132], "bw": [592], "bx": [18], "by": [590],
                                    "bz": [708], "ca": [786], "cb": [130],
                                    "cd": [215], "ce": [211], "cf": [693], "cg": [78],
                                    "ch": [638], "ci": [239], "cj": [520],
                                    "cl": [739], "cm": [720], "cn": [530], "co": [571],
                                    "cp": [91], "cq": [775], "cr": [286],
                                    "ct": [656], "cu": [34], "cv": [140], "cw": [128],
                                    "cx": [401], "cy": [415], "cz": [743],
                                    "db": [738], "dc": [510], "dd": [589], "de": [71],
                                    "df": [62], "dg": [23], "dh": [12],
                                    "dj": [155], "dk": [304], "dl": [545], "dm": [11],
                                    "dn": [303], "do": [737], "dp": [84],
                                    "dr": [435], "ds": [452], "dt": [439], "du": [97],
                                    "dv": [24], "dw": [82], "dx": [114],
                                    "dz": [704], "ea": [351], "eb": [580], "ec": [201],
                                    "ed": [194], "ee": [531], "ef": [673],
                                    "eh": [285], "ei": [736], "ej": [735], "ek": [41],
                                    "el": [57],
                                    "en": [99, 290], "eo": [36, 584, 687],
                                    "ep": [512, 757, 764], "eq": [615, 681],
                                    "er": [119, 603], "es": [721],
                                    "eu": [48], "ev": [685], "ew": [769], "ex": [51],
                                    "ey": [278]}

#: second-pass rows added with the later batches (row -> second annotator): 10 % of the grown
#: gold's sentences stay coded twice (twenty-fifth session: four of the k to w rows, two of af;
#: twenty-sixth: rows 631 of batch at and 135 of batch an; twenty-seventh: row 37 of batch be;
#: twenty-eighth: rows 669 of batch bm, 592 of batch bw and 215 of batch cd; twenty-ninth:
#: rows 775 of batch cq, 743 of batch cz and 62 of batch df; thirtieth: rows 571 of batch co
#: and 739 of batch cl; thirty-first: rows 580 of batch eb and 57 of batch el;
#: thirty-second: rows 36 and 584 of batch eo; thirty-third: row 278 of batch ey)
SECOND_EXTENSIONS: dict[int, str] = {96: "ad", 629: "ad", 154: "ae", 605: "ae", 195: "al",
                                     617: "al", 631: "au", 135: "bc", 37: "bl", 669: "bu",
                                     592: "cc", 215: "ck", 775: "cs", 743: "da", 62: "di",
                                     571: "dq", 739: "dy", 580: "eg", 57: "em", 36: "et",
                                     584: "et", 278: "fa"}


def plan() -> dict[str, object]:
    """The deterministic choice of articles, the dev/test split, the batches, the second pass.

    Eligible: 15 to 40 sentences and at least 6 distinct event-cue stems (a crude filter for
    reports with varied events). The 64 eligible rows with the smallest hash are chosen; the 32
    of those with the smallest second hash are the test half. Batches are filled greedily,
    largest article first, into the batch with the fewest sentences (dev rows, then test rows).
    The second pass takes chosen rows in third-hash order, alternating test and dev, until 10 %
    of the chosen sentences are covered; each goes to the annotator of another batch with the
    fewest second-pass sentences so far.
    """
    counts = {row: len(sentences(row)) for row in corpus()}
    eligible = [row for row, n in counts.items() if 15 <= n <= 40 and len(
        {m.group(1).lower() for m in _CUES.finditer(corpus()[row]["text"])}) >= 6]
    chosen = sorted(eligible, key=lambda r: _rank("choose", r))[:64]
    by_split = sorted(chosen, key=lambda r: _rank("split", r))
    test, dev = sorted(by_split[:32]), sorted(by_split[32:])
    batches: dict[str, list[int]] = {k: [] for k in "abcd"}
    load = dict.fromkeys(batches, 0)
    for half in (dev, test):
        for row in sorted(half, key=lambda r: (-counts[r], r)):
            k = min(batches, key=lambda b: (load[b], b))
            batches[k].append(row)
            load[k] += counts[row]
    total = sum(counts[r] for r in chosen)
    queues = [sorted(h, key=lambda r: _rank("second", r)) for h in (test, dev)]
    second: list[int] = []
    while sum(counts[r] for r in second) < 0.1 * total:
        second.append(queues[len(second) % 2].pop(0))
    owner = {row: k for k, rows in batches.items() for row in rows}
    second_load = dict.fromkeys(batches, 0)
    second_by: dict[int, str] = {}
    for row in second:
        k = min((b for b in batches if b != owner[row]), key=lambda b: (second_load[b], b))
        second_by[row] = k
        second_load[k] += counts[row]
    extra = sorted(r for rows in EXTENSIONS.values() for r in rows)
    return {
        "split": {"dev": sorted(dev + extra), "test": test},
        "batches": {**{k: sorted(v) for k, v in batches.items()},
                    **{k: sorted(v) for k, v in EXTENSIONS.items()},
                    "second_pass": sorted(second + list(SECOND_EXTENSIONS)),
                    "second_pass_annotator": {str(r): k for r, k in sorted(
                        {**second_by, **SECOND_EXTENSIONS}.items())}},
        "sentences": {k: load[k] for k in batches}, "total": total,
    }


# --- command line -----------------------------------------------------------------------------

def _write_jsonl(path: Path, lines: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("show", help="print a row's sentences with index and offsets")
    s.add_argument("row", type=int)
    s = sub.add_parser("batch", help="print a JSONL skeleton for rows")
    s.add_argument("rows", type=int, nargs="+")
    s.add_argument("--annotator", default="")
    s.add_argument("--pass", dest="pass_", type=int, default=1, choices=(1, 2))
    s = sub.add_parser("fill", help="fill defaults and actor offsets in a gold file, in place")
    s.add_argument("file", type=Path)
    s = sub.add_parser("check", help="validate gold files: one line per problem")
    s.add_argument("files", type=Path, nargs="+")
    s = sub.add_parser("place", help="gazetteer candidates for a place name")
    s.add_argument("name")
    sub.add_parser("plan", help="rewrite split.json and batches.json")
    args = p.parse_args(argv)

    if args.cmd == "show":
        text = corpus()[args.row]["text"]
        print(f"# row {args.row}  published {corpus()[args.row]['date']}")
        for i, (a, b) in enumerate(sentences(args.row)):
            print(f"[{i}] {a}-{b}  {text[a:b]}")
    elif args.cmd == "batch":
        for line in skeleton(args.rows, args.annotator, args.pass_):
            print(json.dumps(line, ensure_ascii=False))
    elif args.cmd == "fill":
        lines = [json.loads(x) for x in args.file.read_text(encoding="utf-8").splitlines()
                 if x.strip()]
        problems = fill(lines)
        _write_jsonl(args.file, lines)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    elif args.cmd == "check":
        problems = [m for f in args.files for m in check(f)]
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1 if problems else 0
    elif args.cmd == "place":
        sys.path.insert(0, str(REPO / "src"))
        from eventwire.places import load

        for c in sorted(load().candidates(args.name), key=lambda c: -c.population):
            print(json.dumps({"name": c.name, "country": c.country, "lat": c.lat, "lon": c.lon,
                              "geonameid": c.geonameid, "population": c.population}))
    elif args.cmd == "plan":
        result = plan()
        (HERE / "split.json").write_text(json.dumps(result["split"]) + "\n", encoding="utf-8")
        (HERE / "batches.json").write_text(json.dumps(result["batches"]) + "\n",
                                           encoding="utf-8")
        print(json.dumps({"sentences": result["sentences"], "total": result["total"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""CAMEO code table: root, QuadClass, Goldstein score, description and PLOVER mapping.

Facts from ``data/cameo_codes.tsv`` (CAMEO 1.1b3 with the Goldstein scale) and
``data/cameo_plover.tsv`` (the PLOVER 2021 conversion table).
"""

from __future__ import annotations

import dataclasses
import functools

from . import resources
from .errors import DataError
from .records import Plover

#: CAMEO roots of force: assault (18), fighting (19) and mass violence (20)
FORCE_ROOTS = ("18", "19", "20")


@dataclasses.dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    quad_class: int
    goldstein: float
    description: str
    plover: Plover | None


@functools.cache
def table() -> dict[str, CameoCode]:
    """Every CAMEO code, keyed by its code string ("0871")."""
    plover_rows = {r["cameo"]: r for r in resources.read_tsv("cameo_plover.tsv")}
    out: dict[str, CameoCode] = {}
    for row in resources.read_tsv("cameo_codes.tsv"):
        code = row["cameo"]
        try:
            quad = int(row["quad_class"])
            goldstein = float(row["goldstein"])
        except (KeyError, ValueError) as exc:
            raise DataError(f"data file cameo_codes.tsv: bad row for code {code!r}: {exc}") from exc
        mapped = plover_rows.get(code) or plover_rows.get(row["root"])
        plover = None
        if mapped and mapped["plover_type"]:
            plover = Plover(
                type=mapped["plover_type"],
                mode=mapped["mode"].strip() or None,
                context=mapped["context"].strip() or None,
            )
        out[code] = CameoCode(code, row["root"], quad, goldstein, row["description"], plover)
    return out


def lookup(code: str) -> CameoCode:
    """The entry of a CAMEO code; raises DataError for an unknown code."""
    try:
        return table()[code]
    except KeyError:
        raise DataError(f"unknown CAMEO code {code!r}; see data/cameo_codes.tsv") from None

"""What a valid catalogue file changes: its rows compared with the catalogue in force.

The catalogue in force is ``data.catalogue.catalogue_frames(con)`` (current vintage). Each
indicator row of the file is ``new``, ``changed`` (field by field, old -> new) or ``unchanged``;
each target row is also that, or ``removed``. Semantics, decided for issue 11:

* **An import is an upsert.** Indicators and targets absent from the file stay as they are:
  nothing is ever removed by leaving it out, so a file may hold only the rows it changes. An
  indicator is never deleted; it is retired with ``retired_from``.
* **A target row whose four baseline/target cells are all empty removes that target** (a new
  target version with ``removed`` set; it needs a reason, like a change). A removed target that
  a later file states again is ``new``.
* **Comparison**: numbers up to float noise (as ``data.intake_result.Version.same_as``: the
  ``12.5`` typed and the 12.5 a workbook cell holds are the same), text after stripping (empty
  is no text), ``decimals`` as an integer, ``scope`` as a set (shown in the Kingdom's order),
  periods in their canonical spelling. A target's ``reason`` is not part of the target: a row
  whose reason alone differs is ``unchanged`` (nothing is written for it); an exported file
  carries each target's stored reason.

``FieldChange`` / ``CatalogueChange`` are the preview's values and ``CatalogueResult`` an
attempt's outcome (all re-exported by ``data.catalogue_intake``): a new item lists every field
with old None; a removed target lists its four cells with new None; an unchanged one none.

| function | returns |
|---|---|
| ``stored_indicators(frame)``, ``stored_targets(frame)`` | the catalogue in force, by key |
| ``indicator_record(values)``, ``target_record(values)`` | a row in the one comparable form |
| ``same(a, b)`` | whether two cells state the same (the comparison above) |
| ``indicator_change(new, old)``, ``target_change(new, old)`` | one row's change |
| ``changes(indicators, targets, indicators_stored, targets_stored)`` | every row's change |

Imports ``data.catalogue_columns`` and ``data.intake_read`` (``Problem``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

import pandas as pd

from data.catalogue_columns import WORKBOOK_INDICATOR_COLUMNS
from data.intake_read import Problem

__all__ = [
    "CHANGE_KINDS",
    "INDICATOR_FIELDS",
    "NUMBER_FIELDS",
    "TARGET_FIELDS",
    "CatalogueChange",
    "CatalogueResult",
    "FieldChange",
    "Record",
    "changes",
    "indicator_change",
    "indicator_record",
    "same",
    "stored_indicators",
    "stored_targets",
    "target_change",
    "target_record",
]

CHANGE_KINDS: Final = ("new", "changed", "unchanged", "removed")
# The fields of each item, in the workbook's order (the key columns left out).
INDICATOR_FIELDS: Final = tuple(c for c in WORKBOOK_INDICATOR_COLUMNS if c != "indicator_id")
TARGET_FIELDS: Final = ("baseline_period", "baseline_value", "target_period", "target_value")
NUMBER_FIELDS: Final = frozenset({"valid_min", "valid_max", "baseline_value", "target_value"})
_TOLERANCE: Final = 1e-12

# A row in the comparable form: text stripped or None, numbers float or None, ``decimals`` int,
# ``scope`` a tuple of part ids; targets also carry ``reason`` and ``removal``.
Record = dict[str, object]


@dataclass(frozen=True)
class FieldChange:
    """One field of an item: what is stored (None: nothing) and what the file states."""

    field: str
    old: object
    new: object


@dataclass(frozen=True)
class CatalogueChange:
    """What one row of the file does to an indicator or a target."""

    what: str  # "indicator" | "target"
    indicator_id: str
    part_id: str | None  # None for an indicator
    kind: str  # "new" | "changed" | "unchanged" | "removed"
    fields: tuple[FieldChange, ...]  # the changed fields (every field, old None, for a new item)
    reason: str | None


@dataclass(frozen=True)
class CatalogueResult:
    """The outcome of one catalogue import attempt (or dry run), with everything to show it.

    ``problems`` stop the import (each names sheet, row and column); ``warnings`` do not (a
    column ignored). ``changes`` (accepted only) has one entry per row, indicators first.
    ``import_id`` is the log row (None for a dry run); ``recorded_at`` when the new versions were
    recorded (None when nothing changed).
    """

    outcome: str  # "accepted" | "rejected"
    dry_run: bool
    file_name: str
    sha256: str
    size_bytes: int
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    changes: tuple[CatalogueChange, ...]
    import_id: int | None = None
    recorded_at: datetime | None = None

    @property
    def accepted(self) -> bool:
        return self.outcome == "accepted"

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """Changes per kind: ``{"indicator": {"new": n, ...}, "target": {..., "removed": n}}``."""
        kinds = {"indicator": CHANGE_KINDS[:3], "target": CHANGE_KINDS}
        return {
            what: {
                kind: sum(1 for c in self.changes if c.what == what and c.kind == kind)
                for kind in kinds[what]
            }
            for what in kinds
        }

    @property
    def to_write(self) -> tuple[CatalogueChange, ...]:
        """The changes that add a version: everything but ``unchanged``."""
        return tuple(change for change in self.changes if change.kind != "unchanged")


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _text(value: object) -> str | None:
    if _missing(value):
        return None
    text = str(value).strip()
    return text or None


def _number(value: object) -> float | None:
    return None if _missing(value) else float(value)


def _scope(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if value is None or not hasattr(value, "__iter__"):
        return ()
    return tuple(str(part) for part in value)


def indicator_record(values: Mapping[str, object]) -> Record:
    """An indicator in the comparable form, from typed values (a stored row or a parsed one)."""
    record: Record = {"indicator_id": _text(values["indicator_id"])}
    for field in INDICATOR_FIELDS:
        value = values.get(field)
        if field == "scope":
            record[field] = _scope(value)
        elif field == "decimals":
            record[field] = None if _missing(value) else int(value)
        elif field in NUMBER_FIELDS:
            record[field] = _number(value)
        else:
            record[field] = _text(value)
    return record


def target_record(values: Mapping[str, object]) -> Record:
    """A target row in the comparable form; ``removal`` when its four cells are all empty."""
    record: Record = {
        "indicator_id": _text(values["indicator_id"]),
        "part_id": _text(values["part_id"]),
    }
    for field in TARGET_FIELDS:
        value = values.get(field)
        record[field] = _number(value) if field in NUMBER_FIELDS else _text(value)
    record["reason"] = _text(values.get("reason"))
    record["removal"] = all(record[field] is None for field in TARGET_FIELDS)
    return record


def stored_indicators(frame: pd.DataFrame) -> dict[str, Record]:
    """The indicators in force (``catalogue_frames``) by id, in the comparable form."""
    return {
        str(record["indicator_id"]): record
        for record in (indicator_record(row) for row in frame.to_dict("records"))
    }


def stored_targets(frame: pd.DataFrame) -> dict[tuple[str, str], Record]:
    """The targets in force (``catalogue_frames``) by (indicator, part), comparable form."""
    return {
        (str(record["indicator_id"]), str(record["part_id"])): record
        for record in (target_record(row) for row in frame.to_dict("records"))
    }


def same(a: object, b: object) -> bool:
    """Whether two comparable cells state the same: numbers up to float noise, scope as a set."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, tuple) and isinstance(b, tuple):
        return set(a) == set(b)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=_TOLERANCE, abs_tol=_TOLERANCE)
    return a == b


def _compare(
    new: Record, old: Record | None, fields: Iterable[str]
) -> tuple[str, tuple[FieldChange, ...]]:
    if old is None:
        return "new", tuple(FieldChange(field, None, new[field]) for field in fields)
    differing = tuple(
        FieldChange(field, old[field], new[field])
        for field in fields
        if not same(old[field], new[field])
    )
    return ("changed" if differing else "unchanged"), differing


def indicator_change(new: Record, old: Record | None) -> CatalogueChange:
    kind, fields = _compare(new, old, INDICATOR_FIELDS)
    return CatalogueChange("indicator", str(new["indicator_id"]), None, kind, fields, None)


def target_change(new: Record, old: Record | None) -> CatalogueChange:
    """A target row against the stored one (None: none in force); a removal must have one."""
    indicator_id, part_id = str(new["indicator_id"]), str(new["part_id"])
    reason = _text(new["reason"])
    if new["removal"]:
        if old is None:
            raise ValueError(f"nothing to remove for {indicator_id} {part_id}")
        fields = tuple(FieldChange(field, old[field], None) for field in TARGET_FIELDS)
        return CatalogueChange("target", indicator_id, part_id, "removed", fields, reason)
    kind, fields = _compare(new, old, TARGET_FIELDS)
    return CatalogueChange("target", indicator_id, part_id, kind, fields, reason)


def changes(
    indicators: Iterable[Record],
    targets: Iterable[Record],
    indicators_stored: Mapping[str, Record],
    targets_stored: Mapping[tuple[str, str], Record],
) -> tuple[CatalogueChange, ...]:
    """Every row's change, indicators first, each in file order (the rows are valid)."""
    found = [
        indicator_change(row, indicators_stored.get(str(row["indicator_id"]))) for row in indicators
    ]
    found += [
        target_change(row, targets_stored.get((str(row["indicator_id"]), str(row["part_id"]))))
        for row in targets
    ]
    return tuple(found)

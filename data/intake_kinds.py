"""Each kind of quarter-file row with the steps that read, check and diff it: what lets
``data.intake`` take figures, action reports and duiding through one flow.

| kind | rules | diff |
|---|---|---|
| ``observations`` (figures) | ``data.intake_rules`` | ``data.intake_write.changes`` |
| ``actions`` | ``data.action_intake_rules`` | ``data.action_intake_changes.action_changes`` |
| ``narratives`` (duiding) | ``data.narrative_intake_rules`` | ``...narrative_changes`` |

Every step has the same shape, so a kind's catalogue is read only when a file holds that kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import duckdb
import pandas as pd

from data import action_intake_rules, intake_rules, narrative_intake_rules
from data.action_intake_changes import action_changes, narrative_changes
from data.intake_columns import ACTIONS, FIGURES, NARRATIVES
from data.intake_read import Problem, TextTable
from data.intake_result import AnyChange
from data.intake_write import changes

__all__ = ["STEPS", "RowSteps"]


@dataclass(frozen=True)
class RowSteps:
    """How one kind of row is taken in.

    ``rows_frame(table)`` -> (frame by spreadsheet row, skipped count); ``catalogue(con)`` ->
    what ``validate(frame, table, catalogue, latest=, sheet=)`` checks against (a list of
    problems); ``changes(con, frame)`` -> what each row of a valid frame does.
    """

    rows_frame: Callable[[TextTable], tuple[pd.DataFrame, int]]
    catalogue: Callable[[duckdb.DuckDBPyConnection], Any]
    validate: Callable[..., list[Problem]]
    changes: Callable[[duckdb.DuckDBPyConnection, pd.DataFrame], tuple[AnyChange, ...]]


STEPS: Final = {
    FIGURES: RowSteps(
        intake_rules.rows_frame, intake_rules.catalogue, intake_rules.validate, changes
    ),
    ACTIONS: RowSteps(
        action_intake_rules.rows_frame,
        action_intake_rules.catalogue,
        action_intake_rules.validate,
        action_changes,
    ),
    NARRATIVES: RowSteps(
        narrative_intake_rules.rows_frame,
        narrative_intake_rules.catalogue,
        narrative_intake_rules.validate,
        narrative_changes,
    ),
}

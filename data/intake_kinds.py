"""Each kind of quarter-file row with the steps that read, check and diff it: what lets
``data.intake`` take figures, action reports and duiding through one flow.

| kind | rules | diff |
|---|---|---|
| ``observations`` (figures) | ``data.intake_rules`` | ``data.intake_write.changes`` |
| ``actions`` | ``data.action_intake_rules`` | ``data.action_intake_changes.action_changes`` |
| ``narratives`` (duiding) | ``data.narrative_intake_rules`` | ``...narrative_changes`` |

Every step has the same shape (a rules module offers ``rows_frame``, ``catalogue``, ``rules`` and
``KEY``), so a kind's catalogue is read only when a file holds that kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Final

import duckdb
import pandas as pd

from data import action_intake_rules, intake_rules, narrative_intake_rules
from data.action_intake_changes import action_changes, narrative_changes
from data.intake_checks import Rule, check_rows
from data.intake_columns import ACTIONS, FIGURES, NARRATIVES
from data.intake_read import Problem, TextTable
from data.intake_result import AnyChange
from data.intake_write import changes

__all__ = ["STEPS", "RowSteps"]


@dataclass(frozen=True)
class RowSteps:
    """How one kind of row is taken in.

    ``rows_frame(table)`` -> (frame by spreadsheet row, skipped count); ``catalogue(con)`` ->
    what ``rules(catalogue, latest=)`` check against; ``key`` the row's key (stored column,
    file column); ``changes(con, frame)`` -> what each row of a valid frame does.
    """

    rows_frame: Callable[[TextTable], tuple[pd.DataFrame, int]]
    catalogue: Callable[[duckdb.DuckDBPyConnection], Any]
    rules: Callable[..., tuple[Rule, ...]]
    key: tuple[tuple[str, str], ...]
    changes: Callable[[duckdb.DuckDBPyConnection, pd.DataFrame], tuple[AnyChange, ...]]

    def check(
        self,
        con: duckdb.DuckDBPyConnection,
        frame: pd.DataFrame,
        table: TextTable,
        *,
        latest: str,
        sheet: str | None,
    ) -> list[Problem]:
        """Every problem of the rows in ``frame`` against the database ``con``, in reading
        order (``latest``: the latest quarter a file may report)."""
        rules = self.rules(self.catalogue(con), latest=latest)
        return check_rows(frame, table, rules, key=self.key, sheet=sheet)


def _steps(module: ModuleType, changes: Callable[..., tuple[AnyChange, ...]]) -> RowSteps:
    return RowSteps(module.rows_frame, module.catalogue, module.rules, module.KEY, changes)


STEPS: Final = {
    FIGURES: _steps(intake_rules, changes),
    ACTIONS: _steps(action_intake_rules, action_changes),
    NARRATIVES: _steps(narrative_intake_rules, narrative_changes),
}

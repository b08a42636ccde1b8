"""The quarter file's rows the acting user may not write, as problems by row and column.

A coordinator submits figures and action reports for its parts (and every part below them), an
editor duiding for any part, a coordinator duiding for its own parts
(``data.access_rules.may_submit``). A row for any other part is a problem at its ``part_id``
cell that names the part and the parts the user may submit for: the whole file is refused, so
nothing of it is written. A part the database does not know is left to the kind's own rules
(one mistake, one problem).

| function | returns |
|---|---|
| ``access_problems(con, actor, kind, frame, table, *, sheet)`` | the rows ``actor`` may not write |

Imports ``data.access_rules``, ``data.intake_checks``, ``data.intake_read``, ``data.sql``.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from data import sql
from data.access_rules import Actor, may_submit
from data.intake_checks import Rule, check_rows
from data.intake_read import Problem, TextTable

__all__ = ["NOT_YOUR_PART", "access_problems"]

# The problem's code (a key under ``intake.problem``).
NOT_YOUR_PART = "part_not_permitted"
_PART = "part_id"
_PART_IDS_SQL = "SELECT part_id FROM kingdom_parts ORDER BY sort_order"


def access_problems(
    con: duckdb.DuckDBPyConnection,
    actor: Actor,
    kind: str,
    frame: pd.DataFrame,
    table: TextTable,
    *,
    sheet: str | None,
) -> list[Problem]:
    """Every row of ``frame`` (one kind's rows, by spreadsheet row) that ``actor`` may not
    write, as a problem at its part cell."""
    if actor.unrestricted:
        return []
    known = [part for (part,) in sql.rows(con, _PART_IDS_SQL)]
    permitted = {part for part in known if may_submit(actor, kind, part)}
    yours = ", ".join(actor.granted_parts) or "-"

    def passes(rows: pd.DataFrame) -> pd.Series:
        return ~rows[_PART].isin(known) | rows[_PART].isin(permitted)

    rule = Rule(
        NOT_YOUR_PART, _PART, passes, lambda record: {"part": str(record[_PART]), "yours": yours}
    )
    return check_rows(frame, table, (rule,), key=((_PART, _PART),), sheet=sheet)

"""What a report reads from the database, once, at one vintage: the same uncached reads the pages
make through ``data.cache``, with the vintage passed down.

| name | what |
|---|---|
| ``Sources`` | every frame the report's sections are built from |
| ``read_sources(con, *, quarter, part_id, vintage, reference)`` | those frames |
| ``ReportRound`` | the quarter's reporting round: when what the report lists as new was recorded |

The reporting round of a quarter runs from the day after it ends to the end of the quarter after
it (its figures are due 45 days after its end), and never past the vintage. The report's "what
changed" (revised values, changed targets) and the import log list what was recorded in it, so
each revision, target change and import belongs to exactly one quarter's report.
Imports ``data``, ``metrics`` and ``ui.series_tables`` (which indicators apply to a part).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import duckdb
import pandas as pd

from data.actions import action_states, narratives
from data.assessment import series_values
from data.catalogue import target_history
from data.current_assessment import current_assessment
from data.import_log import import_log
from data.observations import value_history
from data.queries import Reference, indicator_catalogue
from data.rollup_scope import rollup_scope
from data.submission_status import unit_submission_status
from metrics.periods import quarter_end, shift_period
from ui.series_tables import applicable_indicators

__all__ = ["ReportRound", "Sources", "read_sources"]

# The import log is read newest first; years of quarterly imports of every unit fit far inside.
_IMPORT_LOG_LIMIT = 10_000


@dataclass(frozen=True)
class ReportRound:
    """``start`` <= recorded_at <= ``end``: the quarter's reporting round, up to the vintage."""

    start: datetime
    end: datetime

    @classmethod
    def of(cls, quarter: str, vintage: datetime) -> ReportRound:
        start = datetime.combine(quarter_end(quarter) + timedelta(days=1), time())
        next_start = datetime.combine(quarter_end(shift_period(quarter, 1)), time.max)
        return cls(start=start, end=min(vintage, next_start))

    def holds(self, moments: pd.Series) -> pd.Series:
        return (moments >= self.start) & (moments <= self.end)


@dataclass(frozen=True)
class Sources:
    """The report's data for ``quarter`` and ``part_id`` at ``vintage``.

    ``assessment`` and ``previous`` (the quarter before, None when it has no data) are
    ``data.current_assessment``; ``by_objective`` / ``by_line`` their roll-ups per part
    (``data.rollup_scope``); ``states`` and ``narratives`` ``data.actions``; ``values`` every
    series value up to the quarter (``data.assessment.series_values``); ``submissions`` the
    quarter's ``unit_submission_status`` seen at the vintage; ``imports`` the import log of the
    round; ``value_versions`` and ``target_versions`` every version of the values and target rows
    of the indicators that apply to the part, recorded by the vintage.
    """

    quarter: str
    part_id: str
    vintage: datetime
    round: ReportRound
    reference: Reference
    catalogue: pd.DataFrame
    assessment: pd.DataFrame
    previous: pd.DataFrame | None
    by_objective: pd.DataFrame
    by_line: pd.DataFrame
    states: pd.DataFrame
    narratives: pd.DataFrame
    values: pd.DataFrame
    submissions: pd.DataFrame
    imports: pd.DataFrame
    value_versions: pd.DataFrame
    target_versions: pd.DataFrame

    @property
    def parts(self) -> pd.DataFrame:
        return self.reference.kingdom_parts


def _versions(frames: list[pd.DataFrame], vintage: datetime) -> pd.DataFrame:
    joined = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if joined.empty:
        return joined
    return joined.loc[joined["recorded_at"] <= vintage].reset_index(drop=True)


def read_sources(
    con: duckdb.DuckDBPyConnection,
    *,
    quarter: str,
    part_id: str,
    vintage: datetime,
    reference: Reference,
) -> Sources:
    """Every read the report makes, at ``vintage`` (``quarter`` and ``part_id`` checked)."""
    catalogue = indicator_catalogue(con)
    assessment = current_assessment(con, as_of=quarter, vintage=vintage)
    before = shift_period(quarter, -1)
    previous = (
        current_assessment(con, as_of=before, vintage=vintage)
        if before in reference.quarters
        else None
    )
    in_scope = applicable_indicators(catalogue, reference.kingdom_parts, part_id=part_id)
    applicable = list(in_scope["indicator_id"])
    values = [value_history(con, indicator_id=i).assign(indicator_id=i) for i in applicable]
    targets = [target_history(con, indicator_id=i).assign(indicator_id=i) for i in applicable]
    log = import_log(con, limit=_IMPORT_LOG_LIMIT)
    report_round = ReportRound.of(quarter, vintage)
    return Sources(
        quarter=quarter,
        part_id=part_id,
        vintage=vintage,
        round=report_round,
        reference=reference,
        catalogue=catalogue,
        assessment=assessment,
        previous=previous,
        by_objective=rollup_scope(con, assessment, by=["objective_id"]),
        by_line=rollup_scope(con, assessment, by=["action_line_id"]),
        states=action_states(con, quarter=quarter, vintage=vintage),
        narratives=narratives(con, quarter=quarter, vintage=vintage),
        values=series_values(con, as_of=quarter, vintage=vintage),
        submissions=unit_submission_status(con, clock=vintage, part_id=part_id, quarters=[quarter]),
        imports=log.loc[report_round.holds(log["started_at"])].reset_index(drop=True),
        value_versions=_versions(values, vintage),
        target_versions=_versions(targets, vintage),
    )

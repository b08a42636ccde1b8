"""The quarterly exports: the assessment, the raw observations, the actions and the duiding, as CSV
or Parquet, by vintage.

The Export page, ``python cli.py export`` and bench/ all describe an export with one
``ExportRequest`` and call this module with it, so all of them produce the same bytes. The file
contract (columns, numbers, moments, neutralised text, the Parquet types) is ``data.export_sql``;
the CSV dialects are ``data.dialects``; the actions and duiding rows are ``data.export_actions``.
Translated texts are passed in by the caller (``ExportRequest.status_labels``, and
``ExportRequest.untranslated``, the mark of a Dutch narrative in an English file); names come
from the database's ``name_nl`` / ``name_en`` (priorities: ``summary_nl`` / ``summary_en``).

| name | what |
|---|---|
| ``ExportRequest(quarter, ...)`` | one export as asked; its ``file_name`` |
| ``export(con, request)`` | the file's bytes |
| ``write_export(con, target, request)`` | writes ``target`` atomically; rows, vintage |
| ``preview(con, request, *, limit)`` | the first rows as the file will have them |
| ``resolve_scope(con, request)`` | the request's parts, action lines and vintage, checked |
| ``parse_vintage(text)`` | an ISO-8601 moment as the naive UTC ``datetime`` the database stores |

Vintage: only observation, indicator, target, action report and duiding versions recorded at or
before the vintage count.
The default vintage is the newest ``recorded_at`` in the database (``last_change_at``), never the
wall clock, so the same quarter exported twice without a change in between gives the same bytes,
and an export at an old vintage gives the old file again after later corrections or catalogue
changes. Every row carries ``METHOD_VERSION`` (2: METHOD.md v2); the figures are the engine's,
already rounded there (``metrics.rounding``), so the file and the pages agree.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

import duckdb

from data.dialects import DIALECT_NAMES, DIALECTS
from data.export_sql import (
    ACTION_COLUMNS,
    ACTION_SOURCE,
    ASSESSMENT_COLUMNS,
    FRAME_SOURCE,
    NARRATIVE_COLUMNS,
    NARRATIVE_SOURCE,
    OBSERVATION_COLUMNS,
    STORED_SOURCE,
    STORED_STATUSES_SQL,
    copy_options,
    export_select,
)
from data.observations import last_change_at
from data.sql import cursor, rows
from metrics.constants import METHOD_VERSION
from metrics.errors import MetricError
from metrics.periods import parse_period

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ACTION_COLUMNS",
    "ASSESSMENT_COLUMNS",
    "FORMATS",
    "LANGUAGES",
    "NARRATIVE_COLUMNS",
    "OBSERVATION_COLUMNS",
    "WHATS",
    "ExportError",
    "ExportRequest",
    "ExportResult",
    "Scope",
    "export",
    "parse_vintage",
    "preview",
    "resolve_scope",
    "write_export",
]

WHATS: Final = ("assessment", "observations", "actions", "narrative")
FORMATS: Final = ("csv", "parquet")
LANGUAGES: Final = ("nl", "en")
# A file is named in its own language (``lang``), like its names and labels.
_FILE_STEMS: Final = {
    "nl": {
        "assessment": "voortgang",
        "observations": "waarnemingen",
        "actions": "acties",
        "narrative": "duiding",
    },
    "en": {
        "assessment": "progress",
        "observations": "observations",
        "actions": "actions",
        "narrative": "narrative",
    },
}


class ExportError(ValueError):
    """An export that cannot be made as asked; the message says which argument and why."""


def _choice(name: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise ExportError(f"{name} {value!r} is not one of {', '.join(allowed)}")
    return value


@dataclass(frozen=True)
class ExportRequest:
    """One export as asked: which rows (quarter, parts, action lines, vintage) in which file.

    Checked when made: a bad choice raises ``ExportError`` naming the argument, and ``quarter``
    is kept in its canonical form (``2025-q3`` -> ``2025Q3``); ``parts`` and ``action_lines``
    (empty: all) are kept as tuples and checked against the database when the export runs. A part
    brings itself and everything below it. ``vintage`` None means the database's last change.
    ``status_labels`` maps each status to its label in ``lang`` (the caller translates: the
    indicator statuses for the assessment, the action statuses for the actions); without it the
    label is the status name itself. ``untranslated`` is the mark after a Dutch narrative in an
    English actions or duiding file (``metrics.narrative``); empty: no mark. ``dialect`` is
    ignored for Parquet.
    """

    quarter: str
    parts: Collection[str] = ()
    action_lines: Collection[str] = ()
    what: str = "assessment"
    fmt: str = "csv"
    dialect: str = "standard"
    lang: str = "nl"
    vintage: datetime | None = None
    status_labels: Mapping[str, str] | None = None
    untranslated: str = ""

    def __post_init__(self) -> None:
        try:
            quarter = parse_period(self.quarter)
        except MetricError as error:
            raise ExportError(f"quarter: {error}") from None
        _choice("what", self.what, WHATS)
        _choice("format", self.fmt, FORMATS)
        _choice("dialect", self.dialect, DIALECT_NAMES)
        _choice("language", self.lang, LANGUAGES)
        # Frozen: the normalised values are set once, here.
        object.__setattr__(self, "quarter", quarter)
        object.__setattr__(self, "parts", tuple(self.parts))
        object.__setattr__(self, "action_lines", tuple(self.action_lines))

    @property
    def file_name(self) -> str:
        """The download's name, in the file's language: ``voortgang_2025Q3_excel-nl.csv``,
        ``waarnemingen_2025Q3.parquet`` (Parquet has no dialect), ``acties_2025Q3_standard.csv``,
        ``duiding_2025Q3.parquet``; in English ``progress_``, ``observations_``, ``actions_``,
        ``narrative_``."""
        stem = f"{_FILE_STEMS[self.lang][self.what]}_{self.quarter}"
        return f"{stem}.parquet" if self.fmt == "parquet" else f"{stem}_{self.dialect}.csv"


@dataclass(frozen=True)
class Scope:
    """What one export covers. ``None`` means "all"; ``vintage`` is resolved (None: no data)."""

    quarter: str
    part_ids: tuple[str, ...] | None
    action_line_ids: tuple[str, ...] | None
    vintage: datetime | None


@dataclass(frozen=True)
class ExportResult:
    rows: int
    vintage: datetime | None


def parse_vintage(text: str) -> datetime:
    """An ISO-8601 date or moment as naive UTC; an offset is converted to UTC first."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ExportError(
            f"vintage {text!r} is not an ISO-8601 moment like 2026-11-28T09:00:00"
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


_PARTS_SQL = "SELECT part_id FROM kingdom_parts ORDER BY sort_order"
# The chosen parts and everything under them (the part_tree view), in the hierarchy's order.
_PARTS_UNDER_SQL = """
SELECT parts.part_id
FROM kingdom_parts AS parts
WHERE EXISTS (
    SELECT 1
    FROM part_tree AS tree
    WHERE tree.part_id = parts.part_id
        AND list_contains($parts, tree.ancestor_id)
)
ORDER BY parts.sort_order
"""
_ACTION_LINES_SQL = "SELECT action_line_id FROM action_lines ORDER BY sort_order"


def resolve_scope(con: duckdb.DuckDBPyConnection, request: ExportRequest) -> Scope:
    """The request's scope, checked against the database; a part brings everything below it."""
    known_parts = [part_id for (part_id,) in rows(con, _PARTS_SQL)]
    unknown = sorted(set(request.parts) - set(known_parts))
    if unknown:
        raise ExportError(
            f"unknown part {', '.join(unknown)}; known parts: {', '.join(known_parts)}"
        )
    part_ids = None
    if request.parts:
        under = rows(con, _PARTS_UNDER_SQL, {"parts": list(request.parts)})
        part_ids = tuple(part_id for (part_id,) in under)

    known_lines = [line for (line,) in rows(con, _ACTION_LINES_SQL)]
    unknown = sorted(set(request.action_lines) - set(known_lines))
    if unknown:
        raise ExportError(
            f"unknown action line {', '.join(unknown)}; known action lines: "
            f"{', '.join(known_lines)}"
        )
    chosen = set(request.action_lines)
    action_line_ids = tuple(line for line in known_lines if line in chosen) or None

    return Scope(
        quarter=request.quarter,
        part_ids=part_ids,
        action_line_ids=action_line_ids,
        vintage=request.vintage if request.vintage is not None else last_change_at(con),
    )


def _status_labels(request: ExportRequest, statuses: Collection[str]) -> dict[str, object]:
    """The label parameters for the statuses the rows have; the label is the status without
    ``status_labels``. Raises ValueError when ``status_labels`` lacks one of them."""
    present = sorted(statuses)
    labels = request.status_labels
    if labels is None:
        texts = present
    else:
        missing = [status for status in present if status not in labels]
        if missing:
            raise ValueError(f"status_labels has no label for {', '.join(missing)}")
        texts = [labels[status] for status in present]
    return {"label_statuses": present, "label_texts": texts}


def _assessment_rows(
    con: duckdb.DuckDBPyConnection,
    cur: duckdb.DuckDBPyConnection,
    request: ExportRequest,
    scope: Scope,
) -> tuple[str, dict[str, object]]:
    """Where ``cur`` reads the assessment rows from, and the parameters they need."""
    # Imported here: the engine is only needed for the assessment export.
    from data.current_assessment import current_assessment, is_stored

    parameters: dict[str, object] = {"method_version": METHOD_VERSION}
    if is_stored(con, as_of=scope.quarter, vintage=scope.vintage):
        # The same rows current_assessment() would read into pandas, read in place.
        statuses = {
            status for (status,) in rows(con, STORED_STATUSES_SQL, {"quarter": scope.quarter})
        }
        return STORED_SOURCE, parameters | _status_labels(request, statuses)
    # Not stored (another quarter, a past vintage, a stale table): computed at the vintage.
    frame = current_assessment(con, as_of=scope.quarter, vintage=scope.vintage)
    labels = _status_labels(request, set(frame["status"].dropna()))
    cur.register(FRAME_SOURCE, frame)
    return FRAME_SOURCE, parameters | labels


# The actions and duiding exports: the name their rows' frame is registered under.
_ACTION_SOURCES: Final = {"actions": ACTION_SOURCE, "narrative": NARRATIVE_SOURCE}


def _action_rows(
    con: duckdb.DuckDBPyConnection,
    cur: duckdb.DuckDBPyConnection,
    request: ExportRequest,
    scope: Scope,
) -> dict[str, object]:
    """Register the actions or duiding rows at the vintage on ``cur``; the parameters they need
    (the actions: their status labels)."""
    from data.export_actions import action_export_frame  # pandas: only these exports need it

    rows_frame = action_export_frame(
        con,
        request.what,
        quarter=scope.quarter,
        vintage=scope.vintage,
        lang=request.lang,
        untranslated=request.untranslated,
    )
    cur.register(_ACTION_SOURCES[request.what], rows_frame)
    if request.what != "actions":
        return {}
    return _status_labels(request, set(rows_frame["status"]))


@dataclass(frozen=True)
class _Query:
    """The file's SELECT, ready to run on ``cursor`` with ``parameters``."""

    cursor: duckdb.DuckDBPyConnection
    select: str
    parameters: dict[str, object]
    scope: Scope


@contextlib.contextmanager
def _query(con: duckdb.DuckDBPyConnection, request: ExportRequest) -> Iterator[_Query]:
    """The set-up the file and its preview share: scope, rows in reach, the SELECT."""
    scope = resolve_scope(con, request)
    parameters: dict[str, object] = {
        "quarter": scope.quarter,
        "vintage": scope.vintage,
        "lang": request.lang,
        "parts": list(scope.part_ids) if scope.part_ids is not None else None,
        "action_lines": (
            list(scope.action_line_ids) if scope.action_line_ids is not None else None
        ),
    }
    with cursor(con) as cur:
        source = FRAME_SOURCE
        if request.what == "assessment":
            source, extra = _assessment_rows(con, cur, request, scope)
            parameters |= extra
        elif request.what in _ACTION_SOURCES:
            parameters |= _action_rows(con, cur, request, scope)
        select = export_select(request.what, request.fmt, DIALECTS[request.dialect], source)
        yield _Query(cur, select, parameters, scope)


def _copy(con: duckdb.DuckDBPyConnection, request: ExportRequest, target: Path) -> ExportResult:
    with _query(con, request) as query:
        options = copy_options(request.fmt, DIALECTS[request.dialect])
        sql = f"COPY ({query.select}) TO $target {options}"
        parameters = query.parameters | {"target": str(target)}
        copied = query.cursor.execute(sql, parameters).fetchall()[0][0]
    return ExportResult(rows=int(copied), vintage=query.scope.vintage)


def write_export(
    con: duckdb.DuckDBPyConnection, target: Path | str, request: ExportRequest
) -> ExportResult:
    """Write the export to ``target`` atomically: a temporary file beside it, then a rename.

    A failure leaves ``target`` as it was.
    """
    target = Path(target)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    os.close(handle)
    try:
        result = _copy(con, request, Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return result


def export(con: duckdb.DuckDBPyConnection, request: ExportRequest) -> bytes:
    """The export's bytes (the same as ``write_export`` writes)."""
    with tempfile.TemporaryDirectory(prefix="monitor-export-") as directory:
        target = Path(directory) / "export"
        write_export(con, target, request)
        return target.read_bytes()


def preview(
    con: duckdb.DuckDBPyConnection, request: ExportRequest, *, limit: int = 20
) -> pd.DataFrame:
    """The first ``limit`` rows as the file has them: CSV cells as text, Parquet cells typed."""
    with _query(con, request) as query:
        sql = f"{query.select}\nLIMIT $limit"
        frame = query.cursor.execute(sql, query.parameters | {"limit": int(limit)}).df()
    # The BOM belongs to the file, not to the column's name.
    return frame.rename(columns=lambda name: name.lstrip("\ufeff"))

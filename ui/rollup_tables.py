"""The roll-up frames pages show: the headline, the distributions and the action-line matrix.

Pages pass in roll-ups from ``data.cache.rollups`` (keyed by ``scope_part_id`` and a grouping
such as objective_id or action_line_id) and get back labelled frames and matrix rows (and,
for the Kingdom at a glance, each part's whole roll-up as a cell: ``part_cells``). Totals
over several roll-up rows come from ``metrics.rollup.rollup_totals``, so the share on track has
one definition. Pure pandas; no streamlit, no SQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from metrics.constants import STATUSES
from metrics.rollup import rollup_totals
from ui.action_rollups import ActionCell, action_cells
from ui.format import format_share
from ui.group_rows import labelled_groups
from ui.heat import spoken_counts
from ui.i18n import t
from ui.kingdom import name_column, part_labels, part_level
from ui.palette import status_text
from ui.table_layout import MAIN_WIDTH, Column, shares
from ui.texts import counts_text, present

__all__ = [
    "MatrixCell",
    "MatrixRow",
    "counted_level",
    "distribution_layout",
    "distribution_rows",
    "distribution_table",
    "headline",
    "matrix_rows",
    "matrix_table",
    "part_cells",
    "part_distribution_rows",
    "rollup_cell",
]

_COUNTS = (*STATUSES, "n_series", "n_assessed")


def _scope_rollup(rollups: pd.DataFrame, part_id: str) -> pd.DataFrame:
    return rollups.loc[rollups["scope_part_id"] == part_id]


def headline(rollups: pd.DataFrame, part_id: str) -> dict[str, float]:
    """The whole part's roll-up (status counts, n_series, n_assessed, share_on_track) as a dict.

    ``rollups`` is keyed by scope_part_id and a grouping (objective_id, action_line_id); the
    part's rows are totalled by ``metrics.rollup.rollup_totals``. No assessed series: share None.
    """
    totals = rollup_totals(_scope_rollup(rollups, part_id)).iloc[0]
    result: dict[str, float] = {name: int(totals[name]) for name in _COUNTS}
    share = totals["share_on_track"]
    result["share_on_track"] = float(share) if present(share) else None
    return result


def _zero_filled(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """``frame`` with its counts as integers (0 for groups without series), keys first."""
    for column in _COUNTS:
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame[["label", *keys, *_COUNTS, "share_on_track"]]


def distribution_rows(
    rollups: pd.DataFrame, names: pd.DataFrame, *, key: str, part_id: str, lang: str
) -> pd.DataFrame:
    """Status counts per ``key`` (objective_id, action_line_id) inside ``part_id``, labelled,
    in the order of ``names`` (which has ``key`` and name columns); groups without series too."""
    frame = labelled_groups(rollups, names, key=key, part_id=part_id, lang=lang)
    return _zero_filled(frame, [key])


def part_distribution_rows(
    rollups: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    action_line_id: str,
    part_ids: Sequence[str],
    lang: str,
) -> pd.DataFrame:
    """Status counts of one action line per part in ``part_ids`` (rollups keyed by scope_part_id
    and action_line_id), labelled with the parts' names; parts without series get zeros."""
    rows = rollups.loc[rollups["action_line_id"] == action_line_id]
    names = pd.DataFrame(
        {
            "scope_part_id": list(part_ids),
            "label": list(part_labels(parts, part_ids, lang).values()),
        }
    )
    return _zero_filled(names.merge(rows, on="scope_part_id", how="left"), ["scope_part_id"])


def distribution_table(rows: pd.DataFrame, *, key_label: str, lang: str) -> pd.DataFrame:
    """The table beside a distribution chart: one column per status, labelled with its symbol,
    the number of series and the share on track in percentage points (``Float64``)."""
    table = {key_label: list(rows["label"])}
    for status in STATUSES:
        table[status_text(status, lang)] = list(rows[status])
    table[t("table.n_series", lang)] = list(rows["n_series"])
    # A number (percentage points), so that a click on the header sorts by it.
    table[t("tables.col.share_on_track", lang)] = shares(rows["share_on_track"]).array
    return pd.DataFrame(table)


def distribution_layout(key_label: str, lang: str) -> dict[str, Column]:
    """``distribution_table``'s columns laid out to fit at 1366 px: the group's name, the counts
    (whole numbers, the status in words as each header's help) and the share on track."""
    counted = [status_text(status, lang) for status in STATUSES] + [t("table.n_series", lang)]
    first = 220
    share_label = t("tables.col.share_on_track", lang)
    width = (MAIN_WIDTH - first) // (len(counted) + 1)
    return {
        key_label: Column(first),
        **{label: Column(width, "count", help=label) for label in counted},
        share_label: Column(width, "share", help=share_label),
    }


@dataclass(frozen=True)
class MatrixCell:
    """One roll-up as the matrix and the Action lines page show it.

    ``text`` is the distribution in symbols with the share on track (``▲ 3 · ✖ 1 (50%)``),
    ``words`` the same counts in words, ``level`` which series are counted (the reported series of
    an island or country, or those inside a part: never the value derived for the part itself),
    ``help`` the two together, for a tooltip; ``is_entity`` whether the part is an island or
    country (whose own series are the ones counted); ``score`` the mean score of the assessed
    series (None when nothing is assessed: the heat map's colour, ``ui.palette.score_colour``)
    and ``spoken`` the counts as a screen reader says them (``1 bereikt, 2 matig``).
    """

    part_id: str
    text: str
    help: str
    n_series: int
    level: str
    words: str
    is_entity: bool
    score: float | None
    spoken: str


@dataclass(frozen=True)
class MatrixRow:
    """One action line across the parts: per part its series cell and, in the same order, its
    actions cell (``ui.action_rollups.ActionCell``), never merged into one."""

    action_line_id: str
    label: str
    cells: tuple[MatrixCell, ...]
    actions: tuple[ActionCell, ...] = ()


def counted_level(parts: pd.DataFrame, part_id: str, lang: str) -> str:
    """Which series a roll-up of ``part_id`` counts, in words: an island's or country's own
    reported series; for a part, its islands' and countries' series, not the value derived for
    the part; for the Kingdom, those and the Kingdom-wide series."""
    name = part_labels(parts, [part_id], lang)[part_id]
    return t(f"matrix_counted.level_{part_level(parts, part_id)}", lang, part=name)


def _rollup_cell(
    row: pd.Series | None, part_id: str, *, level: str, is_entity: bool, lang: str
) -> MatrixCell:
    n_series = int(row["n_series"]) if row is not None else 0
    score = None
    if n_series == 0:
        text = t("overview.matrix_empty_cell", lang)
        words = spoken = t("matrix_counted.none", lang)
    else:
        score = float(row["mean_score"]) if present(row["mean_score"]) else None
        spoken = spoken_counts(row, lang)
        share = row["share_on_track"]
        text = counts_text(row)
        if present(share):
            text += f" ({format_share(share, lang)})"
        words = "; ".join(
            f"{t(f'status.{status}', lang)}: {int(row[status])}"
            for status in STATUSES
            if int(row[status]) > 0
        )
    return MatrixCell(
        part_id, text, f"{level}: {words}", n_series, level, words, is_entity, score, spoken
    )


def rollup_cell(
    rollups: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    action_line_id: str,
    part_id: str,
    lang: str,
) -> MatrixCell:
    """The matrix cell of one action line and part, for a page that shows it on its own (the
    Action lines page, opened from that cell): the same counts, the same words."""
    rows = rollups.loc[
        (rollups["scope_part_id"] == part_id) & (rollups["action_line_id"] == action_line_id)
    ]
    row = rows.iloc[0] if len(rows) else None
    level = counted_level(parts, part_id, lang)
    return _rollup_cell(
        row, part_id, level=level, is_entity=part_level(parts, part_id) == "entity", lang=lang
    )


def part_cells(
    rollups: pd.DataFrame, parts: pd.DataFrame, *, part_ids: Sequence[str], lang: str
) -> dict[str, MatrixCell]:
    """Each of ``part_ids``' whole roll-up (every group of ``rollups`` totalled by
    ``metrics.rollup.rollup_totals``) as a cell like the matrix's: counts, words, mean score. A
    part without series gets the empty cell."""
    inside = rollups.loc[rollups["scope_part_id"].isin(list(part_ids))]
    totals = rollup_totals(inside, by=["scope_part_id"]).set_index("scope_part_id")
    cells = {}
    for part_id in part_ids:
        row = totals.loc[part_id] if part_id in totals.index else None
        cells[part_id] = _rollup_cell(
            row,
            part_id,
            level=counted_level(parts, part_id, lang),
            is_entity=part_level(parts, part_id) == "entity",
            lang=lang,
        )
    return cells


def matrix_rows(
    rollups: pd.DataFrame,
    action_lines: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_ids: Sequence[str],
    lang: str,
    action_rollups: pd.DataFrame | None = None,
) -> list[MatrixRow]:
    """One row per action line, one cell per part: the roll-up as symbols and counts.

    ``rollups`` is keyed by scope_part_id and action_line_id (non-derived series only, see
    ``data.rollup_scope``). A cell's text is its distribution (``▲ 3 · ✖ 1``) and its share on
    track; its help says which series are counted and spells the statuses out in words; it
    carries its mean score (the heat map's colour) and its counts as spoken words. With
    ``action_rollups`` (``ui.action_rollups.action_rollups`` by action_line_id), each row also
    holds the actions cell of every part (``ui.action_rollups.action_cells``).
    """
    line_ids = list(action_lines["action_line_id"])
    actions = (
        action_cells(action_rollups, parts, action_line_ids=line_ids, part_ids=part_ids, lang=lang)
        if action_rollups is not None
        else {}
    )
    indexed = rollups.set_index(["scope_part_id", "action_line_id"])
    levels = {part_id: counted_level(parts, part_id, lang) for part_id in part_ids}
    entities = {part_id: part_level(parts, part_id) == "entity" for part_id in part_ids}
    result = []
    for _, line in action_lines.iterrows():
        cells = []
        for part_id in part_ids:
            key = (part_id, line["action_line_id"])
            row = indexed.loc[key] if key in indexed.index else None
            cells.append(
                _rollup_cell(
                    row, part_id, level=levels[part_id], is_entity=entities[part_id], lang=lang
                )
            )
        label = f"{line['action_line_id']} · {line[name_column(lang)]}"
        row_actions = tuple(
            actions[(line["action_line_id"], part_id)] for part_id in part_ids if actions
        )
        result.append(MatrixRow(line["action_line_id"], label, tuple(cells), row_actions))
    return result


def matrix_table(rows: Sequence[MatrixRow], labels: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The matrix as a plain table (for copying into a spreadsheet, and for screen readers): per
    part a column of its series and, where the rows hold them, a column of its actions."""
    table: dict[str, list[str]] = {t("table.action_line", lang): [row.label for row in rows]}
    with_actions = any(row.actions for row in rows)
    for position, part_id in enumerate(labels):
        if not with_actions:
            table[labels[part_id]] = [row.cells[position].text for row in rows]
            continue
        series = t("action_rollups.matrix_series_column", lang, part=labels[part_id])
        actions = t("action_rollups.matrix_actions_column", lang, part=labels[part_id])
        table[series] = [row.cells[position].text for row in rows]
        table[actions] = [row.actions[position].text for row in rows]
    return pd.DataFrame(table)

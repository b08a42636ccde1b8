"""What changed since the previous quarter, for the report's summary: the series and the actions
whose status changed (the Overview's tables), the values revised and the targets changed in the
quarter's reporting round (``report.content_sources.ReportRound``), and the units whose
submission for the quarter is late, partial or missing (``data.submission_status`` at the
vintage).
"""

from __future__ import annotations

import pandas as pd

from metrics.periods import shift_period
from report.content_sources import Sources
from report.content_tables import frame_table, moment_text, series_labels
from report.model import NOTE, Block, Heading, Paragraph
from ui import series_tables
from ui.action_tables import actions_in_view
from ui.action_tables import status_changes as action_changes
from ui.format import format_number
from ui.i18n import t
from ui.kingdom import name_column, part_labels, subtree
from ui.target_history import history_table
from ui.texts import present

__all__ = ["change_blocks", "revised_values", "round_note", "target_changes", "unsubmitted"]

# The submission statuses the summary lists: what has not (all) come in, or came in late.
_UNSUBMITTED = ("late", "partial", "missing")


def revised_values(sources: Sources, *, lang: str) -> pd.DataFrame:
    """Every value inside the part, for the quarter or before, whose new version was recorded in
    the quarter's reporting round: the value before and after, its marker and note."""
    key = ["indicator_id", "part_id", "period"]
    versions = sources.value_versions
    if versions.empty:
        versions = pd.DataFrame(columns=[*key, "value", "flag", "note", "recorded_at"])
    versions = versions.loc[
        versions["part_id"].isin(subtree(sources.parts, sources.part_id))
        & (versions["period"] <= sources.quarter)
    ].sort_values([*key, "recorded_at"], kind="stable")
    versions = versions.assign(previous_value=versions.groupby(key)["value"].shift())
    rows = versions.loc[
        versions.groupby(key).cumcount().gt(0) & sources.round.holds(versions["recorded_at"])
    ]
    decimals = [_decimals(sources)[i] for i in rows["indicator_id"]]
    return pd.DataFrame(
        {
            **series_labels(rows, sources.catalogue, sources.parts, lang=lang),
            t("table.period", lang): list(rows["period"]),
            t("report.column.previous_value", lang): [
                format_number(v, d, lang)
                for v, d in zip(rows["previous_value"], decimals, strict=True)
            ],
            t("table.value", lang): [
                format_number(v, d, lang) for v, d in zip(rows["value"], decimals, strict=True)
            ],
            t("table.flag", lang): [t(f"obs_flag.{flag}", lang) for flag in rows["flag"]],
            t("table.note", lang): [note if present(note) else "" for note in rows["note"]],
            t("table.recorded_at", lang): [moment_text(m) for m in rows["recorded_at"]],
        }
    )


def _decimals(sources: Sources) -> dict[str, int]:
    catalogue = sources.catalogue
    return {
        i: int(d) for i, d in zip(catalogue["indicator_id"], catalogue["decimals"], strict=True)
    }


def target_changes(sources: Sources, *, lang: str) -> pd.DataFrame:
    """Every change or removal of a baseline or target bearing on the part (its own rows, those
    below it, the defaults above it) recorded in the quarter's reporting round, per indicator:
    the Indicator page's target history (``ui.target_history.history_table``), without who."""
    versions = sources.target_versions
    if versions.empty:
        return pd.DataFrame()
    names = dict(
        zip(sources.catalogue["indicator_id"], sources.catalogue[name_column(lang)], strict=True)
    )
    decimals = _decimals(sources)
    when, change = t("target_history.col.recorded_at", lang), t("target_history.col.change", lang)
    tables = []
    for indicator_id, history in versions.groupby("indicator_id", sort=False):
        known = history.loc[history["recorded_at"] <= sources.round.end]
        table = history_table(
            known.drop(columns="indicator_id"),
            sources.parts,
            part_id=sources.part_id,
            decimals=decimals[indicator_id],
            lang=lang,
            with_users=False,
        )
        # The history's moments to the minute; the round starts at midnight, so none is cut.
        recorded = pd.to_datetime(table[when], format="%Y-%m-%d %H:%M")
        keep = (recorded >= sources.round.start) & (table[change] != t("target_history.new", lang))
        if keep.any():
            tables.append(
                table.loc[keep].assign(
                    **{t("table.indicator", lang): f"{indicator_id} · {names[indicator_id]}"}
                )
            )
    if not tables:
        return pd.DataFrame()
    joined = pd.concat(tables, ignore_index=True)
    first = t("table.indicator", lang)
    return joined[[first, *(column for column in joined.columns if column != first)]]


def unsubmitted(sources: Sources, *, lang: str) -> pd.DataFrame:
    """The units under the part whose figures or action reports for the quarter are late,
    partial or missing, as seen at the vintage: per kind, received of expected."""
    rows = sources.submissions.loc[sources.submissions["status"].isin(_UNSUBMITTED)]
    parts = part_labels(sources.parts, list(sources.parts["part_id"]), lang)

    def counts(kind: str) -> list[str]:
        """Each unit's ``kind`` (figures, actions): received of expected, and how many late."""
        cells = []
        for expected, received, late in zip(
            rows[f"{kind}_expected"],
            rows[f"{kind}_received"],
            rows[f"{kind}_received_late"],
            strict=True,
        ):
            key = "template_actions.status.count_late" if late else "template_actions.status.count"
            cells.append(
                t(key, lang, received=received, expected=expected, late=late)
                if expected
                else t("intake.status.none", lang)
            )
        return cells

    return pd.DataFrame(
        {
            t("intake.status.unit", lang): [parts[p] for p in rows["part_id"]],
            t("report.column.submission", lang): [
                t(f"intake.status.{status}", lang) for status in rows["status"]
            ],
            t("template_actions.kind.figures", lang): counts("figures"),
            t("template_actions.kind.actions", lang): counts("actions"),
        }
    )


def _table_or_note(frame: pd.DataFrame, empty: str, lang: str) -> Block:
    """``frame`` as a table (its values right-aligned), or the sentence ``empty``."""
    if frame.empty:
        return Paragraph(empty, NOTE)
    numbers = (
        "report.column.previous_value",
        "table.value",
        "target_history.col.baseline",
        "target_history.col.target",
    )
    return frame_table(frame, lang=lang, numeric={t(key, lang) for key in numbers})


def round_note(sources: Sources, lang: str) -> Paragraph:
    """Which moments the quarter's reporting round covers, in a note."""
    window = {
        "start": moment_text(sources.round.start.date()),
        "end": moment_text(sources.round.end),
    }
    return Paragraph(t("report.changes.round", lang, quarter=sources.quarter, **window), NOTE)


def change_blocks(sources: Sources, *, part_name: str, lang: str) -> list[Block]:
    """Heading 2 "What changed since <previous>", then per kind of change a heading 3 and its
    table, or a sentence saying there is none."""
    parts, part_id, quarter = sources.parts, sources.part_id, sources.quarter
    before = shift_period(quarter, -1)
    blocks: list[Block] = [
        Heading(t("overview.changes_heading", lang, previous=before), 2),
        Heading(t("report.changes.series", lang), 3),
    ]
    if sources.previous is None:
        blocks.append(Paragraph(t("empty.no_previous", lang), NOTE))
    else:
        series = series_tables.status_changes(
            sources.assessment,
            sources.previous,
            sources.catalogue,
            parts,
            part_id=part_id,
            lang=lang,
        )
        empty = t("empty.no_changes", lang, part=part_name, previous=before)
        blocks.append(_table_or_note(series, empty, lang))
    actions = action_changes(
        actions_in_view(sources.states, parts, part_id=part_id), parts, lang=lang
    )
    blocks += [
        Heading(t("report.changes.actions", lang), 3),
        _table_or_note(actions, t("actions.no_changes", lang, previous=before), lang),
    ]
    blocks += [
        Heading(t("report.changes.revisions", lang), 3),
        round_note(sources, lang),
        _table_or_note(
            revised_values(sources, lang=lang),
            t("report.changes.no_revisions", lang, part=part_name),
            lang,
        ),
        Heading(t("report.changes.targets", lang), 3),
        _table_or_note(
            target_changes(sources, lang=lang),
            t("report.changes.no_targets", lang, part=part_name),
            lang,
        ),
        Heading(t("report.changes.submissions", lang, quarter=quarter), 3),
        _table_or_note(
            unsubmitted(sources, lang=lang),
            t("report.changes.all_submitted", lang, part=part_name, quarter=quarter),
            lang,
        ),
    ]
    return blocks

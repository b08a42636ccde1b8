"""The report's annex: the method in brief with its thresholds and the action statuses (the
Method page's tables, ``ui.method``), the sources of the indicators that apply to the part, the
values inside it that are provisional or estimated, its stale series, and the import log of the
quarter's reporting round (without who imported: the document leaves the application).
"""

from __future__ import annotations

import pandas as pd

from metrics import constants
from report.content_changes import round_note
from report.content_sources import Sources
from report.content_tables import frame_table, moment_text, series_labels
from report.model import BODY, NOTE, Block, Heading, Paragraph
from ui.format import format_number
from ui.headline_series import headline_series
from ui.i18n import t
from ui.kingdom import part_labels, subtree
from ui.method import action_status_table, sources_table, thresholds_table
from ui.series_tables import applicable_indicators
from ui.texts import latest_text

__all__ = ["annex_blocks", "flagged_values", "import_table", "stale_series"]

_FLAGGED = ("provisional", "estimated")


def flagged_values(sources: Sources, *, lang: str) -> pd.DataFrame:
    """Every value reported inside the part up to the quarter, as known at the vintage, that is
    marked provisional or estimated (derived part values carry their members' markers and are
    left out)."""
    values = sources.values
    rows = values.loc[
        values["part_id"].isin(subtree(sources.parts, sources.part_id))
        & ~values["is_derived"].astype(bool)
        & values["flag"].isin(_FLAGGED)
    ]
    catalogue = sources.catalogue.set_index("indicator_id")
    return pd.DataFrame(
        {
            **series_labels(rows, sources.catalogue, sources.parts, lang=lang),
            t("table.period", lang): list(rows["period"]),
            t("table.value", lang): [
                format_number(value, int(catalogue.at[i, "decimals"]), lang)
                for i, value in zip(rows["indicator_id"], rows["value"], strict=True)
            ],
            t("table.flag", lang): [t(f"obs_flag.{flag}", lang) for flag in rows["flag"]],
        }
    )


def stale_series(sources: Sources, *, lang: str) -> pd.DataFrame:
    """The series the part counts whose latest value is older than their frequency allows."""
    counted = headline_series(sources.assessment, sources.parts, part_id=sources.part_id)
    rows = counted.loc[counted["stale"].astype(bool)]
    catalogue = sources.catalogue.set_index("indicator_id")
    return pd.DataFrame(
        {
            **series_labels(rows, sources.catalogue, sources.parts, lang=lang),
            t("table.latest", lang): [
                latest_text(row, int(catalogue.at[row["indicator_id"], "decimals"]), lang)
                for row in rows.to_dict("records")
            ],
            t("indicator.frequency", lang): [
                t(f"frequency.{catalogue.at[i, 'frequency']}", lang) for i in rows["indicator_id"]
            ],
        }
    )


def import_table(sources: Sources, *, lang: str) -> pd.DataFrame:
    """The import attempts of the quarter's reporting round, newest first (the Data page's
    import log, without the user)."""
    log = sources.imports
    return pd.DataFrame(
        {
            t("intake.log.when", lang): [moment_text(moment) for moment in log["started_at"]],
            t("intake.log.kind", lang): [t(f"intake.log_kind.{k}", lang) for k in log["kind"]],
            t("intake.log.file", lang): list(log["file_name"]),
            t("intake.log.outcome", lang): [t(f"intake.outcome.{o}", lang) for o in log["outcome"]],
            t("intake.log.accepted_rows", lang): [int(n) for n in log["rows_accepted"]],
            t("intake.log.rejected_rows", lang): [int(n) for n in log["rows_rejected"]],
        }
    )


def _table_or_note(frame: pd.DataFrame, empty: str, lang: str, numeric: set[str]) -> Block:
    return frame_table(frame, lang=lang, numeric=numeric) if len(frame) else Paragraph(empty, NOTE)


def _section(heading: str, frame: pd.DataFrame, empty: str, lang: str) -> list[Block]:
    numeric = {t("table.value", lang), t("table.latest", lang)}
    return [Heading(heading, 2), _table_or_note(frame, empty, lang, numeric)]


def annex_blocks(sources: Sources, *, lang: str) -> list[Block]:
    """Heading 1 "Annex" and its sections, each a heading 2 with a table or a sentence."""
    part_id, quarter = sources.part_id, sources.quarter
    part_name = part_labels(sources.parts, [part_id], lang)[part_id]
    method = t(
        "report.annex.method",
        lang,
        version=constants.METHOD_VERSION,
        baseline=constants.DEFAULT_BASELINE_PERIOD,
        target=constants.DEFAULT_TARGET_PERIOD,
        min_points=constants.MIN_TREND_POINTS,
    )
    actions = t("report.annex.actions", lang, stale_after=constants.ACTION_STALE_AFTER_QUARTERS)
    applicable = applicable_indicators(sources.catalogue, sources.parts, part_id=part_id)
    return [
        Heading(t("report.annex.heading", lang), 1),
        Heading(t("report.annex.method_heading", lang), 2),
        Paragraph(method, BODY),
        frame_table(
            thresholds_table(lang), lang=lang, caption=t("method.thresholds_heading", lang)
        ),
        Paragraph(actions, BODY),
        frame_table(
            action_status_table(lang), lang=lang, caption=t("method_actions.heading", lang)
        ),
        *_section(
            t("method.sources_heading", lang),
            sources_table(applicable, lang) if len(applicable) else pd.DataFrame(),
            t("empty.no_series", lang, part=part_name),
            lang,
        ),
        *_section(
            t("report.annex.flagged_heading", lang),
            flagged_values(sources, lang=lang),
            t("report.annex.no_flagged", lang, part=part_name, quarter=quarter),
            lang,
        ),
        *_section(
            t("report.annex.stale_heading", lang),
            stale_series(sources, lang=lang),
            t("report.annex.no_stale", lang, part=part_name),
            lang,
        ),
        Heading(t("report.annex.imports_heading", lang, quarter=quarter), 2),
        round_note(sources, lang),
        _table_or_note(
            import_table(sources, lang=lang), t("report.annex.no_imports", lang), lang, set()
        ),
    ]

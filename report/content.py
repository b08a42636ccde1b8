"""The progress report's content: the document model (``report.model``) filled from the database
with the same data, words and figures the pages show.

``build_report(con, *, quarter, part_id, lang, vintage=None)`` reads everything once at one
vintage (``report.content_sources``) and composes, in the issue's order:

| section | module (``report.``) | what |
|---|---|---|
| cover | ``content`` | title, quarter, part, vintage, method version, demo notice |
| summary | ``content_summary`` | status per objective; what changed (``content_changes``) |
| body | ``content_lines`` | per objective and action line: duiding, actions, indicators, charts |
| profiles | ``content_parts`` | the Kingdom report only: one page per part of the Kingdom |
| annex | ``content_annex`` | method, thresholds, sources, flagged values, stale series, imports |

The vintage is the one asked for, or the data's current one (``data.observations.
last_change_at``, as the export takes it); the report says it was made then (``Report.created``),
so the same database, quarter, part, language and vintage give an equal report. An unknown
quarter, part or language raises ``ReportError``. Never imports streamlit or app_pages.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from data.observations import last_change_at
from data.queries import Reference, reference_data
from metrics.constants import METHOD_VERSION
from metrics.errors import MetricError
from metrics.periods import parse_period
from report.content_annex import annex_blocks
from report.content_lines import action_line_blocks
from report.content_parts import part_profile_blocks
from report.content_sources import read_sources
from report.content_summary import summary_blocks
from report.errors import ReportError
from report.model import Cover, Report
from ui.i18n import LANGUAGES, t
from ui.kingdom import part_labels

__all__ = ["build_report", "file_stem"]


def _quarter(quarter: str, reference: Reference) -> str:
    """``quarter`` in its canonical form when the data has it, else ``ReportError``
    (``no_data`` when the database has no quarter at all)."""
    try:
        canonical = parse_period(quarter)
    except MetricError:
        canonical = None
    known = reference.quarters
    if not known:
        raise ReportError("no_data", quarter=str(quarter))
    if canonical is None or canonical not in known:
        raise ReportError(
            "unknown_quarter", quarter=str(quarter), quarters=f"{known[0]}–{known[-1]}"
        )
    return canonical


def _naive_utc(moment: datetime) -> datetime:
    """``moment`` as the database stores moments: naive UTC (an offset is converted first)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def file_stem(*, quarter: str, part_id: str, lang: str) -> str:
    """The document's file name without extension: ``voortgangsrapportage-2026Q3-KINGDOM``."""
    return f"{t('report.file_stem', lang)}-{quarter}-{part_id}"


def _cover(
    reference: Reference, *, quarter: str, part_name: str, vintage: datetime, lang: str
) -> Cover:
    lines = (
        t("report.cover.quarter", lang, quarter=quarter),
        t("report.cover.part", lang, part=part_name),
        t("report.cover.vintage", lang, vintage=f"{vintage:%Y-%m-%d %H:%M:%S}"),
        t("report.cover.method", lang, version=METHOD_VERSION),
    )
    return Cover(
        title=t("report.title", lang),
        subtitle=t("report.subtitle", lang, part=part_name, quarter=quarter),
        lines=lines,
        notice=t("demo.notice", lang) if reference.is_demo else "",
    )


def build_report(
    con: duckdb.DuckDBPyConnection,
    *,
    quarter: str,
    part_id: str,
    lang: str,
    vintage: datetime | None = None,
) -> Report:
    """The report of ``quarter`` for ``part_id`` (``KINGDOM``, a part or an island or country)
    in ``lang``, as known at ``vintage`` (None: the data's current vintage)."""
    if lang not in LANGUAGES:
        raise ReportError("unknown_language", lang=str(lang), languages=", ".join(LANGUAGES))
    reference = reference_data(con)
    if part_id not in reference.part_ids:
        raise ReportError("unknown_part", part=str(part_id), parts=", ".join(reference.part_ids))
    quarter = _quarter(quarter, reference)
    # A quarter with data implies a recorded version, so there is a current vintage.
    moment = _naive_utc(vintage) if vintage is not None else last_change_at(con)
    sources = read_sources(
        con, quarter=quarter, part_id=part_id, vintage=moment, reference=reference
    )
    part_name = part_labels(reference.kingdom_parts, [part_id], lang)[part_id]
    blocks = (
        *summary_blocks(sources, lang=lang),
        *action_line_blocks(sources, lang=lang),
        *part_profile_blocks(sources, lang=lang),
        *annex_blocks(sources, lang=lang),
    )
    return Report(
        lang=lang,
        created=moment,
        file_stem=file_stem(quarter=quarter, part_id=part_id, lang=lang),
        cover=_cover(reference, quarter=quarter, part_name=part_name, vintage=moment, lang=lang),
        blocks=blocks,
        footer=t("report.footer", lang, quarter=quarter, part=part_name),
    )

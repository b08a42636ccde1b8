"""The report's content (``report.content.build_report``) on the shared demo database: its
structure follows the strategy, its figures are the data layer's, a part report holds only what
applies to the part, both languages have one structure, and the same inputs give the same report.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta
from pathlib import Path

import duckdb
import pytest

from data.assessment import series_values
from data.current_assessment import current_assessment
from data.observations import last_change_at
from data.queries import indicator_catalogue, reference_data
from data.store import open_reader
from metrics.periods import quarter_end, shift_period
from report.content import build_report
from report.errors import ReportError
from report.model import Chart, Heading, PageBreak, Paragraph, Report, Table
from ui.format import format_number
from ui.i18n import LANGUAGES, t
from ui.kingdom import ancestors, name_column, shown_parts, subtree
from ui.palette import status_text
from ui.target_history import quarter_of

ROOT = Path(__file__).resolve().parents[2]
KINGDOM = "KINGDOM"
SABA = "BQ-SA"


@pytest.fixture(scope="module")
def report_con(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_reader(demo_db)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def reference(report_con):
    return reference_data(report_con)


@pytest.fixture(scope="module")
def quarter(reference) -> str:
    return reference.latest_quarter


@pytest.fixture(scope="module")
def report_of(report_con, quarter) -> Callable[[str, str], Report]:
    """The latest quarter's report of a part in a language, built once per module."""
    built: dict[tuple[str, str], Report] = {}

    def report(part_id: str, lang: str) -> Report:
        if (part_id, lang) not in built:
            built[part_id, lang] = build_report(
                report_con, quarter=quarter, part_id=part_id, lang=lang
            )
        return built[part_id, lang]

    return report


@pytest.fixture(scope="module")
def kingdom_nl(report_of) -> Report:
    return report_of(KINGDOM, "nl")


@pytest.fixture(scope="module")
def kingdom_en(report_of) -> Report:
    return report_of(KINGDOM, "en")


@pytest.fixture(scope="module")
def saba_nl(report_of) -> Report:
    return report_of(SABA, "nl")


def _headings(report: Report, level: int | None = None) -> list[str]:
    return [
        block.text
        for block in report.blocks
        if isinstance(block, Heading) and (level is None or block.level == level)
    ]


def _charts(report: Report) -> list[Chart]:
    return [block for block in report.blocks if isinstance(block, Chart)]


def _indicator_tables(report: Report) -> list[Table]:
    names = ("indicator", "status", "latest", "target")
    head = tuple(t(f"table.{name}", report.lang) for name in names)
    return [
        block
        for block in report.blocks
        if isinstance(block, Table) and block.columns[: len(head)] == head
    ]


def _line_headings(reference, lang: str) -> dict[str, list[str]]:
    """Objective heading -> its action lines' headings, in the strategy's order."""
    name = name_column(lang)
    lines = reference.action_lines
    return {
        f"{o['objective_id']} · {o[name]}": [
            f"{line['action_line_id']} · {line[name]}"
            for line in lines.loc[lines["objective_id"] == o["objective_id"]].to_dict("records")
        ]
        for o in reference.objectives.to_dict("records")
    }


def _applicable(catalogue, parts, part_id: str) -> set[str]:
    inside = set(subtree(parts, part_id))
    return {
        indicator_id
        for indicator_id, scope in zip(catalogue["indicator_id"], catalogue["scope"], strict=True)
        if inside & set(str(scope).split(";"))
    }


def test_the_kingdom_report_follows_the_strategy_objective_by_action_line(kingdom_nl, reference):
    expected = _line_headings(reference, "nl")
    strategy = {*expected, *(line for lines in expected.values() for line in lines)}
    shown = [text for text in _headings(kingdom_nl) if text in strategy]
    assert shown == [text for o, lines in expected.items() for text in (o, *lines)]
    levels = {b.text: b.level for b in kingdom_nl.blocks if isinstance(b, Heading)}
    assert all(
        levels[o] == 1 and all(levels[a] == 2 for a in lines) for o, lines in expected.items()
    )
    chapters = _headings(kingdom_nl, level=1)
    assert chapters[0] == t("report.summary.heading", "nl")
    assert chapters[-1] == t("report.annex.heading", "nl")


def test_the_cover_names_quarter_part_vintage_method_and_the_demo(kingdom_nl, report_con, quarter):
    vintage = last_change_at(report_con)
    assert kingdom_nl.created == vintage
    assert kingdom_nl.file_stem == f"voortgangsrapportage-{quarter}-KINGDOM"
    assert kingdom_nl.footer == f"Voortgangsrapportage {quarter} · Koninkrijk der Nederlanden"
    lines = " ".join(kingdom_nl.cover.lines)
    assert quarter in lines and "Koninkrijk der Nederlanden" in lines
    assert vintage.strftime("%Y-%m-%d %H:%M:%S") in lines
    assert t("report.cover.method", "nl", version="2") in kingdom_nl.cover.lines
    assert kingdom_nl.cover.notice == t("demo.notice", "nl")


@pytest.mark.parametrize("part_id", [KINGDOM, SABA, "CAR_C"])
def test_indicator_tables_show_the_assessments_status_for_the_part(
    report_con, report_of, quarter, part_id
):
    report = report_of(part_id, "nl")
    parts = reference_data(report_con).kingdom_parts
    catalogue = indicator_catalogue(report_con)
    names = dict(zip(catalogue["name_nl"], catalogue["indicator_id"], strict=True))
    assert len(names) == len(catalogue), "indicator names identify indicators"
    assessment = current_assessment(report_con, as_of=quarter)
    own = assessment.loc[assessment["part_id"] == part_id].set_index("indicator_id")
    shown: dict[str, str] = {}
    for table in _indicator_tables(report):
        for row in table.rows:
            shown[names[row[0]]] = row[1]
    assert set(shown) == _applicable(catalogue, parts, part_id)
    checked = [i for i in shown if i in own.index]
    assert checked, "the part has series of its own"
    assert {i: shown[i] for i in checked} == {
        i: status_text(own.at[i, "status"], "nl") for i in checked
    }


def test_the_summary_counts_every_series_the_part_counts(kingdom_nl, report_con, quarter):
    assessment = current_assessment(report_con, as_of=quarter)
    counted = assessment.loc[~assessment["is_derived"]]
    summary = next(b for b in kingdom_nl.blocks if isinstance(b, Table))
    total = summary.rows[-1]
    assert total[0] == t("report.summary.total", "nl", part="Koninkrijk der Nederlanden")
    series_column = summary.columns.index(t("table.n_series", "nl"))
    assert total[series_column] == format_number(len(counted), 0, "nl")
    achieved = summary.columns.index(status_text("achieved", "nl"))
    assert total[achieved] == str(int((counted["status"] == "achieved").sum()))


@pytest.mark.parametrize("part_id", [KINGDOM, SABA])
def test_one_chart_per_indicator_with_values_in_the_part(report_con, report_of, quarter, part_id):
    report = report_of(part_id, "en")
    parts = reference_data(report_con).kingdom_parts
    catalogue = indicator_catalogue(report_con)
    values = series_values(report_con, as_of=quarter)
    with_values = set(values.loc[values["part_id"].isin(subtree(parts, part_id)), "indicator_id"])
    expected = sorted(with_values & _applicable(catalogue, parts, part_id))
    charts = _charts(report)
    assert sorted(chart.caption.split(" · ")[0] for chart in charts) == expected
    for chart in charts:
        assert chart.alt and chart.table.rows
        drawn = {trace.meta["part_id"] for trace in chart.figure.data} - {None}
        assert drawn <= set(shown_parts(parts, part_id)) | set(subtree(parts, part_id))


def test_a_part_report_holds_only_what_applies_to_the_part(saba_nl, reference, report_con):
    parts = reference.kingdom_parts
    assert not any(isinstance(block, PageBreak) for block in saba_nl.blocks)
    assert not any(text.startswith("Profiel") for text in _headings(saba_nl))
    for chart in _charts(saba_nl):
        assert {trace.meta["part_id"] for trace in chart.figure.data} - {None} == {SABA}
        assert "Saba" in chart.alt
    # Actions: Saba's own, or those above it on a priority that covers it.
    names = dict(zip(parts["part_id"], parts["name_nl"], strict=True))
    above = {names[p] for p in ancestors(parts, SABA)[1:]}
    reporters = {t("actions.reported_above", "nl", part=name) for name in above} | {"Saba"}
    part_column = t("actions.column.part", "nl")
    for table in (b for b in saba_nl.blocks if isinstance(b, Table) and part_column in b.columns):
        if t("actions.column.priority", "nl") in table.columns:
            assert {row[table.columns.index(part_column)] for row in table.rows} <= reporters
    catalogue = indicator_catalogue(report_con)
    lines = set(
        catalogue.loc[
            catalogue["indicator_id"].isin(_applicable(catalogue, parts, SABA)), "action_line_id"
        ]
    )
    shown = {text.split(" · ")[0] for text in _headings(saba_nl, level=2) if text.startswith("AL")}
    assert lines <= shown


def test_dutch_and_english_have_the_same_structure_in_other_words(kingdom_nl, kingdom_en):
    def shape(report: Report) -> list[tuple]:
        shapes = []
        for block in report.blocks:
            if isinstance(block, Heading):
                shapes.append(("heading", block.level))
            elif isinstance(block, Paragraph):
                shapes.append(("paragraph", block.style))
            elif isinstance(block, Table):
                shapes.append(("table", len(block.columns), len(block.rows), block.numeric))
            elif isinstance(block, Chart):
                shapes.append(("chart", len(block.table.columns), len(block.table.rows)))
            else:
                shapes.append((type(block).__name__,))
        return shapes

    assert shape(kingdom_nl) == shape(kingdom_en)
    assert kingdom_nl.cover.title != kingdom_en.cover.title
    assert kingdom_en.file_stem.startswith("progress-report-")
    chapters = zip(_headings(kingdom_nl, level=1), _headings(kingdom_en, level=1), strict=True)
    assert all(dutch != english for dutch, english in chapters)
    figures = zip(_charts(kingdom_nl), _charts(kingdom_en), strict=True)
    assert all(nl.figure.layout.separators != en.figure.layout.separators for nl, en in figures)


def test_the_same_inputs_give_an_equal_report(kingdom_nl, demo_db, quarter):
    again = open_reader(demo_db)
    try:
        second = build_report(again, quarter=quarter, part_id=KINGDOM, lang="nl")
    finally:
        again.close()
    assert second == kingdom_nl
    figures = [chart.figure.to_json() for chart in _charts(second)]
    assert figures == [chart.figure.to_json() for chart in _charts(kingdom_nl)]


def _a_revision(con: duckdb.DuckDBPyConnection) -> dict:
    """One value recorded twice: its key, both values and when each was recorded."""
    row = con.execute(
        """
        SELECT indicator_id, part_id, period,
            arg_min(value, recorded_at), min(recorded_at),
            arg_max(value, recorded_at), max(recorded_at)
        FROM observations
        GROUP BY indicator_id, part_id, period
        HAVING count(*) > 1
        ORDER BY indicator_id, part_id, period
        LIMIT 1
        """
    ).fetchone()
    if row is None:
        pytest.skip("the demo data has no revised value")
    keys = ("indicator_id", "part_id", "period", "old", "old_at", "new", "new_at")
    return dict(zip(keys, row, strict=True))


def test_a_vintage_before_a_revision_gives_the_older_value(report_con):
    revision = _a_revision(report_con)
    catalogue = indicator_catalogue(report_con).set_index("indicator_id")
    decimals = int(catalogue.at[revision["indicator_id"], "decimals"])
    name = catalogue.at[revision["indicator_id"], "name_nl"]
    before = revision["old_at"] + (revision["new_at"] - revision["old_at"]) / 2

    def latest(vintage) -> str:
        report = build_report(
            report_con,
            quarter=revision["period"],
            part_id=revision["part_id"],
            lang="nl",
            vintage=vintage,
        )
        rows = [row for table in _indicator_tables(report) for row in table.rows if row[0] == name]
        assert len(rows) == 1
        return rows[0][2]

    period = revision["period"]
    assert latest(before) == f"{format_number(revision['old'], decimals, 'nl')} ({period})"
    assert latest(None) == f"{format_number(revision['new'], decimals, 'nl')} ({period})"


def test_the_revision_is_listed_in_its_reporting_round(report_con):
    revision = _a_revision(report_con)
    decimals = int(
        indicator_catalogue(report_con)
        .set_index("indicator_id")
        .at[revision["indicator_id"], "decimals"]
    )
    round_of = shift_period(quarter_of(revision["new_at"]), -1)
    report = build_report(report_con, quarter=round_of, part_id=revision["part_id"], lang="en")
    blocks = list(report.blocks)
    after = blocks[blocks.index(Heading(t("report.changes.revisions", "en"), 3)) :]
    table = next(b for b in after if isinstance(b, Table))
    assert (
        revision["period"],
        format_number(revision["old"], decimals, "en"),
        format_number(revision["new"], decimals, "en"),
    ) in {row[2:5] for row in table.rows}


def test_the_kingdom_report_profiles_each_part_from_a_new_page(
    kingdom_en, reference, report_con, quarter
):
    parts = reference.kingdom_parts
    profiled = shown_parts(parts, KINGDOM)[1:]
    names = dict(zip(parts["part_id"], parts["name_en"], strict=True))
    blocks = list(kingdom_en.blocks)
    breaks = [i for i, block in enumerate(blocks) if isinstance(block, PageBreak)]
    assert [blocks[i + 1] for i in breaks] == [
        Heading(t("parts.profile", "en", part=names[p]), 1) for p in profiled
    ]
    assessment = current_assessment(report_con, as_of=quarter)
    counted = assessment.loc[~assessment["is_derived"]]
    for index, part_id in zip(breaks, profiled, strict=True):
        table = next(b for b in blocks[index:] if isinstance(b, Table))
        row = table.rows[0]
        assert row[0] == names[part_id]
        inside = counted["part_id"].isin(subtree(parts, part_id))
        assert row[table.columns.index(t("table.n_series", "en"))] == str(int(inside.sum()))


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"quarter": "2031Q1", "part_id": KINGDOM}, "unknown_quarter"),
        ({"quarter": "not a quarter", "part_id": KINGDOM}, "unknown_quarter"),
        ({"quarter": "2026Q3", "part_id": "ATLANTIS"}, "unknown_part"),
    ],
)
def test_an_unknown_quarter_or_part_is_a_report_error_in_words(report_con, arguments, code):
    with pytest.raises(ReportError) as raised:
        build_report(report_con, lang="nl", **arguments)
    assert raised.value.code == code
    for lang in LANGUAGES:
        message = t(f"report.error.{code}", lang, **raised.value.params)
        assert arguments.get("part_id") in message or arguments["quarter"] in message


def test_a_lowercase_quarter_is_read_as_the_quarter(report_con, quarter, saba_nl):
    lowered = build_report(report_con, quarter=quarter.lower(), part_id=SABA, lang="nl")
    assert lowered == saba_nl


def test_the_messages_document_raises_name_their_remedy():
    for lang in LANGUAGES:
        assert "apt-get install chromium" in t("report.error.no_chromium", lang)
        unknown = t("report.error.unknown_format", lang, format="odt", formats="docx, html, pdf")
        assert "odt" in unknown and "docx, html, pdf" in unknown
        assert "apt-get install chromium" in t("report.no_charts", lang)


def test_building_a_report_never_loads_streamlit():
    code = "import sys, report.content; assert 'streamlit' not in sys.modules, 'streamlit'"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _section(report: Report, heading: str) -> list:
    """The blocks under the heading ``heading`` up to the next heading of its level or above."""
    blocks = list(report.blocks)
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
    level = blocks[start].level
    end = next(
        (
            i
            for i, b in enumerate(blocks[start + 1 :], start + 1)
            if isinstance(b, Heading) and b.level <= level
        ),
        len(blocks),
    )
    return blocks[start + 1 : end]


def test_a_changed_target_is_listed_in_its_reporting_round(report_con):
    row = report_con.execute(
        """
        SELECT indicator_id, part_id, max(recorded_at)
        FROM target_versions
        GROUP BY indicator_id, part_id
        HAVING count(*) > 1
        ORDER BY indicator_id, part_id
        LIMIT 1
        """
    ).fetchone()
    if row is None:
        pytest.skip("the demo data has no changed target")
    indicator_id, _, changed_at = row
    round_of = shift_period(quarter_of(changed_at), -1)
    report = build_report(report_con, quarter=round_of, part_id=KINGDOM, lang="nl")
    section = _section(report, t("report.changes.targets", "nl"))
    table = next(b for b in section if isinstance(b, Table))
    changed = [r for r in table.rows if r[0].startswith(f"{indicator_id} · ")]
    assert changed
    column = table.columns.index(t("target_history.col.recorded_at", "nl"))
    assert {r[column] for r in changed} == {changed_at.strftime("%Y-%m-%d %H:%M")}
    # The quarter before knows nothing of it yet.
    earlier = build_report(
        report_con, quarter=shift_period(round_of, -1), part_id=KINGDOM, lang="nl"
    )
    before = _section(earlier, t("report.changes.targets", "nl"))
    assert not any(isinstance(b, Table) for b in before)


def test_the_annex_lists_the_parts_flagged_values_and_the_rounds_imports(
    saba_nl, report_con, reference, quarter
):
    parts = reference.kingdom_parts
    values = series_values(report_con, as_of=quarter)
    flagged = values.loc[
        (values["part_id"] == SABA)
        & ~values["is_derived"]
        & values["flag"].isin(["provisional", "estimated"])
    ]
    section = _section(saba_nl, t("report.annex.flagged_heading", "nl"))
    rows = [r for b in section if isinstance(b, Table) for r in b.rows]
    assert len(rows) == len(flagged)
    assert {r[1] for r in rows} <= {parts.set_index("part_id").at[SABA, "name_nl"]}

    vintage = last_change_at(report_con)
    start = datetime.combine(quarter_end(quarter) + timedelta(days=1), time())
    (expected,) = report_con.execute(
        "SELECT count(*) FROM imports WHERE started_at >= ? AND started_at <= ?",
        [start, vintage],
    ).fetchone()
    section = _section(saba_nl, t("report.annex.imports_heading", "nl", quarter=quarter))
    imports = [r for b in section if isinstance(b, Table) for r in b.rows]
    assert expected and len(imports) == expected
    assert all(start.strftime("%Y-%m-%d") <= r[0] <= f"{vintage:%Y-%m-%d %H:%M}" for r in imports)


def test_a_database_without_data_has_no_quarter_to_report(structure_db):
    connection = open_reader(structure_db)
    try:
        with pytest.raises(ReportError) as raised:
            build_report(connection, quarter="2026Q3", part_id=KINGDOM, lang="en")
    finally:
        connection.close()
    assert raised.value.code == "no_data"
    for lang in LANGUAGES:
        assert "2026Q3" in t("report.error.no_data", lang, **raised.value.params)

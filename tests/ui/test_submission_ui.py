"""The Data page's status grid and the template's words (ui/submission.py), without a page."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from data.queries import reference_data
from data.submission_status import unit_submission_status
from data.template import HINT_COLUMNS, quarter_template, template_workbook
from tests.action_reports import report_actions, write_duiding
from ui.submission import hint_headers, quarter_status, worded


def _row(part_id: str, period: str, status: str, figures, actions) -> dict:
    (figures_expected, figures_received, figures_late) = figures
    (actions_expected, actions_received, actions_late) = actions
    return {
        "part_id": part_id,
        "period": period,
        "due_date": date(2026, 11, 14) if period == "2026Q3" else date(2026, 8, 14),
        "figures_expected": figures_expected,
        "figures_received": figures_received,
        "figures_received_late": figures_late,
        "figures_status": "not_used_by_the_grid",
        "actions_expected": actions_expected,
        "actions_received": actions_received,
        "actions_received_late": actions_late,
        "actions_status": "not_used_by_the_grid",
        "status": status,
    }


def test_a_quarters_table_shows_each_units_status_and_each_kinds_counts_as_numbers(
    structure_con,
):
    parts = reference_data(structure_con).kingdom_parts
    status = pd.DataFrame(
        [
            _row("EUR_NL", "2026Q2", "late", (0, 0, 0), (43, 40, 2)),
            _row("EUR_NL", "2026Q3", "partial", (0, 0, 0), (43, 10, 0)),
            _row("AW", "2026Q2", "received", (8, 8, 0), (6, 6, 0)),
            _row("AW", "2026Q3", "not_expected", (0, 0, 0), (0, 0, 0)),
        ]
    )
    table = quarter_status(status, parts, quarter="2026Q2", lang="nl")
    assert list(table.columns) == [
        "Rapporterende eenheid",
        "Stand",
        "Cijfers binnen",
        "Cijfers verwacht",
        "Cijfers te laat binnen",
        "Acties binnen",
        "Acties verwacht",
        "Acties te laat binnen",
    ]
    assert table["Rapporterende eenheid"].tolist() == ["Europees Nederland", "Aruba"]
    assert table["Stand"].tolist() == ["Te laat", "Ontvangen"]
    # Counts are numbers (a click on the header sorts them), missing where nothing is owed.
    for column in table.columns[2:]:
        assert str(table[column].dtype) == "Int64", column
    assert table["Cijfers binnen"].isna().tolist() == [True, False]
    assert table.iloc[0, 5:].tolist() == [40, 43, 2]
    assert table.iloc[1, 2:].tolist() == [8, 8, 0, 6, 6, 0]
    later = quarter_status(status, parts, quarter="2026Q3", lang="en")
    assert later["Status"].tolist() == ["Partial", "–"]
    assert later["Actions in"].tolist()[0] == 10


def test_a_real_status_has_a_row_per_unit_in_each_quarter(structure_con):
    parts = reference_data(structure_con).kingdom_parts
    status = unit_submission_status(structure_con, clock=datetime(2026, 11, 28), part_id="CAR_NL")
    table = quarter_status(status, parts, quarter="2026Q3", lang="en")
    assert table["Reporting unit"].tolist() == [
        "Caribbean Netherlands",
        "Bonaire",
        "Sint Eustatius",
        "Saba",
    ]
    first = table.iloc[0]
    assert pd.isna(first["Figures in"]) and pd.isna(first["Figures expected"])
    assert (first["Actions in"], first["Actions expected"]) == (0, 7)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_hint_column_has_a_distinct_name_that_says_it_is_information(lang):
    headers = hint_headers(HINT_COLUMNS, lang)
    assert set(headers) == {column for columns in HINT_COLUMNS.values() for column in columns}
    assert all(header.endswith("(info)") for header in headers.values())
    for columns in HINT_COLUMNS.values():
        names = [headers[column] for column in columns]
        assert len(set(names)) == len(names)


def test_the_hints_are_worded_last_status_with_its_stale_mark_and_duiding_in_the_language(
    structure_con,
):
    report_actions(
        structure_con,
        [
            ("AL08-H", "AW", "2026Q2", "delayed"),
            ("AL03-J", "AW", "2025Q4", "at_risk"),
        ],
        at=datetime(2026, 7, 1),
    )
    write_duiding(
        structure_con,
        [("AL08", "AW", "2026Q2", "Vertraging door capaciteit", None)],
        at=datetime(2026, 7, 1),
    )
    template = quarter_template(structure_con, part_id="AW", quarter="2026Q3", lang="nl")
    for lang, delayed, stale, never, duiding in (
        ("nl", "■ Vertraagd", "(verouderd)", "? Geen rapportage", "Vertraging door capaciteit"),
        (
            "en",
            "■ Delayed",
            "(stale)",
            "? Not reported",
            "Vertraging door capaciteit (untranslated, Dutch text)",
        ),
    ):
        words = worded(template, lang)
        last = dict(zip(words.actions["priority_id"], words.actions["last_status"], strict=True))
        assert last["AL08-H"] == delayed
        assert last["AL03-J"].endswith(stale) and not last["AL08-H"].endswith(stale)
        assert last["AL05-C"] == never  # never reported: no stale mark
        texts = dict(
            zip(words.narratives["action_line_id"], words.narratives["last_narrative"], strict=True)
        )
        assert texts["AL08"] == duiding
        assert texts["AL03"] == ""
    # The worded template is what the workbook shows.
    data = template_workbook(
        worded(template, "nl"), lang="nl", hint_headers=hint_headers(HINT_COLUMNS, "nl")
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data))["acties"]
    column = [cell.value for cell in sheet[1]].index("status vorig kwartaal (info)")
    shown = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    assert shown["AL08-H"] == "■ Vertraagd"
    assert "delayed" in set(template.actions["last_status"])  # the template itself keeps codes

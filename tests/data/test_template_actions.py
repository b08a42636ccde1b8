"""The quarter template's actions and duiding (data/action_template.py, data/template.py): which
rows a part gets, the hints of last quarter, the three-sheet .xlsx and the CSV of each kind."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl
import pytest

from data.access_rules import Actor
from data.action_template import action_template_rows, narrative_template_rows
from data.intake_read import HEADER_ALIASES, normalise_header
from data.template import quarter_template, template_bytes, template_file, template_workbook
from data.template_columns import (
    DATA_COLUMNS,
    HINT_COLUMNS,
    LAST_TEXT_CHARS,
    SHEET_NAMES,
    TEMPLATE_ACTION_STATUSES,
    TEMPLATE_HEADERS,
    TEMPLATE_KINDS,
)
from metrics.constants import ACTION_STATUS_WORDS, ACTION_STATUSES
from tests.action_reports import report_actions, write_duiding
from ui.submission import hint_headers

QUARTER = "2026Q3"


def _owed(con, where: str = "true") -> set[tuple[str, str]]:
    return set(
        con.execute(
            "SELECT reporters.priority_id, reporters.part_id FROM priority_reporters AS reporters"
            " INNER JOIN priorities USING (priority_id) WHERE " + where
        ).fetchall()
    )


def _keys(rows) -> set[tuple[str, str]]:
    return set(zip(rows["priority_id"], rows["part_id"], strict=True))


# --- which actions ------------------------------------------------------------------------------


def test_the_kingdoms_template_asks_for_every_owed_action_once(structure_con):
    rows = action_template_rows(structure_con, part_id="KINGDOM", quarter=QUARTER, lang="nl")
    assert _keys(rows) == _owed(structure_con)
    assert len(rows) == len(_owed(structure_con)) == 101  # 33 + 43 + 4 x 5 + 3 + 2
    assert set(rows["period"]) == {QUARTER}
    for column in ("status", "expected_completion", "narrative", "responsible"):
        assert set(rows[column]) == {""}  # nothing was ever reported: nothing pre-filled
    assert set(rows["last_status"]) == {"not_reported"}


def test_saba_owes_no_action_so_its_action_and_duiding_sheets_hold_only_headers(structure_con):
    template = quarter_template(structure_con, part_id="BQ-SA", quarter=QUARTER, lang="nl")
    assert template.actions.empty and template.narratives.empty
    assert len(template.figures) > 0  # Saba does report figures
    workbook = openpyxl.load_workbook(
        io.BytesIO(template_workbook(template, lang="nl", hint_headers=_hints("nl")))
    )
    for kind in ("actions", "narratives"):
        sheet = workbook[SHEET_NAMES["nl"][kind]]
        assert sheet.max_row == 1
        assert [cell.value for cell in sheet[1]][:4] == list(TEMPLATE_HEADERS[kind]["nl"][:4])


def test_aruba_reports_on_its_caribbean_priorities_only(structure_con):
    rows = action_template_rows(structure_con, part_id="AW", quarter=QUARTER, lang="en")
    caribbean = "scope IN ('caribbean', 'caribbean_countries') AND part_id = 'AW'"
    assert _keys(rows) == _owed(structure_con, caribbean)
    assert len(rows) == 6
    assert set(rows["part_name"]) == {"Aruba"}
    summaries = dict(
        structure_con.execute("SELECT priority_id, summary_en FROM priorities").fetchall()
    )
    assert rows["priority_text"].tolist() == [summaries[p] for p in rows["priority_id"]]


def test_a_part_gets_the_actions_of_every_unit_under_it_in_the_hierarchys_order(structure_con):
    rows = action_template_rows(structure_con, part_id="CAR_C", quarter=QUARTER, lang="nl")
    assert list(dict.fromkeys(rows["part_id"])) == ["AW", "CW", "SX"]
    assert len(rows) == 3 * 6


# --- last quarter's hints -----------------------------------------------------------------------


def test_the_hint_is_the_status_as_of_last_quarter_its_period_and_the_stale_mark(structure_con):
    report_actions(
        structure_con,
        [
            (
                "AL01-A",
                "KINGDOM",
                "2026Q1",
                "on_schedule",
                {"responsible": "Defensie", "expected_completion": "2027Q4"},
            ),
            (
                "AL01-A",
                "KINGDOM",
                "2026Q2",
                "delayed",
                {"responsible": "Ministerie van Defensie", "expected_completion": "2028Q2"},
            ),
            ("AL01-B", "KINGDOM", "2025Q4", "at_risk", {"responsible": "BZ"}),
        ],
        at=datetime(2026, 8, 1),
    )
    # A report for the quarter itself is never its own hint.
    report_actions(
        structure_con, [("AL01-A", "KINGDOM", QUARTER, "completed")], at=datetime(2026, 10, 2)
    )
    rows = action_template_rows(structure_con, part_id="KINGDOM", quarter=QUARTER, lang="nl")
    by_priority = rows.set_index("priority_id")
    fresh, stale, never = (
        by_priority.loc["AL01-A"],
        by_priority.loc["AL01-B"],
        by_priority.loc["AL01-C"],
    )
    assert (fresh["last_status"], fresh["last_report_period"], fresh["last_stale"]) == (
        "delayed",
        "2026Q2",
        False,
    )
    assert (fresh["last_expected_completion"], fresh["responsible"]) == (
        "2028Q2",
        "Ministerie van Defensie",
    )
    assert fresh["status"] == "" and fresh["expected_completion"] == ""
    # 2025Q4 is two quarters before 2026Q2: carried forward, stale.
    assert (stale["last_status"], stale["last_report_period"], stale["last_stale"]) == (
        "at_risk",
        "2025Q4",
        True,
    )
    assert stale["responsible"] == "BZ"
    assert (never["last_status"], never["last_report_period"], never["responsible"]) == (
        "not_reported",
        "",
        "",
    )


def test_completed_and_discontinued_actions_owe_nothing_and_leave_the_template(structure_con):
    report_actions(
        structure_con,
        [
            ("AL08-H", "AW", "2026Q1", "completed"),
            ("AL03-J", "AW", "2026Q2", "discontinued"),
            ("AL05-C", "AW", "2026Q2", "on_schedule"),
        ],
        at=datetime(2026, 7, 1),
    )
    rows = action_template_rows(structure_con, part_id="AW", quarter=QUARTER, lang="nl")
    assert {"AL08-H", "AL03-J"}.isdisjoint(rows["priority_id"])
    assert "AL05-C" in set(rows["priority_id"])
    assert len(rows) == 4
    # The quarter before the report the action was still open.
    earlier = action_template_rows(structure_con, part_id="AW", quarter="2026Q2", lang="nl")
    assert "AL08-H" not in set(earlier["priority_id"])  # completed as of 2026Q1
    assert "AL03-J" in set(earlier["priority_id"])


def test_a_unit_that_reported_without_owing_keeps_its_action_in_the_template(structure_con):
    # Bonaire reports on a Caribbean priority that the Caribbean Netherlands carries.
    report_actions(
        structure_con, [("AL09-G", "BQ-BO", "2026Q2", "at_risk")], at=datetime(2026, 7, 1)
    )
    bonaire = action_template_rows(structure_con, part_id="BQ-BO", quarter=QUARTER, lang="nl")
    assert _keys(bonaire) == {("AL09-G", "BQ-BO")}
    assert bonaire["last_status"].tolist() == ["at_risk"]
    caribbean_nl = action_template_rows(structure_con, part_id="CAR_NL", quarter=QUARTER, lang="nl")
    assert _keys(caribbean_nl) == _owed(structure_con, "part_id = 'CAR_NL'") | {("AL09-G", "BQ-BO")}
    assert list(dict.fromkeys(caribbean_nl["part_id"])) == ["CAR_NL", "BQ-BO"]


# --- duiding ------------------------------------------------------------------------------------


def test_duiding_rows_are_the_action_lines_of_each_unit_with_the_last_text(structure_con):
    long_text = "Voortgang " + "x" * 400
    write_duiding(
        structure_con,
        [
            ("AL03", "AW", "2026Q1", "Eerste duiding", None),
            ("AL03", "AW", "2026Q2", long_text, "Progress"),
            ("AL05", "AW", QUARTER, "Van dit kwartaal zelf", None),
        ],
        at=datetime(2026, 9, 1),
    )
    rows = narrative_template_rows(structure_con, part_id="AW", quarter=QUARTER, lang="nl")
    lines = dict(
        structure_con.execute("SELECT priority_id, action_line_id FROM priorities").fetchall()
    )
    aruba = action_template_rows(structure_con, part_id="AW", quarter=QUARTER, lang="nl")
    assert rows["action_line_id"].tolist() == sorted({lines[p] for p in aruba["priority_id"]})
    assert set(rows["part_id"]) == {"AW"} and set(rows["text"]) == {""}
    al03 = rows.set_index("action_line_id").loc["AL03"]
    assert al03["last_narrative_period"] == "2026Q2"
    assert len(al03["last_narrative"]) == LAST_TEXT_CHARS
    assert al03["last_narrative"] == long_text[: LAST_TEXT_CHARS - 1] + "…"
    assert al03["last_narrative_en"] == "Progress"
    al05 = rows.set_index("action_line_id").loc["AL05"]
    assert (al05["last_narrative_period"], al05["last_narrative"]) == ("", "")


def test_a_unit_that_wrote_a_duiding_before_gets_that_action_line_again(structure_con):
    write_duiding(structure_con, [("AL02", "NL", "2026Q1", "Stand", None)], at=datetime(2026, 5, 1))
    rows = narrative_template_rows(structure_con, part_id="NL", quarter=QUARTER, lang="en")
    assert rows[["action_line_id", "part_id", "last_narrative"]].values.tolist() == [
        ["AL02", "NL", "Stand"]
    ]
    assert rows["part_name"].tolist() == ["Netherlands (European part)"]


@pytest.mark.parametrize("part_id", ["KINGDOM", "AW", "BQ-SA"])
def test_the_quarter_template_reads_its_actions_once_and_gives_the_same_rows(
    structure_con, part_id
):
    report_actions(
        structure_con,
        [("AL08-H", "AW", "2026Q2", "completed"), ("AL05-C", "AW", "2026Q2", "delayed")],
        at=datetime(2026, 7, 1),
    )
    write_duiding(structure_con, [("AL02", "NL", "2026Q2", "Stand", None)], at=datetime(2026, 7, 1))
    asked = {"part_id": part_id, "quarter": QUARTER, "lang": "nl"}
    template = quarter_template(structure_con, **asked)
    # Saba owes no action (test_saba_owes_no_action_...); the others owe some.
    assert template.actions.empty == template.narratives.empty == (part_id == "BQ-SA")
    assert template.actions.equals(action_template_rows(structure_con, **asked))
    assert template.narratives.equals(narrative_template_rows(structure_con, **asked))


def test_the_kingdoms_duiding_covers_every_unit_with_actions(structure_con):
    rows = narrative_template_rows(structure_con, part_id="KINGDOM", quarter=QUARTER, lang="nl")
    pairs = set(
        structure_con.execute(
            "SELECT DISTINCT action_line_id, part_id FROM priority_reporters"
            " INNER JOIN priorities USING (priority_id)"
        ).fetchall()
    )
    assert set(zip(rows["action_line_id"], rows["part_id"], strict=True)) == pairs
    assert not rows.duplicated(["action_line_id", "part_id"]).any()


# --- the files ----------------------------------------------------------------------------------


def _hints(lang: str) -> dict[str, str]:
    return hint_headers(HINT_COLUMNS, lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_workbook_has_the_three_sheets_with_headers_and_drop_downs(structure_con, lang):
    template = quarter_template(structure_con, part_id="CAR_C", quarter=QUARTER, lang=lang)
    workbook = openpyxl.load_workbook(
        io.BytesIO(template_workbook(template, lang=lang, hint_headers=_hints(lang)))
    )
    sheets = {"nl": ["data", "acties", "duiding"], "en": ["data", "actions", "narrative"]}
    assert workbook.sheetnames == sheets[lang]
    for kind in TEMPLATE_KINDS:
        sheet = workbook[SHEET_NAMES[lang][kind]]
        headers = [cell.value for cell in sheet[1]]
        hints = [_hints(lang)[column] for column in HINT_COLUMNS[kind]]
        assert headers == [*TEMPLATE_HEADERS[kind][lang], *hints]
        assert sheet.max_row == 1 + len(template.rows(kind))
    actions = workbook[SHEET_NAMES[lang]["actions"]]
    (drop_down,) = actions.data_validations.dataValidation
    assert str(drop_down.sqref) == f"D2:D{actions.max_row}"
    assert drop_down.formula1 == '"' + ",".join(TEMPLATE_ACTION_STATUSES[lang]) + '"'
    (flags,) = workbook["data"].data_validations.dataValidation
    assert str(flags.sqref).startswith("E2:E")
    first = [cell.value for cell in actions[2]]
    assert first[:3] == ["AL03-J", "AW", QUARTER]
    assert first[3:7] == [None, None, None, None]


def test_the_status_words_offered_are_the_first_of_each_status_in_each_language():
    assert TEMPLATE_ACTION_STATUSES == {
        "nl": ("afgerond", "op schema", "risico", "vertraagd", "niet gestart", "gestopt"),
        "en": ("completed", "on schedule", "at risk", "delayed", "not started", "discontinued"),
    }
    assert all(
        TEMPLATE_ACTION_STATUSES[lang][i] == ACTION_STATUS_WORDS[status][lang][0]
        for lang in ("nl", "en")
        for i, status in enumerate(ACTION_STATUSES)
    )


def _csv(data: bytes, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize(("dialect", "delimiter"), [("standard", ","), ("excel-nl", ";")])
@pytest.mark.parametrize("kind", ["actions", "narratives"])
def test_a_csv_holds_one_kind_in_either_dialect(structure_con, dialect, delimiter, kind):
    template = quarter_template(structure_con, part_id="CAR_C", quarter=QUARTER, lang="nl")
    data = template_file(
        template,
        file_format="csv",
        kind=kind,
        lang="nl",
        dialect=dialect,
        hint_headers=_hints("nl"),
    )
    assert data.startswith(b"\xef\xbb\xbf") == (dialect == "excel-nl")
    assert b"\r" not in data and data.endswith(b"\n")
    table = _csv(data, delimiter)
    assert table[0][: len(DATA_COLUMNS[kind])] == list(TEMPLATE_HEADERS[kind]["nl"])
    assert len(table) == 1 + len(template.rows(kind))
    assert {row[1] for row in table[1:]} == {"AW", "CW", "SX"}


def test_formula_looking_text_is_neutralised_in_csv_and_stays_text_in_the_workbook(structure_con):
    report_actions(
        structure_con,
        [("AL08-H", "AW", "2026Q2", "delayed", {"responsible": '=HYPERLINK("x")'})],
        at=datetime(2026, 7, 1),
    )
    write_duiding(
        structure_con, [("AL08", "AW", "2026Q2", "+31 procent meer", None)], at=datetime(2026, 7, 1)
    )
    template = quarter_template(structure_con, part_id="AW", quarter=QUARTER, lang="nl")
    for dialect, delimiter in (("standard", ","), ("excel-nl", ";")):

        def kind_csv(kind: str, dialect: str = dialect, delimiter: str = delimiter) -> list:
            data = template_bytes(
                template.rows(kind),
                kind=kind,
                lang="nl",
                dialect=dialect,
                hint_headers=_hints("nl"),
            )
            return _csv(data, delimiter)

        row = next(cells for cells in kind_csv("actions") if cells[0] == "AL08-H")
        assert row[5] == '\'=HYPERLINK("x")'
        duiding = kind_csv("narratives")
        line = next(cells for cells in duiding if cells[0] == "AL08")
        assert line[-1] == "'+31 procent meer"
    workbook = openpyxl.load_workbook(
        io.BytesIO(template_workbook(template, lang="nl", hint_headers=_hints("nl")))
    )
    responsible = next(
        row[5] for row in workbook["acties"].iter_rows(min_row=2) if row[0].value == "AL08-H"
    )
    assert (responsible.value, responsible.data_type) == ('=HYPERLINK("x")', "s")
    last = next(
        row[-1] for row in workbook["duiding"].iter_rows(min_row=2) if row[0].value == "AL08"
    )
    assert (last.value, last.data_type) == ("+31 procent meer", "s")


def test_a_hint_header_that_the_import_would_read_as_a_data_column_is_refused(structure_con):
    template = quarter_template(structure_con, part_id="AW", quarter=QUARTER, lang="nl")
    for clash in ("Status", "verantwoordelijke", "tekst", "Waarde"):
        with pytest.raises(ValueError, match="data column"):
            template_bytes(
                template.actions,
                kind="actions",
                lang="nl",
                hint_headers={**_hints("nl"), "last_status": clash},
            )


def test_only_a_template_of_one_kind_is_a_csv_and_the_kinds_are_known(structure_con):
    template = quarter_template(structure_con, part_id="AW", quarter=QUARTER, lang="nl")
    with pytest.raises(ValueError, match="CSV"):
        template_bytes(
            template.actions,
            kind="actions",
            lang="nl",
            file_format="xlsx",
            hint_headers=_hints("nl"),
        )
    with pytest.raises(ValueError, match="kind"):
        template.rows("observations")


# --- the contract with the import ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_figures_headers_are_read_back_by_the_import(lang):
    aliases = {
        column: {normalise_header(a) for a in spellings}
        for column, spellings in HEADER_ALIASES.items()
    }
    for column, header in zip(
        DATA_COLUMNS["figures"], TEMPLATE_HEADERS["figures"][lang], strict=True
    ):
        assert normalise_header(header) in aliases[column]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_kinds_headers_and_sheet_are_what_the_import_reads(lang):
    intake_columns = pytest.importorskip(
        "data.intake_columns", reason="the quarter import of actions and duiding is not here yet"
    )
    import_kind = {
        "figures": intake_columns.FIGURES,
        "actions": intake_columns.ACTIONS,
        "narratives": intake_columns.NARRATIVES,
    }
    hints = _hints(lang)
    for kind in TEMPLATE_KINDS:
        columns = intake_columns.COLUMNS[import_kind[kind]]
        assert SHEET_NAMES[lang][kind] in columns.sheet_names
        for column, header in zip(DATA_COLUMNS[kind], TEMPLATE_HEADERS[kind][lang], strict=True):
            assert columns.column_of(header) == column, (kind, header)
        for column in HINT_COLUMNS[kind]:
            assert columns.column_of(hints[column]) is None, (kind, hints[column])
        # An unfilled row is blank to the import: the template pre-fills no content column.
        assert not set(columns.content) & {"priority_id", "part_id", "period", "responsible"}


def test_a_filled_workbook_round_trips_actions_and_duiding_through_the_import(structure_db):
    pytest.importorskip(
        "data.intake_columns", reason="the quarter import of actions and duiding is not here yet"
    )
    from data.actions import action_states, narratives
    from data.intake import import_file
    from data.store import open_reader
    from tests.intake_files import CLOCK

    with open_reader(structure_db) as con:
        template = quarter_template(con, part_id="AW", quarter=QUARTER, lang="nl")
    workbook = openpyxl.load_workbook(
        io.BytesIO(template_workbook(template, lang="nl", hint_headers=_hints("nl")))
    )
    # Two actions and one duiding filled in, as a coordinator would; the other rows stay blank.
    actions = workbook["acties"]
    actions["D2"], actions["E2"], actions["F2"] = "vertraagd", "2027Q2", "Directie Veiligheid"
    actions["D3"], actions["G3"] = "op schema", "Loopt volgens plan"
    workbook["duiding"]["D2"] = "De eerste stappen zijn gezet."
    out = io.BytesIO()
    workbook.save(out)
    result = import_file(
        out.getvalue(),
        file_name="sjabloon.xlsx",
        db_path=structure_db,
        actor=Actor.local("t"),
        clock=CLOCK,
    )
    assert result.accepted, result.problems
    with open_reader(structure_db) as con:
        states = action_states(con, quarter=QUARTER).set_index(["priority_id", "part_id"])
        duiding = narratives(con, quarter=QUARTER)
    first, second = (tuple(template.actions.loc[i, ["priority_id", "part_id"]]) for i in (0, 1))
    assert states.loc[first, ["status", "expected_completion", "responsible"]].tolist() == [
        "delayed",
        "2027Q2",
        "Directie Veiligheid",
    ]
    assert states.loc[second, ["status", "narrative"]].tolist() == [
        "on_schedule",
        "Loopt volgens plan",
    ]
    reported = states.loc[states["reported_period"] == QUARTER]
    assert len(reported) == 2  # the blank rows were skipped
    line = template.narratives.iloc[0]
    assert duiding[["action_line_id", "part_id", "period", "text"]].values.tolist() == [
        [line["action_line_id"], "AW", QUARTER, "De eerste stappen zijn gezet."]
    ]


def test_a_stored_text_with_a_control_character_still_makes_a_workbook(structure_con):
    report_actions(
        structure_con,
        [("AL08-H", "AW", "2026Q2", "delayed", {"responsible": "Directie\x0bVeiligheid"})],
        at=datetime(2026, 7, 1),
    )
    template = quarter_template(structure_con, part_id="AW", quarter=QUARTER, lang="nl")
    workbook = openpyxl.load_workbook(
        io.BytesIO(template_workbook(template, lang="nl", hint_headers=_hints("nl")))
    )
    cells = {row[0].value: row[5].value for row in workbook["acties"].iter_rows(min_row=2)}
    assert cells["AL08-H"] == "DirectieVeiligheid"

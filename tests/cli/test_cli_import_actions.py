"""`python cli.py import` of a quarter workbook with actions and duiding: exit codes, what it
says per kind in either language, problems by sheet, row and column, and --dry-run."""

from __future__ import annotations

from pathlib import Path

import pytest

import cli
from tests.intake_files import (
    GOOD_ACTION_ROWS,
    GOOD_NARRATIVE_ROWS,
    GOOD_ROWS,
    action_reports,
    imports,
    narrative_texts,
    observations,
    quarter_workbook,
)


@pytest.fixture
def db(structure_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONITOR_DB", str(structure_db))
    return structure_db


def _file(tmp_path: Path, data: bytes, name: str = "kwartaal.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


EXPECTED_OUT = {
    "nl": [
        "kwartaal.xlsx: geaccepteerd (import 2): 8 nieuw, 0 gewijzigd, 0 ongewijzigd,"
        " 0 overgeslagen.",
        "Per soort: cijfers: 3 (3 nieuw) · acties: 3 (3 nieuw) · duidingen: 2 (2 nieuw)",
        "  nieuw IND-0301 NL 2025Q3: – -> 41.5",
        "  nieuw IND-0502 CW 2025Q3: – -> 12.25",
        "  nieuw IND-0103 KINGDOM 2025Q3: – -> 80",
        "  nieuw actie AL01-A KINGDOM 2025Q3: – -> Op schema",
        "  nieuw actie AL03-A NL 2025Q3: – -> Vertraagd",
        "  nieuw actie AL03-J CW 2025Q3: – -> Afgerond",
        "  nieuw duiding AL01 KINGDOM 2025Q3",
        "  nieuw duiding AL03 CAR_C 2025Q3",
    ],
    "en": [
        "kwartaal.xlsx: accepted (import 2): 8 new, 0 changed, 0 unchanged, 0 skipped.",
        "By kind: figures: 3 (3 new) · actions: 3 (3 new) · narratives: 2 (2 new)",
        "  new IND-0301 NL 2025Q3: – -> 41.5",
        "  new IND-0502 CW 2025Q3: – -> 12.25",
        "  new IND-0103 KINGDOM 2025Q3: – -> 80",
        "  new action AL01-A KINGDOM 2025Q3: – -> On schedule",
        "  new action AL03-A NL 2025Q3: – -> Delayed",
        "  new action AL03-J CW 2025Q3: – -> Completed",
        "  new narrative AL01 KINGDOM 2025Q3",
        "  new narrative AL03 CAR_C 2025Q3",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_workbook_of_three_kinds_exits_0_and_says_what_each_kind_did(db, tmp_path, capsys, lang):
    path = _file(tmp_path, quarter_workbook(GOOD_ROWS, GOOD_ACTION_ROWS, GOOD_NARRATIVE_ROWS))
    assert cli.main(["import", str(path), "--lang", lang]) == cli.EXIT_OK
    out = capsys.readouterr()
    assert out.out.splitlines() == EXPECTED_OUT[lang]
    assert out.err == ""
    assert (len(observations(db)), len(action_reports(db)), len(narrative_texts(db))) == (3, 3, 2)


def test_a_changed_status_is_told_old_to_new(db, tmp_path, capsys):
    path = _file(tmp_path, quarter_workbook(actions=GOOD_ACTION_ROWS))
    assert cli.main(["import", str(path)]) == cli.EXIT_OK
    changed = [("AL01-A", "KINGDOM", "2025Q3", "vertraagd", "2027Q1", "Defensie", "Later.", "", "")]
    path = _file(tmp_path, quarter_workbook(actions=changed), name="correctie.xlsx")
    capsys.readouterr()
    assert cli.main(["import", str(path), "--lang", "en"]) == cli.EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "By kind: actions: 1 (1 changed)"
    assert out[2] == "  changed action AL01-A KINGDOM 2025Q3: On schedule -> Delayed"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ['Blad acties, rij 3, kolom status (D): onbekende status "bijna"']),
        ("en", ['Sheet acties, row 3, column status (D): unknown status "bijna"']),
    ],
)
def test_a_rejected_workbook_exits_1_naming_sheet_row_and_column(
    db, tmp_path, capsys, lang, expected
):
    rows = [GOOD_ACTION_ROWS[0], ("AL01-B", "KINGDOM", "2025Q3", "bijna", "", "", "", "", "")]
    path = _file(tmp_path, quarter_workbook(GOOD_ROWS, rows))
    assert cli.main(["import", str(path), "--lang", lang]) == cli.EXIT_REJECTED
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert err[1].startswith(expected[0])
    assert (observations(db), action_reports(db)) == ([], [])
    assert imports(db)[-1][-1] == "rejected"


def test_a_dry_run_of_a_workbook_exits_0_and_writes_nothing(db, tmp_path, capsys):
    path = _file(
        tmp_path, quarter_workbook(actions=GOOD_ACTION_ROWS, narratives=GOOD_NARRATIVE_ROWS)
    )
    assert cli.main(["import", str(path), "--dry-run", "--lang", "en"]) == cli.EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("kwartaal.xlsx: dry run, nothing written: would add 5 new")
    assert out[1] == "By kind: actions: 3 (3 new) · narratives: 2 (2 new)"
    assert action_reports(db) == [] and narrative_texts(db) == [] and imports(db) == []


def test_a_rejected_dry_run_of_a_workbook_exits_1_and_writes_nothing(db, tmp_path, capsys):
    bad = [("AL99", "NL", "2025Q3", "Tekst.", "")]
    path = _file(tmp_path, quarter_workbook(narratives=bad))
    assert cli.main(["import", str(path), "--dry-run", "--lang", "en"]) == cli.EXIT_REJECTED
    assert 'Sheet duiding, row 2, column actielijn (A): unknown action line "AL99"' in (
        capsys.readouterr().err
    )
    assert imports(db) == []

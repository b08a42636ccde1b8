"""`python cli.py import`: exit codes, and stderr that names every problem by row and column."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from tests.intake_files import GOOD_ROWS, NL_HEADER, csv_bytes, imports, observations

ROOT = Path(__file__).resolve().parents[2]

BAD_ROWS = [
    ("IND-0301", "NL", "2025Q3", "abc", "", ""),
    ("IND-0301", "ATLANTIS", "2025Q2", "40", "", ""),
]
EXPECTED_STDERR = {
    "en": [
        'Row 2, column waarde (D): "abc" is not a number',
        'Row 3, column deel (B): unknown part "ATLANTIS"',
    ],
    "nl": [
        'Rij 2, kolom waarde (D): "abc" is geen getal',
        'Rij 3, kolom deel (B): onbekend deel "ATLANTIS"',
    ],
}


@pytest.fixture
def db(structure_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONITOR_DB", str(structure_db))
    return structure_db


def _file(tmp_path: Path, rows, name: str = "q.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows, header=NL_HEADER, delimiter=";", decimal_comma=True))
    return path


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_accepted_file_exits_0_and_says_what_changed(db, tmp_path, capsys, lang):
    path = _file(tmp_path, GOOD_ROWS)
    assert cli.main(["import", str(path), "--lang", lang]) == cli.EXIT_OK
    out = capsys.readouterr()
    word = {"nl": "geaccepteerd", "en": "accepted"}[lang]
    assert out.out.startswith(f"q.csv: {word} (import 2)")  # import 1 is the catalogue
    assert "IND-0502 CW 2025Q3: – -> 12.25" in out.out
    assert out.err == ""
    assert len(observations(db)) == 3


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_rejected_file_exits_1_with_one_problem_a_line_on_stderr(db, tmp_path, capsys, lang):
    path = _file(tmp_path, BAD_ROWS)
    assert cli.main(["import", str(path), "--lang", lang]) == cli.EXIT_REJECTED
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3  # the summary, then one line per problem
    for line, expected in zip(err[1:], EXPECTED_STDERR[lang], strict=True):
        assert line.startswith(expected)
    assert observations(db) == []
    assert imports(db)[-1][-1] == "rejected"


def test_a_dry_run_exits_0_and_writes_nothing(db, tmp_path, capsys):
    path = _file(tmp_path, GOOD_ROWS)
    assert cli.main(["import", str(path), "--dry-run", "--lang", "en"]) == cli.EXIT_OK
    assert "dry run, nothing written: would add 3 new" in capsys.readouterr().out
    assert observations(db) == [] and imports(db) == []


def test_a_rejected_dry_run_exits_1_and_writes_nothing(db, tmp_path, capsys):
    path = _file(tmp_path, BAD_ROWS)
    assert cli.main(["import", str(path), "--dry-run"]) == cli.EXIT_REJECTED
    assert "proefrun, zou worden afgekeurd" in capsys.readouterr().err
    assert imports(db) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_unreadable_file_exits_2(db, tmp_path, capsys, lang):
    assert cli.main(["import", str(tmp_path / "nope.csv"), "--lang", lang]) == cli.EXIT_USAGE
    assert cli.main(["import", str(tmp_path), "--lang", lang]) == cli.EXIT_USAGE  # a directory
    err = capsys.readouterr().err
    assert {"nl": "kan ", "en": "cannot read "}[lang] + str(tmp_path / "nope.csv") in err
    assert imports(db) == []


@pytest.mark.parametrize(
    "argv",
    [["import"], ["import", "a.csv", "--lang", "fr"], ["import", "a.csv", "--what"]],
)
def test_bad_arguments_exit_2(db, capsys, argv):
    assert cli.main(argv) == cli.EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_no_database_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "none.duckdb"))
    path = _file(tmp_path, GOOD_ROWS)
    assert cli.main(["import", str(path), "--lang", "en"]) == cli.EXIT_USAGE
    assert "no database" in capsys.readouterr().err


@pytest.mark.slow
def test_the_command_runs_as_a_process(db, tmp_path):
    path = _file(tmp_path, BAD_ROWS)
    env = {**os.environ, "MONITOR_DB": str(db)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "import", str(path), "--lang", "en"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines()[1].startswith(EXPECTED_STDERR["en"][0])

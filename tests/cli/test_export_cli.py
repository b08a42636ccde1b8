"""``python cli.py export``: the same bytes as data/export.py, exit codes and messages."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from data import export as ex
from data.store import open_reader
from metrics.constants import STATUSES
from tests.export_data import FIRST_IMPORT, build_export_db
from ui.i18n import t

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def export_db(structure_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONITOR_DB", str(structure_db))
    return build_export_db(structure_db)


def _expected(path: Path, **options) -> bytes:
    con = open_reader(path)
    try:
        return ex.export(con, ex.ExportRequest(**options))
    finally:
        con.close()


def test_export_without_out_writes_the_file_to_stdout(export_db, capsysbinary):
    code = cli.main(
        ["export", "--quarter", "2025Q3", "--what", "observations", "--dialect", "excel-nl"]
    )
    captured = capsysbinary.readouterr()
    assert code == cli.EXIT_OK
    assert captured.err == b""
    assert captured.out == _expected(
        export_db, quarter="2025Q3", what="observations", dialect="excel-nl"
    )


def test_export_with_out_writes_the_file_and_says_so(export_db, tmp_path, capsys):
    out = tmp_path / "waarnemingen.csv"
    code = cli.main(
        [
            "export",
            "--quarter=2025Q3",
            "--what=observations",
            "--part=CAR_C",
            "--part=NL",
            "--action-line=AL02",
            "--lang=en",
            f"--vintage={FIRST_IMPORT.isoformat()}",
            f"--out={out}",
        ]
    )
    assert code == cli.EXIT_OK
    assert out.read_bytes() == _expected(
        export_db,
        quarter="2025Q3",
        what="observations",
        parts=["CAR_C", "NL"],
        action_lines=["AL02"],
        lang="en",
    )
    assert f"exported 3 rows to {out} (vintage 2026-01-15T09:00:00)" in capsys.readouterr().out


@pytest.mark.slow
def test_export_parquet_to_stdout_is_binary_safe(export_db):
    # A real process: what arrives through the pipe must be the file, byte for byte.
    result = subprocess.run(
        [
            sys.executable,
            "cli.py",
            "export",
            "--quarter",
            "2025Q3",
            "--what",
            "observations",
            "--format",
            "parquet",
        ],
        cwd=ROOT,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == cli.EXIT_OK, result.stderr.decode()
    assert result.stdout.startswith(b"PAR1")
    assert result.stdout == _expected(
        export_db, quarter="2025Q3", what="observations", fmt="parquet"
    )


@pytest.mark.parametrize("what", ex.WHATS)
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--quarter", "2025Q5"], "quarter: period '2025Q5' is not a quarter like 2025Q3"),
        (["--quarter", "Q3 2025"], "quarter: period 'Q3 2025' is not a quarter like 2025Q3"),
        (["--quarter", "2025Q3", "--part", "ATLANTIS"], "unknown part ATLANTIS; known parts:"),
        (["--quarter", "2025Q3", "--part", "nl"], "unknown part nl; known parts:"),
        (
            ["--quarter", "2025Q3", "--action-line", "AL13"],
            "unknown action line AL13; known action lines: AL01, AL02",
        ),
        (
            ["--quarter", "2025Q3", "--vintage", "last tuesday"],
            "vintage 'last tuesday' is not an ISO-8601 moment like 2026-11-28T09:00:00",
        ),
    ],
)
def test_bad_arguments_exit_2_with_a_message_and_no_output(
    export_db, capsysbinary, what, arguments, message
):
    code = cli.main(["export", "--what", what, *arguments])
    captured = capsysbinary.readouterr()
    assert code == cli.EXIT_USAGE
    assert captured.out == b""
    error = captured.err.decode()
    assert error.startswith(f"cli.py export: error: {message}")
    assert error.count("\n") == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "the following arguments are required: --quarter"),
        (["--quarter", "2025Q3", "--dialect", "excel"], "invalid choice: 'excel'"),
        (["--quarter", "2025Q3", "--format", "xlsx"], "invalid choice: 'xlsx'"),
        (["--quarter", "2025Q3", "--what", "all"], "invalid choice: 'all'"),
        (["--quarter", "2025Q3", "--lang", "fr"], "invalid choice: 'fr'"),
    ],
)
def test_arguments_argparse_refuses_exit_2(export_db, capsys, arguments, message):
    assert cli.main(["export", *arguments]) == cli.EXIT_USAGE
    assert message in capsys.readouterr().err


def test_a_bad_argument_with_out_leaves_no_file(export_db, tmp_path, capsys):
    out = tmp_path / "export.csv"
    code = cli.main(["export", "--quarter", "2025Q3", "--part", "ATLANTIS", "--out", str(out)])
    assert code == cli.EXIT_USAGE
    assert not out.exists()


def test_an_unwritable_out_exits_2_and_says_why(export_db, tmp_path, capsys):
    out = tmp_path / "no such directory" / "export.csv"
    code = cli.main(["export", "--quarter", "2025Q3", "--what", "observations", "--out", str(out)])
    assert code == cli.EXIT_USAGE
    assert f"cli.py export: error: cannot write {out}" in capsys.readouterr().err


def test_no_database_exits_2_and_says_how_to_make_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "absent.duckdb"))
    assert cli.main(["export", "--quarter", "2025Q3"]) == cli.EXIT_USAGE
    assert "run `python cli.py init --demo`" in capsys.readouterr().err


def test_after_cli_import_of_a_correction_the_old_vintage_gives_the_old_file(
    export_db, tmp_path, capsysbinary
):
    arguments = ["export", "--quarter=2025Q3", "--what=observations", "--dialect=excel-nl"]
    assert cli.main(arguments) == cli.EXIT_OK
    before = capsysbinary.readouterr().out

    correction = tmp_path / "correctie.csv"
    correction.write_text("indicator_id,part,period,value,flag,note\nIND-0201,NL,2025Q1,43.0,,\n")
    assert cli.main(["import", str(correction)]) == cli.EXIT_OK
    capsysbinary.readouterr()

    assert cli.main([*arguments, f"--vintage={FIRST_IMPORT.isoformat()}"]) == cli.EXIT_OK
    assert capsysbinary.readouterr().out == before
    assert cli.main(arguments) == cli.EXIT_OK
    after = capsysbinary.readouterr().out
    old_rows, new_rows = _rows(before), _rows(after)
    changed = [
        (old, new)
        for old, new in zip(old_rows, new_rows, strict=True)
        if (old["value"], old["import_id"]) != (new["value"], new["import_id"])
    ]
    assert len(changed) == 1
    old, new = changed[0]
    assert (new["indicator_id"], new["part_id"], new["period"]) == ("IND-0201", "NL", "2025Q1")
    assert (old["value"], new["value"]) == ("41,5", "43,0")
    assert len(old_rows) == len(new_rows)


def _rows(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_assessment_is_the_default_with_labels_in_the_chosen_language(
    demo_db, monkeypatch, capsysbinary, lang
):
    monkeypatch.setenv("MONITOR_DB", str(demo_db))
    assert cli.main(["export", "--quarter", "2026Q3", "--lang", lang]) == cli.EXIT_OK
    out = capsysbinary.readouterr().out
    labels = {status: t(f"status.{status}", lang) for status in STATUSES}
    assert out == _expected(demo_db, quarter="2026Q3", lang=lang, status_labels=labels)
    header, first = out.decode().splitlines()[:2]
    assert header == ",".join(ex.ASSESSMENT_COLUMNS)
    assert labels["moderate"] in first

"""What the CLI writes to a terminal: a file's text shown, never obeyed; a closed pipe is quiet.

A file's cells and its name may hold control characters (an escape sequence, a bell, a carriage
return): everything the CLI prints shows them escaped (``ui.literal``). ``cli.py import FILE |
head -1`` closes the pipe before the CLI has said everything: the import is decided (and
committed) before it prints, so the exit status stays the import's, with no traceback.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import cli
from report import images as report_images
from tests.intake_files import GOOD_ROWS, NL_HEADER, csv_bytes, imports, observations
from ui.literal import CONTROL_CHARACTERS, terminal_text

ROOT = Path(__file__).resolve().parents[2]
# An escape sequence that turns the terminal red, a bell, a carriage return.
HOSTILE = ("\x1b[31m", "\x07", "\r")
HOSTILE_NAME = "q\x1b[31m\x07\r.csv"


@pytest.fixture
def db(structure_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONITOR_DB", str(structure_db))
    return structure_db


def _raw_controls(text: str) -> set[str]:
    """The control characters in ``text`` other than the line breaks between lines."""
    return {c for c in text if ord(c) in CONTROL_CHARACTERS and c != "\n"}


def _hostile_file(tmp_path: Path) -> Path:
    """A rejected file: control characters in its name, in a value and in a part id."""
    rows = (
        ";".join(NL_HEADER),
        'IND-0301;NL;2025Q3;"\x1b[31mabc\x07";;',
        'IND-0301;"AT\rLANTIS";2025Q2;40;;',
    )
    path = tmp_path / HOSTILE_NAME
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode())
    return path


def test_terminal_text_escapes_controls_as_python_writes_them():
    assert terminal_text("a\x1b[31mb\x07c\rd\ne\tf\x9b\u202eg") == (
        "a\\x1b[31mb\\x07c\\rd\\ne\\tf\\x9b\\u202eg"
    )
    assert terminal_text("Curaçao: 12,5 % – “ok” \\x1b") == "Curaçao: 12,5 % – “ok” \\x1b"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_rejected_file_s_name_and_cells_reach_the_terminal_escaped(db, tmp_path, capsys, lang):
    path = _hostile_file(tmp_path)
    assert cli.main(["import", str(path), "--lang", lang]) == cli.EXIT_REJECTED
    out = capsys.readouterr()
    assert _raw_controls(out.out + out.err) == set()
    lines = out.err.splitlines()
    assert lines[0].startswith("q\\x1b[31m\\x07\\r.csv: ")
    assert '"\\x1b[31mabc\\x07"' in out.err
    assert '"AT\\rLANTIS"' in out.err


def test_an_accepted_file_s_name_reaches_the_terminal_escaped(db, tmp_path, capsys):
    path = tmp_path / HOSTILE_NAME
    path.write_bytes(csv_bytes(GOOD_ROWS, header=NL_HEADER, delimiter=";", decimal_comma=True))
    assert cli.main(["import", str(path), "--lang", "en", "--dry-run"]) == cli.EXIT_OK
    out = capsys.readouterr()
    assert _raw_controls(out.out + out.err) == set()
    assert out.out.startswith("q\\x1b[31m\\x07\\r.csv: dry run")


def test_an_unreadable_file_s_name_reaches_the_terminal_escaped(db, tmp_path, capsys):
    missing = tmp_path / HOSTILE_NAME
    assert cli.main(["import", str(missing), "--lang", "en"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert _raw_controls(err) == set()
    assert "q\\x1b[31m\\x07\\r.csv" in err


def test_a_catalogue_file_s_name_reaches_the_terminal_escaped(db, tmp_path, capsys):
    path = tmp_path / "catalogus\x1b[2J\x07.xlsx"
    path.write_bytes(b"not a workbook\x1b[2J\r\n")
    code = cli.main(["catalogue", "import", str(path), "--lang", "en"])
    assert code == cli.EXIT_REJECTED
    out = capsys.readouterr()
    assert _raw_controls(out.out + out.err) == set()
    assert "catalogus\\x1b[2J\\x07.xlsx" in out.err


def _run_with_stdout_closed(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """``cli.py args`` with stdout a pipe whose reader has gone before the CLI writes a byte
    (what ``| head -1`` does to the lines after the first, without the race)."""
    read_end, write_end = os.pipe()
    try:
        os.close(read_end)
        return subprocess.run(
            [sys.executable, str(ROOT / "cli.py"), *args],
            env=env,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


def test_an_import_piped_into_a_closed_reader_stays_committed_once(db, tmp_path):
    path = tmp_path / "q.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS, header=NL_HEADER, delimiter=";", decimal_comma=True))
    env = {**os.environ, "MONITOR_DB": str(db)}
    done = _run_with_stdout_closed(["import", str(path), "--lang", "en"], env)
    assert done.stderr == ""  # no traceback, no "Exception ignored ... BrokenPipeError"
    assert done.returncode == cli.EXIT_OK
    assert [row[-1] for row in imports(db)] == ["accepted"]
    assert len(observations(db)) == 3


@contextlib.contextmanager
def _closed_stdout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``sys.stdout`` a pipe whose reader has gone, in this process (a report or an export piped
    into ``head -c``). Set in the test's body: pytest's capture sets its own between phases."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    with open(write_end, "w", encoding="utf-8") as stream:
        monkeypatch.setattr(sys, "stdout", stream)
        try:
            yield
        finally:
            monkeypatch.setattr(sys, "stdout", sys.__stdout__)


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--quarter", "2026Q3", "--format", "html"],
        ["export", "--quarter", "2025Q3", "--what", "observations"],
    ],
    ids=["report", "export"],
)
def test_a_document_piped_into_a_closed_reader_ends_quietly(demo_db, monkeypatch, capsys, args):
    monkeypatch.setenv("MONITOR_DB", str(demo_db))
    monkeypatch.setattr(report_images, "find_chromium", lambda: None)  # tables, not charts
    with _closed_stdout(monkeypatch):
        assert cli.main(args) == cli.EXIT_OK
    assert capsys.readouterr().err == ""

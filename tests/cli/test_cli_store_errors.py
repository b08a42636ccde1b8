"""Every command, when the file at MONITOR_DB is not the monitor's database or is damaged, or
when another process holds the write lock: a message in the chosen language, exit 2, no
traceback, and the file left as it was."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import cli
from data import store
from data.init import initialize
from data.store import open_reader
from tests.conftest import DEMO_CLOCK
from tests.intake_files import csv_bytes
from ui.i18n import t

ROOT = Path(__file__).resolve().parents[2]

NOT_A_DATABASE = b"indicator;part;period;value\nI01;NL;2026Q3;12\n" * 200


def _damaged(tmp_path: Path) -> bytes:
    source = tmp_path / "source" / "monitor.duckdb"
    source.parent.mkdir()
    initialize(source, demo=False, clock=DEMO_CLOCK)
    data = source.read_bytes()
    return data[: len(data) // 2]


@pytest.fixture(params=["not_a_database", "damaged"])
def bad_db(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    path = tmp_path / "monitor.duckdb"
    path.write_bytes(NOT_A_DATABASE if request.param == "not_a_database" else _damaged(tmp_path))
    monkeypatch.setenv("MONITOR_DB", str(path))
    return path, request.param


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    quarter_file = tmp_path / "kw3.csv"
    quarter_file.write_bytes(csv_bytes([("IND-0101", "NL", "2026Q3", "12", "", "")]))
    return {
        "init --if-absent": ["init", "--if-absent"],
        "import": ["import", str(quarter_file)],
        "import --dry-run": ["import", str(quarter_file), "--dry-run"],
        "export": ["export", "--quarter", "2026Q3"],
        "report": ["report", "--quarter", "2026Q3"],
        "catalogue export": ["catalogue", "export", "--out", str(tmp_path / "catalogus.xlsx")],
        "catalogue import": ["catalogue", "import", str(quarter_file)],
        "access list": ["access", "list"],
        "access grant": ["access", "grant", "ana@example.aw", "--role", "viewer"],
    }


COMMANDS = list(_commands(Path("/")))


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_says_what_is_wrong_with_the_database_and_exits_2(
    bad_db, tmp_path, capsys, command, lang
):
    path, code = bad_db
    before = path.read_bytes()
    status = cli.main([*_commands(tmp_path)[command], "--lang", lang])
    out, err = capsys.readouterr()
    assert status == 2
    assert err.strip() == t(f"store.error.{code}", lang, path=path)
    assert out == ""
    assert path.read_bytes() == before


def test_init_refuses_to_replace_a_file_that_is_not_a_database(tmp_path, monkeypatch, capsys):
    path = tmp_path / "monitor.duckdb"
    path.write_bytes(NOT_A_DATABASE)
    monkeypatch.setenv("MONITOR_DB", str(path))
    assert cli.main(["init", "--demo", "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == t("store.error.not_a_database", "en", path=path)
    assert path.read_bytes() == NOT_A_DATABASE


def test_init_makes_a_new_database_in_place_of_a_damaged_one(tmp_path, monkeypatch):
    # What the message about a damaged database advises: it works.
    path = tmp_path / "monitor.duckdb"
    path.write_bytes(_damaged(tmp_path))
    monkeypatch.setenv("MONITOR_DB", str(path))
    assert cli.main(["init"]) == cli.EXIT_OK
    with open_reader(path) as con:
        assert con.execute("SELECT count(*) FROM meta").fetchall()[0][0] > 0


def test_as_a_script_a_damaged_database_gives_the_message_and_no_traceback(bad_db):
    path, code = bad_db
    done = subprocess.run(
        [sys.executable, "cli.py", "export", "--quarter", "2026Q3", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == t(f"store.error.{code}", "en", path=path)
    assert "Traceback" not in done.stderr


HOLDING_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from data.store import writer
    with writer(Path(sys.argv[1])):
        print("holding", flush=True)
        time.sleep(600)
    """
)


@pytest.fixture
def stopped_holder(structure_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A writer that took the lock and was suspended (SIGSTOP); the CLI waits 1.5 s, not 120."""
    monkeypatch.setenv("MONITOR_DB", str(structure_db))
    monkeypatch.setattr(store, "_LOCK_TIMEOUT_S", 1.5)
    monkeypatch.setattr(store, "_WAIT_NOTICE_S", 0.2)
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDING_WRITER, str(structure_db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "holding"
        process.send_signal(signal.SIGSTOP)
        yield process.pid
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_busy_database_names_the_process_and_how_to_stop_it(stopped_holder, capsys, lang):
    pid = stopped_holder
    status = cli.main(["access", "grant", "ana@example.aw", "--role", "viewer", "--lang", lang])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == cli.EXIT_BUSY == 2
    assert len(err) == 2, err
    waiting, gave_up = err
    assert f" {pid} " in waiting
    assert f" {pid} " in gave_up
    assert gave_up.endswith(f"kill {pid}")
    assert "python -c" in gave_up

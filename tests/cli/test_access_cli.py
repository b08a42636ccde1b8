"""``python cli.py access grant/revoke/list``: the operator as a local admin, every change kept,
exit 2 with a message in the chosen language for what cannot be right."""

from __future__ import annotations

import getpass
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from data.access import grant_changes
from data.store import open_reader

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(structure_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONITOR_DB", str(structure_db))
    return structure_db


def _changes(db: Path):
    with open_reader(db) as con:
        return grant_changes(con)


def test_grant_list_and_revoke_round_trip_recorded_as_the_os_user(db, capsys):
    assert (
        cli.main(
            [
                "access",
                "grant",
                "Ana@Example.AW",
                "--role",
                "coordinator",
                "--part",
                "AW",
                "--reason",
                "coördinator Aruba",
            ]
        )
        == cli.EXIT_OK
    )
    assert "toegekend: ana@example.aw · coördinator (AW)" in capsys.readouterr().out
    assert cli.main(["access", "grant", "ed@example.nl", "--role", "editor", "--lang", "en"]) == 0
    assert "granted: ed@example.nl · editor" in capsys.readouterr().out
    assert cli.main(["access", "list"]) == cli.EXIT_OK
    listed = capsys.readouterr().out.splitlines()
    assert [line.split(" · sinds")[0] for line in listed] == [
        "ana@example.aw · coördinator (AW)",
        "ed@example.nl · redacteur",
    ]
    assert cli.main(["access", "revoke", "ana@example.aw"]) == cli.EXIT_OK
    assert "ingetrokken: ana@example.aw · coördinator (AW)" in capsys.readouterr().out
    changes = _changes(db)
    assert len(changes) == 3
    assert set(changes["recorded_by"]) == {getpass.getuser()}
    assert set(changes["recorded_by_mode"]) == {"cli"}
    assert changes.iloc[-1]["reason"] == "coördinator Aruba"


def test_granting_again_says_nothing_changed(db, capsys):
    argv = ["access", "grant", "v@example.nl", "--role", "viewer"]
    assert cli.main(argv) == cli.main(argv) == cli.EXIT_OK
    assert "geen wijziging" in capsys.readouterr().out
    assert len(_changes(db)) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["grant", "x@example.nl", "--role", "owner"], "Onbekende rol ‘owner’"),
        (["grant", "x@example.nl", "--role", "coordinator", "--part", "ZZ"], "Onbekend deel"),
        (["grant", "x@example.nl", "--role", "coordinator"], "op de opdrachtregel met --part"),
        (["grant", "x@example.nl", "--role", "viewer", "--part", "AW"], "Alleen een coördinator"),
        (["grant", "geen-adres", "--role", "viewer"], "is geen e-mailadres"),
        (["revoke", "x@example.nl"], "niets ingetrokken"),
        (["revoke", "x@example.nl", "--role", "owner", "--lang", "en"], "Unknown role ‘owner’"),
    ],
)
def test_what_cannot_be_right_exits_2_with_a_message_and_writes_nothing(db, capsys, argv, message):
    assert cli.main(["access", *argv]) == cli.EXIT_USAGE
    assert message in capsys.readouterr().err
    assert _changes(db).empty


def test_grant_without_a_role_is_a_usage_error(db):
    assert cli.main(["access", "grant", "x@example.nl"]) == cli.EXIT_USAGE


def test_list_on_an_empty_database_says_so(db, capsys):
    assert cli.main(["access", "list", "--lang", "en"]) == cli.EXIT_OK
    assert capsys.readouterr().out.strip() == "No roles have been granted yet."


def test_the_cli_runs_as_a_program(db):
    done = subprocess.run(
        [sys.executable, "cli.py", "access", "grant", "p@example.nl", "--role", "admin"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"MONITOR_DB": str(db), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert "p@example.nl · beheerder" in done.stdout

"""``python cli.py export --what actions|narrative``: the same bytes as data/export.py with the
labels and untranslated mark in the chosen language, and the vintage after a revision. Bad
arguments for every kind: tests/cli/test_export_cli.py."""

from __future__ import annotations

from pathlib import Path

import pytest

import cli
from data import export as ex
from data.dialects import UTF8_BOM
from data.store import open_reader
from tests.action_export_data import ACTIONS_AT, build_action_export_db, revise_actions
from ui.labels import export_status_labels, untranslated_mark


@pytest.fixture
def action_db(structure_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONITOR_DB", str(structure_db))
    return build_action_export_db(structure_db)


def _expected(path: Path, what: str, lang: str = "nl", **options) -> bytes:
    con = open_reader(path)
    try:
        request = ex.ExportRequest(
            what=what,
            lang=lang,
            status_labels=export_status_labels(what, lang),
            untranslated=untranslated_mark(lang),
            **options,
        )
        return ex.export(con, request)
    finally:
        con.close()


@pytest.mark.parametrize("what", ["actions", "narrative"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_export_to_stdout_has_labels_and_narratives_in_the_chosen_language(
    action_db, capsysbinary, what, lang
):
    code = cli.main(["export", "--quarter", "2025Q3", "--what", what, "--lang", lang])
    captured = capsysbinary.readouterr()
    assert code == cli.EXIT_OK
    assert captured.err == b""
    assert captured.out == _expected(action_db, what, lang, quarter="2025Q3")
    text = captured.out.decode()
    assert text.splitlines()[0] == ",".join(
        ex.ACTION_COLUMNS if what == "actions" else ex.NARRATIVE_COLUMNS
    )
    if what == "actions":
        assert export_status_labels(what, lang)["not_reported"] in text
    if lang == "en":
        assert untranslated_mark("en") in text


@pytest.mark.parametrize("what", ["actions", "narrative"])
def test_export_with_out_and_scope_writes_the_file_and_says_so(action_db, tmp_path, capsys, what):
    out = tmp_path / f"{what}.parquet"
    code = cli.main(
        [
            "export",
            "--quarter=2025Q3",
            f"--what={what}",
            "--part=CAR_C",
            "--action-line=AL03",
            "--format=parquet",
            f"--out={out}",
        ]
    )
    assert code == cli.EXIT_OK
    expected = _expected(
        action_db, what, quarter="2025Q3", parts=["CAR_C"], action_lines=["AL03"], fmt="parquet"
    )
    assert out.read_bytes() == expected
    rows = {"actions": 3, "narrative": 1}[what]  # AL03-J owed by AW, CW, SX; the duiding of AW
    message = capsys.readouterr().out
    assert f"to {out} (vintage 2026-01-20T10:00:00)" in message
    assert message.startswith(f"exported {rows} rows")


def test_excel_nl_has_the_bom_and_semicolons(action_db, capsysbinary):
    arguments = ["export", "--quarter=2025Q3", "--what=actions", "--dialect=excel-nl"]
    assert cli.main(arguments) == cli.EXIT_OK
    out = capsysbinary.readouterr().out
    assert out.startswith(UTF8_BOM + b"quarter;vintage;")
    assert out == _expected(action_db, "actions", quarter="2025Q3", dialect="excel-nl")


def test_after_a_revision_the_old_vintage_gives_the_old_file(action_db, capsysbinary):
    arguments = ["export", "--quarter=2025Q3", "--what=actions", "--lang=en"]
    assert cli.main(arguments) == cli.EXIT_OK
    before = capsysbinary.readouterr().out

    revise_actions(action_db)

    assert cli.main([*arguments, f"--vintage={ACTIONS_AT.isoformat()}"]) == cli.EXIT_OK
    assert capsysbinary.readouterr().out == before
    assert cli.main(arguments) == cli.EXIT_OK
    after = capsysbinary.readouterr().out
    assert after != before
    assert b",delayed,Delayed,2027Q2," in after
    assert b",delayed,Delayed,2027Q2," not in before

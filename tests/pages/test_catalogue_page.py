"""The Catalogue page under AppTest, in both languages: its tabs on an empty and on a filled
catalogue, a workbook uploaded -> previewed -> confirmed (then visible on the page and in the
change log), a refused workbook with its problems by sheet, row and column, an inline edit
previewed and confirmed, and the downloads."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from data.catalogue import catalogue_frames
from data.catalogue_workbook import (
    EXAMPLE_WORKBOOK,
    catalogue_csv_zip,
    catalogue_file_name,
    catalogue_workbook,
)
from data.store import open_reader
from tests.catalogue_files import (
    NEW_INDICATOR,
    NEW_TARGET,
    STORED_TARGETS,
    build_catalogue_db,
    catalogue_imports,
    version_counts,
    workbook_bytes,
)
from tests.conftest import DEMO_CLOCK
from tests.pages.catalogue_db import empty_catalogue_db
from tests.pages.conftest import APP
from ui import pages
from ui.catalogue_labels import workbook_texts
from ui.i18n import t

PAGE = pages.CATALOGUE.path
# IND-0101's Kingdom target, raised with a reason.
RAISED = {**STORED_TARGETS[0], "target_value": "2.5", "reason": "hoger NAVO-doel"}


@pytest.fixture
def catalogue_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = build_catalogue_db(tmp_path / "monitor.duckdb")
    monkeypatch.setenv("MONITOR_DB", str(path))
    return path


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = empty_catalogue_db(tmp_path / "monitor.duckdb", clock=DEMO_CLOCK)
    monkeypatch.setenv("MONITOR_DB", str(path))
    return path


def _open(lang: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"lang": lang, **params})
    at.run()
    at.switch_page(PAGE).run()
    _ok(at)
    return at


def _ok(at: AppTest) -> None:
    assert not at.exception, at.exception[0].value if at.exception else ""


def _table(at: AppTest, column_key: str, lang: str):
    column = t(column_key, lang)
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def _tables(at: AppTest, column_key: str, lang: str) -> list:
    column = t(column_key, lang)
    return [frame.value for frame in at.dataframe if column in frame.value.columns]


def _upload(at: AppTest, data: bytes, name: str = "catalogus.xlsx") -> AppTest:
    at.file_uploader(key="catalogue_file").set_value((name, data, "application/octet-stream"))
    at.run()
    _ok(at)
    return at


def _log(db: Path) -> tuple[int, int]:
    return version_counts(db)


# --- the page's states ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_on_an_empty_catalogue_every_tab_says_what_to_do(empty_db, lang):
    at = _open(lang)
    assert [tab.label for tab in at.tabs] == [
        t(f"catalogue.tab.{name}", lang)
        for name in ("indicators", "download", "import", "edit", "log")
    ]
    infos = [info.value for info in at.info]
    assert t("catalogue.empty", lang) in infos
    assert t("catalogue.download.empty", lang) in infos
    assert t("catalogue.edit.nothing_yet", lang) in infos
    assert t("catalogue.log.empty", lang) in infos
    # Empty editors to start a catalogue in the page, one per sheet, rows may be added.
    assert [(len(e.value), e.editing_mode) for e in at.data_editor] == [(0, "add"), (0, "add")]
    assert at.file_uploader(key="catalogue_file").label == t("catalogue.import.label", lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_on_the_demo_catalogue_the_editors_and_the_log_hold_it(demo_app_db, lang):
    at = _open(lang)
    with open_reader(demo_app_db) as con:
        indicators, targets = catalogue_frames(con)
    editors = at.data_editor
    assert [len(e.value) for e in editors] == [len(indicators), len(targets)]
    assert list(editors[0].value.columns) == list(indicators.columns)
    first = editors[0].value.set_index("indicator_id").loc["IND-0201", "scope"]
    assert first == "NL;AW;CW;SX;BQ-BO;BQ-SE;BQ-SA"  # as the workbook writes it
    assert editors[1].value["reason"].isna().all(), "a reason is for the change being made"
    log = _table(at, "catalogue.log.old_new", lang)
    # The seed import: one "new" row per indicator and per target; the demo's one revision of a
    # target after it: a "changed" row per field, newest first, with its reason.
    change, reason = t("catalogue.log.change", lang), t("catalogue.log.reason", lang)
    new, changed = t("catalogue.preview.kind_new", lang), t("catalogue.preview.kind_changed", lang)
    assert int((log[change] == new).sum()) == len(indicators) + len(targets)
    revised = log.loc[log[change] == changed]
    assert len(revised) >= 1 and set(revised.index) == set(range(len(revised)))
    assert revised[reason].str.len().gt(0).all()


# --- a workbook uploaded ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_valid_workbook_is_previewed_then_confirmed(catalogue_db, lang):
    data = workbook_bytes([NEW_INDICATOR], [RAISED, *STORED_TARGETS[1:], NEW_TARGET], lang=lang)
    before = _log(catalogue_db)
    at = _upload(_open(lang), data)
    assert t("catalogue.import.checked", lang, file="catalogus.xlsx") in [i.value for i in at.info]
    assert _log(catalogue_db) == before, "a preview writes nothing"
    changes = _table(at, "catalogue.preview.field", lang)
    col = {
        name: t(f"catalogue.preview.{name}", lang)
        for name in ("indicator", "part", "kind", "field", "old", "new", "reason")
    }
    # The indicator and part by name beside (or instead of) their ids; a new indicator by its id.
    rows = {
        (r[col["indicator"]].split(" · ")[0], r[col["part"]], r[col["kind"]]): r
        for r in changes.to_dict("records")
    }
    new, changed = t("catalogue.preview.kind_new", lang), t("catalogue.preview.kind_changed", lang)
    kingdom = "Koninkrijk der Nederlanden" if lang == "nl" else "Kingdom of the Netherlands"
    assert set(rows) == {
        ("IND-9901", "", new),
        ("IND-9901", "Aruba", new),
        ("IND-0101", kingdom, changed),
    }
    raised = rows[("IND-0101", kingdom, changed)]
    assert raised[col["indicator"]].startswith("IND-0101 · ")
    assert (raised[col["field"]], raised[col["old"]], raised[col["new"]]) == (
        "target_value",
        "2",
        "2,5" if lang == "nl" else "2.5",
    )
    assert raised[col["reason"]] == "hoger NAVO-doel"
    assert rows[("IND-9901", "", new)][col["new"]] == NEW_INDICATOR[f"name_{lang}"]
    # Unchanged rows are collapsed, counted.
    assert [e.label for e in at.expander] == [t("catalogue.preview.unchanged", lang, count=2)]

    at.button(key="catalogue_file_confirm").click().run()
    _ok(at)
    assert at.success[0].value.startswith(
        t("catalogue.import.imported", lang, file="catalogus.xlsx", import_id="", counts="")[:8]
    )
    assert _log(catalogue_db) == (before[0] + 1, before[1] + 2)
    at.run()  # a rerun never imports twice
    assert [row[2] for row in catalogue_imports(catalogue_db)][-1:] == ["accepted"]
    assert _log(catalogue_db) == (before[0] + 1, before[1] + 2)

    # The new indicator and its target on the page; the change in the log.
    at.selectbox(key="ind").select("IND-9901").run()
    _ok(at)
    targets = _table(at, "catalogue.target.baseline_period", lang)
    assert list(targets[t("catalogue.target.target_value", lang)]) == ["20"]
    log = _table(at, "catalogue.log.old_new", lang)
    latest = log.loc[log[t("catalogue.log.indicator", lang)] == "IND-0101"].iloc[0]
    assert latest[t("catalogue.log.old_new", lang)] == ("2 → 2,5" if lang == "nl" else "2 → 2.5")
    assert latest[t("catalogue.log.reason", lang)] == "hoger NAVO-doel"


@pytest.mark.parametrize(
    ("lang", "sheets"), [("nl", ("indicatoren", "doelen")), ("en", ("indicators", "targets"))]
)
def test_a_refused_workbook_lists_its_problems_by_sheet_row_and_column(catalogue_db, lang, sheets):
    wrong = {**NEW_INDICATOR, "direction": "sideways"}
    late = {**NEW_TARGET, "baseline_period": "2030Q1"}
    before = _log(catalogue_db)
    at = _upload(_open(lang), workbook_bytes([wrong], [late], lang=lang), name="fout.xlsx")
    assert at.error[0].value.startswith(
        t("catalogue.import.rejected", lang, file="fout.xlsx", count=0)[:10]
    )
    problems = _table(at, "catalogue.problems.problem", lang)
    where = {
        (
            r[t("catalogue.problems.sheet", lang)],
            r[t("catalogue.problems.row", lang)],
            r[t("catalogue.problems.column", lang)],
        )
        for r in problems.to_dict("records")
    }
    assert (sheets[0], 2, "direction (I)") in where
    assert any(sheet == sheets[1] and row == 2 for sheet, row, _ in where)
    assert "sideways" in " ".join(problems[t("catalogue.problems.problem", lang)])
    assert not [b for b in at.button if b.key == "catalogue_file_confirm"]
    assert _log(catalogue_db) == before


# --- an inline edit ---------------------------------------------------------------------------------


def _editor_key(at: AppTest, sheet: str) -> str:
    (key,) = [e.key for e in at.data_editor if e.key.startswith(f"catalogue_edit_{sheet}_")]
    return key


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_inline_edit_is_previewed_then_confirmed(catalogue_db, lang):
    at = _open(lang)
    targets = at.data_editor(key=_editor_key(at, "targets")).value
    row = int(
        targets.index[(targets["indicator_id"] == "IND-0101") & (targets["part_id"] == "KINGDOM")][
            0
        ]
    )
    at.session_state[_editor_key(at, "targets")] = {
        "edited_rows": {row: {"target_value": 2.5, "reason": "hoger NAVO-doel"}},
        "added_rows": [
            {
                "indicator_id": "IND-0201",
                "part_id": "AW",
                "baseline_period": "2023Q2",
                "baseline_value": 45.0,
                "target_period": "2029Q4",
                "target_value": 60.0,
            }
        ],
        "deleted_rows": [],
    }
    before = _log(catalogue_db)
    at.run()
    _ok(at)
    changes = _table(at, "catalogue.preview.field", lang)
    kinds = sorted(changes[t("catalogue.preview.kind", lang)])
    assert kinds == sorted(
        [t("catalogue.preview.kind_changed", lang), t("catalogue.preview.kind_new", lang)]
    )
    assert _log(catalogue_db) == before

    at.button(key="catalogue_edit_confirm").click().run()
    _ok(at)
    assert _log(catalogue_db) == (before[0], before[1] + 2)
    assert any(
        s.value.startswith(
            t("catalogue.import.imported", lang, file="page edit", import_id="", counts="")[:8]
        )
        for s in at.success
    )
    with open_reader(catalogue_db) as con:
        _, stored = catalogue_frames(con)
    stored = stored.set_index(["indicator_id", "part_id"])
    assert stored.loc[("IND-0101", "KINGDOM"), "target_value"] == 2.5
    assert stored.loc[("IND-0101", "KINGDOM"), "reason"] == "hoger NAVO-doel"
    assert stored.loc[("IND-0201", "AW"), "target_value"] == 60.0
    # The editors open on the new catalogue.
    assert len(at.data_editor(key=_editor_key(at, "targets")).value) == len(STORED_TARGETS) + 1


def test_an_inline_removal_needs_a_reason_and_removes_the_target(catalogue_db):
    at = _open("en")
    key = _editor_key(at, "targets")
    targets = at.data_editor(key=key).value
    row = int(
        targets.index[(targets["indicator_id"] == "IND-0201") & (targets["part_id"] == "CW")][0]
    )
    empty = dict.fromkeys(("baseline_period", "baseline_value", "target_period", "target_value"))
    at.session_state[key] = {"edited_rows": {row: empty}, "added_rows": [], "deleted_rows": []}
    at.run()
    _ok(at)
    problems = _table(at, "catalogue.problems.problem", "en")
    assert list(problems["Sheet"]) == ["targets"] and list(problems["Column"]) == ["reason (G)"]

    at.session_state[key] = {
        "edited_rows": {row: {**empty, "reason": "Curaçao follows the Kingdom"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    _ok(at)
    changes = _table(at, "catalogue.preview.field", "en")
    assert list(changes["Change"]) == ["removed"] and list(changes["Part"]) == ["Curaçao"]
    at.button(key="catalogue_edit_confirm").click().run()
    _ok(at)
    with open_reader(catalogue_db) as con:
        _, stored = catalogue_frames(con)
    assert ("IND-0201", "CW") not in set(
        zip(stored["indicator_id"], stored["part_id"], strict=True)
    )


# --- the downloads ----------------------------------------------------------------------------------


@pytest.fixture
def deferred_downloads(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every deferred download the page registers: its file name and its callable."""
    registered: list[dict] = []
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        registered.append({"data": data_callable, "mimetype": mimetype, "file_name": file_name})
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return registered


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("nl", ("catalogus.xlsx", "catalogus-csv.zip")),
        ("en", ("catalogue.xlsx", "catalogue-csv.zip")),
    ],
)
def test_the_downloads_are_built_when_asked_in_the_chosen_language(
    catalogue_db, deferred_downloads, lang, names
):
    at = _open(lang)
    by_name = {d["file_name"]: d for d in deferred_downloads}
    assert set(names) | {EXAMPLE_WORKBOOK.name} <= set(by_name)
    with open_reader(catalogue_db) as con:
        workbook = catalogue_workbook(con, lang=lang, texts=workbook_texts(lang))
        csv_zip = catalogue_csv_zip(con, lang=lang)
    assert by_name[names[0]]["data"]() == workbook
    assert by_name[names[1]]["data"]() == csv_zip
    assert by_name[EXAMPLE_WORKBOOK.name]["data"]() == EXAMPLE_WORKBOOK.read_bytes()
    # The workbook in the other language, from the same page.
    other = "en" if lang == "nl" else "nl"
    deferred_downloads.clear()
    at.radio(key="catalogue_download_lang").set_value(other).run()
    _ok(at)
    other_xlsx = catalogue_file_name(other, "xlsx")
    (download,) = [d for d in deferred_downloads if d["file_name"] == other_xlsx]
    assert openpyxl.load_workbook(io.BytesIO(download["data"]())).sheetnames[:2] == list(
        {"nl": ["indicatoren", "doelen"], "en": ["indicators", "targets"]}[other]
    )


def test_a_downloaded_workbook_imported_unchanged_changes_nothing(catalogue_db, deferred_downloads):
    at = _open("nl")
    (download,) = [d for d in deferred_downloads if d["file_name"] == "catalogus.xlsx"]
    before = _log(catalogue_db)
    at = _upload(at, download["data"]())
    assert t("catalogue.import.nothing", "nl") in [info.value for info in at.info]
    at.button(key="catalogue_file_confirm").click().run()
    _ok(at)
    assert _log(catalogue_db) == before

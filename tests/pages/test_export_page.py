"""The Export page: runs on its own in both languages, previews, and offers the CLI's bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import cli
from data import export as ex
from data.dialects import UTF8_BOM
from data.store import open_reader
from metrics.constants import STATUSES
from tests.action_export_data import build_action_export_db
from tests.export_data import build_export_db
from tests.pages.conftest import ROOT
from ui.i18n import t
from ui.labels import action_status_labels

PAGE = str(ROOT / "app_pages" / "export.py")


@pytest.fixture
def export_app_db(app_db: Path) -> Path:
    return build_export_db(app_db)


@pytest.fixture
def deferred_downloads(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every deferred download the page registers: its file name, MIME type and callable."""
    registered: list[dict] = []
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        registered.append({"data": data_callable, "mimetype": mimetype, "file_name": file_name})
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return registered


def _run(lang: str = "nl", **state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_runs_in_both_languages_and_offers_a_download(
    export_app_db, deferred_downloads, lang
):
    at = _run(lang, export_what="observations")
    assert not at.exception
    assert at.title[0].value == {"nl": "Kwartaalexport", "en": "Quarterly export"}[lang]
    button = at.get("download_button")[0]
    name = {"nl": "waarnemingen", "en": "observations"}[lang] + "_2025Q4_standard.csv"
    assert name in button.label
    assert deferred_downloads[-1]["file_name"] == name
    assert len(at.dataframe[0].value) == 8


def test_the_download_has_the_chosen_name_and_the_same_bytes_as_the_export(
    export_app_db, deferred_downloads
):
    at = _run(
        "en",
        export_what="observations",
        export_quarter="2025Q3",
        export_dialect="excel-nl",
        export_parts=["CAR_C"],
    )
    assert not at.exception
    download = deferred_downloads[-1]
    assert download["file_name"] == "observations_2025Q3_excel-nl.csv"
    assert download["mimetype"] == "text/csv"
    con = open_reader(export_app_db)
    try:
        expected = ex.export(
            con,
            ex.ExportRequest(
                quarter="2025Q3",
                what="observations",
                dialect="excel-nl",
                parts=["CAR_C"],
                lang="en",
            ),
        )
    finally:
        con.close()
    assert download["data"]() == expected
    preview = at.dataframe[0].value
    assert list(preview.columns) == list(ex.OBSERVATION_COLUMNS)
    assert preview["value"].tolist() == ["-0,125", "0,3333333333333333"]


def test_parquet_has_its_own_name_and_no_dialect(export_app_db, deferred_downloads):
    at = _run(export_what="observations", export_format="parquet", export_quarter="2025Q3")
    assert not at.exception
    assert deferred_downloads[-1]["file_name"] == "waarnemingen_2025Q3.parquet"
    assert at.radio(key="export_dialect").disabled


def test_an_empty_selection_says_the_file_holds_the_header_only(export_app_db):
    at = _run("en", export_what="observations", export_parts=["BQ-SE"])
    assert not at.exception
    assert "header line only" in at.info[0].value
    assert list(at.dataframe[0].value.columns) == list(ex.OBSERVATION_COLUMNS)


def test_the_global_part_is_the_default_scope(export_app_db):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["part"] = "EUR_NL"
    at.session_state["export_what"] = "observations"
    at.run()
    assert not at.exception
    assert at.multiselect(key="export_parts").value == ["EUR_NL"]
    assert set(at.dataframe[0].value["part_id"]) == {"NL"}


def test_a_database_without_observations_says_so(app_db):
    at = _run("en")
    assert not at.exception
    assert at.info[0].value == "There are no observations to export yet."


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_assessment_export_is_the_default_in_both_languages(
    demo_app_db, deferred_downloads, lang
):
    at = _run(lang)
    assert not at.exception
    stem = {"nl": "voortgang", "en": "progress"}[lang]
    assert deferred_downloads[-1]["file_name"] == f"{stem}_2026Q3_standard.csv"
    preview = at.dataframe[0].value
    assert list(preview.columns) == list(ex.ASSESSMENT_COLUMNS)
    assert len(preview) == 10
    labels = {status: t(f"status.{status}", lang) for status in STATUSES}
    assert set(preview["status_label"]) <= set(labels.values())
    con = open_reader(demo_app_db)
    try:
        expected = ex.export(
            con, ex.ExportRequest(quarter="2026Q3", lang=lang, status_labels=labels)
        )
    finally:
        con.close()
    assert deferred_downloads[-1]["data"]() == expected


def test_the_excel_nl_assessment_download_is_named_for_its_quarter_and_dialect(
    demo_app_db, deferred_downloads
):
    at = _run(export_quarter="2025Q3", export_dialect="excel-nl")
    assert not at.exception
    assert at.get("download_button")[0].label == "voortgang_2025Q3_excel-nl.csv downloaden"
    assert deferred_downloads[-1]["file_name"] == "voortgang_2025Q3_excel-nl.csv"
    assert deferred_downloads[-1]["data"]().startswith(UTF8_BOM + b"quarter;")


@pytest.mark.parametrize(
    ("lang", "placeholders"),
    [("nl", {"Alle delen", "Alle actielijnen"}), ("en", {"All parts", "All action lines"})],
)
def test_scope_pickers_say_in_the_users_language_that_empty_means_all(
    demo_app_db, lang, placeholders
):
    at = _run(lang)
    assert not at.exception
    assert {box.proto.placeholder for box in at.multiselect} == placeholders


@pytest.fixture
def action_app_db(app_db: Path) -> Path:
    return build_action_export_db(app_db)


def _cli_bytes(tmp_path: Path, *arguments: str) -> bytes:
    out = tmp_path / "cli-export"
    assert cli.main(["export", *arguments, f"--out={out}"]) == cli.EXIT_OK
    return out.read_bytes()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    ("what", "columns", "stems"),
    [
        ("actions", ex.ACTION_COLUMNS, {"nl": "acties", "en": "actions"}),
        ("narrative", ex.NARRATIVE_COLUMNS, {"nl": "duiding", "en": "narrative"}),
    ],
)
def test_actions_and_duiding_downloads_are_the_clis_bytes(
    action_app_db, deferred_downloads, tmp_path, lang, what, columns, stems
):
    at = _run(lang, export_what=what, export_quarter="2025Q3", export_dialect="excel-nl")
    assert not at.exception
    download = deferred_downloads[-1]
    assert download["file_name"] == f"{stems[lang]}_2025Q3_excel-nl.csv"
    assert download["mimetype"] == "text/csv"
    expected = _cli_bytes(
        tmp_path, "--quarter=2025Q3", f"--what={what}", "--dialect=excel-nl", f"--lang={lang}"
    )
    assert download["data"]() == expected
    preview = at.dataframe[0].value
    assert list(preview.columns) == list(columns)
    if what == "actions":
        labels = set(action_status_labels(lang).values())
        assert set(preview["status_label"]) <= labels
        assert len(preview) == 10
    else:
        assert len(preview) == 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_kind_selector_offers_actions_and_duiding_in_the_users_language(action_app_db, lang):
    at = _run(lang)
    assert not at.exception
    kinds = at.radio(key="export_what")
    assert kinds.options == [t(f"export.what_option.{what}", lang) for what in ex.WHATS]
    assert {"actions", "narrative"} <= set(ex.WHATS)


def test_an_english_duiding_parquet_for_a_part_is_the_clis_file(
    action_app_db, deferred_downloads, tmp_path
):
    at = _run(
        "en",
        export_what="narrative",
        export_format="parquet",
        export_quarter="2025Q3",
        export_parts=["CAR_C"],
        export_lang="en",
    )
    assert not at.exception
    download = deferred_downloads[-1]
    assert download["file_name"] == "narrative_2025Q3.parquet"
    expected = _cli_bytes(
        tmp_path,
        "--quarter=2025Q3",
        "--what=narrative",
        "--part=CAR_C",
        "--lang=en",
        "--format=parquet",
    )
    assert download["data"]() == expected
    assert at.dataframe[0].value["part_id"].tolist() == ["AW"]

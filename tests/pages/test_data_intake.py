"""The Data page under AppTest: both languages, upload -> preview -> confirm, problems table;
a quarter workbook with figures, actions and duiding previewed with names and imported whole."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.intake_files import (
    GOOD_ACTION_ROWS,
    GOOD_NARRATIVE_ROWS,
    GOOD_ROWS,
    NL_HEADER,
    action_reports,
    csv_bytes,
    current_values,
    imports,
    narrative_texts,
    quarter_workbook,
    xlsx_bytes,
)
from tests.pages.conftest import ROOT

PAGE = str(ROOT / "app_pages" / "data_intake.py")


def _page(lang: str = "nl") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    return at.run()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_data_page_runs_in_both_languages(app_db, lang):
    at = _page(lang)
    assert not at.exception
    assert at.title[0].value == {"nl": "Gegevens", "en": "Data"}[lang]
    assert [tab.label for tab in at.tabs] == {
        "nl": ["Stand van aanlevering", "Sjabloon", "Uploaden", "Importlog"],
        "en": ["Submission status", "Template", "Upload", "Import log"],
    }[lang]
    assert at.file_uploader(key="intake_file").label


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_data_page_shows_the_demo_status_and_log(demo_db, tmp_path, monkeypatch, lang):
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = _page(lang)
    assert not at.exception
    status, log = at.dataframe[0].value, at.dataframe[-1].value
    late = {"nl": "Te laat", "en": "Late"}[lang]
    assert status.map(lambda cell: str(cell).startswith(late)).to_numpy().any()
    assert len(log) > 0


def test_uploading_a_good_file_shows_the_preview_and_confirm_imports_it(app_db):
    at = _page("en")
    data = csv_bytes(GOOD_ROWS, header=NL_HEADER, delimiter=";", decimal_comma=True, bom=True)
    at.file_uploader(key="intake_file").set_value(("q3.csv", data, "text/csv")).run()
    assert not at.exception
    assert "3 rows checked, nothing has been imported yet" in at.info[0].value
    preview = at.dataframe[1].value
    assert preview["New"].tolist() == [41.5, 12.25, 80]  # numbers, written by the browser
    assert set(preview["Change"]) == {"new"}
    assert current_values(app_db) == {}

    at.button(key="intake_confirm").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Imported q3.csv: 3 new, 0 changed, 0 unchanged")
    assert current_values(app_db)[("IND-0502", "CW", "2025Q3")][0] == 12.25
    at.run()  # a rerun never imports twice
    assert [row[-1] for row in imports(app_db)] == ["accepted"]


def test_an_xlsx_upload_is_previewed_in_dutch(app_db):
    at = _page("nl")
    data = xlsx_bytes([("IND-0301", "NL", "2025Q3", 41.5, "voorlopig", None)], header=NL_HEADER)
    at.file_uploader(key="intake_file").set_value(("q3.xlsx", data, "application/octet-stream"))
    at.run()
    assert not at.exception
    preview = at.dataframe[1].value
    assert preview[["Nieuw", "Vlag"]].values.tolist() == [[41.5, "voorlopig"]]


def test_a_bad_file_shows_the_problems_table_and_writes_nothing(app_db):
    at = _page("nl")
    rows = [("IND-0301", "NL", "2025Q3", "abc", "", ""), ("IND-0103", "NL", "2025Q3", "50", "", "")]
    at.file_uploader(key="intake_file").set_value(("fout.csv", csv_bytes(rows), "text/csv")).run()
    assert not at.exception
    assert "Gevonden problemen: 2" in at.error[0].value
    problems = at.dataframe[1].value
    assert problems["Rij"].tolist() == [2, 3]
    assert problems["Kolom"].tolist() == ["value (D)", "part_id (B)"]
    assert problems["Probleem"].iloc[0].startswith('"abc" is geen getal')
    assert not at.button  # no confirm for a rejected file
    assert current_values(app_db) == {}
    assert [row[-1] for row in imports(app_db)] == ["rejected"]  # the attempt is on record


def test_the_template_offers_both_downloads_for_the_chosen_part(app_db):
    at = _page("en")
    at.selectbox(key="intake_template_part").select("CAR_C").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.endswith("rows expected") for c in captions)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download template (.xlsx)", "Download template (.csv)"]


PREVIEW_TEXTS = {
    "nl": {
        "priority": "AL01-A · Structureel investeren in de NAVO",
        "part": "Curaçao",
        "status": ["Op schema", "Vertraagd", "Afgerond"],
        "columns": ("Prioriteit", "Deel", "Status", "Toelichting"),
        "summary": "cijfers: 3 (3 nieuw) · acties: 3 (3 nieuw) · duidingen: 2 (2 nieuw)",
        "action_line": "AL01 · Investeren in internationale partnerschappen",
    },
    "en": {
        "priority": "AL01-A · Invest systematically in NATO",
        "part": "Curaçao",
        "status": ["On schedule", "Delayed", "Completed"],
        "columns": ("Priority", "Part", "Status", "Narrative"),
        "summary": "figures: 3 (3 new) · actions: 3 (3 new) · narratives: 2 (2 new)",
        "action_line": "AL01 · Invest in international partnerships",
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_actions_workbook_is_previewed_with_names_and_imported_whole(app_db, lang):
    texts = PREVIEW_TEXTS[lang]
    at = _page(lang)
    data = quarter_workbook(GOOD_ROWS, GOOD_ACTION_ROWS, GOOD_NARRATIVE_ROWS)
    at.file_uploader(key="intake_file").set_value(
        ("kwartaal.xlsx", data, "application/octet-stream")
    )
    at.run()
    assert not at.exception
    assert texts["summary"] in [c.value for c in at.caption]
    figures, actions, narratives = (frame.value for frame in at.dataframe[1:4])
    assert len(figures) == 3
    priority, part, status, narrative = texts["columns"]
    assert actions[priority].iloc[0].startswith(texts["priority"])
    assert actions[part].iloc[2] == texts["part"]
    assert actions[status].tolist() == texts["status"]
    assert actions[narrative].iloc[0] == "Loopt volgens plan."
    assert narratives.iloc[0, 1].startswith(texts["action_line"])
    assert action_reports(app_db) == []

    at.button(key="intake_confirm").click().run()
    assert not at.exception
    assert len(action_reports(app_db)) == 3 and len(narrative_texts(app_db)) == 2
    assert texts["summary"] in [c.value for c in at.caption]
    log = at.dataframe[-1].value
    assert log.iloc[0, -2] == texts["summary"]
    at.run()  # a rerun never imports twice
    assert [row[-1] for row in imports(app_db)] == ["accepted"]


def test_a_bad_actions_sheet_shows_its_problems_by_sheet_and_writes_nothing(app_db):
    at = _page("nl")
    rows = [("AL03-J", "NL", "2025Q3", "op schema", "", "", "", "", "")]
    data = quarter_workbook(actions=rows)
    at.file_uploader(key="intake_file").set_value(("fout.xlsx", data, "application/octet-stream"))
    at.run()
    assert not at.exception
    problems = at.dataframe[1].value
    assert problems.iloc[0][["Blad", "Rij", "Kolom"]].tolist() == ["acties", 2, "deel (B)"]
    assert problems["Probleem"].iloc[0].startswith('over prioriteit AL03-J rapporteert "NL" niet')
    assert not at.button
    assert action_reports(app_db) == []

"""The Data page under AppTest: both languages, upload -> preview -> confirm, problems table."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.intake_files import GOOD_ROWS, NL_HEADER, csv_bytes, current_values, imports, xlsx_bytes
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
    assert preview["New"].tolist() == ["41.5", "12.25", "80"]
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
    assert preview[["Nieuw", "Vlag"]].values.tolist() == [["41,5", "voorlopig"]]


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

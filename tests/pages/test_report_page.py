"""The Report page, and the Kingdom parts page's report: the choices follow the sidebar, a click
builds the report (nothing is built on a rerun), the download carries write_report's bytes under
the report's name, what cannot be made is said in words, and without Chromium the page says what
that means."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from data.queries import reference_data
from data.store import open_reader
from report import document, images
from report.document import ReportError, ReportRequest, write_report
from tests.pages.conftest import APP, ROOT
from ui import pages
from ui.i18n import t
from ui.state import part_label

PAGE = str(ROOT / "app_pages" / "reporting.py")
LATEST = "2026Q3"  # the demo's last quarter: the sidebar's default


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every file a download button is given: its bytes, MIME type and name."""
    given: list[dict] = []
    original = MediaFileManager.add

    def spy(self, data, mimetype, coordinates, file_name=None, **kwargs):
        given.append({"data": data, "mimetype": mimetype, "file_name": file_name})
        return original(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", spy)
    return given


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[ReportRequest]:
    """Every report the pages build, by its request (the real builder runs)."""
    made: list[ReportRequest] = []
    original = document.write_report

    def counting(con, request, **kwargs):
        made.append(request)
        return original(con, request, **kwargs)

    monkeypatch.setattr(document, "write_report", counting)
    return made


@pytest.fixture
def no_chromium(monkeypatch: pytest.MonkeyPatch) -> None:
    """No Chromium: charts become tables (and a report takes a moment instead of tens of s)."""
    monkeypatch.setattr(images, "find_chromium", lambda: None)


def _run(lang: str = "nl", **state: object) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.query_params["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception[0].value if at.exception else ""
    return at


def _expected(path: Path, request: ReportRequest):
    with contextlib.closing(open_reader(path)) as con:
        return write_report(con, request, browser=None)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_form_follows_the_sidebar_and_builds_nothing_until_asked(
    demo_app_db, no_chromium, builds, lang
):
    at = _run(lang)
    assert at.title[0].value == t("report_page.title", lang)
    assert at.selectbox(key="report_quarter").value == LATEST
    assert at.selectbox(key="report_part").value == "KINGDOM"
    assert at.radio(key="report_lang").value == lang
    assert at.radio(key="report_format").value == "docx"
    assert at.button(key="report_file_build").label == t("report_page.build", lang)
    assert not at.get("download_button")
    at.selectbox(key="report_part").select("CAR_C").run()
    assert builds == [] and not at.get("download_button")


def test_building_a_docx_offers_it_under_its_name(demo_app_db, no_chromium, downloads):
    at = _run("nl", report_part="CAR_NL", report_lang="en")
    at.button(key="report_file_build").click().run()
    assert not at.exception
    expected = _expected(demo_app_db, ReportRequest(LATEST, "CAR_NL", "en", None, "docx"))
    (progress,) = at.status
    assert progress.label == t("report_page.built", "nl", file=expected.file_name)
    assert progress.state == "complete"
    (button,) = at.get("download_button")
    assert button.proto.label == t("report_page.download", "nl", file=expected.file_name)
    assert downloads[-1] == {
        "data": expected.data,
        "mimetype": expected.mime,
        "file_name": expected.file_name,
    }


def test_the_file_stays_on_a_rerun_and_goes_when_a_choice_changes(demo_app_db, no_chromium, builds):
    at = _run("nl", report_format="html")
    at.button(key="report_file_build").click().run()
    assert len(builds) == 1 and at.get("download_button")
    at.run()
    assert len(builds) == 1 and at.get("download_button"), "kept, not rebuilt"
    at.radio(key="report_format").set_value("docx").run()
    assert len(builds) == 1 and not at.get("download_button"), "the html is not the docx asked"


def test_without_chromium_the_page_says_charts_become_tables_and_pdf_needs_it(
    demo_app_db, no_chromium
):
    at = _run("nl")
    assert t("report_page.no_chromium", "nl") in [info.value for info in at.info]
    assert "apt-get install chromium" in t("report_page.no_chromium", "nl")
    pdf = at.radio(key="report_format")
    assert pdf.format_func("pdf") == t("report_page.pdf_unavailable", "nl")
    pdf.set_value("pdf").run()
    assert at.button(key="report_file_build").disabled


def test_with_chromium_pdf_can_be_chosen(demo_app_db, monkeypatch):
    monkeypatch.setattr(images, "find_chromium", lambda: Path("/usr/bin/chromium"))
    at = _run("en", report_format="pdf")
    assert t("report_page.no_chromium", "en") not in [info.value for info in at.info]
    assert at.radio(key="report_format").format_func("pdf") == "PDF"
    assert not at.button(key="report_file_build").disabled


def test_what_cannot_be_made_is_said_in_words(demo_app_db, no_chromium, monkeypatch):
    # The data changed under the page: the quarter chosen is no longer one the report knows.
    original = document.build_report
    monkeypatch.setattr(
        document,
        "build_report",
        lambda con, **kwargs: original(con, **{**kwargs, "quarter": "2031Q1"}),
    )
    with contextlib.closing(open_reader(demo_app_db)) as con, pytest.raises(ReportError) as refused:
        original(con, quarter="2031Q1", part_id="KINGDOM", lang="en")
    error = refused.value
    at = _run("en")
    at.button(key="report_file_build").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [t(f"report.error.{error.code}", "en", **error.params)]
    assert at.status[0].state == "error"
    assert not at.get("download_button")


def test_the_page_says_so_when_there_is_nothing_to_report(app_db):
    at = _run("en")
    assert t("report_page.no_data", "en") in [info.value for info in at.info]
    assert not at.get("button")


# --- the Kingdom parts page ----------------------------------------------------------------------


def test_the_parts_page_offers_its_parts_report_as_a_word_document(
    demo_app_db, no_chromium, downloads, builds
):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"part": "CAR_C", "lang": "en"})
    at.run()
    at.switch_page(pages.PARTS.path).run()
    assert not at.exception
    with contextlib.closing(open_reader(demo_app_db)) as con:
        part = part_label(reference_data(con).kingdom_parts, "CAR_C", "en")
    offer = t("report_page.parts.text", "en", part=part, quarter=LATEST)
    assert offer in [caption.value for caption in at.caption]
    assert not any("Ctrl+P" in caption.value for caption in at.caption), "no print advice"
    assert builds == []
    at.button(key="parts_report_build").click().run()
    assert not at.exception
    assert builds == [ReportRequest(LATEST, "CAR_C", "en", None, "docx")]
    expected = _expected(demo_app_db, builds[0])
    assert expected.file_name.endswith(".docx")
    assert downloads[-1]["data"] == expected.data
    assert downloads[-1]["file_name"] == expected.file_name

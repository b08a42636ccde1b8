"""The report end to end (``report.document.write_report``) on the shared demo database: the
.docx holds the content's headings, tables and one picture per chart; .docx and .html are the
same bytes for the same inputs; without Chromium the charts give way to their tables with a note
and a PDF is refused in words; the PDF's text is the report's."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
import duckdb
import pytest

from data.queries import reference_data
from data.store import open_reader
from report.content import build_report
from report.document import ReportError, ReportRequest, write_report
from report.images import find_chromium
from report.model import Chart, Heading, Table
from tests.report.html_samples import require_chromium
from ui.i18n import t

SABA = "BQ-SA"


@pytest.fixture(scope="module")
def con(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_reader(demo_db)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def quarter(con) -> str:
    return reference_data(con).latest_quarter


def _document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _tables_in(content) -> int:
    """The tables a renderer draws: the content's tables, and each chart's when it has no image."""
    return sum(isinstance(block, Table) for block in content.blocks)


def test_a_docx_without_chromium_has_the_contents_headings_and_a_table_per_chart(con, quarter):
    made = write_report(con, ReportRequest(quarter, SABA, "nl", format="docx"), browser=None)
    content = build_report(con, quarter=quarter, part_id=SABA, lang="nl")
    assert made.file_name == f"{content.file_stem}.docx"
    document = _document(made.data)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [block.text for block in content.blocks if isinstance(block, Heading)]
    charts = sum(isinstance(block, Chart) for block in content.blocks)
    assert charts > 0
    assert len(document.tables) == _tables_in(content) + charts
    assert not document.inline_shapes
    texts = [p.text for p in document.paragraphs]
    assert t("report.no_charts", "nl") in texts


def test_a_pdf_without_chromium_is_refused_in_words(con, quarter):
    with pytest.raises(ReportError) as refused:
        write_report(con, ReportRequest(quarter, SABA, "nl", format="pdf"), browser=None)
    assert refused.value.code == "no_chromium"
    assert "apt-get install chromium" in t("report.error.no_chromium", "nl")


def test_an_unknown_format_is_refused(con, quarter):
    with pytest.raises(ReportError) as refused:
        write_report(con, ReportRequest(quarter, SABA, "nl", format="odt"), browser=None)
    assert (refused.value.code, refused.value.params["format"]) == ("unknown_format", "odt")


@pytest.mark.parametrize("file_format", ["docx", "html"])
def test_the_same_inputs_give_the_same_bytes(con, quarter, file_format):
    request = ReportRequest(quarter, SABA, "en", format=file_format)
    assert write_report(con, request, browser=None) == write_report(con, request, browser=None)


@pytest.mark.slow
def test_with_chromium_every_chart_is_a_picture_with_its_alt_text(con, quarter):
    browser = require_chromium()
    made = write_report(con, ReportRequest(quarter, SABA, "nl", format="docx"), browser=browser)
    content = build_report(con, quarter=quarter, part_id=SABA, lang="nl")
    charts = [block for block in content.blocks if isinstance(block, Chart)]
    document = _document(made.data)
    assert len(document.inline_shapes) == len(charts)
    described = [
        element.get("descr")
        for element in document.element.body.iter()
        if element.tag.endswith("}docPr")
    ]
    assert described == [chart.alt for chart in charts]
    assert len(document.tables) == _tables_in(content)
    again = write_report(con, ReportRequest(quarter, SABA, "nl", format="docx"), browser=browser)
    assert again.data == made.data


@pytest.mark.slow
def test_the_pdf_reads_as_the_report(con, quarter, tmp_path):
    browser = require_chromium()
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext: apt-get install poppler-utils")
    made = write_report(con, ReportRequest(quarter, SABA, "nl", format="pdf"), browser=browser)
    assert made.data.startswith(b"%PDF") and made.mime == "application/pdf"
    path = tmp_path / made.file_name
    path.write_bytes(made.data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    content = build_report(con, quarter=quarter, part_id=SABA, lang="nl")
    for block in content.blocks:
        if isinstance(block, Heading) and block.level == 1:
            assert " ".join(block.text.split()[:3]) in " ".join(text.split())


def test_find_chromium_is_what_the_default_uses(monkeypatch, con, quarter):
    monkeypatch.setattr("report.document.find_chromium", lambda: None)
    with pytest.raises(ReportError):
        write_report(con, ReportRequest(quarter, SABA, "nl", format="pdf"))
    assert find_chromium() is None or find_chromium().exists()

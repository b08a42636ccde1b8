"""The report as PDF (``report.pdf.html_to_pdf``): the sample's HTML printed by the system
Chromium, read back with poppler's ``pdftotext`` and ``pdfinfo``: the headings and cells, A4
pages, the cover alone, the footer with "page n of m" on every later page, the page break, the
table's header repeated; and every failure a ``ReportError``, with nothing left behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from data.store import open_reader
from report.content import build_report
from report.document import ReportRequest, write_report
from report.errors import ReportError
from report.html import render_html
from report.model import Chart, Heading, Table
from report.pdf import html_to_pdf
from tests.report.html_samples import html_images, html_report, require_chromium
from tests.report.report_samples import TABLE_ROWS
from ui.i18n import LANGUAGES, t


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"no {tool}: apt-get install poppler-utils (.ci/run does)")
    return path


def _text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    command = [_poppler("pdftotext"), "-enc", "UTF-8", *pages, str(pdf), "-"]
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def _info(pdf: Path) -> dict[str, str]:
    output = subprocess.run(
        [_poppler("pdfinfo"), str(pdf)], capture_output=True, check=True, text=True
    ).stdout
    return dict(line.split(":", 1) for line in output.splitlines() if ":" in line)


def _print(lang: str, folder: Path) -> Path:
    browser = require_chromium()
    report = html_report(lang=lang)
    path = folder / f"report-{lang}.pdf"
    path.write_bytes(html_to_pdf(render_html(report, html_images(report)), browser=browser))
    return path


@pytest.fixture(scope="module")
def report():
    return html_report()


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    return _print("nl", tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def pages(pdf) -> int:
    return int(_info(pdf)["Pages"])


@pytest.mark.slow
def test_pdf_has_every_heading_and_the_tables_cells(pdf, report):
    text = _text(pdf)
    for block in report.blocks:
        if isinstance(block, Heading):
            assert block.text in text
    long_table = _long_table(report)
    assert long_table.caption in text
    for cell in long_table.rows[-1]:  # the last row, its numeric cells too
        assert cell in text
    fallback = [block for block in report.blocks if isinstance(block, Chart)][1]
    assert fallback.caption in text  # the chart without image, shown as its table
    assert '<script>alert("x")</script>' in text  # printed as text, never run


def _long_table(report) -> Table:
    table = max((b for b in report.blocks if isinstance(b, Table)), key=lambda b: len(b.rows))
    assert len(table.rows) == TABLE_ROWS
    return table


@pytest.mark.slow
def test_pages_are_a4_and_their_number_plausible(pdf, pages):
    assert _info(pdf)["Page size"].strip().endswith("pts (A4)")
    # the cover, a table of 40 rows and one of 10 columns, a chart and a chart's table, the
    # last section on a page of its own
    assert 4 <= pages <= 8


@pytest.mark.slow
def test_cover_stands_alone_without_footer(pdf, report):
    cover = _text(pdf, 1)
    assert report.cover.title.split()[0] in cover and report.cover.notice in cover
    assert "Samenvatting" not in cover and report.footer not in cover


@pytest.mark.slow
def test_every_later_page_carries_footer_and_page_n_of_m(pdf, pages, report):
    for page in range(2, pages + 1):
        text = _text(pdf, page)
        assert report.footer in text
        assert t("report.render.page", "nl", page=page, pages=pages) in text


@pytest.mark.slow
def test_page_break_starts_the_last_section_on_a_new_page(pdf, pages):
    last = [line for line in _text(pdf, pages).splitlines() if line.strip()]
    assert last[0] == "Bonaire"


@pytest.mark.slow
def test_table_header_repeats_where_the_table_runs_over(pdf, pages, report):
    table = _long_table(report)
    first, last = table.rows[0][0], table.rows[-1][0]
    texts = {page: _text(pdf, page) for page in range(2, pages + 1)}
    starts = next(page for page, text in texts.items() if f"{first}\n" in text)
    ends = next(page for page, text in texts.items() if f"{last}\n" in text)
    assert ends > starts  # the table runs over a page
    assert table.columns[1] in texts[ends]


@pytest.mark.slow
def test_english_pdf_numbers_pages_in_english(tmp_path):
    pdf = _print("en", tmp_path)
    assert "Page 2 of " in _text(pdf, 2)


@pytest.mark.slow
def test_print_leaves_no_temporary_files(tmp_path, monkeypatch, report):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    html_to_pdf(render_html(report, ()), browser=require_chromium())
    assert list(tmp_path.iterdir()) == []


def _script(folder: Path, body: str) -> Path:
    script = folder / "chromium"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


def test_missing_browser_raises_report_error(tmp_path):
    with pytest.raises(ReportError) as raised:
        html_to_pdf(b"<!DOCTYPE html><p>x</p>", browser=tmp_path / "no-chromium")
    assert raised.value.code == "pdf_failed"
    assert str(tmp_path / "no-chromium") in raised.value.params["reason"]


def test_browser_that_fails_raises_report_error_with_its_exit_code(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    browser = _script(tmp_path, 'echo "[1:2:ERROR:print.cc] cannot print" >&2; exit 3')
    with pytest.raises(ReportError) as raised:
        html_to_pdf(b"<!DOCTYPE html><p>x</p>", browser=browser)
    assert raised.value.code == "pdf_failed"
    assert raised.value.params["reason"] == "exit code 3: cannot print"
    assert [path.name for path in tmp_path.iterdir()] == ["chromium"]


def test_print_that_hangs_is_ended_with_its_helpers(tmp_path):
    pids = tmp_path / "pids"
    browser = _script(tmp_path, f"sleep 60 & echo $$ $! > {pids}; wait")
    started = time.monotonic()
    with pytest.raises(ReportError) as raised:
        html_to_pdf(b"<!DOCTYPE html><p>x</p>", browser=browser, timeout_s=1)
    assert time.monotonic() - started < 10
    assert raised.value.params["reason"] == "timeout 1 s"
    for pid in map(int, pids.read_text().split()):
        assert _ended(pid)


def _ended(pid: int) -> bool:
    """Gone, or a zombie waiting for init (killed: it runs no more)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_failure_reads_as_a_sentence_with_its_reason(lang):
    message = t("report.error.pdf_failed", lang, reason="timeout 180 s")
    assert "timeout 180 s" in message and "{" not in message
    assert "Chromium" in message


def test_browser_is_not_an_executable(tmp_path):
    not_executable = tmp_path / "chromium"
    not_executable.write_text("")
    os.chmod(not_executable, 0o644)
    with pytest.raises(ReportError, match="pdf_failed"):
        html_to_pdf(b"<p>x</p>", browser=not_executable)


@pytest.mark.slow
def test_wide_table_fits_the_page_with_words_and_numbers_whole(pdf, report):
    """Ten columns: every header word and cell printed whole (a column cut off at the page's
    edge, or a word or number broken inside, would show here)."""
    wide = next(b for b in report.blocks if isinstance(b, Table) and len(b.columns) == 10)
    words = set(_text(pdf, 2).split())
    for text in (*wide.columns, *(cell for row in wide.rows for cell in row)):
        assert set(text.split()) <= words, text


@pytest.mark.slow
def test_report_from_the_database_prints_its_headings_and_tables(demo_db, tmp_path):
    """Bonaire's report from the demo database, charts drawn, as .pdf: every heading of its
    content, and the first table's header and first row, in the PDF's text."""
    browser = require_chromium()
    request = ReportRequest(quarter="2026Q3", part_id="BQ-BO", lang="nl", format="pdf")
    connection = open_reader(demo_db)
    try:
        made = write_report(connection, request, browser=browser)
        content = build_report(connection, quarter="2026Q3", part_id="BQ-BO", lang="nl")
    finally:
        connection.close()
    assert made.mime == "application/pdf" and made.file_name.endswith(".pdf")
    pdf = tmp_path / made.file_name
    pdf.write_bytes(made.data)
    words = set(_text(pdf).split())
    for block in content.blocks:
        if isinstance(block, Heading):
            assert set(block.text.split()) <= words, block.text
    table = next(block for block in content.blocks if isinstance(block, Table))
    for text in (*table.columns, *table.rows[0]):
        assert set(text.split()) <= words, text
    pages = int(_info(pdf)["Pages"])
    assert t("report.render.page", "nl", page=pages, pages=pages) in _text(pdf, pages)

"""The report as .docx (``report.docx.render_docx``), opened again with python-docx: headings,
tables, pictures and their alt text, the footer's page number, the language, the core
properties, and the same bytes every time."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import docx
import pytest
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from report.docx import MAX_CHART_HEIGHT, render_docx
from report.docx_table import CELL_MARGINS, CHAR_TWIPS, column_widths
from report.model import Chart, Heading, Paragraph, Table
from tests.report.report_samples import CREATED, TABLE_ROWS, chart_png, sample_report, tiny_png


@pytest.fixture(scope="module")
def report():
    return sample_report()


@pytest.fixture(scope="module")
def images(report):
    """The first chart drawn, the second not (its table stands in)."""
    first, _second = (block for block in report.blocks if isinstance(block, Chart))
    return (chart_png(first.figure), None)


@pytest.fixture(scope="module")
def data(report, images):
    return render_docx(report, images)


@pytest.fixture(scope="module")
def document(data):
    return docx.Document(io.BytesIO(data))


def _charts(report):
    return [block for block in report.blocks if isinstance(block, Chart)]


def _table_texts(table):
    return [tuple(cell.text for cell in row.cells) for row in table.rows]


def test_cover_comes_first_with_the_notice_boxed_then_a_new_page(report, document):
    cover = report.cover
    paragraphs = document.paragraphs
    expected = [cover.title, cover.subtitle, *cover.lines, cover.notice]
    assert [p.text for p in paragraphs[: len(expected)]] == expected
    assert [p.style.name for p in paragraphs[:2]] == ["Title", "Subtitle"]
    notice = paragraphs[len(expected) - 1]._p.pPr
    assert notice.find(qn("w:pBdr")) is not None
    assert notice.find(qn("w:shd")).get(qn("w:fill")) != "auto"
    first_heading = paragraphs[len(expected)]
    assert first_heading.text == report.blocks[0].text
    assert first_heading.paragraph_format.page_break_before is True


def test_headings_are_word_headings_in_the_reports_order(report, document):
    expected = [(f"Heading {b.level}", b.text) for b in report.blocks if isinstance(b, Heading)]
    found = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Head")]
    assert found == expected
    assert {level for level, _ in found} == {"Heading 1", "Heading 2", "Heading 3"}


def test_paragraph_styles_note_smaller_and_grey_quote_indented_italic(report, document):
    by_text = {p.text: p for p in document.paragraphs}
    note = next(b for b in report.blocks if isinstance(b, Paragraph) and b.style == "note")
    quote = next(b for b in report.blocks if isinstance(b, Paragraph) and b.style == "quote")
    note_run = by_text[note.text].runs[0]
    assert note_run.font.size < Pt(11)  # the body's size (the template's default)
    assert note_run.font.color.rgb is not None and str(note_run.font.color.rgb) != "000000"
    quoted = by_text[quote.text]
    assert quoted.style.name == "Quote" and quoted.style.font.italic is True
    assert quoted.paragraph_format.left_indent > 0


def test_table_repeats_its_header_row_and_holds_every_cell(report, document):
    model = next(block for block in report.blocks if isinstance(block, Table))
    table = document.tables[0]
    assert _table_texts(table) == [model.columns, *model.rows]
    assert len(table.rows) == TABLE_ROWS + 1
    rows = table._tbl.tr_lst
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for row in rows[1:])
    assert table.style.name == "Light Grid Accent 1"


def test_numeric_columns_are_right_aligned(report, document):
    model = next(block for block in report.blocks if isinstance(block, Table))
    for row in document.tables[0].rows:
        for cell, numeric in zip(row.cells, model.numeric, strict=True):
            right = cell.paragraphs[0].alignment == WD_PARAGRAPH_ALIGNMENT.RIGHT
            assert right is numeric


def test_table_caption_is_above_the_table(report, document):
    model = next(block for block in report.blocks if isinstance(block, Table))
    caption = document.tables[0]._tbl.getprevious()
    assert caption.xpath("string(.)") == model.caption
    assert caption.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Caption"


def test_pictures_are_the_drawn_charts_with_their_alt_text(report, images, data, document):
    drawn = [(chart, image) for chart, image in zip(_charts(report), images, strict=True) if image]
    shapes = document.inline_shapes
    assert len(shapes) == len(drawn) == 1
    for shape, (chart, image) in zip(shapes, drawn, strict=True):
        assert shape._inline.docPr.get("descr") == chart.alt
        embedded = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        assert document.part.related_parts[embedded].blob == image
        section = document.sections[0]
        assert shape.width <= section.page_width - section.left_margin - section.right_margin
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        media = [name for name in package.namelist() if name.startswith("word/media/")]
    assert media == ["word/media/image1.png"]


def test_chart_without_image_shows_its_table_instead(report, document):
    undrawn = _charts(report)[1]
    assert len(document.tables) == 2
    fallback = document.tables[1]
    assert _table_texts(fallback) == [undrawn.table.columns, *undrawn.table.rows]
    assert fallback._tbl.getprevious().xpath("string(.)") == undrawn.table.caption
    preceding_heading = [p.text for p in document.paragraphs if p.style.name == "Heading 2"][-1]
    assert preceding_heading == report.blocks[-2].text


def test_page_break_block_starts_a_new_page(report, document):
    after_break = next(p for p in document.paragraphs if p.text == report.blocks[-2].text)
    assert after_break.paragraph_format.page_break_before is True
    breaks = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert len(breaks) == 2  # after the cover, and the model's PageBreak; no empty paragraphs
    assert all(p.text for p in breaks)


def test_charts_note_comes_first_after_the_cover(images):
    note = "Grafieken staan hier als tabel: er is geen Chromium."
    report = sample_report(charts_note=note)
    document = docx.Document(io.BytesIO(render_docx(report, images)))
    texts = [p.text for p in document.paragraphs]
    first = texts.index(note)
    assert texts[first + 1] == report.blocks[0].text
    assert document.paragraphs[first].paragraph_format.page_break_before is True


def test_footer_has_its_text_and_a_page_field_the_cover_none(report, document):
    section = document.sections[0]
    footer = section.footer._element
    instructions = [node.text.strip() for node in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert report.footer in footer.xpath("string(.)")
    assert section.different_first_page_header_footer is True
    assert section.first_page_footer.paragraphs[0].text == ""
    assert not list(section.first_page_footer._element.iter(qn("w:instrText")))


def test_page_is_a4_portrait_with_margins(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert min(section.left_margin, section.right_margin, section.top_margin) >= Mm(20)


@pytest.mark.parametrize(
    ("lang", "tag", "author"),
    [("nl", "nl-NL", "Voortgangsmonitor"), ("en", "en-GB", "Progress monitor")],
)
def test_language_and_core_properties_come_from_the_report(lang, tag, author):
    report = sample_report(lang=lang)
    document = docx.Document(io.BytesIO(render_docx(report, (tiny_png(), None))))
    (default_lang,) = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    assert default_lang.get(qn("w:val")) == tag
    properties = document.core_properties
    assert properties.created.replace(tzinfo=None) == CREATED
    assert properties.modified.replace(tzinfo=None) == CREATED
    assert (properties.author, properties.last_modified_by) == (author, author)
    assert properties.revision == 1
    assert properties.title == report.cover.title
    assert properties.language == tag
    assert properties.comments == ""  # not the template's "generated by python-docx"


def test_same_report_gives_the_same_bytes_later(report, images, data):
    time.sleep(2.1)  # zip times have a two-second grain: cross at least one
    assert render_docx(report, images) == data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {entry.date_time for entry in package.infolist()} == {CREATED.timetuple()[:6]}
        assert package.namelist()[0] == "[Content_Types].xml"
        assert "docProps/thumbnail.jpeg" not in package.namelist()


def test_an_aware_moment_is_written_in_utc(report, images):
    amsterdam = timezone(timedelta(hours=2))
    aware = replace(report, created=CREATED.replace(tzinfo=UTC).astimezone(amsterdam))
    assert render_docx(aware, images) == render_docx(report, images)


def test_another_moment_gives_other_bytes(report, images, data):
    later = replace(report, created=datetime(2027, 1, 15, 9, 30))
    assert render_docx(later, images) != data


def test_images_must_match_the_charts(report):
    with pytest.raises(ValueError, match="1 images for 2 charts"):
        render_docx(report, (None,))


def test_text_xml_cannot_hold_is_dropped_not_fatal(report):
    odd = replace(report, blocks=(Paragraph("regel\x0bna\x00regel"),))
    document = docx.Document(io.BytesIO(render_docx(odd, ())))
    assert document.paragraphs[-1].text == "regelnaregel"


def test_opens_in_libreoffice(data, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; the .docx is checked with python-docx")
    source = tmp_path / "report.docx"
    source.write_bytes(data)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "report.pdf"), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        assert sample_report().cover.title in text


def test_one_image_twice_is_stored_once_and_pictures_numbered_in_order(report):
    png = tiny_png(40, 20)
    data = render_docx(report, (png, png))
    document = docx.Document(io.BytesIO(data))
    first, second = _charts(report)
    docprs = [shape._inline.docPr for shape in document.inline_shapes]
    assert [(d.get("id"), d.get("descr")) for d in docprs] == [("1", first.alt), ("2", second.alt)]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert [n for n in package.namelist() if n.startswith("word/media/")] == [
            "word/media/image1.png"
        ]


def test_a_tall_chart_is_scaled_to_fit_the_page_with_its_caption(report):
    document = docx.Document(io.BytesIO(render_docx(report, (tiny_png(10, 40), None))))
    (shape,) = document.inline_shapes
    assert shape.height == MAX_CHART_HEIGHT
    assert shape.width == MAX_CHART_HEIGHT // 4


def test_columns_keep_their_longest_word_whole_and_share_the_rest():
    narrative = "een lange omschrijving die over meerdere regels loopt " * 3
    table = Table(("Omschrijving", "Streefwaarde"), ((narrative, "12"),), numeric=(False, True))
    widths = column_widths(table, Mm(160))
    assert Mm(160).twips - len(widths) < sum(widths) <= Mm(160).twips
    assert widths[1] >= CELL_MARGINS + CHAR_TWIPS * len("Streefwaarde")
    assert widths[0] > widths[1]


def test_columns_that_fit_on_one_line_widen_in_proportion():
    table = Table(("Deel", "Waarde"), (("Aruba", "1"), ("Bonaire", "22")))
    narrow, wide = column_widths(table, Mm(160))
    need = (CELL_MARGINS + CHAR_TWIPS * len("Bonaire"), CELL_MARGINS + CHAR_TWIPS * len("Waarde"))
    assert narrow / wide == pytest.approx(need[0] / need[1], rel=1e-3)

"""The report as HTML (``report.html.render_html``), parsed again with lxml: headings, tables,
charts or their tables, the language, escaping, nothing loaded from the network, the print
style sheet, and the same bytes every time."""

from __future__ import annotations

import base64
import re
from dataclasses import replace

import lxml.html
import pytest

from data.store import open_reader
from report.content import build_report
from report.document import ReportRequest, write_report
from report.html import render_html
from report.images import SCALE
from report.model import BODY, NOTE, QUOTE, Chart, Heading, PageBreak, Paragraph, Table
from tests.report.html_samples import SCRIPT, html_images, html_report
from tests.report.report_samples import tiny_png
from ui.i18n import t


def _parse(data: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(data)


def _charts(report) -> list[Chart]:
    return [block for block in report.blocks if isinstance(block, Chart)]


@pytest.fixture(scope="module")
def report():
    return html_report()


@pytest.fixture(scope="module")
def images(report):
    """The first and third chart drawn, the second not (its table stands in)."""
    return html_images(report, missing=(1,))


@pytest.fixture(scope="module")
def data(report, images) -> bytes:
    return render_html(report, images)


@pytest.fixture(scope="module")
def page(data):
    return _parse(data)


def test_document_is_utf8_with_a_doctype_and_the_title(data, page, report):
    assert data.startswith(b"<!DOCTYPE html>\n")
    assert page.xpath("//meta/@charset") == ["utf-8"]
    assert page.findtext(".//title") == f"{report.cover.title} – {report.cover.subtitle}"
    assert "€" in data.decode("utf-8")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_language_attribute_is_the_reports(lang):
    report = html_report(lang=lang)
    assert _parse(render_html(report, html_images(report))).get("lang") == lang


def test_cover_shows_title_lines_and_demo_notice(page, report):
    cover = page.find(".//header")
    assert cover.findtext("h1") == report.cover.title
    assert [li.text_content() for li in cover.iter("li")] == list(report.cover.lines)
    assert cover.xpath("string(.//p[@class='notice'])") == report.cover.notice


def test_headings_in_order_with_their_levels(page, report):
    expected = [
        (f"h{block.level}", block.text) for block in report.blocks if isinstance(block, Heading)
    ]
    shown = [
        (element.tag, element.text_content())
        for element in page.xpath("//main//h1|//main//h2|//main//h3")
    ]
    assert shown == expected
    assert {tag for tag, _ in expected} == {"h1", "h2", "h3"}


def test_each_table_has_its_caption_and_a_head_row(page, report):
    tables = [block for block in report.blocks if isinstance(block, Table)]
    drawn = page.xpath("//main//table")
    # the model's tables, and the second chart's table in place of its image
    assert len(drawn) == len(tables) + 1
    for table, element in zip(tables, drawn[:2], strict=True):
        assert element.findtext("caption") == table.caption
        head = element.find("thead")
        assert [th.text_content() for th in head.iter("th")] == list(table.columns)
        assert all(th.get("scope") == "col" for th in head.iter("th"))
        body = element.find("tbody")
        assert [[td.text_content() for td in tr] for tr in body] == [list(r) for r in table.rows]


def test_numeric_cells_are_right_aligned_and_text_cells_not(page, report):
    table = next(block for block in report.blocks if isinstance(block, Table) and block.rows)
    element = page.xpath("//main//table")[0]
    for row in element.find("tbody"):
        classes = [cell.get("class") == "num" for cell in row]
        assert classes == list(table.numeric)
    assert re.search(r"\.num \{ text-align: right;", page.findtext(".//style"))


def test_one_image_per_drawn_chart_with_its_alt_text_and_caption(page, report, images):
    drawn = [chart for chart, png_bytes in zip(_charts(report), images, strict=True) if png_bytes]
    figures = page.xpath("//main//figure")
    assert len(page.xpath("//img")) == sum(image is not None for image in images) == len(figures)
    for chart, figure in zip(drawn, figures, strict=True):
        image = figure.find("img")
        assert image.get("alt") == chart.alt
        assert figure.findtext("figcaption") == chart.caption


def test_images_are_data_uris_of_the_same_bytes_at_their_css_size(page, images):
    sources = page.xpath("//img/@src")
    prefix = "data:image/png;base64,"
    assert all(source.startswith(prefix) for source in sources)
    assert [base64.b64decode(s[len(prefix) :]) for s in sources] == [i for i in images if i]
    first = page.xpath("//img")[0]
    assert (first.get("width"), first.get("height")) == (str(180 // SCALE), str(84 // SCALE))


def test_chart_without_image_shows_its_table_captioned_by_the_chart(page, report):
    chart = _charts(report)[1]
    assert chart.table.caption == ""
    fallback = page.xpath("//main//table")[-1]
    assert fallback.findtext("caption") == chart.caption
    assert [th.text_content() for th in fallback.iter("th")] == list(chart.table.columns)
    cells = [[td.text_content() for td in tr] for tr in fallback.find("tbody")]
    assert cells == [list(row) for row in chart.table.rows]
    assert [cell.get("class") for cell in fallback.find("tbody")[0]] == [None, "num", "num"]


def test_without_any_image_every_chart_is_its_table(report):
    page = _parse(render_html(report, ()))
    assert page.xpath("//img") == []
    tables = sum(isinstance(block, Table) for block in report.blocks)
    assert len(page.xpath("//main//table")) == tables + len(_charts(report))


def test_charts_note_comes_first_in_the_main_text():
    note = "Grafieken staan als tabel: er was geen Chromium."
    report = html_report(charts_note=note)
    main = _parse(render_html(report, ())).find(".//main")
    assert main[0].tag == "p" and main[0].text_content() == note
    assert main[0].get("role") == "note"


def test_no_charts_note_when_none_is_set(page):
    assert page.xpath("//*[contains(@class, 'charts-note')]") == []


def test_paragraph_styles(page, report):
    quote = next(b for b in report.blocks if isinstance(b, Paragraph) and b.style == QUOTE)
    note = next(b for b in report.blocks if isinstance(b, Paragraph) and b.style == NOTE)
    assert page.xpath("string(//blockquote/p)") == quote.text
    assert page.xpath("//main/p[@class='note']/text()") == [note.text]
    assert "white-space: pre-line" in page.findtext(".//style")  # a narrative's line breaks


def test_text_is_escaped_never_markup(data, page, report):
    assert page.xpath("//script") == []
    assert SCRIPT.encode() not in data
    assert b"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in data
    body = [b.text for b in report.blocks if isinstance(b, Paragraph) and b.style == BODY]
    assert any(SCRIPT in text for text in body) and any("&" in text for text in body)
    assert page.xpath("//main/p[not(@class)]/text()") == body


def test_alt_text_is_escaped_in_its_attribute():
    report = html_report()
    chart = _charts(report)[0]
    tricky = replace(chart, alt='Grafiek "A" > <b>B</b> & C')
    blocks = tuple(tricky if block is chart else block for block in report.blocks)
    page = _parse(render_html(replace(report, blocks=blocks), html_images(report)))
    assert page.xpath("//img/@alt")[0] == 'Grafiek "A" > <b>B</b> & C'
    assert page.xpath("//b") == []


def test_nothing_is_loaded_from_the_network(data, page):
    text = data.decode("utf-8")
    assert "http://" not in text and "https://" not in text
    assert "url(" not in text and "@import" not in text
    assert page.xpath("//script|//link|//iframe|//object|//embed") == []
    references = page.xpath("//@src|//@href|//@srcset|//@poster|//@data")
    assert references and all(ref.startswith("data:image/png;base64,") for ref in references)
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy == ["default-src 'none'; img-src data:; style-src 'unsafe-inline'"]


def test_print_style_sheet_sets_a4_footer_page_numbers_and_breaks(page, report):
    style = page.findtext(".//style")
    assert "size: A4 portrait" in style
    assert f'@bottom-left {{ content: "{report.footer}"' in style
    assert '"Pagina " counter(page) " van " counter(pages)' in style
    assert "thead { display: table-header-group; }" in style
    assert re.search(r"tr, figure, img, blockquote \{ break-inside: avoid; \}", style)
    assert ".page-break { break-before: page; }" in style


def test_page_numbers_in_english(report):
    english = html_report(lang="en")
    style = _parse(render_html(english, ())).findtext(".//style")
    assert '"Page " counter(page) " of " counter(pages)' in style


def test_page_break_block_becomes_a_break_before_the_next_section(page, report):
    position = next(i for i, block in enumerate(report.blocks) if isinstance(block, PageBreak))
    after = report.blocks[position + 1]
    breaks = page.xpath("//main/div[@class='page-break']")
    assert len(breaks) == 1
    assert breaks[0].getnext().tag == f"h{after.level}"
    assert breaks[0].getnext().text_content() == after.text


def test_footer_text_cannot_end_the_style_sheet(report):
    hostile = replace(report, footer='Rapport "A" \\ </style><script>x()</script>')
    data = render_html(hostile, ())
    page = _parse(data)
    assert page.xpath("//script") == []
    assert len(page.xpath("//style")) == 1
    assert data.count(b"</style>") == 1
    assert page.findtext(".//footer") == hostile.footer


def test_same_report_gives_the_same_bytes(report, images, data):
    assert render_html(report, images) == data
    assert render_html(html_report(), html_images(html_report())) == data


def test_only_the_reports_moment_is_in_it(report, images, data):
    later = replace(report, created=report.created.replace(year=2027))
    other = render_html(later, images)
    assert other != data
    assert other.replace(b"2027-10-15T09:30:00", b"2026-10-15T09:30:00") == data


def test_missing_images_count_as_none(report):
    first_only = render_html(report, (tiny_png(),))
    page = _parse(first_only)
    assert len(page.xpath("//img")) == 1
    tables = sum(isinstance(block, Table) for block in report.blocks)
    assert len(page.xpath("//main//table")) == tables + len(_charts(report)) - 1


@pytest.fixture(scope="module")
def bonaire(demo_db):
    """Bonaire's report from the demo database as .html, twice, without Chromium; and its
    content, to check the page against."""
    request = ReportRequest(quarter="2026Q3", part_id="BQ-BO", lang="en", format="html")
    connection = open_reader(demo_db)
    try:
        files = [write_report(connection, request, browser=None) for _ in range(2)]
        content = build_report(connection, quarter="2026Q3", part_id="BQ-BO", lang="en")
    finally:
        connection.close()
    return files, content


def test_report_from_the_database_without_chromium_shows_every_chart_as_a_table(bonaire):
    (first, _), content = bonaire
    assert first.file_name.endswith(".html") and first.mime == "text/html"
    page = _parse(first.data)
    assert page.get("lang") == "en"
    assert page.xpath("//img") == []
    note = page.find(".//main")[0]
    assert note.get("class") == "charts-note" and note.text_content() == t("report.no_charts", "en")
    captions = page.xpath("//main//table/caption/text()")
    charts = _charts(content)
    assert charts and all((c.table.caption or c.caption) in captions for c in charts)
    headings = [b.text for b in content.blocks if isinstance(b, Heading)]
    assert page.xpath("//main//h1/text()|//main//h2/text()|//main//h3/text()") == headings
    assert b"http://" not in first.data and b"https://" not in first.data


def test_report_from_the_database_is_the_same_bytes_twice(bonaire):
    (first, second), _ = bonaire
    assert first.data == second.data

"""The report as a Word document: ``render_docx(report, images) -> bytes``.

Layout only; every word is in the ``Report`` (``report.model``). What the document gets:

- a cover (title, subtitle, its lines, the demo notice boxed), alone on the first page, without
  footer; A4 portrait with 2.5 cm margins;
- headings in Word's built-in Heading 1-3 styles, so the navigation pane and LibreOffice's
  navigator list them; paragraphs as body text, a note (smaller, grey) or a quote (indented,
  italic);
- tables in a built-in style, the header row repeated on every page, numeric columns right-aligned,
  rows never split, the caption above (kept with the table) and as the table's accessible title;
- the i-th chart as ``images[i]`` (a PNG, the text width wide) with its alt text and caption, or its
  table where ``images[i]`` is None; ``report.charts_note`` as a note before the first block;
- the footer's text with the page number (a PAGE field); the language (nl-NL, en-GB) for spelling.

The same report and images give the same bytes (``report.docx_package``). Raises ``ValueError``
when ``images`` does not hold one entry per chart. Imports report.model, ui.i18n (the application's
name as author).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Length, Mm, Pt, RGBColor, Twips

from report.docx_ooxml import box, page_break_before, page_field, set_language, xml_text
from report.docx_package import package_bytes, stamp
from report.docx_pictures import Pictures
from report.docx_table import table_element
from report.model import NOTE, QUOTE, Chart, Cover, Heading, PageBreak, Paragraph, Report, Table
from ui.i18n import t

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.section import Section
    from docx.text.paragraph import Paragraph as WordParagraph

__all__ = ["render_docx"]

LANGUAGE_TAGS: Final = {"nl": "nl-NL", "en": "en-GB"}
PAGE_WIDTH: Final = Mm(210)
PAGE_HEIGHT: Final = Mm(297)
MARGIN: Final = Mm(25)
TEXT_WIDTH: Final = Length(PAGE_WIDTH - 2 * MARGIN)
# A chart taller than this is scaled down, so a chart and its caption share a page.
MAX_CHART_HEIGHT: Final = Mm(150)
TABLE_STYLE: Final = "Light Grid Accent 1"
TABLE_TEXT: Final = Pt(9)
NOTE_TEXT: Final = Pt(9)
QUOTE_INDENT: Final = Mm(10)
# Darker than the template's accent blue (#4F81BD, 3.9:1 on white) so small text passes WCAG AA.
TEXT_BLUE: Final = RGBColor(0x36, 0x5F, 0x91)
MUTED: Final = RGBColor(0x59, 0x59, 0x59)  # 7:1 on white
NOTICE_FILL: Final = "FFF4CE"
NOTICE_LINE: Final = "9C6500"


def render_docx(report: Report, images: Sequence[bytes | None]) -> bytes:
    """``report`` as .docx bytes; ``images[i]`` the PNG of the i-th ``Chart`` or None."""
    charts = sum(isinstance(block, Chart) for block in report.blocks)
    if len(images) != charts:
        raise ValueError(f"{len(images)} images for {charts} charts")
    if report.lang not in LANGUAGE_TAGS:
        raise ValueError(f"no document language for {report.lang!r}")
    document = Document()
    _page_setup(document.sections[0], report.footer)
    _styles(document)
    set_language(document, LANGUAGE_TAGS[report.lang])
    writer = _Writer(document, iter(images))
    writer.cover(report.cover)
    writer.page_break()
    if report.charts_note:
        writer.block(Paragraph(report.charts_note, NOTE))
    for block in report.blocks:
        writer.block(block)
    stamp(
        document,
        created=report.created,
        title=xml_text(report.cover.title),
        subject=xml_text(report.cover.subtitle),
        author=t("app.short_title", report.lang),
        language=LANGUAGE_TAGS[report.lang],
    )
    return package_bytes(document, created=report.created)


def _page_setup(section: Section, footer: str) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = Mm(12.5)
    # The cover has a footer of its own, left empty.
    section.different_first_page_header_footer = True
    section.first_page_footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    tabs = paragraph.paragraph_format.tab_stops
    for inherited in (Twips(4680), Twips(9360)):  # the template's Footer style, for US Letter
        tabs.add_tab_stop(inherited, WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    text = paragraph.add_run(xml_text(footer))
    text.add_tab()
    page_field(paragraph)
    for run in paragraph.runs:
        run.font.size = NOTE_TEXT
        run.font.color.rgb = MUTED


def _styles(document: WordDocument) -> None:
    styles = document.styles
    styles[TABLE_STYLE].font.size = TABLE_TEXT
    for name in ("Heading 2", "Heading 3", "Subtitle", "Caption"):
        styles[name].font.color.rgb = TEXT_BLUE


class _Writer:
    """Appends blocks to the document's body; a page break waits for the next block, whose first
    paragraph then starts the page (no empty paragraph, no blank page at the end)."""

    def __init__(self, document: WordDocument, images: Iterator[bytes | None]) -> None:
        self._document = document
        self._body = document.element.body
        self._images = images
        self._break_pending = False
        self._pictures = Pictures(document)
        self._table_style_id = document.styles[TABLE_STYLE].style_id

    def page_break(self) -> None:
        self._break_pending = True

    def cover(self, cover: Cover) -> None:
        title = self._paragraph(cover.title, "Title")
        title.paragraph_format.space_before = Pt(120)
        if cover.subtitle:
            self._paragraph(cover.subtitle, "Subtitle")
        for line in cover.lines:
            self._paragraph(line).paragraph_format.space_after = Pt(4)
        if cover.notice:
            notice = self._paragraph("")
            notice.paragraph_format.space_before = Pt(24)
            notice.add_run(xml_text(cover.notice)).bold = True
            box(notice, fill=NOTICE_FILL, line=NOTICE_LINE)

    def block(self, block: Heading | Paragraph | Table | Chart | PageBreak) -> None:
        if isinstance(block, PageBreak):
            self.page_break()
            return
        last = self._body.sectPr.getprevious()  # new content goes before the closing w:sectPr
        if isinstance(block, Heading):
            self._paragraph(block.text, f"Heading{min(max(block.level, 1), 9)}")
        elif isinstance(block, Paragraph):
            self._text(block)
        elif isinstance(block, Table):
            self._table(block, block.caption)
        elif isinstance(block, Chart):
            self._chart(block)
        first = self._body[0] if last is None else last.getnext()
        if self._break_pending and first is not self._body.sectPr:
            page_break_before(first)
            self._break_pending = False

    def _paragraph(self, text: str, style_id: str | None = None) -> WordParagraph:
        # The style by its id: python-docx's lookup by name walks every style, each time.
        paragraph = self._document.add_paragraph(xml_text(text))
        if style_id is not None:
            paragraph._p.style = style_id
        return paragraph

    def _text(self, paragraph: Paragraph) -> None:
        if paragraph.style == QUOTE:
            self._paragraph(paragraph.text, "Quote").paragraph_format.left_indent = QUOTE_INDENT
        elif paragraph.style == NOTE:
            run = self._paragraph("").add_run(xml_text(paragraph.text))
            run.font.size = NOTE_TEXT
            run.font.color.rgb = MUTED
        else:
            self._paragraph(paragraph.text)

    def _caption(self, text: str) -> None:
        if text:
            self._paragraph(text, "Caption").paragraph_format.keep_with_next = True

    def _table(self, table: Table, caption: str) -> None:
        if not table.columns:
            return
        self._caption(caption)
        element = table_element(
            table, caption=caption, style_id=self._table_style_id, width=TEXT_WIDTH
        )
        self._body.insert_element_before(element, "w:sectPr")

    def _chart(self, chart: Chart) -> None:
        image = next(self._images)
        if image is None:
            self._table(chart.table, chart.table.caption or chart.caption)
            return
        self._caption(chart.caption)
        inline = self._pictures.inline(
            image, alt=chart.alt, width=TEXT_WIDTH, max_height=MAX_CHART_HEIGHT
        )
        self._paragraph("").add_run()._r.add_drawing(inline)

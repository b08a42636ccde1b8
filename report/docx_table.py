"""A report ``Table`` as a Word table element (``w:tbl``), built in one pass.

``table_element(table, *, caption, style_id, width)``: the header row marked to repeat at the top
of every page (``w:tblHeader``) and bold; no row split across pages (``w:cantSplit``); numeric
columns right-aligned; column widths in proportion to their texts (``column_widths``); the
built-in style ``style_id`` applied to the header row and row bands only; ``caption`` as the
table's accessible title (``w:tblCaption``).

Built with lxml rather than python-docx's cell objects: the same XML, but a Kingdom report's
thousands of rows take milliseconds instead of seconds (python-docx looks each cell and style up
again). Imports report.model and report.docx_ooxml.
"""

from __future__ import annotations

from typing import Final

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length
from lxml import etree

from report.docx_ooxml import xml_text
from report.model import Table

__all__ = ["column_widths", "table_element"]

# Estimated width of one character of 9 pt table text (bold header included), and a cell's
# left plus right margin (the table style's 108 twips each), in twips.
CHAR_TWIPS: Final = 100
CELL_MARGINS: Final = 216
# Beyond this many characters a text wraps anyway: a longer text asks for no more width.
MAX_LINE: Final = 40
_PRESERVE: Final = qn("xml:space")


def column_widths(table: Table, width: Length) -> tuple[int, ...]:
    """``width`` shared by the columns, in twips, as a browser lays out an automatic table.

    Each column needs at least its longest word (a word is never broken) and at most its longest
    text (up to ``MAX_LINE`` characters: beyond that it wraps anyway). When every column gets its
    most, the rest is shared in proportion; when not, each gets its least and the rest goes in
    proportion to what each still lacks; when even the least does not fit, ``width`` is shared
    in proportion to it."""
    least, most = [], []
    for index, header in enumerate(table.columns):
        texts = [header, *(row[index] for row in table.rows if index < len(row))]
        word = min(max((len(w) for text in texts for w in text.split()), default=1), MAX_LINE)
        line = min(max(len(part) for text in texts for part in text.split("\n")), MAX_LINE)
        least.append(CELL_MARGINS + CHAR_TWIPS * word)
        most.append(CELL_MARGINS + CHAR_TWIPS * max(line, word))
    total = width.twips
    if sum(most) <= total:
        return _share(total - sum(most), most, most)
    if sum(least) >= total:
        return _share(total, [0] * len(least), least)
    lacking = [high - low for low, high in zip(least, most, strict=True)]
    return _share(total - sum(least), least, lacking)


def _share(amount: int, base: list[int], weights: list[int]) -> tuple[int, ...]:
    """``base`` plus ``amount`` shared in proportion to ``weights`` (whole twips, rounded down)."""
    total = sum(weights)
    return tuple(low + amount * weight // total for low, weight in zip(base, weights, strict=True))


def _child(parent: OxmlElement, tag: str, **attributes: str) -> OxmlElement:
    return etree.SubElement(
        parent, qn(tag), {qn(f"w:{name}"): value for name, value in attributes.items()}
    )


def _text(run: OxmlElement, text: str) -> None:
    """``text`` into ``run`` as Word writes it: line breaks as ``w:br``, tabs as ``w:tab``."""
    for line_index, line in enumerate(text.split("\n")):
        if line_index:
            _child(run, "w:br")
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                _child(run, "w:tab")
            if part:
                node = _child(run, "w:t")
                node.set(_PRESERVE, "preserve")
                node.text = part


def table_element(table: Table, *, caption: str, style_id: str, width: Length) -> OxmlElement:
    """``table`` as a ``w:tbl`` ``width`` wide; ``table.columns`` must not be empty."""
    count = len(table.columns)
    numeric = (*table.numeric[:count], *(False,) * (count - len(table.numeric)))
    widths = column_widths(table, width)
    tbl = OxmlElement("w:tbl")
    properties = _child(tbl, "w:tblPr")
    _child(properties, "w:tblStyle", val=style_id)
    _child(properties, "w:tblW", w=str(sum(widths)), type="dxa")
    _child(properties, "w:jc", val="left")
    _child(properties, "w:tblLayout", type="fixed")
    _child(
        properties,
        "w:tblLook",
        val="0420",
        firstRow="1",
        lastRow="0",
        firstColumn="0",
        lastColumn="0",
        noHBand="0",
        noVBand="1",
    )
    if caption:
        _child(properties, "w:tblCaption", val=xml_text(caption))
    grid = _child(tbl, "w:tblGrid")
    for column_width in widths:
        _child(grid, "w:gridCol", w=str(column_width))
    for row_index, texts in enumerate((table.columns, *table.rows)):
        header = row_index == 0
        row = _child(tbl, "w:tr")
        row_properties = _child(row, "w:trPr")
        _child(row_properties, "w:cantSplit")
        if header:
            _child(row_properties, "w:tblHeader")
        for column_index, (column_width, right) in enumerate(zip(widths, numeric, strict=True)):
            cell = _child(row, "w:tc")
            _child(_child(cell, "w:tcPr"), "w:tcW", w=str(column_width), type="dxa")
            paragraph = _child(cell, "w:p")  # a cell needs a paragraph, even an empty one
            if right:
                _child(_child(paragraph, "w:pPr"), "w:jc", val="right")
            text = xml_text(texts[column_index]) if column_index < len(texts) else ""
            if text:
                run = _child(paragraph, "w:r")
                if header:  # bold also where an application ignores the style's header row
                    _child(_child(run, "w:rPr"), "w:b")
                _text(run, text)
    return tbl

"""WordprocessingML that python-docx has no API for: the few elements ``report.docx`` sets by hand.

| function | what it writes |
|---|---|
| ``box(paragraph, fill, line)`` | a border and shading round one paragraph |
| ``page_break_before(element)`` | ``w:pageBreakBefore`` on a paragraph or a table's first |
| ``page_field(paragraph)`` | the current page number as a ``PAGE`` field |
| ``set_language(document, tag)`` | ``w:lang`` of the default run properties and theme fonts |
| ``xml_text(text)`` | the text without the characters XML 1.0 cannot hold |

Elements go where the schema's sequence puts them, so Word does not call the file corrupt.
Imports nothing of ours.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

__all__ = [
    "box",
    "page_break_before",
    "page_field",
    "set_language",
    "xml_text",
]

# The children of w:pPr in the schema's order (ECMA-376 Part 1, 17.3.1.26).
_PPR_ORDER: Final = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
# Characters XML 1.0 forbids (C0 controls but tab, line feed, carriage return; lone surrogates;
# U+FFFE and U+FFFF): lxml refuses them, and a narrative typed elsewhere may hold one.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _element(tag: str, **attributes: str) -> OxmlElement:
    return OxmlElement(tag, {qn(f"w:{name}"): value for name, value in attributes.items()})


def _insert_in_ppr(paragraph: Paragraph, child: OxmlElement) -> None:
    tag = child.tag
    ppr = paragraph._p.get_or_add_pPr()
    existing = ppr.find(tag)
    if existing is not None:
        ppr.remove(existing)
    index = [qn(name) for name in _PPR_ORDER].index(tag)
    ppr.insert_element_before(child, *_PPR_ORDER[index + 1 :])


def box(paragraph: Paragraph, *, fill: str, line: str) -> None:
    """A single ``line``-coloured border round the paragraph on a ``fill`` background (hex RGB)."""
    borders = _element("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(_element(f"w:{side}", val="single", sz="12", space="6", color=line))
    _insert_in_ppr(paragraph, borders)
    _insert_in_ppr(paragraph, _element("w:shd", val="clear", color="auto", fill=fill))


def page_break_before(element: OxmlElement) -> None:
    """Start ``element`` (a w:p or w:tbl of the body) on a new page."""
    paragraph = element if element.tag == qn("w:p") else element.find(".//" + qn("w:p"))
    if paragraph is None:
        return
    ppr = paragraph.get_or_add_pPr()
    ppr.get_or_add_pageBreakBefore()


def page_field(paragraph: Paragraph) -> None:
    """A complex ``PAGE`` field (what Word's "Insert page number" writes), showing 1 until the
    application computes it."""

    def run(*children: OxmlElement) -> None:
        r = paragraph.add_run()._r
        for child in children:
            r.append(child)

    instruction = _element("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    cached = _element("w:t")
    cached.text = "1"
    run(_element("w:fldChar", fldCharType="begin"))
    run(instruction)
    run(_element("w:fldChar", fldCharType="separate"))
    run(cached)
    run(_element("w:fldChar", fldCharType="end"))


def set_language(document: Document, tag: str) -> None:
    """``tag`` (``nl-NL``) as the language of every run that does not say otherwise, so Word
    and LibreOffice check spelling in it."""
    # python-docx's template always has w:docDefaults/w:rPrDefault/w:rPr.
    (rpr,) = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _element("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)

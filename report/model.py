"""The progress report as a document model: everything a renderer needs, already in words.

``report.content.build_report`` fills it from the database (the same data and figures the pages
show); ``report.docx`` and ``report.html`` render it; ``report.pdf`` prints the HTML. Every text
in it is final (translated, numbers formatted), so renderers decide layout only, and the same
model gives the same document.

A report is a cover, then blocks in order. A block is one of:

| block | rendered as |
|---|---|
| ``Heading(text, level)`` | a real heading (level 1 = chapter, 2 = section, 3 = subsection) |
| ``Paragraph(text, style)`` | ``body``, ``note`` (smaller, muted), ``quote`` (a narrative) |
| ``Table(columns, rows, caption, numeric)`` | a table with a header row repeated on every page |
| ``Chart(figure, alt, caption, table)`` | an image with ``alt``; else ``table`` |
| ``PageBreak()`` | a new page (before each part's profile) |

Imports nothing of ours; plotly only for the figure's type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = [
    "BODY",
    "NOTE",
    "QUOTE",
    "Block",
    "Chart",
    "Cover",
    "Heading",
    "PageBreak",
    "Paragraph",
    "Report",
    "Table",
]

BODY: Final = "body"
NOTE: Final = "note"
QUOTE: Final = "quote"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = BODY


@dataclass(frozen=True)
class Table:
    """``rows`` of cell texts, one per column; ``numeric`` marks the columns to right-align."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    numeric: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A plotly figure (the Action lines page's), its alt text, its caption, and the table a
    renderer shows instead when no image can be drawn (no Chromium)."""

    figure: go.Figure = field(repr=False, compare=False)
    alt: str
    caption: str
    table: Table


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | Chart | PageBreak


@dataclass(frozen=True)
class Cover:
    """The cover: ``lines`` under the title (quarter, part, vintage, method version, data set),
    ``notice`` the demo-data warning or empty."""

    title: str
    subtitle: str
    lines: tuple[str, ...]
    notice: str = ""


@dataclass(frozen=True)
class Report:
    """``lang`` the document's language; ``created`` the moment the document says it was made:
    the vintage, so the same inputs give the same bytes; ``file_stem`` its file name without
    extension (language-specific); ``footer`` the running footer's text (page numbers are the
    renderer's)."""

    lang: str
    created: datetime
    file_stem: str
    cover: Cover
    blocks: tuple[Block, ...]
    footer: str
    charts_note: str = ""  # said where charts gave way to tables (no Chromium)

"""The report as one self-contained HTML document, for the screen and for print (and so the PDF).

``render_html(report, images)`` lays out the model (``report.model``): the cover, then each
block in order; ``images`` holds one PNG (or ``None``) per ``Chart`` block, in order. A chart is a
``<figure>`` with its image as a data: URI, its alt text and caption, or its table where its
image is ``None``. Nothing is loaded from anywhere: the style sheet is inline, there are no
scripts or fonts, and a Content-Security-Policy says so to the browser. The print style sheet
sets A4 portrait with the cover alone on the first page, the running footer with "page n of m"
on the others (CSS page-margin boxes, which Chromium prints), table headers repeated on each
page, no page break inside a row or a figure, and tables that fit the page with their words and
numbers whole.

The same report and images give the same bytes: the only moment in it is ``report.created``.
Imports the model, the image size of ``report.images`` and ``ui.i18n`` (the page-number label).
"""

from __future__ import annotations

import base64
import struct
from collections.abc import Iterator, Sequence
from html import escape
from string import Formatter
from typing import Final

from report.images import SCALE
from report.model import (
    NOTE,
    QUOTE,
    Block,
    Chart,
    Cover,
    Heading,
    PageBreak,
    Paragraph,
    Report,
    Table,
)
from ui.i18n import t

__all__ = ["render_html"]

_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_COUNTERS: Final = {"page": "counter(page)", "pages": "counter(pages)"}
_CSP: Final = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_MARGIN_BOX: Final = 'font: 8pt system-ui, "Liberation Sans", Arial, sans-serif; color: #555;'

_CSS: Final = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --rule: #c8ced6; --head: #154273;
  --shade: #eef1f5; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 76rem; padding: 2rem 1.5rem 3rem; color: var(--ink);
  background: #fff; font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Liberation Sans", Arial,
  sans-serif; hyphens: auto; }
h1, h2, h3 { color: var(--head); line-height: 1.25; margin: 2rem 0 .6rem; break-after: avoid; }
h1 { font-size: 1.75rem; border-bottom: 2px solid var(--head); padding-bottom: .2rem; }
h2 { font-size: 1.35rem; }
h3 { font-size: 1.1rem; }
p { margin: 0 0 .8rem; white-space: pre-line; max-width: 52rem; }
p.note { color: var(--muted); font-size: .875rem; }
blockquote { margin: 0 0 1rem; max-width: 52rem; padding: .4rem 1rem;
  border-left: 4px solid var(--rule); background: var(--shade); font-style: italic; }
blockquote p:last-child { margin-bottom: 0; }
.cover { padding: 3rem 0 2rem; border-bottom: 1px solid var(--rule); margin-bottom: 2rem; }
.cover h1 { border: 0; font-size: 2.2rem; margin: 0 0 .5rem; }
.cover .subtitle { font-size: 1.35rem; color: var(--head); }
.cover ul { list-style: none; padding: 0; margin: 1.5rem 0; }
.cover .notice, .charts-note { border: 2px solid #b35900; padding: .6rem .9rem; }
.charts-note { color: var(--ink); font-size: 1rem; }
.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: .875rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 .4rem;
  break-after: avoid; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left;
  vertical-align: top; white-space: pre-line; }
thead th { background: var(--shade); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
figure { margin: 0 0 1.5rem; }
figure img { display: block; width: 100%; max-width: 900px; height: auto; }
figcaption { font-size: .875rem; color: var(--muted); margin-top: .3rem; }
.running-footer { margin-top: 3rem; padding-top: .5rem; border-top: 1px solid var(--rule);
  color: var(--muted); font-size: .875rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.4; }
  p, blockquote { max-width: none; }
  h1 { font-size: 17pt; } h2 { font-size: 13.5pt; } h3 { font-size: 11.5pt; }
  .cover { border: 0; padding-top: 60mm; break-after: page; }
  .page-break { break-before: page; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  th, td { padding: .2rem .3rem; overflow-wrap: break-word; }
  thead { display: table-header-group; }
  tr, figure, img, blockquote { break-inside: avoid; }
  thead th, blockquote { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  figure img { max-width: 100%; }
  .running-footer { display: none; }
}
""".strip()


def render_html(report: Report, images: Sequence[bytes | None]) -> bytes:
    """The report as UTF-8 HTML; ``images[i]`` is the i-th chart's PNG (missing counts as None)."""
    pictures = _pictures(images)
    main = [_block(block, pictures) for block in report.blocks]
    if report.charts_note:
        main.insert(0, f'<p class="charts-note" role="note">{_text(report.charts_note)}</p>')
    page = [
        "<!DOCTYPE html>",
        f'<html lang="{_text(report.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="dcterms.created" content="{report.created.isoformat()}">',
        f"<title>{_text(_title(report.cover))}</title>",
        f"<style>\n{_CSS}\n{_page_rule(report)}\n</style>",
        "</head>",
        "<body>",
        _cover(report.cover),
        "<main>",
        *main,
        "</main>",
        f'<footer class="running-footer">{_text(report.footer)}</footer>',
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(page).encode("utf-8")


def _pictures(images: Sequence[bytes | None]) -> Iterator[bytes | None]:
    yield from images
    while True:
        yield None


def _text(text: str) -> str:
    return escape(text, quote=True)


def _title(cover: Cover) -> str:
    return f"{cover.title} – {cover.subtitle}" if cover.subtitle else cover.title


def _cover(cover: Cover) -> str:
    parts = ['<header class="cover">', f'<h1 class="title">{_text(cover.title)}</h1>']
    if cover.subtitle:
        parts.append(f'<p class="subtitle">{_text(cover.subtitle)}</p>')
    if cover.lines:
        parts += ["<ul>", *(f"<li>{_text(line)}</li>" for line in cover.lines), "</ul>"]
    if cover.notice:
        parts.append(f'<p class="notice" role="note">{_text(cover.notice)}</p>')
    parts.append("</header>")
    return "\n".join(parts)


def _block(block: Block, pictures: Iterator[bytes | None]) -> str:
    match block:
        case Heading(text=text, level=level):
            tag = f"h{min(max(level, 1), 3)}"
            return f"<{tag}>{_text(text)}</{tag}>"
        case Paragraph(text=text, style=style) if style == QUOTE:
            return f"<blockquote><p>{_text(text)}</p></blockquote>"
        case Paragraph(text=text, style=style):
            attribute = ' class="note"' if style == NOTE else ""
            return f"<p{attribute}>{_text(text)}</p>"
        case Table():
            return _table(block)
        case Chart():
            return _chart(block, next(pictures))
        case PageBreak():
            return '<div class="page-break"></div>'
    raise TypeError(f"not a report block: {block!r}")


def _table(table: Table, *, caption: str | None = None) -> str:
    parts = ['<div class="table-wrap">', "<table>"]
    if caption or table.caption:
        parts.append(f"<caption>{_text(caption or table.caption)}</caption>")
    header = "".join(
        f'<th scope="col"{_num(table, i)}>{_text(name)}</th>'
        for i, name in enumerate(table.columns)
    )
    parts += ["<thead>", f"<tr>{header}</tr>", "</thead>", "<tbody>"]
    for row in table.rows:
        cells = "".join(f"<td{_num(table, i)}>{_text(cell)}</td>" for i, cell in enumerate(row))
        parts.append(f"<tr>{cells}</tr>")
    parts += ["</tbody>", "</table>", "</div>"]
    return "\n".join(parts)


def _num(table: Table, position: int) -> str:
    """The right-aligned class for a cell of a numeric column."""
    return ' class="num"' if position < len(table.numeric) and table.numeric[position] else ""


def _chart(chart: Chart, png: bytes | None) -> str:
    if png is None:
        return _table(chart.table, caption=chart.table.caption or chart.caption)
    size = _png_size(png)
    dimensions = f' width="{size[0] // SCALE}" height="{size[1] // SCALE}"' if size else ""
    source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return "\n".join(
        [
            '<figure class="chart">',
            f'<img src="{source}" alt="{_text(chart.alt)}"{dimensions}>',
            f"<figcaption>{_text(chart.caption)}</figcaption>",
            "</figure>",
        ]
    )


def _png_size(png: bytes) -> tuple[int, int] | None:
    """Width and height from the PNG's header chunk, or None when it is no PNG."""
    if len(png) < 24 or not png.startswith(_PNG_SIGNATURE) or png[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", png[16:24])


def _page_rule(report: Report) -> str:
    """A4 portrait with the running footer left and "page n of m" right, in the margin boxes."""
    label = " ".join(
        part
        for literal, field, _, _ in Formatter().parse(t("report.render.page", report.lang))
        for part in (_css_string(literal) if literal else "", _COUNTERS.get(field or "", ""))
        if part
    )
    return (
        "@page { size: A4 portrait; margin: 20mm 18mm 22mm;\n"
        f"  @bottom-left {{ content: {_css_string(report.footer)}; {_MARGIN_BOX} }}\n"
        f"  @bottom-right {{ content: {label}; {_MARGIN_BOX} }}\n"
        "}\n"
        "@page :first { @bottom-left { content: none; } @bottom-right { content: none; } }"
    )


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the style element."""
    escaped = "".join(f"\\{ord(char):x} " if char in '\\"<>\n\r' else char for char in text)
    return f'"{escaped}"'

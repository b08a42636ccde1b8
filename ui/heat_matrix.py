"""The Overview's action lines × parts matrix as a heat map: one HTML table, pure.

Each cell's first block is its series roll-up (``ui.rollup_tables.MatrixCell``), coloured by its
mean score (``ui.heat``), with the distribution in symbols as its text and the counts in words as
its link's name (``AL04, Caribische landen: 1 bereikt, 2 matig``); a cell with nothing assessed
is grey, dashed, and says so. Below it, never coloured and never merged, the actions line
(``ui.action_rollups.ActionCell``). Both link to the Action lines page for that action line and
part, with the view's parameters.

The table has column and row headers for screen readers. On a narrow screen (a phone, under
641 px) it turns into a card per action line, and every cell shows its part's name above it,
so no cell loses its labels (``MATRIX_CSS``).

| function | returns |
|---|---|
| ``matrix_html(rows, labels, *, lang, params)`` | the table, ready for ``st.html`` |
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from ui.heat import anchor, heat_style, keep_together, page_href, score_words
from ui.i18n import t
from ui.pages import ACTION_LINES
from ui.rollup_tables import MatrixCell, MatrixRow

__all__ = ["MATRIX_CSS", "matrix_html"]

MATRIX_CSS = """
<style>
.glance-matrix table { width: 100%; table-layout: fixed; border-collapse: separate;
  border-spacing: 0.35rem; margin: 0; }
.glance-matrix th, .glance-matrix td { vertical-align: top; text-align: left; padding: 0;
  border: none; background: none; font-size: 0.95em; }
.glance-matrix thead th { font-weight: 600; padding: 0.25rem 0.3rem; vertical-align: bottom; }
.glance-matrix tbody th { font-weight: 400; padding: 0.45rem 0.3rem; }
.glance-matrix col.glance-line-column { width: 22%; }
.glance-part { display: none; font-weight: 600; margin: 0.6rem 0 0.2rem; }
a.glance-plain { display: block; padding: 0.3rem 0.6rem 0.2rem; font-size: 0.9em; }
@media (max-width: 640px) {
  .glance-matrix table, .glance-matrix tbody, .glance-matrix tr, .glance-matrix th,
  .glance-matrix td { display: block; width: auto; }
  .glance-matrix table { border-spacing: 0; }
  .glance-matrix thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0, 0, 0, 0); }
  .glance-matrix tbody tr { border: 1px solid #8C8C8C; border-radius: 0.5rem;
    padding: 0.5rem 0.6rem 0.7rem; margin-bottom: 0.8rem; }
  .glance-matrix tbody th { font-weight: 600; padding: 0 0 0.2rem; }
  .glance-part { display: block; }
}
</style>
"""


def _series_link(
    cell: MatrixCell, *, line: str, part: str, href: str, with_actions: bool, lang: str
) -> str:
    counts = keep_together(cell.text)
    text = t("action_rollups.cell_series", lang, counts=counts) if with_actions else counts
    shown = html.escape(text)
    if cell.n_series and cell.score is None:
        shown += f'<span class="glance-note">{html.escape(t("glance.not_assessed", lang))}</span>'
    return anchor(
        href,
        text=shown,
        name=t("glance.link_name", lang, line=line, part=part, counts=cell.spoken),
        title=f"{cell.help} · {score_words(cell.score, lang)}",
        css_class="glance-heat" if cell.score is not None else "glance-heat glance-none",
        style=heat_style(cell.score),
    )


def matrix_html(
    rows: Sequence[MatrixRow],
    labels: Mapping[str, str],
    *,
    lang: str,
    params: Mapping[str, str],
) -> str:
    """The matrix of ``rows`` (``ui.rollup_tables.matrix_rows``) with a column per part of
    ``labels`` (part_id -> name, in the rows' cell order); every link carries ``params`` (the
    view's, ``ui.heat.carried_params``) with its action line and part."""
    head = "".join(f'<th scope="col">{html.escape(name)}</th>' for name in labels.values())
    body = []
    for row in rows:
        cells = []
        actions = row.actions or (None,) * len(row.cells)
        for cell, action in zip(row.cells, actions, strict=True):
            part = labels[cell.part_id]
            target = {**params, "al": row.action_line_id, "part": cell.part_id}
            href = page_href(ACTION_LINES, target)
            content = [
                f'<span class="glance-part" aria-hidden="true">{html.escape(part)}</span>',
                _series_link(
                    cell,
                    line=row.action_line_id,
                    part=part,
                    href=href,
                    with_actions=action is not None,
                    lang=lang,
                ),
            ]
            if action is not None:
                text = t("action_rollups.cell_actions", lang, counts=keep_together(action.text))
                name = t(
                    "glance.actions_link_name",
                    lang,
                    line=row.action_line_id,
                    part=part,
                    counts=action.words,
                )
                content.append(
                    anchor(
                        href,
                        text=html.escape(text),
                        name=name,
                        title=action.help,
                        css_class="glance-plain",
                    )
                )
            cells.append(f"<td>{''.join(content)}</td>")
        body.append(f'<tr><th scope="row">{html.escape(row.label)}</th>{"".join(cells)}</tr>')
    columns = '<col class="glance-line-column">' + "<col>" * len(labels)
    return (
        f'<div class="glance-matrix"><table><colgroup>{columns}</colgroup>'
        f'<thead><tr><th scope="col">{html.escape(t("glance.action_line", lang))}</th>{head}'
        f"</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )

"""The Kingdom at a glance: its seven countries and islands as tiles, grouped by their part and
placed roughly as on a map, each coloured by its mean score with its distribution, its number of
series and its mean score as text, each a link to its profile on the Kingdom parts page.

No map from the internet: a tile grid in HTML and CSS. The European Netherlands sits top right;
to its left the Caribbean countries (Sint Maarten in the north, Aruba and Curaçao in the south)
and the Caribbean Netherlands (Saba and Sint Eustatius in the north, Bonaire in the south), so
the southern row reads west to east: Aruba, Curaçao, Bonaire. A country or island
this layout does not know is added at the end of its part. A tile counts the series the country
or island reports itself (``ui.rollup_tables.part_cells``); Kingdom-wide series belong to none.
The chosen part (its group) or country or island (its tile) is marked in words and with a
heavy border, and as ``aria-current``.

| function | returns |
|---|---|
| ``kingdom_tiles(rollups, parts, *, chosen, lang)`` | the groups of tiles (pure) |
| ``tiles_html(groups, *, lang, params)`` | the tile grid, ready for ``st.html`` (pure) |
| ``kingdom_at_a_glance(rollups, parts, *, view)`` | heading, caption, legend and the grid |

On a narrow screen (under 641 px) the parts stack, each keeping its two columns of tiles.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui.format import format_number
from ui.heat import (
    HEAT_CSS,
    anchor,
    carried_params,
    heat_style,
    keep_together,
    legend_html,
    page_href,
)
from ui.i18n import t
from ui.kingdom import part_labels
from ui.pages import PARTS
from ui.rollup_tables import part_cells
from ui.state import View

__all__ = ["TILES_CSS", "Tile", "TileGroup", "kingdom_at_a_glance", "kingdom_tiles", "tiles_html"]

# Where each part's box sits in the outer grid (five columns of tile width; Europe at the right,
# above the Caribbean on a narrow screen) ...
_GROUP_AREAS: dict[str, str] = {"EUR_NL": "eur", "CAR_C": "carc", "CAR_NL": "carnl"}
# ... and each country or island in its part's box (row, column), roughly as on a map.
_PLACES: dict[str, tuple[int, int]] = {
    "NL": (1, 1),
    "SX": (1, 2),
    "AW": (2, 1),
    "CW": (2, 2),
    "BQ-SA": (1, 1),
    "BQ-SE": (1, 2),
    "BQ-BO": (2, 1),
}

TILES_CSS = """
<style>
.glance-tiles { display: grid; gap: 0.75rem; max-width: 64rem; margin: 0.25rem 0 0.5rem;
  grid-template-columns: repeat(5, minmax(0, 1fr));
  grid-template-areas: "carc carc carnl carnl eur"; align-items: start; }
.glance-group { border: 1px solid #8C8C8C; border-radius: 0.5rem; padding: 0.4rem 0.5rem 0.5rem;
  margin: 0; }
.glance-group.glance-chosen { border: 3px solid #000000; }
.glance-group-head { margin: 0 0 0.35rem; font-weight: 600; }
.glance-group-grid { display: grid; gap: 0.4rem;
  grid-template-columns: repeat(var(--glance-columns), minmax(0, 1fr)); }
.glance-tiles a.glance-tile { min-height: 5.5rem; text-decoration: none; }
.glance-tiles a.glance-tile strong { text-decoration: underline; text-underline-offset: 0.15em; }
a.glance-tile strong, a.glance-tile span { display: block; }
a.glance-tile.glance-chosen { outline: 3px solid #000000; outline-offset: 1px; }
.glance-mark { font-weight: 600; }
.glance-mark::before { content: "● "; }
@media (max-width: 640px) {
  .glance-tiles { grid-template-columns: minmax(0, 1fr);
    grid-template-areas: "eur" "carc" "carnl"; }
}
</style>
"""


@dataclass(frozen=True)
class Tile:
    """One country or island: its name, its distribution in symbols (``text``) and in words
    (``spoken``), how many series it reports, its mean score (None: nothing assessed), where it
    sits in its part's box (``place``: row and column; None: after the others), and whether it is
    the chosen one."""

    part_id: str
    name: str
    text: str
    spoken: str
    n_series: int
    score: float | None
    place: tuple[int, int] | None
    chosen: bool


@dataclass(frozen=True)
class TileGroup:
    """A part of the Kingdom with its countries and islands (``tiles``), where its box sits
    (``area``: a grid area name; None: after the others), and whether it is the chosen one."""

    part_id: str
    name: str
    area: str | None
    chosen: bool
    tiles: tuple[Tile, ...]


def kingdom_tiles(
    rollups: pd.DataFrame, parts: pd.DataFrame, *, chosen: str, lang: str
) -> list[TileGroup]:
    """The countries and islands of ``parts`` (level ``entity``) grouped by their part, in the
    parts frame's order, each with its whole roll-up from ``rollups`` (``data.cache.rollups``,
    keyed by scope_part_id and any grouping); ``chosen`` is the view's part or entity."""
    entities = parts.loc[parts["level"] == "entity"]
    cells = part_cells(rollups, parts, part_ids=list(entities["part_id"]), lang=lang)
    names = part_labels(parts, list(parts["part_id"]), lang)
    groups = []
    for group_id in dict.fromkeys(entities["parent_id"]):
        members = entities.loc[entities["parent_id"] == group_id, "part_id"]
        tiles = tuple(
            Tile(
                part_id=part_id,
                name=names[part_id],
                text=cells[part_id].text,
                spoken=cells[part_id].spoken,
                n_series=cells[part_id].n_series,
                score=cells[part_id].score,
                place=_PLACES.get(part_id),
                chosen=part_id == chosen,
            )
            for part_id in members
        )
        groups.append(
            TileGroup(
                part_id=group_id,
                name=names[group_id],
                area=_GROUP_AREAS.get(group_id),
                chosen=group_id == chosen,
                tiles=tiles,
            )
        )
    return groups


def _series_count(n: int, lang: str) -> str:
    return t("glance.tiles.one_series", lang) if n == 1 else t("glance.tiles.n_series", lang, n=n)


def _tile_html(tile: Tile, *, lang: str, params: Mapping[str, str]) -> str:
    lines = [
        f"<strong>{html.escape(tile.name)}</strong>",
        f"<span>{html.escape(keep_together(tile.text))}</span>",
    ]
    if tile.n_series:
        lines.append(f"<span>{html.escape(_series_count(tile.n_series, lang))}</span>")
        # Seven tiles have room for the score itself: two tiles of one colour may differ.
        score = (
            t("glance.tiles.score", lang, score=format_number(tile.score, 2, lang))
            if tile.score is not None
            else t("glance.not_assessed", lang)
        )
        lines.append(f"<span>{html.escape(keep_together(score))}</span>")
    if tile.chosen:
        mark = html.escape(t("glance.tiles.chosen", lang))
        lines.append(f'<span class="glance-mark">{mark}</span>')
    classes = ["glance-heat", "glance-tile"]
    if tile.score is None:
        classes.append("glance-none")
    if tile.chosen:
        classes.append("glance-chosen")
    style = heat_style(tile.score)
    if tile.place is not None:
        style += f" grid-row: {tile.place[0]}; grid-column: {tile.place[1]};"
    return anchor(
        page_href(PARTS, {**params, "part": tile.part_id}),
        text="".join(lines),
        name=t("glance.tiles.tile_name", lang, part=tile.name, counts=tile.spoken),
        title=t("glance.tiles.tile_title", lang, part=tile.name),
        css_class=" ".join(classes),
        style=style,
        current=tile.chosen,
    )


def tiles_html(groups: Sequence[TileGroup], *, lang: str, params: Mapping[str, str]) -> str:
    """The tile grid: a box per part (its name a link to its profile) holding its countries'
    and islands' tiles; every link carries ``params`` (``ui.heat.carried_params``) with its
    part."""
    boxes = []
    for group in groups:
        columns = max([tile.place[1] for tile in group.tiles if tile.place] or [1])
        columns = max(columns, 1 if len(group.tiles) == 1 else 2)
        head = anchor(
            page_href(PARTS, {**params, "part": group.part_id}),
            text=html.escape(group.name),
            name=t("glance.tiles.group_name", lang, part=group.name),
            css_class="glance-group-link",
            current=group.chosen,
        )
        if group.chosen:
            mark = html.escape(t("glance.tiles.chosen", lang))
            head += f' <span class="glance-mark">{mark}</span>'
        tiles = "".join(_tile_html(tile, lang=lang, params=params) for tile in group.tiles)
        area = f' style="grid-area: {group.area};"' if group.area else ""
        chosen = " glance-chosen" if group.chosen else ""
        boxes.append(
            f'<div class="glance-group{chosen}"{area}><p class="glance-group-head">{head}</p>'
            f'<div class="glance-group-grid" style="--glance-columns: {columns};">{tiles}</div>'
            "</div>"
        )
    label = html.escape(t("glance.tiles.label", lang))
    return f'<div class="glance-tiles" role="group" aria-label="{label}">{"".join(boxes)}</div>'


def kingdom_at_a_glance(rollups: pd.DataFrame, parts: pd.DataFrame, *, view: View) -> None:
    """The Kingdom at a glance on a page: heading, what a tile counts, the tile grid and what its
    colours mean. ``rollups`` from ``data.cache.rollups`` (any grouping)."""
    lang = view.lang
    st.subheader(t("glance.tiles.heading", lang), help=t("glance.tiles.help", lang))
    st.caption(t("glance.tiles.caption", lang))
    groups = kingdom_tiles(rollups, parts, chosen=view.part_id, lang=lang)
    params = carried_params(st.query_params.to_dict(), lang=lang, quarter=view.quarter)
    st.html(HEAT_CSS + TILES_CSS + tiles_html(groups, lang=lang, params=params) + legend_html(lang))

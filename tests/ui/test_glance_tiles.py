"""The Kingdom at a glance (ui.kingdom_tiles) on the seed's Kingdom hierarchy and hand-made
series: seven tiles grouped by part and placed roughly as on a map, each with its own series'
counts as text, coloured by its mean score with readable text, each a link to its profile; the
chosen part or island marked."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from data.seed import SEED_DIR
from metrics.constants import ROLLUP_SCORES
from tests.glance_facts import scoped_rollup
from tests.glance_links import Link, parse_links
from ui.format import format_number
from ui.heat import carried_params, page_href
from ui.i18n import t
from ui.kingdom_tiles import kingdom_tiles, tiles_html
from ui.pages import PARTS as PARTS_PAGE
from ui.palette import NO_SCORE_COLOUR, contrast_ratio, score_colour
from ui.texts import distribution_text

PARTS = pd.read_csv(SEED_DIR / "kingdom_parts.csv", keep_default_na=False).replace({"": None})
ENTITIES = ["NL", "AW", "CW", "SX", "BQ-BO", "BQ-SE", "BQ-SA"]
# (objective, reporting part, status). Saba reports nothing; Sint Eustatius nothing assessed; the
# Kingdom-wide series and the value derived for a part belong to no tile.
REPORTED = [
    ("O1", "NL", "achieved"),
    ("O2", "NL", "on_track"),
    ("O2", "NL", "limited"),
    ("O1", "AW", "deterioration"),
    ("O3", "AW", "limited"),
    ("O1", "CW", "moderate"),
    ("O1", "SX", "on_track"),
    ("O2", "SX", "on_track"),
    ("O1", "BQ-BO", "achieved"),
    ("O1", "BQ-SE", "insufficient_data"),
    ("O1", "KINGDOM", "deterioration"),
]
QUERY = {"lang": "nl", "part": "KINGDOM", "q": "2026Q3", "vintage": "2026-10-01"}


def _by_objective() -> pd.DataFrame:
    return scoped_rollup(PARTS, REPORTED, key="objective_id")


def _expected_score(part_id: str) -> float | None:
    scores = [
        ROLLUP_SCORES[status]
        for _, part, status in REPORTED
        if part == part_id and status in ROLLUP_SCORES
    ]
    return sum(scores) / len(scores) if scores else None


def _statuses(part_id: str) -> list[str]:
    return [status for _, part, status in REPORTED if part == part_id]


def _links(chosen: str, lang: str = "nl") -> list[Link]:
    groups = kingdom_tiles(_by_objective(), PARTS, chosen=chosen, lang=lang)
    params = carried_params(QUERY, lang=lang, quarter="2026Q3")
    return parse_links(tiles_html(groups, lang=lang, params=params))


def _tiles(chosen: str = "KINGDOM", lang: str = "nl") -> dict[str, Link]:
    return {
        link.params["part"]: link for link in _links(chosen, lang) if "glance-tile" in link.classes
    }


def test_seven_tiles_in_three_parts_roughly_as_on_a_map():
    groups = kingdom_tiles(_by_objective(), PARTS, chosen="KINGDOM", lang="nl")
    assert [group.part_id for group in groups] == ["EUR_NL", "CAR_C", "CAR_NL"]
    assert [[tile.part_id for tile in group.tiles] for group in groups] == [
        ["NL"],
        ["AW", "CW", "SX"],
        ["BQ-BO", "BQ-SE", "BQ-SA"],
    ]
    places = {tile.part_id: tile.place for group in groups for tile in group.tiles}
    # The leeward islands in the north row, Aruba, Curaçao and Bonaire in the south row.
    assert {places["SX"][0], places["BQ-SA"][0], places["BQ-SE"][0]} == {1}
    assert {places["AW"][0], places["CW"][0], places["BQ-BO"][0]} == {2}
    assert places["AW"][1] < places["CW"][1]
    assert [group.area for group in groups] == ["eur", "carc", "carnl"]


@pytest.mark.parametrize("part_id", ENTITIES)
def test_each_tile_counts_its_own_series_and_takes_its_mean_scores_colour(part_id):
    tile = next(
        tile
        for group in kingdom_tiles(_by_objective(), PARTS, chosen="KINGDOM", lang="nl")
        for tile in group.tiles
        if tile.part_id == part_id
    )
    statuses = _statuses(part_id)
    assert tile.n_series == len(statuses)
    expected = _expected_score(part_id)
    assert tile.score == (pytest.approx(expected) if expected is not None else None)
    link = _tiles()[part_id]
    background, foreground = link.style["background-color"], link.style["color"]
    assert background == score_colour(expected)
    assert contrast_ratio(foreground, background) >= 4.5
    text = link.text.replace("\u00a0", " ")
    assert tile.name in text
    if statuses:
        assert distribution_text(statuses) in text
        n = len(statuses)
        count = (
            t("glance.tiles.one_series", "nl") if n == 1 else t("glance.tiles.n_series", "nl", n=n)
        )
        assert count in text
        score = (
            t("glance.tiles.score", "nl", score=format_number(expected, 2, "nl"))
            if expected is not None
            else t("glance.not_assessed", "nl")
        )
        assert score in text
    else:
        assert t("matrix_counted.none", "nl") in text


def test_tiles_are_named_in_words_and_say_when_nothing_is_assessed():
    tiles = _tiles()
    assert tiles["NL"].name == "Nederland (Europees deel): 1 bereikt, 1 op koers, 1 beperkt"
    assert tiles["BQ-SA"].name == "Saba: geen reeksen"
    statia = tiles["BQ-SE"]
    assert statia.name == "Sint Eustatius: 1 met onvoldoende gegevens; niets beoordeeld"
    assert "niets beoordeeld" in statia.text.replace("\u00a0", " ")
    assert statia.style["background-color"] == NO_SCORE_COLOUR
    assert tiles["BQ-SA"].style["background-color"] == NO_SCORE_COLOUR
    english = _tiles(lang="en")
    assert english["AW"].name == "Aruba: 1 limited, 1 deteriorating"


def test_each_tile_links_to_its_profile_keeping_the_view():
    for part_id, link in _tiles().items():
        expected = {"lang": "nl", "part": part_id, "q": "2026Q3", "vintage": "2026-10-01"}
        assert link.page == PARTS_PAGE.url_path and link.params == expected
        assert page_href(PARTS_PAGE, expected).startswith("parts?")
    groups = [link for link in _links("KINGDOM") if link.classes == ("glance-group-link",)]
    assert [group.params["part"] for group in groups] == [
        "EUR_NL",
        "CAR_C",
        "CAR_NL",
    ]


def test_the_chosen_island_is_marked_in_words_and_for_a_screen_reader():
    tiles = _tiles("BQ-SA")
    assert tiles["BQ-SA"].current
    assert "gekozen" in tiles["BQ-SA"].parts
    others = [tile for part_id, tile in tiles.items() if part_id != "BQ-SA"]
    assert not any(tile.current or "gekozen" in tile.parts for tile in others)


def test_the_chosen_part_is_marked_and_the_kingdom_marks_nothing():
    groups = kingdom_tiles(_by_objective(), PARTS, chosen="CAR_NL", lang="en")
    assert [group.chosen for group in groups] == [False, False, True]
    html = tiles_html(groups, lang="en", params={"lang": "en"})
    assert html.count('aria-current="true"') == 1
    marks = re.findall(r'<span class="glance-mark">(.*?)</span>', html)
    assert marks == [t("glance.tiles.chosen", "en")]
    assert '<div class="glance-group glance-chosen" style="grid-area: carnl;">' in html
    kingdom = tiles_html(
        kingdom_tiles(_by_objective(), PARTS, chosen="KINGDOM", lang="en"), lang="en", params={}
    )
    assert "aria-current" not in kingdom and "glance-mark" not in kingdom

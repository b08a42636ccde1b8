"""The Overview at a glance, on the demo data: the matrix as a heat map (each cell coloured by the
mean score of the series it counts, named for a screen reader with the counts in words) and the
Kingdom's seven countries and islands as tiles linking to their profiles. The expected counts,
scores and colours are computed here from the assessment itself."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from metrics.constants import STATUSES
from tests.glance_facts import cell_statuses, demo_facts, mean_score, spoken
from tests.glance_links import html_links
from tests.pages.conftest import APP
from ui import pages
from ui.i18n import t
from ui.kingdom import shown_parts
from ui.palette import contrast_ratio, score_colour
from ui.texts import counts_text


@pytest.fixture
def demo_data(demo_db):
    return demo_facts(demo_db)


def _overview(part: str, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": lang, "part": part})
    at.run()
    assert not at.exception
    return at


def _name(parts: pd.DataFrame, part_id: str, lang: str) -> str:
    return parts.loc[parts["part_id"] == part_id, f"name_{lang}"].item()


@pytest.mark.parametrize(("view_part", "lang"), [("CAR_C", "nl"), ("KINGDOM", "en")])
def test_every_matrix_cell_is_coloured_by_its_mean_score_and_named_in_words(
    demo_app_db, demo_data, view_part, lang
):
    reference, catalogue, series = demo_data
    parts = reference.kingdom_parts
    at = _overview(view_part, lang)
    cells = html_links(at, page=pages.ACTION_LINES.url_path, css_class="glance-heat")
    assert len(cells) == 12 * len(shown_parts(parts, view_part))
    for cell in cells:
        line, part_id = cell.params["al"], cell.params["part"]
        statuses = cell_statuses(series, catalogue, parts, action_line_id=line, part_id=part_id)
        where = f"{line} × {part_id}"
        assert cell.name == f"{line}, {_name(parts, part_id, lang)}: {spoken(statuses, lang)}"
        background = cell.style["background-color"]
        assert background == score_colour(mean_score(statuses)), where
        assert contrast_ratio(cell.style["color"], background) >= 4.5, where
        if statuses:
            assert counts_text({s: statuses.count(s) for s in STATUSES}) in cell.text.replace(
                "\u00a0", " "
            ), where
        if mean_score(statuses) is None:
            assert "glance-none" in cell.classes, where
            said = t("glance.not_assessed" if statuses else "matrix_counted.none", lang)
            assert said in cell.text.replace("\u00a0", " "), where
        assert cell.params["lang"] == lang and cell.params["q"] == reference.latest_quarter


def test_the_known_cell_is_named_as_a_screen_reader_should_say_it(demo_app_db, demo_data):
    reference, catalogue, series = demo_data
    statuses = cell_statuses(
        series,
        catalogue,
        reference.kingdom_parts,
        action_line_id="AL04",
        part_id="CAR_C",
    )
    for lang, part in (("nl", "Caribische landen"), ("en", "Caribbean countries")):
        names = [link.name for link in html_links(_overview("KINGDOM", lang), page="action_lines")]
        assert f"AL04, {part}: {spoken(statuses, lang)}" in names


@pytest.mark.parametrize(("view_part", "lang"), [("KINGDOM", "nl"), ("BQ-SA", "en")])
def test_the_kingdom_at_a_glance_has_seven_tiles_linking_to_their_profiles(
    demo_app_db, demo_data, view_part, lang
):
    reference, _, series = demo_data
    parts = reference.kingdom_parts
    at = _overview(view_part, lang)
    assert t("glance.tiles.heading", lang) in [header.value for header in at.subheader]
    tiles = html_links(at, page=pages.PARTS.url_path, css_class="glance-tile")
    entities = list(parts.loc[parts["level"] == "entity", "part_id"])
    assert sorted(tile.params["part"] for tile in tiles) == sorted(entities)
    assert len(tiles) == 7
    for tile in tiles:
        part_id = tile.params["part"]
        statuses = list(series.loc[series["part_id"] == part_id, "status"])
        assert tile.params["lang"] == lang and tile.params["q"] == reference.latest_quarter
        assert tile.style["background-color"] == score_colour(mean_score(statuses)), part_id
        assert contrast_ratio(tile.style["color"], tile.style["background-color"]) >= 4.5
        text = tile.text.replace("\u00a0", " ")
        assert _name(parts, part_id, lang) in text
        assert counts_text({s: statuses.count(s) for s in STATUSES}) in text, part_id
        assert tile.name == f"{_name(parts, part_id, lang)}: {spoken(statuses, lang)}"
        chosen = t("glance.tiles.chosen", lang) in [piece.strip() for piece in tile.parts]
        assert ("glance-chosen" in tile.classes) == (part_id == view_part) == chosen, part_id

"""The Overview at a glance, on the demo data: the matrix as a heat map (each cell coloured by the
mean score of the series it counts, named for a screen reader with the counts in words) and the
Kingdom's seven countries and islands as tiles linking to their profiles. The expected counts,
scores and colours are computed here from the assessment itself."""

from __future__ import annotations

import contextlib

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.current_assessment import current_assessment
from data.queries import indicator_catalogue, reference_data
from data.store import open_reader
from metrics.constants import ROLLUP_SCORES, STATUSES
from tests.pages.conftest import APP
from tests.pages.glance_html import html_links
from ui import pages
from ui.i18n import t
from ui.kingdom import shown_parts, subtree
from ui.palette import contrast_ratio, score_colour
from ui.texts import counts_text


@pytest.fixture
def demo_data(demo_db):
    with contextlib.closing(open_reader(demo_db)) as con:
        reference = reference_data(con)
        assessment = current_assessment(con, as_of=reference.latest_quarter)
        return reference, indicator_catalogue(con), assessment


def _overview(part: str, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": lang, "part": part})
    at.run()
    assert not at.exception
    return at


def _reported(assessment: pd.DataFrame) -> pd.DataFrame:
    return assessment.loc[~assessment["is_derived"].astype(bool)]


def _mean_score(statuses: list[str]) -> float | None:
    scores = [ROLLUP_SCORES[status] for status in statuses if status in ROLLUP_SCORES]
    return sum(scores) / len(scores) if scores else None


def _words(statuses: list[str], lang: str) -> str:
    if not statuses:
        return t("matrix_counted.none", lang)
    words = ", ".join(
        t(f"glance.count.{status}", lang, n=statuses.count(status))
        for status in STATUSES
        if status in statuses
    )
    if _mean_score(statuses) is None:
        words += f"; {t('glance.not_assessed', lang)}"
    return words


def _name(parts: pd.DataFrame, part_id: str, lang: str) -> str:
    return parts.loc[parts["part_id"] == part_id, f"name_{lang}"].item()


@pytest.mark.parametrize(("view_part", "lang"), [("CAR_C", "nl"), ("KINGDOM", "en")])
def test_every_matrix_cell_is_coloured_by_its_mean_score_and_named_in_words(
    demo_app_db, demo_data, view_part, lang
):
    reference, catalogue, assessment = demo_data
    parts, reported = reference.kingdom_parts, _reported(assessment)
    at = _overview(view_part, lang)
    cells = html_links(at, page=pages.ACTION_LINES.url_path, css_class="glance-heat")
    assert len(cells) == 12 * len(shown_parts(parts, view_part))
    for cell in cells:
        line, part_id = cell.params["al"], cell.params["part"]
        indicators = catalogue.loc[catalogue["action_line_id"] == line, "indicator_id"]
        statuses = list(
            reported.loc[
                reported["indicator_id"].isin(indicators)
                & reported["part_id"].isin(subtree(parts, part_id)),
                "status",
            ]
        )
        where = f"{line} × {part_id}"
        assert cell.name == f"{line}, {_name(parts, part_id, lang)}: {_words(statuses, lang)}"
        background = cell.style["background-color"]
        assert background == score_colour(_mean_score(statuses)), where
        assert contrast_ratio(cell.style["color"], background) >= 4.5, where
        if statuses:
            assert counts_text({s: statuses.count(s) for s in STATUSES}) in cell.text.replace(
                "\u00a0", " "
            ), where
        if _mean_score(statuses) is None:
            assert "glance-none" in cell.classes, where
            said = t("glance.not_assessed" if statuses else "matrix_counted.none", lang)
            assert said in cell.text.replace("\u00a0", " "), where
        assert cell.params["lang"] == lang and cell.params["q"] == reference.latest_quarter


def test_the_known_cell_is_named_as_a_screen_reader_should_say_it(demo_app_db, demo_data):
    reference, catalogue, assessment = demo_data
    reported = _reported(assessment)
    indicators = catalogue.loc[catalogue["action_line_id"] == "AL04", "indicator_id"]
    statuses = list(
        reported.loc[
            reported["indicator_id"].isin(indicators)
            & reported["part_id"].isin(subtree(reference.kingdom_parts, "CAR_C")),
            "status",
        ]
    )
    for lang, part in (("nl", "Caribische landen"), ("en", "Caribbean countries")):
        names = [link.name for link in html_links(_overview("KINGDOM", lang), page="action_lines")]
        assert f"AL04, {part}: {_words(statuses, lang)}" in names


@pytest.mark.parametrize(("view_part", "lang"), [("KINGDOM", "nl"), ("BQ-SA", "en")])
def test_the_kingdom_at_a_glance_has_seven_tiles_linking_to_their_profiles(
    demo_app_db, demo_data, view_part, lang
):
    reference, _, assessment = demo_data
    parts, reported = reference.kingdom_parts, _reported(assessment)
    at = _overview(view_part, lang)
    assert t("glance.tiles.heading", lang) in [header.value for header in at.subheader]
    tiles = html_links(at, page=pages.PARTS.url_path, css_class="glance-tile")
    entities = list(parts.loc[parts["level"] == "entity", "part_id"])
    assert sorted(tile.params["part"] for tile in tiles) == sorted(entities)
    assert len(tiles) == 7
    for tile in tiles:
        part_id = tile.params["part"]
        statuses = list(reported.loc[reported["part_id"] == part_id, "status"])
        assert tile.params["lang"] == lang and tile.params["q"] == reference.latest_quarter
        assert tile.style["background-color"] == score_colour(_mean_score(statuses)), part_id
        assert contrast_ratio(tile.style["color"], tile.style["background-color"]) >= 4.5
        text = tile.text.replace("\u00a0", " ")
        assert _name(parts, part_id, lang) in text
        assert counts_text({s: statuses.count(s) for s in STATUSES}) in text, part_id
        assert tile.name == f"{_name(parts, part_id, lang)}: {_words(statuses, lang)}"
        chosen = t("glance.tiles.chosen", lang) in [piece.strip() for piece in tile.parts]
        assert ("glance-chosen" in tile.classes) == (part_id == view_part) == chosen, part_id

"""The Overview's matrix as a heat map (ui.heat, ui.heat_matrix) on the seed's Kingdom hierarchy
and hand-made series: each cell coloured by its mean score with readable text, its counts as text
and, for a screen reader, in words; nothing assessed is grey and says so; every cell names its
part for a narrow screen; links carry the view."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from data.seed import SEED_DIR
from tests.glance_facts import scoped_rollup
from tests.glance_links import Link, parse_links
from ui.heat import carried_params, heat_style, legend_html, page_href, spoken_counts
from ui.heat_matrix import matrix_html
from ui.i18n import t
from ui.kingdom import part_labels
from ui.pages import ACTION_LINES
from ui.palette import NO_SCORE_COLOUR, STATUS_COLOURS, contrast_ratio
from ui.rollup_tables import matrix_rows

PARTS = pd.read_csv(SEED_DIR / "kingdom_parts.csv", keep_default_na=False).replace({"": None})
LINES = pd.DataFrame(
    {
        "action_line_id": ["AL01", "AL02", "AL04"],
        "name_nl": ["Investeren", "Hybride dreigingen", "Sociale stabiliteit"],
        "name_en": ["Investing", "Hybrid threats", "Social stability"],
    }
)
# (action line, country, status): reported series of the Caribbean countries.
REPORTED = [
    ("AL04", "AW", "achieved"),
    ("AL04", "CW", "moderate"),
    ("AL04", "SX", "moderate"),
    ("AL01", "AW", "insufficient_data"),
    ("AL02", "CW", "achieved"),
    ("AL02", "CW", "on_track"),
    ("AL02", "AW", "deterioration"),
    ("AL02", "AW", "limited"),
]
PART_IDS = ["CAR_C", "AW", "CW", "SX"]
QUERY = {"lang": "nl", "part": "CAR_C", "q": "2026Q3", "al": "AL09", "vintage": "2026-10-01"}


def _by_line() -> pd.DataFrame:
    return scoped_rollup(PARTS, REPORTED, key="action_line_id")


def _html(lang: str) -> str:
    rows = matrix_rows(_by_line(), LINES, PARTS, part_ids=PART_IDS, lang=lang)
    labels = part_labels(PARTS, PART_IDS, lang)
    params = carried_params(QUERY, lang=lang, quarter="2026Q3")
    return matrix_html(rows, labels, lang=lang, params=params)


def _links(lang: str) -> dict[str, Link]:
    return {link.name: link for link in parse_links(_html(lang))}


def _background(link: Link) -> str:
    return link.style["background-color"]


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("nl", "AL04, Caribische landen: 1 bereikt, 2 matig"),
        ("en", "AL04, Caribbean countries: 1 achieved, 2 moderate"),
    ],
)
def test_a_cells_link_is_named_with_its_line_part_and_counts_in_words(lang, name):
    link = _links(lang)[name]
    # 1 achieved (2) and 2 moderate (0): mean 2/3, nearest to on track.
    assert _background(link) == STATUS_COLOURS["on_track"]
    assert "✔\u00a01 · ◆\u00a02" in link.own_text
    assert link.title.endswith(t("glance.score", lang, score="0,67" if lang == "nl" else "0.67"))


@pytest.mark.parametrize(
    ("name", "colour"),
    [
        ("AL02, Curaçao: 1 bereikt, 1 op koers", STATUS_COLOURS["on_track"]),  # 1.5: the lower
        ("AL02, Aruba: 1 beperkt, 1 verslechterd", STATUS_COLOURS["deterioration"]),  # -1.5
        # The four series of the Caribbean countries together: mean 0.
        (
            "AL02, Caribische landen: 1 bereikt, 1 op koers, 1 beperkt, 1 verslechterd",
            STATUS_COLOURS["moderate"],
        ),
        ("AL04, Sint Maarten: 1 matig", STATUS_COLOURS["moderate"]),
    ],
)
def test_a_cell_is_coloured_by_its_mean_score(name, colour):
    assert _background(_links("nl")[name]) == colour


def test_every_cell_has_text_that_meets_wcag_aa_on_its_colour():
    links = [link for link in _links("nl").values() if "glance-heat" in link.classes]
    assert len(links) == len(LINES) * len(PART_IDS)
    for link in links:
        assert contrast_ratio(link.style["color"], _background(link)) >= 4.5, link.name


def test_a_cell_with_nothing_assessed_is_grey_and_says_so():
    links = _links("nl")
    unassessed = links["AL01, Aruba: 1 met onvoldoende gegevens; niets beoordeeld"]
    assert "glance-none" in unassessed.classes
    assert _background(unassessed) == NO_SCORE_COLOUR
    assert unassessed.parts[-1] == t("glance.not_assessed", "nl")
    empty = links["AL01, Curaçao: geen reeksen"]
    assert _background(empty) == NO_SCORE_COLOUR
    assert "geen reeksen" in empty.text.replace("\u00a0", " ")
    assert spoken_counts({"n_series": 0}, "en") == "no series"


def test_every_cell_names_its_part_for_a_narrow_screen():
    html = _html("nl")
    names = re.findall(r'<span class="glance-part" aria-hidden="true">(.*?)</span>', html)
    assert names == list(part_labels(PARTS, PART_IDS, "nl").values()) * len(LINES)
    headers = re.findall(r'<th scope="row">(.*?)</th>', html)
    assert headers == [
        "AL01 · Investeren",
        "AL02 · Hybride dreigingen",
        "AL04 · Sociale stabiliteit",
    ]


def test_links_open_the_action_line_for_the_part_keeping_the_view():
    link = _links("nl")["AL04, Sint Maarten: 1 matig"]
    expected = {"lang": "nl", "part": "SX", "q": "2026Q3", "vintage": "2026-10-01", "al": "AL04"}
    assert link.page == ACTION_LINES.url_path  # relative: works under a path prefix
    assert link.params == expected
    assert page_href(ACTION_LINES, expected).startswith("action_lines?")


def test_carried_params_keep_the_view_and_drop_page_choices():
    params = carried_params(
        {"lang": "en", "part": "AW", "q": "2025Q4", "ind": "IND-0502", "obj": "O2"},
        lang="nl",
        quarter="2026Q3",
    )
    assert params == {"lang": "nl", "part": "AW", "q": "2026Q3"}


def test_the_legend_shows_each_colour_with_its_status_in_words():
    legend = legend_html("en")
    for status in ("achieved", "on_track", "moderate", "limited", "deterioration"):
        assert t(f"status.{status}", "en") in legend
        assert (
            heat_style(
                {"achieved": 2, "on_track": 1, "moderate": 0, "limited": -1, "deterioration": -2}[
                    status
                ]
            )
            in legend
        )
    assert t("glance.not_assessed", "en") in legend
    assert "mean above 1.5" in legend and "mean -1.5 or lower" in legend

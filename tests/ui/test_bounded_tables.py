"""The Kingdom parts page's frames at scale, checked against the row-by-row versions they
replaced on the demo data: the parts side by side (``comparison_table``, now from one lookup)
and the profile's order (``ordered_series``, cut into pages by ``ui.pager``)."""

from __future__ import annotations

import contextlib

import pandas as pd
import pytest

from data.current_assessment import current_assessment
from data.queries import indicator_catalogue, reference_data
from data.store import open_reader
from ui.format import format_number
from ui.headline_series import headline_series, ordered_series, series_table
from ui.i18n import t
from ui.kingdom import name_column, part_labels
from ui.palette import status_text
from ui.part_comparison import comparison_parts
from ui.series_tables import comparison_table


def _reference_comparison(catalogue, assessment, parts, *, action_line_id, part_ids, lang):
    """The implementation before issue 15, a label lookup per cell: the reference."""
    indexed = assessment.loc[assessment["part_id"].isin(part_ids)].set_index(
        ["indicator_id", "part_id"]
    )
    with_series = set(indexed.index.get_level_values("indicator_id"))
    indicators = catalogue.loc[
        (catalogue["action_line_id"] == action_line_id)
        & catalogue["indicator_id"].isin(with_series)
    ]
    table = {t("table.indicator", lang): list(indicators[name_column(lang)])}
    for part_id, label in part_labels(parts, part_ids, lang).items():
        cells = []
        for _, indicator in indicators.iterrows():
            key = (indicator["indicator_id"], part_id)
            if key not in indexed.index:
                cells.append("–")
                continue
            row = indexed.loc[key]
            value = format_number(row["latest_value"], int(indicator["decimals"]), lang)
            cells.append(f"{status_text(row['status'], lang)} · {value}")
        table[label] = cells
    return pd.DataFrame(table)


@pytest.fixture(scope="module")
def demo_frames(demo_db):
    with contextlib.closing(open_reader(demo_db)) as con:
        reference = reference_data(con)
        quarter = reference.quarters[-1]
        return (
            reference,
            indicator_catalogue(con),
            current_assessment(con, as_of=quarter),
        )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_comparison_table_is_the_row_by_row_one_for_every_line_and_part(demo_frames, lang):
    reference, catalogue, assessment = demo_frames
    parts = reference.kingdom_parts
    compared_tables = 0
    for part_id in parts["part_id"]:
        compared = comparison_parts(parts, part_id)
        for action_line_id in reference.action_lines["action_line_id"]:
            args = dict(action_line_id=action_line_id, part_ids=compared, lang=lang)
            expected = _reference_comparison(catalogue, assessment, parts, **args)
            pd.testing.assert_frame_equal(
                comparison_table(catalogue, assessment, parts, **args), expected
            )
            compared_tables += len(expected) > 0
    assert compared_tables > 10  # real tables were compared, not only empty ones


def test_the_profile_order_is_the_catalogue_then_the_hierarchy(demo_frames):
    reference, catalogue, assessment = demo_frames
    parts = reference.kingdom_parts
    series = headline_series(assessment, parts, part_id="KINGDOM").sample(frac=1, random_state=3)
    indicator_order = {i: n for n, i in enumerate(catalogue["indicator_id"])}
    part_order = {p: n for n, p in enumerate(parts["part_id"])}
    keys = list(zip(series["indicator_id"], series["part_id"], strict=True))
    expected = sorted(keys, key=lambda key: (indicator_order[key[0]], part_order[key[1]]))
    ordered = ordered_series(series, catalogue, parts)
    assert list(zip(ordered["indicator_id"], ordered["part_id"], strict=True)) == expected
    assert len(set(expected)) == len(series) > 100
    # A page cut from that order is the same rows as the whole table's slice.
    whole = series_table(series, catalogue, parts, lang="nl")
    page = series_table(ordered.iloc[10:30], catalogue, parts, lang="nl")
    pd.testing.assert_frame_equal(page, whole.iloc[10:30].reset_index(drop=True))

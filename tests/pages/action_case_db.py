"""What the page tests of actions share: a copy of the demo database with the hand-made action
case (tests/data/action_case.py) written at its latest quarter, and the actions of a part counted
from first principles, independently of ``ui.action_rollups``: the states of ``data.actions``
whose reporting unit sits under the part in the schema's ``part_tree``, counted per status in
plain Python, with the share on schedule written out; and the action cards as a page shows them."""

from __future__ import annotations

import contextlib
import shutil
from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd
from streamlit.testing.v1 import AppTest

from data.actions import action_states
from data.queries import reference_data
from data.seed import SEED_DIR
from data.sql import frame, transaction
from data.store import open_reader, writer
from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from tests.conftest import DEMO_CLOCK
from tests.data.action_case import write_action_case
from ui.format import format_number, format_share
from ui.i18n import t
from ui.palette import action_status_text

PARTS = pd.read_csv(SEED_DIR / "kingdom_parts.csv", keep_default_na=False)
# Every unit whose actions count for a part: the part itself and every part or entity below it.
UNITS_SQL = "SELECT part_id FROM part_tree WHERE ancestor_id = $part_id"


def demo_with_actions(demo_db: Path, directory: Path) -> tuple[Path, str]:
    """A copy of ``demo_db`` in ``directory`` with the action case written around its latest
    quarter (recorded after the demo's own data); the copy's path and that quarter."""
    path = directory / "monitor.duckdb"
    shutil.copy(demo_db, path)
    with writer(path) as con:
        quarter = reference_data(con).latest_quarter
        with transaction(con) as cur:
            write_action_case(
                cur,
                as_of=quarter,
                recorded_at=DEMO_CLOCK + timedelta(hours=1),
                corrected_at=DEMO_CLOCK + timedelta(hours=2),
            )
    return path, quarter


def counted_actions(con: duckdb.DuckDBPyConnection, *, part_id: str, quarter: str):
    """The states of the actions ``part_id`` counts as of ``quarter`` (current vintage)."""
    units = set(frame(con, UNITS_SQL, {"part_id": part_id})["part_id"])
    states = action_states(con, quarter=quarter)
    return states.loc[states["part_id"].isin(units)]


def hand_counts(db: Path, *, part_id: str, quarter: str) -> dict[str, object]:
    """A count per action status, n_actions, n_stale and the share on schedule (None when no
    action counts) of the actions ``part_id`` counts, from first principles."""
    with contextlib.closing(open_reader(db)) as con:
        states = counted_actions(con, part_id=part_id, quarter=quarter)
    statuses = list(states["status"])
    counts: dict[str, object] = {s: statuses.count(s) for s in ACTION_DISTRIBUTION_STATUSES}
    counted = len(statuses) - statuses.count("discontinued")
    done = statuses.count("completed") + statuses.count("on_schedule")
    counts["n_actions"] = len(statuses)
    counts["n_stale"] = int(states["stale"].sum())
    counts["share_on_schedule"] = done / counted if counted else None
    return counts


def action_cards(at: AppTest, lang: str) -> dict[str, str]:
    """The action cards as shown: actions, share on schedule, stale, and one per status."""
    values = {metric.label: metric.value for metric in at.metric}
    cards = {
        "n_actions": values[t("action_rollups.n_actions", lang)],
        "share_on_schedule": values[t("action_rollups.share", lang)],
        "n_stale": values[t("action_rollups.n_stale", lang)],
    }
    for status in ACTION_DISTRIBUTION_STATUSES:
        cards[status] = values[action_status_text(status, lang)]
    return cards


def expected_cards(counts: dict[str, object], lang: str) -> dict[str, str]:
    """The hand counts as the cards write them."""
    return {
        name: format_share(value, lang)
        if name == "share_on_schedule"
        else format_number(value, 0, lang)
        for name, value in counts.items()
    }


def part_name(part_id: str, lang: str) -> str:
    """The part's name in ``lang``, from the seed."""
    return str(PARTS.loc[PARTS["part_id"] == part_id, f"name_{lang}"].item())

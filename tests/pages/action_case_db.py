"""What the page tests of actions share: a copy of the demo database with the hand-made action
case (tests/data/action_case.py) written at its latest quarter, and the actions of a part counted
from first principles, independently of ``ui.action_rollups``: the states of ``data.actions``
whose reporting unit sits under the part in the schema's ``part_tree``, counted per status in
plain Python, with the share on schedule written out; and the action cards and the sentence
naming the counted set as a page shows them."""

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
from metrics.constants import ACTION_STALE_AFTER_QUARTERS
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


def assert_action_cards(at: AppTest, counts: dict[str, object], *, part: str, lang: str) -> None:
    """The page's action cards show ``counts`` (actions, share on schedule, stale, one card per
    status); a part without actions says so instead."""
    if counts["n_actions"] == 0:
        expected = t("actions.none_counted", lang, part=part_name(part, lang))
        assert expected in [element.value for element in at.info]
        return
    values = {metric.label: metric.value for metric in at.metric}
    shown = {
        "n_actions": values[t("actions.count.actions", lang)],
        "share_on_schedule": values[t("actions.count.share", lang)],
        "n_stale": values[t("actions.count.stale", lang)],
        **{s: values[action_status_text(s, lang)] for s in ACTION_DISTRIBUTION_STATUSES},
    }
    assert shown == {
        name: format_share(value, lang)
        if name == "share_on_schedule"
        else format_number(value, 0, lang)
        for name, value in counts.items()
    }


def rule_text(part: str, lang: str) -> str:
    """The sentence saying which actions the part counts (the Actions page's)."""
    key = "actions.rule_top" if part == "KINGDOM" else "actions.rule"
    return t(key, lang, part=part_name(part, lang), stale_after=ACTION_STALE_AFTER_QUARTERS)


def part_name(part_id: str, lang: str) -> str:
    """The part's name in ``lang``, from the seed."""
    return str(PARTS.loc[PARTS["part_id"] == part_id, f"name_{lang}"].item())

"""The strategy's structure and the indicator catalogue, loaded from ``data/seed/*.csv``.

The CSVs are copies of the strategy's published structure (objectives, action lines, themes,
priorities, security interests, Kingdom parts) and of the candidate indicator catalogue with the
assessment settings chosen for each. They are facts, kept as data. ``load_structure`` fills an
empty database with all of it; observations and targets are not part of the structure.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pandas as pd

from data.sql import transaction

__all__ = ["SEED_DIR", "load_structure", "read_seed"]

SEED_DIR = Path(__file__).resolve().parent / "seed"


def read_seed(name: str) -> list[dict[str, str]]:
    """The rows of ``data/seed/<name>.csv`` as dictionaries of text."""
    with open(SEED_DIR / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _insert(cur: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, object]]) -> None:
    """Insert ``rows`` into ``table`` through the transaction's cursor ``cur``.

    The frame is registered on that cursor, so it goes when the cursor closes, however the
    transaction ends. ``table`` and the columns come from this module's literals, never from input.
    """
    if not rows:
        return
    frame = pd.DataFrame(rows)
    columns = ", ".join(frame.columns)
    cur.register(f"seed_{table}", frame)
    cur.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM seed_{table}")


def _none_if_blank(text: str) -> str | None:
    return text if text.strip() else None


def _float_or_none(text: str) -> float | None:
    return float(text) if text.strip() else None


def load_structure(con: duckdb.DuckDBPyConnection) -> None:
    """Insert the strategy structure and the indicator catalogue into a schema-ready database."""
    with transaction(con) as cur:
        _insert(
            cur,
            "objectives",
            [dict(row, sort_order=i) for i, row in enumerate(read_seed("objectives"), 1)],
        )
        _insert(
            cur,
            "action_lines",
            [dict(row, sort_order=i) for i, row in enumerate(read_seed("action_lines"), 1)],
        )
        _insert(
            cur, "themes", [dict(row, sort_order=i) for i, row in enumerate(read_seed("themes"), 1)]
        )
        _insert(cur, "theme_action_lines", read_seed("theme_action_lines"))
        _insert(cur, "priorities", read_seed("priorities"))
        _insert(cur, "interests", read_seed("interests"))
        _insert(
            cur,
            "kingdom_parts",
            [
                {
                    "part_id": row["part_id"],
                    "parent_id": _none_if_blank(row["parent_id"]),
                    "level": row["level"],
                    "name_nl": row["name_nl"],
                    "name_en": row["name_en"],
                    "regime": row["regime"],
                    "population": int(row["population_approx"])
                    if row["population_approx"].strip()
                    else None,
                    "sort_order": i,
                }
                for i, row in enumerate(read_seed("kingdom_parts"), 1)
            ],
        )
        indicators = read_seed("indicators")
        _insert(
            cur,
            "indicators",
            [
                {
                    "indicator_id": row["indicator_id"],
                    "action_line_id": row["action_line_id"],
                    "name_nl": row["name_nl"],
                    "name_en": row["name_en"],
                    "definition_nl": _none_if_blank(row.get("definition_nl", "")),
                    "definition_en": _none_if_blank(row.get("definition_en", "")),
                    "unit": row["unit"],
                    "direction": row["direction"],
                    "target_type": row["target_type"],
                    "method": row["method"],
                    "frequency": row["frequency"],
                    "source": row["source"],
                    "owner": row["owner"],
                    "aggregation": row["aggregation"],
                    "decimals": int(row["decimals"]),
                    "valid_min": _float_or_none(row["valid_min"]),
                    "valid_max": _float_or_none(row["valid_max"]),
                    "reference": _none_if_blank(row["reference"]),
                }
                for row in indicators
            ],
        )
        _insert(
            cur,
            "indicator_scope",
            [
                {"indicator_id": row["indicator_id"], "part_id": part_id.strip()}
                for row in indicators
                for part_id in row["scope"].split(";")
            ],
        )

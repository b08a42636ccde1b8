"""The strategy's structure and the indicator catalogue, loaded from ``data/seed/*.csv``.

The CSVs are copies of the strategy's published structure (objectives, action lines, themes,
priorities, security interests, Kingdom parts) and of the candidate indicator catalogue with the
assessment settings chosen for each. They are facts, kept as data. ``load_structure`` fills an
empty database with the structure; the catalogue is the users' own versioned data
(``data.catalogue_store``), and ``seed_indicators`` gives the illustrative one as a frame in the
workbook's columns, for the demo and the example workbook.
"""

from __future__ import annotations

import csv
import hashlib
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from data.access_rules import Actor
from data.catalogue_store import insert_catalogue_import, insert_indicator_versions
from data.import_log import counts_message
from data.sql import transaction

__all__ = [
    "SEED_CATALOGUE_FILE_NAME",
    "SEED_DIR",
    "load_seed_catalogue",
    "load_structure",
    "read_seed",
    "seed_indicators",
]

SEED_CATALOGUE_FILE_NAME = "voorbeeldcatalogus"
# Who records the seed: an operator making a database.
SEED_ACTOR = Actor.operator("seed")

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


def seed_indicators() -> pd.DataFrame:
    """The illustrative catalogue of ``data/seed/indicators.csv``, typed as versions are stored:
    ``scope`` a list of part ids, empty cells None, numbers as numbers."""
    rows = []
    for row in read_seed("indicators"):
        typed: dict[str, object] = {
            column: _none_if_blank(text) for column, text in row.items() if column
        }
        typed["decimals"] = int(row["decimals"])
        typed["valid_min"] = _float_or_none(row["valid_min"])
        typed["valid_max"] = _float_or_none(row["valid_max"])
        typed["scope"] = [part.strip() for part in row["scope"].split(";") if part.strip()]
        rows.append(typed)
    return pd.DataFrame(rows)


def load_structure(con: duckdb.DuckDBPyConnection) -> None:
    """Insert the strategy structure into a schema-ready database (no catalogue)."""
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


def load_seed_catalogue(
    con: duckdb.DuckDBPyConnection, *, at: datetime, actor: Actor = SEED_ACTOR
) -> int:
    """Record the illustrative catalogue (indicators and scope, no targets) as one seed import
    at ``at``, in a transaction of its own; returns the import's id."""
    indicators = seed_indicators()
    with transaction(con) as cur:
        import_id = insert_catalogue_import(
            cur,
            actor=actor,
            file_name=SEED_CATALOGUE_FILE_NAME,
            sha256=hashlib.sha256((SEED_DIR / "indicators.csv").read_bytes()).hexdigest(),
            at=at,
            rows=len(indicators),
            outcome="seed",
            message=counts_message(new=len(indicators)),
        )
        insert_indicator_versions(cur, indicators, recorded_at=at, import_id=import_id)
    return import_id

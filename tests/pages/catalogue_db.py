"""Databases for the catalogue's page tests: an empty catalogue as ``init`` makes it, and a copy
of the demo with a later catalogue change (one indicator retired, one target changed with a
reason), recorded the way every catalogue change is: new versions under one import."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from data.access_rules import Actor
from data.catalogue import catalogue_frames
from data.catalogue_store import (
    insert_catalogue_import,
    insert_indicator_versions,
    insert_target_versions,
)
from data.init import initialize
from data.store import open_reader, writer

__all__ = ["CatalogueChange", "changed_catalogue_db", "empty_catalogue_db"]


@dataclass(frozen=True)
class CatalogueChange:
    """What ``changed_catalogue_db`` recorded."""

    retired_id: str
    retired_from: str
    target_id: str
    target_part: str
    old_target: float
    new_target: float
    reason: str
    user: str
    recorded_at: datetime


def empty_catalogue_db(path: Path, *, clock: datetime) -> Path:
    """What ``python cli.py init`` (no ``--demo``) makes: the structure, no indicators."""
    initialize(path, demo=False, clock=clock)
    return path


def changed_catalogue_db(
    demo: Path,
    path: Path,
    *,
    retired_id: str = "IND-0101",
    retired_from: str = "2026Q1",
    target_id: str = "IND-0502",
    target_part: str = "KINGDOM",
    recorded_at: datetime = datetime(2026, 5, 10, 12, 0),
) -> CatalogueChange:
    """Copy ``demo`` to ``path``; retire ``retired_id`` from ``retired_from`` and lower the
    target of ``target_id`` for ``target_part`` by a tenth, both recorded at ``recorded_at``."""
    shutil.copy(demo, path)
    reader = open_reader(path)
    try:
        indicators, targets = catalogue_frames(reader)
    finally:
        reader.close()
    retired = indicators.loc[indicators["indicator_id"] == retired_id].copy()
    retired["retired_from"] = retired_from
    retired["reason"] = "no longer measured"
    target = targets.loc[
        (targets["indicator_id"] == target_id) & (targets["part_id"] == target_part)
    ].copy()
    old = float(target["target_value"].iloc[0])
    target["target_value"] = round(old * 0.9, 1)
    target["reason"] = "tightened after the mid-term review"
    user = "catalogus-redactie"
    with writer(path) as con:
        import_id = insert_catalogue_import(
            con,
            actor=Actor.local(user),
            file_name="catalogus.xlsx",
            sha256="0" * 64,
            at=recorded_at,
            rows=2,
        )
        insert_indicator_versions(con, retired, recorded_at=recorded_at, import_id=import_id)
        insert_target_versions(con, target, recorded_at=recorded_at, import_id=import_id)
    return CatalogueChange(
        retired_id=retired_id,
        retired_from=retired_from,
        target_id=target_id,
        target_part=target_part,
        old_target=old,
        new_target=float(target["target_value"].iloc[0]),
        reason=str(target["reason"].iloc[0]),
        user=user,
        recorded_at=recorded_at,
    )

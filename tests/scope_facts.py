"""What the schema's ``priority_parts`` view holds, from the seed's facts, for tests that build
priority and action frames by hand."""

from __future__ import annotations

import pandas as pd

from data.action_scope import read_scope_facts
from data.seed import SEED_DIR
from ui.kingdom import subtree

PARTS = pd.read_csv(SEED_DIR / "kingdom_parts.csv", keep_default_na=False).replace({"": None})


def covers(scope: str) -> list[str]:
    """Every part or entity a priority scope covers, sorted (a priority's ``covers``)."""
    roots = [part for name, part in read_scope_facts("priority_scope_parts") if name == scope]
    return sorted({part for root in roots for part in subtree(PARTS, root)})

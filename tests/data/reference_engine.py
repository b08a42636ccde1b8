"""A plain per-series reading of METHOD.md, and generated worlds to test the engine with.

``reference_assessment`` is written from shared/METHOD.md (v2) and the decisions documented in
``data.assessment`` and ``metrics.progress`` alone, one series at a time in plain Python, without
looking at how the production code computes anything (its rounding is ``decimal``'s, not
``metrics.rounding``). Its inputs are the project's own: the Kingdom's parents and
populations from the seed (``data/seed/kingdom_parts.csv``), the hierarchy rule from
``metrics.hierarchy``, quarters from ``metrics.periods``. ``worlds()`` generates whole small worlds
(indicators, scopes, target versions, observation versions); ``run_engine`` writes one into a real DuckDB
and runs ``assess``; ``compare`` checks every column ``assess`` returns (``COMPARED``).
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from hypothesis import strategies as st

from data.assessment import ASSESSMENT_DTYPES, assess
from data.seed import read_seed
from metrics import hierarchy
from metrics.periods import period_from_index as p
from metrics.periods import quarter_index as q
from tests.data.series_db import CATALOGUE_RECORDED, SeriesDB

# --- the world, as plain data ---------------------------------------------------------------

# The Kingdom as the seed states it, the database loads it (data.seed.load_structure).
_SEED_PARTS = read_seed("kingdom_parts")
PARENTS: dict[str, str | None] = {row["part_id"]: row["parent_id"] or None for row in _SEED_PARTS}
POPULATION: dict[str, int] = {
    row["part_id"]: int(row["population_approx"]) for row in _SEED_PARTS if row["level"] == "entity"
}
ENTITIES = tuple(POPULATION)
ALL_PARTS = tuple(PARENTS)
STALE_AFTER = {"quarterly": 2, "biannual": 3, "annual": 5, "biennial": 9}
FLAG_ORDER = ("break", "provisional", "estimated", "none")
SCORE_ORDER = ("achieved", "on_track", "moderate", "limited", "deterioration")
FLAGS = ("stale", "provisional", "method_fallback", "series_break", "target_reversed")
# Reported figures: rounded to 6 decimals; the thresholds compare R rounded to 9 (METHOD.md v2).
ROUNDED = (
    "expected_value",
    "progress_share",
    "time_share",
    "ratio",
    "required_pace_per_year",
    "slope_per_year",
    "projected_value",
)


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    direction: str
    target_type: str
    method: str
    frequency: str
    aggregation: str
    scope: tuple[str, ...]


@dataclass(frozen=True)
class Version:
    indicator_id: str
    part_id: str
    period: str
    value: float
    flag: str
    recorded_at: datetime


TargetRow = tuple[str, "float | None", str, "float | None"]


@dataclass(frozen=True)
class TargetChange:
    """A later version of a target row: new figures, or ``row`` None for its removal."""

    indicator_id: str
    part_id: str
    row: TargetRow | None
    recorded_at: datetime


@dataclass
class World:
    indicators: list[Indicator]
    # Each row's first version, (baseline period, baseline value, target period, target value),
    # recorded with the catalogue, before any observation.
    targets: dict[tuple[str, str], TargetRow]
    versions: list[Version] = field(default_factory=list)
    target_changes: list[TargetChange] = field(default_factory=list)

    def write(self, db: SeriesDB, versions: list[Version] | None = None) -> None:
        for ind in self.indicators:
            db.indicator(**asdict(ind))
        for (indicator_id, part_id), (bp, bv, tp, tv) in self.targets.items():
            db.target(
                indicator_id,
                part_id,
                baseline_period=bp,
                baseline_value=bv,
                target_period=tp,
                target_value=tv,
            )
        for change in self.target_changes:
            if change.row is None:
                db.target(
                    change.indicator_id,
                    change.part_id,
                    removed=True,
                    reason="removed",
                    recorded_at=change.recorded_at,
                )
                continue
            bp, bv, tp, tv = change.row
            db.target(
                change.indicator_id,
                change.part_id,
                baseline_period=bp,
                baseline_value=bv,
                target_period=tp,
                target_value=tv,
                recorded_at=change.recorded_at,
                reason="changed",
            )
        db.observe(
            (v.indicator_id, v.part_id, v.period, v.value, v.flag, v.recorded_at)
            for v in (self.versions if versions is None else versions)
        )


_DATABASE: list[SeriesDB] = []


def empty_db() -> SeriesDB:
    """One database per test process, emptied of everything a world writes.

    Building the structure takes longer than assessing a world, so it is built once; the
    previous world's catalogue versions and observations are removed, leaving only the
    generated ones.
    """
    if not _DATABASE:
        _DATABASE.append(SeriesDB.fresh())
    db = _DATABASE[0]
    for table in ("observations", "target_versions", "indicator_versions", "indicator_registry"):
        db.con.execute(f"DELETE FROM {table}")
    return db


def run_engine(
    world: World, as_of: str, vintage: datetime | None, versions: list[Version] | None = None
) -> pd.DataFrame:
    db = empty_db()
    world.write(db, versions)
    return assess(db.con, as_of=as_of, vintage=vintage)


# --- the reference: METHOD.md, one series at a time ------------------------------------------


def known_values(world: World, as_of: str, vintage: datetime | None) -> dict:
    """{(indicator, part): {period: (value, flag)}}: newest version recorded <= vintage."""
    newest: dict[tuple[str, str, str], tuple[datetime, int, Version]] = {}
    for position, v in enumerate(world.versions):
        if v.period > as_of or (vintage is not None and v.recorded_at > vintage):
            continue
        key = (v.indicator_id, v.part_id, v.period)
        if key not in newest or (v.recorded_at, position) > newest[key][:2]:
            newest[key] = (v.recorded_at, position, v)
    series: dict[tuple[str, str], dict[str, tuple[float, str]]] = {}
    for (indicator_id, part_id, period), (_, _, v) in newest.items():
        series.setdefault((indicator_id, part_id), {})[period] = (v.value, v.flag)
    return series


def series_of(world: World, known: dict) -> dict[tuple[str, str], tuple[bool, dict]]:
    """Every series with whether it is derived and its values."""
    result = {}
    for ind in world.indicators:
        for part_id in ind.scope:
            result[(ind.indicator_id, part_id)] = (
                False,
                known.get((ind.indicator_id, part_id), {}),
            )
        if ind.aggregation == "none":
            continue
        members: dict[str, list[str]] = {}
        for entity in ind.scope:
            if entity not in POPULATION:
                continue
            for part_id in hierarchy.ancestors(PARENTS, entity)[1:]:
                if part_id not in ind.scope:
                    members.setdefault(part_id, []).append(entity)
        for part_id, entities in members.items():
            values = {}
            entity_values = [known.get((ind.indicator_id, e), {}) for e in entities]
            for period in set().union(*entity_values):
                if not all(period in ev for ev in entity_values):
                    continue  # never a partial sum
                vs = [ev[period][0] for ev in entity_values]
                if ind.aggregation == "sum":
                    value = math.fsum(vs)
                else:
                    weights = [float(POPULATION[e]) for e in entities]
                    value = math.fsum(v * w for v, w in zip(vs, weights, strict=True)) / math.fsum(
                        weights
                    )
                flag = min((ev[period][1] for ev in entity_values), key=FLAG_ORDER.index)
                values[period] = (value, flag)
            result[(ind.indicator_id, part_id)] = (True, values)
    return result


def round_decimal(value: float | None, decimals: int) -> float | None:
    """Half away from zero on the value's shortest decimal text, with ``decimal``."""
    if value is None or not math.isfinite(value):
        return value
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)) + 0.0


def pace_status(ratio: float) -> str:
    r = round_decimal(ratio, 9)
    if r >= 0.95:
        return "on_track"
    if r >= 0.60:
        return "moderate"
    return "limited" if r >= 0 else "deterioration"


def reference_series(ind: Indicator, part_id: str, values: dict, target_row, as_of: str) -> dict:
    d = 1 if ind.direction == "up" else -1
    own = target_row(ind.indicator_id, part_id)
    kingdom = target_row(ind.indicator_id, "KINGDOM")
    if own is not None:
        (bp, stated_b, tp, y_star), changed_at = own
    elif kingdom is not None:
        (bp, _, tp, y_star), changed_at = kingdom
        stated_b = None
    else:
        bp, stated_b, tp, y_star, changed_at = "2023Q1", None, "2029Q4", None, None

    periods = sorted(values)
    latest = periods[-1] if periods else None
    y = values[latest][0] if latest else None
    if stated_b is not None:
        p0, b = bp, stated_b
    else:
        # The baseline never moves to another year, nor before its quarter (v2 item 8).
        same_year = [x for x in periods if x[:4] == bp[:4] and x >= bp]
        p0, b = (same_year[0], values[same_year[0]][0]) if same_year else (bp, None)

    # v2 item 2: a reach target not on the better side of b is held as a maintain bound.
    kind = ind.target_type
    reversed_target = kind == "reach" and None not in (b, y_star) and d * (y_star - b) <= 0
    if reversed_target:
        kind = "maintain_min" if d == 1 else "maintain_max"

    out = {
        "latest_period": latest,
        "latest_value": y,
        "latest_flag": values[latest][1] if latest else None,
        "baseline_period": p0,
        "baseline_value": b,
        "target_period": tp,
        "target_value": y_star,
        "target_changed_at": changed_at,
        "target_type": ind.target_type,
        "direction": ind.direction,
        "method": ind.method,
        "method_used": None,
        "expected_value": None,
        "progress_share": None,
        "time_share": None,
        "ratio": None,
        "required_pace_per_year": None,
        "method_fallback": False,
        "target_reversed": reversed_target,
    }

    # Pace lens (reach); ratio, shares and expected value only where the pace rules decide.
    ready = kind == "reach" and None not in (y, b, y_star)
    if kind == "none":
        status = "no_target"
    elif kind == "reach":
        status = "insufficient_data"
        if ready:
            horizon = q(tp) - q(p0)
            tau = (q(latest) - q(p0)) / horizon if horizon > 0 else None
            out["time_share"] = tau
            if q(tp) > q(latest):
                out["required_pace_per_year"] = (y_star - y) / ((q(tp) - q(latest)) / 4)
            if d * (y - y_star) >= 0:
                status = "achieved"
            elif tau is not None and tau > 0:
                progress = (y - b) / (y_star - b)
                out["progress_share"] = progress
                out["expected_value"] = b + (y_star - b) * tau
                ratio, used = progress / tau, "linear"
                if ind.method == "cagr" and b > 0 and y > 0 and y_star > 0:
                    required = (y_star / b) ** (1 / (horizon / 4)) - 1
                    if required != 0:
                        observed = (y / b) ** (1 / ((q(latest) - q(p0)) / 4)) - 1
                        ratio, used = d * observed / abs(required), "cagr"
                out["ratio"], out["method_used"] = ratio, used
                out["method_fallback"] = ind.method == "cagr" and used == "linear"
                status = pace_status(ratio)
    elif y is None or y_star is None:
        status = "insufficient_data"
    elif kind == "maintain_min":
        status = "achieved" if y >= y_star else "deterioration"
    else:
        status = "achieved" if y <= y_star else "deterioration"
    out["status"] = status

    # Flags.
    out["stale"] = latest is None or q(as_of) - q(latest) > STALE_AFTER[ind.frequency]
    out["provisional"] = latest is not None and values[latest][1] in ("provisional", "estimated")
    out["series_break"] = any(p0 < x <= latest and values[x][1] == "break" for x in periods)

    # Trend lens.
    window = [x for x in periods if x >= p0]
    out["n_observations"] = len(window)
    out["slope_per_year"] = out["projected_value"] = out["projected_meets"] = None
    out["trend_class"] = None
    if len(window) >= 4:
        ts = [(q(x) - q(p0)) / 4 for x in window]
        ys = [values[x][0] for x in window]
        t_mean, y_mean = sum(ts) / len(ts), sum(ys) / len(ys)
        slope = sum((t - t_mean) * (v - y_mean) for t, v in zip(ts, ys, strict=True)) / sum(
            (t - t_mean) ** 2 for t in ts
        )
        projection = y_mean + slope * ((q(tp) - q(p0)) / 4 - t_mean)
        out["slope_per_year"], out["projected_value"] = slope, projection
        if y_star is not None and kind != "none":
            shown = round_decimal(projection, 6)  # "meets" as the reported figure says
            out["projected_meets"] = {
                "reach": d * (shown - y_star) >= 0,
                "maintain_min": shown >= y_star,
                "maintain_max": shown <= y_star,
            }[kind]
        if kind == "none":
            scale = abs(b) if b not in (None, 0) else sum(abs(v) for v in ys) / len(ys)
            adjusted = d * slope
            out["trend_class"] = (
                "improving"
                if adjusted > 0.01 * scale
                else "worsening"
                if adjusted < -0.01 * scale
                else "stable"
            )
    for column in ROUNDED:
        out[column] = round_decimal(out[column], 6)
    return out


def target_rows_at(world: World, vintage: datetime | None) -> dict:
    """{(indicator, part): (row, changed_at)}: each row's newest version recorded <= vintage,
    removed rows left out; changed_at when an earlier version existed at the vintage."""
    history: dict[tuple[str, str], list[tuple[datetime, TargetRow | None]]] = {}
    for key, row in world.targets.items():
        history.setdefault(key, []).append((CATALOGUE_RECORDED, row))
    for change in world.target_changes:
        key = (change.indicator_id, change.part_id)
        history.setdefault(key, []).append((change.recorded_at, change.row))
    rows = {}
    for key, versions in history.items():
        known = sorted(
            (v for v in versions if vintage is None or v[0] <= vintage), key=lambda v: v[0]
        )
        if not known or known[-1][1] is None:
            continue
        recorded_at, row = known[-1]
        rows[key] = (row, recorded_at if len(known) > 1 else None)
    return rows


def reference_assessment(world: World, as_of: str, vintage: datetime | None) -> dict:
    known = known_values(world, as_of, vintage)
    by_id = {ind.indicator_id: ind for ind in world.indicators}
    targets = target_rows_at(world, vintage)

    def target_row(indicator_id: str, part_id: str):
        return targets.get((indicator_id, part_id))

    result = {}
    for (indicator_id, part_id), (derived, values) in series_of(world, known).items():
        row = reference_series(by_id[indicator_id], part_id, values, target_row, as_of)
        row["is_derived"] = derived
        result[(indicator_id, part_id)] = row
    return result


# --- generated worlds -----------------------------------------------------------------------

FIRST, LAST = q("2022Q3"), q("2026Q4")
RECORD_START = datetime(2025, 1, 1)
values_st = st.integers(-2000, 20000).map(lambda k: k / 100)


@st.composite
def indicators_st(draw, k: int) -> Indicator:
    scope = draw(st.lists(st.sampled_from(ENTITIES), min_size=2, max_size=7, unique=True))
    scope += list(draw(st.sampled_from([(), (), ("KINGDOM",), ("CAR_C",), ("EUR_NL",)])))
    return Indicator(
        indicator_id=f"IND-9{k:03d}",
        direction=draw(st.sampled_from(["up", "down"])),
        target_type=draw(st.sampled_from(["reach"] * 5 + ["maintain_min", "maintain_max", "none"])),
        method=draw(st.sampled_from(["linear", "linear", "cagr"])),
        frequency=draw(st.sampled_from(list(STALE_AFTER))),
        aggregation=draw(st.sampled_from(["sum", "population_weighted_mean", "none"])),
        scope=tuple(scope),
    )


@st.composite
def target_rows_st(draw) -> TargetRow:
    baseline_value = draw(st.one_of(st.none(), st.none(), values_st))
    # A target of 0 (cagr's edge) and one equal to the stated baseline (v2 items 2, 5) are drawn
    # on purpose: a uniform draw almost never hits them.
    target_value = draw(
        st.one_of(st.none(), values_st, values_st, values_st, st.just(0.0), st.just(baseline_value))
    )
    return (
        p(draw(st.integers(q("2022Q4"), q("2024Q2")))),
        baseline_value,
        p(draw(st.integers(q("2026Q4"), q("2030Q4")))),
        target_value,
    )


@st.composite
def worlds(draw) -> World:
    indicators = [draw(indicators_st(k)) for k in range(draw(st.integers(5, 8)))]
    targets = {}
    changes = []
    for ind in indicators:
        for part_id in draw(st.lists(st.sampled_from(ALL_PARTS), max_size=5, unique=True)):
            targets[(ind.indicator_id, part_id)] = draw(target_rows_st())
        # Later versions (v2 item 1): a changed, removed or newly set row, recorded while the
        # observations arrive, so vintages fall before, between and after them.
        for part_id in draw(st.lists(st.sampled_from(ALL_PARTS), max_size=2, unique=True)):
            days = draw(st.lists(st.integers(0, 420), min_size=1, max_size=2, unique=True))
            for day in sorted(days):
                row = draw(st.one_of(st.none(), target_rows_st(), target_rows_st()))
                changes.append(
                    TargetChange(ind.indicator_id, part_id, row, RECORD_START + timedelta(days=day))
                )
    # The observation grid comes from one drawn seed: thousands of single draws per world would
    # make generation, not the engine, the cost of the test. Failures still replay exactly.
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    flags = ["none"] * 7 + ["provisional", "estimated", "break"]

    def value() -> float:
        return rng.randint(-2000, 20000) / 100

    versions = []
    for ind in indicators:
        for part_id in ind.scope:
            for period_index in range(FIRST, LAST + 1):
                roll = rng.randint(0, 9)
                if roll == 0:
                    continue  # a gap: about one quarter in ten
                first_day = rng.randint(0, 300)
                recorded = RECORD_START + timedelta(days=first_day)
                period = p(period_index)
                versions.append(
                    Version(ind.indicator_id, part_id, period, value(), rng.choice(flags), recorded)
                )
                if roll == 9:  # a revision, recorded later
                    later = recorded + timedelta(days=rng.randint(1, 100))
                    versions.append(
                        Version(
                            ind.indicator_id, part_id, period, value(), rng.choice(flags), later
                        )
                    )
    return World(indicators, targets, versions, changes)


as_of_st = st.integers(q("2022Q4"), q("2027Q2")).map(p)
vintage_st = st.one_of(
    st.none(), st.integers(0, 420).map(lambda days: RECORD_START + timedelta(days=days))
)

# What ``compare`` checks: the series key, numbers within 1e-9 (every float column ``assess``
# returns), everything else exactly. Together they must be every column of ``assess``.
KEYS = ("indicator_id", "part_id")
NUMBERS = tuple(column for column, dtype in ASSESSMENT_DTYPES.items() if dtype == "float64")
EXACT = (
    "is_derived",
    "latest_period",
    "latest_flag",
    "baseline_period",
    "target_period",
    "target_type",
    "direction",
    "method",
    "method_used",
    "status",
    "stale",
    "provisional",
    "method_fallback",
    "series_break",
    "target_reversed",
    "target_changed_at",
    "n_observations",
    "projected_meets",
    "trend_class",
)
COMPARED = (*KEYS, *EXACT, *NUMBERS)


def plain(value: object) -> object:
    """pandas' missing markers as None, numpy scalars as Python ones, moments as datetime."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


# The trend's figures are computed from sums in the engine and from centred values here; the two
# differ by ~1e-13, and where that straddles a half-way point of the six-decimal grid the
# rounded figures are one step of 1e-6 apart. Only then, and only for these, is that allowed.
_TREND_FIGURES = ("slope_per_year", "projected_value")


def _straddles_a_tie(got: float, ref: float) -> bool:
    midpoint = (got + ref) / 2 * 1e6
    return math.isclose(abs(got - ref), 1e-6, rel_tol=1e-6) and math.isclose(
        midpoint - math.floor(midpoint), 0.5, abs_tol=1e-6
    )


def compare(engine: pd.DataFrame, expected: dict) -> int:
    assert len(engine) == len(expected), (sorted(expected), engine[["indicator_id", "part_id"]])
    for record in engine.to_dict("records"):
        key = tuple(record[column] for column in KEYS)
        want = expected[key]
        for column in EXACT:
            assert plain(record[column]) == want[column], (key, column, record[column], want)
        for column in NUMBERS:
            got, ref = plain(record[column]), want[column]
            assert (got is None) == (ref is None), (key, column, got, ref)
            if got is not None:
                close = math.isclose(got, ref, rel_tol=1e-9, abs_tol=1e-9)
                tie = column in _TREND_FIGURES and _straddles_a_tie(got, ref)
                assert close or tie, (key, column, got, ref)
    return len(engine)

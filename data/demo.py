"""The demo data set: synthetic targets, observations and imports on the real strategy structure.

Everything here is generated, deterministically, from a seed and a clock that the caller passes in
(``build_demo`` never reads the clock itself). The levels are plausible and use the catalogue's
reference figures for the Netherlands where it gives one; the series themselves are invented, and
``load_demo`` labels the database as demo data (meta ``is_demo``, ``demo_seed``, ``demo_clock``).

How a series is made
--------------------
* Each series (indicator x entity, or indicator x KINGDOM for Kingdom-wide indicators) gets its own
  random stream, derived from the seed and the series' ids, so adding an indicator or an entity
  leaves every other series unchanged.
* Each ``reach`` series draws a scenario and is steered so that its latest value lands in that
  scenario's band of the METHOD.md ratio R = progress share / time share: ``achieved``,
  ``on_track``, ``moderate``, ``limited`` or ``deterioration``. ``maintain_*`` series either hold
  their threshold or breach it at the latest value; ``none`` series improve, stay stable or worsen.
  Noise, rounding to the indicator's decimals and the valid range are applied on top, so a series
  near a band's edge may end up in the neighbouring status, as real data would.
* Fixed storylines make the realism the dashboard has to handle certain rather than likely (see
  ``LATE_ENTITY`` and friends below): a late Caribbean delivery, a Caribbean entity still missing
  the latest quarter (its one attempt was rejected), two series with only their baseline, a break
  in one series, and one revised value.

Deliveries
----------
Each entity (or KINGDOM) delivers one file per quarter with every figure for that quarter, 10-40
days after the quarter ends; it becomes one row in ``imports`` (user ``demo``, outcome
``accepted``, as if it had come through the normal intake) and its rows in ``observations`` share
that import's ``finished_at`` as ``recorded_at``. A delivery that would arrive after the clock has
not arrived: its figures are missing.

Catalogue
---------
The indicators come from the example workbook ``data/examples/voorbeeldcatalogus.xlsx`` (made
from ``data/seed/indicators.csv`` by ``make example-workbook``), imported by the real catalogue
import as user ``demo`` at 2023-01-01, as a ministry starting from the example would; the
generated baselines and targets are one seed import at the same moment.

Imports ``metrics.periods``, ``data.seed``, ``data.sql``, the catalogue store and import, and
``data.catalogue_workbook`` (the example's path).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import duckdb
import numpy as np
import pandas as pd

from data.access_rules import Actor
from data.catalogue_intake import import_catalogue_into
from data.catalogue_store import insert_catalogue_import, insert_target_versions
from data.catalogue_workbook import EXAMPLE_WORKBOOK
from data.import_log import accepted_message, counts_message, rejected_message
from data.intake_columns import FIGURES
from data.seed import read_seed, seed_indicators
from data.sql import transaction
from metrics.periods import (
    last_full_quarter,
    period_range,
    quarter_end,
    quarter_index,
    reports_in,
    shift_period,
)

__all__ = [
    "BREAK_SERIES",
    "DEMO_ACTOR",
    "DEMO_USER",
    "LATE_ENTITY",
    "MISSING_LATEST_ENTITY",
    "REVISED_SERIES",
    "REVISED_TARGET",
    "REVISED_TARGET_AT",
    "DemoData",
    "build_demo",
    "load_demo",
]

DEMO_USER = "demo"
# Who made the demo data set: an operator (the CLI), as ``cli.py init --demo`` is.
DEMO_ACTOR = Actor.operator(DEMO_USER)
# The generated targets' seed import (the catalogue itself is the example workbook's import).
TARGETS_FILE_NAME = "demo_doelen"
# The demo's catalogue and targets are on record from the start of the strategy's period.
CATALOGUE_RECORDED_AT = datetime(2023, 1, 1)
FIRST_PERIOD = "2023Q1"
TARGET_PERIOD = "2029Q4"

# Storylines. Entities and series are fixed so the README can name them; the quarters are counted
# back from the last full quarter so the storyline exists whatever the clock.
LATE_ENTITY = "CW"  # delivers the quarter two before the latest one 46-75 days after it ended
MISSING_LATEST_ENTITY = "SX"  # has not delivered the latest quarter; its one attempt was rejected
REVISED_SERIES = ("IND-0502", "NL")  # the value two quarters back is corrected a quarter later
BREAK_SERIES = ("IND-0502", "CW", "2024Q3")  # new police registration system: a level shift
# A target revised with its reason (after the NATO summit in The Hague, June 2025): the Kingdom's
# defence spending goal is raised, recorded as a new target version when the clock has passed it.
REVISED_TARGET = ("IND-0101", "KINGDOM")
REVISED_TARGET_AT = datetime(2025, 7, 15, 10, 0, 0)
REVISED_TARGET_VALUES = {"target_period": "2035Q4", "target_value": 3.5}
REVISED_TARGET_REASON = (
    "NAVO-top Den Haag (juni 2025): nieuwe norm van 3,5% van het bbp voor kerndefensie-uitgaven"
    " in 2035"
)
REVISED_TARGET_FILE_NAME = "demo_doelherziening"
BASELINE_ONLY_SERIES = frozenset({("IND-1002", "BQ-SE"), ("IND-0704", "BQ-SA")})
LATE_DELAY_DAYS = (46, 75)
DELAY_DAYS = (10, 40)

REVISION_NOTE = "correctie na nalevering"
# Why the one rejected delivery was rejected: the problem code a real import gives.
REJECTED_PROBLEM = "value_out_of_range"
BREAK_NOTE = "trendbreuk: nieuw registratiesysteem politie"
PROVISIONAL_NOTE = "voorlopig cijfer"
ESTIMATED_NOTE = "schatting; definitief cijfer volgt"

_GROUP_OF_ENTITY = {
    "KINGDOM": "EU",
    "NL": "EU",
    "AW": "CC",
    "CW": "CC",
    "SX": "CC",
    "BQ-BO": "CN",
    "BQ-SE": "CN",
    "BQ-SA": "CN",
}

_REACH_SCENARIOS = ("achieved", "on_track", "moderate", "limited", "deterioration")
# A realistic mid-term picture: most series move the right way, not fast enough everywhere.
_REACH_WEIGHTS = (0.12, 0.26, 0.24, 0.20, 0.18)
_MAINTAIN_SCENARIOS = ("holds", "breached")
_MAINTAIN_WEIGHTS = (0.7, 0.3)
_NONE_SCENARIOS = ("improving", "stable", "worsening")
_NONE_WEIGHTS = (0.35, 0.35, 0.30)


@dataclass(frozen=True)
class _Profile:
    """Plausible levels per group of entities: (baseline, 2029 target or threshold).

    Groups: EU = the European Netherlands (or the Kingdom for Kingdom-wide indicators), CC = the
    Caribbean countries, CN = the Caribbean Netherlands. ``noise`` is the quarter-to-quarter
    standard deviation relative to the level.
    """

    levels: dict[str, tuple[float, float | None]]
    noise: float = 0.03
    seasonal: tuple[float, float, float, float] | None = None
    constant: bool = False


# Baselines for NL follow the catalogue's reference figures where it gives one; every other level
# is invented but plausible (the islands' trust in the police lower, their outage minutes higher).
_PROFILES: dict[str, _Profile] = {
    "IND-0101": _Profile({"EU": (1.70, 2.50)}, noise=0.02),
    "IND-0102": _Profile({"EU": (68, 65)}, noise=0.015),
    "IND-0103": _Profile({"EU": (55, 80)}, noise=0.03),
    "IND-0201": _Profile({"EU": (48, 70), "CC": (30, 60), "CN": (28, 60)}, noise=0.04),
    "IND-0202": _Profile({"EU": (72, 90)}, noise=0.03),
    "IND-0301": _Profile({"EU": (95, 90)}, noise=0.015),
    "IND-0302": _Profile({"EU": (62.0, 50.0)}, noise=0.015),
    "IND-0303": _Profile({"EU": (55, 95), "CC": (20, 70)}, noise=0.03),
    "IND-0401": _Profile({"EU": (30, 40)}, noise=0.03),
    "IND-0402": _Profile({"EU": (79, 82), "CC": (55, 62), "CN": (60, 67)}, noise=0.012),
    "IND-0403": _Profile({"EU": (70, 45)}, noise=0.12),
    "IND-0501": _Profile({"EU": (19.9, 17.0), "CN": (17.0, 14.5)}, noise=0.02),
    "IND-0502": _Profile({"EU": (29.0, 25.0), "CC": (45.0, 38.0), "CN": (35.0, 30.0)}, noise=0.02),
    "IND-0503": _Profile({"EU": (55.0, 75.0), "CC": (1.2, 2.0)}, noise=0.15),
    "IND-0601": _Profile({"EU": (120, 400)}, noise=0.10),
    "IND-0602": _Profile({"EU": (38, None)}, noise=0.15),
    "IND-0701": _Profile({"EU": (15.7, 12.0)}, noise=0.02),
    "IND-0702": _Profile({"EU": (5.0, 3.5)}, noise=0.05),
    "IND-0703": _Profile({"EU": (47, 65)}, noise=0.02),
    "IND-0704": _Profile({"EU": (62, 95), "CC": (25, 90), "CN": (20, 90)}, noise=0.03),
    "IND-0801": _Profile({"EU": (4, None)}, constant=True),
    "IND-0802": _Profile({"CC": (0, 1)}),
    "IND-0803": _Profile({"EU": (350, 800), "CC": (12, 40), "CN": (5, 20)}, noise=0.10),
    "IND-0901": _Profile({"EU": (-34.0, -55.0)}, noise=0.02),
    "IND-0902": _Profile({"EU": (47.0, 75.0), "CC": (17.0, 45.0), "CN": (35.0, 70.0)}, noise=0.03),
    "IND-0903": _Profile({"EU": (120, 260)}, noise=0.12, seasonal=(0.6, 1.8, 1.1, 0.5)),
    "IND-1001": _Profile({"EU": (21.0, 18.0), "CC": (300.0, 150.0), "CN": (400.0, 200.0)}, 0.08),
    "IND-1002": _Profile({"EU": (70, 95), "CN": (30, 90)}, noise=0.03),
    "IND-1101": _Profile({"EU": (90.5, 90.0), "CC": (88.0, 85.0), "CN": (93.0, 90.0)}, 0.01),
    "IND-1102": _Profile({"EU": (6.2, 9.0), "CC": (8.0, 10.0), "CN": (8.3, 12.5)}, noise=0.02),
    "IND-1201": _Profile({"EU": (31, 60), "CN": (20, 50)}, noise=0.03),
    "IND-1202": _Profile({"EU": (40, 25)}, noise=0.03),
    "IND-1203": _Profile({"EU": (45, 70), "CC": (3, 6), "CN": (2, 4)}, noise=0.15),
}


@dataclass(frozen=True, eq=False)
class DemoData:
    """The generated rows, shaped like the tables they go into (``scenarios`` is not stored)."""

    targets: pd.DataFrame
    imports: pd.DataFrame
    observations: pd.DataFrame
    scenarios: pd.DataFrame = field(repr=False)
    indicators: pd.DataFrame = field(repr=False, default_factory=seed_indicators)


@dataclass(frozen=True)
class _Indicator:
    indicator_id: str
    direction: int
    target_type: str
    frequency: str
    aggregation: str
    decimals: int
    valid_min: float | None
    valid_max: float | None
    scope: tuple[str, ...]

    def clip(self, value: float) -> float:
        low = -math.inf if self.valid_min is None else self.valid_min
        high = math.inf if self.valid_max is None else self.valid_max
        return min(max(value, low), high)

    def round(self, value: float) -> float:
        return float(round(self.clip(value), self.decimals))

    @property
    def is_binary(self) -> bool:
        return self.decimals == 0 and self.valid_min == 0 and self.valid_max == 1


def _stable_int(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _rng(seed: int, *keys: str) -> np.random.Generator:
    # A stream per series/delivery from stable ids, so one addition does not reshuffle the rest.
    return np.random.default_rng(np.random.SeedSequence([seed, *(_stable_int(k) for k in keys)]))


def _read_catalogue() -> list[_Indicator]:
    def number(text: str) -> float | None:
        return float(text) if text.strip() else None

    return [
        _Indicator(
            indicator_id=row["indicator_id"],
            direction=1 if row["direction"] == "up" else -1,
            target_type=row["target_type"],
            frequency=row["frequency"],
            aggregation=row["aggregation"],
            decimals=int(row["decimals"]),
            valid_min=number(row["valid_min"]),
            valid_max=number(row["valid_max"]),
            scope=tuple(part.strip() for part in row["scope"].split(";")),
        )
        for row in read_seed("indicators")
    ]


def _read_parts() -> tuple[dict[str, str], dict[str, int], list[str]]:
    """Parent and population of each entity, and every part id in display order."""
    rows = read_seed("kingdom_parts")
    parents = {row["part_id"]: row["parent_id"] for row in rows if row["level"] == "entity"}
    population = {
        row["part_id"]: int(row["population_approx"])
        for row in rows
        if row["population_approx"].strip()
    }
    return parents, population, [row["part_id"] for row in rows]


def _schedule(frequency: str, last: str) -> list[str]:
    """The periods an indicator of this frequency reports, from 2023 up to ``last``."""
    # period_range is empty before 2023Q1 has ended
    return [p for p in period_range(FIRST_PERIOD, last) if reports_in(frequency, p)]


def _baseline_period(frequency: str) -> str:
    return {"quarterly": "2023Q1", "biannual": "2023Q2"}.get(frequency, "2023Q4")


def _time_share(baseline_period: str, period: str) -> float:
    return (quarter_index(period) - quarter_index(baseline_period)) / (
        quarter_index(TARGET_PERIOD) - quarter_index(baseline_period)
    )


def _fallback_profile(indicator: _Indicator) -> _Profile:
    # An indicator added to the catalogue without a profile still gets plausible data.
    low = indicator.valid_min if indicator.valid_min is not None else 0.0
    high = indicator.valid_max if indicator.valid_max is not None else 200.0
    base = low + 0.5 * (high - low)
    target = None if indicator.target_type == "none" else base + indicator.direction * 0.2 * base
    return _Profile({"EU": (base, target), "CC": (base, target), "CN": (base, target)})


def _entity_levels(
    indicator: _Indicator, profile: _Profile, part_id: str, rng: np.random.Generator
) -> tuple[float, float | None]:
    """Baseline and target of one series: the group's levels, jittered for the entity."""
    group = _GROUP_OF_ENTITY.get(part_id, "EU")
    base, target = profile.levels.get(group) or next(iter(profile.levels.values()))
    if indicator.is_binary or profile.constant or part_id in ("NL", "KINGDOM"):
        # NL carries the reference figures as given; a yes/no indicator starts at "no".
        jitter = 0.0
    else:
        jitter = float(rng.normal(0.0, 0.08))
    entity_base = indicator.round(base * (1 + jitter))
    if target is None:
        return entity_base, None
    if indicator.aggregation == "sum":
        # Counts and money scale with the entity; rates keep the same distance to go.
        entity_target = target * (1 + jitter)
    else:
        entity_target = entity_base + (target - base)
    return entity_base, indicator.round(entity_target)


def _draw(rng: np.random.Generator, options: Sequence[str], weights: Sequence[float]) -> str:
    return str(options[int(rng.choice(len(options), p=np.asarray(weights)))])


@dataclass
class _Series:
    indicator: _Indicator
    part_id: str
    baseline: float
    target: float | None
    scenario: str
    values: dict[str, float]
    flags: dict[str, tuple[str, str | None]] = field(default_factory=dict)


def _reach_values(
    indicator: _Indicator,
    periods: list[str],
    baseline: float,
    target: float,
    scenario: str,
    noise_sd: float,
    rng: np.random.Generator,
) -> dict[str, float]:
    """Values whose latest lands in the scenario's band of R = progress share / time share."""
    p0, p_latest = periods[0], periods[-1]
    tau_latest = _time_share(p0, p_latest)
    gap = target - baseline
    ratio = {
        "achieved": None,
        "on_track": rng.uniform(1.1, 1.5),
        "moderate": rng.uniform(0.68, 0.88),
        "limited": rng.uniform(0.12, 0.48),
        "deterioration": rng.uniform(-0.7, -0.15),
    }[scenario]
    # Progress share reached at the latest period; "on track" stays short of the target itself.
    share = rng.uniform(1.03, 1.15) if ratio is None else ratio * tau_latest
    if scenario == "on_track":
        share = min(share, 0.97)
    curve = rng.uniform(0.75, 1.35)  # slowing down (<1) or speeding up (>1) towards the latest
    # Noise at the latest value small against the band width, so the scenario survives it.
    latest_sd = min(noise_sd, 0.03 * abs(gap) * max(tau_latest, 0.1))
    values = {p0: baseline}
    for period in periods[1:]:
        path = baseline + gap * share * (_time_share(p0, period) / tau_latest) ** curve
        sd = latest_sd if period == p_latest else noise_sd
        values[period] = indicator.round(path + rng.normal(0.0, sd))
    return values


def _maintain_values(
    indicator: _Indicator,
    periods: list[str],
    level: float,
    threshold: float,
    scenario: str,
    profile: _Profile,
    noise_sd: float,
    rng: np.random.Generator,
) -> dict[str, float]:
    """Values around a steady level; the latest holds or breaches the threshold."""
    keep_above = indicator.target_type == "maintain_min"
    values: dict[str, float] = {}
    for period in periods:
        season = profile.seasonal[int(period[-1]) - 1] if profile.seasonal else 1.0
        values[period] = level * season + rng.normal(0.0, noise_sd * season)
    latest = periods[-1]
    value = values[latest]
    margin = abs(threshold)
    if scenario == "breached":
        value = threshold + (-1 if keep_above else 1) * margin * rng.uniform(0.02, 0.12)
    elif keep_above and value < threshold * 1.005:
        value = threshold + margin * rng.uniform(0.005, 0.03)
    elif not keep_above and value > threshold * 0.95:
        value = threshold - margin * rng.uniform(0.1, 0.35)
    values[latest] = value
    return {period: indicator.round(v) for period, v in values.items()}


def _none_values(
    indicator: _Indicator,
    periods: list[str],
    baseline: float,
    scenario: str,
    profile: _Profile,
    noise_sd: float,
    rng: np.random.Generator,
) -> dict[str, float]:
    if profile.constant:
        return dict.fromkeys(periods, baseline)
    change = {"improving": 1, "stable": 0, "worsening": -1}[scenario]
    drift = change * indicator.direction * abs(baseline) * rng.uniform(0.08, 0.2)
    p0 = periods[0]
    tau_latest = max(_time_share(p0, periods[-1]), 1e-9)
    values = {p0: baseline}
    for period in periods[1:]:
        path = baseline + drift * _time_share(p0, period) / tau_latest
        values[period] = indicator.round(path + rng.normal(0.0, noise_sd))
    return values


def _binary_values(periods: list[str], rng: np.random.Generator) -> tuple[str, dict[str, float]]:
    # A strategy is adopted once and stays adopted; until then the value is 0.
    if len(periods) > 1 and rng.uniform() < 0.45:
        adopted = int(rng.integers(1, len(periods)))
        return "achieved", {p: float(i >= adopted) for i, p in enumerate(periods)}
    return "limited", dict.fromkeys(periods, 0.0)


def _make_series(indicator: _Indicator, part_id: str, last: str, seed: int) -> _Series:
    rng = _rng(seed, "series", indicator.indicator_id, part_id)
    profile = _PROFILES.get(indicator.indicator_id) or _fallback_profile(indicator)
    baseline, target = _entity_levels(indicator, profile, part_id, rng)
    periods = _schedule(indicator.frequency, last)
    caribbean = _GROUP_OF_ENTITY.get(part_id, "EU") != "EU"
    noise_sd = profile.noise * abs(baseline or 1.0) * (1.5 if caribbean else 1.0)

    if not periods:
        return _Series(indicator, part_id, baseline, target, "not_started", {})
    if (indicator.indicator_id, part_id) in BASELINE_ONLY_SERIES:
        return _Series(
            indicator, part_id, baseline, target, "baseline_only", {periods[0]: baseline}
        )
    if indicator.target_type == "none" or target is None:
        scenario = "stable" if profile.constant else _draw(rng, _NONE_SCENARIOS, _NONE_WEIGHTS)
        values = _none_values(indicator, periods, baseline, scenario, profile, noise_sd, rng)
    elif indicator.target_type in ("maintain_min", "maintain_max"):
        scenario = _draw(rng, _MAINTAIN_SCENARIOS, _MAINTAIN_WEIGHTS)
        # The profile's level is the typical (deseasonalised) one; the baseline is whatever the
        # first figure turned out to be.
        values = _maintain_values(
            indicator, periods, baseline, target, scenario, profile, noise_sd, rng
        )
        baseline = values[periods[0]]
    elif indicator.is_binary:
        scenario, values = _binary_values(periods, rng)
    else:
        scenario = _draw(rng, _REACH_SCENARIOS, _REACH_WEIGHTS)
        values = _reach_values(indicator, periods, baseline, target, scenario, noise_sd, rng)
    return _Series(indicator, part_id, baseline, target, scenario, values)


def _add_realism(series: _Series, seed: int) -> None:
    """Gaps, flags on the latest values, the break: the untidiness real deliveries have."""
    rng = _rng(seed, "realism", series.indicator.indicator_id, series.part_id)
    periods = sorted(series.values)
    if len(periods) < 2:
        return
    key = (series.indicator.indicator_id, series.part_id)
    caribbean = _GROUP_OF_ENTITY.get(series.part_id, "EU") != "EU"
    if series.indicator.frequency == "quarterly":
        # Gaps only in the middle: the baseline stays, and the last three quarters stay complete
        # because the storylines (the late delivery, the revision) live there.
        gap_chance = 0.05 if caribbean else 0.015
        keep = {BREAK_SERIES[2]} if key == BREAK_SERIES[:2] else set()
        for period in periods[1:-3]:
            if period not in keep and rng.uniform() < gap_chance:
                del series.values[period]

    if key == BREAK_SERIES[:2] and BREAK_SERIES[2] in series.values:
        for period in series.values:
            if period >= BREAK_SERIES[2]:
                series.values[period] = series.indicator.round(series.values[period] * 1.08)
        series.flags[BREAK_SERIES[2]] = ("break", BREAK_NOTE)

    latest = max(series.values)
    draw = rng.uniform()
    if latest != periods[0] and draw < 0.22:
        if caribbean and draw < 0.11:
            series.flags[latest] = ("estimated", ESTIMATED_NOTE)
        else:
            series.flags[latest] = ("provisional", PROVISIONAL_NOTE)


def _recorded_at(seed: int, part_id: str, period: str) -> datetime:
    """When an entity's figures for a quarter arrive on time: 10-40 days after the quarter."""
    rng = _rng(seed, "delivery", part_id, period)
    low, high = DELAY_DAYS
    days = int(rng.integers(low, high + 1))
    minutes = int(rng.integers(8 * 60, 17 * 60))
    seconds = int(rng.integers(0, 60))
    return datetime.combine(quarter_end(period), time(0, 0)) + timedelta(
        days=days, minutes=minutes, seconds=seconds
    )


def build_demo(*, seed: int, clock: datetime) -> DemoData:
    """Generate the demo data set as known at ``clock``. Pure: same seed and clock, same frames.

    Observations run from 2023Q1 up to the last full quarter before ``clock``; nothing is recorded
    after ``clock``. ``seed`` must be a non-negative integer.
    """
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed}")
    last = last_full_quarter(clock.date())
    catalogue = _read_catalogue()
    parents, population, part_order = _read_parts()

    all_series = [
        _make_series(indicator, part_id, last, seed)
        for indicator in catalogue
        for part_id in indicator.scope
    ]
    for series in all_series:
        _add_realism(series, seed)

    targets = _targets(catalogue, all_series, parents, population, part_order)
    imports, observations = _deliveries(all_series, last, seed, clock, part_order)
    scenarios = pd.DataFrame(
        [
            {"indicator_id": s.indicator.indicator_id, "part_id": s.part_id, "scenario": s.scenario}
            for s in all_series
        ],
        columns=["indicator_id", "part_id", "scenario"],
    )
    return DemoData(
        targets=targets, imports=imports, observations=observations, scenarios=scenarios
    )


def _aggregate(
    indicator: _Indicator, levels: dict[str, float], population: dict[str, int]
) -> float | None:
    # Rounded but not clipped: the valid range is for an entity's figure, and a sum of them may
    # exceed it (three countries with a strategy each make 3 on a 0/1 indicator).
    if not levels:
        return None
    if indicator.aggregation == "sum":
        return float(round(sum(levels.values()), indicator.decimals))
    if indicator.aggregation == "population_weighted_mean":
        weights = {part: population[part] for part in levels}
        total = sum(weights.values())
        mean = sum(levels[p] * weights[p] for p in levels) / total
        return float(round(mean, indicator.decimals))
    # Not derivable: the Kingdom default is the European Netherlands' level, else the first one's.
    return levels.get("NL", next(iter(levels.values())))


def _targets(
    catalogue: list[_Indicator],
    all_series: list[_Series],
    parents: dict[str, str],
    population: dict[str, int],
    part_order: list[str],
) -> pd.DataFrame:
    """A Kingdom-wide default per indicator, plus a row per part or entity whose levels differ."""
    by_indicator: dict[str, list[_Series]] = {}
    for series in all_series:
        by_indicator.setdefault(series.indicator.indicator_id, []).append(series)

    rows: list[dict[str, object]] = []
    for indicator in catalogue:
        members = [s for s in by_indicator.get(indicator.indicator_id, []) if s.values]
        if not members:
            continue
        baselines = {s.part_id: s.baseline for s in members}
        goals = {s.part_id: s.target for s in members if s.target is not None}
        own: dict[str, tuple[float | None, float | None]] = {
            s.part_id: (s.baseline, s.target) for s in members
        }
        if "KINGDOM" not in own:
            has_target = indicator.target_type != "none"
            own["KINGDOM"] = (
                _aggregate(indicator, baselines, population),
                _aggregate(indicator, goals, population) if has_target else None,
            )
            if indicator.aggregation != "none":
                # A part reported through its entities gets its own derived levels.
                for part in sorted({parents[p] for p in baselines}):
                    in_part = [p for p in baselines if parents[p] == part]
                    own[part] = (
                        _aggregate(indicator, {p: baselines[p] for p in in_part}, population),
                        _aggregate(indicator, {p: goals[p] for p in in_part}, population)
                        if has_target
                        else None,
                    )
        default = own["KINGDOM"]
        for part_id in sorted(own, key=part_order.index):
            if part_id != "KINGDOM" and own[part_id] == default:
                continue  # the Kingdom-wide default applies
            baseline, target = own[part_id]
            rows.append(
                {
                    "indicator_id": indicator.indicator_id,
                    "part_id": part_id,
                    "baseline_period": _baseline_period(indicator.frequency),
                    "baseline_value": baseline,
                    "target_period": TARGET_PERIOD,
                    "target_value": None if indicator.target_type == "none" else target,
                }
            )
    frame = pd.DataFrame(
        rows,
        columns=[
            "indicator_id",
            "part_id",
            "baseline_period",
            "baseline_value",
            "target_period",
            "target_value",
        ],
    )
    return frame.astype({"baseline_value": "float64", "target_value": "float64"})


def _deliveries(
    all_series: list[_Series], last: str, seed: int, clock: datetime, part_order: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group the figures into one delivery per entity per quarter and time-stamp them."""
    late_period = shift_period(last, -2)
    revised_period = shift_period(last, -2)
    correction_period = shift_period(last, -1)

    # (part, quarter delivered) -> rows in that delivery
    files: dict[tuple[str, str], list[dict[str, object]]] = {}
    for series in all_series:
        for period, value in sorted(series.values.items()):
            flag, note = series.flags.get(period, ("none", None))
            key = (series.indicator.indicator_id, series.part_id)
            if key == REVISED_SERIES and period == revised_period:
                # First reported as provisional; corrected with the next quarter's delivery.
                rng = _rng(seed, "revision", *key)
                corrected = series.indicator.round(value * (1 + rng.uniform(0.02, 0.05)))
                files.setdefault((series.part_id, correction_period), []).append(
                    _row(series, period, corrected, "none", REVISION_NOTE)
                )
                flag, note = "provisional", PROVISIONAL_NOTE
            files.setdefault((series.part_id, period), []).append(
                _row(series, period, value, flag, note)
            )

    imports: list[dict[str, object]] = []
    observations: list[dict[str, object]] = []
    delivered: set[tuple[object, ...]] = set()  # the keys with a stored value: a correction
    for part_id, period in sorted(files, key=lambda k: (k[1], part_order.index(k[0]))):
        rows = files[(part_id, period)]
        recorded = _recorded_at(seed, part_id, period)
        rejected = part_id == MISSING_LATEST_ENTITY and period == last
        if part_id == LATE_ENTITY and period == late_period:
            rng = _rng(seed, "late", part_id, period)
            recorded = datetime.combine(quarter_end(period), time(10, 0)) + timedelta(
                days=int(rng.integers(LATE_DELAY_DAYS[0], LATE_DELAY_DAYS[1] + 1)),
                minutes=int(rng.integers(0, 7 * 60)),
            )
        if recorded > clock:
            continue  # not arrived yet at the clock: the figures are missing
        file_name = f"demo_{period}_{part_id}.csv"
        started = recorded - timedelta(seconds=2 + _stable_int(file_name) % 20)
        imports.append(
            {
                "started_at": started,
                "finished_at": recorded,
                "user_name": DEMO_USER,
                "file_name": file_name,
                "sha256": hashlib.sha256(
                    f"demo|{seed}|{file_name}|{recorded.isoformat()}".encode()
                ).hexdigest(),
                "rows_accepted": 0 if rejected else len(rows),
                "rows_rejected": len(rows) if rejected else 0,
                "outcome": "rejected" if rejected else "accepted",
                # What the log tells, as a real import records it (data.import_log).
                "message": (
                    rejected_message({REJECTED_PROBLEM: len(rows)})
                    if rejected
                    else _delivery_message(rows, delivered)
                ),
            }
        )
        if not rejected:
            for row in rows:
                observations.append({**row, "recorded_at": recorded, "file_name": file_name})

    import_frame = pd.DataFrame(
        imports,
        columns=[
            "started_at",
            "finished_at",
            "user_name",
            "file_name",
            "sha256",
            "rows_accepted",
            "rows_rejected",
            "outcome",
            "message",
        ],
    )
    import_frame = import_frame.sort_values(["finished_at", "file_name"], ignore_index=True)
    import_frame.insert(0, "import_id", np.arange(1, len(import_frame) + 1, dtype="int64"))
    ids = dict(zip(import_frame["file_name"], import_frame["import_id"], strict=True))

    obs = pd.DataFrame(
        observations,
        columns=[
            "indicator_id",
            "part_id",
            "period",
            "value",
            "flag",
            "note",
            "recorded_at",
            "file_name",
        ],
    )
    obs["import_id"] = obs["file_name"].map(ids).astype("int64")
    obs = obs.drop(columns="file_name").sort_values(
        ["recorded_at", "import_id", "indicator_id", "period"], ignore_index=True
    )
    obs.insert(0, "observation_id", np.arange(1, len(obs) + 1, dtype="int64"))
    obs["value"] = obs["value"].astype("float64")
    return import_frame, obs


def _delivery_message(rows: Sequence[dict[str, object]], delivered: set[tuple[object, ...]]) -> str:
    """The log message of an accepted delivery: its rows new, or changed where a value for the
    key was stored before (a correction); ``delivered`` gains the rows' keys."""
    keys = [(row["indicator_id"], row["part_id"], row["period"]) for row in rows]
    changed = sum(key in delivered for key in keys)
    delivered.update(keys)
    counts = {"new": len(keys) - changed, "changed": changed, "unchanged": 0}
    return accepted_message({FIGURES: counts})


def _row(series: _Series, period: str, value: float, flag: str, note: str | None) -> dict:
    return {
        "indicator_id": series.indicator.indicator_id,
        "part_id": series.part_id,
        "period": period,
        "value": value,
        "flag": flag,
        "note": note,
    }


def _import_example_catalogue(cur: duckdb.DuckDBPyConnection) -> None:
    """The example workbook, through the catalogue import a ministry's own workbook takes, in
    the transaction on ``cur``."""
    result = import_catalogue_into(
        cur, EXAMPLE_WORKBOOK, actor=DEMO_ACTOR, clock=CATALOGUE_RECORDED_AT
    )
    if not result.accepted:
        # Our own file, checked by the tests: refused means the example and the rules disagree.
        codes = ", ".join(sorted({problem.code for problem in result.problems}))
        raise RuntimeError(f"the example workbook {EXAMPLE_WORKBOOK} was refused: {codes}")


def _revise_target(cur: duckdb.DuckDBPyConnection, targets: pd.DataFrame) -> None:
    """The storyline ``REVISED_TARGET``: a new version of one target row, with its reason, as a
    catalogue import of its own."""
    indicator_id, part_id = REVISED_TARGET
    row = targets[(targets["indicator_id"] == indicator_id) & (targets["part_id"] == part_id)]
    revised = row.assign(**REVISED_TARGET_VALUES, reason=REVISED_TARGET_REASON)
    import_id = insert_catalogue_import(
        cur,
        actor=DEMO_ACTOR,
        file_name=REVISED_TARGET_FILE_NAME,
        sha256=hashlib.sha256(revised.to_csv(index=False).encode()).hexdigest(),
        at=REVISED_TARGET_AT,
        rows=len(revised),
        message=counts_message(changed=len(revised)),
    )
    insert_target_versions(cur, revised, recorded_at=REVISED_TARGET_AT, import_id=import_id)


def load_demo(con: duckdb.DuckDBPyConnection, *, seed: int, clock: datetime) -> None:
    """Insert the demo data set into a database holding the structure, in one transaction.

    The catalogue comes from the example workbook (``data/examples/voorbeeldcatalogus.xlsx``)
    through the real catalogue import, recorded at ``CATALOGUE_RECORDED_AT``; the generated
    targets, the deliveries and the observations follow, then the action reports and duiding
    (``data.demo_actions``), with import ids after all of those.
    """
    # Imported here: data.demo_actions builds on this module's seeding helpers.
    from data.demo_actions import build_demo_actions, record_demo_actions

    demo = build_demo(seed=seed, clock=clock)
    actions = build_demo_actions(seed=seed, clock=clock)
    frames = {
        "imports": demo.imports,
        "observations": demo.observations,
    }
    with transaction(con) as cur:
        _import_example_catalogue(cur)
        # The targets, known from the start of the strategy's period (before the first
        # delivery), as one seed import: generated from the seed, not a file.
        import_id = insert_catalogue_import(
            cur,
            actor=DEMO_ACTOR,
            file_name=TARGETS_FILE_NAME,
            sha256=hashlib.sha256(demo.targets.to_csv(index=False).encode()).hexdigest(),
            at=CATALOGUE_RECORDED_AT,
            rows=len(demo.targets),
            outcome="seed",
            message=counts_message(new=len(demo.targets)),
        )
        insert_target_versions(
            cur, demo.targets, recorded_at=CATALOGUE_RECORDED_AT, import_id=import_id
        )
        offset = import_id
        frames["imports"] = demo.imports.assign(import_id=demo.imports["import_id"] + offset)
        frames["observations"] = demo.observations.assign(
            import_id=demo.observations["import_id"] + offset
        )
        for table, frame in frames.items():
            # Registered on the transaction's cursor, so closing it drops them, however it ends.
            cur.register(f"demo_{table}", frame)
            columns = ", ".join(frame.columns)
            # Table and column names come from this module's frames, never from input.
            cur.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM demo_{table}")
        if clock > REVISED_TARGET_AT:
            _revise_target(cur, demo.targets)
        record_demo_actions(cur, actions)
        cur.execute(
            """
            INSERT OR REPLACE INTO meta (key, value)
            VALUES ('is_demo', 'true'), ('demo_seed', ?), ('demo_clock', ?)
            """,
            [str(seed), clock.isoformat(timespec="seconds")],
        )

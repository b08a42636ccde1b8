"""Schema version 1 as main created it before the catalogue became versioned data (commit
c8838d9), frozen as text: the upgrade test builds a version 1 file with it, through the same
kind of statements that made real files, rather than copying a binary fixture in."""

from __future__ import annotations

V1_STATEMENTS: tuple[str, ...] = (
    """
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY CHECK (length(key) > 0),
    value VARCHAR NOT NULL
)
""",
    """
CREATE TABLE IF NOT EXISTS objectives (
    objective_id VARCHAR PRIMARY KEY CHECK (regexp_full_match(objective_id, 'O[0-9]+')),
    name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
    name_en VARCHAR NOT NULL CHECK (length(name_en) > 0),
    sort_order INTEGER NOT NULL UNIQUE
)
""",
    """
CREATE TABLE IF NOT EXISTS action_lines (
    action_line_id VARCHAR PRIMARY KEY
        CHECK (regexp_full_match(action_line_id, 'AL[0-9]{2}')),
    objective_id VARCHAR NOT NULL REFERENCES objectives (objective_id),
    name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
    name_en VARCHAR NOT NULL CHECK (length(name_en) > 0),
    sort_order INTEGER NOT NULL UNIQUE
)
""",
    """
CREATE TABLE IF NOT EXISTS themes (
    theme_id VARCHAR PRIMARY KEY CHECK (regexp_full_match(theme_id, 'T[0-9]+')),
    name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
    name_en VARCHAR NOT NULL CHECK (length(name_en) > 0),
    sort_order INTEGER NOT NULL UNIQUE
)
""",
    """
CREATE TABLE IF NOT EXISTS theme_action_lines (
    theme_id VARCHAR NOT NULL REFERENCES themes (theme_id),
    action_line_id VARCHAR NOT NULL REFERENCES action_lines (action_line_id),
    PRIMARY KEY (theme_id, action_line_id)
)
""",
    """
CREATE TABLE IF NOT EXISTS priorities (
    priority_id VARCHAR PRIMARY KEY,
    action_line_id VARCHAR NOT NULL REFERENCES action_lines (action_line_id),
    letter VARCHAR NOT NULL CHECK (regexp_full_match(letter, '[A-Z]')),
    scope VARCHAR NOT NULL CHECK (scope IN ('kingdom', 'eur_nl', 'caribbean', 'caribbean_countries', 'caribbean_nl')),
    summary_en VARCHAR NOT NULL CHECK (length(summary_en) > 0),
    summary_nl VARCHAR,
    UNIQUE (action_line_id, letter),
    CHECK (priority_id = action_line_id || '-' || letter)
)
""",
    """
CREATE TABLE IF NOT EXISTS interests (
    interest_id VARCHAR PRIMARY KEY CHECK (regexp_full_match(interest_id, 'I[0-9]+')),
    name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
    name_en VARCHAR NOT NULL CHECK (length(name_en) > 0)
)
""",
    """
CREATE TABLE IF NOT EXISTS kingdom_parts (
    part_id VARCHAR PRIMARY KEY CHECK (regexp_full_match(part_id, '[A-Z][A-Z_-]*')),
    parent_id VARCHAR,
    level VARCHAR NOT NULL CHECK (level IN ('kingdom', 'part', 'entity')),
    name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
    name_en VARCHAR NOT NULL CHECK (length(name_en) > 0),
    regime VARCHAR NOT NULL,
    population BIGINT CHECK (population > 0),
    sort_order INTEGER NOT NULL UNIQUE,
    CHECK ((level = 'kingdom') = (parent_id IS NULL)),
    CHECK (level <> 'entity' OR population IS NOT NULL)
)
""",
    """
CREATE TABLE IF NOT EXISTS indicators (
    indicator_id VARCHAR PRIMARY KEY
        CHECK (regexp_full_match(indicator_id, 'IND-[0-9]{4}')),
    action_line_id VARCHAR NOT NULL REFERENCES action_lines (action_line_id),
    name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
    name_en VARCHAR NOT NULL CHECK (length(name_en) > 0),
    definition_nl VARCHAR,
    definition_en VARCHAR,
    unit VARCHAR NOT NULL CHECK (length(unit) > 0),
    direction VARCHAR NOT NULL CHECK (direction IN ('up', 'down')),
    target_type VARCHAR NOT NULL CHECK (target_type IN ('reach', 'maintain_min', 'maintain_max', 'none')),
    method VARCHAR NOT NULL DEFAULT 'linear' CHECK (method IN ('linear', 'cagr')),
    frequency VARCHAR NOT NULL CHECK (frequency IN ('quarterly', 'biannual', 'annual', 'biennial')),
    source VARCHAR NOT NULL CHECK (length(source) > 0),
    owner VARCHAR NOT NULL CHECK (length(owner) > 0),
    aggregation VARCHAR NOT NULL CHECK (aggregation IN ('sum', 'population_weighted_mean', 'none')),
    decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 6),
    valid_min DOUBLE CHECK (valid_min IS NULL OR isfinite(valid_min)),
    valid_max DOUBLE CHECK (valid_max IS NULL OR isfinite(valid_max)),
    reference VARCHAR,
    CHECK (valid_min IS NULL OR valid_max IS NULL OR valid_min < valid_max)
)
""",
    """
CREATE TABLE IF NOT EXISTS indicator_scope (
    indicator_id VARCHAR NOT NULL REFERENCES indicators (indicator_id),
    part_id VARCHAR NOT NULL REFERENCES kingdom_parts (part_id),
    PRIMARY KEY (indicator_id, part_id)
)
""",
    """
CREATE TABLE IF NOT EXISTS targets (
    indicator_id VARCHAR NOT NULL REFERENCES indicators (indicator_id),
    part_id VARCHAR NOT NULL REFERENCES kingdom_parts (part_id),
    baseline_period VARCHAR NOT NULL CHECK (regexp_full_match(baseline_period, '[0-9]{4}Q[1-4]')),
    baseline_value DOUBLE CHECK (baseline_value IS NULL OR isfinite(baseline_value)),
    target_period VARCHAR NOT NULL CHECK (regexp_full_match(target_period, '[0-9]{4}Q[1-4]')),
    target_value DOUBLE CHECK (target_value IS NULL OR isfinite(target_value)),
    PRIMARY KEY (indicator_id, part_id),
    CHECK (target_period > baseline_period)
)
""",
    """
CREATE TABLE IF NOT EXISTS imports (
    import_id BIGINT PRIMARY KEY CHECK (import_id > 0),
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    user_name VARCHAR NOT NULL CHECK (length(user_name) > 0),
    file_name VARCHAR NOT NULL CHECK (length(file_name) > 0),
    sha256 VARCHAR NOT NULL CHECK (regexp_full_match(sha256, '[0-9a-f]{64}')),
    rows_accepted INTEGER NOT NULL CHECK (rows_accepted >= 0),
    rows_rejected INTEGER NOT NULL CHECK (rows_rejected >= 0),
    outcome VARCHAR NOT NULL CHECK (outcome IN ('accepted', 'rejected', 'seed')),
    message VARCHAR,
    CHECK (finished_at >= started_at)
)
""",
    """
CREATE TABLE IF NOT EXISTS observations (
    observation_id BIGINT PRIMARY KEY CHECK (observation_id > 0),
    indicator_id VARCHAR NOT NULL REFERENCES indicators (indicator_id),
    part_id VARCHAR NOT NULL REFERENCES kingdom_parts (part_id),
    period VARCHAR NOT NULL CHECK (regexp_full_match(period, '[0-9]{4}Q[1-4]')),
    value DOUBLE NOT NULL CHECK (isfinite(value)),
    flag VARCHAR NOT NULL DEFAULT 'none' CHECK (flag IN ('none', 'provisional', 'estimated', 'break')),
    note VARCHAR CHECK (note IS NULL OR length(note) <= 1000),
    recorded_at TIMESTAMP NOT NULL,
    import_id BIGINT NOT NULL REFERENCES imports (import_id),
    UNIQUE (indicator_id, part_id, period, recorded_at)
)
""",
    """
CREATE TABLE IF NOT EXISTS current_assessment (
    as_of VARCHAR NOT NULL CHECK (regexp_full_match(as_of, '[0-9]{4}Q[1-4]')),
    indicator_id VARCHAR NOT NULL,
    part_id VARCHAR NOT NULL,
    is_derived BOOLEAN NOT NULL,
    latest_period VARCHAR CHECK (latest_period IS NULL OR latest_period <= as_of),
    latest_value DOUBLE,
    latest_flag VARCHAR CHECK (latest_flag IN ('none', 'provisional', 'estimated', 'break')),
    baseline_period VARCHAR NOT NULL CHECK (regexp_full_match(baseline_period, '[0-9]{4}Q[1-4]')),
    baseline_value DOUBLE,
    target_period VARCHAR NOT NULL CHECK (regexp_full_match(target_period, '[0-9]{4}Q[1-4]')),
    target_value DOUBLE,
    target_type VARCHAR NOT NULL CHECK (target_type IN ('reach', 'maintain_min', 'maintain_max', 'none')),
    direction VARCHAR NOT NULL CHECK (direction IN ('up', 'down')),
    method VARCHAR NOT NULL CHECK (method IN ('linear', 'cagr')),
    method_used VARCHAR,
    expected_value DOUBLE,
    progress_share DOUBLE,
    time_share DOUBLE,
    ratio DOUBLE,
    status VARCHAR NOT NULL CHECK (status IN ('achieved', 'on_track', 'moderate', 'limited', 'deterioration', 'insufficient_data', 'no_target')),
    required_pace_per_year DOUBLE,
    stale BOOLEAN NOT NULL,
    provisional BOOLEAN NOT NULL,
    method_fallback BOOLEAN NOT NULL,
    series_break BOOLEAN NOT NULL,
    n_observations BIGINT NOT NULL CHECK (n_observations >= 0),
    slope_per_year DOUBLE,
    projected_value DOUBLE,
    projected_meets BOOLEAN,
    trend_class VARCHAR,
    PRIMARY KEY (as_of, indicator_id, part_id)
)
""",
    """
CREATE OR REPLACE VIEW part_tree AS
WITH RECURSIVE tree AS (
    -- every part with itself, then each part above it
    SELECT
        part_id,
        part_id AS ancestor_id,
        0 AS depth
    FROM kingdom_parts
    UNION ALL
    SELECT
        tree.part_id,
        kingdom_parts.parent_id AS ancestor_id,
        tree.depth + 1 AS depth
    FROM tree
    INNER JOIN kingdom_parts ON kingdom_parts.part_id = tree.ancestor_id
    WHERE kingdom_parts.parent_id IS NOT NULL
)

SELECT
    part_id,
    ancestor_id,
    depth
FROM tree
""",
)

"""The database schema as code, applied by the idempotent ``ensure_schema(con)``.

Every table carries its primary key, NOT NULL and CHECK constraints, so a bad row is refused by the
database itself and not only by the code that writes it. The vocabularies the CHECKs list come from
``metrics.constants``, the period pattern from ``metrics.periods``.

Tables
------
meta                 key/value facts about the data set: schema version, whether it is demo data
objectives           the strategy's three main objectives
action_lines         the twelve action lines, each under one objective
themes               the seven threat themes; ``theme_action_lines`` links them to action lines
priorities           the lettered priorities of each action line, with the part they cover
interests            the six national security interests
kingdom_parts        Kingdom -> parts -> entities in one table, with population for weighting
indicators           what is measured, how it is assessed and by whom
indicator_scope      where an indicator is reported directly: entities, or the Kingdom itself
targets              baseline and target per indicator and part or entity (KINGDOM row = default)
imports              every import attempt, accepted or rejected, with checksum and counts
observations         append-only versions of values; the newest version recorded <= a vintage counts
action_reports       append-only versions of action reports: priority x part x quarter, a status,
                     expected completion, responsible organisation, narrative, milestones
narratives           append-only versions of the duiding: action line x part x quarter, a text
current_assessment   derived: ``data.assessment.assess`` for the latest quarter with data and the
                     one before, current vintage, rewritten by every writer (``data.store.writer``)
access_grants        append-only changes of who holds which role (``data.access_schema``)
import_identities    how each import's user was identified, and the provider's subject

Views
-----
part_tree            every Kingdom part or entity with itself and each part above it:
                     ``(part_id, ancestor_id, depth)``, depth 0 for itself. The one SQL home of
                     "what sits under a part" (``metrics.hierarchy`` is the same rule in Python)
priority_parts       where a report on a priority may come from (``data.action_scope``)
priority_reporters   who owes a report on a priority each quarter (``data.action_scope``)
current_access       the roles in force (``data.access_schema``)
"""

from __future__ import annotations

import textwrap

import duckdb

from data.access_schema import ACCESS_TABLES, ACCESS_VIEWS
from data.action_scope import ACTION_SCOPE_VIEWS
from data.catalogue_columns import WORKBOOK_INDICATOR_COLUMNS, WORKBOOK_TARGET_COLUMNS
from data.schema_upgrade import needs_upgrade, upgrade_from_v1
from data.sql import cursor, transaction
from data.versions import newest_versions_sql
from metrics.constants import (
    ACTION_STATUSES,
    AGGREGATIONS,
    DIRECTIONS,
    FREQUENCIES,
    METHODS,
    OBSERVATION_FLAGS,
    STATUSES,
    TARGET_TYPES,
)
from metrics.periods import PERIOD_PATTERN

__all__ = [
    "ACTION_REPORT_COLUMNS",
    "ACTION_REPORT_KEY",
    "AGGREGATIONS",
    "DIRECTIONS",
    "FLAGS",
    "FREQUENCIES",
    "IMPORT_KINDS",
    "IMPORT_OUTCOMES",
    "INDICATOR_COLUMNS",
    "LEVELS",
    "MACROS",
    "MAX_NARRATIVE_CHARS",
    "MAX_RESPONSIBLE_CHARS",
    "METHODS",
    "NARRATIVE_COLUMNS",
    "NARRATIVE_KEY",
    "PRIORITY_SCOPES",
    "SCHEMA_VERSION",
    "TABLES",
    "TARGET_COLUMNS",
    "TARGET_TYPES",
    "VIEWS",
    "ensure_schema",
    "schema_is_current",
]

SCHEMA_VERSION = "4"
# The longest narrative (of an action report, or a duiding) and responsible organisation stored.
MAX_NARRATIVE_CHARS = 2000
MAX_RESPONSIBLE_CHARS = 200

LEVELS = ("kingdom", "part", "entity")
# The methodology's vocabularies are defined in metrics.constants and only re-exported here.
FLAGS = OBSERVATION_FLAGS
PRIORITY_SCOPES = ("kingdom", "eur_nl", "caribbean", "caribbean_countries", "caribbean_nl")
IMPORT_OUTCOMES = ("accepted", "rejected", "seed")
# What an import brought: quarter figures, or catalogue settings (indicators, baselines, targets).
IMPORT_KINDS = ("observations", "catalogue")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    # Values come from the constants above, never from input.
    listed = ", ".join(f"'{value}'" for value in values)
    return f"CHECK ({column} IN ({listed}))"


def _period_match(column: str) -> str:
    return f"regexp_full_match({column}, '{PERIOD_PATTERN}')"


def _period(column: str) -> str:
    return f"CHECK ({_period_match(column)})"


_STATEMENTS: tuple[tuple[str, str], ...] = (
    (
        "meta",
        """
        CREATE TABLE IF NOT EXISTS meta (
            key VARCHAR PRIMARY KEY CHECK (length(key) > 0),
            value VARCHAR NOT NULL
        )""",
    ),
    (
        "objectives",
        """
        CREATE TABLE IF NOT EXISTS objectives (
            objective_id VARCHAR PRIMARY KEY CHECK (regexp_full_match(objective_id, 'O[0-9]+')),
            name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
            name_en VARCHAR NOT NULL CHECK (length(name_en) > 0),
            sort_order INTEGER NOT NULL UNIQUE
        )""",
    ),
    (
        "action_lines",
        """
        CREATE TABLE IF NOT EXISTS action_lines (
            action_line_id VARCHAR PRIMARY KEY
                CHECK (regexp_full_match(action_line_id, 'AL[0-9]{2}')),
            objective_id VARCHAR NOT NULL REFERENCES objectives (objective_id),
            name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
            name_en VARCHAR NOT NULL CHECK (length(name_en) > 0),
            sort_order INTEGER NOT NULL UNIQUE
        )""",
    ),
    (
        "themes",
        """
        CREATE TABLE IF NOT EXISTS themes (
            theme_id VARCHAR PRIMARY KEY CHECK (regexp_full_match(theme_id, 'T[0-9]+')),
            name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
            name_en VARCHAR NOT NULL CHECK (length(name_en) > 0),
            sort_order INTEGER NOT NULL UNIQUE
        )""",
    ),
    (
        "theme_action_lines",
        """
        CREATE TABLE IF NOT EXISTS theme_action_lines (
            theme_id VARCHAR NOT NULL REFERENCES themes (theme_id),
            action_line_id VARCHAR NOT NULL REFERENCES action_lines (action_line_id),
            PRIMARY KEY (theme_id, action_line_id)
        )""",
    ),
    (
        "priorities",
        f"""
        CREATE TABLE IF NOT EXISTS priorities (
            priority_id VARCHAR PRIMARY KEY,
            action_line_id VARCHAR NOT NULL REFERENCES action_lines (action_line_id),
            letter VARCHAR NOT NULL CHECK (regexp_full_match(letter, '[A-Z]')),
            scope VARCHAR NOT NULL {_one_of("scope", PRIORITY_SCOPES)},
            summary_en VARCHAR NOT NULL CHECK (length(summary_en) > 0),
            summary_nl VARCHAR,
            UNIQUE (action_line_id, letter),
            CHECK (priority_id = action_line_id || '-' || letter)
        )""",
    ),
    (
        "interests",
        """
        CREATE TABLE IF NOT EXISTS interests (
            interest_id VARCHAR PRIMARY KEY CHECK (regexp_full_match(interest_id, 'I[0-9]+')),
            name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
            name_en VARCHAR NOT NULL CHECK (length(name_en) > 0)
        )""",
    ),
    (
        "kingdom_parts",
        # parent_id is checked against the level, not by a self-referencing foreign key: DuckDB
        # checks a multi-row insert's foreign keys before any of its rows exist.
        f"""
        CREATE TABLE IF NOT EXISTS kingdom_parts (
            part_id VARCHAR PRIMARY KEY CHECK (regexp_full_match(part_id, '[A-Z][A-Z_-]*')),
            parent_id VARCHAR,
            level VARCHAR NOT NULL {_one_of("level", LEVELS)},
            name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
            name_en VARCHAR NOT NULL CHECK (length(name_en) > 0),
            regime VARCHAR NOT NULL,
            population BIGINT CHECK (population > 0),
            sort_order INTEGER NOT NULL UNIQUE,
            CHECK ((level = 'kingdom') = (parent_id IS NULL)),
            CHECK (level <> 'entity' OR population IS NOT NULL)
        )""",
    ),
    (
        "imports",
        f"""
        CREATE TABLE IF NOT EXISTS imports (
            import_id BIGINT PRIMARY KEY CHECK (import_id > 0),
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP NOT NULL,
            user_name VARCHAR NOT NULL CHECK (length(user_name) > 0),
            file_name VARCHAR NOT NULL CHECK (length(file_name) > 0),
            sha256 VARCHAR NOT NULL CHECK (regexp_full_match(sha256, '[0-9a-f]{{64}}')),
            rows_accepted INTEGER NOT NULL CHECK (rows_accepted >= 0),
            rows_rejected INTEGER NOT NULL CHECK (rows_rejected >= 0),
            outcome VARCHAR NOT NULL {_one_of("outcome", IMPORT_OUTCOMES)},
            kind VARCHAR NOT NULL DEFAULT 'observations' {_one_of("kind", IMPORT_KINDS)},
            message VARCHAR,
            CHECK (finished_at >= started_at)
        )""",
    ),
    (
        "indicator_registry",
        # Every indicator id ever made, so that observations and versions can reference it; the
        # indicator's settings are its versions. An indicator is retired, never deleted.
        """
        CREATE TABLE IF NOT EXISTS indicator_registry (
            indicator_id VARCHAR PRIMARY KEY
                CHECK (regexp_full_match(indicator_id, 'IND-[0-9]{4}'))
        )""",
    ),
    (
        "indicator_versions",
        f"""
        CREATE TABLE IF NOT EXISTS indicator_versions (
            version_id BIGINT PRIMARY KEY CHECK (version_id > 0),
            indicator_id VARCHAR NOT NULL REFERENCES indicator_registry (indicator_id),
            action_line_id VARCHAR NOT NULL REFERENCES action_lines (action_line_id),
            name_nl VARCHAR NOT NULL CHECK (length(name_nl) > 0),
            name_en VARCHAR NOT NULL CHECK (length(name_en) > 0),
            definition_nl VARCHAR,
            definition_en VARCHAR,
            unit_nl VARCHAR NOT NULL CHECK (length(unit_nl) > 0),
            unit_en VARCHAR NOT NULL CHECK (length(unit_en) > 0),
            direction VARCHAR NOT NULL {_one_of("direction", DIRECTIONS)},
            target_type VARCHAR NOT NULL {_one_of("target_type", TARGET_TYPES)},
            method VARCHAR NOT NULL {_one_of("method", METHODS)},
            frequency VARCHAR NOT NULL {_one_of("frequency", FREQUENCIES)},
            aggregation VARCHAR NOT NULL {_one_of("aggregation", AGGREGATIONS)},
            decimals INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 6),
            valid_min DOUBLE CHECK (valid_min IS NULL OR isfinite(valid_min)),
            valid_max DOUBLE CHECK (valid_max IS NULL OR isfinite(valid_max)),
            scope VARCHAR[] NOT NULL CHECK (len(scope) > 0),
            source VARCHAR NOT NULL CHECK (length(source) > 0),
            owner VARCHAR NOT NULL CHECK (length(owner) > 0),
            reference VARCHAR,
            retired_from VARCHAR CHECK (retired_from IS NULL OR {_period_match("retired_from")}),
            reason VARCHAR,
            recorded_at TIMESTAMP NOT NULL,
            import_id BIGINT NOT NULL REFERENCES imports (import_id),
            UNIQUE (indicator_id, recorded_at),
            CHECK (valid_min IS NULL OR valid_max IS NULL OR valid_min < valid_max)
        )""",
    ),
    (
        "target_versions",
        # A removed target is a version with ``removed`` set (and its periods empty): the row
        # before it stays, for every vintage before the removal.
        f"""
        CREATE TABLE IF NOT EXISTS target_versions (
            version_id BIGINT PRIMARY KEY CHECK (version_id > 0),
            indicator_id VARCHAR NOT NULL REFERENCES indicator_registry (indicator_id),
            part_id VARCHAR NOT NULL REFERENCES kingdom_parts (part_id),
            baseline_period VARCHAR
                CHECK (baseline_period IS NULL OR {_period_match("baseline_period")}),
            baseline_value DOUBLE CHECK (baseline_value IS NULL OR isfinite(baseline_value)),
            target_period VARCHAR
                CHECK (target_period IS NULL OR {_period_match("target_period")}),
            target_value DOUBLE CHECK (target_value IS NULL OR isfinite(target_value)),
            removed BOOLEAN NOT NULL DEFAULT false,
            reason VARCHAR,
            recorded_at TIMESTAMP NOT NULL,
            import_id BIGINT NOT NULL REFERENCES imports (import_id),
            UNIQUE (indicator_id, part_id, recorded_at),
            CHECK (
                removed
                OR (
                    baseline_period IS NOT NULL
                    AND target_period IS NOT NULL
                    AND target_period > baseline_period
                )
            )
        )""",
    ),
    (
        "observations",
        f"""
        CREATE TABLE IF NOT EXISTS observations (
            observation_id BIGINT PRIMARY KEY CHECK (observation_id > 0),
            indicator_id VARCHAR NOT NULL REFERENCES indicator_registry (indicator_id),
            part_id VARCHAR NOT NULL REFERENCES kingdom_parts (part_id),
            period VARCHAR NOT NULL {_period("period")},
            value DOUBLE NOT NULL CHECK (isfinite(value)),
            flag VARCHAR NOT NULL DEFAULT 'none' {_one_of("flag", FLAGS)},
            note VARCHAR CHECK (note IS NULL OR length(note) <= 1000),
            recorded_at TIMESTAMP NOT NULL,
            import_id BIGINT NOT NULL REFERENCES imports (import_id),
            UNIQUE (indicator_id, part_id, period, recorded_at)
        )""",
    ),
    (
        "action_reports",
        # One version of what a reporter says about a priority for a quarter. Milestones are
        # (quarter, text) pairs; narrative_en is the English version where one was written.
        f"""
        CREATE TABLE IF NOT EXISTS action_reports (
            report_id BIGINT PRIMARY KEY CHECK (report_id > 0),
            priority_id VARCHAR NOT NULL REFERENCES priorities (priority_id),
            part_id VARCHAR NOT NULL REFERENCES kingdom_parts (part_id),
            period VARCHAR NOT NULL {_period("period")},
            status VARCHAR NOT NULL {_one_of("status", ACTION_STATUSES)},
            expected_completion VARCHAR
                CHECK (expected_completion IS NULL OR {_period_match("expected_completion")}),
            responsible VARCHAR
                CHECK (responsible IS NULL OR length(responsible) <= {MAX_RESPONSIBLE_CHARS}),
            narrative VARCHAR
                CHECK (narrative IS NULL OR length(narrative) <= {MAX_NARRATIVE_CHARS}),
            narrative_en VARCHAR
                CHECK (narrative_en IS NULL OR length(narrative_en) <= {MAX_NARRATIVE_CHARS}),
            milestones STRUCT(quarter VARCHAR, text VARCHAR)[],
            recorded_at TIMESTAMP NOT NULL,
            import_id BIGINT NOT NULL REFERENCES imports (import_id),
            UNIQUE (priority_id, part_id, period, recorded_at)
        )""",
    ),
    (
        "narratives",
        # The duiding: the policy team's account of where an action line stands for a part.
        f"""
        CREATE TABLE IF NOT EXISTS narratives (
            narrative_id BIGINT PRIMARY KEY CHECK (narrative_id > 0),
            action_line_id VARCHAR NOT NULL REFERENCES action_lines (action_line_id),
            part_id VARCHAR NOT NULL REFERENCES kingdom_parts (part_id),
            period VARCHAR NOT NULL {_period("period")},
            text VARCHAR NOT NULL
                CHECK (length(text) > 0 AND length(text) <= {MAX_NARRATIVE_CHARS}),
            text_en VARCHAR
                CHECK (text_en IS NULL OR length(text_en) <= {MAX_NARRATIVE_CHARS}),
            recorded_at TIMESTAMP NOT NULL,
            import_id BIGINT NOT NULL REFERENCES imports (import_id),
            UNIQUE (action_line_id, part_id, period, recorded_at)
        )""",
    ),
    (
        "current_assessment",
        # A copy of data.assessment.ASSESSMENT_COLUMNS per as-of quarter, kept without foreign
        # keys: it is rebuilt whole by the writer, after the tables it is derived from.
        f"""
        CREATE TABLE IF NOT EXISTS current_assessment (
            as_of VARCHAR NOT NULL {_period("as_of")},
            indicator_id VARCHAR NOT NULL,
            part_id VARCHAR NOT NULL,
            is_derived BOOLEAN NOT NULL,
            latest_period VARCHAR CHECK (latest_period IS NULL OR latest_period <= as_of),
            latest_value DOUBLE,
            latest_flag VARCHAR {_one_of("latest_flag", FLAGS)},
            baseline_period VARCHAR NOT NULL {_period("baseline_period")},
            baseline_value DOUBLE,
            target_period VARCHAR NOT NULL {_period("target_period")},
            target_value DOUBLE,
            target_type VARCHAR NOT NULL {_one_of("target_type", TARGET_TYPES)},
            direction VARCHAR NOT NULL {_one_of("direction", DIRECTIONS)},
            method VARCHAR NOT NULL {_one_of("method", METHODS)},
            method_used VARCHAR,
            expected_value DOUBLE,
            progress_share DOUBLE,
            time_share DOUBLE,
            ratio DOUBLE,
            status VARCHAR NOT NULL {_one_of("status", STATUSES)},
            required_pace_per_year DOUBLE,
            stale BOOLEAN NOT NULL,
            provisional BOOLEAN NOT NULL,
            method_fallback BOOLEAN NOT NULL,
            series_break BOOLEAN NOT NULL,
            target_reversed BOOLEAN NOT NULL,
            target_changed_at TIMESTAMP,
            n_observations BIGINT NOT NULL CHECK (n_observations >= 0),
            slope_per_year DOUBLE,
            projected_value DOUBLE,
            projected_meets BOOLEAN,
            trend_class VARCHAR,
            PRIMARY KEY (as_of, indicator_id, part_id)
        )""",
    ),
    *ACCESS_TABLES,
)

TABLES: tuple[str, ...] = tuple(name for name, _ in _STATEMENTS)

_VIEWS: tuple[tuple[str, str], ...] = (
    (
        "part_tree",
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
        FROM tree""",
    ),
    *ACTION_SCOPE_VIEWS,
    *ACCESS_VIEWS,
)


# The catalogue as known at a vintage (NULL: everything recorded so far), one home each: the
# newest version per key of data.versions, as table macros so that the engine, the exports and
# the pages ask the same question. The current catalogue is the views below, at NULL.
# A version's settings: the workbook's columns (data.catalogue_columns, the one list) after the
# key, then why and from which import.
INDICATOR_COLUMNS: tuple[str, ...] = (
    *(column for column in WORKBOOK_INDICATOR_COLUMNS if column != "indicator_id"),
    "reason",
    "import_id",
)
TARGET_COLUMNS: tuple[str, ...] = (
    *(
        column
        for column in WORKBOOK_TARGET_COLUMNS
        if column not in ("indicator_id", "part_id", "reason")
    ),
    "removed",
    "reason",
    "import_id",
)


def _indented(sql: str) -> str:
    return textwrap.indent(sql, "        ")


# An action report's and a duiding's key, and their settings after it.
ACTION_REPORT_KEY: tuple[str, ...] = ("priority_id", "part_id", "period")
NARRATIVE_KEY: tuple[str, ...] = ("action_line_id", "part_id", "period")
ACTION_REPORT_COLUMNS: tuple[str, ...] = (
    "status",
    "expected_completion",
    "responsible",
    "narrative",
    "narrative_en",
    "milestones",
    "import_id",
)
NARRATIVE_COLUMNS: tuple[str, ...] = ("text", "text_en", "import_id")

_NEWEST_INDICATORS = newest_versions_sql(
    "indicator_versions", key=("indicator_id",), columns=INDICATOR_COLUMNS, vintage="vintage"
)
_NEWEST_TARGETS = newest_versions_sql(
    "target_versions",
    key=("indicator_id", "part_id"),
    columns=TARGET_COLUMNS,
    vintage="vintage",
)


_MACROS: tuple[tuple[str, str], ...] = (
    (
        "indicators_at",
        f"""
        CREATE OR REPLACE MACRO indicators_at(vintage) AS TABLE
{_indented(_NEWEST_INDICATORS)}""",
    ),
    (
        "indicator_scope_at",
        """
        CREATE OR REPLACE MACRO indicator_scope_at(vintage) AS TABLE
        SELECT
            indicator_id,
            unnest(scope) AS part_id
        FROM indicators_at(vintage)""",
    ),
    (
        "targets_at",
        # changed_at: when the version in force was recorded, if an earlier one of the same key
        # existed at the vintage (a change or a removal before it); else NULL.
        f"""
        CREATE OR REPLACE MACRO targets_at(vintage) AS TABLE
        SELECT
            newest.* EXCLUDE (removed),
            CASE WHEN versions.n_versions > 1 THEN newest.recorded_at END AS changed_at
        FROM (
{_indented(_NEWEST_TARGETS)}
        ) AS newest
        INNER JOIN (
            SELECT indicator_id, part_id, count(*) AS n_versions
            FROM target_versions
            WHERE vintage IS NULL OR recorded_at <= vintage
            GROUP BY indicator_id, part_id
        ) AS versions USING (indicator_id, part_id)
        WHERE NOT newest.removed""",
    ),
)

_NEWEST_ACTION_REPORTS = newest_versions_sql(
    "action_reports",
    key=ACTION_REPORT_KEY,
    columns=ACTION_REPORT_COLUMNS,
    vintage="vintage",
)
_NEWEST_NARRATIVES = newest_versions_sql(
    "narratives",
    key=NARRATIVE_KEY,
    columns=NARRATIVE_COLUMNS,
    vintage="vintage",
)
_MACROS += (
    (
        "action_reports_at",
        f"""
        CREATE OR REPLACE MACRO action_reports_at(vintage) AS TABLE
{_indented(_NEWEST_ACTION_REPORTS)}""",
    ),
    (
        "narratives_at",
        f"""
        CREATE OR REPLACE MACRO narratives_at(vintage) AS TABLE
{_indented(_NEWEST_NARRATIVES)}""",
    ),
)

MACROS: tuple[str, ...] = tuple(name for name, _ in _MACROS)

_CATALOGUE_VIEWS: tuple[tuple[str, str], ...] = (
    ("indicators", "CREATE OR REPLACE VIEW indicators AS FROM indicators_at(NULL)"),
    ("indicator_scope", "CREATE OR REPLACE VIEW indicator_scope AS FROM indicator_scope_at(NULL)"),
    ("targets", "CREATE OR REPLACE VIEW targets AS FROM targets_at(NULL)"),
)

VIEWS: tuple[str, ...] = tuple(name for name, _ in (*_VIEWS, *_CATALOGUE_VIEWS))


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table that does not exist yet, (re)create the views and record the schema
    version. Idempotent; upgrades a database made by an earlier version in place."""
    with transaction(con) as cur:
        if needs_upgrade(cur):
            upgrade_from_v1(cur, [statement for _name, statement in _STATEMENTS])
        for _name, statement in (*_STATEMENTS, *_VIEWS, *_MACROS, *_CATALOGUE_VIEWS):
            cur.execute(statement)
        cur.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
            [SCHEMA_VERSION],
        )


_TABLE_NAMES_SQL = "SELECT table_name FROM duckdb_tables()"
_VIEW_NAMES_SQL = "SELECT view_name FROM duckdb_views()"


def schema_is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every table and view of this version exists (read-only; ``init --if-absent`` runs
    ``ensure_schema`` through a writer when it does not, so an older file is upgraded in place)."""
    with cursor(con) as cur:
        tables = {
            name for (name,) in cur.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        views = {name for (name,) in cur.execute("SELECT view_name FROM duckdb_views()").fetchall()}
    with cursor(con) as cur:
        macros = {
            name
            for (name,) in cur.execute(
                "SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro'"
            ).fetchall()
        }
    return set(TABLES) <= tables and set(VIEWS) <= views and set(MACROS) <= macros

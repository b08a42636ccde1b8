"""Issue 11, "Done when": a ministry starts from an empty database and uses the monitor with its
own data, through the command line only.

1. ``python cli.py init`` (no ``--demo``): the strategy's structure, an empty catalogue.
2. ``python cli.py catalogue import catalogus.xlsx``: a workbook written here from scratch with
   openpyxl, as a ministry would (five invented indicators; nothing from the demo or the seed).
3. ``python cli.py import waarnemingen.csv``: the figures, as Dutch Excel saves a CSV (``;``,
   decimal commas, UTF-8 with BOM, CRLF).
4. Every page, in both languages, for the Kingdom and for Curaçao, shows the statuses; the
   assessment and observations exports (standard and excel-nl) carry them.

The series are designed so that their statuses can be worked out by hand with METHOD.md
(linear method; as of 2026Q3). With b the baseline, y* the target, y the latest value,
pL its period: progress share pi = (y - b) / (y* - b); time share tau = t(p0 -> pL) /
t(p0 -> pT); R = pi / tau; on_track R >= 0.95, moderate >= 0.60, limited >= 0, deterioration
below 0; a reached target is achieved; ``maintain_min`` is achieved when y >= y*.

| series | target (row used) | b | y (pL) | worked out | status |
|---|---|---|---|---|---|
| IND-0710 NL, days, down | KINGDOM row: 40 -> 20 | 40 | 29.0 (2026Q3) | pi = 11/20 = 0.55; tau = 14/27; R = 1.060714 | on_track |
| IND-1210 AW, %, up | KINGDOM row: -> 90 | 60 (observed 2023Q1) | 55 | pi = -5/30; R = -0.321429 | deterioration |
| IND-1210 CW, %, up | CW's own row: 40 -> 80 | 40 | 56 | pi = 16/40 = 0.4; R = 0.771429 | moderate |
| IND-1210 SX, %, up | KINGDOM row: -> 90 | 50 (observed 2023Q1) | 58 | pi = 8/40 = 0.2; R = 0.385714 | limited |
| IND-1110 BQ-BO, %, maintain_min | KINGDOM row: 95 | | 97 (2026Q2) | 97 >= 95 | achieved |
| IND-1110 BQ-SE, %, maintain_min | KINGDOM row: 95 | | 93 (2026Q2) | 93 < 95 | deterioration |
| IND-1110 BQ-SA, %, maintain_min | Saba's own row: 90 | | 91 (2026Q2) | 91 >= 90 | achieved |
| IND-0110 KINGDOM, exercises, up, annual | KINGDOM row: 4 (2023Q4) -> 12 | 4 | 6 (2025Q4) | pi = 2/8; tau = 8/24; R = 0.75 | moderate |
| IND-0610 NL, reports, no target | none | | 12 (2026Q3) | | no_target |

(t(p0 -> pL) for 2023Q1 -> 2026Q3 is 14 quarters, 2023Q1 -> 2029Q4 27; the annual series'
2023Q4 -> 2025Q4 is 8 quarters of 24.) The Kingdom's values derived from these (a
population-weighted mean, a sum) are worked out beside ``EXPECTED``.

The database is built once for the module by real processes (marked ``slow``); the pages run
under AppTest on it, with the quarter they open on by default (the data's last, 2026Q3).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import openpyxl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data import sql
from data.action_scope import read_scope_facts
from data.store import open_reader
from ui import pages
from ui.i18n import t
from ui.labels import status_labels
from ui.palette import action_status_text

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026Q3"

pytestmark = pytest.mark.slow

# --- what the ministry writes ------------------------------------------------------------------

# The indicators sheet, in the workbook's column order (issue 11), one dict per indicator.
INDICATORS: tuple[dict[str, object], ...] = (
    {
        "indicator_id": "IND-0710",
        "action_line_id": "AL07",
        "name_nl": "Hersteltijd na cyberincidenten bij vitale aanbieders",
        "name_en": "Recovery time after cyber incidents at critical providers",
        "definition_nl": "Gemiddeld aantal dagen tot volledig herstel na een gemeld incident.",
        "definition_en": "Average number of days to full recovery after a reported incident.",
        "unit_nl": "dagen",
        "unit_en": "days",
        "direction": "down",
        "target_type": "reach",
        "method": "linear",
        "frequency": "quarterly",
        "aggregation": "none",
        "decimals": 1,
        "valid_min": 0,
        "valid_max": 365,
        "scope": "NL",
        "source": "Meldingen vitale aanbieders",
        "owner": "Ministerie van Justitie en Veiligheid",
        "reference": None,
        "retired_from": None,
    },
    {
        "indicator_id": "IND-1210",
        "action_line_id": "AL12",
        "name_nl": "Geoefende crisisfunctionarissen",
        "name_en": "Crisis officials who trained",
        "definition_nl": "Aandeel crisisfunctionarissen dat in de afgelopen twaalf maanden "
        "aan een oefening deelnam.",
        "definition_en": "Share of crisis officials who took part in an exercise in the past "
        "twelve months.",
        "unit_nl": "% van functionarissen",
        "unit_en": "% of officials",
        "direction": "up",
        "target_type": "reach",
        "method": "linear",
        "frequency": "quarterly",
        "aggregation": "population_weighted_mean",
        "decimals": 0,
        "valid_min": 0,
        "valid_max": 100,
        "scope": "AW;CW;SX",
        "source": "Opgave van de landen",
        "owner": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "reference": None,
        "retired_from": None,
    },
    {
        "indicator_id": "IND-1110",
        "action_line_id": "AL11",
        "name_nl": "Bereik van het noodalarm",
        "name_en": "Reach of the emergency alert",
        "definition_nl": "Aandeel inwoners dat een testbericht van het noodalarm ontving.",
        "definition_en": "Share of residents who received a test message of the emergency alert.",
        "unit_nl": "% van inwoners",
        "unit_en": "% of residents",
        "direction": "up",
        "target_type": "maintain_min",
        "method": "linear",
        "frequency": "biannual",
        "aggregation": "population_weighted_mean",
        "decimals": 0,
        "valid_min": 0,
        "valid_max": 100,
        "scope": "BQ-BO;BQ-SE;BQ-SA",
        "source": "Rijksvertegenwoordiger",
        "owner": "Ministerie van Justitie en Veiligheid",
        "reference": None,
        "retired_from": None,
    },
    {
        "indicator_id": "IND-0110",
        "action_line_id": "AL01",
        "name_nl": "Koninkrijksbrede oefeningen",
        "name_en": "Kingdom-wide exercises",
        "definition_nl": "Aantal oefeningen per jaar waaraan alle landen van het Koninkrijk "
        "deelnamen.",
        "definition_en": "Exercises per year in which every country of the Kingdom took part.",
        "unit_nl": "oefeningen",
        "unit_en": "exercises",
        "direction": "up",
        "target_type": "reach",
        "method": "linear",
        "frequency": "annual",
        "aggregation": "none",
        "decimals": 0,
        "valid_min": 0,
        "valid_max": 100,
        "scope": "KINGDOM",
        "source": "Ministerie van Defensie",
        "owner": "Ministerie van Defensie",
        "reference": "4 in 2023",
        "retired_from": None,
    },
    {
        "indicator_id": "IND-0610",
        "action_line_id": "AL06",
        "name_nl": "Meldingen van ongewenste buitenlandse inmenging",
        "name_en": "Reports of unwanted foreign interference",
        "definition_nl": "Aantal meldingen per kwartaal bij het meldpunt.",
        "definition_en": "Reports per quarter to the reporting desk.",
        "unit_nl": "meldingen",
        "unit_en": "reports",
        "direction": "down",
        "target_type": "none",
        "method": "linear",
        "frequency": "quarterly",
        "aggregation": "sum",
        "decimals": 0,
        "valid_min": 0,
        "valid_max": None,
        "scope": "NL;AW;CW;SX",
        "source": "Meldpunt",
        "owner": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "reference": None,
        "retired_from": None,
    },
)

# The targets sheet, with the Dutch header spellings a ministry may use (accepted as aliases):
# indicator, deel, basisperiode, basiswaarde, doelperiode, doelwaarde, reden.
TARGET_HEADER = ("indicator", "deel", "basisperiode", "basiswaarde", "doelperiode", "doelwaarde")
TARGETS: tuple[tuple[object, ...], ...] = (
    # A Kingdom row is the default of every part without its own row.
    ("IND-0710", "KINGDOM", "2023Q1", 40, "2029Q4", 20),
    # No stated baseline: each part's own 2023Q1 value is its baseline.
    ("IND-1210", "KINGDOM", "2023Q1", None, "2029Q4", 90),
    ("IND-1210", "CW", "2023Q1", 40, "2029Q4", 80),
    ("IND-1110", "KINGDOM", "2023Q2", None, "2029Q4", 95),
    ("IND-1110", "BQ-SA", "2023Q2", None, "2029Q4", 90),
    ("IND-0110", "KINGDOM", "2023Q4", 4, "2029Q4", 12),
)

QUARTERS = [f"{year}Q{quarter}" for year in (2023, 2024, 2025, 2026) for quarter in (1, 2, 3, 4)]
QUARTERS = QUARTERS[: QUARTERS.index(AS_OF) + 1]  # 2023Q1 .. 2026Q3: 15 quarters


def _quarterly(*values: float) -> dict[str, float]:
    assert len(values) == len(QUARTERS)
    return dict(zip(QUARTERS, values, strict=True))


# (indicator, part) -> {period: value}: what the ministry reports.
SERIES: dict[tuple[str, str], dict[str, float]] = {
    ("IND-0710", "NL"): _quarterly(
        40, 39.5, 38, 37.5, 36, 35, 34.5, 33, 32, 31.5, 31, 30, 29.5, 29.2, 29
    ),
    ("IND-1210", "AW"): _quarterly(60, 61, 60, 59, 60, 58, 57, 58, 57, 56, 56, 55, 56, 55, 55),
    ("IND-1210", "CW"): _quarterly(40, 41, 43, 44, 45, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56),
    ("IND-1210", "SX"): _quarterly(50, 50, 51, 52, 52, 53, 53, 54, 55, 55, 56, 56, 57, 57, 58),
    ("IND-1110", "BQ-BO"): {
        "2023Q2": 96,
        "2023Q4": 96,
        "2024Q2": 97,
        "2024Q4": 96,
        "2025Q2": 97,
        "2025Q4": 98,
        "2026Q2": 97,
    },
    ("IND-1110", "BQ-SE"): {
        "2023Q2": 95,
        "2023Q4": 96,
        "2024Q2": 95,
        "2024Q4": 94,
        "2025Q2": 94,
        "2025Q4": 93,
        "2026Q2": 93,
    },
    ("IND-1110", "BQ-SA"): {
        "2023Q2": 88,
        "2023Q4": 89,
        "2024Q2": 90,
        "2024Q4": 90,
        "2025Q2": 91,
        "2025Q4": 90,
        "2026Q2": 91,
    },
    ("IND-0110", "KINGDOM"): {"2023Q4": 4, "2024Q4": 5, "2025Q4": 6},
    ("IND-0610", "NL"): _quarterly(20, 18, 21, 19, 17, 18, 16, 15, 17, 14, 15, 13, 14, 12, 12),
    ("IND-0610", "AW"): _quarterly(2, 1, 3, 2, 2, 1, 1, 2, 1, 1, 0, 1, 1, 0, 1),
    ("IND-0610", "CW"): _quarterly(3, 2, 2, 3, 2, 2, 1, 2, 2, 1, 1, 2, 1, 1, 1),
    ("IND-0610", "SX"): _quarterly(1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0),
}
# The latest Dutch figure is a first estimate, with a note that holds the delimiter.
PROVISIONAL = ("IND-0610", "NL", AS_OF)
PROVISIONAL_NOTE = "eerste telling; definitief in Q4"


@dataclass(frozen=True)
class Expected:
    """A series' status as worked out by hand (module docstring), with its figures.

    ``derived``: a part's value worked out from its entities, not a series someone reports (the
    pages' status cards count reported series only)."""

    status: str
    latest_period: str
    latest_value: float
    baseline_value: float | None = None
    target_value: float | None = None
    ratio: float | None = None
    derived: bool = False


EXPECTED: dict[tuple[str, str], Expected] = {
    ("IND-0710", "NL"): Expected("on_track", AS_OF, 29.0, 40.0, 20.0, 1.060714),
    ("IND-1210", "AW"): Expected("deterioration", AS_OF, 55.0, 60.0, 90.0, -0.321429),
    ("IND-1210", "CW"): Expected("moderate", AS_OF, 56.0, 40.0, 80.0, 0.771429),
    ("IND-1210", "SX"): Expected("limited", AS_OF, 58.0, 50.0, 90.0, 0.385714),
    ("IND-1110", "BQ-BO"): Expected("achieved", "2026Q2", 97.0, target_value=95.0),
    ("IND-1110", "BQ-SE"): Expected("deterioration", "2026Q2", 93.0, target_value=95.0),
    ("IND-1110", "BQ-SA"): Expected("achieved", "2026Q2", 91.0, target_value=90.0),
    ("IND-0110", "KINGDOM"): Expected("moderate", "2025Q4", 6.0, 4.0, 12.0, 0.75),
    ("IND-0610", "NL"): Expected("no_target", AS_OF, 12.0),
    ("IND-0610", "AW"): Expected("no_target", AS_OF, 1.0),
    ("IND-0610", "CW"): Expected("no_target", AS_OF, 1.0),
    ("IND-0610", "SX"): Expected("no_target", AS_OF, 0.0),
    # The Kingdom's values derived from its entities, under the Kingdom row's target.
    # IND-1210, population-weighted mean of AW (107,000), CW (156,000), SX (43,000):
    # b = (60*107 + 40*156 + 50*43) / 306 = 48.398693; y = (55*107 + 56*156 + 58*43) / 306 =
    # 55.931373; pi = 7.532680 / 41.601307 = 0.181068; R = 0.349203 -> limited.
    ("IND-1210", "KINGDOM"): Expected(
        "limited", AS_OF, 55.931373, 48.398693, 90.0, 0.349203, derived=True
    ),
    # IND-1110, of BQ-BO (24,000), BQ-SE (3,300), BQ-SA (2,000) at 2026Q2:
    # (97*24 + 93*3.3 + 91*2) / 29.3 = 96.139932 >= 95 -> achieved.
    ("IND-1110", "KINGDOM"): Expected(
        "achieved", "2026Q2", 96.139932, target_value=95.0, derived=True
    ),
    # IND-0610, the sum 12 + 1 + 1 + 0.
    ("IND-0610", "KINGDOM"): Expected("no_target", AS_OF, 14.0, derived=True),
}


def catalogue_workbook(path: Path) -> Path:
    """The ministry's catalogue: Dutch sheet names, the indicators sheet under the contract's
    column names, the targets sheet under Dutch headers, and a sheet of its own notes."""
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "toelichting"
    notes.append(["Catalogus van de directie, versie 1 (ingevuld met de hand)"])
    indicators = workbook.create_sheet("indicatoren")
    columns = list(INDICATORS[0])
    indicators.append(columns)
    for indicator in INDICATORS:
        indicators.append([indicator[column] for column in columns])
    targets = workbook.create_sheet("doelen")
    targets.append([*TARGET_HEADER, "reden"])
    for row in TARGETS:
        targets.append([*row, None])  # new targets need no reason
    workbook.save(path)
    return path


def observations_csv(path: Path) -> Path:
    """The figures as Dutch Excel saves "CSV UTF-8": semicolons, decimal commas, a BOM, CRLF."""
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    out.writerow(["indicator", "deel", "periode", "waarde", "vlag", "toelichting"])
    for (indicator_id, part_id), values in SERIES.items():
        for period, value in values.items():
            provisional = (indicator_id, part_id, period) == PROVISIONAL
            out.writerow(
                [
                    indicator_id,
                    part_id,
                    period,
                    f"{value:g}".replace(".", ","),
                    "voorlopig" if provisional else "",
                    PROVISIONAL_NOTE if provisional else "",
                ]
            )
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


# --- running the command line as the ministry does ----------------------------------------------


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python cli.py ARGS`` as a process, on the database ``db``."""
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *args],
        env={**os.environ, "MONITOR_DB": str(db)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@dataclass(frozen=True)
class Ministry:
    """The database after the ministry's three commands, and what each command said."""

    db: Path
    work: Path
    indicators_after_init: int
    commands: dict[str, subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def ministry(tmp_path_factory: pytest.TempPathFactory) -> Ministry:
    work = tmp_path_factory.mktemp("ministry")
    db = work / "monitor.duckdb"
    commands = {"init": cli(db, "init")}
    assert commands["init"].returncode == 0, commands["init"].stderr
    with contextlib.closing(open_reader(db)) as con:
        indicators_after_init = sql.scalar(con, "SELECT count(*) FROM indicators")
    workbook = catalogue_workbook(work / "catalogus.xlsx")
    commands["catalogue"] = cli(db, "catalogue", "import", str(workbook))
    figures = observations_csv(work / "waarnemingen.csv")
    commands["import"] = cli(db, "import", str(figures))
    return Ministry(db, work, indicators_after_init, commands)


def test_init_starts_empty_and_both_files_are_accepted(ministry):
    assert ministry.indicators_after_init == 0  # no demo, no illustrative catalogue
    for name, done in ministry.commands.items():
        assert done.returncode == 0, f"{name}: {done.stdout}\n{done.stderr}"
    with contextlib.closing(open_reader(ministry.db)) as con:
        catalogue = sql.rows(
            con, "SELECT indicator_id, unit_nl, unit_en, scope FROM indicators ORDER BY 1"
        )
        targets = sql.scalar(con, "SELECT count(*) FROM targets")
        log = sql.rows(
            con, "SELECT kind, file_name, outcome, rows_accepted FROM imports ORDER BY import_id"
        )
    assert [row[0] for row in catalogue] == sorted(i["indicator_id"] for i in INDICATORS)
    assert ("IND-1210", "% van functionarissen", "% of officials", ["AW", "CW", "SX"]) in catalogue
    assert targets == len(TARGETS)
    values = sum(len(series) for series in SERIES.values())
    assert log == [
        ("catalogue", "catalogus.xlsx", "accepted", len(INDICATORS) + len(TARGETS)),
        ("observations", "waarnemingen.csv", "accepted", values),
    ]


# --- the exports --------------------------------------------------------------------------------


def _export(ministry: Ministry, what: str, dialect: str, lang: str = "nl") -> list[dict[str, str]]:
    out = ministry.work / f"{what}-{dialect}-{lang}.csv"
    done = cli(
        ministry.db,
        "export",
        "--quarter",
        AS_OF,
        "--what",
        what,
        "--dialect",
        dialect,
        "--lang",
        lang,
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    assert bom == (dialect == "excel-nl")  # so that Dutch Excel opens it as UTF-8
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if bom else ","))


def _number(text: str, dialect: str) -> float | None:
    if text == "":
        return None
    return float(text.replace(",", ".") if dialect == "excel-nl" else text)


@pytest.mark.parametrize("dialect", ["standard", "excel-nl"])
def test_the_assessment_export_has_the_statuses_worked_out_by_hand(ministry, dialect):
    rows = _export(ministry, "assessment", dialect)
    by_key = {(row["indicator_id"], row["part_id"]): row for row in rows}
    labels = status_labels("nl")
    for key, expected in EXPECTED.items():
        row = by_key[key]
        number = partial(_number, dialect=dialect)
        assert row["status"] == expected.status, key
        assert row["status_label"] == labels[expected.status], key
        assert row["latest_period"] == expected.latest_period, key
        assert number(row["latest_value"]) == pytest.approx(expected.latest_value, abs=1e-6)
        if expected.baseline_value is not None:
            assert number(row["baseline_value"]) == pytest.approx(expected.baseline_value, 1e-6)
        assert number(row["target_value"]) == expected.target_value, key
        if expected.ratio is None:
            assert row["ratio"] == "", key
        else:
            assert number(row["ratio"]) == pytest.approx(expected.ratio, abs=1e-6), key
    # The ministry's own words and units, in the export's language.
    assert by_key[("IND-0710", "NL")]["unit"] == "dagen"
    assert by_key[("IND-1210", "CW")]["indicator_name"] == "Geoefende crisisfunctionarissen"
    assert by_key[("IND-0610", "NL")]["flag"] == "provisional"
    assert {row["status"] for row in rows} - {"insufficient_data"} == {
        expected.status for expected in EXPECTED.values()
    }


@pytest.mark.parametrize("dialect", ["standard", "excel-nl"])
def test_the_observations_export_holds_every_value_sent(ministry, dialect):
    rows = _export(ministry, "observations", dialect, lang="en")
    stored = {
        (row["indicator_id"], row["part_id"], row["period"]): _number(row["value"], dialect)
        for row in rows
    }
    sent = {
        (indicator_id, part_id, period): float(value)
        for (indicator_id, part_id), values in SERIES.items()
        for period, value in values.items()
    }
    assert stored == sent
    first_estimate = next(
        row for row in rows if (row["indicator_id"], row["part_id"], row["period"]) == PROVISIONAL
    )
    assert (first_estimate["flag"], first_estimate["note"]) == ("provisional", PROVISIONAL_NOTE)
    assert {row["unit"] for row in rows if row["indicator_id"] == "IND-0710"} == {"days"}


# --- every page -----------------------------------------------------------------------------------

PAGE_PARTS = ("KINGDOM", "CW")  # the Kingdom, and one island (Curaçao)


@pytest.fixture
def ministry_app(ministry: Ministry, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ministry]:
    monkeypatch.setenv("MONITOR_DB", str(ministry.db))
    # Streamlit caches persist across AppTest instances in one process.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield ministry
    st.cache_data.clear()
    st.cache_resource.clear()


def _open(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    return at


def _param(at: AppTest, name: str) -> str:
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def _in_part(part_id: str, key: tuple[str, str]) -> bool:
    """Whether a series is one the view of ``part_id`` counts: all of them for the Kingdom,
    else the part's own."""
    return part_id == "KINGDOM" or key[1] == part_id


def _reported_counts(part_id: str) -> Counter[str]:
    return Counter(
        expected.status
        for key, expected in EXPECTED.items()
        if not expected.derived and _in_part(part_id, key)
    )


def _status_of(cell: str, lang: str) -> str:
    """The status code of a cell like "◆ Moderate, acceleration needed" (symbol, label)."""
    codes = {label: status for status, label in status_labels(lang).items()}
    return codes[cell.split(" ", 1)[1]]


def _names(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Indicator ids by their name, and part ids by theirs, in ``lang``."""
    indicators = {indicator[f"name_{lang}"]: indicator["indicator_id"] for indicator in INDICATORS}
    with contextlib.closing(open_reader(Path(os.environ["MONITOR_DB"]))) as con:
        parts = dict(sql.rows(con, f"SELECT name_{lang}, part_id FROM kingdom_parts"))
    return indicators, parts


def _named(cell: str) -> str:
    """An indicator's name as a table shows it, without its action line ("AL12 · ")."""
    return re.sub(r"^AL\d+ · ", "", cell)


def _unmarked(cell: str, lang: str) -> str:
    """A part's name as a table shows it, without the mark of a derived series."""
    marked = t("tables.text.derived", lang, part="\0").split("\0")
    prefix, suffix = marked[0], marked[-1]
    if suffix and cell.endswith(suffix) and cell.startswith(prefix):
        return cell[len(prefix) : len(cell) - len(suffix)]
    return cell


def _shown_statuses(at: AppTest, lang: str, part_id: str) -> dict[tuple[str, str], str]:
    """Every status a table on the page shows, by (indicator, part): a row names its indicator
    and part in columns, or the page's indicator (URL) and part (view) stand for them."""
    indicators, parts = _names(lang)
    status_column = t("table.status", lang)
    shown = {}
    for element in at.dataframe:
        table = element.value
        if status_column not in table.columns:
            continue
        for _, row in table.iterrows():
            indicator = row.get(t("table.indicator", lang))
            part = row.get(t("table.part", lang))
            key = (
                indicators[_named(indicator)] if indicator is not None else _param(at, "ind"),
                parts[_unmarked(part, lang)] if part is not None else part_id,
            )
            shown[key] = _status_of(row[status_column], lang)
    return shown


def _check_cards(at: AppTest, lang: str, part_id: str) -> None:
    """The status cards count the part's reported series by status, as worked out by hand."""
    counts = _reported_counts(part_id)
    cards = {metric.label: metric.value for metric in at.metric}
    for status, label in status_labels(lang).items():
        (value,) = [value for card, value in cards.items() if card.split(" ", 1)[-1] == label]
        assert int(value) == counts[status], (status, cards)


def _check_status_tables(at: AppTest, lang: str, part_id: str) -> None:
    shown = _shown_statuses(at, lang, part_id)
    assert shown, "no table with a status"
    assert {key: EXPECTED[key].status for key in shown} == shown


def _check_submissions(at: AppTest, lang: str, part_id: str) -> None:
    """Every quarter up to the data's last is in: for the data's last quarter (chosen above the
    table), each unit's figures are all received and all late (history sent after its due
    dates), or none are expected; never missing or partial. The units are those that report
    figures in the view, and those that owe action reports (the parts carrying a policy, the
    Caribbean countries), which the ministry has not sent."""
    choice = at.radio(key="intake_status_quarter")
    if AS_OF not in choice.options:
        return  # a later run of this test: the data's quarter is no longer among the four
    choice.set_value(AS_OF).run()
    unit = t("tables.status.unit", lang)
    (grid,) = [frame.value for frame in at.dataframe if unit in frame.value.columns]
    _, parts = _names(lang)
    units = {parts[name] for name in grid[unit]}
    reporting = {key[1] for key, expected in EXPECTED.items() if not expected.derived}
    figure_units = {unit for unit in reporting if _in_part(part_id, ("", unit))}
    action_units = {unit for _, unit in read_scope_facts("action_reporters")}
    assert figure_units <= units
    assert units - figure_units <= {unit for unit in action_units if _in_part(part_id, ("", unit))}
    counts = [
        grid[t(f"tables.status.figures_{count}", lang)]
        for count in ("received", "expected", "received_late")
    ]
    owed = counts[1].notna()
    assert owed.any(), "no figures expected in the table"
    assert (counts[0][owed] == counts[1][owed]).all()
    assert (counts[2][owed] == counts[1][owed]).all()


def _check_export_preview(at: AppTest, lang: str, part_id: str) -> None:
    (preview,) = [frame.value for frame in at.dataframe if "status" in frame.value.columns]
    shown = {
        (row.indicator_id, row.part_id): row.status
        for row in preview.itertuples()
        if (row.indicator_id, row.part_id) in EXPECTED
    }
    assert shown
    assert shown == {key: EXPECTED[key].status for key in shown}


def _check_sources(at: AppTest, lang: str, part_id: str) -> None:
    text = " ".join(" ".join(map(str, frame.value.to_numpy().ravel())) for frame in at.dataframe)
    for indicator in INDICATORS:
        assert f"{indicator['indicator_id']} {indicator[f'name_{lang}']}" in text


def _check_catalogue(at: AppTest, lang: str, part_id: str) -> None:
    """The Catalogue page lists the ministry's own indicators, named and with their unit in the
    language, and nothing else (no illustrative catalogue)."""
    (table,) = [
        frame.value for frame in at.dataframe if t("table.indicator", lang) in frame.value.columns
    ][:1]
    text = " ".join(" ".join(map(str, row)) for row in table.to_numpy())
    shown = set(table[t("table.indicator", lang)])
    expected = {
        indicator["indicator_id"]
        for indicator in INDICATORS
        if part_id == "KINGDOM" or _applies(indicator, part_id)
    }
    assert shown == expected
    for indicator in INDICATORS:
        if indicator["indicator_id"] in shown:
            assert indicator[f"name_{lang}"] in text and indicator[f"unit_{lang}"] in text


def _check_actions(at: AppTest, lang: str, part_id: str) -> None:
    """The ministry reported figures, no actions: every action the part sees is owed and never
    reported (stale), and the part's count is exactly its own rows (not those marked above)."""
    since = t("actions.column.since", lang)
    (table,) = [frame.value for frame in at.dataframe if since in frame.value.columns][:1]
    silent = action_status_text("not_reported", lang, stale=True)
    assert set(table[t("actions.column.status", lang)]) == {silent}
    above = t("actions.reported_above", lang, part="")[:1]  # the mark a shown-only row begins with
    own = [cell for cell in table[t("actions.column.part", lang)] if not cell.startswith(above)]
    cards = {metric.label: metric.value for metric in at.metric}
    assert int(cards[t("actions.count.actions", lang)]) == len(own) > 0
    assert cards[action_status_text("not_reported", lang)] == str(len(own))


def _check_access(at: AppTest, lang: str, part_id: str) -> None:
    """The audit trail names the ministry's catalogue and figures, imported on the command line."""
    detail = t("access_admin.audit.detail", lang)
    (trail,) = [frame.value for frame in at.dataframe if detail in frame.value.columns][:1]
    imported = trail[trail[detail].str.contains("catalogus.xlsx|waarnemingen.csv")]
    assert len(imported) == 2
    assert set(imported[t("access_admin.audit.how", lang)]) == {t("access_admin.mode.cli", lang)}


def _check_report(at: AppTest, lang: str, part_id: str) -> None:
    """The report's choices open on the ministry's quarter and the view's part, ready to build."""
    assert at.selectbox(key="report_quarter").value == AS_OF
    assert at.selectbox(key="report_part").value == part_id
    assert at.button(key="report_file_build").label == t("report_page.build", lang)


def _applies(indicator: dict[str, object], part_id: str) -> bool:
    """Whether an island's or country's view lists the indicator: it is reported there."""
    return part_id in str(indicator["scope"]).split(";")


# What each page must show of the ministry's data.
PAGE_CHECKS = {
    pages.OVERVIEW.path: (_check_cards,),
    pages.ACTION_LINES.path: (_check_status_tables,),
    pages.ACTIONS.path: (_check_actions,),
    pages.PARTS.path: (_check_cards, _check_status_tables),
    pages.INDICATOR.path: (_check_status_tables,),
    pages.DATA.path: (_check_submissions,),
    pages.EXPORT.path: (_check_export_preview,),
    pages.REPORT.path: (_check_report,),
    pages.METHOD.path: (_check_sources,),
    pages.CATALOGUE.path: (_check_catalogue,),
    pages.ACCESS.path: (_check_access,),
}


def test_every_page_of_the_registry_is_checked():
    assert set(PAGE_CHECKS) == {entry.path for entry in pages.PAGES}


@pytest.mark.parametrize("page", [entry.path for entry in pages.PAGES])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("part_id", PAGE_PARTS)
def test_every_page_shows_the_ministrys_data(ministry_app, page, lang, part_id):
    at = _open(page, lang=lang, part=part_id)
    assert not at.exception, at.exception[0].value if at.exception else ""
    assert _param(at, "lang") == lang and _param(at, "part") == part_id
    assert not [w.value for w in at.warning if "demo" in w.value.lower()], "not demo data"
    for check in PAGE_CHECKS[page]:
        check(at, lang, part_id)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_indicator_page_shows_each_country_against_its_own_target(ministry_app, lang):
    at = _open(pages.INDICATOR.path, lang=lang, part="KINGDOM", ind="IND-1210")
    assert not at.exception
    shown = _shown_statuses(at, lang, "KINGDOM")
    assert shown == {
        ("IND-1210", "KINGDOM"): "limited",
        ("IND-1210", "CAR_C"): "limited",  # the same derived value and target as the Kingdom
        ("IND-1210", "AW"): "deterioration",
        ("IND-1210", "CW"): "moderate",
        ("IND-1210", "SX"): "limited",
    }
    (table,) = [f.value for f in at.dataframe if t("tables.col.target", lang) in f.value.columns]
    target = zip(
        table[t("tables.col.target", lang)],
        table[t("tables.col.target_quarter", lang)],
        strict=True,
    )
    targets = dict(zip(table[t("tables.col.part", lang)], target, strict=True))
    assert targets["Curaçao"] == (80, "2029Q4")  # its own row
    assert targets["Aruba"] == targets["Sint Maarten"] == (90, "2029Q4")  # the Kingdom's row


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_action_line_shows_the_countries_statuses_below_the_kingdom(ministry_app, lang):
    at = _open(pages.ACTION_LINES.path, lang=lang, part="KINGDOM", al="AL12")
    assert not at.exception
    assert _shown_statuses(at, lang, "KINGDOM") == {("IND-1210", "KINGDOM"): "limited"}
    (table,) = [f.value for f in at.dataframe if t("tables.col.below", lang) in f.value.columns]
    assert table[t("tables.col.below", lang)].tolist() == ["◆ 1 · ▼ 1 · ✖ 1"]

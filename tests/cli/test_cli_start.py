"""``cli.py`` loads only what a command needs: ``--help`` and an export never import pandera
(the catalogue checks), plotly or kaleido (the report) or openpyxl (workbooks); the parser's
format choices are the modules' own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from data.catalogue_workbook import CATALOGUE_FORMATS
from report.document import FORMATS

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandera", "plotly", "kaleido", "openpyxl")


def _imported(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The top-level packages ``python -X importtime cli.py ARGS`` imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "cli.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    return set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\w+)$", done.stderr, re.M))


def test_the_parsers_format_choices_are_the_modules_own():
    assert cli.REPORT_FORMATS == FORMATS
    assert cli.CATALOGUE_FORMATS == CATALOGUE_FORMATS


@pytest.mark.parametrize("args", [("--help",), ("export", "--help")])
def test_help_imports_neither_pandas_nor_the_heavy_packages(args):
    loaded = _imported(*args)
    assert "duckdb" in loaded  # the trace was read
    assert loaded.isdisjoint({"pandas", *HEAVY})


def test_an_export_imports_none_of_the_heavy_packages(demo_db, tmp_path):
    out = tmp_path / "export.csv"
    env = {**os.environ, "MONITOR_DB": str(demo_db)}
    loaded = _imported("export", "--quarter", "2026Q3", "--out", str(out), env=env)
    assert out.stat().st_size > 0
    assert loaded.isdisjoint(HEAVY)

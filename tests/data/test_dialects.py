from __future__ import annotations

import duckdb
import pytest

from data.dialects import (
    DIALECTS,
    FORMULA_PREFIXES,
    dialect,
    neutralise,
    neutralise_sql,
    number_text,
)


@pytest.mark.parametrize("start", FORMULA_PREFIXES)
def test_python_and_sql_neutralise_every_formula_start_alike(start):
    text = f"{start}SUM(A1)"
    sql = duckdb.connect().execute(f"SELECT {neutralise_sql('c')} FROM (SELECT ? AS c)", [text])
    assert neutralise(text) == "'" + text == sql.fetchall()[0][0]


@pytest.mark.parametrize("text", ["Aruba", "% of GDP", "", "1 januari", "Ω"])
def test_ordinary_text_is_left_alone_in_python_and_sql(text):
    sql = duckdb.connect().execute(f"SELECT {neutralise_sql('c')} FROM (SELECT ? AS c)", [text])
    assert neutralise(text) == text == sql.fetchall()[0][0]


def test_numbers_are_written_exactly_in_each_dialect():
    assert number_text(0.1, DIALECTS["standard"]) == "0.1"
    assert number_text(0.1, DIALECTS["excel-nl"]) == "0,1"
    assert number_text(12.0, DIALECTS["excel-nl"]) == "12"
    assert number_text(None, DIALECTS["standard"]) == ""
    assert number_text(float("nan"), DIALECTS["standard"]) == ""


def test_an_unknown_dialect_names_the_known_ones():
    with pytest.raises(ValueError, match="standard, excel-nl"):
        dialect("excel-us")

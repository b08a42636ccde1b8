"""The English priority texts keep their commas (issue 17): the strategy's domain list had 20 of
its 84 English texts with every comma turned into a semicolon ("raw materials; energy;
medicines; food"); the project's copy (``data/seed/priorities.csv``) has them back wherever the
Dutch text shows a comma, and keeps the real semicolons the Dutch text has too."""

from __future__ import annotations


def _priorities(structure_con) -> list[tuple[str, str, str]]:
    return structure_con.execute(
        "SELECT priority_id, summary_en, summary_nl FROM priorities ORDER BY priority_id"
    ).fetchall()


def test_no_english_priority_has_more_semicolons_than_its_dutch_text(structure_con):
    rows = _priorities(structure_con)
    assert len(rows) == 84
    extra = {
        priority_id: english
        for priority_id, english, dutch in rows
        if english.count(";") > dutch.count(";")
    }
    assert extra == {}


def test_commas_are_back_and_real_semicolons_stay(structure_con):
    english = {priority_id: text for priority_id, text, _ in _priorities(structure_con)}
    assert english["AL03-D"] == "Reduce dependency risks for raw materials, energy, medicines, food"
    assert english["AL01-H"] == (
        "Strengthen strategic partners incl. CARICOM, OAS and ACS in the Caribbean region"
    )
    # One of each: "investeringen, fusies en aanbestedingen; tegengaan van ...".
    assert english["AL03-C"] == (
        "Screen investments, mergers and procurement; counter unwanted technology transfer"
    )
    assert english["AL01-A"] == (
        "Invest systematically in NATO; the NATO defence planning process steers capabilities"
    )

"""Every file the dashboard offers is named in the chosen language (issue 17): the quarter
exports (assessment, observations, actions, duiding), the catalogue, the quarter templates and
the report; Dutch ``voortgang_...`` beside English ``progress_...``."""

from __future__ import annotations

import pytest

from data.catalogue_workbook import CATALOGUE_FORMATS, catalogue_file_name
from data.export import WHATS, ExportRequest
from report.content import file_stem
from ui.i18n import t

_EXPORTS = {
    "nl": {
        "assessment": "voortgang_2025Q3_excel-nl.csv",
        "observations": "waarnemingen_2025Q3_excel-nl.csv",
        "actions": "acties_2025Q3_excel-nl.csv",
        "narrative": "duiding_2025Q3_excel-nl.csv",
    },
    "en": {
        "assessment": "progress_2025Q3_excel-nl.csv",
        "observations": "observations_2025Q3_excel-nl.csv",
        "actions": "actions_2025Q3_excel-nl.csv",
        "narrative": "narrative_2025Q3_excel-nl.csv",
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("what", WHATS)
def test_an_export_is_named_in_its_language(lang, what):
    request = ExportRequest(quarter="2025Q3", what=what, dialect="excel-nl", lang=lang)
    assert request.file_name == _EXPORTS[lang][what]
    parquet = ExportRequest(quarter="2025Q3", what=what, fmt="parquet", lang=lang)
    assert parquet.file_name == _EXPORTS[lang][what].replace("_excel-nl.csv", ".parquet")


@pytest.mark.parametrize("fmt", CATALOGUE_FORMATS)
def test_the_catalogue_is_named_in_its_language(fmt):
    assert catalogue_file_name("nl", fmt).startswith("catalogus")
    assert catalogue_file_name("en", fmt).startswith("catalogue")


def test_the_report_is_named_in_its_language():
    assert file_stem(quarter="2026Q3", part_id="BQ-SA", lang="nl") == (
        "voortgangsrapportage-2026Q3-BQ-SA"
    )
    assert file_stem(quarter="2026Q3", part_id="BQ-SA", lang="en") == (
        "progress-report-2026Q3-BQ-SA"
    )


def test_the_quarter_templates_are_named_in_their_language():
    assert t("intake.template.file_stem", "nl") == "sjabloon"
    assert t("intake.template.file_stem", "en") == "template"
    for kind in ("actions", "narratives"):
        assert t(f"template_actions.file.{kind}", "nl") != t(f"template_actions.file.{kind}", "en")

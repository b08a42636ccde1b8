"""The catalogue workbook's contract: sheets, columns in order, header spellings, allowed values.

One format for export, import and editing in Excel: an .xlsx with two data sheets and a help
sheet, or the same two tables as CSV files for scripts. The header row holds the column names
below in both languages (a stable contract for scripts, the same as the CSVs); the sheets are
named in the workbook's language, and on import either language's sheet names and the Dutch
header spellings of ``HEADER_ALIASES`` are accepted. Enumerated columns hold the codes of
``ALLOWED_VALUES`` (the help sheet explains each; the workbook offers them as drop-downs).

Imports ``metrics.constants`` only: the reader, the rules, the writer and the pages share it.
"""

from __future__ import annotations

from typing import Final

from metrics.constants import AGGREGATIONS, DIRECTIONS, FREQUENCIES, METHODS, TARGET_TYPES

__all__ = [
    "ALLOWED_VALUES",
    "HEADER_ALIASES",
    "HELP_SHEET",
    "INDICATOR_SHEET",
    "KINGDOM_SCOPE",
    "SCOPE_SEPARATOR",
    "TARGET_SHEET",
    "WORKBOOK_INDICATOR_COLUMNS",
    "WORKBOOK_TARGET_COLUMNS",
]

# Sheet names per language; the first data sheet is the indicators, the second their targets.
INDICATOR_SHEET: Final = {"nl": "indicatoren", "en": "indicators"}
TARGET_SHEET: Final = {"nl": "doelen", "en": "targets"}
HELP_SHEET: Final = {"nl": "toelichting", "en": "help"}

# Exactly these columns, in this order (issue 11).
WORKBOOK_INDICATOR_COLUMNS: Final = (
    "indicator_id",
    "action_line_id",
    "name_nl",
    "name_en",
    "definition_nl",
    "definition_en",
    "unit_nl",
    "unit_en",
    "direction",
    "target_type",
    "method",
    "frequency",
    "aggregation",
    "decimals",
    "valid_min",
    "valid_max",
    "scope",
    "source",
    "owner",
    "reference",
    "retired_from",
)
WORKBOOK_TARGET_COLUMNS: Final = (
    "indicator_id",
    "part_id",
    "baseline_period",
    "baseline_value",
    "target_period",
    "target_value",
    "reason",
)

# ``scope`` is a list of entity ids joined by this, or the Kingdom itself.
SCOPE_SEPARATOR: Final = ";"
KINGDOM_SCOPE: Final = "KINGDOM"

# Header spellings per column, compared after normalising (lower case, spaces and hyphens as
# underscores): the column's own name first, then Dutch ones.
HEADER_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "indicator_id": ("indicator_id", "indicator"),
    "action_line_id": ("action_line_id", "actielijn", "actielijn_id"),
    "name_nl": ("name_nl", "naam_nl"),
    "name_en": ("name_en", "naam_en"),
    "definition_nl": ("definition_nl", "definitie_nl"),
    "definition_en": ("definition_en", "definitie_en"),
    "unit_nl": ("unit_nl", "eenheid_nl"),
    "unit_en": ("unit_en", "eenheid_en"),
    "direction": ("direction", "richting"),
    "target_type": ("target_type", "soort_doel", "doeltype"),
    "method": ("method", "methode"),
    "frequency": ("frequency", "frequentie"),
    "aggregation": ("aggregation", "aggregatie"),
    "decimals": ("decimals", "decimalen"),
    "valid_min": ("valid_min", "minimum", "geldig_minimum"),
    "valid_max": ("valid_max", "maximum", "geldig_maximum"),
    "scope": ("scope", "bereik"),
    "source": ("source", "bron"),
    "owner": ("owner", "eigenaar"),
    "reference": ("reference", "referentie"),
    "retired_from": ("retired_from", "vervallen_vanaf"),
    "part_id": ("part_id", "part", "deel"),
    "baseline_period": ("baseline_period", "basisperiode"),
    "baseline_value": ("baseline_value", "basiswaarde"),
    "target_period": ("target_period", "doelperiode"),
    "target_value": ("target_value", "doelwaarde"),
    "reason": ("reason", "reden"),
}

# The codes an enumerated column accepts (the schema's CHECKs list the same, from the same
# constants).
ALLOWED_VALUES: Final[dict[str, tuple[str, ...]]] = {
    "direction": DIRECTIONS,
    "target_type": TARGET_TYPES,
    "method": METHODS,
    "frequency": FREQUENCIES,
    "aggregation": AGGREGATIONS,
}

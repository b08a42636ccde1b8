"""The quarter template's contract: its kinds, sheet names, columns, headers and drop-down words.

One quarter template holds three kinds of rows (issue 12): ``figures`` (indicator values, the
sheet ``data``), ``actions`` (the lettered priorities' status reports, the sheet ``acties``) and
``narratives`` (the duiding per action line and part, the sheet ``duiding``). The .xlsx holds all
three sheets; a CSV holds one kind. Sheet names and headers are written in the workbook's
language (English: ``data``, ``actions``, ``narrative``); the import reads either language's.

| kind | sheet | data columns (``DATA_COLUMNS``) |
|---|---|---|
| figures | ``data`` | indicator_id, part_id, period, value, flag, note |
| actions | ``acties`` | priority_id, part_id, period, status, expected_completion, responsible, |
| | | narrative |
| narratives | ``duiding`` | action_line_id, part_id, period, text |

Each kind adds hint columns the import ignores (``HINT_COLUMNS``): names in the user's language
and what was reported before (the previous value; the last status, its period and expected
completion; the last duiding's period and opening).

``TEMPLATE_HEADERS`` are the spellings the template writes; the import must read each of them
back (a test ties them to ``data.intake_columns``, whose columns and sheet names these are).
Imports ``data.intake_columns`` and ``metrics.constants``.
"""

from __future__ import annotations

from typing import Final

from data.intake_columns import ACTIONS, COLUMNS, FIGURES, NARRATIVES
from metrics.constants import (
    ACTION_STATUS_WORDS,
    ACTION_STATUSES,
    FLAG_WORDS,
    NO_FLAG,
    OBSERVATION_FLAGS,
)

__all__ = [
    "DATA_COLUMNS",
    "HINT_COLUMNS",
    "LAST_TEXT_CHARS",
    "SHEET_NAMES",
    "TEMPLATE_ACTION_STATUSES",
    "TEMPLATE_FLAGS",
    "TEMPLATE_HEADERS",
    "TEMPLATE_KINDS",
]

TEMPLATE_LANGUAGES: Final = ("nl", "en")
TEMPLATE_KINDS: Final = ("figures", "actions", "narratives")
# The sheet of each kind in the .xlsx, per language (``SHEET_NAMES[lang][kind]``); the figures'
# sheet first. Each template kind is a kind of row the import reads (``data.intake_columns``, the
# one list of columns and sheet names): its sheets are names the import knows for it (a test
# keeps them so), its data columns the import's required ones.
_ROW_KIND: Final = {"figures": FIGURES, "actions": ACTIONS, "narratives": NARRATIVES}
SHEET_NAMES: Final = {
    "nl": {"figures": "data", "actions": "acties", "narratives": "duiding"},
    "en": {"figures": "data", "actions": "actions", "narratives": "narrative"},
}
DATA_COLUMNS: Final = {
    kind: COLUMNS[row].required + (COLUMNS[row].optional if kind == "figures" else ())
    for kind, row in _ROW_KIND.items()
}
# The headers the template writes per kind and language, in the order of DATA_COLUMNS. English
# headers are the column names (as the exports write them); Dutch ones as a Dutch user says them.
TEMPLATE_HEADERS: Final = {
    "figures": {
        "nl": ("indicator", "deel", "periode", "waarde", "vlag", "toelichting"),
        "en": DATA_COLUMNS["figures"],
    },
    "actions": {
        "nl": (
            "prioriteit",
            "deel",
            "periode",
            "status",
            "verwachte_afronding",
            "verantwoordelijke",
            "toelichting",
        ),
        "en": DATA_COLUMNS["actions"],
    },
    "narratives": {
        "nl": ("actielijn", "deel", "periode", "tekst"),
        "en": DATA_COLUMNS["narratives"],
    },
}
# Columns each kind adds for information only (named in the user's language by the caller).
HINT_COLUMNS: Final = {
    "figures": ("indicator_name", "part_name", "unit", "previous_period", "previous_value"),
    "actions": (
        "priority_text",
        "part_name",
        "last_status",
        "last_report_period",
        "last_expected_completion",
    ),
    "narratives": ("action_line_name", "part_name", "last_narrative_period", "last_narrative"),
}
# How much of the last duiding the narratives' hint shows.
LAST_TEXT_CHARS: Final = 200

# The drop-downs: each flag's and each action status's first word per language (no flag is an
# empty cell; an empty status leaves the action unreported).
TEMPLATE_FLAGS: Final = {
    lang: tuple(FLAG_WORDS[flag][lang][0] for flag in OBSERVATION_FLAGS if flag != NO_FLAG)
    for lang in TEMPLATE_LANGUAGES
}
TEMPLATE_ACTION_STATUSES: Final = {
    lang: tuple(ACTION_STATUS_WORDS[status][lang][0] for status in ACTION_STATUSES)
    for lang in TEMPLATE_LANGUAGES
}

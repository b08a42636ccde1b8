"""The demo's actions and duiding: a report per owed action per quarter, and the policy teams'
account per action line, put on record the way a real quarter's files are.

Generated like ``data.demo`` (and with its seeding helpers) from a seed and a clock the caller
passes in: same seed and clock, same frames; nothing is recorded after the clock. The actions are
the real strategy's: every lettered priority (``data/seed/priorities.csv``) times every unit that
owes a report on it (``data/seed/action_reporters.csv``, the facts behind the view
``priority_reporters``), so a Caribbean priority is reported by the Caribbean parts only. The
quarters are the demo's: 2023Q1 up to the last full quarter before the clock.

How an action evolves
---------------------
* Each action (priority x reporter) has its own random stream, from the seed and its ids.
* Its status walks from quarter to quarter with sticky states (``_TRANSITIONS``): most actions
  start on schedule, some have not started yet (they start within the first year), and an action
  may slip to at risk or delayed and recover. Most have an expected completion quarter: reached
  on schedule, the action is completed with a good chance (and reported no more); otherwise the
  expected completion slips, and the narrative says so.
* Storylines, fixed so the README and the tests can name them: ``DISCONTINUED_ACTIONS`` (stopped,
  with the reason), ``STALE_ACTIONS`` (the reporter stopped reporting on them two or more quarters
  before the latest), ``NOT_REPORTED_ACTIONS`` (owed, never reported) and ``REVISED_ACTION`` (the
  report of two quarters back said on schedule; corrected to delayed with the next quarter's file).
* The narrative is Dutch, built from sentences per status and per change of status that name the
  priority's subject, the responsible organisation, milestones and a slipping completion; about
  a third has an English version. Responsible organisations follow the action line (ministries
  and the NCTV) or the Caribbean part (the countries' governments, the public bodies).

Duiding
-------
For each action line and reporter with a reported action, in most quarters (``DUIDING_SHARE``): a
short Dutch text on the line's actions as that reporter knew them (how many on schedule, which
needs attention, what was completed), English for about a third. A quarter without a new text
shows the latest earlier one.

Recording
---------
One file per reporter per quarter, ``demo_acties_2026Q2_EUR_NL.xlsx`` (the quarter template's
``acties`` and ``duiding`` sheets), arriving 14-56 days after the quarter: one ``imports`` row
(user ``data.demo.DEMO_USER``, kind ``observations``, outcome ``accepted``, the sha256 of its
rows) whose ``finished_at`` is the ``recorded_at`` of every row in it. A file that would arrive
after the clock has not arrived. The rows go in through the writers of ``data.action_store``, a
call per version layer rather than per file (a call costs ~10 ms), and are then stamped with their
file's moment and import id, in the same transaction.

| function | does |
|---|---|
| ``build_demo_actions(seed=, clock=)`` | ``DemoActions``: the imports, reports and duiding |
| ``record_demo_actions(cur, actions)`` | inserts them inside the caller's transaction |

Imports ``data.demo`` (seeding, first period, user), ``data.seed``, ``data.action_scope``,
``data.action_store`` and ``metrics``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Final

import duckdb
import numpy as np
import pandas as pd

from data.action_scope import read_scope_facts
from data.action_store import (
    ACTION_REPORT_FIELDS,
    NARRATIVE_FIELDS,
    insert_action_reports,
    insert_narratives,
)
from data.demo import DEMO_USER, FIRST_PERIOD, TARGET_PERIOD, _draw, _rng, _stable_int
from data.import_log import accepted_message
from data.intake_columns import ACTIONS, NARRATIVES
from data.seed import read_seed
from metrics.constants import ACTION_FINAL_STATUSES, NOT_REPORTED
from metrics.periods import (
    last_full_quarter,
    period_from_index,
    period_range,
    quarter_end,
    quarter_index,
    shift_period,
)

__all__ = [
    "DISCONTINUED_ACTIONS",
    "NOT_REPORTED_ACTIONS",
    "REVISED_ACTION",
    "STALE_ACTIONS",
    "DemoActions",
    "build_demo_actions",
    "record_demo_actions",
]

# Storylines: (priority, reporter). Quarters are counted back from the last full quarter, so each
# storyline exists whatever the clock (when the demo reaches back far enough).
# Stopped n quarters back, with the reason (Dutch, English).
DISCONTINUED_ACTIONS: Final = {
    ("AL03-I", "EUR_NL"): (
        5,
        "Stopgezet: na heroverweging neemt Nederland niet deel aan een nieuwe IPCEI-ronde. De"
        " middelen zijn ondergebracht bij het programma voor technologisch leiderschap"
        " (prioriteit E), dat dezelfde doelen dient.",
        "Discontinued: after a review the Netherlands will not join a new IPCEI round. The funds"
        " have moved to the technology leadership programme (priority E), which serves the same"
        " goals.",
    ),
    ("AL04-D", "EUR_NL"): (
        2,
        "Stopgezet: de afzonderlijke monitor sociale stabiliteit gaat op in de Veiligheidsmonitor"
        " van het CBS; een eigen traject is daarmee niet meer nodig.",
        "Discontinued: the separate social stability monitor is merged into the Safety Monitor"
        " of Statistics Netherlands, so a separate track is no longer needed.",
    ),
}
# The reporter's last report on the action is n quarters back (n >= 2: stale at the latest).
STALE_ACTIONS: Final = {
    ("AL06-B", "KINGDOM"): 2,
    ("AL10-C", "EUR_NL"): 3,
    ("AL09-G", "SX"): 2,
    ("AL12-G", "CAR_NL"): 4,
}
# Owed every quarter, never reported.
NOT_REPORTED_ACTIONS: Final = frozenset({("AL08-H", "SX")})
# Its report of two quarters back said on schedule; the next quarter's file corrects it to delayed.
REVISED_ACTION: Final = ("AL10-A", "EUR_NL")
REVISED_STATUSES: Final = ("on_schedule", "delayed")

FILE_NAME: Final = "demo_acties_{period}_{part_id}.xlsx"
DELIVERY_DAYS: Final = (14, 56)
# Shares of reports with an English narrative, of action lines x parts x quarters with a new
# duiding, and of duiding texts with an English version.
TRANSLATED_SHARE: Final = 1 / 3
DUIDING_SHARE: Final = 0.75
TRANSLATED_DUIDING_SHARE: Final = 0.35
# Actions without an expected completion (continuing work), and actions with milestones.
OPEN_ENDED_SHARE: Final = 0.15
MILESTONE_SHARE: Final = 0.35

# The first status, and the quarterly walk between statuses: sticky, with recoveries.
_INITIAL: Final = (("on_schedule", 0.72), ("not_started", 0.18), ("at_risk", 0.10))
_TRANSITIONS: Final = {
    "not_started": (("not_started", 0.55), ("on_schedule", 0.35), ("delayed", 0.10)),
    "on_schedule": (("on_schedule", 0.87), ("at_risk", 0.09), ("delayed", 0.04)),
    "at_risk": (("at_risk", 0.50), ("on_schedule", 0.32), ("delayed", 0.18)),
    "delayed": (("delayed", 0.72), ("at_risk", 0.16), ("on_schedule", 0.12)),
}
# An action not started after this many quarters starts (late, sometimes).
_START_BY: Final = 4
_LATE_START: Final = (("on_schedule", 0.7), ("delayed", 0.3))
# The chance an action is completed in a quarter at or after its expected completion.
_COMPLETION_CHANCE: Final = {"on_schedule": 0.7, "at_risk": 0.3}
# Expected completions fall between these quarters; a slip moves one 1-4 quarters on.
_FIRST_COMPLETION: Final = "2024Q2"
_SLIP_QUARTERS: Final = (1, 4)

# Who carries the work: the ministries (and the NCTV) by action line; the Caribbean parts' own
# governments and public bodies for their reports.
_RESPONSIBLE_BY_LINE: Final = {
    "AL01": ("Defensie", "BZ"),
    "AL02": ("BZK", "NCTV", "BZ"),
    "AL03": ("EZK", "OCW", "BZ"),
    "AL04": ("BZK", "JenV", "SZW"),
    "AL05": ("JenV",),
    "AL06": ("BZK", "JenV", "BZ"),
    "AL07": ("JenV / NCTV", "EZK", "BZK"),
    "AL08": ("NCTV", "JenV"),
    "AL09": ("IenW", "EZK", "BZK"),
    "AL10": ("NCTV", "EZK", "IenW"),
    "AL11": ("VWS",),
    "AL12": ("JenV", "NCTV", "BZK"),
}
_RESPONSIBLE_BY_PART: Final = {
    "AW": ("Land Aruba",),
    "CW": ("Land Curaçao",),
    "SX": ("Land Sint Maarten",),
    "CAR_NL": (
        "Rijksdienst Caribisch Nederland",
        "Openbaar lichaam Bonaire",
        "Openbaar lichaam Sint Eustatius",
        "Openbaar lichaam Saba",
    ),
}

# (Dutch, English) pairs. Fields: subject (the priority's), org, quarter, expected, old, new.
_Text = tuple[str, str]
_STATUS_TEXTS: Final[dict[str, tuple[_Text, ...]]] = {
    "on_schedule": (
        (
            "De uitvoering van ‘{subject}’ verloopt volgens planning.",
            "Work on ‘{subject}’ is proceeding as planned.",
        ),
        (
            "{org} meldt dat de activiteiten van dit kwartaal zijn uitgevoerd zoals gepland.",
            "{org} reports that this quarter's activities were carried out as planned.",
        ),
        (
            "De voortgang is conform planning; de volgende stap wordt dit kwartaal voorbereid.",
            "Progress is in line with the plan; the next step is being prepared this quarter.",
        ),
        (
            "Op schema. De samenwerking met de uitvoeringspartners loopt goed en de middelen zijn"
            " beschikbaar.",
            "On schedule. Cooperation with the implementing partners is going well and the funds"
            " are in place.",
        ),
    ),
    "at_risk": (
        (
            "De planning van ‘{subject}’ staat onder druk door beperkte capaciteit bij {org}.",
            "The schedule for ‘{subject}’ is under pressure from limited capacity at {org}.",
        ),
        (
            "Er is risico op vertraging: de afstemming met de betrokken partijen kost meer tijd"
            " dan voorzien.",
            "There is a risk of delay: coordination with the parties involved is taking longer"
            " than expected.",
        ),
        (
            "De planning is onzeker zolang de Europese besluitvorming niet is afgerond.",
            "The schedule is uncertain until the European decision-making has been completed.",
        ),
        (
            "De financiering voor het komende jaar is nog niet rond; dat brengt de planning in"
            " gevaar.",
            "Funding for the coming year has not yet been secured, which puts the schedule at"
            " risk.",
        ),
    ),
    "delayed": (
        (
            "De uitvoering van ‘{subject}’ loopt vertraging op.",
            "Work on ‘{subject}’ is delayed.",
        ),
        (
            "Vertraagd: de benodigde regelgeving is later gereed dan gepland.",
            "Delayed: the necessary regulations will be ready later than planned.",
        ),
        (
            "Door personeelstekorten bij {org} is de planning verschoven.",
            "Staff shortages at {org} have pushed back the schedule.",
        ),
        (
            "De aanbesteding moest opnieuw worden uitgezet; daardoor schuift de oplevering op.",
            "The tender had to be re-issued, which pushes back delivery.",
        ),
    ),
    "not_started": (
        (
            "Nog niet gestart: de voorbereiding van ‘{subject}’ wacht op de vaststelling van het"
            " plan van aanpak.",
            "Not started: preparations for ‘{subject}’ await adoption of the plan of action.",
        ),
        (
            "De start is voorzien zodra de financiering rond is.",
            "Work will start once the funding is in place.",
        ),
        (
            "{org} verkent de mogelijkheden; de uitvoering is nog niet begonnen.",
            "{org} is exploring the options; implementation has not begun.",
        ),
    ),
    "completed": (
        (
            "Afgerond: ‘{subject}’ is gerealiseerd. Verdere inzet valt onder de reguliere taken"
            " van {org}.",
            "Completed: ‘{subject}’ has been achieved. Further work is part of the regular tasks"
            " of {org}.",
        ),
        (
            "De actie is in {quarter} voltooid; de resultaten zijn gedeeld met de betrokken"
            " partners.",
            "The action was completed in {quarter}; the results have been shared with the"
            " partners involved.",
        ),
    ),
}
# Said first when the status changed since the quarter before: (from, to) -> text.
_CHANGE_TEXTS: Final[dict[tuple[str, str], _Text]] = {
    ("delayed", "on_schedule"): (
        "Na de eerdere vertraging is de uitvoering weer op schema.",
        "After the earlier delay, work is back on schedule.",
    ),
    ("at_risk", "on_schedule"): (
        "Het eerder gemelde risico is beheerst.",
        "The risk reported earlier has been brought under control.",
    ),
    ("on_schedule", "delayed"): (
        "Sinds het vorige kwartaal is de actie vertraagd geraakt.",
        "Since the previous quarter the action has fallen behind.",
    ),
    ("at_risk", "delayed"): (
        "Het eerder gemelde risico heeft tot vertraging geleid.",
        "The risk reported earlier has led to a delay.",
    ),
}
_STARTED_TEXT: Final = (
    "De uitvoering is dit kwartaal gestart.",
    "Work started this quarter.",
)
_SLIP_TEXT: Final = (
    "De verwachte afronding schuift van {old} naar {new}.",
    "Expected completion moves from {old} to {new}.",
)
_EXPECTED_TEXT: Final = (
    "Afronding wordt verwacht in {expected}.",
    "Completion is expected in {expected}.",
)
_MILESTONE_MET_TEXT: Final = ("Mijlpaal bereikt: {milestone}.", "Milestone reached: {milestone}.")
_MILESTONE_MISSED_TEXT: Final = (
    "De mijlpaal ‘{milestone}’ is niet gehaald.",
    "The milestone ‘{milestone}’ was not met.",
)
_REVISION_TEXT: Final = (
    "Correctie op de eerdere rapportage over {quarter}: de actie is niet op schema maar vertraagd."
    " Bij nadere controle bleek de aanbesteding later gegund dan gemeld; de planning is"
    " bijgesteld.",
    "Correction of the earlier report on {quarter}: the action is not on schedule but delayed."
    " A closer check showed that the contract was awarded later than reported; the schedule has"
    " been revised.",
)
# Milestones in the order they usually come; the stored text is Dutch, as a reporter writes it.
_MILESTONES: Final = (
    ("Plan van aanpak vastgesteld", "plan of action adopted"),
    ("Kamerbrief met de uitwerking verzonden", "letter to parliament with the details sent"),
    ("Wetsvoorstel in consultatie", "bill put out for consultation"),
    ("Convenant met de uitvoeringspartners getekend", "agreement with the partners signed"),
    ("Pilot afgerond en geëvalueerd", "pilot completed and evaluated"),
    ("Tussenevaluatie gereed", "interim evaluation completed"),
    ("Landelijke oefening gehouden", "national exercise held"),
)

# Duiding: the opening by how the line's actions stand, the count, what needs attention, outlook.
_DUIDING_OPENINGS: Final[dict[str, tuple[_Text, ...]]] = {
    "done": (
        (
            "De acties van ‘{line}’ zijn afgerond.",
            "The actions of ‘{line}’ have been completed.",
        ),
    ),
    "good": (
        (
            "De actielijn ‘{line}’ ligt grotendeels op koers.",
            "The action line ‘{line}’ is largely on course.",
        ),
        (
            "In {quarter} is goede voortgang geboekt op ‘{line}’.",
            "Good progress was made on ‘{line}’ in {quarter}.",
        ),
    ),
    "starting": (
        (
            "De uitvoering van ‘{line}’ komt op gang.",
            "Work on ‘{line}’ is getting under way.",
        ),
    ),
    "mixed": (
        (
            "De voortgang op ‘{line}’ is wisselend.",
            "Progress on ‘{line}’ is mixed.",
        ),
        (
            "Op ‘{line}’ is in {quarter} voortgang geboekt, maar niet op alle onderdelen.",
            "Some progress was made on ‘{line}’ in {quarter}, but not across the board.",
        ),
    ),
    # The second only where more than one action is behind.
    "poor": (
        (
            "De uitvoering van ‘{line}’ blijft achter bij de planning.",
            "Work on ‘{line}’ is behind schedule.",
        ),
        (
            "‘{line}’ vraagt bestuurlijke aandacht: meerdere acties lopen achter.",
            "‘{line}’ needs attention at the top: several actions are behind.",
        ),
    ),
}
_DUIDING_COUNT: Final = (
    "Stand van de {n} acties: {counts}.",
    "Status of the {n} actions: {counts}.",
)
_DUIDING_COUNT_ONE: Final = (
    "Stand van de enige actie: {counts}.",
    "Status of its one action: {counts}.",
)
_DUIDING_ATTENTION: Final = (
    "Aandacht is nodig voor ‘{subject}’.",
    "‘{subject}’ needs attention.",
)
_DUIDING_COMPLETED: Final = (
    "Dit kwartaal is ‘{subject}’ afgerond.",
    "‘{subject}’ was completed this quarter.",
)
_DUIDING_CALM: Final = ("Er zijn geen knelpunten gemeld.", "No bottlenecks were reported.")
_DUIDING_OUTLOOKS: Final = (
    (
        "Het komende kwartaal ligt de nadruk op de uitvoering van de lopende acties.",
        "Next quarter the focus is on carrying out the current actions.",
    ),
    (
        "De betrokken organisaties stemmen de vervolgstappen af in het interdepartementale"
        " overleg.",
        "The organisations involved agree the next steps in the interdepartmental meeting.",
    ),
)
_DUIDING_OUTLOOK_BEHIND: Final = (
    "In het volgende kwartaal volgt een nadere analyse van de knelpunten.",
    "A closer analysis of the bottlenecks follows next quarter.",
)
# How a count of actions with a status reads in a duiding, in display order.
_COUNT_WORDS: Final = {
    "completed": ("afgerond", "completed"),
    "on_schedule": ("op schema", "on schedule"),
    "at_risk": ("met risico", "at risk"),
    "delayed": ("vertraagd", "delayed"),
    "not_started": ("nog niet gestart", "not started"),
    "discontinued": ("gestopt", "discontinued"),
    NOT_REPORTED: ("niet gerapporteerd", "not reported"),
}
_AND: Final = (" en ", " and ")
# The share of a line's actions on schedule (completed included) that makes its duiding good.
_GOOD_SHARE: Final = 0.75

_IMPORT_COLUMNS: Final = (
    "import_id",
    "started_at",
    "finished_at",
    "user_name",
    "file_name",
    "sha256",
    "rows_accepted",
    "rows_rejected",
    "outcome",
    "kind",
    "message",
)
_INSERT_IMPORTS_SQL: Final = "INSERT INTO imports BY NAME SELECT * FROM demo_action_imports"
_LAST_IMPORT_ID_SQL: Final = "SELECT coalesce(max(import_id), 0) FROM imports"


@dataclass(frozen=True, eq=False)
class DemoActions:
    """The generated rows: ``imports`` (ids from 1), ``reports`` (``ACTION_REPORT_FIELDS``) and
    ``narratives`` (``NARRATIVE_FIELDS``), each of those with its ``recorded_at`` and
    ``import_id`` (an id of ``imports``)."""

    imports: pd.DataFrame
    reports: pd.DataFrame
    narratives: pd.DataFrame


@dataclass(frozen=True)
class _Action:
    priority_id: str
    action_line_id: str
    part_id: str
    subject: _Text

    @property
    def key(self) -> tuple[str, str]:
        return (self.priority_id, self.part_id)


@dataclass(frozen=True)
class _Report:
    """One version of a report, and the quarter whose file carries it."""

    action: _Action
    period: str
    status: str
    expected_completion: str | None
    responsible: str
    narrative: _Text
    translated: bool
    milestones: tuple[tuple[str, str], ...]
    delivered: str

    def row(self) -> dict[str, object]:
        return {
            "priority_id": self.action.priority_id,
            "part_id": self.action.part_id,
            "period": self.period,
            "status": self.status,
            "expected_completion": self.expected_completion,
            "responsible": self.responsible,
            "narrative": self.narrative[0],
            "narrative_en": self.narrative[1] if self.translated else None,
            "milestones": (
                [{"quarter": quarter, "text": text} for quarter, text in self.milestones]
                if self.milestones
                else None
            ),
        }


def _subject(summary: str) -> str:
    """A priority's subject: its summary up to the first semicolon, colon or bracket."""
    return re.split(r"[;:(]", summary, maxsplit=1)[0].strip()


def _actions() -> list[_Action]:
    """Every action owed: each priority times each unit that reports on it, in seed order."""
    reporters: dict[str, list[str]] = {}
    for scope, part_id in read_scope_facts("action_reporters"):
        reporters.setdefault(scope, []).append(part_id)
    return [
        _Action(
            priority_id=row["priority_id"],
            action_line_id=row["action_line_id"],
            part_id=part_id,
            subject=(_subject(row["summary_nl"]), _subject(row["summary_en"])),
        )
        for row in read_seed("priorities")
        for part_id in reporters.get(row["scope"], [])
    ]


def _quarter_text(period: str) -> str:
    return f"Q{period[5]} {period[:4]}"


def _render(texts: Sequence[_Text], **fields: str | _Text) -> _Text:
    """The sentences joined, in Dutch and English; a field given as a pair differs by language."""

    def one(language: int) -> str:
        values = {k: v[language] if isinstance(v, tuple) else v for k, v in fields.items()}
        return " ".join(text[language].format(**values) for text in texts)

    return one(0), one(1)


def _pick(rng: np.random.Generator, options: Sequence[_Text]) -> _Text:
    return options[int(rng.integers(len(options)))]


def _step(status: str, index: int, rng: np.random.Generator) -> str:
    """The next quarter's status in the walk (``index``: quarters since the first)."""
    options = (
        _LATE_START if status == "not_started" and index >= _START_BY else _TRANSITIONS[status]
    )
    return _draw(rng, [s for s, _ in options], [w for _, w in options])


def _milestones(
    rng: np.random.Generator, first: str, expected: str | None
) -> tuple[tuple[str, str, str], ...]:
    """1-3 milestones (quarter, Dutch text, English text) between the start and completion."""
    last = quarter_index(expected or TARGET_PERIOD)
    quarters = range(quarter_index(first) + 1, max(last, quarter_index(first) + 3))
    count = int(rng.integers(1, 4))
    at = sorted(rng.choice(len(quarters), size=min(count, len(quarters)), replace=False))
    which = sorted(rng.choice(len(_MILESTONES), size=len(at), replace=False))
    return tuple(
        (period_from_index(quarters[int(i)]), *_MILESTONES[int(j)])
        for i, j in zip(at, which, strict=True)
    )


def _responsible(action: _Action, rng: np.random.Generator) -> str:
    options = (
        _RESPONSIBLE_BY_PART.get(action.part_id) or _RESPONSIBLE_BY_LINE[action.action_line_id]
    )
    return _draw(rng, options, [1 / len(options)] * len(options))


def _slip(expected: str, rng: np.random.Generator) -> str:
    low, high = _SLIP_QUARTERS
    return shift_period(expected, int(rng.integers(low, high + 1)))


def _around(period: str) -> tuple[str, str, str]:
    return shift_period(period, -1), period, shift_period(period, 1)


def _walk(action: _Action, periods: list[str], seed: int) -> list[_Report]:
    """Every report version the action's reporter files over ``periods``, oldest first."""
    if action.key in NOT_REPORTED_ACTIONS or not periods:
        return []
    rng = _rng(seed, "action", *action.key)
    responsible = _responsible(action, rng)
    expected: str | None = None
    if rng.uniform() >= OPEN_ENDED_SHARE:
        low, high = quarter_index(_FIRST_COMPLETION), quarter_index(TARGET_PERIOD)
        expected = period_from_index(int(rng.integers(low, high + 1)))
    milestones = _milestones(rng, periods[0], expected) if rng.uniform() < MILESTONE_SHARE else ()

    last = periods[-1]
    stop = shift_period(last, -STALE_ACTIONS.get(action.key, 0))
    discontinued = DISCONTINUED_ACTIONS.get(action.key)
    stopped_at = shift_period(last, -discontinued[0]) if discontinued else None
    revised_at = shift_period(last, -2) if action.key == REVISED_ACTION else None
    # A storyline's action stays open until its storyline has happened.
    storyline = action.key in STALE_ACTIONS or stopped_at is not None or revised_at is not None

    reports: list[_Report] = []
    status: str | None = None
    for index, period in enumerate(periods):
        if period > stop:
            break  # the reporter stopped reporting on it
        previous = status
        if previous is None:
            status = _draw(rng, [s for s, _ in _INITIAL], [w for _, w in _INITIAL])
        else:
            status = _step(previous, index, rng)
        if revised_at is not None and period in _around(revised_at):
            # On schedule the quarter before; in truth delayed in the revised one and the next.
            status = REVISED_STATUSES[0] if period < revised_at else REVISED_STATUSES[1]
        old_expected = expected
        if expected is not None and period >= expected:
            if not storyline and rng.uniform() < _COMPLETION_CHANCE.get(status, 0.0):
                status, expected = "completed", period
            else:
                expected = _slip(expected, rng)
        elif status == "delayed" and expected is not None and expected <= shift_period(period, 1):
            expected = _slip(expected, rng)

        report = _Report(
            action=action,
            period=period,
            status=status,
            expected_completion=expected,
            responsible=responsible,
            narrative=_narrative(
                action,
                responsible,
                period,
                (previous, status),
                (old_expected, expected),
                milestones,
                rng,
            ),
            translated=bool(rng.uniform() < TRANSLATED_SHARE),
            milestones=tuple((quarter, dutch) for quarter, dutch, _ in milestones),
            delivered=period,
        )
        if discontinued is not None and period == stopped_at:
            reason = (discontinued[1], discontinued[2])
            report = replace(
                report,
                status="discontinued",
                expected_completion=None,
                narrative=reason,
                translated=True,
            )
        elif period == revised_at:
            reports.append(_as_first_said(report, old_expected, rng))
            report = replace(
                report,
                narrative=_render([_REVISION_TEXT], quarter=_quarter_text(period)),
                translated=True,
                delivered=shift_period(period, 1),
            )
        reports.append(report)
        if report.status in ACTION_FINAL_STATUSES:
            break  # nothing more is owed
    return reports


def _narrative(
    action: _Action,
    responsible: str,
    period: str,
    change: tuple[str | None, str],
    expected_change: tuple[str | None, str | None],
    milestones: tuple[tuple[str, str, str], ...],
    rng: np.random.Generator,
) -> _Text:
    """A report's narrative: what changed since the quarter before (``change``: the previous
    status and this one), the status, a milestone of this quarter, and the expected completion
    (``expected_change``: before and after this quarter's slip, if any)."""
    previous, status = change
    old, new = expected_change
    texts: list[_Text] = []
    if previous == "not_started" and status != "not_started":
        texts.append(_STARTED_TEXT)
    elif (previous, status) in _CHANGE_TEXTS:
        texts.append(_CHANGE_TEXTS[(previous, status)])
    texts.append(_pick(rng, _STATUS_TEXTS[status]))
    milestone: _Text = ("", "")
    for quarter, dutch, english in milestones:
        if quarter == period and status != "not_started":
            texts.append(_MILESTONE_MISSED_TEXT if status == "delayed" else _MILESTONE_MET_TEXT)
            milestone = (dutch, english)
    if old is not None and new != old and status != "completed":
        texts.append(_SLIP_TEXT)
    elif status == "on_schedule" and new is not None and rng.uniform() < 0.4:
        texts.append(_EXPECTED_TEXT)
    return _render(
        texts,
        subject=action.subject,
        org=responsible,
        milestone=milestone,
        quarter=_quarter_text(period),
        expected=_quarter_text(new) if new else "",
        old=_quarter_text(old) if old else "",
        new=_quarter_text(new) if new else "",
    )


def _as_first_said(report: _Report, expected: str | None, rng: np.random.Generator) -> _Report:
    """The storyline ``REVISED_ACTION``: the report as its quarter's file first had it."""
    said = _render(
        [_pick(rng, _STATUS_TEXTS[REVISED_STATUSES[0]])],
        subject=report.action.subject,
        org=report.responsible,
    )
    return replace(report, status=REVISED_STATUSES[0], expected_completion=expected, narrative=said)


def _count_text(counts: dict[str, int]) -> _Text:
    """'2 afgerond, 3 op schema en 1 vertraagd' (one action: its status), Dutch and English."""

    def one(language: int) -> str:
        items = [(n, _COUNT_WORDS[status][language]) for status, n in counts.items() if n]
        if sum(n for n, _ in items) == 1:
            return items[0][1]
        words = [f"{n} {word}" for n, word in items]
        if len(words) == 1:
            return words[0]
        return ", ".join(words[:-1]) + _AND[language] + words[-1]

    return one(0), one(1)


def _duiding_text(
    carried: list[str],
    behind: list[_Action],
    done_now: list[_Action],
    rng: np.random.Generator,
    **fields: str | _Text,
) -> _Text:
    """One duiding: how the line's actions stand (their carried statuses), what needs attention
    or was completed, and sometimes what comes next."""
    counts = dict.fromkeys(_COUNT_WORDS, 0)
    for status in carried:
        counts[status] += 1
    counted = len(carried) - counts["discontinued"]
    on_schedule = counts["completed"] + counts["on_schedule"]
    n_behind = counts["delayed"] + counts["at_risk"]
    if counted and counts["completed"] == counted:
        tone = "done"
    elif counted and on_schedule >= _GOOD_SHARE * counted:
        tone = "good"
    elif counts["not_started"] * 2 >= max(counted, 1):
        tone = "starting"
    elif n_behind * 2 >= max(counted, 1):
        tone = "poor"
    else:
        tone = "mixed"
    openings = _DUIDING_OPENINGS[tone][: 1 if n_behind < 2 else None]
    sentences = [_pick(rng, openings), _DUIDING_COUNT_ONE if len(carried) == 1 else _DUIDING_COUNT]
    subject: _Text = ("", "")
    if behind:
        sentences.append(_DUIDING_ATTENTION)
        subject = behind[int(rng.integers(len(behind)))].subject
    elif done_now:
        sentences.append(_DUIDING_COMPLETED)
        subject = done_now[0].subject
    else:
        sentences.append(_DUIDING_CALM)
    if tone != "done" and rng.uniform() < 0.5:
        outlooks = _DUIDING_OUTLOOKS + ((_DUIDING_OUTLOOK_BEHIND,) if behind else ())
        sentences.append(_pick(rng, outlooks))
    return _render(
        sentences, **fields, n=str(len(carried)), counts=_count_text(counts), subject=subject
    )


def _duiding(
    actions: list[_Action],
    reports: list[_Report],
    periods: list[str],
    seed: int,
    line_names: dict[str, _Text],
) -> list[tuple[str, str, str, _Text, bool]]:
    """(action line, part, quarter, text, translated) for most quarters of every action line and
    reporter with a reported action, from the statuses as first reported."""
    said: dict[tuple[str, str], dict[str, str]] = {}
    for report in reports:
        if report.delivered == report.period:
            said.setdefault(report.action.key, {})[report.period] = report.status
    groups: dict[tuple[str, str], list[_Action]] = {}
    for action in actions:
        groups.setdefault((action.action_line_id, action.part_id), []).append(action)

    texts = []
    for (line_id, part_id), members in groups.items():
        rng = _rng(seed, "duiding", line_id, part_id)
        carried: dict[tuple[str, str], str] = {}
        for period in periods:
            news = {a.key: said[a.key][period] for a in members if period in said.get(a.key, {})}
            carried.update(news)
            if not carried or rng.uniform() >= DUIDING_SHARE:
                continue  # nothing to tell yet, or no new text this quarter
            if not news and set(carried.values()) <= set(ACTION_FINAL_STATUSES):
                continue  # all done: the last text stands
            statuses = [carried.get(a.key, NOT_REPORTED) for a in members]
            behind = [a for a, s in zip(members, statuses, strict=True) if s == "delayed"] or [
                a for a, s in zip(members, statuses, strict=True) if s == "at_risk"
            ]
            done_now = [a for a in members if news.get(a.key) == "completed"]
            text = _duiding_text(
                statuses,
                behind,
                done_now,
                rng,
                line=line_names[line_id],
                quarter=_quarter_text(period),
            )
            translated = bool(rng.uniform() < TRANSLATED_DUIDING_SHARE)
            texts.append((line_id, part_id, period, text, translated))
    return texts


def _delivered_at(seed: int, part_id: str, period: str) -> datetime:
    """When a reporter's actions file for a quarter arrives: 14-56 days after the quarter."""
    rng = _rng(seed, "actions delivery", part_id, period)
    low, high = DELIVERY_DAYS
    return datetime.combine(quarter_end(period), time(0, 0)) + timedelta(
        days=int(rng.integers(low, high + 1)),
        minutes=int(rng.integers(8 * 60, 17 * 60)),
        seconds=int(rng.integers(0, 60)),
    )


def build_demo_actions(*, seed: int, clock: datetime) -> DemoActions:
    """Generate the demo's action reports and duiding as known at ``clock``. Pure: same seed
    and clock, same frames. ``seed`` must be a non-negative integer."""
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed}")
    last = last_full_quarter(clock.date())
    periods = period_range(FIRST_PERIOD, last)
    actions = _actions()
    reports = [report for action in actions for report in _walk(action, periods, seed)]
    line_names = {
        row["action_line_id"]: (row["name_nl"], row["name_en"]) for row in read_seed("action_lines")
    }
    part_order = [row["part_id"] for row in read_seed("kingdom_parts")]

    # (reporter, quarter of the file) -> the rows the file carries
    files: dict[tuple[str, str], tuple[list[dict], list[dict]]] = {}
    for report in reports:
        files.setdefault((report.action.part_id, report.delivered), ([], []))[0].append(
            report.row()
        )
    for line_id, part_id, period, (text, text_en), translated in _duiding(
        actions, reports, periods, seed, line_names
    ):
        files.setdefault((part_id, period), ([], []))[1].append(
            {
                "action_line_id": line_id,
                "part_id": part_id,
                "period": period,
                "text": text,
                "text_en": text_en if translated else None,
            }
        )

    imports, report_rows, narrative_rows = [], [], []
    for part_id, period in sorted(files, key=lambda k: (k[1], part_order.index(k[0]))):
        recorded = _delivered_at(seed, part_id, period)
        if recorded > clock:
            continue  # not arrived yet at the clock
        file_reports, file_narratives = files[(part_id, period)]
        file_name = FILE_NAME.format(period=period, part_id=part_id)
        # The file's content, as its two sheets' rows: what the checksum is of.
        content = json.dumps([file_reports, file_narratives], ensure_ascii=False, sort_keys=True)
        imports.append(
            {
                "started_at": recorded - timedelta(seconds=3 + _stable_int(file_name) % 30),
                "finished_at": recorded,
                "user_name": DEMO_USER,
                "file_name": file_name,
                "sha256": hashlib.sha256(content.encode()).hexdigest(),
                "rows_accepted": len(file_reports) + len(file_narratives),
                "rows_rejected": 0,
                "outcome": "accepted",
                "kind": "observations",
                # Each quarter's reports and duiding are new keys: all new, as the log tells.
                "message": accepted_message(
                    {
                        ACTIONS: {"new": len(file_reports)},
                        NARRATIVES: {"new": len(file_narratives)},
                    }
                ),
            }
        )
        report_rows += [
            {**row, "recorded_at": recorded, "file_name": file_name} for row in file_reports
        ]
        narrative_rows += [
            {**row, "recorded_at": recorded, "file_name": file_name} for row in file_narratives
        ]

    import_frame = pd.DataFrame(imports, columns=[c for c in _IMPORT_COLUMNS if c != "import_id"])
    import_frame = import_frame.sort_values(["finished_at", "file_name"], ignore_index=True)
    import_frame.insert(0, "import_id", np.arange(1, len(import_frame) + 1, dtype="int64"))
    ids = dict(zip(import_frame["file_name"], import_frame["import_id"], strict=True))
    return DemoActions(
        imports=import_frame,
        reports=_with_import_ids(report_rows, ACTION_REPORT_FIELDS, ids),
        narratives=_with_import_ids(narrative_rows, NARRATIVE_FIELDS, ids),
    )


def _with_import_ids(
    rows: list[dict], fields: tuple[str, ...], ids: dict[str, int]
) -> pd.DataFrame:
    result = pd.DataFrame(rows, columns=[*fields, "recorded_at", "file_name"])
    result["import_id"] = result["file_name"].map(ids).astype("int64")
    return result.drop(columns="file_name").sort_values(
        ["import_id", *fields[:3]], ignore_index=True
    )


def _register(cur: duckdb.DuckDBPyConnection, name: str, rows: pd.DataFrame, sql: str) -> None:
    cur.register(name, rows)
    try:
        cur.execute(sql)
    finally:
        cur.unregister(name)


def record_demo_actions(cur: duckdb.DuckDBPyConnection, actions: DemoActions) -> None:
    """Insert ``actions`` with the cursor ``cur`` (inside the caller's transaction): the imports
    after the largest import id already used, then the reports and duiding, each row with its
    file's import id and moment."""
    ((offset,),) = cur.execute(_LAST_IMPORT_ID_SQL).fetchall()
    imports = actions.imports.assign(import_id=actions.imports["import_id"] + offset)
    _register(cur, "demo_action_imports", imports, _INSERT_IMPORTS_SQL)
    # One call per table: each row carries its own file's moment and import id.
    insert_action_reports(
        cur, actions.reports.assign(import_id=actions.reports["import_id"] + offset)
    )
    insert_narratives(
        cur, actions.narratives.assign(import_id=actions.narratives["import_id"] + offset)
    )

"""The kind of unit an indicator is measured in, and the valid range a value has when the
catalogue gives none: every indicator has a finite range, so no absurd value (``1.7e308``) is
stored, and nothing the engine computes from stored values can overflow.

The catalogue's units are free text in two languages (``% van bbp`` / ``% of GDP``, ``aantal`` /
``count``, ``mln euro`` / ``EUR million``). The kind is read from the unit in lower case, the
Dutch text first, the English where the Dutch says nothing, in this order:

* ``percent_points``: the unit names percentage points (``procentpunt``, ``percentage point``,
  ``%-punt``, ``%-point``, ``pp``, ``p.p.``): a difference of percentages, not a percentage;
* ``percent``: otherwise the unit holds ``%`` or the word ``procent``, ``percent`` or
  ``percentage`` (``% van bbp``, ``% verandering t.o.v. 1990``);
* ``money``: the unit names a currency (euro, EUR, €, dollar, USD, $, gulden, guilder, florin,
  ANG, AWG, XCG, NAf, Afl);
* ``count``: the unit begins with the word ``aantal``, ``count``, ``number`` or ``stuks`` and
  does not speak of a change or a balance (``saldo``, ``netto``, ``net``, ``verandering``,
  ``verschil``, ``mutatie``, ``groei``, ``toename``, ``afname``, ``change``, ``difference``,
  ``growth``, ``increase``, ``decrease``, ``balance``);
* ``other``: anything else (``per 1.000 inwoners``, ``niveau 1-5``, ``minuten per jaar``).

| kind | default range |
|---|---|
| ``percent`` | -1,000,000 to 1,000,000 |
| ``count`` | 0 to 1,000,000,000,000 (10^12) |
| ``money`` | -10^14 to 10^14 |
| ``percent_points``, ``other`` | -10^15 to 10^15 (``ABSOLUTE_LIMIT``) |

The defaults are chosen so that they never refuse a real value and always refuse an absurd one:

* a share in percent is bounded by the catalogue (0 to 100), but a percent *change* (``% change
  vs 1990``) can be far above 100 or below -100; a change of a million percent (10,000 times)
  is beyond anything real;
* a count is never negative, and a thousand billion exceeds any count of people, incidents or
  messages a Kingdom of 18 million inhabitants reports in a quarter;
* an amount of money can be negative (a balance); 10^14 is about ninety times the Dutch GDP in
  euros, and more still in a unit with a multiplier (``mln euro``);
* anything else: ``ABSOLUTE_LIMIT``.

``ABSOLUTE_LIMIT`` (10^15) bounds every value, even where the catalogue states a wider range:
beyond it a double no longer holds every whole number (2^53 is about 9·10^15), so such a figure
cannot be shown or compared exactly, and sums of squares over decades of quarters stay far from
overflow. A bound the catalogue gives always wins over the default (within the absolute limit);
where the default of the missing side would leave no room (a count with a catalogue minimum above
10^12), the missing side is the absolute limit.

| function | returns |
|---|---|
| ``unit_kind(unit_nl, unit_en)`` | the kind: a key of ``DEFAULT_RANGES`` |
| ``valid_range(kind, low, high)`` | the finite range a value must lie in |
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "ABSOLUTE_LIMIT",
    "DEFAULT_RANGES",
    "UNIT_KINDS",
    "unit_kind",
    "valid_range",
]

ABSOLUTE_LIMIT: Final = 1e15
DEFAULT_RANGES: Final[dict[str, tuple[float, float]]] = {
    "percent": (-1e6, 1e6),
    "percent_points": (-ABSOLUTE_LIMIT, ABSOLUTE_LIMIT),
    "count": (0.0, 1e12),
    "money": (-1e14, 1e14),
    "other": (-ABSOLUTE_LIMIT, ABSOLUTE_LIMIT),
}
UNIT_KINDS: Final = tuple(DEFAULT_RANGES)

_POINTS = re.compile(r"procentpunt|percentage ?point|%[ -]?punt|%[ -]?point|\bp\.?p\.?\b|%pt")
_PERCENT = re.compile(r"%|\b(?:procent|percent|percentage)\b")
_COUNT = re.compile(r"(?:aantal|count|stuks|number)\b")
_CHANGE = re.compile(
    r"saldo|netto|\bnet\b|verander|verschil|mutatie|groei|toename|afname|"
    r"change|difference|growth|increase|decrease|balance"
)
_MONEY = re.compile(
    r"\b(?:euros?|eur|dollars?|usd|gulden|guilders?|florins?|ang|awg|xcg|naf|afl)\b|[€$ƒ]"
)


def _kind(unit: str) -> str | None:
    text = unit.strip().lower()
    if _POINTS.search(text):
        return "percent_points"
    if _PERCENT.search(text):
        return "percent"
    if _MONEY.search(text):
        return "money"
    if _COUNT.match(text) and not _CHANGE.search(text):
        return "count"
    return None


def unit_kind(unit_nl: str, unit_en: str) -> str:
    """The kind of unit; the Dutch unit text decides first, the English where it says nothing.

    >>> unit_kind("% van bbp", "% of GDP"), unit_kind("aantal", "count")
    ('percent', 'count')
    >>> unit_kind("procentpunt", "percentage points"), unit_kind("mln euro", "EUR million")
    ('percent_points', 'money')
    >>> unit_kind("minuten per jaar", "minutes per year")
    'other'
    """
    return _kind(unit_nl) or _kind(unit_en) or "other"


def valid_range(kind: str, low: float | None, high: float | None) -> tuple[float, float]:
    """The range a value of an indicator of ``kind`` must lie in: the catalogue's ``low`` and
    ``high`` where given, the kind's default for a missing side, all within ``ABSOLUTE_LIMIT``.

    >>> valid_range("count", 0.0, None), valid_range("percent", 0.0, 100.0)
    ((0.0, 1000000000000.0), (0.0, 100.0))
    >>> valid_range("count", 2e12, None)
    (2000000000000.0, 1000000000000000.0)
    """
    default_low, default_high = DEFAULT_RANGES[kind]
    if low is None:
        low = default_low if high is None or default_low < high else -ABSOLUTE_LIMIT
    if high is None:
        high = default_high if default_high > low else ABSOLUTE_LIMIT
    return max(low, -ABSOLUTE_LIMIT), min(high, ABSOLUTE_LIMIT)

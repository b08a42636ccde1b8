"""Rounding of derived figures (METHOD.md v2 items 4 and 6): the one home of the rule.

Half away from zero on the number's decimal form: the value is read as the shortest decimal text
that reads back as the same double (Python's ``repr``), and that decimal is rounded. So 2.675 to
two decimals is 2.68, although its double is a hair below 2.675 (Python's ``round`` gives 2.67),
and 0.0000005 to six decimals is 0.000001. The result is the double nearest the rounded decimal,
so its ``repr`` has at most ``decimals`` decimals and rounding again changes nothing.

Vectorised with numpy (no per-value ``Decimal``): the candidate k = floor(|x|·10^d + 0.5) can be
off by one where the product is inexact, so it is checked against the half-way points
(2k ± 1) / (2·10^d), each a correctly rounded division: x lies on or above a half-way decimal h
exactly when x >= double(h), because conversion to double is monotone and a decimal of at most
15 significant digits is the shortest text of its double.

| function | returns |
|---|---|
| ``round_half_away(values, decimals)`` | each value rounded, NaN and infinities kept, -0.0 as 0.0 |

Pure: imports numpy only.

>>> round_half_away([0.0000005, -0.0000005, 2.0000004999, 18.333333333333332], 6).tolist()
[1e-06, -1e-06, 2.0, 18.333333]
>>> round_half_away([2.675, -2.675, 0.125], 2).tolist()
[2.68, -2.68, 0.13]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["round_half_away"]

# Beyond 2**53 not every integer is a double: |x|·10^d that large has no decimals to round.
_EXACT_INTEGERS = 2.0**53


def round_half_away(
    values: float | Sequence[float] | np.ndarray, decimals: int
) -> float | np.ndarray:
    """``values`` rounded to ``decimals`` decimals, half away from zero on their decimal form.

    NaN and infinities are returned as they are; a negative value that rounds to zero gives 0.0,
    never -0.0 (so a file never says ``-0.0``). A scalar in gives a float out.
    """
    if not 0 <= decimals <= 15:
        raise ValueError(f"round_half_away: decimals must be 0..15, got {decimals}")
    x = np.asarray(values, dtype=float)
    scale = 10.0**decimals
    magnitude = np.abs(x)
    with np.errstate(invalid="ignore", over="ignore"):
        roundable = np.isfinite(x) & (magnitude * scale < _EXACT_INTEGERS / 2)
        k = np.floor(np.where(roundable, magnitude, 0.0) * scale + 0.5)
        # The half-way points on either side of k, as correctly rounded doubles.
        up = magnitude >= (2.0 * k + 1.0) / (2.0 * scale)
        down = (k > 0) & (magnitude < (2.0 * k - 1.0) / (2.0 * scale))
        k = k + np.where(up, 1.0, 0.0) - np.where(down, 1.0, 0.0)
        rounded = np.copysign(k / scale, x) + 0.0  # + 0.0 turns -0.0 into 0.0
    result = np.where(roundable, rounded, x)
    return float(result) if result.ndim == 0 else result

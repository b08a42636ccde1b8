"""The one error of the report: what cannot be made, in words the user reads.

``ReportError(code, **params)``: ``code`` is a key under ``report.error`` in the catalogs
(``unknown_quarter``, ``unknown_part``, ``no_chromium``, ...), ``params`` fill its message.
Imports nothing of ours.
"""

from __future__ import annotations

__all__ = ["ReportError"]


class ReportError(Exception):
    def __init__(self, code: str, **params: str) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params

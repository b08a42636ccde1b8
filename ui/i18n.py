"""One translation function for every text a user reads: ``t(key, lang, **params)``.

Catalogs are TOML files in ``ui/locales/<lang>/<area>.toml`` (one area per page or feature, so
work on one area never touches another's file). Every language has exactly the same keys; a test
checks it. Keys are dotted (``overview.title``); TOML tables nest them. Dutch is the default.
Placeholders use ``str.format`` names: ``t("intake.row", "en", row=3)``.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Final

__all__ = ["DEFAULT_LANG", "LANGUAGES", "catalog", "t"]

LANGUAGES: Final = ("nl", "en")
DEFAULT_LANG: Final = "nl"
LOCALES_DIR: Final = Path(__file__).resolve().parent / "locales"


def _flatten(prefix: str, table: dict, into: dict[str, str], source: Path) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(full, value, into, source)
        else:
            if full in into:
                raise ValueError(f"translation key {full!r} defined twice (again in {source})")
            into[full] = str(value)


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every key of one language, flattened; raises for an unknown language."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    entries: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.toml")):
        with open(path, "rb") as handle:
            _flatten("", tomllib.load(handle), entries, path)
    return entries


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The text for ``key`` in ``lang`` with ``params`` filled in.

    A missing key raises KeyError: a test walks every page in both languages, so a gap is found
    there rather than shown to a user as a raw key.
    """
    text = catalog(lang)[key]
    return text.format(**params) if params else text

"""The catalogue's one-language texts (source, owner, reference figure) in the reader's language.

The catalogue holds a unit and a name in both languages (``unit_nl``/``unit_en``), but a
source, an owner and a reference figure once, as the catalogue editor wrote them (the seed's in
Dutch). Their other language comes from a fixed vocabulary in the catalogs
(``ui/locales/<lang>/catalogue_terms.toml``, ``catalogue_term.<kind>.<key>``): a text written in
either language is found there and shown in the reader's; a text the vocabulary does not know is
shown as written, in both languages.

| function | returns |
|---|---|
| ``catalogue_term(text, kind, lang)`` | the text in ``lang`` (or as written) |

Imports ``ui.i18n`` only; the report and the CLI may use it too (no streamlit here).
"""

from __future__ import annotations

from functools import cache
from typing import Final

from ui.i18n import LANGUAGES, catalog

__all__ = ["TERM_KINDS", "catalogue_term"]

# The catalogue's columns held in one language.
TERM_KINDS: Final = ("source", "owner", "reference")


def _normal(text: str) -> str:
    return " ".join(text.split())


@cache
def _keys(kind: str) -> dict[str, str]:
    """Every spelling of the ``kind``'s terms (in every language) -> its catalog key."""
    prefix = f"catalogue_term.{kind}."
    found: dict[str, str] = {}
    for lang in LANGUAGES:
        for key, text in catalog(lang).items():
            if key.startswith(prefix):
                found.setdefault(_normal(text), key)
    return found


def catalogue_term(text: object, kind: str, lang: str) -> str:
    """``text`` (a catalogue's ``kind`` column: source, owner, reference) in ``lang``.

    >>> catalogue_term("Ministerie van Defensie", "owner", "en")
    'Ministry of Defence'
    >>> catalogue_term("NATO defence expenditure data", "source", "nl")
    'NAVO-gegevens over defensie-uitgaven'
    >>> catalogue_term("Eigen enquête", "source", "en")
    'Eigen enquête'
    """
    if kind not in TERM_KINDS:
        raise ValueError(f"unknown catalogue term kind {kind!r}; expected one of {TERM_KINDS}")
    written = str(text)
    key = _keys(kind).get(_normal(written))
    return catalog(lang)[key] if key is not None else written

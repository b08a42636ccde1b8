"""The catalogue's one-language texts (source, owner, reference figure) in the reader's
language, through the vocabulary of ``ui/locales/*/catalogue_terms.toml`` (issue 17)."""

from __future__ import annotations

import re

import pytest

from ui.catalogue_terms import TERM_KINDS, catalogue_term
from ui.i18n import LANGUAGES, catalog

# A reference figure that reads the same in both languages needs no entry ("68% in 2024").
_SAME_IN_BOTH = re.compile(r"-?\d+% in \d{4}")


def _seed_terms(structure_con) -> set[tuple[str, str]]:
    rows = structure_con.execute("SELECT source, owner, reference FROM indicators").fetchall()
    return {
        (kind, text)
        for row in rows
        for kind, text in zip(TERM_KINDS, row, strict=True)
        if text is not None and text.strip()
    }


def test_the_seed_catalogue_holds_dutch_and_the_vocabulary_knows_every_text(structure_con):
    untranslated = []
    for kind, text in sorted(_seed_terms(structure_con)):
        assert catalogue_term(text, kind, "nl") == text, f"{kind} {text!r} is not Dutch"
        if catalogue_term(text, kind, "en") == text and not _SAME_IN_BOTH.fullmatch(text):
            untranslated.append((kind, text))
    assert untranslated == []


@pytest.mark.parametrize(
    ("text", "kind", "lang", "shown"),
    [
        ("Ministerie van Defensie", "owner", "en", "Ministry of Defence"),
        ("Ministerie van Defensie", "owner", "nl", "Ministerie van Defensie"),
        # A database made before the seed was Dutch holds the English text.
        ("NATO defence expenditure data", "source", "nl", "NAVO-gegevens over defensie-uitgaven"),
        ("about 2.0% planned for 2024", "reference", "nl", "circa 2,0% gepland voor 2024"),
        ("circa 2,0% gepland voor 2024", "reference", "en", "about 2.0% planned for 2024"),
        # Spacing as an editor may type it.
        ("  CBS Cybersecuritymonitor ", "source", "en", "CBS cybersecurity monitor"),
        # Not in the vocabulary: as written, in both languages.
        ("Eigen enquête van het eiland", "source", "en", "Eigen enquête van het eiland"),
    ],
)
def test_a_term_is_shown_in_the_readers_language(text, kind, lang, shown):
    assert catalogue_term(text, kind, lang) == shown


def test_no_spelling_stands_for_two_terms():
    for kind in TERM_KINDS:
        prefix = f"catalogue_term.{kind}."
        owner_of: dict[str, str] = {}
        for lang in LANGUAGES:
            for key, text in catalog(lang).items():
                if key.startswith(prefix):
                    assert owner_of.setdefault(" ".join(text.split()), key) == key, text


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown catalogue term kind"):
        catalogue_term("x", "unit", "nl")

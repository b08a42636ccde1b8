"""Which text of a narrative a reader sees: the one rule for action narratives and the duiding.

A narrative is written in Dutch (``text``); an English version (``text_en``) is optional. A Dutch
reader sees the text as written. An English reader sees the English version where one was
written, else the Dutch text followed by a mark saying it is untranslated. The mark is a
translated text, so the caller passes it in (``ui.labels.in_language`` for the pages, the
exports through ``data.export.ExportRequest.untranslated``). Pure; imports nothing of ours.

| function | returns |
|---|---|
| ``narrative_in_language(text, text_en, lang, *, untranslated)`` | what a reader of ``lang`` sees |

>>> narrative_in_language("Op schema.", "On schedule.", "en", untranslated="(untranslated)")
'On schedule.'
>>> narrative_in_language("Op schema.", None, "en", untranslated="(untranslated)")
'Op schema. (untranslated)'
>>> narrative_in_language("Op schema.", "On schedule.", "nl", untranslated="(niet vertaald)")
'Op schema.'
>>> narrative_in_language(None, None, "en", untranslated="(untranslated)")
''
"""

from __future__ import annotations

__all__ = ["narrative_in_language"]


def narrative_in_language(text: object, text_en: object, lang: str, *, untranslated: str) -> str:
    """``text`` (Dutch, as written) as a reader of ``lang`` sees it; "" when there is none.

    In English: ``text_en`` where it holds more than white space, else ``text`` followed by
    ``untranslated`` (a space between; no mark when ``untranslated`` is empty). Anything that is
    not a string (None, NaN) counts as no text.
    """
    dutch = text if isinstance(text, str) else ""
    english = text_en if isinstance(text_en, str) else ""
    if lang == "en" and english.strip():
        return english
    if lang == "en" and dutch.strip() and untranslated:
        return f"{dutch} {untranslated}"
    return dutch

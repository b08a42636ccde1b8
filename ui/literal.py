"""Text from a file, shown as it is and never obeyed: in a terminal, and in Streamlit's Markdown.

A quarter file's cells, its column and sheet names, and the file's own name are the uploader's
text. In a terminal a control character in them would act (an escape sequence recolours or
clears the screen, a bell rings, a carriage return makes a line overwrite itself); in a page's
message (``st.error``, ``st.info``... render Markdown) ``**``, ``[link](...)``, ``<b>``, ``$x$``
or ``:red[...]`` would format, link or typeset. So:

* ``terminal_text`` shows every control character as its escape, the way Python writes it: ESC
  as ``\\x1b``, BEL as ``\\x07``, CR as ``\\r``, a line break inside a value as ``\\n``, a
  Unicode bidirectional control as ``\\u202e``. A backslash already in the text stays as it is.
  The CLI prints every line through it (lines are its own, one a line).
* ``markdown_text`` does the same, then backslash-escapes what Markdown would act on, which
  CommonMark then shows as itself: everywhere the characters that format, link, typeset or
  embed (``\\ ` * _ [ ] < > & ~ | $ :``: emphasis, links, HTML, entities, strikethrough,
  tables, Streamlit's math, colour and emoji syntax); at the start, what begins a block (``#``,
  ``>``, ``-``, ``+``, ``=``, a number with ``.`` or ``)``), and leading spaces become no-break
  spaces (no code block). Streamlit turns web and e-mail addresses into links after escapes are
  read, so an invisible word joiner (U+2060) follows every ``@`` and ``:`` and the ``www`` of
  ``www.``: shown the same, never a link. An ordinary file name (``q3-2025.csv``) comes out
  unchanged. For a value put into a Markdown message; a table (``st.dataframe``) shows text as
  it is and needs none of this.

Pure; imports nothing of ours.

| name | what |
|---|---|
| ``terminal_text(text)`` | ``text`` with every control character shown escaped |
| ``markdown_text(text)`` | the same, and whatever Markdown would act on shown as itself |
| ``CONTROL_CHARACTERS`` | the code points escaped |
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["CONTROL_CHARACTERS", "markdown_text", "terminal_text"]

_NAMED: Final = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

# C0 (with tab, line feed and carriage return), DEL and C1; the Unicode line and paragraph
# separators (a terminal may break the line there); the bidirectional marks, embeddings,
# overrides and isolates, which reorder what is shown without being seen.
CONTROL_CHARACTERS: Final = frozenset(
    [
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        0x200E,
        0x200F,
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


def _escape(code: int) -> str:
    character = chr(code)
    if character in _NAMED:
        return _NAMED[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_TERMINAL: Final = {code: _escape(code) for code in CONTROL_CHARACTERS}
# U+2060 WORD JOINER: invisible, and it breaks the address patterns Streamlit makes links of
# (GFM autolinks: ``www.``, ``http://``, ``name@domain``, ``mailto:``) after escapes are read.
_WORD_JOINER: Final = "\u2060"
# Characters Markdown acts on wherever they stand (CommonMark shows an escaped one as itself).
_MARKDOWN: Final = {
    **{ord(character): "\\" + character for character in "\\`*_[]<>&~|$"},
    ord(":"): "\\:" + _WORD_JOINER,
    ord("@"): "@" + _WORD_JOINER,
}
_WEB_AUTOLINK: Final = re.compile(r"(?i)(www)(?=\.)")
# What begins a block at the start of a line: a heading, quote, list item or setext underline.
_BLOCK_START: Final = re.compile(r"^([#>+=-]|[0-9]{1,9}[.)])")


def terminal_text(text: str) -> str:
    """``text`` with every control character shown as its escape (``\\x1b``, ``\\r``...).

    >>> terminal_text("rood\\x1b[31m\\x07")
    'rood\\\\x1b[31m\\\\x07'
    """
    return text.translate(_TERMINAL)


def markdown_text(text: str) -> str:
    """``text`` for a Markdown message, shown as written: control characters escaped as in a
    terminal, then every character Markdown would act on backslash-escaped.

    >>> markdown_text("**vet** $x$ [a](b).csv")
    '\\\\*\\\\*vet\\\\*\\\\* \\\\$x\\\\$ \\\\[a\\\\](b).csv'
    >>> markdown_text("1. q3-2025.csv")
    '1\\\\. q3-2025.csv'
    """
    escaped = terminal_text(text).translate(_MARKDOWN)
    escaped = _WEB_AUTOLINK.sub(r"\1" + _WORD_JOINER, escaped)
    body = escaped.lstrip(" ")
    leading = "\u00a0" * (len(escaped) - len(body))
    return leading + _BLOCK_START.sub(lambda found: _escape_block_start(found.group(1)), body)


def _escape_block_start(marker: str) -> str:
    """``#`` -> ``\\#``; ``12.`` -> ``12\\.``: the character that makes the block."""
    return marker[:-1] + "\\" + marker[-1]

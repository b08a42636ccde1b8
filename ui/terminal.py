"""Text for a terminal: what came from a file is shown there, never obeyed.

A quarter file's cell, column or sheet name, or the file's own name, may hold control characters
(an escape sequence that recolours or clears the terminal, a bell, a carriage return that makes
a line overwrite itself). The CLI prints every line through ``terminal_text``, which shows each
such character as its escape, the way Python writes it: ESC as ``\\x1b``, BEL as ``\\x07``, CR
as ``\\r``, a line break inside a value as ``\\n``; a character of Unicode's bidirectional
controls as ``\\u202e``. The lines the CLI writes are its own, one a line; a backslash already in
the text is left as it is. Pure; imports nothing of ours.

| name | what |
|---|---|
| ``terminal_text(text)`` | ``text`` with every control character shown escaped |
| ``CONTROL_CHARACTERS`` | the code points escaped |
"""

from __future__ import annotations

from typing import Final

__all__ = ["CONTROL_CHARACTERS", "terminal_text"]

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


_TABLE: Final = {code: _escape(code) for code in CONTROL_CHARACTERS}


def terminal_text(text: str) -> str:
    """``text`` with every control character shown as its escape (``\\x1b``, ``\\r``...).

    >>> terminal_text("rood\\x1b[31m\\x07")
    'rood\\\\x1b[31m\\\\x07'
    """
    return text.translate(_TABLE)

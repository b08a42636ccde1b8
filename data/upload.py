"""An uploaded file as every import takes it: its bytes (bounded), checksum, size and clean name.

Shared by the figures intake (``data.intake``) and the catalogue import (``data.catalogue_intake``)
so that both log the same checksum and show the same name for the same file. Imports nothing of
ours.

| name | what |
|---|---|
| ``Source`` | a file's bytes, or its path |
| ``read_upload(source, *, max_bytes)`` | (bytes or None when over ``max_bytes``, sha256, size) |
| ``clean_file_name(file_name, source)`` | the name the log shows: no folders, at most 255 chars |
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Final

__all__ = ["MAX_FILE_NAME_CHARS", "Source", "clean_file_name", "read_upload"]

MAX_FILE_NAME_CHARS: Final = 255

# A file's bytes, or its path.
Source = bytes | str | os.PathLike[str]


def read_upload(source: Source, *, max_bytes: int) -> tuple[bytes | None, str, int]:
    """The bytes (None when over ``max_bytes``), the sha256 and the size. OSError propagates.

    A path is read in chunks and hashed whole, but kept only while within the limit.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        return (
            (data if len(data) <= max_bytes else None),
            hashlib.sha256(data).hexdigest(),
            len(data),
        )
    digest = hashlib.sha256()
    size = 0
    chunks: list[bytes] = []
    with open(Path(source), "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            if size <= max_bytes:
                chunks.append(chunk)
            else:
                chunks.clear()  # keep hashing, stop keeping: the file is refused anyway
    return (b"".join(chunks) if size <= max_bytes else None), digest.hexdigest(), size


def clean_file_name(file_name: str | None, source: object) -> str:
    """``file_name`` (default: a path source's name) without folders, trimmed; ``upload`` if
    nothing is left."""
    if file_name is None and isinstance(source, str | os.PathLike):
        file_name = Path(source).name
    name = Path((file_name or "").replace("\\", "/")).name.strip()
    return (name or "upload")[:MAX_FILE_NAME_CHARS]

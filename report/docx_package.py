"""The .docx package made reproducible: the same document gives the same bytes whenever saved.

| function | what |
|---|---|
| ``stamp(document, *, created, ...)`` | core properties from the report (no clock); no thumbnail |
| ``package_bytes(document, *, created)`` | the saved zip, its entries in order, dated ``created`` |

python-docx keeps ids, relationship ids and media names deterministic (each the next free one in
document order); what it leaves to the clock are the zip entries' times, and the core properties
when a template has none. Imports nothing of ours.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

from docx.opc.constants import RELATIONSHIP_TYPE as RT

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["package_bytes", "stamp"]

_ZIP_EPOCH: Final = datetime(1980, 1, 1)  # the earliest time a zip entry can hold
_ZIP_END: Final = datetime(2107, 12, 31, 23, 59, 58)
_UNIX: Final = 3
_FILE_MODE: Final = 0o100644 << 16  # a regular file, rw-r--r--
_LEVEL: Final = 6


def utc(moment: datetime) -> datetime:
    """``moment`` as naive UTC to the second (a naive moment is UTC already, as the vintages)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def stamp(
    document: Document,
    *,
    created: datetime,
    title: str,
    subject: str,
    author: str,
    language: str,
) -> None:
    """Every core property set from the report, none left to the template or the clock; the
    template's thumbnail (a picture of an empty page) dropped so no preview shows it."""
    properties = document.core_properties
    moment = utc(created)
    properties.title = title
    properties.subject = subject
    properties.author = author
    properties.last_modified_by = author
    properties.created = moment
    properties.modified = moment
    properties.revision = 1
    properties.language = language
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    package = document.part.package
    for rid, relationship in list(package.rels.items()):
        if relationship.reltype == RT.THUMBNAIL:
            del package.rels[rid]


def package_bytes(document: Document, *, created: datetime) -> bytes:
    """``document`` saved, then its zip rewritten entry by entry in the same order with the same
    content, each entry dated ``created`` (clamped to what a zip can hold) instead of now."""
    saved = io.BytesIO()
    document.save(saved)
    moment = min(max(utc(created), _ZIP_EPOCH), _ZIP_END)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=_LEVEL) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE
            target.writestr(info, source.read(entry), compresslevel=_LEVEL)
    return out.getvalue()

"""Pictures for the .docx: each image stored once, named and numbered in the order it is placed.

``Pictures(document).inline(blob, alt=..., width=..., max_height=...)`` returns a ``wp:inline``
(the picture ``width`` wide, or less so it is at most ``max_height`` tall) with ``alt`` as its
description (``docPr/@descr``, what screen readers and Word's "Alt Text" show), for a run.

python-docx's own ``add_picture`` gives the same XML, but hashes every stored image again for
each new one and searches the whole document for the next id: quadratic in the number of
charts (seconds for a Kingdom report). Here an image's hash is taken once, the media parts are
``/word/media/image<n>.<ext>`` and the drawing ids ``1, 2, ...`` in placement order, so the same
images in the same order give the same package. Imports report.docx_ooxml.
"""

from __future__ import annotations

import hashlib
import itertools
from typing import TYPE_CHECKING

from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Length

from report.docx_ooxml import xml_text

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["Pictures"]


class Pictures:
    """The pictures of one document; the document's body must hold no pictures of its own."""

    def __init__(self, document: Document) -> None:
        self._part = document.part
        self._stored: dict[str, tuple[str, Image]] = {}  # sha-256 -> (relationship id, image)
        self._ids = itertools.count(1)

    def _store(self, blob: bytes) -> tuple[str, Image]:
        digest = hashlib.sha256(blob).hexdigest()
        if digest not in self._stored:
            image = Image.from_blob(blob)
            name = PackURI(f"/word/media/image{len(self._stored) + 1}.{image.ext}")
            relationship = self._part.relate_to(ImagePart.from_image(image, name), RT.IMAGE)
            self._stored[digest] = (relationship, image)
        return self._stored[digest]

    def inline(self, blob: bytes, *, alt: str, width: Length, max_height: Length) -> CT_Inline:
        relationship, image = self._store(blob)
        cx, cy = image.scaled_dimensions(width, None)
        if cy > max_height:
            cx, cy = image.scaled_dimensions(None, max_height)
        shape_id = next(self._ids)
        inline = CT_Inline.new_pic_inline(shape_id, relationship, image.filename, cx, cy)
        inline.docPr.set("descr", xml_text(alt))
        return inline

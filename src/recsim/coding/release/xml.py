"""Reading a CMS release XML file safely: ``defusedxml``, streamed, every failure one sentence.

The release files are large (the ICD-10-CM index is tens of megabytes) and come
from wherever the user got them, so they are untrusted input: no document type
declarations (no entity expansion, no external entities), no whole-file tree in
memory, and a truncated or malformed file is refused with the line and column
where it stopped making sense.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_tree
from defusedxml.common import DefusedXmlException

from recsim.coding.release.parts import ReleaseRefused


def elements(stream: BinaryIO, where: str, tags: frozenset[str]) -> Iterator[Element]:
    """The complete elements whose tag is in ``tags``, in document order, as each one ends.

    The caller must ``clear()`` an element once it has read it (or read a parent that
    holds it), so memory stays bounded. Raises :class:`ReleaseRefused` naming ``where``.
    """
    try:
        for _event, element in safe_tree.iterparse(stream, events=("end",), forbid_dtd=True):
            if element.tag in tags:
                yield element
    except DefusedXmlException as error:
        raise ReleaseRefused(
            where,
            "the file declares a document type or entities, which no CMS release file does "
            f"({type(error).__name__}); it was not read",
        ) from None
    except ParseError as error:
        line, column = error.position
        raise ReleaseRefused(
            where,
            f"the XML stops making sense at line {line}, column {column} "
            "(is the file cut short or damaged?)",
        ) from None

"""Small CMS-shaped release files and fake release parts for the ``codes add`` tests and bench.

The archives follow the layout of the CMS FY2026 zips: the ICD-10-CM "Code Tables,
Tabular and Index" zip holds ``icd10cm_index_2026.xml`` (root ``ICD10CM.index``,
``letter`` > ``mainTerm`` with ``title`` and ``code``); the ICD-10-PCS "Code Tables
and Index" zip holds ``icd10pcs_tables_2026.xml`` (root ``ICD10PCS.tabular``,
``pcsTable``). The fake parts count and copy those elements, so the generic
behaviour of ``codes add`` is tested without the real parts.

``python -m tests.cli.cms_archives`` rewrites ``tests/data/cms_archives_bad/``.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import BinaryIO

from recsim.coding.release.parts import ReleasePart
from recsim.coding.release.xml import elements

BAD = Path(__file__).resolve().parent.parent / "data" / "cms_archives_bad"
CM_FOLDER = "Table and Index"


def index_xml(terms: int, year: int = 2026) -> bytes:
    """An Alphabetic Index of ``terms`` main terms in the CMS element layout."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<ICD10CM.index>",
        f"  <version>{year}</version>",
        "  <title>ICD-10-CM INDEX TO DISEASES and INJURIES</title>",
        "  <letter><title>A</title>",
    ]
    for n in range(terms):
        lines.append(
            f"    <mainTerm><title>Condition {n:06d}</title><code>R{n % 100:02d}.{n % 10}</code>"
            f'<term level="1"><title>with complication {n}</title><code>R{n % 100:02d}.9</code>'
            "</term></mainTerm>"
        )
    lines += ["  </letter>", "</ICD10CM.index>", ""]
    return "\n".join(lines).encode()


def pcs_xml(tables: int, year: int = 2026) -> bytes:
    rows = "".join(
        f'<pcsTable><axis pos="1" values="1"><title>Section</title><label code="0">Medical and '
        f'Surgical</label></axis><pcsRow codes="{n}"/></pcsTable>'
        for n in range(tables)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><ICD10PCS.tabular><version>{year}</version>'
        f"{rows}</ICD10PCS.tabular>"
    ).encode()


def zip_bytes(members: dict[str, bytes], *, stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 6, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return buffer.getvalue()


def cm_zip(terms: int = 3, year: int = 2026) -> bytes:
    return zip_bytes(
        {
            f"{CM_FOLDER}/icd10cm_index_{year}.xml": index_xml(terms, year),
            f"{CM_FOLDER}/icd10cm_tabular_{year}.xml": b"<ICD10CM.tabular/>",
            "README.txt": b"Code tables",
        }
    )


def pcs_zip(tables: int = 2) -> bytes:
    return zip_bytes({"icd10pcs_tables_2026.xml": pcs_xml(tables), "README.txt": b"PCS"})


def _counting(tag: str, child: str) -> object:
    def build(stream: BinaryIO, year: int, path: Path) -> int:
        where = getattr(stream, "name", "?")
        count = 0
        with open(path, "w", encoding="utf-8") as out:
            for element in elements(stream, where, frozenset({tag})):
                out.write(f"{year}\t{element.findtext(child, '')}\n")
                element.clear()
                count += 1
        return count

    return build


FAKE_PARTS = (
    ReleasePart(
        "fake-cm-index",
        "ICD-10-CM Alphabetic Index (test)",
        re.compile(r"icd10cm_index_(?P<year>\d{4})\.xml"),
        _counting("mainTerm", "title"),  # type: ignore[arg-type]
    ),
    ReleasePart(
        "fake-pcs-tables",
        "ICD-10-PCS Tables (test)",
        re.compile(r"icd10pcs_tables_(?P<year>\d{4})\.xml"),
        _counting("pcsTable", "axis/title"),  # type: ignore[arg-type]
    ),
)

BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
    b"<ICD10CM.index><letter><mainTerm><title>&lol3;</title></mainTerm></letter>"
    b"</ICD10CM.index>\n"
)


def bad_files() -> dict[str, bytes]:
    """The refused files of ``tests/data/cms_archives_bad`` by name."""
    good = cm_zip()
    damaged = bytearray(zip_bytes({"icd10cm_index_2026.xml": index_xml(3)}, stored=True))
    damaged[damaged.index(b"Condition 000001") + 10] ^= 0x01  # one bit, CRC no longer matches
    return {
        "not-a-release.txt": b"Minutes of the coding committee\n",
        "xml-bomb.zip": zip_bytes({"icd10cm_index_2026.xml": BOMB}),
        "truncated.zip": good[: len(good) // 2],
        "crc-damaged.zip": bytes(damaged),
        "wrong-year.zip": cm_zip(year=2025),
        "foreign.zip": zip_bytes({"minutes.txt": b"notes", "photo.jpg": b"\xff\xd8\xff"}),
        "climbs-out.zip": zip_bytes({"../icd10cm_index_2026.xml": index_xml(1)}),
        "empty.zip": zip_bytes({}),
        "cut-xml.zip": zip_bytes({"icd10cm_index_2026.xml": index_xml(5)[:300]}),
        "icd10cm_index_2027.xml": index_xml(2, year=2027),
    }


if __name__ == "__main__":
    BAD.mkdir(parents=True, exist_ok=True)
    for name, data in bad_files().items():
        (BAD / name).write_bytes(data)

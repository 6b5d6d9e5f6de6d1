"""The tabular list is read by defusedxml: a document type is refused, a damaged file is one
line (recsim.coding.tabular)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recsim.coding.tabular import Source, SourceMissing, read_tabular

GOOD = b"""<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.tabular><version>2026</version>
<chapter><name>1</name><desc>Certain infectious and parasitic diseases (A00-B99)</desc>
<section id="A00-A09"><desc>Intestinal infectious diseases (A00-A09)</desc>
<diag><name>A00</name><desc>Cholera</desc></diag></section></chapter></ICD10CM.tabular>
"""
BOMB = GOOD.replace(
    b"<ICD10CM.tabular>",
    b'<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    b"<ICD10CM.tabular>",
).replace(b"Cholera", b"&b;")


def source(tmp_path: Path, xml: bytes) -> Source:
    tabular = tmp_path / "icd10c-tabular-test.xml"
    tabular.write_bytes(xml)
    codes = tmp_path / "code-list-test.txt"
    codes.write_text("A00\n", encoding="utf-8")
    return Source(tabular, codes, "test")


def test_the_tabular_list_is_read(tmp_path: Path) -> None:
    entries = read_tabular(source(tmp_path, GOOD), lambda message: None)
    assert [(e.code, e.description) for e in entries] == [
        ("1", "Certain infectious and parasitic diseases (A00-B99)"),
        ("A00-A09", "Intestinal infectious diseases (A00-A09)"),
        ("A00", "Cholera"),
    ]


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (BOMB, "declares a document type or entities"),
        (GOOD[:200], "the tabular list is damaged (line 4, column"),
    ],
)
def test_a_document_type_or_a_damaged_file_is_refused(
    tmp_path: Path, xml: bytes, message: str
) -> None:
    with pytest.raises(SourceMissing, match=re.escape(message)) as refused:
        read_tabular(source(tmp_path, xml), lambda message: None)
    assert str(refused.value).endswith("reinstall recsim")

"""Sex and age rules come from a documented data file whose every range exists in FY2026."""

from __future__ import annotations

import pytest

from recsim.coding import CodeSet
from recsim.coding.restrictions import table


def test_every_restriction_range_names_existing_codes(codes: CodeSet) -> None:
    ages, sexes = table()
    for rule in (*ages, *sexes):
        for end in (rule.codes.first, rule.codes.last):
            assert codes.get(end) is not None, (
                f"{rule.codes} ({rule.title}): {end} is not in FY2026"
            )


def test_every_restriction_cites_the_medicare_code_editor() -> None:
    ages, sexes = table()
    assert all(r.age and "Medicare Code Editor" in r.age.source for r in ages)
    assert all(r.sex and "Medicare Code Editor" in r.sex.source for r in sexes)


@pytest.mark.parametrize(
    ("code", "sex", "group"),
    [
        ("O80", "F", "maternity"),
        ("Z37.0", "F", "maternity"),
        ("N40.0", "M", None),
        ("C61", "M", None),
        ("N80.00", "F", None),
        ("P07.30", None, "newborn"),
        ("Z00.121", None, "pediatric"),
        ("Z00.00", None, "adult"),
        ("E11.22", None, None),
    ],
)
def test_codes_carry_the_rules_of_their_range(
    codes: CodeSet, code: str, sex: str | None, group: str | None
) -> None:
    info = codes.get(code)
    assert info is not None
    assert (info.sex.sex if info.sex else None) == sex
    assert (info.age.name if info.age else None) == group


def test_maternity_ages_follow_the_current_mce() -> None:
    ages, _ = table()
    maternity = next(r.age for r in ages if r.age and r.age.name == "maternity")
    assert (maternity.low, maternity.high) == (9, 64)

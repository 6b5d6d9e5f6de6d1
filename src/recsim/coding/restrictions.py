"""Which codes are meant for one sex or one age group (data: ``data/restrictions.yaml``).

The YAML file names its sources (CMS Medicare Code Editor age and sex edits,
Official Guidelines I.C.15.a and I.C.16.a) and why it is a subset of the MCE
tables; this module only reads it and matches codes against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from recsim.coding.content import RestrictionsFile
from recsim.coding.model import AgeRule, CodeRange, SexRule
from recsim.core.content import load_content

AGE_SOURCE = "CMS Medicare Code Editor: age conflict ({group} codes, ages {low}-{high})"
SEX_SOURCE = "CMS Medicare Code Editor: sex conflict (diagnoses for {who} only)"


@dataclass(frozen=True)
class Restriction:
    """One line of the data file: a code range, the title it was chosen for, its rule."""

    codes: CodeRange
    title: str
    age: AgeRule | None = None
    sex: SexRule | None = None


def parse_range(text: str) -> CodeRange:
    """``"P00-P96"``, ``"Z00.11-"`` (a code and everything under it) or ``"Z38"``."""
    text = text.strip()
    text = text.removesuffix("-")
    first, _, last = text.partition("-")
    return CodeRange(first.rstrip("."), (last or first).rstrip("."))


@cache
def table() -> tuple[tuple[Restriction, ...], tuple[Restriction, ...]]:
    """(age restrictions, sex restrictions), in file order."""
    data = load_content("recsim.coding", "data/restrictions.yaml", RestrictionsFile)
    groups = data["age_groups"]
    ages = []
    for row in data["age"]:
        group = groups[row["group"]]
        source = AGE_SOURCE.format(group=row["group"], low=group["low"], high=group["high"])
        rule = AgeRule(row["group"], group["low"], group["high"], source)
        ages.append(Restriction(parse_range(row["codes"]), row["title"], age=rule))
    sexes = []
    for entry in data["sex"]:
        sex = entry["sex"]
        source = SEX_SOURCE.format(who="females" if sex == "F" else "males")
        only = SexRule(sex, source)
        sexes.append(Restriction(parse_range(entry["codes"]), entry["title"], sex=only))
    return tuple(ages), tuple(sexes)


def rules_for(code: str) -> tuple[SexRule | None, AgeRule | None]:
    """The sex and age rules that apply to ``code`` (None where recsim has none)."""
    if not code[:1].isalpha() or "-" in code:
        return None, None  # chapters and blocks carry no rule of their own
    ages, sexes = table()
    sex = next((r.sex for r in sexes if code in r.codes), None)
    age = next((r.age for r in ages if code in r.codes), None)
    return sex, age

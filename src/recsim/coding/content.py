"""The models of the code set's data files (data/*.yaml), as TypedDicts.

recsim.coding stays free of pydantic so that the code set is ready in a quarter
of a second (bench/bench_codes.py): these files are read as plain data and their
shape is checked by the tests (tests/core/test_content_files.py), which validate
them with pydantic against these TypedDicts.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from recsim.core.content import closed

Setting = Literal["inpatient", "outpatient", "emergency"]


@closed
class EditText(TypedDict):
    """One edit recsim checks."""

    source: str
    """The rule it rests on (Official Guidelines section or CMS MCE edit)."""
    message: str
    """A sentence for a student; {code}, {other}, {detail}... are filled in."""


@closed
class PrincipalEntry(TypedDict):
    """Codes never acceptable as principal or first-listed diagnosis."""

    codes: str
    """A code, "X00-" (a code and everything under it) or a range "X00-X99"."""
    settings: list[Setting]
    """Where the rule applies."""
    reason: str
    """Why, for the student."""
    source: str
    """Where that is written."""


@closed
class EditsFile(TypedDict):
    """data/edits.yaml: the claim edits, in the order results list them."""

    edits: dict[str, EditText]
    """Edit id (stable: answers, scoring and JSON use it) -> its text."""
    unacceptable_principal: list[PrincipalEntry]


@closed
class AgeGroup(TypedDict):
    """An age group of the CMS Medicare Code Editor's age edit."""

    low: int
    """Youngest age in years."""
    high: int
    """Oldest age in years."""


@closed
class AgeEntry(TypedDict):
    """Codes meant for one age group."""

    codes: str
    """A code, "X00-" or a range "X00-X99"."""
    group: Literal["newborn", "pediatric", "maternity", "adult"]
    title: str
    """The FY2026 tabular title the range was chosen for."""


@closed
class SexEntry(TypedDict):
    """Codes meant for one sex."""

    codes: str
    """A code, "X00-" or a range "X00-X99"."""
    sex: Literal["F", "M"]
    title: str
    """The FY2026 tabular title the range was chosen for."""


@closed
class RestrictionsFile(TypedDict):
    """data/restrictions.yaml: which codes are meant for one sex or one age group."""

    age_groups: dict[Literal["newborn", "pediatric", "maternity", "adult"], AgeGroup]
    age: list[AgeEntry]
    """Age rules; the first entry that holds a code wins."""
    sex: list[SexEntry]
    """Sex rules; the first entry that holds a code wins."""


@closed
class SearchTermsFile(TypedDict):
    """data/search_terms.yaml: the search vocabulary."""

    stop_words: list[str]
    """Words that never narrow a search (quote YAML's booleans: "on", "no", "yes", "off")."""
    synonyms: list[list[str]]
    """Groups of words or phrases that mean the same thing to a coder."""


@closed
class PcsSection(TypedDict):
    """The meanings recsim carries for one ICD-10-PCS section (character 1)."""

    name: str
    """The section's name (0 Medical and Surgical)."""
    body_systems: dict[str, str]
    """Character 2 -> body system."""
    root_operations: dict[str, str]
    """Character 3 -> root operation."""
    approaches: dict[str, str]
    """Character 5 -> approach (the same in every body system of the section)."""
    body_parts: dict[str, dict[str, str]]
    """Body system -> character 4 -> body part."""
    devices: dict[str, dict[str, str]]
    """Body system -> character 6 -> device."""
    qualifiers: dict[str, dict[str, str]]
    """Body system -> character 7 -> qualifier."""
    no_device: str
    """What device Z means."""
    no_qualifier: str
    """What qualifier Z means."""


@closed
class PcsAxesFile(TypedDict):
    """data/pcs_axes.yaml: what some ICD-10-PCS characters mean (not a copy of the tables)."""

    source: str
    """Where the meanings come from."""
    sections: dict[str, PcsSection]
    """Character 1 -> the section's meanings."""

"""The coding case library: the YAML files in ``recsim/tasks/coding_cases`` and how they are read.

Each file holds ``cases:``, a list of :class:`LibraryCase`. The clinical content
(notes, codes, explanations) lives in those files; this module only checks
their shape, fills a note's placeholders and picks cases for a scenario.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import Field, ValidationError, field_validator, model_validator

from recsim.core.content import read_content
from recsim.core.model import Model
from recsim.core.scenario.errors import InvalidFile, Problem
from recsim.core.scenario.load import located_problems
from recsim.core.scenario.models import Setting
from recsim.core.scenario.yamlsafe import load_yaml
from recsim.tasks.coding.block import EncounterSetting
from recsim.tasks.patients import PERSON_PLACEHOLDERS, PatientRange

PLACEHOLDERS = (*PERSON_PLACEHOLDERS, "visit_date", "admit_date", "discharge_date", "clinician")
"""Words in braces a note may use; each trainee's variant fills them in.

``{man}`` is man/woman (boy/girl under 18); ``{he}``, ``{his}`` and ``{him}``
follow the patient's sex; ``{visit_date}`` is the date of service of an outpatient
or emergency visit, ``{admit_date}`` and ``{discharge_date}`` bound an inpatient
stay; ``{clinician}`` is one of the facility's clinicians.
"""
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
_TAG = r"^[a-z][a-z0-9_]{1,39}$"
CASE_FOLDER = "coding_cases"
_SECTION = re.compile(r"(I|II|III|IV)(\.[A-Za-z0-9]{1,3})*(\([a-z0-9]{1,3}\))?")


def is_section(text: str) -> bool:
    """Whether ``text`` is an Official Guidelines section number such as I.C.9.a.2."""
    return _SECTION.fullmatch(text) is not None


class CaseCodes(Model):
    """The codes a library case expects."""

    diagnoses: list[str] = Field(min_length=1, max_length=25)
    """ICD-10-CM codes, principal or first-listed first."""
    procedures: list[str] = Field(default_factory=list, max_length=25)
    """ICD-10-PCS codes of an inpatient stay with an operation, the principal procedure first;
    empty otherwise (never CPT)."""
    optional: list[str] = Field(default_factory=list, max_length=10)
    """Complete codes a trainee may add without losing points (never a prefix: Y92 would
    accept Y92.9, which I.C.20.b forbids when the place is documented)."""
    also_accepted: dict[str, list[str]] = Field(default_factory=dict, max_length=25)
    """Expected code -> other codes that earn its full credit in its place."""
    first_listed: list[str] = Field(default_factory=list, max_length=25)
    """Expected codes, besides the first, that may be listed first (II.C)."""

    @model_validator(mode="after")
    def _names_expected_codes(self) -> CaseCodes:
        stray = [c for c in [*self.also_accepted, *self.first_listed] if c not in self.diagnoses]
        if stray:
            raise ValueError(
                f"{stray[0]} is not one of the diagnoses; also_accepted and first_listed "
                "name expected codes"
            )
        return self


class LibraryCase(Model):
    """One coding case of the built-in library."""

    id: str
    """Stable id, used in keys, feedback and item analysis: 3 to 64 lower-case letters, digits
    and hyphens, starting with a letter or digit."""
    settings: list[Setting] = Field(min_length=1)
    """Scenario settings the case fits (hospital, clinic, insurer, public_health)."""
    tags: list[str] = Field(min_length=1)
    """Topics, e.g. diabetes, injury, uncertain_diagnosis; scenarios filter on them."""
    encounter: EncounterSetting
    """Inpatient, outpatient or emergency: the rules for uncertain diagnoses differ."""
    patient: PatientRange
    """Who the patient may be."""
    stay: tuple[int, int] = (2, 6)
    """Fewest and most days of an inpatient stay."""
    months: list[int] | None = None
    """Months (1-12) a seasonal case happens in, such as Lyme disease in summer; none for any."""
    summary: str = Field(min_length=1, max_length=200)
    """One line for instructors (hidden from the trainee: it names the answer)."""
    note: str = Field(min_length=1, max_length=20_000)
    """The documentation the trainee codes from, with placeholders."""
    expect: CaseCodes
    """The right codes."""
    guidelines: list[str] = Field(min_length=1)
    """Official Guidelines sections the case teaches, e.g. I.C.9.a.2, IV.H."""
    explain: str = Field(min_length=1)
    """Why these codes: what the trainee learns."""

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{2,63}", value):
            raise ValueError(
                "an id is 3 to 64 lower-case letters, digits and hyphens, "
                "starting with a letter or digit"
            )
        return value

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        bad = [t for t in value if not re.match(_TAG, t)]
        if bad:
            raise ValueError(f"tags are lower-case words joined by _, not {bad[0]!r}")
        return value

    @field_validator("guidelines")
    @classmethod
    def _sections(cls, value: list[str]) -> list[str]:
        bad = [g for g in value if not is_section(g)]
        if bad:
            raise ValueError(
                f"{bad[0]!r} is not an Official Guidelines section such as I.C.9.a.2 or IV.H"
            )
        return value

    @field_validator("note")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        unknown = sorted({m for m in _PLACEHOLDER.findall(value) if m not in PLACEHOLDERS})
        if unknown:
            raise ValueError(
                f"unknown placeholder {{{unknown[0]}}}; a note may use "
                + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            )
        return value

    @field_validator("months")
    @classmethod
    def _months(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and not (value and all(1 <= m <= 12 for m in value)):
            raise ValueError("must list months as numbers from 1 (January) to 12 (December)")
        return value

    @field_validator("stay")
    @classmethod
    def _stay(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not 1 <= value[0] <= value[1] <= 60:
            raise ValueError("must be [fewest, most] days with 1 <= fewest <= most <= 60")
        return value

    @model_validator(mode="after")
    def _dates_fit_encounter(self) -> LibraryCase:
        used = set(_PLACEHOLDER.findall(self.note))
        stay_words = {"admit_date", "discharge_date"}
        if self.encounter == "inpatient" and "visit_date" in used:
            raise ValueError(
                "an inpatient note uses {admit_date} and {discharge_date}, not {visit_date}"
            )
        if self.encounter != "inpatient" and used & stay_words:
            raise ValueError(
                f"an {self.encounter} note uses {{visit_date}}, "
                "not {admit_date} or {discharge_date}"
            )
        return self


class CaseFile(Model):
    """One file of the library."""

    cases: list[LibraryCase] = Field(min_length=1)
    """The cases."""


def load_cases(folder: Traversable | Path, *, bundled: bool = False) -> tuple[LibraryCase, ...]:
    """Every case in a folder of ``*.yaml`` files, in file and list order.

    Raises :class:`InvalidFile` naming the file, line and field of the first
    problem in each bad file, and any id used twice. The ``bundled`` library is
    read the fast way (recsim.core.content); an instructor's folder always with
    the located reader, which refuses what a user's file must not hold.
    """
    cases: list[LibraryCase] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for entry in sorted(
        (e for e in folder.iterdir() if e.name.endswith(".yaml")), key=lambda e: e.name
    ):
        name = str(entry) if isinstance(entry, Path) else f"{CASE_FOLDER}/{entry.name}"
        try:
            text = entry.read_text("utf-8")
            found = read_content(text, name, CaseFile).cases if bundled else parse_cases(text, name)
        except InvalidFile as error:
            problems.extend(error.problems)
            continue
        except UnicodeDecodeError:
            problems.append(Problem(name, 0, 0, "", "is not UTF-8 text; save it as UTF-8"))
            continue
        for case in found:
            if case.id in seen:
                problems.append(
                    Problem(
                        name,
                        0,
                        0,
                        "cases",
                        f"the case id {case.id!r} is also used in {seen[case.id]}",
                    )
                )
            seen[case.id] = name
            cases.append(case)
    if problems:
        raise InvalidFile(problems)
    return tuple(cases)


def parse_cases(text: str, name: str) -> list[LibraryCase]:
    """The cases of one library file's text; :class:`InvalidFile` if it is bad.

    ``name`` labels the messages.
    """
    data, located = load_yaml(text, name)
    if not isinstance(data, dict):
        raise InvalidFile(
            [Problem(name, 1, 1, "", "a case file is a mapping whose key 'cases' lists the cases")]
        )
    try:
        return CaseFile.model_validate(data).cases
    except ValidationError as error:
        raise InvalidFile(located_problems(error, data, located, name, CaseFile)) from None


@cache
def library() -> tuple[LibraryCase, ...]:
    """The built-in case library (read once per process)."""
    return load_cases(resources.files("recsim.tasks").joinpath(CASE_FOLDER), bundled=True)


def library_tags() -> set[str]:
    """Every tag some library case carries."""
    return {tag for case in library() for tag in case.tags}


def cases_for(setting: str, tags: Iterable[str] = ()) -> list[LibraryCase]:
    """Library cases that fit a scenario setting and carry one of ``tags`` (any tag when none)."""
    wanted = set(tags)
    return [
        case
        for case in library()
        if setting in case.settings and (not wanted or wanted & set(case.tags))
    ]


def fill(note: str, values: Mapping[str, str]) -> str:
    """A note with its known placeholders filled in; any other text in braces is left alone."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), note)

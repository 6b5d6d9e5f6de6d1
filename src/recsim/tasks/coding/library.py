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
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from recsim.core.model import Model
from recsim.core.scenario.blocks import EncounterSetting
from recsim.core.scenario.errors import InvalidFile, Problem
from recsim.core.scenario.models import Setting
from recsim.core.scenario.yamlsafe import load_yaml

PLACEHOLDERS = (
    "name",
    "first",
    "last",
    "age",
    "man",
    "he",
    "He",
    "his",
    "His",
    "him",
    "visit_date",
    "admit_date",
    "discharge_date",
    "clinician",
)
"""Words in braces a note may use; each trainee's variant fills them in.

``{man}`` is man/woman (boy/girl under 18); ``{he}``, ``{his}`` and ``{him}``
follow the patient's sex; ``{visit_date}`` is the date of service of an outpatient
or emergency visit, ``{admit_date}`` and ``{discharge_date}`` bound an inpatient
stay; ``{clinician}`` is one of the facility's clinicians.
"""
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
_TAG = r"^[a-z][a-z0-9_]{1,39}$"
CASE_FOLDER = "coding_cases"


class PatientRange(Model):
    """Which patients a case fits; every variation stays inside it so the codes stay right."""

    sex: Literal["F", "M", "any"]
    """F or M for a case whose codes or note need that sex; any when either fits."""
    age: tuple[int, int]
    """Youngest and oldest age in years. Keep the range on one side of an age edit
    (newborn 0, pediatric 0-17, maternity 9-64, adult 15-124)."""

    @field_validator("age")
    @classmethod
    def _ordered(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not 0 <= value[0] <= value[1] <= 124:
            raise ValueError("must be [youngest, oldest] with 0 <= youngest <= oldest <= 124")
        return value

    @property
    def sexes(self) -> tuple[str, ...]:
        """The sexes a variation may give the patient."""
        return ("F", "M") if self.sex == "any" else (self.sex,)


class CaseCodes(Model):
    """The codes a library case expects."""

    diagnoses: list[str] = Field(min_length=1, max_length=25)
    """ICD-10-CM codes, principal or first-listed first."""
    procedures: list[str] = Field(default_factory=list, max_length=25)
    """Procedure codes; empty unless recsim supports a procedure code set for them (never CPT)."""
    optional: list[str] = Field(default_factory=list, max_length=10)
    """Codes (or code prefixes such as Y93) a trainee may add without losing points."""


class LibraryCase(Model):
    """One coding case of the built-in library."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")
    """Stable id, used in keys, feedback and item analysis."""
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
        bad = [g for g in value if not re.fullmatch(r"(I|II|III|IV)(\.[A-Za-z0-9]{1,3})*", g)]
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
                f"an {self.encounter} note uses {{visit_date}}, not {{admit_date}} or {{discharge_date}}"
            )
        return self


class CaseFile(Model):
    """One file of the library."""

    cases: list[LibraryCase] = Field(min_length=1)
    """The cases."""


def load_cases(folder: Traversable | Path) -> tuple[LibraryCase, ...]:
    """Every case in a folder of ``*.yaml`` files, in file and list order.

    Raises :class:`InvalidFile` naming the file, line and field of the first
    problem in each bad file, and any id used twice.
    """
    cases: list[LibraryCase] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for entry in sorted(
        (e for e in folder.iterdir() if e.name.endswith(".yaml")), key=lambda e: e.name
    ):
        name = str(entry) if isinstance(entry, Path) else f"{CASE_FOLDER}/{entry.name}"
        try:
            found = parse_cases(entry.read_text("utf-8"), name)
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
    """The cases of one library file's text (``name`` labels messages); :class:`InvalidFile` if it is bad."""
    data, located = load_yaml(text, name)
    if not isinstance(data, dict):
        raise InvalidFile(
            [Problem(name, 1, 1, "", "a case file is a mapping whose key 'cases' lists the cases")]
        )
    try:
        return CaseFile.model_validate(data).cases
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            where = tuple(detail["loc"])
            place = where
            while place not in located and place:
                place = place[:-1]
            line, column = located.get(place, (1, 1))
            dotted = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in where).lstrip(".")
            problems.append(Problem(name, line, column, dotted, _said(detail)))
        raise InvalidFile(problems) from None


def _said(detail: Any) -> str:
    """A pydantic error as a sentence for whoever edits the library."""
    kind, loc = detail["type"], detail["loc"]
    last = str(loc[-1]) if loc else "value"
    if kind == "missing":
        return f"missing required key '{last}'"
    if kind == "extra_forbidden":
        return f"unknown key '{last}'; a case has the keys " + ", ".join(LibraryCase.model_fields)
    if kind == "string_pattern_mismatch" and last == "id":
        return "an id is 3 to 64 lower-case letters, digits and hyphens, starting with a letter or digit"
    message = str(detail["msg"])
    return message.removeprefix("Value error, ")


@cache
def library() -> tuple[LibraryCase, ...]:
    """The built-in case library (read once per process)."""
    return load_cases(resources.files("recsim.tasks").joinpath(CASE_FOLDER))


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

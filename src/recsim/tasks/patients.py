"""Which patients a library case fits: shared by the coding library and the stay library."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import field_validator

from recsim.core.model import Model


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
    def sexes(self) -> tuple[Literal["F", "M"], ...]:
        """The sexes a variation may give the patient."""
        return ("F", "M") if self.sex == "any" else (self.sex,)


PERSON_PLACEHOLDERS = ("name", "first", "last", "age", "man", "he", "He", "his", "His", "him")
"""The words in braces that name the patient in a case's text: ``{man}`` is man/woman
(boy/girl under 18); ``{he}``, ``{his}`` and ``{him}`` follow the patient's sex."""


def person_words(first: str, last: str, sex: str, age: int) -> dict[str, str]:
    """What :data:`PERSON_PLACEHOLDERS` become for one patient."""
    female = sex == "F"
    adult = age >= 18
    return {
        "name": f"{first} {last}",
        "first": first,
        "last": last,
        "age": str(age),
        "man": ("woman" if female else "man") if adult else ("girl" if female else "boy"),
        "he": "she" if female else "he",
        "He": "She" if female else "He",
        "his": "her" if female else "his",
        "His": "Her" if female else "His",
        "him": "her" if female else "him",
    }


def shown(day: date) -> str:
    """A date as the case documents write it (MM/DD/YYYY, a US record's habit)."""
    return day.strftime("%m/%d/%Y")

"""Which patients a library case fits: shared by the coding library and the stay library."""

from __future__ import annotations

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

"""One trainee's stay: a case filled in with a patient, dates and clinicians drawn from a seed."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from recsim.coding.grouper import Stay
from recsim.core.clock import add_years
from recsim.core.generate.fake import seeded_faker
from recsim.tasks.patients import person_words, shown
from recsim.tasks.stays.models import DOCUMENT_HEADINGS, PLACEHOLDER, StayCase, StayKey

FY2026 = (date(2025, 10, 1), date(2026, 9, 30))
"""The federal fiscal year the case keys are valid and grouped in (1 October to 30 September)."""
RECENT_DAYS = 21
"""A stay is discharged within this many days before the scenario's simulated today."""
LOCALE = "en_US"


@dataclass(frozen=True)
class RenderedStay:
    """A case as one trainee sees it: patient, dates, the filled documents, and its key."""

    case_id: str
    title: str
    patient_name: str
    sex: Literal["F", "M"]
    age: int
    """Age in years on the discharge date."""
    date_of_birth: date
    admit_date: date
    discharge_date: date
    documents: tuple[tuple[str, str], ...]
    """(heading, filled text) in the case's order."""
    key: StayKey

    def grouper_stay(self, key: StayKey | None = None) -> Stay:
        """The grouper's input for ``key`` (the case's own by default) and this patient."""
        key = key or self.key
        poa = {d.code: ("1" if d.poa == "exempt" else d.poa) for d in key.secondary}
        return Stay(
            principal=key.principal,
            discharged=self.discharge_date,
            secondary=tuple(d.code for d in key.secondary),
            procedures=tuple(key.procedures),
            poa=poa,
            age=self.age,
            sex=self.sex,
            disposition=key.disposition,
        )


def discharge_day(rng: random.Random, as_of: date) -> date:
    """A recent discharge date on or before ``as_of``, kept inside FY2026."""
    latest = min(as_of, FY2026[1])
    day = latest - timedelta(days=rng.randint(1, RECENT_DAYS))
    return max(day, FY2026[0] + timedelta(days=60))


def render_stay(
    case: StayCase, rng: random.Random, *, as_of: date, clinicians: Sequence[str]
) -> RenderedStay:
    """The case filled in for one trainee, every detail drawn from ``rng``.

    Sex, age and length of stay stay inside the case's ranges; ``clinicians``
    are the facility's (the attending and surgeon are drawn from them, or made
    up when none are given).
    """
    fake = seeded_faker(LOCALE, rng.randrange(2**32))
    sex = rng.choice(case.patient.sexes)
    age = rng.randint(*case.patient.age)
    first = fake.first_name_female() if sex == "F" else fake.first_name_male()
    last = fake.last_name()
    discharge = discharge_day(rng, as_of)
    days = rng.randint(*case.stay)
    admit = discharge - timedelta(days=days)
    operated = admit + timedelta(days=min(days, rng.randint(0, 1)))
    # A newborn's stay starts at birth.
    born = admit if age == 0 else add_years(discharge, -age) - timedelta(days=rng.randint(1, 364))
    staff = list(clinicians) or [
        f"{fake.first_name()} {fake.last_name()}, {suffix}" for suffix in ("MD", "DO", "MD")
    ]
    clinician = rng.choice(staff)
    others = [c for c in staff if c != clinician] or staff
    surgeon = rng.choice(others)
    values = person_words(first, last, sex, age) | {
        "admit_date": shown(admit),
        "discharge_date": shown(discharge),
        "procedure_date": shown(operated),
        "clinician": clinician,
        "surgeon": surgeon,
    }
    documents = tuple((DOCUMENT_HEADINGS[d.kind], fill(d.text, values)) for d in case.documents)
    return RenderedStay(
        case_id=case.id,
        title=case.title,
        patient_name=f"{first} {last}",
        sex=sex,
        age=age,
        date_of_birth=born,
        admit_date=admit,
        discharge_date=discharge,
        documents=documents,
        key=case.key,
    )


def fill(text: str, values: dict[str, str]) -> str:
    """A document with its known placeholders filled in; other text in braces is left alone."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)

"""A clean claim drafted from a documented encounter: what the note documents is what is billed.

The draft holds the claim while problems are planted in it (problems.py): the
documented services, the billed lines, the diagnoses, the attachments and the
coverage, all as plain values until the view is made.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from recsim.core.clock import age_on
from recsim.core.generate.library import library
from recsim.core.records import ClinicalNote, Encounter, PatientRecord, Provider
from recsim.tasks.claims.content import claims_content

PLACES = {
    "outpatient": "office",
    "emergency": "emergency department",
    "inpatient": "inpatient hospital",
}
NOTE_TITLES = {"outpatient": "Progress note", "emergency": "Emergency department note"}


@dataclass
class DocumentedService:
    """A service the documentation records."""

    code: str
    phrase: str
    units: int
    on: date


@dataclass
class LineDraft:
    """A billed line before it is numbered."""

    code: str
    on: date
    units: int
    pointers: list[int] = field(default_factory=lambda: [1])


@dataclass
class AttachmentDraft:
    title: str
    on: date
    author: str
    text: str
    received: bool = True


@dataclass
class Draft:
    """A claim being assembled."""

    record: PatientRecord
    encounter: Encounter
    setting: str
    age: int
    diagnoses: list[str]
    documented: list[DocumentedService]
    lines: list[LineDraft]
    author: Provider
    provider: Provider
    minutes: int | None
    attachments: list[AttachmentDraft]
    assessed: list[str]
    """The secondary diagnoses the documentation addresses, in words."""
    coverage_from: date
    coverage_to: date | None
    facts: dict[str, str] = field(default_factory=dict)
    fault: int | None = None
    """Index into ``lines`` of the line at fault."""
    mdm: str | None = None
    """For an emergency department visit: the medical decision making documented."""

    @property
    def documented_level(self) -> str:
        """What the visit's level rests on, in words: its time, or its decision making."""
        if self.mdm is not None:
            return f"{self.mdm} medical decision making"
        return f"{self.minutes} minutes of total time"

    @property
    def first(self) -> date:
        return self.encounter.admit_date

    @property
    def last(self) -> date:
        return self.encounter.discharge_date

    def span(self) -> str:
        """The documented dates, in words."""
        if self.first == self.last:
            return f"the visit on {self.first}"
        return f"the stay from {self.first} to {self.last}"


def draft_claim(
    record: PatientRecord,
    encounter: Encounter,
    diagnoses: list[str],
    as_of: date,
    rng: random.Random,
    *,
    minutes_below_top: bool = False,
) -> Draft:
    """The clean claim for an encounter: its documented services billed as documented."""
    content = claims_content()
    setting = encounter.type
    age = age_on(record.patient.date_of_birth, encounter.admit_date)
    documented: list[DocumentedService] = []
    minutes: int | None = None
    mdm: str | None = None
    if setting == "inpatient":
        documented.extend(_hospital_days(encounter))
    else:
        levels = content.visits(setting)
        level = rng.choice(levels[:-1] if minutes_below_top else levels)
        if level.minutes is not None:
            minutes = rng.randint(*level.minutes)
            phrase = f"{minutes} minutes total time"
        else:  # an emergency department level rests on decision making, never on time
            mdm = level.mdm
            phrase = f"{mdm} medical decision making"
        documented.append(DocumentedService(level.code, phrase, 1, encounter.admit_date))
        documented.extend(_labs(record, encounter, setting))
        for entry in content.services_for.get(diagnoses[0], ()):
            documented.append(
                DocumentedService(
                    entry.service, entry.phrase, rng.randint(*entry.units), encounter.admit_date
                )
            )
    lines = [LineDraft(d.code, d.on, d.units) for d in documented]
    coverage = record.coverage
    start = min(
        coverage.effective_from, encounter.admit_date - timedelta(days=rng.randint(30, 400))
    )
    draft = Draft(
        record=record,
        encounter=encounter,
        setting=setting,
        age=age,
        diagnoses=list(diagnoses),
        documented=documented,
        lines=lines,
        author=encounter.attending,
        provider=encounter.attending,
        minutes=minutes,
        attachments=[],
        assessed=_in_words(_unnamed(diagnoses[:1]) + list(diagnoses[1:])),
        coverage_from=start,
        coverage_to=None,
        mdm=mdm,
    )
    draft.attachments = attachments_for(draft, as_of)
    return draft


def _unnamed(codes: list[str]) -> list[str]:
    """Codes no condition of the library names: a combination code such as I11.0
    (hypertension with heart failure, Guidelines I.C.9.a.1), which the principal
    condition's own narrative (heart failure) does not name, so the records must."""
    named = {code for c in library().conditions for code in c.codes.values()}
    return [code for code in codes if code not in named]


def _in_words(codes: list[str]) -> list[str]:
    """Conditions as a clinician names them (the condition library's names)."""
    names = {code: c.name for c in library().conditions for code in c.codes.values()}
    return list(
        dict.fromkeys(
            names.get(code, library().descriptions.get(code, code).lower()) for code in codes
        )
    )


def _hospital_days(encounter: Encounter) -> list[DocumentedService]:
    days = (encounter.discharge_date - encounter.admit_date).days
    found = [
        DocumentedService("RS-HOS-001", "admission history and physical", 1, encounter.admit_date)
    ]
    for day in range(1, days):
        found.append(
            DocumentedService(
                "RS-HOS-002", "daily progress note", 1, encounter.admit_date + timedelta(days=day)
            )
        )
    if days >= 1:
        found.append(
            DocumentedService("RS-HOS-003", "discharge summary", 1, encounter.discharge_date)
        )
    return found


def _labs(record: PatientRecord, encounter: Encounter, setting: str) -> list[DocumentedService]:
    """The tests behind the encounter's lab results; a venipuncture when the office drew blood."""
    results = {
        o.name
        for o in record.observations
        if o.category == "lab" and o.taken_on == encounter.admit_date
    }
    found: list[DocumentedService] = []
    content = claims_content()
    for test in content.lab_tests:
        if results & set(test.results):
            found.append(DocumentedService(test.service, test.phrase, 1, encounter.admit_date))
            results -= set(test.results)
    # a panel reports its component tests too: never document a component beside its panel
    parts = {b.column2 for d in found for b in content.includes(d.code)}
    found = [d for d in found if d.code not in parts]
    if found and setting == "outpatient":
        found.append(DocumentedService("RS-LAB-090", "venipuncture", 1, encounter.admit_date))
    return found


def services_text(draft: Draft) -> str:
    """The services paragraph the documentation ends with."""
    also = f"Also assessed: {'; '.join(draft.assessed)}.\n" if draft.assessed else ""
    if draft.setting == "inpatient":
        days = ", ".join(f"{d.on}" for d in draft.documented if d.code == "RS-HOS-002") or "none"
        return f"{also}Daily progress notes by {draft.author.name} on: {days}."
    services = [d for d in draft.documented if d.code in _DOCUMENTED_AS_SERVICE]
    listed = "; ".join(
        f"{d.phrase} x {d.units}"
        if d.units > 1 or d.code in claims_content().repeatable
        else d.phrase
        for d in services
    )
    level = (
        f"Medical decision making: {draft.mdm}."
        if draft.mdm is not None
        else f"Total time: {draft.minutes} minutes."
    )
    return f"{also}Services: {listed or 'none beyond the visit'}.\n{level}"


_DOCUMENTED_AS_SERVICE = {
    code
    for code, service in claims_content().services.items()
    if service.kind not in ("visit", "hospital_day")
}


def _note(record: PatientRecord, encounter: Encounter, kind: str) -> ClinicalNote | None:
    return next(
        (
            n
            for n in record.notes
            if n.type == kind
            and n.written_on in (encounter.admit_date, encounter.discharge_date)
            and n.mrn == record.patient.mrn
        ),
        None,
    )


def attachments_for(draft: Draft, as_of: date) -> list[AttachmentDraft]:
    """The documentation requested with the claim, as received."""
    encounter, author = draft.encounter, draft.author.name
    if draft.setting == "inpatient":
        history = _note(draft.record, encounter, "History and physical")
        summary = _note(draft.record, encounter, "Discharge summary")
        return [
            AttachmentDraft(
                "History and physical",
                encounter.admit_date,
                author,
                history.text if history else f"Admitted for {encounter.reason.lower()}.",
            ),
            AttachmentDraft("Progress notes", encounter.admit_date, author, services_text(draft)),
            AttachmentDraft(
                "Discharge summary",
                encounter.discharge_date,
                author,
                summary.text if summary else f"Discharged {encounter.discharge_date}.",
            ),
        ]
    note = _note(draft.record, encounter, NOTE_TITLES[draft.setting])
    body = note.text if note else f"Seen today for {encounter.reason.lower()}."
    return [
        AttachmentDraft(
            NOTE_TITLES[draft.setting],
            encounter.admit_date,
            author,
            f"{body}\n{services_text(draft)}",
        )
    ]


def refresh_text(draft: Draft) -> None:
    """Rewrite the services paragraph after the documented services changed."""
    for attachment in draft.attachments:
        head, _, _ = attachment.text.partition(
            "\nAlso assessed: " if draft.assessed else "\nServices: "
        )
        if attachment.title in NOTE_TITLES.values():
            attachment.text = f"{head}\n{services_text(draft)}"
        elif attachment.title == "Progress notes":
            attachment.text = services_text(draft)

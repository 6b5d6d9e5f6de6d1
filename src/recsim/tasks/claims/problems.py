"""Planting one problem in a clean claim draft.

Each planter changes the draft so that exactly one thing is wrong, fills the
facts its feedback needs, and returns False when the encounter gives it nothing
to work on (an inpatient stay has no visit level to upcode); the generator
then tries another encounter.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from recsim.core.generate.library import library
from recsim.core.records import Provider
from recsim.tasks.claims.content import claims_content
from recsim.tasks.claims.draft import DocumentedService, Draft, LineDraft, refresh_text

Planter = Callable[[Draft, random.Random, "Tools"], bool]
PLANTERS: dict[str, Planter] = {}
OFFICE_SETTINGS = ("outpatient", "emergency")


class Tools:
    """What planters may consult besides the draft: the coding engine and the staff."""

    def __init__(
        self,
        check: Callable[[list[str], Draft], set[str]],
        describe: Callable[[str], str],
        roster: tuple[Provider, ...],
        as_of: date,
    ) -> None:
        self.check = check
        """Edit ids the coding engine reports for a list of diagnoses on this draft's patient."""
        self.describe = describe
        """The ICD-10-CM description of a code."""
        self.roster = roster
        self.as_of = as_of


def planter(name: str) -> Callable[[Planter], Planter]:
    def register(function: Planter) -> Planter:
        PLANTERS[name] = function
        return function

    return register


def _service(code: str) -> str:
    return claims_content().services[code].description


def _line_facts(draft: Draft, index: int) -> None:
    line = draft.lines[index]
    draft.fault = index
    draft.facts.update(
        line=str(index + 1),
        service=line.code,
        description=_service(line.code),
        date=line.on.isoformat(),
        units=str(line.units),
    )


@planter("clean")
def clean(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    return True


@planter("diagnosis_not_supported")
def diagnosis_not_supported(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    record = draft.record
    on_record = {d.code for e in record.encounters for d in e.diagnoses}
    taking = {m.name for m in record.medications}
    candidates = []
    for code, condition_id in claims_content().unsupported:
        condition = library().condition(condition_id)
        if code in on_record or taking & {d.name for d in condition.medications}:
            continue
        fits = condition.fits(record.patient.sex, draft.age)
        candidates.append((not fits, code))
    for _, code in sorted(candidates, key=lambda pair: (pair[0], rng.random())):
        if not tools.check([*draft.diagnoses, code], draft):
            draft.diagnoses.append(code)
            draft.lines[0].pointers.append(len(draft.diagnoses))
            draft.facts.update(code=code, description=tools.describe(code))
            return True
    return False


@planter("service_not_documented")
def service_not_documented(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    content = claims_content()
    billed = {line.code for line in draft.lines}
    covered = billed | {b.column2 for code in billed for b in content.includes(code)}
    choices = [
        c
        for c in content.extra_services  # neither on the claim nor bundling with what is
        if c not in covered and not {b.column2 for b in content.includes(c)} & billed
    ]
    if not choices:
        return False
    code = rng.choice(choices)
    draft.lines.append(LineDraft(code, draft.first, 1))
    _line_facts(draft, len(draft.lines) - 1)
    return True


@planter("upcoded")
def upcoded(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    if draft.setting not in OFFICE_SETTINGS or (draft.minutes is None and draft.mdm is None):
        return False
    content = claims_content()
    documented = draft.mdm if draft.mdm is not None else draft.minutes
    assert documented is not None
    right = content.visit_level(draft.setting, documented)
    higher = [s for s in content.visits(draft.setting) if s.rank > right.rank]
    if not higher:
        return False
    index = next(n for n, line in enumerate(draft.lines) if line.code == right.code)
    draft.lines[index].code = rng.choice(higher).code
    _line_facts(draft, index)
    draft.facts.update(documented=draft.documented_level, right=right.code)
    return True


@planter("unbundled")
def unbundled(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    if draft.setting not in OFFICE_SETTINGS:
        return False
    content = claims_content()
    comprehensive = [n for n, line in enumerate(draft.lines) if content.includes(line.code)]
    if not comprehensive:
        panel = content.lab_tests[0]
        draft.documented.append(DocumentedService(panel.service, panel.phrase, 1, draft.first))
        draft.lines.append(LineDraft(panel.service, draft.first, 1))
        if draft.setting == "outpatient" and not any(
            line.code == "RS-LAB-090" for line in draft.lines
        ):
            draft.documented.append(DocumentedService("RS-LAB-090", "venipuncture", 1, draft.first))
            draft.lines.append(LineDraft("RS-LAB-090", draft.first, 1))
        refresh_text(draft)
        comprehensive = [len(draft.lines) - (2 if draft.lines[-1].code == "RS-LAB-090" else 1)]
    whole = draft.lines[rng.choice(comprehensive)]
    billed = {line.code for line in draft.lines}
    parts = [b for b in content.includes(whole.code) if b.column2 not in billed]
    if not parts:
        return False
    bundle = rng.choice(parts)
    draft.lines.append(LineDraft(bundle.column2, whole.on, 1))
    _line_facts(draft, len(draft.lines) - 1)
    draft.facts.update(column1=f"{bundle.column1} ({_service(bundle.column1)})", why=bundle.why)
    return True


def _repeatable(draft: Draft, rng: random.Random) -> tuple[str, int | None]:
    """A service a note documents with a count: one already on the claim, or a new one."""
    repeatable = claims_content().repeatable
    present = [n for n, line in enumerate(draft.lines) if line.code in repeatable]
    if present:
        return draft.lines[present[0]].code, present[0]
    respiratory = draft.diagnoses[0] in ("J45.909", "J44.9")
    code = "RS-PRO-001" if respiratory else rng.choice(["RS-INJ-001", "RS-CAR-001"])
    return code, None


def _set_units(draft: Draft, code: str, index: int | None, documented: int, billed: int) -> int:
    phrase = claims_content().repeatable[code]
    entry = next((d for d in draft.documented if d.code == code), None)
    if entry is None:
        draft.documented.append(DocumentedService(code, phrase, documented, draft.first))
    else:
        entry.units, entry.phrase = documented, phrase
    if index is None:
        draft.lines.append(LineDraft(code, draft.first, billed))
        index = len(draft.lines) - 1
    draft.lines[index].units = billed
    refresh_text(draft)
    return index


@planter("units_over_limit")
def units_over_limit(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    if draft.setting not in OFFICE_SETTINGS:
        return False
    code, index = _repeatable(draft, rng)
    limit = claims_content().services[code].limit
    units = limit + rng.randint(1, 2)
    index = _set_units(draft, code, index, units, units)
    _line_facts(draft, index)
    draft.facts.update(limit=str(limit))
    return True


@planter("units_not_documented")
def units_not_documented(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    if draft.setting not in OFFICE_SETTINGS:
        return False
    code, index = _repeatable(draft, rng)
    limit = claims_content().services[code].limit
    documented = rng.randint(1, limit - 1)
    index = _set_units(draft, code, index, documented, rng.randint(documented + 1, limit))
    _line_facts(draft, index)
    draft.facts.update(
        documented=f"{documented} ({claims_content().repeatable[code]} x {documented})"
    )
    return True


@planter("code_edit")
def code_edit(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    plants = list(claims_content().code_edits)
    rng.shuffle(plants)
    plants.sort(
        key=lambda p: p.how == "repeat"
    )  # prefer the specific edits when the claim allows them
    for plant in plants:
        low, high = plant.ages
        codes = list(draft.diagnoses)
        if plant.how == "repeat":
            codes.append(rng.choice(codes))
        elif codes[0] != plant.principal or not low <= draft.age <= high or plant.code is None:
            continue
        elif plant.how == "replace_principal":
            codes[0] = plant.code
        else:
            codes.insert(0, plant.code)
        if plant.edit in tools.check(codes, draft):
            if plant.how == "insert_first":
                for line in draft.lines:
                    line.pointers = [p + 1 for p in line.pointers]
            draft.diagnoses = codes
            draft.facts["edit"] = plant.edit
            return True
    return False


@planter("date_outside_encounter")
def date_outside_encounter(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    if draft.setting == "inpatient":
        on = draft.last + timedelta(days=rng.randint(1, 3))
        draft.lines.append(LineDraft("RS-HOS-002", on, 1))
        index = len(draft.lines) - 1
    else:
        index = rng.randrange(len(draft.lines))
        on = draft.first + timedelta(days=rng.choice((-3, -2, -1, 1, 2, 3, 7)))
        draft.lines[index].on = on
    if on >= tools.as_of:
        return False
    _line_facts(draft, index)
    draft.facts["span"] = draft.span()
    return True


@planter("member_not_covered")
def member_not_covered(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    if rng.random() < 0.5:
        draft.coverage_to = draft.first - timedelta(days=rng.randint(1, 90))
        draft.coverage_from = min(
            draft.coverage_from, draft.coverage_to - timedelta(days=rng.randint(100, 900))
        )
        coverage = f"ended on {draft.coverage_to}"
    else:
        draft.coverage_from = min(
            draft.last + timedelta(days=rng.randint(1, 60)), tools.as_of - timedelta(days=1)
        )
        coverage = f"began on {draft.coverage_from}"
    draft.facts.update(date=draft.first.isoformat(), coverage=coverage)
    return True


@planter("provider_mismatch")
def provider_mismatch(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    others = [p for p in tools.roster if p.npi != draft.author.npi and p.name != draft.author.name]
    same = [p for p in others if p.specialty == draft.author.specialty]
    if not others:
        return False
    draft.provider = rng.choice(same or others)
    draft.facts.update(
        billed=f"{draft.provider.name} (NPI {draft.provider.npi})",
        documented=f"{draft.author.name} (NPI {draft.author.npi})",
    )
    return True


@planter("records_missing")
def records_missing(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    attachment = draft.attachments[-1] if draft.setting == "inpatient" else draft.attachments[0]
    attachment.received, attachment.text = False, ""
    draft.facts.update(document=attachment.title.lower(), date=attachment.on.isoformat())
    return True


@planter("duplicate_claim")
def duplicate_claim(draft: Draft, rng: random.Random, tools: Tools) -> bool:
    """A clean claim the plan has already paid: the history gets its twin (history.py)."""
    draft.facts["duplicate"] = "yes"
    return True

"""Request archetypes (archetypes.yaml): from an archetype's defining facts to a request.

The file says what is fixed about each kind of request and what may vary; the
few value forms it uses (``one_of``, ``pick``, ``always``, ``days``,
``$requested``) are interpreted here. Which answer a request deserves is never
written in the file: the rule engine derives it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field, model_validator

from recsim.core.content import load_content
from recsim.core.model import ContentModel
from recsim.core.scenario.release import (
    Channel,
    Paperwork,
    Purpose,
    RecordType,
    ReleaseRequest,
    Role,
)


@dataclass(frozen=True, slots=True)
class Draft:
    """A request made from an archetype, with what the desk's wording needs."""

    archetype: str
    request: ReleaseRequest
    name_kind: str
    """patient, relative or person: how the requester is named."""
    relation: str | None
    organization_kind: str | None
    story: str
    """Story template with {placeholders}."""
    verified_note: str | None
    department: str | None


class OneOf(ContentModel):
    """``{one_of: [a, b]}``: one of the values, drawn."""

    one_of: list[Any] = Field(min_length=1)


class Pick(ContentModel):
    """``{always: [a], pick: [b, c, d], size: [1, 2]}``: the fixed records plus that many picks."""

    always: list[RecordType] = Field(default_factory=list)
    """Records always requested."""
    pick: list[RecordType] = Field(default_factory=list)
    """Records to draw from, kept in listed order."""
    size: tuple[int, int] = (0, 0)
    """Fewest and most records drawn."""


class PatientSpec(ContentModel):
    """The patient an archetype needs."""

    ages: tuple[int, int]
    """Youngest and oldest age in years."""
    deceased: bool = False
    minor_consented_alone: bool = False
    """A minor who consented to the care alone, as the law allows."""
    agreed_to_share: bool = False
    """The patient agreed to sharing with family involved in care."""


class RequesterSpec(ContentModel):
    """Who asks."""

    role: Role | OneOf
    verified: bool | OneOf
    """Whether identity and authority were checked."""
    name: Literal["patient", "relative", "person"]
    """patient (the patient asks), relative (the patient's surname) or person (anyone)."""
    org: str | None = None
    """An organization kind of ``organizations``."""
    relation: str | OneOf | None = None
    """The words for who they are."""
    department: str | OneOf | None = None
    """For a co-worker: where they work."""


_DOCUMENTS = {
    name: next(a for a in get_args(info.annotation) if isinstance(a, type))
    for name, info in Paperwork.model_fields.items()
}


class ArchetypeEntry(ContentModel):
    """One kind of request: its defining facts, and what may vary (the value forms).

    Fields are in the file's usual order: the interpreter draws a mapping's values in order.
    """

    patient: PatientSpec
    requester: RequesterSpec
    channel: Channel | OneOf
    purpose: Purpose | OneOf
    requested: list[RecordType] | Pick | OneOf
    """The records asked for."""
    documents: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Paperwork (authorization, court_order, subpoena, warrant, direction) -> its fields,
    which may use the value forms, ``$requested`` and ``$requested_part``."""
    verified_note: str | None = None
    """What has been checked, when the channel's wording won't do."""
    story: list[str] = Field(min_length=1)
    """What the desk sees or hears; {placeholders} are filled in."""

    @model_validator(mode="after")
    def _known_paperwork(self) -> ArchetypeEntry:
        for kind, fields in self.documents.items():
            model: type[BaseModel] | None = _DOCUMENTS.get(kind)
            if model is None:
                raise ValueError(f"{kind!r} is not paperwork; use one of: {', '.join(_DOCUMENTS)}")
            unknown = sorted(set(fields) - set(model.model_fields))
            if unknown:
                raise ValueError(
                    f"{kind} has no field {unknown[0]!r}: {', '.join(model.model_fields)}"
                )
        return self


class ArchetypesFile(ContentModel):
    """archetypes.yaml: the request archetypes and the desk's wording."""

    general: list[RecordType]
    """The records most requests choose from (the archetypes share it as ``*general``)."""
    clinical: list[RecordType]
    """The clinical records (shared as ``*clinical``)."""
    archetypes: dict[str, ArchetypeEntry]
    """Archetype name (these keys are the names a scenario may list) -> the archetype."""
    organizations: dict[str, list[str]]
    """Organization kind -> name templates ({last}, {city}, {company}... are filled in)."""
    minor_care: list[str] = Field(min_length=1)
    """Care a minor may consent to alone in many states."""
    verification: dict[Literal["verified", "unverified"], dict[Channel, str]]
    """What the desk has checked, by channel, when an archetype gives no verified_note."""
    channels: dict[Channel, str]
    """How a request arrived, in words."""
    roles: dict[Role, str]
    """How a requester is named when the request gives no relation."""
    role_organizations: dict[Role, str]
    """Organization kind for an authored request's requester, by role."""

    @model_validator(mode="after")
    def _known_organizations(self) -> ArchetypesFile:
        kinds = [s.requester.org for s in self.archetypes.values()]
        for kind in [*kinds, *self.role_organizations.values()]:
            if kind is not None and kind not in self.organizations:
                raise ValueError(f"the organization kind {kind!r} is not in organizations")
        return self


@cache
def catalog() -> dict[str, Any]:
    """archetypes.yaml, read once and checked by its model; the interpreter reads plain values."""
    content = load_content(__package__, "archetypes.yaml", ArchetypesFile)
    data: dict[str, Any] = content.model_dump(exclude_unset=True)
    return data


def archetype_names() -> list[str]:
    """Every archetype the file defines."""
    return list(catalog()["archetypes"])


def archetype_patient(name: str) -> tuple[tuple[int, int], bool]:
    """The patient ages an archetype allows, and whether its patient has died."""
    patient = catalog()["archetypes"][name]["patient"]
    low, high = patient["ages"]
    return (int(low), int(high)), bool(patient.get("deceased", False))


def draft(name: str, rng: random.Random, *, age: int) -> Draft:
    """A request of archetype ``name`` about a patient of ``age``."""
    spec = catalog()["archetypes"][name]
    patient = spec["patient"]
    who = _resolve(spec["requester"], rng, [])
    requested = _resolve(spec["requested"], rng, [])
    data = {
        "requester": {"role": who["role"], "verified": who["verified"]},
        "channel": _resolve(spec["channel"], rng, requested),
        "purpose": _resolve(spec["purpose"], rng, requested),
        "requested": requested,
        "documents": _resolve(spec.get("documents", {}), rng, requested),
        "patient": {
            "age": age,
            "deceased": bool(patient.get("deceased", False)),
            "minor_consented_alone": bool(patient.get("minor_consented_alone", False)),
            "agreed_to_share": bool(patient.get("agreed_to_share", False)),
        },
    }
    return Draft(
        archetype=name,
        request=ReleaseRequest.model_validate(data),
        name_kind=who.get("name", "person"),
        relation=who.get("relation"),
        organization_kind=who.get("org"),
        story=rng.choice(spec["story"]),
        verified_note=spec.get("verified_note"),
        department=who.get("department"),
    )


def _resolve(value: Any, rng: random.Random, requested: list[str]) -> Any:
    """One value of the file, with its variation chosen."""
    if isinstance(value, dict):
        if "one_of" in value:
            return _resolve(rng.choice(value["one_of"]), rng, requested)
        if "pick" in value or "always" in value:
            pool = list(value.get("pick", []))
            low, high = value.get("size", (0, 0))
            chosen = set(rng.sample(pool, rng.randint(low, min(high, len(pool)))))
            return list(value.get("always", [])) + [item for item in pool if item in chosen]
        if "days" in value:
            low, high = value["days"]
            return f"{rng.randint(low, high):+d}d"
        return {key: _resolve(inner, rng, requested) for key, inner in value.items()}
    if isinstance(value, list):
        return [_resolve(inner, rng, requested) for inner in value]
    if value == "$requested":
        return list(requested)
    if value == "$requested_part":
        if len(requested) < 2:
            return list(requested)
        chosen = set(rng.sample(requested, rng.randint(1, len(requested) - 1)))
        return [item for item in requested if item in chosen]
    return value

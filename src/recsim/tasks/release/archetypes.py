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
from importlib import resources
from typing import Any

import yaml

from recsim.core.scenario.release import ReleaseRequest


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


@cache
def catalog() -> dict[str, Any]:
    """archetypes.yaml, read once."""
    text = resources.files(__package__).joinpath("archetypes.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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

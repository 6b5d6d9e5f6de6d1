"""The diagnosis codes a generated encounter carries, coded by the Official Guidelines."""

from __future__ import annotations

from recsim.core.generate.library import Condition, library
from recsim.core.records import CodedEntry


def condition_code(condition: Condition, side: str) -> CodedEntry:
    """The coded diagnosis for a condition (on a side, for conditions with laterality)."""
    code = condition.codes[side or "any"]
    return CodedEntry.model_construct(code=code, description=library().descriptions[code])


_HYPERTENSIVE_HEART = "I11.0"


def combine_hypertension(diagnoses: list[CodedEntry]) -> list[CodedEntry]:
    """Hypertension with heart failure as the combination code (Guidelines I.C.9.a.1).

    The link is presumed, so I10 becomes I11.0, listed before the I50 code that
    gives the type of failure (I11.0: "use additional code to identify type of
    heart failure").
    """
    codes = [d.code for d in diagnoses]
    failure = next((n for n, c in enumerate(codes) if c.startswith("I50")), None)
    if "I10" not in codes or failure is None:
        return diagnoses
    rest = [d for d in diagnoses if d.code != "I10"]
    combined = CodedEntry.model_construct(
        code=_HYPERTENSIVE_HEART, description=library().descriptions[_HYPERTENSIVE_HEART]
    )
    at = next(n for n, d in enumerate(rest) if d.code.startswith("I50"))
    return [*rest[:at], combined, *rest[at:]]

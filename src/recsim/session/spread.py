"""How equal a class's forms are: possible points and the kinds of each objective per form.

``recsim preview SCENARIO --roster FILE`` shows it so that an instructor sees, before
class, that no trainee's form is much easier than another's (issue 18: one class's
possible points ranged 33-58, and 13 forms had no error of one objective's kinds).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from recsim.core.scenario import LoadedScenario
from recsim.session.forms import Variant, make_variant
from recsim.session.kinds import task_kind
from recsim.tasks.base import Trail

TOLERANCE = 0.10
"""How far from the class mean a form's possible points may be (a share of the mean)."""
UNTAGGED = ""
"""The objective of items whose block names none."""


@dataclass(frozen=True)
class FormSpread:
    """One trainee's form: what it is worth and what it tests."""

    trainee: str
    possible: float
    """Points the form can give, over every category."""
    kinds: dict[str, tuple[str, ...]]
    """Objective id -> the kinds its items test on this form (error kinds, tags, ...)."""
    missing: tuple[str, ...]
    """Objectives of the scenario's items that no item of this form tests."""

    def to_json(self) -> dict[str, Any]:
        """The form's line of ``preview --roster --spread --json``."""
        return {
            "trainee": self.trainee,
            "possible": round(self.possible, 2),
            "kinds": {objective: list(kinds) for objective, kinds in self.kinds.items()},
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class ClassSpread:
    """The forms of one scenario for a class."""

    scenario: str
    forms: tuple[FormSpread, ...]
    objectives: tuple[str, ...]
    """Objectives some form's items test, in the scenario's order (untagged last)."""

    @property
    def low(self) -> float:
        return min(f.possible for f in self.forms)

    @property
    def mean(self) -> float:
        return fmean(f.possible for f in self.forms)

    @property
    def high(self) -> float:
        return max(f.possible for f in self.forms)

    @property
    def widest(self) -> float:
        """The largest distance of a form's points from the mean, as a share of the mean."""
        mean = self.mean
        return max(abs(f.possible - mean) for f in self.forms) / mean if mean else 0.0

    @property
    def lacking(self) -> tuple[FormSpread, ...]:
        """Forms that test nothing of some objective."""
        return tuple(f for f in self.forms if f.missing)

    @property
    def fair(self) -> bool:
        """Every form within :data:`TOLERANCE` of the mean, and every objective on every form."""
        return self.widest <= TOLERANCE and not self.lacking

    def to_json(self) -> dict[str, Any]:
        """``preview --roster --spread --json``."""
        return {
            "scenario": self.scenario,
            "forms": [f.to_json() for f in self.forms],
            "possible": {
                "min": round(self.low, 2),
                "mean": round(self.mean, 2),
                "max": round(self.high, 2),
                "widest_from_mean": round(self.widest, 4),
            },
            "tolerance": TOLERANCE,
            "objectives": list(self.objectives),
            "fair": self.fair,
        }


def form_spread(variant: Variant) -> tuple[float, dict[str, tuple[str, ...]]]:
    """A form's possible points and, per objective, the kinds its items test."""
    possible = 0.0
    kinds: dict[str, dict[str, None]] = {}
    for item in variant.form.items():
        kind = task_kind(item.kind)
        possible += sum(f.possible for f in kind.check(item, None, Trail()))
        objective = item.objectives[0] if item.objectives else UNTAGGED
        tested = kinds.setdefault(objective, {})
        tested.update(dict.fromkeys(kind.item_kinds(item)))
    return possible, {objective: tuple(sorted(found)) for objective, found in kinds.items()}


def class_spread(
    loaded: LoadedScenario, trainees: Iterable[str], *, seed: int | None = None
) -> ClassSpread:
    """The spread of ``trainees``' forms of a scenario."""
    measured = []
    for trainee in trainees:
        variant = make_variant(loaded, trainee, seed=seed)
        measured.append((trainee, *form_spread(variant)))
    used = {objective for _, _, kinds in measured for objective in kinds}
    order = [o.id for o in loaded.scenario.objectives] + [UNTAGGED]
    objectives = tuple(o for o in dict.fromkeys(order) if o in used)
    # an objective counts as tested when some form tests something of it; a form that tests
    # nothing of such an objective is flagged
    tested = {o for _, _, kinds in measured for o, found in kinds.items() if found}
    forms = tuple(
        FormSpread(
            trainee,
            possible,
            kinds,
            tuple(o for o in objectives if o in tested and not kinds.get(o)),
        )
        for trainee, possible, kinds in measured
    )
    return ClassSpread(loaded.scenario.id, forms, objectives)

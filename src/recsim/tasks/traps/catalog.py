"""The trap catalog (traps.yaml): each trap kind's rule, variants and responses.

Every response carries its verdict (violation, unsafe, acceptable, correct) and
the feedback the trainee reads; :func:`consequence` says what follows from a
verdict, with its citations.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from recsim.core.content import load_content
from recsim.tasks.traps.content import TrapsFile, Variant, Verdict


@dataclass(frozen=True, slots=True)
class Response:
    """One response the trainee may pick, as the catalog defines it."""

    id: str
    label: str
    verdict: Verdict
    feedback: str


@dataclass(frozen=True, slots=True)
class TrapInfo:
    """One trap kind of the catalog."""

    kind: str
    topic: str
    rule: str
    chart_ages: tuple[int, int] | None
    variants: tuple[Variant, ...]
    responses: tuple[Response, ...]
    leads_to: tuple[str, ...] = ()
    """The kinds that can follow this trap with an item about the same people."""

    @property
    def best(self) -> Response:
        """The correct response."""
        return next(r for r in self.responses if r.verdict == "correct")


@cache
def traps_file() -> TrapsFile:
    return load_content(__package__, "traps.yaml", TrapsFile)


def one_line(text: str) -> str:
    """The text on one line, runs of spaces and line breaks made one space (YAML folds)."""
    return " ".join(str(text).split())


@cache
def catalog() -> dict[str, TrapInfo]:
    """Every trap kind, by name (traps.yaml)."""
    result: dict[str, TrapInfo] = {}
    for name, entry in traps_file().kinds.items():
        result[name] = TrapInfo(
            kind=name,
            topic=entry.topic,
            rule=entry.rule,
            chart_ages=entry.chart.ages if entry.chart else None,
            variants=tuple(entry.variants),
            responses=tuple(
                Response(rid, one_line(r.label), r.verdict, one_line(r.feedback))
                for rid, r in entry.responses.items()
            ),
            leads_to=tuple(entry.leads_to),
        )
    return result


@cache
def all_responses() -> tuple[str, ...]:
    """Every response id of every trap kind (what an answer may say)."""
    return tuple(dict.fromkeys(r.id for info in catalog().values() for r in info.responses))


def consequence(verdict: str) -> str:
    """What follows from a response with this verdict, with its citations ("" when nothing does)."""
    said = (text for name, text in traps_file().consequences.items() if name == verdict)
    return one_line(next(said, ""))

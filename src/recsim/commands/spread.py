"""``recsim preview SCENARIO --roster FILE``: the spread of the class's forms, at 80 columns."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recsim.session.spread import ClassSpread, FormSpread

WIDTH = 80
NAME = 30
"""Width of the trainee column; longer names are shortened with "..."."""
POINTS = 7


def spread_lines(spread: ClassSpread) -> list[str]:
    """The spread as lines of at most :data:`WIDTH` characters."""
    from recsim.session.spread import TOLERANCE

    lines = [
        f"Spread of {len(spread.forms)} forms of {spread.scenario}",
        f"possible points: min {_number(spread.low)}, mean {_number(spread.mean)}, "
        f"max {_number(spread.high)}",
        f"farthest form from the mean: {100 * spread.widest:.1f}% (limit {100 * TOLERANCE:.0f}%)",
        "",
        f"{'form':<{NAME}} {'points':>{POINTS}}  kinds tested, by objective",
    ]
    for form in spread.forms:
        lines.extend(_form_lines(spread, form))
    lines.append("")
    lines.extend(_verdict(spread, TOLERANCE))
    if spread.objectives:
        lines.append("Kinds seen on the class's forms:")
    for objective in spread.objectives:
        seen = sorted({k for form in spread.forms for k in form.kinds.get(objective, ())})
        lines.extend(_wrapped(f"kinds of {_label(objective)}: " + ", ".join(seen), indent=2))
    return lines


def _form_lines(spread: ClassSpread, form: FormSpread) -> list[str]:
    counts = ", ".join(
        f"{_label(o)} {len(form.kinds.get(o, ()))}" + (" (none!)" if o in form.missing else "")
        for o in spread.objectives
    )
    name = form.trainee if len(form.trainee) <= NAME else form.trainee[: NAME - 3] + "..."
    head = f"{name:<{NAME}} {_number(form.possible):>{POINTS}}  "
    return textwrap.wrap(
        counts,
        width=WIDTH,
        initial_indent=head,
        subsequent_indent=" " * len(head),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [head.rstrip()]


def _verdict(spread: ClassSpread, tolerance: float) -> list[str]:
    lines: list[str] = []
    mean = spread.mean
    far = [f for f in spread.forms if mean and abs(f.possible - mean) / mean > tolerance]
    if far:
        names = ", ".join(f"{f.trainee} ({_number(f.possible)})" for f in far)
        lines += _wrapped(
            f"! {len(far)} form(s) more than {100 * tolerance:.0f}% from the mean: {names}"
        )
    if spread.lacking:
        names = ", ".join(
            f"{f.trainee} ({', '.join(_label(o) for o in f.missing)})" for f in spread.lacking
        )
        lines += _wrapped(f"! {len(spread.lacking)} form(s) test nothing of an objective: {names}")
    if not lines:
        lines.append("Every form is within the limit and tests every objective.")
    return lines


def _wrapped(text: str, indent: int = 0) -> list[str]:
    return textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + 2),
        break_long_words=False,
        break_on_hyphens=False,
    )


def _label(objective: str) -> str:
    return objective or "(no objective)"


def _number(value: float) -> str:
    """Points as a person writes them: 34, 33.5."""
    return f"{value:.0f}" if value == round(value) else f"{value:.1f}"

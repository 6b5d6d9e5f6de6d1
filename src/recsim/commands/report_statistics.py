"""``recsim report``: the item statistics section (difficulty, discrimination, reliability).

The figures are :mod:`recsim.core.grading.item_analysis`'s; docs/instructors.md
explains each. The table wraps the unit's name rather than drop a number, so
it fits 80 columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recsim.core.grading.item_analysis import ClassStatistics


def statistics_lines(statistics: ClassStatistics) -> list[Any]:
    """The statistics of one scenario, for :func:`recsim.commands.grade.show`."""
    from rich.padding import Padding
    from rich.text import Text

    from recsim.commands.output import plain_text, table

    units = table("Item statistics (docs/instructors.md explains each figure)")
    units.add_column("Item or topic", overflow="fold", min_width=12, ratio=2)
    units.add_column("Faced", justify="right", no_wrap=True)
    units.add_column("Diff", justify="right", no_wrap=True)
    units.add_column("r-pb", justify="right", no_wrap=True)
    units.add_column("D27", justify="right", no_wrap=True)
    units.add_column("Flags", overflow="fold", min_width=10, ratio=1)
    for unit in statistics.units:
        units.add_row(
            Text(plain_text(unit.label)),
            str(unit.faced),
            f"{unit.difficulty:.2f}",
            _figure(unit.point_biserial),
            _figure(unit.upper_lower),
            Text("; ".join(unit.flags)),
        )
    from recsim.core.grading.item_analysis import FLAG_LEGEND

    parts: list[Any] = [Text(""), units, Text(f"Flags: {FLAG_LEGEND}."), Text("")]
    chosen = [u for u in statistics.units if u.answers]
    if chosen:
        parts.append(Text("Answers given to the authored items (share of trainees):"))
        for unit in chosen:
            shares = ", ".join(f"{plain_text(a)} {s:.0%}" for a, s in unit.answers)
            parts.append(Padding(Text(f"{plain_text(unit.label)}: {shares}"), (0, 0, 0, 2)))
        parts.append(Text(""))
    parts.append(Text(reliability_sentence(statistics)))
    return parts


def reliability_sentence(statistics: ClassStatistics) -> str:
    """One sentence: the reliability, its method, and the standard error of measurement."""
    over = f"over the {statistics.common_units} items on every form"
    if statistics.reliability is None:
        return f"Reliability: not computed ({statistics.note})."
    text = f"Reliability ({statistics.method}) {statistics.reliability:.3f} {over}"
    if statistics.sem is None or statistics.sem_percent is None:
        return f"{text}; {statistics.note}."
    return (
        f"{text}; standard error of measurement {statistics.sem:.2f} of "
        f"{statistics.common_units} items ({statistics.sem_percent:.1f} percentage points)."
    )


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"

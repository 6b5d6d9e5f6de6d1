"""A patient chart laid out as rows the record viewer can move through.

Each row is a section (Demographics, Encounters ...), an entry (Encounter 2,
Diagnosis 1 ...) or a field, and carries the record path an audit flag names
(``patient.date_of_birth``, ``medications[2]``). Sections and entries are rows
too, because some errors belong to a whole entry or to a list that is missing
something (an allergy list with no entries has no field to point at).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from recsim.core.records import PatientRecord
from recsim.tasks.words import SECTIONS, entry_label, field_words, place, steps

RowKind = Literal["section", "entry", "field", "history"]


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One line of the record viewer."""

    path: str
    """Record path a flag on this row names."""
    label: str
    """What the row is, in words."""
    value: str
    """The displayed value (a summary for entries)."""
    depth: int
    """Indentation level."""
    kind: RowKind

    @property
    def flaggable(self) -> bool:
        return self.kind != "history"


def chart_rows(record: PatientRecord) -> list[ChartRow]:
    """Every section, entry and field of a chart in reading order, then its correction history."""
    leaves: dict[str, list[tuple[str, str]]] = {name: [] for name in SECTIONS}
    for path, value in record.fields():
        leaves.setdefault(str(steps(path)[0]), []).append((path, value))
    summaries = _summaries(record)
    rows: list[ChartRow] = []
    for top, found in leaves.items():
        rows.append(
            ChartRow(
                top,
                SECTIONS.get(top, field_words(top)),
                "" if found else "none recorded",
                0,
                "section",
            )
        )
        seen: set[str] = set()
        for path, value in found:
            path_steps = steps(path)
            prefix, anchor = str(path_steps[0]), 1
            for number, step in enumerate(path_steps[1:], start=1):
                prefix += f"[{step}]" if isinstance(step, int) else f".{step}"
                if isinstance(step, int):
                    anchor = number + 1  # a field's label starts after its nearest entry
                    if prefix not in seen:
                        seen.add(prefix)
                        depth = sum(isinstance(s, int) for s in path_steps[: number + 1])
                        rows.append(
                            ChartRow(
                                prefix,
                                entry_label(path_steps[: number + 1]),
                                summaries.get(prefix, ""),
                                depth,
                                "entry",
                            )
                        )
            label = " › ".join(field_words(str(s)) for s in path_steps[anchor:])
            rows.append(
                ChartRow(
                    path, label, value, 1 + sum(isinstance(s, int) for s in path_steps), "field"
                )
            )
    rows.append(
        ChartRow(
            "amendments", "Correction history", "" if record.amendments else "none", 0, "history"
        )
    )
    for number, amendment in enumerate(record.amendments):
        rows.append(
            ChartRow(
                f"amendments[{number}]",
                place(amendment.path),
                f"{amendment.old_value} -> {amendment.new_value} "
                f"({amendment.on}, {amendment.by}: {amendment.reason})",
                1,
                "history",
            )
        )
    return rows


def _summaries(record: PatientRecord) -> dict[str, str]:
    """A short line per entry from its own short fields (``E1042 · inpatient``)."""
    values: dict[str, list[str]] = {}
    for path, value in record.fields():
        owner = path[: path.rfind("]") + 1]
        rest = path[len(owner) :]
        if owner and rest.count(".") == 1 and value and len(value) <= 40:
            values.setdefault(owner, []).append(value)
    return {owner: " · ".join(found[:2]) for owner, found in values.items()}

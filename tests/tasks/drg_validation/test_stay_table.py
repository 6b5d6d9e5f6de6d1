"""docs/tasks.md lists every stay of the inpatient stay library, as the library has it.

Validation messages of the ``inpatient`` and ``drg_validation`` kinds send the scenario
author to that table, so it must name every stay with its title, MDC and DRG. After adding
or changing a stay, paste the table this test's failure prints between the markers.
"""

from __future__ import annotations

from pathlib import Path

from recsim.tasks.stays import all_cases

DOCS = Path(__file__).resolve().parents[3] / "docs" / "tasks.md"
START = "<!-- stay library: begin -->"
END = "<!-- stay library: end -->"


def stay_table() -> str:
    """The Markdown table of the stay library, in file and list order."""
    rows = ["| id | title | MDC | MS-DRG |", "|---|---|---|---|"]
    for case in all_cases():
        title = case.title.replace("|", "\\|")
        rows.append(f"| `{case.id}` | {title} | {case.mdc} | {case.key.drg:03d} |")
    return "\n".join(rows)


def test_the_docs_list_every_stay_of_the_library() -> None:
    text = DOCS.read_text(encoding="utf-8")
    shown = text.split(START, 1)[1].split(END, 1)[0].strip()
    expected = stay_table()
    assert shown == expected, f"docs/tasks.md's stay table is out of date; paste:\n{expected}"


def test_the_table_names_every_stay_once() -> None:
    ids = [c.id for c in all_cases()]
    table = stay_table()
    assert len(set(ids)) == len(ids)
    assert all(table.count(f"`{i}`") == 1 for i in ids)

"""The item analysis as one CSV table (``recsim report --csv``).

The CSV flattens the same records as the JSON (:mod:`recsim.core.grading.analysis`),
so the two always say the same thing; a ``section`` column says which rows are
topics, objectives and trainees.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from recsim.core.grading.analysis import (
    ItemAnalysis,
    _objective_record,
    _topic_record,
    _trainee_record,
)
from recsim.core.grading.gradebook import csv_cells

REPORT_COLUMNS: tuple[str, ...] = (
    "section",
    "scenario",
    "name",
    "category",
    "rule",
    "text",
    "faced",
    "met",
    "partly",
    "missed",
    "false_alarms",
    "earned",
    "possible",
    "percent",
    "common_wrong_answer",
    "common_wrong_count",
    "attempt",
    "overall",
    "passed",
    "flagged",
    "strengths",
    "gaps",
    "false_alarm_topics",
    "overrides",
)
"""Columns of the report CSV: one table, a ``section`` column says which rows are which."""


def report_csv(analyses: Sequence[ItemAnalysis]) -> str:
    """Topics, objectives and trainees of every scenario as one CSV table."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for analysis in analyses:
        records = (
            [("topic", r) for r in map(_topic_record, analysis.topics)]
            + [("objective", r) for r in map(_objective_record, analysis.objectives)]
            + [("trainee", r) for r in map(_trainee_record, analysis.trainees)]
        )
        for section, record in records:
            name = record.get("topic") or record.get("objective") or record.get("trainee")
            row: dict[str, Any] = dict.fromkeys(REPORT_COLUMNS)
            row.update({k: v for k, v in record.items() if k in row})
            row.update(section=section, scenario=analysis.scenario, name=name)
            writer.writerow(csv_cells(row, REPORT_COLUMNS))
    return out.getvalue()

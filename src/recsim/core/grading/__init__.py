"""Grading a class from its results files: reading, tamper evidence, gradebook and item analysis.

Everything here is pure over core types (no task kinds, no terminal): the
regrade itself, which needs the task kinds to rebuild each trainee's form, is
:mod:`recsim.session.regrade`; the commands only format what these modules return.
"""

from recsim.core.grading.analysis import ItemAnalysis, item_analysis, report_json
from recsim.core.grading.analysis_csv import report_csv
from recsim.core.grading.document import (
    ResultsDocument,
    ResultsFile,
    UnreadableResults,
    read_results,
)
from recsim.core.grading.evidence import (
    Flag,
    FlagCode,
    check_evidence,
    duration_text,
    scorecard_flag,
)
from recsim.core.grading.gradebook import (
    GradebookRow,
    GradedAttempt,
    Unreadable,
    gradebook_csv,
    gradebook_json,
    gradebook_rows,
)

__all__ = [
    "Flag",
    "FlagCode",
    "GradebookRow",
    "GradedAttempt",
    "ItemAnalysis",
    "ResultsDocument",
    "ResultsFile",
    "Unreadable",
    "UnreadableResults",
    "check_evidence",
    "duration_text",
    "gradebook_csv",
    "gradebook_json",
    "gradebook_rows",
    "item_analysis",
    "read_results",
    "report_csv",
    "report_json",
    "scorecard_flag",
]

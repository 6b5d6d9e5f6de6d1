"""What the audit trainee sees, the hidden key, and the shape of an answer."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from recsim.core.model import Model
from recsim.core.records import PatientRecord
from recsim.tasks.audit.block import ErrorKind


class AuditView(Model):
    """A chart to audit, as of the simulated today."""

    record: PatientRecord
    """The chart, errors and all."""
    as_of: date
    """The simulated today (dates after it are in the future)."""


class KeyEntry(Model):
    """One planted error in the answer key."""

    kind: ErrorKind
    """Error kind from the catalog."""
    title: str
    """Catalog title of the kind."""
    location: str
    """Record path (or entry) where the error is."""
    also: list[str] = Field(default_factory=list)
    """Other paths where a flag for this error counts."""
    severity: int
    """1 low ... 4 patient safety."""
    correct: str | None
    """The corrected value, or None when the fix is to remove or query."""
    explanation: str
    """What the trainee should learn."""
    rule: str
    """The rule that makes it an error."""


class AuditKey(Model):
    """The answer key of one chart."""

    errors: list[KeyEntry]
    """Planted errors; empty for a clean chart."""
    chart_rule: str = "42 CFR 482.24(c)"
    """The rule a clean chart and a false alarm cite: the hospital's, or a practice source."""


class Flag(Model):
    """One flag the trainee raises on a field or entry of the chart."""

    location: str = Field(max_length=200, pattern=r"^[a-z_]+(\[\d{1,5}\]|\.[a-z_]+)*$")
    """Record path as the chart viewer shows it (``patient.date_of_birth``, ``medications[2]``)."""
    kind: ErrorKind
    """The error kind the trainee sees."""
    correction: str | None = Field(default=None, max_length=500)
    """The corrected value, if the trainee proposes one (it becomes an amendment)."""


class AuditAnswer(Model):
    """The trainee's audit of one chart: its flags (none means "this chart is clean")."""

    flags: list[Flag] = Field(default_factory=list, max_length=500)
    """Flags raised."""

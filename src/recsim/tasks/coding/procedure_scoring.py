"""Scoring a coding item's procedure codes: each expected code earns a point, an extra costs one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from recsim.coding.procedures import ProcedureCodeSet, load_procedure_codes
from recsim.core.scenario.errors import InvalidFile
from recsim.core.scoring import FALSE_ALARM_PENALTY, Finding, points
from recsim.tasks.coding.models import CodingKey

PROCEDURE_SEVERITY = 1
PROCEDURE_RULE = "45 CFR 162.1002 (HIPAA code sets: report procedures from the adopted code set)"


def procedure_findings(
    base: dict[str, Any], key: CodingKey, procedures: list[str]
) -> list[Finding]:
    """One finding per expected procedure code (found or missing) and one per extra code."""
    worth = points(PROCEDURE_SEVERITY)
    given = list(dict.fromkeys(procedures))
    findings = []
    for code in key.procedures:
        label = f"{code} {key.descriptions.get(code, '')}".strip()
        common = {
            **base,
            "possible": worth,
            "severity": PROCEDURE_SEVERITY,
            "topic": "procedure",
            "rule": PROCEDURE_RULE,
            "expected": label,
        }
        if code in given:
            given.remove(code)
            findings.append(
                Finding(
                    **common,
                    outcome="correct",
                    earned=worth,
                    given=code,
                    feedback=f"Correct procedure: {label}.",
                )
            )
        else:
            findings.append(
                Finding(
                    **common,
                    outcome="missed",
                    earned=0,
                    feedback=f"Missing procedure code: {label}.",
                )
            )
    known = procedure_set(key.procedure_file)
    for code in given:
        if known is not None and code not in known:
            why = f"{code} is not in this scenario's procedure code set."
        else:
            why = f"{code} is not supported by the documentation of this encounter."
        findings.append(
            Finding(
                **base,
                outcome="false_alarm",
                earned=-FALSE_ALARM_PENALTY,
                possible=0,
                severity=1,
                topic="extra_procedure",
                rule=PROCEDURE_RULE,
                given=code,
                feedback=f"Extra procedure code: {why}",
            )
        )
    return findings


@lru_cache(maxsize=8)
def procedure_set(path: str | None) -> ProcedureCodeSet | None:
    """The scenario's procedure code set, read once per process (None: none, or unreadable)."""
    if path is None:
        return None
    try:
        return load_procedure_codes(Path(path))
    except InvalidFile:
        return None  # validation reports an unreadable file; scoring still treats the code as extra

"""Whether a rule line names a public source a student or teacher can look up."""

from __future__ import annotations

import re

from recsim.core.scoring import Finding

PUBLIC = re.compile(
    r"\b\d+ CFR \d|\bSocial Security Act \d|ICD-10-CM (Official Guidelines|tabular)"
    r"|The Joint Commission NPSG\.\d|AHIMA( practice brief)?, [A-Z]|CMS [A-Z]|X12 CARC \d"
    r"|\bUSPS\b|\bNUCC\b"
)
"""Regulations, statutes, official guidelines, accreditation goals, published practice
briefs, CMS manuals and edits, X12 and NUCC code lists, USPS assignments."""
INTERNAL = re.compile(r"CONTENT\.md|\.(md|yaml|py)\b|docs/")
"""A repository file is not a source: students and teachers never get it."""


def cites_public_source(rule: str) -> bool:
    """Whether ``rule`` names a public source and no internal file."""
    return bool(PUBLIC.search(rule)) and not INTERNAL.search(rule)


def unsourced(findings: list[Finding]) -> list[str]:
    """The rules of ``findings`` that name no public source (with their topic)."""
    return [f"{f.topic}: {f.rule!r}" for f in findings if not cites_public_source(f.rule or "")]

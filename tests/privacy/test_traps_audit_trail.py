"""The access audit trail rule: an open is work only when made for an item about that chart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from recsim.privacy.audit_trail import (
    CONSEQUENCE,
    REVIEW_RULE,
    RULE,
    opens_of,
    review,
    unjustified_opens,
)
from recsim.tasks.base import RecordOpen

MRN = "RS12345674"


@dataclass(frozen=True)
class Open:
    mrn: str
    reason: str = ""
    item: str | None = None


@pytest.mark.parametrize(
    ("entry", "assigned", "verdict"),
    [
        (Open(MRN, "work queue item audit-1", "audit-1"), {"audit-1"}, "job"),
        (Open(MRN, "", "audit-1"), {"audit-1"}, "job"),
        (Open(MRN), set(), "no_reason"),
        (Open(MRN, "   "), set(), "no_reason"),
        (Open(MRN, "checking on a friend"), set(), "reason_without_assignment"),
        (Open(MRN, "work queue item audit-2", "audit-2"), {"audit-1"}, "outside_assignment"),
        (Open(MRN, "", "trap-1"), set(), "outside_assignment"),
    ],
)
def test_each_kind_of_open_gets_its_verdict(entry: Open, assigned: set[str], verdict: str) -> None:
    result = review(entry, assigned)
    assert result.verdict == verdict
    assert result.justified == (verdict == "job")


def test_opens_of_a_chart_match_its_mrn_however_it_was_typed() -> None:
    entries = [Open(MRN), Open("rs1234 5674"), Open("RS00000017")]
    assert opens_of(entries, MRN) == entries[:2]


def test_only_opens_without_a_job_reason_are_reported() -> None:
    entries = [Open(MRN, "work queue item audit-1", "audit-1"), Open(MRN), Open("RS00000017")]
    reviews = unjustified_opens(entries, MRN, assigned={"audit-1"})
    assert [r.verdict for r in reviews] == ["no_reason"]


def test_a_chart_no_item_concerns_has_no_justified_open() -> None:
    entries = [Open(MRN, "curious", None), Open(MRN, "work queue item audit-1", "audit-1")]
    assert len(unjustified_opens(entries, MRN)) == 2


def test_the_rule_reads_the_trail_the_tasks_record() -> None:
    at = datetime(2026, 3, 2, 14, 5, tzinfo=UTC)  # a trail records times with their offset
    (result,) = unjustified_opens([RecordOpen(mrn=MRN, reason="", item=None, at=at)], MRN)
    assert result.at == at and "14:05" in result.describe() and "no reason" in result.describe()


def test_descriptions_say_why_the_open_was_not_work() -> None:
    assert "'curious'" in review(Open(MRN, "curious"), set()).describe()
    assert "does not concern" in review(Open(MRN, "", "audit-9"), set()).describe()
    assert "job reason" in review(Open(MRN, "", "audit-1"), {"audit-1"}).describe()


def test_rules_and_consequence_cite_their_sources() -> None:
    assert "164.502(b)" in RULE and "164.514(d)(2)" in RULE
    assert "164.308(a)(1)(ii)(D)" in REVIEW_RULE and "164.312(b)" in REVIEW_RULE
    assert "164.530(e)" in CONSEQUENCE and "1320d-6" in CONSEQUENCE

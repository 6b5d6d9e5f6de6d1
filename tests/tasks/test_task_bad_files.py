"""Bad answers and scenario blocks of the later task kinds: every one refused with one clear line.

Each kind has a folder in tests/data (``answers/`` scored against a bundled scenario
with ``recsim play --answers``, ``scenarios/`` checked with ``recsim validate``) and the
words each file's message must contain.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from recsim.cli import main
from tests.conftest import DATA, SCENARIOS

JARGON = ("Value error", "value error", "Traceback", "pydantic")
"""Words of the machinery that a trainee or an instructor should never read."""


@dataclass(frozen=True)
class Kind:
    scenario: Path
    """Bundled scenario the bad answers are scored against."""
    answers: dict[str, list[str]]
    """Bad answers file -> words its one-line message must contain."""
    blocks: dict[str, list[str]]
    """Bad scenario file -> words its located message must contain."""
    one_problem: bool = False
    """Whether each bad block has exactly one problem (one line from validate)."""


KINDS = {
    "analysis": Kind(
        SCENARIOS / "public-health-statistics.yaml",
        answers={
            "code-too-long.json": ["is not an ICD-10-CM code", "'codes'"],
            "negative-value.json": ["greater than or equal to 0", "'value'"],
            "too-many-codes.json": ["at most 20 items", "'codes'"],
            "unknown-key.json": ["extra inputs are not permitted", "'median'"],
            "value-as-words.json": ["valid number", "'value'"],
            "value-nan.json": ["finite number", "'value'"],
            "value-too-large.json": ["less than or equal to 10000000", "'value'"],
        },
        blocks={
            "births-negative.yaml": [":7:", "tasks[0].analysis.births", "at least 0"],
            "births-none-for-a-birth-question.yaml": [
                ":7:",
                "tasks[0].analysis.births",
                "caesarean_rate needs delivery stays",
            ],
            "overfull-period.yaml": [
                ":9:",
                "tasks[0].analysis.period_days",
                "give more beds or a longer period",
            ],
            "overfull-year.yaml": [":7:", "tasks[0].analysis.encounters", "even over a year"],
            "period-too-short.yaml": [":8:", "tasks[0].analysis.period_days", "at least 7"],
            "too-few-encounters.yaml": [":7:", "tasks[0].analysis.encounters", "at least 10"],
            "unknown-question.yaml": [":8:", "questions[0]", "'median_age'", "bed_occupancy"],
        },
    ),
    "claims": Kind(
        SCENARIOS / "insurer-claim-review.yaml",
        answers={
            "deny-without-reason.json": ["a denial needs a reason", "member_not_covered"],
            "reason-with-approve.json": ["only given with the decision deny"],
            "unknown-decision.json": ["'approve', 'deny' or 'pend_for_records'", "'decision'"],
            "unknown-key.json": ["extra inputs are not permitted", "'amount'"],
            "unknown-reason.json": ["'code_edit'", "'reason'"],
        },
        # The block's count field shares the task's name ('claims:' inside 'claims'); these pin
        # the task and the message.
        blocks={
            "clean-share-over-one.yaml": ["tasks[0].claims", "at most 1.0 (got 2)"],
            "no-problems.yaml": ["tasks[0].claims", "at least 1 entry"],
            "unknown-problem.yaml": ["tasks[0].claims", "did you mean 'upcoded'"],
        },
    ),
    "inpatient": Kind(
        SCENARIOS / "hospital-inpatient-exam.yaml",
        answers={
            "bad-disposition.json": ["8 is not a UB-04 patient discharge status", "'disposition'"],
            "bad-poa.json": ["'Y', 'N', 'U', 'W', '1' or ''", "'secondary.0.poa'"],
            "disposition-as-words.json": ["valid integer", "'disposition'"],
            "secondary-not-list.json": ["valid list", "'secondary'"],
            "too-many-secondary.json": ["at most 24 items", "'secondary'"],
            "unknown-key.json": ["extra inputs are not permitted", "'diagnoses'"],
        },
        blocks={
            "cases-zero.yaml": [":10:14:", "tasks[0].inpatient.cases", "at least 1"],
            "more-cases-than-ids.yaml": [":10:14:", "ids lists 1"],
            "too-many-cases.yaml": [":10:14:", "asks for 200 stays", "match the tags"],
            "unknown-id.yaml": [":11:13:", "ids[0]", "no inpatient stay 'ip-no-such-stay'"],
            "unknown-mdc.yaml": [":11:13:", "mdc[0]", "MDC 22"],
            "unknown-tag.yaml": [":11:25:", "tags[1]", "'pnuemonia'"],
        },
        one_problem=True,
    ),
    "deficiency": Kind(
        SCENARIOS / "hospital-chart-completion.yaml",
        answers={
            "deficiencies-not-list.json": ["valid list", "'deficiencies'"],
            "delinquent-missing.json": ["field required", "'delinquent'"],
            "delinquent-not-boolean.json": ["valid boolean", "'delinquent'"],
            "provider-not-npi.json": ["is not an NPI", "10-digit", "'deficiencies.0.provider'"],
            "too-many-deficiencies.json": ["at most 50 items"],
            "unknown-key.json": ["extra inputs are not permitted", "'due'"],
            "unknown-kind.json": ["'missing_consent'", "'deficiencies.0.kind'"],
        },
        blocks={
            "more-than-documents.yaml": [":9:", "deficiencies_per_chart", "only 2 document(s)"],
            "range-reversed.yaml": [":8:", "deficiencies_per_chart", "fewest <= most"],
            "range-too-wide.yaml": [":8:", "deficiencies_per_chart", "most <= 5"],
            "unknown-kind.yaml": [":8:", "kinds[0]", "did you mean 'missing_consent'"],
        },
    ),
    "drg_validation": Kind(
        SCENARIOS / "insurer-drg-validation.yaml",
        answers={
            "code-not-a-code.json": ["'pneumonia' is not a code", "'findings.0.code'"],
            "drg-missing.json": ["field required", "'drg'"],
            "drg-out-of-range.json": ["less than or equal to 999", "'drg'"],
            "too-many-findings.json": ["at most 5 items", "'findings'"],
            "unknown-error.json": ["'wrong_principal'", "'findings.0.error'"],
            "unknown-key.json": ["extra inputs are not permitted", "'amount'"],
            "unknown-payment.json": ["'up', 'down' or 'unchanged'", "'payment'"],
        },
        blocks={
            "clean-share-over-one.yaml": [":9:", "clean_share", "at most 1.0 (got 2)"],
            "misspelt-case.yaml": [
                ":9:",
                "cases[0]",
                "no inpatient stay 'ip-core-nstemi-pcx' (did you mean 'ip-core-nstemi-pci'?)",
            ],
            "misspelt-tag.yaml": [":9:", "tags[0]", "'deliveries' (did you mean 'delivery'?)"],
            "no-case-with-tag.yaml": [
                ":9:",
                "tags[0]",
                "no inpatient stay has the tag 'no_such_tag'; the tags are: ",
                " delivery, ",
            ],
            "no-claims.yaml": [":8:", "drg_validation.claims", "at least 1 (got 0)"],
            "unknown-case.yaml": [
                ":9:",
                "cases[0]",
                "no inpatient stay 'ip-no-such-case'; docs/tasks.md lists the stays",
            ],
            "unknown-error.yaml": [":9:", "errors[0]", "'upcoded'", "unsupported_secondary"],
        },
        one_problem=True,
    ),
    "duplicates": Kind(
        SCENARIOS / "hospital-mpi-cleanup.yaml",
        answers={
            "answer-is-text.json": ["valid dictionary"],
            "decision-missing.json": ["field required", "'decision'"],
            "overlaid-with-merge.json": ["overlaid is only given with the decision send_to_review"],
            "survivor-not-mrn.json": ["'12345' is not an MRN", "'survivor'"],
            "unknown-decision.json": ["'merge', 'keep_separate' or 'send_to_review'", "'decision'"],
            "unknown-key.json": ["extra inputs are not permitted", "'reason'"],
            "unknown-merge-field.json": ["'first_name'", "'phone'", "blood_type"],
            "values-without-merge.json": ["only given with the decision merge"],
        },
        blocks={
            "group-of-four.yaml": [":8:", "tasks[0].duplicates.max_group", "at most 3"],
            "no-cases.yaml": [":8:", "tasks[0].duplicates.cases", "at least 1 entry"],
            "unknown-case.yaml": [":8:", "cases[1]", "did you mean 'nickname'"],
            "zero-pairs.yaml": [":7:", "tasks[0].duplicates.pairs", "at least 1"],
        },
    ),
    "breach": Kind(
        SCENARIOS / "privacy-office-breach.yaml",
        one_problem=True,
        answers={
            "date-in-words.json": ["valid date", "'notices.individuals'"],
            "media-without-states.json": ["a media notice needs its states"],
            "step-one-missing.json": ["field required", "'unsecured_breach'"],
            "unknown-exception.json": ["'could_not_retain'", "'exception'"],
            "unknown-letter-part.json": ["'what_happened'", "'letter.0'"],
            "unknown-recipient.json": ["'secretary_annual_log'", "'notices.patients"],
        },
        blocks={
            "discovered-after-as-of.yaml": [
                ":10:",
                "items[0].discovered",
                "after the scenario's as_of",
            ],
            "discovered-before-occurred.yaml": [":11:", "items[0].discovered", "before occurred"],
            "more-missing-than-affected.yaml": [":11:", "missing_contact", "only 4 are affected"],
            "negative-count.yaml": [":10:", "items[0].affected.PA", "at least 0 (got -3)"],
            "negative-missing.yaml": [":10:", "items[0].missing_contact", "at least 0 (got -1)"],
            "no-such-day.yaml": [":10:", "'2026-02-30' is not a valid date"],
            "nobody-affected.yaml": [":10:", "items[0].affected", "at least one person"],
            "oral-hold-with-end.yaml": [":11:", "law_enforcement.until", "164.412(b)"],
            "statement-before-discovery.yaml": [
                ":11:",
                "law_enforcement.stated",
                "before the incident",
            ],
            "unknown-archetype.yaml": [
                ":9:",
                "archetypes[0]",
                "'lost_laptop'",
                "phishing_email_account",
            ],
            "unknown-state.yaml": [":10:", "affected.ZZ", "'ZZ'", "OH"],
        },
    ),
    "rights": Kind(
        SCENARIOS / "privacy-office-rights.yaml",
        answers={
            "deadline-not-a-date.json": ["valid date", "'deadline'"],
            "deny-without-ground.json": ["needs its ground"],
            "ground-with-grant.json": ["only given with the decision deny or grant_in_part"],
            "lines-not-list.json": ["valid list", "'lines'"],
            "unknown-decision.json": ["'grant', 'grant_in_part', 'deny' or 'extend'", "'decision'"],
            "unknown-ground.json": ["'accurate_and_complete'", "'ground'"],
            "unknown-key.json": ["extra inputs are not permitted", "'reason'"],
        },
        blocks={
            "impossible-date.yaml": [":9:", "'2026-02-30' is not a valid date"],
            "no-requests.yaml": [":8:", "tasks[0].rights.requests", "makes no requests"],
            "received-after-as-of.yaml": [":9:", "items[0].received", "after the scenario's as_of"],
            "received-within-below-zero.yaml": [":9:", "received_within", "at least 0 (got -2)"],
            "requests-below-zero.yaml": [":8:", "tasks[0].rights.requests", "at least 0 (got -1)"],
            "same-id-twice.yaml": [":10:", "items[1].id", "share the id 'one'"],
            "time-to-act-over.yaml": [
                ":9:",
                "items[0].received",
                "60 days to act ended on 2026-01-30",
            ],
            "unknown-archetype.yaml": [":9:", "archetypes[0]", "did you mean 'access_paper_copy'"],
        },
    ),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_bad_file_has_an_expectation(kind: str) -> None:
    folder = DATA / kind
    assert sorted(p.name for p in (folder / "answers").iterdir()) == sorted(KINDS[kind].answers)
    assert sorted(p.name for p in (folder / "scenarios").iterdir()) == sorted(KINDS[kind].blocks)


@pytest.mark.parametrize(
    ("kind", "name"), [(k, n) for k in sorted(KINDS) for n in sorted(KINDS[k].answers)]
)
def test_a_bad_answer_gets_one_clear_line_and_exit_one(
    kind: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = DATA / kind / "answers" / name
    status = main(["play", str(KINDS[kind].scenario), "--answers", str(path), "--json"])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and not any(word in err for word in JARGON), err
    assert str(path) in err and f"answers.{kind}-1" in err
    for words in KINDS[kind].answers[name]:
        assert words in err, (words, err)


@pytest.mark.parametrize(
    ("kind", "name"), [(k, n) for k in sorted(KINDS) for n in sorted(KINDS[k].blocks)]
)
def test_a_bad_block_is_refused_with_a_located_message(
    kind: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = DATA / kind / "scenarios" / name
    status = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert status == 1 and not any(word in out + err for word in JARGON), out + err
    assert out.startswith(str(path) + ":"), out
    if KINDS[kind].one_problem:
        assert len(out.strip().splitlines()) == 1, out
    for words in KINDS[kind].blocks[name]:
        assert words in out, (words, out)

"""The claims desk is one plan's: its members only, one claim per visit, levels by their rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.cli import main
from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.claims.members import PLAN
from recsim.tasks.claims.models import ClaimKey, ClaimView

BUNDLED = Path(__file__).parents[2] / "scenarios" / "insurer-claim-review.yaml"
TRAINEES = ("Ana Ruiz", "Ben Okafor", "Chen Wei", "Dara Nolan", "Eli Brooks", "Fay Moss")


def _claims(text: str, trainee: str) -> list[tuple[ClaimView, ClaimKey]]:
    loaded = parse_scenario(text, "c.yaml", checks=(task_checks,), base=Path("c.yaml"))
    return [
        (item.view, item.key)  # type: ignore[misc]
        for item in make_variant(loaded, trainee).form.items()
        if item.kind == "claims"
    ]


@pytest.mark.parametrize("trainee", TRAINEES)
def test_every_claim_at_the_plans_desk_is_for_one_of_its_members(trainee: str) -> None:
    for view, _ in _claims(BUNDLED.read_text(), trainee):
        assert view.eligibility.payer == PLAN
        assert view.claim.member_id == view.eligibility.member_id


@pytest.mark.parametrize("trainee", TRAINEES)
def test_no_two_claims_bill_one_member_date_and_provider(trainee: str) -> None:
    seen: dict[tuple[str, object, str], str] = {}
    for view, _ in _claims(BUNDLED.read_text(), trainee):
        claim = view.claim
        for line in claim.lines:
            visit = (claim.member_id, line.date, claim.provider.npi)
            assert seen.setdefault(visit, claim.number) == claim.number, visit


def test_an_emergency_visit_level_rests_on_decision_making_never_on_time() -> None:
    text = (
        "recsim: 1\nid: ed-levels\ntitle: ED levels\nsetting: insurer\nseed: {seed}\n"
        "population: {{patients: 60}}\n"
        "tasks:\n  - claims: {{claims: 12, problems: [upcoded], clean_share: 0.5}}\n"
    )
    emergency = []
    for seed in range(8):
        for view, key in _claims(text.format(seed=seed), "Ana Ruiz"):
            if view.claim.place == "emergency department":
                emergency.append((view, key))
    assert emergency, "no emergency department claim in 96"
    for view, key in emergency:
        note = "\n".join(a.text for a in view.attachments).lower()
        assert "medical decision making:" in note and "total time" not in note
        visit = next(line for line in view.claim.lines if line.code.startswith("RS-EDV"))
        assert "medical decision making" in visit.description and "minute" not in visit.description
        if key.problem == "upcoded":
            assert "medical decision making" in key.explanation


def test_a_duplicate_is_denied_against_its_paid_twin_and_a_history_alone_is_no_hint() -> None:
    text = (
        "recsim: 1\nid: duplicates\ntitle: Duplicates\nsetting: insurer\nseed: {seed}\n"
        "population: {{patients: 60}}\n"
        "tasks:\n  - claims: {{claims: 10, problems: [duplicate_claim], clean_share: 0.5}}\n"
    )
    clean_with_history = 0
    for seed in range(6):
        for view, key in _claims(text.format(seed=seed), "Ana Ruiz"):
            claim = view.claim
            twins = [
                p
                for p in view.history
                if (p.provider.npi, p.from_date, p.to_date, p.total)
                == (claim.provider.npi, claim.from_date, claim.to_date, claim.total)
            ]
            if key.problem == "duplicate_claim":
                (twin,) = twins
                assert key.reason == "duplicate_claim" and twin.number in key.explanation
                assert twin.received <= claim.received and "CARC 18" in key.rule
            else:
                assert not twins
                clean_with_history += bool(view.history)
    assert clean_with_history >= 3


def test_validate_refuses_code_edits_for_a_population_aged_only_15_to_17(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "teens.yaml"
    path.write_text(
        "recsim: 1\nid: teens\ntitle: Teens\nsetting: insurer\n"
        "population: {patients: 30, ages: [15, 17]}\n"
        "tasks:\n  - claims: {claims: 4, problems: [code_edit], clean_share: 0}\n"
    )
    assert main(["validate", str(path)]) != 0
    (line,) = capsys.readouterr().out.strip().splitlines()
    assert "tasks[0].claims.problems" in line and "15-17" in line

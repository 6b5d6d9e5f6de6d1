"""The release task: generated forms, keys, scoring, preview and the validator's warning."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from recsim.cli import main
from recsim.core.form import Item
from recsim.core.scenario import LoadedScenario
from recsim.core.scenario.release import Decision
from recsim.core.scoring import Scorecard
from recsim.privacy.handling import DISCLOSING
from recsim.session.checks import load_checked
from recsim.session.forms import Variant, make_variant
from recsim.tasks.release import TASK
from recsim.tasks.release.block import ARCHETYPES as _ARCHETYPES
from recsim.tasks.release.models import ReleaseAnswer, ReleaseKey, ReleaseView

ARCHETYPES = _ARCHETYPES.names

DECISIONS: tuple[str, ...] = Decision.__args__  # type: ignore[attr-defined]

SCENARIO = """\
recsim: 1
id: release-everything
title: Every archetype once, and three written requests
setting: hospital
as_of: 2026-03-02
objectives:
  - {id: roi, text: Decide release requests}
population: {patients: 80}
queue: ordered
tasks:
  - release:
      objective: roi
      requests: 33
      items:
        - id: own-labs
          requester: {role: patient, verified: true}
          channel: walk_in
          purpose: personal
          requested: [lab_results, psychotherapy_notes]
          patient: {age: 40}
        - id: narrow-order
          requester: {role: attorney, name: Dana Reyes, verified: true}
          purpose: litigation
          requested: [discharge_summary, lab_results, imaging]
          documents:
            court_order: {covers: [lab_results]}
          expect: {decision: release_partial, release: [lab_results], log_disclosure: true}
        - id: caller
          requester: {role: patient, verified: false}
          channel: phone
          requested: [discharge_summary]
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> LoadedScenario:
    path = tmp_path_factory.mktemp("release") / "release-everything.yaml"
    path.write_text(SCENARIO)
    return load_checked(path)


@pytest.fixture(scope="module")
def variant(loaded: LoadedScenario) -> Variant:
    return make_variant(loaded, "Ana Ruiz")


def keys(variant: Variant) -> dict[str, ReleaseAnswer]:
    return {item.id: TASK.key_answer(item) for item in variant.form.items()}


def key_of(item: Item) -> ReleaseKey:
    assert isinstance(item.key, ReleaseKey)
    return item.key


def test_every_archetype_appears_once_in_a_block_of_that_many_requests(variant: Variant) -> None:
    archetypes = [key_of(item).archetype for item in variant.form.items() if key_of(item).archetype]
    assert sorted(archetypes) == sorted(ARCHETYPES)


def test_key_answers_score_100_and_empty_answers_score_0(variant: Variant) -> None:
    card = variant.score(keys(variant))
    assert card.overall == 100.0, [f for f in card.findings if f.outcome != "correct"]
    empty = variant.score({})
    assert empty.overall == 0.0 and not empty.passed


def test_every_finding_is_privacy_and_cites_its_rule(variant: Variant) -> None:
    answers = keys(variant)
    answers.update({item_id: ReleaseAnswer(decision="deny") for item_id in list(answers)[::2]})
    for finding in variant.score(answers).findings + variant.score({}).findings:
        assert finding.category == "privacy"
        assert "CFR" in finding.rule, finding
        assert finding.feedback and finding.topic


def _answers_for(item: Item) -> Iterator[ReleaseAnswer]:
    """Plausible answers to one request: every decision with the key's, asked-for, extra records."""
    view = item.view
    assert isinstance(view, ReleaseView)
    key = key_of(item).handling
    sets = [
        list(key.release),
        list(view.requested),
        [*view.requested, "psychotherapy_notes"],
        [*view.requested, "billing_records"],
        ["substance_use_treatment"],
    ]
    for decision in DECISIONS:
        if decision not in DISCLOSING:
            yield from (
                ReleaseAnswer(decision=decision, log_disclosure=log) for log in (False, True)
            )
            continue
        for records in sets:
            if records:
                for log in (False, True):
                    yield ReleaseAnswer(
                        decision=decision, release=list(dict.fromkeys(records)), log_disclosure=log
                    )


def _overall(
    variant: Variant, base: dict[str, ReleaseAnswer], item_id: str, answer: ReleaseAnswer | None
) -> Scorecard:
    answers = {k: v for k, v in base.items() if k != item_id}
    if answer is not None:
        answers[item_id] = answer
    return variant.score(answers)


def test_a_privacy_violation_costs_more_than_any_other_answer(variant: Variant) -> None:
    base = keys(variant)
    tested = 0
    for item in variant.form.items():
        violating, safe = [], [_overall(variant, base, item.id, None).overall]
        for answer in _answers_for(item):
            card = _overall(variant, base, item.id, answer)
            mine = [f for f in card.findings if f.item == item.id]
            (violating if any(f.outcome == "violation" for f in mine) else safe).append(
                card.overall
            )
        if violating:  # a verified patient may have anything of their own: nothing is a violation
            tested += 1
            assert max(violating) < min(safe), item.id
    assert tested >= len(variant.form) - 6


def _item(variant: Variant, archetype: str) -> Item:
    return next(i for i in variant.form.items() if key_of(i).archetype == archetype)


def _findings(item: Item, answer: ReleaseAnswer | None) -> list[Any]:
    return TASK.check(item, answer, trail=None)  # type: ignore[arg-type]


def test_releasing_to_an_unverified_caller_is_a_violation_and_refusing_the_patient_a_rights_failure(
    variant: Variant,
) -> None:
    caller = _item(variant, "patient_phone_unverified")
    sent = _findings(caller, ReleaseAnswer(decision="release", release=caller.view.requested))  # type: ignore[attr-defined]
    violation = next(f for f in sent if f.outcome == "violation")
    assert violation.severity == 4 and violation.earned < 0 and "164.514(h)(1)" in violation.rule
    patient = _item(variant, "patient_in_person")
    refused = _findings(patient, ReleaseAnswer(decision="deny"))
    assert [(f.outcome, f.topic) for f in refused] == [("missed", "right_of_access")]
    assert "Patient-rights failure" in refused[0].feedback and "164.524(a)(1)" in refused[0].rule


def test_a_safe_but_not_ideal_decision_earns_partial_credit(variant: Variant) -> None:
    employer = _item(variant, "employer_request")
    [finding] = _findings(employer, ReleaseAnswer(decision="refer_privacy_officer"))
    assert finding.outcome == "partial" and finding.earned == finding.possible / 2
    examiner = _item(variant, "medical_examiner")
    [held] = _findings(examiner, ReleaseAnswer(decision="refer_privacy_officer"))
    assert held.outcome == "partial" and held.earned == held.possible / 2 == 3.0


def test_the_released_set_and_the_accounting_entry_are_checked(variant: Variant) -> None:
    order = _item(variant, "court_order_narrower")
    key = key_of(order).handling
    requested = order.view.requested  # type: ignore[attr-defined]
    too_much = _findings(
        order, ReleaseAnswer(decision="release_partial", release=requested, log_disclosure=True)
    )
    assert "violation" in [f.outcome for f in too_much]
    unlogged = _findings(
        order, ReleaseAnswer(decision="release_partial", release=key.release, log_disclosure=False)
    )
    accounting = next(f for f in unlogged if f.topic == "accounting_of_disclosures")
    assert accounting.outcome == "missed" and "164.528" in accounting.rule
    # everything due went, and more: the records finding must not call the set right
    records = next(f for f in too_much if f.topic == "records_released")
    assert (
        "released set is right" not in records.feedback
        and "should not have gone" in records.feedback
    )
    parent = _item(variant, "personal_representative")
    due = key_of(parent).handling.release
    if len(due) > 1:
        short = _findings(parent, ReleaseAnswer(decision="release_partial", release=due[:1]))
        records = next(
            f
            for f in short
            if f.topic in ("records_released", "right_of_access") and f.possible == 2
        )
        assert records.outcome == "partial" and 0 < records.earned < records.possible


def test_request_without_expect_is_keyed_by_the_engine_one_with_expect_by_the_instructor(
    variant: Variant,
) -> None:
    items = {
        key_of(i).handling.rule: i for i in variant.form.items() if key_of(i).archetype is None
    }
    own = key_of(items["right_of_access"])
    assert own.source == "engine" and own.handling.release == ["lab_results"]
    order = key_of(items["court_order"])
    assert order.source == "instructor" and order.engine is None  # it agrees with the engine


def test_answers_must_say_what_goes_out_only_when_something_does() -> None:
    with pytest.raises(ValidationError, match="say which records go out"):
        ReleaseAnswer(decision="release")
    with pytest.raises(ValidationError, match="sends nothing out"):
        ReleaseAnswer(decision="deny", release=["lab_results"])


def test_preview_shows_the_request_paperwork_and_key(variant: Variant) -> None:
    lines = list(TASK.describe(_item(variant, "attorney_expired_authorization")))
    text = "\n".join(lines)
    assert "document: Authorization to release health information" in text
    assert "key: deny" in text and "164.508(b)(2)(i)" in text
    assert "acceptable (half credit): refer_privacy_officer" in text


def _keys_in(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for name, inner in data.items():
            yield name
            yield from _keys_in(inner)
    elif isinstance(data, list):
        for inner in data:
            yield from _keys_in(inner)


def test_the_view_never_shows_the_answer(variant: Variant) -> None:
    for item in variant.form.items():
        shown = item.view.model_dump(mode="json")
        assert shown["request"]["expect"] is None and shown["request"]["explain"] is None
        assert not {"decision", "log_disclosure", "acceptable", "archetype", "cite"} & set(
            _keys_in(shown)
        )


def test_generated_names_vary_between_requests(variant: Variant) -> None:
    requesters = [i.view.requester for i in variant.form.items() if key_of(i).archetype]  # type: ignore[attr-defined]
    assert len(set(requesters)) >= len(requesters) - 2


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(min_value=0, max_value=2**62))
def test_generated_requests_always_derive_a_decision_with_a_citation(
    loaded: LoadedScenario, seed: int
) -> None:
    variant = make_variant(loaded, "", seed=seed)
    for item in variant.form.items():
        handling = key_of(item).handling
        assert handling.decision in DECISIONS
        assert "CFR" in handling.cite and handling.explanation
        assert handling.discloses == bool(handling.release)
        assert handling.release or not handling.log_disclosure
    assert variant.score(keys(variant)).overall == 100.0


WARNING_SCENARIO = """\
recsim: 1
id: release-warning
title: An instructor's expect that the engine disagrees with
setting: clinic
as_of: {as_of}
tasks:
  - release:
      items:
        - id: spouse
          requester: {{role: spouse, verified: true}}
          requested: [lab_results]
          expect: {{decision: release, release: [lab_results]}}
        - id: late-form
          requester: {{role: attorney, verified: true}}
          purpose: litigation
          requested: [lab_results]
          documents:
            authorization: {{signed_by: patient, signed_on: 2026-01-05, expires: 2026-04-01,
                             recipient: named, describes: [lab_results], purpose_stated: true}}
          expect: {{decision: release, release: [lab_results]}}
"""


def _validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], as_of: str) -> tuple[int, str]:
    path = tmp_path / f"warn-{as_of}.yaml"
    path.write_text(WARNING_SCENARIO.format(as_of=as_of))
    status = main(["validate", str(path)])
    return status, capsys.readouterr().out


def test_validate_warns_when_the_instructors_expect_disagrees_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _validate(tmp_path, capsys, "2026-03-02")
    assert status == 0
    [line] = out.strip().splitlines()
    assert ":12:" in line and "warning:" in line and "tasks[0].release.items[0].expect" in line
    assert "your expected answer (release lab_results" in line
    assert "rule engine (deny; 45 CFR 164.510(b)" in line


def test_validate_judges_authorization_dates_against_the_scenarios_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, before = _validate(tmp_path, capsys, "2026-03-02")
    assert "items[1]" not in before
    _, after = _validate(tmp_path, capsys, "2026-05-01")
    assert "items[1].expect" in after and "rule engine (deny" in after


def test_an_instructors_answer_is_the_key_and_preview_shows_the_engines(tmp_path: Path) -> None:
    path = tmp_path / "warn.yaml"
    path.write_text(WARNING_SCENARIO.format(as_of="2026-03-02"))
    loaded = load_checked(path)
    assert [str(w).split(": ", 1)[0] for w in loaded.warnings] == [f"{path}:12:19"]
    item = next(make_variant(loaded).form.items())
    key = key_of(item)
    assert key.source == "instructor" and key.handling.decision == "release"
    assert key.engine is not None and key.engine.decision == "deny"
    assert any("rule engine says: deny" in line for line in TASK.describe(item))
    assert TASK.check(item, TASK.key_answer(item), trail=None)[0].outcome == "correct"  # type: ignore[arg-type]


def _bundled_with_written_requests() -> list[Path]:
    from recsim.commands.common import bundled_scenarios

    return [
        path
        for path in bundled_scenarios()
        if "release:" in path.read_text() and "- id:" in path.read_text()
    ]


@pytest.mark.parametrize("path", _bundled_with_written_requests(), ids=lambda p: p.stem)
def test_a_written_requests_id_is_never_shown_to_the_trainee_but_preview_names_it(
    path: Path,
) -> None:
    loaded = load_checked(path)
    authored = [
        request.id
        for _, block in loaded.scenario.blocks()
        if _ == "release"
        for request in block.items
        if request.id
    ]
    if not authored:
        pytest.skip("no written requests with an id")
    for trainee in ("Ana Ruiz", "Ben Okafor"):
        variant = make_variant(loaded, trainee)
        found = []
        for item in variant.form.items():
            if item.kind != "release":
                continue
            seen = json.dumps(item.view.model_dump(mode="json")) + item.title
            assert not [name for name in authored if name in seen], item.title
            view = item.view
            assert isinstance(view, ReleaseView)
            assert view.reference.startswith("ROI-") and view.reference in item.title
            if key_of(item).authored_id:
                found.append(key_of(item).authored_id)
                assert f"scenario file id: {key_of(item).authored_id}" in "\n".join(
                    TASK.describe(item)
                )
        assert sorted(found) == sorted(authored)

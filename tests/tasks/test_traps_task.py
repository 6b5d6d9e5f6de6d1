"""Confidentiality traps: each response of each kind judged; charts synthetic, out of the queue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from recsim.core.form import Item
from recsim.core.generate.population import mrn_for
from recsim.core.ids import is_synthetic_email, is_valid_mrn
from recsim.core.scenario.blocks import MAX_ITEMS
from recsim.core.scoring import points
from recsim.session.checks import load_checked
from recsim.session.forms import Variant, make_variant
from recsim.tasks.base import RecordOpen, Trail
from recsim.tasks.traps.block import TRAP_KINDS as _TRAP_KINDS
from recsim.tasks.traps.catalog import all_responses, catalog, traps_file
from recsim.tasks.traps.models import TrapAnswer, TrapKey, TrapView
from recsim.tasks.traps.task import SEVERITY, TASK, TRAP_CHART_INDEX

TRAP_KINDS = _TRAP_KINDS.names

SETTINGS = ("hospital", "clinic", "insurer", "public_health")
EXPECTED_OUTCOME = {
    "violation": "violation",
    "unsafe": "missed",
    "acceptable": "partial",
    "correct": "correct",
}
RESPONSES = [(kind, r.id, r.verdict) for kind, info in catalog().items() for r in info.responses]


def variant_for(
    tmp_path: Path, setting: str = "hospital", trainee: str = "Ana Ruiz", seed: int = 7
) -> Variant:
    traps = "\n".join(f"  - {{kind: {kind}}}" for kind in TRAP_KINDS)
    path = tmp_path / f"traps-{setting}.yaml"
    path.write_text(
        f"recsim: 1\nid: traps-{setting.replace('_', '-')}\ntitle: Traps\n"
        f"setting: {setting}\nseed: {seed}\n"
        "population: {patients: 6}\ntasks:\n  - audit: {records: 2, errors_per_record: [0, 1]}\n"
        f"traps:\n{traps}\n"
    )
    return make_variant(load_checked(path), trainee)


def trap_items(variant: Variant) -> dict[str, Item]:
    return {item.key.kind: item for item in variant.form.items() if item.kind == "trap"}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def hospital(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Item]:
    return trap_items(variant_for(tmp_path_factory.mktemp("traps")))


def test_the_catalog_implements_every_trap_kind_of_the_scenario_format() -> None:
    assert sorted(catalog()) == sorted(TRAP_KINDS)


@pytest.mark.parametrize("kind", TRAP_KINDS)
def test_each_kind_offers_one_correct_response_a_violation_and_a_safe_partial(kind: str) -> None:
    verdicts = [r.verdict for r in catalog()[kind].responses]
    assert verdicts.count("correct") == 1
    assert "violation" in verdicts and "acceptable" in verdicts
    assert catalog()[kind].rule.startswith("45 CFR 164.")


@pytest.mark.parametrize(
    ("kind", "response", "verdict"), RESPONSES, ids=[f"{k}-{r}" for k, r, _ in RESPONSES]
)
def test_every_response_is_scored_by_its_verdict_with_the_rule(
    hospital: dict[str, Item], kind: str, response: str, verdict: str
) -> None:
    item = hospital[kind]
    (finding,) = TASK.check(item, TrapAnswer(response=response), Trail())
    worth = points(SEVERITY)
    assert finding.outcome == EXPECTED_OUTCOME[verdict]
    assert finding.category == "privacy" and finding.severity == 4
    assert (
        finding.earned
        == {"violation": -worth, "unsafe": 0, "acceptable": worth / 2, "correct": worth}[verdict]
    )
    assert finding.possible == (2 * worth if verdict == "violation" else worth)
    assert finding.rule == catalog()[kind].rule
    if verdict != "acceptable":
        assert "45 CFR" in finding.feedback
    assert finding.given == item.key.labels[response]  # type: ignore[attr-defined]
    if verdict == "violation":
        assert "164.530(e)" in finding.feedback and "1320d-6" in finding.feedback
    assert "{" not in finding.feedback


def test_an_unanswered_trap_earns_nothing_and_says_what_was_right(
    hospital: dict[str, Item],
) -> None:
    (finding,) = TASK.check(hospital["coworker_lookup"], None, Trail())
    assert finding.outcome == "missed" and finding.earned == 0 and finding.possible == points(4)
    assert "No response" in finding.feedback and finding.expected


def test_a_response_meant_for_another_kind_is_not_an_option(hospital: dict[str, Item]) -> None:
    (finding,) = TASK.check(
        hospital["famous_patient"], TrapAnswer(response="send_records"), Trail()
    )
    assert finding.outcome == "missed" and finding.earned == 0
    assert "not one of the responses" in finding.feedback and "open_record" in finding.feedback


def test_an_unknown_response_is_refused_with_the_vocabulary() -> None:
    with pytest.raises(ValidationError, match="not a trap response; responses are: open_record"):
        TrapAnswer.model_validate({"response": "shrug"})
    assert set(all_responses()) >= {"refuse", "refuse_and_report", "secure_and_report"}


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_kind_reads_right_in_every_setting(tmp_path: Path, setting: str) -> None:
    for seed in range(4):
        items = trap_items(variant_for(tmp_path, setting, seed=seed))
        assert sorted(items) == sorted(TRAP_KINDS)
        for item in items.values():
            view: TrapView = item.view  # type: ignore[assignment]
            texts = [item.title, view.situation, *(o.label for o in view.responses)]
            texts += list(item.key.feedback.values())  # type: ignore[attr-defined]
            assert all(text and "{" not in text and "}" not in text for text in texts), texts
            assert traps_file().settings[setting].system in view.situation or view.kind in (
                "personal_email",
                "shared_printer",
                "shared_login",
            )


def test_trap_charts_are_synthetic_and_never_a_queue_or_population_chart(tmp_path: Path) -> None:
    variant = variant_for(tmp_path)
    population_mrns = {mrn_for(variant.seed, index) for index in range(MAX_ITEMS)}
    queue_charts = {item.chart for item in variant.form.items() if item.chart}
    trap_charts = []
    for item in trap_items(variant).values():
        key: TrapKey = item.key  # type: ignore[assignment]
        view: TrapView = item.view  # type: ignore[assignment]
        assert item.chart is None, "opening a trap item must not log its chart"
        if catalog()[key.kind].chart_ages is None:
            assert key.chart is None and view.hit is None and view.record is None
            continue
        assert key.chart and is_valid_mrn(key.chart)
        assert view.hit is not None and view.hit.mrn == key.chart
        assert view.record is not None and view.record.patient.mrn == key.chart
        assert "not in your work queue" in view.hit.note
        trap_charts.append(key.chart)
    assert sorted(trap_charts) == sorted({*trap_charts})
    assert not set(trap_charts) & population_mrns
    assert not set(trap_charts) & queue_charts
    assert TRAP_CHART_INDEX > MAX_ITEMS


def test_searchable_traps_are_the_ones_with_a_chart() -> None:
    searchable = {kind for kind, info in catalog().items() if info.chart_ages is not None}
    assert {"famous_patient", "relative_record"} <= searchable
    assert "shared_printer" not in searchable and "personal_email" not in searchable


def test_the_famous_person_is_a_fictional_local_figure_with_a_generated_chart(
    hospital: dict[str, Item],
) -> None:
    view: TrapView = hospital["famous_patient"].view  # type: ignore[assignment]
    key: TrapKey = hospital["famous_patient"].key  # type: ignore[assignment]
    assert view.record is not None and key.person == view.record.patient.full_name
    assert any(role in view.situation for role in traps_file().famous_roles)


def test_the_personal_address_is_a_reserved_example_domain(tmp_path: Path) -> None:
    for seed in range(6):
        view: TrapView = trap_items(variant_for(tmp_path, seed=seed))["personal_email"].view  # type: ignore[assignment]
        address = next(word.strip('.,?"') for word in view.situation.split() if "@" in word)
        assert is_synthetic_email(address)
        writer = view.situation.split(":")[0].removeprefix("An e-mail from ").split(",")[0]
        assert writer.split()[-1].lower() in address, (writer, address)


def test_the_same_trainee_always_meets_the_same_traps(tmp_path: Path) -> None:
    first = [i.to_json() for i in trap_items(variant_for(tmp_path)).values()]
    again = [i.to_json() for i in trap_items(variant_for(tmp_path)).values()]
    other = [i.to_json() for i in trap_items(variant_for(tmp_path, trainee="Ben Okafor")).values()]
    assert first == again and first != other


def _open(mrn: str, reason: str = "", item: str | None = None) -> RecordOpen:
    return RecordOpen(mrn=mrn, reason=reason, item=item)


@pytest.mark.parametrize("kind", ["famous_patient", "relative_record", "coworker_lookup"])
def test_opening_the_trap_chart_is_a_violation_even_after_refusing(
    hospital: dict[str, Item], kind: str
) -> None:
    item = hospital[kind]
    key: TrapKey = item.key  # type: ignore[assignment]
    findings = TASK.check(item, TrapAnswer(response=key.best), Trail((_open(key.chart or ""),)))
    assert [f.outcome for f in findings] == ["correct", "violation"]
    trail = findings[1]
    assert (
        trail.topic == "access_without_job_reason"
        and trail.earned == -points(4)
        and trail.possible == points(4)
    )
    assert "164.502(b)" in trail.rule and "164.308(a)(1)(ii)(D)" in trail.rule
    assert key.chart in trail.feedback and "no reason" in trail.feedback
    assert sum(f.earned for f in findings) <= 0


def test_any_reason_or_item_does_not_make_a_trap_chart_open_work(hospital: dict[str, Item]) -> None:
    item = hospital["famous_patient"]
    chart = item.key.chart  # type: ignore[attr-defined]
    opens = (
        _open(chart, "checking demographics"),
        _open(chart, "work queue item audit-1", "audit-1"),
    )
    findings = TASK.check(item, TrapAnswer(response="leave_closed_and_report"), Trail(opens))
    assert findings[1].given == f"opened {chart} 2 time(s)"
    assert (
        "'checking demographics'" in findings[1].feedback
        and "does not concern" in findings[1].feedback
    )


def test_opening_queue_charts_for_their_items_leaves_traps_clean(tmp_path: Path) -> None:
    variant = variant_for(tmp_path)
    trail = Trail(
        tuple(
            _open(i.chart, f"work queue item {i.id}", i.id) for i in variant.form.items() if i.chart
        )
    )
    for item in trap_items(variant).values():
        findings = TASK.check(item, TASK.key_answer(item), trail)
        assert [f.outcome for f in findings] == ["correct"]


def test_a_violation_costs_more_than_any_other_answer_even_none(hospital: dict[str, Item]) -> None:
    def lost(item: Item, answer: TrapAnswer | None, trail: Trail | None = None) -> float:
        findings = TASK.check(item, answer, trail or Trail())
        return sum(f.possible for f in findings) - max(0.0, sum(f.earned for f in findings))

    for kind, item in hospital.items():
        violations = [
            lost(item, TrapAnswer(response=r.id))
            for r in catalog()[kind].responses
            if r.verdict == "violation"
        ]
        others = [
            lost(item, TrapAnswer(response=r.id))
            for r in catalog()[kind].responses
            if r.verdict != "violation"
        ]
        assert min(violations) > max([*others, lost(item, None)])
        chart = item.key.chart  # type: ignore[attr-defined]
        if chart:
            snooped = lost(item, TASK.key_answer(item), Trail((_open(chart),)))
            assert snooped > lost(item, None)


def test_traps_without_a_chart_ignore_the_trail(hospital: dict[str, Item]) -> None:
    item = hospital["shared_printer"]
    findings = TASK.check(item, TrapAnswer(response="secure"), Trail((_open("RS00000017"),)))
    assert [f.outcome for f in findings] == ["partial"]


def test_describe_shows_the_situation_every_verdict_and_the_key(hospital: dict[str, Item]) -> None:
    item = hospital["relative_record"]
    lines = list(TASK.describe(item))
    assert lines[0].startswith("trap relative_record")
    assert any("search hit:" in line for line in lines)
    assert any("violation" in line and "open_record" in line for line in lines)
    assert lines[-1].startswith("key: refuse_and_redirect") and "access log" in lines[-1]
    assert TASK.key_answer(item) == TrapAnswer(response="refuse_and_redirect")


def test_objectives_tag_trap_findings(tmp_path: Path) -> None:
    path = tmp_path / "tagged.yaml"
    path.write_text(
        "recsim: 1\nid: tagged\ntitle: Tagged\nsetting: clinic\n"
        "objectives: [{id: access, text: Open only what the job needs}]\n"
        "tasks:\n  - deidentify: {documents: 1}\n"
        "traps:\n  - {kind: famous_patient, objective: access}\n"
    )
    variant = make_variant(load_checked(path))
    item = variant.form.item("trap-1")
    assert item.objectives == ("access",)
    findings: list[Any] = TASK.check(item, None, Trail())
    assert findings[0].objective == "access"

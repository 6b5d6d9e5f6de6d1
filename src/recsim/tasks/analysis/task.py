"""Record statistics: questions on a batch of inpatient encounters (task kind ``analysis``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from recsim.core.content import load_content
from recsim.core.form import Item
from recsim.core.scoring import Finding, points
from recsim.core.seeds import derive_seed
from recsim.tasks.analysis import statistics
from recsim.tasks.analysis.batch import expected_occupancy, generate_batch
from recsim.tasks.analysis.block import BIRTH_QUESTIONS, AnalysisBlock
from recsim.tasks.analysis.content import QuestionsFile
from recsim.tasks.analysis.models import (
    AnalysisAnswer,
    AnalysisKey,
    AnalysisView,
    EncounterBatch,
)
from recsim.tasks.base import BuildContext, CheckContext, Problem, TaskKind, Trail, shaped

SEVERITY = 2
"""A statistic a department reports is worth this severity's points."""
RATES: dict[str, Callable[[EncounterBatch], statistics.Statistic]] = {
    "readmission_rate": statistics.readmission_rate,
    "average_length_of_stay": statistics.average_length_of_stay,
    "bed_occupancy": statistics.bed_occupancy,
    "delinquent_rate": statistics.delinquent_rate,
    "case_mix_index": statistics.case_mix_index,
    "average_daily_census": statistics.average_daily_census,
    "gross_death_rate": statistics.gross_death_rate,
    "net_death_rate": statistics.net_death_rate,
    "autopsy_rate": statistics.autopsy_rate,
    "infection_rate": statistics.infection_rate,
    "bed_turnover": statistics.bed_turnover,
    "caesarean_rate": statistics.caesarean_rate,
    "newborn_census": statistics.newborn_census,
    "newborn_death_rate": statistics.newborn_death_rate,
    "newborn_length_of_stay": statistics.newborn_length_of_stay,
}


@dataclass(frozen=True, slots=True)
class Question:
    """One question as questions.yaml defines it."""

    name: str
    title: str
    prompt: str
    numerator: str
    denominator: str
    exclusions: str
    exclusions_with_births: str | None
    formula: str
    source: str
    unit: str
    decimals: int
    tolerance: float
    count: int

    def definition(self, births: bool = False) -> str:
        """Numerator, denominator and exclusions in one text; with ``births``, the exclusions
        that say what happens to delivery and newborn stays."""
        exclusions = (births and self.exclusions_with_births) or self.exclusions
        return (
            f"{self.formula}.\nNumerator: {self.numerator}\nDenominator: {self.denominator}\n"
            f"Exclusions: {exclusions}"
        )


@cache
def questions() -> dict[str, Question]:
    """Every question, by name (questions.yaml)."""
    content = load_content(__package__, "questions.yaml", QuestionsFile)
    return {
        name: Question(name=name, **entry.model_dump()) for name, entry in content.questions.items()
    }


def batch_for(block: AnalysisBlock, context: BuildContext) -> EncounterBatch:
    """The batch every question of one analysis task asks about."""
    seed = derive_seed("analysis-batch", context.seed, context.task_number)
    return generate_batch(
        seed,
        block.encounters,
        block.beds,
        block.period_days,
        context.scenario.as_of,
        block.birth_count(),
    )


def answer_key(question: Question, batch: EncounterBatch) -> AnalysisKey:
    """The key of a question, computed from the batch."""
    if question.name == "top_diagnoses":
        top, accepted = statistics.top_diagnoses(batch, question.count)
        counts = statistics.diagnosis_counts(batch)
        return AnalysisKey(
            question="top_diagnoses",
            codes=top,
            accepted=accepted,
            counts={c: counts[c] for c in accepted},
            excluded={
                "not discharged in the period": len(batch.stays) - len(statistics.discharges(batch))
            },
            formula=question.formula,
            source=question.source,
        )
    stat = RATES[question.name](batch)
    return AnalysisKey(
        question=question.name,
        value=stat.value,
        rounded=round(stat.value, question.decimals),
        numerator=stat.numerator,
        denominator=stat.denominator,
        excluded=stat.excluded,
        formula=question.formula,
        source=question.source,
    )


class AnalysisTask(TaskKind[AnalysisBlock, AnalysisAnswer]):
    """Task kind ``analysis``."""

    kind: ClassVar[str] = "analysis"
    block_model = AnalysisBlock
    answer_model = AnalysisAnswer
    view_model = AnalysisView

    def build(self, block: AnalysisBlock, index: int, item_id: str, context: BuildContext) -> Item:
        question = questions()[block.asked()[index]]
        batch = batch_for(block, context)
        prompt = question.prompt.format(
            start=batch.period_start,
            end=batch.period_end,
            beds=batch.beds,
            days=batch.period_days,
            count=question.count,
        )
        if question.count:
            prompt += f" List {question.count} codes, most frequent first."
        else:
            places = (
                "one decimal place"
                if question.decimals == 1
                else f"{question.decimals} decimal places"
            )
            unit = f" in {question.unit}" if question.unit else ""
            prompt += (
                f" Give it{unit}, rounded to {places}; "
                f"answers within {question.tolerance:g} of the exact value are accepted."
            )
        view = AnalysisView(
            question=question.name,
            title=question.title,
            prompt=prompt,
            definition=question.definition(batch.has_births),
            unit=question.unit,
            decimals=question.decimals,
            tolerance=question.tolerance,
            count=question.count,
            batch=batch,
        )
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"Statistics: {question.title}",
            view=view,
            key=answer_key(question, batch),
            objectives=(block.objective,) if block.objective else (),
        )

    def check(self, item: Item, answer: AnalysisAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, AnalysisKey)
        view = shaped(item.view, AnalysisView)
        objective = item.objectives[0] if item.objectives else None
        base: dict[str, Any] = {
            "item": item.id,
            "category": "accuracy",
            "objective": objective,
            "severity": SEVERITY,
            "topic": key.question,
            "rule": key.source,
            "possible": points(SEVERITY),
        }
        if key.question == "top_diagnoses":
            return [_check_codes(base, key, view, answer)]
        return [_check_value(base, key, view, answer)]

    def key_answer(self, item: Item) -> AnalysisAnswer:
        key = shaped(item.key, AnalysisKey)
        if key.question == "top_diagnoses":
            return AnalysisAnswer(codes=key.codes)
        return AnalysisAnswer(
            value=key.rounded, numerator=key.numerator, denominator=key.denominator
        )

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, AnalysisView)
        key = shaped(item.key, AnalysisKey)
        batch = view.batch
        yield view.prompt
        births = ""
        if batch.has_births:
            delivered = sum(1 for s in batch.stays if s.delivery)
            born = sum(1 for s in batch.stays if s.newborn)
            births = f" ({delivered} deliveries, {born} newborns)"
        yield (
            f"batch: {len(batch.stays)} stays{births}, {batch.beds} beds, period "
            f"{batch.period_start} to {batch.period_end} ({batch.period_days} days)"
        )
        if key.question == "top_diagnoses":
            yield "key: " + ", ".join(f"{c} ({key.counts[c]})" for c in key.codes)
            if len(key.accepted) > len(key.codes):
                yield "     tied codes also accepted: " + ", ".join(
                    c for c in key.accepted if c not in key.codes
                )
        elif key.rounded is not None:
            rounded = _amount(key.rounded, view.unit, view.decimals)
            yield f"key: {rounded} = {_arithmetic(key, view.unit)}"
        if key.excluded:
            yield "     excluded: " + "; ".join(
                f"{reason}: {n}" for reason, n in key.excluded.items()
            )

    def validate(self, block: AnalysisBlock, context: CheckContext) -> Iterator[Problem]:
        if block.questions != "all" and len(set(block.questions)) < len(block.questions):
            yield (
                ("questions",),
                "a question is listed more than once; it would be asked twice",
                "warning",
            )
        if block.births == 0 and (births := [q for q in block.asked() if q in BIRTH_QUESTIONS]):
            yield (
                ("births",),
                (
                    f"{', '.join(births)} need{'s' if len(births) == 1 else ''} delivery stays; "
                    "give births above 0, or leave births out to have one for every ten encounters"
                ),
                "error",
            )
        if block.period_days is not None:
            expected = expected_occupancy(block.encounters, block.beds, block.period_days)
            if expected > 100:
                yield (
                    ("period_days",),
                    (
                        f"{block.encounters:,} stays in {block.period_days} days would need about "
                        f"{expected:.0f}% of {block.beds} beds; give more beds or a longer period"
                    ),
                    "error",
                )
        elif expected_occupancy(block.encounters, block.beds, 366) > 100:
            yield (
                ("encounters",),
                (
                    f"{block.encounters:,} stays cannot fit in {block.beds} beds even over a year; "
                    "give more beds or fewer encounters"
                ),
                "error",
            )


def _arithmetic(key: AnalysisKey, unit: str) -> str:
    scale = " x 100" if unit == "%" else ""
    return f"{key.numerator:g} / {key.denominator:g}{scale} = {key.value:.4f}"


def _amount(value: float, unit: str, decimals: int | None = None) -> str:
    """A number with its unit, if it has one ("4.5 days", "1.1405"); with ``decimals``, to
    exactly that many places ("1.2120" when four were asked for, not "1.212")."""
    number = f"{value:g}" if decimals is None else f"{value:.{decimals}f}"
    return f"{number} {unit}" if unit else number


def _check_value(
    base: dict[str, Any], key: AnalysisKey, view: AnalysisView, answer: AnalysisAnswer | None
) -> Finding:
    assert key.value is not None and key.rounded is not None
    worth = base["possible"]
    expected = _amount(key.rounded, view.unit, view.decimals)
    excluded = "; ".join(f"{reason}: {n}" for reason, n in key.excluded.items())
    explain = (
        f"{view.title}: {key.formula}. Here {_arithmetic(key, view.unit)}, "
        f"which rounds to {key.rounded:.{view.decimals}f}."
        + (f" Left out: {excluded}." if excluded else "")
    )
    if answer is None or answer.value is None:
        return Finding(
            **base,
            outcome="missed",
            earned=0,
            expected=expected,
            feedback=f"Not answered. {explain}",
        )
    given = _amount(answer.value, view.unit)
    if abs(answer.value - key.value) <= view.tolerance + 1e-9:
        return Finding(
            **base,
            outcome="correct",
            earned=worth,
            expected=expected,
            given=given,
            feedback=f"Right. {explain}",
        )
    if _same(answer.numerator, key.numerator) and _same(answer.denominator, key.denominator):
        return Finding(
            **base,
            outcome="partial",
            earned=worth / 2,
            expected=expected,
            given=given,
            feedback=f"Your counts are right but the result is not: check the division, the x 100 "
            f"and the rounding (within {view.tolerance:g}). {explain}",
        )
    hint = _count_hint(answer, key)
    return Finding(
        **base,
        outcome="missed",
        earned=0,
        expected=expected,
        given=given,
        feedback=f"Not within {view.tolerance:g} of the exact value.{hint} {explain}",
    )


def _count_hint(answer: AnalysisAnswer, key: AnalysisKey) -> str:
    wrong = [
        part
        for part, given, right in (
            ("numerator", answer.numerator, key.numerator),
            ("denominator", answer.denominator, key.denominator),
        )
        if given is not None and not _same(given, right)
    ]
    return (
        f" Your {' and '.join(wrong)} differ{'s' if len(wrong) == 1 else ''} from the definition's."
        if wrong
        else ""
    )


def _same(given: float | None, right: float | None) -> bool:
    return given is not None and right is not None and abs(given - right) < 1e-6


def _check_codes(
    base: dict[str, Any], key: AnalysisKey, view: AnalysisView, answer: AnalysisAnswer | None
) -> Finding:
    worth = base["possible"]
    wanted = len(key.codes)
    ranking = ", ".join(f"{code} ({key.counts[code]})" for code in key.accepted)
    explain = f"Discharges in the period by principal diagnosis, most first: {ranking}." + (
        " Codes tied for the last place are all accepted." if len(key.accepted) > wanted else ""
    )
    expected = ", ".join(key.codes)
    if answer is None or not answer.codes:
        return Finding(
            **base,
            outcome="missed",
            earned=0,
            expected=expected,
            feedback=f"Not answered. {explain}",
        )
    given_codes = list(dict.fromkeys(_normal(c) for c in answer.codes))[: view.count]
    hits = sum(1 for c in given_codes if c in key.accepted)
    earned = worth * min(hits, wanted) / wanted if wanted else 0.0
    outcome = "correct" if hits >= wanted else "partial" if hits else "missed"
    extra = f" Only the first {view.count} codes count." if len(answer.codes) > view.count else ""
    return Finding(
        **base,
        outcome=outcome,
        earned=round(earned, 4),
        expected=expected,
        given=", ".join(given_codes),
        feedback=f"{hits} of {wanted} right.{extra} {explain}",
    )


def _normal(code: str) -> str:
    """A code as typed, in the classification's form: upper case, with its dot."""
    text = code.strip().upper().replace(".", "")
    return text if len(text) <= 3 else f"{text[:3]}.{text[3:]}"


TASK: TaskKind[AnalysisBlock, AnalysisAnswer] = AnalysisTask()

"""Scoring a raw answers file against a trainee's variant (headless play, regrading)."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from recsim.core.answers import AnswersFile, clause
from recsim.core.scenario import LoadedScenario
from recsim.core.scoring import Scorecard
from recsim.session.forms import Variant, make_variant
from recsim.tasks.base import Trail


class AnswersMismatch(Exception):
    """The answers do not fit the scenario: another scenario, unknown items, malformed answers."""


def parse_answers(
    variant: Variant, answers: AnswersFile, source: str = "answers"
) -> dict[str, BaseModel]:
    """Each raw answer validated against its item's answer model."""
    scenario = variant.scenario
    if answers.scenario != scenario.id:
        raise AnswersMismatch(
            f"{source}: these answers are for scenario '{answers.scenario}', not '{scenario.id}'"
        )
    unknown = [item_id for item_id in answers.answers if item_id not in variant.form]
    if unknown:
        shown = ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        raise AnswersMismatch(
            f"{source}: answers refer to items this form does not have: {shown} "
            f"(the form has {len(variant.form)} items; see 'recsim preview')"
        )
    parsed: dict[str, BaseModel] = {}
    for item_id, raw in answers.answers.items():
        try:
            parsed[item_id] = variant.parse_answer(item_id, raw)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(step) for step in first["loc"])
            detail = f" at '{where}'" if where else ""
            raise AnswersMismatch(
                f"{source}: answers.{item_id}: {clause(first['msg'])}{detail}"
            ) from None
    return parsed


def trail_of(answers: AnswersFile) -> Trail:
    """The access audit trail recorded in an answers file."""
    return Trail(tuple(answers.opened))


def score_answers(
    loaded: LoadedScenario, answers: AnswersFile, *, trainee: str, source: str = "answers"
) -> Scorecard:
    """Score an answers file on the trainee's variant of a scenario."""
    variant = make_variant(loaded, trainee)
    return variant.score(parse_answers(variant, answers, source), trail_of(answers))

"""Claim review at the insurer: approve, deny with a reason, or pend (task kind ``claims``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any, ClassVar

from recsim.core.form import Item
from recsim.core.generate import provider_roster
from recsim.core.records import PatientRecord
from recsim.core.scoring import Finding, Outcome, points
from recsim.core.seeds import derive_seed, rng_for
from recsim.tasks.base import BuildContext, CheckContext, Problem, TaskKind, Trail, shaped
from recsim.tasks.claims.block import CLAIM_PROBLEMS, ClaimsBlock
from recsim.tasks.claims.content import claims_content
from recsim.tasks.claims.generator import build_claim
from recsim.tasks.claims.members import members_for
from recsim.tasks.claims.models import ClaimAnswer, ClaimKey, ClaimView
from recsim.tasks.deal import balanced_hand

_WORDS = {"approve": "approve", "deny": "deny", "pend_for_records": "pend for records"}


@lru_cache(maxsize=16)
def _plan(
    problems: tuple[str, ...], claims: int, clean_share: float, seed: int, task: int
) -> tuple[str, ...]:
    """What each claim of one form holds, "clean" or a problem, drawn once for all of them.

    The share of clean claims is a count, the same on every form, and the problem claims take
    each listed problem in turn; those left over after whole rounds are drawn evenly from each
    severity, so every trainee's claims are worth the same points.
    """
    rng = rng_for(seed, task, "claims-order")
    clean = round(claims * clean_share)
    info = claims_content().problems
    worth = {name: points(info[name].severity) for name in problems}
    plan = balanced_hand(claims - clean, list(problems), worth, rng) + ["clean"] * clean
    rng.shuffle(plan)
    return tuple(plan)


class ClaimsTask(TaskKind[ClaimsBlock, ClaimAnswer]):
    """Task kind ``claims``."""

    kind: ClassVar[str] = "claims"
    block_model = ClaimsBlock
    answer_model = ClaimAnswer
    view_model = ClaimView

    def build(self, block: ClaimsBlock, index: int, item_id: str, context: BuildContext) -> Item:
        rng = context.rng("claims", index)
        listed = CLAIM_PROBLEMS.names if block.problems == "all" else block.problems
        plan = _plan(
            tuple(dict.fromkeys(listed)),
            block.claims,
            block.clean_share,
            context.seed,
            context.task_number,
        )
        problem = plan[index]
        roster = provider_roster(context.seed, context.scenario.population.locale)
        seed = derive_seed("claim-number", context.seed, context.task_number, index)
        number = f"CLM{seed % 10**10:010d}"
        members: list[PatientRecord] = []
        view, key = build_claim(
            problem, rng, _kept(members_for(context, index), members), roster,
            context.scenario.as_of, number,
        )  # fmt: skip
        claim = view.claim
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"Claim {claim.number}: {claim.patient_name}, {claim.from_date}, "
            f"${claim.total:,.2f}",
            view=view,
            key=key,
            objectives=(block.objective,) if block.objective else (),
            concerns=tuple(
                r.patient.mrn
                for r in members
                if r.patient.full_name == claim.patient_name
                and r.patient.date_of_birth == claim.date_of_birth
            )[:1],
        )

    def check(self, item: Item, answer: ClaimAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, ClaimKey)
        objective = item.objectives[0] if item.objectives else None
        worth = points(key.severity)
        common: dict[str, Any] = {
            "item": item.id,
            "category": key.category,
            "objective": objective,
            "possible": worth,
            "severity": key.severity,
            "topic": key.problem,
            "rule": key.rule,
            "expected": _capital(_shown(key.decision, key.reason, key.deny_line)),
        }
        if answer is None:
            return [
                Finding(
                    **common,
                    outcome="missed",
                    earned=0,
                    feedback="Not decided: this claim should be "
                    f"'{_shown(key.decision, key.reason, key.deny_line)}'. "
                    f"{key.explanation}",
                )
            ]
        outcome, share, feedback = _judge(key, answer)
        return [
            Finding(
                **common,
                outcome=outcome,
                earned=worth * share,
                given=_capital(_shown(answer.decision, answer.reason, answer.line)),
                feedback=f"{feedback} {key.explanation}",
            )
        ]

    def key_answer(self, item: Item) -> ClaimAnswer:
        key = shaped(item.key, ClaimKey)
        return ClaimAnswer(decision=key.decision, reason=key.reason, line=key.deny_line)

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, ClaimView)
        key = shaped(item.key, ClaimKey)
        claim = view.claim
        yield (
            f"{claim.patient_name}, {claim.sex}, born {claim.date_of_birth}; "
            f"member {claim.member_id}; {claim.place}, {claim.from_date} to {claim.to_date}; "
            f"provider {claim.provider.name} ({claim.provider.npi})"
        )
        yield "diagnoses: " + ", ".join(d.code for d in claim.diagnoses)
        for line in claim.lines:
            yield (
                f"line {line.line}: {line.date} {line.code} x {line.units} (pointers "
                f"{','.join(map(str, line.pointers))}) ${line.charge:,.2f}"
            )
        to = view.eligibility.effective_to or "open"
        yield (
            f"coverage {view.eligibility.effective_from} to {to}; documents: "
            + ", ".join(
                f"{a.title}{'' if a.received else ' (not received)'}" for a in view.attachments
            )
        )
        for prior in view.history:
            yield (
                f"already paid: {prior.number} {prior.from_date} to {prior.to_date}, "
                f"{prior.provider.name}, {', '.join(prior.codes)}, ${prior.total:,.2f}"
            )
        at = f", line {key.line}" if key.line else ""
        yield f"key: {_shown(key.decision, key.reason, key.deny_line)} ({key.problem}{at})"
        yield f"     {key.explanation}"

    def validate(self, block: ClaimsBlock, context: CheckContext) -> Iterator[Problem]:
        low, high = context.ages
        if low >= 15 and high <= 17 and (block.problems == "all" or "code_edit" in block.problems):
            yield (
                ("problems",),
                (
                    "a code edit needs a patient younger than 15 or older than 17 (at 15-17 "
                    "no wellness code conflicts with the age): widen the population's ages "
                    "or leave code_edit out"
                ),
                "error",
            )
        if block.clean_share == 1 and block.problems != "all":
            yield (
                ("clean_share",),
                ("clean_share 1 makes every claim clean, so the listed problems are never planted"),
                "warning",
            )
        if block.clean_share == 0 and block.claims >= 4:
            yield (
                ("clean_share",),
                (
                    "with clean_share 0 every claim has a problem, so 'deny everything' "
                    "never loses points for approving; consider some clean claims"
                ),
                "warning",
            )


def _judge(key: ClaimKey, answer: ClaimAnswer) -> tuple[Outcome, float, str]:
    """The outcome of a decision, the share of the points it earns, and why."""
    if answer.decision == key.decision and answer.reason == key.reason:
        if answer.line == key.deny_line:
            return "correct", 1, f"Right: {_shown(answer.decision, answer.reason, answer.line)}."
        return "partial", 0.5, _wrong_scope(key.deny_line, answer.line)
    if answer.decision == "approve":
        return "missed", 0, f"Paid in error: {_sentence(key.title)}."
    if key.decision == "approve" and answer.decision == "deny":
        return "false_alarm", 0, f"Wrongly denied: nothing supports '{_reason(answer.reason)}'."
    if answer.decision == "deny" and key.decision == "deny":
        feedback = (
            f"Right to deny, but for the wrong reason: it is '{_reason(key.reason)}', not "
            f"'{_reason(answer.reason)}'; the provider corrects and resubmits what the reason "
            "names."
        )
    elif answer.decision == "pend_for_records" and key.decision == "deny":
        feedback = (
            "Pended, but the records already show the problem: deny it now rather than delay."
        )
    elif key.decision == "approve":
        feedback = (
            "Pended, but the records support every line: a clean claim is paid without delay."
        )
    else:
        feedback = (
            "Denied, but the records needed to decide have not arrived: pend and request them."
        )
    return "partial", 0.5, feedback


def _shown(decision: str, reason: str | None, line: int | None = None) -> str:
    """A decision as the trainee reads it: "deny line 3 (a service is part of another ...)"."""
    if not reason:
        return _WORDS[decision]
    return f"deny {f'line {line}' if line else 'the claim'} ({_reason(reason)})"


def _wrong_scope(key_line: int | None, given_line: int | None) -> str:
    """Why a denial for the right reason covers the wrong part of the claim."""
    if key_line is None:
        return (
            f"Right reason, but the problem concerns the whole claim, not line {given_line}: "
            "deny the claim."
        )
    if given_line is None:
        return (
            f"Right reason, but deny only line {key_line}: a payer denies the line at fault "
            "and pays the rest of the claim."
        )
    return f"Right reason, but the line at fault is line {key_line}, not line {given_line}."


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _reason(reason: str | None) -> str:
    return claims_content().reasons.get(reason or "", "no reason").lower()


def _sentence(title: str) -> str:
    return title[0].lower() + title[1:]


TASK: TaskKind[ClaimsBlock, ClaimAnswer] = ClaimsTask()


def _kept(records: Iterator[PatientRecord], into: list[PatientRecord]) -> Iterator[PatientRecord]:
    """The members as they are drawn, each kept in ``into``: the claim's patient is among them."""
    for record in records:
        into.append(record)
        yield record

"""DRG validation: find the coding error that changed the MS-DRG (task kind ``drg_validation``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from recsim.coding.code_shapes import dotted, undotted
from recsim.coding.drg_weights import table5
from recsim.coding.grouper import group
from recsim.coding.grouper import unavailable as grouper_unavailable
from recsim.coding.grouper_result import Grouping
from recsim.core.form import Item
from recsim.core.generate import provider_roster
from recsim.core.scenario.blocks import MAX_ITEMS
from recsim.core.scoring import Finding
from recsim.core.seeds import derive_seed
from recsim.tasks.base import BuildContext, CheckContext, Problem, TaskKind, Trail, shaped
from recsim.tasks.drg_validation.block import DRG_TOPICS, DrgValidationBlock
from recsim.tasks.drg_validation.checks import block_problems
from recsim.tasks.drg_validation.models import (
    BilledClaim,
    ClaimCode,
    DrgFindingEntry,
    DrgResult,
    DrgValidationAnswer,
    DrgValidationKey,
    DrgValidationView,
    PlantedError,
    RecordDocument,
    days,
    status_words,
)
from recsim.tasks.drg_validation.plan import plan
from recsim.tasks.drg_validation.planting import candidates, grouper_stay, payment
from recsim.tasks.drg_validation.scoring import check, drg_words
from recsim.tasks.drg_validation.titles import title_of
from recsim.tasks.stays import StayKey, case_by_id, render_stay


class DrgValidationTask(TaskKind[DrgValidationBlock, DrgValidationAnswer]):
    """Task kind ``drg_validation``."""

    kind: ClassVar[str] = "drg_validation"
    block_model = DrgValidationBlock
    answer_model = DrgValidationAnswer
    view_model = DrgValidationView

    def build(
        self, block: DrgValidationBlock, index: int, item_id: str, context: BuildContext
    ) -> Item:
        case_id, chosen = plan(block, context.seed, context.task_number)[index]
        case = case_by_id(case_id)
        roster = provider_roster(context.seed, context.scenario.population.locale)
        stay = render_stay(
            case,
            context.rng("drg-validation", index),
            as_of=context.scenario.as_of,
            clinicians=[p.name for p in roster],
        )
        candidate = None if chosen is None else candidates(case_id)[chosen]
        billed_key = case.key if candidate is None else candidate.claim

        def grouped(key: StayKey) -> Grouping:
            return group(
                grouper_stay(key, age=stay.age, sex=stay.sex, discharged=stay.discharge_date)
            )

        billed, correct = grouped(billed_key), grouped(case.key)
        stay_days = (stay.discharge_date - stay.admit_date).days
        error = None
        if candidate is not None:
            error = PlantedError(
                error=candidate.error,
                code=candidate.code,
                corrected=candidate.corrected,
                why=candidate.why,
                level=_level(billed, candidate.code),
            )
        view = DrgValidationView(
            claim_number=_claim_number(context, index),
            patient_name=stay.patient_name,
            sex=stay.sex,
            age=stay.age,
            date_of_birth=stay.date_of_birth,
            admitted=stay.admit_date,
            discharged=stay.discharge_date,
            length_of_stay=stay_days,
            documents=[RecordDocument(heading=h, text=t) for h, t in stay.documents],
            claim=_claim(billed_key, billed),
        )
        key = DrgValidationKey(
            case_id=case_id,
            error=error,
            billed=_result(billed),
            correct=_result(correct),
            payment=payment(billed, correct, error.error if error else None, stay_days),
            explain=case.explain.strip(),
        )
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"Claim {view.claim_number}: {stay.patient_name}, DRG {billed.drg:03d}",
            view=view,
            key=key,
            objectives=(block.objective,) if block.objective else (),
        )

    def check(self, item: Item, answer: DrgValidationAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, DrgValidationKey)
        claim = shaped(item.view, DrgValidationView).claim
        codes = [claim.principal, *claim.secondary, *claim.procedures]
        billed = frozenset(undotted(c.code) for c in codes)
        return check(item.id, item.objectives[0] if item.objectives else None, key, answer, billed)

    def key_answer(self, item: Item) -> DrgValidationAnswer:
        key = shaped(item.key, DrgValidationKey)
        findings = []
        if key.error is not None:
            findings.append(
                DrgFindingEntry(
                    error=key.error.error, code=key.error.code, corrected=key.error.corrected
                )
            )
        return DrgValidationAnswer(findings=findings, drg=key.correct.drg, payment=key.payment)

    def item_kinds(self, item: Item) -> tuple[str, ...]:
        error = shaped(item.key, DrgValidationKey).error
        return (error.error,) if error else ()

    def topic_title(self, topic: str) -> str | None:
        return DRG_TOPICS.title(topic)

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, DrgValidationView)
        key = shaped(item.key, DrgValidationKey)
        claim = view.claim
        yield (
            f"{view.patient_name}, {view.sex}, {view.age}; admitted {view.admitted}, "
            f"discharged {view.discharged} ({days(view.length_of_stay)}); stay {key.case_id}"
        )
        yield f"documents: {', '.join(d.heading for d in view.documents)}"
        secondary = ", ".join(f"{d.code} ({d.poa or 'exempt'})" for d in claim.secondary)
        yield f"billed: PDX {claim.principal.code}; SDX {secondary or 'none'}"
        yield (
            f"        procedures {', '.join(p.code for p in claim.procedures) or 'none'}; "
            f"discharge status {status_words(claim.disposition)}; {drg_words(key.billed)}"
        )
        if key.error is None:
            yield "key: no coding error"
        else:
            fix = f" -> {key.error.corrected}" if key.error.corrected else ""
            yield f"key: {key.error.error} {key.error.code}{fix}"
            yield f"     {key.error.why}"
        yield f"key: {drg_words(key.correct)}; payment {key.payment}"

    def validate(self, block: DrgValidationBlock, context: CheckContext) -> Iterator[Problem]:
        if (reason := grouper_unavailable()) is not None:
            # Every claim's DRG comes from the grouper: without it no form can be made.
            yield (
                (),
                f"DRG validation cannot be played on this computer: {reason}",
                "error",
            )
            return
        yield from block_problems(block)


def _claim(key: StayKey, grouping: Grouping) -> BilledClaim:
    row = table5().get(grouping.drg)
    return BilledClaim(
        principal=ClaimCode(code=dotted(key.principal), title=title_of(key.principal)),
        secondary=[
            ClaimCode(
                code=dotted(d.code),
                title=title_of(d.code),
                poa=None if d.poa == "exempt" else d.poa,
            )
            for d in key.secondary
        ],
        procedures=[ClaimCode(code=p, title=title_of(p)) for p in key.procedures],
        disposition=key.disposition,
        drg=grouping.drg,
        drg_title=grouping.title,
        weight=grouping.weight,
        gmlos=grouping.gmlos,
        post_acute_transfer=bool(row and row.post_acute_transfer),
    )


def _claim_number(context: BuildContext, index: int) -> str:
    """One batch of claims: numbered in a run from a start the seed gives, in block order."""
    start = derive_seed("drg-claims", context.seed, context.task_number) % (10**10 - MAX_ITEMS)
    return f"IP{start + index:010d}"


def _level(grouping: Grouping, code: str) -> Literal["MCC", "CC"] | None:
    """What a secondary diagnosis of the claim is on the CC/MCC list (None: not a secondary,
    or neither)."""
    for diagnosis in grouping.secondary:
        if diagnosis.code == dotted(code) and diagnosis.level in ("MCC", "CC"):
            return "MCC" if diagnosis.level == "MCC" else "CC"
    return None


def _result(grouping: Grouping) -> DrgResult:
    return DrgResult(
        drg=grouping.drg, title=grouping.title, weight=grouping.weight, gmlos=grouping.gmlos
    )


TASK: TaskKind[DrgValidationBlock, DrgValidationAnswer] = DrgValidationTask()

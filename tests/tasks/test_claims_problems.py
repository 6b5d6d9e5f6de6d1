"""Each claim problem: planted alone, found by a reviewer reading only the claim and its records."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from recsim.coding.edits import check_codes
from recsim.core.clock import age_on
from recsim.core.generate.library import library
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.claims.block import CLAIM_PROBLEMS as _CLAIM_PROBLEMS
from recsim.tasks.claims.content import MDM_LEVELS, claims_content
from recsim.tasks.claims.models import ClaimKey, ClaimView

CLAIM_PROBLEMS = _CLAIM_PROBLEMS.names

SEEDS = range(6)


def claims(problem: str, seed: int, count: int = 6, clean_share: float = 0.0):  # type: ignore[no-untyped-def]
    problems = "all" if problem == "clean" else f"[{problem}]"
    share = 1.0 if problem == "clean" else clean_share
    text = (
        "recsim: 1\nid: claims-gen\ntitle: Claims generation\nsetting: insurer\n"
        f"seed: {seed}\npopulation: {{patients: 40}}\n"
        f"tasks:\n  - claims: {{claims: {count}, problems: {problems}, clean_share: {share}}}\n"
    )
    for item in make_variant(parse_scenario(text, "c.yaml", base=Path("c.yaml"))).form.items():
        yield item.view, item.key


# ---------------------------------------------------------------- an independent reviewer


def _text(view: ClaimView) -> str:
    return "\n".join(a.text for a in view.attachments).lower()


def _documented_days(view: ClaimView) -> set[date]:
    days = sorted(a.date for a in view.attachments)
    return {days[0] + timedelta(days=n) for n in range((days[-1] - days[0]).days + 1)}


def _words_for(code: str) -> list[str]:
    words = [c.name for c in library().conditions if code in c.codes.values()]
    words += [
        p.format(side=side).split(",")[0].split(";")[0].strip().lower()
        for c in library().conditions
        if code in c.codes.values()
        for p in (phrase.text for phrase in c.phrases)
        for side in ("right", "left")
    ]
    if not words:  # a combination code (I11.0) no condition names: the records name it
        words.append(library().descriptions.get(code, code).lower())
    if code.startswith("Z00"):
        words.append("well visit")
    if code.startswith("W19"):
        words.append("fall")
    return [w for w in words if w]


def records_missing(view: ClaimView) -> bool:
    return any(not a.received for a in view.attachments)


def member_not_covered(view: ClaimView) -> bool:
    cover = view.eligibility
    return any(
        line.date < cover.effective_from or (cover.effective_to and line.date > cover.effective_to)
        for line in view.claim.lines
    )


def provider_mismatch(view: ClaimView) -> bool:
    return view.claim.provider.name not in {a.author for a in view.attachments}


def date_outside_encounter(view: ClaimView) -> bool:
    return any(line.date not in _documented_days(view) for line in view.claim.lines)


def code_edit(view: ClaimView) -> bool:
    claim = view.claim
    setting = {"office": "outpatient", "emergency department": "emergency"}.get(
        claim.place, "inpatient"
    )
    age = age_on(claim.date_of_birth, claim.from_date)
    return bool(
        check_codes(
            [d.code for d in claim.diagnoses], sex=claim.sex, age=age, setting=setting
        ).edits
    )


def diagnosis_not_supported(view: ClaimView) -> bool:
    if records_missing(view):
        return False
    text = _text(view)
    return any(not any(w in text for w in _words_for(d.code)) for d in view.claim.diagnoses)


def _phrases(code: str) -> list[str]:
    content = claims_content()
    found = [t.phrase for t in content.lab_tests if t.service == code]
    found += [
        d.phrase for entries in content.services_for.values() for d in entries if d.service == code
    ]
    found += [p for c, p in content.repeatable.items() if c == code]
    return [p.lower() for p in found] + (["venipuncture"] if code == "RS-LAB-090" else [])


def service_not_documented(view: ClaimView) -> bool:
    if records_missing(view):
        return False
    text = _text(view)
    lines = [
        line
        for line in view.claim.lines
        if not line.code.startswith(("RS-VIS", "RS-EDV", "RS-HOS"))
    ]
    included = {
        p
        for line in view.claim.lines
        for r in view.reference
        if r.code == line.code
        for p in r.includes
    }
    return any(
        line.code not in included and not any(p in text for p in _phrases(line.code))
        for line in lines
    )


def upcoded(view: ClaimView) -> bool:
    """An office level above the documented time, or an ED level above the decision making."""
    text = _text(view)
    minutes = re.search(r"total time: (\d+) minutes", text)
    decision = re.search(r"medical decision making: (\w+)", text)
    services = claims_content().services
    for line in view.claim.lines:
        service = services[line.code]
        if minutes and service.minutes is not None and int(minutes.group(1)) < service.minutes[0]:
            return True
        level = MDM_LEVELS.index(service.mdm) if service.mdm else None
        if decision and level is not None and MDM_LEVELS.index(decision.group(1)) < level:
            return True
    return False


def unbundled(view: ClaimView) -> bool:
    includes = {r.code: set(r.includes) for r in view.reference}
    by_date: dict[date, set[str]] = {}
    for line in view.claim.lines:
        by_date.setdefault(line.date, set()).add(line.code)
    return any(includes[code] & codes for codes in by_date.values() for code in codes)


def units_over_limit(view: ClaimView) -> bool:
    limits = {r.code: r.limit for r in view.reference}
    return any(line.units > limits[line.code] for line in view.claim.lines)


def units_not_documented(view: ClaimView) -> bool:
    text = _text(view)
    for line in view.claim.lines:
        phrase = claims_content().repeatable.get(line.code)
        counted = re.findall(rf"{re.escape(phrase)} x (\d+)", text) if phrase else []
        if counted and line.units > int(counted[0]):
            return True
    return False


def duplicate_claim(view: ClaimView) -> bool:
    """A paid claim for the same provider, dates, services and charge (an exact duplicate)."""
    claim = view.claim
    same = (
        claim.provider.npi,
        claim.from_date,
        claim.to_date,
        [line.code for line in claim.lines],
        claim.total,
    )
    return any(
        (p.provider.npi, p.from_date, p.to_date, p.codes, p.total) == same for p in view.history
    )


REVIEWER: dict[str, Callable[[ClaimView], bool]] = {
    "duplicate_claim": duplicate_claim,
    "records_missing": records_missing,
    "member_not_covered": member_not_covered,
    "provider_mismatch": provider_mismatch,
    "date_outside_encounter": date_outside_encounter,
    "code_edit": code_edit,
    "diagnosis_not_supported": diagnosis_not_supported,
    "service_not_documented": service_not_documented,
    "upcoded": upcoded,
    "unbundled": unbundled,
    "units_over_limit": units_over_limit,
    "units_not_documented": units_not_documented,
}


def found(view: ClaimView) -> set[str]:
    return {name for name, looks in REVIEWER.items() if looks(view)}


# ---------------------------------------------------------------- tests


def test_the_reviewer_and_the_catalog_cover_every_problem_the_format_names() -> None:
    assert set(REVIEWER) == set(CLAIM_PROBLEMS) == set(claims_content().problems)


@pytest.mark.parametrize("problem", CLAIM_PROBLEMS)
def test_each_problem_is_planted_alone_and_is_all_a_reviewer_finds(problem: str) -> None:
    keys: list[ClaimKey] = []
    for seed in SEEDS:
        for view, key in claims(problem, seed):
            assert key.problem == problem
            assert found(view) == {problem}, (view.claim.number, found(view))
            keys.append(key)
    assert len(keys) == len(SEEDS) * 6
    info = claims_content().problems[problem]
    for key in keys:
        assert (key.decision, key.reason, key.category) == (
            info.decision,
            info.reason,
            info.category,
        )
        assert "{" not in key.explanation and key.rule


def test_clean_claims_give_a_reviewer_nothing_to_find() -> None:
    for seed in SEEDS:
        for view, key in claims("clean", seed):
            assert key.problem == "clean" and key.decision == "approve"
            assert found(view) == set(), (view.claim.number, found(view))


def test_code_edits_come_from_the_coding_engine_and_say_so() -> None:
    edits = set()
    for seed in range(12):
        for _view, key in claims("code_edit", seed):
            (edit,) = key.edits
            edits.add(edit)
            assert "Guidelines" in key.rule or "Medicare Code Editor" in key.rule
    # a diagnosis listed twice is a front-end rejection, never a claim for review
    assert "age_conflict" in edits and "duplicate_code" not in edits


def test_claims_are_recent_and_arrive_after_their_services() -> None:
    for seed in SEEDS:
        for view, _key in claims("clean", seed, clean_share=0.5):
            claim = view.claim
            assert claim.to_date <= claim.received < view.as_of
            assert view.as_of - claim.from_date <= timedelta(days=250)
            assert claim.from_date == min(line.date for line in claim.lines)


def test_every_shipped_diagnosis_code_is_valid_and_billable() -> None:
    import simple_icd_10_cm as cm  # here, not at the top: its import reads the whole code set

    content = claims_content()
    codes = {code for code, _ in content.unsupported} | set(content.services_for)
    codes |= {p.code for p in content.code_edits if p.code} | {
        p.principal for p in content.code_edits if p.principal
    }
    for code in codes:
        assert cm.is_valid_item(code) and cm.is_leaf(code), code


def test_the_service_codes_are_recsims_own_and_consistent() -> None:
    content = claims_content()
    for code, service in content.services.items():
        assert code.startswith("RS-") and service.description.endswith("(recsim training code)")
        assert service.limit >= 1 and service.fee > 0
    named = {b.column1 for b in content.bundles} | {b.column2 for b in content.bundles}
    named |= {t.service for t in content.lab_tests} | {
        p for t in content.lab_tests for p in t.parts
    }
    named |= {d.service for entries in content.services_for.values() for d in entries}
    named |= set(content.repeatable) | set(content.extra_services)
    assert named <= set(content.services)
    assert all(content.services[c].limit >= 2 for c in content.repeatable)
    assert (
        "NCCI" in content.policies["bundle"] and "Medically Unlikely" in content.policies["limit"]
    )

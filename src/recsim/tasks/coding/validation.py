"""Checks of a scenario's coding block that its format alone cannot express."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from recsim.coding import codeset, normalize
from recsim.coding.code_shapes import is_procedure
from recsim.coding.edits import Edit, check_codes
from recsim.coding.procedures import ProcedureCodeSet, load_procedure_codes
from recsim.core.scenario.errors import InvalidFile
from recsim.tasks.coding.block import AuthoredCase, CodingBlock
from recsim.tasks.coding.key_checks import USE_ADDITIONAL_RULE, missing_additional
from recsim.tasks.coding.library import cases_for, library_tags
from recsim.tasks.coding.pcs_validation import pcs_problems
from recsim.tasks.coding.scoring import VALIDITY_EDITS

Report = tuple[tuple[str | int, ...], str, str]
"""(path within the block, message, "error" | "warning")."""


def check_block(
    block: CodingBlock, folder: Path, setting: str | None, as_of: date | None = None
) -> Iterator[Report]:
    """Unknown tags, the library's supply, the procedure code file and authored codes.

    ``as_of`` (the scenario's today) dates the ICD-10-PCS validity check of an authored
    inpatient case that keys PCS codes without a procedure code file.
    """
    known = library_tags()
    for number, tag in enumerate(block.tags):
        if tag not in known:
            close = difflib.get_close_matches(tag, sorted(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield (
                ("tags", number),
                f"no library case has the tag '{tag}'{hint}; the tags are: "
                + ", ".join(sorted(known)),
                "error",
            )
    if setting is not None:
        yield from _supply(block, setting, [t for t in block.tags if t in known])
    procedures = None
    if block.procedure_codes is not None:
        try:
            procedures = load_procedure_codes(folder / block.procedure_codes)
        except InvalidFile as error:
            more = len(error.problems) - 1
            extra = f" (and {more} more problem{'s' if more != 1 else ''})" if more > 0 else ""
            yield (
                ("procedure_codes",),
                f"the procedure code file cannot be used: {error.problems[0]}{extra}",
                "error",
            )
    yield from _repeated_ids(block)
    for number, case in enumerate(block.items):
        for inner, message, severity in [
            *_authored(case),
            *_procedures(case, block, procedures, as_of),
        ]:
            yield ("items", number, *inner), message, severity


def _repeated_ids(block: CodingBlock) -> Iterator[Report]:
    """Two written cases with one id: feedback, reports and the key would confuse them."""
    first: dict[str, int] = {}
    for number, case in enumerate(block.items):
        if case.id is None:
            continue
        if case.id in first:
            yield (
                ("items", number, "id"),
                f"two cases share the id '{case.id}' (the other is case "
                f"{first[case.id] + 1} of this block); give each its own",
                "error",
            )
        else:
            first[case.id] = number


def _supply(block: CodingBlock, setting: str, tags: list[str]) -> Iterator[Report]:
    if block.cases == 0:
        if block.tags:
            yield (
                ("tags",),
                "tags choose library cases, but 'cases' is 0, so no library case is drawn",
                "warning",
            )
        return
    pool = cases_for(setting, tags)
    if block.cases <= len(pool):
        return
    which = f"{setting} case" + ("s" if len(pool) != 1 else "")
    if tags:
        which += " tagged " + " or ".join(tags)
    if not pool:
        yield (
            ("cases",),
            f"the library has no {which}; choose other tags or set cases to 0",
            "error",
        )
        return
    yield (
        ("cases",),
        f"asks for {block.cases} library cases, but the library has only {len(pool)} {which}; "
        f"a trainee never gets the same case twice, so ask for {len(pool)} or fewer"
        + (" or add tags" if tags else ""),
        "error",
    )


def _authored(case: AuthoredCase) -> Iterator[Report]:
    """The key's codes: valid, consistent, and in agreement with the coding engine."""
    expect = case.expect
    normal = [normalize(c) for c in expect.diagnoses]
    optional = [normalize(c) for c in expect.optional]
    also = {normalize(k): [normalize(c) for c in v] for k, v in expect.also_accepted.items()}
    reports = [
        *_codes_valid(normal, ("expect", "diagnoses")),
        *_codes_valid(optional, ("expect", "optional")),
        *_key_links(normal, also, [normalize(c) for c in expect.first_listed]),
    ]
    for code, others in also.items():
        reports.extend(_codes_valid(others, ("expect", "also_accepted", code)))
    yield from reports
    if not any(severity == "error" for _, _, severity in reports):
        yield from _engine_warnings(case, normal, optional, also)


def _procedures(
    case: AuthoredCase,
    block: CodingBlock,
    procedures: ProcedureCodeSet | None,
    as_of: date | None,
) -> Iterator[Report]:
    if not case.expect.procedures:
        return
    if block.procedure_codes is None and _icd10_pcs(case):
        yield from pcs_problems(case.expect.procedures, as_of)
        return
    if block.procedure_codes is None:
        message = (
            "lists procedure codes that are not the ICD-10-PCS codes of an inpatient stay, and "
            "this task names no procedure_codes file to check them against (recsim ships no "
            "CPT codes; add a CSV file of code,description)"
        )
        yield ("expect", "procedures"), message, "error"
        return
    if procedures is None:
        return  # the unreadable file is reported once, at procedure_codes
    for number, code in enumerate(case.expect.procedures):
        if code not in procedures:
            yield (
                ("expect", "procedures", number),
                f"{code.strip()} is not in the procedure code set {block.procedure_codes}",
                "error",
            )


def _icd10_pcs(case: AuthoredCase) -> bool:
    """An inpatient case whose every procedure is shaped like an ICD-10-PCS code."""
    return case.encounter == "inpatient" and all(
        is_procedure("".join(c.split()).upper()) for c in case.expect.procedures
    )


def _codes_valid(listed: list[str], where: tuple[str | int, ...]) -> Iterator[Report]:
    """An error for each code that is not a billable FY2026 code, with the claim edit's reason."""
    codes = codeset()
    for number, code in enumerate(listed):
        info = codes.get(code)
        if info is not None and info.billable:
            continue
        problem = next((e for e in check_codes([code]).edits if e.edit in VALIDITY_EDITS), None)
        message = (
            problem.message
            if problem is not None
            else f"{code} is not a billable ICD-10-CM FY2026 code"
        )
        yield (*where, number), message, "error"


def _key_links(
    diagnoses: list[str], also: dict[str, list[str]], first_listed: list[str]
) -> Iterator[Report]:
    """also_accepted and first_listed must name codes of the key's diagnoses."""
    for code in also:
        if code not in diagnoses:
            yield (
                ("expect", "also_accepted", code),
                f"{code} is not one of the expected diagnoses; also_accepted maps an expected "
                "code to the codes accepted in its place",
                "error",
            )
    for number, code in enumerate(first_listed):
        if code not in diagnoses:
            yield (
                ("expect", "first_listed", number),
                f"{code} is not one of the expected diagnoses; first_listed names expected codes "
                "that may also be listed first",
                "error",
            )


def _engine_warnings(
    case: AuthoredCase, diagnoses: list[str], optional: list[str], also: dict[str, list[str]]
) -> Iterator[Report]:
    """The coding engine over the key: claim edits, and "use additional code" notes left out."""

    def check(listed: list[str]) -> list[Edit]:
        return check_codes(
            listed, sex=case.patient.sex, age=case.patient.age, setting=case.encounter
        ).edits

    own = check(diagnoses)
    for edit in own:
        message = (
            f"the expected codes trigger the claim edit {edit.edit}: {edit.message} "
            "A trainee who codes exactly this is not charged for it, but check the key."
        )
        yield ("expect", "diagnoses"), message, "warning"
    seen = {(e.edit, tuple(e.codes)) for e in own}
    for edit in check([*diagnoses, *optional]):
        extra = next((c for c in edit.codes if c in optional), None)
        if extra is not None and (edit.edit, tuple(edit.codes)) not in seen:
            yield (
                ("expect", "optional", optional.index(extra)),
                f"{extra} with the expected codes triggers the claim edit {edit.edit}: "
                f"{edit.message} A trainee who adds it is charged; remove it from optional.",
                "warning",
            )
    accepted = [*diagnoses, *optional, *(c for codes in also.values() for c in codes)]
    for missing in missing_additional(diagnoses, accepted, codeset()):
        wanted = ", ".join(w.rstrip("-") for w in missing.wanted)
        yield (
            ("expect", "diagnoses", diagnoses.index(missing.code)),
            f'{missing.code} has a "use additional code" note ({missing.note.rstrip(".")}) '
            f"naming {wanted}, and the key has none of these codes: add the code the note "
            f"documents, or list it under optional if it may be left out ({USE_ADDITIONAL_RULE})",
            "warning",
        )

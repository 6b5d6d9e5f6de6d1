"""Each stay's documents fit inside its shortest stay: no "day 4" in a stay of two days.

Hospital day 1 is the admission day, so a stay of N days (nights) ends on hospital
day N + 1. A procedure may fall on hospital day 2 (recsim.tasks.stays.render), so the
day after surgery (post-operative day 1, "the next morning") may be hospital day 3.
"""

from __future__ import annotations

import math
import re

import pytest

from recsim.tasks.stays import StayCase, all_cases

CARDINALS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]
NUMBERS = {word: n for words in (CARDINALS, ORDINALS) for n, word in enumerate(words, 1)}
NUMBER = r"(\d+|" + "|".join(NUMBERS) + ")"
DAY_N = re.compile(rf"\bday {NUMBER}\b(?P<after> after surgery)?", re.IGNORECASE)
NTH_DAY = re.compile(rf"\bthe {NUMBER} day\b", re.IGNORECASE)
AFTER_SURGERY = re.compile(
    r"\b(the next morning|the day after surgery|morning after delivery)\b", re.IGNORECASE
)
HOURS = re.compile(r"\b(\d+) hours\b")
SURGERY_DAY = 2
"""The latest hospital day a stay's procedure falls on."""


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBERS[text.lower()]


def hospital_days(case: StayCase) -> list[tuple[int, str]]:
    """The hospital days a case's documents speak of, each with the words that say it."""
    surgical = any(d.kind == "operative_report" for d in case.documents)
    days: list[tuple[int, str]] = []
    for document in case.documents:
        text = " ".join(document.text.split())
        for match in DAY_N.finditer(text):
            number = _number(match.group(1))
            # "day one" in an operated stay's course is counted from the operation
            after = match.group("after") or (surgical and "surgery on" in text)
            days.append((number + SURGERY_DAY if after else number, match.group(0)))
        for match in NTH_DAY.finditer(text):
            days.append((_number(match.group(1)), match.group(0)))
        for match in AFTER_SURGERY.finditer(text):
            days.append((SURGERY_DAY + 1, match.group(0)))
        for match in HOURS.finditer(text):
            days.append((math.ceil(int(match.group(1)) / 24), match.group(0)))
    return days


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.id)
def test_the_documents_fit_in_the_shortest_stay(case: StayCase) -> None:
    last_day = case.stay[0] + 1
    late = [words for day, words in hospital_days(case) if day > last_day]
    assert not late, (
        f"{case.id}: {late} fall after hospital day {last_day}, the discharge day of its "
        f"shortest stay ({case.stay[0]} days)"
    )


def test_the_day_after_surgery_is_counted_from_the_operation() -> None:
    hip = next(c for c in all_cases() if c.id == "ip-core-hip-arthroplasty")
    assert (SURGERY_DAY + 1, "day one") in hospital_days(hip)

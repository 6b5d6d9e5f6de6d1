"""Precision and recall per identifier type, and the credit each way of marking earns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from recsim.core.scoring import points
from recsim.privacy.deid import identifier
from recsim.privacy.deid_documents import RARE_TYPES, generate_document
from recsim.privacy.deid_scoring import (
    DOCUMENT_POINTS,
    OVER_REMOVAL_COST,
    WRONG_TYPE_COST,
    point_scale,
    score_marks,
)

TEXT = "Patient Ann Lee, aged 93, ZIP 60614, admitted 03/14/2026 with fever and cough."


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    type: str
    action: str = "remove"


def at(text: str, kind: str, action: str = "remove") -> Mark:
    start = TEXT.index(text)
    return Mark(start, start + len(text), kind, action)


NAME = at("Ann Lee", "name")
KEY = [
    NAME,
    at("93", "age_over_89", "generalize"),
    at("60614", "geographic", "generalize"),
    at("03/14/2026", "date", "generalize"),
]


def test_the_key_scores_full_recall_and_precision_for_every_type() -> None:
    scores = score_marks(TEXT, KEY, KEY)
    for kind in ("name", "age_over_89", "geographic", "date"):
        assert scores[kind].recall == 1.0 and scores[kind].precision == 1.0
        assert scores[kind].credit == 1.0 and not scores[kind].over_redacted


def test_no_marks_means_zero_recall() -> None:
    scores = score_marks(TEXT, KEY, [])
    assert all(scores[k.type].recall == 0.0 for k in KEY)
    assert all(s.outcome == "missed" for k in KEY for s in scores[k.type].spans)


def test_recall_counts_each_identifier_of_a_type() -> None:
    text = "Ann Lee and Bo Lee"
    key = [Mark(0, 7, "name"), Mark(12, 18, "name")]
    scores = score_marks(text, key, [Mark(0, 7, "name")])
    assert scores["name"].recall == 0.5


def test_marking_a_little_extra_whitespace_or_punctuation_costs_nothing() -> None:
    marks = [
        Mark(NAME.start - 1, NAME.end + 1, "name"),
        *KEY[1:],
    ]  # " Ann Lee," instead of "Ann Lee"
    scores = score_marks(TEXT, KEY, marks)
    assert scores["name"].credit == 1.0 and scores["name"].precision == 1.0
    assert not scores["name"].over_redacted


def test_an_identifier_split_over_two_marks_is_still_found() -> None:
    scores = score_marks(TEXT, KEY, [at("Ann", "name"), at("Lee", "name"), *KEY[1:]])
    assert scores["name"].credit == 1.0


def test_a_partly_marked_identifier_still_discloses_and_earns_nothing() -> None:
    scores = score_marks(TEXT, KEY, [at("Lee", "name")])
    (result,) = scores["name"].spans
    assert result.outcome == "partly_covered" and result.credit == 0.0


def test_generalizing_what_must_be_removed_earns_nothing() -> None:
    scores = score_marks(TEXT, KEY, [at("Ann Lee", "name", "generalize")])
    (result,) = scores["name"].spans
    assert result.outcome == "generalized_not_removed" and result.credit == 0.0


def test_removing_what_may_be_generalized_is_safe_but_loses_a_little() -> None:
    scores = score_marks(TEXT, KEY, [at("03/14/2026", "date")])
    (result,) = scores["date"].spans
    assert result.outcome == "found" and result.credit == pytest.approx(1 - OVER_REMOVAL_COST)
    assert "generalize" not in result.notes[0] and "removed" in result.notes[0]


def test_the_wrong_type_loses_a_little_but_the_same_paragraph_does_not() -> None:
    wrong = score_marks(TEXT, KEY, [at("Ann Lee", "phone")])["name"].spans[0]
    assert wrong.credit == pytest.approx(1 - WRONG_TYPE_COST) and "telephone" in wrong.notes[0]
    same_letter = score_marks(TEXT, KEY, [at("93", "date", "generalize")])["age_over_89"].spans[0]
    assert same_letter.credit == 1.0


def test_over_redaction_lowers_precision_and_names_the_words() -> None:
    marks = [*KEY, at("fever", "name"), at("cough", "name")]
    scores = score_marks(TEXT, KEY, marks)
    assert scores["name"].over_redacted == ["fever", "cough"]
    assert scores["name"].precision == pytest.approx(6 / 16)  # "AnnLee" of "AnnLeefevercough"
    assert scores["name"].recall == 1.0


def test_marking_everything_finds_everything_with_dismal_precision() -> None:
    scores = score_marks(TEXT, KEY, [Mark(0, len(TEXT), "name")])
    assert all(s.credit > 0 for k in KEY for s in scores[k.type].spans)
    assert scores["name"].precision < 0.5
    assert "fever" in scores["name"].over_redacted and "Patient" in scores["name"].over_redacted


def test_a_mark_past_the_end_of_the_text_is_harmless() -> None:
    scores = score_marks(TEXT, KEY, [*KEY, Mark(len(TEXT) - 1, len(TEXT) + 50, "name")])
    assert scores["name"].credit == 1.0


def test_a_document_is_worth_the_same_however_many_identifiers_it_holds() -> None:
    for seed in range(5):
        document = generate_document(
            seed, as_of=date(2026, 3, 2), rare=RARE_TYPES[: seed + 1], elderly=seed % 2 == 0
        )
        scale = point_scale(document.spans)
        total = sum(scale * points(identifier(s.type).severity) for s in document.spans)
        assert total == pytest.approx(DOCUMENT_POINTS)

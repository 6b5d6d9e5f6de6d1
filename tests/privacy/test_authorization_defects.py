"""Authorization checks (45 CFR 164.508(b)-(c)), one defect at a time, dates relative to as_of."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from recsim.core.scenario.release import ReleaseRequest
from recsim.privacy.authorization import DEFECT_KINDS, authorization_defects, read_date, read_expiry
from recsim.privacy.release import derive

AS_OF = date(2026, 3, 2)
VALID: dict[str, Any] = {
    "signed_by": "patient",
    "signed_on": "-10d",
    "expires": "+80d",
    "recipient": "named",
    "describes": ["discharge_summary", "lab_results"],
    "purpose_stated": True,
    "purpose": "litigation",
}


def attorney_request(patient: dict[str, Any] | None = None, **changes: Any) -> ReleaseRequest:
    """An attorney's request under the valid authorization above, with ``changes`` to the form."""
    return ReleaseRequest.model_validate(
        {
            "requester": {"role": "attorney", "verified": True},
            "channel": "mail",
            "purpose": "litigation",
            "requested": ["discharge_summary", "lab_results"],
            "documents": {"authorization": {**VALID, **changes}},
            "patient": patient or {"age": 45},
        }
    )


# defect -> (the one change that causes it, the citation it must carry)
ONE_DEFECT: dict[str, tuple[dict[str, Any], str]] = {
    "unsigned": ({"signed_by": "none"}, "164.508(c)(1)(vi)"),
    "undated": ({"signed_on": None}, "164.508(c)(1)(vi)"),
    "misdated": ({"signed_on": "+3d"}, "164.508(b)(2)(v)"),
    "no_expiration": ({"expires": None}, "164.508(c)(1)(v)"),
    "expired": ({"expires": "-1d"}, "164.508(b)(2)(i)"),
    "no_recipient": ({"recipient": "missing"}, "164.508(c)(1)(iii)"),
    "no_description": ({"describes": []}, "164.508(c)(1)(i)"),
    "no_purpose": ({"purpose_stated": False}, "164.508(c)(1)(iv)"),
    "wrong_purpose": ({"purpose": "marketing"}, "164.508(c)(1)(iv)"),
    "revoked": ({"revoked": True}, "164.508(b)(2)(iii)"),
    # 164.508(c)(1)(ii): who may disclose; (c)(1)(vi): a representative's authority;
    # (c)(2): the three required statements (a form without one is incomplete, (b)(2)(ii))
    "no_discloser": ({"discloser": "missing"}, "164.508(c)(1)(ii)"),
    "no_authority": (
        {"signed_by": "personal_representative", "authority_described": False},
        "164.508(c)(1)(vi)",
    ),
    "no_revocation_statement": (
        {"statements": ["conditioning", "redisclosure"]},
        "164.508(c)(2)(i)",
    ),
    "no_conditioning_statement": (
        {"statements": ["revocation", "redisclosure"]},
        "164.508(c)(2)(ii)",
    ),
    "no_redisclosure_statement": (
        {"statements": ["revocation", "conditioning"]},
        "164.508(c)(2)(iii)",
    ),
    "compound_psychotherapy": (
        {"describes": ["psychotherapy_notes", "discharge_summary"]},
        "164.508(b)(3)(ii)",
    ),
}


def test_the_valid_form_has_no_defect_and_releases_what_it_describes() -> None:
    assert authorization_defects(attorney_request(), AS_OF) == []
    handling = derive(attorney_request(), AS_OF)
    assert (handling.decision, handling.release) == (
        "release",
        ["discharge_summary", "lab_results"],
    )
    assert not handling.log_disclosure and "164.528(a)(1)(iv)" in handling.explanation


def test_every_defect_kind_is_tested_one_by_one() -> None:
    assert set(ONE_DEFECT) | {"signed_by_minor"} == set(DEFECT_KINDS)


@pytest.mark.parametrize("kind", sorted(ONE_DEFECT))
def test_each_defect_alone_makes_the_authorization_refused_with_its_rule(kind: str) -> None:
    change, cite = ONE_DEFECT[kind]
    request = attorney_request(**change)
    assert [d.kind for d in authorization_defects(request, AS_OF)] == [kind]
    handling = derive(request, AS_OF)
    assert handling.decision == "deny"
    assert handling.release == []
    assert cite in handling.cite
    assert handling.topic == f"authorization_{kind}"
    assert handling.acceptable == ["refer_privacy_officer"]
    assert "defective" in handling.explanation


def test_a_minor_cannot_sign_unless_they_consented_to_the_care_alone() -> None:
    minor = attorney_request(patient={"age": 15})
    assert [d.kind for d in authorization_defects(minor, AS_OF)] == ["signed_by_minor"]
    assert "164.502(g)(3)" in derive(minor, AS_OF).cite
    alone = attorney_request(patient={"age": 15, "minor_consented_alone": True})
    assert authorization_defects(alone, AS_OF) == []


def test_several_defects_are_all_named() -> None:
    request = attorney_request(signed_by="none", expires="-30d", recipient="missing")
    assert [d.kind for d in authorization_defects(request, AS_OF)] == [
        "unsigned",
        "expired",
        "no_recipient",
    ]
    explanation = derive(request, AS_OF).explanation
    assert (
        "not signed" in explanation
        and "expired on 2026-01-31" in explanation
        and "receive" in explanation
    )


def test_relative_dates_resolve_against_the_simulated_today() -> None:
    assert read_date("-10d", AS_OF) == date(2026, 2, 20)
    assert read_expiry("+2w", AS_OF) == date(2026, 3, 16)
    assert read_date("2026-01-05", AS_OF) == date(2026, 1, 5)
    assert read_date(date(2026, 1, 5), AS_OF) == date(2026, 1, 5)


def test_the_same_expiry_date_is_valid_before_it_and_expired_after_it() -> None:
    request = attorney_request(signed_on=date(2025, 12, 1), expires=date(2026, 4, 1))
    assert authorization_defects(request, date(2026, 3, 2)) == []
    assert authorization_defects(request, date(2026, 4, 1)) == []  # good through its last day
    assert [d.kind for d in authorization_defects(request, date(2026, 4, 2))] == ["expired"]


def test_an_expiration_event_written_as_text_counts_as_present() -> None:
    request = attorney_request(expires="end of the litigation")
    assert authorization_defects(request, AS_OF) == []
    assert read_expiry("  settlement   of the claim ", AS_OF) == "settlement of the claim"
    assert [d.kind for d in authorization_defects(attorney_request(expires="   "), AS_OF)] == [
        "no_expiration"
    ]


def test_unreadable_dates_are_treated_as_missing_by_the_engine() -> None:
    with pytest.raises(ValueError):
        read_date("yesterday", AS_OF)
    with pytest.raises(ValueError):
        read_expiry("+10x", AS_OF)
    assert [
        d.kind for d in authorization_defects(attorney_request(signed_on="yesterday"), AS_OF)
    ] == ["undated"]
    assert [d.kind for d in authorization_defects(attorney_request(expires="+10x"), AS_OF)] == [
        "no_expiration"
    ]


def test_a_narrower_authorization_releases_part_and_says_why() -> None:
    handling = derive(attorney_request(describes=["discharge_summary"]), AS_OF)
    assert (handling.decision, handling.release) == ("release_partial", ["discharge_summary"])
    assert (
        handling.withheld[0].record == "lab_results"
        and "164.508(a)(1)" in handling.withheld[0].cite
    )


def test_a_full_record_authorization_covers_the_general_chart() -> None:
    handling = derive(attorney_request(describes=["full_record"]), AS_OF)
    assert handling.decision == "release"


def test_an_authorization_without_a_stated_purpose_on_the_request_is_not_a_wrong_purpose() -> None:
    request = ReleaseRequest.model_validate(
        {
            "requester": {"role": "insurer", "verified": True},
            "purpose": "none",
            "requested": ["lab_results"],
            "documents": {
                "authorization": {**VALID, "purpose": "payment", "describes": ["lab_results"]}
            },
        }
    )
    assert authorization_defects(request, AS_OF) == []


def test_a_representative_who_describes_their_authority_signs_a_valid_form() -> None:
    request = attorney_request(signed_by="personal_representative", authority_described=True)
    assert authorization_defects(request, AS_OF) == []


def test_a_form_without_the_required_statements_names_each_one_missing() -> None:
    request = attorney_request(statements=[])
    kinds = [d.kind for d in authorization_defects(request, AS_OF)]
    assert kinds == [
        "no_revocation_statement",
        "no_conditioning_statement",
        "no_redisclosure_statement",
    ]
    assert "164.508(b)(2)(ii)" in derive(request, AS_OF).cite

"""The release rule engine: each archetype's decision, citation, accounting; the special rules."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from recsim.core.scenario.release import ReleaseRequest
from recsim.privacy.citations import join_cites
from recsim.privacy.handling import Handling
from recsim.privacy.record_types import GENERAL_RECORDS, compress, expand
from recsim.privacy.release import derive
from recsim.tasks.release.archetypes import archetype_names, archetype_patient, draft
from recsim.tasks.release.block import ARCHETYPES as _ARCHETYPES

ARCHETYPES = _ARCHETYPES.names

AS_OF = date(2026, 3, 2)

# archetype -> (decisions it may derive, a citation that must appear, accounting entry or None
# when it follows the decision: logged exactly when records go out)
ARCHETYPE_RULES: dict[str, tuple[set[str], str, bool | None]] = {
    "patient_in_person": ({"release"}, "45 CFR 164.524(a)(1)", False),
    "patient_phone_unverified": ({"verify_identity"}, "45 CFR 164.514(h)(1)", False),
    "personal_representative": ({"release"}, "164.502(g)(2)", False),
    "parent_of_minor": ({"release"}, "164.502(g)(3)", False),
    "parent_minor_consented_alone": ({"refer_privacy_officer"}, "164.502(g)(3)(ii)(C)", False),
    "spouse_without_authority": ({"deny"}, "164.510(b)", False),
    "family_involved_in_care": ({"release"}, "164.510(b)(1)(i)", False),
    "provider_treatment": ({"release"}, "164.506(c)(2)", False),
    "insurer_payment": ({"release"}, "164.506(c)(1)", False),
    "attorney_valid_authorization": ({"release"}, "164.508(a)(1)", False),
    "attorney_expired_authorization": ({"deny"}, "164.508(b)(2)(i)", False),
    "attorney_unsigned_authorization": ({"deny"}, "164.508(c)(1)(vi)", False),
    "attorney_authorization_no_recipient": ({"deny"}, "164.508(c)(1)(iii)", False),
    "attorney_authorization_no_description": ({"deny"}, "164.508(c)(1)(i)", False),
    "attorney_revoked_authorization": ({"deny"}, "164.508(b)(2)(iii)", False),
    "attorney_authorization_wrong_purpose": ({"deny"}, "164.508(c)(1)(iv)", False),
    "subpoena_with_assurance": ({"release"}, "164.512(e)(1)(ii)", True),
    "subpoena_without_assurance": ({"deny"}, "164.512(e)(1)(ii)", False),
    "court_order_narrower": ({"release_partial"}, "164.512(e)(1)(i)", True),
    "warrant": ({"release", "release_partial"}, "164.512(f)(1)(ii)(A)", True),
    "police_without_process": ({"deny"}, "164.512(f)(1)(ii)", False),
    "public_health_report": ({"release"}, "164.512(b)(1)(i)", True),
    "medical_examiner": ({"release"}, "164.512(g)(1)", True),
    "researcher_without_waiver": ({"deny"}, "164.512(i)(1)", False),
    "employer_request": ({"deny"}, "164.508(a)(1)", False),
    "media_request": ({"deny"}, "164.508(a)(1)", False),
    "coworker_curiosity": ({"deny"}, "164.530(c)", False),
    "patient_direction_third_party": ({"release"}, "164.524(c)(3)(ii)", False),
    "patient_direction_paper": ({"deny"}, "164.508(a)(1)", False),
    "family_of_deceased": ({"release", "release_partial"}, "164.510(b)(5)", False),
    "substance_use_records_subpoena": ({"deny", "release_partial"}, "42 CFR 2.61", None),
    "psychotherapy_notes_provider": ({"deny", "release_partial"}, "164.508(a)(2)", False),
    "executor_of_deceased": ({"release"}, "164.502(g)(4)", False),
}


def request(**fields: Any) -> ReleaseRequest:
    """A request with sensible defaults for what a test does not care about."""
    data: dict[str, Any] = {
        "requester": {"role": "patient", "verified": True},
        "requested": ["lab_results"],
    }
    data.update(fields)
    return ReleaseRequest.model_validate(data)


def handle(**fields: Any) -> Handling:
    return derive(request(**fields), AS_OF)


def test_every_archetype_in_the_format_is_implemented_and_pinned() -> None:
    assert set(archetype_names()) == set(ARCHETYPES) == set(ARCHETYPE_RULES)
    assert len(ARCHETYPES) >= 24


@pytest.mark.parametrize("name", sorted(ARCHETYPE_RULES))
def test_archetype_derives_its_decision_citation_and_accounting_flag(name: str) -> None:
    decisions, cite, logged = ARCHETYPE_RULES[name]
    seen = set()
    for seed in range(40):
        rng = random.Random(seed)
        (low, high), _ = archetype_patient(name)
        handling = derive(draft(name, rng, age=rng.randint(low, high)).request, AS_OF)
        seen.add(handling.decision)
        assert handling.decision in decisions, (seed, handling)
        assert cite in handling.cite, (seed, handling.cite)
        expected_log = handling.discloses if logged is None else logged
        assert handling.log_disclosure is expected_log, (seed, handling)
        assert handling.explanation
    assert seen == decisions, f"{name} never derived {decisions - seen} in 40 seeds"


def test_patient_access_is_not_accounted_and_minimum_necessary_does_not_apply() -> None:
    handling = handle(requested=["discharge_summary", "lab_results"])
    assert (handling.decision, handling.release) == (
        "release",
        ["discharge_summary", "lab_results"],
    )
    assert not handling.log_disclosure and not handling.minimum_necessary
    assert handling.right_of_access
    assert (
        "164.528(a)(1)(ii)" in handling.explanation and "164.502(b)(2)(ii)" in handling.explanation
    )


def test_disclosure_waits_for_identity_verification_but_a_refusal_does_not() -> None:
    provider = handle(requester={"role": "provider", "verified": False}, purpose="treatment")
    assert provider.decision == "verify_identity" and provider.release == []
    assert "164.514(h)(1)" in provider.cite and "164.506(c)(2)" in provider.cite
    spouse = handle(requester={"role": "spouse", "verified": False})
    assert spouse.decision == "deny"


def test_minimum_necessary_for_payment_and_public_health_not_treatment_or_authorizations() -> None:
    assert handle(
        requester={"role": "insurer", "verified": True}, purpose="payment"
    ).minimum_necessary
    assert handle(
        requester={"role": "public_health", "verified": True}, purpose="public_health"
    ).minimum_necessary
    assert not handle(
        requester={"role": "provider", "verified": True}, purpose="treatment"
    ).minimum_necessary


def test_insurer_asking_for_the_entire_record_is_referred() -> None:
    handling = handle(
        requester={"role": "insurer", "verified": True},
        purpose="payment",
        requested=["full_record"],
    )
    assert handling.decision == "refer_privacy_officer" and "164.514(d)(5)" in handling.cite


# Psychotherapy notes (164.508(a)(2); outside the right of access, 164.524(a)(1)(i))


def test_patient_access_holds_back_psychotherapy_notes_at_the_facilitys_discretion() -> None:
    handling = handle(requested=["progress_notes", "psychotherapy_notes"])
    assert (handling.decision, handling.release) == ("release_partial", ["progress_notes"])
    assert "164.524(a)(1)(i)" in handling.cite
    assert "psychotherapy_notes" in handling.discretionary
    assert [w.forbidden for w in handling.withheld] == [False]


def test_a_request_for_psychotherapy_notes_alone_goes_to_the_clinician() -> None:
    handling = handle(requested=["psychotherapy_notes"])
    assert handling.decision == "refer_privacy_officer" and "164.524(a)(1)(i)" in handling.cite


def test_psychotherapy_notes_need_an_authorization_even_for_treatment() -> None:
    handling = handle(
        requester={"role": "provider", "verified": True},
        purpose="treatment",
        requested=["psychotherapy_notes", "medication_list"],
    )
    assert (handling.decision, handling.release) == ("release_partial", ["medication_list"])
    assert handling.withheld[0].record == "psychotherapy_notes" and handling.withheld[0].forbidden
    assert "164.508(a)(2)" in handling.cite


def test_an_authorization_for_psychotherapy_notes_alone_releases_them() -> None:
    handling = handle(
        requester={"role": "provider", "verified": True},
        purpose="treatment",
        requested=["psychotherapy_notes"],
        documents={
            "authorization": _valid_authorization(
                describes=["psychotherapy_notes"], purpose="treatment"
            )
        },
    )
    assert (handling.decision, handling.release) == ("release", ["psychotherapy_notes"])
    assert "164.508(b)(3)(ii)" in handling.cite


def test_court_order_naming_psychotherapy_notes_releases_them_and_the_examiner_gets_them() -> None:
    ordered = handle(
        requester={"role": "court", "verified": True},
        requested=["psychotherapy_notes"],
        documents={"court_order": {"covers": ["psychotherapy_notes"]}},
    )
    assert ordered.decision == "release" and "164.508(a)(2)(ii)" in ordered.cite
    examiner = handle(
        requester={"role": "medical_examiner", "verified": True},
        requested=["psychotherapy_notes"],
        patient={"age": 60, "deceased": True},
    )
    assert examiner.decision == "release" and examiner.log_disclosure


# Substance-use treatment records from a Part 2 program (42 CFR Part 2)


@pytest.mark.parametrize("assured", [True, False])
def test_a_subpoena_alone_never_releases_part_2_records(assured: bool) -> None:
    handling = handle(
        requester={"role": "attorney", "verified": True},
        purpose="litigation",
        requested=["substance_use_treatment", "lab_results"],
        documents={"subpoena": {"issued_by": "attorney", "satisfactory_assurance": assured}},
    )
    assert "substance_use_treatment" not in handling.release
    assert "42 CFR 2.61" in handling.cite
    assert handling.decision == ("release_partial" if assured else "deny")


def test_a_court_order_naming_part_2_records_is_referred_and_a_warrant_is_not_enough() -> None:
    ordered = handle(
        requester={"role": "court", "verified": True},
        requested=["substance_use_treatment"],
        documents={"court_order": {"covers": ["substance_use_treatment"]}},
    )
    assert ordered.decision == "refer_privacy_officer" and "42 CFR 2.61; 2.64" in ordered.cite
    warrant = handle(
        requester={"role": "law_enforcement", "verified": True},
        purpose="law_enforcement",
        requested=["substance_use_treatment"],
        documents={"warrant": {"covers": ["substance_use_treatment"]}},
    )
    assert warrant.decision == "deny" and "2.65" in warrant.cite


def test_part_2_records_need_consent_for_treatment_and_de_identification_for_public_health() -> (
    None
):
    treatment = handle(
        requester={"role": "provider", "verified": True},
        purpose="treatment",
        requested=["substance_use_treatment"],
    )
    assert treatment.decision == "deny" and "42 CFR 2.31" in treatment.cite
    public_health = handle(
        requester={"role": "public_health", "verified": True},
        purpose="public_health",
        requested=["substance_use_treatment", "lab_results"],
    )
    assert public_health.release == ["lab_results"] and "42 CFR 2.54" in public_health.cite


def test_patients_get_their_own_part_2_records_and_a_consent_that_names_them_releases_them() -> (
    None
):
    own = handle(requested=["substance_use_treatment"])
    assert own.decision == "release" and "42 CFR 2.23" in own.cite
    consented = handle(
        requester={"role": "attorney", "verified": True},
        purpose="litigation",
        requested=["substance_use_treatment"],
        documents={"authorization": _valid_authorization(describes=["substance_use_treatment"])},
    )
    assert consented.decision == "release" and "2.32" in consented.cite
    general = handle(
        requester={"role": "attorney", "verified": True},
        purpose="litigation",
        requested=["substance_use_treatment"],
        documents={"authorization": _valid_authorization(describes=["full_record"])},
    )
    assert general.decision == "deny"


# Minors and parents (164.502(g)(3))


def test_parent_of_a_minor_is_the_personal_representative() -> None:
    handling = handle(
        requester={"role": "parent", "verified": True},
        patient={"age": 9},
        requested=["immunizations"],
    )
    assert (
        handling.decision == "release" and handling.right_of_access and not handling.log_disclosure
    )


def test_parent_is_not_the_representative_for_care_the_minor_consented_to_alone() -> None:
    handling = handle(
        requester={"role": "parent", "verified": True},
        patient={"age": 16, "minor_consented_alone": True},
    )
    assert handling.decision == "refer_privacy_officer" and handling.acceptable == ["deny"]


def test_minor_who_consented_alone_has_access_but_otherwise_a_minor_is_referred() -> None:
    assert handle(patient={"age": 16, "minor_consented_alone": True}).decision == "release"
    assert handle(patient={"age": 16}).decision == "refer_privacy_officer"


def test_parent_of_an_adult_is_family_not_a_representative() -> None:
    refused = handle(requester={"role": "parent", "verified": True}, patient={"age": 30})
    assert refused.decision == "deny" and refused.rule == "parent_of_adult"
    involved = handle(
        requester={"role": "parent", "verified": True},
        requested=["medication_list", "lab_results"],
        patient={"age": 30, "agreed_to_share": True},
    )
    assert (involved.decision, involved.release) == ("release_partial", ["medication_list"])
    assert "164.510(b)(1)(i)" in involved.cite and not involved.log_disclosure


def test_only_the_minor_consents_to_part_2_and_a_dead_patients_parent_is_referred() -> None:
    part2 = handle(
        requester={"role": "parent", "verified": True},
        patient={"age": 16},
        requested=["substance_use_treatment", "immunizations"],
    )
    assert part2.release == ["immunizations"] and "42 CFR 2.14" in part2.cite
    deceased = handle(
        requester={"role": "parent", "verified": True}, patient={"age": 12, "deceased": True}
    )
    assert deceased.decision == "refer_privacy_officer" and "164.502(g)(4)" in deceased.cite


# Legal process, law enforcement and the rest of 164.512


def test_court_order_releases_only_what_it_covers_from_a_full_record_request() -> None:
    handling = handle(
        requester={"role": "attorney", "verified": True},
        requested=["full_record"],
        documents={"court_order": {"covers": ["lab_results"]}},
    )
    assert (handling.decision, handling.release, handling.log_disclosure) == (
        "release_partial",
        ["lab_results"],
        True,
    )
    assert not handling.minimum_necessary


def test_grand_jury_subpoena_and_administrative_requests() -> None:
    grand_jury = handle(
        requester={"role": "law_enforcement", "verified": True},
        purpose="law_enforcement",
        documents={"subpoena": {"issued_by": "grand_jury"}},
    )
    assert grand_jury.decision == "release" and "164.512(f)(1)(ii)(B)" in grand_jury.cite
    administrative = handle(
        requester={"role": "law_enforcement", "verified": True},
        purpose="law_enforcement",
        documents={"subpoena": {"issued_by": "attorney"}},
    )
    assert (
        administrative.decision == "refer_privacy_officer"
        and "164.512(f)(1)(ii)(C)" in administrative.cite
    )


def test_medical_examiner_needs_a_deceased_patient_and_a_court_needs_its_order() -> None:
    assert (
        handle(
            requester={"role": "medical_examiner", "verified": True}, patient={"age": 50}
        ).decision
        == "refer_privacy_officer"
    )
    assert handle(requester={"role": "court", "verified": True}).decision == "refer_privacy_officer"


def test_an_authorization_adds_what_another_basis_withholds_and_rescues_a_refused_subpoena() -> (
    None
):
    added = handle(
        requester={"role": "provider", "verified": True},
        purpose="treatment",
        requested=["lab_results", "psychotherapy_notes"],
        documents={
            "authorization": _valid_authorization(
                describes=["psychotherapy_notes"], purpose="treatment"
            )
        },
    )
    assert added.decision == "release" and set(added.release) == {
        "lab_results",
        "psychotherapy_notes",
    }
    rescued = handle(
        requester={"role": "attorney", "verified": True},
        purpose="litigation",
        documents={
            "subpoena": {"satisfactory_assurance": False},
            "authorization": _valid_authorization(describes=["lab_results"]),
        },
    )
    assert (
        rescued.decision == "release"
        and rescued.rule == "authorization"
        and not rescued.log_disclosure
    )


def test_patient_direction_needs_a_signature_and_a_named_recipient() -> None:
    good = handle(requester={"role": "other", "verified": True}, documents={"direction": {}})
    assert good.decision == "release" and good.right_of_access and not good.log_disclosure
    unsigned = handle(documents={"direction": {"signed_by": "none"}})
    assert unsigned.decision == "deny" and "164.524(c)(3)(ii)" in unsigned.cite
    nobody = handle(documents={"direction": {"recipient": "missing"}})
    assert nobody.decision == "deny" and nobody.rule == "direction_no_recipient"


def test_every_non_release_decision_offers_a_safe_alternative_and_cites_a_rule() -> None:
    for role in (
        "employer",
        "media",
        "coworker",
        "researcher",
        "spouse",
        "attorney",
        "other",
        "law_enforcement",
    ):
        handling = handle(requester={"role": role, "verified": True})
        assert handling.decision == "deny", role
        assert handling.acceptable == ["refer_privacy_officer"], role
        assert "CFR" in handling.cite, role


# Helpers


def test_full_record_stands_for_the_general_chart_only() -> None:
    assert expand(["full_record"]) == frozenset(GENERAL_RECORDS)
    assert "psychotherapy_notes" not in expand(["full_record"])
    assert compress(set(GENERAL_RECORDS) | {"psychotherapy_notes"}, as_full_record=True) == [
        "full_record",
        "psychotherapy_notes",
    ]
    assert compress({"lab_results", "imaging"}, as_full_record=True) == ["lab_results", "imaging"]


def test_citations_are_joined_once_per_title() -> None:
    assert (
        join_cites(
            [
                "45 CFR 164.506(c)(2)",
                "45 CFR 164.508(a)(2)",
                "42 CFR 2.31; 2.33",
                "45 CFR 164.506(c)(2)",
            ]
        )
        == "45 CFR 164.506(c)(2); 164.508(a)(2); 42 CFR 2.31; 2.33"
    )


def _valid_authorization(**changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "signed_by": "patient",
        "signed_on": "-10d",
        "expires": "+80d",
        "recipient": "named",
        "describes": ["lab_results"],
        "purpose_stated": True,
    }
    form.update(changes)
    return form

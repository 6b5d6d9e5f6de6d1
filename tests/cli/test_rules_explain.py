"""``recsim rules explain`` and ``preview --explain``: the rule table's walk, in words."""

from __future__ import annotations

import json

import pytest

from recsim.cli import main


def test_an_archetype_shows_the_rows_that_did_not_apply_and_the_one_that_did(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules", "explain", "insurer_payment"]) == 0
    out = capsys.readouterr().out
    assert "row  1 direction_unsigned (45 CFR 164.524(c)(3)(ii)): does not apply" in out
    assert "the requester is an insurer, not a provider" in out
    assert "payment (45 CFR 164.506(c)(1)): MATCHES, because the requester is an insurer" in out
    assert "Outcome: release (45 CFR 164.506(c)(1))" in out
    assert "row 29" not in out  # the walk stops at the row that decides


@pytest.mark.parametrize(
    ("archetype", "who"),
    [
        ("warrant", "a law enforcement officer"),
        ("public_health_report", "a public health authority"),
        ("media_request", "a reporter"),
    ],
)
def test_the_requester_reads_as_a_person_or_body(
    archetype: str, who: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # "The request: a law enforcement asks" and "a media" read as broken English.
    assert main(["rules", "explain", archetype]) == 0
    out = capsys.readouterr().out
    assert f"The request: {who} asks" in out
    assert f"the requester is {who}, not the patient" in out
    assert "a law enforcement asks" not in out and "a media" not in out


def test_a_request_on_a_trainees_form_is_explained_by_its_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["rules", "explain", "--scenario", "hospital-roi-exam", "--item", "grand-jury"]
    assert main([*args, "--trainee", "Ana"]) == 0
    out = capsys.readouterr().out
    assert "grand_jury_subpoena" in out and "a grand jury issued the subpoena" in out
    assert "164.508(a)(2)(ii)" in out


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [
        (["warrent"], "'warrent' is not a request archetype; did you mean warrant?", 1),
        (
            ["--scenario", "hospital-roi-exam", "--item", "release-99"],
            "has no request 'release-99' on this form",
            1,
        ),
        (["--scenario", "hospital-roi-exam"], "--scenario needs --item ID", 2),
        ([], "name a request archetype, or give --scenario and --item", 2),
    ],
)
def test_unknown_archetypes_and_items_get_one_line_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str, status: int
) -> None:
    assert main(["rules", "explain", *args]) == status
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_preview_explain_adds_the_walk_to_each_request_and_nothing_to_other_items(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["preview", "clinic-release-desk", "--trainee", "Ana", "--json", "--explain"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    requests = [i for i in items if i["kind"] == "release"]
    assert requests and all(any("MATCHES" in line for line in i["explain"]) for i in requests)
    assert all("explain" not in i for i in items if i["kind"] != "release")
    assert main(["preview", "clinic-release-desk", "--trainee", "Ana", "--json"]) == 0
    assert all("explain" not in i for i in json.loads(capsys.readouterr().out)["items"])

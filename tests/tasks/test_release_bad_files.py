"""Every broken release block is refused by ``recsim validate``: exit 1 and a located message."""

from __future__ import annotations

import pytest

from recsim.cli import main
from tests.conftest import DATA

BAD = DATA / "release"

EXPECTED: dict[str, list[str]] = {
    "bad-assurance.yaml": [":11:", "subpoena.satisfactory_assurance", "true or false"],
    "bad-authorization-statement.yaml": [
        ":15:",
        "authorization.statements[1]",
        "did you mean 'redisclosure'",
    ],
    "bad-channel.yaml": [":9:", "items[0].channel", "'carrier_pigeon'", "portal"],
    "bad-direction-format.yaml": [":11:", "direction.format", "'fax'", "electronic, paper"],
    "bad-decision.yaml": [":10:", "expect.decision", "'approve'", "refer_privacy_officer"],
    "bad-record-type.yaml": [":9:", "requested[0]", "did you mean 'lab_results'"],
    "bad-request-id.yaml": [":8:", "items[0].id", "short id"],
    "deny-with-records.yaml": [":10:", "expect.release", "'deny' sends nothing out"],
    "duplicate-id.yaml": [":11:", "items[1].id", "two requests share the id 'r1'"],
    "empty-requested.yaml": [":9:", "items[0].requested", "at least 1"],
    "missing-requester.yaml": [":8:", "missing required key 'requester'"],
    "negative-requests.yaml": [":7:", "release.requests", "at least 0", "-2"],
    "pick-more-than-written.yaml": [":7:", "release.pick", "pick is 5", "only 2 written items"],
    "patient-too-old.yaml": [":10:", "patient.age", "at most 124"],
    "release-without-records.yaml": [":10:", "expect.release", "needs the records released"],
    "unknown-archetype.yaml": [":8:", "archetypes[1]", "did you mean 'subpoena_without_assurance'"],
    "unknown-authorization-key.yaml": [":11:", "unknown key 'signed'", "did you mean 'signed_on'"],
    "unreadable-expiry.yaml": [":15:", "authorization.expires", "'+80x' is not a date"],
    "unreadable-signature-date.yaml": [
        ":14:",
        "authorization.signed_on",
        "'yesterday' is not a date",
        "-10d",
    ],
}


def test_every_bad_release_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_release_block_is_rejected_with_a_located_message(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["validate", str(BAD / name)])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in out + err
    assert out.startswith(str(BAD / name) + ":"), out
    assert len(out.strip().splitlines()) == 1, out
    for word in EXPECTED[name]:
        assert word in out, f"{word!r} not in {out!r}"

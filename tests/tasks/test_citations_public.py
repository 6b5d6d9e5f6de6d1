"""Every rule line the desks can print names a public source, never an internal file."""

from __future__ import annotations

import pytest

from recsim.privacy.rulebook import rulebook
from recsim.tasks.analysis.task import questions
from recsim.tasks.audit.catalog import catalog
from recsim.tasks.claims.content import claims_content
from recsim.tasks.deficiency.content import deficiency_content
from tests.tasks.public_sources import cites_public_source


def _templates() -> dict[str, str]:
    found = {}
    for name, info in catalog().items():
        found[f"audit {name} (hospital)"] = info.rule_for(hospital=True)
        found[f"audit {name} (other)"] = info.rule_for(hospital=False)
    content = claims_content()
    found["claims clean"] = content.clean.rule
    for name, problem in content.problems.items():
        # a code edit's rule is the coding engine's source, filled in per claim
        rule = problem.rule.replace("{source}", "CMS Medicare Code Editor: age conflict")
        found[f"claims {name}"] = rule
    deficiencies = deficiency_content()
    found["deficiency delinquency"] = deficiencies.completion_rule
    for name, kind in deficiencies.kinds.items():
        found[f"deficiency {name}"] = kind.rule
    for name, question in questions().items():
        found[f"analysis {name}"] = question.source
    return found


@pytest.mark.parametrize("name", sorted(_templates()))
def test_every_rule_template_cites_a_public_source(name: str) -> None:
    assert cites_public_source(_templates()[name]), _templates()[name]


def test_no_release_rule_or_authorization_defect_cites_an_internal_file() -> None:
    book = rulebook()
    # nothing_permitted cites whatever the withheld records' own rules cite: it has none itself
    cites = [r.cite for name, r in book.rules.items() if name != "nothing_permitted"]
    cites += [
        r.cite
        for table in (book.withholding, book.allowances, book.defects)
        for r in table.values()
    ]
    assert cites and all(cites_public_source(c) for c in cites), cites


def test_the_readmission_figure_is_the_hospitals_own_and_cites_no_cms_measure() -> None:
    readmission = questions()["readmission_rate"]
    assert "hospital-defined" in readmission.title
    assert "CMS" not in readmission.source.replace("not a CMS", "")
    assert "412.15" not in readmission.source


def test_no_bundled_briefing_calls_a_staff_correction_a_164_526_amendment() -> None:
    # 164.526 is the individual's right to request an amendment; a workforce member fixing
    # an error found in review uses the error-correction process (AHIMA correction practice).
    from tests.conftest import SCENARIOS

    for path in SCENARIOS.glob("*.yaml"):
        text = " ".join(path.read_text(encoding="utf-8").split())
        assert "as 45 CFR 164.526 requires" not in text, path.name
        assert "correction as an amendment" not in text, path.name

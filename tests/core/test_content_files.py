"""Every content file recsim ships loads through its model; a typo fails with a located message."""

from __future__ import annotations

import fnmatch
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

import recsim
from recsim.coding.content import EditsFile, PcsAxesFile, RestrictionsFile, SearchTermsFile
from recsim.core.content import load_content, parse_content
from recsim.core.generate.library import ConditionsFile
from recsim.core.glossary import GlossaryFile
from recsim.core.scenario.errors import InvalidFile
from recsim.privacy.deid import IdentifiersFile, Zip3File
from recsim.privacy.deid_templates import DocumentsFile
from recsim.privacy.rulebook import RulesFile
from recsim.session.domains import DomainsFile
from recsim.tasks.analysis.content import BirthsFile, DiagnosesFile, QuestionsFile
from recsim.tasks.audit.catalog import ErrorsFile
from recsim.tasks.breach.content import IncidentsFile
from recsim.tasks.claims.content import ProblemsFile, ServicesFile
from recsim.tasks.coding.library import CaseFile
from recsim.tasks.deficiency.content import DeficienciesFile
from recsim.tasks.drg_validation.content import DrgErrorsFile
from recsim.tasks.duplicates.content import IdentityFile, Rules
from recsim.tasks.release.archetypes import ArchetypesFile
from recsim.tasks.rights.content import RightsFile
from recsim.tasks.stays.models import StayFile
from recsim.tasks.traps.content import TrapsFile
from recsim.tui.tour import TourFile

SHIPPED = Path(recsim.__file__).parent
BAD_CONTENT = Path(__file__).parents[1] / "data" / "content"

CONTENT_MODELS: dict[str, Any] = {
    "coding/data/edits.yaml": EditsFile,
    "coding/data/pcs_axes.yaml": PcsAxesFile,
    "coding/data/restrictions.yaml": RestrictionsFile,
    "coding/data/search_terms.yaml": SearchTermsFile,
    "core/generate/conditions.yaml": ConditionsFile,
    "core/glossary.yaml": GlossaryFile,
    "privacy/deid_documents.yaml": DocumentsFile,
    "privacy/deid_identifiers.yaml": IdentifiersFile,
    "privacy/deid_zip3.yaml": Zip3File,
    "privacy/release_rules.yaml": RulesFile,
    "session/domains.yaml": DomainsFile,
    "tasks/analysis/births.yaml": BirthsFile,
    "tasks/analysis/diagnoses.yaml": DiagnosesFile,
    "tasks/analysis/questions.yaml": QuestionsFile,
    "tasks/audit/errors.yaml": ErrorsFile,
    "tasks/breach/incidents.yaml": IncidentsFile,
    "tasks/claims/problems.yaml": ProblemsFile,
    "tasks/claims/services.yaml": ServicesFile,
    "tasks/coding_cases/*.yaml": CaseFile,
    "tasks/deficiency/deficiencies.yaml": DeficienciesFile,
    "tasks/drg_validation/errors.yaml": DrgErrorsFile,
    "tasks/duplicates/identity.yaml": IdentityFile,
    "tasks/release/archetypes.yaml": ArchetypesFile,
    "tasks/rights/rights.yaml": RightsFile,
    "tasks/stays/cases/*.yaml": StayFile,
    "tasks/traps/traps.yaml": TrapsFile,
    "tui/tour.yaml": TourFile,
}
"""Shipped YAML file (a pattern, relative to the recsim package) -> the model it is read with."""


def shipped_files() -> list[PurePosixPath]:
    return sorted(PurePosixPath(p.relative_to(SHIPPED).as_posix()) for p in SHIPPED.rglob("*.yaml"))


def model_for(relative: PurePosixPath) -> Any:
    found = [m for pattern, m in CONTENT_MODELS.items() if fnmatch.fnmatch(str(relative), pattern)]
    return found[0] if found else None


def package_and_name(relative: PurePosixPath) -> tuple[str, str]:
    """The package holding a file (its nearest folder with __init__.py) and the name within it."""
    folder = relative.parent
    while folder != PurePosixPath(".") and not (SHIPPED / folder / "__init__.py").exists():
        folder = folder.parent
    return ".".join(("recsim", *folder.parts)), str(relative.relative_to(folder))


def test_the_package_ships_content_files() -> None:
    assert len(shipped_files()) >= 20  # guards the search itself: an empty list would pass below


@pytest.mark.parametrize("relative", shipped_files(), ids=str)
def test_every_shipped_content_file_loads_through_its_model(relative: PurePosixPath) -> None:
    model = model_for(relative)
    assert model is not None, f"{relative} has no model: add one and list it in CONTENT_MODELS"
    package, name = package_and_name(relative)
    load_content(package, name, model, strict=True)  # InvalidFile names the file, line and column


BAD_FILES = [
    (
        "births_delivery_misspelt.yaml",
        BirthsFile,
        "3:31: deliveries[0].delivery: 'cesarean' is not allowed here; expected one of: "
        "vaginal, caesarean (did you mean 'caesarean'?)",
    ),
    (
        "errors_unknown_key.yaml",
        ErrorsFile,
        "5:14: errors.name_mismatch.severty: unknown key 'severty' (did you mean 'severity'?)",
    ),
    (
        "deficiencies_wrong_type.yaml",
        DeficienciesFile,
        "3:20: chart.completion_days: must be a whole number (got 'thirty')",
    ),
    (
        "questions_missing_field.yaml",
        QuestionsFile,
        "4:5: questions.average_length_of_stay.formula: missing required key 'formula'",
    ),
    (
        "search_terms_yaml_boolean.yaml",
        SearchTermsFile,
        "2:18: stop_words[1]: must be text (got True)",
    ),
    (
        "restrictions_unknown_key.yaml",
        RestrictionsFile,
        "5:46: age[0].tittle: unknown key 'tittle' (did you mean 'title'?)",
    ),
    (
        "identity_duplicate_key.yaml",
        IdentityFile,
        "5:3: duplicate key 'identity' (first given on line 3)",
    ),
]


@pytest.mark.parametrize(("name", "model", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_typo_in_content_fails_with_a_located_one_line_message(
    name: str, model: Any, expected: str
) -> None:
    path = BAD_CONTENT / name
    with pytest.raises(InvalidFile) as caught:
        parse_content(path.read_text("utf-8"), str(path), model)
    assert str(caught.value) == f"{path}:{expected}"


def test_a_content_file_may_share_values_with_anchors_aliases_and_merge_keys() -> None:
    text = """
<<: {identity: &cite "42 CFR 482.24(b)", overlay: "NPSG.01.01.01"}
merge: *cite
survivorship: AHIMA
overlay: "42 CFR 482.24(b); NPSG.01.01.01"
"""
    rules = parse_content(text, "rules.yaml", Rules)
    assert rules.merge == rules.identity == "42 CFR 482.24(b)"
    assert rules.overlay == "42 CFR 482.24(b); NPSG.01.01.01"  # the mapping's own key wins


def test_the_fast_reader_falls_back_to_say_where_a_shipped_file_is_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "typo_content"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "errors.yaml").write_text((BAD_CONTENT / "errors_unknown_key.yaml").read_text())
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(InvalidFile) as caught:
        load_content("typo_content", "errors.yaml", ErrorsFile)
    assert str(caught.value).startswith(f"{package / 'errors.yaml'}:5:14: ")


def test_the_code_set_reads_its_content_without_importing_pydantic() -> None:
    # The code set must be ready in a quarter of a second; pydantic alone takes a good part.
    code = (
        "import sys; from recsim.coding import edits, restrictions, words;"
        "edits.definitions(); restrictions.table(); words.vocabulary();"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"

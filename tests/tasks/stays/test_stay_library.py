"""The stay case library: its files' shape, picking cases and filling one in for a trainee."""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

import pytest

from recsim.core.scenario.errors import InvalidFile
from recsim.tasks.stays import (
    RenderedStay,
    StayCase,
    all_cases,
    case_by_id,
    pick_cases,
    render_stay,
)
from recsim.tasks.stays.library import load_cases, parse_cases
from recsim.tasks.stays.render import FY2026
from tests.conftest import DATA

BAD_CASE_FILES = DATA / "stays" / "bad_cases"
STAFF = ["Ann Lee, MD", "Raj Iyer, DO"]
CASES_DIR = Path(__file__).resolve().parents[3] / "src/recsim/tasks/stays/cases"


def test_ids_are_unique_and_core_has_at_least_ten_cases() -> None:
    ids = [c.id for c in all_cases()]
    assert len(ids) == len(set(ids))
    core = parse_cases((CASES_DIR / "core.yaml").read_text("utf-8"), "core.yaml")
    assert len(core) >= 10


@pytest.mark.parametrize("path", sorted(BAD_CASE_FILES.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_bad_case_file_is_refused_with_its_name_and_a_located_reason(path: Path) -> None:
    expected = path.read_text("utf-8").splitlines()[0].removeprefix("# expect:").strip()
    with pytest.raises(InvalidFile) as error:
        parse_cases(path.read_text("utf-8"), path.name)
    text = str(error.value)
    assert text.startswith(path.name) and expected in text, text


def test_a_case_id_used_in_two_files_is_refused(tmp_path: Path) -> None:
    shutil.copy(CASES_DIR / "core.yaml", tmp_path / "a.yaml")
    shutil.copy(CASES_DIR / "core.yaml", tmp_path / "b.yaml")
    with pytest.raises(InvalidFile, match="also used in"):
        load_cases(tmp_path)


def test_every_shipped_file_reads_with_the_strict_reader() -> None:
    for path in sorted(CASES_DIR.glob("*.yaml")):
        assert parse_cases(path.read_text("utf-8"), path.name)


def test_case_by_id_finds_a_case_and_refuses_an_unknown_one() -> None:
    first = all_cases()[0]
    assert case_by_id(first.id) is first
    with pytest.raises(KeyError):
        case_by_id("ip-no-such-case")


def test_pick_cases_is_deterministic_and_honours_ids_tags_and_mdc() -> None:
    one = pick_cases(random.Random(3), 3, tags=["pneumonia"])
    again = pick_cases(random.Random(3), 3, tags=["pneumonia"])
    assert [c.id for c in one] == [c.id for c in again]
    assert all("pneumonia" in c.tags for c in one)
    listed = [c.id for c in all_cases()[:2]][::-1]
    assert [c.id for c in pick_cases(random.Random(3), 2, tags=["x"], ids=listed)] == listed
    assert {c.mdc for c in pick_cases(random.Random(1), 4, mdc=[18])} == {18}
    with pytest.raises(ValueError, match="no inpatient case"):
        pick_cases(random.Random(1), 1, tags=["no_such_tag"])


@pytest.mark.parametrize("stay", all_cases(), ids=lambda c: c.id)
def test_a_rendered_stay_stays_inside_the_case_and_fy2026(stay: StayCase) -> None:
    for seed in range(5):
        r = render_stay(stay, random.Random(seed), as_of=date(2026, 5, 1), clinicians=STAFF[:1])
        assert stay.patient.age[0] <= r.age <= stay.patient.age[1]
        assert r.sex in stay.patient.sexes
        assert stay.stay[0] <= (r.discharge_date - r.admit_date).days <= stay.stay[1]
        assert FY2026[0] <= r.discharge_date <= min(FY2026[1], date(2026, 5, 1))
        text = "\n".join(t for _, t in r.documents)
        assert "{" not in text and r.patient_name in text
        assert r.documents[0][0] in {"Discharge summary", "History and physical"}


def test_the_same_rng_gives_the_same_stay_and_another_a_different_one() -> None:
    case = all_cases()[0]

    def rendered(seed: int) -> RenderedStay:
        return render_stay(case, random.Random(seed), as_of=date(2026, 5, 1), clinicians=STAFF)

    assert rendered(9) == rendered(9)
    assert rendered(9) != rendered(10)

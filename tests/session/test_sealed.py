"""Sealed exams: a form per trainee holds only what they see; the key grades it like the exam.

``recsim seal EXAM --roster FILE --out DIR`` writes the forms and the key;
``recsim play FORM`` plays one; ``recsim grade --key KEY`` grades its results.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from recsim.cli import main
from recsim.core.answers import read_answers
from recsim.core.sealed import read_form, read_key
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.session.grading import parse_answers
from tests.conftest import SCENARIOS

EXAMS = ["hospital-roi-exam", "hospital-audit-exam"]
CLASS = ["Ana Ruiz", "Ben Okafor", "Chen Wei"]


def _seal(
    tmp_path: Path, exam: str, names: list[str] = CLASS, *, seed: str | None = "8142250611908357"
) -> Path:
    """Seal ``exam`` for ``names`` into ``tmp_path/sealed`` (a fixed seed: the same forms)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    roster = tmp_path / "roster.txt"
    roster.write_text("\n".join(names) + "\n", encoding="utf-8")
    out = tmp_path / "sealed"
    chosen = ["--seed", seed] if seed else []
    assert main(["seal", exam, "--roster", str(roster), "--out", str(out), *chosen]) == 0
    return out


def _leaves(value: Any) -> Iterator[str]:
    """Every string in a JSON value, names of fields included."""
    if isinstance(value, dict):
        for name, inner in value.items():
            yield name
            yield from _leaves(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _leaves(inner)
    elif isinstance(value, str):
        yield value


@pytest.mark.parametrize("exam", EXAMS)
def test_a_sealed_form_holds_what_its_trainee_sees_and_no_key(
    tmp_path: Path, exam: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _seal(tmp_path, exam)
    loaded = load_checked(SCENARIOS / f"{exam}.yaml")
    key = read_key(out / f"{exam}.key.json")
    for name in CLASS:
        path = out / f"{name.lower().replace(' ', '-')}.form.json"
        form, data = read_form(path)
        text = data.decode()
        variant = make_variant(loaded, name, seed=key.sitting_seed)
        items = list(variant.form.items())
        # The items, in the trainee's order, exactly as the unsealed form shows them.
        assert [i.id for i in form.items] == [i.id for i in items]
        assert [i.view for i in form.items] == [i.view.model_dump(mode="json") for i in items]
        # No string of any key is in the file, unless the trainee reads it anyway (in a view).
        seen = set(_leaves(json.loads(text)["items"])) | set(_leaves(form.frame))
        searched = 0
        for item in items:
            for value in set(_leaves(item.key.model_dump(mode="json"))) - seen:
                if len(value) < 3:
                    continue  # "", "Y": such strings are in any file, key or no key
                searched += 1
                assert json.dumps(value) not in text, f"{path}: {item.id}'s key has {value!r}"
        assert searched > 50  # the search looked at real key material: rules, feedback, codes
        # Nothing a generator could be run again from.
        for seed in (variant.seed, key.sitting_seed, loaded.scenario.effective_seed):
            assert str(seed) not in text
        assert "seed" not in json.loads(text)["frame"]
    capsys.readouterr()


@pytest.mark.parametrize("exam", EXAMS)
def test_a_sealed_attempt_grades_as_the_unsealed_one_does(
    tmp_path: Path, exam: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _seal(tmp_path, exam)
    key = read_key(out / f"{exam}.key.json")
    capsys.readouterr()
    sitting = str(key.sitting_seed)
    assert (
        main(["preview", exam, "--seed", sitting, "--trainee", "Ben Okafor", "--key-answers"]) == 0
    )
    answers = json.loads(capsys.readouterr().out)
    for item in list(answers["answers"])[::3]:
        del answers["answers"][item]  # a third left out: not a perfect score
    answers_file = tmp_path / "ben.json"
    answers_file.write_text(json.dumps(answers), encoding="utf-8")
    variant = make_variant(
        load_checked(SCENARIOS / f"{exam}.yaml"), "Ben Okafor", seed=key.sitting_seed
    )
    unsealed = variant.score(parse_answers(variant, read_answers(answers_file)))

    form = out / "ben-okafor.form.json"
    handed = tmp_path / "handed-in"
    assert main(["play", str(form), "--answers", str(answers_file), "--results", str(handed)]) == 0
    assert "sealed" in capsys.readouterr().out
    status = main(["grade", str(handed), "--key", str(out / f"{exam}.key.json"), "--json"])
    (row,) = json.loads(capsys.readouterr().out)["rows"]
    assert status == 0 and row["flags"] == [] and row["trainee"] == "Ben Okafor"
    assert row["overall"] == pytest.approx(unsealed.overall, abs=0.01)
    assert row["overall"] < 100
    for name, score in unsealed.categories.items():
        assert row[name] == pytest.approx(score.percent, abs=0.01)


def test_the_exam_file_alone_does_not_rebuild_a_sealed_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form, _ = read_form(_seal(tmp_path, "hospital-roi-exam", seed=None) / "ana-ruiz.form.json")
    capsys.readouterr()
    assert main(["preview", "hospital-roi-exam", "--trainee", "Ana Ruiz", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    views = [item["view"] for item in shown["items"]]
    assert not any(item.view in views for item in form.items)


def test_a_form_played_under_another_name_is_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _seal(tmp_path, "hospital-roi-exam")
    capsys.readouterr()
    assert main(["preview", "hospital-roi-exam", "--trainee", "Ana Ruiz", "--key-answers"]) == 0
    answers = tmp_path / "answers.json"
    answers.write_text(capsys.readouterr().out, encoding="utf-8")
    handed = tmp_path / "handed-in"
    form = str(out / "ana-ruiz.form.json")
    played = ["play", form, "--answers", str(answers), "--trainee", "Chen Wei"]
    assert main([*played, "--results", str(handed)]) == 0
    capsys.readouterr()
    key = str(out / "hospital-roi-exam.key.json")
    assert main(["grade", str(handed), "--key", key, "--json"]) == 1
    (row,) = json.loads(capsys.readouterr().out)["rows"]
    assert row["flags"] == ["identity"]
    assert (
        "the form sealed for Ana Ruiz was played under the name Chen Wei"
        in (row["flag_messages"][0])
    )


def test_results_of_a_sealed_form_are_not_graded_without_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _seal(tmp_path, "hospital-roi-exam")
    other = _seal(tmp_path / "other-sitting", "hospital-roi-exam")
    capsys.readouterr()
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps({"recsim_answers": 1, "scenario": "hospital-roi-exam", "answers": {}}),
        encoding="utf-8",
    )
    handed = tmp_path / "handed-in"
    form = str(out / "ben-okafor.form.json")
    assert main(["play", form, "--answers", str(answers), "--results", str(handed)]) == 0
    capsys.readouterr()
    assert main(["grade", str(handed), "--json"]) == 1
    (row,) = json.loads(capsys.readouterr().out)["rows"]
    assert row["status"] == "not_graded" and "recsim grade --key" in row["flag_messages"][0]
    wrong_key = str(other / "hospital-roi-exam.key.json")
    assert main(["grade", str(handed), "--key", wrong_key, "--json"]) == 1
    (row,) = json.loads(capsys.readouterr().out)["rows"]
    assert "does not hold" in row["flag_messages"][0]


@pytest.mark.parametrize("command", [["preview"], ["validate"], ["preview", "--key-answers"]])
def test_preview_and_validate_refuse_a_sealed_form(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    form = _seal(tmp_path, "hospital-roi-exam") / "ana-ruiz.form.json"
    capsys.readouterr()
    assert main([command[0], str(form), *command[1:]]) == 1
    captured = capsys.readouterr()
    said = (captured.err + captured.out).strip()
    assert "a sealed exam form, not a scenario" in said and said.count("\n") == 0
    assert "Ana Ruiz" not in captured.out  # no form printed


def test_a_practice_scenario_cannot_be_sealed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.txt"
    roster.write_text("Ana Ruiz\n", encoding="utf-8")
    out = tmp_path / "sealed"
    assert main(["seal", "tutorial", "--roster", str(roster), "--out", str(out)]) == 1
    assert "only an exam can be sealed" in capsys.readouterr().err
    assert not out.exists()


def test_sealing_never_replaces_an_earlier_seal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _seal(tmp_path, "hospital-roi-exam")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    roster = tmp_path / "roster.txt"
    assert main(["seal", "hospital-roi-exam", "--roster", str(roster), "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_two_trainees_whose_names_make_one_file_name_get_two_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _seal(tmp_path, "hospital-roi-exam", ["Ana Ruiz", "Ana  Ruiz!"])
    key = read_key(out / "hospital-roi-exam.key.json")
    assert [f.file for f in key.forms] == ["ana-ruiz.form.json", "ana-ruiz-2.form.json"]
    assert key.scenario.text == (SCENARIOS / "hospital-roi-exam.yaml").read_text("utf-8")
    assert oct((out / "hospital-roi-exam.key.json").stat().st_mode & 0o777) == "0o600"
    capsys.readouterr()


BAD = Path(__file__).parents[1] / "data" / "sealed" / "bad"


@pytest.mark.parametrize("path", sorted(BAD.glob("*.form.json")), ids=lambda p: p.name)
def test_a_broken_form_gets_one_located_line(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = path.with_suffix("").with_suffix(".expected").read_text("utf-8").strip()
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps({"recsim_answers": 1, "scenario": "hospital-roi-exam", "answers": {}}),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["play", str(path), "--answers", str(answers), "--results", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and expected in err
    assert not out.exists()


@pytest.mark.parametrize("path", sorted(BAD.glob("*.key.json")), ids=lambda p: p.name)
def test_a_broken_key_gets_one_line_before_any_grading(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = path.with_suffix("").with_suffix(".expected").read_text("utf-8").strip()
    results = tmp_path / "results"
    results.mkdir()
    (results / "x.json").write_text("{}", encoding="utf-8")
    assert main(["grade", str(results), "--key", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and expected in err


def test_every_shipped_kind_can_be_sealed() -> None:
    from recsim.session.kinds import KINDS, task_kind

    assert [name for name in KINDS if task_kind(name).view_model is None] == []


@pytest.mark.parametrize(
    ("names", "said"), [(["Ana Ruiz"], "1 form of"), (["Ana Ruiz", "Ben Okafor"], "2 forms of")]
)
def test_the_seal_counts_its_forms_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: list[str], said: str
) -> None:
    _seal(tmp_path, "hospital-roi-exam", names)
    assert f"Sealed {said} 'Exam: release of information" in capsys.readouterr().out

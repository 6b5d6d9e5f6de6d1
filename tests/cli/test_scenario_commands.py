"""Instructor commands: schema, new, preview, and the CLI's shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from recsim.cli import main
from recsim.commands.scenarios import scenario_schema
from tests.conftest import DATA, SCENARIOS


class _EditorLoader(yaml.SafeLoader):
    """Reads YAML as editors do (YAML 1.2 core schema: a date is a string)."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml(path: Path) -> object:
    return yaml.load(path.read_text(), Loader=_EditorLoader)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recsim", *args], capture_output=True, text=True, check=False
    )


def test_help_lists_every_command_of_the_design() -> None:
    result = _run("--help")
    assert result.returncode == 0
    for command in (
        "play",
        "validate",
        "schema",
        "new",
        "preview",
        "codes",
        "grade",
        "report",
        "results",
    ):
        assert f"    {command}" in result.stdout


def test_schema_validates_every_bundled_scenario_and_rejects_a_broken_one() -> None:
    schema = json.loads(_run("schema").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    for path in SCENARIOS.glob("*.yaml"):
        validator.validate(_yaml(path))
    broken = _yaml(DATA / "scenarios" / "bad" / "misspelt-setting.yaml")
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(_yaml(DATA / "scenarios" / "bad" / "unknown-key.yaml"))


def test_the_shipped_schema_file_is_current() -> None:
    shipped = json.loads((SCENARIOS / "recsim.schema.json").read_text())
    assert shipped == scenario_schema(), "run: recsim schema > scenarios/recsim.schema.json"


def test_schema_descriptions_come_from_the_attribute_docstrings() -> None:
    schema = scenario_schema()
    assert "simulated today" in schema["properties"]["as_of"]["description"]


@pytest.mark.parametrize("setting", ["hospital", "clinic", "insurer", "public_health"])
def test_new_writes_a_commented_starter_that_validates(setting: str, tmp_path: Path) -> None:
    path = tmp_path / f"my-{setting}.yaml"
    assert main(["new", str(path), "--setting", setting]) == 0
    text = path.read_text()
    assert text.count("#") > 10 and f"setting: {setting}" in text
    assert main(["validate", str(path)]) == 0
    assert main(["preview", str(path)]) == 0


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("precious")
    assert main(["new", str(path)]) == 1
    assert path.read_text() == "precious"
    assert "already exists" in capsys.readouterr().err


def test_preview_json_is_byte_identical_across_processes() -> None:
    first = _run("preview", "hospital-records-audit", "--trainee", "Ana Ruiz", "--json")
    second = _run("preview", "hospital-records-audit", "--trainee", "Ana Ruiz", "--json")
    assert first.returncode == 0 and first.stdout == second.stdout
    document = json.loads(first.stdout)
    assert document["trainee"] == "Ana Ruiz" and len(document["items"]) == 14
    assert all("key" in item for item in document["items"])


def test_preview_seed_changes_the_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "tutorial", "--json", "--seed", "1"]) == 0
    one = capsys.readouterr().out
    assert main(["preview", "tutorial", "--json", "--seed", "2"]) == 0
    assert capsys.readouterr().out != one


def test_preview_roster_gives_each_trainee_a_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "class.txt"
    roster.write_text("# spring cohort\nAna Ruiz\nBen Okafor\n\n")
    assert main(["preview", "tutorial", "--roster", str(roster), "--json"]) == 0
    forms = json.loads(capsys.readouterr().out)
    assert [f["trainee"] for f in forms] == ["Ana Ruiz", "Ben Okafor"]


def test_preview_roster_as_text_separates_the_forms_and_skips_indented_comments(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    roster = tmp_path / "class.txt"
    roster.write_text("Ana Ruiz\n   # spring cohort, indented\nBen Okafor\n")
    assert main(["preview", "tutorial", "--roster", str(roster)]) == 0
    out = capsys.readouterr().out
    assert out.count("=" * 78) == 1 and "spring cohort" not in out
    first, second = out.split("=" * 78)
    assert "for Ana Ruiz" in first and "for Ben Okafor" in second
    assert first.splitlines()[1].startswith("scenario tutorial  version ")


def test_bad_seed_is_a_usage_error() -> None:
    result = _run("preview", "tutorial", "--seed", "abc")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_grading_a_missing_results_file_names_it_and_fails(tmp_path: Path) -> None:
    result = _run("grade", str(tmp_path / "x.json"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"recsim: {tmp_path / 'x.json'}: no such file"

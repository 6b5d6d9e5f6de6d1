"""The gradebook heads each category with its name, not a three-letter cut ("Pri")."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.cli import main


def test_the_gradebook_names_its_categories_in_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["preview", "hospital-roi-exam", "--trainee", "Ana Ruiz", "--key-answers"]) == 0
    answers = tmp_path / "answers.json"
    answers.write_text(capsys.readouterr().out, encoding="utf-8")
    handed = tmp_path / "handed-in"
    assert (
        main(["play", "hospital-roi-exam", "--answers", str(answers), "--results", str(handed)])
        == 0
    )
    capsys.readouterr()
    assert main(["grade", str(handed)]) == 0
    heading = next(line for line in capsys.readouterr().out.splitlines() if "Trainee" in line)
    assert "Privacy" in heading.split() and "Pri" not in heading.split()

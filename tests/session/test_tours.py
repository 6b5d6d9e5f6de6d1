"""Who has finished the guided tour: remembered per trainee, and a damaged file is no crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.session.tours import FILE, remember_tour_finished, tour_finished


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECSIM_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_a_trainee_is_remembered_by_name_however_it_is_typed(data: Path) -> None:
    assert not tour_finished("Ana Ruiz")
    assert remember_tour_finished("Ana Ruiz")
    assert tour_finished("  ana   RUIZ ") and not tour_finished("Ben")
    assert (data / FILE).exists()


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"finished": "ana"}', ""])
def test_a_damaged_file_means_nobody_has_finished_and_is_written_anew(
    data: Path, text: str
) -> None:
    data.mkdir(parents=True)
    (data / FILE).write_text(text)
    assert not tour_finished("ana")
    assert remember_tour_finished("Ana")
    assert tour_finished("ana")


def test_a_folder_that_cannot_be_written_only_means_the_tour_is_offered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("RECSIM_DATA_DIR", str(blocker / "data"))
    assert remember_tour_finished("Ana") is False
    assert not tour_finished("Ana")

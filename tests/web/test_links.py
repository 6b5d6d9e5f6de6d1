"""Trainees' links: issued from the roster, kept hashed, revoked and reissued; bad input refused."""

from __future__ import annotations

import socket
import stat
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.session.access import AccessList, token_hash
from tests.conftest import DATA
from tests.web.serving import ROSTER

BAD = DATA / "serve"


def _links(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["serve", "links", "--store", str(tmp_path / "attempts.sqlite3"), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_token_has_at_least_128_random_bits_and_only_its_hash_is_kept(tmp_path: Path) -> None:
    access = AccessList(tmp_path / "a.access.json")
    first, second = access.issue("Ana Lee"), access.issue("Bo Chen")
    assert len(first) >= 32 and first != second  # 24 bytes in URL-safe base64
    access.save()
    saved = access.path.read_text()
    assert first not in saved and token_hash(first) in saved
    assert stat.S_IMODE(access.path.stat().st_mode) == 0o600
    again = AccessList.load(access.path)
    assert again.trainee_for(first) == "Ana Lee" and again.trainee_for(second) == "Bo Chen"
    altered = first[:-1] + ("y" if first.endswith("x") else "x")  # one character changed
    assert again.trainee_for(altered) is None and again.trainee_for("") is None


def test_reissuing_replaces_the_old_token_and_revoking_removes_the_trainee(tmp_path: Path) -> None:
    access = AccessList(tmp_path / "a.access.json")
    old = access.issue("Ana Lee")
    new = access.issue("ana  lee")  # the same trainee, as recsim matches names
    assert access.trainee_for(old) is None and access.trainee_for(new) == "ana  lee"
    assert access.revoke("ANA LEE") == "ana  lee" and access.trainee_for(new) is None
    assert access.revoke("Ana Lee") is None


def test_serve_links_issues_each_roster_name_a_link_once_and_writes_them_privately(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    status, out, _ = _links(
        tmp_path, capsys, "--roster", str(roster), "--public-url", "https://recsim.example.org/"
    )
    assert status == 0
    assert [line.split(": ")[0] for line in out.splitlines()] == ["Ana Lee", "Bo Chen"]
    assert "https://recsim.example.org/play/" in out
    written = tmp_path / "class-links.csv"
    assert written.read_text().splitlines()[0] == "name,link"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    before = written.read_text()
    status, out, _ = _links(tmp_path, capsys, "--roster", str(roster))
    assert status == 0 and out == "" and written.read_text() == before  # nobody new
    status, out, _ = _links(tmp_path, capsys)
    assert "Ana Lee: link issued" in out and "2 links; the links file is" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reissue", "Nobody"], "--reissue Nobody: no one of that name has a link"),
        (["--revoke", "Nobody"], "--revoke Nobody: no one of that name has a link"),
        (["--roster", str(BAD / "roster-no-one.csv")], "roster-no-one.csv: lists no one"),
        (["--public-url", "recsim.example.org"], "give the whole address"),
    ],
)
def test_serve_links_refuses_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, _, err = _links(tmp_path, capsys, *args)
    assert status != 0 and message in err and len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize("damaged", sorted(p.name for p in BAD.glob("*.access.json")))
def test_a_damaged_access_file_is_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damaged: str
) -> None:
    (tmp_path / "attempts.access.json").write_bytes((BAD / damaged).read_bytes())
    status, _, err = _links(tmp_path, capsys)
    assert status == 1 and len(err.strip().splitlines()) == 1
    assert "attempts.access.json: is not a recsim access file" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], "--port 70000: a port is a number from 1 to 65535"),
        (["--scenarios", "no-such-folder"], "--scenarios no-such-folder: no such folder"),
        (["--max-sessions", "0"], "--max-sessions: at least 1"),
        (["--idle-minutes", "0"], "--idle-minutes: more than 0"),
        (["--public-url", "ftp://x"], "give the whole address"),
    ],
)
def test_serve_refuses_bad_options_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status = main(["serve", "--store", str(tmp_path / "s.sqlite3"), *args])
    err = capsys.readouterr().err
    assert status == 2 and message in err and len(err.strip().splitlines()) == 1, err


def test_serve_on_a_port_in_use_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        status = main(["serve", "--store", str(tmp_path / "s.sqlite3"), "--port", port])
    err = capsys.readouterr().err
    assert status == 1 and f"cannot listen on 127.0.0.1 port {port}" in err
    assert "Traceback" not in err


def test_serve_status_without_a_server_says_none_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "status", "--store", str(tmp_path / "s.sqlite3")]) == 0
    assert "no class server is running" in capsys.readouterr().out

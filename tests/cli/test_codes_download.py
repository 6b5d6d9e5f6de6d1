"""``recsim codes add --download`` against a loopback HTTP server: resumed after a dropped
connection, restarted when Range is ignored, one-line messages for 404 and no connection."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import recsim.coding.release as registry
from recsim.cli import main
from recsim.coding.release import download
from recsim.coding.release.parts import release_file
from tests.cli.cms_archives import FAKE_PARTS, cm_zip, pcs_zip

CM, PCS = (release.path for release in download.RELEASES)


@dataclass
class Site:
    """What the loopback server serves, and what it was asked."""

    files: dict[str, bytes]
    drop_once: set[str] = field(default_factory=set)
    ignore_range: bool = False
    stall: float = 0.0
    """Seconds to wait, after sending the headers, before the body (a server gone quiet)."""
    ranges: list[str | None] = field(default_factory=list)


class Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:
        site = self.site
        site.ranges.append(self.headers.get("Range"))
        data = site.files.get(self.path)
        if data is None:
            self.send_error(404, "Not Found")
            return
        start = 0
        asked = self.headers.get("Range")
        if asked and not site.ignore_range:
            start = int(asked.removeprefix("bytes=").rstrip("-"))
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        if site.stall:
            self.wfile.flush()
            time.sleep(site.stall)
        if self.path in site.drop_once:
            site.drop_once.discard(self.path)
            self.wfile.write(data[start : start + len(data) // 2])
            self.close_connection = True
            return
        self.wfile.write(data[start:])

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Site]:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(registry, "all_parts", lambda: FAKE_PARTS)
    served = Site({CM: cm_zip(terms=2000), PCS: pcs_zip(3)})
    handler = type("SiteHandler", (Handler,), {"site": served})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("RECSIM_CMS_BASE_URL", f"http://127.0.0.1:{server.server_port}/")
    yield served
    server.shutdown()
    server.server_close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["codes", "add", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_both_zips_are_downloaded_and_added(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--download")
    assert status == 0, err
    assert "2,000 entries" in out and "3 entries" in out
    assert download.target(download.RELEASES[0]).read_bytes() == site.files[CM]
    assert site.ranges == [None, None]
    status, _, _ = run(capsys, "--download")  # a finished download is used again
    assert status == 0 and len(site.ranges) == 2
    status, _, _ = run(capsys, "--download", "--force")
    assert status == 0 and len(site.ranges) == 4


def test_a_dropped_connection_is_resumed_with_a_range_request(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site.drop_once.add(CM)
    status, _, err = run(capsys, "--download")
    assert status == 0, err
    half = len(site.files[CM]) // 2
    assert site.ranges[:2] == [None, f"bytes={half}-"]
    assert download.target(download.RELEASES[0]).read_bytes() == site.files[CM]
    assert not list(download.target(download.RELEASES[0]).parent.glob("*.part"))


def test_a_server_that_ignores_range_restarts_the_file_cleanly(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site.drop_once.add(CM)
    site.ignore_range = True
    status, _, err = run(capsys, "--download")
    assert status == 0, err
    assert site.ranges[1] is not None  # asked to resume, got the whole file again
    assert download.target(download.RELEASES[0]).read_bytes() == site.files[CM]


def test_an_error_answer_is_one_line_that_says_how_to_add_by_hand(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    del site.files[PCS]
    status, out, err = run(capsys, "--download")
    message = err.strip().splitlines()[-1]
    assert status == 1 and out == ""
    assert message.startswith("recsim: 127.0.0.1:") and "answered 404 Not Found" in message
    assert 'download by hand "2026 ICD-10-PCS Code Tables and Index (ZIP)" from https://' in message
    assert "2026 Code Tables, Tabular" not in message  # the ICD-10-CM zip did come
    assert message.endswith(", then run recsim codes add FILE...")
    assert not release_file("fake-cm-index").exists()  # nothing added when one download fails


def test_offline_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(registry, "all_parts", lambda: FAKE_PARTS)
    probe = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = probe.server_port
    probe.server_close()  # nothing listens there now
    monkeypatch.setenv("RECSIM_CMS_BASE_URL", f"http://127.0.0.1:{port}")
    status, _, err = run(capsys, "--download")
    message = err.strip().splitlines()[-1]
    assert status == 1
    assert message.startswith(f"recsim: could not reach 127.0.0.1:{port}: ")
    assert "the connection was refused" in message and "[Errno" not in message
    # Both zips are named: the first failed, so the second was never tried.
    assert 'download by hand "2026 Code Tables, Tabular and Index (ZIP)" from https://' in message
    assert '"2026 ICD-10-PCS Code Tables and Index (ZIP)" from https://' in message
    assert "Traceback" not in err


def test_a_download_that_keeps_dropping_says_how_to_resume(
    site: Site, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(download, "TRIES", 1)
    site.drop_once.add(CM)
    status, _, err = run(capsys, "--download")
    assert status == 1 and "stopped after" in err and "run the same command again" in err
    partial = download.target(download.RELEASES[0]).with_name(
        "2026-code-tables-tabular-and-index.zip.part"
    )
    assert partial.read_bytes() == site.files[CM][: len(site.files[CM]) // 2]
    status, _, err = run(capsys, "--download")
    assert status == 0, err
    assert site.ranges[-2] == f"bytes={len(site.files[CM]) // 2}-"


def test_a_server_that_goes_quiet_times_out_in_one_line(
    site: Site, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(download, "TIMEOUT", 0.2)
    site.stall = 1.0
    started = time.perf_counter()
    status, _, err = run(capsys, "--download")
    message = err.strip().splitlines()[-1]
    assert status == 1 and message.startswith("recsim: could not reach 127.0.0.1:")
    assert "no answer within 0.2 seconds; download by hand" in message and "Traceback" not in err
    assert time.perf_counter() - started < 0.2 * download.TRIES + 1.5


def test_a_refused_download_is_deleted_so_the_next_one_fetches_it_afresh(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    good = site.files[CM]
    site.files[CM] = good[: len(good) // 2]
    status, _, err = run(capsys, "--download")
    assert status == 1 and "damaged or cut short" in err
    assert "The downloaded copy was deleted" in err
    assert not download.target(download.RELEASES[0]).exists()
    assert download.target(download.RELEASES[1]).exists()  # the good one is kept
    site.files[CM] = good
    status, out, err = run(capsys, "--download")
    assert status == 0 and "2,000 entries" in out, err

"""``recsim serve`` over HTTP and its websocket: who gets in, as whom, and within which limits.

Each test runs a real server on a free loopback port (tests/web/serving.py) and talks to
it as a browser does, without one: the page over HTTP, the app over the websocket.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import aiohttp
import pytest

from recsim.core.store import Store
from tests.web.serving import Served, children, class_server, opened, press, read_until

CTRL_S = "\x13"


async def _status(session: aiohttp.ClientSession, url: str) -> int:
    async with session.get(url) as response:
        return response.status


async def _websocket_status(session: aiohttp.ClientSession, url: str) -> int:
    """The HTTP status that refuses a websocket (101 when it opens)."""
    try:
        async with session.ws_connect(url):
            return 101
    except aiohttp.WSServerHandshakeError as refused:
        return refused.status


async def _statuses(served: Served, token: str) -> tuple[int, int]:
    async with aiohttp.ClientSession() as session:
        page = await _status(session, f"{served.url}/play/{token}")
        websocket = await _websocket_status(session, f"{served.url}/play/{token}/ws")
    return page, websocket


def test_missing_wrong_revoked_and_replaced_links_are_refused_before_any_app_starts(
    tmp_path: Path,
) -> None:
    with class_server(tmp_path) as served:

        async def missing() -> list[int]:
            async with aiohttp.ClientSession() as session:
                return [await _status(session, served.url + p) for p in ("/", "/play/")]

        assert asyncio.run(missing()) == [401, 401]
        wrong = served.token("Ana Lee")[:-4] + "AAAA"
        assert asyncio.run(_statuses(served, wrong)) == (403, 403)
        assert asyncio.run(_statuses(served, "")) == (401, 404)

        async def from_another_site() -> int:
            url = f"{served.url}/play/{served.token('Ana Lee')}/ws"
            async with aiohttp.ClientSession() as session:
                try:
                    async with session.ws_connect(url, origin="https://elsewhere.example.com"):
                        return 101
                except aiohttp.WSServerHandshakeError as refused:
                    return refused.status

        assert asyncio.run(from_another_site()) == 403  # a page of another site, in her browser

        revoked = served.recsim("serve", "links", "--revoke", "bo chen")
        assert revoked.returncode == 0 and "revoked the link of Bo Chen" in revoked.stdout
        assert asyncio.run(_statuses(served, served.token("Bo Chen"))) == (403, 403)

        old = served.token("Ana Lee")
        reissued = served.recsim("serve", "links", "--reissue", "Ana Lee")
        assert reissued.returncode == 0, reissued.stderr
        new = reissued.stdout.strip().rsplit("/", 1)[-1]
        assert new != old and len(new) >= 32  # at least 128 random bits, base64
        assert asyncio.run(_statuses(served, old)) == (403, 403)

        async def page(token: str) -> int:
            async with aiohttp.ClientSession() as session:
                return await _status(session, f"{served.url}/play/{token}")

        assert asyncio.run(page(new)) == 200  # the page only: its websocket would start the app

        assert children(served.process.pid) == []
        assert "a session opened" not in served.output()
        status = served.recsim("serve", "status")  # no one has played: there is no store yet
        assert status.returncode == 0 and "0 of at most 40 sessions online" in status.stdout
    saved = (tmp_path / "attempts.access.json").read_text()
    assert new not in saved and old not in saved  # the access file keeps hashes only


async def _open(session: aiohttp.ClientSession, served: Served, name: str, path: str = "/ws"):  # type: ignore[no-untyped-def]
    url = f"{served.url}/play/{served.token(name)}{path}?width=120&height=40"
    return await opened(await session.ws_connect(url))


def test_each_link_plays_as_its_own_trainee_once_and_nothing_is_logged_by_name(
    tmp_path: Path,
) -> None:
    with class_server(tmp_path) as served:

        async def play() -> None:
            async with aiohttp.ClientSession() as session:
                ana = await _open(session, served, "Ana Lee")
                await read_until(ana, "Checked: ready")
                await press(ana, "\r")
                assert "Trainee: Ana Lee" in await read_until(ana, "Trainee:")
                # A second tab of Ana's is told her attempt is open, and may take it over.
                async with session.get(served.links["Ana Lee"]) as second:
                    assert second.status == 409
                    assert "open in another tab" in await second.text()
                assert (await _statuses(served, served.token("Ana Lee")))[1] == 409
                bo = await _open(session, served, "Bo Chen")
                await read_until(bo, "Checked: ready")
                await press(bo, "\r")
                assert "Trainee: Bo Chen" in await read_until(bo, "Trainee:")
                status = served.recsim("serve", "status")
                assert "2 of at most 40 sessions online" in status.stdout, status
                assert "Ana Lee: no attempt yet" in status.stdout
                taken = await _open(session, served, "Ana Lee", "/ws/takeover")
                assert "Checked: ready" in await read_until(taken, "Checked: ready")
                await read_until(ana, "never shown", seconds=10)
                assert ana.closed  # the first tab stopped
                for websocket in (taken, bo):
                    await websocket.close()

        asyncio.run(play())
    output = served.output()
    assert "a session opened (2 online)" in output
    for secret in (*served.links.values(), served.token("Ana Lee"), "Ana", "Bo Chen", "Lee"):
        assert secret not in output


def test_the_session_limit_and_the_idle_close_which_keeps_the_answer(tmp_path: Path) -> None:
    with class_server(tmp_path, "--max-sessions", "1", "--idle-minutes", "0.1") as served:

        async def play() -> None:
            async with aiohttp.ClientSession() as session:
                ana = await _open(session, served, "Ana Lee")
                await read_until(ana, "Checked: ready")
                assert await _statuses(served, served.token("Bo Chen")) == (503, 503)
                for keys, shown in (("\r", "Start"), ("\r", "Work queue"), ("\r", "Answer")):
                    await press(ana, keys)
                    await read_until(ana, shown)
                await press(ana, CTRL_S)
                await read_until(ana, "Save this answer?")
                await press(ana, "y")
                await read_until(ana, "closed by the server", seconds=60)
                assert ana.closed

        asyncio.run(play())
        assert "a session closed after 0.1 idle minutes" in served.output()
    store = Store(served.store, create=False)
    try:
        (attempt,) = store.attempts()
        answers = [e.item for e in store.events(attempt.id) if e.type == "answer"]
    finally:
        store.close()
    assert attempt.trainee == "Ana Lee" and answers == ["audit-1"]


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads /proc (Linux)")
def test_a_refused_link_starts_no_process(tmp_path: Path) -> None:
    with class_server(tmp_path) as served:
        assert asyncio.run(_statuses(served, "x" * 32)) == (403, 403)
        assert children(served.process.pid) == []


def test_without_a_roster_anyone_may_play_under_a_typed_name_and_the_server_says_so(
    tmp_path: Path,
) -> None:
    with class_server(tmp_path, roster=False) as served:

        async def play() -> str:
            async with aiohttp.ClientSession() as session:
                assert await _status(session, served.url + "/") == 200
                ws = await opened(await session.ws_connect(served.url + "/ws?width=120&height=40"))
                await read_until(ws, "Checked: ready")
                await press(ws, "\r")
                shown = await read_until(ws, "Who is playing?")
                status = served.recsim("serve", "status").stdout
                assert "a session without a link (its name is typed in recsim)" in status
                await ws.close()
                return shown

        assert "Who is playing?" in asyncio.run(play())  # the name box, as in a terminal
    assert "no roster: anyone who can reach 127.0.0.1:" in served.output()

"""One browser session's app process: textual-serve's, told its trainee and timing key presses."""

from __future__ import annotations

import asyncio
import contextlib
import time
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import cast

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from recsim.session.serving import TRAINEE_VARIABLE
from recsim.web.forks import ForkServer

STOP_SECONDS = 5.0
"""How long an app process has to exit when its session is ended before it is killed."""


class ServedApp(AppService):
    """An app process for one session, with extra environment and the time of the last key."""

    def __init__(
        self,
        command: str,
        *,
        trainee: str,
        forks: ForkServer | None,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[None]],
        download_manager: DownloadManager,
    ) -> None:
        super().__init__(
            command,
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=download_manager,
        )
        self._trainee = trainee
        self._forks = forks
        self._last_key = time.monotonic()
        self._last_key_wall = datetime.now(UTC)

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment[TRAINEE_VARIABLE] = self._trainee
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """Fork the app warm when the fork server is ready; else start it afresh."""
        if self._forks is not None:
            try:
                forked = await self._forks.fork(self._trainee, width, height)
            except OSError:
                pass  # the fork server is still warming up, or gone: the slow way
            else:
                self._stdin = forked.stdin
                # textual-serve reads only the streams of a Process, which this has.
                self._process = cast(Process, forked)
                return self._process
        return await super()._open_app_process(width, height)

    async def send_bytes(self, data: bytes) -> bool:
        """Pass a key press (or click) to the app, noting when it came."""
        self._last_key = time.monotonic()
        self._last_key_wall = datetime.now(UTC)
        return await super().send_bytes(data)

    def idle_seconds(self) -> float:
        """Seconds since the trainee last pressed a key or clicked (or since the start)."""
        return time.monotonic() - self._last_key

    def last_key_at(self) -> str:
        """When the trainee last pressed a key (UTC, ISO 8601)."""
        return self._last_key_wall.isoformat(timespec="seconds")

    async def end(self) -> None:
        """End the session from the server's side: close the browser's connection, then stop
        the app (every answer is already saved), killing it if it does not exit in time.

        The connection goes first: a tab that has stopped reading (asleep, or gone) would
        otherwise hold the app's last frames, and the app, for as long as it liked.
        """
        with contextlib.suppress(Exception):  # already closed, or the browser is gone
            await asyncio.wait_for(self.remote_close(), 2.0)
        try:
            await asyncio.wait_for(self.stop(), STOP_SECONDS)
        except TimeoutError:
            process = self._process
            if process is not None and process.returncode is None:
                process.kill()

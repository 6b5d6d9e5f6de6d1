"""The class server: textual-serve's page and websocket, behind recsim's own door.

textual-serve starts one app process per websocket. In front of it this server
admits only a trainee's own link (checked before any process starts), runs at most
one session per trainee and ``max_sessions`` in all, closes sessions left idle, keeps
the status file ``recsim serve status`` reads, and serves nothing but the page, its
static files and the websocket. Nothing it logs names a trainee or carries a token:
there is no access log, and its own lines count sessions only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shlex
import signal
import socket
import sys
import uuid
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp.web_runner import GracefulExit
from textual_serve.server import Server, to_int

from recsim.core.seeds import normalize_trainee
from recsim.session.access import LINK_PATH, AccessList
from recsim.session.errors import UserError
from recsim.session.online import OnlineSession, ServerStatus, now, write_status
from recsim.session.serving import ServeRequest
from recsim.web import pages
from recsim.web.forks import ForkServer
from recsim.web.sessions import ServedApp

log = logging.getLogger("recsim.serve")
TEMPLATES = Path(__file__).parent / "templates"
TICK = 10.0
"""Seconds between idle checks and status-file updates."""
WARM_AFTER = 0.5
"""Seconds after start-up before the fork server starts (the port is open by then)."""


@dataclass
class Session:
    """One browser session and its app process."""

    trainee: str
    service: ServedApp
    since: str = field(default_factory=now)


class ClassServer(Server):
    """textual-serve's server with recsim's admission, limits and status."""

    def __init__(self, request: ServeRequest) -> None:
        command = [sys.executable, "-m", "recsim.tui.served", "--store", str(request.store)]
        for folder in request.folders:
            command += ["--dir", str(folder)]
        super().__init__(
            shlex.join(command),
            host=request.host,
            port=request.port,
            title="recsim",
            public_url=request.public_url,
            templates_path=TEMPLATES,
        )
        self.request = request
        self.sessions: dict[str, Session] = {}
        """Open sessions by trainee (or, without a roster, by a random key)."""
        self._access: AccessList | None = None
        self._access_stamp: float | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._forks = ForkServer(request)
        self._warming: asyncio.Task[None] | None = None
        self._warm_soon: asyncio.TimerHandle | None = None

    def initialize_logging(self) -> None:
        """Plain lines on stderr; textual-serve's own only for its warnings."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("recsim serve: %(message)s"))
        handler.addFilter(_without_traceback)
        quiet = ("textual-serve", "aiohttp")
        for name, level in (("recsim.serve", logging.INFO), *((q, logging.WARNING) for q in quiet)):
            logger = logging.getLogger(name)
            logger.handlers[:] = [handler]
            logger.setLevel(level)
            logger.propagate = False

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        if self.request.access is not None:
            routes = [
                web.get("/", self._no_link, name="index"),
                web.get(LINK_PATH, self._no_link, name="no-token"),
                web.get(LINK_PATH + "{token}", self._page, name="page"),
                web.get(LINK_PATH + "{token}/ws", self._websocket, name="websocket"),
                web.get(LINK_PATH + "{token}/ws/takeover", self._websocket, name="takeover"),
            ]
        else:
            routes = [
                web.get("/", self._page, name="page"),
                web.get("/ws", self._websocket, name="websocket"),
            ]
        app.add_routes([*routes, web.static("/static", self.statics_path, name="static")])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    # admission -------------------------------------------------------------------------------

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse a bad link before anything runs; headers that keep a token out of referrers."""
        if request.match_info.route.name in ("page", "websocket", "takeover"):
            token = request.match_info.get("token")
            if self.request.access is not None:
                trainee = self._trainee_for(token or "")
                if trainee is None:
                    return pages.page(403, pages.BAD_LINK)
                request["trainee"] = trainee
            else:
                request["trainee"] = ""
        response: web.StreamResponse = await handler(request)
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    def _trainee_for(self, token: str) -> str | None:
        """The trainee whose link carries ``token``; the access file is reread when it changes,
        so a revoked or reissued link stops working at once."""
        assert self.request.access is not None
        try:
            stamp = self.request.access.stat().st_mtime_ns
        except OSError:
            return None
        if stamp != self._access_stamp:
            try:
                self._access = AccessList.load(self.request.access)
            except UserError as error:
                log.warning("%s", error)
                return None
            self._access_stamp = stamp
        assert self._access is not None
        return self._access.trainee_for(token)

    async def _no_link(self, request: web.Request) -> web.Response:
        return pages.page(401, pages.NO_LINK)

    def _key(self, trainee: str) -> str:
        return normalize_trainee(trainee) if trainee else uuid.uuid4().hex

    async def _page(self, request: web.Request) -> web.StreamResponse:
        """The page that runs the session, or why it cannot run now."""
        trainee: str = request["trainee"]
        takeover = request.query.get("takeover") == "1"
        if trainee and normalize_trainee(trainee) in self.sessions and not takeover:
            return pages.page(409, pages.OPEN_ELSEWHERE, link=("?takeover=1", "Take it over here"))
        if len(self.sessions) >= self.request.max_sessions and not takeover:
            return pages.page(503, pages.FULL.format(limit=self.request.max_sessions))
        path = request.path.rstrip("/") + ("/ws/takeover" if takeover else "/ws")
        if self.request.access is None:
            path = "/ws"
        context = {
            "static_url": f"{self.public_url}/static/",
            "websocket_url": _websocket_scheme(self.public_url) + path,
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
        }
        response = aiohttp_jinja2.render_template("session.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    def _same_origin(self, request: web.Request) -> bool:
        """A websocket opened by a page of this server (not by another site in the browser)."""
        origin = request.headers.get("Origin")
        if origin is None:  # not a browser
            return True
        allowed = {urlsplit(self.public_url).netloc, request.host}
        return urlsplit(origin).netloc in allowed

    # sessions --------------------------------------------------------------------------------

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        """Start the trainee's app process and relay it, within the server's limits."""
        trainee: str = request["trainee"]
        if not self._same_origin(request):
            return pages.page(403, "This page belongs to another site.")
        key = self._key(trainee)
        old = self.sessions.get(key)
        if old is not None:
            if request.match_info.route.name != "takeover":
                return pages.page(409, pages.OPEN_ELSEWHERE)
            await old.service.end()
            if self.sessions.get(key) is old:
                del self.sessions[key]
            if key in self.sessions:  # another tab took it over meanwhile
                return pages.page(409, pages.OPEN_ELSEWHERE)
        if len(self.sessions) >= self.request.max_sessions:
            return pages.page(503, pages.FULL.format(limit=self.request.max_sessions))
        websocket = web.WebSocketResponse(heartbeat=15)
        if not websocket.can_prepare(request).ok:
            return pages.page(400, "This address is the recsim page's own connection.")
        service = ServedApp(
            self.command,
            trainee=trainee,
            forks=self._forks,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=partial(_close, websocket),
            download_manager=self.download_manager,
        )
        session = self.sessions[key] = Session(trainee, service)
        self._write_status()
        log.info("a session opened (%d online)", len(self.sessions))
        try:
            await websocket.prepare(request)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a browser sending garbage: its session ends, no traceback
            log.warning("a session stopped: %s", type(error).__name__)
        finally:
            await service.end()  # the app is asked to quit; killed if it does not
            if self.sessions.get(key) is session:
                del self.sessions[key]
            self._write_status()
            log.info("a session closed (%d online)", len(self.sessions))
        return websocket

    async def _tick(self) -> None:
        """Close sessions idle too long (every answer is already saved); refresh the status."""
        limit = self.request.idle_minutes * 60
        while True:
            await asyncio.sleep(min(TICK, limit / 4))
            for session in list(self.sessions.values()):
                if session.service.idle_seconds() > limit:
                    log.info("a session closed after %g idle minutes", self.request.idle_minutes)
                    await session.service.end()
            self._write_status()

    def _write_status(self) -> None:
        sessions = [
            OnlineSession(s.trainee, s.since, s.service.last_key_at())
            for s in self.sessions.values()
        ]
        status = ServerStatus(
            os.getpid(),
            self.public_url,
            now(),
            self.request.max_sessions,
            sessions,
            warm=self._forks.ready,
        )
        try:
            write_status(self.request.status, status)
        except UserError as error:
            log.warning("%s", error)

    # start and stop --------------------------------------------------------------------------

    async def on_startup(self, app: web.Application) -> None:
        """Say where the server is, and what anyone who reaches it can do."""
        where = f"{self.host}:{self.port}"
        log.info("serving %s (listening on %s); Ctrl+C stops it", self.public_url, where)
        if self.request.access is None:
            log.warning(
                "no roster: anyone who can reach %s can play, under any name they type; "
                "give --roster FILE for a link per trainee",
                where,
            )
        if self.host not in ("127.0.0.1", "localhost", "::1"):
            log.warning("listening beyond this machine: put it behind HTTPS (docs/instructors.md)")
        self._write_status()
        self._ticker = asyncio.create_task(self._tick())
        # Once the port is open (aiohttp binds it after this): a port already taken must not
        # leave a fork server behind.
        self._warm_soon = asyncio.get_running_loop().call_later(WARM_AFTER, self._begin_warm_up)

    def _begin_warm_up(self) -> None:
        self._warming = asyncio.create_task(self._warm_up())

    async def _warm_up(self) -> None:
        await self._forks.start()
        if self._forks.ready:
            log.info("sessions now start warm (recsim loaded and the scenarios checked once)")
        else:
            log.warning("the warm start failed: each session starts afresh (slower)")
        self._write_status()

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every session (their work is saved) and remove the status file."""
        if self._ticker is not None:
            self._ticker.cancel()
        await asyncio.gather(*(s.service.end() for s in list(self.sessions.values())))
        if self._warm_soon is not None:
            self._warm_soon.cancel()
        if self._warming is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._warming  # let a fork server being started finish starting, to stop it
        await self._forks.stop()
        self.request.status.unlink(missing_ok=True)


def _without_traceback(record: logging.LogRecord) -> bool:
    """Log the line only: a traceback's frames may hold a request's address, token and all."""
    record.exc_info = None
    record.exc_text = None
    record.stack_info = None
    return True


async def _close(websocket: web.WebSocketResponse) -> None:
    await websocket.close()


def _websocket_scheme(url: str) -> str:
    """The websocket address of the server at ``url`` (ws: or wss: after a proxy's https)."""
    scheme, rest = url.split(":", 1)
    return ("wss:" if scheme == "https" else "ws:") + rest


def run_server(request: ServeRequest) -> int:
    """Serve until Ctrl+C (or SIGTERM); returns the exit status."""
    _check_port(request)
    server = ClassServer(request)
    server.initialize_logging()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows has no loop signal handlers
            loop.add_signal_handler(signal_number, server.request_exit)
    try:
        web.run_app(
            server._make_app(),
            host=request.host,
            port=request.port,
            handle_signals=False,
            loop=loop,
            print=lambda *_: None,
            access_log=None,  # an access log would hold every link's token
        )
    except GracefulExit:
        pass
    except OSError as error:
        raise _port_error(request, error) from None
    finally:
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(signal_number)
        asyncio.set_event_loop(None)
        loop.close()
    return 0


def _check_port(request: ServeRequest) -> None:
    """Refuse a port that is taken before anything starts."""
    try:
        infos = socket.getaddrinfo(request.host, request.port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as error:
        raise _port_error(request, error) from None


def _port_error(request: ServeRequest, error: OSError) -> UserError:
    return UserError(
        f"cannot listen on {request.host} port {request.port}: {error.strerror or error}"
        " (is another server using it? choose another with --port)"
    )

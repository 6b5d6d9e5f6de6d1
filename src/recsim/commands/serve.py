"""``recsim serve``: recsim for a class in the browser; ``serve links`` and ``serve status``.

The server itself is :mod:`recsim.web`; this module checks the options, issues the
trainees' links from the roster (:mod:`recsim.session.access`) and returns a
:class:`ServeRequest` that ``recsim.cli`` hands to the server.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from recsim.commands.classlist import read_roster_option
from recsim.commands.common import UserError, store_option
from recsim.session.serving import ServeRequest

if TYPE_CHECKING:  # the links' modules load only for a serve command, not for every command
    from recsim.session.access import AccessList


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = commands.add_parser(
        "serve",
        help="serve recsim to a class in their browsers (links per trainee with --roster)",
        description="Serve the scenario picker to browsers. With --roster each trainee gets "
        "a link of their own; without, anyone who can reach the port plays under a typed name.",
    )
    _serve_options(serve)
    actions = serve.add_subparsers(dest="serve_action", metavar="ACTION", title="actions")
    links = actions.add_parser("links", help="issue, list, reissue or revoke the trainees' links")
    links.add_argument("--roster", metavar="FILE", help="issue a link to everyone on this list")
    links.add_argument(
        "--reissue", action="append", default=[], metavar="NAME", help="a new link for NAME"
    )
    links.add_argument(
        "--revoke", action="append", default=[], metavar="NAME", help="NAME's link stops working"
    )
    links.add_argument("--public-url", metavar="URL", help="the address the links start with")
    links.add_argument("--links", metavar="FILE", help="the links file to write")
    store_option(links)
    links.set_defaults(run=run_links)
    status = actions.add_parser("status", help="who is online on the class server, and how far")
    store_option(status)
    status.set_defaults(run=run_status)
    serve.set_defaults(run=run_serve)


def _serve_options(serve: argparse.ArgumentParser) -> None:
    serve.add_argument(
        "--roster",
        metavar="FILE",
        help="class list (as for 'recsim grade --roster'): each trainee gets a link, and only "
        "links open the server",
    )
    serve.add_argument(
        "--scenarios", action="append", default=[], metavar="DIR", help="also list DIR's scenarios"
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address trainees open, such as https://recsim.example.org behind a proxy",
    )
    serve.add_argument(
        "--links", metavar="FILE", help="where to write the links (default: beside the roster)"
    )
    serve.add_argument(
        "--max-sessions",
        type=int,
        default=40,
        metavar="N",
        help="most sessions at once (default 40)",
    )
    serve.add_argument(
        "--idle-minutes",
        type=float,
        default=30.0,
        metavar="MINUTES",
        help="close a session after this long without a key press (default 30)",
    )
    store_option(serve)


def run_serve(args: argparse.Namespace) -> ServeRequest:
    """Check the options, issue any missing links, and ask for the server."""
    from recsim.core.paths import store_path
    from recsim.session.access import AccessList, access_path, status_path

    if not 1 <= args.port <= 65535:
        raise UserError(f"--port {args.port}: a port is a number from 1 to 65535", status=2)
    if args.max_sessions < 1:
        raise UserError("--max-sessions: at least 1", status=2)
    if args.idle_minutes <= 0:
        raise UserError("--idle-minutes: more than 0", status=2)
    for folder in args.scenarios:
        if not Path(folder).is_dir():
            raise UserError(f"--scenarios {folder}: no such folder", status=2)
    store = store_path(getattr(args, "store", None))
    if not store.parent.is_dir():
        raise UserError(f"--store {store}: the folder {store.parent} does not exist", status=2)
    url = _public_url(args.public_url, args.host, args.port)
    access = None
    if args.roster:
        access = access_path(store)
        listed = AccessList.load(access)
        listed.public_url = url
        added, links = _issue_roster(args, listed)
        print(
            f"recsim serve: {len(listed.hashes)} trainees have links ({len(added)} new); "
            f"the links are in {links}",
            file=sys.stderr,
        )
    return ServeRequest(
        store=store,
        host=args.host,
        port=args.port,
        public_url=url,
        access=access,
        status=status_path(store),
        folders=[Path(f) for f in args.scenarios],
        max_sessions=args.max_sessions,
        idle_minutes=args.idle_minutes,
    )


def _public_url(given: str | None, host: str, port: int) -> str:
    if given:
        parts = urlsplit(given)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UserError(
                f"--public-url {given}: give the whole address, such as https://recsim.example.org",
                status=2,
            )
        return given.rstrip("/")
    try:
        shown = f"[{host}]" if ipaddress.ip_address(host).version == 6 else host
    except ValueError:
        shown = host
    return f"http://{shown}:{port}"


def _issue_roster(args: argparse.Namespace, access: AccessList) -> tuple[list[str], Path]:
    """Links for everyone on the roster who has none; returns who got one, and the links file."""
    from recsim.session.access import read_links

    roster = read_roster_option(args)
    assert roster is not None
    links = _links_path(args, access, roster.path)
    tokens = read_links(links, access)
    added = []
    for student in roster.students:
        listed = access.name_of(student.name)
        if listed is None or listed not in tokens:
            tokens[student.name] = access.issue(student.name)
            added.append(student.name)
    _write(access, tokens, links)
    return added, links


def _links_path(args: argparse.Namespace, access: AccessList, roster: Path | None) -> Path:
    if args.links:
        return Path(args.links)
    if roster is not None:
        return roster.with_name(roster.stem + "-links.csv")
    if access.links_file:
        return Path(access.links_file)
    return access.path.with_name(access.path.name.replace(".access.json", "-links.csv"))


def _write(access: AccessList, tokens: dict[str, str], links: Path) -> None:
    from recsim.session.access import links_csv, write_private

    access.links_file = str(links.resolve())
    write_private(links, links_csv(access, tokens))
    access.save()


def run_links(args: argparse.Namespace) -> int:
    """Issue, reissue or revoke links, or list who has one."""
    from recsim.core.paths import store_path
    from recsim.session.access import AccessList, access_path, read_links

    access = AccessList.load(access_path(store_path(getattr(args, "store", None))))
    if args.public_url:
        access.public_url = _public_url(args.public_url, "", 0)
    if not (args.roster or args.reissue or args.revoke):
        return _list_links(access)
    links = _links_path(args, access, Path(args.roster) if args.roster else None)
    if args.roster:
        added, links = _issue_roster(args, access)
    tokens = read_links(links, access)
    if args.roster:
        for name in added:
            print(f"{name}: {access.link(tokens[name])}")
    for name in args.revoke:
        listed = access.revoke(name)
        if listed is None:
            raise UserError(f"--revoke {name}: no one of that name has a link", status=2)
        tokens.pop(listed, None)
        print(f"revoked the link of {listed}")
    for name in args.reissue:
        listed = access.name_of(name)
        if listed is None:
            raise UserError(
                f"--reissue {name}: no one of that name has a link; "
                "add them to the roster and run 'recsim serve links --roster FILE'",
                status=2,
            )
        tokens[listed] = access.issue(listed)
        print(f"{listed}: {access.link(tokens[listed])}")
    _write(access, tokens, links)
    print(f"the links are in {links}", file=sys.stderr)
    return 0


def _list_links(access: AccessList) -> int:
    if not access.hashes:
        print("no links issued yet; run 'recsim serve links --roster FILE'")
        return 0
    for name in sorted(access.hashes):
        print(f"{name}: link issued {access.issued.get(name) or '(date unknown)'}")
    where = access.links_file or "(not written)"
    print(f"{len(access.hashes)} links; the links file is {where}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Who is online and how far each is (from the server's status file and the store)."""
    from recsim.core.paths import store_path
    from recsim.core.store import Store
    from recsim.session.access import status_path
    from recsim.session.online import progress, read_status, running

    store_file = store_path(getattr(args, "store", None))
    status = read_status(status_path(store_file))
    if status is None or not running(status):
        print(f"no class server is running on the store {store_file}")
        return 0
    print(
        f"serving {status.url}: {len(status.sessions)} of at most "
        f"{status.max_sessions} sessions online"
        + ("" if status.warm else " (still warming up: new sessions start slowly)")
    )
    store = Store(store_file, create=False) if store_file.exists() else None
    try:
        for session in sorted(status.sessions, key=lambda s: s.trainee.casefold()):
            idle = _minutes_since(session.last_key)
            if not session.trainee:  # no roster: the name is typed inside the session
                where = "a session without a link (its name is typed in recsim)"
            else:
                done = progress(store, session.trainee) if store else "no attempt yet"
                where = f"{session.trainee}: {done}"
            print(f"  {where}; last key {idle} min ago")
    finally:
        if store is not None:
            store.close()
    return 0


def _minutes_since(stamp: str) -> int:
    try:
        then = datetime.fromisoformat(stamp)
    except ValueError:
        return 0
    return max(0, int((datetime.now(UTC) - then).total_seconds() // 60))

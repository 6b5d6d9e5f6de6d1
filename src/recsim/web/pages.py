"""The short pages the class server answers with when it does not start a session."""

from __future__ import annotations

from html import escape

from aiohttp import web

NO_LINK = (
    "This recsim server opens only from a trainee's own link. "
    "Open the link your instructor gave you."
)
BAD_LINK = (
    "This link does not open recsim: it may have been mistyped, replaced by a new one or "
    "withdrawn. Ask your instructor for your link."
)
FULL = (
    "The class server is full ({limit} sessions are open). "
    "Try again in a few minutes, or ask your instructor."
)
OPEN_ELSEWHERE = (
    "Your attempt is open in another tab or browser. Close it there and reload this page, "
    "or take it over here (the other tab then stops)."
)


def page(status: int, text: str, *, link: tuple[str, str] | None = None) -> web.Response:
    """A plain page with one message (and at most one link), never cached."""
    more = f'<p><a href="{escape(link[0])}">{escape(link[1])}</a></p>' if link else ""
    body = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="referrer" content="no-referrer"><title>recsim</title></head>'
        '<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto">'
        f"<p>{escape(text)}</p>{more}</body></html>"
    )
    return web.Response(
        status=status,
        text=body,
        content_type="text/html",
        headers={"Cache-Control": "no-store"},
    )

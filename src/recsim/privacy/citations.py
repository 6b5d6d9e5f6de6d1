"""Citations as feedback prints them: several rules joined into one short line."""

from __future__ import annotations

import re
from collections.abc import Iterable

_TITLE = re.compile(r"^(\d+\s+CFR|\d+\s+U\.S\.C\.)\s+(.+)$")


def join_cites(cites: Iterable[str]) -> str:
    """Join citations, dropping repeats and repeated titles.

    ``["45 CFR 164.506(c)(2)", "45 CFR 164.508(a)(2)", "42 CFR 2.31; 2.33"]``
    becomes ``"45 CFR 164.506(c)(2); 164.508(a)(2); 42 CFR 2.31; 2.33"``. A part
    without a title (``2.33`` above) belongs to the title before it.
    """
    groups: dict[str, list[str]] = {}
    for cite in cites:
        title = ""
        for part in (p.strip() for p in cite.split(";")):
            if not part:
                continue
            match = _TITLE.match(part)
            if match:
                title, part = match.group(1), match.group(2)
            sections = groups.setdefault(title, [])
            if part not in sections:
                sections.append(part)
    pieces = []
    for title, sections in groups.items():
        head, *rest = sections
        pieces.append(" ".join(filter(None, (title, head))))
        pieces.extend(rest)
    return "; ".join(pieces)

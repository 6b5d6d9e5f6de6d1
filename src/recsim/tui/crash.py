"""When recsim itself fails in the terminal UI: a crash report file and one line on screen.

A traceback on a trainee's screen helps nobody there, so the app hands any unhandled
error to :func:`write_report`, Textual restores the terminal as it closes, and the
command prints :meth:`Crash.line` (naming the file) and exits 1. The report holds
what a maintainer needs to find the fault (the traceback without local variables,
the versions, which screens were open, the scenario) and not what the trainee entered:
no answers and no command line (it carries ``--trainee``). An exception's message is the
code's own words but may quote a value, so the trainee's name is masked wherever it shows.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from recsim import __version__
from recsim.core.paths import log_dir

MAX_MESSAGE = 2000
"""Characters kept of each exception's message (the code's own words, not the trainee's)."""


@dataclass(frozen=True)
class Crash:
    """An error that stopped the app, and where its report went (None if nowhere was writable)."""

    kind: str
    report: Path | None

    def line(self) -> str:
        """What the trainee sees: one line, no traceback."""
        if self.report is None:
            return (
                f"stopped on an internal error ({self.kind}) and could not write a crash "
                "report; run the same command again to carry on where your work was saved"
            )
        return (
            f"stopped on an internal error ({self.kind}); the details are in {self.report} "
            "(please pass that file on). Run the same command again to carry on"
        )


def write_report(
    error: BaseException, *, screens: Sequence[str], scenario: str | None = None, trainee: str = ""
) -> Crash:
    """Write the crash report to the log folder (the temporary folder if that fails)."""
    text = report_text(error, screens=screens, scenario=scenario)
    if trainee.strip():
        text = text.replace(trainee, "<trainee>")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"crash-{stamp}-{os.getpid()}.txt"
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            # Exclusive and private: never overwrite a file, never show it to other users.
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as out:
                out.write(text)
        except OSError:
            continue
        return Crash(type(error).__name__, path)
    return Crash(type(error).__name__, None)


def report_text(error: BaseException, *, screens: Sequence[str], scenario: str | None) -> str:
    """The report: when, versions, where the app was, and the traceback."""
    lines = [
        "recsim crash report",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"recsim: {__version__}",
        f"textual: {_version('textual')}",
        f"python: {sys.version.split()[0]} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
        f"scenario: {scenario or '(none yet)'}",
        f"screens: {' > '.join(screens) or '(none)'}",
        "",
    ]
    for chunk in traceback.format_exception(error):
        lines.append(_trimmed(chunk.rstrip("\n")))
    return "\n".join(lines) + "\n"


def _trimmed(chunk: str) -> str:
    return chunk if len(chunk) <= MAX_MESSAGE else chunk[:MAX_MESSAGE] + " [...]"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"

"""Reading a results file for grading: its shape checked, every problem one sentence.

A results file comes from a trainee's machine, so it is read like any other
untrusted input: size-capped, UTF-8 only, no recursion blow-up, and every
field checked against :class:`recsim.core.results.ResultsDocument`, the model
the writer writes. Whether the
content *holds* (digest, event chain, timestamps) is
:mod:`recsim.core.grading.evidence`'s job; this module only says whether the
file can be read at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from recsim.core.files import FileRefused, read_bytes
from recsim.core.results import RESULTS_FORMAT, ResultsDocument, ResultsEvent

__all__ = [
    "MAX_RESULTS_BYTES",
    "ResultsDocument",
    "ResultsEvent",
    "ResultsFile",
    "UnreadableResults",
    "read_results",
    "read_results_text",
]

MAX_RESULTS_BYTES = 256 * 1024 * 1024
"""Largest results file read: above the largest recsim writes (a 100,000-item exam, the most
a scenario may have, writes about 160 MiB), and a bound on what a hostile file can cost."""


@dataclass(frozen=True)
class ResultsFile:
    """A results file that could be read: its raw JSON (for digests) and its checked shape."""

    path: Path
    raw: dict[str, Any]
    document: ResultsDocument


class UnreadableResults(Exception):
    """A results file that cannot be graded at all; the message is one line for the instructor."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def read_results(path: Path) -> ResultsFile:
    """Read and shape-check one results file, or raise :class:`UnreadableResults`."""
    return read_results_text(path, _text_of(path, _bytes_of(path)))


def read_results_text(path: Path, text: str) -> ResultsFile:
    """Shape-check the text of a results file (``path`` names it in messages)."""
    data = _json_of(path, text)
    if not isinstance(data, dict):
        raise UnreadableResults(path, "is not a recsim results file (expected a JSON object)")
    if "recsim_results" not in data:
        if "recsim_answers" in data:
            raise UnreadableResults(
                path,
                "is an answers file, not a results file; score it with "
                "'recsim play SCENARIO --answers FILE'",
            )
        raise UnreadableResults(
            path, "is not a recsim results file (it has no 'recsim_results' key)"
        )
    version = data["recsim_results"]
    if isinstance(version, int) and not isinstance(version, bool) and version > RESULTS_FORMAT:
        raise UnreadableResults(
            path,
            f"was written by a newer recsim (results format {version}); upgrade recsim to grade it",
        )
    try:
        document = ResultsDocument.model_validate(data)
    except ValidationError as error:
        raise UnreadableResults(path, _first_problem(error)) from None
    return ResultsFile(path, data, document)


def _bytes_of(path: Path) -> bytes:
    try:
        return read_bytes(path, MAX_RESULTS_BYTES, what="results file")
    except FileRefused as refused:
        if refused.folder:
            raise UnreadableResults(
                path, "is a folder; name the folder itself to grade every .json file in it"
            ) from None
        raise UnreadableResults(path, refused.reason) from None


def _text_of(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableResults(
            path, f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def _json_of(path: Path, text: str) -> Any:
    if not text.strip():
        raise UnreadableResults(path, "is empty")
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except _NotANumber as error:
        raise UnreadableResults(
            path, f"contains {error}, which is not a number recsim writes"
        ) from None
    except json.JSONDecodeError as error:
        raise UnreadableResults(
            path, f"is not valid JSON at line {error.lineno}, column {error.colno} ({error.msg})"
        ) from None
    except RecursionError:
        raise UnreadableResults(path, "is nested too deeply to be a results file") from None
    try:
        # A "\ud800" escape decodes to half a character that no file or terminal can hold.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise UnreadableResults(
            path, "contains text that is not valid Unicode (a lone surrogate escape)"
        ) from None
    except RecursionError:
        raise UnreadableResults(path, "is nested too deeply to be a results file") from None
    return data


class _NotANumber(ValueError):
    pass


def _no_constant(name: str) -> Any:
    # Python's JSON reader accepts NaN and Infinity, which no JSON writer should produce.
    raise _NotANumber(name)


def _first_problem(error: ValidationError) -> str:
    """The first validation problem as ``where: what`` in the file's own terms."""
    first = error.errors()[0]
    where = ""
    for step in first["loc"]:
        where += f"[{step}]" if isinstance(step, int) else (f".{step}" if where else str(step))
    message = first["msg"]
    if first["type"] == "missing":
        message = "is missing"
    elif first["type"] == "extra_forbidden":
        message = "is not a key of a results file"
    elif first["type"] == "literal_error" and where == "recsim_results":
        message = f"must be {RESULTS_FORMAT} (the results format this recsim reads)"
    elif first["type"].startswith(("datetime", "timezone")):
        message = "is not a time as recsim writes it (such as 2026-03-02T09:00:00+00:00)"
    elif first["type"] == "string_pattern_mismatch":
        message = "is not in the form recsim writes"
    else:
        message = message.removeprefix("Value error, ")
        message = message[0].lower() + message[1:]
    return f"{where}: {message}" if where else message

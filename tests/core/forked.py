"""Running a piece of a test in forked processes, so many start at once without paying
for Python and recsim's imports each time (the parent has loaded them already)."""

from __future__ import annotations

import os
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

if not hasattr(os, "fork"):  # pragma: no cover - Windows
    pytest.skip("these tests fork processes", allow_module_level=True)


@dataclass
class Child:
    """A forked process, its go signal and its report."""

    pid: int
    go: int
    """Write end of the pipe it waits on before starting."""
    report: Path
    """Where it writes what went wrong (empty when all went well)."""

    def start(self) -> None:
        os.write(self.go, b"g")
        os.close(self.go)

    def wait(self) -> int:
        """Its exit status (negative: killed by that signal)."""
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)

    def kill(self) -> int:
        os.kill(self.pid, signal.SIGKILL)
        return self.wait()


def fork(work: Callable[[], None], report: Path, *, ready: int | None = None) -> Child:
    """Fork a process that waits for :meth:`Child.start`, runs ``work`` and exits 0, or writes
    the error to ``report`` and exits 1. With ``ready`` (a pipe's write end), ``work`` may
    write to it to tell the parent a moment has come."""
    wait_end, go_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(go_end)
            os.read(wait_end, 1)
            work()
            code = 0
        except BaseException:
            report.write_text(traceback.format_exc(), encoding="utf-8")
        finally:
            os._exit(code)
    os.close(wait_end)
    return Child(pid, go_end, report)


def wait_all(children: list[Child], timeout: float = 60) -> list[int]:
    """Exit statuses of every child (killing any still running after ``timeout``)."""
    deadline = time.monotonic() + timeout
    statuses = []
    for child in children:
        while True:
            done, status = os.waitpid(child.pid, os.WNOHANG)
            if done:
                statuses.append(os.waitstatus_to_exitcode(status))
                break
            if time.monotonic() > deadline:
                statuses.append(child.kill())
                break
            time.sleep(0.01)
    return statuses

"""Fixtures for the terminal UI tests: a private store, a fixed clock, a frozen timer.

``frozen`` pins the attempt's working-time clock and its ids, so a countdown or
a results path drawn into a snapshot is the same on every run.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from recsim.core.scenario import LoadedScenario
from recsim.core.store import Store
from recsim.session.checks import load_playable
from recsim.tui.app import RecsimApp, create_app
from tests.conftest import DATA, SCENARIOS

SNAPSHOT_RESULTS = Path("/tmp/recsim-tui-snapshots/results")
"""Results folder of snapshot tests: fixed, because the results screen shows the path."""


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Pilot tests) in a fresh event loop, without an async plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def fixed_clock() -> datetime:
    return datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class WorkingClock:
    """Stands in for time.monotonic inside recsim.core.attempt: moves only when a test says so."""

    now: float = 1000.0

    def monotonic(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[WorkingClock]:
    """Freeze the attempt's timer and make attempt ids predictable."""
    import recsim.core.attempt as attempt_module

    clock = WorkingClock()
    counter = itertools.count(1)
    monkeypatch.setattr(attempt_module, "time", SimpleNamespace(monotonic=clock.monotonic))
    monkeypatch.setattr(
        attempt_module, "uuid", SimpleNamespace(uuid4=lambda: uuid.UUID(int=next(counter)))
    )
    yield clock


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "attempts.sqlite3")
    yield opened
    opened.close()


TUI_DATA = DATA / "tui"


def scenario(name: str | Path) -> LoadedScenario:
    """A bundled scenario by name, or a scenario (or sealed form) file by path."""
    return load_playable(name if isinstance(name, Path) else SCENARIOS / f"{name}.yaml")


@pytest.fixture
def make_app(store: Store, tmp_path: Path) -> Callable[..., RecsimApp]:
    """``make_app("tutorial")``: the app as the CLI builds it, on a private store."""

    def build(
        name: str | Path | None = None,
        *,
        trainee: str = "Ana",
        results: Path | None = None,
        folders: tuple[Path, ...] = (),
        bundled: list[Path] | None = None,
    ) -> RecsimApp:
        return create_app(
            store=store,
            scenario=scenario(name) if name else None,
            trainee=trainee,
            folders=folders,
            bundled=bundled,
            clock=fixed_clock,
            results_folder=results or tmp_path / "results",
        )

    return build

"""The domain core never imports the terminal UI (DESIGN.md, STYLE.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contract_holds() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_importing_the_core_and_scoring_a_scenario_loads_no_textual() -> None:
    code = (
        "import sys, recsim.core, recsim.core.generate, recsim.core.scenario, recsim.core.scoring,"
        " recsim.core.attempt, recsim.session.forms, recsim.tasks.audit, recsim.cli;"
        "from recsim.cli import main; main(['validate', 'scenarios/tutorial.yaml']);"
        "bad = sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('textual', 'rich') or m.startswith('recsim.tui'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_through_others_even_lazily() -> None:
    import grimp

    # Imports made only for type checking never run, so they cannot form a cycle.
    graph = grimp.build_graph("recsim", cache_dir=None, exclude_type_checking_imports=True)
    edges = {
        module: {m for m in graph.find_modules_directly_imported_by(module) if m != module}
        for module in graph.modules
    }
    assert _cycles(edges) == []


def test_every_registered_kind_is_in_the_independence_contract() -> None:
    import tomllib

    from recsim.session.kinds import KINDS

    config = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text("utf-8"))
    (independent,) = [
        c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "independence"
    ]
    assert sorted(set(KINDS.values()) - set(independent["modules"])) == []

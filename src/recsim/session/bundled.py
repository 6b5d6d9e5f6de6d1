"""The bundled scenario pack, for the commands and the picker alike."""

from __future__ import annotations

from pathlib import Path


def bundled_folder() -> Path:
    """The bundled scenario pack (inside the installed package, or the source tree)."""
    installed = Path(__file__).resolve().parent.parent / "scenarios"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "scenarios"


def bundled_scenarios() -> list[Path]:
    """Every bundled scenario file, by name."""
    return sorted(bundled_folder().glob("*.yaml"))

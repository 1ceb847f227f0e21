"""The bundled scenarios, and turning a SCENARIO argument (path or id) into a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.paths import scenarios_dir
from game.scenario.diagnostics import Diagnostic, ScenarioError
from game.scenario.loader import load_scenario, refuse_unless_a_file
from game.scenario.models import Scenario


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """A bundled scenario file and its validated content."""

    path: Path
    scenario: Scenario

    @property
    def id(self) -> str:
        return self.scenario.id


def bundled_paths() -> list[Path]:
    """Every bundled scenario file, sorted by file name."""
    folder = scenarios_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def bundled() -> list[CatalogEntry]:
    """Every bundled scenario, loaded (raises ScenarioError if one is broken)."""
    return [CatalogEntry(p, load_scenario(p)) for p in bundled_paths()]


def resolve(ref: str) -> Path:
    """A path to an existing file, or the file of the bundled scenario with id ``ref``.

    Raises ScenarioError (one diagnostic) when neither exists.
    """
    candidate = Path(ref)
    if candidate.is_file():
        return candidate
    for path in bundled_paths():
        if path.stem == ref:
            return path
    refuse_unless_a_file(candidate, ref)  # (a bundled id wins over a folder of its name)
    known = ", ".join(p.stem for p in bundled_paths())
    looks_like_path = any(sep in ref for sep in ("/", "\\")) or ref.endswith((".yaml", ".yml"))
    reason = "no such file" if looks_like_path else "no such file or bundled scenario id"
    raise ScenarioError([Diagnostic("error", (), f"{reason} (bundled: {known})", 1, 1, ref)])


def load(ref: str) -> Scenario:
    """Load the scenario named by a path or a bundled id."""
    return load_scenario(resolve(ref))

"""The scenario file format: models, the loader with file:line:col errors, the schema.

Designers' entry points: :func:`load_scenario`, :func:`check_file`, and the CLI's
``cyberdip validate`` / ``cyberdip schema``.
"""

from game.scenario.diagnostics import Diagnostic, ScenarioError
from game.scenario.loader import (
    canonical_json,
    check_file,
    check_text,
    load_scenario,
    load_scenario_text,
    scenario_from_data,
    scenario_from_json,
    scenario_hash,
)
from game.scenario.models import Scenario

__all__ = [
    "Diagnostic",
    "Scenario",
    "ScenarioError",
    "canonical_json",
    "check_file",
    "check_text",
    "load_scenario",
    "load_scenario_text",
    "scenario_from_data",
    "scenario_from_json",
    "scenario_hash",
]

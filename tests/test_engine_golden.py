"""Golden playthroughs: a seeded all-AI game of each starter scenario, as readable text.

Each game (the scenario's own seed, every seat played by its AI) is written as the
``cyberdip run`` lines — one per turn — followed by that turn's news (with who could read
it), then the final ranking and score breakdown. The text is compared with
``tests/golden/<scenario id>.txt``; a difference means the game now plays differently.

When a change of rules or AI is *meant* to change the games, read the diff, then
regenerate the files and commit them with the change::

    UPDATE_GOLDEN=1 PYTHONPATH=. python -m pytest tests/test_engine_golden.py

(see ``tests/golden/README.md``).
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from test_engine_kit import finished

from game.engine.game import Game
from game.sim.transcript import final_lines, turn_line

GOLDEN = Path(__file__).resolve().parent / "golden"
SCENARIOS = ("tutorial", "great-powers")


def transcript(game: Game) -> str:
    """The readable text of a finished game."""
    names = game.state.world.names
    scenario = game.scenario
    lines = [
        f"# Golden playthrough of '{scenario.id}' (seed {game.seed}, every seat AI).",
        "# Regenerate with UPDATE_GOLDEN=1 (see tests/golden/README.md).",
        f"{scenario.title} — {len(scenario.nations)} nations, seed {game.seed}, "
        f"{game.state.last_turn} turns",
    ]
    previous = game.initial.stability
    for record in game.history:
        report = record.report
        lines.append(turn_line(game, report, previous))
        previous = report.stability.total
        for item in report.news:
            audience = "all" if item.to is None else ", ".join(names[k] for k in item.to)
            lines.append(f"    [{item.category} → {audience}] {item.text}")
    lines.extend(final_lines(game))
    return "\n".join(lines).rstrip() + "\n"


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_golden_playthrough(scenario_id: str) -> None:
    """A seeded all-AI game of the starter scenario reads exactly as the golden file."""
    game = finished(scenario_id)
    text = transcript(game)
    path = GOLDEN / f"{scenario_id}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=f"golden/{scenario_id}.txt",
                tofile="this run",
                n=1,
            )
        )
        pytest.fail(
            f"the {scenario_id} playthrough changed (UPDATE_GOLDEN=1 to accept; if a rule "
            "changed, bump RULES_REVISION in game/engine/rules.py too):\n" + diff[:6000]
        )


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_golden_playthrough_is_a_whole_game(scenario_id: str) -> None:
    """The golden game runs to its end and tells a story: every turn has a line."""
    game = finished(scenario_id)
    assert game.over and game.state.outcome in ("completed", "collapse")
    text = transcript(game)
    turn_lines = [line for line in text.splitlines() if re.match(r"T\s*\d+ \| stability", line)]
    assert len(turn_lines) == len(game.history)
    assert "Game over" in text

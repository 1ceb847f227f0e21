"""The after-action report (issue 6's performance bars).

Targets (see ``docs/benchmarks.md``):

- ``cyberdip report`` of a 30-turn 8-nation save (load, replay, charts, five files): <= 5 s;
- the debrief data the in-game debrief screen needs (``debrief.build`` plus key moments
  and discussion questions, from a loaded game): <= 1 s.

The save is made here: the symmetric test world (``tests/data/symmetric.yaml``) grown
to 8 nations with mixed AI personalities, played for 30 turns by the AI.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.harness import Measurement, best_of

ROOT = Path(__file__).resolve().parent.parent
SYMMETRIC = ROOT / "tests" / "data" / "symmetric.yaml"

PERSONALITIES = (
    "cooperative",
    "aggressive",
    "reciprocal",
    "opportunist",
    "defensive",
    "isolationist",
    "aggressive",
    "reciprocal",
)


def scenario_text(turns: int = 30) -> str:
    """The symmetric world with 8 nations (two more islands) and mixed personalities."""
    data = yaml.safe_load(SYMMETRIC.read_text())
    data["id"] = "symmetric-8"
    data["title"] = "Symmetric Eight"
    data["turns"] = turns
    data["nations"] += [
        {"id": "g", "name": "Galen", "capital": [340, 300]},
        {"id": "h", "name": "Holm", "capital": [660, 300]},
    ]
    for nation, personality in zip(data["nations"], PERSONALITIES, strict=True):
        nation["personality"] = personality
    return yaml.safe_dump(data, sort_keys=False)


def make_save(folder: Path, turns: int = 30) -> Path:
    """Play the 8-nation world to the end with the AI and save it; returns the path."""
    from game.ai.driver import play_ai_turn
    from game.engine.game import Game
    from game.engine.saves import save_game
    from game.scenario import load_scenario_text

    game = Game.new(load_scenario_text(scenario_text(turns)), 1)
    while not game.over:
        play_ai_turn(game, all_ai=True)
    return save_game(game, folder / "symmetric-8.json")


def bench_report() -> list[Measurement]:
    """``cyberdip report`` end to end, and the debrief data alone."""
    from game.cli import main
    from game.engine.saves import load_game
    from game.report.debrief import build
    from game.report.export import REPORT_FILES
    from game.report.moments import key_moments
    from game.report.questions import discussion_questions

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        save = make_save(folder)
        out = folder / "report"

        def report() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                status = main(["report", str(save), "--out", str(out)])
            if status != 0:
                raise RuntimeError(f"cyberdip report failed with status {status}")

        report_s = best_of(report, 3)
        html_kb = (out / "report.html").stat().st_size / 1024
        game = load_game(save)

        def debrief() -> None:
            d = build(game)
            key_moments(d)
            discussion_questions(d)

        debrief_s = best_of(debrief, 5)
        start = time.perf_counter()
        build(game)
        build_s = time.perf_counter() - start
    return [
        Measurement(
            "report",
            "cyberdip report, 30-turn 8-nation save",
            report_s,
            "s",
            5.0,
            f"load + replay + charts + {len(REPORT_FILES)} files; report.html {html_kb:.0f} KB",
        ),
        Measurement(
            "report",
            "debrief data (build + moments + questions)",
            debrief_s,
            "s",
            1.0,
            f"build alone {1000 * build_s:.0f} ms",
        ),
    ]


BENCHMARKS = [bench_report]


if __name__ == "__main__":
    for m in bench_report():
        print(f"{m.name}: {m.value:.3g} {m.unit} (target {m.target}) {m.note}")

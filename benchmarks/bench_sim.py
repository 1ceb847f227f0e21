"""Batch simulation throughput: games per second with 1 and 2 worker processes."""

from __future__ import annotations

import os
import time

from benchmarks.bench_engine import scenario_text
from benchmarks.harness import Measurement

#: Games actually played per measurement; the 1000-game figure is extrapolated linearly
#: (games are independent, so the time per game does not depend on how many there are).
GAMES = int(os.environ.get("CYBERDIP_BENCH_GAMES", "200"))


def bench_simulate() -> list[Measurement]:
    from game.scenario import canonical_json, load_scenario_text
    from game.sim.batch import simulate

    scenario = canonical_json(load_scenario_text(scenario_text(8, 30)))
    seconds = {}
    for workers in (1, 2):
        start = time.perf_counter()
        simulate(scenario, games=GAMES, seed=1, workers=workers)
        seconds[workers] = time.perf_counter() - start
    per_1000 = {w: s * 1000 / GAMES for w, s in seconds.items()}
    return [
        Measurement(
            "simulate",
            "1000 games, 8 nations, 30 turns, 2 workers",
            per_1000[2],
            "s",
            60.0,
            f"extrapolated from {GAMES} games",
        ),
        Measurement(
            "simulate",
            "1000 games, 8 nations, 30 turns, 1 worker",
            per_1000[1],
            "s",
            None,
            f"extrapolated from {GAMES} games",
        ),
        Measurement(
            "simulate",
            "speed-up of 2 workers over 1",
            seconds[1] / seconds[2],
            "x",
            None,
            "target: at least 1.7x",
        ),
    ]


BENCHMARKS = [bench_simulate]

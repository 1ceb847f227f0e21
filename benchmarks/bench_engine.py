"""Engine and AI speed: resolving turns, whole games, memory and save size."""

from __future__ import annotations

import sys

import numpy as np

from benchmarks.harness import Measurement, best_of, median, rss_mb


def scenario_text(n: int, turns: int = 30) -> str:
    """A generated scenario with ``n`` nations, a norm and an arms-control option."""
    rng = np.random.default_rng(n)
    lines = [
        f"id: bench-{n}",
        f"title: Benchmark {n}",
        "summary: Benchmark world.",
        f"turns: {turns}",
        "map: {type: generated, width: 3000, height: 2000}",
        "norms:",
        "  - {id: ci, name: CI, description: d, forbids: [sabotage], quorum: 3}",
        "arms_control:",
        "  - {id: cap, name: Cap, description: d, offense_cap: 45}",
        "nations:",
    ]
    personalities = ["cooperative", "aggressive", "defensive", "opportunist", "reciprocal"]
    for i in range(n):
        x, y = rng.uniform(0, 3000), rng.uniform(0, 2000)
        lines.append(
            f"  - {{id: n{i}, name: Nation {i}, capital: [{x:.1f}, {y:.1f}], "
            f"personality: {personalities[i % len(personalities)]}}}"
        )
    return "\n".join(lines) + "\n"


def _game(n: int, turns: int = 30):  # type: ignore[no-untyped-def]
    from game.engine.game import Game
    from game.scenario import load_scenario_text

    return Game.new(load_scenario_text(scenario_text(n, turns)), 1)


def _random_orders(game):  # type: ignore[no-untyped-def]
    from game.ai.base import RandomPolicy, ai_rng
    from game.engine.views import PublicInfo

    shared = PublicInfo.of(game.state)
    policy = RandomPolicy()
    return {
        nid: policy.decide(game.view(i, shared), ai_rng(game.seed, game.turn, i))
        for i, nid in enumerate(game.ids)
    }


def bench_resolve() -> list[Measurement]:
    """One turn with random legal orders, for 8, 50 and 200 nations."""
    from game.engine.resolve import resolve, seed_turn

    out = []
    for n, target in ((8, 2.0), (50, 10.0), (200, 60.0)):
        game = _game(n)
        times = []
        for _ in range(8):  # a few turns in, so ledgers and incidents exist
            orders = _random_orders(game)
            state = game.state
            # Best of 5 runs of the same turn (resolve never changes its input): the
            # machine's noise only ever adds time.
            times.append(
                best_of(lambda s=state, o=orders, g=game.seed: resolve(s, o, seed_turn(g, s.turn)))
            )
            game.advance(orders)
        out.append(
            Measurement(
                "engine",
                f"resolve one turn, {n} nations",
                1000 * median(times),
                "ms",
                target,
                "median over 8 turns of the best of 5 runs, random legal orders",
            )
        )
    return out


def bench_game() -> list[Measurement]:
    """A whole 30-turn 8-nation game with random policies, headless."""

    def play() -> None:
        game = _game(8)
        while not game.over:
            game.advance(_random_orders(game))

    return [
        Measurement("engine", "30-turn 8-nation game (random orders)", best_of(play, 3), "s", 0.2)
    ]


def bench_ai() -> list[Measurement]:
    """AI orders for every nation in one turn."""
    from game.ai.driver import ai_orders

    out = []
    for n, target in ((8, 20.0), (50, 150.0), (200, 1000.0)):
        game = _game(n)
        for _ in range(3):
            game.advance(ai_orders(game, list(game.ids)))
        seconds = best_of(lambda g=game: ai_orders(g, list(g.ids)), 3)
        out.append(
            Measurement("ai", f"AI orders for all, {n} nations", 1000 * seconds, "ms", target)
        )
    return out


def bench_memory_and_saves() -> list[Measurement]:
    """State memory at 200 nations; the size of a 30-turn 8-nation save."""
    from game.ai.driver import play_ai_turn
    from game.engine.saves import save_bytes

    before = rss_mb()
    game = _game(200)
    for _ in range(3):
        game.advance(_random_orders(game))
    state_mb = _deep_size(game.state) / 1e6
    del before
    small = _game(8)
    while not small.over:
        play_ai_turn(small, all_ai=True)
    size = len(save_bytes(small)) / 1e6
    return [
        Measurement("memory", "200-nation game state", state_mb, "MB", 20.0),
        Measurement("saves", "30-turn 8-nation save", size, "MB", 1.0),
    ]


def _deep_size(state) -> int:  # type: ignore[no-untyped-def]
    total = 0
    for value in vars(state).values():
        if isinstance(value, np.ndarray):
            total += value.nbytes
    ledger = state.ledger
    total += sum(a.nbytes for a in ledger.arrays().values())
    total += sum(sys.getsizeof(r) for r in ledger.reasons)
    return total


BENCHMARKS = [bench_resolve, bench_game, bench_ai, bench_memory_and_saves]

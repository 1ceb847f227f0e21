"""Determinism: "**Same scenario, seed and orders give the same game, bit for bit.**"

DESIGN §1 Randomness: "one seeded `numpy.random.Generator` per game, derived streams per
purpose, never the global `random`." Checked three ways: the same game played twice in
this process, replayed from its recorded orders, and played in two separate Python
processes with different ``PYTHONHASHSEED`` (so any dependence on set or dict ordering
of strings, or on the global ``random``, shows up).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from test_engine_kit import REPO, bundled, finished, symmetric, world

from game.ai.base import RandomPolicy, ai_rng
from game.ai.driver import play_ai_turn
from game.engine.game import Game, replay_history
from game.engine.orders import Espionage, Sabotage, Talks
from game.engine.resolve import resolve
from game.engine.state import initial_state
from game.engine.views import view_for

#: Played in a fresh interpreter by the cross-process test; prints one hash per line.
SCRIPT = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from game.ai.driver import play_ai_turn
    from game.engine.game import Game
    from test_engine_kit import bundled, symmetric

    for name, seed, turns in (("tutorial", 11, 8), ("great-powers", 5, 6),
                              ("symmetric", 3, 6)):
        scenario = symmetric() if name == "symmetric" else bundled(name)
        game = Game.new(scenario, seed)
        for _ in range(turns):
            play_ai_turn(game, all_ai=True)
        print(name, " ".join(game.hashes()))
""")


def _ai_game(name: str, seed: int, turns: int) -> Game:
    scenario = symmetric() if name == "symmetric" else bundled(name)
    game = Game.new(scenario, seed)
    for _ in range(turns):
        play_ai_turn(game, all_ai=True)
    return game


def _in_process_lines() -> list[str]:
    out = []
    for name, seed, turns in (("tutorial", 11, 8), ("great-powers", 5, 6), ("symmetric", 3, 6)):
        out.append(f"{name} " + " ".join(_ai_game(name, seed, turns).hashes()))
    return out


@pytest.mark.parametrize("name", ["tutorial", "great-powers", "symmetric"])
def test_same_seed_same_hash_sequence(name: str) -> None:
    """The same scenario and seed, played twice by the AI, give the same state hash after
    every turn."""
    first = finished(name)
    second = Game.new(first.scenario, first.seed)
    while not second.over:
        play_ai_turn(second, all_ai=True)
    assert second.hashes() == first.hashes()
    assert len(set(first.hashes())) == len(first.hashes()), "every turn changes the state"


def test_same_orders_replay_to_the_same_hashes() -> None:
    """Replaying the recorded orders from the seed reproduces every hash (what saves,
    replays and rollback rely on)."""
    game = finished("great-powers")
    replayed = replay_history(game.initial, game.seed, game.history, check=True)
    assert [r.hash for r in replayed.history] == game.hashes()


def test_different_seeds_give_different_games() -> None:
    """The seed matters: another seed gives another game."""
    a = _ai_game("symmetric", 1, 3).hashes()
    b = _ai_game("symmetric", 2, 3).hashes()
    assert a != b


def test_the_global_random_state_plays_no_part() -> None:
    """ "never the global `random`": scrambling Python's and numpy's global generators
    between turns changes nothing."""
    reference = _ai_game("tutorial", 4, 5).hashes()
    game = Game.new(bundled("tutorial"), 4)
    for turn in range(5):
        random.seed(turn * 7919)
        np.random.seed(turn + 17)
        random.random()
        np.random.random(5)
        play_ai_turn(game, all_ai=True)
    assert game.hashes() == reference


def test_the_order_nations_are_listed_in_does_not_matter() -> None:
    """Orders are one joint action: listing the nations' orders in another order (a
    mapping in another order, or one flat list) gives the same turn."""
    scenario = symmetric()
    state = initial_state(scenario, 9)
    policy = RandomPolicy()
    orders = {
        nid: policy.decide(view_for(state, i), ai_rng(9, 1, i))
        for i, nid in enumerate(state.world.ids)
    }
    reference = resolve(state, orders)[1].state_hash
    backwards = dict(reversed(list(orders.items())))
    assert resolve(state, backwards)[1].state_hash == reference
    flat = [o for nid in reversed(list(orders)) for o in orders[nid]]
    assert resolve(state, flat)[1].state_hash == reference


def test_the_order_a_nation_lists_its_own_actions_in_does_not_matter() -> None:
    """ "Orders are simultaneous and resolved together" (DESIGN): a nation's actions are
    one joint decision, so the same set of orders gives the same turn whatever order the
    nation (or its UI) listed them in."""
    state = world(4, stats={0: {"economy": 100}})
    differing = []
    for seed in range(10):
        a = resolve(
            state,
            {"n0": [Espionage("n0", "n1"), Sabotage("n0", "n2")]},
            np.random.default_rng(seed),
        )
        b = resolve(
            state,
            {"n0": [Sabotage("n0", "n2"), Espionage("n0", "n1")]},
            np.random.default_rng(seed),
        )
        if a[1].state_hash != b[1].state_hash:
            differing.append(seed)
    talks = resolve(state, {"n0": [Talks("n0", "n1"), Talks("n0", "n2")]})[1].state_hash
    assert talks == resolve(state, {"n0": [Talks("n0", "n2"), Talks("n0", "n1")]})[1].state_hash
    assert not differing, f"listing order changed the outcome for seeds {differing}"


def test_hashes_agree_across_processes_with_different_hash_seeds(tmp_path) -> None:
    """ "bit for bit" across processes: two fresh interpreters with different
    ``PYTHONHASHSEED`` print the same hash sequences, equal to this process's."""
    script = tmp_path / "hashes.py"
    script.write_text(SCRIPT.format(tests=str(REPO / "tests")))
    runs = [
        subprocess.Popen(
            [sys.executable, str(script)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env=dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONPATH=str(REPO)),
        )
        for hash_seed in ("0", "4242")
    ]
    outputs = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr
        outputs.append(stdout.splitlines())
    assert outputs[0] == outputs[1]
    assert outputs[0] == _in_process_lines()
    assert all(len(line.split()) > 5 for line in outputs[0])


def test_turn_streams_are_the_children_spawn_would_make() -> None:
    """The turn's random streams are made lazily but must be exactly the generators
    ``rng.spawn`` makes (saves made before replay the same), also for a generator that
    has already spawned children."""
    import numpy as np

    from game.engine.context import STREAMS, Streams

    def spawned(seed: object, skip: int = 0) -> list[list[float]]:
        rng = np.random.default_rng(seed)  # type: ignore[arg-type]
        rng.spawn(skip)
        return [g.random(4).tolist() for g in rng.spawn(len(STREAMS))]

    for seed in ([7, 3], 11):
        lazy = Streams(np.random.default_rng(seed))  # type: ignore[arg-type]
        for k in (3, 0, 4, 1, 2):  # any order of first use
            assert lazy[STREAMS[k]].random(4).tolist() == spawned(seed)[k]
        used = np.random.default_rng(seed)  # type: ignore[arg-type]
        used.spawn(2)
        streams = Streams(used)
        assert [streams[p].random(4).tolist() for p in STREAMS] == spawned(seed, skip=2)
        # The parent counts the children taken, as spawn does: a generator used for a
        # second turn gives that turn fresh streams.
        again = Streams(used)
        assert [again[p].random(4).tolist() for p in STREAMS] == spawned(seed, skip=7)


def test_the_state_hash_reads_the_same_bytes_as_plain_json() -> None:
    """The hash encodes the small parts with cached incident JSON; the bytes must be
    exactly ``json.dumps(..., sort_keys=True)``'s (old saves verify against them), also
    for awkward text: an event id that is the key's own name, quotes, unicode."""
    import json

    from game.ai.driver import play_ai_turn
    from game.engine.game import Game
    from game.engine.state import _small_parts_json
    from game.scenario.catalog import load

    game = Game.new(load("archipelago"), 4)
    for _ in range(4):
        play_ai_turn(game, all_ai=True)
    state = game.state
    assert state.incident_log, "no incidents: the test proves little"
    for fired in (state.events_fired, {"incident_log": 0, 'a"b': 1, "zé\u2028": 2}):
        state.events_fired = dict(fired)
        plain = state._small_parts()
        plain["reasons"] = state.ledger.reasons
        assert _small_parts_json(state) == json.dumps(plain, sort_keys=True, separators=(",", ":"))

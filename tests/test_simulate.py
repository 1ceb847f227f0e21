"""``cyberdip simulate``: seeded batches, the same for any number of workers."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from game.scenario import canonical_json
from game.scenario.catalog import load
from game.sim.batch import game_seeds, simulate

REQUIRED = {
    "scenario": str,
    "games": int,
    "seed": int,
    "turns": int,
}
NATION_KEYS = {
    "personality",
    "score_mean",
    "win_rate",
    "infrastructure_final_mean",
    "cohesion_final_mean",
    "offense_final_mean",
    "ops_launched_mean",
    "ops_suffered_mean",
    "ops_succeeded_against_mean",
}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_per_game_seeds_come_from_one_seed_sequence() -> None:
    assert game_seeds(7, 5) == game_seeds(7, 5)
    assert game_seeds(7, 5)[:3] == game_seeds(7, 3)
    assert len(set(game_seeds(7, 50))) == 50


def test_result_is_the_same_for_any_number_of_workers() -> None:
    """ "the result is the same for every --workers\""""
    scenario = canonical_json(load("tutorial"))
    one = simulate(scenario, games=6, seed=3, workers=1)
    two = simulate(scenario, games=6, seed=3, workers=2)
    assert one.to_json() == two.to_json()


def test_json_has_the_documented_keys_and_no_timestamps(tmp_path) -> None:
    out = tmp_path / "batch.json"
    first = _cli(
        "simulate",
        "tutorial",
        "--games",
        "4",
        "--seed",
        "9",
        "--workers",
        "2",
        "--quiet",
        "--json",
        str(out),
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout == ""  # --quiet: no table
    data = json.loads(out.read_text())
    for key, kind in REQUIRED.items():
        assert isinstance(data[key], kind)
    assert data["games"] == 4 and data["seed"] == 9 and data["turns"] == 8
    assert set(data["stability"]) >= {"final_mean", "final_std", "by_turn_mean"}
    assert len(data["stability"]["by_turn_mean"]) == 8
    assert "final_mean" in data["trust"]
    assert set(data["nations"]) == {"meridia", "borealis", "austral"}
    for row in data["nations"].values():
        assert set(row) >= NATION_KEYS
    assert set(data["ops"]["launched"]) == {"espionage", "sabotage", "disinformation"}
    assert {"detected", "attributed_correctly", "misattributed"} <= set(data["ops"])
    assert {"crises", "conflicts"} <= set(data["escalations"])
    assert {
        "talks",
        "hotlines",
        "alliances_formed",
        "norms_in_force_final",
        "arms_control_in_force_final",
    } <= set(data["diplomacy"])
    assert "collapse_rate" in data["outcomes"]
    text = out.read_text()
    assert "2026" not in text and "time" not in text
    again = tmp_path / "again.json"
    second = _cli(
        "simulate",
        "tutorial",
        "--games",
        "4",
        "--seed",
        "9",
        "--workers",
        "1",
        "--quiet",
        "--json",
        str(again),
    )
    assert second.returncode == 0
    assert again.read_bytes() == out.read_bytes()


def test_table_is_printed_for_designers() -> None:
    run = _cli("simulate", "tutorial", "--games", "3", "--seed", "1")
    assert run.returncode == 0, run.stderr
    assert "win %" in run.stdout and "stability: final" in run.stdout
    for name in ("Meridia", "Borealis", "Austral"):
        assert name in run.stdout


def test_ray_backend_without_ray_is_a_clear_usage_error() -> None:
    pytest.importorskip("game")
    try:
        import ray  # noqa: F401
    except ImportError:
        run = _cli("simulate", "tutorial", "--games", "2", "--backend", "ray")
        assert run.returncode == 2
        assert run.stderr.count("\n") == 1 and "Ray" in run.stderr
        assert "Traceback" not in run.stderr
    else:  # pragma: no cover - only where ray is installed
        pytest.skip("ray is installed here")


@pytest.mark.parametrize(
    "args",
    [
        ["--games", "0"],
        ["--workers", "x"],
        ["--seed", "-3"],
        ["--backend", "mpi"],
        # absurd sizes are refused before any seed is drawn or process started
        ["--games", "100000000000"],
        ["--workers", "100000"],
    ],
)
def test_bad_arguments_are_one_line_errors(args: list[str]) -> None:
    run = _cli("simulate", "tutorial", *args)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert args[0] in run.stderr


def test_more_workers_than_games_starts_only_as_many_as_games(monkeypatch) -> None:
    """Workers beyond the number of games would sit idle: they are not started, and the
    result is the one any number of workers gives."""
    import multiprocessing

    started: list[int] = []
    real = multiprocessing.get_context

    class CountingContext:
        def __init__(self, method: str) -> None:
            self.context = real(method)

        def Pool(self, workers: int):  # (the multiprocessing name)
            started.append(workers)
            return self.context.Pool(workers)

    monkeypatch.setattr(multiprocessing, "get_context", CountingContext)
    scenario = canonical_json(load("tutorial"))
    wide = simulate(scenario, games=2, seed=5, workers=16)
    monkeypatch.undo()
    assert started == [2]
    assert wide.to_json() == simulate(scenario, games=2, seed=5, workers=1).to_json()


def test_unknown_scenario_is_an_input_error() -> None:
    run = _cli("simulate", "no-such-scenario", "--games", "1")
    assert run.returncode == 1
    assert "no-such-scenario" in run.stderr and "Traceback" not in run.stderr


def test_ray_backend_gives_the_same_result_as_local_processes() -> None:
    """ "--backend ray runs the same games ... with the same results" (only where Ray is
    installed: the optional 'cluster' extra)."""
    pytest.importorskip("ray")
    scenario = canonical_json(load("tutorial"))
    local = simulate(scenario, games=4, seed=5, workers=1)
    remote = simulate(scenario, games=4, seed=5, backend="ray")
    assert remote.to_json() == local.to_json()


def test_table_explains_its_columns_and_games_without_a_winner() -> None:
    """A shared goal nobody reaches leaves every game without a winner: the table says so."""
    from game.sim.table import balance_table

    data = json.loads(canonical_json(load("tutorial")))
    data["scoring"]["victory"] = "shared_goal"
    data["scoring"]["shared_goal"] = {"stability": 100}
    result = simulate(json.dumps(data), games=2, seed=1, workers=1, turns=2)
    lines = balance_table(result)
    assert all(row["win_rate"] == 0 for row in result.to_dict()["nations"].values())
    assert "winners: no winner in 100% of games (shared goal missed or collapse), a tie in 0%" in (
        lines
    )
    start = next(i for i, line in enumerate(lines) if line.startswith("key: "))
    key = " ".join(lines[start : start + 3])
    for column in ("security", "ops = covert operations it launched", "hit by =", "infra ="):
        assert column in key


def test_objectives_met_rates_per_objective_are_in_the_json_and_the_table() -> None:
    """A designer sees which objective a nation misses: the JSON has each objective's
    share of games met (by id), the table lists them, and they agree with the games."""
    from game.scenario.catalog import load
    from game.scenario.loader import canonical_json
    from game.sim.batch import simulate
    from game.sim.table import balance_table

    scenario = load("archipelago")
    result = simulate(canonical_json(scenario), games=4, seed=3, workers=1)
    data = result.to_dict()
    coralia = next(n for n in scenario.nations if n.id == "coralia")
    ids = [g.id for g in (*coralia.objectives, *coralia.secret_objectives)]
    rates = data["nations"]["coralia"]["objectives_met_rate"]
    assert list(rates) == ids
    i = result.nations.index("coralia")
    for g in ids:
        met = sum(g in s.objectives_met[i] for s in result.summaries)
        assert rates[g] == round(met / 4, 4)
    table = "\n".join(balance_table(result))
    assert "objectives met (share of games):" in table and f"{ids[0]} " in table


def test_incidents_of_unknown_actors_are_counted_apart_from_nations_operations() -> None:
    """The Archipelago's scripted incidents have no nation behind them: they are detected
    but launched by nobody, so the table names them instead of leaving detections above
    launches unexplained."""
    from game.sim.table import balance_table

    result = simulate(canonical_json(load("archipelago")), games=3, seed=2, workers=1)
    ops = result.to_dict()["ops"]
    launched = sum(ops["launched"].values())
    unknown = sum(sum(s.ops_suffered) - sum(s.ops_launched) for s in result.summaries)
    assert ops["by_unknown_actors"] == round(unknown / 3, 4) > 0
    assert ops["detected"] <= launched + ops["by_unknown_actors"] + 1e-9
    line = next(x for x in balance_table(result) if x.startswith("operations per game"))
    assert f"and {ops['by_unknown_actors']:.1f} by unknown actors (scripted events)" in line


def test_each_nations_slot_actions_are_in_the_json_and_each_personalitys_in_the_table() -> None:
    """A designer sees what each nation spends its action slots on: per nation in the JSON,
    per personality in the table, and the counts agree with the games' orders."""
    from game.sim.table import balance_table

    scenario = load("archipelago")
    result = simulate(canonical_json(scenario), games=3, seed=4, workers=1)
    data = result.to_dict()
    slot_kinds: dict[str, float] = {}
    for nid, row in data["nations"].items():
        rates = row["actions_per_game"]
        assert list(rates.values()) == sorted(rates.values(), reverse=True), nid
        assert "posture" not in rates and "invest" not in rates and "answer" not in rates
        for kind, rate in rates.items():
            slot_kinds[kind] = slot_kinds.get(kind, 0.0) + rate
    # Every slot action of every game is counted once, for the nation that took it.
    for kind, total in slot_kinds.items():
        taken = sum(s.actions.get(kind, 0) for s in result.summaries)
        assert abs(total * 3 - taken) < 1e-3, kind
    aggressive = data["nations"]["northreach"]
    assert aggressive["personality"] == "aggressive"
    table = balance_table(result)
    start = table.index("actions per nation per game, by personality:")
    lines = table[start + 1 :]
    line = next(x for x in lines if x.startswith("  aggressive (1 nation): "))
    top = next(iter(aggressive["actions_per_game"]))
    assert f"{top.replace('_', ' ')} {aggressive['actions_per_game'][top]:.1f}" in line
    assert any(x.startswith("  defensive (2 nations): ") for x in lines)


def test_batch_games_skip_turn_details_but_play_the_same(tmp_path) -> None:
    """A batch game skips the per-nation reports and state hashes (nothing in a batch
    reads them): the game is the same turn for turn, and it refuses to be saved, since
    a save without hashes could not be told from an edited one."""
    from game.ai.driver import play_ai_turn
    from game.engine.game import Game
    from game.engine.saves import SaveError, save_game
    from game.engine.state import state_hash

    full, light = Game.new(load("arms-race"), 3), Game.new(load("arms-race"), 3)
    light.full_reports = False
    while not full.over:
        play_ai_turn(full, all_ai=True)
        play_ai_turn(light, all_ai=True)
        assert state_hash(light.state) == full.hashes()[-1]
        kept, skipped = full.reports()[-1], light.reports()[-1]
        assert skipped.scores == kept.scores and skipped.stability == kept.stability
        assert not skipped.nations and not skipped.state_hash
    assert light.over and light.result() == full.result()
    with pytest.raises(SaveError, match="cannot be saved"):
        save_game(light, tmp_path / "batch.cyberdip")
    assert not list(tmp_path.iterdir())


def test_workers_default_to_one_per_usable_cpu_core(monkeypatch, capsys) -> None:
    """Without --workers, a batch uses every core this process may run on (the result is
    the same for any number, so only the wait changes)."""
    import os

    import game.sim.batch as batch
    from game.cli import main

    asked: list[int] = []
    real = batch.simulate

    def spy(*args, **kwargs):
        asked.append(kwargs["workers"])
        return real(*args, **{**kwargs, "workers": 1})

    monkeypatch.setattr(batch, "simulate", spy)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 2, 5}, raising=False)
    assert main(["simulate", "tutorial", "--games", "1", "--turns", "1", "--quiet"]) == 0
    assert (
        main(["simulate", "tutorial", "--games", "1", "--turns", "1", "--quiet", "--workers", "2"])
        == 0
    )
    assert asked == [3, 2]

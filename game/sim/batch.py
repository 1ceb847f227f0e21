"""Batch simulation: many seeded all-AI games of one scenario, in parallel processes.

Each game gets its own seed from ``numpy.random.SeedSequence(seed).spawn(games)``, plays
every seat with its AI (a human seat uses its scenario personality), and is summarised
as a small :class:`GameSummary`. Summaries are collected in game order and averaged, so
the result does not depend on how many workers ran the games.

Backends: local processes (``multiprocessing``), or Ray (``--backend ray``, optional
``cluster`` extra) for a cluster or a local Ray runtime.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from game.engine.types import Level


class BackendUnavailable(RuntimeError):
    """The requested backend cannot run here (e.g. Ray is not installed)."""


@dataclass
class GameSummary:
    """What one simulated game contributes to the balance table."""

    seed: int
    turns: int
    stability: list[float]
    final_trust: float
    collapsed: bool
    winners: list[int]
    scores: list[float]
    score_parts: list[dict[str, float]]
    infrastructure: list[float]
    cohesion: list[float]
    offense: list[float]
    ops_launched: list[int]
    ops_suffered: list[int]
    ops_succeeded_against: list[int]
    launched_by_kind: dict[str, int]
    detected: int
    attributed_correctly: int
    misattributed: int
    crises: int
    conflicts: int
    misattribution_escalations: int
    talks: int
    hotlines: int
    alliances_formed: int
    norms_in_force_final: int
    arms_in_force_final: int
    actions: dict[str, int] = field(default_factory=dict)  # order kinds used
    #: per nation: the orders it gave, by kind
    actions_by_nation: list[dict[str, int]] = field(default_factory=list)
    mechanics: dict[str, int] = field(default_factory=dict)  # diplomacy record kinds, events
    objectives_met: list[list[str]] = field(default_factory=list)  # per nation: ids met


def game_seeds(seed: int, games: int) -> list[int]:
    """The per-game seeds of a batch (independent streams from one SeedSequence)."""
    children = np.random.SeedSequence(seed).spawn(games)
    return [int(c.generate_state(1, dtype=np.uint64)[0] & np.uint64(2**63 - 1)) for c in children]


@cache
def _scenario(scenario_json: str) -> Any:
    from game.scenario.loader import scenario_from_json

    return scenario_from_json(scenario_json)


def play_one(scenario_json: str, seed: int, turns: int | None) -> GameSummary:
    """Play one all-AI game and summarise it (runs in a worker process)."""
    from game.ai.driver import play_ai_turn
    from game.engine.game import Game, Seat
    from game.engine.interventions import SetLastTurn

    scenario = _scenario(scenario_json)
    seats = {}
    for nation in scenario.nations:
        seats[nation.id] = Seat("ai", nation.personality, nation.difficulty, None)
    game = Game.new(scenario, seed)
    game.full_reports = False  # nothing here reads per-nation reports or state hashes
    for nation in scenario.nations:
        if nation.ai_weights is not None:
            weights = {k: v for k, v in nation.ai_weights.model_dump().items() if v is not None}
            seats[nation.id] = Seat("ai", nation.personality, nation.difficulty, weights or None)
    game.seats.update(seats)
    if turns is not None and turns != scenario.turns:
        game.intervene(SetLastTurn(last_turn=turns))
    while not game.over:
        play_ai_turn(game, all_ai=True)
    return summarise(game, seed)


def summarise(game: Any, seed: int) -> GameSummary:
    """The numbers of a finished game that the balance table averages."""
    from game.engine.trust import trust_matrix

    state = game.state
    n = state.world.n
    result = game.result()
    launched = [0] * n
    suffered = [0] * n
    succeeded = [0] * n
    by_kind: Counter[str] = Counter()
    detected = correct = wrong = 0
    crises = conflicts = spirals = 0
    mechanics: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    by_nation: list[Counter[str]] = [Counter() for _ in range(n)]
    index = state.world.index
    misattributed_pairs: dict[frozenset[int], int] = {}
    for record in game.history:
        report = record.report
        for nid, orders in record.orders.items():
            mine = by_nation[index[nid]]
            for order in orders:
                actions[order.kind] += 1
                mine[order.kind] += 1
        for op in report.operations:
            if op.attacker >= 0:
                launched[op.attacker] += 1
                by_kind[op.kind] += 1
            suffered[op.target] += 1
            succeeded[op.target] += op.success
            detected += op.detected
            correct += op.detected and op.correct
            if op.misattributed:
                wrong += 1
                misattributed_pairs[frozenset((op.target, op.blamed or 0))] = report.turn
        for e in report.escalations:
            if e.after > e.before:
                if e.after == Level.CRISIS:
                    crises += 1
                elif e.after == Level.CONFLICT:
                    conflicts += 1
                if e.after >= Level.CRISIS:
                    began = misattributed_pairs.get(frozenset((e.a, e.b)))
                    if began is not None and report.turn - began <= 3:
                        spirals += 1
        for d in report.diplomacy:
            mechanics[d.kind] += 1
        for ev in report.events:
            mechanics[f"event:{ev.event}"] += 1
        mechanics["misattribution"] += sum(op.misattributed for op in report.operations)
        mechanics["hotline_correction"] += sum(op.corrected_by_hotline for op in report.operations)
        for kind in ("espionage", "sabotage", "disinformation"):
            mechanics[kind] += sum(op.kind == kind for op in report.operations)
    trust = trust_matrix(state)
    off = ~np.eye(n, dtype=bool)
    stats = state.stats
    return GameSummary(
        seed=seed,
        turns=len(game.history),
        stability=[r.report.stability.total for r in game.history],
        final_trust=float(trust[off].mean()),
        collapsed=state.outcome == "collapse",
        winners=list(result.winners),
        scores=[s.total for s in result.scores],
        score_parts=[s.parts() for s in result.scores],
        infrastructure=stats[:, 1].tolist(),
        cohesion=stats[:, 5].tolist(),
        offense=stats[:, 2].tolist(),
        ops_launched=launched,
        ops_suffered=suffered,
        ops_succeeded_against=succeeded,
        launched_by_kind=dict(by_kind),
        detected=detected,
        attributed_correctly=correct,
        misattributed=wrong,
        crises=crises,
        conflicts=conflicts,
        misattribution_escalations=spirals,
        talks=mechanics["talks"],
        hotlines=mechanics["hotline"],
        alliances_formed=mechanics["alliance_formed"],
        norms_in_force_final=int(state.norm_in_force.sum()),
        arms_in_force_final=int(state.arms_in_force.sum()),
        actions=dict(actions),
        actions_by_nation=[dict(sorted(c.items())) for c in by_nation],
        mechanics=dict(mechanics),
        objectives_met=[list(s.objectives_met) for s in result.scores],
    )


def _play_star(task: tuple[str, int, int | None]) -> GameSummary:
    return play_one(*task)


def _run_local(
    tasks: Sequence[tuple[str, int, int | None]], workers: int, progress: bool
) -> Iterator[GameSummary]:
    bar = _progress(len(tasks), progress)
    try:
        if workers <= 1:
            for task in tasks:
                yield _play_star(task)
                bar.update(1) if bar else None
            return
        context = multiprocessing.get_context("spawn" if _threads_unsafe() else "fork")
        chunk = max(1, len(tasks) // (workers * 8))
        with context.Pool(workers) as pool:
            for summary in pool.imap(_play_star, tasks, chunksize=chunk):
                yield summary
                bar.update(1) if bar else None
    finally:
        if bar:
            bar.close()


def _threads_unsafe() -> bool:
    """Fork is fast, but unsafe once pygame or threads are running in this process."""
    import sys
    import threading

    return "pygame" in sys.modules or threading.active_count() > 1


def _run_ray(tasks: Sequence[tuple[str, int, int | None]], progress: bool) -> Iterator[GameSummary]:
    try:
        import ray
    except ImportError:
        raise BackendUnavailable(
            "--backend ray needs Ray: install the 'cluster' extra "
            "(pip install 'cyber-diplomacy[cluster]')"
        ) from None
    if not ray.is_initialized():
        import logging

        # RAY_ADDRESS (if set) points at a cluster; otherwise Ray starts a local runtime.
        ray.init(
            ignore_reinit_error=True,
            log_to_driver=False,
            include_dashboard=False,
            logging_level=logging.ERROR,
        )
    remote = ray.remote(play_one)
    futures = [remote.remote(*task) for task in tasks]
    bar = _progress(len(tasks), progress)
    try:
        for future in futures:  # in game order: the result is the same as locally
            yield ray.get(future)
            bar.update(1) if bar else None
    finally:
        if bar:
            bar.close()


def _progress(total: int, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="game", desc="simulating", leave=False)


def simulate(
    scenario_json: str,
    *,
    games: int,
    seed: int,
    workers: int = 1,
    turns: int | None = None,
    backend: str = "process",
    progress: bool = False,
) -> BatchResult:
    """Play ``games`` seeded all-AI games and aggregate them (same result for any workers)."""
    seeds = game_seeds(seed, games)
    tasks = [(scenario_json, s, turns) for s in seeds]
    workers = min(workers, len(tasks))  # a worker with no game to play is not started
    if backend == "ray":
        summaries = list(_run_ray(tasks, progress))
    elif backend == "process":
        summaries = list(_run_local(tasks, workers, progress))
    else:
        raise BackendUnavailable(f"unknown backend '{backend}' (process or ray)")
    return BatchResult.from_summaries(_scenario(scenario_json), seed, turns, summaries)


# --------------------------------------------------------------------------- aggregation


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return float(np.mean(items)) if items else 0.0


def _slot_rates(used: Counter[str], per: int) -> dict[str, float]:
    """Counts per ``per`` (games, or games times nations), most used first."""
    ranked = sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))
    return {k: _r(v / per) for k, v in ranked}


def _r(value: float) -> float:
    """Rounded for stable, readable JSON."""
    return round(float(value), 6)


@dataclass
class BatchResult:
    """Means over games, in the shape of the ``--json`` output."""

    scenario_id: str
    games: int
    seed: int
    turns: int
    nations: list[str]
    names: list[str]
    personalities: list[str]
    summaries: list[GameSummary]
    #: per nation, the ids of its objectives (public and secret), in scenario order
    objectives: list[list[str]] = field(default_factory=list)

    @classmethod
    def from_summaries(
        cls, scenario: Any, seed: int, turns: int | None, summaries: list[GameSummary]
    ) -> BatchResult:
        return cls(
            scenario.id,
            len(summaries),
            seed,
            turns or scenario.turns,
            [n.id for n in scenario.nations],
            [n.name for n in scenario.nations],
            [n.personality for n in scenario.nations],
            summaries,
            [[g.id for g in (*n.objectives, *n.secret_objectives)] for n in scenario.nations],
        )

    def win_rates(self) -> list[float]:
        n = len(self.nations)
        wins = np.zeros(n)
        for s in self.summaries:
            for w in s.winners:
                wins[w] += 1
        return (wins / max(len(self.summaries), 1)).tolist()

    def objective_rates(self, i: int) -> dict[str, float]:
        """Share of games in which nation ``i`` met each of its objectives (by id)."""
        games = max(len(self.summaries), 1)
        met = Counter(g for s in self.summaries if s.objectives_met for g in s.objectives_met[i])
        return {g: _r(met[g] / games) for g in self.objectives[i]}

    def action_rates(self, i: int) -> dict[str, float]:
        """Slot actions nation ``i`` took per game, by kind, most used first."""
        return _slot_rates(self._slot_actions([i]), max(len(self.summaries), 1))

    def _slot_actions(self, nations: Sequence[int]) -> Counter[str]:
        """Slot actions (not postures, investments, answers) of ``nations`` in all games."""
        from game.engine.orders import ORDER_TYPES

        used: Counter[str] = Counter()
        for s in self.summaries:
            if s.actions_by_nation:
                for i in nations:
                    used.update(s.actions_by_nation[i])
        return Counter({k: v for k, v in used.items() if ORDER_TYPES[k].uses_slot})

    def action_mix(self) -> dict[str, tuple[int, dict[str, float]]]:
        """Per personality (in order of first appearance): how many nations have it, and
        the slot actions one of them takes per game, by kind, most used first."""
        games = max(len(self.summaries), 1)
        members: dict[str, list[int]] = {}
        for i, personality in enumerate(self.personalities):
            members.setdefault(personality, []).append(i)
        return {
            personality: (
                len(nations),
                _slot_rates(self._slot_actions(nations), games * len(nations)),
            )
            for personality, nations in members.items()
        }

    def to_dict(self) -> dict[str, Any]:
        ss = self.summaries
        longest = max((len(s.stability) for s in ss), default=0)
        by_turn = []
        for t in range(longest):
            at = [s.stability[t] for s in ss if len(s.stability) > t]
            by_turn.append(_r(_mean(at)))
        finals = [s.stability[-1] if s.stability else 0.0 for s in ss]
        win = self.win_rates()
        nations = {}
        for i, nid in enumerate(self.nations):
            parts: dict[str, list[float]] = {}
            for s in ss:
                for k, v in s.score_parts[i].items():
                    parts.setdefault(k, []).append(v)
            nations[nid] = {
                "name": self.names[i],
                "personality": self.personalities[i],
                "score_mean": _r(_mean(s.scores[i] for s in ss)),
                "score_breakdown_mean": {k: _r(_mean(v)) for k, v in parts.items()},
                "win_rate": _r(win[i]),
                "infrastructure_final_mean": _r(_mean(s.infrastructure[i] for s in ss)),
                "cohesion_final_mean": _r(_mean(s.cohesion[i] for s in ss)),
                "offense_final_mean": _r(_mean(s.offense[i] for s in ss)),
                "ops_launched_mean": _r(_mean(s.ops_launched[i] for s in ss)),
                "ops_suffered_mean": _r(_mean(s.ops_suffered[i] for s in ss)),
                "ops_succeeded_against_mean": _r(_mean(s.ops_succeeded_against[i] for s in ss)),
            }
            nations[nid]["actions_per_game"] = self.action_rates(i)
            if self.objectives and self.objectives[i]:
                nations[nid]["objectives_met_rate"] = self.objective_rates(i)
        mechanics: Counter[str] = Counter()
        for s in ss:
            mechanics.update(s.mechanics)
        games = max(len(ss), 1)
        return {
            "scenario": self.scenario_id,
            "games": self.games,
            "seed": self.seed,
            "turns": self.turns,
            "stability": {
                "final_mean": _r(_mean(finals)),
                "final_std": _r(float(np.std(finals)) if finals else 0.0),
                "by_turn_mean": by_turn,
            },
            "trust": {"final_mean": _r(_mean(s.final_trust for s in ss))},
            "nations": nations,
            "ops": {
                "launched": {
                    k: _r(_mean(s.launched_by_kind.get(k, 0) for s in ss))
                    for k in ("espionage", "sabotage", "disinformation")
                },
                # Incidents of scripted events with no nation behind them (a criminal
                # gang's ransomware): every suffered operation that no nation launched.
                "by_unknown_actors": _r(
                    _mean(sum(s.ops_suffered) - sum(s.ops_launched) for s in ss)
                ),
                "detected": _r(_mean(s.detected for s in ss)),
                "attributed_correctly": _r(_mean(s.attributed_correctly for s in ss)),
                "misattributed": _r(_mean(s.misattributed for s in ss)),
            },
            "escalations": {
                "crises": _r(_mean(s.crises for s in ss)),
                "conflicts": _r(_mean(s.conflicts for s in ss)),
                "after_misattribution": _r(_mean(s.misattribution_escalations for s in ss)),
            },
            "diplomacy": {
                "talks": _r(_mean(s.talks for s in ss)),
                "hotlines": _r(_mean(s.hotlines for s in ss)),
                "alliances_formed": _r(_mean(s.alliances_formed for s in ss)),
                "norms_in_force_final": _r(_mean(s.norms_in_force_final for s in ss)),
                "arms_control_in_force_final": _r(_mean(s.arms_in_force_final for s in ss)),
            },
            "outcomes": {"collapse_rate": _r(_mean(float(s.collapsed) for s in ss))},
            "mechanics_per_game": {k: _r(v / games) for k, v in sorted(mechanics.items())},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=False) + "\n"

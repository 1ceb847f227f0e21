"""Builders shared by the engine and rule tests (this module holds no tests).

Rule tests build small, precise worlds: a scenario written as a dict, validated through
the real loader (:func:`game.scenario.loader.load_scenario_text`), turned into a state
with :func:`game.engine.state.initial_state`, and then arrays set by hand. Statistical
tests resolve many operations at once through the engine's own vectorised
:func:`game.engine.ops.resolve_operations` on a :class:`TurnContext`, which is exactly
what :func:`game.engine.resolve.resolve` does in its covert-operations phase.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from game.engine.context import TurnContext
from game.engine.ops import PlannedOp, resolve_operations
from game.engine.orders import Order
from game.engine.records import OperationRecord
from game.engine.resolve import resolve
from game.engine.state import GameState, initial_state
from game.engine.types import STAT_INDEX, OpKind
from game.scenario.loader import load_scenario_text
from game.scenario.models import Scenario

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = REPO / "scenarios"
SYMMETRIC = Path(__file__).resolve().parent / "data" / "symmetric.yaml"

#: Neutral stats every generated nation starts with unless a test says otherwise.
NEUTRAL = {
    "economy": 50,
    "infrastructure": 60,
    "offense": 40,
    "defense": 40,
    "attribution": 40,
    "cohesion": 60,
}


def nation_ids(n: int) -> list[str]:
    return [f"n{i}" for i in range(n)]


def scenario_dict(
    n: int = 3,
    *,
    stats: Mapping[int, Mapping[str, float]] | None = None,
    turns: int = 20,
    seed: int = 1,
    actions: int = 2,
    norms: Sequence[Mapping[str, Any]] = (),
    arms: Sequence[Mapping[str, Any]] = (),
    events: Sequence[Mapping[str, Any]] = (),
    relations: Mapping[str, Any] | None = None,
    scoring: Mapping[str, Any] | None = None,
    personality: str = "reciprocal",
) -> dict[str, Any]:
    """A valid scenario as a dict: ``n`` identical nations ``n0``..``n{n-1}``."""
    stats = stats or {}
    nations = []
    for i in range(n):
        row = dict(NEUTRAL)
        row.update(stats.get(i, {}))
        nations.append(
            {
                "id": f"n{i}",
                "name": f"Nation {i}",
                "personality": personality,
                "capital": [20 + (i * 37) % 900, 20 + (i * 53) % 500],
                "stats": row,
            }
        )
    doc: dict[str, Any] = {
        "id": "rules-test",
        "title": "Rules test world",
        "summary": "A small world built by a rule test.",
        "turns": turns,
        "seed": seed,
        "actions_per_turn": actions,
        "map": {"type": "generated", "width": 1000, "height": 600},
        "nations": nations,
        "norms": [dict(x) for x in norms],
        "arms_control": [dict(x) for x in arms],
        "events": [dict(x) for x in events],
    }
    if relations:
        doc["relations"] = dict(relations)
    if scoring:
        doc["scoring"] = dict(scoring)
    return doc


def scenario_of(doc: Mapping[str, Any]) -> Scenario:
    """Validate a scenario dict through the real YAML loader."""
    return load_scenario_text(yaml.safe_dump(dict(doc), sort_keys=False), "<rule test>")


def world(n: int = 3, seed: int | None = None, **kwargs: Any) -> GameState:
    """The initial state of :func:`scenario_dict` (same keyword arguments)."""
    return initial_state(scenario_of(scenario_dict(n, **kwargs)), seed)


def bundled(name: str) -> Scenario:
    return load_scenario_text((SCENARIOS / f"{name}.yaml").read_text(), f"{name}.yaml")


def symmetric(n: int | None = None, **changes: Any) -> Scenario:
    """tests/data/symmetric.yaml, optionally with ``n`` nations (copies of the six) and
    top-level keys replaced."""
    doc = yaml.safe_load(SYMMETRIC.read_text())
    if n is not None:
        base = doc["nations"]
        renamed = {nation["id"]: f"s{k}" for k, nation in enumerate(base) if k < n}
        nations = []
        for k in range(n):
            nation = dict(base[k % len(base)])
            nation["id"] = f"s{k}"
            nation["name"] = f"Symmetric {k}"
            nation["capital"] = [40 + (k * 97) % 920, 40 + (k * 61) % 520]
            nations.append(nation)
        doc["nations"] = nations
        # Relations and events name nations; follow the renaming (drop what no longer fits).
        for key in ("relations", "events", "norms", "arms_control"):
            if key in doc:
                doc[key] = _rename(doc[key], renamed, set(renamed.values()))
    doc.update(changes)
    return load_scenario_text(yaml.safe_dump(doc, sort_keys=False), "symmetric.yaml")


def _rename(node: Any, renamed: dict[str, str], kept: set[str]) -> Any:
    """``node`` with nation ids renamed; lists lose ids of nations that no longer exist."""
    if isinstance(node, dict):
        return {k: _rename(v, renamed, kept) for k, v in node.items()}
    if isinstance(node, list):
        out = [_rename(x, renamed, kept) for x in node]
        return [
            x
            for x, y in zip(out, node, strict=True)
            if not (isinstance(y, str) and len(y) == 1 and x == y and y not in kept)
        ]
    if isinstance(node, str):
        return renamed.get(node, node)
    return node


def set_stat(state: GameState, nation: int, **values: float) -> None:
    for name, value in values.items():
        state.stats[nation, STAT_INDEX[name]] = value


def run_ops(
    state: GameState, planned: Iterable[PlannedOp] | PlannedOp, seed: int = 0, count: int = 1
) -> tuple[TurnContext, list[OperationRecord]]:
    """Resolve operations on a copy of ``state`` (``count`` copies of each planned op)."""
    if isinstance(planned, PlannedOp):
        planned = [planned]
    ops = [p for p in planned for _ in range(count)]
    ctx = TurnContext.start(state.copy(), np.random.default_rng(seed))
    records = resolve_operations(ctx, ops)
    return ctx, records


def op(attacker: int, target: int, kind: str | OpKind = OpKind.SABOTAGE, **kw: Any) -> PlannedOp:
    kind = OpKind.parse(kind) if isinstance(kind, str) else kind
    return PlannedOp(attacker, target, kind, **kw)


def first_seed(make: Any, predicate: Any, tries: int = 400) -> tuple[int, Any]:
    """The first seed whose outcome ``make(seed)`` satisfies ``predicate`` (fails if none)."""
    for seed in range(tries):
        outcome = make(seed)
        if predicate(outcome):
            return seed, outcome
    raise AssertionError(f"no seed in 0..{tries - 1} produced the situation the test needs")


def play(
    state: GameState, orders: Mapping[str, Sequence[Order]] | None = None, turns: int = 1
) -> GameState:
    """Resolve ``turns`` turns with the same orders each turn (default: none)."""
    for _ in range(turns):
        state, _report = resolve(state, orders or {})
    return state


@cache
def finished(name: str, seed: int | None = None) -> Any:
    """A whole all-AI game of a bundled scenario (or "symmetric"), played once per test
    session and shared: callers must not change it (copy its state first)."""
    from game.ai.driver import play_ai_turn
    from game.engine.game import Game

    scenario = symmetric() if name == "symmetric" else bundled(name)
    game = Game.new(scenario, seed)
    while not game.over:
        play_ai_turn(game, all_ai=True)
    return game


def binomial_gap(k1: int, n1: int, k2: int, n2: int) -> float:
    """z statistic of the difference of two proportions (k1/n1 - k2/n2)."""
    p = (k1 + k2) / (n1 + n2)
    se = math.sqrt(max(p * (1 - p) * (1 / n1 + 1 / n2), 1e-12))
    return (k1 / n1 - k2 / n2) / se

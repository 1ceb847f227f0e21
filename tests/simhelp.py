"""Helpers for AI and batch-simulation tests: scenario variants and cached batches."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from game.scenario import canonical_json, load_scenario
from game.sim.batch import BatchResult, simulate

SYMMETRIC = Path(__file__).resolve().parent / "data" / "symmetric.yaml"


def variant(
    personalities: list[str] | None = None,
    difficulties: list[str] | None = None,
    *,
    hotlines_everywhere: bool = False,
    alliances: list[list[str]] | None = None,
    stats: dict[str, float] | None = None,
    turns: int | None = None,
    path: Path = SYMMETRIC,
) -> str:
    """The symmetric test scenario (as canonical JSON) with seats and relations changed."""
    data = json.loads(canonical_json(load_scenario(path)))
    for i, nation in enumerate(data["nations"]):
        if personalities:
            nation["personality"] = personalities[i % len(personalities)]
        if difficulties:
            nation["difficulty"] = difficulties[i % len(difficulties)]
        if stats:
            nation.setdefault("stats", {}).update(stats)
    if hotlines_everywhere:
        ids = [n["id"] for n in data["nations"]]
        data.setdefault("relations", {})["hotlines"] = [
            [a, b] for k, a in enumerate(ids) for b in ids[k + 1 :]
        ]
    for k, members in enumerate(alliances or []):
        data.setdefault("relations", {}).setdefault("alliances", []).append(
            {"id": f"bloc-{k}", "name": f"Bloc {k}", "members": members}
        )
    if turns:
        data["turns"] = turns
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


@cache
def batch(scenario_json: str, games: int, seed: int = 0) -> BatchResult:
    """A simulated batch, computed once per test session."""
    return simulate(scenario_json, games=games, seed=seed, workers=2)

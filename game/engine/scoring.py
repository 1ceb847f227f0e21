"""World stability, nation scores, end of game and the final ranking.

Stability (0-100) is a weighted mean of terms that are each 0-1 (see
:func:`stability_terms`); a term the scenario cannot have (no norm catalog, no
arms-control options) drops out and the others are re-weighted. A nation's score is a
weighted mean of security, prosperity, influence and objectives (0-100 each).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.numeric import pair_masks
from game.engine.rules import RULES
from game.engine.state import GameState
from game.engine.trust import trust_matrix
from game.engine.types import COHESION, DEFENSE, ECONOMY, INFRASTRUCTURE, OFFENSE

LEVEL_PRESSURE = np.array([0.0, 0.2, 0.6, 1.0])

STABILITY_LABELS: dict[str, str] = {
    "trust": "mean trust between nations",
    "calm": "pairs at calm (friction counts a little, crisis and conflict a lot)",
    "norms": "norms in force",
    "arms_control": "arms control in force",
    "restraint": "restraint in offense stockpiles",
    "infrastructure": "critical infrastructure intact",
    "quiet": "few recent incidents",
}


@dataclass(frozen=True, slots=True)
class StabilityBreakdown:
    """World stability and its terms (each 0-1) with the weights used."""

    total: float
    terms: dict[str, float]
    weights: dict[str, float]

    def contribution(self, name: str) -> float:
        """Points of the total (0-100) that a term contributes."""
        weight_sum = sum(self.weights.values())
        return 100.0 * self.weights[name] * self.terms[name] / weight_sum


def stability_terms(state: GameState, trust: np.ndarray | None = None) -> StabilityBreakdown:
    """World stability from trust, escalation, treaties, stockpiles, infrastructure, incidents."""
    n = state.world.n
    if trust is None:
        trust = trust_matrix(state)
    masks = pair_masks(n)
    stats = state.stats
    # Means as sum / count: what ``ndarray.mean`` computes, without its Python layers.
    terms: dict[str, float] = {
        "trust": float(trust[masks.off].sum() / (n * (n - 1)) / 100.0),
        "calm": float(1.0 - LEVEL_PRESSURE[state.level[masks.upper]].sum() / (n * (n - 1) // 2)),
        "restraint": float(1.0 - stats[:, OFFENSE].sum() / n / 100.0),
        "infrastructure": float(stats[:, INFRASTRUCTURE].sum() / n / 100.0),
        "quiet": float(
            1.0 - min(1.0, state.recent_incidents.sum() / n / RULES.incidents_for_zero_quiet)
        ),
    }
    if state.norm_in_force.size:
        terms["norms"] = int(np.count_nonzero(state.norm_in_force)) / state.norm_in_force.size
    if state.arms_in_force.size:
        terms["arms_control"] = (
            int(np.count_nonzero(state.arms_in_force)) / state.arms_in_force.size
        )
    weights = {k: RULES.stability_weights[k] for k in RULES.stability_weights if k in terms}
    ordered = {k: terms[k] for k in weights}
    total = 100.0 * sum(weights[k] * ordered[k] for k in weights) / sum(weights.values())
    # (Python floats throughout: numpy scalars would leak into results and JSON.)
    return StabilityBreakdown(float(min(max(total, 0.0), 100.0)), ordered, weights)


@dataclass(frozen=True, slots=True)
class ScoreBreakdown:
    """One nation's score and its parts (each 0-100)."""

    nation: int
    total: float
    security: float
    prosperity: float
    influence: float
    objectives: float | None  # None when the nation has no objectives
    objectives_met: tuple[str, ...]

    def parts(self) -> dict[str, float]:
        out = {
            "security": self.security,
            "prosperity": self.prosperity,
            "influence": self.influence,
        }
        if self.objectives is not None:
            out["objectives"] = self.objectives
        return out


def scores(state: GameState, trust: np.ndarray | None = None) -> list[ScoreBreakdown]:
    """Every nation's score breakdown, in nation order."""
    from game.engine.events import objective_met

    world = state.world
    n = world.n
    if trust is None:
        trust = trust_matrix(state)
    stats = state.stats
    off_diagonal = pair_masks(n).off
    tension_mean = np.where(off_diagonal, state.tension, 0.0).sum(axis=1) / max(n - 1, 1)
    w_infra, w_def, w_off, w_calm = RULES.security_weights
    security = (
        w_infra * stats[:, INFRASTRUCTURE]
        + w_def * stats[:, DEFENSE]
        + w_off * stats[:, OFFENSE]
        + w_calm * (100.0 - tension_mean)
    )
    w_econ, w_coh = RULES.prosperity_weights
    prosperity = w_econ * stats[:, ECONOMY] + w_coh * stats[:, COHESION]
    influence = np.where(off_diagonal, trust, 0.0).sum(axis=0) / max(n - 1, 1)
    weights = world.scenario.scoring.weights
    # (as Python floats: indexing numpy arrays element by element is slow)
    security_of, prosperity_of = security.tolist(), prosperity.tolist()
    influence_of = influence.tolist()
    out = []
    for i, nation in enumerate(world.scenario.nations):
        goals = [*nation.objectives, *nation.secret_objectives]
        met = tuple(g.id for g in goals if objective_met(state, trust, g.condition, i))
        objective_score: float | None = None
        parts = [
            (weights.security, security_of[i]),
            (weights.prosperity, prosperity_of[i]),
            (weights.influence, influence_of[i]),
        ]
        if goals:
            possible = sum(g.points for g in goals)
            got = sum(g.points for g in goals if g.id in met)
            objective_score = 100.0 * got / possible if possible > 0 else 0.0
            parts.append((weights.objectives, objective_score))
        weight_sum = sum(w for w, _ in parts)
        total = sum(w * v for w, v in parts) / weight_sum if weight_sum > 0 else 0.0
        out.append(
            ScoreBreakdown(
                i,
                float(total),
                security_of[i],
                prosperity_of[i],
                influence_of[i],
                objective_score,
                met,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Result:
    """How a finished game came out."""

    outcome: str  # completed | collapse | ended by facilitator
    ranking: tuple[int, ...]  # nation indices, best first
    winners: tuple[int, ...]
    shared_goal_met: bool | None  # None when the scenario has no shared goal
    scores: tuple[ScoreBreakdown, ...]

    def headline(self, names: tuple[str, ...]) -> str:
        if self.outcome == "collapse":
            return "The world order collapsed: every nation loses."
        if not self.winners:
            return "The shared goal was missed: nobody wins."
        who = " and ".join(names[i] for i in self.winners)
        if self.shared_goal_met and len(self.winners) == len(names):
            return "The shared goal was reached: every nation wins together."
        return f"{who} win{'s' if len(self.winners) == 1 else ''}."


def final_result(state: GameState) -> Result:
    """Ranking and winners of the game as it stands (normally called once it is over)."""
    rule = state.world.scenario.scoring
    score_list = scores(state)
    totals = np.array([s.total for s in score_list])
    # Rank by score; ties broken by nation order, which is stable and documented.
    ranking = tuple(int(i) for i in np.lexsort((np.arange(totals.size), -totals)))
    goal_met: bool | None = None
    if rule.shared_goal is not None:
        goal_met = bool(state.stability >= rule.shared_goal.stability)
    best = float(totals.max())
    top = tuple(int(i) for i in np.flatnonzero(np.isclose(totals, best)))
    if state.outcome == "collapse":
        winners: tuple[int, ...] = ()
    elif rule.victory == "best_score":
        winners = top
    elif rule.victory == "shared_goal":
        winners = tuple(range(state.world.n)) if goal_met else ()
    else:
        winners = top if goal_met else ()
    return Result(state.outcome or "in progress", ranking, winners, goal_met, tuple(score_list))

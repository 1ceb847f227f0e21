"""Postures and investments at the start of a turn; decay and escalation at its end.

Everything here is vectorised over nations and pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from game.engine.context import TurnContext
from game.engine.legal import cost
from game.engine.numeric import clamp, pair_masks
from game.engine.orders import Invest, Order, SetPosture
from game.engine.records import EscalationRecord
from game.engine.rules import RULES
from game.engine.state import levels_of
from game.engine.types import (
    ATTRIBUTION,
    COHESION,
    DEFENSE,
    ECONOMY,
    INFRASTRUCTURE,
    OFFENSE,
    Level,
    Posture,
)

# (plain ints: comparing an array with an IntEnum member is several times slower)
_OFFENSIVE = int(Posture.OFFENSIVE)
_CONFLICT = int(Level.CONFLICT)


def _grow(level: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Capability bought with ``points``: diminishing as the level nears the ceiling."""
    return points * RULES.invest_gain * clamp(1.0 - level / RULES.invest_ceiling, 0.0, 1.0)


def postures_and_investments(ctx: TurnContext, orders: Mapping[int, Sequence[Order]]) -> None:
    """Phase 2: set postures, spend budgets, and flag arms-control cheating."""
    s = ctx.state
    n = ctx.n
    buy = np.zeros((n, 4))  # offense, defense, attribution, resilience
    spent = np.zeros(n)
    for i in sorted(orders):
        for order in orders[i]:
            if isinstance(order, SetPosture):
                s.posture[i] = Posture.parse(order.posture)
            elif isinstance(order, Invest):
                buy[i] = (order.offense, order.defense, order.attribution, order.resilience)
        spent[i] = sum(cost(o) for o in orders[i])
    before_offense = s.stats[:, OFFENSE].copy()
    s.stats[:, OFFENSE] += _grow(s.stats[:, OFFENSE], buy[:, 0])
    s.stats[:, DEFENSE] += _grow(s.stats[:, DEFENSE], buy[:, 1])
    s.stats[:, ATTRIBUTION] += _grow(s.stats[:, ATTRIBUTION], buy[:, 2])
    s.stats[:, INFRASTRUCTURE] += RULES.resilience_infrastructure * buy[:, 3]
    s.stats[:, COHESION] += RULES.resilience_cohesion * buy[:, 3]
    unspent = np.maximum(s.budget() - spent, 0.0)
    s.stats[:, ECONOMY] += RULES.unspent_to_economy * unspent
    np.clip(s.stats, 0.0, 100.0, out=s.stats)
    # Arms control: a party that builds offense past its agreement's cap is cheating.
    if s.arms_party.shape[0]:
        built = buy[:, 0] > 0
        over = s.stats[:, OFFENSE][None, :] > s.world.arms_cap[:, None] + 1e-9
        cheating = (
            s.arms_party
            & s.arms_in_force[:, None]
            & over
            & built[None, :]
            & (s.stats[:, OFFENSE] > before_offense)[None, :]
        )
        s.arms_cheating |= cheating


def decay_and_escalation(ctx: TurnContext) -> None:
    """Phase 8: modifiers fade, tension drifts, stats recover or wear, the ladder moves."""
    s = ctx.state
    n = ctx.n
    s.ledger.decay_step()
    ctx.relations_changed()
    trust = ctx.trust()
    mutual = 0.5 * (trust + trust.T)
    masks = pair_masks(n)
    off = masks.off
    tension = s.tension * RULES.tension_decay
    tension += RULES.distrust_tension * ((mutual < RULES.distrust_threshold) & off)
    offensive = s.posture == _OFFENSIVE
    tension += RULES.offensive_posture_tension * ((offensive[:, None] | offensive[None, :]) & off)
    tension = clamp(0.5 * (tension + tension.T), 0.0, 100.0)
    np.fill_diagonal(tension, 0.0)
    s.tension = tension

    new_level = levels_of(s.tension)
    # Each unordered pair once (i < j), in row-major order.
    for k in np.flatnonzero((new_level != s.level) & masks.upper).tolist():
        a, b = divmod(k, n)
        before, after = int(s.level[a, b]), int(new_level[a, b])
        ctx.escalation(EscalationRecord(s.turn, a, b, before, after, float(s.tension[a, b])))
        if after > before and after >= Level.CRISIS:
            ctx.say(
                f"{ctx.name(a)} and {ctx.name(b)} are now in {Level(after).label}.",
                "escalation",
            )
    s.level = new_level

    stats = s.stats
    in_conflict = (s.level == _CONFLICT).sum(axis=1)
    stats[:, INFRASTRUCTURE] -= RULES.conflict_damage * np.minimum(in_conflict, 3)
    sanctioned = s.sanctions > 0
    # Sanctions from several nations overlap: at most two senders' worth of damage.
    senders = np.minimum(sanctioned.sum(axis=0), RULES.sanction_stack_max)
    stats[:, ECONOMY] -= RULES.sanction_target_economy * senders
    stats[:, ECONOMY] -= RULES.sanction_sender_economy * sanctioned.sum(axis=1)
    s.sanctions = np.maximum(s.sanctions - 1, 0).astype(np.int16)
    if (sanctioned & (s.sanctions == 0)).any():
        ctx.relations_changed()  # a sanction ending changes standing trust
    s.shared_intel = np.maximum(s.shared_intel - 1, 0).astype(np.int16)

    stats[:, OFFENSE] *= 1.0 - RULES.offense_upkeep
    stats[:, DEFENSE] *= 1.0 - RULES.defense_upkeep
    if s.arms_party.shape[0]:
        # Honest parties draw their stockpiles down toward the cap.
        bound = s.arms_party & s.arms_in_force[:, None] & ~s.arms_cheating
        caps = np.where(bound, s.world.arms_cap[:, None], np.inf).min(axis=0)
        excess = np.maximum(stats[:, OFFENSE] - caps, 0.0)
        stats[:, OFFENSE] -= RULES.arms_offense_drift * np.where(np.isfinite(excess), excess, 0)
    growth = RULES.economy_growth * (stats[:, COHESION] / 60.0) * (stats[:, INFRASTRUCTURE] / 70.0)
    stats[:, ECONOMY] += growth * (1.0 - stats[:, ECONOMY] / 110.0)
    stats[:, INFRASTRUCTURE] += RULES.infrastructure_recovery * (stats[:, INFRASTRUCTURE] < 100)
    stats[:, COHESION] += clamp(
        60.0 - stats[:, COHESION], -RULES.cohesion_recovery, RULES.cohesion_recovery
    )
    np.clip(stats, 0.0, 100.0, out=stats)
    s.recent_incidents *= RULES.incident_memory

"""Lookahead: play a candidate plan one turn ahead through the engine's own ``resolve``,
on the state the nation *believes* (built from its view only), and score the outcome.

The believed state takes estimates for others' stats, public trust for others' relations,
our exact trust for our own, the public trust talks have earned as the capped modifiers
the engine keeps for it, and leaves everything we cannot see (others' secrets,
undetected operations) empty. Other nations are assumed to hold still for the turn.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.engine.orders import Order
from game.engine.resolve import resolve
from game.engine.rules import RULES
from game.engine.seeding import generator
from game.engine.state import NEVER, GameState
from game.engine.trust import Ledger, standing_terms
from game.engine.views import NationView
from game.scenario.models import TALKS_TRUST_REASON

#: Above this many nations a full-world lookahead costs more than it tells; the AI then
#: relies on the engine's odds formulas alone (see game.ai.assess).
MAX_LOOKAHEAD_NATIONS = 24


def believed_state(view: NationView) -> GameState:
    """A GameState holding what ``view``'s nation believes, and nothing it cannot see."""
    n = view.n
    me = view.nation
    stats = view.estimates.copy()
    stats[me] = view.own_stats
    intel = np.full((n, n), NEVER, dtype=np.int32)
    intel[me] = view.turn - view.intel_age
    shared = np.zeros(n, dtype=np.int16)
    shared[me] = view.shared_intel
    cheating = np.zeros_like(view.arms_party)
    cheating[:, me] = view.my_cheating
    state = GameState(
        world=view.world,
        seed=0,
        turn=view.turn,
        last_turn=max(view.last_turn, view.turn),
        stats=stats,
        posture=np.array(view.posture, dtype=np.int8),
        trust_base=np.zeros((n, n)),
        ledger=Ledger(),
        tension=np.array(view.tension),
        level=np.array(view.level),
        hotline=np.array(view.hotline),
        alliances=view.alliances,
        norm_signed=np.array(view.norm_signed),
        norm_in_force=np.array(view.norm_in_force),
        norm_tabled=np.array(view.norm_tabled),
        arms_party=np.array(view.arms_party),
        arms_in_force=np.array(view.arms_in_force),
        arms_tabled=np.array(view.arms_tabled),
        arms_exposed=np.array(view.arms_exposed),
        credibility=np.array(view.credibility),
        intel_turn=intel,
        shared_intel=shared,
        sanctions=np.array(view.sanctions),
        recent_incidents=np.zeros(n),
        arms_cheating=cheating,
        proposals=tuple(view.proposals_to_me) + tuple(view.my_proposals),
        stability=view.stability.total,
    )
    # Trust as we believe it, with the standing terms moved out of the baseline (the
    # engine adds them back). The trust talks have earned is public and capped per pair:
    # it goes into the ledger as the talks' own modifiers, so that a simulated round of
    # talks earns only what the cap still lets through, as it would in the real turn.
    believed = np.array(view.trust_public)
    believed[me] = view.trust_out
    terms = standing_terms(state)
    credit = _talks_ledger(state.ledger, view)
    state.trust_base = believed - sum(terms.values()) - credit
    return state


def _talks_ledger(ledger: Ledger, view: NationView) -> np.ndarray:
    """Put the public trust from talks of ``view`` into ``ledger``, as the engine keeps
    it (one capped, decaying modifier per pair); return it as an (n, n) matrix."""
    credit = np.array(view.talks_credit, dtype=np.float64)
    np.fill_diagonal(credit, 0.0)
    frm, to = np.nonzero(credit)
    if frm.size:
        ledger.add(
            frm,
            to,
            credit[frm, to],
            TALKS_TRUST_REASON,
            view.turn - 1,
            decay=RULES.talks_decay,
            cap=RULES.talks_cap,
            public=True,
        )
    return credit


def plan_value(
    view: NationView,
    plan: Sequence[Order],
    *,
    samples: int,
    seed: int,
    aggression: float,
    cooperation: float,
    state: GameState | None = None,
) -> float:
    """Expected value of ``plan`` one turn ahead: our score, plus what the personality
    cares about (rivals' losses for the aggressive, world stability for the cooperative)."""
    start = state if state is not None else believed_state(view)
    me = view.nation
    total = 0.0
    for k in range(max(samples, 1)):
        rng = generator(seed & (2**63 - 1), view.turn, me, 9_001, k)
        try:
            _, report = resolve(start, {view.me: list(plan)}, rng, detail=False)
        except ValueError:
            return float("-inf")
        score_list = report.scores
        mine = score_list[me].total
        rivals = [s.total for s in score_list if s.nation != me]
        total += (
            mine
            + cooperation * 0.35 * report.stability.total
            - aggression * 0.25 * (float(np.mean(rivals)) if rivals else 0.0)
        )
    return total / max(samples, 1)

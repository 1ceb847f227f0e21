"""Playing AI seats: building every AI nation's view once per turn and asking its policy."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from game.ai.base import Policy, RandomPolicy, ai_rng
from game.engine.game import Game, Seat
from game.engine.orders import Order
from game.engine.views import NationView, views_for


def policy_for(seat: Seat) -> Policy:
    """The policy that plays a seat (its personality, weights and difficulty)."""
    from game.ai.personalities import make_policy

    if seat.personality == "random":
        return RandomPolicy()
    return make_policy(seat.personality, seat.difficulty, seat.weights)


def ai_orders(
    game: Game, nations: Iterable[str] | None = None, policies: dict[str, Policy] | None = None
) -> dict[str, list[Order]]:
    """Orders for ``nations`` (default: every AI seat) from their own views only."""
    state = game.state
    if nations is None:
        nations = [nid for nid in game.ids if game.seats[nid].controller == "ai"]
    nations = list(nations)
    from game.ai.personalities import PersonalityPolicy, decide_all

    views = views_for(state, nations)
    out: dict[str, list[Order]] = {}
    batch: list[tuple[str, tuple[PersonalityPolicy, NationView, np.random.Generator]]] = []
    for nid, view in zip(nations, views, strict=True):
        i = view.nation
        policy = (policies or {}).get(nid) or policy_for(game.seats[nid])
        rng = ai_rng(game.seed, state.turn, i)
        # (a subclass with its own decide is asked on its own)
        if (
            isinstance(policy, PersonalityPolicy)
            and type(policy).decide is PersonalityPolicy.decide
        ):
            batch.append((nid, (policy, view, rng)))  # decided together below
        else:
            out[nid] = policy.decide(view, rng)
    for (nid, _), orders in zip(batch, decide_all([task for _, task in batch]), strict=True):
        out[nid] = orders
    # Keep the caller's nation order.
    return {nid: out[nid] for nid in nations if nid in out}


def play_ai_turn(
    game: Game, *, all_ai: bool = False, policies: dict[str, Policy] | None = None
) -> None:
    """Submit AI orders (for every seat when ``all_ai``) and resolve the turn."""
    nations = list(game.ids) if all_ai else None
    for nid, orders in ai_orders(game, nations, policies).items():
        game.submit(nid, orders)
    game.advance()

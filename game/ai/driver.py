"""Playing AI seats: building every AI nation's view once per turn and asking its policy."""

from __future__ import annotations

from collections.abc import Iterable

from game.ai.base import Policy, RandomPolicy, ai_rng
from game.engine.game import Game, Seat
from game.engine.orders import Order
from game.engine.views import PublicInfo


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
    shared = PublicInfo.of(state)
    out: dict[str, list[Order]] = {}
    for nid in nations:
        i = state.world.index[nid]
        policy = (policies or {}).get(nid) or policy_for(game.seats[nid])
        view = game.view(i, shared)
        out[nid] = policy.decide(view, ai_rng(game.seed, state.turn, i))
    return out


def play_ai_turn(
    game: Game, *, all_ai: bool = False, policies: dict[str, Policy] | None = None
) -> None:
    """Submit AI orders (for every seat when ``all_ai``) and resolve the turn."""
    nations = list(game.ids) if all_ai else None
    for nid, orders in ai_orders(game, nations, policies).items():
        game.submit(nid, orders)
    game.advance()

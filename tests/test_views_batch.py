"""``views_for`` makes the views of several nations together: exactly the views that
``view_for`` makes one by one, each from its own rows (no element shared)."""

from __future__ import annotations

from functools import cache

import numpy as np
from test_engine_kit import symmetric
from test_rules_fog import view_parts

from game.ai.driver import play_ai_turn
from game.engine.game import Game
from game.engine.state import GameState
from game.engine.views import PublicInfo, estimates_for, view_for, views_for


@cache
def _states() -> tuple[GameState, ...]:
    """The states of six AI turns of the symmetric world (ledger entries, incidents)."""
    game = Game.new(symmetric(), 21)
    states = [game.state]
    for _ in range(6):
        play_ai_turn(game, all_ai=True)
        states.append(game.state)
    return tuple(states)


def test_views_for_are_the_views_one_by_one() -> None:
    for state in _states():
        n = state.world.n
        order = [3, 0, *range(n)]  # any order, a nation twice
        alone = [view_parts(view_for(state, i)) for i in order]
        assert [view_parts(v) for v in views_for(state, order)] == alone
        shared = PublicInfo.of(state)
        by_id = [state.world.ids[i] for i in order]
        assert [view_parts(v) for v in views_for(state, by_id, shared=shared)] == alone


def test_views_share_no_private_element() -> None:
    state = _states()[-1]
    a, b = views_for(state, [0, 1])
    for name in ("estimates", "uncertainty", "intel_age", "trust_in", "trust_out", "own_stats"):
        assert not np.shares_memory(getattr(a, name), getattr(b, name)), name
    a.estimates[:] = -1.0
    assert view_parts(b) == view_parts(view_for(state, 1))


def test_estimates_for_is_the_view_s() -> None:
    state = _states()[-1]
    for i in range(state.world.n):
        view = view_for(state, i)
        estimates, sigma, age = estimates_for(state, i)
        assert estimates.tobytes() == view.estimates.tobytes()
        assert sigma.tobytes() == view.uncertainty.tobytes()
        assert age.astype(np.int64).tobytes() == view.intel_age.tobytes()


def test_no_nations_no_views() -> None:
    assert views_for(_states()[0], []) == []

"""The Game object: history, rollback, verify, facilitator interventions.

Issue 3: "Game object: history of orders and reports; ... a state hash per turn; replay and
verify; roll back to the start of any earlier turn." DESIGN §2: "A game keeps its history
(orders and reports per turn) — that is what saves, replays, rollback and the debrief are
made of."
"""

from __future__ import annotations

import dataclasses

import pytest
from test_engine_kit import symmetric

from game.ai.driver import play_ai_turn
from game.engine.game import Game
from game.engine.interventions import AdjustStat, EndGame, InvalidIntervention, SetLastTurn
from game.engine.orders import SetPosture
from game.engine.state import state_hash


def _game(turns: int = 6) -> Game:
    game = Game.new(symmetric(), 31)
    for turn in range(1, turns + 1):
        if turn == 2:
            game.intervene(AdjustStat(nation="b", stat="cohesion", value=10.0, reason="riots"))
        play_ai_turn(game, all_ai=True)
    return game


def test_rollback_returns_exactly_to_the_start_of_an_earlier_turn() -> None:
    """ "roll back to the start of any earlier turn": the history is cut there, the state
    is the one that turn started from, and replaying the same orders gives the same
    turns again."""
    game = _game()
    hashes = game.hashes()
    orders = [record.orders for record in game.history]
    game.rollback(4)
    assert game.turn == 4 and game.hashes() == hashes[:3]
    assert state_hash(game.state) == hashes[2]
    for k in (3, 4, 5):
        game.advance({nid: list(given) for nid, given in orders[k].items()})
    assert game.hashes() == hashes
    game.rollback(1)
    assert game.history == [] and state_hash(game.state) == state_hash(game.initial)
    with pytest.raises(ValueError):
        game.rollback(99)
    assert any("rolled back" in entry["action"] for entry in game.facilitator_log)


def test_verify_finds_the_first_turn_that_does_not_replay() -> None:
    """ "replay and verify": a true history verifies; a history whose orders were changed
    reports the first turn that no longer reproduces its hash."""
    game = _game()
    assert game.verify() is None
    record = game.history[3]
    nation = next(iter(record.orders))
    changed = tuple(
        SetPosture(nation, "offensive") if isinstance(o, SetPosture) else o
        for o in record.orders[nation]
    )
    if changed == record.orders[nation]:
        changed = (*record.orders[nation], SetPosture(nation, "offensive"))
    game.history[3] = dataclasses.replace(record, orders={**record.orders, nation: changed})
    assert game.verify() == 4


def test_interventions_are_replayed_with_the_history() -> None:
    """A facilitator intervention is part of the history: rollback and replay keep it."""
    game = _game()
    assert game.history[1].interventions
    hashes = game.hashes()
    game.rollback(3)
    assert game.hashes() == hashes[:2]


def test_facilitator_can_extend_or_end_the_game() -> None:
    game = Game.new(symmetric(), 2)
    game.intervene(SetLastTurn(last_turn=3))
    while not game.over:
        play_ai_turn(game, all_ai=True)
    assert len(game.history) == 3
    with pytest.raises(InvalidIntervention):
        Game.new(symmetric(), 2).intervene(AdjustStat(nation="zz", stat="economy", value=1.0))
    with pytest.raises(InvalidIntervention, match="at most 200 turns"):
        Game.new(symmetric(), 2).intervene(SetLastTurn(last_turn=201))


def test_a_save_made_before_the_200_turn_limit_still_loads(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The limit is on what may be asked now: a game extended past 200 turns by an
    older version replays and loads."""
    from game.engine.interventions import apply_intervention
    from game.engine.saves import load_game, save_game

    game = Game.new(symmetric(), 2)
    old = SetLastTurn(last_turn=250)
    game.state = apply_intervention(game.state, old, 0)  # (as the older version did)
    game.pending_interventions.append(old)
    play_ai_turn(game, all_ai=True)
    path = save_game(game, tmp_path / "long.json")
    loaded = load_game(path)
    assert loaded.state.last_turn == 250 and loaded.verify() is None
    other = Game.new(symmetric(), 2)
    other.intervene(EndGame(reason="time is up"))
    assert other.over and other.state.outcome == "ended by facilitator"


def test_orders_are_checked_again_after_an_intervention_changed_the_state() -> None:
    """Orders checked on submission are not checked twice, except when a facilitator's
    intervention since made them illegal: then the turn refuses them."""
    from game.engine.orders import IllegalOrder, Invest, Sabotage

    game = Game.new(symmetric(), 2)
    a = game.ids[0]
    budget = float(game.state.budget()[0])
    game.submit(a, [Sabotage(a, game.ids[1]), Invest(a, defense=budget - 3.0)])
    game.intervene(AdjustStat(nation=a, stat="economy", value=0.0, reason="crash"))
    before = state_hash(game.state)
    with pytest.raises(IllegalOrder, match="budget"):
        game.advance()
    assert state_hash(game.state) == before and not game.history


def test_editing_the_state_in_place_then_saying_so_checks_orders_again() -> None:
    """The state is replaced, never edited in place; code that does edit it (a test, a
    tool) says so with ``state_edited``, and orders are then checked against the edit."""
    from game.engine.orders import IllegalOrder, Invest, Sabotage

    game = Game.new(symmetric(), 2)
    a, b = game.ids[0], game.ids[1]
    budget = float(game.state.budget()[0])
    orders = [Sabotage(a, b), Invest(a, defense=budget - 3.0)]
    game.submit(a, orders)
    game.state.stats[0, 0] = 0.0  # economy: the budget falls to its base
    game.state_edited()
    with pytest.raises(IllegalOrder, match="budget"):
        game.submit(a, orders)  # checked against the edited state
    with pytest.raises(IllegalOrder, match="budget"):
        game.advance()  # the orders submitted before the edit are checked again

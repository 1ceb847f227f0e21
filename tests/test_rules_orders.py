"""Rules of orders: budgets, slots, targets, and what ``legal_orders`` lists.

Issue 3: "Orders: small frozen dataclasses for every action ... `legal_orders(view)` lists
what a nation may do now (budget, action slots, valid targets, pending proposals to
answer); an illegal order raises a typed error saying why." STYLE: "illegal orders raise
an error that subclasses `ValueError` and says why."
"""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest
from test_engine_kit import bundled, symmetric, world

from game.ai.base import RandomPolicy, ai_rng
from game.engine.game import Game
from game.engine.legal import (
    candidate_actions,
    check_orders,
    context_for,
    cost,
    legal_orders,
    why_illegal,
)
from game.engine.orders import (
    ORDER_TYPES,
    Answer,
    BuildCapacity,
    Choose,
    Denounce,
    EndorseNorm,
    Espionage,
    IllegalOrder,
    InvalidOrder,
    Invest,
    LeaveAlliance,
    ProposeHotline,
    Sabotage,
    SetPosture,
    Talks,
    WithdrawNorm,
    order_from_dict,
)
from game.engine.resolve import resolve
from game.engine.views import view_for

NORM = {
    "id": "protect",
    "name": "Protect critical infrastructure",
    "description": "No sabotage.",
    "forbids": ["sabotage"],
    "quorum": 3,
}


def _illegal(state, orders, *, match: str) -> IllegalOrder:
    """``resolve`` must refuse the orders with an IllegalOrder (a ValueError) saying why."""
    with pytest.raises(IllegalOrder, match=match) as caught:
        resolve(state, orders)
    assert isinstance(caught.value, ValueError)
    assert "\n" not in str(caught.value)
    return caught.value


# --------------------------------------------------------------------------- illegal


def test_over_budget_is_illegal_and_says_why() -> None:
    """ "budgets": an order set that costs more than the budget is refused, saying so."""
    state = world(3, stats={0: {"economy": 10}})  # budget 2.8
    budget = float(state.budget()[0])
    _illegal(state, {"n0": [Sabotage("n0", "n1")]}, match="budget")
    error = _illegal(
        state, {"n0": [Espionage("n0", "n1"), Invest("n0", defense=budget)]}, match="budget"
    )
    assert f"{budget:.1f}" in str(error)
    _illegal(state, {"n0": [Invest("n0", offense=budget + 0.5)]}, match="budget")


def test_too_many_actions_is_illegal_and_says_why() -> None:
    """ "action slots": more actions than the scenario's actions per turn are refused."""
    state = world(4, actions=2, stats={0: {"economy": 100}})
    orders = {"n0": [Talks("n0", "n1"), Talks("n0", "n2"), Talks("n0", "n3")]}
    _illegal(state, orders, match=r"only 2 action\(s\) per turn \(3 given\)")


def test_posture_investment_and_answers_use_no_slot() -> None:
    """Posture, investment and answers are free of slots: two actions plus those are fine."""
    state = world(4, actions=2, stats={0: {"economy": 100}})
    orders = {
        "n0": [
            SetPosture("n0", "defensive"),
            Invest("n0", defense=1.0),
            Talks("n0", "n1"),
            Talks("n0", "n2"),
        ]
    }
    resolve(state, orders)


def test_bad_target_is_illegal_and_says_why() -> None:
    """ "valid targets": an order aimed at a nation that does not exist is refused."""
    state = world(3)
    _illegal(state, {"n0": [Talks("n0", "atlantis")]}, match="no nation 'atlantis'")
    _illegal(state, {"atlantis": [Talks("atlantis", "n0")]}, match="no nation 'atlantis'")


def test_self_target_is_invalid_when_made() -> None:
    """Orders are "checked when made": an action aimed at oneself cannot even be built."""
    for cls in (Talks, ProposeHotline, Espionage, Sabotage, Denounce, BuildCapacity):
        with pytest.raises(InvalidOrder, match="itself"):
            cls("n0", "n0")
    assert issubclass(InvalidOrder, ValueError)


@pytest.mark.parametrize(
    "make,match",
    [
        (lambda: SetPosture("n0", "sneaky"), "unknown posture 'sneaky'"),
        (lambda: Invest("n0", offense=-1.0), "offense must be zero or more"),
        (lambda: Invest("n0", defense=float("nan")), "defense must be zero or more"),
        (lambda: Invest("n0", attribution=float("inf")), "attribution must be zero or more"),
        (lambda: Invest("n0", resilience=True), "resilience must be a number"),
        (lambda: Talks("n0", ""), "target nation is required"),
        (lambda: Talks("", "n1"), "must be named"),
        (lambda: Answer("n0", proposal=-1), "proposal number is required"),
        (lambda: Choose("n0", event="storm", option=""), "event and an option are required"),
        (lambda: LeaveAlliance("n0", alliance=""), "which alliance"),
        (lambda: EndorseNorm("n0", subject=""), "which norm or agreement"),
        (lambda: order_from_dict({"kind": "nuke", "nation": "n0"}), "unknown order kind"),
        (
            lambda: order_from_dict({"kind": "talks", "nation": "n0", "target": "n1", "x": 1}),
            "unknown field",
        ),
        (lambda: order_from_dict(["talks"]), "must be a mapping"),
    ],
)
def test_malformed_orders_are_invalid_and_say_why(make, match: str) -> None:
    """ "Orders are values ... checked when made ... raises a typed error"."""
    with pytest.raises(InvalidOrder, match=match):
        make()


def test_duplicate_orders_are_illegal_and_say_why() -> None:
    """The same action twice in a turn (or two postures, two investments) is refused."""
    state = world(3, stats={0: {"economy": 100}})
    _illegal(
        state, {"n0": [Talks("n0", "n1"), Talks("n0", "n1", reason="again")]}, match="given twice"
    )
    _illegal(
        state,
        {"n0": [SetPosture("n0", "defensive"), SetPosture("n0", "offensive")]},
        match="given twice",
    )
    _illegal(
        state, {"n0": [Invest("n0", defense=1.0), Invest("n0", offense=1.0)]}, match="given twice"
    )


def test_answering_a_proposal_not_addressed_to_you_is_illegal() -> None:
    """ "pending proposals to answer": only the nation a proposal is addressed to may
    answer it (and not in the turn it was made)."""
    state = world(3)
    _illegal(state, {"n1": [Answer("n1", proposal=0, accept=True)]}, match="no proposal #0")
    state, _ = resolve(state, {"n0": [ProposeHotline("n0", "n1")]})
    (proposal,) = state.proposals
    _illegal(
        state,
        {"n2": [Answer("n2", proposal=proposal.id, accept=True)]},
        match=f"no proposal #{proposal.id} is waiting for our answer",
    )
    _illegal(
        state,
        {"n0": [Answer("n0", proposal=proposal.id, accept=True)]},
        match="waiting for our answer",
    )
    resolve(state, {"n1": [Answer("n1", proposal=proposal.id, accept=True)]})


def test_orders_for_another_nation_are_illegal() -> None:
    """A nation gives its own orders only."""
    state = world(3)
    _illegal(state, {"n0": [Talks("n1", "n2")]}, match="listed under n0 but given by n1")
    ctx = context_for(state, 0)
    with pytest.raises(IllegalOrder, match="cannot be given by n0"):
        check_orders(ctx, [Talks("n1", "n2")])
    game = Game.new(state.world.scenario)
    with pytest.raises(IllegalOrder):
        game.submit("n0", [Talks("n1", "n2")])


@pytest.mark.parametrize(
    "order,match",
    [
        (lambda: EndorseNorm("n0", subject="protect"), "nobody has tabled this norm"),
        (lambda: WithdrawNorm("n0", subject="protect"), "not signed this norm"),
        (lambda: EndorseNorm("n0", subject="unicorns"), "no norm 'unicorns'"),
        (lambda: LeaveAlliance("n0", alliance="nato"), "not a member of alliance 'nato'"),
        (lambda: Choose("n0", event="storm", option="pay"), "no choice from event 'storm'"),
    ],
)
def test_state_dependent_illegal_orders_say_why(order, match: str) -> None:
    """Orders that do not fit the situation are refused with the reason."""
    state = world(3, norms=[NORM])
    _illegal(state, {"n0": [order()]}, match=match)


def test_existing_hotline_and_pending_offer_are_illegal() -> None:
    state = world(3, relations={"hotlines": [["n0", "n1"]]})
    _illegal(state, {"n0": [ProposeHotline("n0", "n1")]}, match="already have a hotline")
    state, _ = resolve(state, {"n0": [ProposeHotline("n0", "n2")]})
    _illegal(state, {"n0": [ProposeHotline("n0", "n2")]}, match="still waiting")


def test_no_orders_once_the_game_is_over() -> None:
    state = world(3, turns=1)
    state, report = resolve(state, {})
    assert report.over and state.over
    _illegal(state, {}, match="game is over")
    assert legal_orders(view_for(state, 0)).actions == ()


def test_illegal_orders_leave_the_game_untouched() -> None:
    """A refused submission changes nothing: the game resolves as if it never happened."""
    scenario = symmetric()
    game = Game.new(scenario, 1)
    other = Game.new(scenario, 1)
    with pytest.raises(IllegalOrder):
        game.submit("a", [Sabotage("a", "b"), Sabotage("a", "c"), Sabotage("a", "d")])
    assert game.advance().state_hash == other.advance().state_hash


# --------------------------------------------------------------------------- legal_orders


@cache
def _states():
    out = [
        world(
            4,
            norms=[NORM],
            relations={
                "hotlines": [["n0", "n1"]],
                "alliances": [{"id": "bloc", "name": "Bloc", "members": ["n0", "n2"]}],
            },
        )
    ]
    for name, turns in (("tutorial", 5), ("great-powers", 6)):
        game = Game.new(bundled(name), 2)
        policy = RandomPolicy()
        for _ in range(turns):
            for k, nid in enumerate(game.ids):
                game.submit(nid, policy.decide(game.view(nid), ai_rng(7, game.turn, k)))
            game.advance()
        out.append(game.state)
    return out


@pytest.mark.parametrize("which", range(3))
def test_legal_orders_lists_only_legal_orders(which: int) -> None:
    """ "`legal_orders(view)` lists what a nation may do now": every listed action passes
    the engine's check, every well-formed action it leaves out fails it, and the listed
    answers and choices are accepted."""
    state = _states()[which]
    for i in range(state.world.n):
        view = view_for(state, i)
        legal = legal_orders(view)
        ctx = context_for(state, i)
        listed = {repr(o) for o in legal.actions}
        assert legal.actions, "a nation always has something to do"
        for order in candidate_actions(ctx):
            ok = True
            try:
                check_orders(ctx, [order])
            except IllegalOrder:
                ok = False
            assert ok == (repr(order) in listed), order
            assert cost(order) <= legal.budget + 1e-9 or not ok
        for kind in {o.kind for o in candidate_actions(ctx)}:
            if kind in ORDER_TYPES and hasattr(ORDER_TYPES[kind], "target"):
                targets = set(legal.targets(kind))
                assert targets == {o.target for o in legal.of_kind(kind)}, kind
        for proposal in legal.answers:
            for accept in (True, False):
                check_orders(ctx, [Answer(view.me, proposal=proposal.id, accept=accept)])
        for event, options in legal.choices.items():
            for option in options:
                check_orders(ctx, [Choose(view.me, event=event, option=option)])
        for posture in legal.postures:
            check_orders(ctx, [SetPosture(view.me, posture)])


@pytest.mark.parametrize("which", range(3))
def test_allowed_arguments_agree_with_why_illegal(which: int) -> None:
    """``LegalOrders.allowed(kind)`` (what the AI filters its candidates with) holds an
    action's argument exactly when ``why_illegal`` finds nothing against the action."""
    state = _states()[which]
    for i in range(state.world.n):
        ctx = context_for(state, i)
        legal = legal_orders(ctx)
        for order in candidate_actions(ctx):
            # What candidate_actions varies: the target, the alliance, or the treaty.
            argument = next(
                getattr(order, name)
                for name in ("target", "alliance", "subject")
                if hasattr(order, name)
            )
            allowed = argument in legal.allowed(order.kind)
            assert allowed == (why_illegal(ctx, order) is None), order


def test_legal_orders_respects_budget() -> None:
    """A poor nation is not offered what it cannot pay for."""
    state = world(3, stats={0: {"economy": 0}})  # budget 2
    legal = legal_orders(view_for(state, 0))
    kinds = {o.kind for o in legal.actions}
    assert "sabotage" not in kinds and "build_capacity" not in kinds
    assert "espionage" in kinds and "talks" in kinds


def test_orders_are_frozen_values() -> None:
    """ "Orders are values": frozen, equal when equal (the reason is not part of it), and
    round-trip through their dict form."""
    a = Talks("n0", "n1", reason="why not")
    b = Talks("n0", "n1")
    assert a == b and hash(a) == hash(b)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.target = "n2"  # type: ignore[misc]
    for order in (
        a,
        Invest("n0", offense=1.5),
        Answer("n0", proposal=3, accept=True),
        SetPosture("n0", "offensive"),
        EndorseNorm("n0", subject="x"),
    ):
        assert order_from_dict(order.to_dict()) == order


def test_random_policy_orders_are_always_legal() -> None:
    """The random baseline, "uniform over legal orders", never gives an illegal order."""
    game = Game.new(symmetric(), 4)
    policy = RandomPolicy()
    while not game.over:
        for k, nid in enumerate(game.ids):
            game.submit(nid, policy.decide(game.view(nid), ai_rng(4, game.turn, k)))
        game.advance()

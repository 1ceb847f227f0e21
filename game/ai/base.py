"""The interface of an AI player, and the random baseline.

A policy decides one nation's orders from that nation's :class:`NationView` only — never
from the true state — with a random generator derived from (game seed, turn, nation),
so that AI games are reproducible.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from game.engine.legal import LegalOrders, OrderContext, cost, legal_orders
from game.engine.orders import (
    ACTION_KINDS,
    ORDER_TYPES,
    Answer,
    Choose,
    Invest,
    LeaveAlliance,
    Order,
    SetPosture,
    Targeted,
)
from game.engine.seeding import generator
from game.engine.types import INVESTMENT_AREAS
from game.engine.views import NationView


class Policy(Protocol):
    """Anything that turns a nation's view into its orders for the turn."""

    name: str

    def decide(self, view: NationView, rng: np.random.Generator) -> list[Order]: ...


def ai_rng(seed: int, turn: int, nation: int) -> np.random.Generator:
    """The generator an AI uses for one nation's decision in one turn."""
    return generator(seed & (2**63 - 1), turn, nation, 4242)


def _candidates(ctx: OrderContext) -> list[tuple[type[Order], list[str]]]:
    """Every well-formed slot action, grouped by type, as (type, arguments)."""
    groups: list[tuple[type[Order], list[str]]] = []
    for kind in ACTION_KINDS:
        cls = ORDER_TYPES[kind]
        if issubclass(cls, Targeted):
            groups.append((cls, ctx.others()))
        elif cls is LeaveAlliance:
            groups.append((cls, list(ctx.my_alliances)))
        elif kind.endswith("_norm"):
            groups.append((cls, list(ctx.norms)))
        elif kind.endswith("_arms_control"):
            groups.append((cls, list(ctx.agreements)))
    return groups


def _make(cls: type[Order], me: str, argument: str) -> Order:
    if issubclass(cls, Targeted):
        return cls(me, argument)
    if cls is LeaveAlliance:
        return LeaveAlliance(me, argument)
    return cls(me, subject=argument)  # type: ignore[call-arg]


def sample_actions(
    legal: LegalOrders, rng: np.random.Generator, count: int, tries: int = 200
) -> list[Order]:
    """Up to ``count`` legal slot actions drawn uniformly from all legal ones.

    Draws uniformly among all well-formed actions and rejects illegal ones, which is
    uniform over the legal set without listing it (it can be thousands in a big world).
    """
    ctx = legal.context
    groups = _candidates(ctx)
    sizes = np.array([len(args) for _, args in groups], dtype=np.float64)
    if sizes.sum() == 0 or count <= 0:
        return []
    probabilities = sizes / sizes.sum()
    out: list[Order] = []
    for _ in range(tries):
        if len(out) >= count:
            break
        g = int(rng.choice(len(groups), p=probabilities))
        cls, args = groups[g]
        order = _make(cls, ctx.me, args[int(rng.integers(len(args)))])
        if legal.is_legal(order):
            out.append(order)
    return out


class RandomPolicy:
    """Uniform over legal orders: a random posture, a random split of part of the budget,
    random legal actions up to the slots and budget, and random answers."""

    name = "random"

    def decide(self, view: NationView, rng: np.random.Generator) -> list[Order]:
        legal = legal_orders(view)
        if view.over:
            return []
        me = view.me
        orders: list[Order] = [
            SetPosture(me, legal.postures[int(rng.integers(3))], reason="random posture")
        ]
        budget = legal.budget
        spend = 0.0
        chosen: set[tuple[object, ...]] = set()
        for action in sample_actions(legal, rng, legal.slots):
            price = cost(action)
            key = tuple(action.to_dict().items())
            if key not in chosen and spend + price <= budget:
                orders.append(action)
                chosen.add(key)
                spend += price
        left = budget - spend
        share = rng.dirichlet(np.ones(len(INVESTMENT_AREAS))) * left * rng.random()
        amounts = [float(round(v, 3)) for v in share]
        orders.append(
            Invest(
                me,
                offense=amounts[0],
                defense=amounts[1],
                attribution=amounts[2],
                resilience=amounts[3],
            )
        )
        for proposal in legal.answers:
            orders.append(Answer(me, proposal=proposal.id, accept=bool(rng.integers(2))))
        for event, options in legal.choices.items():
            orders.append(Choose(me, event=event, option=options[int(rng.integers(len(options)))]))
        # Rounding can push the investment a hair over the budget; trim it.
        total = sum(cost(o) for o in orders)
        if total > budget:
            orders = [o for o in orders if not isinstance(o, Invest)]
        return orders

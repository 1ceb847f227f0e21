"""``resolve(state, orders, rng) -> (state, report)``: one turn, in a fixed phase order.

1. orders submitted (checked: an illegal order raises IllegalOrder)
2. postures and investments
3. diplomacy (answers, expiries, new proposals, treaties, alliances, talks, cooperation)
4. covert operations
5. detection and attribution (with hotline clarification and the consequences)
6. public responses (denunciations, sanctions)
7. scripted events (choices answered, then triggers)
8. decay and escalation
9. scores, stability, end checks
10. a report for each nation of what it can see

The input state is never modified; a new state is returned.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from functools import cache

import numpy as np

from game.engine.context import TurnContext
from game.engine.diplomacy import resolve_diplomacy, resolve_responses
from game.engine.dynamics import decay_and_escalation, postures_and_investments
from game.engine.events import resolve_events
from game.engine.legal import SharedContext, check_orders, context_for
from game.engine.ops import PlannedOp, resolve_operations
from game.engine.orders import ORDER_TYPES, IllegalOrder, Operation, Order
from game.engine.records import IncidentSeen, NationReport, NewsItem, TrustChange, TurnReport
from game.engine.scoring import ScoreBreakdown, scores, stability_terms
from game.engine.seeding import generator
from game.engine.state import EVERY_NATION, GameState, answerable, state_hash
from game.engine.types import STATS

OrdersIn = Mapping[str, Sequence[Order]] | Iterable[Order]

#: Turns of operations kept in the state for denunciations and views.
INCIDENT_LOG_TURNS = 4


class OrderBook(dict[int, list[Order]]):
    """Orders by nation index, each nation's in canonical order, with an index by type.

    ``by_type[cls]`` lists ``(nation, order)`` in nation order, so phases that handle one
    kind of order do not scan every order of the turn.
    """

    def __init__(self, grouped: Mapping[int, list[Order]]) -> None:
        super().__init__(grouped)
        self.by_type: dict[type, list[tuple[int, Order]]] = defaultdict(list)
        for i in sorted(self):
            for order in self[i]:
                self.by_type[type(order)].append((i, order))


def group_orders(state: GameState, orders: OrdersIn) -> OrderBook:
    """Orders by nation index; accepts a mapping id -> orders or a flat iterable."""
    index = state.world.index
    grouped: dict[int, list[Order]] = defaultdict(list)
    if isinstance(orders, Mapping):
        for nation, given in orders.items():
            if nation not in index:
                raise IllegalOrder(None, f"there is no nation '{nation}'")
            for order in given:
                if order.nation != nation:
                    raise IllegalOrder(order, f"listed under {nation} but given by {order.nation}")
                grouped[index[nation]].append(order)
    else:
        for order in orders:
            if order.nation not in index:
                raise IllegalOrder(order, f"there is no nation '{order.nation}'")
            grouped[index[order.nation]].append(order)
    # A nation's orders are one joint action: the order it lists them in must not matter.
    return OrderBook({i: sorted(given, key=_canonical) for i, given in grouped.items()})


def _canonical(order: Order) -> tuple[str, tuple[str, ...]]:
    return order.kind, tuple(str(getattr(order, name)) for name in _field_names(order.kind))


@cache
def _field_names(kind: str) -> tuple[str, ...]:
    return tuple(f.name for f in fields(ORDER_TYPES[kind]) if f.name != "reason")


def seed_turn(seed: int, turn: int) -> np.random.Generator:
    """The random generator of one turn of a game: derived from (seed, turn) only."""
    return generator(seed & (2**63 - 1), turn)


def resolve(
    state: GameState,
    orders: OrdersIn,
    rng: np.random.Generator | None = None,
    *,
    detail: bool = True,
    checked: bool = False,
) -> tuple[GameState, TurnReport]:
    """Resolve one turn. ``rng`` defaults to :func:`seed_turn` of the state's seed and turn.

    ``detail=False`` (for AI lookahead) skips the per-nation reports and the state hash.
    ``checked=True`` says every nation's orders were already checked against this very
    state (as :meth:`Game.submit` does), so they are not checked again.
    """
    if state.over:
        raise IllegalOrder(None, "the game is over")
    grouped = group_orders(state, orders)
    if grouped and not checked:
        shared = SharedContext.of(state)
        for nation, given in grouped.items():
            check_orders(context_for(state, nation, shared), given)
    if rng is None:
        rng = seed_turn(state.seed, state.turn)
    new = state.copy()
    ctx = TurnContext.start(new, rng)
    before = new.stats.copy()

    postures_and_investments(ctx, grouped)
    resolve_diplomacy(ctx, grouped)
    planned = [
        PlannedOp(nation, new.world.index[order.target], order.op)
        for nation in sorted(grouped)
        for order in grouped[nation]
        if isinstance(order, Operation)
    ]
    resolve_operations(ctx, planned)
    resolve_responses(ctx, grouped)
    resolve_events(ctx, grouped)
    decay_and_escalation(ctx)

    trust = ctx.trust()
    breakdown = stability_terms(new, trust)
    new.stability = breakdown.total
    score_list = scores(new, trust)
    _end_checks(ctx)
    keep_from = new.turn - INCIDENT_LOG_TURNS + 1
    # (operations carried from an intervention are in both: keep each once, by id)
    merged = {r.id: r for r in (*new.incident_log, *ctx.operations)}
    new.incident_log = tuple(r for r in merged.values() if r.turn >= keep_from)
    new.ledger.flush()
    played = new.turn
    new.turn += 1
    digest = state_hash(new) if detail else ""
    report = TurnReport(
        turn=played,
        operations=tuple(ctx.operations),
        diplomacy=tuple(ctx.diplomacy),
        escalations=tuple(ctx.escalations),
        events=tuple(ctx.events),
        choices=tuple(ctx.choices),
        news=tuple(ctx.news),
        trust_changes=tuple(ctx.trust_changes),
        stability=breakdown,
        scores=tuple(score_list),
        nations=nation_reports(ctx, played, before, score_list) if detail else (),
        state_hash=digest,
        over=new.over,
        outcome=new.outcome,
    )
    return new, report


def _end_checks(ctx: TurnContext) -> None:
    s = ctx.state
    rule = s.world.scenario.scoring
    if s.stability < rule.collapse_threshold:
        s.low_stability_turns += 1
    else:
        s.low_stability_turns = 0
    if s.low_stability_turns >= rule.collapse_turns:
        s.over, s.outcome = True, "collapse"
        ctx.say(
            f"Stability has stayed below {rule.collapse_threshold:g} for "
            f"{s.low_stability_turns} turns: the world order collapses.",
            "event",
        )
    elif s.turn >= s.last_turn:
        s.over, s.outcome = True, "completed"


def nation_reports(
    ctx: TurnContext, turn: int, before: np.ndarray, score_list: list[ScoreBreakdown]
) -> tuple[NationReport, ...]:
    """What each nation saw of the turn."""
    s = ctx.state
    n = ctx.n
    public_news: list[tuple[int, NewsItem]] = []
    private_news: dict[int, list[tuple[int, NewsItem]]] = defaultdict(list)
    for position, item in enumerate(ctx.news):
        if item.to is None:
            public_news.append((position, item))
        else:
            for k in item.to:
                private_news[k].append((position, item))
    seen: dict[int, list[IncidentSeen]] = defaultdict(list)
    unexplained: dict[int, list[str]] = defaultdict(list)
    for r in ctx.operations:
        if r.attacker >= 0:
            seen[r.attacker].append(
                IncidentSeen(r.id, r.turn, r.kind, "attacker", r.target, r.success)
            )
        if r.detected:
            seen[r.target].append(
                IncidentSeen(
                    r.id,
                    r.turn,
                    r.kind,
                    "victim",
                    r.blamed,
                    r.success if r.kind != "espionage" else None,
                    r.corrected_by_hotline,
                )
            )
        elif r.success and r.damage and r.kind != "espionage":
            hurt = ", ".join(f"{k} {v:+.0f}" for k, v in r.damage.items())
            unexplained[r.target].append(f"unexplained damage ({hurt}): cause not detected")
    shared_news = tuple(item for _, item in public_news)
    changes: dict[int, list[TrustChange]] = defaultdict(list)
    for change in ctx.trust_changes:
        if change.audience == -1:
            changes[change.frm].append(change)
            continue
        if change.audience >= 0:
            felt = s.norm_signed[change.audience].copy()
        else:
            felt = np.ones(n, dtype=bool)
        felt[change.to] = False
        if change.frm >= 0:
            felt[change.frm] = False
        for nation in np.flatnonzero(felt).tolist():
            changes[nation].append(change)
    new_proposals: dict[int, list[int]] = defaultdict(list)
    # (s.turn is already the next turn here: these are the proposals to answer in it.)
    for p in s.proposals:
        if p.turn != turn:
            continue
        for k in range(n) if p.to == EVERY_NATION else (p.to,):
            if answerable(s, p, k):
                new_proposals[k].append(p.id)
    new_choices: dict[int, list[str]] = defaultdict(list)
    for c in s.pending_choices:
        if c.turn == turn:
            new_choices[c.nation].append(c.event)
    totals = np.array([sc.total for sc in score_list])
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), -totals))] = np.arange(1, n + 1, dtype=np.int64)
    delta = (s.stats - before).tolist()
    totals_list = totals.tolist()
    rank_list = rank.tolist()
    out = []
    for i in range(n):
        private = private_news.get(i)
        news = (
            shared_news
            if not private
            else tuple(item for _, item in heapq.merge(public_news, private))
        )
        out.append(
            NationReport(
                nation=i,
                turn=turn,
                news=news,
                incidents=tuple(seen.get(i, ())),
                trust_changes=tuple(changes.get(i, ())),
                stat_changes={name: round(d, 4) for name, d in zip(STATS, delta[i], strict=True)},
                unexplained=tuple(unexplained.get(i, ())),
                proposals_received=tuple(new_proposals.get(i, ())),
                choices_pending=tuple(new_choices.get(i, ())),
                score=totals_list[i],
                rank=rank_list[i],
            )
        )
    return tuple(out)

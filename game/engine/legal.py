"""What a nation may order now, and why an order is illegal.

Legality depends only on what the nation itself knows (its budget, slots, relations,
treaties, the proposals and choices waiting for it), gathered in an
:class:`OrderContext`. The same context is part of every nation's view, so the UI and
the AI ask exactly the question the engine checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from game.engine.orders import (
    ACTION_KINDS,
    ORDER_TYPES,
    Answer,
    Choose,
    EndorseNorm,
    IllegalOrder,
    Invest,
    LeaveAlliance,
    Operation,
    Order,
    ProposeAlliance,
    ProposeArmsControl,
    ProposeHotline,
    ProposeNorm,
    RatifyArmsControl,
    Sanction,
    SetPosture,
    Targeted,
    WithdrawArmsControl,
    WithdrawNorm,
)
from game.engine.rules import RULES
from game.engine.state import GameState, Proposal, proposals_for

EPSILON = 1e-9


@dataclass(frozen=True)
class OrderContext:
    """Everything that decides which orders one nation may give this turn."""

    nation: int
    ids: tuple[str, ...]
    turn: int
    over: bool
    budget: float
    slots: int
    allies: frozenset[int]
    my_alliances: tuple[str, ...]
    hotlines: frozenset[int]
    sanctioning: dict[int, int]  # nation -> turns left of our sanctions on it
    norms: tuple[str, ...]
    norms_signed: frozenset[str]
    norms_open: frozenset[str]  # tabled or in force: can be endorsed
    agreements: tuple[str, ...]
    agreements_ratified: frozenset[str]
    agreements_open: frozenset[str]
    proposals_to_me: tuple[Proposal, ...]  # answerable now
    my_pending: frozenset[tuple[str, int]]  # (kind, target) of our proposals still waiting
    choices: dict[str, tuple[str, ...]]  # event id -> option ids, waiting for our answer

    @property
    def me(self) -> str:
        return self.ids[self.nation]

    @cached_property
    def _others(self) -> tuple[str, ...]:
        return tuple(x for k, x in enumerate(self.ids) if k != self.nation)

    def others(self) -> list[str]:
        return list(self._others)


@dataclass(frozen=True)
class SharedContext:
    """The parts of every nation's order context that are the same for all of them."""

    budgets: tuple[float, ...]
    norms_open: frozenset[str]
    agreements_open: frozenset[str]
    signed: tuple[frozenset[str], ...]  # per nation: norms it signed
    ratified: tuple[frozenset[str], ...]  # per nation: agreements it is party to

    @classmethod
    def of(cls, state: GameState) -> SharedContext:
        world = state.world
        norm_ids, agreement_ids = world.norm_ids, world.agreement_ids
        n = world.n
        open_norms = (state.norm_tabled | state.norm_in_force).tolist()
        open_deals = (state.arms_tabled | state.arms_in_force).tolist()
        signed = state.norm_signed.T.tolist() if norm_ids else [[]] * n
        ratified = state.arms_party.T.tolist() if agreement_ids else [[]] * n
        return cls(
            budgets=tuple(state.budget().tolist()),
            norms_open=_chosen(norm_ids, tuple(open_norms)),
            agreements_open=_chosen(agreement_ids, tuple(open_deals)),
            signed=tuple(_chosen(norm_ids, tuple(row)) for row in signed),
            ratified=tuple(_chosen(agreement_ids, tuple(row)) for row in ratified),
        )


@lru_cache(maxsize=4096)
def _chosen(names: tuple[str, ...], flags: tuple[bool, ...]) -> frozenset[str]:
    """The names whose flag is set. Cached: every nation of every turn asks, and the
    catalogs of norms and agreements are short, so the same few sets come back."""
    return frozenset(x for x, y in zip(names, flags, strict=True) if y)


def context_for(state: GameState, nation: int, shared: SharedContext | None = None) -> OrderContext:
    """The order context of ``nation`` in ``state`` (pass ``shared`` when making many)."""
    world = state.world
    common = shared if shared is not None else SharedContext.of(state)
    mine = [a for a in state.alliances if nation in a.members]
    choices = {}
    for pending in state.pending_choices:
        if pending.nation == nation and pending.turn < state.turn:
            event = world.event(pending.event)
            if event.choice is not None:
                choices[pending.event] = tuple(o.id for o in event.choice.options)
    sanctions = state.sanctions[nation]
    return OrderContext(
        nation=nation,
        ids=world.ids,
        turn=state.turn,
        over=state.over,
        budget=common.budgets[nation],
        slots=world.scenario.actions_per_turn,
        allies=frozenset(m for a in mine for m in a.members if m != nation),
        my_alliances=tuple(a.id for a in mine),
        hotlines=frozenset(state.hotline[nation].nonzero()[0].tolist()),
        sanctioning={int(j): int(sanctions[j]) for j in sanctions.nonzero()[0]},
        norms=world.norm_ids,
        norms_signed=common.signed[nation],
        norms_open=common.norms_open,
        agreements=world.agreement_ids,
        agreements_ratified=common.ratified[nation],
        agreements_open=common.agreements_open,
        proposals_to_me=proposals_for(state, nation),
        my_pending=frozenset((p.kind, p.to) for p in state.proposals if p.frm == nation),
        choices=choices,
    )


def cost(order: Order) -> float:
    """Budget points an order spends."""
    if isinstance(order, Invest):
        return order.total
    return kind_cost(type(order))


def kind_cost(cls: type[Order]) -> float:
    """Budget points every order of type ``cls`` spends (any type but :class:`Invest`,
    whose cost is its total)."""
    if issubclass(cls, Operation):
        return RULES.op_cost[cls.op]
    return RULES.diplomacy_cost.get(cls.kind, 0.0)


def why_illegal(ctx: OrderContext, order: Order) -> str | None:
    """Why ``order`` may not be given now on its own, or None when it may."""
    if ctx.over:
        return "the game is over"
    if order.nation != ctx.me:
        return f"orders for {order.nation} cannot be given by {ctx.me}"
    if cost(order) > ctx.budget + EPSILON:
        return f"costs {cost(order):g} but the budget is {ctx.budget:.1f}"
    if isinstance(order, Targeted):
        if order.target not in ctx.ids:
            return f"there is no nation '{order.target}'"
        target = ctx.ids.index(order.target)
        return _why_targeted(ctx, type(order), target)
    if isinstance(order, LeaveAlliance):
        if order.alliance not in ctx.my_alliances:
            return f"not a member of alliance '{order.alliance}'"
    elif isinstance(order, ProposeNorm | EndorseNorm | WithdrawNorm):
        subject = order.subject
        if subject not in ctx.norms:
            return f"there is no norm '{subject}' in this scenario"
        signed = subject in ctx.norms_signed
        if isinstance(order, WithdrawNorm) and not signed:
            return "we have not signed this norm"
        if not isinstance(order, WithdrawNorm) and signed:
            return "we have already signed this norm"
        if isinstance(order, EndorseNorm) and subject not in ctx.norms_open:
            return "nobody has tabled this norm yet (propose it instead)"
    elif isinstance(order, ProposeArmsControl | RatifyArmsControl | WithdrawArmsControl):
        subject = order.subject
        if subject not in ctx.agreements:
            return f"there is no arms-control agreement '{subject}' in this scenario"
        party = subject in ctx.agreements_ratified
        if isinstance(order, WithdrawArmsControl) and not party:
            return "we are not a party to this agreement"
        if not isinstance(order, WithdrawArmsControl) and party:
            return "we are already a party to this agreement"
        if isinstance(order, RatifyArmsControl) and subject not in ctx.agreements_open:
            return "nobody has tabled this agreement yet (propose it instead)"
    elif isinstance(order, Answer):
        if not any(p.id == order.proposal for p in ctx.proposals_to_me):
            return f"no proposal #{order.proposal} is waiting for our answer"
    elif isinstance(order, Choose):
        options = ctx.choices.get(order.event)
        if options is None:
            return f"no choice from event '{order.event}' is waiting for our answer"
        if order.option not in options:
            return f"'{order.option}' is not an option (options: {', '.join(options)})"
    return None


#: The targeted actions that some other nations may not be the target of (the rules of
#: :func:`_why_targeted`); any other targeted action may be aimed at any other nation.
_TARGET_RULES = (ProposeHotline, ProposeAlliance, Sanction)


def _why_targeted(ctx: OrderContext, cls: type[Targeted], target: int) -> str | None:
    """Why an action of type ``cls`` may not be aimed at nation ``target`` (an index of
    another nation), budget aside."""
    if issubclass(cls, ProposeHotline):
        if target in ctx.hotlines:
            return "we already have a hotline with them"
        if ("hotline", target) in ctx.my_pending:
            return "our hotline offer is still waiting for their answer"
    elif issubclass(cls, ProposeAlliance):
        if target in ctx.allies:
            return "they are already our allies"
        if ("alliance", target) in ctx.my_pending:
            return "our alliance offer is still waiting for their answer"
    elif issubclass(cls, Sanction) and target in ctx.sanctioning:
        return f"our sanctions on them still run for {ctx.sanctioning[target]} turn(s)"
    return None


def check_orders(ctx: OrderContext, orders: Sequence[Order]) -> None:
    """Raise :class:`IllegalOrder` for the first problem in a whole set of orders."""
    for order in orders:
        why = why_illegal(ctx, order)
        if why:
            raise IllegalOrder(order, why)
    slot_orders = [o for o in orders if o.uses_slot]
    if len(slot_orders) > ctx.slots:
        raise IllegalOrder(
            slot_orders[ctx.slots],
            f"only {ctx.slots} action(s) per turn ({len(slot_orders)} given)",
        )
    total = sum(cost(o) for o in orders)
    if total > ctx.budget + EPSILON:
        raise IllegalOrder(
            None, f"{ctx.me}: these orders cost {total:g} but the budget is {ctx.budget:.1f}"
        )
    seen: set[tuple[object, ...]] = set()
    for order in orders:
        key = _identity(order)
        if key in seen:
            raise IllegalOrder(order, "given twice this turn")
        seen.add(key)


def _identity(order: Order) -> tuple[object, ...]:
    if isinstance(order, SetPosture | Invest):
        return (order.kind,)
    if isinstance(order, Answer):
        return (order.kind, order.proposal)
    if isinstance(order, Choose):
        return (order.kind, order.event)
    # Orders compare without their reason, so the order itself is its identity.
    return (order,)


class LegalOrders:
    """What one nation may do this turn: free orders, slot actions, answers.

    Slot actions are listed lazily: ``actions`` builds every legal one (fine for a few
    nations), while ``targets(kind)`` answers cheaply for one kind.
    """

    def __init__(self, context: OrderContext) -> None:
        self.context = context
        self.postures: tuple[str, ...] = (
            () if context.over else ("defensive", "balanced", "offensive")
        )
        self.answers: tuple[Proposal, ...] = () if context.over else context.proposals_to_me
        self.choices: dict[str, tuple[str, ...]] = {} if context.over else dict(context.choices)
        self._actions: tuple[Order, ...] | None = None
        self._allowed: dict[str, frozenset[str]] = {}

    @property
    def budget(self) -> float:
        return self.context.budget

    @property
    def slots(self) -> int:
        return self.context.slots

    @property
    def actions(self) -> tuple[Order, ...]:
        """Every slot action legal on its own (slots and budget limit how many together)."""
        if self._actions is None:
            if self.context.over:
                self._actions = ()
            else:
                self._actions = tuple(
                    o
                    for o in candidate_actions(self.context)
                    if why_illegal(self.context, o) is None
                )
        return self._actions

    def of_kind(self, kind: str) -> list[Order]:
        return [o for o in self.actions if o.kind == kind]

    def is_legal(self, order: Order) -> bool:
        return why_illegal(self.context, order) is None

    def targets(self, kind: str) -> list[str]:
        """Nations a targeted action of ``kind`` may be aimed at now."""
        if not issubclass(ORDER_TYPES[kind], Targeted):
            return []
        allowed = self.allowed(kind)
        return [x for x in self.context.others() if x in allowed]

    def allowed(self, kind: str) -> frozenset[str]:
        """The arguments with which a slot action of ``kind`` is legal now on its own.

        An argument is what :func:`candidate_actions` varies for the kind: the target
        nation of a targeted action, the alliance left, or the norm or agreement. For a
        well-formed action ``a`` of this nation, ``argument(a) in allowed(a.kind)`` is
        exactly ``why_illegal(context, a) is None``, worked out once per kind from the
        context's sets instead of once per order (the AI asks it of every candidate).
        """
        found = self._allowed.get(kind)
        if found is None:
            found = self._allowed[kind] = frozenset(self._legal_arguments(ORDER_TYPES[kind]))
        return found

    def _legal_arguments(self, cls: type[Order]) -> Iterable[str]:
        """The rules of :func:`why_illegal` for every argument of one kind at once."""
        ctx = self.context
        if ctx.over or not cls.uses_slot or kind_cost(cls) > ctx.budget + EPSILON:
            return ()
        if issubclass(cls, Targeted):
            if not issubclass(cls, _TARGET_RULES):
                return ctx._others  # any other nation
            return (
                other
                for k, other in enumerate(ctx.ids)
                if k != ctx.nation and _why_targeted(ctx, cls, k) is None
            )
        if cls is LeaveAlliance:
            return ctx.my_alliances
        if cls in (ProposeNorm, EndorseNorm, WithdrawNorm):
            return _treaty_arguments(
                ctx.norms, ctx.norms_signed, ctx.norms_open, cls is WithdrawNorm, cls is EndorseNorm
            )
        if cls in (ProposeArmsControl, RatifyArmsControl, WithdrawArmsControl):
            return _treaty_arguments(
                ctx.agreements,
                ctx.agreements_ratified,
                ctx.agreements_open,
                cls is WithdrawArmsControl,
                cls is RatifyArmsControl,
            )
        return ()


def _treaty_arguments(
    catalog: Iterable[str], joined: frozenset[str], tabled: frozenset[str], leave: bool, join: bool
) -> Iterable[str]:
    """The treaties one may leave (``leave``: those joined), join (``join``: those tabled
    and not joined) or propose (neither: those not joined), in catalog order."""
    if leave:
        return (x for x in catalog if x in joined)
    if join:
        return (x for x in catalog if x not in joined and x in tabled)
    return (x for x in catalog if x not in joined)


def candidate_actions(ctx: OrderContext) -> Iterable[Order]:
    """Every slot action that is well-formed for this nation (legal or not)."""
    me = ctx.me
    for kind in ACTION_KINDS:
        cls = ORDER_TYPES[kind]
        if issubclass(cls, Targeted):
            for other in ctx.others():
                yield cls(me, other)
        elif cls is LeaveAlliance:
            for alliance in ctx.my_alliances:
                yield LeaveAlliance(me, alliance)
        elif cls in (ProposeNorm, EndorseNorm, WithdrawNorm):
            for norm in ctx.norms:
                yield cls(me, subject=norm)
        elif cls in (ProposeArmsControl, RatifyArmsControl, WithdrawArmsControl):
            for agreement in ctx.agreements:
                yield cls(me, subject=agreement)


def legal_orders(view_or_context: object) -> LegalOrders:
    """What the nation may do now, from its view (or its order context)."""
    if isinstance(view_or_context, OrderContext):
        return LegalOrders(view_or_context)
    context: OrderContext = view_or_context.orders_context  # type: ignore[attr-defined]
    return LegalOrders(context)


__all__ = [
    "EPSILON",
    "LegalOrders",
    "OrderContext",
    "SharedContext",
    "check_orders",
    "context_for",
    "cost",
    "kind_cost",
    "legal_orders",
    "why_illegal",
]

"""The orders one nation is putting together this turn, before it submits them.

An :class:`OrderBook` starts from the nation's view (its order context: budget, slots,
relations) and collects a posture, investments, slot actions, answers to proposals and
answers to event choices. It knows why an order cannot be added — the engine's reason
(:func:`game.engine.legal.why_illegal`) first, then what the book itself adds: no slot
left, not enough budget left after the other orders, the same order twice. Every change
can be undone (:meth:`OrderBook.undo`). Pure logic: no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.engine.legal import EPSILON, LegalOrders, OrderContext, cost, legal_orders, why_illegal
from game.engine.orders import (
    ORDER_TYPES,
    Answer,
    Choose,
    EndorseNorm,
    Invest,
    LeaveAlliance,
    Order,
    ProposeArmsControl,
    ProposeNorm,
    RatifyArmsControl,
    SetPosture,
    Targeted,
    WithdrawArmsControl,
    WithdrawNorm,
)
from game.engine.rules import RULES
from game.engine.types import INVESTMENT_AREAS, STATS
from game.ui.panels.wording import kind_cost

INVEST_STEP = 0.5
_NORM_KINDS = (ProposeNorm, EndorseNorm, WithdrawNorm)
_ARMS_KINDS = (ProposeArmsControl, RatifyArmsControl, WithdrawArmsControl)


@dataclass(frozen=True, slots=True)
class BookState:
    """One snapshot of the book (immutable, so undo keeps a list of them)."""

    posture: str | None = None  # None: keep the current posture
    invest: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    actions: tuple[Order, ...] = ()
    answers: tuple[tuple[int, bool], ...] = ()
    choices: tuple[tuple[str, str], ...] = ()


def _same(a: Order, b: Order) -> bool:
    """The same action (reasons aside): orders compare without their reason."""
    return a == b


class OrderBook:
    """A nation's orders in the making. See the module docstring."""

    def __init__(
        self,
        context: OrderContext,
        current_posture: str = "balanced",
        own_stats: tuple[float, ...] | None = None,
    ) -> None:
        self.context = context
        self.legal: LegalOrders = legal_orders(context)
        self.current_posture = current_posture
        self.own_stats = own_stats
        self.state = BookState()
        self._undo: list[BookState] = []
        self.version = 0
        self._kind_cache: dict[str, str | None] = {}

    @classmethod
    def of_view(cls, view) -> OrderBook:
        from game.ui.panels.wording import POSTURES

        return cls(
            view.orders_context,
            POSTURES[int(view.posture[view.nation])],
            tuple(float(x) for x in view.own_stats),
        )

    # ------------------------------------------------------------------ reading

    @property
    def nation(self) -> str:
        return self.context.me

    @property
    def budget(self) -> float:
        return self.context.budget

    @property
    def slots(self) -> int:
        return self.context.slots

    @property
    def slots_used(self) -> int:
        return sum(1 for o in self.state.actions if o.uses_slot)

    @property
    def slots_left(self) -> int:
        return max(0, self.slots - self.slots_used)

    @property
    def invest_total(self) -> float:
        return float(sum(self.state.invest))

    @property
    def action_cost(self) -> float:
        return float(sum(cost(o) for o in self.state.actions))

    @property
    def spent(self) -> float:
        return self.action_cost + self.invest_total

    @property
    def budget_left(self) -> float:
        return max(0.0, self.budget - self.spent)

    @property
    def posture(self) -> str:
        return self.state.posture or self.current_posture

    def invest(self, area: str) -> float:
        return self.state.invest[INVESTMENT_AREAS.index(area)]

    def answer_of(self, proposal: int) -> bool | None:
        return dict(self.state.answers).get(proposal)

    def choice_of(self, event: str) -> str | None:
        return dict(self.state.choices).get(event)

    def orders(self) -> list[Order]:
        """What to submit: posture (if changed), investments, actions, answers, choices."""
        me = self.nation
        out: list[Order] = []
        if self.state.posture is not None and self.state.posture != self.current_posture:
            out.append(SetPosture(me, posture=self.state.posture))
        if self.invest_total > 0:
            offense, defense, attribution, resilience = self.state.invest
            out.append(
                Invest(
                    me,
                    offense=offense,
                    defense=defense,
                    attribution=attribution,
                    resilience=resilience,
                )
            )
        out.extend(self.state.actions)
        out.extend(Answer(me, proposal=p, accept=a) for p, a in self.state.answers)
        out.extend(Choose(me, event=e, option=o) for e, o in self.state.choices)
        return out

    def entries(self) -> list[Order]:
        """The queued orders in the order they are listed (same as :meth:`orders`)."""
        return self.orders()

    # ------------------------------------------------------------------ why not

    def why_not(self, order: Order) -> str | None:
        """Why ``order`` cannot be added to the book now, or None when it can."""
        reason = why_illegal(self.context, order)
        if reason:
            return reason
        if any(_same(order, queued) for queued in self.state.actions):
            return "already in your orders"
        if order.uses_slot and self.slots_left <= 0:
            return f"no action slots left ({self.slots} of {self.slots} used)"
        points = cost(order)
        if points > self.budget_left + EPSILON:
            hint = " (lower your investments)" if self.invest_total > 0 else ""
            return f"costs {points:g} but only {self.budget_left:.1f} of your budget is left{hint}"
        return None

    def candidates(self, kind: str) -> list[Order]:
        """Every well-formed action of ``kind`` for this nation (legal or not)."""
        ctx = self.context
        me = ctx.me
        cls = ORDER_TYPES[kind]
        if issubclass(cls, Targeted):
            return [cls(me, other) for other in ctx.others()]
        if cls is LeaveAlliance:
            return [LeaveAlliance(me, alliance) for alliance in ctx.my_alliances]
        if cls in _NORM_KINDS:
            return [cls(me, subject=n) for n in ctx.norms]
        if cls in _ARMS_KINDS:
            return [cls(me, subject=a) for a in ctx.agreements]
        return []

    def kind_reason(self, kind: str) -> str | None:
        """Why no action of ``kind`` can be added now (None: at least one can)."""
        key = f"{self.version}:{kind}"
        if key in self._kind_cache:
            return self._kind_cache[key]
        reason = self._kind_reason(kind)
        self._kind_cache[key] = reason
        return reason

    def _kind_reason(self, kind: str) -> str | None:
        if self.context.over:
            return "the game is over"
        if self.slots_left <= 0:
            return f"no action slots left ({self.slots} of {self.slots} used)"
        points = kind_cost(kind)
        if points > self.budget_left + EPSILON:
            hint = " (lower your investments)" if self.invest_total > 0 else ""
            return f"costs {points:g} but only {self.budget_left:.1f} of your budget is left{hint}"
        options = self.candidates(kind)
        if not options:
            return _NO_OPTIONS.get(kind, "nothing to aim this at")
        reasons = [self.why_not(o) for o in options]
        if any(r is None for r in reasons):
            return None
        # The most common reason speaks for the kind, said of all of them when it holds
        # for every one ("you have signed every norm", not "... this norm").
        counts: dict[str, int] = {}
        for r in reasons:
            assert r is not None
            counts[r] = counts.get(r, 0) + 1
        common = max(counts, key=lambda r: counts[r])
        if len(options) > 1 and counts[common] == len(options):
            return _FOR_EVERY_ONE.get(common, common)
        return common

    # ------------------------------------------------------------------ changing

    def _change(self, new: BookState) -> None:
        if new != self.state:
            self._undo.append(self.state)
            del self._undo[:-200]
            self.state = new
            self.version += 1
            self._kind_cache.clear()

    def add(self, order: Order) -> str | None:
        """Queue a slot action; returns the reason when it cannot be queued."""
        reason = self.why_not(order)
        if reason is None:
            self._change(replace(self.state, actions=(*self.state.actions, order)))
        return reason

    def remove(self, order: Order) -> None:
        """Take one order out of the book (any kind)."""
        s = self.state
        if isinstance(order, SetPosture):
            self._change(replace(s, posture=None))
        elif isinstance(order, Invest):
            self._change(replace(s, invest=(0.0, 0.0, 0.0, 0.0)))
        elif isinstance(order, Answer):
            self._change(replace(s, answers=tuple(a for a in s.answers if a[0] != order.proposal)))
        elif isinstance(order, Choose):
            self._change(replace(s, choices=tuple(c for c in s.choices if c[0] != order.event)))
        else:
            kept = list(s.actions)
            for k, queued in enumerate(kept):
                if _same(queued, order):
                    del kept[k]
                    break
            self._change(replace(s, actions=tuple(kept)))

    def set_posture(self, posture: str) -> None:
        self._change(
            replace(self.state, posture=None if posture == self.current_posture else posture)
        )

    def set_invest(self, area: str, points: float) -> float:
        """Put ``points`` into ``area`` (held within the budget left); returns what was set."""
        k = INVESTMENT_AREAS.index(area)
        others = self.spent - self.state.invest[k]
        room = max(0.0, self.budget - others)
        points = max(0.0, min(float(points), room))
        points = round(points / INVEST_STEP) * INVEST_STEP if points < room - EPSILON else points
        points = round(points, 2)
        values = list(self.state.invest)
        values[k] = points
        self._change(replace(self.state, invest=(values[0], values[1], values[2], values[3])))
        return points

    def nudge_invest(self, area: str, steps: int) -> float:
        return self.set_invest(area, self.invest(area) + steps * INVEST_STEP)

    def answer(self, proposal: int, accept: bool | None) -> None:
        """Accept (True), decline (False) or leave unanswered (None) a proposal."""
        kept = tuple(a for a in self.state.answers if a[0] != proposal)
        if accept is not None:
            kept = (*kept, (proposal, bool(accept)))
        self._change(replace(self.state, answers=kept))

    def choose(self, event: str, option: str | None) -> None:
        kept = tuple(c for c in self.state.choices if c[0] != event)
        if option is not None:
            kept = (*kept, (event, option))
        self._change(replace(self.state, choices=kept))

    def undo(self) -> bool:
        """Go back one change; False when there is nothing to undo."""
        if not self._undo:
            return False
        self.state = self._undo.pop()
        self.version += 1
        self._kind_cache.clear()
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # ------------------------------------------------------------------ previews

    def invest_gain(self, area: str, points: float | None = None) -> str:
        """What ``points`` (default: the book's) in ``area`` buy, e.g. '+2.9 defense'."""
        points = self.invest(area) if points is None else points
        if points <= 0:
            return ""
        r = RULES
        if area == "resilience":
            return (
                f"+{points * r.resilience_infrastructure:.1f} infrastructure, "
                f"+{points * r.resilience_cohesion:.1f} cohesion"
            )
        level = self.own_stats[STATS.index(area)] if self.own_stats else 50.0
        gain = points * r.invest_gain * max(0.0, 1.0 - level / r.invest_ceiling)
        return f"+{gain:.1f} {area}"


_NO_OPTIONS = {
    "leave_alliance": "you are not in any alliance",
    "propose_norm": "this scenario has no norms",
    "endorse_norm": "this scenario has no norms",
    "withdraw_norm": "this scenario has no norms",
    "propose_arms_control": "this scenario has no arms-control agreements",
    "ratify_arms_control": "this scenario has no arms-control agreements",
    "withdraw_arms_control": "this scenario has no arms-control agreements",
}

#: An order's reason (the engine's words) said of a whole kind, when it holds for
#: every order of the kind.
_FOR_EVERY_ONE = {
    "we have already signed this norm": "you have signed every norm in this scenario",
    "we have not signed this norm": "you have not signed any norm",
    "nobody has tabled this norm yet (propose it instead)": (
        "no norm has been tabled yet (propose one instead)"
    ),
    "we are already a party to this agreement": (
        "you are a party to every arms-control agreement in this scenario"
    ),
    "we are not a party to this agreement": "you are not a party to any arms-control agreement",
    "nobody has tabled this agreement yet (propose it instead)": (
        "no agreement has been tabled yet (propose one instead)"
    ),
    "we already have a hotline with them": "you already have a hotline with every nation",
    "they are already our allies": "every nation is already your ally",
    "our hotline offer is still waiting for their answer": (
        "your hotline offers are still waiting for answers"
    ),
}

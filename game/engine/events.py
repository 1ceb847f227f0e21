"""Scripted events: structured conditions, effects and choices from the scenario.

Events are data (DESIGN.md §2): a condition tree is evaluated against the state, effects
are applied by the small functions below, one per effect key. No code from a scenario
file is ever executed.

Order within the events phase: first the choices answered this turn (or defaulted when
their time is up), then every eligible event's condition is evaluated against the same
snapshot, then the chance rolls, then the effects of the events that fire, in file order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from game.engine.context import TurnContext
from game.engine.numeric import clamp
from game.engine.ops import PlannedOp, resolve_operations
from game.engine.orders import Choose, Order
from game.engine.records import ChoiceRecord, EventRecord
from game.engine.state import GameState, PendingChoice
from game.engine.types import STAT_INDEX, OpKind
from game.scenario.models import Comparison, Condition, Effect, Event

# --------------------------------------------------------------------------- conditions


def _compare(value: float, bound: Comparison) -> bool:
    if bound.below is not None and not value < bound.below:
        return False
    return not (bound.above is not None and not value > bound.above)


def _nation(state: GameState, ident: str | None, owner: int | None) -> int:
    if ident is None or ident == "self":
        if owner is None:
            raise ValueError("'self' used outside an objective or choice")
        return owner
    return state.world.index[ident]


def evaluate(
    state: GameState, trust: np.ndarray, node: Condition, owner: int | None = None
) -> bool:
    """Whether a condition tree holds; ``owner`` stands for 'self' (and an omitted nation)."""
    if node.all is not None:
        return all(evaluate(state, trust, c, owner) for c in node.all)
    if node.any is not None:
        return any(evaluate(state, trust, c, owner) for c in node.any)
    if node.not_ is not None:
        return not evaluate(state, trust, node.not_, owner)
    if node.stat is not None:
        i = _nation(state, node.stat.nation, owner)
        return _compare(float(state.stats[i, STAT_INDEX[node.stat.stat]]), node.stat)
    if node.trust is not None:
        i = _nation(state, node.trust.from_, owner)
        j = _nation(state, node.trust.to, owner)
        return _compare(float(trust[i, j]), node.trust)
    if node.tension is not None:
        a, b = (_nation(state, x, owner) for x in node.tension.between)
        return _compare(float(state.tension[a, b]), node.tension)
    if node.turn is not None:
        return _compare(float(state.turn), node.turn)
    if node.stability is not None:
        return _compare(float(state.stability), node.stability)
    if node.norm_in_force is not None:
        k = state.world.norm_ids.index(node.norm_in_force.norm)
        return bool(state.norm_in_force[k])
    if node.arms_control_in_force is not None:
        k = state.world.agreement_ids.index(node.arms_control_in_force.agreement)
        return bool(state.arms_in_force[k])
    if node.in_alliance is not None:
        i = _nation(state, node.in_alliance.nation, owner)
        wanted = node.in_alliance.alliance
        return any(i in a.members and (wanted is None or a.id == wanted) for a in state.alliances)
    if node.hotline is not None:
        a, b = (_nation(state, x, owner) for x in node.hotline.between)
        return bool(state.hotline[a, b])
    raise ValueError("empty condition")  # the model forbids this


def objective_met(state: GameState, trust: np.ndarray, condition: Condition, owner: int) -> bool:
    """Whether an objective's condition holds for its owner."""
    return evaluate(state, trust, condition, owner)


# --------------------------------------------------------------------------- effects


def _targets(ctx: TurnContext, ident: str, owner: int | None) -> list[int]:
    if ident == "all":
        return list(range(ctx.n))
    return [_nation(ctx.state, ident, owner)]


def apply_effects(ctx: TurnContext, effects: Sequence[Effect], owner: int | None) -> None:
    """Apply effects in order; ``owner`` is 'self' for a choice's answering nation."""
    s = ctx.state
    for effect in effects:
        if effect.adjust is not None:
            e = effect.adjust
            for i in _targets(ctx, e.nation, owner):
                stat = STAT_INDEX[e.stat]
                s.stats[i, stat] = float(clamp(s.stats[i, stat] + e.by, 0.0, 100.0))
        elif effect.trust is not None:
            t = effect.trust
            trusted = _nation(s, t.to, owner)
            trusting = [i for i in _targets(ctx, t.from_, owner) if i != trusted]
            ctx.add_trust(trusting, trusted, t.by, t.reason, decay=t.decay, public=True)
            if t.mutual:
                ctx.add_trust(trusted, trusting, t.by, t.reason, decay=t.decay, public=True)
        elif effect.tension is not None:
            a, b = (_nation(s, x, owner) for x in effect.tension.between)
            ctx.add_tension(a, b, effect.tension.by)
        elif effect.incident is not None:
            inc = effect.incident
            attacker = -1 if inc.attacker is None else _nation(s, inc.attacker, owner)
            planned = [
                PlannedOp(
                    attacker,
                    target,
                    OpKind.parse(inc.kind),
                    strength=None if attacker >= 0 else inc.strength,
                    forced=inc.always_succeeds,
                    scripted=True,
                )
                for target in _targets(ctx, inc.target, owner)
                if target != attacker
            ]
            resolve_operations(ctx, planned)
        elif effect.news is not None:
            readers: tuple[int, ...] | None = None
            if effect.news.to is not None:
                readers = tuple(sorted({_nation(s, x, owner) for x in effect.news.to}))
            ctx.say(effect.news.text, "event", readers)
        elif effect.proposal is not None:
            from game.engine.diplomacy import add_proposal, ratify, sign_norm

            p = effect.proposal
            # The subject its kind uses; a stray key of another kind is ignored (the
            # loader warns about it).
            subject = {"norm": p.norm, "arms_control": p.agreement, "alliance": p.alliance}.get(
                p.kind
            )
            frm = _nation(s, p.from_, owner)
            recipient = _nation(s, p.to, owner)
            if _settled(s, p.kind, frm, recipient, subject):
                continue  # what it offers already exists: no moot proposal
            # Whoever proposes a norm or an agreement backs it first.
            if p.kind == "norm" and p.norm is not None:
                sign_norm(ctx, frm, p.norm)
            elif p.kind == "arms_control" and p.agreement is not None:
                ratify(ctx, frm, p.agreement)
            add_proposal(ctx, p.kind, frm, recipient, subject)
    ctx.relations_changed()


def _settled(state: GameState, kind: str, frm: int, to: int, subject: str | None) -> bool:
    """Whether a scripted proposal would offer what the two nations already have."""
    world = state.world
    if kind == "hotline":
        return bool(state.hotline[frm, to])
    if kind == "alliance":
        return bool(state.allied_matrix()[frm, to])
    if kind == "norm" and subject in world.norm_ids:
        return bool(state.norm_signed[world.norm_ids.index(subject), to])
    if kind == "arms_control" and subject in world.agreement_ids:
        return bool(state.arms_party[world.agreement_ids.index(subject), to])
    return False


# --------------------------------------------------------------------------- the phase


def _answering(state: GameState, event: Event) -> list[int]:
    if event.choice is None:
        return []
    if "all" in event.choice.nations:
        return list(range(state.world.n))
    return [state.world.index[x] for x in event.choice.nations]


def fire(ctx: TurnContext, event: Event, *, injected: bool = False) -> None:
    """Make an event happen now: its text, its effects, and its choice (if any)."""
    s = ctx.state
    s.events_fired[event.id] = s.events_fired.get(event.id, 0) + 1
    ctx.events.append(EventRecord(s.turn, event.id, event.title, injected))
    ctx.say(f"{event.title}: {event.text}" if event.text else event.title, "event")
    apply_effects(ctx, event.effects, None)
    if event.choice is not None:
        s.pending_choices = (
            *s.pending_choices,
            *(PendingChoice(event.id, i, s.turn) for i in _answering(s, event)),
        )


def resolve_choices(ctx: TurnContext, orders: Mapping[int, Sequence[Order]]) -> None:
    """Apply the answers given this turn; pending choices from earlier turns default."""
    s = ctx.state
    answers = {
        (i, o.event): o.option for i in sorted(orders) for o in orders[i] if isinstance(o, Choose)
    }
    keep: list[PendingChoice] = []
    for pending in s.pending_choices:
        if pending.turn >= s.turn:
            keep.append(pending)
            continue
        event = s.world.event(pending.event)
        if event.choice is None:
            continue
        option_id = answers.get((pending.nation, pending.event))
        defaulted = option_id is None or option_id not in {o.id for o in event.choice.options}
        if defaulted:
            option_id = event.choice.default
        option = next(o for o in event.choice.options if o.id == option_id)
        ctx.choices.append(ChoiceRecord(s.turn, event.id, pending.nation, option.id, defaulted))
        how = " (no answer came: the default)" if defaulted else ""
        ctx.say(f"{event.title} — {ctx.name(pending.nation)} chose “{option.label}”{how}.", "event")
        apply_effects(ctx, option.effects, pending.nation)
    s.pending_choices = tuple(keep)


def eligible(state: GameState, event: Event) -> bool:
    """Whether an event's turn-based trigger allows it this turn (condition aside)."""
    t = event.trigger
    if event.facilitator_only or state.turn < t.from_turn:
        return False
    if t.once and state.events_fired.get(event.id, 0) > 0:
        return False
    if t.at_turn is not None:
        return state.turn == t.at_turn
    if t.every is not None:
        return state.turn % t.every == 0
    return True


def resolve_events(ctx: TurnContext, orders: Mapping[int, Sequence[Order]]) -> None:
    """The scripted-events phase."""
    resolve_choices(ctx, orders)
    s = ctx.state
    events = s.world.scenario.events
    rolls = ctx.rng["events"].random(len(events))
    candidates = [(e, roll) for e, roll in zip(events, rolls, strict=True) if eligible(s, e)]
    if not candidates and not ctx.choices:
        return  # nothing scripted happens this turn
    # (conditions are evaluated on one snapshot; the trust matrix only if one needs it)
    firing = [
        event
        for event, roll in candidates
        if (event.trigger.condition is None or evaluate(s, ctx.trust(), event.trigger.condition))
        and roll < event.trigger.chance
    ]
    for event in firing:
        fire(ctx, event)
    from game.engine.diplomacy import update_treaties

    update_treaties(ctx)

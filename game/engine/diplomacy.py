"""Diplomacy: proposals and answers, talks, hotlines, alliances, norms, arms control,
intel sharing and capacity building; and the public responses (denunciations, sanctions).

Proposals follow one rule: two nations proposing the same thing to each other in the
same turn agree at once; otherwise the proposal waits one turn for the recipient's
answer and then expires.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

import numpy as np

from game.engine.context import TurnContext
from game.engine.orders import (
    Answer,
    BuildCapacity,
    Denounce,
    EndorseNorm,
    LeaveAlliance,
    Order,
    ProposeAlliance,
    ProposeArmsControl,
    ProposeHotline,
    ProposeNorm,
    RatifyArmsControl,
    Sanction,
    ShareIntel,
    Talks,
    WithdrawArmsControl,
    WithdrawNorm,
)
from game.engine.rules import RULES
from game.engine.state import EVERY_NATION, AllianceState, Proposal, answerable
from game.engine.trust import EVERYONE
from game.engine.types import ATTRIBUTION, DEFENSE

Orders = Mapping[int, Sequence[Order]]


T = TypeVar("T", bound=Order)


def _each(orders: Orders, cls: type[T]) -> list[tuple[int, T]]:
    """(nation, order) for every order of a type, in nation order then order order."""
    by_type = getattr(orders, "by_type", None)
    if by_type is not None and not cls.__subclasses__():
        return list(by_type.get(cls, ()))
    return [(i, o) for i in sorted(orders) for o in orders[i] if isinstance(o, cls)]


# --------------------------------------------------------------------------- the phase


def resolve_diplomacy(ctx: TurnContext, orders: Orders) -> None:
    """The diplomacy phase, in a fixed order (see docs/rules.md, "Turn order")."""
    answer_proposals(ctx, orders)
    new_proposals(ctx, orders)
    # After the answers and the offers back: whatever from last turn is left has lapsed.
    expire_proposals(ctx)
    treaty_orders(ctx, orders)
    leave_alliances(ctx, orders)
    talks(ctx, orders)
    cooperation(ctx, orders)
    update_treaties(ctx)


def answer_proposals(ctx: TurnContext, orders: Orders) -> None:
    s = ctx.state
    by_id = {p.id: p for p in s.proposals}
    answered: set[int] = set()
    for nation, order in _each(orders, Answer):
        proposal = by_id.get(order.proposal)
        if proposal is None or not answerable(s, proposal, nation):
            continue
        if proposal.to == EVERY_NATION:
            # A call to every nation: each answers for itself; the call stays open.
            if order.accept:
                _agree(ctx, replace(proposal, to=nation))
            continue
        if proposal.id in answered:
            continue
        answered.add(proposal.id)
        if order.accept:
            _agree(ctx, proposal)
        else:
            ctx.add_trust(
                proposal.frm,
                proposal.to,
                RULES.decline_trust,
                "declined our proposal",
                decay=RULES.decline_decay,
                cap=RULES.decline_cap,
            )
            ctx.record(
                "declined",
                (proposal.to, proposal.frm),
                proposal.subject,
                f"{ctx.name(proposal.to)} declined {ctx.name(proposal.frm)}'s "
                f"{_what(ctx, proposal)}.",
                public=False,
            )
    s.proposals = tuple(p for p in s.proposals if p.id not in answered)


def expire_proposals(ctx: TurnContext) -> None:
    """Proposals whose answer turn has passed lapse unanswered."""
    s = ctx.state
    keep = []
    for p in s.proposals:
        if s.turn - p.turn >= RULES.proposal_lifetime:
            if p.to != EVERY_NATION:
                ctx.record(
                    "expired",
                    (p.frm, p.to),
                    p.subject,
                    f"{ctx.name(p.to)} left {ctx.name(p.frm)}'s {_what(ctx, p)} unanswered.",
                    public=False,
                    news=None,
                )
        else:
            keep.append(p)
    s.proposals = tuple(keep)


def _what(ctx: TurnContext, p: Proposal) -> str:
    world = ctx.state.world
    if p.kind == "norm" and p.subject in world.norm_ids:
        return f"call to endorse '{world.norm_name(world.norm_ids.index(p.subject))}'"
    if p.kind == "arms_control" and p.subject in world.agreement_ids:
        return f"call to ratify '{world.agreement_name(world.agreement_ids.index(p.subject))}'"
    return {
        "hotline": "hotline offer",
        "alliance": "alliance offer",
        "intel_sharing": "offer to share intelligence",
        "talks": "invitation to talks",
    }.get(p.kind, f"{p.kind} proposal")


def add_proposal(ctx: TurnContext, kind: str, frm: int, to: int, subject: str | None) -> None:
    """Queue a proposal for ``to`` to answer next turn (unless an identical one waits)."""
    s = ctx.state
    for p in s.proposals:
        if p.kind == kind and p.frm == frm and p.to == to and p.subject == subject:
            return
    s.proposals = (*s.proposals, Proposal(s.next_proposal, kind, frm, to, subject, s.turn))
    s.next_proposal += 1


def new_proposals(ctx: TurnContext, orders: Orders) -> None:
    """Hotline and alliance offers: mutual ones agree at once, the rest wait for an answer."""
    s = ctx.state
    for cls, kind in ((ProposeHotline, "hotline"), (ProposeAlliance, "alliance")):
        offers = {(i, ctx.state.world.index[o.target]) for i, o in _each(orders, cls)}
        for a, b in sorted(offers):
            if (b, a) in offers:
                if a < b:
                    _agree(
                        ctx,
                        Proposal(-1, kind, a, b, _alliance_subject(ctx, a, kind), s.turn),
                        mutual=True,
                    )
                continue
            waiting = next(
                (p for p in s.proposals if p.kind == kind and p.frm == b and p.to == a), None
            )
            if waiting is not None:
                # They offered last turn and we offer back: that is a yes.
                s.proposals = tuple(p for p in s.proposals if p.id != waiting.id)
                _agree(ctx, waiting)
                continue
            add_proposal(ctx, kind, a, b, _alliance_subject(ctx, a, kind))
            ctx.record(
                "proposed",
                (a, b),
                kind,
                f"{ctx.name(a)} offered {ctx.name(b)} a{'n' if kind == 'alliance' else ''} {kind}.",
                public=False,
                news=None,
            )


def _alliance_subject(ctx: TurnContext, nation: int, kind: str) -> str | None:
    if kind != "alliance":
        return None
    mine = ctx.state.alliances_of(nation)
    return mine[0].id if mine else None


def _agree(ctx: TurnContext, p: Proposal, *, mutual: bool = False) -> None:
    """Carry out an accepted (or mutual) proposal."""
    s = ctx.state
    a, b = p.frm, p.to
    if p.kind == "hotline":
        if not s.hotline[a, b]:
            s.hotline[a, b] = s.hotline[b, a] = True
            ctx.record(
                "hotline", (a, b), None, f"{ctx.name(a)} and {ctx.name(b)} opened a cyber hotline."
            )
    elif p.kind == "alliance":
        _join_alliance(ctx, a, b, p.subject)
    elif p.kind == "norm" and p.subject is not None:
        sign_norm(ctx, b, p.subject)
    elif p.kind == "arms_control" and p.subject is not None:
        ratify(ctx, b, p.subject)
    elif p.kind == "intel_sharing":
        _share_intel(ctx, a, b)
        _share_intel(ctx, b, a)
    elif p.kind == "talks":
        _talks(ctx, a, b, mutual=True)
    if p.kind not in ("talks",):
        ctx.add_trust(
            [a, b],
            [b, a],
            RULES.accept_trust * (1.5 if mutual else 1.0),
            "agreed to our proposal",
            decay=RULES.accept_decay,
            cap=RULES.accept_cap,
            public=True,
        )
    ctx.relations_changed()


def _join_alliance(ctx: TurnContext, a: int, b: int, subject: str | None) -> None:
    s = ctx.state
    existing = next((x for x in s.alliances if x.id == subject and a in x.members), None)
    if existing is not None:
        if b in existing.members:
            return
        members = tuple(sorted((*existing.members, b)))
        s.alliances = tuple(
            AllianceState(x.id, x.name, members) if x.id == existing.id else x for x in s.alliances
        )
        ctx.record(
            "alliance_joined", (b, a), existing.id, f"{ctx.name(b)} joined the {existing.name}."
        )
        return
    if any(a in x.members and b in x.members for x in s.alliances):
        return
    world = s.world
    first, second = sorted((a, b))
    ident = f"{world.ids[first]}-{world.ids[second]}-pact"
    taken = {x.id for x in s.alliances}
    suffix = 2
    base = ident
    while ident in taken:
        ident = f"{base}-{suffix}"
        suffix += 1
    name = f"{world.names[first]}–{world.names[second]} Pact"
    s.alliances = (*s.alliances, AllianceState(ident, name, (first, second)))
    ctx.record(
        "alliance_formed",
        (first, second),
        ident,
        f"{ctx.name(first)} and {ctx.name(second)} formed the {name}.",
    )


def leave_alliances(ctx: TurnContext, orders: Orders) -> None:
    s = ctx.state
    for nation, order in _each(orders, LeaveAlliance):
        alliance = next((x for x in s.alliances if x.id == order.alliance), None)
        if alliance is None or nation not in alliance.members:
            continue
        rest = tuple(m for m in alliance.members if m != nation)
        ctx.add_trust(
            list(rest),
            nation,
            RULES.leave_alliance_trust,
            f"left the {alliance.name} (turn {s.turn})",
            decay=RULES.leave_alliance_decay,
            public=True,
        )
        if len(rest) >= 2:
            s.alliances = tuple(
                AllianceState(x.id, x.name, rest) if x.id == alliance.id else x for x in s.alliances
            )
        else:
            s.alliances = tuple(x for x in s.alliances if x.id != alliance.id)
        ctx.record(
            "alliance_left",
            (nation,),
            alliance.id,
            f"{ctx.name(nation)} left the {alliance.name}"
            + ("." if len(rest) >= 2 else ", which dissolved."),
        )
        ctx.relations_changed()


# --------------------------------------------------------------------------- treaties


def sign_norm(ctx: TurnContext, nation: int, norm_id: str) -> None:
    s = ctx.state
    world = s.world
    if norm_id not in world.norm_ids:
        return
    k = world.norm_ids.index(norm_id)
    if s.norm_signed[k, nation]:
        return
    s.norm_signed[k, nation] = True
    s.norm_tabled[k] = True
    ctx.record(
        "norm_endorsed",
        (nation,),
        norm_id,
        f"{ctx.name(nation)} endorsed the norm '{world.norm_name(k)}'.",
        news=None,
    )


def ratify(ctx: TurnContext, nation: int, agreement_id: str) -> None:
    s = ctx.state
    world = s.world
    if agreement_id not in world.agreement_ids:
        return
    k = world.agreement_ids.index(agreement_id)
    if s.arms_party[k, nation]:
        return
    s.arms_party[k, nation] = True
    s.arms_tabled[k] = True
    ctx.record(
        "arms_ratified",
        (nation,),
        agreement_id,
        f"{ctx.name(nation)} ratified '{world.agreement_name(k)}'.",
        news=None,
    )


def treaty_orders(ctx: TurnContext, orders: Orders) -> None:
    """Tabling, endorsing, ratifying and withdrawing from norms and arms control."""
    s = ctx.state
    world = s.world
    for nation, order in _each(orders, ProposeNorm):
        subject = order.subject
        if subject not in world.norm_ids:
            continue
        k = world.norm_ids.index(subject)
        newly = not s.norm_tabled[k]
        sign_norm(ctx, nation, subject)
        if newly:
            ctx.record(
                "norm_tabled",
                (nation,),
                subject,
                f"{ctx.name(nation)} tabled the norm '{world.norm_name(k)}' and asks "
                "every nation to endorse it.",
            )
        add_proposal(ctx, "norm", nation, EVERY_NATION, subject)
    for nation, deal_order in _each(orders, ProposeArmsControl):
        subject = deal_order.subject
        if subject not in world.agreement_ids:
            continue
        k = world.agreement_ids.index(subject)
        newly = not s.arms_tabled[k]
        ratify(ctx, nation, subject)
        if newly:
            ctx.record(
                "arms_tabled",
                (nation,),
                subject,
                f"{ctx.name(nation)} tabled the arms-control agreement "
                f"'{world.agreement_name(k)}' (offense cap {world.arms_cap[k]:g}).",
            )
        add_proposal(ctx, "arms_control", nation, EVERY_NATION, subject)
    for nation, endorse in _each(orders, EndorseNorm):
        sign_norm(ctx, nation, endorse.subject)
    for nation, ratify_order in _each(orders, RatifyArmsControl):
        ratify(ctx, nation, ratify_order.subject)
    for nation, withdraw in _each(orders, WithdrawNorm):
        subject = withdraw.subject
        if subject in world.norm_ids and s.norm_signed[world.norm_ids.index(subject), nation]:
            k = world.norm_ids.index(subject)
            s.norm_signed[k, nation] = False
            others = np.flatnonzero(s.norm_signed[k])
            ctx.add_trust(
                others,
                nation,
                RULES.withdraw_treaty_trust,
                f"withdrew from the norm '{world.norm_name(k)}'",
                decay=RULES.withdraw_treaty_decay,
                public=True,
            )
            ctx.record(
                "norm_withdrawn",
                (nation,),
                subject,
                f"{ctx.name(nation)} withdrew from the norm '{world.norm_name(k)}'.",
            )
    for nation, leave in _each(orders, WithdrawArmsControl):
        subject = leave.subject
        if (
            subject in world.agreement_ids
            and s.arms_party[world.agreement_ids.index(subject), nation]
        ):
            k = world.agreement_ids.index(subject)
            s.arms_party[k, nation] = False
            s.arms_cheating[k, nation] = False
            others = np.flatnonzero(s.arms_party[k])
            ctx.add_trust(
                others,
                nation,
                RULES.withdraw_treaty_trust,
                f"withdrew from '{world.agreement_name(k)}'",
                decay=RULES.withdraw_treaty_decay,
                public=True,
            )
            ctx.record(
                "arms_withdrawn",
                (nation,),
                subject,
                f"{ctx.name(nation)} withdrew from '{world.agreement_name(k)}'.",
            )
    ctx.relations_changed()


def update_treaties(ctx: TurnContext) -> None:
    """Norms and agreements come into force at their quorum, and lapse below it."""
    s = ctx.state
    world = s.world
    in_force = s.norm_signed.sum(axis=1) >= world.norm_quorum
    for k in np.flatnonzero(in_force != s.norm_in_force):
        name = world.norm_name(int(k))
        if in_force[k]:
            ctx.record(
                "norm_in_force",
                tuple(int(x) for x in np.flatnonzero(s.norm_signed[k])),
                world.norm_ids[int(k)],
                f"The norm '{name}' is now in force.",
                news="treaty",
            )
        else:
            ctx.record(
                "norm_lapsed",
                (),
                world.norm_ids[int(k)],
                f"The norm '{name}' lost its quorum and is no longer in force.",
                news="treaty",
            )
    s.norm_in_force = in_force
    arms = s.arms_party.sum(axis=1) >= world.arms_min_parties
    for k in np.flatnonzero(arms != s.arms_in_force):
        name = world.agreement_name(int(k))
        if arms[k]:
            ctx.record(
                "arms_in_force",
                tuple(int(x) for x in np.flatnonzero(s.arms_party[k])),
                world.agreement_ids[int(k)],
                f"'{name}' is now in force.",
                news="treaty",
            )
        else:
            ctx.record(
                "arms_lapsed",
                (),
                world.agreement_ids[int(k)],
                f"'{name}' no longer has enough parties and has lapsed.",
                news="treaty",
            )
    s.arms_in_force = arms
    ctx.relations_changed()


# --------------------------------------------------------------------------- cooperation


def _talks(ctx: TurnContext, a: int, b: int, *, mutual: bool) -> None:
    if mutual:
        ctx.add_trust(
            [a, b],
            [b, a],
            RULES.mutual_talks_trust,
            "talks",
            decay=RULES.talks_decay,
            cap=RULES.talks_cap,
            public=True,
        )
        ctx.add_tension(a, b, RULES.mutual_talks_tension)
        ctx.record("talks", (a, b), "mutual", f"{ctx.name(a)} and {ctx.name(b)} held talks.")
    else:
        ctx.add_trust(
            b,
            a,
            RULES.talks_trust,
            "talks",
            decay=RULES.talks_decay,
            cap=RULES.talks_cap,
            public=True,
        )
        ctx.add_trust(
            a,
            b,
            RULES.talks_trust_back,
            "talks",
            decay=RULES.talks_decay,
            cap=RULES.talks_cap,
            public=True,
        )
        ctx.add_tension(a, b, RULES.talks_tension)
        ctx.record(
            "talks", (a, b), None, f"{ctx.name(a)} sent envoys for talks with {ctx.name(b)}."
        )


def talks(ctx: TurnContext, orders: Orders) -> None:
    index = ctx.state.world.index
    pairs = {(i, index[o.target]) for i, o in _each(orders, Talks)}
    for a, b in sorted(pairs):
        if (b, a) in pairs:
            if a < b:
                _talks(ctx, a, b, mutual=True)
        else:
            _talks(ctx, a, b, mutual=False)


def _share_intel(ctx: TurnContext, a: int, b: int) -> None:
    s = ctx.state
    s.shared_intel[b] = max(int(s.shared_intel[b]), RULES.shared_intel_turns)
    s.intel_turn[b] = np.maximum(s.intel_turn[b], s.intel_turn[a])
    ctx.add_trust(
        b,
        a,
        RULES.intel_sharing_trust,
        "shared intelligence with us",
        decay=RULES.intel_sharing_decay,
        cap=RULES.intel_sharing_cap,
        public=True,
    )
    ctx.record(
        "intel_shared",
        (a, b),
        None,
        f"{ctx.name(a)} shared threat intelligence with {ctx.name(b)}.",
        public=False,
    )


def cooperation(ctx: TurnContext, orders: Orders) -> None:
    s = ctx.state
    index = s.world.index
    for a, order in _each(orders, ShareIntel):
        _share_intel(ctx, a, index[order.target])
    for a, aid in _each(orders, BuildCapacity):
        b = index[aid.target]
        for stat in (DEFENSE, ATTRIBUTION):
            s.stats[b, stat] = min(
                100.0,
                s.stats[b, stat]
                + RULES.capacity_gain * (1.0 - s.stats[b, stat] / RULES.invest_ceiling),
            )
        ctx.add_trust(
            b,
            a,
            RULES.capacity_trust,
            "helped build our cyber capacity",
            decay=RULES.capacity_decay,
            cap=RULES.capacity_cap,
            public=True,
        )
        ctx.record(
            "capacity_built",
            (a, b),
            None,
            f"{ctx.name(a)} helped {ctx.name(b)} build its cyber defences and CERT.",
        )


# --------------------------------------------------------------------------- responses


def resolve_responses(ctx: TurnContext, orders: Orders) -> None:
    """Public responses: denunciations, then sanctions."""
    s = ctx.state
    index = s.world.index
    allied = s.allied_matrix()
    rng = ctx.rng["diplomacy"]
    denunciations = _each(orders, Denounce)
    exposure_rolls = rng.random(len(denunciations))
    for (a, order), roll in zip(denunciations, exposure_rolls, strict=True):
        b = index[order.target]
        _denounce(ctx, a, b, allied, float(roll))
    for a, sanction in _each(orders, Sanction):
        b = index[sanction.target]
        if s.sanctions[a, b] > 0:
            continue
        s.sanctions[a, b] = RULES.sanction_turns
        ctx.add_tension(a, b, RULES.sanction_tension)
        ctx.record(
            "sanction",
            (a, b),
            None,
            f"{ctx.name(a)} imposed sanctions on {ctx.name(b)} for {RULES.sanction_turns} turns.",
        )
    ctx.relations_changed()


def _denounce(ctx: TurnContext, a: int, b: int, allied: np.ndarray, roll: float) -> None:
    s = ctx.state
    credibility = float(s.credibility[a])
    # Everyone but the accuser (and the accused) trusts the accused less, in proportion
    # to the accuser's credibility.
    ctx.add_trust(
        a,
        b,
        RULES.denounce_trust * credibility,
        f"accused by {ctx.name(a)} (turn {s.turn})",
        decay=RULES.denounce_decay,
        cap=RULES.denounce_cap,
        public=True,
        audience=EVERYONE,
    )
    ctx.add_trust(
        b,
        a,
        RULES.denounce_accused_trust,
        f"publicly accused us (turn {s.turn})",
        decay=RULES.denounce_accused_decay,
        public=True,
    )
    tension = RULES.denounce_tension
    if s.hotline[a, b]:
        tension = min(tension, RULES.hotline_tension_cap)
    ctx.add_tension(a, b, tension)
    # The accused really attacked the accuser (or an ally) lately: the accusation is
    # true. It is *corroborated* (credibility rises) only when the accuser had detected
    # the operation and pinned it on the accused, so credibility never reveals what
    # nobody detected. A false accusation may be exposed.
    victims = {a, *np.flatnonzero(allied[a]).tolist()}
    recent = [
        r
        for r in (*s.incident_log, *ctx.operations)
        if r.attacker == b and r.target in victims and s.turn - r.turn <= RULES.denounce_window
    ]
    guilty = bool(recent)
    corroborated = any(r.detected and r.blamed == b for r in recent)
    # The record keeps what the accusation really was (for the debrief; not public).
    verdict = "corroborated" if corroborated else ("true, unproven" if guilty else "false")
    ctx.record(
        "denunciation",
        (a, b),
        verdict,
        f"{ctx.name(a)} publicly accused {ctx.name(b)} of hostile cyber operations.",
    )
    if corroborated:
        s.credibility[a] = min(1.0, credibility + RULES.true_accusation_credibility)
    elif not guilty and roll < RULES.false_accusation_exposure:
        s.credibility[a] = max(0.0, credibility + RULES.false_accusation_credibility)
        ctx.add_trust(
            -1,
            a,
            RULES.false_accusation_trust,
            f"made a false accusation (turn {s.turn})",
            decay=RULES.false_accusation_decay,
            public=True,
            audience=EVERYONE,
        )
        ctx.add_trust(
            a,
            b,
            -RULES.denounce_trust * credibility,
            f"cleared of {ctx.name(a)}'s accusation (turn {s.turn})",
            decay=RULES.denounce_decay,
            public=True,
            audience=EVERYONE,
        )
        ctx.record(
            "false_accusation",
            (a, b),
            None,
            f"Evidence shows {ctx.name(a)}'s accusation against {ctx.name(b)} was "
            "false; its credibility suffers.",
        )

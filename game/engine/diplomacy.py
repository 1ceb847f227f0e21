"""Diplomacy: proposals and answers, talks, hotlines, alliances, norms, arms control,
intel sharing and capacity building; and the public responses (denunciations, sanctions).

Proposals follow one rule: two nations proposing the same thing to each other in the
same turn agree at once; otherwise the proposal waits one turn for the recipient's
answer and then expires.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
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
from game.engine.world import World
from game.scenario.models import TALKS_TRUST_REASON
from game.words import possessive

Orders = Mapping[int, Sequence[Order]]


T = TypeVar("T", bound=Order)


#: The trust reason a proposer keeps against a nation that declined its proposal (the AI
#: reads it to leave that nation be for a while).
DECLINED_REASON = "declined our proposal"


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
                DECLINED_REASON,
                decay=RULES.decline_decay,
                cap=RULES.decline_cap,
            )
            ctx.record(
                "declined",
                (proposal.to, proposal.frm),
                proposal.subject,
                f"{ctx.name(proposal.to)} declined {possessive(ctx.name(proposal.frm))} "
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
                    f"{ctx.name(p.to)} left {possessive(ctx.name(p.frm))} {_what(ctx, p)} unanswered.",
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
    """Queue a proposal for ``to`` to answer next turn, unless the same offer already
    waits for them — the identical one, or the same offer made to every nation."""
    s = ctx.state
    for p in s.proposals:
        if p.kind == kind and p.frm == frm and p.to in (to, EVERY_NATION) and p.subject == subject:
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


def pact_name(names: Sequence[str], first: int, second: int) -> str:
    """The name of an alliance two nations form in play: "Aurelia–Dunmere Pact"."""
    return f"{names[first]}–{names[second]} Pact"


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
    name = pact_name(world.names, first, second)
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


@dataclass(frozen=True)
class TreatyKind:
    """Norms or arms-control agreements: the arrays and the words of one kind of treaty.

    Both kinds follow the same rules — joining, tabling, withdrawing, coming into force
    at a quorum and lapsing below it — on their own state arrays and in their own words.
    """

    prefix: str  # of the records' kinds: norm_tabled, arms_in_force, ...
    joined: str  # the record kind of a nation joining
    ids: str  # World attribute: the catalog's ids
    name: str  # World method: the name of entry k
    quorum: str  # World attribute: members needed for it to be in force
    members: str  # GameState attribute, (k, n): who signed or is party
    tabled: str  # GameState attribute, (k,)
    in_force: str  # GameState attribute, (k,)
    joined_text: str
    tabled_text: str
    withdrew_reason: str
    withdrew_text: str
    in_force_text: str
    lapsed_text: str
    #: a GameState attribute, (k, n), reset for a nation that withdraws
    cleared_on_withdrawal: str | None = None
    #: entries have an offense cap (arms control), named {cap} in the texts
    capped: bool = False

    def index(self, world: World, subject: str) -> int | None:
        ids: tuple[str, ...] = getattr(world, self.ids)
        return ids.index(subject) if subject in ids else None

    def words(self, world: World, k: int, **more: object) -> dict[str, object]:
        name = getattr(world, self.name)(k)
        return {"name": name, "cap": world.arms_cap[k] if self.capped else None, **more}


NORMS = TreatyKind(
    prefix="norm",
    joined="norm_endorsed",
    ids="norm_ids",
    name="norm_name",
    quorum="norm_quorum",
    members="norm_signed",
    tabled="norm_tabled",
    in_force="norm_in_force",
    joined_text="{who} endorsed the norm '{name}'.",
    tabled_text="{who} tabled the norm '{name}' and asks every nation to endorse it.",
    withdrew_reason="withdrew from the norm '{name}'",
    withdrew_text="{who} withdrew from the norm '{name}'.",
    in_force_text="The norm '{name}' is now in force.",
    lapsed_text="The norm '{name}' lost its quorum and is no longer in force.",
)
ARMS = TreatyKind(
    prefix="arms",
    joined="arms_ratified",
    ids="agreement_ids",
    name="agreement_name",
    quorum="arms_min_parties",
    members="arms_party",
    tabled="arms_tabled",
    in_force="arms_in_force",
    joined_text="{who} ratified '{name}'.",
    tabled_text="{who} tabled the arms-control agreement '{name}' (offense cap {cap:g}).",
    withdrew_reason="withdrew from '{name}'",
    withdrew_text="{who} withdrew from '{name}'.",
    in_force_text="'{name}' is now in force.",
    lapsed_text="'{name}' no longer has enough parties and has lapsed.",
    cleared_on_withdrawal="arms_cheating",
    capped=True,
)


def join_treaty(ctx: TurnContext, kind: TreatyKind, nation: int, subject: str) -> None:
    """``nation`` signs a norm or ratifies an agreement (which tables it if need be)."""
    s = ctx.state
    k = kind.index(s.world, subject)
    members = getattr(s, kind.members)
    if k is None or members[k, nation]:
        return
    members[k, nation] = True
    getattr(s, kind.tabled)[k] = True
    text = kind.joined_text.format(who=ctx.name(nation), **kind.words(s.world, k))
    ctx.record(kind.joined, (nation,), subject, text, news=None)


def sign_norm(ctx: TurnContext, nation: int, norm_id: str) -> None:
    join_treaty(ctx, NORMS, nation, norm_id)


def ratify(ctx: TurnContext, nation: int, agreement_id: str) -> None:
    join_treaty(ctx, ARMS, nation, agreement_id)


def treaty_orders(ctx: TurnContext, orders: Orders) -> None:
    """Tabling, endorsing, ratifying and withdrawing from norms and arms control."""
    s = ctx.state
    world = s.world
    proposals: tuple[tuple[TreatyKind, type[ProposeNorm | ProposeArmsControl], str], ...] = (
        (NORMS, ProposeNorm, "norm"),
        (ARMS, ProposeArmsControl, "arms_control"),
    )
    for kind, cls, proposal in proposals:
        for nation, order in _each(orders, cls):
            k = kind.index(world, order.subject)
            if k is None:
                continue
            newly = not getattr(s, kind.tabled)[k]
            join_treaty(ctx, kind, nation, order.subject)
            if newly:
                text = kind.tabled_text.format(who=ctx.name(nation), **kind.words(world, k))
                ctx.record(f"{kind.prefix}_tabled", (nation,), order.subject, text)
            add_proposal(ctx, proposal, nation, EVERY_NATION, order.subject)
    for nation, endorse in _each(orders, EndorseNorm):
        join_treaty(ctx, NORMS, nation, endorse.subject)
    for nation, ratify_order in _each(orders, RatifyArmsControl):
        join_treaty(ctx, ARMS, nation, ratify_order.subject)
    for nation, withdraw in _each(orders, WithdrawNorm):
        _withdraw(ctx, NORMS, nation, withdraw.subject)
    for nation, leave in _each(orders, WithdrawArmsControl):
        _withdraw(ctx, ARMS, nation, leave.subject)
    ctx.relations_changed()


def _withdraw(ctx: TurnContext, kind: TreatyKind, nation: int, subject: str) -> None:
    """``nation`` leaves a treaty it is in; the remaining members trust it less."""
    s = ctx.state
    k = kind.index(s.world, subject)
    members = getattr(s, kind.members)
    if k is None or not members[k, nation]:
        return
    members[k, nation] = False
    if kind.cleared_on_withdrawal:
        getattr(s, kind.cleared_on_withdrawal)[k, nation] = False
    words = kind.words(s.world, k, who=ctx.name(nation))
    ctx.add_trust(
        np.flatnonzero(members[k]),
        nation,
        RULES.withdraw_treaty_trust,
        kind.withdrew_reason.format(**words),
        decay=RULES.withdraw_treaty_decay,
        public=True,
    )
    ctx.record(f"{kind.prefix}_withdrawn", (nation,), subject, kind.withdrew_text.format(**words))


def update_treaties(ctx: TurnContext) -> None:
    """Norms and agreements come into force at their quorum, and lapse below it."""
    s = ctx.state
    world = s.world
    for kind in (NORMS, ARMS):
        members = getattr(s, kind.members)
        ids: tuple[str, ...] = getattr(world, kind.ids)
        in_force = members.sum(axis=1) >= getattr(world, kind.quorum)
        for k in np.flatnonzero(in_force != getattr(s, kind.in_force)).tolist():
            words = kind.words(world, k)
            if in_force[k]:
                parties = tuple(int(x) for x in np.flatnonzero(members[k]))
                text = kind.in_force_text.format(**words)
                ctx.record(f"{kind.prefix}_in_force", parties, ids[k], text, news="treaty")
            else:
                text = kind.lapsed_text.format(**words)
                ctx.record(f"{kind.prefix}_lapsed", (), ids[k], text, news="treaty")
        setattr(s, kind.in_force, in_force)
    ctx.relations_changed()


# --------------------------------------------------------------------------- cooperation


def _talks(ctx: TurnContext, a: int, b: int, *, mutual: bool) -> None:
    if mutual:
        for frm, to in ((a, b), (b, a)):
            ctx.add_trust(
                frm,
                to,
                RULES.mutual_talks_trust,
                TALKS_TRUST_REASON,
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
            TALKS_TRUST_REASON,
            decay=RULES.talks_decay,
            cap=RULES.talks_cap,
            public=True,
        )
        ctx.add_trust(
            a,
            b,
            RULES.talks_trust_back,
            TALKS_TRUST_REASON,
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
        tension = RULES.hotline_damped(tension)
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
            f"cleared of {possessive(ctx.name(a))} accusation (turn {s.turn})",
            decay=RULES.denounce_decay,
            public=True,
            audience=EVERYONE,
        )
        ctx.record(
            "false_accusation",
            (a, b),
            None,
            f"Evidence shows {possessive(ctx.name(a))} accusation against {ctx.name(b)} was "
            "false; its credibility suffers.",
        )

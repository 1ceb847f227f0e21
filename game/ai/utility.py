"""Utilities of every action an AI nation could take, from its reading of the world.

Each function returns a vector over nations (for targeted actions) or over catalog
entries (norms, agreements), in rough "worth doing" units where 1 is clearly good and
below 0 is not worth a slot. Every utility is a sum of named motives weighted by the
personality, and each chosen action keeps a one-line reason built from its main motive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from game.ai.assess import Situation
from game.ai.weights import Weights
from game.engine.numeric import clamp
from game.engine.orders import (
    BuildCapacity,
    Denounce,
    Disinformation,
    EndorseNorm,
    Espionage,
    LeaveAlliance,
    Order,
    ProposeAlliance,
    ProposeArmsControl,
    ProposeHotline,
    ProposeNorm,
    RatifyArmsControl,
    Sabotage,
    Sanction,
    ShareIntel,
    Talks,
    WithdrawArmsControl,
    WithdrawNorm,
)
from game.engine.rules import RULES
from game.engine.types import Level, OpKind

NEG = -1e9


@dataclass(frozen=True, slots=True)
class Candidate:
    """An action worth considering, its utility and why.

    ``why`` is the reason, or a function making it: most candidates are never chosen,
    so their reasons are only written when they are.
    """

    order: Order
    utility: float
    why: str | Callable[[], str]

    @property
    def reason(self) -> str:
        return self.why if isinstance(self.why, str) else self.why()


def _name(s: Situation, j: int) -> str:
    return s.view.world.names[j]


def _norm_penalty(s: Situation, w: Weights, kind: OpKind) -> float:
    """How much breaking a norm we signed (and that is in force) would weigh on us."""
    v = s.view
    if not v.norm_signed.shape[0]:
        return 0.0
    forbids = v.world.norm_forbids[:, int(kind)]
    binding = forbids & v.norm_in_force & v.norm_signed[:, s.me]
    return float(w.norm_respect * 1.4 * binding.sum())


def _broken_norm_names(s: Situation, kind: OpKind) -> list[str]:
    v = s.view
    if not v.norm_signed.shape[0]:
        return []
    forbids = v.world.norm_forbids[:, int(kind)]
    return [v.world.norm_name(int(k)) for k in np.flatnonzero(forbids & v.norm_in_force)]


def targeted(s: Situation, w: Weights, diplomatic: bool) -> list[Candidate]:
    """Candidates for every action aimed at another nation."""
    v = s.view
    me = v.me
    out: list[Candidate] = []
    others = s.others
    trust, tension, threat, grievance = s.trust, s.tension, s.threat, s.grievance
    crisis = s.level >= Level.CRISIS

    def add(utility: np.ndarray, make: type[Order], reason_of: object, top: int = 3) -> None:
        utility = utility - 0.12 * RULES.diplomacy_cost.get(make.kind, 0.0)
        masked = np.where(others, utility, NEG)
        for j in np.argsort(-masked, kind="stable")[:top]:
            if masked[j] <= NEG / 2:
                break
            k = int(j)
            why = partial(reason_of, k) if callable(reason_of) else str(reason_of)
            out.append(Candidate(make(me, v.world.ids[k]), float(masked[j]), why))  # type: ignore[call-arg]

    if diplomatic:
        talks = w.cooperation * (
            0.35 + 0.6 * tension / 50.0 + 0.5 * clamp(55.0 - trust, 0, 40) / 40.0 + 0.5 * crisis
        )
        talks += 0.3 * w.forgiveness * (grievance > 0) - (1 - w.forgiveness) * 0.025 * grievance
        talks -= 0.55 * clamp(s.talked / 18.0, 0, 1)
        talks += 0.35 * w.reciprocity * clamp(s.talked / 9.0, 0, 1) * (trust > 50)
        add(
            talks,
            Talks,
            lambda j: (
                f"de-escalating the {Level(int(s.level[j])).label} with {_name(s, j)}"
                if crisis[j]
                else f"building trust with {_name(s, j)}"
            ),
        )

        hotline = w.cooperation * (0.25 + tension / 40.0 + 0.5 * (grievance > 0) + 0.3 * threat)
        hotline += w.risk_aversion * 0.35 * threat - 0.6 * v.hotline[s.me]
        add(
            hotline,
            ProposeHotline,
            lambda j: f"a line to talk to {_name(s, j)} before incidents spiral",
        )

        # An alliance is worth it against a shared threat, with a partner we trust, and
        # less with every ally we already have.
        partner_strength = (s.defense + s.offense) / 200.0
        alliance = w.cooperation * (trust - 62.0) / 20.0
        alliance += w.risk_aversion * 0.7 * s.threat_level * partner_strength
        alliance += (1 - w.norm_respect) * 0.4 * partner_strength  # opportunists court power
        alliance -= grievance / 15.0 + 2.0 * s.allies + 0.8 * threat
        alliance -= 0.3 * s.allies.sum() + 0.5 * w.aggression
        add(alliance, ProposeAlliance, lambda j: f"{_name(s, j)} is a trusted partner")

        # Intel helps most a partner under threat; giving it every turn adds little.
        partner_threat = clamp(s.offense.max() / 60.0, 0, 1) if s.others.any() else 0.0
        share = w.cooperation * (0.5 * s.allies * partner_threat + 0.25 * (trust - 55.0) / 45.0)
        share += w.reciprocity * clamp(s.favours / 15.0, 0, 1) * 0.25 - grievance / 20.0 - 0.2
        add(share, ShareIntel, lambda j: f"helping {_name(s, j)} see threats coming")

        capacity = w.cooperation * 0.8 * clamp(1.0 - s.defense / 70.0, 0, 1) * trust / 100.0
        capacity += 0.3 * w.cooperation * s.allies - 0.25 - grievance / 20.0
        add(capacity, BuildCapacity, lambda j: f"{_name(s, j)} needs help with its defences")

        # Denounce right after an attribution, once: not the same incident every turn.
        recent = np.zeros(v.n, dtype=bool)
        for j, blames in s.blames.items():
            recent[j] = any(b.turn == v.turn - 1 for b in blames)
        denounce = w.reciprocity * recent * (0.55 + float(v.credibility[s.me]))
        denounce += 0.3 * clamp(grievance / 20.0, 0, 1) - 0.35 * w.forgiveness
        denounce -= 0.3 * w.cooperation * trust / 100.0
        denounce = np.where(recent, denounce, NEG)
        add(denounce, Denounce, lambda j: _blame_text(s, j))

        sanction = w.reciprocity * clamp(grievance / 22.0, 0, 1.5) * (1 - 0.5 * w.cooperation)
        sanction += w.aggression * 0.3 * tension / 60.0 - 0.4 * w.risk_aversion - 0.45
        sanction -= 2.0 * s.allies
        add(
            sanction,
            Sanction,
            lambda j: (
                _blame_text(s, j) if s.blames.get(j) else f"punishing {_name(s, j)}'s hostility"
            ),
        )

    # Covert operations: value if it works, minus the expected cost of being caught.
    fresh = v.intel_age < RULES.intel_fresh_turns
    cheat_suspect = _cheat_suspects(s)
    # Friendless nations are cheap targets: nobody's trust spills over, no hotline to
    # clear things up. Strong ones may strike back.
    friends = np.zeros(v.n)
    for bloc in v.alliances:
        for m in bloc.members:
            friends[m] += len(bloc.members) - 1
    exposure = 0.15 * np.minimum(friends, 4) + 0.25 * v.hotline.sum(axis=1).clip(0, 3) / 3
    deterrence = 0.4 * w.risk_aversion * clamp(s.offense / 60.0, 0, 1.5)
    retaliation = clamp(grievance / 15.0, 0, 1.5) * w.reciprocity
    for kind, make in (
        (OpKind.ESPIONAGE, Espionage),
        (OpKind.SABOTAGE, Sabotage),
        (OpKind.DISINFORMATION, Disinformation),
    ):
        p_success, p_detect, p_correct = s.hit_odds[int(kind)]
        caught = p_detect * p_correct
        same_kind = np.array(
            [
                any(b.kind == kind.label and v.turn - b.turn <= 2 for b in s.blames.get(j, []))
                for j in range(v.n)
            ]
        )
        gain: np.ndarray
        risk: np.ndarray
        if kind == OpKind.ESPIONAGE:
            gain = 0.15 + 0.3 * w.aggression + 0.45 * threat * ~fresh + 0.7 * cheat_suspect
            gain += 0.25 * w.aggression * s.lead
            gain += 0.25 * w.reciprocity * same_kind
            risk = caught * (0.5 * w.risk_aversion + 0.25 + _norm_penalty(s, w, kind))
        else:
            weak = clamp(1.0 - s.defense / 100.0, 0, 1)
            # Less to gain against a target that is already broken.
            intact = (s.infrastructure if kind == OpKind.SABOTAGE else s.cohesion) / 100.0
            gain = w.aggression * (2.0 if kind == OpKind.SABOTAGE else 1.6) * (0.3 + 0.7 * intact)
            gain += retaliation + 0.8 * w.reciprocity * same_kind + 0.8 * w.aggression * weak
            gain += 0.3 * w.aggression * threat
            # Cut the leader down to size: the aggressive and the greedy aim at whoever wins.
            gain += 0.6 * max(w.aggression, 1 - w.norm_respect) * s.lead
            risk = caught * (
                0.9 * w.risk_aversion + 0.6 + _norm_penalty(s, w, kind) + 0.3 * tension / 50.0
            )
            risk += 0.25 * (1 - w.aggression)  # restraint: harm has its own cost
        utility = p_success * gain - risk - w.cooperation * clamp(trust - 40.0, 0, 60) / 60.0
        utility -= exposure + deterrence
        utility -= 3.0 * s.allies + 0.1 * RULES.op_cost[kind]
        add(
            utility,
            make,
            lambda j, kind=kind, same=same_kind: _op_reason(s, kind, j, same, cheat_suspect),
        )
    return out


def _blame_text(s: Situation, j: int) -> str:
    blame = s.latest_blame(j)
    if blame is None:
        return f"{_name(s, j)}'s hostility"
    return f"blamed for the {blame.kind} of turn {blame.turn}"


def _op_reason(s: Situation, kind: OpKind, j: int, same: np.ndarray, suspects: np.ndarray) -> str:
    name = _name(s, j)
    if kind == OpKind.ESPIONAGE and suspects[j]:
        return f"checking whether {name} cheats on arms control"
    if same[j] or s.grievance[j] > 10:
        blame = s.latest_blame(j)
        if blame is not None:
            return f"retaliation for the {blame.kind} of turn {blame.turn}"
        return f"retaliation against {name}"
    if kind == OpKind.ESPIONAGE:
        return f"gathering intelligence on {name}"
    if s.defense[j] < 40:
        return f"{name}'s defences look weak"
    return f"weakening {name}"


def _cheat_suspects(s: Situation) -> np.ndarray:
    """Fellow parties whose estimated offense is over an agreement's cap."""
    v = s.view
    out = np.zeros(v.n, dtype=bool)
    if not v.arms_party.shape[0]:
        return out
    caps = v.world.arms_cap
    for k in np.flatnonzero(v.arms_in_force & v.arms_party[:, s.me]):
        out |= v.arms_party[k] & (s.offense > caps[k] + 3)
    out[s.me] = False
    return out


def treaties(s: Situation, w: Weights, diplomatic: bool, plans_ops: bool) -> list[Candidate]:
    """Candidates about norms, arms control and leaving alliances."""
    if not diplomatic:
        return []
    v = s.view
    me = v.me
    world = v.world
    out: list[Candidate] = []
    stability_gap = max(0.0, 65.0 - v.stability.total) / 30.0
    for k, norm_id in enumerate(world.norm_ids):
        signed = bool(v.norm_signed[k, s.me])
        forbids_harm = bool(
            world.norm_forbids[k, OpKind.SABOTAGE] or world.norm_forbids[k, OpKind.DISINFORMATION]
        )
        signatories = int(v.norm_signed[k].sum())
        near = signatories >= world.norm_quorum[k] - 1
        name = world.norm_name(k)
        if not signed:
            value = w.norm_respect * (0.55 + 0.5 * stability_gap) + 0.2 * w.cooperation
            value -= w.aggression * (0.9 if forbids_harm else 0.3) + 0.1
            value += 0.25 * near
            if v.norm_tabled[k] or v.norm_in_force[k]:
                out.append(
                    Candidate(
                        EndorseNorm(me, subject=norm_id),
                        value + 0.15,
                        f"supporting the norm '{name}'",
                    )
                )
            else:
                out.append(
                    Candidate(
                        ProposeNorm(me, subject=norm_id),
                        value - 0.05,
                        f"rallying nations behind '{name}'",
                    )
                )
        else:
            value = w.aggression * 0.5 * plans_ops * forbids_harm - w.norm_respect - 0.35
            out.append(
                Candidate(
                    WithdrawNorm(me, subject=norm_id), value, f"the norm '{name}' ties our hands"
                )
            )
    others_offense = float(np.mean(s.offense[s.others])) if s.others.any() else 0.0
    mine = float(v.own_stats[2])
    for k, deal_id in enumerate(world.agreement_ids):
        party = bool(v.arms_party[k, s.me])
        cap = float(world.arms_cap[k])
        name = world.agreement_name(k)
        exposed = bool(v.arms_exposed[k].any())
        if not party:
            value = (1 - w.aggression) * (0.25 + w.risk_aversion * others_offense / 45.0)
            value += 0.35 * (1 - w.aggression) * (mine <= cap + 2) - 0.7 * (mine > cap + 12)
            value -= 0.15
            value += 0.3 * w.norm_respect * stability_gap
            value -= 0.6 * exposed  # a deal someone was caught cheating on is not rejoined
            if v.arms_tabled[k] or v.arms_in_force[k]:
                out.append(
                    Candidate(
                        RatifyArmsControl(me, subject=deal_id),
                        value + 0.15,
                        f"capping the arms race ('{name}')",
                    )
                )
            else:
                out.append(
                    Candidate(
                        ProposeArmsControl(me, subject=deal_id),
                        value - 0.05,
                        f"proposing '{name}' to slow the arms race",
                    )
                )
        else:
            value = w.aggression * 0.6 * (others_offense > cap) + 0.5 * exposed
            value -= w.norm_respect + 0.3
            out.append(
                Candidate(
                    WithdrawArmsControl(me, subject=deal_id),
                    value,
                    "others do not keep to it" if exposed else f"'{name}' limits our options",
                )
            )
    for alliance in v.alliances:
        if s.me not in alliance.members:
            continue
        # Leave when an ally has turned on us, or when we no longer trust the members.
        members = [m for m in alliance.members if m != s.me]
        worst = max((s.grievance[m] for m in members), default=0.0)
        distrust = float(np.mean([max(0.0, 45.0 - s.trust[m]) for m in members]))
        # Opportunists drop allies too weak to be worth the entanglement.
        mine = float(v.own_stats[2] + v.own_stats[3])
        strength = float(np.mean([s.offense[m] + s.defense[m] for m in members]))
        weak = max(0.0, 0.7 * mine - strength) / 20.0
        value = w.reciprocity * worst / 20.0 + distrust / 20.0 - 0.7
        value += (1 - w.norm_respect) * w.aggression * 2.0 * weak
        if worst > 5:
            reason = f"an ally turned on us; leaving the {alliance.name}"
        elif weak > distrust / 20.0:
            reason = f"the {alliance.name} is too weak to be worth it"
        else:
            reason = f"we no longer trust the members of the {alliance.name}"
        out.append(Candidate(LeaveAlliance(me, alliance.id), value, reason))
    return out

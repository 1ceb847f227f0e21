"""Utilities of every action an AI nation could take, from its reading of the world.

Each function returns a vector over nations (for targeted actions) or over catalog
entries (norms, agreements), in rough "worth doing" units where 1 is clearly good and
below 0 is not worth a slot. Every utility is a sum of named motives weighted by the
personality, and each chosen action keeps a one-line reason built from its main motive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any, cast

import numpy as np

from game.ai.assess import Situation, stacked, stacked_odds
from game.ai.weights import Weights
from game.engine.diplomacy import DECLINED_REASON
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
from game.engine.trust import talk_gain
from game.engine.types import Level, OpKind
from game.engine.views import NationView
from game.words import possessive

NEG = -1e9
#: How far below zero a nation's stake in an arms-control agreement must fall before it
#: leaves (see :func:`treaties`).
ARMS_EXIT_MARGIN = 0.65
#: The same for a norm we signed: leaving costs trust with every other signatory.
NORM_EXIT_MARGIN = 0.65
#: What signing a norm or ratifying an agreement that is on the table is worth beyond
#: our stake in it (the same whether we sign on our own or answer a call to).
SIGN_BONUS = 0.15
#: The trust lost to a blamed operation that counts as one unit of risk (a
#: disinformation's worth): sabotage weighs more, espionage less.
_BLAME_SCALE = RULES.incident_trust[OpKind.DISINFORMATION]
#: After this many turns a nation that has joined nothing is taken to keep to itself, and
#: an offer of a hotline or an alliance to it is worth this much less.
ALOOF_AFTER = 3
ALOOF_OFFER_PENALTY = 0.8
#: What an alliance with a nation that lately declined a proposal of ours is worth less.
REFUSED_LATELY = 1.0
#: What denouncing a nation costs us: its trust in us falls by
#: RULES.denounce_accused_trust, and influence is others' trust in us (see the denounce
#: utility).
DENOUNCE_STANDING = 0.4
#: How much less talks are worth when the cap on trust from talks would cut off all of
#: the trust they earn (see the talks utility).
TALKS_SATURATED = 0.55
#: How many targets of each kind of action a nation considers (its best ones).
TOP = 3


class Candidate:
    """An action worth considering, its utility and why.

    The action is an order of type ``action`` given by ``nation`` with ``argument``: the
    target nation of a targeted action, or the alliance, norm or agreement it is about
    (every slot action is made as ``action(nation, argument)``). ``why`` is the reason,
    or a function making it from ``why_args``. Most candidates are never chosen, so
    neither their orders nor their reasons are made until asked for.
    """

    __slots__ = ("_order", "action", "argument", "nation", "utility", "why", "why_args")

    def __init__(
        self,
        action: type[Order],
        nation: str,
        argument: str,
        utility: float,
        why: str | Callable[..., str],
        why_args: tuple[Any, ...] = (),
    ) -> None:
        self.action = action
        self.nation = nation
        self.argument = argument
        self.utility = utility
        self.why = why
        self.why_args = why_args
        self._order: Order | None = None

    @property
    def reason(self) -> str:
        return self.why if isinstance(self.why, str) else self.why(*self.why_args)

    @property
    def order(self) -> Order:
        """The order, with its reason (made on first use, then kept)."""
        if self._order is None:
            make = cast(Any, self.action)
            self._order = make(self.nation, self.argument, reason=self.reason)
        return self._order

    def rescored(self, utility: float) -> Candidate:
        """The same action with another utility (e.g. with the judgement's noise)."""
        return Candidate(self.action, self.nation, self.argument, utility, self.why, self.why_args)


def _name(s: Situation, j: int) -> str:
    return s.view.world.names[j]


def _norm_penalties(s: Situation, w: Weights) -> list[float]:
    """How much breaking a norm we signed (and that is in force) would weigh on us, for
    each kind of operation (by :class:`OpKind`)."""
    v = s.view
    if not v.norm_signed.shape[0]:
        return [0.0] * len(OpKind)
    binding = v.world.norm_forbids & (v.norm_in_force & v.norm_signed[:, s.me])[:, None]
    respect = w.norm_respect * 1.4
    return [float(respect * count) for count in binding.sum(axis=0)]


def targeted(s: Situation, w: Weights, diplomatic: bool) -> list[Candidate]:
    """Candidates for every action aimed at another nation."""
    return targeted_many([s], [w], [diplomatic])[0]


class _Columns:
    """Per-nation numbers of several situations as (count, 1) columns, for broadcasting."""

    def __init__(self, values: list[list[float]], names: tuple[str, ...]) -> None:
        table = np.array(values, dtype=np.float64).reshape(len(values), len(names))
        for k, name in enumerate(names):
            setattr(self, name, table[:, k : k + 1])


_WEIGHTS = tuple(f.name for f in fields(Weights))


def targeted_many(
    situations: Sequence[Situation], weights: Sequence[Weights], diplomatic: Sequence[bool]
) -> list[list[Candidate]]:
    """:func:`targeted` for several nations of one turn, computed over (count, n) arrays.

    The situations must come from views that show the same public facts (one turn's
    views: see :func:`game.ai.assess.same_public`); their public arrays are read once.

    Each nation's utilities are the same numbers, operation for operation, as when it
    decides alone; only the Python overhead of small arrays is shared.
    """
    if not situations:
        return []
    first = situations[0].view
    n = first.n
    outs: list[list[Candidate]] = [[] for _ in situations]
    w = cast(Any, _Columns([[getattr(x, f) for f in _WEIGHTS] for x in weights], _WEIGHTS))

    def stack(name: str) -> np.ndarray:
        return stacked(situations, name)

    others = stack("others")
    trust, tension, threat, grievance = (
        stack("trust"),
        stack("tension"),
        stack("threat"),
        stack("grievance"),
    )
    level = stack("level")
    crisis = level >= Level.CRISIS
    offense, defense, allies = stack("offense"), stack("defense"), stack("allies")
    me = np.array([x.me for x in situations], dtype=np.int64)
    ids = first.world.ids
    nations = [x.view.me for x in situations]

    # Every kind of action, with its (count, n) utilities, in the order candidates are
    # listed; they are ranked all at once at the end.
    kinds: list[tuple[np.ndarray, type[Order], Callable[..., str], bool]] = []

    def add(
        utility: np.ndarray,
        make: type[Order],
        reason_of: Callable[..., str],
        *,
        diplomacy: bool = True,
    ) -> None:
        """Offer the best targets for ``make`` (diplomatic nations only, if ``diplomacy``),
        their reasons made by ``reason_of(situation, k, target)``."""
        utility = utility - 0.12 * RULES.diplomacy_cost.get(make.kind, 0.0)
        kinds.append((utility, make, reason_of, diplomacy))

    blamed_last_turn, blamed_lately = _blamed(situations, first.turn)
    if any(diplomatic):
        talked, favours = stack("talked"), stack("favours")
        talks = w.cooperation * (
            0.35 + 0.6 * tension / 50.0 + 0.5 * clamp(55.0 - trust, 0, 40) / 40.0 + 0.5 * crisis
        )
        talks += 0.3 * w.forgiveness * (grievance > 0) - (1 - w.forgiveness) * 0.025 * grievance
        # Talks earn trust only up to a cap per pair, and the trust they have earned is
        # public: ``room`` is the share of a talk's trust that the cap would still let
        # through (the credit fades each turn, so a view never shows it quite full).
        # Talks that de-escalate a crisis are worth their calm whatever the cap.
        room = talk_gain(first.talks_credit.T[me]) / RULES.talks_trust
        talks -= TALKS_SATURATED * (1.0 - room) * ~crisis
        # Answering talks with talks, where that still earns their trust.
        talks += 0.35 * w.reciprocity * clamp(talked / 9.0, 0, 1) * (trust > 50) * room
        add(
            talks,
            Talks,
            lambda s, k, j: (
                f"de-escalating the {Level(int(s.level[j])).label} with {_name(s, j)}"
                if crisis[k, j]
                else f"building trust with {_name(s, j)}"
            ),
        )

        hotline = w.cooperation * (0.25 + tension / 40.0 + 0.5 * (grievance > 0) + 0.3 * threat)
        hotline += w.risk_aversion * 0.35 * threat - 0.6 * first.hotline[me]
        # (a nation keeping to itself would leave the offer unanswered)
        snub = ALOOF_OFFER_PENALTY * _aloof(first)
        hotline -= snub
        add(
            hotline,
            ProposeHotline,
            lambda s, k, j: f"a line to talk to {_name(s, j)} before incidents spiral",
        )

        # An alliance is worth it against a shared threat, with a partner we trust, and
        # less with every ally we already have.
        threat_level = np.array([[x.threat_level] for x in situations], dtype=np.float64)
        partner_strength = (defense + offense) / 200.0
        alliance = w.cooperation * (trust - 62.0) / 20.0
        alliance += w.risk_aversion * 0.7 * threat_level * partner_strength
        alliance += (1 - w.norm_respect) * 0.4 * partner_strength  # opportunists court power
        alliance -= grievance / 15.0 + 2.0 * allies + 0.8 * threat
        alliance -= 0.3 * allies.sum(axis=1, keepdims=True) + 0.5 * w.aggression
        alliance -= snub
        # A nation that turned down a proposal of ours lately is not asked again until
        # the sting fades (the ledger's "declined our proposal", about ten turns).
        alliance -= REFUSED_LATELY * np.stack([declined_us(x.view) for x in situations])
        add(alliance, ProposeAlliance, lambda s, k, j: f"{_name(s, j)} is a trusted partner")

        # Intel helps most a partner under threat; giving it every turn adds little.
        partner_threat = np.where(
            others.any(axis=1, keepdims=True),
            clamp(offense.max(axis=1, keepdims=True) / 60.0, 0, 1),
            0.0,
        )
        share = w.cooperation * (0.5 * allies * partner_threat + 0.25 * (trust - 55.0) / 45.0)
        share += w.reciprocity * clamp(favours / 15.0, 0, 1) * 0.25 - grievance / 20.0 - 0.2
        add(share, ShareIntel, lambda s, k, j: f"helping {_name(s, j)} see threats coming")

        capacity = w.cooperation * 0.8 * clamp(1.0 - defense / 70.0, 0, 1) * trust / 100.0
        capacity += 0.3 * w.cooperation * allies - 0.25 - grievance / 20.0
        add(capacity, BuildCapacity, lambda s, k, j: f"{_name(s, j)} needs help with its defences")

        # Denounce right after an attribution, once: not the same incident every turn.
        recent = blamed_last_turn
        credibility = np.asarray(first.credibility)[me][:, None]
        denounce = w.reciprocity * recent * (0.55 + credibility)
        denounce += 0.3 * clamp(grievance / 20.0, 0, 1) - 0.35 * w.forgiveness
        denounce -= 0.3 * w.cooperation * trust / 100.0
        # The accused's trust in us falls (not below zero), and influence is others' trust
        # in us: the accusation costs us that, unless it already distrusts us utterly.
        fall = -RULES.denounce_accused_trust
        denounce -= DENOUNCE_STANDING * clamp(stack("trust_in"), 0, fall) / fall
        denounce = np.where(recent, denounce, NEG)
        add(denounce, Denounce, lambda s, k, j: _blame_text(s, j))

        sanction = w.reciprocity * clamp(grievance / 22.0, 0, 1.5) * (1 - 0.5 * w.cooperation)
        sanction += w.aggression * 0.3 * tension / 60.0 - 0.4 * w.risk_aversion - 0.45
        sanction -= 2.0 * allies
        add(
            sanction,
            Sanction,
            lambda s, k, j: (
                _blame_text(s, j)
                if s.blames.get(j)
                else f"punishing {possessive(_name(s, j))} hostility"
            ),
        )

    # Covert operations: value if it works, minus the expected cost of being caught.
    fresh = np.stack([x.view.intel_age for x in situations]) < RULES.intel_fresh_turns
    cheat_suspect = np.stack([cheat_suspects(x) for x in situations])
    # Friendless nations are cheap targets: nobody's trust spills over, no hotline to
    # clear things up. Strong ones may strike back.
    friends = np.zeros(n)
    for bloc in first.alliances:
        for m in bloc.members:
            friends[m] += len(bloc.members) - 1
    exposure = 0.15 * np.minimum(friends, 4) + 0.25 * first.hotline.sum(axis=1).clip(0, 3) / 3
    deterrence = 0.4 * w.risk_aversion * clamp(offense / 60.0, 0, 1.5)
    retaliation = clamp(grievance / 15.0, 0, 1.5) * w.reciprocity
    lead = stack("lead")
    penalties = [_norm_penalties(x, y) for x, y in zip(situations, weights, strict=True)]
    # Terms every operation shares, or both harmful ones do (worked out once).
    weak = clamp(1.0 - defense / 100.0, 0, 1)
    preys_on_weak = 0.8 * w.aggression * weak
    strikes_threat = 0.3 * w.aggression * threat
    # Cut the leader down to size: the aggressive and the greedy aim at whoever wins.
    cuts_leader = 0.6 * np.maximum(w.aggression, 1 - w.norm_respect) * lead
    harm_risk = 0.9 * w.risk_aversion + 0.6
    tense = 0.3 * tension / 50.0
    restraint = 0.25 * (1 - w.aggression)  # harm has its own cost
    goodwill = w.cooperation * clamp(trust - 40.0, 0, 60) / 60.0
    exposed = exposure + deterrence
    allied = 3.0 * allies
    # The score is read when the game ends: trust lost to an operation pinned on us is
    # still felt then by the share that has not faded (the most on the last turn).
    # (Every view of a batch has the same turn and last turn: see same_public.)
    turns_left = max(first.last_turn - first.turn, 0)
    lingering = (1.0 - RULES.incident_decay) ** turns_left
    # Harm pays in the ranking most against a nation that stands between us and the
    # win: a rival ahead of the field is worth hitting, one behind it less so.
    rivalry = 0.6 + 0.4 * clamp(lead, 0, 1)
    for kind, make in (
        (OpKind.ESPIONAGE, Espionage),
        (OpKind.SABOTAGE, Sabotage),
        (OpKind.DISINFORMATION, Disinformation),
    ):
        p_success, p_detect, p_correct = stacked_odds(situations, int(kind))
        caught = p_detect * p_correct
        same_kind = blamed_lately[kind.label]
        penalty = np.array([[p[kind]] for p in penalties], dtype=np.float64)
        gain: np.ndarray
        risk: np.ndarray
        if kind == OpKind.ESPIONAGE:
            gain = 0.15 + 0.3 * w.aggression + 0.45 * threat * ~fresh + 0.7 * cheat_suspect
            gain += 0.25 * w.aggression * lead
            gain += 0.25 * w.reciprocity * same_kind
            # Stolen secrets feed our economy: worth it to anyone the norms do not hold back.
            gain += 0.3 * (1 - w.norm_respect)
            risk = caught * (0.5 * w.risk_aversion + 0.25 + penalty)
        else:
            # Less to gain against a target that is already broken.
            intact = stack("infrastructure" if kind == OpKind.SABOTAGE else "cohesion") / 100.0
            gain = w.aggression * (2.0 if kind == OpKind.SABOTAGE else 1.6) * (0.3 + 0.7 * intact)
            gain *= rivalry
            gain += retaliation + 0.8 * w.reciprocity * same_kind + preys_on_weak
            gain += strikes_threat
            gain += cuts_leader
            risk = caught * (harm_risk + penalty + tense)
            risk += restraint
        # Being caught costs influence, whatever our nerve: the victim's trust, more so
        # the less time is left for it to fade.
        risk += caught * (RULES.incident_trust[kind] / _BLAME_SCALE) * (0.1 + 0.8 * lingering)
        utility = p_success * gain - risk - goodwill
        utility -= exposed
        utility -= allied + 0.1 * RULES.op_cost[kind]
        add(
            utility,
            make,
            lambda s, k, j, kind=kind, same=same_kind: _op_reason(
                s, kind, j, same[k], cheat_suspect[k]
            ),
            diplomacy=False,
        )

    # The best targets of every kind, for every nation (a stable sort: ties go to the
    # first nation).
    masked = np.where(others, np.stack([utility for utility, *_ in kinds]), NEG)
    best = np.argsort(-masked, axis=2, kind="stable")[:, :, :TOP].tolist()
    values = masked.tolist()
    for (_, action, reason_of, diplomacy), kind_best, kind_values in zip(
        kinds, best, values, strict=True
    ):
        for k, sit in enumerate(situations):
            if diplomacy and not diplomatic[k]:
                continue
            row = kind_values[k]
            out = outs[k]
            nation = nations[k]
            for j in kind_best[k]:
                if row[j] <= NEG / 2:
                    break
                out.append(Candidate(action, nation, ids[j], row[j], reason_of, (sit, k, j)))
    return outs


def declined_us(view: NationView) -> np.ndarray:
    """(n,) mask of the nations that declined a proposal of ours lately: those we still
    hold the ledger's "declined our proposal" against."""
    felt = view.trust_ledger
    out = np.zeros(view.n, dtype=bool)
    for code, text in felt.reasons.items():
        if text == DECLINED_REASON:
            out[felt.to[felt.reason == code]] = True
    return out


def _aloof(view: NationView) -> np.ndarray:
    """(n,) mask of the nations keeping to themselves: past the first turns, still without
    a hotline, an alliance, a norm or an agreement (all public). Such a nation leaves
    offers unanswered; courting it every turn wastes a slot."""
    if view.turn <= ALOOF_AFTER:
        return np.zeros(view.n, dtype=bool)
    tied = np.array(np.asarray(view.hotline).any(axis=1), dtype=bool)
    for bloc in view.alliances:
        tied[list(bloc.members)] = True
    if view.norm_signed.shape[0]:
        tied |= view.norm_signed.any(axis=0)
    if view.arms_party.shape[0]:
        tied |= view.arms_party.any(axis=0)
    return ~tied


def _blamed(situations: Sequence[Situation], turn: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """(count, n) masks of the nations each situation blames for an operation against
    it: one of the turn before ``turn``, and (by operation label) one of the two turns
    before it."""
    count, n = len(situations), situations[0].view.n
    last_turn = np.zeros((count, n), dtype=bool)
    lately = {kind.label: np.zeros((count, n), dtype=bool) for kind in OpKind}
    for k, x in enumerate(situations):
        for j, blames in x.blames.items():
            for b in blames:
                if b.turn == turn - 1:
                    last_turn[k, j] = True
                if turn - b.turn <= 2 and b.kind in lately:
                    lately[b.kind][k, j] = True
    return last_turn, lately


def _blame_text(s: Situation, j: int) -> str:
    blame = s.latest_blame(j)
    if blame is None:
        return f"{possessive(_name(s, j))} hostility"
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
        return f"{possessive(name)} defences look weak"
    return f"weakening {name}"


def cheat_suspects(s: Situation) -> np.ndarray:
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


def _norm_reason(s: Situation, k: int, plain: str) -> str:
    """Why we back norm ``k``, in words fit for every nation to read (only public facts):
    a norm already in force, a signature that brings it into force, or the plain reason."""
    v = s.view
    if v.norm_in_force[k]:
        return f"joining '{v.world.norm_name(k)}' now that it is in force"
    if int(v.world.norm_quorum[k]) - int(v.norm_signed[k].sum()) == 1:
        return f"{plain}: one more signature brings it into force"
    return plain


def _arms_reason(plain: str, cap: float, mine: float, others: float) -> str:
    """Why we back an arms cap, in words fit for every nation to read (no figures of
    ours): the others out-arm us, we are under the cap already, or plainly."""
    if others > mine + 8:
        return f"{plain}: the others out-arm us"
    if mine <= cap:
        return f"{plain}: we are under the cap already"
    return plain


def norm_stance(s: Situation, w: Weights, k: int) -> float:
    """Our stake in norm ``k``: what signing it is worth to us, before the slot it takes.

    One stance decides answering a call to endorse it, endorsing or proposing it, and
    leaving it, so a nation does not decline a norm and endorse it the next turn, or
    sign one and leave it again. Positive: worth signing. A norm that forbids harmful
    operations weighs heavily on the aggressive; one close to its quorum (or in force) is
    worth more, and all norms are worth more to the norm-minded while the world is
    unstable.
    """
    v = s.view
    world = v.world
    forbids_harm = bool(
        world.norm_forbids[k, OpKind.SABOTAGE] or world.norm_forbids[k, OpKind.DISINFORMATION]
    )
    stability_gap = max(0.0, 65.0 - v.stability.total) / 30.0
    near = int(v.norm_signed[k].sum()) >= world.norm_quorum[k] - 1
    value = w.norm_respect * (0.55 + 0.5 * stability_gap) + 0.2 * w.cooperation
    value -= w.aggression * (0.9 if forbids_harm else 0.3) + 0.1
    return value + 0.25 * near


def others_caught(s: Situation, k: int) -> bool:
    """Whether a party other than us was caught cheating on agreement ``k``."""
    return bool(np.delete(s.view.arms_exposed[k], s.me).any())


def arms_stake(s: Situation, w: Weights, k: int) -> float:
    """Our stake in arms-control agreement ``k`` (as :func:`norm_stance` for norms): one
    number decides answering a call to ratify it, ratifying or proposing it, and leaving
    it. Worth more the more the others out-arm us and the closer to its cap we are;
    worth less to the aggressive, and once a party was caught cheating on it."""
    v = s.view
    others = float(np.mean(s.offense[s.others])) if s.others.any() else 0.0
    mine = float(v.own_stats[2])
    cap = float(v.world.arms_cap[k])
    stability_gap = max(0.0, 65.0 - v.stability.total) / 30.0
    stake = (1 - w.aggression) * (0.25 + w.risk_aversion * others / 45.0)
    stake += 0.35 * (1 - w.aggression) * (mine <= cap + 2) - 0.7 * (mine > cap + 12)
    stake -= 0.15
    stake += 0.3 * w.norm_respect * stability_gap
    stake -= 0.6 * bool(v.arms_exposed[k].any())  # a deal someone cheated on is worth less
    return stake


def treaties(s: Situation, w: Weights, diplomatic: bool) -> list[Candidate]:
    """Candidates about norms, arms control and leaving alliances."""
    if not diplomatic:
        return []
    v = s.view
    me = v.me
    world = v.world
    out: list[Candidate] = []
    for k, norm_id in enumerate(world.norm_ids):
        signed = bool(v.norm_signed[k, s.me])
        name = world.norm_name(k)
        stance = norm_stance(s, w, k)
        if not signed:
            if v.norm_tabled[k] or v.norm_in_force[k]:
                out.append(
                    Candidate(
                        EndorseNorm,
                        me,
                        norm_id,
                        stance + SIGN_BONUS,
                        _norm_reason,
                        (s, k, f"supporting the norm '{name}'"),
                    )
                )
            else:
                out.append(
                    Candidate(
                        ProposeNorm,
                        me,
                        norm_id,
                        stance - 0.05,
                        _norm_reason,
                        (s, k, f"rallying nations behind '{name}'"),
                    )
                )
        else:
            # Leaving takes a stance well below zero: a margin wider than a normal AI's
            # noise.
            value = -stance - NORM_EXIT_MARGIN
            out.append(
                Candidate(WithdrawNorm, me, norm_id, value, f"the norm '{name}' ties our hands")
            )
    others_offense = float(np.mean(s.offense[s.others])) if s.others.any() else 0.0
    mine = float(v.own_stats[2])
    for k, deal_id in enumerate(world.agreement_ids):
        party = bool(v.arms_party[k, s.me])
        cap = float(world.arms_cap[k])
        name = world.agreement_name(k)
        # One stake in the agreement decides both joining and leaving, so a nation does
        # not leave what it would join again next turn.
        stake = arms_stake(s, w, k)
        if not party:
            if v.arms_tabled[k] or v.arms_in_force[k]:
                out.append(
                    Candidate(
                        RatifyArmsControl,
                        me,
                        deal_id,
                        stake + SIGN_BONUS,
                        _arms_reason,
                        (f"capping the arms race ('{name}')", cap, mine, others_offense),
                    )
                )
            else:
                out.append(
                    Candidate(
                        ProposeArmsControl,
                        me,
                        deal_id,
                        stake - 0.05,
                        _arms_reason,
                        (f"proposing '{name}' to slow the arms race", cap, mine, others_offense),
                    )
                )
        else:
            # Leaving costs trust with every party: it takes a stake well below zero,
            # a margin wider than the judgement's noise of a normal AI. (Only others
            # caught cheating make "others do not keep to it" true.)
            out.append(
                Candidate(
                    WithdrawArmsControl,
                    me,
                    deal_id,
                    -stake - ARMS_EXIT_MARGIN,
                    "others do not keep to it"
                    if others_caught(s, k)
                    else f"'{name}' limits our options",
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
        out.append(Candidate(LeaveAlliance, me, alliance.id, value, reason))
    return out

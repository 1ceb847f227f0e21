"""The personality AI: utility-based choices with a short lookahead through the engine.

A turn's decision, from the nation's view only:

1. read the situation (threats, grievances, odds of operations) — :mod:`game.ai.assess`;
2. score every action — :mod:`game.ai.utility` — plus the difficulty's noise;
3. build a plan greedily within slots and budget, and a few alternatives;
4. with lookahead, play each plan one turn ahead through ``resolve`` on the believed
   state and keep the best — :mod:`game.ai.lookahead`;
5. answer proposals and event choices, pick a posture, spend the rest of the budget.

Every order carries a one-line reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.ai.assess import Situation, median_rows, read_situations, same_public
from game.ai.lookahead import MAX_LOOKAHEAD_NATIONS, believed_state, plan_value
from game.ai.utility import (
    SIGN_BONUS,
    Candidate,
    arms_stake,
    cheat_suspects,
    norm_stance,
    others_caught,
    targeted_many,
    treaties,
)
from game.ai.weights import Difficulty, Personality, Weights, difficulty, personality
from game.engine.legal import LegalOrders, cost, kind_cost, legal_orders
from game.engine.orders import (
    Answer,
    Choose,
    Invest,
    Operation,
    Order,
    SetPosture,
    Targeted,
)
from game.engine.state import Proposal
from game.engine.types import (
    ATTRIBUTION,
    COHESION,
    DEFENSE,
    INFRASTRUCTURE,
    OFFENSE,
    STAT_INDEX,
    Posture,
)
from game.engine.views import NationView
from game.scenario.models import Condition, StatCondition

#: How much one point of foreseen score (one turn ahead) weighs against utilities.
LOOKAHEAD_WEIGHT = 0.35

#: Offense this far past the median defence of the other nations is more than most
#: targets call for: the AI then buys only :data:`OFFENSE_THRIFT` of what it would.
OFFENSE_SURPLUS = 20.0
OFFENSE_THRIFT = 0.3
#: How much resilience is worth in the budget split while infrastructure is short of
#: 100, reaching its full worth this many points short.
INFRASTRUCTURE_WORTH = 1.0
INFRASTRUCTURE_RAMP = 30.0
#: The share of what is left of the budget that a nation spends when nothing threatens
#: it (threat and aggression raise it); the rest grows the economy.
CALM_SPEND = 0.4
#: What accepting a hotline is worth to any nation, whatever its character (see _judge).
HOTLINE_NO_REGRETS = 0.25
#: How much the final turn, when the score is read, moves the posture values.
FINAL_TURN_POSTURE = {Posture.OFFENSIVE: -1.5, Posture.DEFENSIVE: 0.2}

#: Cheating on arms control (see :func:`cheat_odds`): what it pays with no rival out-arming
#: us and no threat, the offense gap at which a free rival makes it pay fully, how many
#: turns back a party's espionage against us means we are watched, and what that
#: multiplies the chance by.
CHEAT_PAYS_BASE = 0.5
CHEAT_GAP = 20.0
CHEAT_WATCHED_TURNS = 3
CHEAT_WATCHED = 0.4
#: The Dirichlet parameters of an unskilled split of the budget over the four areas.
_EVEN_SPLIT = np.ones(4)
_EVEN_SPLIT.flags.writeable = False


@dataclass(frozen=True, slots=True)
class Plan:
    """A set of slot actions (the candidates picked) and the sum of their utilities."""

    picks: list[Candidate]
    value: float

    @property
    def orders(self) -> list[Order]:
        """The plan's orders, each with its reason."""
        return [c.order for c in self.picks]


class PersonalityPolicy:
    """An AI nation with a personality (weights) and a difficulty."""

    def __init__(
        self, character: Personality, level: Difficulty, weights: Weights | None = None
    ) -> None:
        self.character = character
        self.level = level
        self.weights = weights or character.weights
        self.name = character.name

    # ------------------------------------------------------------------ the decision

    def decide(self, view: NationView, rng: np.random.Generator) -> list[Order]:
        return decide_all([(self, view, rng)])[0]

    def _decide(
        self,
        view: NationView,
        rng: np.random.Generator,
        situation: Situation,
        found: list[Candidate],
    ) -> list[Order]:
        """The decision, given the situation read and the targeted candidates found."""
        legal = legal_orders(view)
        answers = self._answers(situation, legal)
        covered = _covered_by(answers, legal, view.world.ids)
        candidates = self._candidates(situation, legal, rng, found, covered)
        plans = self._plans(candidates, legal, rng)
        plan = self._pick(view, plans, rng)
        orders: list[Order] = list(plan)
        orders.extend(answers)
        orders.extend(self._choices(view, legal, rng))
        planned_ops = sum(isinstance(o, Operation) for o in plan)
        orders.insert(0, self._posture(situation, planned_ops, rng))
        spent = sum(cost(o) for o in orders)
        invest = self._invest(situation, legal.budget - spent, rng)
        if invest is not None:
            orders.append(invest)
        return orders

    def _candidates(
        self,
        s: Situation,
        legal: LegalOrders,
        rng: np.random.Generator,
        found: list[Candidate],
        covered: frozenset[tuple[str, str]] = frozenset(),
    ) -> list[Candidate]:
        """The legal candidates worth a slot, with the judgement's noise, best first.

        The noise is drawn for every candidate found, legal or not. Candidates whose
        noisy utility is not positive are left out: a plan never takes them (see
        :meth:`_plans`), and they would all sort after the others anyway. So are those
        ``covered`` (action kind, argument) by a proposal we accept this turn, which
        does the same for free.
        """
        diplomatic = self.character.diplomatic
        found = found + treaties(s, self.weights, diplomatic)
        if not found:
            return []
        noise = rng.normal(0.0, self.level.noise, len(found))
        noisy = (np.array([c.utility for c in found], dtype=np.float64) + noise).tolist()
        allowed = legal.allowed
        out = [
            c.rescored(utility)
            for c, utility in zip(found, noisy, strict=True)
            if utility > 0
            and c.argument in allowed(c.action.kind)
            and (c.action.kind, c.argument) not in covered
        ]
        out.sort(key=lambda c: -c.utility)
        return out

    def _plans(
        self, candidates: list[Candidate], legal: LegalOrders, rng: np.random.Generator
    ) -> list[Plan]:
        """The greedy plan and a few alternatives (without operations, one swap, ...)."""

        # A candidate is one (kind, argument) pair: two plans hold the same orders exactly
        # when they pick the same candidates, which is what they are compared by.
        slots, budget = legal.slots, legal.budget

        def greedy(pool: list[Candidate]) -> Plan:
            chosen: list[Candidate] = []
            value = 0.0
            targets: set[str] = set()
            spend = 0.0
            for c in pool:
                if len(chosen) >= slots or c.utility <= 0:
                    break
                price = kind_cost(c.action)
                target = c.argument if issubclass(c.action, Targeted) else None
                if spend + price > budget or (target and target in targets):
                    continue
                chosen.append(c)
                value += c.utility
                spend += price
                if target:
                    targets.add(target)
            return Plan(chosen, value)

        first = greedy(candidates)
        # An inattentive (easy) AI sometimes leaves a slot unused.
        if self.level.idle > 0:
            kept = [c for c in first.picks if rng.random() >= self.level.idle]
            first = Plan(kept, first.value * len(kept) / max(len(first.picks), 1))
        plans = [first]
        peaceful = greedy([c for c in candidates if not issubclass(c.action, Operation)])
        if peaceful.picks != first.picks:
            plans.append(peaceful)
        if first.picks:
            skip = first.picks[0]
            swapped = greedy([c for c in candidates if c is not skip])
            if all(swapped.picks != p.picks for p in plans):
                plans.append(swapped)
        cautious = greedy([c for c in candidates if c.utility > 0.35])
        if all(cautious.picks != p.picks for p in plans):
            plans.append(cautious)
        return plans

    def _pick(self, view: NationView, plans: list[Plan], rng: np.random.Generator) -> list[Order]:
        """The plan with the best sum of utilities plus what the lookahead foresees.

        The utilities carry the personality's long view (a rival weakened, a grudge
        answered); the one-turn lookahead through the engine adds what the plan is likely
        to cost or gain right away (being caught, a norm broken, trust lost).
        """
        count = min(self.level.plans, len(plans))
        # Look ahead only when the plan takes a risk worth checking: a covert operation.
        risky = any(issubclass(c.action, Operation) for c in plans[0].picks)
        if count <= 1 or view.n > MAX_LOOKAHEAD_NATIONS or not risky:
            return plans[0].orders
        state = believed_state(view)
        seed = int(rng.integers(2**62))
        values = [
            plan.value
            + LOOKAHEAD_WEIGHT
            * plan_value(
                view,
                plan.orders,
                samples=self.level.samples,
                seed=seed,
                aggression=self.weights.aggression,
                cooperation=self.weights.cooperation,
                state=state,
            )
            for plan in plans[:count]
        ]
        return plans[int(np.argmax(values))].orders

    # ------------------------------------------------------------------ answers

    def _answers(self, s: Situation, legal: LegalOrders) -> list[Order]:
        if not self.character.diplomatic:
            return []  # an isolationist leaves every proposal unanswered
        out: list[Order] = []
        for proposal in legal.answers:
            accept, reason = self._judge(s, proposal)
            out.append(Answer(s.view.me, proposal=proposal.id, accept=accept, reason=reason))
        return out

    def _judge(self, s: Situation, p: Proposal) -> tuple[bool, str]:
        w = self.weights
        v = s.view
        frm = p.frm
        who = v.world.names[frm]
        trust = float(s.trust[frm])
        grievance = float(s.grievance[frm])
        if p.kind == "hotline":
            value = w.cooperation * 0.8 + w.risk_aversion * 0.3 + s.tension[frm] / 100.0
            value -= (1 - w.forgiveness) * grievance / 25.0 + 0.3
            # A hotline costs nothing and only ever clears up misunderstandings (and
            # earns standing trust both ways): even a hawk takes one from a nation it
            # holds nothing against, as rival powers have since the Moscow-Washington
            # line of 1963.
            value += HOTLINE_NO_REGRETS
            why = f"a hotline with {who} can stop misunderstandings"
            if value <= 0:
                why = f"{who} has wronged us" if grievance > 0 else f"we have no need of {who}"
        elif p.kind == "alliance":
            return _judge_alliance(s, w, frm)
        elif p.kind == "norm" and p.subject in v.world.norm_ids:
            k = v.world.norm_ids.index(p.subject)
            harm = bool(v.world.norm_forbids[k, 1] or v.world.norm_forbids[k, 2])
            # (the stance that decides endorsing it on our own: see norm_stance)
            value = norm_stance(s, w, k) + SIGN_BONUS
            why = f"we support the norm '{v.world.norm_name(k)}'"
            if value <= 0:
                why = (
                    f"'{v.world.norm_name(k)}' would tie our hands"
                    if w.aggression * (0.9 if harm else 0.3) > w.norm_respect * 0.9
                    else f"we do not need the norm '{v.world.norm_name(k)}'"
                )
        elif p.kind == "arms_control" and p.subject in v.world.agreement_ids:
            k = v.world.agreement_ids.index(p.subject)
            cap = float(v.world.arms_cap[k])
            mine = float(v.own_stats[OFFENSE])
            # (the stake that decides ratifying it on our own: see arms_stake)
            value = arms_stake(s, w, k) + SIGN_BONUS
            why = f"capping the arms race at {cap:g}"
            if value <= 0:
                if mine > cap + 12:
                    why = f"a cap of {cap:g} would cost us {mine - cap:.0f} points of offense"
                elif others_caught(s, k):
                    why = "others were caught cheating on it"
                else:
                    why = "we will not tie our hands while others arm"
        else:
            value = w.cooperation * 0.7 + (trust - 45.0) / 60.0 - grievance / 20.0
            why = f"{who} offers to cooperate" if value > 0 else f"we do not trust {who} enough"
        return bool(value > 0), why

    def _choices(
        self, view: NationView, legal: LegalOrders, rng: np.random.Generator
    ) -> list[Order]:
        out: list[Order] = []
        for event_id, options in legal.choices.items():
            event = view.world.event(event_id)
            if event.choice is None:
                continue
            weights = np.array([o.ai_weight for o in event.choice.options], dtype=float)
            if weights.sum() <= 0:
                weights = np.ones_like(weights)
            k = int(rng.choice(len(weights), p=weights / weights.sum()))
            option = event.choice.options[k]
            if option.id in options:
                out.append(
                    Choose(
                        view.me, event=event_id, option=option.id, reason=f"chose '{option.label}'"
                    )
                )
        return out

    # ------------------------------------------------------------------ posture, budget

    def _posture(self, s: Situation, planned_ops: int, rng: np.random.Generator) -> SetPosture:
        w = self.weights
        slots = max(s.view.orders_context.slots, 1)
        values = {
            Posture.OFFENSIVE: w.aggression * 0.9
            + 0.5 * planned_ops / slots
            - 0.35 * w.risk_aversion
            - 0.35 * w.cooperation,
            Posture.DEFENSIVE: w.risk_aversion * (0.25 + s.threat_level) + 0.2 * (1 - w.aggression),
            Posture.BALANCED: 0.45,
        }
        noise = rng.normal(0.0, self.level.noise, 3)
        best = max(values, key=lambda p: values[p] + noise[int(p)])
        reasons = {
            Posture.OFFENSIVE: "projecting strength",
            Posture.DEFENSIVE: "bracing for attacks" if s.threat_level > 0.4 else "caution",
            Posture.BALANCED: "keeping options open",
        }
        if s.view.turn >= s.view.last_turn:
            # The score is read after this turn: a threatening posture now only costs
            # trust, and a reassuring one earns some.
            final = {p: v + FINAL_TURN_POSTURE.get(p, 0.0) for p, v in values.items()}
            chosen = max(final, key=lambda p: final[p] + noise[int(p)])
            if chosen != best:
                reasons[chosen] = "showing a calm face on the final turn"
            best = chosen
        return SetPosture(s.view.me, best.label, reason=reasons[best])

    def _invest(self, s: Situation, left: float, rng: np.random.Generator) -> Invest | None:
        if left <= 0.05:
            return None
        w = self.weights
        v = s.view
        mine = v.own_stats
        threat = s.threat_level
        hurt = unknown = 0  # operations we suffered lately, and by unknown attackers
        for inc in v.incidents:
            if inc.role == "victim":
                hurt += v.turn - inc.turn <= 2
                unknown += inc.other is None or inc.other < 0
        offense = w.aggression * 0.8 + 0.3 * w.reciprocity * (s.grievance.max() > 10)
        offense += 0.2 * threat * (1 - w.cooperation)
        capped = self._capped(v)
        keeps_cap = capped and not rng.random() < cheat_odds(s, w)
        defense = 0.3 + w.risk_aversion * 0.8 * threat + 0.25 * min(hurt, 3)
        # Forensics score nothing by themselves: they pay only against attackers we could
        # not name, and the cautious answer those more readily. (Bought on principle they
        # cost a cautious nation about half a point of final score in a hard field.)
        attribution = (0.35 + 0.3 * w.risk_aversion) * min(unknown, 2)
        # Infrastructure is the largest part of security and does not wear out, and a
        # point of resilience rebuilds 1.5 of it: until it is whole, nothing buys more score.
        short = (100.0 - float(mine[INFRASTRUCTURE])) / INFRASTRUCTURE_RAMP
        resilience = INFRASTRUCTURE_WORTH * min(max(short, 0.0), 1.0)
        resilience += 0.5 * max(0.0, 55.0 - mine[COHESION]) / 30.0
        shares = np.array([offense, defense, attribution, resilience], dtype=float)
        shares += _objective_pull(v)
        if keeps_cap:
            shares[0] = 0.0  # not even for an objective: that would be cheating
        shares = np.maximum(shares, 0.0)
        total = shares.sum()
        if total <= 0:
            return None
        shares /= total
        skill = self.level.spend_skill
        shares = skill * shares + (1 - skill) * rng.dirichlet(_EVEN_SPLIT)
        if keeps_cap:
            # A careless split may misplace points, but never into weapons past a cap
            # the nation means to keep: that would be cheating by accident.
            shares[0] = 0.0
            shares /= shares.sum()
        elif shares[0] > 0 and mine[OFFENSE] > _median_defense(s) + OFFENSE_SURPLUS:
            # Offense well past the defences of most targets is upkeep without use.
            shares[0] *= OFFENSE_THRIFT
            shares /= shares.sum()
        # Keep some of the budget for the economy when the outlook is calm: an unspent
        # point grows the economy about as much score as a point of capability buys.
        spend = left * min(1.0, CALM_SPEND + 0.45 * threat + 0.15 * w.aggression)
        amounts = np.floor(shares * spend * 100) / 100
        if amounts.sum() <= 0:
            return None
        offense, defense, attribution, resilience = amounts.tolist()
        return Invest(
            v.me,
            offense=offense,
            defense=defense,
            attribution=attribution,
            resilience=resilience,
            reason=_cheat_reason(s) if capped and offense > 0 else _invest_reason(amounts),
        )

    def _capped(self, v: NationView) -> bool:
        """Whether building offense now would break an arms-control cap we ratified."""
        if not v.arms_party.shape[0]:
            return False
        binding = v.arms_in_force & v.arms_party[:, v.nation]
        caps = v.world.arms_cap[binding]
        return bool(caps.size and v.own_stats[OFFENSE] >= caps.min() - 1.0)


#: The slot actions an accepted proposal makes needless, by proposal kind: accepting a
#: call to endorse a norm endorses it, accepting a hotline offer opens the line.
_ANSWER_COVERS = {
    "norm": ("endorse_norm", "propose_norm"),
    "arms_control": ("ratify_arms_control", "propose_arms_control"),
    "hotline": ("propose_hotline",),
    "alliance": ("propose_alliance",),
    "talks": ("talks",),  # accepting an invitation holds the talks
}


def _covered_by(
    answers: Sequence[Order], legal: LegalOrders, ids: Sequence[str]
) -> frozenset[tuple[str, str]]:
    """(action kind, argument) pairs that the proposals accepted in ``answers`` already
    do: a norm or agreement by its id, a hotline or alliance by the proposer."""
    by_id = {p.id: p for p in legal.answers}
    out: set[tuple[str, str]] = set()
    for answer in answers:
        p = by_id.get(getattr(answer, "proposal", -1))
        if p is None or not getattr(answer, "accept", False):
            continue
        argument = p.subject if p.kind in ("norm", "arms_control") else ids[p.frm]
        if argument is not None:
            out.update((kind, argument) for kind in _ANSWER_COVERS.get(p.kind, ()))
    return frozenset(out)


def _judge_alliance(s: Situation, w: Weights, frm: int) -> tuple[bool, str]:
    """Whether to join ``frm``'s alliance, and why in the words of the motive that
    decided it: trust in the partner, the threats we face, or, when we decline, the
    largest of the reasons against (a grievance, the allies we have, a free hand, too
    little trust)."""
    who = s.view.world.names[frm]
    trust = float(s.trust[frm])
    grievance = float(s.grievance[frm])
    allies = int(s.allies.sum())
    trusting = w.cooperation * (trust - 58.0) / 20.0
    threatened = 0.6 * w.risk_aversion * s.threat_level
    value = trusting + threatened
    value -= grievance / 15.0 + 0.2 + 0.3 * allies + 0.5 * w.aggression
    if value > 0:
        if threatened > trusting:
            return True, f"standing with {who} against the threats we face"
        return True, f"{who} is a partner we trust"
    against = {
        f"{who} has wronged us": grievance / 15.0,
        "we have allies enough": 0.3 * allies,
        "we keep our hands free": 0.5 * w.aggression,
        f"we do not trust {who} enough": -trusting,
    }
    why, weight = max(against.items(), key=lambda item: item[1])
    return False, why if weight > 0.1 else f"we see no need for an alliance with {who}"


def _free_rival(s: Situation) -> tuple[int | None, float]:
    """The best-armed other nation that our arms-control caps do not hold (a non-party,
    or a party exposed or suspected of cheating), and how far its offense is past ours."""
    v = s.view
    binding = v.arms_in_force & v.arms_party[:, s.me]
    held = (v.arms_party[binding] & ~v.arms_exposed[binding]).all(axis=0) & ~cheat_suspects(s)
    free = np.flatnonzero(s.others & ~held)
    if not free.size:
        return None, 0.0
    rival = int(free[np.argmax(s.offense[free])])
    return rival, float(s.offense[rival]) - float(v.own_stats[OFFENSE])


def _cheat_reason(s: Situation) -> str:
    """Why a nation builds weapons past a cap it ratified (it only ever says so in the
    debrief: the order is secret)."""
    v = s.view
    binding = np.flatnonzero(v.arms_in_force & v.arms_party[:, s.me])
    cap = min(binding.tolist(), key=lambda k: float(v.world.arms_cap[k]))
    name = v.world.agreement_name(cap)
    rival, gap = _free_rival(s)
    if rival is not None and gap > 0:
        # Why the rival is free: outside one of our caps, caught cheating, or (only in
        # our eyes) over a cap it ratified.
        who = v.world.names[rival]
        if not v.arms_party[binding, rival].all():
            why = f"{who}, which no cap holds, out-arms us"
        elif v.arms_exposed[binding, rival].any():
            why = f"{who}, caught cheating, out-arms us"
        else:
            why = f"we suspect {who} of cheating, and it out-arms us"
    elif s.threat_level > 0.3:
        why = "the threats we face"
    else:
        why = "an edge nobody will see"
    return f"secretly building weapons past the cap of '{name}': {why}"


def cheat_odds(s: Situation, w: Weights) -> float:
    """The chance that a nation held by an arms-control cap builds past it this turn.

    It cheats when it dares and when it pays. *Nerve* is its character: greedy, unafraid
    and careless of treaties. It *pays* the more a rival the cap does not hold out-arms
    us (a non-party, or a party exposed or suspected of cheating) or the worse the
    threat we face: :data:`CHEAT_PAYS_BASE` plus the larger of the two (each 0-1). Being
    *watched* makes it unsafe: a party to one of our caps spied on us within
    :data:`CHEAT_WATCHED_TURNS` turns (espionage is how cheating is exposed), and the
    chance is multiplied by :data:`CHEAT_WATCHED`.
    """
    v = s.view
    nerve = w.aggression * (1 - w.risk_aversion) * (1 - w.norm_respect)
    if nerve <= 0 or not v.arms_party.shape[0]:
        return 0.0
    binding = v.arms_in_force & v.arms_party[:, s.me]
    parties = v.arms_party[binding].any(axis=0)
    _, gap = _free_rival(s)
    need = min(max(gap / CHEAT_GAP, 0.0), 1.0)
    pays = CHEAT_PAYS_BASE + max(need, s.threat_level)
    watched = any(
        inc.role == "victim"
        and inc.kind == "espionage"
        and inc.other is not None
        and inc.other >= 0
        and parties[inc.other]
        and v.turn - inc.turn <= CHEAT_WATCHED_TURNS
        for inc in v.incidents
    )
    return min(nerve * pays * (CHEAT_WATCHED if watched else 1.0), 1.0)


def decide_all(
    tasks: Sequence[tuple[PersonalityPolicy, NationView, np.random.Generator]],
) -> list[list[Order]]:
    """The orders of several AI nations of one turn, each from its own view and generator.

    The same as asking each policy to ``decide`` alone (the same orders, bit for bit),
    but the situation reading and the targeted utilities of all of them are computed
    together over (nations, nations) arrays, which costs far less than one by one.
    """
    out: list[list[Order]] = [[] for _ in tasks]
    # Nations are decided together only with others that see the same public facts
    # (the views of one turn); any others form batches of their own.
    batches: list[list[int]] = []
    for k, (_, view, _) in enumerate(tasks):
        if view.over:
            continue
        batch = next((b for b in batches if same_public(tasks[b[0]][1], view)), None)
        if batch is None:
            batches.append([k])
        else:
            batch.append(k)
    for batch in batches:
        policies = [tasks[k][0] for k in batch]
        views = [tasks[k][1] for k in batch]
        situations = read_situations(views, [p.weights.forgiveness for p in policies])
        found = targeted_many(
            situations, [p.weights for p in policies], [p.character.diplomatic for p in policies]
        )
        for k, policy, view, situation, candidates in zip(
            batch, policies, views, situations, found, strict=True
        ):
            out[k] = policy._decide(view, tasks[k][2], situation, candidates)
    return out


def _median_defense(s: Situation) -> float:
    """The median of the other nations' estimated defence (0 when there are none)."""
    if not s.others.any():
        return 0.0
    return float(median_rows(s.defense[s.others][None, :])[0])


#: The investment areas (offense, defense, attribution, resilience) by the stat each
#: raises, for objectives that ask a nation to end above a level.
_AREA_OF_STAT = {OFFENSE: 0, DEFENSE: 1, ATTRIBUTION: 2, INFRASTRUCTURE: 3}
#: How strongly an unmet "end with this stat above N" objective of ours pulls the budget
#: split toward its area (per 10 objective points). Once it is met, the pull fades to
#: nothing at OBJECTIVE_MARGIN points above N: capability wears out, so a goal just met
#: still pulls a little.
OBJECTIVE_PULL = 0.8
OBJECTIVE_MARGIN = 4.0


def _objective_pull(view: NationView) -> np.ndarray:
    """Extra budget-split motive, per area, from our own objectives of the form "end the
    game with our <stat> above N" (alone or inside an ``all``): full while the stat is
    short of N, then fading as it rises past N toward N plus a margin for upkeep (or the
    middle of the band, when there is also a ``below``)."""
    pull = np.zeros(4)
    nation = view.private_nation
    for goal in (*nation.objectives, *nation.secret_objectives):
        for test in _own_stat_floors(goal.condition, nation.id):
            stat = STAT_INDEX[test.stat]
            area = _AREA_OF_STAT.get(stat)
            if area is None or test.above is None:
                continue
            aim = test.above + OBJECTIVE_MARGIN
            if test.below is not None:  # a band: stay inside it
                aim = min(aim, (test.above + test.below) / 2)
            have = float(view.own_stats[stat])
            # Full strength while the objective is unmet (it asks for more than N), then
            # less the further past N we are, down to none at the aim.
            span = aim - test.above
            if have <= test.above:
                strength = 1.0
            elif span > 0:
                strength = max(aim - have, 0.0) / span
            else:
                strength = 0.0
            pull[area] += OBJECTIVE_PULL * goal.points / 10.0 * strength
    return pull


def _own_stat_floors(condition: Condition, me: str) -> list[StatCondition]:
    """The tests on our own stats that a condition needs to hold (itself, or every item
    of an ``all``); ``any`` and ``not`` are left alone."""
    if condition.stat is not None:
        who = condition.stat.nation
        return [condition.stat] if who in (None, "self", me) else []
    if condition.all is not None:
        return [t for c in condition.all for t in _own_stat_floors(c, me)]
    return []


def _invest_reason(amounts: np.ndarray) -> str:
    names = ("offense", "defense", "attribution", "resilience")
    top = names[int(np.argmax(amounts))]
    return {
        "offense": "building cyber weapons",
        "defense": "hardening networks",
        "attribution": "improving forensics",
        "resilience": "strengthening infrastructure",
    }[top]


def make_policy(
    name: str, level: str = "normal", overrides: Mapping[str, float] | None = None
) -> PersonalityPolicy:
    """The policy for a named personality at a difficulty, with optional weight overrides."""
    character = personality(name)
    return PersonalityPolicy(
        character, difficulty(level), character.weights.with_overrides(overrides)
    )


__all__ = ["PersonalityPolicy", "make_policy"]

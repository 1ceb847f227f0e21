"""How the game's records read to a player: actions, orders, proposals, incidents, reasons.

Plain functions of engine values and nation names, no pygame, so tests can read them.
Numbers in the explanations come from :data:`game.engine.rules.RULES`, so the text stays
true when the rules are tuned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.engine.orders import (
    ORDER_TYPES,
    Answer,
    Choose,
    Invest,
    LeaveAlliance,
    Operation,
    Order,
    SetPosture,
    Targeted,
    _TreatyOrder,
)
from game.engine.rules import RULES
from game.engine.types import INVESTMENT_AREAS, STATS, Posture
from game.words import possessive

STAT_LABELS: dict[str, str] = {
    "economy": "Economy",
    "infrastructure": "Infrastructure",
    "offense": "Offense",
    "defense": "Defense",
    "attribution": "Attribution",
    "cohesion": "Cohesion",
}
STAT_HINTS: dict[str, str] = {
    "economy": "Wealth; sets the budget each turn.",
    "infrastructure": "How intact critical infrastructure (power, water, ports) is.",
    "offense": "Cyber weapons: the strength of operations.",
    "defense": "Network protection: how hard a nation is to hit, and how often it notices.",
    "attribution": "Forensics: how often a nation finds out who hit it.",
    "cohesion": "Domestic public trust; disinformation erodes it.",
}
INVEST_LABELS: dict[str, str] = {
    "offense": "Offense",
    "defense": "Defense",
    "attribution": "Attribution",
    "resilience": "Resilience",
}
POSTURES: tuple[str, ...] = tuple(p.label for p in Posture)
LEVELS: tuple[str, ...] = ("calm", "friction", "crisis", "conflict")


def posture_effect(posture: str) -> str:
    """What a posture does, in one line."""
    p = Posture.parse(posture)
    attack = RULES.posture_attack[p]
    defend = RULES.posture_defense[p]
    trust = RULES.posture_trust[p]
    if p is Posture.BALANCED:
        return "Neither threatening nor hunkered down: no change to your operations or defense."
    parts = [
        f"operations {_percent(attack - 1)}",
        f"defense {_percent(defend - 1)}",
        f"{trust:+g} trust with everyone",
    ]
    return "Public. " + ", ".join(parts) + "."


def _percent(x: float) -> str:
    return f"{x * 100:+.0f}%"


# --------------------------------------------------------------------------- actions


@dataclass(frozen=True, slots=True)
class ActionInfo:
    """How an action kind is presented: its title, group, help and Cyberpedia entry."""

    kind: str
    title: str
    group: str
    blurb: str
    entry: str | None = None
    #: what the target list asks for: a nation, a norm, an agreement or an alliance
    aim: str = "nation"

    @property
    def targeted(self) -> bool:
        return issubclass(ORDER_TYPES[self.kind], Targeted)


GROUPS: tuple[str, ...] = ("Diplomacy", "Treaties", "Pressure", "Covert operations")


def _actions() -> dict[str, ActionInfo]:
    r = RULES
    rows = [
        ActionInfo(
            "talks",
            "Talks",
            "Diplomacy",
            f"They trust you +{r.talks_trust:g}, you trust them +{r.talks_trust_back:g}, "
            f"tension {r.talks_tension:g}. Both ways +{r.mutual_talks_trust:g} if they "
            "choose talks with you too.",
            "talks",
        ),
        ActionInfo(
            "propose_hotline",
            "Hotline",
            "Diplomacy",
            "Offer a direct line between cyber coordinators: it clears up "
            "misattributions and damps how far one incident escalates. They answer "
            "next turn (at once if they offer one too).",
            "hotlines",
        ),
        ActionInfo(
            "propose_alliance",
            "Alliance",
            "Diplomacy",
            "Invite them into your alliance, or found one together: allies share "
            f"defense and trust each other +{r.ally_trust:g}; an attack on one is felt "
            "by all.",
            "alliances",
        ),
        ActionInfo(
            "share_intel",
            "Share intelligence",
            "Diplomacy",
            f"They get +{r.shared_intel_defense:g} defense for {r.shared_intel_turns} "
            f"turns and trust you +{r.intel_sharing_trust:g}.",
            "intelligence-sharing",
        ),
        ActionInfo(
            "build_capacity",
            "Build capacity",
            "Diplomacy",
            f"They gain up to {r.capacity_gain:g} defense and attribution for good and "
            f"trust you +{r.capacity_trust:g}.",
            "capacity-building",
        ),
        ActionInfo(
            "propose_norm",
            "Propose a norm",
            "Treaties",
            "Table a norm: you sign it and ask every nation to endorse it. It comes into "
            "force at its quorum.",
            "norms",
            aim="norm",
        ),
        ActionInfo(
            "endorse_norm",
            "Endorse a norm",
            "Treaties",
            "Sign a norm that someone has tabled or that is in force.",
            "norms",
            aim="norm",
        ),
        ActionInfo(
            "withdraw_norm",
            "Leave a norm",
            "Treaties",
            f"Take back your signature: the other signatories trust you "
            f"{r.withdraw_treaty_trust:g}.",
            "norms",
            aim="norm",
        ),
        ActionInfo(
            "propose_arms_control",
            "Propose arms control",
            "Treaties",
            "Table an arms-control agreement: its parties keep offense under a cap. "
            "You ratify it and ask every nation to join.",
            "arms-control",
            aim="agreement",
        ),
        ActionInfo(
            "ratify_arms_control",
            "Ratify arms control",
            "Treaties",
            "Join an arms-control agreement that is on the table or in force.",
            "arms-control",
            aim="agreement",
        ),
        ActionInfo(
            "withdraw_arms_control",
            "Leave arms control",
            "Treaties",
            "Leave an arms-control agreement.",
            "arms-control",
            aim="agreement",
        ),
        ActionInfo(
            "leave_alliance",
            "Leave an alliance",
            "Treaties",
            f"The other members trust you {r.leave_alliance_trust:g}.",
            "alliances",
            aim="alliance",
        ),
        ActionInfo(
            "denounce",
            "Denounce",
            "Pressure",
            "Accuse them in public: everyone trusts them less. If you are wrong, "
            "your credibility and trust pay.",
            "denunciation",
        ),
        ActionInfo(
            "sanction",
            "Sanction",
            "Pressure",
            f"For {r.sanction_turns} turns they lose {r.sanction_target_economy:g} "
            f"economy a turn and you {r.sanction_sender_economy:g}; tension "
            f"+{r.sanction_tension:g}.",
            "sanctions",
        ),
        ActionInfo(
            "espionage",
            "Espionage",
            "Covert operations",
            f"Quiet. If it works, your estimates of them are exact for "
            f"{r.intel_fresh_turns} turns, your next operations are stronger and you "
            "gain a little economy.",
            "espionage",
        ),
        ActionInfo(
            "sabotage",
            "Sabotage",
            "Covert operations",
            f"Loud. Hits their infrastructure (−{r.sabotage_infrastructure:g}) and "
            f"economy (−{r.sabotage_economy:g}). Breaks any norm in force that forbids "
            "it.",
            "sabotage",
        ),
        ActionInfo(
            "disinformation",
            "Disinformation",
            "Covert operations",
            f"Erodes their public cohesion (−{r.disinformation_cohesion:g}).",
            "disinformation",
        ),
    ]
    return {a.kind: a for a in rows}


ACTIONS: dict[str, ActionInfo] = _actions()


def action_info(kind: str) -> ActionInfo:
    found = ACTIONS.get(kind)
    if found is None:
        return ActionInfo(kind, kind.replace("_", " ").capitalize(), "Diplomacy", "")
    return found


def kind_cost(kind: str) -> float:
    """Budget points an action of this kind costs."""
    cls = ORDER_TYPES[kind]
    if issubclass(cls, Operation):
        return float(RULES.op_cost[cls.op])
    return float(RULES.diplomacy_cost.get(kind, 0.0))


def cost_text(points: float) -> str:
    return "free" if points <= 0 else f"{points:g}"


# --------------------------------------------------------------------------- orders


class Names:
    """Nation, norm, agreement and alliance names of one game, by id."""

    def __init__(
        self,
        ids: Sequence[str],
        names: Sequence[str],
        norms: dict[str, str],
        agreements: dict[str, str],
        alliances: dict[str, str],
    ) -> None:
        self.ids = tuple(ids)
        self.nation = dict(zip(ids, names, strict=True))
        self.by_index = tuple(names)
        self.norms = norms
        self.agreements = agreements
        self.alliances = alliances

    @classmethod
    def of_view(cls, view) -> Names:
        world = view.world
        scenario = world.scenario
        return cls(
            world.ids,
            world.names,
            {n.id: n.name for n in scenario.norms},
            {a.id: a.name for a in scenario.arms_control},
            {a.id: a.name for a in view.alliances},
        )

    def of(self, index: int | None) -> str:
        if index is None or index < 0 or index >= len(self.by_index):
            return "an unknown actor"
        return self.by_index[index]

    def subject(self, order: Order) -> str:
        if isinstance(order, LeaveAlliance):
            return self.alliances.get(order.alliance, order.alliance)
        if isinstance(order, _TreatyOrder):
            if "norm" in order.kind:
                return self.norms.get(order.subject, order.subject)
            return self.agreements.get(order.subject, order.subject)
        return ""


_TARGET_PHRASE = {
    "talks": "Talks with {t}",
    "propose_hotline": "Offer a hotline to {t}",
    "propose_alliance": "Invite {t} into an alliance",
    "share_intel": "Share intelligence with {t}",
    "build_capacity": "Build capacity in {t}",
    "denounce": "Denounce {t}",
    "sanction": "Sanction {t}",
    "espionage": "Espionage against {t}",
    "sabotage": "Sabotage against {t}",
    "disinformation": "Disinformation against {t}",
}
_SUBJECT_PHRASE = {
    "propose_norm": "Propose the norm “{s}”",
    "endorse_norm": "Endorse the norm “{s}”",
    "withdraw_norm": "Withdraw from “{s}”",
    "propose_arms_control": "Propose “{s}”",
    "ratify_arms_control": "Ratify “{s}”",
    "withdraw_arms_control": "Leave “{s}”",
    "leave_alliance": "Leave the {s}",
}


#: Who sees an order given (as the engine records it): everyone, only the other nation
#: it concerns (a hotline or alliance offer, intelligence shared, a proposal declined),
#: or nobody (covert operations and budgets).
EVERYONE_SEES, ONE_SEES, NOBODY_SEES = "everyone", "the other party", "nobody"
_SEEN_BY_ONE = frozenset({"propose_hotline", "propose_alliance", "share_intel"})
#: How a move not everyone saw is marked, by who saw it.
SEEN_TAGS = {ONE_SEES: "private", NOBODY_SEES: "secret"}


def seen_by(order: Order) -> str:
    """Who saw ``order`` during the game: EVERYONE_SEES, ONE_SEES or NOBODY_SEES."""
    if isinstance(order, Invest | Operation):
        return NOBODY_SEES
    if order.kind in _SEEN_BY_ONE or (isinstance(order, Answer) and not order.accept):
        return ONE_SEES
    return EVERYONE_SEES


def sees(order: Order, viewer: str) -> bool:
    """Whether nation ``viewer`` (not the one giving it) saw ``order``: a public order,
    or one only its target hears of, when the viewer is that target."""
    who = seen_by(order)
    return who == EVERYONE_SEES or (who == ONE_SEES and getattr(order, "target", None) == viewer)


def choice_labels(scenario: Any) -> dict[tuple[str, str], str]:
    """The label of every option of the scenario's event choices, by (event, option)."""
    return {
        (event.id, option.id): option.label
        for event in scenario.events
        if event.choice is not None
        for option in event.choice.options
    }


def order_text(
    order: Order,
    names: Names,
    proposals: Sequence[object] = (),
    choice_labels: dict[tuple[str, str], str] | None = None,
) -> str:
    """One line for the queue: 'Talks with Borealis', 'Invest: defense 2, resilience 1'."""
    if isinstance(order, Targeted):
        phrase = _TARGET_PHRASE.get(order.kind, order.kind.replace("_", " ") + " {t}")
        return phrase.format(t=names.nation.get(order.target, order.target))
    if isinstance(order, LeaveAlliance | _TreatyOrder):
        return _SUBJECT_PHRASE.get(order.kind, "{s}").format(s=names.subject(order))
    if isinstance(order, SetPosture):
        return f"Posture: {order.posture}"
    if isinstance(order, Invest):
        parts = [f"{a} {getattr(order, a):g}" for a in INVESTMENT_AREAS if getattr(order, a)]
        return "Invest: " + (", ".join(parts) or "nothing")
    if isinstance(order, Answer):
        verb = "Accept" if order.accept else "Decline"
        for p in proposals:
            if getattr(p, "id", None) == order.proposal:
                return f"{verb}: {proposal_text(p, names)}"
        return f"{verb} proposal #{order.proposal}"
    if isinstance(order, Choose):
        label = (choice_labels or {}).get((order.event, order.option), order.option)
        return f"Decision: {label}"
    return order.describe()


def proposal_text(p: object, names: Names) -> str:
    """'Borealis offers a hotline', 'Austral tabled the norm “…”'."""
    kind = getattr(p, "kind", "")
    frm = names.of(getattr(p, "frm", -1))
    subject = getattr(p, "subject", None)
    if kind == "hotline":
        return f"{frm} offers a hotline"
    if kind == "alliance":
        bloc = names.alliances.get(subject or "", subject)
        return f"{frm} invites you into {'the ' + bloc if bloc else 'an alliance'}"
    if kind == "norm":
        return f"{frm} asks you to endorse “{names.norms.get(subject or '', subject)}”"
    if kind == "arms_control":
        return f"{frm} asks you to ratify “{names.agreements.get(subject or '', subject)}”"
    if kind == "intel_sharing":
        return f"{frm} offers to share intelligence"
    if kind == "talks":
        return f"{frm} invites you to talks"
    return f"{frm}: {kind.replace('_', ' ')}"


def answer_text(order: Answer, proposals: Sequence[object], names: Names) -> str:
    """An answer as a third party reads it: 'Accepted Borealis's hotline offer',
    'Declined Austral's call to ratify “The Freeze”'."""
    verb = "Accepted" if order.accept else "Declined"
    p = next((p for p in proposals if getattr(p, "id", None) == order.proposal), None)
    if p is None:
        return f"{verb} proposal #{order.proposal}"
    frm = names.of(getattr(p, "frm", -1))
    subject = getattr(p, "subject", None) or ""
    what = {
        "hotline": "hotline offer",
        "alliance": "invitation into "
        + (f"the {names.alliances[subject]}" if subject in names.alliances else "an alliance"),
        "norm": f"call to endorse “{names.norms.get(subject, subject)}”",
        "arms_control": f"call to ratify “{names.agreements.get(subject, subject)}”",
        "intel_sharing": "offer to share intelligence",
        "talks": "invitation to talks",
    }.get(getattr(p, "kind", ""), "proposal")
    return f"{verb} {possessive(frm)} {what}"


def answers_text(orders: Sequence[Answer], proposals: Sequence[object], names: Names) -> str:
    """Several answers given alike to calls about one treaty, in one line: 'Accepted the
    calls of Borealis and Austral to ratify “The Freeze”' (one answer reads as
    :func:`answer_text` has it)."""
    found = [
        next((p for p in proposals if getattr(p, "id", None) == o.proposal), None) for o in orders
    ]
    kinds = {getattr(p, "kind", None) for p in found}
    if len(orders) == 1 or None in found or not kinds <= {"norm", "arms_control"}:
        return "; ".join(answer_text(o, proposals, names) for o in orders)
    verb = "Accepted" if orders[0].accept else "Declined"
    who = [names.of(getattr(p, "frm", -1)) for p in found]
    listed = ", ".join(who[:-1]) + " and " + who[-1]
    subject = getattr(found[0], "subject", None) or ""
    if kinds == {"norm"}:
        what = f"to endorse “{names.norms.get(subject, subject)}”"
    else:
        what = f"to ratify “{names.agreements.get(subject, subject)}”"
    return f"{verb} the calls of {listed} {what}"


#: The order that makes each kind of proposal.
_PROPOSING = {
    "hotline": "propose_hotline",
    "alliance": "propose_alliance",
    "norm": "propose_norm",
    "arms_control": "propose_arms_control",
}


def proposal_reason(
    history: Sequence[Any], p: Any, ids: Sequence[str], seats: Mapping[str, Any]
) -> str | None:
    """The reason an AI nation gave for the order that made proposal ``p`` (from the
    game's ``history``), or None: a person's proposal, or one a scenario event made.
    Who played the proposer is read from the turn's record (``seats`` for older saves,
    whose records do not say)."""
    record = next((r for r in reversed(history) if r.turn == p.turn), None)
    if record is None or not 0 <= p.frm < len(ids):
        return None
    frm = ids[p.frm]
    if record.played_by(frm, seats) != "ai":
        return None
    kind = _PROPOSING.get(p.kind)
    for order in record.orders.get(frm, ()):
        if order.kind != kind or not order.reason:
            continue
        if isinstance(order, Targeted) and not (0 <= p.to < len(ids) and order.target == ids[p.to]):
            continue
        if isinstance(order, _TreatyOrder) and order.subject != p.subject:
            continue
        return str(order.reason)
    return None


def offer_text(p: object, names: Names) -> str:
    """One of the viewer's own open proposals, as the inbox lists it: 'A hotline offered
    to Borealis', '“Protect cables and grids”: you asked every nation to endorse it'."""
    kind = getattr(p, "kind", "")
    to = getattr(p, "to", -1)
    whom = "every nation" if to < 0 else names.of(to)
    subject = getattr(p, "subject", None) or ""
    if kind == "norm":
        return f"“{names.norms.get(subject, subject)}”: you asked {whom} to endorse it"
    if kind == "arms_control":
        return f"“{names.agreements.get(subject, subject)}”: you asked {whom} to ratify it"
    what = {
        "hotline": "A hotline",
        "alliance": "An invitation into "
        + (f"the {names.alliances[subject]}" if subject in names.alliances else "an alliance"),
        "intel_sharing": "Intelligence sharing",
        "talks": "Talks",
    }.get(kind, kind.replace("_", " ").capitalize())
    return f"{what} offered to {whom}"


def open_offers(proposals: Sequence[object]) -> list[object]:
    """The viewer's own open proposals, each call once: a norm or an agreement put to
    every nation is not listed again for a nation it was also put to directly."""
    broadcast = {
        (getattr(p, "kind", ""), getattr(p, "subject", None))
        for p in proposals
        if getattr(p, "to", 0) < 0
    }
    return [
        p
        for p in proposals
        if getattr(p, "to", 0) < 0
        or (getattr(p, "kind", ""), getattr(p, "subject", None)) not in broadcast
    ]


PROPOSAL_ENTRY = {
    "hotline": "hotlines",
    "alliance": "alliances",
    "norm": "norms",
    "arms_control": "arms-control",
    "intel_sharing": "intelligence-sharing",
    "talks": "talks",
}


# --------------------------------------------------------------------------- reports


def incident_text(seen: object, names: Names) -> str:
    """An operation as the viewer knows it, in one sentence."""
    kind = str(getattr(seen, "kind", "operation"))
    role = getattr(seen, "role", "victim")
    other = getattr(seen, "other", None)
    success = getattr(seen, "success", None)
    what = kind.capitalize()
    if role == "attacker":
        outcome = {True: "succeeded", False: "failed", None: "went unnoticed"}[success]
        return f"Our {kind} against {names.of(other)} {outcome}."
    if getattr(seen, "corrected_by_hotline", False):
        return f"{what} against us. The hotline cleared the first suspect."
    if other is None or other < 0:
        return f"{what} against us: we could not tell who was behind it."
    return f"{what} against us: we blame {names.of(other)}."


def signed(value: float, digits: int = 1) -> str:
    """'+2.5', '−1.0', and '±0.0' for a change that rounds to nothing (not a green '+0.0'
    or a red '−0.0' for trust that went up and down by as much)."""
    if round(value, digits) == 0:
        return f"±{0:.{digits}f}"
    text = f"{value:+.{digits}f}"
    return text.replace("-", "−")


def sign_colour(value: float, good: Any, bad: Any, neutral: Any, digits: int = 1) -> Any:
    """The colour of a change as :func:`signed` shows it: ``neutral`` when it rounds to
    nothing."""
    shown = round(value, digits)
    return good if shown > 0 else bad if shown < 0 else neutral


def fade_text(decay: float, turns: int | None, standing: bool) -> str:
    """How fast a trust reason fades: 'while it lasts', 'fades 18%/turn · ~9 turns'."""
    if standing:
        return "while it lasts"
    if decay <= 0:
        return "permanent"
    text = f"fades {decay * 100:.0f}%/turn"
    if turns:
        text += f" · ~{turns} turn{'s' if turns != 1 else ''}"
    return text


def stat_rows(values: Sequence[float]) -> list[tuple[str, float]]:
    return [(STAT_LABELS[name], float(values[k])) for k, name in enumerate(STATS)]


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def objectives_met(scenario: object, nation: str, met: Sequence[str]) -> tuple[str, list[str]]:
    """("2 of 3 met", [the met objectives' texts]) for a nation's objectives, public and
    secret, in the scenario — objectives named by their text, never by their ids."""
    goals = []
    for n in getattr(scenario, "nations", ()):
        if n.id == nation:
            goals = [*n.objectives, *n.secret_objectives]
    if not goals:
        return "none", []
    texts = [" ".join(g.text.split()).rstrip(".") for g in goals if g.id in met]
    return f"{len(texts)} of {len(goals)} met", texts


def objectives_met_text(scenario: object, nation: str, met: Sequence[str]) -> str:
    """One line: "2 of 3 met: <text>; <text>"."""
    head, texts = objectives_met(scenario, nation, met)
    return f"{head}: {'; '.join(texts)}" if texts else head

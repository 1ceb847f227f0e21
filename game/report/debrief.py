"""The debrief: everything that happened in a game, revealed, as plain data.

:func:`build` replays a game's history once, turn by turn, from its initial state and
collects what the debrief screen, the charts and the exports need: per turn the stability
and its terms, every nation's score with its breakdown and its stats, the trust matrix,
escalation levels, hotlines and treaties; and the true record of every operation (who
really did it, who was blamed), diplomatic happening, escalation, event and choice, with
the facilitator's log and the final result.

Nothing here needs pygame or matplotlib. Time series are numpy arrays indexed by turn:
row 0 is the start of the game (before turn 1), row ``k`` the end of turn ``k``. Nations
are named by id (:data:`~game.engine.types.NationId`) in records; arrays use the
scenario's nation order (:attr:`Debrief.nations`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.engine.game import Game, TurnRecord
from game.engine.interventions import apply_intervention
from game.engine.orders import Answer, Choose
from game.engine.records import OperationRecord, TrustChange, TurnReport
from game.engine.resolve import resolve, seed_turn
from game.engine.scoring import STABILITY_LABELS, scores, stability_terms
from game.engine.state import GameState, state_hash
from game.engine.trust import STANDING_LABELS, standing_terms, trust_matrix
from game.engine.types import NOBODY, OFFENSE, STATS, Level, NationId, Posture
from game.ui.panels.wording import (
    SEEN_TAGS,
    Names,
    answers_text,
    choice_labels,
    order_text,
    seen_by,
)

#: Score parts in the order they are shown.
SCORE_PARTS: tuple[str, ...] = ("security", "prosperity", "influence", "objectives")

#: How an operation was attributed, from the victim's side.
UNDETECTED = "undetected"  # nobody noticed it
UNATTRIBUTED = "unattributed"  # noticed, but nobody was blamed
CORRECT = "correct"  # the true attacker (or "an unknown actor") was blamed
MISATTRIBUTED = "misattributed"  # an innocent nation was blamed

#: Diplomatic happenings that break or leave an agreement.
TREATY_BREAKS: tuple[str, ...] = (
    "cheating_exposed",
    "norm_withdrawn",
    "arms_withdrawn",
    "alliance_left",
)
#: Diplomatic happenings that put a treaty into force.
TREATIES_IN_FORCE: tuple[str, ...] = ("norm_in_force", "arms_in_force")


class DebriefError(ValueError):
    """The game cannot be debriefed (its history does not replay)."""


@dataclass(frozen=True, slots=True)
class NationInfo:
    """A nation as the debrief names and draws it."""

    id: NationId
    name: str
    colour: str  # "#RRGGBB"
    controller: str  # human | ai (as seated at the end)
    personality: str


@dataclass(frozen=True, slots=True)
class Incident:
    """One covert operation as it really happened.

    ``attacker`` is None for an unknown actor (a scripted non-state group); ``blamed``
    is None when nobody was blamed (see ``attribution``).
    """

    id: int
    turn: int
    kind: str  # espionage | sabotage | disinformation
    attacker: NationId | None
    target: NationId
    success: bool
    detected: bool
    blamed: NationId | None
    attribution: str  # undetected | unattributed | correct | misattributed
    correct: bool  # the engine's flag: the victim blamed the true attacker
    corrected_by_hotline: bool
    scripted: bool
    damage: Mapping[str, float]
    norms_broken: tuple[str, ...]
    exposed_cheating: tuple[str, ...]
    #: the victim had a hotline with the nation it blamed (or, if nobody, with the attacker)
    hotline: bool

    @property
    def misattributed(self) -> bool:
        return self.attribution == MISATTRIBUTED


@dataclass(frozen=True, slots=True)
class Happening:
    """A diplomatic happening (talks, a treaty in force, a withdrawal, a sanction, ...)."""

    turn: int
    kind: str
    actors: tuple[NationId, ...]
    subject: str | None
    text: str
    public: bool


@dataclass(frozen=True, slots=True)
class Escalation:
    """Two nations moved on the escalation ladder (levels: calm, friction, crisis, conflict)."""

    turn: int
    a: NationId
    b: NationId
    before: str
    after: str
    tension: float

    @property
    def rising(self) -> bool:
        return Level[self.after.upper()] > Level[self.before.upper()]


@dataclass(frozen=True, slots=True)
class EventFired:
    turn: int
    event: str
    title: str
    injected: bool  # fired by the facilitator


@dataclass(frozen=True, slots=True)
class ChoiceMade:
    turn: int
    event: str
    nation: NationId
    option: str
    label: str  # the option's label as the scenario words it
    title: str  # the event's title
    defaulted: bool  # the nation did not answer; the default was taken


@dataclass(frozen=True, slots=True)
class Decision:
    """One order an AI nation gave, with the one-line reason it gave for it."""

    turn: int
    nation: NationId
    kind: str  # the order's kind: "denounce", "invest", "answer", ...
    #: "action" (a slot action), "answer" (to a proposal), "choice" (an event's) or
    #: "budget" (posture and investment)
    group: str
    action: str  # how the order reads: "Denounce Borealis", "Invest: defense 2"
    reason: str
    #: who saw it during the game: "everyone", "the other party" (an offer, intelligence
    #: shared, a refusal) or "nobody" (covert operations and budgets)
    seen_by: str

    @property
    def tag(self) -> str | None:
        """How the move is marked where not everyone saw it: "private" or "secret"."""
        return SEEN_TAGS.get(self.seen_by)


@dataclass(frozen=True, slots=True)
class FacilitatorEntry:
    turn: int
    action: str
    note: str


@dataclass(frozen=True, slots=True)
class TrustShift:
    """A named change in trust toward ``to`` during one turn.

    ``audience`` says who feels it: None for ``frm`` alone; "everyone" for every nation
    (but ``to``, and ``frm`` when set); a norm id for that norm's signatories (but ``frm``).
    """

    frm: NationId | None
    to: NationId
    value: float
    reason: str
    audience: str | None = None


@dataclass(frozen=True, slots=True)
class Standing:
    """A nation's place in the final ranking, with its score breakdown."""

    place: int
    nation: NationId
    score: float
    security: float
    prosperity: float
    influence: float
    objectives: float | None  # None when the nation has no objectives
    objectives_met: tuple[str, ...]
    winner: bool


@dataclass(frozen=True, slots=True)
class FinalResult:
    outcome: str  # completed | collapse | ended by facilitator | in progress
    headline: str
    winners: tuple[NationId, ...]
    ranking: tuple[Standing, ...]
    shared_goal_met: bool | None
    stability: float
    turns_played: int
    last_turn: int


@dataclass(frozen=True, eq=False)
class Debrief:
    """Everything the debrief shows, revealed (the facilitator's omniscient view).

    Arrays have one row per turn, row 0 being the start: ``turns[k] == k``.
    """

    scenario_id: str
    title: str
    summary: str
    learning_objectives: tuple[str, ...]
    seed: int
    saved_at: str
    nations: tuple[NationInfo, ...]
    norms: Mapping[str, str]  # id -> name
    agreements: Mapping[str, str]  # id -> name
    agreement_caps: Mapping[str, float]  # id -> offense cap
    collapse_threshold: float
    turns: np.ndarray  # (T+1,) int
    stability: np.ndarray  # (T+1,)
    stability_terms: Mapping[str, np.ndarray]  # term -> (T+1,), each 0-1
    stability_weights: Mapping[str, float]
    scores: np.ndarray  # (T+1, n)
    score_parts: Mapping[str, np.ndarray]  # part -> (T+1, n); objectives NaN when none
    stats: np.ndarray  # (T+1, n, 6), columns in STATS order
    posture: np.ndarray  # (T+1, n) int, Posture
    trust: np.ndarray  # (T+1, n, n): row nation's trust in column nation
    level: np.ndarray  # (T+1, n, n) int, Level
    hotline: np.ndarray  # (T+1, n, n) bool
    norm_in_force: np.ndarray  # (T+1, norms) bool
    norm_signed: np.ndarray  # (T+1, norms, n) bool
    arms_in_force: np.ndarray  # (T+1, agreements) bool
    incidents: tuple[Incident, ...]
    happenings: tuple[Happening, ...]
    escalations: tuple[Escalation, ...]
    events: tuple[EventFired, ...]
    choices: tuple[ChoiceMade, ...]
    facilitator_log: tuple[FacilitatorEntry, ...]
    #: per played turn (index turn - 1): the named trust changes, with their audiences
    trust_shifts: tuple[tuple[TrustShift, ...], ...]
    #: per nation: how many diplomatic orders it gave during the game
    diplomatic_orders: Mapping[NationId, int]
    #: every order an AI nation gave, with its reason, in turn order
    decisions: tuple[Decision, ...]
    result: FinalResult
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ lookups

    @property
    def turns_played(self) -> int:
        return int(self.turns[-1])

    @property
    def ids(self) -> tuple[NationId, ...]:
        return tuple(n.id for n in self.nations)

    def index(self, nation: NationId) -> int:
        return self._index[nation]

    def name(self, nation: NationId | None) -> str:
        """A nation's name; "an unknown actor" for None."""
        if nation is None:
            return "an unknown actor"
        return self.nations[self._index[nation]].name

    def term_label(self, term: str) -> str:
        return STABILITY_LABELS.get(term, term)

    def stability_points(self, term: str) -> np.ndarray:
        """(T+1,) points of stability (0-100) that ``term`` contributes each turn."""
        total = sum(self.stability_weights.values())
        return 100.0 * self.stability_weights[term] * self.stability_terms[term] / total

    @property
    def offense(self) -> np.ndarray:
        """(T+1, n) offense stockpiles."""
        return self.stats[:, :, OFFENSE]

    def trust_at(self, turn: int) -> np.ndarray:
        """The (n, n) trust matrix at the end of ``turn`` (0 = the start)."""
        return self.trust[turn]

    def postures_at(self, turn: int) -> tuple[str, ...]:
        return tuple(Posture(int(p)).label for p in self.posture[turn])

    def incidents_in(self, turn: int) -> tuple[Incident, ...]:
        return tuple(r for r in self.incidents if r.turn == turn)

    def trust_reasons(self, turn: int, frm: NationId, to: NationId) -> list[tuple[str, float]]:
        """Named reasons ``frm``'s trust in ``to`` changed during ``turn``, most negative first
        (modifiers with the same reason are summed)."""
        if not 1 <= turn <= len(self.trust_shifts):
            return []
        summed: dict[str, float] = {}
        for shift in self.trust_shifts[turn - 1]:
            if shift.to == to and self.feels(turn, shift, frm):
                summed[shift.reason] = summed.get(shift.reason, 0.0) + shift.value
        return sorted(summed.items(), key=lambda kv: (kv[1], kv[0]))

    def feels(self, turn: int, shift: TrustShift, nation: NationId) -> bool:
        """Whether ``nation`` feels ``shift`` (made during ``turn``)."""
        if nation == shift.to:
            return False
        if shift.audience is None:
            return nation == shift.frm
        if nation == shift.frm:
            return False
        if shift.audience == "everyone":
            return True
        k = list(self.norms).index(shift.audience)
        return bool(self.norm_signed[turn, k, self._index[nation]])

    def counts(self) -> dict[str, int]:
        """Headline counts for the summary."""
        kinds = [h.kind for h in self.happenings]
        return {
            "incidents": len(self.incidents),
            "successful": sum(r.success for r in self.incidents),
            "detected": sum(r.detected for r in self.incidents),
            "misattributed": sum(r.misattributed for r in self.incidents),
            "corrected_by_hotline": sum(r.corrected_by_hotline for r in self.incidents),
            "norms_broken": sum(len(r.norms_broken) for r in self.incidents),
            "escalations": sum(
                1 for e in self.escalations if e.rising and Level[e.after.upper()] >= Level.CRISIS
            ),
            "treaties": sum(kinds.count(k) for k in TREATIES_IN_FORCE),
            "treaties_broken": sum(kinds.count(k) for k in TREATY_BREAKS),
            "hotlines": kinds.count("hotline"),
            "talks": kinds.count("talks"),
            "events": len(self.events),
            "facilitator_actions": len(self.facilitator_log),
        }


# --------------------------------------------------------------------------- building


@dataclass
class _Series:
    """Rows collected during the replay, one per snapshot."""

    stability: list[float] = field(default_factory=list)
    terms: list[dict[str, float]] = field(default_factory=list)
    scores: list[list[float]] = field(default_factory=list)
    parts: list[list[list[float]]] = field(default_factory=list)
    stats: list[np.ndarray] = field(default_factory=list)
    posture: list[np.ndarray] = field(default_factory=list)
    trust: list[np.ndarray] = field(default_factory=list)
    level: list[np.ndarray] = field(default_factory=list)
    hotline: list[np.ndarray] = field(default_factory=list)
    norm_in_force: list[np.ndarray] = field(default_factory=list)
    norm_signed: list[np.ndarray] = field(default_factory=list)
    arms_in_force: list[np.ndarray] = field(default_factory=list)

    def add(self, state: GameState, trust: np.ndarray, breakdown: Any, score_list: Any) -> None:
        self.stability.append(float(breakdown.total))
        self.terms.append(dict(breakdown.terms))
        self.scores.append([s.total for s in score_list])
        self.parts.append(
            [
                [s.security for s in score_list],
                [s.prosperity for s in score_list],
                [s.influence for s in score_list],
                [np.nan if s.objectives is None else s.objectives for s in score_list],
            ]
        )
        self.stats.append(state.stats.copy())
        self.posture.append(state.posture.copy())
        self.trust.append(trust)
        self.level.append(state.level.copy())
        self.hotline.append(state.hotline.copy())
        self.norm_in_force.append(state.norm_in_force.copy())
        self.norm_signed.append(state.norm_signed.copy())
        self.arms_in_force.append(state.arms_in_force.copy())


def build(game: Game) -> Debrief:
    """The debrief of ``game`` (finished or not), from one replay of its history.

    Raises DebriefError if the replay does not reproduce the recorded final state.
    """
    world = game.initial.world
    ids = world.ids
    series = _Series()
    state = game.initial
    trust = trust_matrix(state)
    series.add(state, trust, stability_terms(state, trust), scores(state, trust))
    terms_before = standing_terms(state)
    shifts: list[tuple[TrustShift, ...]] = []
    decisions: list[Decision] = []
    labels = choice_labels(game.scenario)
    for record in game.history:
        for k, intervention in enumerate(record.interventions):
            state = apply_intervention(state, intervention, k)
        decisions += turn_decisions(game, record, state, labels)
        state, _ = resolve(state, record.orders, seed_turn(game.seed, record.turn), detail=False)
        trust = trust_matrix(state)
        report = record.report
        series.add(state, trust, report.stability, report.scores)
        terms_now = standing_terms(state)
        shifts.append(_trust_shifts(state, report.trust_changes, terms_before, terms_now))
        terms_before = terms_now
    if game.history and state_hash(state) != game.history[-1].hash:
        raise DebriefError("the game's history does not replay to its recorded state")

    reports = [record.report for record in game.history]
    hotline = np.array(series.hotline)
    weights = (
        dict(reports[-1].stability.weights)
        if reports
        else dict(stability_terms(game.initial).weights)
    )
    term_names = list(weights)
    index = {nid: i for i, nid in enumerate(ids)}
    parts = np.array(series.parts)  # (T+1, 4, n)
    return Debrief(
        scenario_id=game.scenario.id,
        title=game.scenario.title,
        summary=game.scenario.summary,
        learning_objectives=tuple(game.scenario.learning_objectives),
        seed=game.seed,
        saved_at=str(game.meta.get("saved_at", "") or ""),
        nations=tuple(
            NationInfo(
                nid,
                world.names[i],
                world.colours[i],
                game.seats[nid].controller,
                game.seats[nid].personality,
            )
            for i, nid in enumerate(ids)
        ),
        norms={nid: world.norm_name(k) for k, nid in enumerate(world.norm_ids)},
        agreements={aid: world.agreement_name(k) for k, aid in enumerate(world.agreement_ids)},
        agreement_caps={aid: float(world.arms_cap[k]) for k, aid in enumerate(world.agreement_ids)},
        collapse_threshold=float(game.scenario.scoring.collapse_threshold),
        turns=np.arange(len(series.stability)),
        stability=np.array(series.stability),
        stability_terms={t: np.array([row[t] for row in series.terms]) for t in term_names},
        stability_weights=weights,
        scores=np.array(series.scores),
        score_parts={name: parts[:, k, :] for k, name in enumerate(SCORE_PARTS)},
        stats=np.array(series.stats),
        posture=np.array(series.posture),
        trust=np.array(series.trust),
        level=np.array(series.level),
        hotline=hotline,
        norm_in_force=np.array(series.norm_in_force),
        norm_signed=np.array(series.norm_signed).reshape(
            len(series.norm_signed), len(world.norm_ids), world.n
        ),
        arms_in_force=np.array(series.arms_in_force),
        incidents=tuple(
            _incident(r, ids, hotline[r.turn] if r.turn < len(hotline) else hotline[-1])
            for report in reports
            for r in report.operations
        ),
        happenings=tuple(_happening(d, ids) for report in reports for d in report.diplomacy),
        escalations=tuple(
            Escalation(
                e.turn,
                ids[e.a],
                ids[e.b],
                Level(e.before).label,
                Level(e.after).label,
                float(e.tension),
            )
            for report in reports
            for e in report.escalations
        ),
        events=tuple(
            EventFired(e.turn, e.event, e.title, e.injected)
            for report in reports
            for e in report.events
        ),
        choices=tuple(_choice(game, c) for report in reports for c in report.choices),
        facilitator_log=tuple(
            FacilitatorEntry(
                int(x.get("turn", 0)), str(x.get("action", "")), str(x.get("note", "") or "")
            )
            for x in game.facilitator_log
        ),
        trust_shifts=tuple(shifts),
        diplomatic_orders=_diplomatic_orders(game),
        decisions=tuple(decisions),
        result=_final(game, reports),
        _index=index,
    )


def _incident(r: OperationRecord, ids: tuple[str, ...], hotline: np.ndarray) -> Incident:
    attacker = ids[r.attacker] if r.attacker >= 0 else None
    if not r.detected or r.blamed is None:
        attribution, blamed = UNDETECTED, None
    elif r.correct:
        attribution = CORRECT
        blamed = ids[r.blamed] if r.blamed >= 0 else None
    elif r.blamed == NOBODY:
        attribution, blamed = UNATTRIBUTED, None
    else:
        attribution, blamed = MISATTRIBUTED, ids[r.blamed]
    other = r.blamed if r.blamed is not None and r.blamed >= 0 else r.attacker
    return Incident(
        id=r.id,
        turn=r.turn,
        kind=r.kind,
        attacker=attacker,
        target=ids[r.target],
        success=r.success,
        detected=r.detected,
        blamed=blamed,
        attribution=attribution,
        correct=r.correct,
        corrected_by_hotline=r.corrected_by_hotline,
        scripted=r.scripted,
        damage=dict(r.damage),
        norms_broken=tuple(r.norms_broken),
        exposed_cheating=tuple(r.exposed_cheating),
        hotline=bool(other >= 0 and hotline[r.target, other]),
    )


def _happening(d: Any, ids: tuple[str, ...]) -> Happening:
    return Happening(
        d.turn,
        d.kind,
        tuple(ids[a] for a in d.actors if 0 <= a < len(ids)),
        d.subject,
        d.text,
        d.public,
    )


def turn_decisions(
    game: Game, record: TurnRecord, state: GameState, labels: dict[tuple[str, str], str]
) -> list[Decision]:
    """The AI nations' orders of one turn with their reasons, worded against ``state``,
    the state they were given in (its proposals and alliances)."""
    world = state.world
    names = Names(
        world.ids,
        world.names,
        {nid: world.norm_name(k) for k, nid in enumerate(world.norm_ids)},
        {aid: world.agreement_name(k) for k, aid in enumerate(world.agreement_ids)},
        {a.id: a.name for a in state.alliances},
    )
    by_id = {p.id: p for p in state.proposals}
    out = []
    for nid in world.ids:  # (nations in the scenario's order, orders as given)
        if record.played_by(nid, game.seats) != "ai":
            continue
        given = [o for o in record.orders.get(nid, ()) if o.reason]
        # Calls from several nations to sign one treaty, answered alike, read as one
        # answer (each proposer still got its own; see answers_text).
        alike: dict[tuple[object, ...], list[Answer]] = {}
        for order in given:
            p = by_id.get(order.proposal) if isinstance(order, Answer) else None
            if isinstance(order, Answer) and p is not None and p.kind in ("norm", "arms_control"):
                alike.setdefault(_alike(order, p), []).append(order)
        told: set[int] = set()
        for order in given:
            if isinstance(order, Answer):
                if order.proposal in told:
                    continue
                p = by_id.get(order.proposal)
                group_of = alike.get(_alike(order, p), [order]) if p else [order]
                told.update(o.proposal for o in group_of)
                action = answers_text(group_of, state.proposals, names)
                group = "answer"
            else:
                group = (
                    "choice"
                    if isinstance(order, Choose)
                    else ("action" if order.uses_slot else "budget")
                )
                action = order_text(order, names, state.proposals, labels)
            out.append(
                Decision(record.turn, nid, order.kind, group, action, order.reason, seen_by(order))
            )
    return out


def _alike(answer: Answer, p: Any) -> tuple[object, ...]:
    """What answers to treaty calls share when they read as one (see turn_decisions)."""
    return (answer.accept, p.kind, p.subject, answer.reason)


def _choice(game: Game, c: Any) -> ChoiceMade:
    label, title = c.option, c.event
    try:
        event = game.state.world.event(c.event)
        choice, title = event.choice, event.title
    except KeyError:
        choice = None
    if choice is not None:
        for option in choice.options:
            if option.id == c.option:
                label = option.label
    return ChoiceMade(c.turn, c.event, game.ids[c.nation], c.option, label, title, c.defaulted)


def _trust_shifts(
    state: GameState,
    changes: tuple[TrustChange, ...],
    before: dict[str, np.ndarray],
    after: dict[str, np.ndarray],
) -> tuple[TrustShift, ...]:
    """The turn's named trust changes, plus changes of the standing terms (a posture
    turned offensive, an alliance ended, ...) as single-observer shifts."""
    world = state.world
    ids = world.ids
    out: list[TrustShift] = []
    for change in changes:
        if not 0 <= change.to < world.n:
            continue
        frm = ids[change.frm] if 0 <= change.frm < world.n else None
        if change.audience == -1:
            if frm is not None and change.frm != change.to:
                out.append(TrustShift(frm, ids[change.to], change.value, change.reason))
            continue
        audience = "everyone" if change.audience == -2 else world.norm_ids[change.audience]
        out.append(TrustShift(frm, ids[change.to], change.value, change.reason, audience))
    for name, now in after.items():
        was = before.get(name)
        delta = now - was if was is not None else now
        label = STANDING_LABELS.get(name, name)
        for i, j in zip(*np.nonzero(np.abs(delta) >= 0.5), strict=True):
            out.append(
                TrustShift(ids[int(i)], ids[int(j)], float(delta[i, j]), f"{label} (standing term)")
            )
    return tuple(out)


def _diplomatic_orders(game: Game) -> dict[NationId, int]:
    counts = dict.fromkeys(game.ids, 0)
    for record in game.history:
        for nid, orders in record.orders.items():
            counts[nid] += sum(1 for o in orders if getattr(o, "diplomatic", False))
    return counts


def _final(game: Game, reports: list[TurnReport]) -> FinalResult:
    result = game.result()
    ids = game.ids
    names = game.state.world.names
    turns_played = len(reports)
    if game.over:
        headline = result.headline(names)
    else:
        leader = names[result.ranking[0]]
        headline = (
            f"In progress after turn {turns_played} of {game.state.last_turn}: {leader} leads."
        )
    ranking = tuple(
        Standing(
            place,
            ids[i],
            s.total,
            s.security,
            s.prosperity,
            s.influence,
            s.objectives,
            tuple(s.objectives_met),
            i in result.winners and game.over,
        )
        for place, i in enumerate(result.ranking, start=1)
        for s in [result.scores[i]]
    )
    return FinalResult(
        outcome=result.outcome,
        headline=headline,
        winners=tuple(ids[i] for i in result.winners) if game.over else (),
        ranking=ranking,
        shared_goal_met=result.shared_goal_met,
        stability=float(game.state.stability),
        turns_played=turns_played,
        last_turn=int(game.state.last_turn),
    )


__all__ = [
    "CORRECT",
    "MISATTRIBUTED",
    "SCORE_PARTS",
    "STATS",
    "UNATTRIBUTED",
    "UNDETECTED",
    "ChoiceMade",
    "Debrief",
    "DebriefError",
    "Escalation",
    "EventFired",
    "FacilitatorEntry",
    "FinalResult",
    "Happening",
    "Incident",
    "NationInfo",
    "Standing",
    "TrustShift",
    "build",
]

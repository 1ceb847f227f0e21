"""What happened in a turn: the true record, and what each nation saw of it.

Records are frozen dataclasses of plain values (ints, floats, strings, tuples), so a
report can be turned into JSON with :func:`dataclasses.asdict`.

Nation fields hold indices into the world's nation list; ``NOBODY`` (-1) is an unknown
actor. ``blamed`` is ``None`` for an operation nobody detected.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.engine.scoring import ScoreBreakdown, StabilityBreakdown


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class OperationRecord:
    """One covert operation, as it really happened. Never changed once made — not even
    its ``damage`` dict in place (its JSON is cached for the state hash): make a new
    record with ``dataclasses.replace`` instead."""

    id: int
    turn: int
    kind: str  # espionage | sabotage | disinformation
    attacker: int  # NOBODY for an unknown actor
    target: int
    success: bool
    detected: bool
    blamed: int | None  # who the victim blames: a nation, NOBODY (unknown) or None (undetected)
    correct: bool  # the victim blames the true attacker (or "unknown" for an unknown actor)
    corrected_by_hotline: bool
    scripted: bool  # staged by a scenario event
    damage: dict[str, float] = field(default_factory=dict)  # stat -> change on the target
    first_blamed: int | None = None  # who was blamed before a hotline call cleared them
    norms_broken: tuple[str, ...] = ()
    exposed_cheating: tuple[str, ...] = ()  # agreements whose cheating this spy exposed
    #: the record's canonical JSON, computed once (the record never changes)
    _json: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def misattributed(self) -> bool:
        return self.detected and self.blamed is not None and not self.correct and self.blamed >= 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "turn": self.turn,
            "kind": self.kind,
            "attacker": self.attacker,
            "target": self.target,
            "success": self.success,
            "detected": self.detected,
            "blamed": self.blamed,
            "correct": self.correct,
            "corrected_by_hotline": self.corrected_by_hotline,
            "scripted": self.scripted,
            "damage": dict(self.damage),
            "norms_broken": list(self.norms_broken),
            "exposed_cheating": list(self.exposed_cheating),
            "first_blamed": self.first_blamed,
        }

    def canonical_json(self) -> str:
        """``to_dict`` as compact JSON with sorted keys (cached: hashed every turn)."""
        if self._json is None:
            text = _ENCODER.encode(self.to_dict())
            object.__setattr__(self, "_json", text)
        return self._json  # type: ignore[return-value]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OperationRecord:
        return cls(
            id=int(data["id"]),
            turn=int(data["turn"]),
            kind=str(data["kind"]),
            attacker=int(data["attacker"]),
            target=int(data["target"]),
            success=bool(data["success"]),
            detected=bool(data["detected"]),
            blamed=None if data["blamed"] is None else int(data["blamed"]),
            correct=bool(data["correct"]),
            corrected_by_hotline=bool(data["corrected_by_hotline"]),
            scripted=bool(data["scripted"]),
            damage={str(k): float(v) for k, v in data["damage"].items()},
            norms_broken=tuple(str(x) for x in data["norms_broken"]),
            exposed_cheating=tuple(str(x) for x in data["exposed_cheating"]),
            first_blamed=None if data.get("first_blamed") is None else int(data["first_blamed"]),
        )


@dataclass(frozen=True, slots=True)
class DiplomacyRecord:
    """A diplomatic happening: talks, a treaty coming into force, a sanction, ..."""

    turn: int
    kind: str
    actors: tuple[int, ...]
    subject: str | None
    text: str
    public: bool = True


@dataclass(frozen=True, slots=True)
class EscalationRecord:
    """Two nations moved up (or down) the escalation ladder."""

    turn: int
    a: int
    b: int
    before: int
    after: int
    tension: float


@dataclass(frozen=True, slots=True)
class NewsItem:
    """A headline; ``to`` is None for everyone, or the nations that see it."""

    turn: int
    text: str
    category: str  # diplomacy | incident | event | escalation | treaty | facilitator
    to: tuple[int, ...] | None = None

    def visible_to(self, nation: int) -> bool:
        return self.to is None or nation in self.to


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A scripted event that fired."""

    turn: int
    event: str
    title: str
    injected: bool = False


@dataclass(frozen=True, slots=True)
class ChoiceRecord:
    """How a nation answered an event's choice."""

    turn: int
    event: str
    nation: int
    option: str
    defaulted: bool


@dataclass(frozen=True, slots=True)
class TrustChange:
    """A named change in trust toward ``to`` during the turn.

    ``audience`` says who feels it: -1 only ``frm``; -2 everyone but ``to`` (and but
    ``frm`` when it is >= 0); k >= 0 the signatories of norm k (but ``frm``).
    """

    frm: int
    to: int
    value: float
    reason: str
    audience: int = -1

    def felt_by(self, nation: int, norm_signed: Any) -> bool:
        if nation == self.to:
            return False
        if self.audience == -1:
            return nation == self.frm
        if nation == self.frm:
            return False
        return self.audience == -2 or bool(norm_signed[self.audience, nation])


@dataclass(frozen=True, slots=True)
class IncidentSeen:
    """An operation as one nation knows it."""

    id: int
    turn: int
    kind: str
    role: str  # victim | attacker
    other: int | None  # victim: who we blame (NOBODY = unknown); attacker: the target
    success: bool | None  # known to the attacker; to a victim when it noticed the damage
    corrected_by_hotline: bool = False


@dataclass(frozen=True, slots=True)
class NationReport:
    """What one nation saw this turn (its fog of war applied)."""

    nation: int
    turn: int
    news: tuple[NewsItem, ...]
    incidents: tuple[IncidentSeen, ...]
    trust_changes: tuple[TrustChange, ...]  # our trust toward others, with reasons
    stat_changes: dict[str, float]
    unexplained: tuple[str, ...]  # damage we suffered without detecting its cause
    proposals_received: tuple[int, ...]  # proposal ids we can answer next turn
    choices_pending: tuple[str, ...]  # event ids waiting for our answer
    score: float
    rank: int


@dataclass(frozen=True, slots=True)
class TurnReport:
    """The true record of a turn, and each nation's view of it."""

    turn: int
    operations: tuple[OperationRecord, ...]
    diplomacy: tuple[DiplomacyRecord, ...]
    escalations: tuple[EscalationRecord, ...]
    events: tuple[EventRecord, ...]
    choices: tuple[ChoiceRecord, ...]
    news: tuple[NewsItem, ...]
    trust_changes: tuple[TrustChange, ...]
    stability: StabilityBreakdown
    scores: tuple[ScoreBreakdown, ...]
    nations: tuple[NationReport, ...]
    state_hash: str
    over: bool
    outcome: str

    def for_nation(self, nation: int) -> NationReport:
        return self.nations[nation]

"""The whole game state: numpy arrays over nations and pairs, plus a few small records.

A :class:`GameState` is only ever *made* by :func:`initial_state` and by
:func:`game.engine.resolve.resolve` (which works on a copy). Everything in it
serialises to JSON (:meth:`GameState.to_dict`) and hashes stably (:func:`state_hash`).

Conventions: ``turn`` is the number of the next turn to be played (1 before the first);
pair arrays are indexed ``[i, j]`` = "i toward j"; symmetric ones (tension, hotline)
are kept symmetric.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from game.engine.records import OperationRecord
from game.engine.rules import RULES
from game.engine.trust import Ledger
from game.engine.types import Level, Posture
from game.engine.world import World
from game.scenario.models import Scenario

#: "never" for turn-stamped arrays (e.g. the last time i spied on j)
NEVER = -1000


@dataclass(frozen=True, slots=True)
class AllianceState:
    """A named bloc and its members (indices, sorted)."""

    id: str
    name: str
    members: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Proposal:
    """A diplomatic offer waiting for an answer.

    ``kind`` is talks-free: hotline, alliance, norm, arms_control or intel_sharing.
    ``subject`` names the alliance, norm or agreement where there is one.
    """

    id: int
    kind: str
    frm: int
    to: int
    subject: str | None
    turn: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "frm": self.frm,
            "to": self.to,
            "subject": self.subject,
            "turn": self.turn,
        }


#: ``Proposal.to`` of a call addressed to every nation (tabling a norm or an agreement).
EVERY_NATION = -1


def answerable(state: GameState, proposal: Proposal, nation: int) -> bool:
    """Whether ``nation`` may answer ``proposal`` in the turn ``state.turn``."""
    if proposal.turn >= state.turn or proposal.frm == nation:
        return False
    if proposal.to == EVERY_NATION:
        world = state.world
        if proposal.kind == "norm" and proposal.subject in world.norm_ids:
            return not bool(state.norm_signed[world.norm_ids.index(proposal.subject), nation])
        if proposal.kind == "arms_control" and proposal.subject in world.agreement_ids:
            return not bool(state.arms_party[world.agreement_ids.index(proposal.subject), nation])
        return True
    return proposal.to == nation


def proposals_for(state: GameState, nation: int) -> tuple[Proposal, ...]:
    """The proposals ``nation`` may answer this turn."""
    return tuple(p for p in state.proposals if answerable(state, p, nation))


@dataclass(frozen=True, slots=True)
class PendingChoice:
    """An event's choice waiting for ``nation`` to answer."""

    event: str
    nation: int
    turn: int


@dataclass(frozen=True, slots=True)
class Carried:
    """Records made between turns (by facilitator interventions), shown in the next report.

    Transient: not serialised, rebuilt when the interventions are replayed.
    """

    news: tuple[Any, ...] = ()
    operations: tuple[OperationRecord, ...] = ()
    events: tuple[Any, ...] = ()
    diplomacy: tuple[Any, ...] = ()
    trust_changes: tuple[Any, ...] = ()
    escalations: tuple[Any, ...] = ()
    choices: tuple[Any, ...] = ()

    def extended(self, ctx: Any) -> Carried:
        return Carried(
            news=(*self.news, *ctx.news),
            operations=(*self.operations, *ctx.operations),
            events=(*self.events, *ctx.events),
            diplomacy=(*self.diplomacy, *ctx.diplomacy),
            trust_changes=(*self.trust_changes, *ctx.trust_changes),
            escalations=(*self.escalations, *ctx.escalations),
            choices=(*self.choices, *ctx.choices),
        )


@dataclass(eq=False)
class GameState:
    """Everything that changes during a game (see the module docstring for conventions)."""

    world: World
    seed: int
    turn: int
    last_turn: int
    stats: np.ndarray  # (n, 6) float64, 0-100
    posture: np.ndarray  # (n,) int8, Posture
    trust_base: np.ndarray  # (n, n) float64
    ledger: Ledger
    tension: np.ndarray  # (n, n) float64, symmetric
    level: np.ndarray  # (n, n) int8, Level, symmetric
    hotline: np.ndarray  # (n, n) bool, symmetric
    alliances: tuple[AllianceState, ...]
    norm_signed: np.ndarray  # (norms, n) bool
    norm_in_force: np.ndarray  # (norms,) bool
    norm_tabled: np.ndarray  # (norms,) bool: proposed by someone, open for endorsement
    arms_party: np.ndarray  # (agreements, n) bool
    arms_in_force: np.ndarray  # (agreements,) bool
    arms_tabled: np.ndarray  # (agreements,) bool
    arms_exposed: np.ndarray  # (agreements, n) bool: caught cheating
    credibility: np.ndarray  # (n,) float64, 0-1
    intel_turn: np.ndarray  # (n, n) int32: last turn i had fresh intel on j
    shared_intel: np.ndarray  # (n,) int16: turns left of a partner's shared intel
    sanctions: np.ndarray  # (n, n) int16: turns left of sanctions from i on j
    recent_incidents: np.ndarray  # (n,) float64: decaying count of incidents suffered
    arms_cheating: np.ndarray  # (agreements, n) bool: invested past the cap, not yet exposed
    incident_log: tuple[OperationRecord, ...] = ()  # operations of the last few turns
    proposals: tuple[Proposal, ...] = ()
    next_proposal: int = 0
    next_incident: int = 0
    pending_choices: tuple[PendingChoice, ...] = ()
    events_fired: dict[str, int] = field(default_factory=dict)
    stability: float = 50.0
    low_stability_turns: int = 0
    over: bool = False
    outcome: str = ""  # "", "completed", "collapse", "ended by facilitator"
    carried: Carried = field(default_factory=Carried)

    # ------------------------------------------------------------------ derived

    def allied_matrix(self) -> np.ndarray:
        """(n, n) bool: i and j share at least one alliance (read-only, shared)."""
        return _allied(self.alliances, self.world.n)

    def alliances_of(self, i: int) -> list[AllianceState]:
        return [a for a in self.alliances if i in a.members]

    def budget(self) -> np.ndarray:
        """(n,) budget points each nation may spend this turn."""
        return RULES.budget_base + RULES.budget_per_economy * self.stats[:, 0]

    def copy(self) -> GameState:
        """A deep copy sharing only the immutable world (and the immutable records)."""
        # A field-by-field copy of the instance dict: ``dataclasses.replace`` would rebuild
        # every field through ``__init__``, which costs more than copying the arrays.
        new = object.__new__(type(self))
        fields = new.__dict__
        fields.update(self.__dict__)
        for name in self._ARRAYS:
            fields[name] = fields[name].copy()
        fields["ledger"] = self.ledger.copy()
        fields["events_fired"] = dict(self.events_fired)
        return new

    # ------------------------------------------------------------------ serialisation

    _ARRAYS = (
        "stats",
        "posture",
        "trust_base",
        "tension",
        "level",
        "hotline",
        "norm_signed",
        "norm_in_force",
        "norm_tabled",
        "arms_party",
        "arms_in_force",
        "arms_tabled",
        "arms_exposed",
        "credibility",
        "intel_turn",
        "shared_intel",
        "sanctions",
        "recent_incidents",
        "arms_cheating",
    )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form of everything but the world (saved separately as the scenario)."""
        out = self._small_parts()
        out["ledger"] = self.ledger.to_dict()
        for name in self._ARRAYS:
            array = getattr(self, name)
            out[name] = {
                "dtype": array.dtype.str,
                "shape": list(array.shape),
                "data": array.ravel().tolist(),
            }
        return out

    def _small_parts(self, *, with_incidents: bool = True) -> dict[str, Any]:
        out = {
            "seed": self.seed,
            "turn": self.turn,
            "last_turn": self.last_turn,
            "alliances": [
                {"id": a.id, "name": a.name, "members": list(a.members)} for a in self.alliances
            ],
            "proposals": [p.to_dict() for p in self.proposals],
            "next_proposal": self.next_proposal,
            "next_incident": self.next_incident,
            "pending_choices": [
                {"event": c.event, "nation": c.nation, "turn": c.turn} for c in self.pending_choices
            ],
            "events_fired": dict(sorted(self.events_fired.items())),
            "stability": self.stability,
            "low_stability_turns": self.low_stability_turns,
            "over": self.over,
            "outcome": self.outcome,
        }
        if with_incidents:
            out["incident_log"] = [r.to_dict() for r in self.incident_log]
        return out

    @classmethod
    def from_dict(cls, world: World, data: dict[str, Any]) -> GameState:
        """Inverse of :meth:`to_dict`; raises KeyError/ValueError/TypeError on bad data."""
        arrays = {}
        for name in cls._ARRAYS:
            spec = data[name]
            array = np.asarray(spec["data"], dtype=np.dtype(spec["dtype"]))
            arrays[name] = array.reshape([int(x) for x in spec["shape"]])
        return cls(
            world=world,
            seed=int(data["seed"]),
            turn=int(data["turn"]),
            last_turn=int(data["last_turn"]),
            ledger=Ledger.from_dict(data["ledger"]),
            alliances=tuple(
                AllianceState(str(a["id"]), str(a["name"]), tuple(int(m) for m in a["members"]))
                for a in data["alliances"]
            ),
            proposals=tuple(
                Proposal(
                    int(p["id"]),
                    str(p["kind"]),
                    int(p["frm"]),
                    int(p["to"]),
                    None if p["subject"] is None else str(p["subject"]),
                    int(p["turn"]),
                )
                for p in data["proposals"]
            ),
            incident_log=tuple(OperationRecord.from_dict(r) for r in data["incident_log"]),
            next_proposal=int(data["next_proposal"]),
            next_incident=int(data["next_incident"]),
            pending_choices=tuple(
                PendingChoice(str(c["event"]), int(c["nation"]), int(c["turn"]))
                for c in data["pending_choices"]
            ),
            events_fired={str(k): int(v) for k, v in data["events_fired"].items()},
            stability=float(data["stability"]),
            low_stability_turns=int(data["low_stability_turns"]),
            over=bool(data["over"]),
            outcome=str(data["outcome"]),
            **arrays,  # type: ignore[arg-type]
        )


@lru_cache(maxsize=256)
def _allied(alliances: tuple[AllianceState, ...], n: int) -> np.ndarray:
    out = np.zeros((n, n), dtype=bool)
    for alliance in alliances:
        m = np.array(alliance.members, dtype=np.int64)
        out[np.ix_(m, m)] = True
    np.fill_diagonal(out, False)
    out.flags.writeable = False
    return out


def state_hash(state: GameState) -> str:
    """SHA-256 over the exact bytes of every part of the state (floats bit for bit)."""
    digest = hashlib.sha256()
    digest.update(state.world.hash.encode())
    for name in GameState._ARRAYS:
        array = np.ascontiguousarray(getattr(state, name))
        digest.update(name.encode())
        digest.update(array.dtype.str.encode())
        digest.update(repr(array.shape).encode())
        digest.update(array.tobytes())
    ledger = state.ledger
    for name, array in ledger.arrays().items():
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(array).tobytes())
    digest.update(_small_parts_json(state).encode())
    return digest.hexdigest()


def _small_parts_json(state: GameState) -> str:
    """``json.dumps(small parts + ledger reasons, sort_keys=True, compact)``, byte for byte,
    with each incident record's JSON taken from its cache (records never change)."""
    rest: dict[str, Any] = state._small_parts(with_incidents=False)
    rest["reasons"] = state.ledger.reasons
    incidents = "[" + ",".join(r.canonical_json() for r in state.incident_log) + "]"
    # The keys sort around "incident_log": encode the two sides and put it between them.
    before = _ENCODER.encode({k: v for k, v in rest.items() if k < "incident_log"})
    after = _ENCODER.encode({k: v for k, v in rest.items() if k > "incident_log"})
    parts = [before[1:-1], f'"incident_log":{incidents}', after[1:-1]]
    return "{" + ",".join(p for p in parts if p) + "}"


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"))


def initial_state(scenario: Scenario, seed: int | None = None) -> GameState:
    """The state before turn 1, from a validated scenario (``seed`` defaults to its own)."""
    world = World(scenario)
    n = world.n
    index = world.index
    rel = scenario.relations
    trust = np.full((n, n), float(rel.default_trust))
    for entry in rel.trust:
        i, j = index[entry.from_], index[entry.to]
        trust[i, j] = entry.value
        if entry.mutual:
            trust[j, i] = entry.value
    np.fill_diagonal(trust, 100.0)
    tension = np.zeros((n, n))
    for t_entry in rel.tension:
        a, b = (index[x] for x in t_entry.between)
        tension[a, b] = tension[b, a] = t_entry.value
    hotline = np.zeros((n, n), dtype=bool)
    for pair in rel.hotlines:
        a, b = (index[x] for x in pair)
        hotline[a, b] = hotline[b, a] = True
    alliances = tuple(
        AllianceState(a.id, a.name, tuple(sorted(index[m] for m in a.members)))
        for a in rel.alliances
    )
    norm_signed = np.zeros((len(world.norm_ids), n), dtype=bool)
    for k, norm in enumerate(scenario.norms):
        for member in norm.signatories:
            norm_signed[k, index[member]] = True
    arms_party = np.zeros((len(world.agreement_ids), n), dtype=bool)
    for k, deal in enumerate(scenario.arms_control):
        for member in deal.parties:
            arms_party[k, index[member]] = True
    norm_in_force = norm_signed.sum(axis=1) >= world.norm_quorum
    arms_in_force = arms_party.sum(axis=1) >= world.arms_min_parties
    state = GameState(
        world=world,
        seed=scenario.seed if seed is None else int(seed),
        turn=1,
        last_turn=scenario.turns,
        stats=world.initial_stats.copy(),
        posture=np.full(n, Posture.BALANCED, dtype=np.int8),
        trust_base=trust,
        ledger=Ledger(),
        tension=tension,
        level=levels_of(tension),
        hotline=hotline,
        alliances=alliances,
        norm_signed=norm_signed,
        norm_in_force=norm_in_force,
        norm_tabled=np.asarray(norm_signed.any(axis=1)),
        arms_party=arms_party,
        arms_in_force=arms_in_force,
        arms_tabled=np.asarray(arms_party.any(axis=1)),
        arms_exposed=np.zeros_like(arms_party),
        credibility=np.full(n, RULES.starting_credibility),
        intel_turn=np.full((n, n), NEVER, dtype=np.int32),
        shared_intel=np.zeros(n, dtype=np.int16),
        sanctions=np.zeros((n, n), dtype=np.int16),
        recent_incidents=np.zeros(n),
        arms_cheating=np.zeros_like(arms_party),
    )
    from game.engine.scoring import stability_terms

    state.stability = stability_terms(state).total
    return state


def levels_of(tension: np.ndarray) -> np.ndarray:
    """Escalation level of every pair from its tension."""
    friction, crisis, conflict = RULES.level_thresholds
    level = np.full(tension.shape, Level.CALM, dtype=np.int8)
    level[tension >= friction] = Level.FRICTION
    level[tension >= crisis] = Level.CRISIS
    level[tension >= conflict] = Level.CONFLICT
    np.fill_diagonal(level, Level.CALM)
    return level

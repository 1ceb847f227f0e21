"""A whole game: the scenario, the seats, the current state and the history of turns.

The history (orders and facilitator interventions per turn, with each turn's state hash)
is what saves, replays, rollback and the debrief are made of: replaying the history from
the initial state reproduces every turn bit for bit.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.engine.interventions import Intervention, apply_intervention, check_new_intervention
from game.engine.legal import (
    LegalOrders,
    SharedContext,
    check_orders,
    context_for,
    legal_orders,
)
from game.engine.orders import IllegalOrder, Order
from game.engine.records import TurnReport
from game.engine.resolve import resolve, seed_turn
from game.engine.scoring import Result, final_result
from game.engine.state import GameState, initial_state, state_hash
from game.engine.views import NationView, PublicInfo, view_for
from game.scenario.models import Scenario
from game.words import possessive


@dataclass(frozen=True, slots=True)
class Seat:
    """Who plays a nation: a human or the AI (with a personality and a difficulty)."""

    controller: str  # human | ai
    personality: str
    difficulty: str
    weights: dict[str, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "controller": self.controller,
            "personality": self.personality,
            "difficulty": self.difficulty,
        }
        if self.weights:
            out["weights"] = dict(self.weights)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Seat:
        controller = str(data["controller"])
        if controller not in ("human", "ai"):
            raise ValueError(f"unknown controller {controller!r}")
        weights = data.get("weights")
        return cls(
            controller,
            str(data["personality"]),
            str(data["difficulty"]),
            {str(k): float(v) for k, v in weights.items()} if weights else None,
        )


def default_seats(scenario: Scenario) -> dict[str, Seat]:
    """Seats as the scenario sets them."""
    seats = {}
    for nation in scenario.nations:
        weights = None
        if nation.ai_weights is not None:
            weights = {k: v for k, v in nation.ai_weights.model_dump().items() if v is not None}
        seats[nation.id] = Seat(
            nation.controller, nation.personality, nation.difficulty, weights or None
        )
    return seats


@dataclass
class TurnRecord:
    """One played turn: what everyone ordered, facilitator interventions before it, the
    report, and the hash of the state it produced."""

    turn: int
    orders: dict[str, tuple[Order, ...]]
    interventions: tuple[Intervention, ...]
    report: TurnReport
    #: who played each nation that turn ("human" or "ai"); seats may change mid-game
    controllers: dict[str, str] = field(default_factory=dict)

    @property
    def hash(self) -> str:
        return self.report.state_hash

    def played_by(self, nation: str, seats: Mapping[str, Seat]) -> str | None:
        """Who played ``nation`` this turn ("human" or "ai"); saves older than the
        per-turn record fall back to the seat as it is now (None if there is none)."""
        seat = seats.get(nation)
        return self.controllers.get(nation, seat.controller if seat is not None else None)


@dataclass
class Game:
    """A game in progress (or finished).

    ``state`` is replaced, never edited in place: a turn, an intervention and a rollback
    each make a new state. Orders are checked on submission against the state object of
    that moment (and checked again when the turn resolves only if the state was replaced
    since), so code that edits ``state`` in place must call :meth:`state_edited` after.
    """

    scenario: Scenario
    seed: int
    seats: dict[str, Seat]
    initial: GameState
    state: GameState
    history: list[TurnRecord] = field(default_factory=list)
    submitted: dict[str, tuple[Order, ...]] = field(default_factory=dict)
    pending_interventions: list[Intervention] = field(default_factory=list)
    #: every facilitator action ever taken, including rollbacks (never truncated)
    facilitator_log: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    #: False for batch simulation: turns skip the per-nation reports and the state hash,
    #: which only the UI, saves and replays read. Such a game cannot be saved.
    full_reports: bool = True
    #: (state, its SharedContext): every nation's submission in a turn checks against it
    _shared: tuple[GameState, SharedContext] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    #: nation -> the state its submitted orders were checked against
    _checked_against: dict[str, GameState] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # ------------------------------------------------------------------ creation

    @classmethod
    def new(
        cls, scenario: Scenario, seed: int | None = None, seats: Mapping[str, Seat] | None = None
    ) -> Game:
        chosen = scenario.seed if seed is None else int(seed)
        start = initial_state(scenario, chosen)
        all_seats = default_seats(scenario)
        if seats:
            unknown = set(seats) - set(all_seats)
            if unknown:
                raise ValueError(f"no such nation(s): {', '.join(sorted(unknown))}")
            all_seats.update(seats)
        return cls(scenario, chosen, all_seats, start, start)

    # ------------------------------------------------------------------ reading

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def ids(self) -> tuple[str, ...]:
        return self.state.world.ids

    def view(self, nation: int | str, shared: PublicInfo | None = None) -> NationView:
        return view_for(self.state, nation, shared=shared)

    def legal(self, nation: int | str) -> LegalOrders:
        i = self.state.world.index[nation] if isinstance(nation, str) else nation
        return legal_orders(context_for(self.state, i))

    def humans(self) -> list[str]:
        return [nid for nid in self.ids if self.seats[nid].controller == "human"]

    def reports(self) -> list[TurnReport]:
        return [record.report for record in self.history]

    def hashes(self) -> list[str]:
        return [record.hash for record in self.history]

    def result(self) -> Result:
        return final_result(self.state)

    # ------------------------------------------------------------------ playing

    def submit(self, nation: str, orders: Sequence[Order]) -> None:
        """Record a nation's orders for this turn (replacing earlier ones); checks legality."""
        if nation not in self.state.world.index:
            raise IllegalOrder(None, f"there is no nation '{nation}'")
        i = self.state.world.index[nation]
        check_orders(context_for(self.state, i, self._shared_context()), list(orders))
        for order in orders:
            if order.nation != nation:
                raise IllegalOrder(order, f"submitted for {nation} but given by {order.nation}")
        self.submitted[nation] = tuple(orders)
        self._checked_against[nation] = self.state

    def state_edited(self) -> None:
        """Forget what was worked out from the current state object (call after editing
        ``state`` in place, as tests do): the shared order context is made again, and
        orders already submitted are checked again when the turn resolves."""
        self._shared = None
        self._checked_against = {}

    def _shared_context(self) -> SharedContext:
        """What every nation's order context shares, made once per state (a new state,
        after a turn or an intervention, gets its own)."""
        if self._shared is None or self._shared[0] is not self.state:
            self._shared = (self.state, SharedContext.of(self.state))
        return self._shared[1]

    def advance(self, orders: Mapping[str, Sequence[Order]] | None = None) -> TurnReport:
        """Resolve the turn with the submitted orders (plus ``orders``); returns its report."""
        if orders:
            for nation, given in orders.items():
                self.submit(nation, given)
        everything = {nid: self.submitted.get(nid, ()) for nid in self.ids}
        # Orders checked on submission against this very state need no second check; an
        # intervention since (a new state) has them checked again.
        checked = all(self._checked_against.get(nid) is self.state for nid in self.submitted)
        new_state, report = resolve(
            self.state,
            everything,
            seed_turn(self.seed, self.state.turn),
            detail=self.full_reports,
            checked=checked,
        )
        self.history.append(
            TurnRecord(
                self.state.turn,
                {k: tuple(v) for k, v in everything.items() if v},
                tuple(self.pending_interventions),
                report,
                {nid: seat.controller for nid, seat in self.seats.items()},
            )
        )
        self.state = new_state
        self.submitted = {}
        self._checked_against = {}
        self.pending_interventions = []
        return report

    def intervene(self, intervention: Intervention, *, note: str = "") -> None:
        """Apply a facilitator intervention now; it is replayed before this turn resolves."""
        check_new_intervention(self.state.world, self.state.turn, intervention)
        self.state = apply_intervention(self.state, intervention, len(self.pending_interventions))
        self.pending_interventions.append(intervention)
        self.facilitator_log.append(
            {
                "turn": self.state.turn,
                "action": intervention.describe(self.state.world),
                "note": note,
            }
        )

    # ------------------------------------------------------------------ history

    # ------------------------------------------------------------------ facilitator

    def set_facilitator_pin(self, pin: str) -> None:
        """Protect the facilitator console with ``pin`` (kept only as a salted hash)."""
        salt = secrets.token_hex(8)
        digest = hashlib.sha256(f"{salt}:{pin}".encode()).hexdigest()
        self.meta["facilitator_pin_hash"] = f"sha256${salt}${digest}"
        self.meta.pop("facilitator_pin", None)

    @property
    def has_facilitator_pin(self) -> bool:
        return bool(self.meta.get("facilitator_pin_hash") or self.meta.get("facilitator_pin"))

    def check_facilitator_pin(self, pin: str) -> bool:
        """Whether ``pin`` opens the facilitator console (True when no PIN was set)."""
        stored = str(self.meta.get("facilitator_pin_hash") or "")
        if stored.count("$") == 2:
            _, salt, digest = stored.split("$")
            candidate = hashlib.sha256(f"{salt}:{pin}".encode()).hexdigest()
            return hmac.compare_digest(candidate, digest)
        legacy = str(self.meta.get("facilitator_pin") or "")
        return hmac.compare_digest(legacy, pin) if legacy else True

    def log_facilitator(self, action: str, note: str = "") -> None:
        """Record a facilitator action that does not change the game (pause, timer...)."""
        self.facilitator_log.append({"turn": self.state.turn, "action": action, "note": note})

    def rollback(self, turn: int, *, note: str = "") -> None:
        """Go back to the start of ``turn`` (1 = the very beginning), replaying exactly."""
        if not 1 <= turn <= self.state.turn:
            raise ValueError(f"can only roll back to turns 1-{self.state.turn}")
        kept = [r for r in self.history if r.turn < turn]
        replayed = replay_history(self.initial, self.seed, kept)
        for old, new in zip(kept, replayed.history, strict=True):
            new.controllers = dict(old.controllers)
        self.state = replayed.state
        self.history = replayed.history
        self.submitted = {}
        self.pending_interventions = []
        self.state_edited()
        self.facilitator_log.append(
            {"turn": turn, "action": f"rolled back to the start of turn {turn}", "note": note}
        )

    def verify(self) -> int | None:
        """Replay the history; the first turn whose hash differs, or None if all match."""
        replayed = replay_history(self.initial, self.seed, self.history, check=False)
        for mine, theirs in zip(self.history, replayed.history, strict=True):
            if mine.hash != theirs.hash:
                return mine.turn
        return None

    def set_seat(
        self, nation: str, seat: Seat, *, by_facilitator: bool = False, note: str = ""
    ) -> None:
        """Change who plays ``nation`` (e.g. hand an absent team's seat to the AI)."""
        if nation not in self.seats:
            raise ValueError(f"there is no nation '{nation}'")
        before = self.seats[nation]
        self.seats[nation] = seat
        if by_facilitator and before != seat:
            who = "the AI" if seat.controller == "ai" else "a human team"
            name = self.state.world.nation_name(self.state.world.index[nation])
            self.facilitator_log.append(
                {
                    "turn": self.state.turn,
                    "action": f"handed {possessive(name)} seat to {who}",
                    "note": note,
                }
            )


@dataclass
class Replayed:
    state: GameState
    history: list[TurnRecord]


class ReplayMismatch(ValueError):
    """A recorded turn does not reproduce its recorded state hash."""

    def __init__(self, turn: int) -> None:
        self.turn = turn
        super().__init__(f"turn {turn} does not replay to its recorded state")


def replay_history(
    initial: GameState,
    seed: int,
    records: Iterable[TurnRecord]
    | Iterable[tuple[int, Mapping[str, Sequence[Order]], Sequence[Intervention], str | None]],
    *,
    check: bool = False,
) -> Replayed:
    """Re-run turns from ``initial``; with ``check``, stop at the first hash mismatch.

    ``records`` are TurnRecords or (turn, orders, interventions, expected hash) tuples.
    """
    state = initial
    history: list[TurnRecord] = []
    for record in records:
        orders: Mapping[str, Sequence[Order]]
        interventions: Sequence[Intervention]
        expected: str | None
        if isinstance(record, TurnRecord):
            turn, orders, interventions, expected = (
                record.turn,
                record.orders,
                record.interventions,
                record.hash,
            )
        else:
            turn, orders, interventions, expected = record
        if turn != state.turn:
            raise ReplayMismatch(turn)
        for k, intervention in enumerate(interventions):
            state = apply_intervention(state, intervention, k)
        state, report = resolve(state, dict(orders), seed_turn(seed, turn))
        if check and expected is not None and report.state_hash != expected:
            raise ReplayMismatch(turn)
        history.append(
            TurnRecord(turn, {k: tuple(v) for k, v in orders.items()}, tuple(interventions), report)
        )
    return Replayed(state, history)


__all__ = ["Game", "ReplayMismatch", "Seat", "TurnRecord", "replay_history", "state_hash"]

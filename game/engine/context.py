"""The working context of one turn's resolution: the state being built and the record.

Each phase of :func:`game.engine.resolve.resolve` receives the same :class:`TurnContext`.
It owns the (copied) state, one random stream per purpose, and the lists that become
the :class:`~game.engine.records.TurnReport`. Trust changes go through :meth:`add_trust`
so that every change is both in the ledger and in the turn's record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.engine.records import (
    ChoiceRecord,
    DiplomacyRecord,
    EscalationRecord,
    EventRecord,
    NewsItem,
    OperationRecord,
    TrustChange,
)
from game.engine.state import Carried, GameState
from game.engine.trust import SINGLE, modifier_rows, trust_matrix

#: Random streams a turn uses, one per purpose, so that adding draws to one phase never
#: shifts the numbers another phase sees.
STREAMS: tuple[str, ...] = ("operations", "diplomacy", "events", "choices", "world")


class Streams:
    """The turn's random streams by purpose: exactly ``dict(zip(STREAMS, rng.spawn(5)))``,
    but each child generator is made on first use (most turns use two or three of them,
    and making one costs more than many draws).

    ``rng`` is the turn's own generator, used for this turn only.
    """

    def __init__(self, rng: np.random.Generator) -> None:
        # The child seeds are taken now, exactly as ``rng.spawn`` takes them (the parent
        # counts its children, so a reused generator gives fresh streams); only the
        # generators, the costly part, wait until a phase asks for them.
        self._kind = type(rng.bit_generator)
        self._made: dict[str, np.random.Generator] = {}
        self._seeds: dict[str, np.random.SeedSequence] = {}
        seed = rng.bit_generator.seed_seq
        if isinstance(seed, np.random.SeedSequence):
            self._seeds = dict(zip(STREAMS, seed.spawn(len(STREAMS)), strict=True))
        else:  # (a generator without a seed sequence: as spawn would, in one go)
            self._made = dict(zip(STREAMS, rng.spawn(len(STREAMS)), strict=True))

    def __getitem__(self, purpose: str) -> np.random.Generator:
        made = self._made.get(purpose)
        if made is None:
            made = self._made[purpose] = np.random.Generator(self._kind(self._seeds[purpose]))
        return made


@dataclass
class TurnContext:
    """Mutable scratch space for resolving one turn."""

    state: GameState
    rng: Streams
    operations: list[OperationRecord] = field(default_factory=list)
    diplomacy: list[DiplomacyRecord] = field(default_factory=list)
    escalations: list[EscalationRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    choices: list[ChoiceRecord] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)
    trust_changes: list[TrustChange] = field(default_factory=list)
    _trust: np.ndarray | None = None

    @classmethod
    def start(cls, state: GameState, rng: np.random.Generator) -> TurnContext:
        """A context for ``state``, taking over any records carried from between turns."""
        streams = Streams(rng)
        c = state.carried
        state.carried = Carried()
        return cls(
            state=state,
            rng=streams,
            operations=list(c.operations),
            diplomacy=list(c.diplomacy),
            escalations=list(c.escalations),
            events=list(c.events),
            choices=list(c.choices),
            news=list(c.news),
            trust_changes=list(c.trust_changes),
        )

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def n(self) -> int:
        return self.state.world.n

    def name(self, i: int) -> str:
        return self.state.world.nation_name(i)

    # ------------------------------------------------------------------ trust

    def trust(self) -> np.ndarray:
        """The current trust matrix (cached until trust or relations change)."""
        if self._trust is None:
            self._trust = trust_matrix(self.state)
        return self._trust

    def relations_changed(self) -> None:
        """Forget the cached trust matrix (call after changing alliances, hotlines, ...)."""
        self._trust = None

    def add_trust(
        self,
        frm: Any,
        to: Any,
        value: Any,
        reason: str,
        *,
        decay: float,
        cap: float = 100.0,
        public: bool = False,
        audience: int = SINGLE,
    ) -> None:
        """Add named ledger modifiers and record them in the turn's trust changes.

        With an ``audience`` (EVERYONE or a norm index), ``frm`` is the nation left out.
        """
        kept = modifier_rows(frm, to, value, audience)
        if not kept:
            return
        self.state.ledger.add_rows(
            kept, reason, self.turn, decay=decay, cap=cap, public=public, audience=audience
        )
        self.trust_changes.extend(TrustChange(f, t, v, reason, audience) for f, t, v in kept)
        self._trust = None

    # ------------------------------------------------------------------ tension

    def add_tension(self, a: int, b: int, amount: float) -> None:
        s = self.state
        value = min(max(float(s.tension[a, b]) + amount, 0.0), 100.0)
        s.tension[a, b] = s.tension[b, a] = value

    # ------------------------------------------------------------------ news

    def say(self, text: str, category: str, to: tuple[int, ...] | None = None) -> None:
        self.news.append(NewsItem(self.turn, text, category, to))

    def record(
        self,
        kind: str,
        actors: tuple[int, ...],
        subject: str | None,
        text: str,
        *,
        public: bool = True,
        news: str | None = "diplomacy",
    ) -> None:
        """A diplomatic happening, also in the news (for the actors only when private)."""
        self.diplomacy.append(DiplomacyRecord(self.turn, kind, actors, subject, text, public))
        if news:
            self.say(text, news, None if public else actors)

    def escalation(self, record: EscalationRecord) -> None:
        self.escalations.append(record)

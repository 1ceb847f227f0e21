"""The unchanging part of a game: the scenario, read once into engine-friendly tables.

A :class:`World` never changes during a game. Every :class:`~game.engine.state.GameState`
points at one; saves store the scenario and rebuild the world from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from game.engine.types import STATS, Index
from game.scenario.loader import scenario_hash
from game.scenario.models import Event, Scenario

#: Okabe–Ito first (colour-blind safe), then further distinct colours for big scenarios.
#: No greys: grey means "not in play" on the map.
DEFAULT_COLOURS: tuple[str, ...] = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#8C564B",
    "#17BECF",
    "#BCBD22",
    "#AEC7E8",
    "#FFBB78",
    "#98DF8A",
    "#C5B0D5",
)


@dataclass(frozen=True, eq=False)
class World:
    """Static tables derived from a scenario: ids, names, catalogs, events."""

    scenario: Scenario
    ids: tuple[str, ...] = field(init=False)
    names: tuple[str, ...] = field(init=False)
    index: dict[str, Index] = field(init=False)
    norm_ids: tuple[str, ...] = field(init=False)
    agreement_ids: tuple[str, ...] = field(init=False)
    event_ids: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        s = self.scenario
        set_ = object.__setattr__
        set_(self, "ids", tuple(n.id for n in s.nations))
        set_(self, "names", tuple(n.name for n in s.nations))
        set_(self, "index", {n.id: i for i, n in enumerate(s.nations)})
        set_(self, "norm_ids", tuple(n.id for n in s.norms))
        set_(self, "agreement_ids", tuple(a.id for a in s.arms_control))
        set_(self, "event_ids", tuple(e.id for e in s.events))

    @property
    def n(self) -> int:
        """Number of nations."""
        return len(self.ids)

    @cached_property
    def hash(self) -> str:
        return scenario_hash(self.scenario)

    @cached_property
    def colours(self) -> tuple[str, ...]:
        """Each nation's colour: its own, or one from the default palette."""
        out = []
        k = 0
        for nation in self.scenario.nations:
            if nation.colour:
                out.append(nation.colour.upper())
            else:
                out.append(DEFAULT_COLOURS[k % len(DEFAULT_COLOURS)])
                k += 1
        return tuple(out)

    @cached_property
    def initial_stats(self) -> np.ndarray:
        return np.array(
            [[getattr(n.stats, name) for name in STATS] for n in self.scenario.nations],
            dtype=np.float64,
        )

    @cached_property
    def norm_forbids(self) -> np.ndarray:
        """(norms, 3) bool: which operation kinds each norm forbids."""
        from game.engine.types import OpKind

        table = np.zeros((len(self.norm_ids), len(OpKind)), dtype=bool)
        for k, norm in enumerate(self.scenario.norms):
            for kind in norm.forbids:
                table[k, OpKind.parse(kind)] = True
        return table

    @cached_property
    def norm_quorum(self) -> np.ndarray:
        return np.array([n.quorum for n in self.scenario.norms], dtype=np.int32)

    @cached_property
    def arms_cap(self) -> np.ndarray:
        return np.array([a.offense_cap for a in self.scenario.arms_control], dtype=np.float64)

    @cached_property
    def arms_min_parties(self) -> np.ndarray:
        return np.array([a.min_parties for a in self.scenario.arms_control], dtype=np.int32)

    @cached_property
    def public(self) -> World:
        """The same world as every player may know it: no briefings, secret objectives,
        AI personalities or weights of any nation (each view adds its own nation's)."""
        nations = [
            n.model_copy(
                update={
                    "briefing": None,
                    "secret_objectives": [],
                    "ai_weights": None,
                    "personality": "reciprocal",
                    "difficulty": "normal",
                }
            )
            for n in self.scenario.nations
        ]
        return World(self.scenario.model_copy(update={"nations": nations}))

    def event(self, event_id: str) -> Event:
        for event in self.scenario.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def nation_name(self, i: Index) -> str:
        return self.names[i] if 0 <= i < self.n else "an unknown actor"

    def norm_name(self, k: int) -> str:
        return self.scenario.norms[k].name

    def agreement_name(self, k: int) -> str:
        return self.scenario.arms_control[k].name

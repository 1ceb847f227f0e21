"""What the map shows about nations, as plain arrays: one viewing nation's knowledge.

:class:`MapFacts` is the renderer's only input besides the geometry. It is built from a
:class:`~game.engine.views.NationView` by :func:`facts_from_view` — so lenses show what
the viewing nation knows (estimates with their uncertainty, public trust, the incidents
it detected, attributed as it believes), never the true state. For a scenario preview
before a game exists, make one (``Game.new`` is cheap) and take the view of its first nation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from game.ui.palettes import RGB, hex_rgb

if TYPE_CHECKING:
    from game.engine.views import NationView
    from game.scenario.models import Scenario

#: Ladder and posture names, in the engine's order (game.engine.types.Level / Posture).
LEVELS = ("calm", "friction", "crisis", "conflict")
POSTURES = ("defensive", "balanced", "offensive")


@dataclass(frozen=True, slots=True)
class IncidentArc:
    """An operation the viewer knows of: from the nation blamed (None: unknown) to the victim."""

    source: int | None
    target: int
    kind: str
    turn: int
    role: str  # victim | attacker (seen from the viewer)


@dataclass(frozen=True, slots=True)
class ProposalMark:
    """A proposal waiting for an answer, from ``frm`` to ``to`` (-1: every nation)."""

    frm: int
    to: int
    kind: str
    incoming: bool


@dataclass(frozen=True, eq=False)
class MapFacts:
    """Per-nation facts for the lenses and overlays, as the viewer knows them."""

    names: tuple[str, ...]
    scenario_colours: tuple[RGB | None, ...]  # as the scenario set them (None: pick)
    default_colours: tuple[RGB, ...]  # the engine's choice for every nation
    viewer: int | None = None
    turn: int = 1
    last_turn: int = 1
    #: trust[i, j]: trust of i toward j (the viewer's row exact, its column estimated,
    #: the rest as public information shows it)
    trust: NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0)))
    tension: NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0)))
    level: NDArray[np.int64] = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))
    infrastructure: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    infrastructure_sigma: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    stability: float | None = None
    posture: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    alliances: tuple[tuple[str, tuple[int, ...]], ...] = ()
    hotline: NDArray[np.bool_] = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))
    norm_names: tuple[str, ...] = ()
    norm_signed: NDArray[np.bool_] = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))
    norm_in_force: NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    arms_party: NDArray[np.bool_] = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))
    arms_in_force: NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    incidents: tuple[IncidentArc, ...] = ()
    proposals: tuple[ProposalMark, ...] = ()
    #: the arcs come from the true attackers (the facilitator view), not from beliefs
    arcs_true: bool = False
    #: bumps whenever the facts change, so caches keyed on it are refreshed
    version: int = 0

    @property
    def n(self) -> int:
        return len(self.names)

    def signed_in_force(self) -> NDArray[np.int64]:
        """How many norms in force each nation has signed."""
        if self.norm_signed.size == 0:
            return np.zeros(self.n, dtype=np.int64)
        return (self.norm_signed & self.norm_in_force[:, None]).sum(axis=0).astype(np.int64)

    def arms_parties(self) -> NDArray[np.bool_]:
        """Nations party to at least one arms-control agreement in force."""
        if self.arms_party.size == 0:
            return np.zeros(self.n, dtype=bool)
        return np.asarray((self.arms_party & self.arms_in_force[:, None]).any(axis=0))


_VERSION = [0]


def _next_version() -> int:
    _VERSION[0] += 1
    return _VERSION[0]


def _colours(
    scenario: Scenario, defaults: Sequence[str]
) -> tuple[tuple[RGB | None, ...], tuple[RGB, ...]]:
    own = tuple(hex_rgb(n.colour) if n.colour else None for n in scenario.nations)
    return own, tuple(hex_rgb(c) for c in defaults)


def facts_from_view(view: NationView, recent_turns: int = 2) -> MapFacts:
    """Facts as nation ``view.nation`` sees them at the start of ``view.turn``.

    Incidents older than ``recent_turns`` turns are left out of the overlay.
    """
    world = view.world
    me = view.nation
    own, defaults = _colours(world.scenario, world.colours)
    trust = np.array(view.trust_public, dtype=np.float64, copy=True)
    trust[me, :] = view.trust_out
    trust[:, me] = view.trust_in
    trust[me, me] = 100.0
    incidents = []
    for seen in view.incidents:
        if view.turn - seen.turn > recent_turns:
            continue
        if seen.role == "victim":
            source = seen.other if seen.other is not None and seen.other >= 0 else None
            incidents.append(IncidentArc(source, me, seen.kind, seen.turn, "victim"))
        elif seen.other is not None and seen.other >= 0:
            incidents.append(IncidentArc(me, seen.other, seen.kind, seen.turn, "attacker"))
    proposals = [ProposalMark(p.frm, p.to, p.kind, True) for p in view.proposals_to_me]
    proposals += [ProposalMark(p.frm, p.to, p.kind, False) for p in view.my_proposals]
    return MapFacts(
        names=world.names,
        scenario_colours=own,
        default_colours=defaults,
        viewer=me,
        turn=view.turn,
        last_turn=view.last_turn,
        trust=trust,
        tension=np.asarray(view.tension, dtype=np.float64),
        level=np.asarray(view.level, dtype=np.int64),
        infrastructure=np.asarray(view.estimates[:, 1], dtype=np.float64),
        infrastructure_sigma=np.asarray(view.uncertainty[:, 1], dtype=np.float64),
        stability=float(view.stability.total),
        posture=np.asarray(view.posture, dtype=np.int64),
        alliances=tuple((a.name, tuple(a.members)) for a in view.alliances),
        hotline=np.asarray(view.hotline, dtype=bool),
        norm_names=tuple(world.norm_name(k) for k in range(len(world.norm_ids))),
        norm_signed=np.asarray(view.norm_signed, dtype=bool),
        norm_in_force=np.asarray(view.norm_in_force, dtype=bool),
        arms_party=np.asarray(view.arms_party, dtype=bool),
        arms_in_force=np.asarray(view.arms_in_force, dtype=bool),
        incidents=tuple(incidents),
        proposals=tuple(proposals),
        version=_next_version(),
    )

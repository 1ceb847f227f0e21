"""Facilitator interventions: changes to the game made between turns, with a reason.

A facilitator (a teacher running a classroom exercise) may adjust a stat or a trust
value, inject a scripted event now, or extend or end the game. Each intervention is a
small value recorded in the game history and re-applied, in order, when the history is
replayed — so saves, replays and rollbacks reproduce them exactly.

What the intervention produced (news, operations of an injected event) is carried into
the report of the turn that follows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar

from game.engine.rules import RULES
from game.engine.seeding import generator
from game.engine.types import STAT_INDEX
from game.engine.world import World
from game.scenario.models import MAX_TURNS
from game.words import possessive


class InvalidIntervention(ValueError):
    """An intervention that cannot be applied; the message says why."""


@dataclass(frozen=True, slots=True)
class Intervention:
    """Base of facilitator interventions."""

    kind: ClassVar[str] = "intervention"
    reason: str = ""

    def describe(self, world: World) -> str:
        return self.kind

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **asdict(self)}


@dataclass(frozen=True, slots=True)
class AdjustStat(Intervention):
    """Set a nation's stat to ``value`` (0-100)."""

    kind: ClassVar[str] = "adjust_stat"
    nation: str = ""
    stat: str = ""
    value: float = 0.0

    def describe(self, world: World) -> str:
        why = f" ({self.reason})" if self.reason else ""
        return (
            f"set {possessive(world.nation_name(world.index[self.nation]))} {self.stat} to "
            f"{self.value:g}{why}"
        )


@dataclass(frozen=True, slots=True)
class AdjustTrust(Intervention):
    """Add ``by`` to the trust of ``frm`` toward ``to`` as a named modifier."""

    kind: ClassVar[str] = "adjust_trust"
    frm: str = ""
    to: str = ""
    by: float = 0.0

    def describe(self, world: World) -> str:
        why = f" ({self.reason})" if self.reason else ""
        return (
            f"changed {possessive(world.nation_name(world.index[self.frm]))} trust in "
            f"{world.nation_name(world.index[self.to])} by {self.by:+g}{why}"
        )


@dataclass(frozen=True, slots=True)
class InjectEvent(Intervention):
    """Fire a scenario event now, whatever its trigger says."""

    kind: ClassVar[str] = "inject_event"
    event: str = ""

    def describe(self, world: World) -> str:
        return f"injected the event '{world.event(self.event).title}'"


@dataclass(frozen=True, slots=True)
class SetLastTurn(Intervention):
    """Extend (or shorten) the game: the last turn becomes ``last_turn``."""

    kind: ClassVar[str] = "set_last_turn"
    last_turn: int = 0

    def describe(self, world: World) -> str:
        return f"set the last turn to {self.last_turn}"


@dataclass(frozen=True, slots=True)
class EndGame(Intervention):
    """End the game now."""

    kind: ClassVar[str] = "end_game"

    def describe(self, world: World) -> str:
        return "ended the game"


INTERVENTION_TYPES: dict[str, type[Intervention]] = {
    cls.kind: cls for cls in (AdjustStat, AdjustTrust, InjectEvent, SetLastTurn, EndGame)
}


def intervention_from_dict(data: Any) -> Intervention:
    """Inverse of :meth:`Intervention.to_dict`; raises InvalidIntervention on bad data."""
    if not isinstance(data, dict) or data.get("kind") not in INTERVENTION_TYPES:
        raise InvalidIntervention(f"unknown intervention {data!r:.60}")
    cls = INTERVENTION_TYPES[data["kind"]]
    try:
        return cls(**{k: v for k, v in data.items() if k != "kind"})
    except TypeError as exc:
        raise InvalidIntervention(str(exc)) from None


def check_intervention(world: World, turn: int, iv: Intervention) -> None:
    """Raise InvalidIntervention when ``iv`` does not fit this game."""
    if isinstance(iv, AdjustStat):
        if iv.nation not in world.index:
            raise InvalidIntervention(f"no nation '{iv.nation}'")
        if iv.stat not in STAT_INDEX:
            raise InvalidIntervention(f"no stat '{iv.stat}'")
        if not 0 <= iv.value <= 100:
            raise InvalidIntervention("a stat is between 0 and 100")
    elif isinstance(iv, AdjustTrust):
        if iv.frm not in world.index or iv.to not in world.index or iv.frm == iv.to:
            raise InvalidIntervention("trust is between two different nations")
        if not -100 <= iv.by <= 100:
            raise InvalidIntervention("a trust change is between -100 and 100")
    elif isinstance(iv, InjectEvent):
        if iv.event not in world.event_ids:
            raise InvalidIntervention(f"no event '{iv.event}'")
    elif isinstance(iv, SetLastTurn) and iv.last_turn < turn:
        raise InvalidIntervention(f"the last turn cannot be before the current turn ({turn})")


def check_new_intervention(world: World, turn: int, iv: Intervention) -> None:
    """:func:`check_intervention`, plus the limits on what may be asked *now*: a game
    lasts at most MAX_TURNS turns. (Saves made before that limit still replay.)"""
    check_intervention(world, turn, iv)
    if isinstance(iv, SetLastTurn) and iv.last_turn > MAX_TURNS:
        raise InvalidIntervention(f"a game lasts at most {MAX_TURNS} turns")


def apply_intervention(state: Any, iv: Intervention, k: int) -> Any:
    """A new state with ``iv`` applied (``k``: its position among this turn's interventions,
    which seeds any dice an injected event rolls)."""
    from game.engine.context import TurnContext
    from game.engine.events import fire

    check_intervention(state.world, state.turn, iv)
    new = state.copy()
    ctx = TurnContext.start(new, generator(new.seed, new.turn, 7_777, k))
    world = new.world
    if isinstance(iv, AdjustStat):
        new.stats[world.index[iv.nation], STAT_INDEX[iv.stat]] = float(iv.value)
    elif isinstance(iv, AdjustTrust):
        label = f"facilitator: {iv.reason}" if iv.reason else "facilitator adjustment"
        ctx.add_trust(
            world.index[iv.frm],
            world.index[iv.to],
            iv.by,
            label,
            decay=RULES.facilitator_trust_decay,
            public=True,
        )
    elif isinstance(iv, InjectEvent):
        fire(ctx, world.event(iv.event), injected=True)
    elif isinstance(iv, SetLastTurn):
        new.last_turn = int(iv.last_turn)
    elif isinstance(iv, EndGame):
        new.over, new.outcome = True, "ended by facilitator"
    ctx.say(f"Facilitator: {iv.describe(world)}.", "facilitator")
    new.carried = new.carried.extended(ctx)
    # Operations an injected event staged are known at once (the facilitator sees them).
    new.incident_log = (*new.incident_log, *ctx.operations)
    new.ledger.flush()
    return new

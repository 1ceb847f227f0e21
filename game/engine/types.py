"""Names and small enumerations shared across the engine."""

from __future__ import annotations

from enum import IntEnum

NationId = str
NormId = str
AgreementId = str
AllianceId = str
EventId = str
#: A nation's row/column in the state arrays (scenario file order).
Index = int

STATS: tuple[str, ...] = (
    "economy",
    "infrastructure",
    "offense",
    "defense",
    "attribution",
    "cohesion",
)
ECONOMY, INFRASTRUCTURE, OFFENSE, DEFENSE, ATTRIBUTION, COHESION = range(6)
STAT_INDEX: dict[str, int] = {name: i for i, name in enumerate(STATS)}

#: Investment areas a budget can be spent on. "resilience" repairs infrastructure and
#: steadies cohesion; the others build the capability of the same name.
INVESTMENT_AREAS: tuple[str, ...] = ("offense", "defense", "attribution", "resilience")


class Posture(IntEnum):
    """A nation's public cyber posture."""

    DEFENSIVE = 0
    BALANCED = 1
    OFFENSIVE = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Posture:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(
                f"unknown posture '{text}' (defensive, balanced or offensive)"
            ) from None


class OpKind(IntEnum):
    """The three kinds of covert operation."""

    ESPIONAGE = 0
    SABOTAGE = 1
    DISINFORMATION = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> OpKind:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(
                f"unknown operation '{text}' (espionage, sabotage or disinformation)"
            ) from None


class Level(IntEnum):
    """The escalation ladder between two nations, read from their tension."""

    CALM = 0
    FRICTION = 1
    CRISIS = 2
    CONFLICT = 3

    @property
    def label(self) -> str:
        return self.name.lower()


#: Index meaning "no nation": an unknown actor as attacker, or nobody blamed.
NOBODY: Index = -1

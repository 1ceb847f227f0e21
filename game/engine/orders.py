"""Orders: what a nation decides in a turn, as small immutable values.

Every order names the ``nation`` giving it. An order is checked for its own shape when
made (a bad posture name, a negative investment, an order aimed at oneself raise
:class:`InvalidOrder`) and for legality against the game when submitted
(:mod:`game.engine.legal` raises :class:`IllegalOrder` saying why).

``reason`` is an optional one-line explanation (the AI fills it; the UI shows it). It is
not part of an order's identity: two orders that differ only in reason are equal.

Orders serialise to small dicts (``to_dict`` / ``order_from_dict``) for saves.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from game.engine.types import INVESTMENT_AREAS, OpKind, Posture


class InvalidOrder(ValueError):
    """An order is malformed in itself (independent of the game state)."""


class IllegalOrder(ValueError):
    """An order is well-formed but not allowed now; the message says why."""

    def __init__(self, order: Order | None, why: str) -> None:
        self.order = order
        self.why = why
        prefix = f"{order.describe()}: " if order is not None else ""
        super().__init__(prefix + why)


@dataclass(frozen=True, slots=True)
class Order:
    """Base of every order. Subclasses set ``kind`` (the name used in saves and the UI)."""

    kind: ClassVar[str] = "order"
    #: whether the order uses one of the turn's action slots
    uses_slot: ClassVar[bool] = True
    #: diplomatic actions are what an isolationist never does
    diplomatic: ClassVar[bool] = False

    nation: str
    reason: str = field(default="", compare=False, kw_only=True)

    def __post_init__(self) -> None:
        if not isinstance(self.nation, str) or not self.nation:
            raise InvalidOrder(f"{self.kind}: the nation giving the order must be named")

    def describe(self) -> str:
        """Short human text, e.g. 'meridia: talks with borealis'."""
        return f"{self.nation}: {self.kind.replace('_', ' ')}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the ``reason`` is kept)."""
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "reason" and not value:
                continue
            out[f.name] = value
        return out


@dataclass(frozen=True, slots=True)
class Targeted(Order):
    """An order aimed at another nation."""

    target: str = ""

    def __post_init__(self) -> None:
        Order.__post_init__(self)
        if not isinstance(self.target, str) or not self.target:
            raise InvalidOrder(f"{self.kind}: a target nation is required")
        if self.target == self.nation:
            raise InvalidOrder(f"{self.kind}: a nation cannot aim this at itself")

    def describe(self) -> str:
        return f"{self.nation}: {self.kind.replace('_', ' ')} → {self.target}"


# --------------------------------------------------------------------------- free orders


@dataclass(frozen=True, slots=True)
class SetPosture(Order):
    """Choose the public cyber posture for this turn and after."""

    kind: ClassVar[str] = "posture"
    uses_slot: ClassVar[bool] = False
    posture: str = "balanced"

    def __post_init__(self) -> None:
        Order.__post_init__(self)
        try:
            Posture.parse(self.posture)
        except ValueError as exc:
            raise InvalidOrder(str(exc)) from None

    def describe(self) -> str:
        return f"{self.nation}: posture {self.posture}"


@dataclass(frozen=True, slots=True)
class Invest(Order):
    """Spend budget points on capabilities; the total may not exceed the budget."""

    kind: ClassVar[str] = "invest"
    uses_slot: ClassVar[bool] = False
    offense: float = 0.0
    defense: float = 0.0
    attribution: float = 0.0
    resilience: float = 0.0

    def __post_init__(self) -> None:
        Order.__post_init__(self)
        for area in INVESTMENT_AREAS:
            value = getattr(self, area)
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise InvalidOrder(f"invest: {area} must be a number")
            if not value >= 0 or value != value or value == float("inf"):
                raise InvalidOrder(f"invest: {area} must be zero or more (got {value})")

    @property
    def total(self) -> float:
        return self.offense + self.defense + self.attribution + self.resilience

    def describe(self) -> str:
        parts = [f"{a} {getattr(self, a):g}" for a in INVESTMENT_AREAS if getattr(self, a)]
        return f"{self.nation}: invest " + (", ".join(parts) or "nothing")


@dataclass(frozen=True, slots=True)
class Answer(Order):
    """Accept or decline a pending proposal (costs no action slot)."""

    kind: ClassVar[str] = "answer"
    uses_slot: ClassVar[bool] = False
    diplomatic: ClassVar[bool] = True
    proposal: int = -1
    accept: bool = False

    def __post_init__(self) -> None:
        Order.__post_init__(self)
        if not isinstance(self.proposal, int) or self.proposal < 0:
            raise InvalidOrder("answer: a proposal number is required")
        if not isinstance(self.accept, bool):
            raise InvalidOrder("answer: accept must be true or false")

    def describe(self) -> str:
        verb = "accept" if self.accept else "decline"
        return f"{self.nation}: {verb} proposal #{self.proposal}"


@dataclass(frozen=True, slots=True)
class Choose(Order):
    """Answer a scripted event's choice (costs no action slot)."""

    kind: ClassVar[str] = "choose"
    uses_slot: ClassVar[bool] = False
    event: str = ""
    option: str = ""

    def __post_init__(self) -> None:
        Order.__post_init__(self)
        if not self.event or not self.option:
            raise InvalidOrder("choose: an event and an option are required")

    def describe(self) -> str:
        return f"{self.nation}: choose '{self.option}' for {self.event}"


# --------------------------------------------------------------------------- diplomacy


@dataclass(frozen=True, slots=True)
class Talks(Targeted):
    """Hold talks: builds trust and lowers tension, more when both choose it."""

    kind: ClassVar[str] = "talks"
    diplomatic: ClassVar[bool] = True


@dataclass(frozen=True, slots=True)
class ProposeHotline(Targeted):
    """Offer a hotline; agreed at once if the target offers one too, else it answers next turn."""

    kind: ClassVar[str] = "propose_hotline"
    diplomatic: ClassVar[bool] = True


@dataclass(frozen=True, slots=True)
class ProposeAlliance(Targeted):
    """Invite the target into our alliance, or to found a new one with us."""

    kind: ClassVar[str] = "propose_alliance"
    diplomatic: ClassVar[bool] = True


@dataclass(frozen=True, slots=True)
class LeaveAlliance(Order):
    """Leave an alliance (its members will not like it)."""

    kind: ClassVar[str] = "leave_alliance"
    diplomatic: ClassVar[bool] = True
    alliance: str = ""

    def __post_init__(self) -> None:
        Order.__post_init__(self)
        if not self.alliance:
            raise InvalidOrder("leave alliance: which alliance?")

    def describe(self) -> str:
        return f"{self.nation}: leave alliance {self.alliance}"


@dataclass(frozen=True, slots=True)
class _TreatyOrder(Order):
    """An order about a norm or an arms-control agreement from the scenario."""

    diplomatic: ClassVar[bool] = True
    subject: str = ""

    def __post_init__(self) -> None:
        Order.__post_init__(self)
        if not self.subject:
            raise InvalidOrder(f"{self.kind}: which norm or agreement?")

    def describe(self) -> str:
        return f"{self.nation}: {self.kind.replace('_', ' ')} {self.subject}"


@dataclass(frozen=True, slots=True)
class ProposeNorm(_TreatyOrder):
    """Table a norm from the catalog: we sign it and ask every nation to endorse it."""

    kind: ClassVar[str] = "propose_norm"


@dataclass(frozen=True, slots=True)
class EndorseNorm(_TreatyOrder):
    """Sign a norm that is on the table or in force."""

    kind: ClassVar[str] = "endorse_norm"


@dataclass(frozen=True, slots=True)
class WithdrawNorm(_TreatyOrder):
    """Withdraw our signature from a norm."""

    kind: ClassVar[str] = "withdraw_norm"


@dataclass(frozen=True, slots=True)
class ProposeArmsControl(_TreatyOrder):
    """Table an arms-control agreement: we ratify it and ask every nation to join."""

    kind: ClassVar[str] = "propose_arms_control"


@dataclass(frozen=True, slots=True)
class RatifyArmsControl(_TreatyOrder):
    """Ratify an arms-control agreement that is on the table or in force."""

    kind: ClassVar[str] = "ratify_arms_control"


@dataclass(frozen=True, slots=True)
class WithdrawArmsControl(_TreatyOrder):
    """Leave an arms-control agreement."""

    kind: ClassVar[str] = "withdraw_arms_control"


@dataclass(frozen=True, slots=True)
class ShareIntel(Targeted):
    """Share threat intelligence: the partner defends better for a few turns."""

    kind: ClassVar[str] = "share_intel"
    diplomatic: ClassVar[bool] = True


@dataclass(frozen=True, slots=True)
class BuildCapacity(Targeted):
    """Pay to help the partner build lasting defense and forensics."""

    kind: ClassVar[str] = "build_capacity"
    diplomatic: ClassVar[bool] = True


@dataclass(frozen=True, slots=True)
class Sanction(Targeted):
    """Impose sanctions for a few turns: hurts both economies, the target's more."""

    kind: ClassVar[str] = "sanction"
    diplomatic: ClassVar[bool] = True


@dataclass(frozen=True, slots=True)
class Denounce(Targeted):
    """Publicly accuse the target of hostile operations."""

    kind: ClassVar[str] = "denounce"
    diplomatic: ClassVar[bool] = True


# --------------------------------------------------------------------------- covert


@dataclass(frozen=True, slots=True)
class Operation(Targeted):
    """A covert operation against the target."""

    op: ClassVar[OpKind] = OpKind.ESPIONAGE


@dataclass(frozen=True, slots=True)
class Espionage(Operation):
    """Steal secrets: sharp estimates of the target, a little economy, exposes treaty cheats."""

    kind: ClassVar[str] = "espionage"
    op: ClassVar[OpKind] = OpKind.ESPIONAGE


@dataclass(frozen=True, slots=True)
class Sabotage(Operation):
    """Damage the target's critical infrastructure and economy. Loud."""

    kind: ClassVar[str] = "sabotage"
    op: ClassVar[OpKind] = OpKind.SABOTAGE


@dataclass(frozen=True, slots=True)
class Disinformation(Operation):
    """Erode the target's public cohesion."""

    kind: ClassVar[str] = "disinformation"
    op: ClassVar[OpKind] = OpKind.DISINFORMATION


ORDER_TYPES: dict[str, type[Order]] = {
    cls.kind: cls
    for cls in (
        SetPosture,
        Invest,
        Answer,
        Choose,
        Talks,
        ProposeHotline,
        ProposeAlliance,
        LeaveAlliance,
        ProposeNorm,
        EndorseNorm,
        WithdrawNorm,
        ProposeArmsControl,
        RatifyArmsControl,
        WithdrawArmsControl,
        ShareIntel,
        BuildCapacity,
        Sanction,
        Denounce,
        Espionage,
        Sabotage,
        Disinformation,
    )
}

#: Action kinds that use a slot, in the order the UI lists them.
ACTION_KINDS: tuple[str, ...] = tuple(k for k, c in ORDER_TYPES.items() if c.uses_slot)


def order_from_dict(data: Any) -> Order:
    """Rebuild an order from :meth:`Order.to_dict`; raises InvalidOrder on bad data."""
    if not isinstance(data, dict):
        raise InvalidOrder("an order must be a mapping")
    kind = data.get("kind")
    cls = ORDER_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise InvalidOrder(f"unknown order kind {kind!r}")
    names = {f.name for f in fields(cls)}
    kwargs = {k: v for k, v in data.items() if k != "kind"}
    unknown = set(kwargs) - names
    if unknown:
        raise InvalidOrder(f"{kind}: unknown field(s) {', '.join(sorted(unknown))}")
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise InvalidOrder(f"{kind}: {exc}") from None

"""The scenario file format as pydantic v2 models.

These models are the single source of truth for what a scenario YAML may contain: the
loader validates against them, ``cyberdip schema`` exports them as JSON Schema, and
``docs/scenario-format.md`` documents every field (a test keeps the two in step).

Every model forbids unknown keys, and every text field is a strict string, so that a
YAML 1.1 surprise (``NO`` read as ``false``) fails loudly instead of slipping through.
Cross-references between sections (nation ids, norm ids, ...) are checked by
``game.scenario.crossref`` on the raw data, so that they are reported together with
the structural errors.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    StringConstraints,
    model_validator,
)

FORMAT_VERSION: Final = 1

STAT_NAMES: tuple[str, ...] = (
    "economy",
    "infrastructure",
    "offense",
    "defense",
    "attribution",
    "cohesion",
)
OPERATION_KINDS: tuple[str, ...] = ("espionage", "sabotage", "disinformation")
PERSONALITIES: tuple[str, ...] = (
    "cooperative",
    "aggressive",
    "defensive",
    "opportunist",
    "isolationist",
    "reciprocal",
    "random",
)
#: The longest game a scenario (or a facilitator, or --turns) may ask for.
MAX_TURNS = 200
WEIGHT_NAMES: tuple[str, ...] = (
    "aggression",
    "cooperation",
    "reciprocity",
    "forgiveness",
    "risk_aversion",
    "norm_respect",
)
#: Words with a meaning of their own where a nation id is expected.
RESERVED_IDS: frozenset[str] = frozenset({"all", "self", "unknown", "none"})
#: The trust reason the engine gives the trust that talks earn: capped per pair and
#: public, shown as "trust from talks" (the validator warns an event not to borrow it).
TALKS_TRUST_REASON = "talks"

Identifier = Annotated[
    StrictStr,
    StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,39}$"),
    Field(description="Lower-case id: a letter, then letters, digits, '-' or '_' (max 40)."),
]
#: A nation's id: an identifier that is not one of the reserved words (the schema says
#: so for editors; ``validate`` explains it in words).
NationId = Annotated[
    Identifier,
    Field(
        description="The nation's id: lower-case, and not 'all', 'self', 'unknown' or 'none'.",
        json_schema_extra={"not": {"enum": sorted(RESERVED_IDS)}},
    ),
]


def _printable(value: str, allowed: str) -> str:
    """``value`` if every character can be shown: no control character but those in
    ``allowed`` (a terminal would obey an escape; pygame refuses a NUL), and at least
    one visible character (a name of only a zero-width space shows as nothing)."""
    for ch in value:
        if unicodedata.category(ch) == "Cc" and ch not in allowed:
            raise ValueError(f"contains the control character U+{ord(ch):04X}; remove it")
    if not any(unicodedata.category(ch)[0] not in "CZ" for ch in value):
        raise ValueError("has no visible character")
    return value


Text = Annotated[
    StrictStr,
    StringConstraints(min_length=1, max_length=4000),
    AfterValidator(lambda v: _printable(v, "\n\t")),
]
ShortText = Annotated[
    StrictStr,
    StringConstraints(min_length=1, max_length=120),
    AfterValidator(lambda v: _printable(v, "")),
]
Colour = Annotated[
    StrictStr,
    StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"),
    Field(description="An sRGB colour as '#RRGGBB'."),
]
IsoCode = Annotated[
    StrictStr,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="ISO 3166-1 alpha-3 country code, e.g. 'FRA'."),
]
StatValue = Annotated[float, Field(ge=0, le=100)]
Probability = Annotated[float, Field(ge=0, le=1)]
StatName = Literal["economy", "infrastructure", "offense", "defense", "attribution", "cohesion"]
OperationKind = Literal["espionage", "sabotage", "disinformation"]
Personality = Literal[
    "cooperative", "aggressive", "defensive", "opportunist", "isolationist", "reciprocal", "random"
]


class Strict(BaseModel):
    """Base of every scenario model: unknown keys are errors, fields keep their order."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- conditions


class Comparison(Strict):
    """A bound on a number: ``below`` is strict (<), ``above`` is strict (>)."""

    # The JSON Schema says what the validator below checks, so editors flag it too.
    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["below"]}, {"required": ["above"]}]}
    )

    below: float | None = Field(default=None, description="True when the value is < this.")
    above: float | None = Field(default=None, description="True when the value is > this.")

    @model_validator(mode="after")
    def _one_bound(self) -> Comparison:
        if self.below is None and self.above is None:
            raise ValueError("give 'below', 'above' or both")
        return self


class StatCondition(Comparison):
    """A nation's stat compared to a bound. In an objective, ``nation`` defaults to its owner."""

    nation: Identifier | None = Field(default=None, description="Nation id (or 'self').")
    stat: StatName = Field(description="One of the six nation stats.")


class TrustCondition(Comparison):
    """How much ``from`` trusts ``to`` (0-100)."""

    from_: Identifier = Field(alias="from", description="The nation that trusts.")
    to: Identifier = Field(description="The nation trusted.")


class TensionCondition(Comparison):
    """Tension between two nations (0-100)."""

    between: list[Identifier] = Field(min_length=2, max_length=2)


class ValueCondition(Comparison):
    """A world number (turn, stability) compared to a bound."""


class NormCondition(Strict):
    """Whether a norm from the catalog is in force (signatories reached its quorum)."""

    norm: Identifier


class ArmsControlCondition(Strict):
    """Whether an arms-control agreement from the scenario is in force."""

    agreement: Identifier


class AllianceCondition(Strict):
    """Whether ``nation`` belongs to ``alliance`` (or to any alliance, when omitted)."""

    nation: Identifier | None = Field(default=None, description="Nation id (or 'self').")
    alliance: Identifier | None = Field(default=None, description="Alliance id; any when omitted.")


class HotlineCondition(Strict):
    """Whether a hotline links the two nations."""

    between: list[Identifier] = Field(min_length=2, max_length=2)


class Condition(Strict):
    """One node of a condition tree: exactly one key.

    ``all``/``any`` hold lists of conditions, ``not`` one condition; the other keys are
    tests of the game state.
    """

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    all: list[Condition] | None = Field(default=None, description="True when every item is.")
    any: list[Condition] | None = Field(default=None, description="True when at least one is.")
    not_: Condition | None = Field(default=None, alias="not", description="Negation.")
    stat: StatCondition | None = None
    trust: TrustCondition | None = None
    tension: TensionCondition | None = None
    turn: ValueCondition | None = Field(default=None, description="The current turn number.")
    stability: ValueCondition | None = Field(default=None, description="World stability 0-100.")
    norm_in_force: NormCondition | None = None
    arms_control_in_force: ArmsControlCondition | None = None
    in_alliance: AllianceCondition | None = None
    hotline: HotlineCondition | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Condition:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            keys = ", ".join(f.alias or n for n, f in type(self).model_fields.items())
            raise ValueError(f"a condition has exactly one key, one of: {keys}")
        return self


# --------------------------------------------------------------------------- effects


class AdjustEffect(Strict):
    """Add ``by`` to a stat of ``nation`` (or of every nation with 'all'); clamped to 0-100."""

    nation: Identifier = Field(description="Nation id, 'self' (in a choice) or 'all'.")
    stat: StatName
    by: float = Field(ge=-100, le=100)


class TrustEffect(Strict):
    """Add a named modifier to the trust ledger of ``from`` toward ``to``."""

    from_: Identifier = Field(alias="from", description="Nation id, 'self' or 'all'.")
    to: Identifier = Field(description="Nation id or 'self'.")
    by: float = Field(ge=-100, le=100, description="Trust points; negative lowers trust.")
    reason: ShortText = Field(
        description="Shown to the player as the reason for the change. Not 'talks': "
        "that names the trust talks earn (capped per pair), and a warning says so."
    )
    decay: float = Field(
        default=0.1, ge=0, le=1, description="Share of the modifier that fades each turn."
    )
    mutual: bool = Field(default=False, description="Also add it from ``to`` toward ``from``.")


class TensionEffect(Strict):
    """Raise (or lower) tension between two nations."""

    between: list[Identifier] = Field(min_length=2, max_length=2)
    by: float = Field(ge=-100, le=100)


class IncidentEffect(Strict):
    """A covert operation staged by the script, resolved like any other operation.

    With no ``attacker`` it is the work of an unknown actor (criminals, proxies); it is
    still detected and attributed by the victim, so it may be pinned on a nation.
    """

    kind: OperationKind
    target: Identifier = Field(description="Victim nation id, 'self' or 'all'.")
    attacker: Identifier | None = Field(default=None, description="Nation id; unknown if omitted.")
    strength: StatValue = Field(
        default=60, description="Offense of the operation (an unknown actor has no stats)."
    )
    always_succeeds: bool = Field(default=True, description="Skip the success roll.")


class NewsEffect(Strict):
    """A headline in the news log, for everyone or only for some nations."""

    text: Text
    to: list[Identifier] | None = Field(default=None, description="Recipients; all when omitted.")


ProposalKind = Literal["talks", "hotline", "alliance", "norm", "arms_control", "intel_sharing"]


class ProposalEffect(Strict):
    """A diplomatic proposal from one nation to another, answered on the recipient's next turn."""

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {
                    "if": {"properties": {"kind": {"const": "norm"}}},
                    "then": {"required": ["norm"]},
                },
                {
                    "if": {"properties": {"kind": {"const": "arms_control"}}},
                    "then": {"required": ["agreement"]},
                },
            ]
        }
    )

    from_: Identifier = Field(alias="from")
    to: Identifier
    kind: ProposalKind
    norm: Identifier | None = Field(default=None, description="For kind 'norm'.")
    agreement: Identifier | None = Field(default=None, description="For kind 'arms_control'.")
    alliance: Identifier | None = Field(default=None, description="For kind 'alliance'.")

    @model_validator(mode="after")
    def _needs_subject(self) -> ProposalEffect:
        if self.kind == "norm" and self.norm is None:
            raise ValueError("a 'norm' proposal needs 'norm: <norm id>'")
        if self.kind == "arms_control" and self.agreement is None:
            raise ValueError("an 'arms_control' proposal needs 'agreement: <agreement id>'")
        return self


class Effect(Strict):
    """One effect of an event: exactly one key."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    adjust: AdjustEffect | None = None
    trust: TrustEffect | None = None
    tension: TensionEffect | None = None
    incident: IncidentEffect | None = None
    news: NewsEffect | None = None
    proposal: ProposalEffect | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Effect:
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            keys = ", ".join(type(self).model_fields)
            raise ValueError(f"an effect has exactly one key, one of: {keys}")
        return self


# --------------------------------------------------------------------------- events


class Trigger(Strict):
    """When an event fires. All given parts must hold on the same turn.

    ``at_turn`` and ``every`` select turns; ``condition`` tests the state; ``chance``
    is then rolled; ``once`` (the default) lets it fire a single time per game.
    """

    model_config = ConfigDict(json_schema_extra={"not": {"required": ["at_turn", "every"]}})

    at_turn: int | None = Field(default=None, ge=1, description="Fires on this turn.")
    every: int | None = Field(default=None, ge=1, description="Fires every N turns (N, 2N, ...).")
    from_turn: int = Field(default=1, ge=1, description="Not before this turn.")
    condition: Condition | None = None
    chance: Probability = Field(default=1.0, description="Probability per eligible turn.")
    once: bool = True


class ChoiceOption(Strict):
    """One answer to an event's choice."""

    id: Identifier
    label: ShortText
    description: Text | None = None
    effects: list[Effect] = Field(default_factory=list)
    ai_weight: float = Field(
        default=1.0, ge=0, le=1000, description="Relative chance an AI picks it."
    )


class Choice(Strict):
    """A decision the event puts to one or more nations; each answers for itself.

    In the options' effects, 'self' is the nation answering.
    """

    nations: list[Identifier] = Field(min_length=1, description="Who answers ('all' for everyone).")
    prompt: Text
    options: list[ChoiceOption] = Field(min_length=2)
    default: Identifier = Field(description="Option taken when a nation does not answer.")


class Event(Strict):
    """A scripted event: a trigger, effects, and optionally a choice."""

    id: Identifier
    title: ShortText
    text: Text | None = Field(default=None, description="Shown in the news when it fires.")
    trigger: Trigger = Field(default_factory=Trigger)
    effects: list[Effect] = Field(default_factory=list)
    choice: Choice | None = None
    facilitator_only: bool = Field(
        default=False, description="Never fires by itself; a facilitator injects it."
    )


# --------------------------------------------------------------------------- nations


class Stats(Strict):
    """The six nation stats, each 0-100."""

    economy: StatValue = 50
    infrastructure: StatValue = 60
    offense: StatValue = 30
    defense: StatValue = 40
    attribution: StatValue = 40
    cohesion: StatValue = 60


class AIWeights(Strict):
    """Personality weights, each 0-1; unset ones come from the named personality."""

    aggression: Probability | None = None
    cooperation: Probability | None = None
    reciprocity: Probability | None = None
    forgiveness: Probability | None = None
    risk_aversion: Probability | None = None
    norm_respect: Probability | None = None


class Objective(Strict):
    """A goal that scores ``points`` when its condition holds at the end of the game."""

    id: Identifier
    text: Text
    points: float = Field(default=10, ge=0, le=100)
    condition: Condition


class Nation(Strict):
    """A playable nation (or bloc)."""

    id: NationId
    name: ShortText
    colour: Colour | None = Field(default=None, description="Map colour; picked if omitted.")
    stats: Stats = Field(default_factory=Stats)
    controller: Literal["human", "ai"] = "ai"
    personality: Personality = "reciprocal"
    ai_weights: AIWeights | None = None
    difficulty: Literal["easy", "normal", "hard"] = "normal"
    countries: list[IsoCode] | None = Field(
        default=None, description="World map only: the countries this nation owns."
    )
    capital: list[float] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="[x, y] on a generated map; [longitude, latitude] on the world map.",
    )
    briefing: Text | None = None
    objectives: list[Objective] = Field(default_factory=list)
    secret_objectives: list[Objective] = Field(default_factory=list)


# --------------------------------------------------------------------------- map


class WorldMap(Strict):
    """The real world map: nations own countries by ISO code."""

    type: Literal["world"]
    show_unowned: bool = Field(default=True, description="Draw countries nobody owns, muted.")


class GeneratedMap(Strict):
    """A fictional map grown from the nations' capitals."""

    type: Literal["generated"]
    width: float = Field(default=1000, ge=100, le=10000)
    height: float = Field(default=600, ge=100, le=10000)
    land: float = Field(default=0.5, ge=0.1, le=0.9, description="Rough share of land.")
    seed: int | None = Field(default=None, description="Map shape seed; the game seed if omitted.")


# --------------------------------------------------------------------------- relations


class TrustEntry(Strict):
    """Starting trust of ``from`` toward ``to``."""

    from_: Identifier = Field(alias="from")
    to: Identifier
    value: StatValue
    mutual: bool = Field(default=False, description="Set the same trust in both directions.")


class TensionEntry(Strict):
    """Starting tension between two nations."""

    between: list[Identifier] = Field(min_length=2, max_length=2)
    value: StatValue


class Alliance(Strict):
    """A named bloc whose members defend each other."""

    id: Identifier
    name: ShortText
    members: list[Identifier] = Field(min_length=2)


class Relations(Strict):
    """How the nations stand toward each other at the start."""

    default_trust: StatValue = 50
    trust: list[TrustEntry] = Field(default_factory=list)
    tension: list[TensionEntry] = Field(default_factory=list)
    alliances: list[Alliance] = Field(default_factory=list)
    hotlines: list[Annotated[list[Identifier], Field(min_length=2, max_length=2)]] = Field(
        default_factory=list, description="Pairs of nation ids, e.g. [[a, b]]."
    )


# --------------------------------------------------------------------------- treaties


class Norm(Strict):
    """A norm of responsible state behaviour that comes into force at its quorum."""

    id: Identifier
    name: ShortText
    description: Text
    forbids: list[OperationKind] = Field(
        min_length=1, description="Operations that violate the norm."
    )
    quorum: int = Field(
        default=3, ge=2, le=250, description="Signatories needed for it to be in force."
    )
    signatories: list[Identifier] = Field(default_factory=list, description="Endorsed at start.")


class ArmsControl(Strict):
    """An arms-control agreement capping the parties' offense stockpile."""

    id: Identifier
    name: ShortText
    description: Text
    offense_cap: StatValue
    min_parties: int = Field(
        default=2, ge=2, le=250, description="Ratifications needed to be in force."
    )
    parties: list[Identifier] = Field(default_factory=list, description="Ratified at start.")


# --------------------------------------------------------------------------- scoring


class ScoreWeights(Strict):
    """How a nation's score is weighted."""

    security: float = Field(default=1.0, ge=0, le=10)
    prosperity: float = Field(default=1.0, ge=0, le=10)
    influence: float = Field(default=1.0, ge=0, le=10)
    objectives: float = Field(default=1.0, ge=0, le=10)


class SharedGoal(Strict):
    """A goal the whole world wins together."""

    stability: StatValue = Field(description="Final stability at least this.")


class Scoring(Strict):
    """How the game is won and lost."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {
                "properties": {"victory": {"enum": ["shared_goal", "both"]}},
                "required": ["victory"],
            },
            "then": {"required": ["shared_goal"]},
        }
    )

    weights: ScoreWeights = Field(default_factory=ScoreWeights)
    collapse_threshold: StatValue = Field(
        default=15, description="Stability below this for collapse_turns turns: everyone loses."
    )
    collapse_turns: int = Field(default=2, ge=1)
    victory: Literal["best_score", "shared_goal", "both"] = "best_score"
    shared_goal: SharedGoal | None = None

    @model_validator(mode="after")
    def _goal_needed(self) -> Scoring:
        if self.victory != "best_score" and self.shared_goal is None:
            raise ValueError(
                f"victory '{self.victory}' needs a 'shared_goal', e.g. shared_goal: {{stability: 60}}"
            )
        return self


# --------------------------------------------------------------------------- scenario


class Scenario(Strict):
    """A whole scenario file."""

    format: Literal[1] = Field(default=FORMAT_VERSION, description="Scenario format version.")
    id: Identifier
    title: ShortText
    summary: Text
    author: ShortText | None = None
    learning_objectives: list[Text] = Field(default_factory=list)
    turns: int = Field(ge=1, le=MAX_TURNS)
    seed: int = Field(default=1, ge=0, le=2**63 - 1)
    actions_per_turn: int = Field(default=2, ge=1, le=10)
    map: WorldMap | GeneratedMap = Field(discriminator="type")
    nations: list[Nation] = Field(min_length=2, max_length=250)
    relations: Relations = Field(default_factory=Relations)
    norms: list[Norm] = Field(default_factory=list)
    arms_control: list[ArmsControl] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    scoring: Scoring = Field(default_factory=Scoring)

    def nation_index(self) -> dict[str, int]:
        """Nation id -> its index in the state arrays (file order)."""
        return {n.id: i for i, n in enumerate(self.nations)}

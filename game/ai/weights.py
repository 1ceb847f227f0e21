"""Personalities and difficulties of AI nations.

A personality is a set of six weights, each 0-1. A scenario names one and may override
any weight (``ai_weights``). Difficulty changes how well the AI plays — how noisy its
judgement is and how far it looks ahead — never what it sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class Weights:
    """What an AI cares about, each 0-1."""

    aggression: float  # appetite for covert operations against others
    cooperation: float  # appetite for diplomacy: talks, hotlines, alliances, aid
    reciprocity: float  # answers like with like: retaliates, returns favours
    forgiveness: float  # how fast grievances stop driving its choices
    risk_aversion: float  # fear of being caught and of escalation
    norm_respect: float  # weight it gives to norms and treaties it signed

    def with_overrides(self, overrides: Mapping[str, float] | None) -> Weights:
        if not overrides:
            return self
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"unknown AI weight(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: float(v) for k, v in overrides.items()})


@dataclass(frozen=True, slots=True)
class Personality:
    """A named personality: its weights and whether it uses diplomacy at all."""

    name: str
    weights: Weights
    diplomatic: bool
    description: str


PERSONALITIES: dict[str, Personality] = {
    p.name: p
    for p in (
        Personality(
            "cooperative",
            Weights(0.10, 0.75, 0.45, 0.80, 0.30, 0.90),
            True,
            "seeks talks, hotlines, treaties and partners; rarely attacks",
        ),
        Personality(
            "aggressive",
            Weights(0.90, 0.20, 0.50, 0.15, 0.20, 0.10),
            True,
            "builds offense and strikes whoever looks weak or hostile",
        ),
        Personality(
            "defensive",
            Weights(0.15, 0.50, 0.60, 0.50, 0.90, 0.70),
            True,
            "invests in defense and forensics, seeks hotlines and allies",
        ),
        Personality(
            "opportunist",
            Weights(0.55, 0.50, 0.30, 0.50, 0.40, 0.30),
            True,
            "allies with the strong, preys on the weak, cheats when it pays",
        ),
        Personality(
            "isolationist",
            Weights(0.30, 0.00, 0.50, 0.50, 0.80, 0.50),
            False,
            "never uses diplomacy; relies on its own defenses",
        ),
        Personality(
            "reciprocal",
            Weights(0.30, 0.70, 1.00, 0.60, 0.50, 0.60),
            True,
            "answers like with like, and forgives after a while",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class Difficulty:
    """How well an AI plays."""

    name: str
    noise: float  # σ of the noise on every utility (misjudgement)
    plans: int  # candidate plans compared by lookahead through the engine (0: none)
    samples: int  # dice rolls per plan in the lookahead
    spend_skill: float  # 0-1: how well it matches investments to its situation
    idle: float  # chance of leaving an action slot unused (inattention)


DIFFICULTIES: dict[str, Difficulty] = {
    "easy": Difficulty("easy", noise=1.0, plans=0, samples=0, spend_skill=0.2, idle=0.35),
    "normal": Difficulty("normal", noise=0.2, plans=2, samples=1, spend_skill=0.8, idle=0.05),
    "hard": Difficulty("hard", noise=0.05, plans=4, samples=2, spend_skill=1.0, idle=0.0),
}


def personality(name: str) -> Personality:
    try:
        return PERSONALITIES[name]
    except KeyError:
        known = ", ".join([*PERSONALITIES, "random"])
        raise ValueError(f"unknown personality '{name}' (known: {known})") from None


def difficulty(name: str) -> Difficulty:
    try:
        return DIFFICULTIES[name]
    except KeyError:
        raise ValueError(f"unknown difficulty '{name}' (easy, normal or hard)") from None


def personalities_table() -> str:
    """The personalities and their weights as a markdown table (for docs/ai.md)."""
    names = [f.name for f in fields(Weights)]
    head = (
        "| personality | "
        + " | ".join(n.replace("_", " ") for n in names)
        + " | diplomacy | plays |"
    )
    lines = [head, "|---" * (len(names) + 3) + "|"]
    for p in PERSONALITIES.values():
        values = " | ".join(f"{getattr(p.weights, n):.2f}" for n in names)
        uses = "yes" if p.diplomatic else "never"
        lines.append(f"| `{p.name}` | {values} | {uses} | {p.description} |")
    lines.append(
        "| `random` | — | — | — | — | — | — | yes | uniformly random legal orders (a baseline) |"
    )
    return "\n".join(lines) + "\n"


def difficulties_table() -> str:
    """The difficulty levels as a markdown table (for docs/ai.md)."""
    lines = [
        "| difficulty | noise on every utility (σ) | plans compared by lookahead | dice rolls "
        "per plan | investment skill | chance to leave a slot unused |",
        "|---|---|---|---|---|---|",
    ]
    for d in DIFFICULTIES.values():
        plans = "none" if d.plans <= 1 else str(d.plans)
        lines.append(
            f"| `{d.name}` | {d.noise:g} | {plans} | {d.samples or '—'} | {d.spend_skill:.0%} "
            f"| {d.idle:.0%} |"
        )
    return "\n".join(lines) + "\n"

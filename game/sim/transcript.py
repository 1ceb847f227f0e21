"""Readable text of a game: one line per turn, and the final ranking with its breakdown.

Used by ``cyberdip run`` and ``cyberdip replay``; the same game prints the same text.
``cyberdip run --reasons`` adds every AI move of each turn with the reason it gave.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.engine.diplomacy import pact_name
from game.engine.game import Game
from game.engine.records import TurnReport
from game.engine.types import Level
from game.words import possessive

if TYPE_CHECKING:
    from game.report.debrief import Decision

#: Diplomatic happenings worth a mention in a one-line summary, in the order shown.
NOTABLE = (
    "hotline",
    "alliance_formed",
    "alliance_joined",
    "alliance_left",
    "norm_in_force",
    "norm_lapsed",
    "arms_in_force",
    "arms_lapsed",
    "cheating_exposed",
    "denunciation",
    "false_accusation",
    "sanction",
    "capacity_built",
)


def _alliance_name(game: Game, ident: str | None) -> str:
    """The name of alliance ``ident``: one of the scenario's, one formed in play (named
    after its two founders, as the engine names it), or one still standing."""
    for alliance in game.state.world.scenario.relations.alliances:
        if alliance.id == ident:
            return alliance.name
    names = game.state.world.names
    for report in game.reports():
        for d in report.diplomacy:
            if d.kind == "alliance_formed" and d.subject == ident:
                return pact_name(names, d.actors[0], d.actors[1])
    for standing in game.state.alliances:
        if standing.id == ident:
            return standing.name
    return ident or "alliance"


def _short(game: Game, kind: str, actors: tuple[int, ...], subject: str | None) -> str:
    names = game.state.world.names
    world = game.state.world
    pair = "–".join(names[a] for a in actors[:2])
    if kind == "hotline":
        return f"hotline {pair}"
    if kind == "alliance_formed":
        return f"alliance {pair}"
    if kind == "alliance_joined":
        return f"{names[actors[0]]} joins the {_alliance_name(game, subject)}"
    if kind == "alliance_left":
        return f"{names[actors[0]]} leaves the {_alliance_name(game, subject)}"
    if kind in ("norm_in_force", "norm_lapsed") and subject in world.norm_ids:
        name = world.norm_name(world.norm_ids.index(subject))
        return f"norm '{name}' {'in force' if kind == 'norm_in_force' else 'lapsed'}"
    if kind in ("arms_in_force", "arms_lapsed") and subject in world.agreement_ids:
        name = world.agreement_name(world.agreement_ids.index(subject))
        return f"'{name}' {'in force' if kind == 'arms_in_force' else 'lapsed'}"
    if kind == "cheating_exposed":
        return f"{names[actors[1]]} caught cheating"
    if kind == "denunciation":
        return f"{names[actors[0]]} accuses {names[actors[1]]}"
    if kind == "false_accusation":
        return f"{possessive(names[actors[0]])} accusation exposed as false"
    if kind == "sanction":
        return f"{names[actors[0]]} sanctions {names[actors[1]]}"
    if kind == "capacity_built":
        return f"{names[actors[0]]} aids {names[actors[1]]}"
    return kind


def turn_line(game: Game, report: TurnReport, previous: float) -> str:
    """``T 3 | stability 52.1 (-2.3) | 4 incidents seen (1 misattributed) | ...``"""
    delta = report.stability.total - previous
    seen = [op for op in report.operations if op.detected]
    wrong = sum(op.misattributed for op in seen)
    parts = [f"T{report.turn:>3}", f"stability {report.stability.total:5.1f} ({delta:+.1f})"]
    incidents = f"{len(seen)} incident{'s' if len(seen) != 1 else ''} seen"
    if wrong:
        incidents += f" ({wrong} misattributed)"
    parts.append(incidents)
    talks = sum(1 for d in report.diplomacy if d.kind == "talks")
    notable = [
        _short(game, d.kind, d.actors, d.subject)
        for kind in NOTABLE
        for d in report.diplomacy
        if d.kind == kind
    ]
    counts = Counter(notable)
    shown = [f"{text} ×{n}" if n > 1 else text for text, n in counts.items()]
    if talks:
        shown.insert(0, f"talks ×{talks}")
    names = game.state.world.names
    for e in report.escalations:
        if e.after > e.before and e.after >= Level.CRISIS:
            shown.append(f"{names[e.a]}–{names[e.b]} {Level(e.after).label}")
    for event in report.events:
        shown.append(f"event: {event.title}")
    if shown:
        parts.append(", ".join(shown))
    if report.over:
        parts.append(f"[{report.outcome}]")
    return " | ".join(parts)


def final_lines(game: Game) -> list[str]:
    """The headline and the ranking with each score's breakdown."""
    result = game.result()
    names = game.state.world.names
    lines = [
        "",
        f"Game over ({result.outcome}) after turn {game.state.turn - 1}: {result.headline(names)}",
        f"Final stability {game.state.stability:.1f}",
        "",
    ]
    width = max(len(n) for n in names)
    for place, i in enumerate(result.ranking, start=1):
        score = result.scores[i]
        parts = ", ".join(f"{k} {v:.1f}" for k, v in score.parts().items())
        marker = " *" if i in result.winners else ""
        lines.append(f"{place:>2}. {names[i].ljust(width)}  {score.total:5.1f}  ({parts}){marker}")
    return lines


def decision_lines(game: Game, decisions: Sequence[Decision]) -> list[str]:
    """The AI moves of a turn, one indented line each: who, what (secret moves, which
    nobody saw, and private ones, which only the nation they concerned saw, are marked)
    and the reason given, in the order the nations were given their seats."""
    if not decisions:
        return []
    names = game.state.world.names
    index = game.state.world.index
    width = max(len(names[index[x.nation]]) for x in decisions)
    return [
        f"      {names[index[x.nation]]:<{width}}  "
        + (f"({x.tag}) " if x.tag else "")
        + f"{x.action} — {x.reason}"
        for x in decisions
    ]

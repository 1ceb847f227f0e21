"""The balance table ``cyberdip simulate`` prints: per nation, and for the world."""

from __future__ import annotations

from typing import Any

from game.sim.batch import BatchResult
from game.words import counted


def balance_table(result: BatchResult) -> list[str]:
    """Readable lines summarising a batch for a scenario designer."""
    data = result.to_dict()
    lines = [
        f"{data['scenario']}: {counted(data['games'], 'game')}, seed {data['seed']}, "
        f"{counted(data['turns'], 'turn')}",
        "",
    ]
    width = max(len(n) for n in result.names)
    header = (
        f"{'nation'.ljust(width)}  {'personality':<12} {'win %':>6} {'score':>6}  "
        f"{'secur':>5} {'prosp':>5} {'influ':>5} {'objec':>5}  {'ops':>5} "
        f"{'hit by':>6} {'infra':>5}"
    )
    lines += [header, "-" * len(header)]
    order = sorted(data["nations"].items(), key=lambda kv: -kv[1]["score_mean"])
    for _nid, row in order:
        parts = row["score_breakdown_mean"]
        objectives = f"{parts['objectives']:5.1f}" if "objectives" in parts else "    -"
        lines.append(
            f"{row['name'].ljust(width)}  {row['personality']:<12} "
            f"{100 * row['win_rate']:6.1f} {row['score_mean']:6.1f}  "
            f"{parts['security']:5.1f} {parts['prosperity']:5.1f} {parts['influence']:5.1f} "
            f"{objectives}  {row['ops_launched_mean']:5.1f} "
            f"{row['ops_succeeded_against_mean']:6.1f} {row['infrastructure_final_mean']:5.1f}"
        )
    lines += [
        "-" * len(header),
        "key: score and its parts (security, prosperity, influence, objectives; '-' = none)",
        "are means over the games; ops = covert operations it launched per game; hit by =",
        "operations that succeeded against it per game; infra = its final infrastructure",
    ]
    st, ops, esc, dip = data["stability"], data["ops"], data["escalations"], data["diplomacy"]
    launched = ops["launched"]
    lines += [
        "",
        f"stability: final {st['final_mean']:.1f} ± {st['final_std']:.1f}    "
        f"mean trust {data['trust']['final_mean']:.1f}    "
        f"collapse {100 * data['outcomes']['collapse_rate']:.0f}% of games",
        _winner_line(result),
        *_objective_lines(result),
        f"operations per game: espionage {launched['espionage']:.1f}, sabotage "
        f"{launched['sabotage']:.1f}, disinformation {launched['disinformation']:.1f}"
        + _unknown_actors(ops)
        + f"; detected {ops['detected']:.1f}, correctly attributed "
        f"{ops['attributed_correctly']:.1f}, misattributed {ops['misattributed']:.1f}",
        f"escalations per game: {esc['crises']:.1f} to crisis, {esc['conflicts']:.1f} to "
        f"conflict ({esc['after_misattribution']:.1f} right after a misattribution)",
        f"diplomacy per game: talks {dip['talks']:.1f}, hotlines {dip['hotlines']:.1f}, "
        f"alliances {dip['alliances_formed']:.1f}; at the end {dip['norms_in_force_final']:.1f} "
        f"norms and {dip['arms_control_in_force_final']:.1f} arms-control agreements in force",
        *_action_lines(result),
    ]
    return lines


def _winner_line(result: BatchResult) -> str:
    """How often a game had no winner, or a shared win.

    The win % column alone hides both: with a shared goal (``victory: shared_goal`` or
    ``both``) a game in which the goal is missed has no winner, so the column can sum to
    well under 100 %, and a tie counts for every tied nation, so it can sum to more.
    """
    games = max(len(result.summaries), 1)
    none = sum(1 for s in result.summaries if not s.winners)
    ties = sum(1 for s in result.summaries if len(s.winners) > 1)
    return (
        f"winners: no winner in {100 * none / games:.0f}% of games (shared goal missed or "
        f"collapse), a tie in {100 * ties / games:.0f}%"
    )


#: Action kinds shown per personality (the rest are in the JSON's ``actions_per_game``).
_TOP_ACTIONS = 5


def _action_lines(result: BatchResult) -> list[str]:
    """What each personality spends its action slots on, per nation and game, most used
    first — whether an aggressive nation attacks and a cooperative one talks is what a
    designer checks before the win rates."""
    lines = []
    for personality, (count, rates) in result.action_mix().items():
        top = list(rates.items())[:_TOP_ACTIONS]
        shown = ", ".join(f"{kind.replace('_', ' ')} {r:.1f}" for kind, r in top) or "none"
        more = ", ..." if len(rates) > _TOP_ACTIONS else ""
        nations = f"{count} nation{'s' if count != 1 else ''}"
        lines.append(f"  {personality} ({nations}): {shown}{more}")
    return ["actions per nation per game, by personality:", *lines] if lines else []


def _objective_lines(result: BatchResult) -> list[str]:
    """ "objectives met: <nation>: <id> 45%, <id> 80%" for each nation with objectives —
    which goal a nation misses is what a designer tunes."""
    lines = []
    for i in range(len(result.nations)):
        if not result.objectives or not result.objectives[i]:
            continue
        rates = result.objective_rates(i)
        shown = ", ".join(f"{g} {100 * r:.0f}%" for g, r in rates.items())
        lines.append(f"  {result.names[i]}: {shown}")
    return ["objectives met (share of games):", *lines] if lines else []


def _unknown_actors(ops: dict[str, Any]) -> str:
    """The scripted incidents no nation launched, which the detections include."""
    unknown = ops.get("by_unknown_actors", 0.0)
    return f", and {unknown:.1f} by unknown actors (scripted events)" if unknown else ""

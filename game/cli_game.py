"""CLI verbs that play games headless: ``run``, ``replay``, ``simulate``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.cli import EXIT_INVALID, EXIT_OK, InputError, UsageError, check_output, write_output


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


#: The most games one ``simulate`` may ask for: a million 30-turn games already take days
#: on a workstation, and every game's seed is drawn before the first game starts.
MAX_GAMES = 1_000_000
#: The most worker processes ``simulate`` starts: far more than any machine has cores.
MAX_WORKERS = 256


def _capped(text: str, most: int, too_many: str) -> int:
    """A whole number from 1 to ``most``; past it, ``too_many`` (formatted with ``most``
    and ``value``) is the error."""
    value = positive_int(text)
    if value > most:
        raise argparse.ArgumentTypeError(too_many.format(most=most, value=value))
    return value


def games_int(text: str) -> int:
    """A number of games: 1 to :data:`MAX_GAMES`."""
    return _capped(text, MAX_GAMES, "at most {most:,} games (got {value:,})")


def usable_cores() -> int:
    """The CPU cores this process may run on (a container's or ``taskset``'s limit)."""

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # (not on macOS or Windows)
        return max(1, os.cpu_count() or 1)


def workers_int(text: str) -> int:
    """A number of worker processes: 1 to :data:`MAX_WORKERS`."""
    return _capped(text, MAX_WORKERS, "at most {most} workers (got {value})")


def turns_int(text: str) -> int:
    """A number of turns: 1 to the longest game a scenario may have."""
    from game.scenario.models import MAX_TURNS

    return _capped(text, MAX_TURNS, "a game lasts at most {most} turns (got {value})")


def seed_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("a seed is between 0 and 2^63-1")
    return value


def load_scenario_arg(ref: str):
    from game.scenario.catalog import load

    return load(ref)


# --------------------------------------------------------------------------- run


def cmd_run(args: argparse.Namespace) -> int:
    from game.ai.driver import play_ai_turn
    from game.engine.game import Game, Seat
    from game.engine.interventions import SetLastTurn
    from game.engine.saves import SaveError, save_game
    from game.report.debrief import turn_decisions
    from game.sim.transcript import decision_lines, final_lines, turn_line
    from game.ui.panels.wording import choice_labels

    scenario = load_scenario_arg(args.scenario)
    if args.save is not None:
        check_output("--save", args.save)  # (before the game is played)
    game = Game.new(scenario, args.seed)
    # Every seat is played by its AI here, and a save should say so.
    for nid, seat in list(game.seats.items()):
        game.seats[nid] = Seat("ai", seat.personality, seat.difficulty, seat.weights)
    if args.turns and args.turns != scenario.turns:
        game.intervene(SetLastTurn(last_turn=args.turns, reason="--turns"))
    _out(
        f"{scenario.title} — {len(scenario.nations)} nations, seed {game.seed}, "
        f"{game.state.last_turn} turns"
    )
    previous = game.state.stability
    labels = choice_labels(scenario)
    while not game.over:
        before = game.state
        play_ai_turn(game, all_ai=True)
        report = game.history[-1].report
        _out(turn_line(game, report, previous))
        if args.reasons:
            for line in decision_lines(
                game, turn_decisions(game, game.history[-1], before, labels)
            ):
                _out(line)
        previous = report.stability.total
    for line in final_lines(game):
        _out(line)
    if args.save:
        try:
            save_game(game, args.save)
        except SaveError as exc:
            raise InputError(str(exc)) from None
        _out(f"saved to {args.save}")
    return EXIT_OK


# --------------------------------------------------------------------------- replay


def cmd_replay(args: argparse.Namespace) -> int:
    from game.engine.saves import SaveError, game_from_payload, read_save_payload
    from game.sim.transcript import final_lines, turn_line

    try:
        payload = read_save_payload(args.save)
        # (--verify checks every turn's hash, and also that the game loads: its seats and
        # what was pending when it was saved)
        game = game_from_payload(payload, args.save)
    except SaveError as exc:
        if args.verify and exc.mismatch_turn is not None:
            _out(f"MISMATCH: turn {exc.mismatch_turn} does not reproduce the saved state hash")
            return EXIT_INVALID
        raise InputError(str(exc)) from None
    if args.verify:
        final = game.history[-1].hash[:16] if game.history else "-"
        _out(f"ok: {len(game.history)} turns replayed, every state hash matches (final {final})")
        return EXIT_OK
    previous = game.initial.stability
    for record in game.history:
        _out(turn_line(game, record.report, previous))
        previous = record.report.stability.total
    if game.over:
        for line in final_lines(game):
            _out(line)
    return EXIT_OK


# --------------------------------------------------------------------------- simulate


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.scenario.loader import canonical_json
    from game.sim.batch import BackendUnavailable, simulate
    from game.sim.table import balance_table

    scenario = load_scenario_arg(args.scenario)
    # Every output is checked before the batch is played (not after minutes of it), and
    # nothing is written unless all of them can be.
    outputs = [
        (flag, path) for flag, path in (("--json", args.json), ("--chart", args.chart)) if path
    ]
    for flag, path in outputs:
        check_output(flag, path)
    if args.chart:
        from game.sim.charts import chart_format_error

        problem = chart_format_error(args.chart)
        if problem:
            raise InputError(problem)
    progress = not args.quiet and sys.stderr.isatty()
    try:
        result = simulate(
            canonical_json(scenario),
            games=args.games,
            seed=args.seed,
            workers=args.workers or usable_cores(),
            turns=args.turns,
            backend=args.backend,
            progress=progress,
        )
    except BackendUnavailable as exc:
        raise UsageError(str(exc)) from None
    if not args.quiet:
        for line in balance_table(result):
            _out(line)
    contents: dict[str, bytes] = {}
    if args.json:
        contents["--json"] = result.to_json().encode()
    if args.chart:
        from game.sim.charts import balance_figure, chart_bytes

        figure = balance_figure(result, scenario)
        contents["--chart"] = chart_bytes(figure, Path(args.chart).suffix)
    for flag, path in outputs:
        write_output(path, contents[flag])
        if not args.quiet:
            _out(f"wrote {path}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="play one headless all-AI game and print what happens")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario file or bundled id")
    p.add_argument("--seed", type=seed_int, help="game seed (default: the scenario's)")
    p.add_argument("--turns", type=turns_int, help="play this many turns instead")
    p.add_argument("--save", metavar="PATH", help="save the finished game to PATH")
    p.add_argument(
        "--reasons",
        action="store_true",
        help="after each turn, every AI move with the reason it gave (secret ones marked)",
    )
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("replay", help="re-run a save; --verify checks every turn's hash")
    p.add_argument("save", metavar="SAVE", help="a game saved by 'run --save' or the game")
    p.add_argument(
        "--verify",
        action="store_true",
        help="exit 0 if every turn reproduces its hash, 1 at the first mismatch",
    )
    p.set_defaults(handler=cmd_replay)

    p = sub.add_parser("simulate", help="many headless AI games: a balance table for designers")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario file or bundled id")
    p.add_argument(
        "--games",
        type=games_int,
        default=100,
        help="how many games (default 100, at most 1,000,000)",
    )
    # Not the scenario's seed: each game gets its own, drawn from this one, so a batch
    # covers many different games and is still reproducible.
    p.add_argument(
        "--seed",
        type=seed_int,
        default=0,
        help="batch seed; each game's seed is drawn from it (default 0)",
    )
    p.add_argument(
        "--workers",
        type=workers_int,
        default=None,
        help=(
            "games played in parallel (default: one per CPU core, at most 256); "
            "the results do not depend on it"
        ),
    )
    p.add_argument("--turns", type=turns_int, help="play this many turns instead of the scenario's")
    p.add_argument("--json", metavar="PATH", help="write the results as JSON")
    p.add_argument(
        "--chart",
        metavar="PATH",
        help="draw the balance sheet (stability, wins, scores) to PATH: .png, .svg or .pdf",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar and no table")
    p.add_argument(
        "--backend",
        choices=("process", "ray"),
        default="process",
        help="run games in local processes (default) or on a Ray cluster",
    )
    p.set_defaults(handler=cmd_simulate)

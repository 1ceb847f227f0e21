"""CLI verb ``report``: the after-action report of a save, as HTML, CSV and JSON files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli import EXIT_OK, InputError


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def cmd_report(args: argparse.Namespace) -> int:
    from game.engine.saves import SaveError, load_game
    from game.report.debrief import DebriefError
    from game.report.export import write_report

    if not args.out.strip():
        raise InputError("--out '': give a folder for the report")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} is a file, not a folder; give a folder for the report")
    try:
        game = load_game(args.save)
    except SaveError as exc:
        raise InputError(str(exc)) from None
    try:
        written = write_report(game, out)
    except DebriefError as exc:
        raise InputError(f"{args.save}: {exc}") from None
    except OSError as exc:
        where = exc.filename or out
        raise InputError(f"cannot write the report to {where}: {exc.strerror or exc}") from None
    _out(f"Report of {game.scenario.title} ({len(game.history)} turns) in {out}:")
    for path in written:
        _out(f"  wrote {path}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write the after-action report of a save "
        "(report.html, turns.csv, incidents.csv, trust.csv, "
        "summary.json)",
    )
    p.add_argument("save", metavar="SAVE", help="a saved game")
    p.add_argument(
        "--out",
        metavar="DIR",
        required=True,
        help="folder for the report (created if needed; only the six report "
        "files in it are replaced)",
    )
    p.set_defaults(handler=cmd_report)

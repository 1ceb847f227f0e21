"""``cyberdip``: the command line of Cyber Diplomacy.

Every command reports bad input as one line on stderr and a non-zero exit status:
1 when the input (a scenario, a save) is wrong, 2 when the command line itself is.
No traceback reaches the user unless ``CYBERDIP_DEBUG=1`` is set.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from game import __version__

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command line is wrong (exit 2)."""


class InputError(Exception):
    """A file or value the user gave is wrong (exit 1)."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as a single line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


# --------------------------------------------------------------------------- commands


def _validate_target(name: str) -> str:
    """The file to check: ``name`` itself, or the bundled scenario whose id it is."""
    if Path(name).exists():
        return name
    from game.scenario.catalog import bundled_paths

    for path in bundled_paths():
        if path.stem == name:
            return str(path)
    return name


#: The most problems ``validate`` lists for one file.
MAX_SHOWN_PROBLEMS = 200


def cmd_validate(args: argparse.Namespace) -> int:
    from game.scenario import check_file

    status = EXIT_OK
    for given in args.files:
        name = _validate_target(given)
        scenario, diagnostics = check_file(name)
        shown = [d for d in diagnostics if d.severity == "error" or not args.quiet]
        # Every problem, up to a screenful of them: a file with thousands of the same
        # mistake needs the first ones fixed, not all of them listed.
        for diagnostic in shown[:MAX_SHOWN_PROBLEMS]:
            _out(diagnostic.format())
        if len(shown) > MAX_SHOWN_PROBLEMS:
            _out(f"{name}: ... and {len(shown) - MAX_SHOWN_PROBLEMS:,} more problems not shown")
        if scenario is None:
            status = EXIT_INVALID
        else:
            _out(
                f"ok: {name} — {scenario.title}, {len(scenario.nations)} nations, "
                f"{scenario.turns} turns"
            )
    return status


def check_output(flag: str, path: str) -> None:
    """An InputError if ``path`` (given with ``flag``) could never take a file: empty,
    ending in a slash, a folder, a device or pipe, or under a file (see
    :func:`game.engine.fileio.check_writable_target`). Commands call it before their
    work, so that a bad path costs nothing and nothing is written."""
    from game.engine.fileio import check_writable_target

    if not path.strip() or path.endswith(("/", os.sep)):
        raise InputError(f"{flag} {path!r}: give a file name")
    try:
        check_writable_target(Path(path))
    except OSError as exc:
        raise InputError(f"cannot write {flag} {path}: {exc.strerror or exc}") from None


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.schema import schema_text

    text = schema_text()
    if args.out is not None:
        check_output("--out", args.out)
        write_output(args.out, text.encode("utf-8"))
        _out(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from game.scenario.catalog import bundled

    entries = bundled()
    width = max((len(e.id) for e in entries), default=2)
    _out(f"{'id'.ljust(width)}  {'nations':>7}  {'turns':>5}  title")
    for entry in entries:
        s = entry.scenario
        _out(f"{entry.id.ljust(width)}  {len(s.nations):>7}  {s.turns:>5}  {s.title}")
    return EXIT_OK


# --------------------------------------------------------------------------- plumbing


def write_output(path: str | Path, data: bytes) -> None:
    """Write a command's output file atomically; an OSError becomes a one-line
    InputError."""
    from game.engine.fileio import write_atomically

    try:
        write_atomically(Path(path), data)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, one sub-command per verb."""
    parser = _Parser(
        prog="cyberdip",
        description="Cyber Diplomacy: a turn-based cyber-diplomacy strategy game.",
    )
    parser.add_argument("--version", action="version", version=f"cyberdip {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("validate", help="check scenario files (exit 0 valid, 1 invalid)")
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="a scenario file, or the id of a bundled scenario"
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print errors only, no warnings")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    p.add_argument("--out", metavar="FILE", help="write it to FILE instead of stdout")
    p.set_defaults(handler=cmd_schema)

    p = sub.add_parser("list", help="list the bundled scenarios")
    p.set_defaults(handler=cmd_list)

    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(sub)
    return parser


#: Modules that add the verbs of later layers (each has ``register(subparsers)``),
#: so that this module stays small and importing it stays cheap.
COMMAND_MODULES: tuple[str, ...] = ("game.cli_game", "game.cli_ui", "game.cli_report")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            parser.print_help()
            return EXIT_OK
        return handler(args)
    except UsageError as exc:
        _err(f"cyberdip: error: {exc}")
        return EXIT_USAGE
    except InputError as exc:
        _err(f"cyberdip: error: {exc}")
        return EXIT_INVALID
    except KeyboardInterrupt:
        _err("cyberdip: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        from game.scenario import ScenarioError

        if isinstance(exc, ScenarioError):
            for diagnostic in exc.diagnostics:
                _err(diagnostic.format())
            return EXIT_INVALID
        if os.environ.get("CYBERDIP_DEBUG"):
            raise
        _err(
            f"cyberdip: internal error: {type(exc).__name__}: {exc} "
            "(set CYBERDIP_DEBUG=1 for details)"
        )
        return 70

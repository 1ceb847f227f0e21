"""CLI verbs that need pygame: ``play`` (the game window) and ``render`` (a map to a PNG).

Importing this module is cheap: pygame is imported by the handlers only. Bad arguments
exit 2 (a one-line usage error), a missing scenario or save 1, like every verb.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from pathlib import Path

from game.cli import EXIT_OK, InputError, UsageError, check_output
from game.ui.mapview.lenses import LENS_KEYS

DEFAULT_SCENARIO = "tutorial"
MIN_SIZE = (160, 120)
MAX_SIZE = (8192, 8192)
_SIZE = re.compile(r"^\s*(\d+)\s*[xX×]\s*(\d+)\s*$")


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def size_arg(text: str) -> tuple[int, int]:
    """``WxH`` in pixels, within the sizes the renderer accepts."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1280x720, got '{text}'")
    w, h = int(match.group(1)), int(match.group(2))
    if not (MIN_SIZE[0] <= w <= MAX_SIZE[0] and MIN_SIZE[1] <= h <= MAX_SIZE[1]):
        raise argparse.ArgumentTypeError(
            f"size {w}x{h} is out of range ({MIN_SIZE[0]}x{MIN_SIZE[1]} to "
            f"{MAX_SIZE[0]}x{MAX_SIZE[1]})"
        )
    return (w, h)


def _whole(text: str, low: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < low:
        raise argparse.ArgumentTypeError(f"{what} must be at least {low} (got {value})")
    return value


def turns_arg(text: str) -> int:
    return _whole(text, 0, "the number of turns")


def autoplay_arg(text: str) -> int:
    return _whole(text, 1, "--autoplay")


def seed_arg(text: str) -> int:
    value = _whole(text, 0, "a seed")
    if value >= 2**63:
        raise argparse.ArgumentTypeError("a seed is between 0 and 2^63-1")
    return value


def _quiet_pygame(headless: bool) -> None:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if headless:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def _nation_index(scenario, ref: str | None, option: str) -> int | None:
    if ref is None:
        return None
    ids = [n.id for n in scenario.nations]
    if ref in ids:
        return ids.index(ref)
    raise UsageError(f"{option}: no nation '{ref}' in {scenario.id} (one of: {', '.join(ids)})")


# --------------------------------------------------------------------------- render


def cmd_render(args: argparse.Namespace) -> int:
    _quiet_pygame(headless=True)
    if not args.out.lower().endswith(".png"):
        raise UsageError(f"--out {args.out}: the picture is a PNG; give a name ending in .png")
    check_output("--out", args.out)
    out = Path(args.out)
    from game.scenario.catalog import load

    scenario = load(args.scenario)
    viewer = _nation_index(scenario, args.viewer, "--viewer") or 0
    selected = _nation_index(scenario, args.select, "--select")

    import pygame

    from game.ui.render import play_turns, render_map

    game = play_turns(scenario, args.seed, args.turn)
    surface = render_map(
        scenario,
        args.size,
        args.lens,
        viewer=viewer,
        selected=selected,
        ui_scale=args.scale,
        game=game,
    )
    _save_png(surface, out, pygame)
    played = f", after {len(game.history)} turn(s)" if args.turn else ""
    _out(f"wrote {out} ({args.size[0]}x{args.size[1]}, {args.lens} lens{played})")
    return EXIT_OK


def _save_png(surface, out: Path, pygame) -> None:
    """Encode the PNG in memory, then write it as every file the CLI writes: atomically
    (never a half-written file), making missing folders."""
    from game.engine.fileio import write_atomically

    encoded = io.BytesIO()
    try:
        pygame.image.save(surface, encoded, "png")
        write_atomically(out, encoded.getvalue())
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from None
    except pygame.error as exc:
        raise InputError(f"cannot write {out}: {exc}") from None


# --------------------------------------------------------------------------- play


def cmd_play(args: argparse.Namespace) -> int:
    """Open the game: the main menu, a new game of SCENARIO, or a saved game.

    ``--autoplay N`` plays N turns with every seat AI through the real game screen, then
    exits 0 (the tutorial when no SCENARIO is given). ``--facilitator`` opens the game in
    facilitator mode with the facilitator console open (asking the save's PIN, if any).
    """
    _quiet_pygame(headless=False)
    facilitator = bool(getattr(args, "facilitator", False))
    if facilitator and args.autoplay:
        raise UsageError("--facilitator and --autoplay do not go together")
    if facilitator and not (args.scenario or args.load):
        raise UsageError(
            "--facilitator needs a SCENARIO or --load SAVE (or tick facilitator mode in New game)"
        )
    if args.seed is not None and (args.load or not (args.scenario or args.autoplay)):
        raise UsageError(
            "--seed goes with a SCENARIO (a saved game keeps its seed; New game asks for one)"
        )
    game = _game_to_play(args)

    from game.ui.app import App
    from game.ui.scenes.game_scene import GameScene

    app = App()
    if not args.autoplay:  # (a demo run, or a test, plays in silence)
        app.music.start()
    if game is None:
        from game.ui.panels.links import main_menu

        menu = main_menu(app)
        if menu is not None:
            app.push(menu)
            return app.run()
        from game.engine.game import Game
        from game.scenario.catalog import load

        game = Game.new(load(DEFAULT_SCENARIO), args.seed)
    scene = GameScene(app, game, autoplay=args.autoplay or 0, facilitator=facilitator)
    app.push(scene)
    if facilitator:
        from game.ui.scenes.facilitator import open_console

        open_console(scene)
    status = app.run()
    if args.autoplay:
        _out(
            f"autoplay: {scene.turns_played} turn(s) played, turn {game.turn} of "
            f"{game.state.last_turn}{' (game over)' if game.over else ''}"
        )
        if scene.error:
            sys.stderr.write(f"cyberdip: error: the turn failed: {scene.error}\n")
            return 1
    return status


def _game_to_play(args: argparse.Namespace):
    """The game the command line asks for: loaded, new from SCENARIO, or None (the menu)."""
    if args.load:
        from game.engine.saves import SaveError, load_game

        if args.scenario:
            raise UsageError("give a SCENARIO or --load SAVE, not both")
        try:
            return load_game(args.load)
        except SaveError as exc:
            raise InputError(str(exc).splitlines()[0] if str(exc) else "bad save") from None
        except OSError as exc:
            raise InputError(f"cannot read {args.load}: {exc.strerror or exc}") from None
    if args.scenario or args.autoplay:
        from game.engine.game import Game
        from game.scenario.catalog import load

        scenario = load(args.scenario or DEFAULT_SCENARIO)
        return Game.new(scenario, args.seed)
    return None


# --------------------------------------------------------------------------- parser


def register(sub) -> None:
    """Add ``play`` and ``render`` to the ``cyberdip`` sub-command parser."""
    p = sub.add_parser("play", help="open the game window (the main menu without a SCENARIO)")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario file or bundled id")
    p.add_argument("--seed", type=seed_arg, help="game seed (default: the scenario's)")
    p.add_argument("--load", metavar="SAVE", help="continue a saved game")
    p.add_argument(
        "--autoplay",
        type=autoplay_arg,
        metavar="N",
        help="play N turns with every seat AI, then exit (a demo)",
    )
    p.add_argument(
        "--facilitator",
        action="store_true",
        help="classroom: facilitator mode, with the facilitator console open (Ctrl+Shift+F)",
    )
    p.set_defaults(handler=cmd_play)

    p = sub.add_parser("render", help="draw a scenario's map to a PNG, headless")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario file or bundled id")
    p.add_argument("--out", required=True, metavar="PNG", help="the picture to write")
    p.add_argument(
        "--size",
        type=size_arg,
        default=(1280, 720),
        metavar="WxH",
        help="picture size in pixels (default 1280x720)",
    )
    p.add_argument(
        "--lens", choices=LENS_KEYS, default="political", help="map lens (default political)"
    )
    p.add_argument("--seed", type=seed_arg, help="game seed (default: the scenario's)")
    p.add_argument(
        "--turn",
        type=turns_arg,
        default=0,
        metavar="N",
        help="play N turns with every seat AI first",
    )
    p.add_argument("--viewer", metavar="NATION", help="whose view to draw (default: the first)")
    p.add_argument(
        "--select",
        metavar="NATION",
        help="select a nation (the trust and tension lenses are about it)",
    )
    p.add_argument("--scale", type=float, default=1.0, help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_render)

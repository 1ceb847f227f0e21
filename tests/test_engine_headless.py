"""The engine runs without pygame.

DESIGN §2: "The engine imports neither pygame nor the UI (a test proves it). It runs
headless". STYLE: "a test imports the engine with pygame made unimportable." In a fresh
interpreter a meta-path finder refuses ``pygame`` and ``pygame_gui``; every module of
``game.engine``, ``game.ai``, ``game.sim`` and ``game.scenario`` is imported, then a game
is played, saved and loaded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from test_engine_kit import REPO

SCRIPT = textwrap.dedent("""
    import importlib
    import importlib.abc
    import pkgutil
    import sys
    import tempfile

    BLOCKED = ("pygame", "pygame_gui")

    class NoPygame(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"{name} is blocked by the headless test")
            return None

    sys.meta_path.insert(0, NoPygame())
    try:
        import pygame  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("the blocker does not work")

    imported = []
    for package_name in ("game.engine", "game.ai", "game.sim", "game.scenario"):
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, package_name + "."):
            importlib.import_module(info.name)
            imported.append(info.name)

    from game.ai.driver import play_ai_turn
    from game.engine.game import Game
    from game.engine.saves import load_game, save_game
    from game.scenario.catalog import load

    game = Game.new(load("tutorial"), 1)
    play_ai_turn(game, all_ai=True)
    play_ai_turn(game, all_ai=True)
    with tempfile.TemporaryDirectory() as folder:
        path = save_game(game, folder + "/headless.json")
        assert load_game(path).hashes() == game.hashes()
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    assert not loaded, loaded
    ui = sorted(m for m in sys.modules if m.startswith("game.ui"))
    assert not ui, ui
    print("ok", len(imported), "modules,", len(game.history), "turns")
""")


def test_engine_imports_and_plays_with_pygame_unimportable() -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for key in ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER"):
        env.pop(key, None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("ok "), done.stdout
    count = int(done.stdout.split()[1])
    assert count >= 20, done.stdout

"""Screens the game screen opens but does not own, imported lazily with fallbacks.

The menus (main menu, load, settings), the help overlay, the Cyberpedia and the debrief
live in their own modules. They are imported only when asked for; if one is missing or
fails to import, the game screen falls back to something simpler (a Cyberpedia card, a
list of keys) or reports that it is not available, and never crashes.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scene import Scene

log = logging.getLogger(__name__)

CYBERPEDIA = ("game.ui.scenes.cyberpedia", "CyberpediaScene")
HELP = ("game.ui.scenes.help_overlay", "HelpOverlay")
SETTINGS = ("game.ui.scenes.settings_scene", "SettingsScene")
LOAD = ("game.ui.scenes.load_game", "LoadGameScene")
MAIN_MENU = ("game.ui.scenes.main_menu", "MainMenuScene")
DEBRIEF = ("game.ui.scenes.debrief", "DebriefScene")

_missing_logged: set[str] = set()


def find(where: tuple[str, str]) -> Any | None:
    """The class ``where`` names, or None when it cannot be imported."""
    module_name, name = where
    try:
        module = importlib.import_module(module_name)
        return getattr(module, name)
    except Exception as exc:  # a missing or broken screen must not break the game
        if module_name not in _missing_logged:
            _missing_logged.add(module_name)
            log.info("%s.%s is not available: %s", module_name, name, exc)
        return None


def available(where: tuple[str, str]) -> bool:
    return find(where) is not None


def _push(app: App, where: tuple[str, str], *args: Any) -> bool:
    cls = find(where)
    if cls is None:
        return False
    try:
        scene = cls(app, *args)
    except Exception as exc:
        log.warning("could not open %s: %s", where[1], exc)
        return False
    app.push(scene)
    return True


def open_cyberpedia(app: App, entry_id: str | None = None) -> None:
    """The Cyberpedia at ``entry_id``; without it, a card with the entry's text."""
    if _push(app, CYBERPEDIA, entry_id):
        return
    from game.ui.scenes.confirm import InfoDialog

    app.push(InfoDialog.for_entry(app, entry_id))


def open_help(app: App) -> None:
    """The F1 controls overlay; without it, a card listing the keys."""
    top = app.scenes.top
    if getattr(top, "is_help", False) or type(top).__name__ == "HelpOverlay":
        return  # already showing
    if _push(app, HELP):
        return
    from game.ui.scenes.confirm import InfoDialog

    app.push(InfoDialog.keys(app))


def open_settings(app: App) -> bool:
    return _push(app, SETTINGS)


def open_load(app: App) -> bool:
    return _push(app, LOAD)


def main_menu(app: App) -> Scene | None:
    cls = find(MAIN_MENU)
    if cls is None:
        return None
    try:
        scene: Scene = cls(app)
    except Exception as exc:
        log.warning("could not open the main menu: %s", exc)
        return None
    return scene


def leave_to_main_menu(app: App) -> None:
    """Close the game: back to the main menu below it, a new main menu, or quit."""
    cls = find(MAIN_MENU)
    if cls is not None and any(isinstance(scene, cls) for scene in app.scenes):
        while app.scenes.top is not None and not isinstance(app.scenes.top, cls):
            app.scenes.pop()
        return
    scene = main_menu(app)
    app.scenes.clear()
    if scene is None:
        app.quit(0)
    else:
        app.push(scene)


def debrief(app: App, game: Any) -> bool:
    return _push(app, DEBRIEF, game)

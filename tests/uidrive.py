"""Driving the real app with real pygame events, for the UI tests.

Events are posted to pygame's queue and taken by :meth:`App.step` like any others, so
they go through pygame_gui and the scene stack exactly as a player's would. Frames run
with a fixed ``DT``. The AI resolves turns in a background thread: :func:`until` steps
frames until it is done.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.engine.game import Game, Seat
from game.scenario.catalog import load
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.scenes.game_scene import GameScene
from game.ui.scenes.turn_report import TurnReportScene

DT = 1 / 60
REPO = Path(__file__).resolve().parent.parent


def post(kind: int, **attrs: object) -> None:
    pygame.event.post(pygame.event.Event(kind, **attrs))


def steps(app: App, n: int = 1, dt: float = DT) -> None:
    for _ in range(n):
        app.step(dt)


def until(app: App, done: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Step frames (the AI works in a thread meanwhile) until ``done()``."""
    start = time.perf_counter()
    while not done():
        steps(app)
        time.sleep(0.001)
        if time.perf_counter() - start > timeout:
            raise AssertionError(f"timed out waiting for {what}; stack: {stack(app)}")


def stack(app: App) -> list[str]:
    """The scene stack by class name, bottom first (for assertion messages)."""
    return [type(s).__name__ for s in app.scenes]


def top(app: App) -> Scene:
    scene = app.scenes.top
    assert scene is not None
    return scene


def spot(scene: object, spot_id: str) -> pygame.Rect:
    """Where a hotspot of a game screen or dialog is on screen (scrolled into view)."""
    rect = scene.spot_rect(spot_id)  # type: ignore[attr-defined]
    assert rect is not None, f"no {spot_id} on screen"
    return rect


def screenshot_folder(tmp_path: Path) -> Path:
    """Where screenshot tests save: ``tmp_path``, or ``$CYBERDIP_SCREENSHOTS`` (relative to
    the repository) to replace the documentation's pictures."""
    wanted = os.environ.get("CYBERDIP_SCREENSHOTS")
    folder = (REPO / wanted) if wanted else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(app: App, folder: Path, name: str) -> Path:
    """The window as ``folder/name`` (a PNG)."""
    path = folder / name
    pygame.image.save(app.window, str(path))
    return path


def move(app: App, pos: tuple[int, int]) -> None:
    post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    steps(app, 1)


def click(app: App, pos: tuple[int, int] | pygame.Rect, frames: int = 2) -> None:
    """Point at ``pos`` (or a rectangle's centre), press and release the left button."""
    if isinstance(pos, pygame.Rect):
        pos = pos.center
    post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    steps(app, 1)
    post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
    steps(app, 1)
    post(pygame.MOUSEBUTTONUP, pos=pos, button=1)
    steps(app, frames)


def key(app: App, k: int, mod: int = 0, unicode: str = "", frames: int = 2) -> None:
    post(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0)
    post(pygame.KEYUP, key=k, mod=mod, unicode=unicode, scancode=0)
    steps(app, frames)


def type_text(app: App, text: str) -> None:
    """Text as the keyboard sends it to a focused text field."""
    for ch in text:
        post(pygame.TEXTINPUT, text=ch)
    steps(app, 2)


def clear_field(app: App, field: object, n: int = 40) -> None:
    """Click into a pygame_gui text field and delete what is in it with the keyboard."""
    click(app, field.get_abs_rect().center)  # type: ignore[attr-defined]
    for _ in range(n):
        post(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="\b", scancode=0)
    for _ in range(n):
        post(pygame.KEYDOWN, key=pygame.K_DELETE, mod=0, unicode="", scancode=0)
    steps(app, 2)


def choose(app: App, menu: object, option: str) -> None:
    """Open a pygame_gui drop-down with a click and click ``option`` in its list."""
    click(app, menu.get_abs_rect().center)  # type: ignore[attr-defined]
    steps(app, 1)
    state = menu.menu_states["expanded"]  # type: ignore[attr-defined]
    options = state.options_selection_list
    for item in options.item_list:
        if item["text"] == option:
            button = item["button_element"]
            assert button is not None, f"option {option!r} is scrolled out of view"
            # button pressed -> list selection -> menu changed: an event a frame
            click(app, button.get_abs_rect().center, frames=4)
            return
    raise AssertionError(f"no option {option!r} in {[i['text'] for i in options.item_list]}")


def non_blank(surface: pygame.Surface) -> bool:
    """More than a handful of distinct colours: something was drawn."""
    small = pygame.transform.scale(surface, (64, 36))
    colours = {small.get_at((x, y))[:3] for x in range(64) for y in range(36)}
    return len(colours) > 12


# --------------------------------------------------------------------------- games


def tutorial(*humans: str) -> Game:
    """The tutorial with ``humans`` (nation ids) as human seats, the rest AI."""
    seats = {h: Seat("human", "reciprocal", "normal") for h in humans}
    return Game.new(load("tutorial"), seats=seats or None)


def past_the_report(app: App) -> None:
    """A game carried on opens on its last turn's report: read it, go on."""
    steps(app, 2)
    assert isinstance(top(app), TurnReportScene), stack(app)
    key(app, pygame.K_RETURN)
    assert isinstance(top(app), GameScene), stack(app)


def capital_click(scene: GameScene, nation: int) -> tuple[int, int]:
    """A point of ``nation``'s territory near its capital (not on the marker)."""
    shapes = scene.shapes
    cx, cy = shapes.nation_capital[nation]
    for dx, dy in ((0, 12), (12, 0), (-12, 0), (0, -12), (20, 20)):
        x, y = scene.map.map_to_screen(cx + dx, cy + dy)
        if scene.map.nation_at((x, y)) == nation:
            return (round(x), round(y))
    x, y = scene.map.map_to_screen(cx, cy)
    return (round(x), round(y))

"""Driving the real app with real pygame events, for the front-end tests.

Events are posted to pygame's queue and taken by :meth:`App.step` like any others, so
they go through pygame_gui and the scene stack exactly as a player's would. Frames run
with a fixed ``DT``.
"""

from __future__ import annotations

import pygame

from game.ui.app import App

DT = 1 / 60


def post(kind: int, **attrs: object) -> None:
    pygame.event.post(pygame.event.Event(kind, **attrs))


def steps(app: App, n: int = 2) -> None:
    for _ in range(n):
        app.step(DT)


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


def key(app: App, k: int, mod: int = 0, unicode: str = "", frames: int = 1) -> None:
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

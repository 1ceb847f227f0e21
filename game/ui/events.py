"""The one place that takes events off the pygame queue (after Tuxemon's ``platform/events.py``).

Nothing else in the UI calls ``pygame.event.get``: the :class:`~game.ui.app.App` calls
:func:`poll` once a frame and hands each event to pygame_gui and then to the scenes.
Tests post real pygame events with ``pygame.event.post`` and let the app poll them.
"""

from __future__ import annotations

import pygame

#: Events that only concern the window, handled by the app itself.
WINDOW_EVENTS = frozenset(
    {pygame.QUIT, pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED, pygame.WINDOWRESIZED}
)


def poll() -> list[pygame.event.Event]:
    """Every event waiting in the pygame queue, oldest first."""
    return pygame.event.get()


def is_mouse(event: pygame.event.Event) -> bool:
    return event.type in (
        pygame.MOUSEBUTTONDOWN,
        pygame.MOUSEBUTTONUP,
        pygame.MOUSEMOTION,
        pygame.MOUSEWHEEL,
    )

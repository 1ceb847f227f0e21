"""Colours of the game screen's widgets, tooltips and hotspots.

The widget colours are the pygame_gui theme's (``assets/ui/theme.json``), so hand-drawn
and pygame_gui widgets match; the rest follows :mod:`game.ui.palettes`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from game.ui import palettes as pal

RGB = tuple[int, int, int]

# Colours of the widgets (the pygame_gui theme's, so both kinds of widget match).
BUTTON = (19, 36, 63)
BUTTON_HOVER = (28, 52, 89)
BUTTON_SELECTED = (31, 78, 122)
BUTTON_DISABLED = (14, 24, 42)
EDGE = pal.PANEL_EDGE
EDGE_HOVER = pal.ACCENT
TEXT_DISABLED = (92, 112, 140)
PRIMARY = (28, 112, 196)
PRIMARY_HOVER = (44, 136, 226)
DANGER = (150, 48, 58)
DANGER_HOVER = (182, 62, 72)
GOOD = (92, 204, 150)
BAD = (240, 112, 88)
GOLD = (240, 196, 90)
LINK = (143, 208, 255)
CARD = (18, 32, 56)
CARD_DEEP = (11, 21, 38)
SCRIM = (3, 8, 16)

STABILITY_BANDS: tuple[tuple[float, RGB], ...] = (
    (25.0, (214, 74, 74)),
    (45.0, (238, 134, 40)),
    (65.0, (240, 205, 90)),
    (101.0, (92, 204, 150)),
)


def stability_colour(value: float) -> RGB:
    for upper, colour in STABILITY_BANDS:
        if value < upper:
            return colour
    return STABILITY_BANDS[-1][1]


def mix(a: Sequence[int], b: Sequence[int], t: float) -> RGB:
    t = min(max(t, 0.0), 1.0)
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


# --------------------------------------------------------------------------- hotspots


@dataclass(frozen=True, slots=True)
class Tip:
    """A tooltip: a title, a paragraph, optional rows of (label, value, colour)."""

    title: str = ""
    text: str = ""
    rows: tuple[tuple[str, str, RGB | None], ...] = ()
    footer: str = ""
    warning: bool = False  # an illegal choice: the text is the reason


@dataclass(slots=True)
class Hotspot:
    """A rectangle of the screen that reacts to the pointer."""

    id: str
    rect: pygame.Rect
    on_click: Callable[[], None] | None = None
    tip: Tip | None = None
    enabled: bool = True
    #: scroll this many pixels when the wheel turns over it (panels set it)
    wheel: Callable[[int], None] | None = None

    def moved(self, dx: int, dy: int, clip: pygame.Rect | None = None) -> Hotspot | None:
        rect = self.rect.move(dx, dy)
        if clip is not None:
            rect = rect.clip(clip)
            if rect.width <= 0 or rect.height <= 0:
                return None
        return Hotspot(self.id, rect, self.on_click, self.tip, self.enabled, self.wheel)

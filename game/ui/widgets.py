"""Small hand-drawn pieces of the interface: panels, a busy spinner, a status pill."""

from __future__ import annotations

import math

import pygame

from game.ui import palettes as pal
from game.ui.theme import Fonts


def panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    *,
    alpha: int = 235,
    radius: int = 8,
    edge: bool = True,
) -> None:
    """A dark translucent rounded panel."""
    plate = pygame.Surface(rect.size, pygame.SRCALPHA)
    pygame.draw.rect(plate, (*pal.PANEL, alpha), plate.get_rect(), border_radius=radius)
    if edge:
        pygame.draw.rect(plate, pal.PANEL_EDGE, plate.get_rect(), 1, border_radius=radius)
    surface.blit(plate, rect)


def spinner(
    surface: pygame.Surface,
    centre: tuple[int, int],
    radius: int,
    t: float,
    colour: tuple[int, int, int] = pal.ACCENT,
) -> None:
    """A rotating arc: work is going on."""
    rect = pygame.Rect(0, 0, 2 * radius, 2 * radius)
    rect.center = centre
    start = (t * 5.0) % (2 * math.pi)
    pygame.draw.circle(surface, pal.PANEL_EDGE, centre, radius, max(2, radius // 4))
    pygame.draw.arc(surface, colour, rect, start, start + 1.9, max(2, radius // 4))


def status_pill(
    surface: pygame.Surface,
    fonts: Fonts,
    text: str,
    right_top: tuple[int, int],
    t: float,
    scale: float = 1.0,
    busy: bool = True,
) -> pygame.Rect:
    """A rounded pill with a spinner and ``text``, its top-right corner at ``right_top``."""
    label = fonts.get(13, "semibold").render(text, True, pal.INK)
    pad = round(10 * scale)
    r = round(7 * scale)
    w = label.get_width() + 3 * pad + 2 * r
    h = max(label.get_height(), 2 * r) + pad
    rect = pygame.Rect(right_top[0] - w, right_top[1], w, h)
    panel(surface, rect, radius=h // 2)
    if busy:
        spinner(surface, (rect.x + pad + r, rect.centery), r, t)
    surface.blit(label, (rect.x + 2 * pad + 2 * r, rect.centery - label.get_height() // 2))
    return rect

"""Map labels that never collide: greedy placement by priority with box checks.

Labels are placed once per zoom level and lens (in that level's pixels) and only blitted
afterwards. Nations come first — the selected one, the viewer, then by size — each
trying a few positions round its label point; a label that fits nowhere is dropped.
Capital markers count as obstacles. Then, zoomed in, the names of countries no nation
owns are added in small italics where they fit inside their country.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pygame

from game.ui import palettes as pal
from game.ui.mapview.shapes import MapShapes
from game.ui.theme import Fonts

Box = tuple[float, float, float, float]  # left, top, right, bottom

CAPITAL_RADIUS = 7.0  # the capital dot with its ring, as an obstacle for labels


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    nation: int | None  # None: the name of an unowned country
    x: float  # top-left, level pixels
    y: float
    surface: pygame.Surface

    @property
    def box(self) -> Box:
        w, h = self.surface.get_size()
        return (self.x, self.y, self.x + w, self.y + h)


class TextCache:
    """Rendered text with a dark halo, kept by (text, size, weight, colour)."""

    def __init__(self, fonts: Fonts, limit: int = 2000) -> None:
        self.fonts = fonts
        self.limit = limit
        self._items: dict[tuple[str, float, str, tuple[int, int, int], bool], pygame.Surface] = {}

    def text(self, text: str, size: float, weight: str = "semibold",
             colour: Sequence[int] = pal.INK, halo: bool = True) -> pygame.Surface:
        key = (text, size, weight, (int(colour[0]), int(colour[1]), int(colour[2])), halo)
        surface = self._items.get(key)
        if surface is None:
            if len(self._items) >= self.limit:
                self._items.clear()
            surface = _render(self.fonts.get(size, weight), text, key[3], halo)
            self._items[key] = surface
        return surface


def _render(font: pygame.font.Font, text: str, colour: tuple[int, int, int],
            halo: bool) -> pygame.Surface:
    face = font.render(text, True, colour)
    if not halo:
        return face
    w, h = face.get_size()
    out = pygame.Surface((w + 4, h + 4), pygame.SRCALPHA)
    shadow = font.render(text, True, pal.LABEL_HALO)
    shadow.set_alpha(150)
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1),
                   (0, 2), (2, 0), (-2, 0), (0, -2)):
        out.blit(shadow, (2 + dx, 2 + dy))
    out.blit(face, (2, 2))
    return out


def nation_label(texts: TextCache, name: str, value: str | None, size: float,
                 selected: bool, colour: Sequence[int] | None = None) -> pygame.Surface:
    """A nation's name, with the lens's value on a second line when there is one."""
    name_colour = pal.WARNING if selected else (colour or pal.INK)
    top = texts.text(name, size, "bold" if selected else "semibold", name_colour)
    if not value:
        return top
    bottom = texts.text(value, max(10.0, size * 0.78), "semibold", pal.INK_DIM)
    w = max(top.get_width(), bottom.get_width())
    gap = -4
    out = pygame.Surface((w, top.get_height() + bottom.get_height() + gap), pygame.SRCALPHA)
    out.blit(top, ((w - top.get_width()) // 2, 0))
    out.blit(bottom, ((w - bottom.get_width()) // 2, top.get_height() + gap))
    return out


def _overlaps(box: Box, boxes: list[Box]) -> bool:
    l, t, r, b = box
    for bl, bt, br, bb in boxes:
        if l < br and bl < r and t < bb and bt < b:
            return True
    return False


def place_labels(
    shapes: MapShapes,
    to_px,  # type: ignore[no-untyped-def]  # (x, y) map -> level pixels
    level_size: tuple[int, int],
    scale: float,
    value_text: Sequence[str | None],
    texts: TextCache,
    *,
    selected: int | None = None,
    viewer: int | None = None,
    region_boxes: np.ndarray | None = None,
    show_unowned: bool = False,
    ui_scale: float = 1.0,
) -> list[PlacedLabel]:
    """Place nation labels (and, if asked, unowned country names) without overlaps."""
    n = shapes.n_nations
    width, height = level_size
    placed: list[PlacedLabel] = []
    obstacles: list[Box] = []
    r = CAPITAL_RADIUS * ui_scale + 2
    capitals_px = []
    for i in range(n):
        cx, cy = to_px(*shapes.nation_capital[i])
        capitals_px.append((cx, cy))
        obstacles.append((cx - r, cy - r, cx + r, cy + r))

    order = sorted(range(n), key=lambda i: (i != selected, i != viewer,
                                            -float(shapes.nation_area[i])))
    for i in order:
        lx, ly = shapes.nation_label[i]
        if not np.isfinite(lx):
            lx, ly = shapes.nation_capital[i]
        ax, ay = to_px(lx, ly)
        extent = float(np.sqrt(max(shapes.nation_area[i], 0.0))) * scale
        size = min(19.0, max(12.0, 10.5 + extent / 45.0))
        surface = nation_label(texts, shapes.nation_names[i],
                               value_text[i] if i < len(value_text) else None, size,
                               i == selected)
        w, h = surface.get_size()
        box = _first_free(ax, ay, w, h, width, height, obstacles, capitals_px[i])
        if box is None:
            continue
        placed.append(PlacedLabel(i, box[0], box[1], surface))
        obstacles.append(box)

    if show_unowned and region_boxes is not None:
        regions = np.flatnonzero(shapes.region_nation < 0)
        regions = regions[np.argsort(-shapes.region_area[regions], kind="stable")]
        for g in regions.tolist():
            rb = region_boxes[g]
            if not np.isfinite(rb[0]):
                continue
            name = shapes.region_names[g]
            surface = texts.text(name, 10.5, "italic", pal.INK_FAINT)
            w, h = surface.get_size()
            if w > (rb[2] - rb[0]) * 0.95 or h > (rb[3] - rb[1]) * 0.9:
                continue
            ax, ay = to_px(*shapes.region_label[g])
            box = (ax - w / 2, ay - h / 2, ax + w / 2, ay + h / 2)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if _overlaps(box, obstacles):
                continue
            placed.append(PlacedLabel(None, box[0], box[1], surface))
            obstacles.append(box)
    return placed


def _first_free(ax: float, ay: float, w: float, h: float, width: float, height: float,
                obstacles: list[Box], capital: tuple[float, float]) -> Box | None:
    """The first candidate box round the anchor that is on the map and hits nothing."""
    cx, cy = capital
    candidates = [
        (ax - w / 2, ay - h / 2),  # centred on the label point
        (ax - w / 2, ay - h * 1.05),  # above
        (ax - w / 2, ay + h * 0.05),  # below
        (cx - w / 2, cy - h - CAPITAL_RADIUS - 2),  # above the capital
        (cx - w / 2, cy + CAPITAL_RADIUS + 2),  # below the capital
        (cx + CAPITAL_RADIUS + 3, cy - h / 2),  # right of the capital
        (cx - w - CAPITAL_RADIUS - 3, cy - h / 2),  # left of the capital
        (ax + 4, ay - h - 2),  # diagonals
        (ax - w - 4, ay - h - 2),
        (ax + 4, ay + 2),
        (ax - w - 4, ay + 2),
    ]
    for x, y in candidates:
        box = (x, y, x + w, y + h)
        if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
            continue
        if not _overlaps(box, obstacles):
            return box
    return None

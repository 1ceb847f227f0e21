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

CAPITAL_RADIUS = 7.0
UNOWNED_LABEL_SIZE = 10.5
SPACED_FROM = 17.0  # label size from which names are set in spaced capitals  # the capital dot with its ring, as an obstacle for labels

#: Pixels (at UI scale 1) kept clear round each placed label.
LABEL_GAP = 4.0


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

    def measure(self, text: str, size: float, weight: str = "semibold") -> tuple[int, int]:
        """The size :meth:`text` would have, without rendering it."""
        w, h = self.fonts.get(size, weight).size(text)
        return (w + 4, h + 4)

    def spaced(
        self, text: str, size: float, weight: str = "semibold", colour: Sequence[int] = pal.INK
    ) -> pygame.Surface:
        """``text`` with letter spacing (a fifth of the size), with a halo."""
        key = (
            "\x00spaced" + text,
            size,
            weight,
            (int(colour[0]), int(colour[1]), int(colour[2])),
            True,
        )
        surface = self._items.get(key)
        if surface is None:
            font = self.fonts.get(size, weight)
            track = max(1, round(font.get_height() * 0.18))
            glyphs = [font.render(ch, True, key[3]) for ch in text]
            w = sum(g.get_width() for g in glyphs) + track * (len(glyphs) - 1)
            face = pygame.Surface((max(1, w), font.get_height()), pygame.SRCALPHA)
            x = 0
            for g in glyphs:
                face.blit(g, (x, 0))
                x += g.get_width() + track
            surface = _halo(face)
            self._items[key] = surface
        return surface

    def text(
        self,
        text: str,
        size: float,
        weight: str = "semibold",
        colour: Sequence[int] = pal.INK,
        halo: bool = True,
    ) -> pygame.Surface:
        key = (text, size, weight, (int(colour[0]), int(colour[1]), int(colour[2])), halo)
        surface = self._items.get(key)
        if surface is None:
            if len(self._items) >= self.limit:
                self._items.clear()
            surface = _render(self.fonts.get(size, weight), text, key[3], halo)
            self._items[key] = surface
        return surface


def _render(
    font: pygame.font.Font, text: str, colour: tuple[int, int, int], halo: bool
) -> pygame.Surface:
    face = font.render(text, True, colour)
    return _halo(face) if halo else face


def _halo(face: pygame.Surface) -> pygame.Surface:
    """``face`` (text on a transparent surface) with a soft dark outline round it."""
    w, h = face.get_size()
    out = pygame.Surface((w + 4, h + 4), pygame.SRCALPHA)
    shadow = face.copy()
    shadow.fill((*pal.LABEL_HALO, 255), special_flags=pygame.BLEND_RGBA_MIN)
    shadow.fill((*pal.LABEL_HALO, 0), special_flags=pygame.BLEND_RGB_MAX)
    shadow.set_alpha(150)
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)):
        out.blit(shadow, (2 + dx, 2 + dy))
    out.blit(face, (2, 2))
    return out


def nation_label(
    texts: TextCache,
    name: str,
    value: str | None,
    size: float,
    selected: bool,
    colour: Sequence[int] | None = None,
) -> pygame.Surface:
    """A nation's name, with the lens's value on a second line when there is one."""
    name_colour = pal.WARNING if selected else (colour or pal.INK)
    weight = "bold" if selected else "semibold"
    if size >= SPACED_FROM:
        # Big territories get the strategy-map look: capitals, letter-spaced.
        top = texts.spaced(name.upper(), size * 0.9, weight, name_colour)
    else:
        top = texts.text(name, size, weight, name_colour)
    if not value:
        return top
    bottom = texts.text(value, max(10.5, size * 0.8), "semibold", pal.VALUE_TEXT)
    w = max(top.get_width(), bottom.get_width())
    gap = -4
    out = pygame.Surface((w, top.get_height() + bottom.get_height() + gap), pygame.SRCALPHA)
    out.blit(top, ((w - top.get_width()) // 2, 0))
    out.blit(bottom, ((w - bottom.get_width()) // 2, top.get_height() + gap))
    return out


class Obstacles:
    """Boxes already taken, in a coarse grid so a check looks at the neighbours only."""

    CELL = 96.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        c = self.CELL
        return [
            (i, j)
            for i in range(int(box[0] // c), int(box[2] // c) + 1)
            for j in range(int(box[1] // c), int(box[3] // c) + 1)
        ]

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self._cells.setdefault(key, []).append(box)

    def hits(self, box: Box) -> bool:
        left, top, right, bottom = box
        for key in self._keys(box):
            for bl, bt, br, bb in self._cells.get(key, ()):
                if left < br and bl < right and top < bb and bt < bottom:
                    return True
        return False


def place_labels(
    shapes: MapShapes,
    to_px,  # (x, y) map -> level pixels
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
    keep_clear: Sequence[Box] = (),
) -> list[PlacedLabel]:
    """Place nation labels (and, if asked, unowned country names) without overlaps;
    nothing goes on the boxes ``keep_clear`` (a legend, say)."""
    n = shapes.n_nations
    width, height = level_size
    placed: list[PlacedLabel] = []
    obstacles = Obstacles()
    for box in keep_clear:
        obstacles.add(box)
    r = CAPITAL_RADIUS * ui_scale + 2
    capitals_px = []
    for i in range(n):
        cx, cy = to_px(*shapes.nation_capital[i])
        capitals_px.append((cx, cy))
        obstacles.add((cx - r, cy - r, cx + r, cy + r))

    order = sorted(
        range(n), key=lambda i: (i != selected, i != viewer, -float(shapes.nation_area[i]))
    )
    for i in order:
        lx, ly = shapes.nation_label[i]
        if not np.isfinite(lx):
            lx, ly = shapes.nation_capital[i]
        ax, ay = to_px(lx, ly)
        extent = float(np.sqrt(max(shapes.nation_area[i], 0.0))) * scale
        size = min(26.0, max(12.0, 11.0 + extent / 22.0))
        surface = nation_label(
            texts,
            shapes.nation_names[i],
            value_text[i] if i < len(value_text) else None,
            size,
            i == selected,
        )
        w, h = surface.get_size()
        span = _territory_width(shapes, region_boxes, i)
        if span is not None and w > 0.8 * span and size > 12.0:
            # A name wider than its country is set smaller, down to the smallest size.
            size = max(12.0, size * 0.8 * span / w)
            surface = nation_label(
                texts,
                shapes.nation_names[i],
                value_text[i] if i < len(value_text) else None,
                size,
                i == selected,
            )
            w, h = surface.get_size()
        free = _first_free(ax, ay, w, h, width, height, obstacles, capitals_px[i])
        if free is None and i == selected:
            # The nation the player picked always has its name on the map, even where
            # its neighbours' capitals crowd every place round it.
            free = _first_free(ax, ay, w, h, width, height, Obstacles(), capitals_px[i])
        if free is None:
            continue
        box = free
        placed.append(PlacedLabel(i, box[0], box[1], surface))
        # (a little air round each label: two names whose halos touch read as one)
        gap = LABEL_GAP * ui_scale
        obstacles.add((box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap))

    if show_unowned and region_boxes is not None:
        regions = np.flatnonzero(shapes.region_nation < 0)
        regions = regions[np.argsort(-shapes.region_area[regions], kind="stable")]
        for g in regions.tolist():
            rb = region_boxes[g]
            if not np.isfinite(rb[0]):
                continue
            name = shapes.region_names[g]
            w, h = texts.measure(name, UNOWNED_LABEL_SIZE, "italic")
            if w > (rb[2] - rb[0]) * 0.95 or h > (rb[3] - rb[1]) * 0.9:
                continue  # measured first: most names never fit, and are never drawn
            ax, ay = to_px(*shapes.region_label[g])
            box = (ax - w / 2, ay - h / 2, ax + w / 2, ay + h / 2)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if obstacles.hits(box):
                continue
            surface = texts.text(name, UNOWNED_LABEL_SIZE, "italic", pal.INK_FAINT)
            placed.append(PlacedLabel(None, box[0], box[1], surface))
            obstacles.add(box)
    return placed


def _territory_width(
    shapes: MapShapes, region_boxes: np.ndarray | None, nation: int
) -> float | None:
    """Width in pixels of the main bodies of a nation's regions, together."""
    if region_boxes is None:
        return None
    boxes = region_boxes[shapes.region_nation == nation]
    boxes = boxes[np.isfinite(boxes[:, 0])]
    if len(boxes) == 0:
        return None
    return float(boxes[:, 2].max() - boxes[:, 0].min())


def _first_free(
    ax: float,
    ay: float,
    w: float,
    h: float,
    width: float,
    height: float,
    obstacles: Obstacles,
    capital: tuple[float, float],
) -> Box | None:
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
        if not obstacles.hits(box):
            return box
    return None

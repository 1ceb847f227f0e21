"""Where the map view looks, and how the mouse and keyboard move it.

:class:`MapCamera` is the part of the map widget that knows nothing of drawing: the
rectangle it occupies, the zoom level, the offset, converting between map and screen,
and turning pygame events into zoom, pan and selection. :class:`~.view.MapView` builds
on it.

Zoom moves between discrete levels, each ``ZOOM_STEP`` (√2) times the last; level 0 fits
the whole map in the rectangle. ``offset`` is the top-left corner of the rectangle in
the current level's pixels. The wheel zooms around the pointer (the map point under it
stays put), dragging pans, a click (a press and release that did not move) selects.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.ui.mapview.lenses import LENS_KEYS
from game.ui.mapview.shapes import MapShapes

ZOOM_STEP = math.sqrt(2.0)
HOME_MAX_LEVEL = 6  # the home view zooms at most 8x into a regional scenario
HOME_MARGIN = 0.12  # around the nations' box, as a share of its size, on each side
DRAG_THRESHOLD = 4  # pixels the pointer must move before a press becomes a drag
PAN_MARGIN = 64  # how far past the map's edge the view may be dragged


class MapCamera:
    """Zoom level, offset and input of a map occupying ``rect``. See the module docstring."""

    def __init__(
        self,
        shapes: MapShapes,
        rect: pygame.Rect | tuple[int, int, int, int],
        *,
        ui_scale: float = 1.0,
        max_level: int | None = None,
        keyboard: bool = True,
    ) -> None:
        self.shapes = shapes
        self.rect = pygame.Rect(rect)
        self.ui_scale = ui_scale
        self.keyboard = keyboard
        self.max_level = (
            max_level if max_level is not None else (9 if shapes.kind == "world" else 6)
        )
        self.selected: int | None = None
        self.on_select: Callable[[int | None], None] | None = None
        self.level_index = 0
        self.offset = [0.0, 0.0]
        self.dragging = False
        self._still = 0.0  # seconds since the view last moved
        self._zoomed = False  # the level changed since the last update
        self._pointer: tuple[int, int] | None = None
        self._press: tuple[tuple[int, int], tuple[float, float]] | None = None
        self._fit = self._fit_scale()
        self.go_home(first=True)

    # ------------------------------------------------------------------ hooks

    def _before_zoom(self) -> None:
        """Called just before the zoom level changes."""

    def _resized(self) -> None:
        """Called when the rectangle changed size (everything scaled is stale)."""

    def select(self, nation: int | None) -> None:
        if nation is not None and not 0 <= nation < self.shapes.n_nations:
            nation = None
        self.selected = nation

    def set_lens(self, key: str) -> None:
        """Keys 1-6 ask for a lens; the map view knows what that means."""

    # ------------------------------------------------------------------ geometry

    def _fit_scale(self) -> float:
        pad = 12 * self.ui_scale
        w = max(self.rect.width - 2 * pad, 16)
        h = max(self.rect.height - 2 * pad, 16)
        return min(w / self.shapes.width, h / self.shapes.height)

    def scale_of(self, k: int) -> float:
        return self._fit * ZOOM_STEP**k

    @property
    def scale(self) -> float:
        """Pixels per map unit at the current zoom level."""
        return self.scale_of(self.level_index)

    def level_size(self, k: int | None = None) -> tuple[int, int]:
        """The whole map's size in pixels at level ``k``."""
        s = self.scale_of(self.level_index if k is None else k)
        return (max(1, math.ceil(self.shapes.width * s)), max(1, math.ceil(self.shapes.height * s)))

    def to_level_px(self, x: float, y: float, k: int | None = None) -> tuple[float, float]:
        s = self.scale_of(self.level_index if k is None else k)
        return ((x - self.shapes.bounds[0]) * s, (y - self.shapes.bounds[1]) * s)

    @property
    def transform(self) -> tuple[float, float, float]:
        """``(scale, tx, ty)``: screen = (map - bounds origin) * scale + (tx, ty)."""
        return (self.scale, self.rect.x - self.offset[0], self.rect.y - self.offset[1])

    def map_to_screen(self, x: float, y: float) -> tuple[float, float]:
        s, tx, ty = self.transform
        return ((x - self.shapes.bounds[0]) * s + tx, (y - self.shapes.bounds[1]) * s + ty)

    def screen_to_map(self, sx: float, sy: float) -> tuple[float, float]:
        s, tx, ty = self.transform
        return ((sx - tx) / s + self.shapes.bounds[0], (sy - ty) / s + self.shapes.bounds[1])

    def nation_at(self, pos: tuple[float, float]) -> int | None:
        """The nation whose territory is under screen point ``pos`` (None: sea, unowned)."""
        if not self.rect.collidepoint(pos):
            return None
        return self.shapes.nation_at(*self.screen_to_map(*pos))

    def _clamp(self) -> None:
        w, h = self.level_size()
        for axis, (extent, view) in enumerate(((w, self.rect.width), (h, self.rect.height))):
            if extent <= view:
                self.offset[axis] = -(view - extent) / 2.0
            else:
                lo, hi = -PAN_MARGIN, extent - view + PAN_MARGIN
                self.offset[axis] = min(max(self.offset[axis], lo), hi)

    # ------------------------------------------------------------------ camera

    def zoom_at(self, steps: int, pos: tuple[float, float] | None = None) -> bool:
        """Zoom ``steps`` levels in (negative: out) keeping the map point at ``pos`` put."""
        new = min(max(self.level_index + steps, 0), self.max_level)
        if new == self.level_index:
            return False
        if pos is None or not self.rect.collidepoint(pos):
            pos = self.rect.center
        self._before_zoom()
        mx, my = pos[0] - self.rect.x, pos[1] - self.rect.y
        factor = self.scale_of(new) / self.scale
        self.offset = [(self.offset[0] + mx) * factor - mx, (self.offset[1] + my) * factor - my]
        self.level_index = new
        self._clamp()
        self._still = 0.0
        self._zoomed = True
        return True

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the map by ``(dx, dy)`` screen pixels (the map follows the pointer)."""
        self.offset[0] -= dx
        self.offset[1] -= dy
        self._clamp()
        self._still = 0.0

    def reset_view(self) -> None:
        """Back to the home view (Home key): the nations in play, framed."""
        self.go_home()

    def go_home(self, first: bool = False) -> None:
        """The view a game opens on: the whole map, or — for a world-map scenario whose
        nations share one region — that region, a few levels in (the player can still
        zoom out to the whole globe). ``first``: from the constructor, before any
        subclass state exists to be told of the zoom."""
        level, centre = self.home_view()
        if level != self.level_index and not first:
            self._before_zoom()
        self.level_index = level
        if centre is None:
            self.offset = [0.0, 0.0]
        else:
            px, py = self.to_level_px(*centre)
            self.offset = [px - self.rect.width / 2, py - self.rect.height / 2]
        self._clamp()

    def home_view(self) -> tuple[int, tuple[float, float] | None]:
        """(zoom level, map point to centre) framing every nation's territory with a
        margin; (0, None) for the whole map. At most HOME_MAX_LEVEL levels in, so the
        region keeps its surroundings."""
        box = self.shapes.nations_box
        if box is None or self.shapes.kind != "world":
            return 0, None
        x0, y0, x1, y1 = box
        w, h = (x1 - x0) * (1 + 2 * HOME_MARGIN), (y1 - y0) * (1 + 2 * HOME_MARGIN)
        level = 0
        for k in range(1, min(HOME_MAX_LEVEL, self.max_level) + 1):
            s = self.scale_of(k)
            if w * s > self.rect.width or h * s > self.rect.height:
                break
            level = k
        if level == 0:
            return 0, None
        return level, ((x0 + x1) / 2, (y0 + y1) / 2)

    def centre_on(self, nation: int, level: int | None = None) -> None:
        """Put a nation's capital in the middle, at ``level`` if given."""
        if level is not None and level != self.level_index:
            self._before_zoom()
            self.level_index = min(max(level, 0), self.max_level)
        px, py = self.to_level_px(*self.shapes.nation_capital[nation])
        self.offset = [px - self.rect.width / 2, py - self.rect.height / 2]
        self._clamp()

    def set_rect(self, rect: pygame.Rect | tuple[int, int, int, int]) -> None:
        """Move or resize the widget; a new size refits the map (and drops caches)."""
        rect = pygame.Rect(rect)
        if rect.size != self.rect.size:
            centre = self.screen_to_map(*self.rect.center)
            self.rect = rect
            self._fit = self._fit_scale()
            self._resized()
            px, py = self.to_level_px(*centre)
            self.offset = [px - rect.width / 2, py - rect.height / 2]
        else:
            self.rect = rect
        self._clamp()

    # ------------------------------------------------------------------ events

    def process_event(self, event: pygame.event.Event) -> bool:
        """Handle wheel zoom, drag pan, click selection and map keys. True if used."""
        if event.type == pygame.MOUSEMOTION:
            self._pointer = event.pos
            if self._press is not None:
                (px, py), (ox, oy) = self._press
                dx, dy = event.pos[0] - px, event.pos[1] - py
                if self.dragging or abs(dx) > DRAG_THRESHOLD or abs(dy) > DRAG_THRESHOLD:
                    self.dragging = True
                    self.offset = [ox - dx, oy - dy]
                    self._clamp()
                    self._still = 0.0
                return True
            return False
        if event.type == pygame.MOUSEWHEEL:
            pos = self._pointer if self._pointer is not None else pygame.mouse.get_pos()
            if not self.rect.collidepoint(pos):
                return False
            if event.y:
                self.zoom_at(1 if event.y > 0 else -1, pos)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pointer = event.pos
            if self.rect.collidepoint(event.pos):
                self._press = (event.pos, (self.offset[0], self.offset[1]))
                self.dragging = False
                return True
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self._pointer = event.pos
            if self._press is None:
                return False
            was_drag = self.dragging
            self._press = None
            self.dragging = False
            if not was_drag:
                nation = self.nation_at(event.pos)
                self.select(nation)
                if self.on_select is not None:
                    self.on_select(nation)
            return True
        if event.type == pygame.KEYDOWN and self.keyboard:
            return self._key(event)
        return False

    def _key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if pygame.K_1 <= key <= pygame.K_6 and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.set_lens(LENS_KEYS[key - pygame.K_1])
            return True
        if key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.zoom_at(1)
            return True
        if key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.zoom_at(-1)
            return True
        if key == pygame.K_HOME:
            self.reset_view()
            return True
        step = 90 * self.ui_scale
        moves = {
            pygame.K_LEFT: (step, 0),
            pygame.K_RIGHT: (-step, 0),
            pygame.K_UP: (0, step),
            pygame.K_DOWN: (0, -step),
        }
        if key in moves:
            self.pan_by(*moves[key])
            return True
        if key == pygame.K_TAB and self.shapes.n_nations:
            back = bool(event.mod & pygame.KMOD_SHIFT)
            current = -1 if self.selected is None else self.selected
            nation = (current + (-1 if back else 1)) % self.shapes.n_nations
            self.select(nation)
            if self.on_select is not None:
                self.on_select(nation)
            return True
        return False

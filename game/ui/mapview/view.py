"""The map widget: camera (zoom levels, pan), tile cache, lenses, labels and overlays.

A :class:`MapView` occupies a rectangle of the window. Scenes give it events, call
``update(dt)`` and ``draw(surface)``, and can read or set the selection, the lens and
the facts; it calls ``on_select(nation | None)`` when the player clicks a territory.

**Camera.** Zoom moves between discrete levels, each ``ZOOM_STEP`` (√2) times the last;
level 0 fits the whole map in the rectangle. ``offset`` is the top-left corner of the
rectangle in the current level's pixels. The wheel zooms around the pointer (the map
point under it stays put), dragging pans.

**Cache.** See ``tiles``: base tiles (polygons) are cached per (level, tile), colour
tiles per (lens state, level, tile), both in LRU caches; everything is keyed by the
rectangle's size too, through the fit scale (a resize clears them). Missing tiles are
made in ``update`` within a time budget, nearest to the centre first; until they are
ready the previous view is shown stretched, so zooming never shows holes. When the
view has been still for a moment, tiles round it and on the next levels are made
ahead of time.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
import pygame

from game.ui import palettes as pal
from game.ui.mapview import overlays
from game.ui.mapview.facts import MapFacts
from game.ui.mapview.labels import PlacedLabel, TextCache, place_labels
from game.ui.mapview.legend import build_legend
from game.ui.mapview.lenses import LENS_KEYS, LensStyle, lens, political_colours
from game.ui.mapview.shapes import MapShapes
from game.ui.mapview.tiles import (
    LRU,
    TILE,
    BaseTile,
    Colouring,
    Level,
    colour_tile,
    pattern_masks,
    render_base,
)
from game.ui.theme import Fonts

ZOOM_STEP = math.sqrt(2.0)
DRAG_THRESHOLD = 4  # pixels the pointer must move before a press becomes a drag
PAN_MARGIN = 64  # how far past the map's edge the view may be dragged
STILL_BEFORE_PREFETCH = 0.3  # seconds


class MapView:
    """An interactive map of a scenario. See the module docstring."""

    def __init__(
        self,
        shapes: MapShapes,
        facts: MapFacts,
        rect: pygame.Rect | tuple[int, int, int, int],
        *,
        fonts: Fonts | None = None,
        lens_key: str = "political",
        colourblind: bool = False,
        ui_scale: float = 1.0,
        animation_speed: float = 1.0,
        max_level: int | None = None,
        keyboard: bool = True,
    ) -> None:
        self.shapes = shapes
        self.facts = facts
        self.rect = pygame.Rect(rect)
        self.fonts = fonts or Fonts(ui_scale)
        self.texts = TextCache(self.fonts)
        self.ui_scale = ui_scale
        self.colourblind = colourblind
        self.animation_speed = animation_speed
        self.keyboard = keyboard
        self.max_level = max_level if max_level is not None else (
            9 if shapes.kind == "world" else 6)
        self.lens_key = lens(lens_key).key
        self.selected: int | None = None
        self.on_select: Callable[[int | None], None] | None = None
        self.on_lens: Callable[[str], None] | None = None
        self.show_overlays = True
        self.show_legend = True
        self.tile_budget_ms = 5.0

        self.level_index = 0
        self.offset = [0.0, 0.0]
        self.clock = 0.0
        self._still = 0.0
        self._pointer: tuple[int, int] | None = None
        self._press: tuple[tuple[int, int], tuple[float, float]] | None = None
        self.dragging = False

        self._levels: dict[int, Level] = {}
        self._base = LRU(220)
        self._colour = LRU(160)
        self._masks = pattern_masks(8 if ui_scale < 1.75 else 16)
        self._style: LensStyle | None = None
        self._style_key: tuple[object, ...] | None = None
        self._colouring: Colouring | None = None
        self._labels: dict[tuple[object, ...], list[PlacedLabel]] = {}
        self._legend: pygame.Surface | None = None
        self._legend_key: tuple[object, ...] | None = None
        self._legend_at: tuple[tuple[object, ...], tuple[int, int]] | None = None
        self._outline: tuple[tuple[object, ...], list[np.ndarray]] | None = None
        self._snapshot: tuple[pygame.Surface, float, tuple[float, float]] | None = None
        self._tile_ms = 4.0  # running estimate of the cost of one tile
        self.tiles_made = 0
        self._fit = self._fit_scale()
        self._clamp()

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

    def level(self, k: int | None = None) -> Level:
        k = self.level_index if k is None else k
        lv = self._levels.get(k)
        if lv is None:
            lv = Level(self.shapes, self.scale_of(k))
            self._levels[k] = lv
        return lv

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
        w, h = self.level().size
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
        self._take_snapshot()
        mx, my = pos[0] - self.rect.x, pos[1] - self.rect.y
        factor = self.scale_of(new) / self.scale
        self.offset = [(self.offset[0] + mx) * factor - mx, (self.offset[1] + my) * factor - my]
        self.level_index = new
        self._clamp()
        self._still = 0.0
        return True

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the map by ``(dx, dy)`` screen pixels (the map follows the pointer)."""
        self.offset[0] -= dx
        self.offset[1] -= dy
        self._clamp()
        self._still = 0.0

    def reset_view(self) -> None:
        if self.level_index != 0:
            self._take_snapshot()
        self.level_index = 0
        self._clamp()

    def centre_on(self, nation: int, level: int | None = None) -> None:
        """Put a nation's capital in the middle, at ``level`` if given."""
        if level is not None and level != self.level_index:
            self._take_snapshot()
            self.level_index = min(max(level, 0), self.max_level)
        px, py = self.level().to_px(*self.shapes.nation_capital[nation])
        self.offset = [px - self.rect.width / 2, py - self.rect.height / 2]
        self._clamp()

    def set_rect(self, rect: pygame.Rect | tuple[int, int, int, int]) -> None:
        """Move or resize the widget; a new size rebuilds the caches."""
        rect = pygame.Rect(rect)
        if rect.size != self.rect.size:
            centre = self.screen_to_map(*self.rect.center)
            self.rect = rect
            self._fit = self._fit_scale()
            self._levels.clear()
            self._base.clear()
            self._colour.clear()
            self._labels.clear()
            self._outline = None
            self._snapshot = None
            px, py = self.level().to_px(*centre)
            self.offset = [px - rect.width / 2, py - rect.height / 2]
        else:
            self.rect = rect
        self._clamp()

    # ------------------------------------------------------------------ state

    def set_lens(self, key: str) -> None:
        key = lens(key).key
        if key != self.lens_key:
            self.lens_key = key
            if self.on_lens is not None:
                self.on_lens(key)

    def set_facts(self, facts: MapFacts) -> None:
        self.facts = facts

    def select(self, nation: int | None) -> None:
        if nation is not None and not 0 <= nation < self.shapes.n_nations:
            nation = None
        self.selected = nation

    def set_colourblind(self, on: bool) -> None:
        self.colourblind = on

    def style(self) -> LensStyle:
        """The current lens state (computed once per change of lens, facts or focus)."""
        key = self._current_style_key()
        if key != self._style_key or self._style is None:
            spec = lens(self.lens_key)
            self._style = spec.style(self.facts, self.selected, self.colourblind,
                                     self.shapes.nation_neighbours, self.shapes.nation_colouring)
            self._style_key = key
            self._colouring = Colouring.build(self.shapes, self._style.fill, self._style.pattern)
            self._legend = None
        return self._style

    def _current_style_key(self) -> tuple[object, ...]:
        relative = self.lens_key in ("trust", "tension")
        return (self.lens_key, self.facts.version, self.colourblind,
                self.selected if relative else None, self.ui_scale)

    def political_colours(self) -> list[pal.RGB]:
        return political_colours(self.facts, self.shapes.nation_neighbours,
                                 self.shapes.nation_colouring, self.colourblind)

    # ------------------------------------------------------------------ tiles

    def visible_tiles(self, k: int | None = None, margin: int = 0) -> list[tuple[int, int]]:
        """Tiles of level ``k`` under the rectangle (plus ``margin`` tiles round it),
        nearest to the centre first."""
        k = self.level_index if k is None else k
        lv = self.level(k)
        if k == self.level_index:
            ox, oy = self.offset
        else:
            f = self.scale_of(k) / self.scale
            cx = (self.offset[0] + self.rect.width / 2) * f
            cy = (self.offset[1] + self.rect.height / 2) * f
            ox, oy = cx - self.rect.width / 2, cy - self.rect.height / 2
        nx, ny = lv.tiles
        x0 = max(0, int(math.floor(ox / TILE)) - margin)
        y0 = max(0, int(math.floor(oy / TILE)) - margin)
        x1 = min(nx - 1, int(math.floor((ox + self.rect.width - 1) / TILE)) + margin)
        y1 = min(ny - 1, int(math.floor((oy + self.rect.height - 1) / TILE)) + margin)
        cx, cy = ox + self.rect.width / 2, oy + self.rect.height / 2
        tiles = [(tx, ty) for ty in range(y0, y1 + 1) for tx in range(x0, x1 + 1)]
        tiles.sort(key=lambda t: ((t[0] + 0.5) * TILE - cx) ** 2 + ((t[1] + 0.5) * TILE - cy) ** 2)
        return tiles

    def _base_tile(self, k: int, tx: int, ty: int) -> BaseTile:
        key = (k, tx, ty)
        base = self._base.get(key)
        if base is None:
            start = time.perf_counter()
            base = render_base(self.level(k), tx, ty)
            ms = (time.perf_counter() - start) * 1000.0
            self._tile_ms = 0.8 * self._tile_ms + 0.2 * ms
            self._base.put(key, base)
            self.tiles_made += 1
        return base  # type: ignore[return-value]

    def _colour_tile(self, k: int, tx: int, ty: int) -> pygame.Surface:
        self.style()
        key = (self._style_key, k, tx, ty)
        surface = self._colour.get(key)
        if surface is None:
            assert self._colouring is not None
            surface = colour_tile(self._base_tile(k, tx, ty), self._colouring, self._masks)
            self._colour.put(key, surface)
        return surface  # type: ignore[return-value]

    def _has_colour_tile(self, k: int, tx: int, ty: int) -> bool:
        return (self._style_key, k, tx, ty) in self._colour

    def missing_tiles(self) -> list[tuple[int, int]]:
        self.style()
        k = self.level_index
        return [t for t in self.visible_tiles() if not self._has_colour_tile(k, *t)]

    def prepare(self) -> None:
        """Make every visible tile now (for screenshots and the first frame)."""
        for tx, ty in self.missing_tiles():
            self._colour_tile(self.level_index, tx, ty)
        self._snapshot = None

    def _work(self, budget_ms: float) -> None:
        """Make missing tiles within ``budget_ms``, nearest the centre first; with time
        left, get ahead: the next levels' geometry, the ring of tiles round the view
        (for panning), then the tiles of the next levels in (and out)."""
        start = time.perf_counter()
        k = self.level_index

        def spent() -> float:
            return (time.perf_counter() - start) * 1000.0

        missing = self.missing_tiles()
        if missing and self._snapshot is None and not self._colour_has_any(k):
            self.prepare()  # nothing to show yet: this frame waits for the map
            return
        # At least one piece of work a frame, so progress never stalls; more while the
        # estimate says it fits in the budget.
        busy = False
        for tx, ty in missing:
            cost = self._tile_ms if (k, tx, ty) not in self._base else 1.0
            if busy and spent() + cost > budget_ms:
                return
            self._colour_tile(k, tx, ty)
            busy = True
        if missing:
            self._snapshot = None
            return
        for kk in (k + 1, k - 1):
            if 0 <= kk <= self.max_level and kk not in self._levels:
                self.level(kk)
                return
        rings = [(k, 1)]
        if self._still >= STILL_BEFORE_PREFETCH:
            rings += [(k + 1, 0), (k - 1, 0)]
        for kk, margin in rings:
            if not 0 <= kk <= self.max_level:
                continue
            for tx, ty in self.visible_tiles(kk, margin):
                if (kk, tx, ty) in self._base:
                    continue
                if busy and spent() + self._tile_ms > budget_ms:
                    return
                self._base_tile(kk, tx, ty)
                busy = True

    def _colour_has_any(self, k: int) -> bool:
        return any(self._has_colour_tile(k, *t) for t in self.visible_tiles())

    def _take_snapshot(self) -> None:
        """Keep what the view shows now, to stand in while the next level's tiles come."""
        if self._snapshot is not None:
            return  # still showing an older stand-in: keep it (it is complete)
        self.style()
        k = self.level_index
        tiles = [t for t in self.visible_tiles() if self._has_colour_tile(k, *t)]
        if not tiles:
            return
        snap = pygame.Surface(self.rect.size)
        snap.fill(pal.BACKDROP)
        for tx, ty in tiles:
            snap.blit(self._colour_tile(k, tx, ty),
                      (tx * TILE - self.offset[0], ty * TILE - self.offset[1]))
        self._snapshot = (snap, self.scale, (self.offset[0], self.offset[1]))

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
        moves = {pygame.K_LEFT: (step, 0), pygame.K_RIGHT: (-step, 0),
                 pygame.K_UP: (0, step), pygame.K_DOWN: (0, -step)}
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

    # ------------------------------------------------------------------ frame

    def update(self, dt: float) -> None:
        self.clock += dt * (self.animation_speed if self.animation_speed > 0 else 0.0)
        self._still += dt
        self._work(self.tile_budget_ms)

    def draw(self, surface: pygame.Surface) -> None:
        style = self.style()
        clip = surface.get_clip()
        surface.set_clip(self.rect.clip(clip) if clip else self.rect)
        surface.fill(pal.BACKDROP, self.rect)
        k = self.level_index
        ox, oy = self.offset
        rx, ry = self.rect.topleft
        tiles = self.visible_tiles()
        if self._snapshot is not None and any(not self._has_colour_tile(k, *t) for t in tiles):
            self._draw_snapshot(surface)
        for tx, ty in tiles:
            if self._has_colour_tile(k, tx, ty):
                surface.blit(self._colour_tile(k, tx, ty),
                             (rx + tx * TILE - ox, ry + ty * TILE - oy))
        if self.selected is not None:
            self._draw_selection(surface)
        caps = self._capitals_on_screen()
        s = self.ui_scale
        if self.show_overlays:
            # Every alliance and hotline in the blocs lens; elsewhere the selected
            # nation's only, so the map stays readable.
            if self.lens_key == "blocs":
                overlays.draw_relations(surface, self.facts, caps, pal.BLOC, s, None)
            elif self.selected is not None:
                overlays.draw_relations(surface, self.facts, caps, pal.BLOC, s, self.selected)
            overlays.draw_incidents(surface, self.facts, caps, self.texts, self.clock, s)
        overlays.draw_capitals(surface, self.facts, caps, s)
        self._draw_labels(surface, style)
        if self.show_overlays:
            overlays.draw_proposals(surface, self.facts, caps, s)
        if self.show_legend:
            self._draw_legend(surface, style)
        surface.set_clip(clip)

    def _draw_snapshot(self, surface: pygame.Surface) -> None:
        assert self._snapshot is not None
        snap, scale, (sox, soy) = self._snapshot
        f = self.scale / scale
        # Part of the snapshot that lands in the rectangle, and where it goes.
        w, h = self.rect.size
        left = max(0.0, (self.offset[0]) / f - sox)
        top = max(0.0, (self.offset[1]) / f - soy)
        right = min(float(w), (self.offset[0] + w) / f - sox)
        bottom = min(float(h), (self.offset[1] + h) / f - soy)
        if right - left < 1 or bottom - top < 1:
            return
        src = pygame.Rect(int(left), int(top), max(1, int(right - left)), max(1, int(bottom - top)))
        dst_w, dst_h = round(src.width * f), round(src.height * f)
        if dst_w < 1 or dst_h < 1 or dst_w > 4 * w or dst_h > 4 * h:
            return
        part = pygame.transform.scale(snap.subsurface(src), (dst_w, dst_h))
        dx = (src.x + sox) * f - self.offset[0] + self.rect.x
        dy = (src.y + soy) * f - self.offset[1] + self.rect.y
        surface.blit(part, (dx, dy))

    def _capitals_on_screen(self) -> list[tuple[float, float]]:
        lv = self.level()
        out = []
        for x, y in self.shapes.nation_capital:
            px, py = lv.to_px(float(x), float(y))
            out.append((px - self.offset[0] + self.rect.x, py - self.offset[1] + self.rect.y))
        return out

    def _draw_selection(self, surface: pygame.Surface) -> None:
        k = self.level_index
        key = (k, self.selected)
        if self._outline is None or self._outline[0] != key:
            assert self.selected is not None
            self._outline = (key, self.level(k).nation_outline(self.selected))
        shift = np.array([self.rect.x - self.offset[0], self.rect.y - self.offset[1]])
        view = (self.offset[0], self.offset[1], self.offset[0] + self.rect.width,
                self.offset[1] + self.rect.height)
        width = max(2, round(2 * self.ui_scale))
        for ring in self._outline[1]:
            lo, hi = ring.min(axis=0), ring.max(axis=0)
            if hi[0] < view[0] or lo[0] > view[2] or hi[1] < view[1] or lo[1] > view[3]:
                continue
            pts = (ring + shift).tolist()
            pygame.draw.lines(surface, pal.LABEL_HALO, True, pts, width + 2)
            pygame.draw.lines(surface, pal.WARNING, True, pts, width)

    def _draw_labels(self, surface: pygame.Surface, style: LensStyle) -> None:
        k = self.level_index
        key = (k, self._style_key, self.selected)
        labels = self._labels.get(key)
        if labels is None:
            if len(self._labels) > 24:
                self._labels.clear()
            labels = self._place_labels(k, style)
            self._labels[key] = labels
        ox, oy = self.offset
        right, bottom = ox + self.rect.width, oy + self.rect.height
        for label in labels:
            w, h = label.surface.get_size()
            if label.x + w < ox or label.x > right or label.y + h < oy or label.y > bottom:
                continue
            surface.blit(label.surface, (label.x - ox + self.rect.x, label.y - oy + self.rect.y))

    def _place_labels(self, k: int, style: LensStyle) -> list[PlacedLabel]:
        lv = self.level(k)
        show_unowned = self.shapes.kind == "world" and k >= 3
        return place_labels(
            self.shapes, lv.to_px, lv.size, lv.scale, style.value_text, self.texts,
            selected=self.selected, viewer=self.facts.viewer,
            region_boxes=lv.region_boxes() if show_unowned else None,
            show_unowned=show_unowned, ui_scale=self.ui_scale,
        )

    def _draw_legend(self, surface: pygame.Surface, style: LensStyle) -> None:
        relations = self.lens_key == "blocs" or self.selected is not None
        legend_key = (self._style_key, relations, self.show_overlays)
        if self._legend is None or self._legend_key != legend_key:
            extra = overlays.overlay_legend(self.facts, relations) if self.show_overlays else []
            self._legend = build_legend(style, extra, self.texts, self.ui_scale)
            self._legend_key = legend_key
        key = (self.level_index, self._legend.get_size(), self.rect.size)
        if self._legend_at is None or self._legend_at[0] != key:
            self._legend_at = (key, self._legend_corner(self._legend.get_size()))
        dx, dy = self._legend_at[1]
        surface.blit(self._legend, (self.rect.x + dx, self.rect.y + dy))

    def _legend_corner(self, size: tuple[int, int]) -> tuple[int, int]:
        """Where the legend covers the least land: bottom-left, bottom-right or top-right."""
        margin = round(12 * self.ui_scale)
        w, h = size
        W, H = self.rect.size
        corners = [(margin, H - margin - h), (W - margin - w, H - margin - h),
                   (W - margin - w, margin)]
        best, best_land = corners[0], None
        for x, y in corners:
            land = 0
            for fx in (0.1, 0.3, 0.5, 0.7, 0.9):
                for fy in (0.1, 0.35, 0.65, 0.9):
                    sx, sy = self.rect.x + x + fx * w, self.rect.y + y + fy * h
                    if self.shapes.locate(*self.screen_to_map(sx, sy)) is not None:
                        land += 1
            if best_land is None or land < best_land:
                best, best_land = (x, y), land
        return best

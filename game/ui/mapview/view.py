"""The map widget: tile cache, lenses, labels, overlays and legend over a camera.

A :class:`MapView` occupies a rectangle of the window. Scenes give it events, call
``update(dt)`` and ``draw(surface)``, and can read or set the selection, the lens and
the facts; it calls ``on_select(nation | None)`` when the player clicks a territory.
Zoom levels, panning and input are the :class:`~.camera.MapCamera` it builds on.

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
from collections.abc import Callable, Generator

import numpy as np
import pygame

from game.ui import palettes as pal
from game.ui.mapview import overlays
from game.ui.mapview.camera import MapCamera
from game.ui.mapview.facts import MapFacts
from game.ui.mapview.labels import UNOWNED_LABEL_SIZE, PlacedLabel, TextCache, place_labels
from game.ui.mapview.legend import build_legend, build_legend_chip
from game.ui.mapview.lenses import LensStyle, lens, political_colours
from game.ui.mapview.shapes import MapShapes
from game.ui.mapview.tiles import (
    LRU,
    REGION_BASE,
    TILE,
    BaseTile,
    Colouring,
    Level,
    base_tile_job,
    colour_tile,
    pattern_masks,
    selection_edge,
)
from game.ui.theme import Fonts

STILL_BEFORE_PREFETCH = 0.3  # seconds
RESTYLE_AT_ONCE = 40  # visible tiles a lens, focus or facts change recolours in one frame


class MapView(MapCamera):
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
        super().__init__(shapes, rect, ui_scale=ui_scale, max_level=max_level, keyboard=keyboard)
        self.facts = facts
        self.fonts = fonts or Fonts(ui_scale)
        self.texts = TextCache(self.fonts)
        self.colourblind = colourblind
        self.animation_speed = animation_speed
        self.lens_key = lens(lens_key).key
        self.on_lens: Callable[[str], None] | None = None
        self.show_overlays = True
        self.show_legend = True
        self.tile_budget_ms = 4.0
        self.clock = 0.0

        self._levels: dict[int, Level] = {}
        self._base = LRU(220)
        self._colour = LRU(160)
        self._masks = pattern_masks(8 if ui_scale < 1.75 else 16)
        self._style: LensStyle | None = None
        self._style_key: tuple[object, ...] | None = None
        self._colouring: Colouring | None = None
        self._labels: dict[tuple[object, ...], list[PlacedLabel]] = {}
        self._labels_partial: set[tuple[object, ...]] = set()
        self._names_to_warm: list[str] | None = None
        self._legend: pygame.Surface | None = None
        self._legend_key: tuple[object, ...] | None = None
        self._legend_at: tuple[tuple[object, ...], tuple[int, int]] | None = None
        self._legend_chip: pygame.Surface | None = None
        self._legend_chip_key: tuple[object, ...] | None = None
        self._legend_open = False  # a folded legend unfolded under the pointer
        self._legend_hides: tuple[tuple[object, ...], bool] | None = None  # (view, hides?)
        self._selection_codes: tuple[int, np.ndarray] | None = None
        self._selection_tiles = LRU(96)
        self._snapshot: tuple[pygame.Surface, float, tuple[float, float]] | None = None
        self._step_ms = 1.5  # running estimate of one step of a base-tile job
        self._jobs: dict[tuple[int, int, int], Generator[None, None, BaseTile]] = {}
        self.tiles_made = 0

    # ------------------------------------------------------------------ geometry

    def level(self, k: int | None = None) -> Level:
        """The rings of zoom level ``k`` (default: the current one) in its pixels."""
        k = self.level_index if k is None else k
        lv = self._levels.get(k)
        if lv is None:
            lv = Level(self.shapes, self.scale_of(k))
            self._levels[k] = lv
        return lv

    def _before_zoom(self) -> None:
        self._take_snapshot()

    def _resized(self) -> None:
        self._levels.clear()
        self._base.clear()
        self._jobs.clear()
        self._colour.clear()
        self._labels.clear()
        self._labels_partial.clear()
        self._selection_tiles.clear()
        self._legend_at = None
        self._snapshot = None

    # ------------------------------------------------------------------ state

    # Changing the lens, the facts or the selection recolours every visible tile. A
    # normal window recolours in one frame (~1 ms a tile); a big one (4K has ~150 tiles)
    # keeps its current picture as a stand-in while the new tiles are made a few
    # milliseconds per frame, so the change never stalls a frame.

    def _before_restyle(self) -> None:
        if len(self.visible_tiles()) > RESTYLE_AT_ONCE:
            self._take_snapshot()

    def set_lens(self, key: str) -> None:
        key = lens(key).key
        if key != self.lens_key:
            self._before_restyle()
            self.lens_key = key
            if self.on_lens is not None:
                self.on_lens(key)

    def set_facts(self, facts: MapFacts) -> None:
        if facts is not self.facts:
            self._before_restyle()
        self.facts = facts

    def select(self, nation: int | None) -> None:
        if nation != self.selected:
            self._before_restyle()
        super().select(nation)

    def set_colourblind(self, on: bool) -> None:
        self.colourblind = on

    def set_ui_scale(self, scale: float) -> None:
        """Labels, markers and the legend follow the UI scale (the tiles do not change)."""
        if scale == self.ui_scale:
            return
        self.ui_scale = scale
        self.fonts.set_scale(scale)
        self.texts = TextCache(self.fonts)
        self._masks = pattern_masks(8 if scale < 1.75 else 16)
        self._colour.clear()
        self._labels.clear()
        self._labels_partial.clear()
        self._names_to_warm = None
        self._legend = None
        self._legend_at = None
        self._selection_tiles.clear()

    def style(self) -> LensStyle:
        """The current lens state (computed once per change of lens, facts or focus)."""
        key = self._current_style_key()
        if key != self._style_key or self._style is None:
            spec = lens(self.lens_key)
            self._style = spec.style(
                self.facts,
                self.selected,
                self.colourblind,
                self.shapes.nation_neighbours,
                self.shapes.nation_colouring,
            )
            self._style_key = key
            self._colouring = Colouring.build(self.shapes, self._style.fill, self._style.pattern)
            self._legend = None
        return self._style

    def _current_style_key(self) -> tuple[object, ...]:
        relative = self.lens_key in ("trust", "tension")
        return (
            self.lens_key,
            self.facts.version,
            self.colourblind,
            self.selected if relative else None,
            self.ui_scale,
        )

    def political_colours(self) -> list[pal.RGB]:
        return political_colours(
            self.facts,
            self.shapes.nation_neighbours,
            self.shapes.nation_colouring,
            self.colourblind,
        )

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
        x0 = max(0, math.floor(ox / TILE) - margin)
        y0 = max(0, math.floor(oy / TILE) - margin)
        x1 = min(nx - 1, math.floor((ox + self.rect.width - 1) / TILE) + margin)
        y1 = min(ny - 1, math.floor((oy + self.rect.height - 1) / TILE) + margin)
        cx, cy = ox + self.rect.width / 2, oy + self.rect.height / 2
        tiles = [(tx, ty) for ty in range(y0, y1 + 1) for tx in range(x0, x1 + 1)]
        tiles.sort(key=lambda t: ((t[0] + 0.5) * TILE - cx) ** 2 + ((t[1] + 0.5) * TILE - cy) ** 2)
        return tiles

    def _base_tile(self, k: int, tx: int, ty: int) -> BaseTile:
        """The base tile, made now if need be (finishing a job already under way)."""
        key = (k, tx, ty)
        base = self._base.get(key)
        while base is None:
            base = self._step_job(key)
        return base  # type: ignore[return-value]

    def _step_job(self, key: tuple[int, int, int]) -> BaseTile | None:
        """Advance the job making base tile ``key`` by one step; the tile when done."""
        job = self._jobs.pop(key, None)
        if job is None:
            job = base_tile_job(self.level(key[0]), key[1], key[2])
        start = time.perf_counter()
        try:
            next(job)
        except StopIteration as done:
            tile: BaseTile = done.value
            self._base.put(key, tile)
            self.tiles_made += 1
            return tile
        finally:
            ms = (time.perf_counter() - start) * 1000.0
            self._step_ms = 0.8 * self._step_ms + 0.2 * ms
        self._jobs[key] = job
        if len(self._jobs) > 32:  # abandoned jobs (the view moved on): drop the oldest
            self._jobs.pop(next(iter(self._jobs)))
        return None

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
        if self._zoomed:
            # This frame already pays for the zoom (the stand-in, the labels): no more.
            self._zoomed = False
            return
        # Work comes in steps of a few milliseconds (a third of a base tile, or one
        # colour tile); at least one step a frame so progress never stalls, more while
        # the estimate says they fit in the budget.
        busy = False

        def room(cost: float) -> bool:
            return not busy or spent() + cost <= budget_ms

        for tx, ty in missing:
            key = (k, tx, ty)
            if key in self._base:
                if not room(1.0):
                    return
                self._colour_tile(k, tx, ty)
            elif self._snapshot is None and not busy:
                # A hole at the edge of a pan: fill it now, whole.
                self._colour_tile(k, tx, ty)
            else:
                if not room(self._step_ms):
                    return
                self._step_job(key)
            busy = True
        if missing:
            if all(self._has_colour_tile(k, *t) for t in missing):
                self._snapshot = None
            return
        for kk in (k + 1, k - 1):
            if 0 <= kk <= self.max_level and kk not in self._levels:
                self.level(kk)
                return
        style = self.style()
        label_key = (k, self._style_key, self.selected)
        if label_key in self._labels_partial:
            self._labels_partial.discard(label_key)
            self._labels[label_key] = self._place_labels(k, style)
            return
        if self._warm_names(max(1.0, budget_ms - spent())):
            return
        for kk in (k + 1, k - 1):
            label_key = (kk, self._style_key, self.selected)
            if 0 <= kk <= self.max_level and label_key not in self._labels:
                self._labels[label_key] = self._place_labels(kk, style)
                return
        rings = [(k, 1)]
        if self._still >= STILL_BEFORE_PREFETCH:
            rings += [(k + 1, 0), (k - 1, 0)]
        for kk, margin in rings:
            if not 0 <= kk <= self.max_level:
                continue
            for tx, ty in self.visible_tiles(kk, margin):
                key = (kk, tx, ty)
                while key not in self._base:
                    if not room(self._step_ms):
                        return
                    self._step_job(key)
                    busy = True

    def _colour_has_any(self, k: int) -> bool:
        return any(self._has_colour_tile(k, *t) for t in self.visible_tiles())

    def _take_snapshot(self) -> None:
        """Keep what the view shows now, to stand in while the next level's tiles come."""
        if self._snapshot is not None:
            return  # still showing an older stand-in: it is rescaled when drawn
        self.style()
        k = self.level_index
        tiles = [t for t in self.visible_tiles() if self._has_colour_tile(k, *t)]
        if not tiles:
            return
        snap = pygame.Surface(self.rect.size)
        snap.fill(pal.BACKDROP)
        for tx, ty in tiles:
            snap.blit(
                self._colour_tile(k, tx, ty),
                (tx * TILE - self.offset[0], ty * TILE - self.offset[1]),
            )
        self._snapshot = (snap, self.scale, (self.offset[0], self.offset[1]))

    # ------------------------------------------------------------------ frame

    def update(self, dt: float) -> None:
        self.clock += dt * (self.animation_speed if self.animation_speed > 0 else 0.0)
        self._still += dt
        self._work(self.tile_budget_ms)
        if self._snapshot is not None and not self.missing_tiles():
            self._snapshot = None  # the new tiles are all there: the stand-in is done

    def draw(self, surface: pygame.Surface) -> None:
        style = self.style()
        clip = surface.get_clip()
        surface.set_clip(self.rect.clip(clip) if clip else self.rect)
        surface.fill(pal.BACKDROP, self.rect)
        k = self.level_index
        ox, oy = self.offset
        rx, ry = self.rect.topleft
        tiles = self.visible_tiles()
        if self._snapshot is None and not any(self._has_colour_tile(k, *t) for t in tiles):
            # Nothing to show (the facts or the lens changed since the last update, e.g.
            # a turn began and a dialog opened in the same frame): make the tiles now
            # rather than paint a blank map, which would stay on screen under the dialog.
            self.prepare()
        if self._snapshot is not None and any(not self._has_colour_tile(k, *t) for t in tiles):
            self._draw_snapshot(surface)
        for tx, ty in tiles:
            if self._has_colour_tile(k, tx, ty):
                surface.blit(
                    self._colour_tile(k, tx, ty), (rx + tx * TILE - ox, ry + ty * TILE - oy)
                )
        if self.selected is not None:
            self._draw_selection(surface)
        caps = self._capitals_on_screen()
        s = self.ui_scale
        if self.show_overlays:
            # Every alliance and hotline in the blocs lens; elsewhere the selected
            # nation's only, so the map stays readable.
            if self.lens_key == "blocs":
                hotlines = self.selected if self.selected is not None else self.facts.viewer
                overlays.draw_relations(
                    surface,
                    self.facts,
                    caps,
                    pal.BLOC,
                    s,
                    None,
                    hotlines if hotlines is not None else -1,
                )
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
        """Blit the stand-in, scaled to the current zoom once (not every frame)."""
        assert self._snapshot is not None
        snap, scale, (x0, y0) = self._snapshot
        if abs(scale - self.scale) > 1e-9:
            f = self.scale / scale
            w, h = self.rect.size
            # Only the part of the stand-in that lands in the rectangle is scaled.
            left = max(0.0, self.offset[0] / f - x0)
            top = max(0.0, self.offset[1] / f - y0)
            right = min(float(snap.get_width()), (self.offset[0] + w) / f - x0)
            bottom = min(float(snap.get_height()), (self.offset[1] + h) / f - y0)
            if right - left < 1 or bottom - top < 1:
                self._snapshot = None
                return
            src = pygame.Rect(
                int(left),
                int(top),
                max(1, math.ceil(right - left)),
                max(1, math.ceil(bottom - top)),
            )
            src = src.clip(snap.get_rect())
            size = (max(1, round(src.width * f)), max(1, round(src.height * f)))
            snap = pygame.transform.scale(snap.subsurface(src), size)
            x0, y0 = (src.x + x0) * f, (src.y + y0) * f
            self._snapshot = (snap, self.scale, (x0, y0))
        surface.blit(snap, (x0 - self.offset[0] + self.rect.x, y0 - self.offset[1] + self.rect.y))

    def _capitals_on_screen(self) -> list[tuple[float, float]]:
        lv = self.level()
        out = []
        for x, y in self.shapes.nation_capital:
            px, py = lv.to_px(float(x), float(y))
            out.append((px - self.offset[0] + self.rect.x, py - self.offset[1] + self.rect.y))
        return out

    def _draw_selection(self, surface: pygame.Surface) -> None:
        """The selected nation's outer boundary (not the borders between its own
        countries), traced from the tiles' codes and cached per tile."""
        assert self.selected is not None
        k = self.level_index
        if self._selection_codes is None or self._selection_codes[0] != self.selected:
            owned = np.zeros(256, dtype=bool)
            regions = np.flatnonzero(self.shapes.region_nation == self.selected)
            owned[REGION_BASE + regions] = True
            self._selection_codes = (self.selected, owned)
        owned = self._selection_codes[1]
        ox, oy = self.offset
        for tx, ty in self.visible_tiles():
            key = (self.selected, k, tx, ty)
            edge = self._selection_tiles.get(key)
            if edge is None:
                base = self._base.get((k, tx, ty))
                if base is None:
                    continue
                edge = selection_edge(base.codes, owned, self.ui_scale)  # type: ignore[attr-defined]
                self._selection_tiles.put(key, edge)
            if isinstance(edge, pygame.Surface):
                surface.blit(edge, (self.rect.x + tx * TILE - ox, self.rect.y + ty * TILE - oy))

    def _draw_labels(self, surface: pygame.Surface, style: LensStyle) -> None:
        k = self.level_index
        key = (k, self._style_key, self.selected)
        labels = self._labels.get(key)
        if labels is None:
            if len(self._labels) > 40:
                self._labels.clear()
            # Nations now; the names of other countries, which take longer, once the
            # map has a spare moment (see _work).
            labels = self._place_labels(k, style, unowned=False)
            self._labels[key] = labels
            if self._wants_unowned(k):
                self._labels_partial.add(key)
        ox, oy = self.offset
        right, bottom = ox + self.rect.width, oy + self.rect.height
        for label in labels:
            w, h = label.surface.get_size()
            if label.x + w < ox or label.x > right or label.y + h < oy or label.y > bottom:
                continue
            surface.blit(label.surface, (label.x - ox + self.rect.x, label.y - oy + self.rect.y))

    def _wants_unowned(self, k: int) -> bool:
        """Country names (of countries no nation owns) are shown from level 3 in."""
        return self.shapes.kind == "world" and k >= 3

    def _place_labels(self, k: int, style: LensStyle, unowned: bool = True) -> list[PlacedLabel]:
        lv = self.level(k)
        show_unowned = unowned and self._wants_unowned(k)
        keep_clear = []
        if (
            k == 0
            and self.show_legend
            and lv.size[0] <= self.rect.width
            and lv.size[1] <= self.rect.height
        ):
            # The whole map is in view and cannot move: keep labels off the legend (as it
            # rests: folded, when it would hide a nation).
            box = self._legend_resting(style)[1]
            ox = -(self.rect.width - lv.size[0]) / 2
            oy = -(self.rect.height - lv.size[1]) / 2
            keep_clear.append((box.x + ox, box.y + oy, box.right + ox, box.bottom + oy))
        return place_labels(
            self.shapes,
            lv.to_px,
            lv.size,
            lv.scale,
            style.value_text,
            self.texts,
            selected=self.selected,
            viewer=self.facts.viewer,
            region_boxes=lv.region_boxes(),
            show_unowned=show_unowned,
            ui_scale=self.ui_scale,
            keep_clear=keep_clear,
        )

    def _warm_names(self, budget_ms: float) -> bool:
        """Render a few country names ahead of time; False when all are done."""
        if self._names_to_warm is None:
            if self.shapes.kind != "world":
                self._names_to_warm = []
            else:
                unowned = np.flatnonzero(self.shapes.region_nation < 0)
                order = unowned[np.argsort(-self.shapes.region_area[unowned], kind="stable")]
                self._names_to_warm = [self.shapes.region_names[g] for g in order.tolist()]
        start = time.perf_counter()
        while self._names_to_warm:
            if (time.perf_counter() - start) * 1000.0 > budget_ms:
                return True
            self.texts.text(self._names_to_warm.pop(), UNOWNED_LABEL_SIZE, "italic", pal.INK_FAINT)
        return False

    def _draw_legend(self, surface: pygame.Surface, style: LensStyle) -> None:
        legend, box = self.legend_shown(style)
        surface.blit(legend, (self.rect.x + box.x, self.rect.y + box.y))

    def legend_shown(self, style: LensStyle | None = None) -> tuple[pygame.Surface, pygame.Rect]:
        """The legend as it is drawn now and where, relative to the map's rectangle: the
        resting one (see :meth:`_legend_resting`), unfolded while the pointer is on it."""
        style = style or self.style()
        resting, rest_box = self._legend_resting(style)
        full, box = self._legend_placed(style)
        if resting is full:
            self._legend_open = False
            return full, box
        pointer = self._pointer
        inside = pointer is not None and (
            rest_box.move(self.rect.topleft).collidepoint(pointer)
            or (self._legend_open and box.move(self.rect.topleft).collidepoint(pointer))
        )
        self._legend_open = inside
        return (full, box) if inside else (resting, rest_box)

    def _legend_resting(self, style: LensStyle) -> tuple[pygame.Surface, pygame.Rect]:
        """The legend when the pointer is elsewhere: the whole panel, or — where that
        would hide a nation's capital, as on a map that fills every corner — folded to
        its title, so that no nation is ever out of sight under it."""
        full, box = self._legend_placed(style)
        # Whether it hides a capital changes only when the view moves: asked every frame,
        # worked out (over every nation) once per view.
        view_key = (
            self._legend_key,
            self.level_index,
            tuple(self.offset),
            tuple(self.rect),
            box.topleft,
        )
        if self._legend_hides is None or self._legend_hides[0] != view_key:
            margin = round(6 * self.ui_scale)
            area = box.inflate(2 * margin, 2 * margin).move(self.rect.topleft)
            hides = any(area.collidepoint(x, y) for x, y in self._capitals_on_screen())
            self._legend_hides = (view_key, hides)
        if not self._legend_hides[1]:
            return full, box
        chip_key = (self._legend_key, self.ui_scale)
        if self._legend_chip is None or chip_key != self._legend_chip_key:
            self._legend_chip = build_legend_chip(style, self.texts, self.ui_scale)
            self._legend_chip_key = chip_key
        chip = self._legend_chip
        w, h = chip.get_size()
        x = box.x if box.centerx < self.rect.width / 2 else box.right - w
        y = box.y if box.centery < self.rect.height / 2 else box.bottom - h
        return chip, pygame.Rect(x, y, w, h)

    def _legend_placed(self, style: LensStyle) -> tuple[pygame.Surface, pygame.Rect]:
        """The legend panel and where it goes, relative to the map's rectangle."""
        relations = self.lens_key == "blocs" or self.selected is not None
        legend_key = (self._style_key, relations, self.show_overlays, self.facts.arcs_true)
        if self._legend is None or self._legend_key != legend_key:
            extra = overlays.overlay_legend(self.facts, relations) if self.show_overlays else []
            arcs = any(e.kind == "arc" for e in extra)
            note = overlays.incident_note(self.facts) if arcs else None
            self._legend = build_legend(style, extra, self.texts, self.ui_scale, note)
            self._legend_key = legend_key
        # The corner is chosen once per window size, so the legend does not jump about.
        nominal = (round(300 * self.ui_scale), round(190 * self.ui_scale))
        if self._legend_at is None or self._legend_at[0] != self.rect.size:
            self._legend_at = (self.rect.size, self._legend_corner(nominal))
        x, y = self._legend_at[1]
        w, h = self._legend.get_size()
        # Which side a corner is on goes by its middle: a wide legend's right-hand
        # corner starts left of the map's middle.
        if x + nominal[0] / 2 > self.rect.width / 2:  # a right-hand corner: keep the right edge
            x += nominal[0] - w
        if y + nominal[1] / 2 > self.rect.height / 2:  # a bottom corner: keep the bottom edge
            y += nominal[1] - h
        # Never past the map's edges (under the side panel), whatever its size.
        x = max(0, min(x, self.rect.width - w))
        y = max(0, min(y, self.rect.height - h))
        return self._legend, pygame.Rect(x, y, w, h)

    def _legend_corner(self, size: tuple[int, int]) -> tuple[int, int]:
        """Where the legend covers the least land when the whole map is in view:
        bottom-left, bottom-right or top-right."""
        margin = round(12 * self.ui_scale)
        w, h = size
        W, H = self.rect.size
        lv = self.level(0)
        ox = -(W - lv.size[0]) / 2 if lv.size[0] <= W else 0.0
        oy = -(H - lv.size[1]) / 2 if lv.size[1] <= H else 0.0
        corners = [
            (margin, H - margin - h),
            (W - margin - w, H - margin - h),
            (W - margin - w, margin),
        ]
        best, best_land = corners[0], None
        for x, y in corners:
            land = 0
            for fx in (0.1, 0.3, 0.5, 0.7, 0.9):
                for fy in (0.1, 0.35, 0.65, 0.9):
                    mx, my = lv.to_map(x + fx * w + ox, y + fy * h + oy)
                    if self.shapes.locate(mx, my) is not None:
                        land += 1
            if best_land is None or land < best_land:
                best, best_land = (x, y), land
        return best

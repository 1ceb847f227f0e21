"""Rasterising the map into cached 256-pixel tiles, once per zoom level.

The map at zoom level ``k`` is a virtual image of ``size = bounds × scale_k`` pixels cut
into :data:`TILE`-pixel square tiles. A tile is made in two steps, each cached:

1. **Base tile** (depends only on the geometry, the level and the tile): the polygons are
   filled into a small *code* raster — 0 outside the world, 1 water, 255 graticule,
   ``2 + region`` land — with the regions drawn largest first so enclaves end on top,
   holes filled with water (or with the land under them). An RGBA *overlay* is drawn
   once as well: a shallow-water glow and a light coastline (both only on water, from
   the code raster), then every ring's outline as an anti-aliased border. The overlay
   is premultiplied, so it composes exactly with ``BLEND_PREMULTIPLIED``.
2. **Colour tile** (depends on the lens as well): a colour per code (a lookup table),
   a hatch pattern per code for the lens's second cue, then the overlay on top.

Switching lens or selecting a nation recolours tiles from their codes: no polygon is
drawn again. Panning only blits cached tiles. Polygons are drawn again only for a tile
never seen at that zoom level (or evicted from the LRU cache).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Generator, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import pygame
from numpy.typing import NDArray

from game.ui import palettes as pal
from game.ui.mapview.shapes import MapShapes

TILE = 256
PAD = 10  # pixels drawn round a tile so blurs and lines continue across tile edges
SPACE, WATER, GRATICULE = 0, 1, 255
REGION_BASE = 2
MAX_REGIONS = GRATICULE - REGION_BASE
GLOW_RADIUS = 4


# --------------------------------------------------------------------------- one zoom level


class Level:
    """The map's rings in one zoom level's pixels: decimated, in drawing order, with boxes."""

    def __init__(self, shapes: MapShapes, scale: float) -> None:
        if shapes.n_regions > MAX_REGIONS:
            raise ValueError(f"at most {MAX_REGIONS} regions can be drawn")
        self.shapes = shapes
        self.scale = float(scale)
        x0, y0, x1, y1 = shapes.bounds
        self.origin = (x0, y0)
        self.size = (max(1, math.ceil((x1 - x0) * scale)), max(1, math.ceil((y1 - y0) * scale)))
        self.tiles = (math.ceil(self.size[0] / TILE), math.ceil(self.size[1] / TILE))

        rank = np.empty(shapes.n_regions, dtype=np.int64)
        rank[:] = len(shapes.draw_order)
        rank[shapes.draw_order] = np.arange(len(shapes.draw_order))
        order = np.lexsort((shapes.ring_hole, rank[shapes.ring_region]))
        order = order[rank[shapes.ring_region[order]] < len(shapes.draw_order)]

        px = self.to_px_array(shapes.points)
        # Drop points that do not move the ring by a pixel (a ring keeps its first point).
        qx = np.round(px[:, 0]).astype(np.int32)
        qy = np.round(px[:, 1]).astype(np.int32)
        keep = np.ones(len(px), dtype=bool)
        keep[1:] = (qx[1:] != qx[:-1]) | (qy[1:] != qy[:-1])
        offsets = shapes.ring_offsets
        n_rings = len(offsets) - 1
        keep[offsets[:-1][offsets[:-1] < len(px)]] = True
        ring_of_point = np.repeat(np.arange(n_rings), np.diff(offsets))
        kept = px[keep]
        kept_ring = ring_of_point[keep]
        counts = np.bincount(kept_ring, minlength=n_rings)
        kept_offsets = np.concatenate([[0], np.cumsum(counts)])
        nonempty = counts > 0
        lo = np.full((n_rings, 2), np.inf)
        hi = np.full((n_rings, 2), -np.inf)
        starts = kept_offsets[:-1][nonempty]
        lo[nonempty] = np.minimum.reduceat(kept, starts, axis=0)
        hi[nonempty] = np.maximum.reduceat(kept, starts, axis=0)
        big = (hi - lo).max(axis=1) >= 0.7  # smaller than a pixel at this zoom: left out
        usable = (counts >= 3) & big
        order = order[usable[order]]

        hole = shapes.ring_hole[order]
        fill = shapes.ring_hole_fill[order]
        region = shapes.ring_region[order]
        codes = np.where(hole, np.where(fill < 0, WATER, REGION_BASE + fill), REGION_BASE + region)
        starts_kept = kept_offsets[:-1]
        self.rings = [kept[starts_kept[r] : starts_kept[r] + counts[r]] for r in order.tolist()]
        self.ring_codes = codes.astype(np.int64).tolist()
        self.ring_regions = region.astype(np.int64)
        self.boxes = np.column_stack([lo[order], hi[order]]).reshape(-1, 4)
        self.ring_hole = hole.astype(bool).tolist()
        self._region_boxes: NDArray[np.float64] | None = None
        self.outline = self.to_px_array(shapes.outline)
        self.graticule = [self.to_px_array(line) for line in shapes.graticule]
        self.graticule_boxes = [(*line.min(axis=0), *line.max(axis=0)) for line in self.graticule]

    def to_px_array(self, points: NDArray[np.float64]) -> NDArray[np.float64]:
        out = np.empty((len(points), 2), dtype=np.float64)
        out[:, 0] = (points[:, 0] - self.origin[0]) * self.scale
        out[:, 1] = (points[:, 1] - self.origin[1]) * self.scale
        return out

    def to_px(self, x: float, y: float) -> tuple[float, float]:
        return ((x - self.origin[0]) * self.scale, (y - self.origin[1]) * self.scale)

    def to_map(self, px: float, py: float) -> tuple[float, float]:
        return (px / self.scale + self.origin[0], py / self.scale + self.origin[1])

    def rings_in(self, left: float, top: float, right: float, bottom: float) -> NDArray[np.intp]:
        b = self.boxes
        return np.flatnonzero(
            (b[:, 2] >= left) & (b[:, 0] <= right) & (b[:, 3] >= top) & (b[:, 1] <= bottom)
        )

    def region_boxes(self) -> NDArray[np.float64]:
        """Per region, the box of its largest outer ring (NaN when none is drawn)."""
        if self._region_boxes is None:
            out = np.full((self.shapes.n_regions, 4), np.nan)
            best = np.zeros(self.shapes.n_regions)
            for k, box in enumerate(self.boxes):
                if self.ring_hole[k]:
                    continue
                g = int(self.ring_regions[k])
                area = (box[2] - box[0]) * (box[3] - box[1])
                if area > best[g]:
                    best[g] = area
                    out[g] = box
            self._region_boxes = out
        return self._region_boxes


# --------------------------------------------------------------------------- base tiles


@dataclass(eq=False)
class BaseTile:
    codes: NDArray[np.uint8]  # (TILE, TILE) indexed [x, y] like pygame.surfarray
    overlay: pygame.Surface  # premultiplied RGBA
    present: NDArray[np.bool_]  # which codes occur in the tile (256,)


def reduce_ring(
    pts: NDArray[np.float64], left: float, top: float, right: float, bottom: float
) -> NDArray[np.float64]:
    """Drop the points of a closed ring that cannot matter inside the rectangle.

    Each point outside gets one side (left, then right, above, below, in that order of
    precedence). A point whose two neighbours have the same side as itself can go: a run
    of such points is replaced by the chord between the run's ends, which stays beyond
    that side, so nothing inside changes. This turns a country of ten thousand points
    into the few dozen near a tile.
    """
    x, y = pts[:, 0], pts[:, 1]
    side = np.where(
        x < left, 1, np.where(x > right, 2, np.where(y < top, 3, np.where(y > bottom, 4, 0)))
    ).astype(np.int8)
    drop = (side != 0) & (side == np.roll(side, 1)) & (side == np.roll(side, -1))
    return pts[~drop]


def clip_ring(
    pts: NDArray[np.float64], left: float, top: float, right: float, bottom: float
) -> NDArray[np.float64]:
    """Sutherland–Hodgman clipping of a closed ring to a rectangle, vectorised.

    pygame fills a polygon scanline by scanline over *all* its edges, so a country of
    thousands of points costs as much in a tile that shows a sliver of it as on the
    whole map; clipping first keeps a tile's cost to what it shows. The clipped ring
    gains edges along the rectangle: draw them outside the part of the tile that is kept.
    """
    for axis, bound, keep_above in (
        (0, left, True),
        (0, right, False),
        (1, top, True),
        (1, bottom, False),
    ):
        if len(pts) == 0:
            return pts
        v = pts[:, axis]
        inside = v >= bound if keep_above else v <= bound
        if inside.all():
            continue
        if not inside.any():
            return pts[:0]
        nxt = np.roll(pts, -1, axis=0)
        nxt_inside = np.roll(inside, -1)
        crossing = inside != nxt_inside
        dv = nxt[:, axis] - v
        t = np.where(crossing, (bound - v) / np.where(dv == 0, 1.0, dv), 0.0)
        hit = pts + (nxt - pts) * t[:, None]
        hit[:, axis] = bound
        # Each edge emits its crossing point (if any), then its end point (if inside).
        both = np.empty((2 * len(pts), 2))
        both[0::2] = hit
        both[1::2] = nxt
        emit = np.empty(2 * len(pts), dtype=bool)
        emit[0::2] = crossing
        emit[1::2] = nxt_inside
        pts = both[emit]
    return pts


def _box_blur(a: NDArray[np.floating], r: int) -> NDArray[np.floating]:
    """Mean over a (2r+1)² window, twice (close to a Gaussian), edges clamped."""
    for _ in range(2):
        for axis in (0, 1):
            pad = [(0, 0), (0, 0)]
            pad[axis] = (r + 1, r)
            c = np.cumsum(np.pad(a, pad, mode="edge"), axis=axis, dtype=np.float32)
            if axis == 0:
                a = (c[2 * r + 1 :, :] - c[: -2 * r - 1, :]) / (2 * r + 1)
            else:
                a = (c[:, 2 * r + 1 :] - c[:, : -2 * r - 1]) / (2 * r + 1)
    return a


GLOW_ALPHA = 120  # strongest shallow-water glow, of 255
COAST_ALPHA = 235


def _shore(
    overlay: pygame.Surface, raster: NDArray[np.uint8], land: NDArray[np.bool_], pad: int
) -> pygame.Surface:
    """The shallow-water glow and the coastline (on water only), as a premultiplied overlay.

    Returns a new surface: ``overlay`` filled with the shore colour, its alpha written
    from the masks, then premultiplied (pygame does that in C).
    """
    w, h = land.shape
    # The glow is blurred at half resolution: it is soft anyway, and four times cheaper.
    glow = _box_blur(land[::2, ::2].astype(np.float32), max(1, GLOW_RADIUS // 2))
    glow = (np.minimum(glow * 2.2, 1.0) * GLOW_ALPHA).astype(np.uint8)
    alpha = np.repeat(np.repeat(glow, 2, axis=0), 2, axis=1)[pad : w - pad, pad : h - pad]
    inner = raster[pad : w - pad, pad : h - pad]
    water = (inner == WATER) | (inner == GRATICULE)
    near = (
        land[pad - 1 : w - pad - 1, pad : h - pad]
        | land[pad + 1 : w - pad + 1, pad : h - pad]
        | land[pad : w - pad, pad - 1 : h - pad - 1]
        | land[pad : w - pad, pad + 1 : h - pad + 1]
    )
    alpha[~water] = 0
    alpha[near & water] = COAST_ALPHA
    overlay.fill((*pal.COAST, 0))
    alphas = pygame.surfarray.pixels_alpha(overlay)
    alphas[pad : w - pad, pad : h - pad] = alpha
    del alphas
    return overlay.premul_alpha()


def render_base(level: Level, tx: int, ty: int) -> BaseTile:
    """Draw the polygons of tile ``(tx, ty)`` of ``level`` (see the module docstring)."""
    job = base_tile_job(level, tx, ty)
    while True:
        try:
            next(job)
        except StopIteration as done:
            return done.value


#: Roughly how long one step of a :func:`base_tile_job` may run.
STEP_SECONDS = 0.0015


def base_tile_job(level: Level, tx: int, ty: int) -> Generator[None, None, BaseTile]:
    """Make tile ``(tx, ty)`` of ``level`` in steps of a few milliseconds each.

    A generator, so the map can spread a tile over frames: it yields while filling
    polygons (when that runs long), after the polygons and after the shore, and returns
    the :class:`BaseTile`.
    """
    size = TILE + 2 * PAD
    ox, oy = tx * TILE - PAD, ty * TILE - PAD
    offset = np.array([ox, oy], dtype=np.float64)
    index = pygame.Surface((size, size), depth=8)
    index.set_palette(_GREY_PALETTE)
    index.fill(SPACE)
    lo, hi = -3.0, size + 3.0  # clip edges fall in the padding, which is cut away
    sea = clip_ring(reduce_ring(level.outline - offset, lo, lo, hi, hi), lo, lo, hi, hi)
    if len(sea) >= 3:
        pygame.draw.polygon(index, WATER, sea.tolist())
    for line, box in zip(level.graticule, level.graticule_boxes, strict=True):
        if box[2] >= ox and box[0] <= ox + size and box[3] >= oy and box[1] <= oy + size:
            pygame.draw.lines(index, GRATICULE, False, (line - offset).tolist(), 1)
    visible = level.rings_in(ox - 1, oy - 1, ox + size + 1, oy + size + 1)
    rings = level.rings
    codes = level.ring_codes
    lines = []
    b = level.boxes[visible]
    overhang = (b[:, 0] - ox < lo) | (b[:, 1] - oy < lo) | (b[:, 2] - ox > hi) | (b[:, 3] - oy > hi)
    step_start = time.perf_counter()
    for n, (k, clip) in enumerate(zip(visible.tolist(), overhang.tolist(), strict=True)):
        ring = rings[k] - offset
        if clip:
            ring = clip_ring(reduce_ring(ring, lo, lo, hi, hi), lo, lo, hi, hi)
            if len(ring) < 3:
                continue
        pts = ring.tolist()
        pygame.draw.polygon(index, codes[k], pts)
        lines.append(pts)
        if n % 8 == 7 and time.perf_counter() - step_start > STEP_SECONDS:
            yield  # a crowded tile (an archipelago) takes more than one step
            step_start = time.perf_counter()
    raster = pygame.surfarray.array2d(index).astype(np.uint8)  # [x, y]
    yield

    land = (raster >= REGION_BASE) & (raster != GRATICULE)
    overlay = pygame.Surface((size, size), pygame.SRCALPHA)
    if land.any() and not land.all():
        overlay = _shore(overlay, raster, land, PAD)
    yield

    for pts in lines:
        pygame.draw.aalines(overlay, pal.BORDER, True, pts)
    if len(sea) >= 3:
        pygame.draw.aalines(overlay, pal.GRATICULE, True, sea.tolist())
    codes_tile = np.ascontiguousarray(raster[PAD : PAD + TILE, PAD : PAD + TILE])
    present = np.bincount(codes_tile.ravel(), minlength=256) > 0
    crop = pygame.Rect(PAD, PAD, TILE, TILE)
    return BaseTile(codes_tile, overlay.subsurface(crop).copy(), present)


_GREY_PALETTE = [(i, i, i) for i in range(256)]


# --------------------------------------------------------------------------- colour tiles


def pattern_masks(period: int = 8) -> NDArray[np.bool_]:
    """Hatch masks ``[pattern, x, y]`` for the patterns of ``lenses`` (NONE ... BACKDIAG).

    Periods divide the tile size, so patterns run on seamlessly from tile to tile.
    """
    x, y = np.indices((TILE, TILE))
    p = period
    half = max(1, p // 4)
    masks = np.zeros((7, TILE, TILE), dtype=bool)
    masks[1] = (x + y) % p < half  # diagonal
    masks[2] = (x + y) % max(2, p // 2) < max(1, half // 2 + (half == 1))  # dense diagonal
    masks[3] = ((x + y) % p < half) | ((x - y) % p < half)  # cross
    masks[4] = y % p < half  # horizontal
    dot = (x % p >= p // 2 - half // 2 - 1) & (x % p < p // 2 + half // 2 + 1)
    masks[5] = dot & (y % p >= p // 2 - half // 2 - 1) & (y % p < p // 2 + half // 2 + 1)
    masks[6] = (x - y) % p < half  # back diagonal
    return masks


@dataclass(eq=False)
class Colouring:
    """Lookup tables from tile codes to colours and hatching, for one lens state."""

    rgb: NDArray[np.uint8]  # (256, 3)
    pattern: NDArray[np.int8]  # (256,)
    hatch_rgb: NDArray[np.float32]  # (256, 3)
    hatch_alpha: NDArray[np.float32]  # (256,)

    @classmethod
    def build(
        cls,
        shapes: MapShapes,
        nation_fill: Sequence[pal.RGB],
        nation_pattern: Sequence[int],
        muted: pal.RGB = pal.LAND_MUTED,
    ) -> Colouring:
        rgb = np.zeros((256, 3), dtype=np.uint8)
        rgb[SPACE] = pal.BACKDROP
        rgb[WATER] = pal.OCEAN
        rgb[GRATICULE] = pal.mix(pal.OCEAN, pal.GRATICULE, 0.16)
        pattern = np.zeros(256, dtype=np.int8)
        hatch_rgb = np.zeros((256, 3), dtype=np.float32)
        hatch_alpha = np.zeros(256, dtype=np.float32)
        alt = pal.LAND_MUTED_ALT
        for region in range(shapes.n_regions):
            code = REGION_BASE + region
            owner = int(shapes.region_nation[region])
            if owner >= 0 and owner < len(nation_fill):
                colour = nation_fill[owner]
                pattern[code] = nation_pattern[owner]
            else:
                # Unowned countries alternate two close greys so borders stay legible.
                colour = alt if region % 2 else muted
            rgb[code] = colour
            if pal.luminance(colour) > 0.18:
                hatch_rgb[code] = (10, 14, 24)
                hatch_alpha[code] = 0.42
            else:
                hatch_rgb[code] = (235, 240, 250)
                hatch_alpha[code] = 0.35
        return cls(rgb, pattern, hatch_rgb, hatch_alpha)


def colour_tile(base: BaseTile, colouring: Colouring, masks: NDArray[np.bool_]) -> pygame.Surface:
    """The tile in the lens's colours: fills, hatching, then the overlay."""
    codes = base.codes
    rgb = colouring.rgb[codes]
    patterns_here = colouring.pattern[base.present]
    if patterns_here.any():
        pat = colouring.pattern[codes]
        on = np.take_along_axis(masks, pat[None, ...].astype(np.intp), axis=0)[0]
        on &= pat > 0
        if on.any():
            c = codes[on]
            a = colouring.hatch_alpha[c][:, None]
            rgb[on] = (rgb[on] * (1.0 - a) + colouring.hatch_rgb[c] * a).astype(np.uint8)
    surface = pygame.Surface((TILE, TILE))
    pygame.surfarray.blit_array(surface, rgb)
    surface.blit(base.overlay, (0, 0), special_flags=pygame.BLEND_PREMULTIPLIED)
    return surface


def selection_edge(
    codes: NDArray[np.uint8], owned: NDArray[np.bool_], ui_scale: float = 1.0
) -> pygame.Surface | bool:
    """A tile-sized overlay tracing the boundary of the codes marked ``owned`` (a line
    just inside it), or False when the tile shows none of it."""
    inside = owned[codes]
    if not inside.any():
        return False
    core = inside.copy()
    core[1:, :] &= inside[:-1, :]
    core[:-1, :] &= inside[1:, :]
    core[:, 1:] &= inside[:, :-1]
    core[:, :-1] &= inside[:, 1:]
    edge = inside & ~core
    if not edge.any():
        return False
    for _ in range(max(1, round(ui_scale * 1.5))):  # thicken inwards
        grown = edge.copy()
        grown[1:, :] |= edge[:-1, :]
        grown[:-1, :] |= edge[1:, :]
        grown[:, 1:] |= edge[:, :-1]
        grown[:, :-1] |= edge[:, 1:]
        edge = grown & inside
    surface = pygame.Surface((TILE, TILE), pygame.SRCALPHA)
    surface.fill((*pal.WARNING, 0))
    alphas = pygame.surfarray.pixels_alpha(surface)
    alphas[edge] = 255
    del alphas
    return surface


# --------------------------------------------------------------------------- caches


class LRU:
    """A small least-recently-used cache."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, key: Hashable) -> object | None:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, key: Hashable, value: object) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()

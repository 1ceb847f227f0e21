"""Generated maps for fictional scenarios: land, sea and territories grown from capitals.

A scenario places each nation's capital at ``(x, y)`` on a map of ``width`` × ``height``
abstract units (x to the right, y downwards, like the screen). :func:`generate_map` turns
that into a raster of square cells, ``resolution`` units on a side (``cell_size``):

* **Land.** Every capital contributes a soft round blob (a Gaussian "metaball" whose size
  follows the average spacing of capitals), and a smooth fractal value-noise field is added
  so coasts get bays, headlands and small islands. Capitals closer than about 1.5 spacings
  end up on one landmass and share a land border (each capital's nearest few within one
  spacing are always joined by a ragged land bridge); distant ones become islands. Every
  capital sits on land (a ragged core round it is always land); specks of land and tiny
  lakes are cleaned away; land fades out towards the map's edge.
* **Territories.** Each landmass is shared among the capitals on it by nearest capital,
  measured after warping the coordinates with noise ("domain warping"), so borders are
  organic curves, not Voronoi straight lines. A piece of a nation cut off from its capital
  on the same landmass goes to the neighbour it borders most, so every territory is
  connected to its capital on its own landmass. A landmass with no capital goes whole to
  the nearest nation if it is near (an offshore island), else stays unowned.

Cell values in ``owner`` (int16, rows × cols, row 0 at the top): ``0..n-1`` the nation
owning the cell, ``SEA = -1``, ``UNOWNED = -2`` (land that no nation reaches). Cell
``(row, col)`` covers x in ``[col, col+1) * cell_size`` and y in ``[row, row+1) * cell_size``.

Everything is numpy (no pygame, no scipy) and deterministic: the same capitals, size, seed
and resolution give the same arrays, using generators derived from the seed, never the
global random state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from game.maps.colouring import greedy_colouring

SEA = -1
UNOWNED = -2

MAX_CELLS = 4_000_000
#: The cell size of a generated map, in map units, unless the map is so large that its
#: raster would pass MAX_CELLS (then the cells grow: see default_resolution).
RESOLUTION = 4


def default_resolution(width: float, height: float) -> int:
    """The cell size a ``width`` × ``height`` map is grown with: :data:`RESOLUTION`, or
    the smallest size that keeps the raster within :data:`MAX_CELLS` cells."""
    cell = RESOLUTION
    while np.ceil(height / cell) * np.ceil(width / cell) > MAX_CELLS:
        cell += 1
    return cell


def same_cell(
    capitals: Sequence[tuple[float, float]], width: float, height: float
) -> tuple[int, int] | None:
    """Two capitals (by index) that fall in one cell of the map's raster, or None: the
    map cannot be grown then (each capital seeds its own territory)."""
    cell = float(default_resolution(width, height))
    rows, cols = int(np.ceil(height / cell)), int(np.ceil(width / cell))
    seen: dict[tuple[int, int], int] = {}
    for i, (x, y) in enumerate(capitals):
        key = (min(int(y / cell), rows - 1), min(int(x / cell), cols - 1))
        if key in seen:
            return seen[key], i
        seen[key] = i
    return None


# Tuning, in units of the capitals' average spacing ``s = sqrt(width * height / n)``.
_BLOB_SIGMA = 0.36  # Gaussian radius of each capital's land blob
_LAND_THRESHOLD = 0.42  # on the saturated land field 1 - exp(-sum of blobs)
_COAST_NOISE = 0.55  # amplitude of the coastline noise, in land-field units
_COAST_PERIOD = 1.2  # largest coastline feature
_WARP_AMPLITUDE = 0.9  # how far borders are pushed around
_WARP_PERIOD = 1.4
_CAPITAL_CORE = 0.22  # radius (ragged by noise) always kept as land round a capital
_BRIDGE_REACH = 1.0  # capitals closer than this are always on one landmass
_BRIDGE_NEIGHBOURS = 3  # ... counting each capital's few nearest only
_BRIDGE_WIDTH = 0.12  # half-width (ragged by noise) of the land joining them
_EDGE_FADE = 0.5  # land fades out within this distance of the (warped) map's edge
_ISLAND_REACH = 0.7  # a capital-less island this close to a capital joins that nation
_SPECK_AREA = 0.01  # land or lake components smaller than this (in s²) are removed


def capital_inside(x: float, y: float, width: float, height: float) -> bool:
    """True if ``(x, y)`` lies on a ``width`` × ``height`` map (edges included)."""
    return bool(0.0 <= x <= width and 0.0 <= y <= height)


# --------------------------------------------------------------------------- noise


def _value_noise(
    rng: np.random.Generator, rows: int, cols: int, period: float
) -> NDArray[np.float64]:
    """Smoothly interpolated random lattice values in [-1, 1], lattice spacing ``period`` cells."""
    period = max(period, 1.0)
    gh = int(np.ceil(rows / period)) + 2
    gw = int(np.ceil(cols / period)) + 2
    lattice = rng.uniform(-1.0, 1.0, size=(gh, gw))
    oy, ox = rng.uniform(0.0, 1.0, size=2)
    y = np.arange(rows) / period + oy
    x = np.arange(cols) / period + ox
    y0 = np.floor(y).astype(np.intp)
    x0 = np.floor(x).astype(np.intp)
    fy = y - y0
    fx = x - x0
    fy = fy * fy * (3 - 2 * fy)
    fx = fx * fx * (3 - 2 * fx)
    a = lattice[np.ix_(y0, x0)]
    b = lattice[np.ix_(y0, x0 + 1)]
    c = lattice[np.ix_(y0 + 1, x0)]
    d = lattice[np.ix_(y0 + 1, x0 + 1)]
    top = a + (b - a) * fx[None, :]
    bottom = c + (d - c) * fx[None, :]
    return top + (bottom - top) * fy[:, None]


def _fbm(
    rng: np.random.Generator,
    rows: int,
    cols: int,
    period: float,
    octaves: int = 4,
    gain: float = 0.5,
) -> NDArray[np.float64]:
    """Fractal sum of value noise (each octave half the period, ``gain`` times the amplitude)."""
    total = np.zeros((rows, cols))
    amplitude, norm = 1.0, 0.0
    for _ in range(octaves):
        total += amplitude * _value_noise(rng, rows, cols, period)
        norm += amplitude
        amplitude *= gain
        period /= 2.0
        if period < 1.0:
            break
    return total / norm


# --------------------------------------------------------------------------- raster helpers


def _label(classes: NDArray[np.integer], valid: NDArray[np.bool_]) -> tuple[NDArray[np.int32], int]:
    """4-connected components of equal ``classes`` among ``valid`` cells.

    Returns labels ``0..k-1`` (``-1`` where not valid), numbered in raster order of each
    component's first cell, and ``k``. Vectorised min-label hooking with pointer jumping.
    """
    rows, cols = classes.shape
    idx = np.arange(rows * cols).reshape(rows, cols)
    same_h = valid[:, :-1] & valid[:, 1:] & (classes[:, :-1] == classes[:, 1:])
    same_v = valid[:-1, :] & valid[1:, :] & (classes[:-1, :] == classes[1:, :])
    a = np.concatenate([idx[:, :-1][same_h], idx[:-1, :][same_v]])
    b = np.concatenate([idx[:, 1:][same_h], idx[1:, :][same_v]])
    parent = np.arange(rows * cols)
    while a.size:
        pa, pb = parent[a], parent[b]
        differ = pa != pb
        if not differ.any():
            break
        pa, pb = pa[differ], pb[differ]
        lo = np.minimum(pa, pb)
        np.minimum.at(parent, pa, lo)
        np.minimum.at(parent, pb, lo)
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped
        a, b = a[differ], b[differ]
    roots = parent.reshape(rows, cols)
    out = np.full((rows, cols), -1, dtype=np.int32)
    if valid.any():
        uniq, inverse = np.unique(roots[valid], return_inverse=True)
        out[valid] = inverse.astype(np.int32)
        return out, len(uniq)
    return out, 0


def _shifted(a: NDArray, dy: int, dx: int, fill: object) -> NDArray:
    """``a`` moved by (dy, dx): ``out[r, c] = a[r - dy, c - dx]``, ``fill`` where outside."""
    out = np.full_like(a, fill)
    rows, cols = a.shape
    out[max(dy, 0) : rows + min(dy, 0), max(dx, 0) : cols + min(dx, 0)] = a[
        max(-dy, 0) : rows + min(-dy, 0), max(-dx, 0) : cols + min(-dx, 0)
    ]
    return out


_NEIGHBOURS_4 = ((1, 0), (-1, 0), (0, 1), (0, -1))


def _edt(mask: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Exact Euclidean distance (in cells) from each True cell to the nearest False cell.

    Cells outside the array count as False. Column pass by running maxima, row pass by
    brute force over each row (fine for one territory's bounding box).
    """
    h, w = mask.shape
    padded = np.zeros((h + 2, w + 2), dtype=bool)
    padded[1:-1, 1:-1] = mask
    H, W = padded.shape
    rows = np.arange(H, dtype=np.float64)[:, None]
    feature_row = np.where(~padded, rows, -np.inf)
    up = np.maximum.accumulate(feature_row, axis=0)
    feature_row_rev = np.where(~padded[::-1], rows, -np.inf)
    down = (H - 1) - np.maximum.accumulate(feature_row_rev, axis=0)[::-1]
    g = np.minimum(rows - up, down - rows)  # vertical distance to a feature in the column
    g2 = g * g
    xs = np.arange(W, dtype=np.float64)
    dx2 = (xs[:, None] - xs[None, :]) ** 2  # (x, x')
    d2 = np.empty((H, W))
    for r in range(H):
        d2[r] = np.min(dx2 + g2[r][None, :], axis=1)
    return np.sqrt(d2[1:-1, 1:-1])


def _close_pairs(
    cx: NDArray[np.float64], cy: NDArray[np.float64], reach: float, k: int
) -> list[tuple[int, int]]:
    """Pairs ``i < j`` where j is among i's ``k`` nearest (or i among j's), closer than ``reach``."""
    n = len(cx)
    if n < 2:
        return []
    d2 = (cx[:, None] - cx[None, :]) ** 2 + (cy[:, None] - cy[None, :]) ** 2
    np.fill_diagonal(d2, np.inf)
    k = min(k, n - 1)
    nearest = np.argsort(d2, axis=1, kind="stable")[:, :k]
    pairs = set()
    for i in range(n):
        for j in nearest[i].tolist():
            if d2[i, j] < reach * reach:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def _paint_bridge(
    land: NDArray[np.bool_],
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    half_width: float,
    noise: NDArray[np.float64],
) -> None:
    """Mark as land the cells within a noisy ``half_width`` of segment (x0, y0)-(x1, y1)."""
    rows, cols = land.shape
    pad = half_width * 1.6 + 1
    r0, r1 = max(int(min(y0, y1) - pad), 0), min(int(max(y0, y1) + pad) + 1, rows)
    c0, c1 = max(int(min(x0, x1) - pad), 0), min(int(max(x0, x1) + pad) + 1, cols)
    if r0 >= r1 or c0 >= c1:
        return
    py = np.arange(r0, r1, dtype=np.float64)[:, None] + 0.5
    px = np.arange(c0, c1, dtype=np.float64)[None, :] + 0.5
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    t = np.clip(((px - x0) * dx + (py - y0) * dy) / length2, 0.0, 1.0) if length2 > 0 else 0.0
    dist = np.hypot(px - (x0 + t * dx), py - (y0 + t * dy))
    land[r0:r1, c0:c1] |= dist < half_width * (1.0 + 0.6 * noise[r0:r1, c0:c1])


# --------------------------------------------------------------------------- the map


@dataclass(eq=False)
class GeneratedMap:
    """A generated map: see the module docstring for the meaning of ``owner``."""

    width: float
    height: float
    cell_size: float
    seed: int
    capitals: NDArray[np.float64]  # (n, 2) x, y in map units
    capital_cells: NDArray[np.intp]  # (n, 2) row, col
    owner: NDArray[np.int16]  # (rows, cols)
    neighbours: list[tuple[int, int]]
    colouring: list[int]
    coastline: NDArray[np.bool_]  # land cells next to sea (or the map's edge)
    border: NDArray[np.bool_]  # owned cells next to a cell of another nation
    _labels: dict[int, tuple[float, float]] = field(default_factory=dict, repr=False)

    @property
    def shape(self) -> tuple[int, int]:
        return (int(self.owner.shape[0]), int(self.owner.shape[1]))

    @property
    def n_nations(self) -> int:
        return len(self.capitals)

    @property
    def land(self) -> NDArray[np.bool_]:
        return self.owner != SEA

    def cell_counts(self) -> NDArray[np.int64]:
        """Number of cells each nation owns."""
        owned = self.owner[self.owner >= 0]
        return np.bincount(owned, minlength=self.n_nations).astype(np.int64)

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        """``(row, col)`` of the cell containing map point ``(x, y)`` (clamped to the map)."""
        rows, cols = self.shape
        r = int(np.clip(np.floor(y / self.cell_size), 0, rows - 1))
        c = int(np.clip(np.floor(x / self.cell_size), 0, cols - 1))
        return r, c

    def cell_centre(self, row: int, col: int) -> tuple[float, float]:
        return ((col + 0.5) * self.cell_size, (row + 0.5) * self.cell_size)

    def nation_at(self, x: float, y: float) -> int:
        """Owner of the cell at ``(x, y)``: a nation index, ``SEA`` or ``UNOWNED``."""
        if not capital_inside(x, y, self.width, self.height):
            return SEA
        return int(self.owner[self.cell_of(x, y)])

    def label_point(self, i: int) -> tuple[float, float]:
        """``(x, y)`` deep inside nation ``i``'s territory on its capital's landmass.

        The cell farthest from the territory's edge (exact Euclidean distance transform),
        ties broken towards the territory's centre.
        """
        if not 0 <= i < self.n_nations:
            raise IndexError(f"nation index {i} out of range 0..{self.n_nations - 1}")
        cached = self._labels.get(i)
        if cached is not None:
            return cached
        mine = self.owner == i
        comp, _ = _label(mine.astype(np.int8), mine)
        cr, cc = (int(v) for v in self.capital_cells[i])
        main = comp == comp[cr, cc]
        rr, cc_ = np.nonzero(main)
        r0, r1, c0, c1 = rr.min(), rr.max() + 1, cc_.min(), cc_.max() + 1
        box = main[r0:r1, c0:c1]
        dist = _edt(box)
        best = dist.max()
        cand_r, cand_c = np.nonzero(box & (dist >= best - 0.5))
        my, mx = rr.mean() - r0, cc_.mean() - c0
        k = int(np.argmin((cand_r - my) ** 2 + (cand_c - mx) ** 2))
        point = self.cell_centre(int(cand_r[k] + r0), int(cand_c[k] + c0))
        point = (min(point[0], self.width), min(point[1], self.height))
        self._labels[i] = point
        return point


def generate_map(
    capitals: Sequence[tuple[float, float]],
    width: float,
    height: float,
    seed: int,
    resolution: int | None = None,
    n_colours: int = 6,
    land_share: float = 0.5,
) -> GeneratedMap:
    """Grow land and territories round ``capitals`` on a ``width`` × ``height`` map.

    ``resolution`` is the cell size in map units (default: :func:`default_resolution`);
    ``land_share`` (0.1-0.9) is how much of the
    map is land, roughly: it widens or narrows the land grown round each capital.
    Deterministic for the same arguments.
    Raises ``ValueError`` for a capital outside the map, two capitals in one cell, or a
    raster that would be too large.
    """
    caps = np.asarray(capitals, dtype=np.float64).reshape(-1, 2)
    n = len(caps)
    if n == 0:
        raise ValueError("a generated map needs at least one capital")
    if resolution is None and width > 0 and height > 0:
        resolution = default_resolution(width, height)
    if not (width > 0 and height > 0 and resolution is not None and resolution > 0):
        raise ValueError("width, height and resolution must be positive")
    for i, (x, y) in enumerate(caps):
        if not capital_inside(x, y, width, height):
            raise ValueError(
                f"capital {i} at ({x:g}, {y:g}) is outside the {width:g}×{height:g} map"
            )
    cell = float(resolution)
    rows, cols = int(np.ceil(height / cell)), int(np.ceil(width / cell))
    if rows * cols > MAX_CELLS:
        raise ValueError(f"map raster {cols}×{rows} is too large; use a larger resolution")
    cap_r = np.minimum((caps[:, 1] / cell).astype(np.intp), rows - 1)
    cap_c = np.minimum((caps[:, 0] / cell).astype(np.intp), cols - 1)
    flat_cap = cap_r * cols + cap_c
    uniq, counts = np.unique(flat_cap, return_counts=True)
    if (counts > 1).any():
        clash = np.flatnonzero(flat_cap == uniq[np.argmax(counts > 1)])
        raise ValueError(
            f"capitals {int(clash[0])} and {int(clash[1])} are in the same map cell; "
            f"move them apart or use a smaller resolution"
        )

    def stream(k: int) -> np.random.Generator:
        return np.random.default_rng([int(seed) & 0xFFFFFFFF, int(seed) >> 32 & 0xFFFFFFFF, k])

    # Everything below is in cell units.
    spacing = float(np.sqrt(width * height / n)) / cell
    spacing = min(spacing, 0.6 * max(rows, cols))
    cy = cap_r + 0.5
    cx = cap_c + 0.5
    gy = np.arange(rows, dtype=np.float64)[:, None] + 0.5
    gx = np.arange(cols, dtype=np.float64)[None, :] + 0.5

    # Domain warp, shared by the map's edge (so land does not stop along straight lines)
    # and by the territories (so borders are organic curves).
    amp = _WARP_AMPLITUDE * spacing
    wy = gy + amp * _fbm(stream(2), rows, cols, _WARP_PERIOD * spacing, octaves=5, gain=0.6)
    wx = gx + amp * _fbm(stream(3), rows, cols, _WARP_PERIOD * spacing, octaves=5, gain=0.6)

    # ---- land: capital blobs + coastline noise, faded towards the map's edge
    sigma = _BLOB_SIGMA * spacing * (0.6 + 0.8 * float(np.clip(land_share, 0.1, 0.9)))
    field_ = np.zeros((rows, cols), dtype=np.float64)
    nearest = np.full((rows, cols), np.inf, dtype=np.float32)
    inv = -1.0 / (2.0 * sigma * sigma)
    ys = gy.astype(np.float32)
    xs = gx.astype(np.float32)
    for start in range(0, n, 64):
        sl = slice(start, start + 64)
        d2 = (ys[None, :, :] - cy[sl, None, None].astype(np.float32)) ** 2 + (
            xs[None, :, :] - cx[sl, None, None].astype(np.float32)
        ) ** 2
        field_ += np.exp(d2 * np.float32(inv)).sum(axis=0, dtype=np.float64)
        np.minimum(nearest, d2.min(axis=0), out=nearest)
    field_ = 1.0 - np.exp(-field_)  # saturate: inland stays land, coasts follow the noise
    coast_noise = _fbm(stream(1), rows, cols, _COAST_PERIOD * spacing, octaves=6)
    field_ += _COAST_NOISE * coast_noise
    edge = np.minimum(np.minimum(wx, cols - wx), np.minimum(wy, rows - wy))
    fade = np.clip(edge / max(_EDGE_FADE * spacing, 1.0), 0.0, 1.0)
    field_ -= (1.0 - fade * fade * (3 - 2 * fade)) * 0.8
    land = field_ > _LAND_THRESHOLD
    # Every capital keeps a ragged core of land round it, and its own cell.
    core = _CAPITAL_CORE * spacing * (1.0 + 0.6 * coast_noise)
    land |= np.sqrt(nearest) < core
    # Close capitals (each one's few nearest, within _BRIDGE_REACH) are joined by a ragged
    # land bridge, so near neighbours always share a landmass whatever the noise says.
    for i, j in _close_pairs(cx, cy, _BRIDGE_REACH * spacing, _BRIDGE_NEIGHBOURS):
        _paint_bridge(land, cx[i], cy[i], cx[j], cy[j], _BRIDGE_WIDTH * spacing, coast_noise)
    land[cap_r, cap_c] = True

    # ---- clean specks of land (without capitals) and small lakes
    speck = max(_SPECK_AREA * spacing * spacing, 2.0)
    comp, k = _label(land.astype(np.int8), land)
    sizes = np.bincount(comp[land], minlength=k)
    has_capital = np.zeros(k, dtype=bool)
    has_capital[comp[cap_r, cap_c]] = True
    drop = (sizes < speck) & ~has_capital
    land &= ~drop[np.where(land, comp, 0)]
    sea = ~land
    lakes, k = _label(sea.astype(np.int8), sea)
    if k:
        sizes = np.bincount(lakes[sea], minlength=k)
        touches_edge = np.zeros(k, dtype=bool)
        for border_cells in (lakes[0], lakes[-1], lakes[:, 0], lakes[:, -1]):
            touches_edge[border_cells[border_cells >= 0]] = True
        fill = (sizes < speck) & ~touches_edge
        land |= fill[np.where(sea, lakes, 0)] & sea

    # ---- territories: nearest capital in warped coordinates, per landmass
    cap_wy = wy[cap_r, cap_c]
    cap_wx = wx[cap_r, cap_c]
    mass, n_mass = _label(land.astype(np.int8), land)
    cap_mass = mass[cap_r, cap_c]
    owner = np.full((rows, cols), SEA, dtype=np.int16)
    land_r, land_c = np.nonzero(land)
    cell_mass = mass[land_r, land_c]
    lwy = wy[land_r, land_c].astype(np.float32)
    lwx = wx[land_r, land_c].astype(np.float32)
    best_d = np.full(len(land_r), np.inf, dtype=np.float32)
    best_i = np.full(len(land_r), -1, dtype=np.int32)
    for start in range(0, n, 64):
        sl = slice(start, start + 64)
        d2 = (lwy[:, None] - cap_wy[None, sl].astype(np.float32)) ** 2 + (
            lwx[:, None] - cap_wx[None, sl].astype(np.float32)
        ) ** 2
        d2[cell_mass[:, None] != cap_mass[None, sl]] = np.inf
        j = np.argmin(d2, axis=1)
        dj = d2[np.arange(len(j)), j]
        better = dj < best_d
        best_d[better] = dj[better]
        best_i[better] = (j + start)[better]
    owner[land_r, land_c] = np.where(best_i >= 0, best_i, UNOWNED).astype(np.int16)
    owner[cap_r, cap_c] = np.arange(n, dtype=np.int16)

    # ---- landmasses without a capital: the nearest nation if it is near, else unowned
    orphan_mass = np.setdiff1d(np.arange(n_mass), cap_mass)
    if orphan_mass.size:
        reach2 = (_ISLAND_REACH * spacing) ** 2
        on_orphan = np.isin(cell_mass, orphan_mass)
        orr, occ = land_r[on_orphan], land_c[on_orphan]
        om = cell_mass[on_orphan]
        dmin = np.full(len(orr), np.inf)
        imin = np.zeros(len(orr), dtype=np.intp)
        for start in range(0, n, 64):
            sl = slice(start, start + 64)
            d2 = (orr[:, None] + 0.5 - cy[None, sl]) ** 2 + (occ[:, None] + 0.5 - cx[None, sl]) ** 2
            j = np.argmin(d2, axis=1)
            dj = d2[np.arange(len(j)), j]
            better = dj < dmin
            dmin[better] = dj[better]
            imin[better] = (j + start)[better]
        for m in orphan_mass.tolist():
            sel = om == m
            k_best = int(np.argmin(dmin[sel]))
            nation = int(imin[sel][k_best]) if dmin[sel][k_best] <= reach2 else UNOWNED
            owner[orr[sel], occ[sel]] = nation

    # ---- keep each territory connected to its capital on the capital's landmass
    for _ in range(50):
        owned = owner >= 0
        comp, k = _label(owner, owned)
        keep = np.zeros(k, dtype=bool)
        keep[comp[cap_r, cap_c]] = True
        # Pieces on a landmass other than their capital's are overseas islands: keep them.
        comp_mass = np.zeros(k, dtype=np.int64)
        comp_mass[comp[owned]] = mass[owned]
        comp_owner = np.zeros(k, dtype=np.int64)
        comp_owner[comp[owned]] = owner[owned]
        keep |= comp_mass != cap_mass[comp_owner]
        if keep.all():
            break
        stray = owned & ~keep[np.where(owned, comp, 0)]
        # For each stray piece, the neighbouring nation it touches most.
        votes_piece, votes_nation = [], []
        for dy, dx in _NEIGHBOURS_4:
            other = _shifted(owner, dy, dx, SEA)
            ok = stray & (other >= 0) & (other != owner)
            votes_piece.append(comp[ok])
            votes_nation.append(other[ok].astype(np.int64))
        vp = np.concatenate(votes_piece)
        vn = np.concatenate(votes_nation)
        if vp.size == 0:
            break
        key = vp.astype(np.int64) * (n + 1) + vn
        uk, uc = np.unique(key, return_counts=True)
        pieces = uk // (n + 1)
        nations = uk % (n + 1)
        order = np.lexsort((nations, -uc, pieces))  # per piece: most votes, then lowest index
        first = np.ones(len(order), dtype=bool)
        first[1:] = pieces[order][1:] != pieces[order][:-1]
        new_owner = np.full(k, -1, dtype=np.int64)
        new_owner[pieces[order][first]] = nations[order][first]
        target = np.where(stray, new_owner[np.where(owned, comp, 0)], -1)
        change = stray & (target >= 0)
        owner[change] = target[change].astype(np.int16)
        owner[cap_r, cap_c] = np.arange(n, dtype=np.int16)

    # ---- neighbours, masks, colouring
    pairs = []
    border = np.zeros((rows, cols), dtype=bool)
    coastline = np.zeros((rows, cols), dtype=bool)
    is_land = owner != SEA
    for dy, dx in _NEIGHBOURS_4:
        other = _shifted(owner, dy, dx, SEA)
        diff = (owner >= 0) & (other >= 0) & (other != owner)
        border |= diff
        coastline |= is_land & (other == SEA)
        if dy > 0 or dx > 0:
            a = owner[diff].astype(np.int64)
            b = other[diff].astype(np.int64)
            pairs.append(np.minimum(a, b) * n + np.maximum(a, b))
    codes = np.unique(np.concatenate(pairs)) if pairs else np.empty(0, dtype=np.int64)
    neighbours = [(int(c // n), int(c % n)) for c in codes.tolist()]
    colouring = greedy_colouring(n, neighbours, n_colours)

    return GeneratedMap(
        width=float(width),
        height=float(height),
        cell_size=cell,
        seed=int(seed),
        capitals=caps.copy(),
        capital_cells=np.column_stack([cap_r, cap_c]),
        owner=owner,
        neighbours=neighbours,
        colouring=colouring,
        coastline=coastline,
        border=border,
    )

"""Map geometry for the renderer: outlines of regions in one flat "map space", no engine.

:class:`MapShapes` is what the map renderer draws: rings (outer boundaries and holes) of
*regions*, each region a country of the world map or a territory of a generated map,
and which nation (if any) owns each region. Map space has x to the right and y down;
its unit is arbitrary (projected Equal Earth units for the world, map units for a
generated map) and the renderer scales it to pixels.

Builders:

* :func:`world_shapes` — Natural Earth countries (``game.maps.atlas``) projected with
  Equal Earth; Antarctica left out; nations own countries by ISO code.
* :func:`generated_shapes` — a generated map (``game.maps.generated``): the owner raster
  is smoothed and traced into polygons (contourpy's marching squares, then Chaikin
  corner cutting), so territories have smooth coasts and borders at any zoom.
* :func:`shapes_for_scenario` — either, from a scenario's map section.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from game.maps.generated import GeneratedMap
    from game.scenario.models import Scenario

#: Latitudes shown on the world map (Antarctica and the far Arctic are cut).
WORLD_LAT_RANGE = (-57.0, 83.6)
GRATICULE_STEP = 30.0

Point = tuple[float, float]


@dataclass(eq=False)
class MapShapes:
    """Regions' rings in map space and who owns them. See the module docstring."""

    kind: str  # "world" | "generated"
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1
    points: NDArray[np.float64]  # (N, 2) every ring's points, ring after ring
    ring_offsets: NDArray[np.int64]  # (R + 1,)
    ring_region: NDArray[np.int64]  # (R,)
    ring_hole: NDArray[np.bool_]  # (R,)
    ring_hole_fill: NDArray[np.int64]  # (R,) region painted inside a hole, -1 for water
    region_names: tuple[str, ...]
    region_nation: NDArray[np.int64]  # (G,) owning nation or -1
    region_area: NDArray[np.float64]  # (G,) for drawing order and label priority
    region_label: NDArray[np.float64]  # (G, 2) a point well inside, map space
    draw_order: NDArray[np.int64]  # regions, largest first, so enclaves end on top
    nation_names: tuple[str, ...]
    nation_capital: NDArray[np.float64]  # (n, 2) map space
    nation_label: NDArray[np.float64]  # (n, 2) map space
    nation_area: NDArray[np.float64]  # (n,)
    nation_neighbours: list[tuple[int, int]]  # nations sharing a land border
    nation_colouring: list[int]  # a map colouring of the nations (neighbours differ)
    outline: NDArray[np.float64]  # the sea's outline: the globe, or the map rectangle
    graticule: list[NDArray[np.float64]]  # polylines, map space
    locate: Callable[[float, float], int | None] = field(repr=False)  # region at a point

    @cached_property
    def nations_box(self) -> tuple[float, float, float, float] | None:
        """(x0, y0, x1, y1) around every ring of land a nation owns; None if none does."""
        owned = (self.region_nation[self.ring_region] >= 0) & ~self.ring_hole
        if not owned.any():
            return None
        points = self.points[np.repeat(owned, np.diff(self.ring_offsets))]
        x0, y0 = points.min(axis=0)
        x1, y1 = points.max(axis=0)
        return float(x0), float(y0), float(x1), float(y1)

    @property
    def n_regions(self) -> int:
        return len(self.region_names)

    @property
    def n_nations(self) -> int:
        return len(self.nation_names)

    @property
    def width(self) -> float:
        return self.bounds[2] - self.bounds[0]

    @property
    def height(self) -> float:
        return self.bounds[3] - self.bounds[1]

    def ring(self, r: int) -> NDArray[np.float64]:
        return self.points[self.ring_offsets[r] : self.ring_offsets[r + 1]]

    def nation_at(self, x: float, y: float) -> int | None:
        """The nation owning map point ``(x, y)``, or None (sea, unowned land)."""
        region = self.locate(x, y)
        if region is None:
            return None
        owner = int(self.region_nation[region])
        return owner if owner >= 0 else None

    def nation_rings(self, nation: int) -> list[int]:
        """Ring indices of every region the nation owns."""
        owned = np.flatnonzero(self.region_nation == nation)
        return np.flatnonzero(np.isin(self.ring_region, owned)).tolist()


# --------------------------------------------------------------------------- world


def world_shapes(
    nation_names: Sequence[str],
    nation_countries: Sequence[Sequence[str]],
    capitals: Sequence[Point | None],
) -> MapShapes:
    """The world map with nation ``i`` owning ISO codes ``nation_countries[i]``;
    ``capitals`` are (lon, lat) or None (then the label point is used)."""
    from game.maps.atlas import ANTARCTICA, load_world_atlas
    from game.maps.colouring import greedy_colouring
    from game.maps.projection import forward, inverse, project_points, world_bounds

    atlas = load_world_atlas()
    n = len(nation_names)
    region_nation = np.full(len(atlas), -1, dtype=np.int64)
    for i, codes in enumerate(nation_countries):
        for code in codes:
            if atlas.has(code):
                region_nation[atlas.index(code)] = i

    ata = atlas.index(ANTARCTICA) if atlas.has(ANTARCTICA) else -1
    ring_keep = atlas.ring_country != ata
    starts = atlas.ring_offsets[:-1][ring_keep].astype(np.int64)
    ends = atlas.ring_offsets[1:][ring_keep].astype(np.int64)
    projected = project_points(atlas.points)
    projected[:, 1] *= -1.0  # map space: y down
    lengths = ends - starts
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    take = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends, strict=True)])
    points = projected[take]
    ring_region = atlas.ring_country[ring_keep].astype(np.int64)
    ring_hole = atlas.ring_hole[ring_keep].copy()

    xmin, ymin, xmax, ymax = world_bounds(*WORLD_LAT_RANGE)
    bounds = (xmin, -ymax, xmax, -ymin)

    lx, ly = forward(atlas.label_lonlat[:, 0], atlas.label_lonlat[:, 1])
    region_label = np.column_stack([lx, -ly])
    from game.maps.projection import EARTH_RADIUS_KM

    area = atlas.area_km2.astype(np.float64) / EARTH_RADIUS_KM**2  # in projected units²
    draw_order = np.argsort(-area, kind="stable").astype(np.int64)
    draw_order = draw_order[draw_order != ata]

    def locate(x: float, y: float) -> int | None:
        if not (bounds[0] <= x <= bounds[2] and bounds[1] <= y <= bounds[3]):
            return None
        lon_a, lat_a = inverse(x, -y)
        lon, lat = float(lon_a), float(lat_a)
        if not (-180.0 <= lon <= 180.0):
            return None
        code = atlas.country_at(lon, lat)
        if code is None or code == ANTARCTICA:
            return None
        return atlas.index(code)

    nation_area = np.zeros(n)
    nation_label = np.zeros((n, 2))
    for i in range(n):
        owned = np.flatnonzero(region_nation == i)
        if owned.size == 0:
            nation_label[i] = np.nan
            continue
        weights = area[owned]
        nation_area[i] = float(weights.sum())
        centre = (region_label[owned] * weights[:, None]).sum(axis=0) / weights.sum()
        at = locate(float(centre[0]), float(centre[1]))
        if at is not None and region_nation[at] == i and owned.size > 1:
            nation_label[i] = centre
        else:
            nation_label[i] = region_label[owned[np.argmax(weights)]]

    nation_capital = nation_label.copy()
    for i, cap in enumerate(capitals):
        if cap is not None:
            cx, cy = forward(cap[0], cap[1])
            nation_capital[i] = (float(cx), -float(cy))

    pairs = set()
    for a, b in atlas.neighbour_index.tolist():
        na, nb = int(region_nation[a]), int(region_nation[b])
        if na >= 0 and nb >= 0 and na != nb:
            pairs.add((min(na, nb), max(na, nb)))
    neighbours = sorted(pairs)
    colouring = greedy_colouring(n, neighbours, 6) if n else []

    outline = _world_outline(forward)
    graticule = _world_graticule(forward)
    return MapShapes(
        kind="world",
        bounds=bounds,
        points=points,
        ring_offsets=offsets,
        ring_region=ring_region,
        ring_hole=ring_hole,
        ring_hole_fill=np.full(len(ring_region), -1, dtype=np.int64),
        region_names=tuple(atlas.names),
        region_nation=region_nation,
        region_area=area,
        region_label=region_label,
        draw_order=draw_order,
        nation_names=tuple(nation_names),
        nation_capital=nation_capital,
        nation_label=nation_label,
        nation_area=nation_area,
        nation_neighbours=neighbours,
        nation_colouring=colouring,
        outline=outline,
        graticule=graticule,
        locate=locate,
    )


def _world_outline(forward) -> NDArray[np.float64]:
    lat0, lat1 = WORLD_LAT_RANGE
    lats = np.linspace(lat0, lat1, 90)
    ex, ey = forward(np.full_like(lats, 180.0), lats)
    wx, wy = forward(np.full_like(lats, -180.0), lats[::-1])
    x = np.concatenate([ex, wx])
    y = np.concatenate([ey, wy])
    return np.column_stack([x, -y])


def _world_graticule(forward) -> list[NDArray[np.float64]]:
    lat0, lat1 = WORLD_LAT_RANGE
    lines = []
    lats = np.linspace(lat0, lat1, 60)
    for lon in np.arange(-180.0 + GRATICULE_STEP, 180.0, GRATICULE_STEP):
        x, y = forward(np.full_like(lats, lon), lats)
        lines.append(np.column_stack([x, -y]))
    lons = np.linspace(-180.0, 180.0, 121)
    for lat in np.arange(-GRATICULE_STEP, lat1, GRATICULE_STEP):
        if lat0 < lat < lat1:
            x, y = forward(lons, np.full_like(lons, lat))
            lines.append(np.column_stack([x, -y]))
    return lines


# --------------------------------------------------------------------------- generated

_SMOOTH_KERNEL = np.array([1.0, 4.0, 6.0, 4.0, 1.0]) / 16.0
_CHAIKIN_ROUNDS = 2


def _blur(field: NDArray[np.float64]) -> NDArray[np.float64]:
    """Separable binomial blur (edges padded with zeros: land fades out at the map edge)."""
    k = _SMOOTH_KERNEL
    r = len(k) // 2
    padded = np.pad(field, r)
    rows = sum(k[i] * padded[:, i : i + padded.shape[1] - 2 * r] for i in range(len(k)))
    return sum(k[i] * rows[i : i + rows.shape[0] - 2 * r, :] for i in range(len(k)))


def _chaikin(ring: NDArray[np.float64], rounds: int = _CHAIKIN_ROUNDS) -> NDArray[np.float64]:
    """Corner cutting on a closed ring: each round doubles the points and rounds corners."""
    for _ in range(rounds):
        nxt = np.roll(ring, -1, axis=0)
        q = 0.75 * ring + 0.25 * nxt
        r = 0.25 * ring + 0.75 * nxt
        ring = np.empty((2 * len(q), 2))
        ring[0::2] = q
        ring[1::2] = r
    return ring


def _trace(field: NDArray[np.float64]) -> list[tuple[NDArray[np.float64], bool]]:
    """Rings (in cell coordinates: x = column, y = row) of ``field >= 0.5``; (ring, hole)."""
    import contourpy

    gen = contourpy.contour_generator(z=field, fill_type="OuterOffset")
    filled: Any = gen.filled(0.5, 1e9)
    polys, offsets = filled[0], filled[1]
    out = []
    for pts, offs in zip(polys, offsets, strict=True):
        for k in range(len(offs) - 1):
            ring = np.asarray(pts[offs[k] : offs[k + 1]], dtype=np.float64)
            if len(ring) > 1 and np.allclose(ring[0], ring[-1]):
                ring = ring[:-1]
            if len(ring) >= 3:
                out.append((ring, k > 0))
    return out


def generated_shapes(
    nation_names: Sequence[str],
    capitals: Sequence[Point],
    width: float,
    height: float,
    seed: int,
    gmap: GeneratedMap | None = None,
    land: float = 0.5,
) -> MapShapes:
    """A generated map grown from ``capitals`` (map units, y down) as smooth polygons."""
    from game.maps.generated import SEA, UNOWNED, generate_map

    gm = gmap if gmap is not None else generate_map(capitals, width, height, seed, land_share=land)
    n = gm.n_nations
    owner = gm.owner
    cell = gm.cell_size
    land_region = n  # unclaimed land, and the land under every territory

    def to_map(ring: NDArray[np.float64]) -> NDArray[np.float64]:
        return (ring + 0.5) * cell

    rings: list[NDArray[np.float64]] = []
    regions: list[int] = []
    holes: list[bool] = []
    hole_fill: list[int] = []
    land_field = _blur((owner != SEA).astype(np.float64))

    def fill_of_hole(ring: NDArray[np.float64]) -> int:
        cx, cy = to_map(ring).mean(axis=0)
        at = gm.nation_at(float(cx), float(cy))
        if at == SEA:
            return -1
        return land_region if at == UNOWNED else int(at)

    for ring, hole in _trace(land_field):
        rings.append(to_map(_chaikin(ring)))
        regions.append(land_region)
        holes.append(hole)
        hole_fill.append(-1)
    for i in range(n):
        field_i = _blur((owner == i).astype(np.float64))
        for ring, hole in _trace(field_i):
            rings.append(to_map(_chaikin(ring)))
            regions.append(i)
            holes.append(hole)
            hole_fill.append(fill_of_hole(ring) if hole else -1)

    lengths = np.array([len(r) for r in rings], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    points = np.concatenate(rings) if rings else np.zeros((0, 2))

    counts = gm.cell_counts().astype(np.float64) * cell * cell
    land_area = float(np.count_nonzero(owner != SEA)) * cell * cell
    region_area = np.concatenate([counts, [land_area]])
    region_nation = np.concatenate([np.arange(n), [-1]]).astype(np.int64)
    # The land underneath is drawn first, then territories, largest first.
    draw_order = np.concatenate([[land_region], np.argsort(-counts, kind="stable")]).astype(
        np.int64
    )
    nation_label = np.array([gm.label_point(i) for i in range(n)], dtype=np.float64)
    region_label = np.vstack([nation_label, [[width / 2, height / 2]]])

    def locate(x: float, y: float) -> int | None:
        at = gm.nation_at(x, y)
        if at == SEA:
            return None
        return land_region if at == UNOWNED else int(at)

    outline = np.array([[0.0, 0.0], [width, 0.0], [width, height], [0.0, height]])
    return MapShapes(
        kind="generated",
        bounds=(0.0, 0.0, float(width), float(height)),
        points=points,
        ring_offsets=offsets,
        ring_region=np.asarray(regions, dtype=np.int64),
        ring_hole=np.asarray(holes, dtype=bool),
        ring_hole_fill=np.asarray(hole_fill, dtype=np.int64),
        region_names=(*nation_names, "Unclaimed land"),
        region_nation=region_nation,
        region_area=region_area,
        region_label=region_label,
        draw_order=draw_order,
        nation_names=tuple(nation_names),
        nation_capital=np.asarray(gm.capitals, dtype=float),
        nation_label=nation_label,
        nation_area=counts,
        nation_neighbours=list(gm.neighbours),
        nation_colouring=list(gm.colouring),
        outline=outline,
        graticule=_grid(float(width), float(height)),
        locate=locate,
    )


def _grid(width: float, height: float) -> list[NDArray[np.float64]]:
    """A plotting-table grid over the sea of a generated map, about eight squares across."""
    raw = width / 8.0
    magnitude = 10 ** math.floor(math.log10(raw))
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10)), key=lambda v: abs(v - raw))
    lines = [np.array([[x, 0.0], [x, height]]) for x in np.arange(step, width, step)]
    lines += [np.array([[0.0, y], [width, y]]) for y in np.arange(step, height, step)]
    return lines


# --------------------------------------------------------------------------- scenarios


def shapes_for_scenario(scenario: Scenario, seed: int | None = None) -> MapShapes:
    """The map of a scenario. ``seed`` is the game seed (a generated map without its own
    seed uses it; the scenario's seed when None)."""
    names = [nation.name for nation in scenario.nations]
    if scenario.map.type == "world":
        return world_shapes(
            names,
            [nation.countries or [] for nation in scenario.nations],
            [
                tuple(nation.capital) if nation.capital else None  # type: ignore[misc]
                for nation in scenario.nations
            ],
        )
    gmap = scenario.map
    map_seed = gmap.seed if gmap.seed is not None else (scenario.seed if seed is None else seed)
    capitals = [
        (float(nation.capital[0]), float(nation.capital[1]))
        if nation.capital
        else (gmap.width / 2, gmap.height / 2)
        for nation in scenario.nations
    ]
    return generated_shapes(names, capitals, gmap.width, gmap.height, int(map_seed), land=gmap.land)

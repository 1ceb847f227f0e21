"""The world map: country outlines keyed by ISO 3166-1 alpha-3, read from ``world.npz``.

``assets/maps/world.npz`` is built by ``tools/build_world_atlas.py`` from the npm package
``world-atlas@2.0.2`` (Natural Earth 1:50m countries, public domain). Its arrays:

=================  ==============  ===========================================================
``version``        int32 scalar    format version (1)
``source``         str scalar      where the data came from
``codes``          U3 (C,)         alpha-3 codes, sorted; a country's index is its position here
``names``          str (C,)        display names (``game.maps.iso.NAMES``)
``ring_offsets``   int32 (R+1,)    ring r is ``points[ring_offsets[r]:ring_offsets[r+1]]``
``ring_country``   int32 (R,)      country index of each ring; rings are grouped by country
``ring_hole``      bool (R,)       True for a hole (a lake, an enclave such as Lesotho)
``points``         float32 (N, 2)  lon, lat in degrees
``label_lonlat``   float32 (C, 2)  a label point inside each country's largest polygon
``area``           float32 (C,)    area in km² (from the equal-area projection)
``bbox``           float32 (C, 4)  lon_min, lat_min, lon_max, lat_max
``neighbours``     int32 (K, 2)    pairs ``i < j`` of country indices sharing a land border
=================  ==============  ===========================================================

Rings are stored open (the first point is not repeated at the end), have at least three
points, outer rings run counter-clockwise and holes clockwise (lon east, lat north). Every
longitude is in [-180, 180] and no edge spans more than 180° of longitude: rings that
cross the antimeridian (Russia's Chukotka and Wrangel Island, Fiji) are cut there, and
Antarctica's ring is closed along the south pole (the bottom edge of the map). Point in
polygon uses the even-odd rule over all of a country's rings, so holes need no special
handling. Antarctica (``ATA``) is kept; the UI may leave it out (``ANTARCTICA``).

User-assigned codes for features with no ISO code: ``XKX`` Kosovo, ``XNC`` Northern Cyprus,
``XSL`` Somaliland, ``XSG`` Siachen Glacier (see ``game.maps.iso``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from game.paths import asset

ANTARCTICA = "ATA"
FORMAT_VERSION = 1

_Edges = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]


@dataclass(eq=False)
class WorldAtlas:
    """Country outlines and facts. Build with :func:`load_world_atlas`."""

    codes: tuple[str, ...]
    names: tuple[str, ...]
    ring_offsets: NDArray[np.int32]
    ring_country: NDArray[np.int32]
    ring_hole: NDArray[np.bool_]
    points: NDArray[np.float32]
    label_lonlat: NDArray[np.float32]
    area_km2: NDArray[np.float32]
    bboxes: NDArray[np.float32]
    neighbour_index: NDArray[np.int32]
    _index: dict[str, int] = field(init=False, repr=False)
    _country_rings: NDArray[np.int64] = field(init=False, repr=False)
    _edges: dict[int, _Edges] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._index = {c: i for i, c in enumerate(self.codes)}
        # Rings are grouped by country: country i owns rings [start[i], start[i+1]).
        self._country_rings = np.searchsorted(
            self.ring_country, np.arange(len(self.codes) + 1), side="left"
        ).astype(np.int64)

    # ------------------------------------------------------------------ lookup

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def has(self, code: str) -> bool:
        """True if the map has a country with this alpha-3 code."""
        return code in self._index

    def index(self, code: str) -> int:
        """Position of ``code`` in ``codes``; KeyError with a clear message if absent."""
        try:
            return self._index[code]
        except KeyError:
            raise KeyError(f"country {code!r} is not on the world map") from None

    def name(self, code: str) -> str:
        return self.names[self.index(code)]

    def area(self, code: str) -> float:
        """Area in km²."""
        return float(self.area_km2[self.index(code)])

    def bbox(self, code: str) -> tuple[float, float, float, float]:
        """``(lon_min, lat_min, lon_max, lat_max)``; spans the whole map for Russia and Fiji."""
        b = self.bboxes[self.index(code)]
        return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))

    def label_point(self, code: str) -> tuple[float, float]:
        """``(lon, lat)`` of a point well inside the country's largest polygon."""
        p = self.label_lonlat[self.index(code)]
        return (float(p[0]), float(p[1]))

    # ------------------------------------------------------------------ geometry

    def ring_range(self, code: str) -> range:
        """Indices of the country's rings (into ``ring_offsets``, ``ring_hole``)."""
        i = self.index(code)
        return range(int(self._country_rings[i]), int(self._country_rings[i + 1]))

    def ring(self, r: int) -> NDArray[np.float32]:
        """Ring ``r`` as an (n, 2) lon/lat view (read-only)."""
        return self.points[self.ring_offsets[r] : self.ring_offsets[r + 1]]

    def rings(self, code: str) -> list[NDArray[np.float32]]:
        """The country's rings (outers and holes), each an open (n, 2) lon/lat array."""
        return [self.ring(r) for r in self.ring_range(code)]

    def _country_edges(self, i: int) -> _Edges:
        edges = self._edges.get(i)
        if edges is None:
            r0, r1 = int(self._country_rings[i]), int(self._country_rings[i + 1])
            p0, p1 = int(self.ring_offsets[r0]), int(self.ring_offsets[r1])
            a = self.points[p0:p1].astype(np.float64)
            # Index of each edge's end point: the next point, wrapping at each ring's end.
            nxt = np.arange(1, p1 - p0 + 1)
            starts = self.ring_offsets[r0:r1].astype(np.int64) - p0
            ends = self.ring_offsets[r0 + 1 : r1 + 1].astype(np.int64) - p0
            nxt[ends - 1] = starts
            b = a[nxt]
            edges = (a[:, 0], a[:, 1], b[:, 0], b[:, 1])
            self._edges[i] = edges
        return edges

    def _contains_index(self, i: int, lon: float, lat: float) -> bool:
        b = self.bboxes[i]
        if not (b[0] <= lon <= b[2] and b[1] <= lat <= b[3]):
            return False
        x0, y0, x1, y1 = self._country_edges(i)
        crosses = (y0 > lat) != (y1 > lat)
        if not crosses.any():
            return False
        x0, y0, x1, y1 = x0[crosses], y0[crosses], x1[crosses], y1[crosses]
        xi = x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
        return bool(np.count_nonzero(lon < xi) % 2)

    def contains(self, code: str, lon: float, lat: float) -> bool:
        """Even-odd point-in-polygon test of ``(lon, lat)`` against all the country's rings."""
        return self._contains_index(self.index(code), float(lon), float(lat))

    def country_at(self, lon: float, lat: float) -> str | None:
        """The country at ``(lon, lat)``, or None at sea. Longitude is wrapped into [-180, 180)."""
        lon = (float(lon) + 180.0) % 360.0 - 180.0
        lat = float(lat)
        b = self.bboxes
        candidates = np.flatnonzero(
            (b[:, 0] <= lon) & (lon <= b[:, 2]) & (b[:, 1] <= lat) & (lat <= b[:, 3])
        )
        hits = [int(i) for i in candidates if self._contains_index(int(i), lon, lat)]
        if not hits:
            return None
        # Overlaps only happen on shared borders: prefer the smaller country (an enclave).
        return self.codes[min(hits, key=lambda i: float(self.area_km2[i]))]

    # ------------------------------------------------------------------ borders

    def neighbours(self) -> list[tuple[str, str]]:
        """Pairs of countries sharing a land border, each pair sorted, the list sorted."""
        return [(self.codes[a], self.codes[b]) for a, b in self.neighbour_index.tolist()]

    def neighbours_of(self, code: str) -> list[str]:
        """The countries sharing a land border with ``code``, sorted."""
        i = self.index(code)
        n = self.neighbour_index
        other = np.concatenate([n[n[:, 0] == i, 1], n[n[:, 1] == i, 0]])
        return sorted(self.codes[j] for j in other.tolist())

    def are_neighbours(self, a: str, b: str) -> bool:
        i, j = sorted((self.index(a), self.index(b)))
        n = self.neighbour_index
        return bool(np.any((n[:, 0] == i) & (n[:, 1] == j)))


def read_world_atlas(path: Path) -> WorldAtlas:
    """Read an atlas npz (see the module docstring for its layout)."""
    with np.load(path, allow_pickle=False) as data:
        version = int(data["version"])
        if version != FORMAT_VERSION:
            raise ValueError(f"{path}: world atlas format {version}, expected {FORMAT_VERSION}")
        points = data["points"]
        points.flags.writeable = False
        return WorldAtlas(
            codes=tuple(data["codes"].tolist()),
            names=tuple(data["names"].tolist()),
            ring_offsets=data["ring_offsets"],
            ring_country=data["ring_country"],
            ring_hole=data["ring_hole"],
            points=points,
            label_lonlat=data["label_lonlat"],
            area_km2=data["area"],
            bboxes=data["bbox"],
            neighbour_index=data["neighbours"],
        )


@cache
def load_world_atlas() -> WorldAtlas:
    """The bundled world atlas (``assets/maps/world.npz``), loaded once."""
    return read_world_atlas(asset("maps", "world.npz"))

"""The Equal Earth map projection (Šavrič, Patterson & Jenny, 2018), vectorised with numpy.

Equal Earth is an equal-area pseudocylindrical projection: countries keep their true
relative sizes and the world looks familiar. Coordinates are for a unit sphere (R = 1):
``x`` in about [-2.7066, 2.7066], ``y`` in about [-1.3173, 1.3173], ``y`` pointing north.
Multiply an area in projected units by ``EARTH_RADIUS_KM ** 2`` to get km².

    x = 2√3 λ cos θ / (3 (9 A4 θ⁸ + 7 A3 θ⁶ + 3 A2 θ² + A1))
    y = A4 θ⁹ + A3 θ⁷ + A2 θ³ + A1 θ,       where sin θ = (√3 / 2) sin φ

The inverse solves the polynomial for θ by Newton iteration.

``ScreenFit`` maps projected coordinates to a pixel rectangle (y pointing down) for the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

A1 = 1.340264
A2 = -0.081106
A3 = 0.000893
A4 = 0.003796
M = np.sqrt(3.0) / 2.0

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

_NEWTON_ITERATIONS = 12
_NEWTON_TOLERANCE = 1e-12


def forward(lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Project longitude/latitude in degrees to Equal Earth ``(x, y)`` on the unit sphere."""
    lam = np.radians(np.asarray(lon, dtype=np.float64))
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    theta = np.arcsin(np.clip(M * np.sin(phi), -1.0, 1.0))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * np.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def inverse(x: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Longitude/latitude in degrees of Equal Earth ``(x, y)`` (unit sphere); Newton's method."""
    xa = np.asarray(x, dtype=np.float64)
    ya = np.asarray(y, dtype=np.float64)
    theta = ya / A1
    for _ in range(_NEWTON_ITERATIONS):
        t2 = theta * theta
        t6 = t2 * t2 * t2
        f = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)) - ya
        fp = A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)
        delta = f / fp
        theta = theta - delta
        if np.all(np.abs(delta) < _NEWTON_TOLERANCE):
            break
    t2 = theta * theta
    t6 = t2 * t2 * t2
    fp = A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)
    lam = M * xa * fp / np.cos(theta)
    phi = np.arcsin(np.clip(np.sin(theta) / M, -1.0, 1.0))
    return np.degrees(lam), np.degrees(phi)


def project_points(points: ArrayLike) -> NDArray[np.float64]:
    """Project an ``(N, 2)`` array of lon/lat degrees to an ``(N, 2)`` array of x/y."""
    p = np.asarray(points, dtype=np.float64)
    x, y = forward(p[..., 0], p[..., 1])
    return np.stack([x, y], axis=-1)


def world_bounds(
    lat_min: float = -90.0, lat_max: float = 90.0
) -> tuple[float, float, float, float]:
    """Projected ``(xmin, ymin, xmax, ymax)`` of the world between two latitudes.

    The widest point is the equator when it is in range; pass e.g. ``lat_min=-60`` to
    leave out Antarctica.
    """
    if not -90.0 <= lat_min < lat_max <= 90.0:
        raise ValueError(f"need -90 <= lat_min < lat_max <= 90, got {lat_min}, {lat_max}")
    widest_lat = 0.0 if lat_min <= 0.0 <= lat_max else min(abs(lat_min), abs(lat_max))
    xmax, _ = forward(180.0, widest_lat)
    _, ymin = forward(0.0, lat_min)
    _, ymax = forward(0.0, lat_max)
    return (-float(xmax), float(ymin), float(xmax), float(ymax))


@dataclass(frozen=True)
class ScreenFit:
    """A uniform scale and offset placing projected coordinates in a pixel rectangle.

    Screen ``sx = ox + scale * x`` and ``sy = oy - scale * y`` (screen y points down).
    """

    scale: float
    ox: float
    oy: float

    @classmethod
    def fit(
        cls,
        bounds: tuple[float, float, float, float],
        rect: tuple[float, float, float, float],
        padding: float = 0.0,
    ) -> ScreenFit:
        """Fit ``bounds`` (xmin, ymin, xmax, ymax) centred inside ``rect`` (left, top, w, h)."""
        xmin, ymin, xmax, ymax = bounds
        left, top, width, height = rect
        avail_w = max(width - 2 * padding, 1e-9)
        avail_h = max(height - 2 * padding, 1e-9)
        scale = min(avail_w / (xmax - xmin), avail_h / (ymax - ymin))
        ox = left + width / 2 - scale * (xmin + xmax) / 2
        oy = top + height / 2 + scale * (ymin + ymax) / 2
        return cls(scale, ox, oy)

    def to_screen(
        self, x: ArrayLike, y: ArrayLike
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Projected ``(x, y)`` -> screen pixels."""
        return (
            self.ox + self.scale * np.asarray(x, dtype=np.float64),
            self.oy - self.scale * np.asarray(y, dtype=np.float64),
        )

    def from_screen(
        self, sx: ArrayLike, sy: ArrayLike
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Screen pixels -> projected ``(x, y)``."""
        return (
            (np.asarray(sx, dtype=np.float64) - self.ox) / self.scale,
            (self.oy - np.asarray(sy, dtype=np.float64)) / self.scale,
        )

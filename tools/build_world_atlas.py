#!/usr/bin/env python3
"""Build ``assets/maps/world.npz`` from the npm package ``world-atlas@2.0.2``.

Usage (from the repository root)::

    cd /tmp && npm pack world-atlas@2.0.2          # -> world-atlas-2.0.2.tgz
    python tools/build_world_atlas.py /tmp/world-atlas-2.0.2.tgz [--out assets/maps/world.npz]

Reads ``package/countries-50m.json`` straight from the tarball (no extraction), decodes the
TopoJSON with numpy (quantised, delta-encoded arcs; a negative arc index ``~i`` means arc
``i`` reversed), turns ISO numeric ids into alpha-3 codes (``game/maps/iso.py``), cuts the
rings that cross the antimeridian, closes the rings that go round a pole (Antarctica) along
the map edge, derives land borders from shared arcs, picks a label point per country, and
writes the arrays that ``game/maps/atlas.py`` documents. The output is deterministic: the
same tarball gives the same bytes (fixed zip timestamps, stable ordering).

Special cases in this source (all reported when the script runs):

* features with no ``id``: Kosovo, N. Cyprus, Somaliland, Siachen Glacier get user-assigned
  codes (``iso.UNNUMBERED_FEATURES``); "Indian Ocean Ter." is split by longitude into its
  two ISO territories, the Cocos (Keeling) Islands (CCK, west of 100°E) and Christmas
  Island (CXR);
* "Ashmore and Cartier Is." shares Australia's id 036 and is merged into AUS.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tarfile
import zipfile
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.maps import iso  # noqa: E402
from game.maps.projection import EARTH_RADIUS_KM, forward, inverse  # noqa: E402

MEMBER = "package/countries-50m.json"
SOURCE = "world-atlas@2.0.2 countries-50m.json (Natural Earth 1:50m, public domain)"
FORMAT_VERSION = 1

POLE_STEP_DEG = 2.0  # spacing of the points added along the map's bottom/top edge
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Features without an id that are split into real ISO territories by longitude.
SPLIT_FEATURES: dict[str, tuple[float, str, str]] = {
    # name: (split longitude, code west of it, code east of it)
    "Indian Ocean Ter.": (100.0, "CCK", "CXR"),
}


# --------------------------------------------------------------------------- TopoJSON


def read_topology(tarball: Path) -> dict:
    with tarfile.open(tarball, "r:*") as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"error: {tarball}: no {MEMBER} inside")
        return json.loads(member.read().decode("utf-8"))


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """Absolute float64 lon/lat of every arc (quantised deltas -> cumsum -> transform)."""
    scale = np.asarray(topology["transform"]["scale"], dtype=np.float64)
    translate = np.asarray(topology["transform"]["translate"], dtype=np.float64)
    return [
        np.cumsum(np.asarray(arc, dtype=np.int64), axis=0) * scale + translate
        for arc in topology["arcs"]
    ]


def ring_from_arcs(arc_ids: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for k, i in enumerate(arc_ids):
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(a if k == 0 else a[1:])
    return np.concatenate(parts)


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


# --------------------------------------------------------------------------- geometry


def signed_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def dedupe(ring: np.ndarray) -> np.ndarray:
    """Drop consecutive duplicate points and the closing duplicate (rings are stored open)."""
    if len(ring) == 0:
        return ring
    keep = np.ones(len(ring), dtype=bool)
    keep[1:] = np.any(ring[1:] != ring[:-1], axis=1)
    ring = ring[keep]
    while len(ring) > 1 and np.array_equal(ring[0], ring[-1]):
        ring = ring[:-1]
    return ring


def clip_half(ring: np.ndarray, x0: float, keep_greater: bool) -> np.ndarray:
    """Sutherland–Hodgman clip of a ring against the vertical line ``x = x0``."""
    if len(ring) == 0:
        return ring
    inside = ring[:, 0] >= x0 if keep_greater else ring[:, 0] <= x0
    out: list[np.ndarray] = []
    n = len(ring)
    for k in range(n):
        p, q = ring[k], ring[(k + 1) % n]
        ip, iq = inside[k], inside[(k + 1) % n]
        if ip:
            out.append(p)
        if ip != iq:
            t = (x0 - p[0]) / (q[0] - p[0])
            out.append(np.array([x0, p[1] + t * (q[1] - p[1])]))
    return np.array(out) if out else np.empty((0, 2))


def unwrap_lon(ring: np.ndarray) -> np.ndarray:
    lon = ring[:, 0]
    step = np.diff(lon)
    step -= 360.0 * np.round(step / 360.0)
    out = ring.copy()
    out[:, 0] = lon[0] + np.concatenate([[0.0], np.cumsum(step)])
    return out


def fix_ring(ring: np.ndarray, label: str, notes: list[str]) -> tuple[list[np.ndarray], bool]:
    """Cut one closed ring into pieces that stay inside [-180, 180].

    Returns ``(pieces, goes_round_pole)``. A ring that circles a pole is closed along the
    pole's latitude (the bottom or top edge of the map); a ring made only of points at the
    pole (a TopoJSON artefact of spherical winding) returns no pieces.
    """
    if np.all(np.abs(ring[:, 1]) > 89.99):
        notes.append(f"{label}: dropped a degenerate ring along the pole")
        return [], False
    u = unwrap_lon(ring)
    winding = u[-1, 0] - u[0, 0]  # 0 for an ordinary ring, ±360 round a pole
    polar = abs(winding) > 180.0
    if polar:
        pole = -90.0 if np.mean(ring[:, 1]) < 0 else 90.0
        start, end = u[0, 0], u[-1, 0]
        n = int(np.ceil(abs(end - start) / POLE_STEP_DEG))
        along = np.linspace(end, start, n + 1)
        cap = np.column_stack([along, np.full(n + 1, pole)])
        u = np.vstack([u, cap])
        notes.append(
            f"{label}: ring round the {'south' if pole < 0 else 'north'} pole closed along the map edge"
        )
    lo, hi = float(u[:, 0].min()), float(u[:, 0].max())
    if not polar and lo >= -180.0 - 1e-9 and hi <= 180.0 + 1e-9:
        u[:, 0] = np.clip(u[:, 0], -180.0, 180.0)
        return [dedupe(u)], False
    pieces = []
    k_lo = int(np.floor((lo + 180.0) / 360.0))
    k_hi = int(np.floor((hi + 180.0) / 360.0))
    for k in range(k_lo, k_hi + 1):
        left, right = -180.0 + 360.0 * k, 180.0 + 360.0 * k
        piece = clip_half(clip_half(u, left, True), right, False)
        if len(piece) < 3:
            continue
        piece[:, 0] = np.clip(piece[:, 0] - 360.0 * k, -180.0, 180.0)
        piece = dedupe(piece)
        if len(piece) >= 3 and abs(signed_area(piece)) > 1e-10:
            pieces.append(piece)
    if not polar:
        notes.append(f"{label}: ring crossing the antimeridian cut into {len(pieces)} pieces")
    return pieces, polar


def projected_area_km2(ring: np.ndarray) -> float:
    x, y = forward(ring[:, 0], ring[:, 1])
    return abs(signed_area(np.column_stack([x, y]))) * EARTH_RADIUS_KM**2


def point_in_rings(px: np.ndarray, py: np.ndarray, edges: tuple[np.ndarray, ...]) -> np.ndarray:
    """Even-odd test of many points against edge arrays (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = edges
    inside = np.zeros(px.shape, dtype=bool)
    for s in range(0, len(x0), 4096):
        a0, b0, a1, b1 = x0[s : s + 4096], y0[s : s + 4096], x1[s : s + 4096], y1[s : s + 4096]
        crosses = (b0[None, :] > py[:, None]) != (b1[None, :] > py[:, None])
        with np.errstate(divide="ignore", invalid="ignore"):
            xi = a0[None, :] + (py[:, None] - b0[None, :]) * (a1 - a0)[None, :] / (b1 - b0)[None, :]
        inside ^= (np.count_nonzero(crosses & (px[:, None] < xi), axis=1) % 2).astype(bool)
    return inside


def distance_to_edges(px: np.ndarray, py: np.ndarray, edges: tuple[np.ndarray, ...]) -> np.ndarray:
    x0, y0, x1, y1 = edges
    best = np.full(px.shape, np.inf)
    for s in range(0, len(x0), 4096):
        a0, b0 = x0[s : s + 4096][None, :], y0[s : s + 4096][None, :]
        dx, dy = (
            (x1[s : s + 4096] - x0[s : s + 4096])[None, :],
            (y1[s : s + 4096] - y0[s : s + 4096])[None, :],
        )
        len2 = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(((px[:, None] - a0) * dx + (py[:, None] - b0) * dy) / len2, 0.0, 1.0)
        t = np.where(len2 > 0, t, 0.0)
        ex = a0 + t * dx - px[:, None]
        ey = b0 + t * dy - py[:, None]
        best = np.minimum(best, np.sqrt(ex * ex + ey * ey).min(axis=1))
    return best


def ring_edges(rings: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    a = np.concatenate(rings)
    b = np.concatenate([np.roll(r, -1, axis=0) for r in rings])
    return a[:, 0], a[:, 1], b[:, 0], b[:, 1]


def label_point(rings: list[np.ndarray], holes: list[bool]) -> tuple[float, float]:
    """An approximate pole of inaccessibility of the country's largest polygon, on the map.

    Works in Equal Earth coordinates (what the player sees): a coarse grid over the largest
    outer ring, refined a few times around the best inside point.
    """
    proj = [np.column_stack(forward(r[:, 0], r[:, 1])) for r in rings]
    outers = [k for k, h in enumerate(holes) if not h] or list(range(len(rings)))
    main = max(outers, key=lambda k: abs(signed_area(proj[k])))
    edges = ring_edges(proj)
    main_edges = ring_edges([proj[main]])
    xmin, ymin = proj[main].min(axis=0)
    xmax, ymax = proj[main].max(axis=0)

    def score(px: np.ndarray, py: np.ndarray) -> np.ndarray:
        ok = point_in_rings(px, py, edges) & point_in_rings(px, py, main_edges)
        return np.where(ok, distance_to_edges(px, py, edges), -np.inf)

    n = 40
    gx, gy = np.meshgrid(np.linspace(xmin, xmax, n + 2)[1:-1], np.linspace(ymin, ymax, n + 2)[1:-1])
    px, py = gx.ravel(), gy.ravel()
    d = score(px, py)
    if not np.isfinite(d.max()):  # a sliver: fall back to a vertex-adjacent inside point
        c = proj[main].mean(axis=0)
        px, py = np.array([c[0]]), np.array([c[1]])
        d = np.array([0.0])
        if not point_in_rings(px, py, edges)[0]:
            p = proj[main][0]
            lon, lat = inverse(p[0], p[1])
            return float(lon), float(lat)
    bx, by = px[np.argmax(d)], py[np.argmax(d)]
    hx, hy = (xmax - xmin) / (n + 1), (ymax - ymin) / (n + 1)
    for _ in range(5):
        gx, gy = np.meshgrid(np.linspace(bx - hx, bx + hx, 9), np.linspace(by - hy, by + hy, 9))
        px = np.append(gx.ravel(), bx)
        py = np.append(gy.ravel(), by)
        d = score(px, py)
        bx, by = px[np.argmax(d)], py[np.argmax(d)]
        hx, hy = hx / 4, hy / 4
    lon, lat = inverse(bx, by)
    return float(lon), float(lat)


# --------------------------------------------------------------------------- build


def feature_code(geometry: dict) -> str | None:
    gid = geometry.get("id")
    name = geometry.get("properties", {}).get("name", "")
    if gid is not None:
        return iso.NUMERIC_TO_ALPHA3[str(gid)]
    return iso.UNNUMBERED_FEATURES.get(name)


def build(topology: dict, verbose: bool = True) -> dict[str, np.ndarray]:
    arcs = decode_arcs(topology)
    notes: list[str] = []
    # code -> list of polygons, each a list of ring arc-id lists
    polygons: dict[str, list[list[list[int]]]] = defaultdict(list)
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        polys = polygons_of(geometry)
        if name in SPLIT_FEATURES:
            split_lon, west, east = SPLIT_FEATURES[name]
            for poly in polys:
                lon = ring_from_arcs(poly[0], arcs)[:, 0].mean()
                polygons[west if lon < split_lon else east].append(poly)
            notes.append(f"{name!r} (no id) split at {split_lon}°E into {west} and {east}")
            continue
        code = feature_code(geometry)
        if code is None:
            raise SystemExit(
                f"error: feature {name!r} has no id and no code in iso.UNNUMBERED_FEATURES"
            )
        if geometry.get("id") is None:
            notes.append(f"{name!r} (no id) -> user-assigned {code}")
        elif code in polygons:
            notes.append(
                f"{name!r} shares id {geometry['id']} with an earlier feature: merged into {code}"
            )
        polygons[code].extend(polys)

    codes = sorted(polygons)
    index = {c: i for i, c in enumerate(codes)}

    # Land borders: arcs used by two different countries.
    arc_users: dict[int, set[int]] = defaultdict(set)
    for code, polys in polygons.items():
        for poly in polys:
            for ring_ids in poly:
                for i in ring_ids:
                    arc_users[i if i >= 0 else ~i].add(index[code])
    pairs = set()
    for users in arc_users.values():
        us = sorted(users)
        for a in range(len(us)):
            for b in range(a + 1, len(us)):
                pairs.add((us[a], us[b]))
    neighbours = np.array(sorted(pairs), dtype=np.int32).reshape(-1, 2)

    all_rings: list[np.ndarray] = []
    ring_country: list[int] = []
    ring_hole: list[bool] = []
    names, labels, areas, bboxes = [], [], [], []
    for code in codes:
        c_rings: list[np.ndarray] = []
        c_holes: list[bool] = []
        area = 0.0
        for poly in polygons[code]:
            for r, ring_ids in enumerate(poly):
                raw = ring_from_arcs(ring_ids, arcs)
                pieces, polar = fix_ring(raw, f"{code} ring", notes)
                hole = r > 0 and not polar
                for piece in pieces:
                    # Outer rings counter-clockwise, holes clockwise (lon east, lat north).
                    if (signed_area(piece) > 0) == hole:
                        piece = piece[::-1]
                    c_rings.append(piece)
                    c_holes.append(hole)
                    area += -projected_area_km2(piece) if hole else projected_area_km2(piece)
        if not c_rings:
            raise SystemExit(f"error: {code} has no rings left")
        stacked = np.concatenate(c_rings)
        names.append(iso.NAMES[code])
        labels.append(label_point(c_rings, c_holes))
        areas.append(area)
        bboxes.append((*stacked.min(axis=0), *stacked.max(axis=0)))
        all_rings.extend(c_rings)
        ring_country.extend([index[code]] * len(c_rings))
        ring_hole.extend(c_holes)

    lengths = np.array([len(r) for r in all_rings], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
    points = np.concatenate(all_rings).astype(np.float32)

    if verbose:
        for note in notes:
            print("note:", note)
        print(
            f"{len(codes)} countries, {len(all_rings)} rings, {len(points)} points, "
            f"{len(neighbours)} land borders"
        )
    return {
        "version": np.array(FORMAT_VERSION, dtype=np.int32),
        "source": np.array(SOURCE),
        "codes": np.array(codes, dtype="<U3"),
        "names": np.array(names),
        "ring_offsets": offsets,
        "ring_country": np.array(ring_country, dtype=np.int32),
        "ring_hole": np.array(ring_hole, dtype=bool),
        "points": points,
        "label_lonlat": np.array(labels, dtype=np.float32),
        "area": np.array(areas, dtype=np.float32),
        "bbox": np.array(bboxes, dtype=np.float32),
        "neighbours": neighbours,
    }


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Like ``np.savez_compressed`` but byte-for-byte reproducible (fixed zip timestamps)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue(), compresslevel=9)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "tarball", type=Path, help="world-atlas-2.0.2.tgz (from `npm pack world-atlas@2.0.2`)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "maps" / "world.npz")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if not args.tarball.is_file():
        print(f"error: {args.tarball}: no such file", file=sys.stderr)
        return 1
    arrays = build(read_topology(args.tarball), verbose=not args.quiet)
    write_npz(args.out, arrays)
    if not args.quiet:
        print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

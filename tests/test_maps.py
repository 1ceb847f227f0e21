"""The world atlas asset, the Equal Earth projection and generated maps (game.maps)."""

from __future__ import annotations

import importlib.util
import sys
from collections import deque
from pathlib import Path

import numpy as np
import pytest

from game.maps import iso
from game.maps.atlas import load_world_atlas
from game.maps.colouring import greedy_colouring
from game.maps.generated import SEA, UNOWNED, capital_inside, generate_map
from game.maps.projection import ScreenFit, forward, inverse, project_points, world_bounds
from game.paths import asset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def atlas():
    return load_world_atlas()


@pytest.fixture(scope="module")
def builder():
    """tools/build_world_atlas.py as a module (it is a script, not part of the package)."""
    path = ROOT / "tools" / "build_world_atlas.py"
    spec = importlib.util.spec_from_file_location("build_world_atlas", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_world_atlas"] = module
    spec.loader.exec_module(module)
    return module


BIG_COUNTRIES = [
    "RUS", "CAN", "USA", "CHN", "BRA", "AUS", "IND", "ARG", "KAZ", "DZA", "COD", "GRL",
    "MEX", "SAU", "IDN", "SDN", "LBY", "IRN", "MNG", "PER", "FRA", "NOR", "CHL", "ITA",
    "JPN", "GBR", "ATA",
]  # fmt: skip


# --------------------------------------------------------------------------- the asset


def test_npz_exists_and_has_documented_arrays():
    path = asset("maps", "world.npz")
    assert path.is_file()
    with np.load(path, allow_pickle=False) as data:
        expected = {
            "version", "source", "codes", "names", "ring_offsets", "ring_country", "ring_hole",
            "points", "label_lonlat", "area", "bbox", "neighbours",
        }  # fmt: skip
        assert expected <= set(data.files)
        c = len(data["codes"])
        r = len(data["ring_country"])
        assert data["codes"].dtype == np.dtype("<U3")
        assert data["points"].dtype == np.float32 and data["points"].shape[1] == 2
        assert data["ring_offsets"].dtype == np.int32 and len(data["ring_offsets"]) == r + 1
        assert data["ring_offsets"][0] == 0 and data["ring_offsets"][-1] == len(data["points"])
        assert np.all(np.diff(data["ring_offsets"]) >= 3)
        assert np.all(np.diff(data["ring_country"]) >= 0)  # grouped by country
        assert data["label_lonlat"].shape == (c, 2) and data["bbox"].shape == (c, 4)
        assert data["area"].shape == (c,) and len(data["names"]) == c
        assert data["neighbours"].dtype == np.int32 and data["neighbours"].shape[1] == 2


def test_codes_sorted_unique_and_expected(atlas):
    codes = list(atlas.codes)
    assert codes == sorted(set(codes))
    for code in [
        "USA",
        "RUS",
        "FJI",
        "CHN",
        "BRA",
        "FRA",
        "NOR",
        "XKX",
        "XNC",
        "XSL",
        "ATA",
        "CCK",
        "CXR",
    ]:
        assert atlas.has(code), code
    assert not atlas.has("ZZZ") and not atlas.has("usa")
    with pytest.raises(KeyError, match="not on the world map"):
        atlas.name("ZZZ")


def test_names_match_iso_table_and_are_clean(atlas):
    for code in atlas.codes:
        assert atlas.name(code) == iso.NAMES[code], code  # the npz is not stale
        assert code in iso.ALPHA3_TO_NUMERIC or code in iso.USER_ASSIGNED
    assert atlas.name("COD") == "DR Congo"
    assert atlas.name("CAF") == "Central African Republic"
    assert atlas.name("BIH") == "Bosnia and Herzegovina"
    assert atlas.name("XKX") == "Kosovo"
    assert not any(name.endswith((" Is.", " Rep.")) for name in atlas.names)


def test_iso_table_is_consistent():
    assert len(iso.NUMERIC_TO_ALPHA3) == 249
    assert len(set(iso.NUMERIC_TO_ALPHA3.values())) == 249
    assert set(iso.NUMERIC_TO_ALPHA3.values()) | set(iso.USER_ASSIGNED) == set(iso.NAMES)
    assert all(code.startswith("X") for code in iso.USER_ASSIGNED)
    assert iso.NUMERIC_TO_ALPHA3["250"] == "FRA" and iso.NUMERIC_TO_ALPHA3["643"] == "RUS"
    assert iso.NUMERIC_TO_ALPHA3["004"] == "AFG" and iso.is_iso_alpha3("NOR")
    assert not iso.is_iso_alpha3("XKX")


def test_alpha2_table_covers_every_country_once():
    standard = {a2: a3 for a2, a3 in iso.ALPHA2_TO_ALPHA3.items() if a2 not in ("UK", "EL", "XK")}
    assert sorted(standard.values()) == sorted(iso.NUMERIC_TO_ALPHA3.values())
    assert iso.ALPHA2_TO_ALPHA3["DE"] == "DEU" and iso.ALPHA2_TO_ALPHA3["GB"] == "GBR"
    assert iso.ALPHA2_TO_ALPHA3["UK"] == "GBR" and iso.ALPHA2_TO_ALPHA3["XK"] in iso.NAMES


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        (2.35, 48.85, "FRA"),  # Paris
        (37.62, 55.75, "RUS"),  # Moscow
        (-47.88, -15.79, "BRA"),  # Brasília
        (-77.04, 38.90, "USA"),  # Washington
        (-75.70, 45.42, "CAN"),  # Ottawa
        (116.40, 39.90, "CHN"),  # Beijing
        (10.75, 59.91, "NOR"),  # Oslo
        (21.17, 42.66, "XKX"),  # Pristina
        (44.06, 9.56, "XSL"),  # Hargeisa
        (27.48, -29.31, "LSO"),  # Maseru: an enclave, not South Africa
        (12.447, 43.936, "SMR"),  # San Marino, inside Italy
        (176.0, 66.0, "RUS"),  # Chukotka west of the antimeridian
        (-172.5, 65.5, "RUS"),  # Chukotka east of it
        (179.5, 71.2, "RUS"),  # Wrangel Island, both halves
        (-179.5, 71.2, "RUS"),
        (178.2, -17.8, "FJI"),  # Viti Levu
        (-179.95, -16.8, "FJI"),  # Fiji east of the antimeridian
        (173.0, 52.9, "USA"),  # Attu, the Aleutians west of the antimeridian
        (0.0, -89.99, "ATA"),
        (-179.9, -89.5, "ATA"),  # both ends of the pole closure
        (179.9, -89.5, "ATA"),
        (30.0, -80.0, "ATA"),
    ],
)
def test_known_points(atlas, lon, lat, code):
    assert atlas.country_at(lon, lat) == code
    assert atlas.contains(code, lon, lat)


@pytest.mark.parametrize(
    ("lon", "lat"), [(0.0, 0.0), (-150.0, 30.0), (-30.0, 40.0), (51.0, 42.0), (90.0, -40.0)]
)
def test_sea_points(atlas, lon, lat):
    assert atlas.country_at(lon, lat) is None


def test_contains_is_false_elsewhere(atlas):
    assert not atlas.contains("FRA", 37.62, 55.75)
    assert not atlas.contains("ZAF", 27.48, -29.31)  # Lesotho is a hole in South Africa
    assert atlas.contains("ZAF", 25.0, -30.0)


def test_rings_are_valid_and_never_smear(atlas):
    assert len(atlas.ring_offsets) - 1 == len(atlas.ring_country)
    for code in atlas.codes:
        rings = atlas.rings(code)
        assert rings, code
        for ring in rings:
            assert ring.ndim == 2 and ring.shape[1] == 2 and len(ring) >= 3, code
            assert np.all(np.isfinite(ring))
            assert np.all((ring[:, 0] >= -180) & (ring[:, 0] <= 180)), code
            assert np.all((ring[:, 1] >= -90) & (ring[:, 1] <= 90)), code
            closed = np.vstack([ring, ring[:1]]).astype(np.float64)
            span = np.abs(np.diff(closed[:, 0]))
            assert span.max() <= 180.0, code  # no ring jumps across the map
        assert atlas.area(code) > 0, code


def test_antarctica_closes_along_the_bottom_edge(atlas):
    rings = atlas.rings("ATA")
    polar = [r for r in rings if r[:, 1].min() <= -89.999]
    assert polar, "a ring of Antarctica should reach the south pole"
    for ring in polar:
        closed = np.vstack([ring, ring[:1]]).astype(np.float64)
        lon_step = np.abs(np.diff(closed[:, 0]))
        low = (closed[:-1, 1] < -89.0) & (closed[1:, 1] < -89.0)
        assert lon_step[low].max() <= 2.0 + 1e-4  # densified, not one edge across the map
        # And the pole edge covers the whole width of the map.
        along = closed[:, 0][closed[:, 1] <= -89.999]
        assert along.min() == pytest.approx(-180.0) and along.max() == pytest.approx(180.0)
    # No other country reaches the pole latitude.
    others = [c for c in atlas.codes if c != "ATA"]
    assert all(min(float(r[:, 1].min()) for r in atlas.rings(c)) > -89.0 for c in others)


def test_hole_and_orientation_flags(atlas):
    lso_hole = False
    for r in atlas.ring_range("ZAF"):
        ring = atlas.ring(r).astype(np.float64)
        x, y = ring[:, 0], ring[:, 1]
        area = 0.5 * (np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))
        assert (area < 0) == bool(atlas.ring_hole[r])
        lso_hole |= bool(atlas.ring_hole[r]) and bool(
            np.all(np.abs(ring - [28.2, -29.6]).max(axis=0) < 2)
        )
    assert lso_hole


@pytest.mark.parametrize("code", BIG_COUNTRIES)
def test_label_point_inside(atlas, code):
    lon, lat = atlas.label_point(code)
    assert atlas.contains(code, lon, lat)
    assert atlas.country_at(lon, lat) == code


def test_label_points_of_every_country_are_inside(atlas):
    outside = [c for c in atlas.codes if not atlas.contains(c, *atlas.label_point(c))]
    assert outside == []


def test_label_point_is_central_not_coastal(atlas):
    # France's label is in the middle of metropolitan France, not in an overseas department.
    lon, lat = atlas.label_point("FRA")
    assert -2 < lon < 6 and 44 < lat < 49
    lon, lat = atlas.label_point("USA")
    assert -110 < lon < -85 and 33 < lat < 45  # the contiguous states, not Alaska


@pytest.mark.parametrize(
    ("code", "km2"),
    [
        ("RUS", 17.1e6),
        ("CAN", 9.98e6),
        ("USA", 9.5e6),
        ("BRA", 8.5e6),
        ("FRA", 0.64e6),
        ("ISL", 0.103e6),
    ],
)
def test_areas_are_plausible(atlas, code, km2):
    assert atlas.area(code) == pytest.approx(km2, rel=0.08)


def test_neighbours(atlas):
    pairs = set(atlas.neighbours())
    assert ("ESP", "FRA") in pairs
    assert ("CAN", "USA") in pairs
    assert ("CHN", "RUS") in pairs and ("NOR", "RUS") in pairs
    assert ("RUS", "XKX") not in pairs
    assert ("FRA", "USA") not in pairs and ("USA", "FRA") not in pairs
    assert ("SRB", "XKX") in pairs
    assert all(a < b for a, b in pairs)
    assert atlas.are_neighbours("FRA", "ESP") and atlas.are_neighbours("ESP", "FRA")
    assert not atlas.are_neighbours("FRA", "USA")
    assert atlas.neighbours_of("LSO") == ["ZAF"]
    assert atlas.neighbours_of("ATA") == [] and atlas.neighbours_of("ISL") == []
    assert atlas.neighbours_of("USA") == ["CAN", "MEX"]
    assert "ESP" in atlas.neighbours_of("FRA")


def test_world_map_can_be_coloured(atlas):
    colours = greedy_colouring(len(atlas.codes), atlas.neighbour_index.tolist(), 5)
    assert max(colours) < 5
    for a, b in atlas.neighbour_index.tolist():
        assert colours[a] != colours[b]


def test_load_is_cached(atlas):
    assert load_world_atlas() is atlas


# --------------------------------------------------------------------------- the build script


def test_build_decodes_delta_arcs_and_reversed_arcs(builder):
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [-10.0, 20.0]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
    }
    arcs = builder.decode_arcs(topology)
    np.testing.assert_allclose(arcs[0], [[-10, 20], [-9, 20], [-9, 21]])
    np.testing.assert_allclose(arcs[1], [[-9, 21], [-10, 21], [-10, 20]])
    ring = builder.ring_from_arcs([0, 1], arcs)
    np.testing.assert_allclose(ring, [[-10, 20], [-9, 20], [-9, 21], [-10, 21], [-10, 20]])
    reversed_ring = builder.ring_from_arcs([~1, ~0], arcs)
    np.testing.assert_allclose(reversed_ring, ring[::-1])


def test_build_cuts_a_ring_crossing_the_antimeridian(builder):
    ring = np.array([[178.0, 10.0], [-178.0, 10.0], [-178.0, 12.0], [178.0, 12.0], [178.0, 10.0]])
    pieces, polar = builder.fix_ring(ring, "test", [])
    assert not polar and len(pieces) == 2
    for piece in pieces:
        assert np.abs(np.diff(np.vstack([piece, piece[:1]])[:, 0])).max() <= 180
        assert piece[:, 0].min() >= -180 and piece[:, 0].max() <= 180
    total = sum(abs(builder.signed_area(p)) for p in pieces)
    assert total == pytest.approx(8.0)


def test_build_closes_a_ring_round_the_pole(builder):
    lon = np.linspace(-180, 180, 73)[:-1]
    ring = np.column_stack([lon, -70 + 2 * np.sin(np.radians(lon * 3))])
    ring = np.vstack([ring, ring[:1]])
    pieces, polar = builder.fix_ring(ring, "test", [])
    assert polar and pieces
    area = sum(abs(builder.signed_area(p)) for p in pieces)
    assert area == pytest.approx(360 * 20, rel=0.01)  # the cap from -70 down to -90
    for piece in pieces:
        assert np.abs(np.diff(np.vstack([piece, piece[:1]])[:, 0])).max() <= 180


def test_build_drops_degenerate_polar_rings(builder):
    ring = np.column_stack([np.linspace(-180, 180, 50), np.full(50, -89.999)])
    assert builder.fix_ring(ring, "test", []) == ([], False)


# --------------------------------------------------------------------------- projection


def test_projection_round_trip():
    rng = np.random.default_rng(0)
    lon = rng.uniform(-180, 180, 20000)
    lat = rng.uniform(-90, 90, 20000)
    x, y = forward(lon, lat)
    lon2, lat2 = inverse(x, y)
    np.testing.assert_allclose(lon2, lon, atol=1e-6)
    np.testing.assert_allclose(lat2, lat, atol=1e-6)
    for lo, la in [(0, 0), (180, 0), (-180, 90), (45, -90), (2.35, 48.85)]:
        l2, p2 = inverse(*forward(lo, la))
        assert float(l2) == pytest.approx(lo, abs=1e-6) and float(p2) == pytest.approx(la, abs=1e-6)


def test_projection_known_values_and_symmetry():
    x, y = forward(0.0, 0.0)
    assert float(x) == 0.0 and float(y) == 0.0
    x, y = forward(180.0, 0.0)
    assert float(x) == pytest.approx(2.7066299837, abs=1e-9)
    x, y = forward(0.0, 90.0)
    assert float(y) == pytest.approx(1.3173627592, abs=1e-9)
    x1, y1 = forward(-30.0, -40.0)
    x2, y2 = forward(30.0, 40.0)
    assert float(x1) == pytest.approx(-float(x2)) and float(y1) == pytest.approx(-float(y2))
    pts = project_points([[10.0, 20.0], [-50.0, -60.0]])
    assert pts.shape == (2, 2)


def test_projection_is_equal_area():
    def band_area(lat0: float, lat1: float) -> float:
        lon = np.linspace(-30, 30, 200)
        lat = np.linspace(lat0, lat1, 200)
        ring = np.concatenate([
            np.column_stack([lon, np.full_like(lon, lat0)]),
            np.column_stack([np.full_like(lat, 30.0), lat]),
            np.column_stack([lon[::-1], np.full_like(lon, lat1)]),
            np.column_stack([np.full_like(lat, -30.0), lat[::-1]]),
        ])  # fmt: skip
        x, y = forward(ring[:, 0], ring[:, 1])
        return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)))

    for lat0, lat1 in [(0, 10), (40, 50), (70, 80)]:
        sphere = np.radians(60) * (np.sin(np.radians(lat1)) - np.sin(np.radians(lat0)))
        assert band_area(lat0, lat1) == pytest.approx(sphere, rel=1e-3)


def test_world_bounds_and_screen_fit():
    xmin, ymin, xmax, ymax = world_bounds()
    assert xmin == pytest.approx(-xmax) and ymin == pytest.approx(-ymax)
    assert xmax == pytest.approx(2.70663, abs=1e-5) and ymax == pytest.approx(1.31736, abs=1e-5)
    assert world_bounds(-60, 85)[1] > ymin
    with pytest.raises(ValueError):
        world_bounds(10, -10)
    fit = ScreenFit.fit((xmin, ymin, xmax, ymax), (0, 0, 1000, 500), padding=10)
    sx, sy = fit.to_screen([xmin, xmax, 0.0], [ymax, ymin, 0.0])
    assert np.all(sx >= 10 - 1e-9) and np.all(sx <= 990 + 1e-9)
    assert np.all(sy >= -1e-9) and np.all(sy <= 500 + 1e-9)
    assert float(sx[2]) == pytest.approx(500) and float(sy[2]) == pytest.approx(250)
    assert float(sy[0]) < float(sy[1])  # north is up on screen
    bx, by = fit.from_screen(sx, sy)
    np.testing.assert_allclose(bx, [xmin, xmax, 0.0], atol=1e-12)
    np.testing.assert_allclose(by, [ymax, ymin, 0.0], atol=1e-12)


# --------------------------------------------------------------------------- generated maps

CAPS8 = [
    (150, 150),
    (350, 120),
    (600, 200),
    (850, 150),
    (200, 450),
    (480, 420),
    (700, 480),
    (900, 450),
]


def _random_capitals(
    n: int, seed: int, width: float = 1000, height: float = 600
) -> list[tuple[float, float]]:
    rng = np.random.default_rng(seed)
    return [
        (float(x), float(y))
        for x, y in zip(
            rng.uniform(10, width - 10, n), rng.uniform(10, height - 10, n), strict=True
        )
    ]


def _components_4(mask: np.ndarray, start: tuple[int, int]) -> np.ndarray:
    """Plain BFS flood fill (independent of the module's vectorised labelling)."""
    seen = np.zeros_like(mask, dtype=bool)
    rows, cols = mask.shape
    queue = deque([start])
    seen[start] = True
    while queue:
        r, c = queue.popleft()
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            rr, cc = r + dr, c + dc
            if 0 <= rr < rows and 0 <= cc < cols and mask[rr, cc] and not seen[rr, cc]:
                seen[rr, cc] = True
                queue.append((rr, cc))
    return seen


@pytest.fixture(scope="module")
def map8():
    return generate_map(CAPS8, 1000, 600, seed=3)


@pytest.fixture(scope="module")
def map200():
    return generate_map(_random_capitals(200, 1), 1000, 600, seed=7)


def test_generated_is_deterministic():
    caps = _random_capitals(30, 5)
    a = generate_map(caps, 1000, 600, seed=42)
    b = generate_map(caps, 1000, 600, seed=42)
    np.testing.assert_array_equal(a.owner, b.owner)
    np.testing.assert_array_equal(a.coastline, b.coastline)
    np.testing.assert_array_equal(a.border, b.border)
    assert a.neighbours == b.neighbours and a.colouring == b.colouring
    assert [a.label_point(i) for i in range(30)] == [b.label_point(i) for i in range(30)]
    c = generate_map(caps, 1000, 600, seed=43)
    assert not np.array_equal(a.owner, c.owner)


def test_generated_does_not_touch_global_random_state():
    np.random.seed(123)
    before = np.random.random()
    np.random.seed(123)
    generate_map(CAPS8, 1000, 600, seed=1)
    assert np.random.random() == before


@pytest.mark.parametrize("fixture", ["map8", "map200"])
def test_generated_invariants(request, fixture):
    m = request.getfixturevalue(fixture)
    n = m.n_nations
    rows, cols = m.shape
    assert (rows, cols) == (150, 250) and m.cell_size == 4
    assert m.owner.dtype == np.int16
    values = set(np.unique(m.owner).tolist())
    assert values <= {SEA, UNOWNED, *range(n)}
    # Every capital's cell is its own nation's, so no nation is empty.
    for i, (r, c) in enumerate(m.capital_cells.tolist()):
        assert m.owner[r, c] == i
        x, y = m.capitals[i]
        assert m.nation_at(x, y) == i
    assert np.all(m.cell_counts() >= 1)
    # Neighbours are exactly the pairs of nations whose cells touch (4-connectivity).
    o = m.owner
    pairs = set()
    for a, b in ((o[:, :-1], o[:, 1:]), (o[:-1, :], o[1:, :])):
        touch = (a >= 0) & (b >= 0) & (a != b)
        pairs |= {
            (min(p, q), max(p, q))
            for p, q in zip(a[touch].tolist(), b[touch].tolist(), strict=True)
        }
    assert set(m.neighbours) == pairs
    assert m.neighbours == sorted(m.neighbours)
    # The colouring separates every pair of neighbours.
    assert len(m.colouring) == n and max(m.colouring) < 6
    for a, b in m.neighbours:
        assert m.colouring[a] != m.colouring[b]
    # Masks.
    land = o != SEA
    assert np.array_equal(m.land, land)
    assert not (m.coastline & ~land).any() and not (m.border & (o < 0)).any()
    padded = np.pad(land, 1, constant_values=False)
    next_to_sea = ~padded[:-2, 1:-1] | ~padded[2:, 1:-1] | ~padded[1:-1, :-2] | ~padded[1:-1, 2:]
    assert np.array_equal(m.coastline, land & next_to_sea)
    on_border = np.zeros_like(land)
    on_border[:, :-1] |= (o[:, :-1] >= 0) & (o[:, 1:] >= 0) & (o[:, :-1] != o[:, 1:])
    on_border[:, 1:] |= (o[:, 1:] >= 0) & (o[:, :-1] >= 0) & (o[:, :-1] != o[:, 1:])
    on_border[:-1, :] |= (o[:-1, :] >= 0) & (o[1:, :] >= 0) & (o[:-1, :] != o[1:, :])
    on_border[1:, :] |= (o[1:, :] >= 0) & (o[:-1, :] >= 0) & (o[:-1, :] != o[1:, :])
    assert np.array_equal(m.border, on_border)


@pytest.mark.parametrize("fixture", ["map8", "map200"])
def test_generated_territories_connected_to_capital(request, fixture):
    m = request.getfixturevalue(fixture)
    land = m.owner != SEA
    for i, (r, c) in enumerate(m.capital_cells.tolist()):
        mine = m.owner == i
        reached = _components_4(mine, (r, c))
        landmass = _components_4(land, (r, c))
        # Every cell of nation i on its capital's landmass is reachable through its own cells.
        assert not (mine & landmass & ~reached).any(), i


@pytest.mark.parametrize("fixture", ["map8", "map200"])
def test_generated_label_points_inside(request, fixture):
    m = request.getfixturevalue(fixture)
    for i in range(m.n_nations):
        x, y = m.label_point(i)
        assert 0 <= x <= m.width and 0 <= y <= m.height
        assert m.nation_at(x, y) == i


def test_generated_label_point_is_deep_inside(map8):
    for i in range(8):
        x, y = map8.label_point(i)
        r, c = map8.cell_of(x, y)
        window = map8.owner[max(r - 3, 0) : r + 4, max(c - 3, 0) : c + 4]
        assert np.all(window == i)


def test_generated_eight_nations_have_sizeable_territories(map8):
    counts = map8.cell_counts()
    assert counts.min() > 0.02 * counts.sum()
    assert len(map8.neighbours) >= 4  # close nations share borders
    assert 0.2 < (map8.owner == SEA).mean() < 0.9


def test_generated_far_capitals_become_islands():
    m = generate_map([(100, 100), (900, 500)], 1000, 600, seed=0)
    assert m.neighbours == []
    (r0, c0), (r1, c1) = m.capital_cells.tolist()
    assert not _components_4(m.owner != SEA, (r0, c0))[r1, c1]


def test_generated_close_capitals_share_a_border():
    m = generate_map([(450, 300), (550, 300)], 1000, 600, seed=0)
    assert m.neighbours == [(0, 1)]


def test_generated_rejects_bad_input():
    with pytest.raises(ValueError, match="outside"):
        generate_map([(100, 100), (1200, 100)], 1000, 600, seed=0)
    with pytest.raises(ValueError, match="same map cell"):
        generate_map([(100, 100), (101, 101)], 1000, 600, seed=0)
    with pytest.raises(ValueError, match="at least one"):
        generate_map([], 1000, 600, seed=0)
    with pytest.raises(ValueError, match="positive"):
        generate_map([(1, 1)], 0, 600, seed=0)


def test_capital_inside():
    assert capital_inside(0, 0, 1000, 600) and capital_inside(1000, 600, 1000, 600)
    assert not capital_inside(-1, 10, 1000, 600) and not capital_inside(10, 601, 1000, 600)


def test_generated_other_resolutions_and_sizes():
    m = generate_map(_random_capitals(12, 9, 640, 480), 640, 480, seed=2, resolution=8)
    assert m.shape == (60, 80) and m.cell_size == 8
    assert np.all(m.cell_counts() >= 1)
    one = generate_map([(500, 300)], 1000, 600, seed=0)
    assert one.neighbours == [] and one.colouring == [0]


# --------------------------------------------------------------------------- colouring


def test_colouring_respects_edges_and_limit():
    k4 = [(a, b) for a in range(4) for b in range(a + 1, 4)]
    colours = greedy_colouring(4, k4, 4)
    assert sorted(colours) == [0, 1, 2, 3]
    with pytest.raises(ValueError):
        greedy_colouring(4, k4, 3)
    # A wheel with an odd rim needs four colours; greedy alone may use more, the search fixes it.
    rim = 7
    wheel = [(0, i) for i in range(1, rim + 1)] + [(i, i % rim + 1) for i in range(1, rim + 1)]
    colours = greedy_colouring(rim + 1, wheel, 4)
    assert max(colours) < 4 and all(colours[a] != colours[b] for a, b in wheel)
    assert greedy_colouring(3, [], 1) == [0, 0, 0]
    with pytest.raises(ValueError):
        greedy_colouring(2, [(0, 5)], 4)

"""Parts of the map renderer: polygon clipping, labels, palettes, lens colours, geometry."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.engine.game import Game
from game.scenario.catalog import load
from game.ui import palettes as pal
from game.ui.mapview.facts import facts_from_view
from game.ui.mapview.labels import LABEL_GAP, TextCache, place_labels
from game.ui.mapview.lenses import LENSES, political_colours
from game.ui.mapview.shapes import shapes_for_scenario
from game.ui.mapview.tiles import Level, clip_ring, reduce_ring
from game.ui.theme import Fonts


def _fill(points: np.ndarray, size: int = 120, shift: float = 0.0) -> np.ndarray:
    canvas = size + int(2 * shift)
    surface = pygame.Surface((canvas, canvas), depth=8)
    surface.set_palette([(i, i, i) for i in range(256)])
    surface.fill(0)
    if len(points) >= 3:
        pygame.draw.polygon(surface, 1, (points + shift).tolist())
    s = int(shift)
    return pygame.surfarray.array2d(surface)[s : s + size, s : s + size]


def _away_from_edges(reference: np.ndarray) -> np.ndarray:
    """Pixels whose 5x5 neighbourhood is all inside or all outside (rounding cannot flip)."""
    from numpy.lib.stride_tricks import sliding_window_view

    windows = sliding_window_view(np.pad(reference, 2, mode="edge"), (5, 5))
    return windows.min(axis=(2, 3)) == windows.max(axis=(2, 3))


@pytest.mark.parametrize("seed", range(16))
def test_reducing_and_clipping_do_not_change_what_is_inside(seed: int) -> None:
    """A ring reduced and clipped to a rectangle fills the same pixels inside it.

    The reference is the whole ring drawn on a canvas big enough to hold it; pygame's
    rounding differs by a pixel along edges, so only pixels away from edges count.
    """
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 400))
    angles = np.sort(rng.uniform(0, 2 * np.pi, n))
    radius = rng.uniform(20, 160, n)
    centre = rng.uniform(-40, 160, 2)
    ring = np.column_stack(
        [centre[0] + radius * np.cos(angles), centre[1] + radius * np.sin(angles)]
    )
    lo, hi = -3.0, 123.0
    clipped = clip_ring(reduce_ring(ring, lo, lo, hi, hi), lo, lo, hi, hi)
    assert len(clipped) <= len(ring) + 8
    cut = _fill(clipped)
    # pygame's own fill leaves the odd stray span: compare with the ring drawn whole,
    # both on a big canvas and in place, and take the closer.
    counts = []
    for reference in (_fill(ring, shift=400.0), _fill(ring)):
        counts.append(np.count_nonzero((reference != cut) & _away_from_edges(reference)))
    assert min(counts) <= 25, f"{counts} pixels differ"


def test_reduce_keeps_a_ring_inside_the_rectangle_whole() -> None:
    ring = np.array([[10.0, 10.0], [50.0, 12.0], [40.0, 60.0], [12.0, 50.0]])
    assert np.array_equal(reduce_ring(ring, 0, 0, 100, 100), ring)
    assert np.array_equal(clip_ring(ring, 0, 0, 100, 100), ring)


@pytest.fixture(scope="module")
def world():  # type: ignore[no-untyped-def]
    scenario = load("great-powers")
    game = Game.new(scenario)
    return scenario, game, shapes_for_scenario(scenario), facts_from_view(game.view(0))


def test_labels_never_overlap(world) -> None:  # type: ignore[no-untyped-def]
    """Greedy placement: no two labels (nations or countries) share a pixel, and two
    nation names keep some air between them (halos that touch read as one name)."""
    pygame.font.init()
    _scenario, _game, shapes, _facts = world
    texts = TextCache(Fonts())
    for k in (0, 1, 2, 3, 4, 5, 6):
        level = Level(shapes, 1256 / shapes.width * 2 ** (k / 2))
        labels = place_labels(
            shapes,
            level.to_px,
            level.size,
            level.scale,
            [f"{90 + v} ±13" for v in range(shapes.n_nations)],
            texts,
            region_boxes=level.region_boxes(),
            show_unowned=k >= 3,
        )
        boxes = [label.box for label in labels]
        named = [label.box for label in labels if label.nation is not None]
        g = LABEL_GAP  # two nation names keep some air between them, not only no overlap
        for i, a in enumerate(boxes):
            assert a[0] >= 0 and a[1] >= 0 and a[2] <= level.size[0] and a[3] <= level.size[1]
            for b in boxes[i + 1 :]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
        for i, a in enumerate(named):
            for b in named[i + 1 :]:
                assert not (
                    a[0] < b[2] + g and b[0] < a[2] + g and a[1] < b[3] + g and b[1] < a[3] + g
                )
        nations = {label.nation for label in labels if label.nation is not None}
        assert len(nations) >= shapes.n_nations * 0.6
        if k >= 3:
            assert any(label.nation is None for label in labels)


def test_viridis_is_matplotlibs() -> None:
    from matplotlib import colormaps

    cmap = colormaps["viridis"]
    for t in np.linspace(0, 1, 33):
        expected = np.array(cmap(t)[:3]) * 255
        assert np.abs(np.array(pal.viridis(t)) - expected).max() <= 3.0


def test_okabe_ito_and_nation_colours_keep_neighbours_apart(world) -> None:  # type: ignore[no-untyped-def]
    """Neighbours never share a colour the game picked, and no nation is grey."""
    _scenario, _game, shapes, facts = world
    for colourblind in (False, True):
        colours = political_colours(
            facts, shapes.nation_neighbours, shapes.nation_colouring, colourblind
        )
        for a, b in shapes.nation_neighbours:
            if facts.scenario_colours[a] is None or facts.scenario_colours[b] is None:
                assert colours[a] != colours[b], (a, b)
        assert all(pal.saturation(c) >= 0.2 for c in colours)


def test_generated_map_neighbours_differ() -> None:
    from game.maps.generated import generate_map

    caps = [(100 + 140 * (i % 5), 100 + 160 * (i // 5)) for i in range(10)]
    gm = generate_map(caps, 800, 500, seed=3)
    from game.ui.mapview.facts import MapFacts

    facts = MapFacts(
        names=tuple(f"N{i}" for i in range(10)),
        scenario_colours=(None,) * 10,
        default_colours=(pal.OKABE_ITO[0],) * 10,
    )  # a clash everywhere
    colours = political_colours(facts, gm.neighbours, gm.colouring, False)
    for a, b in gm.neighbours:
        assert colours[a] != colours[b]


def test_every_lens_pairs_colour_with_a_second_cue(world) -> None:  # type: ignore[no-untyped-def]
    """Where nations differ in colour, they also differ in pattern or label."""
    _scenario, _game, shapes, facts = world
    for spec in LENSES:
        style = spec.style(facts, 3, False, shapes.nation_neighbours, shapes.nation_colouring)
        assert len(style.fill) == len(style.pattern) == len(style.value_text) == facts.n
        assert style.legend, spec.key
        if spec.key == "political":
            continue  # names are the labels themselves
        for i in range(facts.n):
            for j in range(facts.n):
                if style.fill[i] != style.fill[j]:
                    assert (style.pattern[i], style.value_text[i]) != (
                        style.pattern[j],
                        style.value_text[j],
                    ), (spec.key, i, j)


def test_world_shapes_locate_countries(world) -> None:  # type: ignore[no-untyped-def]
    from game.maps.projection import forward

    _scenario, game, shapes, _facts = world
    x, y = forward(-100.0, 40.0)
    assert shapes.nation_at(float(x), -float(y)) == game.state.world.index["usa"]
    x, y = forward(-150.0, 0.0)
    assert shapes.nation_at(float(x), -float(y)) is None


def test_generated_shapes_follow_the_owner_raster() -> None:
    """The smoothed polygons of a generated map agree with its owner raster."""
    scenario = load("tutorial")
    shapes = shapes_for_scenario(scenario)
    level = Level(shapes, 1.0)
    from game.ui.mapview.tiles import render_base

    agree = total = 0
    for tx in range(level.tiles[0]):
        for ty in range(level.tiles[1]):
            codes = render_base(level, tx, ty).codes
            xs, ys = np.meshgrid(np.arange(0, 256, 16), np.arange(0, 256, 16), indexing="ij")
            for cx, cy in zip(xs.ravel(), ys.ravel(), strict=True):
                mx, my = tx * 256 + cx + 0.5, ty * 256 + cy + 0.5
                if mx >= shapes.width or my >= shapes.height:
                    continue
                drawn = int(codes[cx, cy])
                owner = shapes.nation_at(mx, my)
                expected_land = shapes.locate(mx, my) is not None
                total += 1
                if expected_land == (drawn >= 2 and drawn != 255) and (
                    owner is None or drawn == owner + 2
                ):
                    agree += 1
    assert agree / total > 0.97


def test_the_selected_nation_always_has_its_name_on_the_map(world) -> None:  # type: ignore[no-untyped-def]
    """A small nation among its neighbours' capitals (North Korea, say) lost its label
    when the player picked it: the one picked is always named."""
    pygame.font.init()
    _scenario, _game, shapes, _facts = world
    texts = TextCache(Fonts())
    level = Level(shapes, 1256 / shapes.width)
    for nation in range(shapes.n_nations):
        labels = place_labels(
            shapes,
            level.to_px,
            level.size,
            level.scale,
            [f"{v}" for v in range(shapes.n_nations)],
            texts,
            selected=nation,
            region_boxes=level.region_boxes(),
        )
        assert nation in {label.nation for label in labels}, shapes.nation_names[nation]

"""Headless map pictures (``cyberdip render``) and the ``play`` command, end to end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.scenario.catalog import bundled
from game.ui.mapview.lenses import LENS_KEYS, lens
from game.ui.render import play_turns, render_map

ROOT = Path(__file__).resolve().parent.parent
SIZE = (480, 300)
SCENARIOS = [entry.id for entry in bundled()]


@pytest.fixture(scope="module")
def games():  # type: ignore[no-untyped-def]
    """Each bundled scenario after two all-AI turns (so lenses have something to show)."""
    return {entry.id: (entry.scenario, play_turns(entry.scenario, None, 2)) for entry in bundled()}


def colours_in(surface: pygame.Surface) -> set[tuple[int, int, int]]:
    rgb = pygame.surfarray.array3d(surface).reshape(-1, 3)
    return {tuple(int(v) for v in c) for c in np.unique(rgb, axis=0)}


@pytest.mark.parametrize("lens_key", LENS_KEYS)
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_render_is_not_blank_at_the_size_asked(games, scenario_id: str, lens_key: str) -> None:  # type: ignore[no-untyped-def]
    """Every bundled scenario renders in every lens at the asked size, with its colours."""
    scenario, game = games[scenario_id]
    surface = render_map(scenario, SIZE, lens_key, game=game)
    assert surface.get_size() == SIZE
    pixels = pygame.surfarray.array3d(surface).astype(np.float64)
    assert pixels.std() > 15, "the picture is (nearly) blank"
    present = colours_in(surface)
    from game.ui.mapview.facts import facts_from_view
    from game.ui.mapview.shapes import shapes_for_scenario

    facts = facts_from_view(game.view(0))
    shapes = shapes_for_scenario(scenario, game.seed)
    style = lens(lens_key).style(
        facts, None, False, shapes.nation_neighbours, shapes.nation_colouring
    )
    # Only nations big enough to show at this size count: on the world map, dozens of
    # island states are a few pixels wide. Hatching and borders cover some pixels, but
    # most of the visible nations' lens colours must be on the picture.
    x0, y0, x1, y1 = shapes.bounds
    pixels_per_unit2 = (SIZE[0] * SIZE[1]) / ((x1 - x0) * (y1 - y0))
    visible = [i for i in range(len(style.fill)) if shapes.nation_area[i] * pixels_per_unit2 >= 400]
    fills = {tuple(style.fill[i]) for i in visible} or set(style.fill)
    shown = fills & present
    assert len(shown) >= max(1, int(0.6 * len(fills))), (
        f"{lens_key}: only {len(shown)} of {len(fills)} lens colours appear"
    )


def test_political_render_shows_every_nation_colour(games) -> None:  # type: ignore[no-untyped-def]
    """On the political map of the tutorial every nation shows in its own colour."""
    scenario, game = games["tutorial"]
    surface = render_map(scenario, (900, 560), "political", game=game)
    present = colours_in(surface)
    for nation in scenario.nations:
        assert nation.colour is not None
        rgb = tuple(int(nation.colour[i : i + 2], 16) for i in (1, 3, 5))
        assert rgb in present, f"{nation.id} ({nation.colour}) is missing"


def _cyberdip(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
    )


def test_render_command_writes_a_png_of_the_asked_size(tmp_path: Path) -> None:
    """... making missing folders, as every file the CLI writes."""
    out = tmp_path / "new" / "map.png"
    done = _cyberdip(
        "render",
        "tutorial",
        "--out",
        str(out),
        "--size",
        "640x400",
        "--lens",
        "trust",
        "--turn",
        "1",
        "--seed",
        "5",
    )
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout
    picture = pygame.image.load(str(out))
    assert picture.get_size() == (640, 400)
    assert not list(out.parent.glob(".*tmp*")), "no temporary file is left behind"


@pytest.mark.parametrize(
    "args, status, words",
    [
        (["render", "no-such-scenario", "--out", "x.png"], 1, "no such file"),
        (["render", "tutorial", "--out", "x.png", "--size", "12x"], 2, "--size"),
        (["render", "tutorial", "--out", "x.png", "--size", "99999x5"], 2, "out of range"),
        (["render", "tutorial", "--out", "x.png", "--lens", "weather"], 2, "--lens"),
        (["render", "tutorial", "--out", "x.jpg"], 2, ".png"),
        (["render", "tutorial", "--out", "FILE/x.png"], 1, "cannot write"),
        (["render", "tutorial", "--out", "x.png", "--viewer", "atlantis"], 2, "atlantis"),
        (["play", "tutorial", "--autoplay", "0"], 2, "--autoplay"),
        (["play", "--seed", "3"], 2, "--seed goes with a SCENARIO"),
        (["play", "--load", "x.json", "--seed", "3"], 2, "--seed goes with a SCENARIO"),
    ],
)
def test_bad_arguments_fail_with_one_clear_line(
    tmp_path: Path, args: list[str], status: int, words: str
) -> None:
    (tmp_path / "FILE").write_text("a file, not a folder", encoding="utf-8")
    args = [str(tmp_path / a) if a.endswith((".png", ".jpg")) else a for a in args]
    done = _cyberdip(*args)
    assert done.returncode == status, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0], done.stderr


def test_play_autoplay_exits_cleanly(tmp_path: Path) -> None:
    """``cyberdip play tutorial --autoplay 2`` plays two all-AI turns in the window, exits 0."""
    done = _cyberdip("play", "tutorial", "--autoplay", "2")
    assert done.returncode == 0, done.stderr
    assert "2 turn(s) played" in done.stdout

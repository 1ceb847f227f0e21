"""The map screen through real pygame events: lenses, wheel zoom, drag pan, click to select.

Every interaction is a real event posted on the pygame queue and read by the app's one
event poll, then handled by the real scene and map widget, with a fixed frame time.
"""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.engine.game import Game
from game.maps.projection import forward
from game.scenario.catalog import load
from game.ui.app import App
from game.ui.mapview.lenses import LENS_KEYS
from game.ui.mapview.tiles import TILE
from game.ui.scenes.map_scene import MapScene
from game.ui.settings import Settings

DT = 1 / 60


def post(kind: int, **attrs: object) -> None:
    pygame.event.post(pygame.event.Event(kind, **attrs))


def move(pos: tuple[int, int], buttons: tuple[int, int, int] = (0, 0, 0)) -> None:
    post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=buttons)


def click(pos: tuple[int, int]) -> None:
    move(pos)
    post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
    post(pygame.MOUSEBUTTONUP, pos=pos, button=1)


def wheel(y: int) -> None:
    post(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0, precise_y=float(y))


def key(k: int, mod: int = 0) -> None:
    post(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


def frames(app: App, n: int = 1) -> None:
    for _ in range(n):
        app.step(DT)


def screen_of_lonlat(scene: MapScene, lon: float, lat: float) -> tuple[int, int]:
    x, y = forward(lon, lat)
    sx, sy = scene.map.map_to_screen(float(x), -float(y))
    return (round(sx), round(sy))


@pytest.fixture(scope="module")
def world_game() -> Game:
    return Game.new(load("great-powers"))


@pytest.fixture(scope="module")
def tutorial_game() -> Game:
    return Game.new(load("tutorial"))


def open_map(game: Game) -> tuple[App, MapScene]:
    app = App(Settings())
    scene = MapScene(app, game)
    app.push(scene)
    frames(app, 2)
    return app, scene


@pytest.mark.parametrize("scenario", ["great-powers", "tutorial"])
def test_every_lens_is_built_updated_and_drawn(scenario: str) -> None:
    """Keys 1-6 switch lenses; each lens draws a map that is not blank."""
    app, scene = open_map(Game.new(load(scenario)))
    rect = scene.map.rect
    for number, lens_key in enumerate(LENS_KEYS, start=1):
        key(pygame.K_0 + number)
        frames(app, 3)
        assert scene.map.lens_key == lens_key
        assert not scene.map.missing_tiles()
        pixels = pygame.surfarray.array3d(app.window.subsurface(rect))
        assert pixels.std() > 10, f"{scenario}: the {lens_key} lens drew a blank map"


def test_lens_buttons_switch_lens(world_game: Game) -> None:
    import pygame_gui

    app, scene = open_map(world_game)
    button = next(b for b, k in scene._buttons.items() if k == "posture")
    post(pygame_gui.UI_BUTTON_PRESSED, ui_element=button, ui_object_id="#lens_posture")
    frames(app)
    assert scene.map.lens_key == "posture"


def test_wheel_zooms_around_the_pointer(world_game: Game) -> None:
    """Zooming in keeps the map point under the pointer where it was."""
    app, scene = open_map(world_game)
    view = scene.map
    pointer = (view.rect.x + 400, view.rect.y + 250)
    before = view.screen_to_map(*pointer)
    scale = view.scale
    move(pointer)
    wheel(1)
    frames(app)
    assert view.level_index == 1
    assert view.scale == pytest.approx(scale * np.sqrt(2))
    after = view.map_to_screen(*before)
    assert after == pytest.approx(pointer, abs=1.0)
    wheel(1)
    wheel(1)
    frames(app)
    assert view.level_index == 3
    assert view.map_to_screen(*before) == pytest.approx(pointer, abs=1.0)
    wheel(-1)
    frames(app)
    assert view.level_index == 2


def test_zoom_stops_at_the_whole_map(world_game: Game) -> None:
    app, scene = open_map(world_game)
    move(scene.map.rect.center)
    wheel(-1)
    frames(app)
    assert scene.map.level_index == 0


def test_drag_pans_by_the_pointer_movement(world_game: Game) -> None:
    app, scene = open_map(world_game)
    view = scene.map
    move(view.rect.center)
    for _ in range(3):
        wheel(1)
    frames(app)
    start = (view.rect.centerx, view.rect.centery)
    anchor = view.screen_to_map(*start)
    offset = list(view.offset)
    post(pygame.MOUSEBUTTONDOWN, pos=start, button=1)
    for step in range(1, 11):
        move((start[0] - 12 * step, start[1] - 5 * step), buttons=(1, 0, 0))
        frames(app)
    end = (start[0] - 120, start[1] - 50)
    post(pygame.MOUSEBUTTONUP, pos=end, button=1)
    frames(app)
    assert view.offset == pytest.approx([offset[0] + 120, offset[1] + 50])
    # The map point grabbed follows the pointer, and a drag is not a click.
    assert view.map_to_screen(*anchor) == pytest.approx(end, abs=1.0)
    assert view.selected is None


def test_pan_blits_cached_tiles_without_drawing_polygons(world_game: Game) -> None:
    """Switching lens recolours cached tiles and a short pan only blits them: no polygon
    is drawn again for either."""
    app, scene = open_map(world_game)
    view = scene.map
    move(view.rect.center)
    wheel(1)
    made, quiet = -1, 0
    for _ in range(3000):  # until the work ahead (the ring round the view...) is done
        frames(app)
        quiet = quiet + 1 if view.tiles_made == made else 0
        made = view.tiles_made
        if quiet >= 30:
            break
    key(pygame.K_3)
    frames(app, 3)
    assert view.lens_key == "tension"
    assert view.tiles_made == made
    assert not view.missing_tiles()
    view.pan_by(-TILE // 3, 0)
    k = view.level_index
    assert all((k, tx, ty) in view._base for tx, ty in view.visible_tiles())


@pytest.mark.parametrize(
    "lonlat, nation",
    [
        ((-100.0, 40.0), "usa"),
        ((-50.0, -10.0), "bra"),
        ((80.0, 62.0), "rus"),
        ((2.5, 46.5), "eu"),
        ((78.0, 22.0), "ind"),
        ((105.0, 32.0), "chn"),
    ],
)
def test_click_on_a_country_selects_its_nation(
    world_game: Game, lonlat: tuple[float, float], nation: str
) -> None:
    app, scene = open_map(world_game)
    click(screen_of_lonlat(scene, *lonlat))
    frames(app)
    assert scene.map.selected == world_game.state.world.index[nation]


def test_click_on_the_sea_or_unowned_land_clears_the_selection(world_game: Game) -> None:
    app, scene = open_map(world_game)
    click(screen_of_lonlat(scene, -100.0, 40.0))
    frames(app)
    assert scene.map.selected is not None
    click(screen_of_lonlat(scene, -30.0, 10.0))  # the Atlantic
    frames(app)
    assert scene.map.selected is None
    click(screen_of_lonlat(scene, 20.0, 0.0))  # Congo: nobody plays it
    frames(app)
    assert scene.map.selected is None


def test_click_on_a_generated_territory_selects_it(tutorial_game: Game) -> None:
    app, scene = open_map(tutorial_game)
    shapes = scene.shapes
    for i, nid in enumerate(tutorial_game.ids):
        lx, ly = shapes.nation_label[i]
        sx, sy = scene.map.map_to_screen(lx, ly)
        click((round(sx), round(sy)))
        frames(app)
        assert scene.map.selected == i, nid


def test_tab_cycles_nations(tutorial_game: Game) -> None:
    app, scene = open_map(tutorial_game)
    key(pygame.K_TAB)
    frames(app)
    assert scene.map.selected == 0
    key(pygame.K_TAB)
    key(pygame.K_TAB)
    key(pygame.K_TAB)
    frames(app)
    assert scene.map.selected == 0


def test_resize_rebuilds_the_map(world_game: Game) -> None:
    app, scene = open_map(world_game)
    post(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900))
    frames(app, 2)
    assert scene.map.rect.size == (1600, 900 - scene.bar_height())
    assert not scene.map.missing_tiles()


def test_enter_plays_a_turn_in_the_background(tutorial_game: Game) -> None:
    """The AI turn runs off the UI thread; the loop keeps drawing meanwhile."""
    game = Game.new(load("tutorial"))
    app, scene = open_map(game)
    key(pygame.K_RETURN)
    frames(app)
    assert scene.thinking or scene.turns_played == 1
    for _ in range(600):
        if not scene.thinking:
            break
        frames(app)
    assert scene.turns_played == 1
    assert game.turn == 2
    assert scene.facts.turn == 2


REGIONAL = """
id: baltic-region
title: Baltic region
summary: Five neighbours around the Baltic Sea.
turns: 5
map: {type: world}
nations:
  - {id: est, name: Estonia, countries: [EST]}
  - {id: lva, name: Latvia, countries: [LVA]}
  - {id: ltu, name: Lithuania, countries: [LTU]}
  - {id: pol, name: Poland, countries: [POL]}
  - {id: fin, name: Finland, countries: [FIN]}
"""


def test_a_regional_world_scenario_opens_on_its_region(world_game: Game) -> None:
    """A world-map scenario whose nations share one region opens zoomed on it, every
    nation on screen; Home comes back there; zooming out reaches the whole globe. A
    scenario spread over the globe opens on the whole map."""
    from game.scenario import load_scenario_text

    _, spread = open_map(world_game)
    assert spread.map.level_index == 0
    app, scene = open_map(Game.new(load_scenario_text(REGIONAL, "baltic.yaml")))
    m = scene.map
    home = m.level_index
    assert home >= 3, "zoomed in on the Baltic"
    for i in range(5):
        x, y = m.map_to_screen(*m.shapes.nation_capital[i])
        assert m.rect.collidepoint(x, y), scene.game.ids[i]
    move(m.rect.center)
    for _ in range(home):
        wheel(-1)
        frames(app)
    assert m.level_index == 0, "the whole globe is still there"
    key(pygame.K_HOME)
    frames(app)
    assert m.level_index == home

"""The front end through real events: main menu, scenario browser, new-game setup, load,
settings and the F1 controls card (game/ui/scenes/*).

Every test drives the real :class:`App` with events posted to pygame's queue and fixed
frame times; user folders are temporary (see conftest).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pygame
import pytest
from uidrive import DT, choose, clear_field, click, key, non_blank, steps, type_text

from game.engine.game import Game
from game.engine.saves import _checksum
from game.scenario.catalog import bundled_paths
from game.scenario.loader import check_file, load_scenario
from game.ui.app import App
from game.ui.savefiles import autosave_now, list_saves, save_as, saves_dir
from game.ui.scenes.browser import ScenarioBrowserScene, first_error
from game.ui.scenes.cyberpedia import CyberpediaScene
from game.ui.scenes.help_overlay import HelpOverlay
from game.ui.scenes.load_game import LoadGameScene
from game.ui.scenes.main_menu import MainMenuScene
from game.ui.scenes.new_game import NewGameScene
from game.ui.scenes.settings_scene import SettingsScene
from game.ui.settings import Settings, settings_path

DATA = Path(__file__).resolve().parent / "data"
TUTORIAL = next(p for p in bundled_paths() if p.stem == "tutorial")


@pytest.fixture
def app() -> App:
    made = App(Settings())
    made.running = True
    yield made
    made.scenes.clear()


def game_scene_types() -> tuple[type, ...]:
    from game.ui.scenes.map_scene import MapScene

    try:
        from game.ui.scenes.game_scene import GameScene
    except ImportError:
        return (MapScene,)
    return (GameScene, MapScene)


def game_scene(app: App) -> object:
    """The game screen: right over the main menu (it may have pushed a hand-off or a
    briefing of its own on top)."""
    found = [s for s in app.scenes if isinstance(s, game_scene_types())]
    assert found, f"no game screen in {[type(s).__name__ for s in app.scenes]}"
    return found[0]


def the_game(scene: object) -> Game:
    game = getattr(scene, "game", None)
    assert isinstance(game, Game), f"{type(scene).__name__} has no game"
    return game


def menu(app: App) -> MainMenuScene:
    scene = app.push(MainMenuScene(app))
    steps(app, 2)
    assert isinstance(scene, MainMenuScene)
    return scene


# --------------------------------------------------------------------------- every scene


def test_every_front_scene_builds_updates_and_draws(app: App) -> None:
    scenario = load_scenario(TUTORIAL)
    makers = [
        lambda: MainMenuScene(app),
        lambda: ScenarioBrowserScene(app),
        lambda: NewGameScene(app, scenario, TUTORIAL),
        lambda: LoadGameScene(app),
        lambda: SettingsScene(app),
        lambda: CyberpediaScene(app, "attribution"),
    ]
    for make in makers:
        scene = app.push(make())
        steps(app, 3)
        assert app.scenes.top is scene
        assert non_blank(app.window), type(scene).__name__
        # A bigger window and a bigger interface: everything is laid out again.
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
        steps(app, 1)
        app.set_ui_scale(1.5)
        steps(app, 2)
        assert non_blank(app.window)
        app.set_ui_scale(1.0)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1280, h=720, size=(1280, 720)))
        steps(app, 1)
        app.scenes.pop()
    # The controls card is see-through: the menu is drawn under it.
    under = app.push(MainMenuScene(app))
    card = app.push(HelpOverlay(app))
    steps(app, 2)
    assert app.scenes.visible() == [under, card]
    assert non_blank(app.window)


# --------------------------------------------------------------------------- main menu


def test_main_menu_by_keyboard(app: App) -> None:
    scene = menu(app)
    # No saves: Continue is disabled and the focus starts on New game.
    assert not scene.button("continue").enabled
    assert "No saved game" in scene.button("continue").hint
    assert scene.focus.key == "new"
    key(app, pygame.K_DOWN, frames=1)  # skips the disabled Continue
    assert scene.focus.key == "load"
    key(app, pygame.K_RETURN, frames=2)
    assert isinstance(app.scenes.top, LoadGameScene)
    key(app, pygame.K_ESCAPE, frames=2)
    assert app.scenes.top is scene
    key(app, pygame.K_DOWN, frames=1)
    key(app, pygame.K_DOWN, frames=1)
    assert scene.focus.key == "cyberpedia"
    key(app, pygame.K_RETURN, frames=2)
    assert isinstance(app.scenes.top, CyberpediaScene)
    key(app, pygame.K_ESCAPE, frames=2)
    key(app, pygame.K_UP, frames=1)
    key(app, pygame.K_UP, frames=1)
    key(app, pygame.K_UP, frames=1)
    assert scene.focus.key == "new"
    key(app, pygame.K_RETURN, frames=2)
    assert isinstance(app.scenes.top, ScenarioBrowserScene)
    key(app, pygame.K_ESCAPE, frames=2)
    assert app.scenes.top is scene
    key(app, pygame.K_F1, frames=2)
    assert isinstance(app.scenes.top, HelpOverlay)
    key(app, pygame.K_F1, frames=2)
    assert app.scenes.top is scene
    # Esc goes to Quit; Esc again quits.
    key(app, pygame.K_ESCAPE, frames=1)
    assert scene.focus.key == "quit" and app.running
    key(app, pygame.K_ESCAPE, frames=1)
    assert not app.running and app.exit_code == 0


@pytest.mark.parametrize("frames", [0, 1, 3])
def test_the_world_map_shows_under_an_overlay_opened_at_once(
    app: App, monkeypatch: pytest.MonkeyPatch, frames: int
) -> None:
    """F1 before the menu's world map is made (it comes after the first frame, then fades
    in) or while it fades in: the overlay shows the whole map beneath, not a blank or
    half-veiled screen until it closes."""
    from game.ui.scenes import frontend

    # A fresh process: the map behind the menus is not made yet.
    for cache in ("_BASE", "_BACKDROPS", "_DIMMED"):
        monkeypatch.setattr(frontend, cache, {})
    app.push(MainMenuScene(app))
    steps(app, frames)
    key(app, pygame.K_F1)
    steps(app, 30)
    card = app.scenes.top
    assert isinstance(card, HelpOverlay)
    w, h = app.size
    beside = app.window.subsurface(pygame.Rect(card.card.right, 0, w - card.card.right, h))
    small = pygame.transform.scale(beside, (32, 64))
    colours = {small.get_at((x, y))[:3] for x in range(32) for y in range(64)}
    assert len(colours) > 30, f"{len(colours)} colours: the world map is not drawn"


def test_main_menu_by_mouse(app: App) -> None:
    scene = menu(app)
    click(app, scene.button("settings").rect)
    assert isinstance(app.scenes.top, SettingsScene)
    click(app, app.scenes.top.button("back").rect)
    assert app.scenes.top is scene
    # A click on the disabled Continue says why instead of doing anything.
    click(app, scene.button("continue").rect)
    assert app.scenes.top is scene
    assert scene.message and "No saved game" in scene.message[0]
    click(app, scene.button("cyberpedia").rect)
    assert isinstance(app.scenes.top, CyberpediaScene)
    click(app, app.scenes.top.button("back").rect)
    click(app, scene.button("quit").rect)
    assert not app.running


def test_continue_opens_the_latest_save(app: App) -> None:
    scenario = load_scenario(TUTORIAL)
    older = Game.new(scenario, 5)
    save_as(older, "older")
    newer = Game.new(scenario, 9)
    path = save_as(newer, "newer")
    # Same second: make the order of the two certain.
    data = json.loads(path.read_text())
    data["saved_at"] = "2999-01-01T00:00:00+00:00"
    data["checksum"] = _checksum(data)
    path.write_text(json.dumps(data))
    scene = menu(app)
    cont = scene.button("continue")
    assert cont.enabled and scenario.title in cont.hint
    assert scene.focus.key == "continue"
    key(app, pygame.K_RETURN, frames=2)
    top = game_scene(app)
    assert the_game(top).seed == 9
    # The game sits on the main menu: leaving it comes back there.
    assert list(app.scenes)[:2] == [scene, top]


# --------------------------------------------------------------------------- new game


def open_browser(app: App) -> ScenarioBrowserScene:
    scene = menu(app)
    click(app, scene.button("new").rect)
    browser = app.scenes.top
    assert isinstance(browser, ScenarioBrowserScene)
    steps(app, 3)  # the thumbnail is drawn on the frame after its placeholder
    return browser


def test_new_game_from_browser_and_setup_reaches_the_game(app: App) -> None:
    browser = open_browser(app)
    assert browser.current.path == TUTORIAL  # the tutorial comes first
    # The details: nations in their map colours (from the cached thumbnail).
    thumb = browser._detail
    assert thumb is not None and thumb[0][-1], "the thumbnail was made and shown"
    click(app, browser.button("setup").rect)
    setup = app.scenes.top
    assert isinstance(setup, NewGameScene)
    scenario = setup.scenario
    ids = [n.id for n in scenario.nations]
    assert setup.seats[ids[0]]["controller"] == "human"  # the scenario's default
    # Borealis becomes a second human (hot-seat); Austral an aggressive, hard AI.
    click(app, setup.button(f"human:{ids[1]}").rect)
    menus = {v: k for k, v in setup.widgets.items()}
    choose(app, menus[(ids[2], "personality")], "aggressive")
    choose(app, {v: k for k, v in setup.widgets.items()}[(ids[2], "difficulty")], "hard")
    assert setup.seats[ids[2]] == {
        "controller": "ai",
        "personality": "aggressive",
        "difficulty": "hard",
    }
    clear_field(app, setup.seed_entry)
    type_text(app, "4242")
    click(app, setup.button("start").rect, frames=3)
    top = game_scene(app)
    game = the_game(top)
    assert game.seed == 4242
    assert game.seats[ids[0]].controller == "human"
    assert game.seats[ids[1]].controller == "human"
    assert (
        game.seats[ids[2]].controller,
        game.seats[ids[2]].personality,
        game.seats[ids[2]].difficulty,
    ) == ("ai", "aggressive", "hard")
    assert not game.has_facilitator_pin
    # Browser and setup are closed: the game sits on the main menu.
    assert [type(s) for s in app.scenes][:2] == [MainMenuScene, type(top)]


def test_setup_refuses_bad_input_inline(app: App) -> None:
    scenario = load_scenario(TUTORIAL)
    app.push(MainMenuScene(app))
    setup = app.push(NewGameScene(app, scenario, TUTORIAL))
    steps(app, 2)
    clear_field(app, setup.seed_entry)
    click(app, setup.button("start").rect)
    assert app.scenes.top is setup
    assert setup.message and setup.message[1] == "error" and "seed" in setup.message[0]
    assert setup.seed_error
    # Random gives a valid seed and clears the complaint.
    click(app, setup.button("random").rect)
    assert setup.seed_entry.get_text().isdigit() and setup.seed_error is None
    # Facilitator mode with a PIN that is too short, then a good one.
    click(app, setup.button("facilitator").rect)
    assert setup.facilitator and setup.pin_entry.is_enabled
    click(app, setup.pin_entry.get_abs_rect().center)
    type_text(app, "12")
    key(app, pygame.K_RETURN, frames=2)  # Enter in a field starts, or says what is wrong
    assert app.scenes.top is setup and setup.pin_error and "PIN" in setup.message[0]
    type_text(app, "34")
    # Spectator: no human at all is allowed.
    click(app, setup.button("all_ai").rect)
    assert setup.button("start").label == "Watch the game"
    click(app, setup.button("start").rect, frames=3)
    top = game_scene(app)
    game = the_game(top)
    assert game.check_facilitator_pin("1234") and not game.check_facilitator_pin("4321")
    assert "1234" not in str(game.meta)  # only a salted hash is kept
    assert game.humans() == []
    if hasattr(top, "facilitator"):
        assert top.facilitator is True


def test_setup_pages_through_many_nations(app: App) -> None:
    great = load_scenario(next(p for p in bundled_paths() if p.stem == "great-powers"))
    setup = app.push(NewGameScene(app, great, None))
    steps(app, 2)
    per = setup.per_page()
    assert per < len(great.nations)
    last = great.nations[-1].id
    assert setup.button(f"human:{last}") is None
    click(app, setup.button("next").rect)
    click(app, setup.button(f"human:{last}").rect)
    assert setup.seats[last]["controller"] == "human"
    assert setup.make_seats()[last].controller == "human"


def test_invalid_user_scenario_is_listed_with_its_error_and_cannot_start(
    app: App, tmp_path: Path
) -> None:
    folder = tmp_path / "my scenarios"
    folder.mkdir()
    shutil.copy(TUTORIAL, folder / "mine.yaml")
    broken = DATA / "broken" / "missing-required-key.yaml"
    shutil.copy(broken, folder / "broken.yaml")
    (folder / "notes.txt").write_text("not a scenario")
    browser = open_browser(app)
    click(app, browser.folder_entry.get_abs_rect().center)
    type_text(app, str(folder))
    key(app, pygame.K_RETURN, frames=3)
    by_name = {i.path.name: i for i in browser.user}
    assert set(by_name) == {"mine.yaml", "broken.yaml"}
    bad = by_name["broken.yaml"]
    _, diagnostics = check_file(folder / "broken.yaml")
    assert not bad.ok and bad.error == first_error(diagnostics, folder / "broken.yaml")
    assert bad.error.startswith("broken.yaml:") and "error" in bad.error
    # Its row, clicked: the details explain, and Set up is disabled.
    row = next(i for i, r in enumerate(browser.list.rows) if r.item == bad)
    browser.list.reveal(row)
    click(app, browser.list.row_rect(row))
    assert browser.current == bad
    assert not browser.button("setup").enabled
    key(app, pygame.K_RETURN, frames=2)
    click(app, browser.button("setup").rect)
    assert app.scenes.top is browser
    # The good one in the same folder starts.
    row = next(i for i, r in enumerate(browser.list.rows) if r.item == by_name["mine.yaml"])
    browser.list.reveal(row)
    click(app, browser.list.row_rect(row))
    assert browser.button("setup").enabled
    # The folder is remembered in the settings file.
    saved = Settings.load()
    assert saved.scenario_folder == str(folder)
    assert saved.recent_scenario_folders[0] == str(folder)
    # ...and scanned again the next time the browser opens.
    again = app.push(ScenarioBrowserScene(app))
    steps(app, 1)
    assert {i.path.name for i in again.user} == {"mine.yaml", "broken.yaml"}


def test_a_folder_that_does_not_exist_is_said(app: App, tmp_path: Path) -> None:
    browser = open_browser(app)
    click(app, browser.folder_entry.get_abs_rect().center)
    type_text(app, str(tmp_path / "nowhere"))
    click(app, browser.button("scan").rect)
    assert browser.user == [] and browser.folder_problem
    assert "No such folder" in browser.message[0]
    assert Settings.load().scenario_folder == ""


# --------------------------------------------------------------------------- load game


def test_load_screen_lists_saves_and_loads_one(app: App) -> None:
    from game.ai.driver import play_ai_turn

    scenario = load_scenario(TUTORIAL)
    game = Game.new(scenario, 3)
    play_ai_turn(game, all_ai=True)
    save_as(game, "after one turn")
    autosave_now(game)
    menu_scene = menu(app)
    click(app, menu_scene.button("load").rect)
    screen = app.scenes.top
    assert isinstance(screen, LoadGameScene)
    entries = screen.list.items
    assert len(entries) == 2
    assert {e.autosave for e in entries} == {True, False}
    assert all(
        e.title == scenario.title and e.turn == 2 and e.turns == scenario.turns for e in entries
    )
    assert screen.current is entries[0] and not entries[0].autosave
    key(app, pygame.K_RETURN, frames=3)
    top = game_scene(app)
    loaded = the_game(top)
    assert loaded.turn == 2 and loaded.hashes() == game.hashes()
    assert list(app.scenes)[:2] == [menu_scene, top]


def test_broken_saves_are_listed_and_refused_with_their_message(app: App) -> None:
    scenario = load_scenario(TUTORIAL)
    from game.ai.driver import play_ai_turn

    game = Game.new(scenario, 3)
    play_ai_turn(game, all_ai=True)
    good = save_as(game, "good")
    folder = saves_dir()
    (folder / "truncated.json").write_bytes(good.read_bytes()[:200])
    # A save whose envelope is fine but whose replay does not match: listed, and
    # refused only when loading, with the loader's one line.
    tampered = json.loads(good.read_text())
    tampered["turns"][0]["hash"] = "0" * len(tampered["turns"][0]["hash"])
    tampered["saved_at"] = "2999-01-01T00:00:00+00:00"
    tampered["checksum"] = _checksum(tampered)
    (folder / "tampered.json").write_text(json.dumps(tampered))
    good.unlink()
    screen = app.push(LoadGameScene(app))
    steps(app, 2)
    entries = {e.path.name: e for e in screen.list.items}
    assert set(entries) == {"truncated.json", "tampered.json"}
    truncated = entries["truncated.json"]
    assert truncated.problem and "truncated" in truncated.problem
    # The broken one: Load is disabled, and Enter says why.
    screen.list.select_item(truncated)
    steps(app, 1)
    assert not screen.button("load").enabled
    key(app, pygame.K_RETURN, frames=2)
    click(app, screen.button("load").rect)
    assert app.scenes.top is screen
    # The tampered one: loading fails and says so in one line. From then on it is shown
    # like any save that cannot be loaded: the whole reason in the details panel (the
    # footer has room for only the start of it), Load and Debrief disabled.
    screen.list.select_item(entries["tampered.json"])
    steps(app, 1)
    assert screen.button("load").enabled
    click(app, screen.button("load").rect, frames=3)
    assert app.scenes.top is screen
    assert screen.message and screen.message[1] == "error"
    assert "\n" not in screen.message[0] and "tampered.json" in screen.message[0]
    refused = screen.current
    assert refused.path.name == "tampered.json" and "turn 1" in refused.problem
    assert not screen.button("load").enabled and not screen.button("debrief").enabled
    # Nothing was changed on disk.
    assert {e.path.name for e in list_saves()} == {"truncated.json", "tampered.json"}


# --------------------------------------------------------------------------- settings


def test_settings_apply_at_once_and_persist(app: App) -> None:
    screen = app.push(SettingsScene(app))
    steps(app, 2)
    click(app, screen.button("colourblind").rect)
    assert app.settings.colourblind_safe
    assert Settings.load().colourblind_safe
    click(app, screen.button("speed:2.0").rect)
    assert app.settings.animation_speed == 2.0 == Settings.load().animation_speed
    menus = {v: k for k, v in screen.widgets.items()}
    choose(app, menus["scale"], "125%")
    # (a 1280x720 window holds 120%: the screens are drawn at that until it grows)
    assert app.settings.ui_scale == 1.25 and app.fonts.scale == app.ui_scale == 1.2
    assert Settings.load().ui_scale == 1.25
    steps(app, 2)
    menus = {v: k for k, v in screen.widgets.items()}  # rebuilt at the new scale
    choose(app, menus["window"], "1600 × 900")
    assert app.size == (1600, 900)
    assert app.fonts.scale == app.ui_scale == 1.25
    assert Settings.load().window_size == (1600, 900)
    assert screen.message and screen.message[1] == "ok"
    raw = json.loads(settings_path().read_text())
    assert raw["ui_scale"] == 1.25 and raw["colourblind_safe"] is True
    # Restore defaults: back to the defaults, and saved.
    click(app, screen.button("defaults").rect, frames=3)
    assert Settings.load() == Settings()
    assert app.size == Settings().window_size and app.settings.ui_scale == 1.0


def test_fullscreen_toggle_is_saved(app: App) -> None:
    screen = app.push(SettingsScene(app))
    steps(app, 2)
    click(app, screen.button("fullscreen").rect, frames=2)
    assert app.settings.fullscreen and Settings.load().fullscreen
    click(app, screen.button("fullscreen").rect, frames=2)
    assert not app.settings.fullscreen and not Settings.load().fullscreen


def test_recent_scenario_folders_are_newest_first_unique_and_capped() -> None:
    from game.ui.settings import RECENT_FOLDERS

    s = Settings()
    for i in range(RECENT_FOLDERS + 3):
        s.remember_scenario_folder(f"/f{i}")
    s.remember_scenario_folder("/f4")
    assert s.scenario_folder == "/f4"
    assert s.recent_scenario_folders[0] == "/f4"
    assert len(s.recent_scenario_folders) == RECENT_FOLDERS
    assert len(set(s.recent_scenario_folders)) == RECENT_FOLDERS
    s.save()
    assert Settings.load().recent_scenario_folders == s.recent_scenario_folders


def test_a_corrupt_settings_file_does_not_crash_the_menus() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '{"ui_scale": "huge", "scenario_folder": 7, "recent_scenario_folders": '
        '[1, 2], "window_size": [1280'
    )
    app = App(Settings.load())
    app.running = True
    try:
        scene = app.push(MainMenuScene(app))
        steps(app, 2)
        click(app, scene.button("settings").rect)
        screen = app.scenes.top
        assert isinstance(screen, SettingsScene)
        click(app, screen.button("colourblind").rect)
        assert json.loads(path.read_text())["colourblind_safe"] is True
        # Wrong types field by field fall back to the defaults.
        path.write_text(
            json.dumps({"scenario_folder": 7, "recent_scenario_folders": "x", "ui_scale": 1.5})
        )
        loaded = Settings.load()
        assert loaded.scenario_folder == "" and loaded.recent_scenario_folders == ()
        assert loaded.ui_scale == 1.5
        browser = app.push(ScenarioBrowserScene(app))
        app.step(DT)
        assert browser.user == []
    finally:
        app.scenes.clear()


@pytest.mark.parametrize(
    ("size", "scale", "tagline"),
    [((1280, 720), 1.0, True), ((1280, 720), 1.5, False), ((1920, 1080), 2.0, False)],
)
def test_every_main_menu_item_sits_above_the_footer_at_any_ui_scale(
    size: tuple[int, int], scale: float, tagline: bool
) -> None:
    """At 150% in a 720-pixel window the title block did not fit: Cyberpedia and Quit
    were drawn under the footer's key hints and off the window. The tagline then goes
    and the rows close up; with room, the menu is as it was."""
    from game.ui.settings import Settings

    app = App(Settings(window_size=size, ui_scale=scale), size=size)
    app.running = True
    try:
        scene = app.push(MainMenuScene(app))
        steps(app, 2)
        footer = app.size[1] - scene.px(34)
        bottoms = [scene.button(key).rect.bottom for key in ("new", "quit")]
        assert max(bottoms) <= footer, (bottoms, footer)
        assert scene.metrics()[2] is tagline
    finally:
        app.scenes.clear()


def test_a_ui_scale_the_window_cannot_hold_is_reduced_to_what_it_holds() -> None:
    """Every screen is laid out for at least 1024x600 pixels at scale 1: 150% in a
    1280x720 window would leave 853x480, and controls fell off the screens. The window
    then shows 120% (and says so in the settings); a larger window shows the 150%."""
    from game.ui.app import fitted_scale

    assert fitted_scale(1.5, (1280, 720)) == pytest.approx(1.2)
    assert fitted_scale(1.5, (1920, 1080)) == 1.5
    assert fitted_scale(2.0, (1920, 1080)) == pytest.approx(1.8)
    assert fitted_scale(1.25, (1024, 600)) == 1.0
    assert fitted_scale(0.75, (1024, 600)) == 0.75
    app = App(Settings(window_size=(1280, 720), ui_scale=1.5), size=(1280, 720))
    try:
        screen = app.push(SettingsScene(app))
        steps(app, 2)
        assert app.fonts.scale == pytest.approx(1.2)
        drawn = [key[0] for key in screen.texts._cache if isinstance(key[0], str)]
        assert any(text.startswith("This window shows 120%") for text in drawn), drawn
    finally:
        app.scenes.clear()

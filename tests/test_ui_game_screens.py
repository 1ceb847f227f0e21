"""The screenshots of the game screens in ``docs/images``, made by the real code.

Each test plays its way to a screen with real events through the real app and saves the
window. By default the pictures go to a temporary folder and the test checks that the
screen shows what it should; with ``CYBERDIP_SCREENSHOTS=docs/images`` they replace the
documentation's pictures::

    CYBERDIP_SCREENSHOTS=docs/images python -m pytest tests/test_ui_game_screens.py
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from uidrive import click, key, post, screenshot_folder, shoot, spot, steps, until

from game.ai.driver import play_ai_turn
from game.engine.game import Game, Seat
from game.scenario.catalog import load
from game.ui.app import App
from game.ui.scenes.confirm import ConfirmDialog
from game.ui.scenes.end_screen import EndScreen
from game.ui.scenes.game_scene import GameScene
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.turn_report import TurnReportScene
from game.ui.settings import Settings


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return screenshot_folder(tmp_path)


@pytest.fixture
def app() -> App:
    return App(Settings(), size=(1280, 720))


def point(app: App, pos: tuple[int, int]) -> None:
    post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    steps(app, 30)  # the tooltip shows after the pointer rests


def settle(app: App, scene: GameScene) -> None:
    """Every map tile made, the pointer away from tooltips, a few frames run."""
    scene.map.prepare()
    steps(app, 3)


def open_game(app: App, game: Game) -> GameScene:
    """The game screen of a game carried on, past the last turn's report it opens on."""
    scene = GameScene(app, game)
    app.push(scene)
    steps(app, 3)
    if isinstance(app.scenes.top, TurnReportScene):
        key(app, pygame.K_RETURN)
    assert app.scenes.top is scene
    return scene


def great_powers(turns: int) -> Game:
    game = Game.new(load("great-powers"), seats={"usa": Seat("human", "reciprocal", "normal")})
    for _ in range(turns):
        play_ai_turn(game, all_ai=True)
    return game


def capital(scene: GameScene, nation: int) -> tuple[int, int]:
    cx, cy = scene.shapes.nation_capital[nation]
    for dx, dy in ((0, 3), (3, 0), (-3, 0), (0, -3), (0, 0)):
        x, y = scene.map.map_to_screen(cx + dx, cy + dy)
        if scene.map.nation_at((x, y)) == nation:
            return (round(x), round(y))
    x, y = scene.map.map_to_screen(cx, cy)
    return (round(x), round(y))


def test_game_map(app: App, out: Path) -> None:
    scene = open_game(app, great_powers(3))
    settle(app, scene)
    assert scene.map.lens_key == "political" and scene.tab == "nation"
    assert scene.kit.rendered("Your capabilities")
    shoot(app, out, "game-map.png")


def test_game_trust(app: App, out: Path) -> None:
    scene = open_game(app, great_powers(8))
    eu = scene.game.ids.index("eu")
    click(app, capital(scene, eu))
    key(app, pygame.K_2)
    assert scene.selected == eu and scene.map.lens_key == "trust"
    settle(app, scene)
    reasons = scene.view.explain_trust(eu).reasons
    assert len(reasons) >= 4
    assert scene.kit.rendered(reasons[0].label[1:])
    shoot(app, out, "game-trust.png")


def test_orders(app: App, out: Path) -> None:
    scene = open_game(app, great_powers(3))
    chn = scene.game.ids.index("chn")
    click(app, capital(scene, chn))
    click(app, spot(scene, "tab:orders"))
    click(app, spot(scene, "kind:talks"))
    click(app, spot(scene, "orders:confirm"))
    click(app, spot(scene, "invest:defense:+"))
    click(app, spot(scene, "invest:defense:+"))
    click(app, spot(scene, "kind:propose_hotline"))
    spot(scene, "target:kind=propose_hotline|nation=usa|target=rus")
    settle(app, scene)
    grey = next(
        s
        for s in scene.pointer.spots
        if s.id == "target:kind=propose_hotline|nation=usa|target=rus"
    )
    assert not grey.enabled and grey.tip is not None and "hotline" in grey.tip.text
    assert scene.kit.rendered("we already have a hotline with them")  # the reason, inline
    assert scene.book is not None and len(scene.book.orders()) == 2
    shoot(app, out, "orders.png")


def test_turn_report(app: App, out: Path) -> None:
    scene = open_game(app, great_powers(7))
    scene.stage_action("talks", "rus")
    click(app, spot(scene, "orders:confirm"))
    key(app, pygame.K_RETURN)
    assert isinstance(app.scenes.top, ConfirmDialog)
    key(app, pygame.K_RETURN)
    until(app, lambda: isinstance(app.scenes.top, TurnReportScene), "the report")
    settle(app, scene)
    report = app.scenes.top
    assert isinstance(report, TurnReportScene) and report.report.trust_changes
    shoot(app, out, "turn-report.png")


def test_handoff(app: App, out: Path) -> None:
    seats = {n: Seat("human", "reciprocal", "normal") for n in ("meridia", "borealis")}
    scene = GameScene(app, Game.new(load("tutorial"), seats=seats))
    app.push(scene)
    steps(app, 2)
    key(app, pygame.K_RETURN)  # Meridia's team is at the screen
    key(app, pygame.K_RETURN)  # reads its briefing
    key(app, pygame.K_RETURN)  # ends its turn...
    key(app, pygame.K_RETURN)  # ...with its slots unused
    handoff = app.scenes.top
    assert isinstance(handoff, HandoffScene) and handoff.nation == "Borealis"
    assert scene not in app.scenes.visible()
    steps(app, 3)
    shoot(app, out, "handoff.png")


def test_end_screen(app: App, out: Path) -> None:
    game = great_powers(14)
    scene = open_game(app, game)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    until(app, lambda: isinstance(app.scenes.top, TurnReportScene), "the report")
    key(app, pygame.K_RETURN)
    end = app.scenes.top
    assert isinstance(end, EndScreen) and game.over
    settle(app, scene)
    winner = end.result.ranking[0]
    point(app, spot(end, f"end:row:{winner}").center)
    shoot(app, out, "end-screen.png")

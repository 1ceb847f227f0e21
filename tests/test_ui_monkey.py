"""A monkey test: many random events across every scene, through the real app loop.

Mouse moves, clicks, wheel turns, keys of the game's key set and random letters, and
window resizes, posted as real pygame events into the real queue and taken by
``App.step`` with a fixed ``dt`` — over the game screen in every phase (planning,
hot-seat hand-offs, reports, choices, menus, dialogs, the end) and over the menus' own
screens when they are there. Nothing may raise. Whenever the stack runs empty (the
monkey quit the game) a fresh scene is pushed. Seeded, so a failure reproduces.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pygame

from game.engine.game import Game, Seat
from game.scenario.catalog import load
from game.ui.app import App
from game.ui.panels import links
from game.ui.scene import Scene
from game.ui.settings import Settings

DT = 1 / 60
EVENTS = 10_000
PER_FRAME = 6
SEED = 20_261_126

GAME_KEYS = (
    pygame.K_RETURN,
    pygame.K_KP_ENTER,
    pygame.K_ESCAPE,
    pygame.K_1,
    pygame.K_2,
    pygame.K_3,
    pygame.K_4,
    pygame.K_5,
    pygame.K_6,
    pygame.K_TAB,
    pygame.K_F1,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_PLUS,
    pygame.K_MINUS,
    pygame.K_HOME,
    pygame.K_SPACE,
    pygame.K_BACKSPACE,
    pygame.K_PAGEDOWN,
    pygame.K_PAGEUP,
)
CTRL_KEYS = (pygame.K_z, pygame.K_s)
LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _factories(app: App) -> list[tuple[str, Callable[[], Scene]]]:
    from game.ai.driver import play_ai_turn
    from game.ui.scenes.choice_dialog import ChoiceDialog
    from game.ui.scenes.end_screen import EndScreen
    from game.ui.scenes.game_scene import GameScene
    from game.ui.scenes.handoff import HandoffScene

    def hot_seat() -> Scene:
        seats = {n: Seat("human", "reciprocal", "normal") for n in ("meridia", "borealis")}
        return GameScene(app, Game.new(load("tutorial"), seats=seats))

    def last_turn() -> Scene:
        game = Game.new(load("tutorial"))
        while game.turn < game.state.last_turn:
            play_ai_turn(game, all_ai=True)
        return GameScene(app, game)

    def choices() -> Scene:
        human = {"kestrel": Seat("human", "reciprocal", "normal")}
        return GameScene(app, Game.new(load("archipelago"), seats=human))

    def end_screen() -> Scene:
        game = Game.new(load("arms-race"))
        while not game.over:
            play_ai_turn(game, all_ai=True)
        return EndScreen(app, game, [(200, 120, 40)] * game.state.world.n)

    def choice_dialog() -> Scene:
        event = next(e for e in load("archipelago").events if e.choice is not None)
        return ChoiceDialog(app, event, None, lambda option: None)

    out: list[tuple[str, Callable[[], Scene]]] = [
        ("game", lambda: GameScene(app, Game.new(load("tutorial")))),
        ("hot-seat", hot_seat),
        ("last turn", last_turn),
        ("choices", choices),
        ("spectator", lambda: GameScene(app, Game.new(load("norms-summit")))),
        ("hand-off", lambda: HandoffScene(app, "Borealis", (86, 180, 233), turn=3, last_turn=8)),
        ("end screen", end_screen),
        ("choice", choice_dialog),
    ]
    for name, where in (
        ("main menu", links.MAIN_MENU),
        ("settings", links.SETTINGS),
        ("load", links.LOAD),
        ("cyberpedia", links.CYBERPEDIA),
        ("help", links.HELP),
        ("browser", ("game.ui.scenes.browser", "ScenarioBrowserScene")),
    ):
        cls = links.find(where)
        if cls is not None:
            out.append((name, lambda cls=cls: cls(app)))
    return out


def _random_event(rng: np.random.Generator, size: tuple[int, int]) -> pygame.event.Event:
    w, h = size
    pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
    roll = rng.random()
    if roll < 0.30:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    if roll < 0.52:
        button = 1 if rng.random() < 0.85 else int(rng.integers(2, 4))
        kind = pygame.MOUSEBUTTONDOWN if rng.random() < 0.5 else pygame.MOUSEBUTTONUP
        return pygame.event.Event(kind, pos=pos, button=button)
    if roll < 0.60:
        return pygame.event.Event(
            pygame.MOUSEWHEEL,
            x=0,
            y=int(rng.choice([-1, 1])),
            flipped=False,
            precise_x=0.0,
            precise_y=0.0,
        )
    if roll < 0.84:
        k = int(rng.choice(GAME_KEYS))
        return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)
    if roll < 0.88:
        k = int(rng.choice(CTRL_KEYS))
        return pygame.event.Event(
            pygame.KEYDOWN, key=k, mod=pygame.KMOD_CTRL, unicode="", scancode=0
        )
    if roll < 0.995:
        ch = str(rng.choice(list(LETTERS)))
        if rng.random() < 0.5:
            return pygame.event.Event(pygame.TEXTINPUT, text=ch)
        return pygame.event.Event(pygame.KEYDOWN, key=ord(ch), mod=0, unicode=ch, scancode=0)
    nw = int(rng.integers(1024, 1921))
    nh = int(rng.integers(600, 1081))
    return pygame.event.Event(pygame.VIDEORESIZE, w=nw, h=nh, size=(nw, nh))


def test_ten_thousand_random_events_across_every_scene() -> None:
    rng = np.random.default_rng(SEED)
    app = App(Settings())
    factories = _factories(app)
    per_scene = EVENTS // len(factories) + 1
    posted = 0
    visited: dict[str, set[str]] = {}
    for name, make in factories:
        app.scenes.clear()
        app.push(make())
        app.step(DT)
        seen = visited.setdefault(name, set())
        done = 0
        while done < per_scene:
            if app.scenes.top is None:
                app.push(make())  # the monkey left; come back in
            for _ in range(PER_FRAME):
                pygame.event.post(_random_event(rng, app.size))
            done += PER_FRAME
            app.step(DT)
            seen.add(type(app.scenes.top).__name__ if app.scenes.top else "-")
        posted += done
        # Let a turn the monkey started finish, so no thread outlives its scene's game.
        deadline = time.perf_counter() + 20
        while any(getattr(s, "thinking", False) for s in app.scenes):
            app.step(DT)
            if time.perf_counter() > deadline:
                break
    app.close()
    assert posted >= EVENTS
    reached = set().union(*visited.values())
    # The monkey got round the game's own screens, not just the first one.
    assert {"GameScene", "IngameMenu"} <= reached, reached

"""The app shell: window, one frame, the scene stack, events through the real queue."""

from __future__ import annotations

import pygame
import pytest

from game.ui.app import App
from game.ui.scene import Scene, SceneStack
from game.ui.settings import MIN_WINDOW, Settings

DT = 1 / 60


class Recorder(Scene):
    """A scene that remembers what happened to it."""

    def __init__(self, app: App, name: str, opaque: bool = True) -> None:
        super().__init__(app)
        self.name = name
        self.opaque = opaque
        self.log: list[str] = []
        self.events: list[int] = []
        self.updates = 0
        self.draws = 0

    def on_enter(self) -> None:
        self.log.append("enter")

    def on_exit(self) -> None:
        super().on_exit()
        self.log.append("exit")

    def on_cover(self) -> None:
        super().on_cover()
        self.log.append("cover")

    def on_uncover(self) -> None:
        super().on_uncover()
        self.log.append("uncover")

    def process_event(self, event: pygame.event.Event) -> bool:
        self.events.append(event.type)
        return True

    def update(self, dt: float) -> None:
        self.updates += 1

    def draw(self, surface: pygame.Surface) -> None:
        self.draws += 1
        surface.fill((200, 30, 30), (0, 0, 50, 50))


@pytest.fixture
def app() -> App:
    return App(Settings())


def test_app_opens_a_window_and_draws_a_frame(app: App) -> None:
    scene = app.push(Recorder(app, "a"))
    app.step(DT)
    assert app.size == (1280, 720)
    assert app.frames == 1
    assert scene.updates == 1 and scene.draws == 1
    assert app.window.get_at((10, 10))[:3] == (200, 30, 30)


def test_run_stops_when_a_scene_quits(app: App) -> None:
    class Quitter(Recorder):
        def update(self, dt: float) -> None:
            super().update(dt)
            if self.updates == 3:
                self.app.quit(7)

    app.push(Quitter(app, "q"))
    assert app.run(max_frames=100) == 7
    assert app.frames == 3


def test_events_reach_only_the_top_scene(app: App) -> None:
    below = app.push(Recorder(app, "below"))
    top = app.push(Recorder(app, "top"))
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a", scancode=0)
    )
    app.step(DT)
    assert pygame.KEYDOWN in top.events
    assert pygame.KEYDOWN not in below.events
    assert below.updates == 0 and top.updates == 1  # covered scenes are not updated
    assert below.draws == 0  # nor drawn, under an opaque scene


def test_overlay_scene_draws_the_one_below(app: App) -> None:
    below = app.push(Recorder(app, "below"))
    app.push(Recorder(app, "dialog", opaque=False))
    app.step(DT)
    assert below.draws == 1


def test_stack_push_pop_replace() -> None:
    app = App(Settings())
    stack: SceneStack = app.scenes
    a, b, c = Recorder(app, "a"), Recorder(app, "b"), Recorder(app, "c")
    stack.push(a)
    stack.push(b)
    assert stack.top is b and a.log == ["enter", "cover"]
    stack.replace(c)
    assert stack.top is c and b.log == ["enter", "exit"]
    assert stack.pop() is c
    assert stack.top is a and a.log[-1] == "uncover"
    stack.pop()
    assert stack.top is None and stack.pop() is None


def test_quit_event_stops_the_loop(app: App) -> None:
    app.push(Recorder(app, "a"))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert app.run(max_frames=50) == 0
    assert app.frames == 1


def test_resize_is_clamped_to_the_minimum(app: App) -> None:
    scene = app.push(Recorder(app, "a"))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=500, h=300, size=(500, 300)))
    app.step(DT)
    assert app.size == MIN_WINDOW
    assert app.settings.window_size == MIN_WINDOW
    assert scene.updates == 1


def test_ui_scale_loads_the_theme_again(app: App) -> None:
    app.push(Recorder(app, "a"))
    app.set_ui_scale(1.5)
    app.step(DT)
    assert app.fonts.get(10).get_height() > App(Settings()).fonts.get(10).get_height()

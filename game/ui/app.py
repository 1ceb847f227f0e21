"""The application: the window, the frame loop, the pygame_gui manager and the scene stack.

One frame (:meth:`App.step`): take the events off the queue (:func:`game.ui.events.poll`,
the only place that does), let the app handle window events (quit, resize), give every
other event to pygame_gui and then to the top scene, update the active scenes by the
frame time, draw the visible scenes and the widgets, and flip. The loop is capped at 60
frames a second. Tests drive :meth:`step` with a fixed ``dt``.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import warnings

import pygame

from game.ui import events as ui_events
from game.ui.audio import Sounds
from game.ui.music import Music
from game.ui.palettes import BACKDROP
from game.ui.scene import Scene, SceneStack
from game.ui.settings import MIN_WINDOW, Settings
from game.ui.theme import Fonts, gui_theme

FPS = 60
TITLE = "Cyber Diplomacy"

log = logging.getLogger(__name__)


def fitted_scale(chosen: float, size: tuple[int, int]) -> float:
    """The UI scale a window of ``size`` can hold: every screen is laid out for at least
    :data:`MIN_WINDOW` (1024×600) pixels at scale 1, so a scale larger than the window's
    room for it (1280×720 holds 1.2) is reduced to that room, never below 1. A chosen
    scale up to 1 is kept."""
    room = min(size[0] / MIN_WINDOW[0], size[1] / MIN_WINDOW[1])
    return min(chosen, max(1.0, room))


class App:
    """Owns the window and runs the scenes. Create one per process."""

    def __init__(
        self, settings: Settings | None = None, *, size: tuple[int, int] | None = None
    ) -> None:
        self.settings = settings if settings is not None else Settings.load()
        if not pygame.display.get_init():
            pygame.display.init()
        if not pygame.font.get_init():
            pygame.font.init()
        pygame.display.set_caption(TITLE)
        self._windowed_size = Settings.clamp_window(size or self.settings.window_size)
        self.window = self._open_window(self.settings.fullscreen)
        self.fonts = Fonts(self.ui_scale)
        self.ui = self._make_ui_manager()
        self.sounds = Sounds(self.settings.sound_volume)
        self.music = Music(self.settings.music_volume)
        self.scenes = SceneStack()
        self.clock = pygame.time.Clock()
        self.running = False
        self.exit_code = 0
        self.frames = 0
        self.last_frame_ms = 0.0
        pygame.key.set_repeat(300, 40)

    # ------------------------------------------------------------------ window

    def _open_window(self, fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            window = pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE)
            with warnings.catch_warnings(), contextlib.suppress(AttributeError, pygame.error):
                # (older pygame-ce has no Window: then there is no minimum, only clamping)
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().minimum_size = MIN_WINDOW
        return window

    def _make_ui_manager(self):
        import pygame_gui

        return pygame_gui.UIManager(
            self.size, theme_path=gui_theme(self.ui_scale), enable_live_theme_updates=False
        )

    @property
    def size(self) -> tuple[int, int]:
        return self.window.get_size()

    @property
    def ui_scale(self) -> float:
        """The UI scale the screens are drawn at: the one chosen in the settings, or less
        when the window cannot hold it (see :func:`fitted_scale`)."""
        return fitted_scale(self.settings.ui_scale, self.size)

    def set_fullscreen(self, fullscreen: bool) -> None:
        self.settings.fullscreen = fullscreen
        self.window = self._open_window(fullscreen)
        self._resized(self.size)

    def _resized(self, size: tuple[int, int]) -> None:
        if not self.settings.fullscreen:
            size = Settings.clamp_window(size)
            if size != self.window.get_size():
                self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
            self._windowed_size = size
            self.settings.window_size = size
        self.window = pygame.display.get_surface() or self.window
        self.ui.set_window_resolution(self.size)
        if self.fonts.scale != self.ui_scale:  # (the window now holds more, or less)
            self._apply_scale()
        for scene in self.scenes:
            scene.on_resize(self.size)

    def set_window_size(self, size: tuple[int, int]) -> None:
        """Resize the window (clamped to the allowed range); kept for next time.

        In full screen the size is remembered for when the player leaves it.
        """
        size = Settings.clamp_window(size)
        self._windowed_size = size
        self.settings.window_size = size
        if not self.settings.fullscreen:
            self._resized(size)

    def set_ui_scale(self, scale: float) -> None:
        """Change the UI scale: fonts and widgets are rebuilt by the scenes."""
        self.settings.ui_scale = scale
        self._apply_scale()
        for scene in self.scenes:
            scene.on_resize(self.size)

    def _apply_scale(self) -> None:
        scale = self.ui_scale
        self.fonts.set_scale(scale)
        self.ui.get_theme().load_theme(gui_theme(scale))

    # ------------------------------------------------------------------ loop

    def quit(self, code: int = 0) -> None:
        """Stop the loop after this frame with exit status ``code``."""
        self.exit_code = code
        self.running = False

    def push(self, scene: Scene) -> Scene:
        return self.scenes.push(scene)

    def step(self, dt: float | None = None) -> None:
        """One frame. ``dt`` (seconds) is measured and capped at 60 FPS unless given."""
        if dt is None:
            dt = self.clock.tick(FPS) / 1000.0
        dt = min(dt, 0.25)  # a stall (a dragged window, a debugger) is not a time jump
        start = pygame.time.get_ticks()
        for event in ui_events.poll():
            self._dispatch(event)
        for scene in self.scenes.active():
            scene.update(dt)
        self.ui.update(dt)
        self.window.fill(BACKDROP)
        for scene in self.scenes.visible():
            scene.draw(self.window)
        self.ui.draw_ui(self.window)
        pygame.display.flip()
        self.frames += 1
        self.last_frame_ms = float(pygame.time.get_ticks() - start)
        if self.frames == 1:
            # What is loaded by now lives as long as the app: keep the garbage collector
            # from walking it again and again (long pauses in the middle of a game).
            gc.collect()
            gc.freeze()

    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit(0)
            return
        if event.type == pygame.VIDEORESIZE:
            self._resized((event.w, event.h))
            return
        if event.type in ui_events.WINDOW_EVENTS:
            return
        if self.ui.process_events(event):
            return
        top = self.scenes.top
        if top is not None:
            top.process_event(event)

    def run(self, max_frames: int | None = None) -> int:
        """Run until a scene quits (or ``max_frames`` frames); returns the exit status."""
        self.running = True
        while self.running and self.scenes.top is not None:
            self.step()
            if max_frames is not None and self.frames >= max_frames:
                break
        self.close()
        return self.exit_code

    def close(self) -> None:
        """Pop every scene and keep the settings (the window size) for next time."""
        self.music.stop()
        self.scenes.clear()
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

"""The map screen: a top bar (scenario, turn, lens buttons) over the interactive map.

This is the frame the full game screen grows from: panels (the selected nation, orders,
inbox, news) go round ``self.map`` by shrinking :meth:`MapScene.map_rect`. For now it
shows a game as one nation sees it and, with ``autoplay``, plays turns with every seat
AI through the real loop — the AI in a background thread, a "thinking" pill meanwhile —
and quits when done.

Keys: 1–6 lenses, Tab next nation, wheel/+/- zoom, drag/arrows pan, Home whole map,
Enter play a turn (all AI, for now), Esc quit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.ai_worker import BackgroundTask, ai_turn_task
from game.ui.mapview.facts import MapFacts, facts_from_view
from game.ui.mapview.lenses import LENSES
from game.ui.mapview.shapes import shapes_for_scenario
from game.ui.mapview.view import MapView
from game.ui.scene import Scene
from game.ui.widgets import status_pill

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.ui.app import App

TOP_BAR = 52  # pixels at UI scale 1
AUTOPLAY_PAUSE = 0.6  # seconds between autoplayed turns at animation speed 1


class MapScene(Scene):
    """One nation's view of a game on the map. See the module docstring."""

    def __init__(
        self,
        app: App,
        game: Game,
        *,
        viewer: int = 0,
        lens_key: str = "political",
        autoplay: int = 0,
    ) -> None:
        super().__init__(app)
        self.game = game
        self.viewer = viewer
        self.autoplay_left = max(0, autoplay)
        self.autoplay = autoplay > 0
        self.turns_played = 0
        self.task: BackgroundTask[None] | None = None
        self.error: str | None = None
        self._pause = 0.0
        self.time = 0.0
        self.facts: MapFacts = facts_from_view(game.view(viewer))
        self.shapes = shapes_for_scenario(game.scenario, game.seed)
        s = app.settings
        self.map = MapView(
            self.shapes,
            self.facts,
            self.map_rect(),
            fonts=app.fonts,
            lens_key=lens_key,
            colourblind=s.colourblind_safe,
            ui_scale=s.ui_scale,
            animation_speed=s.animation_speed,
        )
        self.map.on_lens = lambda key: self._sync_lens_buttons()
        self._buttons: dict[object, str] = {}
        self._title: pygame.Surface | None = None

    # ------------------------------------------------------------------ layout

    @property
    def scale(self) -> float:
        return self.app.ui_scale

    def bar_height(self) -> int:
        return round(TOP_BAR * self.scale)

    def map_rect(self) -> pygame.Rect:
        """Where the map goes: everything under the top bar (panels will take their share)."""
        w, h = self.app.size
        top = self.bar_height()
        return pygame.Rect(0, top, w, h - top)

    def on_enter(self) -> None:
        self._build_buttons()

    def on_resize(self, size: tuple[int, int]) -> None:
        super().on_resize(size)
        self.map.set_ui_scale(self.scale)
        self.map.set_rect(self.map_rect())
        self._title = None
        self.kill_ui()
        self._build_buttons()

    def _build_buttons(self) -> None:
        import pygame_gui
        from pygame_gui.core import ObjectID

        s = self.scale
        bw, bh, gap = round(104 * s), round(32 * s), round(6 * s)
        x = self.app.size[0] - round(12 * s) - len(LENSES) * (bw + gap) + gap
        y = (self.bar_height() - bh) // 2
        self._buttons = {}
        for spec in LENSES:
            button = pygame_gui.elements.UIButton(
                pygame.Rect(x, y, bw, bh),
                f"{spec.number}  {spec.title}",
                manager=self.app.ui,
                container=self.ui_root,
                tool_tip_text=f"{spec.title} lens ({spec.number}): {spec.hint}",
                object_id=ObjectID(class_id="@lens_button", object_id=f"#lens_{spec.key}"),
            )
            self._buttons[button] = spec.key
            x += bw + gap
        self._sync_lens_buttons()

    def _sync_lens_buttons(self) -> None:
        for button, key in self._buttons.items():
            if key == self.map.lens_key:
                button.select()  # type: ignore[attr-defined]
            else:
                button.unselect()  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ turns

    @property
    def thinking(self) -> bool:
        return self.task is not None

    def start_turn(self) -> bool:
        """Play one turn with every seat AI, in the background. False if it cannot now."""
        if self.task is not None or self.game.over:
            return False
        self.task = ai_turn_task(self.game, all_ai=True).start()
        return True

    def _finish_turn(self) -> None:
        assert self.task is not None
        task, self.task = self.task, None
        try:
            task.result()
        except Exception as exc:  # shown in the bar; the game stays as it was
            self.error = f"{type(exc).__name__}: {exc}"
            self.autoplay_left = 0
            return
        self.turns_played += 1
        self.refresh()

    def refresh(self) -> None:
        """Take the viewer's view of the game again (after a turn, a load...)."""
        self.facts = facts_from_view(self.game.view(self.viewer))
        self.map.set_facts(self.facts)

    # ------------------------------------------------------------------ frame

    def process_event(self, event: pygame.event.Event) -> bool:
        import pygame_gui

        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self._buttons:
            self.map.set_lens(self._buttons[event.ui_element])
            self._sync_lens_buttons()
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.app.quit(0)
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.start_turn()
                return True
        return self.map.process_event(event)

    def update(self, dt: float) -> None:
        self.time += dt
        self.map.update(dt)
        if self.task is not None and self.task.done:
            self._finish_turn()
        if self.autoplay and self.task is None:
            if self.autoplay_left <= 0 or self.game.over or self.error:
                self.app.quit(0 if not self.error else 1)
                return
            self._pause += dt
            speed = self.app.settings.animation_speed
            if speed <= 0 or self._pause >= AUTOPLAY_PAUSE / speed:
                self._pause = 0.0
                if self.start_turn():
                    self.autoplay_left -= 1

    def draw(self, surface: pygame.Surface) -> None:
        self.map.draw(surface)
        self._draw_bar(surface)

    def _draw_bar(self, surface: pygame.Surface) -> None:
        s = self.scale
        w = self.app.size[0]
        h = self.bar_height()
        surface.fill(pal.PANEL, (0, 0, w, h))
        pygame.draw.line(surface, pal.PANEL_EDGE, (0, h - 1), (w, h - 1))
        fonts = self.app.fonts
        if self._title is None:
            self._title = fonts.get(17, "bold").render(self.game.scenario.title, True, pal.INK)
        x = round(16 * s)
        surface.blit(self._title, (x, round(7 * s)))
        turn = min(self.facts.turn, self.facts.last_turn)
        me = self.facts.names[self.viewer]
        detail = f"Turn {turn} of {self.facts.last_turn}  ·  you are {me}"
        if self.map.selected is not None:
            detail += f"  ·  selected: {self.facts.names[self.map.selected]}"
        if self.game.over:
            detail += "  ·  game over"
        text = fonts.get(12.5, "regular").render(detail, True, pal.INK_DIM)
        surface.blit(text, (x, round(29 * s)))
        right = w - round(12 * s)
        if self.thinking:
            label = "AI nations are thinking…"
            if self.autoplay:
                label += f"  (turn {self.game.turn})"
            status_pill(surface, fonts, label, (right, h + round(10 * s)), self.time, s)
        elif self.error:
            status_pill(
                surface,
                fonts,
                f"Error: {self.error}",
                (right, h + round(10 * s)),
                self.time,
                s,
                busy=False,
            )

"""The title screen: the game's name over the dimmed world map, and the main menu.

New game (the scenario browser), Continue (the most recent loadable save; disabled with
a hint when there is none), Load game, Settings, Cyberpedia, Quit.

Keys: ↑/↓ move, Enter or Space choose, Esc goes to Quit (and quits from there), F1 the
controls. The mouse: pointing moves the focus, a click chooses.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from game import __version__
from game.ui import palettes as pal
from game.ui.scenes.frontend import (
    DISABLED_TEXT,
    ERROR,
    Button,
    FrontScene,
    backdrop,
    backdrop_ready,
    ellipsize,
    glow,
    gradient,
    start_game,
)

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.savefiles import SaveEntry

ITEMS = (
    ("new", "New game"),
    ("continue", "Continue"),
    ("load", "Load game"),
    ("settings", "Settings"),
    ("cyberpedia", "Cyberpedia"),
    ("quit", "Quit"),
)
ROW = 58  # height of a menu item at UI scale 1
MENU_WIDTH = 400


class MainMenuScene(FrontScene):
    """The title screen and main menu. See the module docstring."""

    dim = 0.42

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.latest: SaveEntry | None = None
        self.saves_count = 0
        self._shade: pygame.Surface | None = None
        self.refresh()

    # ------------------------------------------------------------------ state

    def refresh(self) -> None:
        """Look for saves again (after a game, a save or a load)."""
        from game.ui.savefiles import list_saves

        try:
            saves = list_saves()
        except OSError:
            saves = []
        self.saves_count = len(saves)
        self.latest = next((e for e in saves if e.problem is None), None)

    def hints(self) -> dict[str, str]:
        from game.content.cyberpedia import ids

        latest = self.latest
        if latest is not None:
            cont = f"{latest.title} · turn {min(latest.turn, latest.turns)} of {latest.turns}"
            cont += f" · {latest.when}"
        else:
            cont = "No saved game yet — start a new one"
        count = self.saves_count
        return {
            "new": "Choose a scenario, the players and the seed",
            "continue": cont,
            "load": f"{count} saved game{'s' if count != 1 else ''}"
            if count
            else "No saved games yet",
            "settings": "Window, UI scale, colour-blind palette, animation, sound and music",
            "cyberpedia": f"Cyber diplomacy explained, in {len(ids())} articles",
            "quit": "Close the game",
        }

    # ------------------------------------------------------------------ layout

    def metrics(self) -> tuple[int, int, bool]:
        """(header height, menu row height, whether the tagline shows). In a window too
        short for the whole title block at this UI scale (720 pixels at 150%), the
        tagline goes and the rows close up, so that Quit stays above the footer."""
        room = self.height - self.px(44) - self.px(24)  # (above the footer, below a margin)
        header, row = self.px(16 + 78 + 52 + 40), self.px(ROW)
        if header + len(ITEMS) * row + self.px(40) <= room:
            return header, row, True
        header = self.px(16 + 78 + 24)
        row = max(self.px(44), min(row, (room - header) // len(ITEMS)))
        return header, row, False

    def menu_origin(self) -> tuple[int, int]:
        header, row, full = self.metrics()
        if not full:
            return self.px(96), self.px(24)
        block = header + len(ITEMS) * row + self.px(40)
        return self.px(96), max(self.px(24), (self.height - block) // 2)

    def layout(self) -> None:
        x, y = self.menu_origin()
        header, row, _ = self.metrics()
        y += header
        hints = self.hints()
        for key, label in ITEMS:
            enabled = key != "continue" or self.latest is not None
            self.add(
                key,
                label,
                pygame.Rect(x, y, self.px(MENU_WIDTH), row),
                style="menu",
                enabled=enabled,
                hint=hints[key],
            )
            y += row
        self._shade = None
        if self.focus is None or not self.focus.enabled:
            first = "continue" if self.latest is not None else "new"
            self.focus = self.button(first)

    def on_uncover(self) -> None:
        super().on_uncover()
        self.refresh()
        self.build()

    # ------------------------------------------------------------------ events

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            b = self.button_at(event.pos)
            if b is not None and b.enabled:
                self.focus = b
            return False
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_s):
                self.move_focus(1)
                return True
            if event.key in (pygame.K_UP, pygame.K_w):
                self.move_focus(-1)
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                if self.focus is not None and self.focus.enabled:
                    self.activate(self.focus)
                return True
            if event.key == pygame.K_ESCAPE:
                if self.focus is not None and self.focus.key == "quit":
                    self.app.quit(0)
                else:
                    self.focus = self.button("quit")
                return True
        return False

    def move_focus(self, step: int) -> None:
        enabled = [b for b in self.buttons if b.enabled]
        if not enabled:
            return
        if self.focus not in enabled:
            self.focus = enabled[0]
            return
        at = enabled.index(self.focus)
        self.focus = enabled[(at + step) % len(enabled)]

    def activate(self, button: Button) -> None:
        self.focus = button
        self.say(None)
        key = button.key
        if key == "new":
            from game.ui.scenes.browser import ScenarioBrowserScene

            self.app.push(ScenarioBrowserScene(self.app))
        elif key == "continue":
            self.continue_latest()
        elif key == "load":
            from game.ui.scenes.load_game import LoadGameScene

            self.app.push(LoadGameScene(self.app))
        elif key == "settings":
            from game.ui.scenes.settings_scene import SettingsScene

            self.app.push(SettingsScene(self.app))
        elif key == "cyberpedia":
            from game.ui.scenes.cyberpedia import CyberpediaScene

            self.app.push(CyberpediaScene(self.app))
        elif key == "quit":
            self.app.quit(0)

    def continue_latest(self) -> None:
        from game.engine.saves import SaveError, load_game

        self.refresh()
        if self.latest is None:
            self.build()
            self.say("There is no saved game to continue.")
            return
        try:
            game = load_game(self.latest.path)
        except SaveError as exc:
            self.say(str(exc))
            return
        error = start_game(self.app, game)
        if error:
            self.say(error)

    def back(self) -> None:
        self.focus = self.button("quit")

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)

    def draw_header(self, surface: pygame.Surface) -> None:
        # The left side is shaded so the title and the menu read well over the map.
        if self._shade is None or self._shade.get_size() != self.app.size:
            w, h = self.app.size
            self._shade = gradient((w, h), [(0.0, 235), (0.34, 205), (0.62, 40), (1.0, 0)], True)
        surface.blit(self._shade, (0, 0))
        self._draw_pulses(surface)
        x, y = self.menu_origin()
        over = self.texts.spaced(
            "A GAME OF RESTRAINT IN CYBERSPACE", 12, "semibold", pal.ACCENT, 3.0
        )
        surface.blit(over, (x + self.px(3), y))
        y += self.px(16)
        title = self.texts.render("Cyber Diplomacy", 58, "bold", pal.INK)
        surface.blit(title, (x, y))
        y += self.px(78)
        pygame.draw.rect(
            surface, pal.ACCENT, (x + self.px(3), y, self.px(56), self.px(3)), border_radius=2
        )
        y += self.px(14)
        for line in (
            (
                "Talk, deter and defend — and keep a fragile world",
                "from sliding into conflict, one turn at a time.",
            )
            if self.metrics()[2]
            else ()
        ):
            surface.blit(self.texts.render(line, 15.5, "regular", pal.INK_DIM), (x + self.px(3), y))
            y += self.px(22)

    def _draw_pulses(self, surface: pygame.Surface) -> None:
        """Light travelling along the network's arcs (the animation setting slows it)."""
        speed = self.app.settings.animation_speed
        if not backdrop_ready() or speed <= 0:
            return
        arcs = backdrop(self.app.size).arcs
        if not arcs:
            return
        sprite = glow(max(3, round(7 * self.height / 720)))
        r = sprite.get_width() // 2
        for i, arc in enumerate(arcs[:40]):
            t = (self.time * 0.11 * speed + i * 0.6180339) % 1.0
            fade = math.sin(math.pi * t)
            p = arc[min(len(arc) - 1, int(t * (len(arc) - 1)))]
            if fade > 0.15 and p[0] > self.width * 0.42:
                surface.blit(
                    sprite, (round(p[0]) - r, round(p[1]) - r), special_flags=pygame.BLEND_RGB_ADD
                )

    def draw_body(self, surface: pygame.Surface) -> None:
        if self.message:
            x = self.buttons[-1].rect.x + self.px(20) if self.buttons else self.px(96)
            y = self.buttons[-1].rect.bottom + self.px(14) if self.buttons else self.px(400)
            font = self.texts.font(14, "semibold")
            text = ellipsize(font, "⚠ " + self.message[0], self.width - x - self.px(32))
            surface.blit(self.texts.render(text, 14, "semibold", ERROR), (x, y))

    def draw_footer(self, surface: pygame.Surface) -> None:
        y = self.height - self.px(34)
        keys = "↑ ↓  choose     Enter  open     F1  controls     Esc  quit"
        surface.blit(self.texts.render(keys, 12.5, "regular", pal.INK_FAINT), (self.px(99), y))
        version = self.texts.render(
            f"version {__version__}  ·  map data: Natural Earth", 12, "regular", pal.INK_FAINT
        )
        surface.blit(version, (self.width - self.px(32) - version.get_width(), y))

    def draw_buttons(self, surface: pygame.Surface) -> None:
        for b in self.buttons:
            self._draw_item(surface, b)

    def _draw_item(self, surface: pygame.Surface, b: Button) -> None:
        focus = b is self.focus and b.enabled
        rect = b.rect
        if focus:
            band = gradient(rect.size, [(0.0, 70), (1.0, 0)], True, pal.ACCENT)
            surface.blit(band, rect.topleft)
            pygame.draw.rect(
                surface,
                pal.ACCENT,
                (rect.x, rect.y + self.px(8), self.px(4), rect.height - self.px(16)),
                border_radius=2,
            )
        x = rect.x + self.px(20)
        if b.enabled:
            ink = (255, 255, 255) if focus else pal.INK
            sub = pal.INK if focus else pal.INK_DIM
        else:
            ink, sub = DISABLED_TEXT, DISABLED_TEXT
        label = self.texts.render(b.label, 21, "semibold", ink)
        hint_font = self.texts.font(12.5)
        hint = ellipsize(hint_font, b.hint, self.width - x - self.px(40))
        hint_s = self.texts.render(hint, 12.5, "regular", sub)
        total = label.get_height() + hint_s.get_height() - self.px(2)
        top = rect.centery - total // 2
        surface.blit(label, (x, top))
        surface.blit(hint_s, (x + self.px(1), top + label.get_height() - self.px(2)))

"""The game menu (Esc) and the save dialog (Ctrl+S).

The menu: resume, save, load, settings, help, Cyberpedia, and quit to the main menu
(asking first when there is something unsaved). Screens owned by the menus are opened
only if they exist (:mod:`game.ui.panels.links`); otherwise their button is greyed out
with a tooltip. The save dialog asks for a name (the default is the scenario and the
turn) and reports a failure in one line — nothing crashes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels import links
from game.ui.panels.dialog import DialogScene
from game.ui.panels.kit import BAD, Canvas, Tip, mix

if TYPE_CHECKING:
    from pygame_gui.elements import UITextEntryLine

    from game.ui.app import App
    from game.ui.scenes.game_scene import GameScene


class IngameMenu(DialogScene):
    card_width = 380

    def __init__(self, app: App, scene: GameScene) -> None:
        super().__init__(app)
        self.scene = scene

    def body_key(self) -> Hashable:
        return (self.scene.thinking, self.scene.unsaved)

    def _items(self) -> list[tuple[str, str, Callable[[], None], Tip, bool]]:
        sc = self.scene
        load_ok = links.available(links.LOAD)
        settings_ok = links.available(links.SETTINGS)
        menu_ok = links.available(links.MAIN_MENU)
        return [
            ("resume", "Resume", self.close, Tip("Resume", "Back to the game (Esc)."), True),
            (
                "save",
                "Save game…",
                self._save,
                Tip("Save game", "Save under a name of your choice (Ctrl+S).")
                if not sc.thinking
                else Tip("Save game", "Wait until the turn is resolved.", warning=True),
                not sc.thinking,
            ),
            (
                "load",
                "Load game…",
                self._load,
                Tip("Load game", "Open a saved game.")
                if load_ok
                else Tip(
                    "Load game", "The load screen is not available in this build.", warning=True
                ),
                load_ok,
            ),
            (
                "settings",
                "Settings",
                self._settings,
                Tip("Settings", "Window, UI scale, colours, animation.")
                if settings_ok
                else Tip(
                    "Settings", "The settings screen is not available in this build.", warning=True
                ),
                settings_ok,
            ),
            (
                "help",
                "Help",
                lambda: links.open_help(self.app),
                Tip("Help", "The controls (F1)."),
                True,
            ),
            (
                "cyberpedia",
                "Cyberpedia",
                lambda: links.open_cyberpedia(self.app, None),
                Tip(
                    "Cyberpedia",
                    "What every term of cyber diplomacy means, and how it works in the game.",
                ),
                True,
            ),
            (
                "quit",
                "Quit to main menu" if menu_ok else "Quit the game",
                self._quit,
                Tip("Quit", "Leave this game. Save first to come back to it."),
                True,
            ),
        ]

    def render_body(self, c: Canvas, width: int) -> int:
        px = c.px
        sc = self.scene
        pad = px(24)
        inner = width - 2 * pad
        y = px(22)
        c.text((width // 2, y), "GAME MENU", 11.5, "bold", pal.ACCENT, anchor="midtop")
        y += px(20)
        c.text(
            (width // 2, y),
            sc.game.scenario.title,
            16,
            "bold",
            pal.INK,
            anchor="midtop",
            max_width=inner,
        )
        y += px(26)
        view = sc.view
        c.text(
            (width // 2, y),
            f"Turn {min(view.turn, view.last_turn)} of {view.last_turn}",
            12.5,
            "regular",
            pal.INK_DIM,
            anchor="midtop",
        )
        y += px(30)
        for key, label, action, tip, enabled in self._items():
            rect = pygame.Rect(pad, y, inner, px(40))
            style = "primary" if key == "resume" else ("danger" if key == "quit" else "normal")
            c.button(
                f"menu:{key}", rect, label, action, enabled=enabled, tip=tip, style=style, size=14
            )
            y += px(46) + (px(8) if key in ("resume", "cyberpedia") else 0)
        return y + px(14)

    def process_event(self, event: pygame.event.Event) -> bool:
        if (
            event.type == pygame.KEYDOWN
            and event.key == pygame.K_s
            and event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META)
        ):
            if not self.scene.thinking:
                self._save()
            return True
        return super().process_event(event)

    def _save(self) -> None:
        self.close()
        self.scene.open_save()

    def _load(self) -> None:
        self.close()
        if not links.open_load(self.app):
            self.scene.toast("The load screen is not available.", error=True)

    def _settings(self) -> None:
        self.close()
        if not links.open_settings(self.app):
            self.scene.toast("The settings screen is not available.", error=True)

    def _quit(self) -> None:
        from game.ui.scenes.confirm import ConfirmDialog

        if not self.scene.unsaved:
            self.leave()
            return
        self.close()
        self.app.push(
            ConfirmDialog(
                self.app,
                "Leave this game?",
                "Orders you have queued this turn will be lost. The autosave from the start of "
                "the turn is kept; save first (Ctrl+S) to come back to exactly this point.",
                yes="Leave",
                no="Stay",
                on_yes=self.leave,
                danger=True,
            )
        )

    def leave(self) -> None:
        """Quit to the main menu (or quit the app when there is none)."""
        links.leave_to_main_menu(self.app)


class SaveDialog(DialogScene):
    card_width = 460

    def __init__(self, app: App, scene: GameScene) -> None:
        super().__init__(app)
        self.scene = scene
        game = scene.game
        self.default = f"{game.scenario.id}-turn{game.turn:02d}"
        self.error: str | None = None
        self.entry: UITextEntryLine | None = None
        self._entry_rect = pygame.Rect(0, 0, 10, 10)

    def on_enter(self) -> None:
        import pygame_gui

        entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(0, -100, 200, 36), manager=self.app.ui, container=self.ui_root
        )
        entry.set_text_length_limit(50)
        self.app.ui.set_focus_set(entry)
        entry.set_text(self.default)  # after focusing: the cursor at the end
        self.entry = entry

    def body_key(self) -> Hashable:
        return (self.error,)

    def render_body(self, c: Canvas, width: int) -> int:
        px = c.px
        pad = px(24)
        inner = width - 2 * pad
        y = px(22)
        c.text((pad, y), "Save the game", 19, "bold", pal.INK)
        y += px(34)
        c.text((pad, y), "Name", 12, "semibold", pal.INK_DIM)
        y += px(20)
        self._entry_rect = pygame.Rect(pad, y, inner, px(36))
        c.box(self._entry_rect, (11, 22, 40), pal.PANEL_EDGE, radius=4)
        y += px(44)
        if self.error:
            y = c.para(pad, y, inner, self.error, 12, "semibold", mix(BAD, pal.INK, 0.3)) + px(6)
        else:
            y = c.para(
                pad,
                y,
                inner,
                "Saved in your saves folder; the Load screen lists it.",
                11.5,
                "italic",
                pal.INK_FAINT,
            ) + px(6)
        save = pygame.Rect(width - pad - px(120), y + px(6), px(120), px(38))
        c.button(
            "save:ok", save, "Save", self.save, style="primary", size=14, tip=Tip("Save", "Enter")
        )
        cancel = pygame.Rect(save.x - px(10) - px(110), save.y, px(110), px(38))
        c.button("save:cancel", cancel, "Cancel", self.close, size=14, tip=Tip("Cancel", "Esc"))
        return save.bottom + pad

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.entry is not None:
            rect = self._entry_rect.move(self.body.rect.x, self.body.rect.y - self.body.scroll)
            if self.entry.relative_rect != rect:
                self.entry.set_relative_position(rect.topleft)
                self.entry.set_dimensions(rect.size)

    def process_event(self, event: pygame.event.Event) -> bool:
        import pygame_gui

        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.save()
            return True
        return super().process_event(event)

    def on_accept(self) -> None:
        self.save()

    def name(self) -> str:
        text = self.entry.get_text() if self.entry is not None else ""
        return text.strip() or self.default

    def save(self) -> None:
        problem = self.scene.try_save(self.name())
        if problem is None:
            self.close()
        else:
            self.error = problem
            self.refresh()

"""Settings: window size, fullscreen, UI scale, colour-blind-safe palette, animation speed,
sound effects, music.

Every change applies at once where it can (the window, the UI scale; the palette and the
animation speed are read by the map when it is next drawn or opened) and is saved to the
settings file straight away. A settings file that cannot be written is said in the
footer; the change still applies for this session.

Keys: Esc back.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import palettes as pal
from game.ui.scenes.frontend import (
    FrontScene,
    blit_lines,
    draw_button,
    draw_toggle,
    ellipsize,
    panel,
    wrap,
)
from game.ui.settings import ANIMATION_SPEEDS, MUSIC_VOLUMES, SOUND_VOLUMES, UI_SCALES, Settings

if TYPE_CHECKING:
    from game.ui.app import App

log = logging.getLogger(__name__)

WINDOW_PRESETS: tuple[tuple[int, int], ...] = (
    (1280, 720),
    (1600, 900),
    (1920, 1080),
    (2560, 1440),
    (3840, 2160),
)
SPEED_NAMES = {0.0: "Off", 0.5: "Slow", 1.0: "Normal", 2.0: "Fast"}
VOLUME_NAMES = {0.0: "Off", 0.3: "Quiet", 0.6: "Normal", 1.0: "Loud"}
MUSIC_NAMES = {0.0: "Off", 0.15: "Quiet", 0.3: "Normal", 0.6: "Loud"}

ROWS = (
    ("window", "Window size", "The size of the window when it is not full screen."),
    ("fullscreen", "Full screen", "Use the whole screen."),
    (
        "scale",
        "Interface scale",
        "Text, panels and map labels; larger scales suit large screens and classrooms.",
    ),
    (
        "colourblind",
        "Colour-blind-safe palette",
        "Nations in Okabe–Ito colours that stay "
        "distinct for the common kinds of colour blindness. Patterns and labels always "
        "accompany colour.",
    ),
    ("speed", "Animation speed", "Incident arcs and map movement; Off shows every change at once."),
    (
        "sound",
        "Sound effects",
        "Clicks, orders, the end of a turn, reports and incidents against you.",
    ),
    ("music", "Music", "A slow ambient loop behind the menus and the map."),
)
ROW_HEIGHT = 64


def size_label(size: tuple[int, int]) -> str:
    return f"{size[0]} × {size[1]}"


def scale_label(scale: float) -> str:
    return f"{round(scale * 100)}%"


def apply_window_size(app: App, size: tuple[int, int]) -> None:
    """Resize the window (or, in full screen, the size it returns to)."""
    app.set_window_size(size)


class SettingsScene(FrontScene):
    """The settings screen. See the module docstring."""

    overline = "Options"
    heading = "Settings"
    dim = 0.8

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.widgets: dict[Any, str] = {}

    @property
    def settings(self) -> Settings:
        return self.app.settings

    # ------------------------------------------------------------------ layout

    def panel_rect(self) -> pygame.Rect:
        c = self.content_rect()
        w = min(c.width, self.px(860))
        return pygame.Rect(c.centerx - w // 2, c.y, w, c.height)

    def row_height(self) -> int:
        """A row's height: :data:`ROW_HEIGHT`, or less when the rows would not all fit
        the panel (a large UI scale in a short window), down to what a control needs."""
        room = self.panel_rect().height - self.px(12 + 8)
        return max(self.px(38), min(self.px(ROW_HEIGHT), room // len(ROWS)))

    def control_rect(self, row: int, width: int = 300, height: int = 36) -> pygame.Rect:
        p = self.panel_rect()
        rh = self.row_height()
        top = p.y + self.px(12) + row * rh
        return pygame.Rect(
            p.right - self.px(28 + width),
            top + (rh - self.px(height)) // 2,
            self.px(width),
            self.px(height),
        )

    def layout(self) -> None:
        import pygame_gui

        self.widgets = {}
        s = self.settings
        current = (int(s.window_size[0]), int(s.window_size[1]))
        sizes: list[str | tuple[str, str]] = [size_label(p) for p in WINDOW_PRESETS]
        if current not in WINDOW_PRESETS:
            sizes.append(size_label(current))
        menu = pygame_gui.elements.UIDropDownMenu(
            sizes,
            size_label(current),
            self.control_rect(0),
            manager=self.app.ui,
            container=self.ui_root,
            expansion_height_limit=self.px(220),
        )
        self.widgets[menu] = "window"
        self.add(
            "fullscreen", "", self.control_rect(1, 56, 30), style="toggle", selected=s.fullscreen
        )
        scales: list[str | tuple[str, str]] = [scale_label(v) for v in UI_SCALES]
        if s.ui_scale not in UI_SCALES:
            scales.append(scale_label(s.ui_scale))
        menu = pygame_gui.elements.UIDropDownMenu(
            scales,
            scale_label(s.ui_scale),
            self.control_rect(2),
            manager=self.app.ui,
            container=self.ui_root,
            expansion_height_limit=self.px(220),
        )
        self.widgets[menu] = "scale"
        self.add(
            "colourblind",
            "",
            self.control_rect(3, 56, 30),
            style="toggle",
            selected=s.colourblind_safe,
        )
        self._segments(4, "speed", ANIMATION_SPEEDS, SPEED_NAMES, s.animation_speed)
        self._segments(5, "sound", SOUND_VOLUMES, VOLUME_NAMES, s.sound_volume)
        self._segments(6, "music", MUSIC_VOLUMES, MUSIC_NAMES, s.music_volume)
        self.add("back", "Back", self.footer_button_rect(0, 130, left=True))
        self.add("defaults", "Restore defaults", self.footer_button_rect(0, 190))

    def _segments(
        self,
        row: int,
        key: str,
        values: tuple[float, ...],
        names: dict[float, str],
        current: float,
    ) -> None:
        """A row of joined buttons, one per value, the current one selected."""
        box = self.control_rect(row, 300, 36)
        n = len(values)
        for i, value in enumerate(values):
            x0 = box.x + box.width * i // n
            x1 = box.x + box.width * (i + 1) // n
            style = "seg-left" if i == 0 else ("seg-right" if i == n - 1 else "seg-mid")
            self.add(
                f"{key}:{value}",
                names.get(value, f"{value:g}×"),
                pygame.Rect(x0, box.y, x1 - x0, box.height),
                style=style,
                selected=abs(current - value) < 1e-9,
                size=13.5,
            )

    # ------------------------------------------------------------------ changes

    def persist(self, what: str) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("could not save settings: %s", exc)
            self.say(f"Could not save the settings ({exc}); the change applies until you quit")
            return
        self.say(f"{what} — saved", "ok")

    def set_window(self, size: tuple[int, int]) -> None:
        apply_window_size(self.app, size)  # the scenes are rebuilt by the resize
        self.persist(f"Window size {size_label(size)}")

    def set_fullscreen(self, on: bool) -> None:
        try:
            self.app.set_fullscreen(on)
        except pygame.error as exc:
            self.say(f"Full screen is not available: {exc}")
            return
        self.persist("Full screen on" if on else "Full screen off")

    def set_scale(self, scale: float) -> None:
        self.app.set_ui_scale(scale)  # rebuilds every scene
        self.persist(f"Interface scale {scale_label(scale)}")

    def set_colourblind(self, on: bool) -> None:
        self.settings.colourblind_safe = on
        self.persist("Colour-blind-safe palette " + ("on" if on else "off"))
        self.rebuild()

    def set_speed(self, speed: float) -> None:
        self.settings.animation_speed = speed
        self.persist(f"Animation speed {SPEED_NAMES.get(speed, speed)}")
        self.rebuild()

    def set_sound(self, volume: float) -> None:
        self.settings.sound_volume = volume
        self.app.sounds.set_volume(volume)
        self.app.sounds.play("queued")  # a sample at the new volume
        self.persist(f"Sound effects {VOLUME_NAMES.get(volume, volume)}")
        self.rebuild()

    def set_music(self, volume: float) -> None:
        self.settings.music_volume = volume
        self.app.music.set_volume(volume)
        self.persist(f"Music {MUSIC_NAMES.get(volume, volume)}")
        self.rebuild()

    def restore_defaults(self) -> None:
        defaults = Settings()
        keep = {
            "scenario_folder": self.settings.scenario_folder,
            "recent_scenario_folders": self.settings.recent_scenario_folders,
        }
        if self.settings.fullscreen:
            self.app.set_fullscreen(False)
        self.settings.colourblind_safe = defaults.colourblind_safe
        self.settings.animation_speed = defaults.animation_speed
        self.settings.sound_volume = defaults.sound_volume
        self.app.sounds.set_volume(defaults.sound_volume)
        self.settings.music_volume = defaults.music_volume
        self.app.music.set_volume(defaults.music_volume)
        for key, value in keep.items():
            setattr(self.settings, key, value)
        if self.settings.ui_scale != defaults.ui_scale:
            self.app.set_ui_scale(defaults.ui_scale)
        apply_window_size(self.app, defaults.window_size)
        self.persist("Default settings restored")
        self.rebuild()

    def rebuild(self) -> None:
        self.kill_ui()
        self.build()

    # ------------------------------------------------------------------ events

    def handle(self, event: pygame.event.Event) -> bool:
        import pygame_gui

        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element in self.widgets:
            what = self.widgets[event.ui_element]
            text = event.text
            if what == "window":
                w, h = (int(v) for v in text.split("×"))
                self.set_window((w, h))
            elif what == "scale":
                value = float(text.rstrip("%")) / 100
                self.set_scale(min(UI_SCALES, key=lambda v: abs(v - value)))
            return True
        return False

    def on_button(self, key: str) -> None:
        if key == "back":
            self.back()
        elif key == "fullscreen":
            self.set_fullscreen(not self.settings.fullscreen)
        elif key == "colourblind":
            self.set_colourblind(not self.settings.colourblind_safe)
        elif key.startswith("speed:"):
            self.set_speed(float(key.split(":", 1)[1]))
        elif key.startswith("sound:"):
            self.set_sound(float(key.split(":", 1)[1]))
        elif key.startswith("music:"):
            self.set_music(float(key.split(":", 1)[1]))
        elif key == "defaults":
            self.restore_defaults()

    # ------------------------------------------------------------------ drawing

    def draw_body(self, surface: pygame.Surface) -> None:
        p = self.panel_rect()
        panel(surface, p, self.s)
        x = p.x + self.px(28)
        text_w = p.width - self.px(28 + 28 + 300 + 32)
        rh = self.row_height()
        # (rows closed up to fit keep as many lines of their description as they can)
        shown = max(0, min(2, (rh - self.px(22 + 8)) // self.px(17)))
        shown_scale, chosen = self.app.ui_scale, self.settings.ui_scale
        for i, (key, title, about) in enumerate(ROWS):
            if key == "scale" and shown_scale < chosen:
                about = (
                    f"This window shows {shown_scale:.0%}: a larger window (or full screen) "
                    f"shows {chosen:.0%}."
                )
            top = p.y + self.px(12) + i * rh
            lines = wrap(self.texts.font(12.5), about, text_w)[:shown]
            block = self.px(22) + len(lines) * self.px(17)
            y = top + (rh - block) // 2
            surface.blit(self.texts.render(title, 16, "semibold", pal.INK), (x, y))
            blit_lines(
                surface, self.texts, lines, (x, y + self.px(23)), 12.5, "regular", pal.INK_DIM
            )
            if i < len(ROWS) - 1:
                ly = top + rh
                pygame.draw.line(surface, (26, 44, 72), (x, ly), (p.right - self.px(28), ly))
        # Where things are kept.
        from game.ui.savefiles import saves_dir
        from game.ui.settings import settings_path

        y = p.y + self.px(12) + len(ROWS) * rh + self.px(14)
        if y + self.px(18) <= p.bottom - self.px(6):  # (no rule above paths that do not fit)
            pygame.draw.line(
                surface,
                pal.PANEL_EDGE,
                (x, y - self.px(8)),
                (p.right - self.px(28), y - self.px(8)),
            )
        width = p.width - self.px(56)
        for label, path in (("Settings file", settings_path()), ("Saved games", saves_dir())):
            if y + self.px(18) > p.bottom - self.px(6):
                break
            head = self.texts.render(label.upper(), 10.5, "semibold", pal.INK_FAINT)
            surface.blit(head, (x, y + self.px(2)))
            value = ellipsize(self.texts.font(12.5), str(path), width - self.px(120))
            surface.blit(
                self.texts.render(value, 12.5, "regular", pal.INK_DIM), (x + self.px(120), y)
            )
            y += self.px(22)

    def draw_buttons(self, surface: pygame.Surface) -> None:
        for b in self.buttons:
            if b.style == "toggle":
                draw_toggle(surface, b.rect, b.selected, self.s, hover=b is self.hover)
                state = self.texts.render(
                    "On" if b.selected else "Off",
                    13.5,
                    "semibold",
                    pal.INK if b.selected else pal.INK_DIM,
                )
                surface.blit(
                    state,
                    (
                        b.rect.x - self.px(12) - state.get_width(),
                        b.rect.centery - state.get_height() // 2,
                    ),
                )
            else:
                draw_button(
                    surface,
                    self.texts,
                    b,
                    self.s,
                    hover=b is self.hover and b.enabled,
                    focus=b is self.focus,
                    pressed=b is self.pressed,
                )

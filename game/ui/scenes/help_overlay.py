"""F1: the controls, over whatever screen is open (a see-through dialog).

Every key and mouse gesture of the game in one card. F1, Esc, Enter or a click outside
the card closes it; the button at the bottom opens the Cyberpedia.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui import palettes as pal
from game.ui.scene import Scene
from game.ui.scenes.frontend import Button, Texts, draw_button, panel, wrap

if TYPE_CHECKING:
    from game.ui.app import App

#: (keys, what they do); a key written "Ctrl+Z" is drawn as two keycaps.
KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", "End the turn"),
    ("Esc", "Back, or the game menu"),
    ("1 – 6", "Map lenses: political, trust, tension, stability, posture, blocs"),
    ("Tab", "Select the next nation"),
    ("Home", "Map back to the nations in play"),
    ("Ctrl+Z", "Undo the last order"),
    ("Ctrl+S", "Save the game"),
    ("B", "Your briefing and objectives"),
    ("Ctrl+Shift+F", "Facilitator console (classroom games)"),
    ("F1", "This help"),
)
MOUSE: tuple[tuple[str, str], ...] = (
    ("Wheel", "Zoom the map in and out"),
    ("Drag", "Pan the map"),
    ("Click", "Select a nation, or pick an order's target"),
    ("Hover", "Explain a term (the Cyberpedia's summary)"),
)
MENUS: tuple[tuple[str, str], ...] = (
    ("↑ ↓", "Move between items and entries"),
    ("Enter", "Choose, or the main button"),
    ("Esc", "Back to the screen before"),
)


class HelpOverlay(Scene):
    """The controls card. See the module docstring."""

    opaque = False

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.texts = Texts(app.fonts)
        self.card = pygame.Rect(0, 0, 0, 0)
        self.buttons: list[Button] = []
        self.hover: Button | None = None
        self._hidden: list[Any] = []

    @property
    def s(self) -> float:
        return self.app.ui_scale

    def px(self, v: float) -> int:
        return round(v * self.s)

    def on_enter(self) -> None:
        # pygame_gui draws after every scene: widgets of the screens below would cover
        # the card, so they are hidden while it is open (the scene below shows them
        # again when it is uncovered).
        self._hidden = []
        for scene in self.app.scenes:
            root = getattr(scene, "_ui_root", None)
            if scene is not self and root is not None and root.visible:
                root.hide()
                self._hidden.append(root)
        self.layout()

    def on_exit(self) -> None:
        super().on_exit()
        for root in self._hidden:
            if root.alive():
                root.show()
        self._hidden = []

    def on_resize(self, size: tuple[int, int]) -> None:
        self.texts.clear()
        self.layout()

    def layout(self) -> None:
        w, h = self.app.size
        cw = min(w - self.px(48), self.px(820))
        ch = min(h - self.px(24), self.px(560))
        self.card = pygame.Rect((w - cw) // 2, (h - ch) // 2, cw, ch)
        bw, bh = self.px(190), self.px(40)
        y = self.card.bottom - self.px(24) - bh
        self.buttons = [
            Button(
                "close",
                "Close",
                pygame.Rect(self.card.right - self.px(28) - bw, y, bw, bh),
                style="primary",
            ),
            Button(
                "cyberpedia",
                "Open the Cyberpedia",
                pygame.Rect(
                    self.card.right - self.px(40) - 2 * bw - self.px(20), y, bw + self.px(20), bh
                ),
            ),
        ]

    def close(self) -> None:
        if self.app.scenes.top is self:
            self.app.scenes.pop()

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_F1, pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
                self.close()
            return True  # the card is modal
        if event.type == pygame.MOUSEMOTION:
            self.hover = next((b for b in self.buttons if b.rect.collidepoint(event.pos)), None)
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            b = next((b for b in self.buttons if b.rect.collidepoint(event.pos)), None)
            if b is not None:
                self.on_button(b.key)
            elif not self.card.collidepoint(event.pos):
                self.close()
            return True
        return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL)

    def on_button(self, key: str) -> None:
        self.close()
        if key == "cyberpedia":
            from game.ui.scenes.cyberpedia import CyberpediaScene

            self.app.push(CyberpediaScene(self.app))

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        veil = pygame.Surface(self.app.size, pygame.SRCALPHA)
        veil.fill((*pal.BACKDROP, 190))
        surface.blit(veil, (0, 0))
        panel(surface, self.card, self.s, alpha=246)
        x = self.card.x + self.px(32)
        y = self.card.y + self.px(26)
        over = self.texts.spaced("HELP", 11.5, "semibold", pal.ACCENT, 2.2)
        surface.blit(over, (x, y))
        y += over.get_height() + self.px(2)
        surface.blit(self.texts.render("Controls", 26, "bold"), (x, y))
        f1 = self.texts.render("F1 opens this card anywhere", 13, "regular", pal.INK_DIM)
        surface.blit(f1, (self.card.right - self.px(32) - f1.get_width(), y + self.px(12)))
        y += self.px(50)
        col_w = (self.card.width - self.px(64 + 32)) // 2
        self._column(surface, "Keyboard", KEYS, (x, y), col_w)
        bottom = self._column(surface, "Mouse", MOUSE, (x + col_w + self.px(32), y), col_w)
        self._column(
            surface, "In menus", MENUS, (x + col_w + self.px(32), bottom + self.px(10)), col_w
        )
        for b in self.buttons:
            draw_button(surface, self.texts, b, self.s, hover=b is self.hover)

    def _column(
        self,
        surface: pygame.Surface,
        title: str,
        rows: tuple[tuple[str, str], ...],
        pos: tuple[int, int],
        width: int,
    ) -> int:
        """A titled column of keys and what they do; returns the y under it."""
        x, y = pos
        surface.blit(self.texts.render(title.upper(), 11.5, "semibold", pal.INK_DIM), (x, y))
        y += self.px(26)
        cap_w = self.px(96)
        for keys, what in rows:
            self._keycaps(surface, keys, (x, y), cap_w)
            lines = wrap(self.texts.font(14), what, width - cap_w - self.px(14))
            ty = y + self.px(4)
            if self._keycaps_width(keys) > cap_w:
                ty += self.px(30)  # keys wider than their column (Ctrl+Shift+F): text below
            for line in lines[:2]:
                surface.blit(
                    self.texts.render(line, 14, "regular", pal.INK), (x + cap_w + self.px(14), ty)
                )
                ty += self.px(19)
            y += max(self.px(38), ty - y + self.px(8))
        return y

    def _keycap_layout(self, keys: str) -> tuple[list[tuple[int, int, pygame.Surface, bool]], int]:
        """Where each keycap and plus of ``keys`` ("Ctrl+Z") goes: ``(x, width, text,
        is_cap)`` from x = 0, and the total width."""
        parts = keys.split("+")
        out: list[tuple[int, int, pygame.Surface, bool]] = []
        x = 0
        for i, part in enumerate(parts):
            label = self.texts.render(part, 13, "semibold", pal.INK)
            w = max(self.px(30), label.get_width() + self.px(16))
            out.append((x, w, label, True))
            x += w + self.px(4)
            if i < len(parts) - 1:
                plus = self.texts.render("+", 12, "regular", pal.INK_DIM)
                out.append((x, plus.get_width(), plus, False))
                x += plus.get_width() + self.px(4)
        return out, x - self.px(4)

    def _keycaps_width(self, keys: str) -> int:
        """How wide :meth:`_keycaps` draws ``keys``."""
        return self._keycap_layout(keys)[1]

    def _keycaps(
        self, surface: pygame.Surface, keys: str, pos: tuple[int, int], width: int
    ) -> None:
        """Keys drawn as keycaps: "Ctrl+Z" is two caps with a plus between."""
        x0, y = pos
        for x, w, text, cap in self._keycap_layout(keys)[0]:
            if not cap:
                surface.blit(text, (x0 + x, y + self.px(6)))
                continue
            rect = pygame.Rect(x0 + x, y, w, self.px(28))
            pygame.draw.rect(
                surface, (10, 20, 36), rect.move(0, self.px(2)), border_radius=self.px(5)
            )
            pygame.draw.rect(surface, (30, 50, 80), rect, border_radius=self.px(5))
            pygame.draw.rect(surface, (70, 100, 140), rect, 1, border_radius=self.px(5))
            surface.blit(text, text.get_rect(center=rect.center))

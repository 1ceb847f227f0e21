"""The privacy screen of hot-seat play: "Pass the device to the team of Meridia".

Opaque and full-screen: nothing of the previous nation is drawn beneath it. The next
team clicks (or presses Enter) when it is at the screen; Esc opens the game menu.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels.dialog import DialogScene
from game.ui.panels.kit import Canvas, Tip, mix
from game.words import possessive

if TYPE_CHECKING:
    from game.ui.app import App


class HandoffScene(DialogScene):
    """Full-screen hand-off to the team of ``nation``."""

    opaque = True
    full_screen = True
    accent = None

    def __init__(
        self,
        app: App,
        nation: str,
        colour: tuple[int, int, int],
        *,
        turn: int,
        last_turn: int,
        on_menu: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(app)
        self.nation = nation
        self.colour = colour
        self.turn = turn
        self.last_turn = last_turn
        self.on_menu = on_menu
        self._backdrop: tuple[tuple[int, int], pygame.Surface] | None = None

    def body_key(self) -> Hashable:
        return (self.nation, self.turn)

    def draw_backdrop(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        if self._backdrop is None or self._backdrop[0] != size:
            self._backdrop = (size, _backdrop(size, self.colour, self.kit.scale))
        surface.blit(self._backdrop[1], (0, 0))

    def render_body(self, c: Canvas, width: int) -> int:
        px = c.px
        h = self.app.size[1]
        cx = width // 2
        y = h // 2 - px(190)
        c.text(
            (cx, y),
            f"TURN {min(self.turn, self.last_turn)} OF {self.last_turn}",
            12,
            "bold",
            pal.INK_FAINT,
            anchor="midtop",
        )
        y += px(44)
        r = px(54)
        centre = (cx, y + r)
        pygame.draw.circle(c.surface, mix(self.colour, (0, 0, 0), 0.55), centre, r + px(8))
        pygame.draw.circle(c.surface, self.colour, centre, r)
        pygame.draw.circle(c.surface, mix(self.colour, (255, 255, 255), 0.5), centre, r, 2)
        c.text(centre, self.nation[:1].upper(), 46, "bold", (10, 18, 30), anchor="center")
        y += 2 * r + px(34)
        c.text(
            (cx, y), "Pass the device to the team of", 18, "regular", pal.INK_DIM, anchor="midtop"
        )
        y += px(30)
        c.text((cx, y), self.nation, 40, "bold", pal.INK, anchor="midtop")
        y += px(64)
        note = f"What comes next is for {possessive(self.nation)} eyes only. Other teams, please look away."
        lines = c.kit.wrap(note, px(520), 14)
        for line in lines:
            c.text((cx, y), line, 14, "regular", pal.INK_DIM, anchor="midtop")
            y += c.kit.line_height(14)
        y += px(24)
        label = f"{self.nation}: show our turn"
        bw = c.kit.width(label, 16, "semibold") + px(60)
        button = pygame.Rect(0, 0, bw, px(50))
        button.midtop = (cx, y)
        c.button(
            "handoff:ready",
            button,
            label,
            self.close,
            style="primary",
            size=16,
            tip=Tip("Ready", "Enter"),
        )
        y = button.bottom + px(16)
        c.text(
            (cx, y),
            "Enter to continue  ·  Esc for the menu",
            12,
            "regular",
            pal.INK_FAINT,
            anchor="midtop",
        )
        return h

    def on_accept(self) -> None:
        self.close()

    def on_cancel(self) -> None:
        if self.on_menu is not None:
            self.on_menu()


def _backdrop(size: tuple[int, int], colour: tuple[int, int, int], scale: float) -> pygame.Surface:
    """A dark field with a soft glow of the nation's colour and a faint grid."""
    w, h = size
    surf = pygame.Surface(size)
    surf.fill(pal.BACKDROP)
    glow = pygame.Surface((max(1, w // 4), max(1, h // 4)), pygame.SRCALPHA)
    gw, gh = glow.get_size()
    steps = 24
    for k in range(steps, 0, -1):
        t = k / steps
        alpha = round(70 * (1 - t) ** 1.6)
        rect = pygame.Rect(0, 0, round(gw * t * 1.2), round(gh * t * 1.2))
        rect.center = (gw // 2, gh // 2 - gh // 10)
        pygame.draw.ellipse(glow, (*mix(colour, pal.BACKDROP, 0.35), alpha), rect)
    surf.blit(pygame.transform.smoothscale(glow, size), (0, 0))
    step = max(24, round(48 * scale))
    grid = mix(pal.BACKDROP, pal.PANEL_EDGE, 0.22)
    for x in range(0, w, step):
        pygame.draw.line(surf, grid, (x, 0), (x, h))
    for y in range(0, h, step):
        pygame.draw.line(surf, grid, (0, y), (w, y))
    # A thin world-ring, a nod to the map.
    r = round(min(w, h) * 0.42)
    for k in range(3):
        pygame.draw.circle(
            surf,
            mix(pal.BACKDROP, pal.PANEL_EDGE, 0.5 - 0.12 * k),
            (w // 2, h // 2),
            r + k * round(18 * scale),
            1,
        )
    return surf

"""The pointer over hand-drawn widgets: hover, clicks, wheel and tooltips.

A scene collects the hotspots it drew this frame (:meth:`Pointer.set_spots`); the next
events are matched against them. A click is a press and a release on the same enabled
hotspot. A tooltip appears after the pointer rests on a hotspot for a moment and is drawn
last, above everything, kept inside the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.ui import palettes as pal
from game.ui.panels.kit import BAD, GOLD, LINK, Hotspot, Kit, Tip, mix

TIP_DELAY = 0.35  # seconds the pointer rests before a tooltip shows
TIP_WIDTH = 300  # pixels at UI scale 1


class Pointer:
    """Hover and click state over a list of hotspots (topmost last)."""

    def __init__(self, kit: Kit, on_click: Callable[[], object] | None = None) -> None:
        """``on_click`` runs after every hotspot click (the scene's click sound)."""
        self.kit = kit
        self.on_click = on_click
        self.pos: tuple[int, int] = (-1, -1)
        self.spots: list[Hotspot] = []
        self.hover: Hotspot | None = None
        self.pressed: str | None = None
        self.rest = 0.0
        self._tip_cache: tuple[Tip, int, pygame.Surface] | None = None

    def set_spots(self, spots: list[Hotspot]) -> None:
        self.spots = spots
        self._rehover()

    def at(self, pos: tuple[int, int]) -> Hotspot | None:
        for spot in reversed(self.spots):
            if spot.rect.collidepoint(pos):
                return spot
        return None

    @property
    def hover_id(self) -> str | None:
        return self.hover.id if self.hover is not None else None

    def _rehover(self) -> None:
        found = self.at(self.pos)
        if (found.id if found else None) != (self.hover.id if self.hover else None):
            # Moving from one tip to the next shows it at once, like most games do.
            had_tip = self.hover is not None and self.hover.tip is not None
            self.rest = TIP_DELAY if had_tip and self.rest >= TIP_DELAY else 0.0
        self.hover = found

    def reset(self) -> None:
        self.hover = None
        self.pressed = None
        self.rest = 0.0

    def process_event(self, event: pygame.event.Event) -> bool:
        """Clicks on hotspots; True when the event was used by one."""
        if event.type == pygame.MOUSEMOTION:
            self.pos = event.pos
            self._rehover()
            return False
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.pos = event.pos
            self._rehover()
            if event.button == 1 and self.hover is not None:
                self.pressed = self.hover.id
                self.rest = -10.0  # no tooltip while pressing
                return True
            return self.hover is not None and event.button in (1, 2, 3)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.pos = event.pos
            self._rehover()
            pressed, self.pressed = self.pressed, None
            spot = self.hover
            if pressed is None:
                return False
            if spot is not None and spot.id == pressed and spot.enabled and spot.on_click:
                if self.on_click is not None:
                    self.on_click()
                spot.on_click()
            return True
        if event.type == pygame.MOUSEWHEEL:
            for spot in reversed(self.spots):
                if spot.wheel is not None and spot.rect.collidepoint(self.pos):
                    spot.wheel(int(event.y))
                    return True
        return False

    def update(self, dt: float) -> None:
        self.rest += dt

    # ------------------------------------------------------------------ tooltip

    def draw_tip(self, surface: pygame.Surface) -> None:
        spot = self.hover
        if spot is None or spot.tip is None or self.rest < TIP_DELAY or self.pressed:
            return
        width = self.kit.px(TIP_WIDTH)
        cached = self._tip_cache
        if cached is None or cached[0] is not spot.tip or cached[1] != width:
            cached = (spot.tip, width, render_tip(self.kit, spot.tip, width))
            self._tip_cache = cached
        tip = cached[2]
        x, y = self.pos[0] + self.kit.px(16), self.pos[1] + self.kit.px(18)
        sw, sh = surface.get_size()
        if x + tip.get_width() > sw - 4:
            x = max(4, self.pos[0] - tip.get_width() - self.kit.px(8))
        if y + tip.get_height() > sh - 4:
            y = max(4, self.pos[1] - tip.get_height() - self.kit.px(8))
        surface.blit(tip, (x, y))


def render_tip(kit: Kit, tip: Tip, width: int) -> pygame.Surface:
    """A tooltip box: title, paragraph, rows and footer, on the theme's dark glass."""
    pad = kit.px(10)
    inner = width - 2 * pad
    pieces: list[tuple[pygame.Surface, int]] = []  # (surface, x offset)
    gap: list[int] = []
    if tip.title:
        for line in kit.wrap(tip.title, inner, 13, "bold"):
            pieces.append((kit.text(line, 13, "bold", GOLD if tip.warning else pal.INK), 0))
            gap.append(0)
    if tip.text:
        colour: Sequence[int] = mix(BAD, pal.INK, 0.35) if tip.warning else pal.INK_DIM
        for k, line in enumerate(kit.wrap(tip.text, inner, 12)):
            pieces.append((kit.text(line, 12, "regular", colour), 0))
            gap.append(kit.px(4) if k == 0 and tip.title else 0)
    rows_start = len(pieces)
    for label, value, row_colour in tip.rows:
        value_surf = kit.text(
            value, 12, "semibold", row_colour if row_colour is not None else pal.INK
        )
        room = inner - value_surf.get_width() - kit.px(10)
        label_surf = kit.text(kit.ellipsize(label, room, 12), 12, "regular", pal.INK_DIM)
        row = pygame.Surface(
            (inner, max(label_surf.get_height(), value_surf.get_height())), pygame.SRCALPHA
        )
        row.blit(label_surf, (0, 0))
        row.blit(value_surf, (inner - value_surf.get_width(), 0))
        pieces.append((row, 0))
        gap.append(kit.px(6) if len(pieces) - 1 == rows_start and pieces[:-1] else 0)
    if tip.footer:
        for k, line in enumerate(kit.wrap(tip.footer, inner, 11, "italic")):
            pieces.append((kit.text(line, 11, "italic", LINK), 0))
            gap.append(kit.px(6) if k == 0 else 0)
    height = 2 * pad + sum(s.get_height() for s, _ in pieces) + sum(gap)
    used = max([s.get_width() for s, _ in pieces] + [kit.px(60)])
    w = min(width, used + 2 * pad) if not tip.rows else width
    box = pygame.Surface((w, height), pygame.SRCALPHA)
    radius = kit.px(6)
    pygame.draw.rect(box, (9, 18, 34, 246), box.get_rect(), border_radius=radius)
    pygame.draw.rect(
        box, GOLD if tip.warning else pal.ACCENT, box.get_rect(), 1, border_radius=radius
    )
    y = pad
    for (surf, dx), g in zip(pieces, gap, strict=True):
        y += g
        box.blit(surf, (pad + dx, y))
        y += surf.get_height()
    return box

"""A cached, scrollable panel: content is drawn once per change, then only blitted.

Subclasses say what their content depends on (:meth:`Panel.key`) and draw it
(:meth:`Panel.render`, returning the height used). The content surface is redrawn only
when the key, the width or the hovered hotspot (one of its own) changes; scrolling just
moves the visible window over it. Hotspots are kept in content coordinates and handed
out in screen coordinates, clipped to the panel.
"""

from __future__ import annotations

from collections.abc import Hashable

import pygame

from game.ui import palettes as pal
from game.ui.panels.kit import Canvas, Hotspot, Kit

SCROLL_STEP = 48  # pixels per wheel notch at UI scale 1


class Panel:
    """Base of the sidebar's pages and the top bar. See the module docstring."""

    scrollable = True
    background: tuple[int, int, int] | None = None

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.scroll = 0
        self.content_h = 0
        self._surface: pygame.Surface | None = None
        self._key: tuple[Hashable, ...] | None = None
        self._spots: list[Hotspot] = []
        self._ids: set[str] = set()
        self.renders = 0

    # ------------------------------------------------------------------ subclass hooks

    def key(self) -> Hashable:
        """Everything the content depends on (besides width and hover)."""
        return None

    def render(self, c: Canvas, width: int) -> int:
        """Draw the content at the top of ``c.surface``; return the height used."""
        return 0

    # ------------------------------------------------------------------ layout

    def set_rect(self, rect: pygame.Rect) -> None:
        if rect != self.rect:
            self.rect = pygame.Rect(rect)  # the key says whether to draw again
            self._clamp()

    def invalidate(self) -> None:
        self._key = None

    def scroll_by(self, notches: int) -> None:
        self.scroll -= notches * self.kit.px(SCROLL_STEP)
        self._clamp()

    def scroll_to_top(self) -> None:
        self.scroll = 0

    def _clamp(self) -> None:
        limit = max(0, self.content_h - self.rect.height)
        self.scroll = min(max(self.scroll, 0), limit)

    # ------------------------------------------------------------------ drawing

    def _ensure(self, hover: str | None) -> None:
        mine = hover if hover in self._ids else None
        # Scrolled content depends on the width only: a taller or shorter window (or a
        # dialog fitting its card to the content) needs no new drawing.
        height = None if self.scrollable else self.rect.height
        key = (self.key(), self.rect.width, height, mine, self.kit.scale)
        if key == self._key and self._surface is not None:
            return
        width = max(1, self.rect.width)
        height = (
            max(self.rect.height, self.content_h, 1)
            if self.scrollable
            else max(1, self.rect.height)
        )
        for _attempt in range(3):
            if self._surface is None or self._surface.get_size() != (width, height):
                # An opaque panel blits much faster than one with per-pixel alpha.
                flags = pygame.SRCALPHA if self.background is None else 0
                self._surface = pygame.Surface((width, height), flags)
            self._surface.fill((0, 0, 0, 0) if self.background is None else self.background)
            canvas = Canvas(self._surface, self.kit, mine)
            used = self.render(canvas, width)
            if not self.scrollable or used <= height:
                break
            height = used + self.kit.px(8)
        self.content_h = used if self.scrollable else self.rect.height
        self._spots = canvas.spots
        self._ids = {s.id for s in canvas.spots}
        self._key = key
        self.renders += 1
        self._clamp()

    def draw(self, surface: pygame.Surface, hover: str | None) -> None:
        if self.rect.width <= 0 or self.rect.height <= 0:
            return
        self._ensure(hover)
        assert self._surface is not None
        area = pygame.Rect(0, self.scroll, self.rect.width, self.rect.height)
        surface.blit(self._surface, self.rect.topleft, area)
        if self.scrollable and self.content_h > self.rect.height:
            self._draw_scrollbar(surface)

    def _draw_scrollbar(self, surface: pygame.Surface) -> None:
        track_h = self.rect.height - self.kit.px(8)
        frac = self.rect.height / max(1, self.content_h)
        thumb_h = max(self.kit.px(24), round(track_h * frac))
        span = max(1, self.content_h - self.rect.height)
        y = self.rect.y + self.kit.px(4) + round((track_h - thumb_h) * self.scroll / span)
        w = max(3, self.kit.px(4))
        thumb = pygame.Rect(self.rect.right - w - self.kit.px(2), y, w, thumb_h)
        pygame.draw.rect(surface, pal.PANEL_EDGE, thumb, border_radius=w // 2)

    def spots(self, hover: str | None = None) -> list[Hotspot]:
        """This panel's hotspots in screen coordinates (the wheel scrolls the panel)."""
        if self.rect.width <= 0 or self.rect.height <= 0:
            return []
        self._ensure(hover)
        dx, dy = self.rect.x, self.rect.y - self.scroll
        out = []
        if self.scrollable:
            out.append(
                Hotspot(
                    f"{id(self)}:area", pygame.Rect(self.rect), None, None, True, self.scroll_by
                )
            )
        for spot in self._spots:
            moved = spot.moved(dx, dy, self.rect)
            if moved is not None:
                if self.scrollable:
                    moved.wheel = self.scroll_by
                out.append(moved)
        return out

    def spot_rect(self, spot_id: str) -> pygame.Rect | None:
        """Where hotspot ``spot_id`` is on screen, scrolled into view (tests click there)."""
        self._ensure(None)
        for spot in self._spots:
            if spot.id == spot_id:
                top, bottom = spot.rect.top, spot.rect.bottom
                if top < self.scroll:
                    self.scroll = top
                elif bottom > self.scroll + self.rect.height:
                    self.scroll = bottom - self.rect.height
                self._clamp()
                return spot.rect.move(self.rect.x, self.rect.y - self.scroll).clip(self.rect)
        return None

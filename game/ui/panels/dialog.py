"""The base of the modal cards (confirm, choice, menu, report...) and full-screen pages.

A :class:`DialogScene` darkens the scene below and shows a card in the middle whose body a
subclass draws (:meth:`DialogScene.render_body`) with the same kit as the game screen:
hotspots, tooltips, Cyberpedia links. The body is a cached panel, so a dialog costs a blit
a frame; when it is taller than the window it scrolls. A dialog with a footer
(:meth:`DialogScene.render_footer`, :attr:`DialogScene.footer_height`) keeps it pinned to
the card's bottom edge, so its buttons stay in view however long the body is. Esc
cancels, Enter accepts. A dialog takes every event while it is on top (it is modal).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels.kit import Canvas, Kit, card, scrim
from game.ui.panels.panel import Panel
from game.ui.panels.pointer import Pointer
from game.ui.scene import Scene

if TYPE_CHECKING:
    from game.ui.app import App


class _Body(Panel):
    def __init__(self, dialog: DialogScene) -> None:
        super().__init__(dialog.kit)
        self.dialog = dialog

    def key(self) -> Hashable:
        return self.dialog.body_key()

    def render(self, c: Canvas, width: int) -> int:
        if self.dialog.full_screen:
            # The backdrop is part of the (opaque) body: one plain blit a frame.
            self.dialog.draw_backdrop(c.surface)
        return self.dialog.render_body(c, width)


class _Footer(Panel):
    scrollable = False

    def __init__(self, dialog: DialogScene) -> None:
        super().__init__(dialog.kit)
        self.dialog = dialog

    def key(self) -> Hashable:
        return ("footer", self.dialog.body_key())

    def render(self, c: Canvas, width: int) -> int:
        return self.dialog.render_footer(c, width)


class DialogScene(Scene):
    """A modal card over the scene below. See the module docstring."""

    opaque = False
    #: card width at UI scale 1 (clamped to the window)
    card_width = 520
    #: a coloured stripe on top of the card
    accent: tuple[int, int, int] | None = pal.ACCENT
    scrim_alpha = 170
    #: fill the window instead of a card (hand-off, end screen)
    full_screen = False
    #: height of the pinned footer at UI scale 1 (0: none; see render_footer)
    footer_height = 0

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.kit = Kit(app.fonts, app.ui_scale)
        self.kit.open_entry = self.open_entry
        self.pointer = Pointer(self.kit, on_click=lambda: app.sounds.play("click"))
        self.body = _Body(self)
        self.footer = _Footer(self)
        if self.full_screen:
            self.body.background = pal.BACKDROP
            self.footer.background = pal.BACKDROP
        self.time = 0.0
        self.card_rect = pygame.Rect(0, 0, 0, 0)
        self.closed = False

    # ------------------------------------------------------------------ subclass hooks

    def body_key(self) -> Hashable:
        return None

    def render_body(self, c: Canvas, width: int) -> int:
        return 0

    def render_footer(self, c: Canvas, width: int) -> int:
        """Draw the pinned footer (its buttons) in :attr:`footer_height` pixels at UI
        scale 1; only called when that is not 0."""
        return 0

    def on_accept(self) -> None:
        """Enter."""

    def on_cancel(self) -> None:
        """Esc: close by default."""
        self.close()

    def draw_backdrop(self, surface: pygame.Surface) -> None:
        scrim(surface, self.scrim_alpha)

    # ------------------------------------------------------------------ helpers

    def close(self) -> None:
        """Pop this dialog (only if it is the top scene)."""
        if self.app.scenes.top is self:
            self.closed = True
            self.app.scenes.pop()

    def open_entry(self, entry_id: str) -> None:
        from game.ui.panels import links

        links.open_cyberpedia(self.app, entry_id)

    def refresh(self) -> None:
        self.body.invalidate()
        self.footer.invalidate()

    def spot_rect(self, spot_id: str) -> pygame.Rect | None:
        """Where a hotspot of the body is on screen (tests click there)."""
        self._layout()
        found = self.body.spot_rect(spot_id)
        if found is None and self.footer_height:
            found = self.footer.spot_rect(spot_id)
        return found

    # ------------------------------------------------------------------ layout

    def _layout(self) -> None:
        px = self.kit.px
        W, H = self.app.size
        foot = px(self.footer_height) if self.footer_height else 0
        if self.full_screen:
            self.card_rect = pygame.Rect(0, 0, W, H)
            self.body.set_rect(pygame.Rect(0, 0, W, H - foot))
            self.footer.set_rect(pygame.Rect(0, H - foot, W, foot))
            return
        width = min(px(self.card_width), W - px(40))
        max_h = H - px(60) - foot
        height = self.body.content_h or px(240)
        for _ in range(2):
            rect = pygame.Rect(0, 0, width, min(max(height, px(80)), max_h))
            rect.center = (W // 2, (H - foot) // 2)
            self.body.set_rect(rect)
            self.body._ensure(self.pointer.hover_id)
            if min(self.body.content_h, max_h) == rect.height:
                break
            height = self.body.content_h
        self.footer.set_rect(pygame.Rect(rect.x, rect.bottom, rect.width, foot))
        self.card_rect = self.body.rect.union(self.footer.rect) if foot else self.body.rect

    # ------------------------------------------------------------------ scene

    def on_resize(self, size: tuple[int, int]) -> None:
        super().on_resize(size)
        self.kit.set_scale(self.app.ui_scale)
        self.body.invalidate()
        self.footer.invalidate()

    def process_event(self, event: pygame.event.Event) -> bool:
        if self.pointer.process_event(event):
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.on_cancel()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.on_accept()
            elif event.key == pygame.K_F1:
                from game.ui.panels import links

                links.open_help(self.app)
        return True

    def update(self, dt: float) -> None:
        self.time += dt
        self.pointer.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        if not self.full_screen:
            self.draw_backdrop(surface)
        self._layout()
        if not self.full_screen:
            card(surface, self.card_rect, self.kit.scale, self.accent)
        hover = self.pointer.hover_id
        self.body.draw(surface, hover)
        spots = self.body.spots(hover)
        if self.footer_height:
            self.footer.draw(surface, hover)
            spots = spots + self.footer.spots(hover)
        self.pointer.set_spots(spots)
        self.pointer.draw_tip(surface)

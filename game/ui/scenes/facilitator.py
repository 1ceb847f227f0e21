"""Asking the facilitator's PIN (chosen at game start, a salted hash in ``game.meta``).

The console itself is a panel of the game screen (:mod:`game.ui.facilitator`); this card
stands between a key chord and it. Digits are typed (or the keypad used), shown as dots;
Enter unlocks, Esc cancels. A wrong PIN is refused with the tries left; after the last
one the card closes and ``on_refused`` is called (the console locks for a while).

:func:`open_console` opens the console of a game screen (``cyberdip play --facilitator``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.facilitator.console import FACILITATOR
from game.ui.facilitator.desk import PIN_TRIES
from game.ui.panels.dialog import DialogScene
from game.ui.panels.kit import BAD, Canvas, Tip, mix

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes.game_scene import GameScene

PIN_MAX = 8


class PinDialog(DialogScene):
    """The PIN card. See the module docstring."""

    card_width = 440
    accent = FACILITATOR
    holds_timer = True  # a team's time does not run out while the facilitator types

    def __init__(
        self,
        app: App,
        check: Callable[[str], bool],
        on_ok: Callable[[], None],
        *,
        on_refused: Callable[[], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        title: str = "Facilitator console",
        purpose: str = "Enter the facilitator PIN chosen when the game was set up.",
        tries: int = PIN_TRIES,
    ) -> None:
        super().__init__(app)
        self.accepts = check
        self.on_ok = on_ok
        self.on_refused = on_refused
        self.on_cancel_cb = on_cancel
        self.title = title
        self.purpose = purpose
        self.tries_left = tries
        self.entry = ""
        self.error: str | None = None
        self.unlocked = False

    def body_key(self) -> Hashable:
        return (len(self.entry), self.error, self.tries_left)

    def render_body(self, c: Canvas, width: int) -> int:
        px = c.px
        pad = px(24)
        inner = width - 2 * pad
        y = px(22)
        c.text((pad, y), "FACILITATOR", 11, "bold", FACILITATOR)
        y += px(18)
        y = c.para(pad, y, inner, self.title, 20, "bold", pal.INK) + px(4)
        y = c.para(pad, y, inner, self.purpose, 13, "regular", pal.INK_DIM) + px(14)
        box = pygame.Rect(pad, y, inner, px(50))
        c.box(box, (10, 14, 30), FACILITATOR if not self.error else BAD, radius=8)
        r = px(8)
        gap = px(14)
        count = max(len(self.entry), 4)
        total = count * 2 * r + (count - 1) * gap
        x0 = box.centerx - total // 2 + r
        for k in range(count):
            centre = (x0 + k * (2 * r + gap), box.centery)
            if k < len(self.entry):
                pygame.draw.circle(c.surface, pal.INK, centre, r)
            else:
                pygame.draw.circle(c.surface, pal.INK_FAINT, centre, r, max(1, px(2)))
        y = box.bottom + px(10)
        if self.error:
            y = c.para(pad, y, inner, self.error, 12.5, "semibold", mix(BAD, pal.INK, 0.2))
        else:
            y = c.para(
                pad, y, inner, "Type the digits; Backspace corrects.", 12, "italic", pal.INK_FAINT
            )
        y += px(14)
        ok = pygame.Rect(width - pad - px(130), y, px(130), px(38))
        c.button(
            "pin:ok",
            ok,
            "Unlock",
            self.check,
            style="primary",
            size=14,
            enabled=bool(self.entry),
            tip=Tip("Unlock", "Enter"),
        )
        cancel = pygame.Rect(ok.x - px(10) - px(110), y, px(110), px(38))
        c.button("pin:cancel", cancel, "Cancel", self.cancel, size=14, tip=Tip("Cancel", "Esc"))
        return ok.bottom + pad

    # ------------------------------------------------------------------ input

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT:
            digits = "".join(ch for ch in event.text if ch.isdigit())
            if digits:
                self.entry = (self.entry + digits)[:PIN_MAX]
                self.refresh()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
            self.entry = self.entry[:-1]
            self.refresh()
            return True
        return super().process_event(event)

    def check(self) -> None:
        if self.closed or not self.entry:
            return
        if self.accepts(self.entry):
            self.unlocked = True
            self.close()
            self.on_ok()
            return
        self.tries_left -= 1
        self.entry = ""
        if self.tries_left <= 0:
            self.close()
            if self.on_refused is not None:
                self.on_refused()
            return
        tries = "try" if self.tries_left == 1 else "tries"
        self.error = f"Wrong PIN. {self.tries_left} {tries} left."
        self.refresh()

    def cancel(self) -> None:
        self.close()
        if self.on_cancel_cb is not None:
            self.on_cancel_cb()

    def on_accept(self) -> None:
        self.check()

    def on_cancel(self) -> None:
        self.cancel()


def open_console(scene: GameScene) -> None:
    """Open the facilitator console of ``scene`` (asking the PIN if one was set)."""
    if not scene.desk.open:
        scene.desk.request()

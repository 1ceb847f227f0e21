"""An event's choice: the situation, the options with what each means, and the default.

Picking an option puts the answer in the nation's orders (free, no action slot); it can
be changed until the turn ends. Keys: 1-9 pick an option, the arrows move the mark,
Enter answers with the marked one (the default if none is marked). "Decide later" closes the dialog — if nobody decides,
the scenario's default option is taken.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels.dialog import DialogScene
from game.ui.panels.kit import GOLD, Canvas, Tip

if TYPE_CHECKING:
    from game.scenario.models import Event
    from game.ui.app import App


class ChoiceDialog(DialogScene):
    card_width = 620
    accent = GOLD

    def __init__(
        self, app: App, event: Event, chosen: str | None, on_choose: Callable[[str | None], None]
    ) -> None:
        super().__init__(app)
        assert event.choice is not None
        self.event = event
        self.chosen = chosen
        self.on_choose = on_choose

    def body_key(self) -> Hashable:
        return (self.event.id, self.chosen)

    def render_body(self, c: Canvas, width: int) -> int:
        px = c.px
        choice = self.event.choice
        assert choice is not None
        pad = px(24)
        inner = width - 2 * pad
        y = px(22)
        c.text((pad, y), "A DECISION FOR YOU", 11.5, "bold", GOLD)
        y += px(20)
        y = c.para(pad, y, inner, self.event.title, 21, "bold", pal.INK) + px(6)
        if self.event.text:
            y = c.para(
                pad,
                y,
                inner,
                self.event.text.strip(),
                12.5,
                "regular",
                pal.INK_DIM,
                links=True,
                id="ev",
            ) + px(8)
        y = c.para(
            pad, y, inner, choice.prompt.strip(), 14, "semibold", pal.INK, links=True, id="prompt"
        ) + px(14)
        for option in choice.options:
            desc = option.description or ""
            lines = c.kit.wrap(desc, inner - px(28), 12)[:3] if desc else []
            h = px(40) + len(lines) * c.kit.line_height(12)
            rect = pygame.Rect(pad, y, inner, h)
            picked = option.id == self.chosen
            default = option.id == choice.default
            c.button(
                f"choice:{option.id}",
                rect,
                "",
                partial(self.pick, option.id),
                selected=picked,
                tip=Tip(
                    option.label,
                    desc or "Choose this answer.",
                    footer="The default if you do not answer" if default else "",
                ),
            )
            c.text(
                (pad + px(14), y + px(10)),
                ("●  " if picked else "○  ") + option.label,
                14,
                "semibold",
                pal.INK,
                max_width=inner - px(100),
            )
            if default:
                c.text(
                    (rect.right - px(12), y + px(12)),
                    "default",
                    11,
                    "italic",
                    pal.INK_FAINT,
                    anchor="topright",
                )
            ty = y + px(32)
            for line in lines:
                c.text((pad + px(36), ty), line, 12, "regular", pal.INK_DIM)
                ty += c.kit.line_height(12)
            y = rect.bottom + px(8)
        y += px(8)
        later = pygame.Rect(width - pad - px(150), y, px(150), px(38))
        c.button(
            "choice:later",
            later,
            "Decide later",
            self.close,
            style="ghost",
            size=13,
            tip=Tip(
                "Decide later",
                "The decision waits in your inbox until the turn ends; then the default is taken.",
            ),
        )
        return later.bottom + pad

    def pick(self, option: str) -> None:
        self.chosen = option
        self.on_choose(option)
        self.close()

    def on_accept(self) -> None:
        """Enter answers with the marked option (the default when none is marked)."""
        choice = self.event.choice
        if choice is not None:
            self.pick(self.chosen or choice.default)

    def process_event(self, event: pygame.event.Event) -> bool:
        """Keys 1-9 answer with that option; the arrows move the mark; Enter answers."""
        choice = self.event.choice
        if choice is not None and event.type == pygame.KEYDOWN:
            ids = [o.id for o in choice.options]
            number = event.key - pygame.K_1
            if 0 <= number < min(len(ids), 9):
                self.pick(ids[number])
                return True
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                at = ids.index(self.chosen or choice.default)
                step = -1 if event.key == pygame.K_UP else 1
                self.chosen = ids[(at + step) % len(ids)]
                return True
        return super().process_event(event)

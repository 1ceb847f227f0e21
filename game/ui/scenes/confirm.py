"""Small modal cards: a yes/no confirmation, and a card of text (a Cyberpedia entry or the
keys, when the full Cyberpedia or help overlay is not available).

Enter is the default answer, Esc the other one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels.dialog import DialogScene
from game.ui.panels.kit import GOLD, Canvas, Tip

if TYPE_CHECKING:
    from game.ui.app import App

KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", "End the turn (asks when action slots are unused)"),
    ("Esc", "Back, or the game menu"),
    ("1 – 6", "Map lenses: political, trust, tension, stability, posture, blocs"),
    ("Tab / Shift+Tab", "Next / previous nation"),
    ("Click a nation", "Select it (or pick it as the target of an action)"),
    ("Wheel, + / −", "Zoom the map"),
    ("Drag, arrow keys", "Pan the map;  Home shows the whole map"),
    ("Ctrl+Z", "Undo the last change to your orders"),
    ("Ctrl+S", "Save the game"),
    ("B", "Your briefing and objectives"),
    ("Ctrl+Shift+F", "Facilitator console (classroom games)"),
    ("F1", "This help"),
)


class ConfirmDialog(DialogScene):
    """A question with two answers."""

    card_width = 470

    def __init__(
        self,
        app: App,
        title: str,
        text: str,
        *,
        yes: str = "OK",
        no: str = "Cancel",
        on_yes: Callable[[], None] | None = None,
        on_no: Callable[[], None] | None = None,
        danger: bool = False,
    ) -> None:
        super().__init__(app)
        self.title = title
        self.text = text
        self.yes = yes
        self.no = no
        self.on_yes = on_yes
        self.on_no = on_no
        self.danger = danger
        self.answer: bool | None = None
        if danger:
            self.accent = (214, 74, 74)

    def body_key(self) -> Hashable:
        return (self.title, self.text)

    def render_body(self, c: Canvas, width: int) -> int:
        px = c.px
        pad = px(22)
        inner = width - 2 * pad
        y = px(22)
        y = c.para(pad, y, inner, self.title, 18, "bold", pal.INK) + px(6)
        y = c.para(
            pad, y, inner, self.text, 13, "regular", pal.INK_DIM, links=True, id="confirm"
        ) + px(18)
        bw = max(px(120), c.kit.width(self.yes, 14, "semibold") + px(36))
        yes = pygame.Rect(width - pad - bw, y, bw, px(38))
        c.button(
            "confirm:yes",
            yes,
            self.yes,
            self.accept,
            style="danger" if self.danger else "primary",
            size=14,
            tip=Tip(self.yes, "Enter"),
        )
        nw = max(px(100), c.kit.width(self.no, 14, "semibold") + px(36))
        no = pygame.Rect(yes.x - px(10) - nw, y, nw, px(38))
        c.button("confirm:no", no, self.no, self.decline, size=14, tip=Tip(self.no, "Esc"))
        return yes.bottom + pad

    def accept(self) -> None:
        if self.answer is not None:
            return
        self.answer = True
        self.close()
        if self.on_yes is not None:
            self.on_yes()

    def decline(self) -> None:
        if self.answer is not None:
            return
        self.answer = False
        self.close()
        if self.on_no is not None:
            self.on_no()

    def on_accept(self) -> None:
        self.accept()

    def on_cancel(self) -> None:
        self.decline()


class InfoDialog(DialogScene):
    """A card of text with a Close button: a Cyberpedia entry, or the list of keys."""

    card_width = 620

    def __init__(
        self,
        app: App,
        title: str,
        paragraphs: Sequence[str] = (),
        *,
        subtitle: str = "",
        rows: Sequence[tuple[str, str]] = (),
        sections: Sequence[tuple[str, Sequence[str]]] = (),
        see_also: Sequence[tuple[str, str]] = (),
        is_help: bool = False,
    ) -> None:
        super().__init__(app)
        self.title = title
        self.subtitle = subtitle
        self.paragraphs = tuple(paragraphs)
        self.rows = tuple(rows)
        self.sections = tuple((h, tuple(p)) for h, p in sections)
        self.see_also = tuple(see_also)
        self.is_help = is_help

    @classmethod
    def for_entry(cls, app: App, entry_id: str | None) -> InfoDialog:
        from game.content.cyberpedia import entries, entry

        try:
            e = entry(entry_id) if entry_id else entries()[0]
        except KeyError:
            e = entries()[0]
        also = []
        for other in e.see_also:
            try:
                also.append((other, entry(other).title))
            except KeyError:
                continue
        return cls(
            app,
            e.title,
            e.paragraphs,
            subtitle=e.summary,
            sections=(("In this game", e.in_game_paragraphs),),
            see_also=also,
        )

    @classmethod
    def keys(cls, app: App) -> InfoDialog:
        return cls(
            app,
            "Controls",
            subtitle="Everything can be done with the mouse; these keys are shortcuts.",
            rows=KEYS,
            is_help=True,
        )

    def body_key(self) -> Hashable:
        return (self.title,)

    def render_body(self, c: Canvas, width: int) -> int:
        px = c.px
        pad = px(24)
        inner = width - 2 * pad
        y = px(22)
        c.text((pad, y), "CYBERPEDIA" if not self.is_help else "HELP", 11, "bold", pal.ACCENT)
        y += px(18)
        y = c.para(pad, y, inner, self.title, 22, "bold", pal.INK) + px(4)
        if self.subtitle:
            y = c.para(pad, y, inner, self.subtitle, 13.5, "italic", GOLD) + px(10)
        for p in self.paragraphs:
            y = c.para(pad, y, inner, p, 13, "regular", pal.INK, links=True, id="info") + px(8)
        for heading, paras in self.sections:
            y = c.heading(pad, y + px(4), inner, heading, id="info")
            for p in paras:
                y = c.para(
                    pad, y, inner, p, 13, "regular", pal.INK_DIM, links=True, id="info2"
                ) + px(8)
        if self.rows:
            key_w = px(160)
            for key, what in self.rows:
                kr = c.pill((pad, y), key, pal.ACCENT, 11.5)
                y2 = c.para(pad + key_w, y + px(1), inner - key_w, what, 13, "regular", pal.INK)
                y = max(kr.bottom, y2) + px(8)
        if self.see_also:
            y = c.heading(pad, y + px(4), inner, "See also", id="info")
            x = pad
            for entry_id, title in self.see_also:
                bw = c.kit.width(title, 12, "semibold") + px(22)
                if x + bw > pad + inner:
                    x = pad
                    y += px(34)
                c.button(
                    f"info:see:{entry_id}",
                    pygame.Rect(x, y, bw, px(28)),
                    title,
                    partial(self._goto, entry_id),
                    size=12,
                )
                x += bw + px(6)
            y += px(40)
        close = pygame.Rect(width - pad - px(120), y + px(4), px(120), px(36))
        c.button(
            "info:close",
            close,
            "Close",
            self.close,
            style="primary",
            size=14,
            tip=Tip("Close", "Enter or Esc"),
        )
        return close.bottom + pad

    def _goto(self, entry_id: str) -> None:
        self.close()
        from game.ui.panels import links

        links.open_cyberpedia(self.app, entry_id)

    def on_accept(self) -> None:
        self.close()

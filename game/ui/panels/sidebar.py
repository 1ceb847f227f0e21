"""The right-hand panel stack: tabs, the page of the chosen tab, and the End turn button.

Tabs: Nation (the selected nation), Orders, Inbox (with a badge of what waits for an
answer) and News. The footer always shows End turn (Enter) with what is still unused, or
a spinner while the AI nations think.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels.inbox import InboxPage
from game.ui.panels.kit import GOLD, Canvas, Hotspot, Tip
from game.ui.panels.nation import NationPage
from game.ui.panels.news import NewsPage
from game.ui.panels.orders import OrdersPage
from game.ui.panels.panel import Panel
from game.ui.widgets import spinner

if TYPE_CHECKING:
    from game.ui.scenes.game_scene import GameScene

TABS: tuple[tuple[str, str, str], ...] = (
    ("nation", "Nation", "The selected nation: trust and its reasons, estimates, agreements"),
    ("orders", "Orders", "Posture, actions, investments and your queued orders"),
    ("inbox", "Inbox", "Proposals to answer and decisions to take"),
    ("news", "News", "Everything you have seen happen, newest first"),
)
TAB_H = 42
FOOTER_H = 78


class TabStrip(Panel):
    scrollable = False
    background = (11, 22, 40)

    def __init__(self, scene: GameScene) -> None:
        super().__init__(scene.kit)
        self.scene = scene

    def key(self) -> Hashable:
        sc = self.scene
        return (sc.tab, sc.inbox_waiting, sc.data_version)

    def render(self, c: Canvas, width: int) -> int:
        sc = self.scene
        h = self.rect.height
        n = len(TABS)
        tw = width // n
        for k, (key, label, hint) in enumerate(TABS):
            rect = pygame.Rect(k * tw, 0, tw if k < n - 1 else width - k * tw, h)
            active = sc.tab == key
            hovered = c.spot(f"tab:{key}", rect, _tab(sc, key), Tip(label, hint))
            fill = pal.PANEL if active else ((20, 36, 62) if hovered else (11, 22, 40))
            pygame.draw.rect(c.surface, fill, rect)
            ink = pal.INK if active else (pal.INK if hovered else pal.INK_DIM)
            text = c.kit.text(label, 13.5, "semibold", ink)
            tr = text.get_rect(center=rect.center)
            badge = sc.inbox_waiting if key == "inbox" else 0
            if badge:
                tr.x -= c.px(10)
            c.surface.blit(text, tr)
            if badge:
                b = c.kit.text(str(badge), 10.5, "bold", (20, 12, 0))
                br = pygame.Rect(0, 0, max(c.px(18), b.get_width() + c.px(8)), c.px(18))
                br.midleft = (tr.right + c.px(6), rect.centery)
                pygame.draw.rect(c.surface, GOLD, br, border_radius=br.height // 2)
                c.surface.blit(b, b.get_rect(center=br.center))
            if active:
                pygame.draw.rect(
                    c.surface,
                    pal.ACCENT,
                    (rect.x + c.px(10), rect.bottom - c.px(3), rect.width - c.px(20), c.px(3)),
                    border_radius=c.px(2),
                )
        pygame.draw.line(c.surface, pal.PANEL_EDGE, (0, h - 1), (width, h - 1))
        return h


class Footer(Panel):
    scrollable = False
    background = (11, 22, 40)

    def __init__(self, scene: GameScene) -> None:
        super().__init__(scene.kit)
        self.scene = scene

    def key(self) -> Hashable:
        sc = self.scene
        tick = int(sc.time * 24) if sc.thinking else 0
        return (
            sc.phase,
            sc.thinking,
            tick,
            sc.book.version if sc.book else -1,
            sc.data_version,
            sc.inbox_waiting,
        )

    def render(self, c: Canvas, width: int) -> int:
        sc = self.scene
        px = c.px
        h = self.rect.height
        pygame.draw.line(c.surface, pal.PANEL_EDGE, (0, 0), (width, 0))
        pad = px(12)
        undo = pygame.Rect(pad, pad, px(44), h - 2 * pad)
        book = sc.book
        c.button(
            "footer:undo",
            undo,
            "↩",
            sc.undo,
            enabled=bool(book and book.can_undo),
            size=18,
            tip=Tip("Undo  (Ctrl+Z)", "Take back your last change to the orders."),
        )
        button = pygame.Rect(undo.right + px(8), pad, width - undo.right - px(8) - pad, h - 2 * pad)
        if sc.thinking:
            c.button("footer:end", button, "", None, enabled=False)
            r = px(9)
            spinner(c.surface, (button.x + px(24), button.centery), r, sc.time)
            c.text(
                (button.x + px(44), button.centery),
                "AI nations are thinking…",
                14,
                "semibold",
                pal.INK,
                anchor="midleft",
            )
            return h
        label, sub, enabled = sc.end_turn_label()
        tip = Tip("End turn  (Enter)", sub) if enabled else Tip("End turn", sub, warning=True)
        c.button(
            "footer:end",
            button,
            label,
            sc.end_turn,
            enabled=enabled,
            style="primary",
            size=16,
            sub=sub,
            tip=tip,
        )
        if enabled and book is not None and book.slots_left:
            pygame.draw.circle(c.surface, GOLD, (button.right - px(16), button.y + px(14)), px(4))
        return h


class Sidebar:
    """Tabs, the active page and the footer, in ``rect``."""

    def __init__(self, scene: GameScene) -> None:
        self.scene = scene
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.tabs = TabStrip(scene)
        self.footer = Footer(scene)
        self.pages: dict[str, Panel] = {
            "nation": NationPage(scene),
            "orders": OrdersPage(scene),
            "inbox": InboxPage(scene),
            "news": NewsPage(scene),
        }

    @property
    def orders(self) -> OrdersPage:
        page = self.pages["orders"]
        assert isinstance(page, OrdersPage)
        return page

    @property
    def news(self) -> NewsPage:
        page = self.pages["news"]
        assert isinstance(page, NewsPage)
        return page

    @property
    def page(self) -> Panel:
        return self.pages[self.scene.tab]

    def set_rect(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)
        s = self.scene.kit
        tab_h, foot_h = s.px(TAB_H), s.px(FOOTER_H)
        self.tabs.set_rect(pygame.Rect(rect.x, rect.y, rect.width, tab_h))
        self.footer.set_rect(pygame.Rect(rect.x, rect.bottom - foot_h, rect.width, foot_h))
        body = pygame.Rect(rect.x, rect.y + tab_h, rect.width, rect.height - tab_h - foot_h)
        for page in self.pages.values():
            page.set_rect(body)

    def invalidate(self) -> None:
        self.tabs.invalidate()
        self.footer.invalidate()
        for page in self.pages.values():
            page.invalidate()

    def draw(self, surface: pygame.Surface, hover: str | None) -> None:
        surface.fill(pal.PANEL, self.rect)
        pygame.draw.line(surface, pal.PANEL_EDGE, self.rect.topleft, self.rect.bottomleft)
        self.tabs.draw(surface, hover)
        self.page.draw(surface, hover)
        self.footer.draw(surface, hover)

    def spots(self, hover: str | None) -> list[Hotspot]:
        out = [Hotspot("sidebar:area", pygame.Rect(self.rect))]
        out += self.tabs.spots(hover)
        out += self.page.spots(hover)
        out += self.footer.spots(hover)
        return out


def _tab(scene: GameScene, key: str):
    return lambda: scene.show_tab(key)

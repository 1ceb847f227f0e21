"""The news log: what this nation has seen, newest first, capped and paged.

The log keeps at most :data:`NEWS_CAP` items and draws one page at a time, so a long game
never makes the panel slow. Filters narrow it to incidents, diplomacy or events.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels.kit import BAD, GOLD, GOOD, LINK, Canvas, Tip, mix
from game.ui.panels.panel import Panel

if TYPE_CHECKING:
    from game.engine.records import NewsItem
    from game.ui.scenes.game_scene import GameScene

NEWS_CAP = 400
PAGE_SIZE = 12
CATEGORY_COLOURS = {
    "diplomacy": LINK,
    "treaty": GOOD,
    "incident": BAD,
    "escalation": (238, 134, 40),
    "event": GOLD,
    "facilitator": (204, 121, 167),
}
FILTERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("all", "All", ()),
    ("incidents", "Incidents", ("incident", "escalation")),
    ("diplomacy", "Diplomacy", ("diplomacy", "treaty")),
    ("events", "Events", ("event", "facilitator")),
)


def collect_news(reports: Sequence[object], nation: int, cap: int = NEWS_CAP) -> list[NewsItem]:
    """The news ``nation`` saw, newest first, at most ``cap`` items (walks back from the end)."""
    out: list[NewsItem] = []
    for report in reversed(reports):
        try:
            mine = report.for_nation(nation).news  # type: ignore[attr-defined]
        except (AttributeError, IndexError):
            continue
        out.extend(reversed(mine))
        if len(out) >= cap:
            break
    return out[:cap]


class NewsPage(Panel):
    background = pal.PANEL

    def __init__(self, scene: GameScene) -> None:
        super().__init__(scene.kit)
        self.scene = scene
        self.page = 0
        self.filter = "all"

    def key(self) -> Hashable:
        return (self.scene.news_version, self.page, self.filter)

    def items(self) -> list[NewsItem]:
        cats = dict((k, c) for k, _label, c in FILTERS)[self.filter]
        news = self.scene.news
        return [n for n in news if n.category in cats] if cats else list(news)

    def pages(self) -> int:
        return max(1, (len(self.items()) + PAGE_SIZE - 1) // PAGE_SIZE)

    def go(self, page: int) -> None:
        self.page = min(max(page, 0), self.pages() - 1)
        self.scroll_to_top()

    def set_filter(self, key: str) -> None:
        self.filter = key
        self.page = 0
        self.scroll_to_top()

    def render(self, c: Canvas, width: int) -> int:
        px = c.px
        pad = px(14)
        inner = width - 2 * pad - px(6)
        x, y = pad, px(12)
        # Filters.
        fx = x
        for key, label, _cats in FILTERS:
            bw = c.kit.width(label, 12, "semibold") + px(20)
            c.button(
                f"news:filter:{key}",
                pygame.Rect(fx, y, bw, px(26)),
                label,
                _filter(self, key),
                selected=self.filter == key,
                size=12,
            )
            fx += bw + px(6)
        y += px(36)
        items = self.items()
        pages = self.pages()
        self.page = min(self.page, pages - 1)
        # Pager.
        newer = pygame.Rect(x, y, px(84), px(26))
        older = pygame.Rect(x + inner - px(84), y, px(84), px(26))
        c.button(
            "news:newer",
            newer,
            "‹ Newer",
            lambda: self.go(self.page - 1),
            enabled=self.page > 0,
            size=12,
        )
        c.button(
            "news:older",
            older,
            "Older ›",
            lambda: self.go(self.page + 1),
            enabled=self.page < pages - 1,
            size=12,
        )
        c.text(
            (x + inner // 2, y + px(13)),
            f"Page {self.page + 1} of {pages}",
            12,
            "semibold",
            pal.INK_DIM,
            anchor="center",
        )
        y += px(38)
        if not items:
            return (
                c.para(
                    x,
                    y,
                    inner,
                    "Nothing to report yet. News of every turn appears here.",
                    12,
                    "italic",
                    pal.INK_FAINT,
                )
                + pad
            )
        start = self.page * PAGE_SIZE
        turn = None
        for item in items[start : start + PAGE_SIZE]:
            if item.turn != turn:
                turn = item.turn
                y = c.heading(x, y + px(4), inner, f"Turn {turn}", id="news")
            colour = CATEGORY_COLOURS.get(item.category, pal.INK_DIM)
            dot = pygame.Rect(x, y + px(5), px(7), px(7))
            pygame.draw.rect(c.surface, colour, dot, border_radius=px(2))
            top = y
            y = c.para(
                x + px(16),
                y,
                inner - px(16),
                item.text,
                12.5,
                "regular",
                pal.INK if item.to is None else mix(pal.INK, GOLD, 0.25),
            )
            c.spot(
                f"news:item:{start}:{top}",
                pygame.Rect(x, top, inner, y - top),
                None,
                Tip(
                    item.category.capitalize(),
                    "Not public: only the nations involved saw this."
                    if item.to is not None
                    else "Public news: every nation saw it.",
                ),
            )
            y += px(6)
        return y + pad


def _filter(page: NewsPage, key: str):
    return lambda: page.set_filter(key)

"""A nation's report of the turn just resolved: what it saw, whom it blames, what changed.

Shown to each human nation (after its hand-off in hot-seat) before it plans the next
turn: the news it saw, the incidents it knows of and whom it blames, how its trust in
others changed and why, how its own stats changed, damage it could not explain, and what
waits for its answer. Only this nation's :class:`~game.engine.records.NationReport` —
fog of war applied — is used.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels import wording as w
from game.ui.panels.dialog import DialogScene
from game.ui.panels.kit import BAD, GOLD, GOOD, Canvas, Tip, mix
from game.ui.panels.news import CATEGORY_COLOURS

if TYPE_CHECKING:
    from game.engine.records import NationReport, NewsItem
    from game.engine.views import NationView
    from game.ui.app import App


NEWS_SHOWN = 9  # headlines on the card; the news log has them all
TRUST_SHOWN = 6  # nations whose trust changed most
_FIRST = {"incident": 0, "escalation": 1, "event": 2, "treaty": 3, "facilitator": 3}


def headlines(news: Sequence[NewsItem], me: str) -> list[NewsItem]:
    """The news in the order it matters to the nation ``me``: incidents, escalation and
    events first, then what names it or only it saw, then the rest (stable otherwise)."""

    def rank(item: NewsItem) -> tuple[int, int]:
        about_me = item.to is not None or me in item.text
        return (_FIRST.get(item.category, 4), 0 if about_me else 1)

    return sorted(news, key=rank)


class TurnReportScene(DialogScene):
    """The report card of one nation for one turn."""

    card_width = 920
    footer_height = 74  # (Continue stays in view however long the report)

    def __init__(
        self,
        app: App,
        report: NationReport,
        names: w.Names,
        colours: Sequence[Sequence[int]],
        *,
        view: NationView | None = None,
        open_news: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(app)
        self.report = report
        self.names = names
        self.colours = [tuple(int(v) for v in c) for c in colours]
        self.view = view
        self.open_news = open_news
        self.accent = self._colour(report.nation)

    def _colour(self, j: int | None) -> tuple[int, int, int]:
        if j is None or not 0 <= j < len(self.colours):
            return (150, 150, 160)
        c = self.colours[j]
        return (c[0], c[1], c[2])

    def body_key(self) -> Hashable:
        return (self.report.turn, self.report.nation)

    # ------------------------------------------------------------------ body

    def render_body(self, c: Canvas, width: int) -> int:
        px = c.px
        r = self.report
        pad = px(26)
        inner = width - 2 * pad
        y = px(22)
        c.text((pad, y), f"REPORT OF TURN {r.turn}", 11.5, "bold", pal.ACCENT)
        sw = px(18)
        c.swatch(pygame.Rect(pad, y + px(26), sw, sw), self._colour(r.nation), radius=4)
        c.text((pad + sw + px(10), y + px(20)), self.names.of(r.nation), 24, "bold", pal.INK)
        # Score, top right.
        score = c.text(
            (width - pad, y + px(16)), f"{r.score:.1f}", 26, "bold", GOLD, anchor="topright"
        )
        c.text(
            (score.left - px(10), y + px(20)), "SCORE", 11, "bold", pal.INK_FAINT, anchor="topright"
        )
        n = len(self.names.by_index)
        c.text(
            (score.left - px(10), y + px(36)),
            f"rank {r.rank} of {n}",
            12.5,
            "semibold",
            pal.INK_DIM,
            anchor="topright",
        )
        c.spot(
            "report:score",
            score.union(pygame.Rect(score.left - px(80), score.y, px(80), score.height)),
            lambda: self.open_entry("scores"),
            Tip(
                "Your score",
                "Security, prosperity, influence and objectives, weighted by the scenario.",
                footer="Click to read about scores in the Cyberpedia",
            ),
        )
        y += px(66)
        c.rule(pad, width - pad, y)
        y += px(16)
        two = inner >= px(700)
        gap = px(28)
        col_w = (inner - gap) // 2 if two else inner
        left_end = self._left(c, pad, y, col_w)
        if two:
            right_end = self._right(c, pad + col_w + gap, y, col_w)
            pygame.draw.line(
                c.surface,
                (30, 50, 80),
                (pad + col_w + gap // 2, y),
                (pad + col_w + gap // 2, max(left_end, right_end) - px(8)),
            )
            y = max(left_end, right_end)
        else:
            y = self._right(c, pad, left_end + px(8), col_w)
        return y + px(10)

    def render_footer(self, c: Canvas, width: int) -> int:
        px = c.px
        pad = px(26)
        c.rule(pad, width - pad, 0)
        y = px(14)
        bw = px(170)
        go = pygame.Rect(width - pad - bw, y, bw, px(42))
        c.button(
            "report:continue",
            go,
            "Continue",
            self.close,
            style="primary",
            size=15,
            tip=Tip("Continue", "Enter. Plan your next turn."),
        )
        if self.open_news is not None:
            news = pygame.Rect(go.x - px(10) - px(150), y, px(150), px(42))
            c.button(
                "report:news",
                news,
                "All the news",
                self._to_news,
                size=13,
                tip=Tip("News log", "Every turn's news, newest first"),
            )
        return go.bottom + px(18)

    def _to_news(self) -> None:
        self.close()
        if self.open_news is not None:
            self.open_news()

    def _left(self, c: Canvas, x: int, y: int, width: int) -> int:
        px = c.px
        r = self.report
        y = c.heading(x, y, width, "What you saw", id="rep")
        if not r.news:
            y = c.para(
                x,
                y,
                width,
                "A quiet turn: nothing reached your desk.",
                12.5,
                "italic",
                pal.INK_FAINT,
            )
        shown = headlines(r.news, self.names.of(r.nation))[:NEWS_SHOWN]
        for item in shown:
            colour = CATEGORY_COLOURS.get(item.category, pal.INK_DIM)
            pygame.draw.rect(c.surface, colour, (x, y + px(5), px(7), px(7)), border_radius=px(2))
            y = c.para(
                x + px(16),
                y,
                width - px(16),
                item.text,
                12.5,
                "regular",
                pal.INK if item.to is None else mix(pal.INK, GOLD, 0.25),
            ) + px(5)
        more = len(r.news) - len(shown)
        if more > 0:
            y = c.para(
                x + px(16),
                y,
                width - px(16),
                f"… and {more} more in the news log.",
                12,
                "italic",
                pal.INK_DIM,
            ) + px(5)
        return y + px(6)

    def _right(self, c: Canvas, x: int, y: int, width: int) -> int:
        px = c.px
        r = self.report
        y = c.heading(x, y, width, "Incidents", entry="attribution", id="rep")
        if not r.incidents:
            y = c.para(
                x,
                y,
                width,
                "No operation you know of, by you or against you.",
                12.5,
                "italic",
                pal.INK_FAINT,
            )
        for seen in r.incidents:
            colour = pal.OP_COLOURS.get(seen.kind, BAD)
            tag = c.pill((x, y), seen.kind, colour, 10.5)
            y2 = c.para(
                tag.right + px(8),
                y + px(1),
                width - tag.width - px(8),
                w.incident_text(seen, self.names),
                12.5,
                "regular",
                pal.INK,
                links=True,
                id=f"inc{seen.id}",
            )
            y = max(tag.bottom, y2) + px(6)
        y += px(8)
        y = c.heading(x, y, width, "Your trust changed", entry="trust", id="rep")
        grouped: dict[int, dict[str, float]] = {}
        for change in r.trust_changes:
            reasons = grouped.setdefault(change.to, {})
            reasons[change.reason] = reasons.get(change.reason, 0.0) + change.value
        if not grouped:
            y = c.para(
                x, y, width, "No change in how you see the others.", 12.5, "italic", pal.INK_FAINT
            )
        ordered = sorted(grouped.items(), key=lambda kv: -abs(sum(kv[1].values())))
        for to, reasons in ordered[:TRUST_SHOWN]:
            total = sum(reasons.values())
            sw = px(10)
            c.swatch(pygame.Rect(x, y + px(4), sw, sw), self._colour(to))
            c.text((x + sw + px(8), y), self.names.of(to), 13, "semibold", pal.INK)
            c.text(
                (x + width, y),
                w.signed(total),
                13,
                "bold",
                w.sign_colour(total, GOOD, BAD, pal.INK_DIM),
                anchor="topright",
            )
            y += px(20)
            for reason, value in sorted(reasons.items(), key=lambda kv: -abs(kv[1])):
                c.text(
                    (x + px(18), y),
                    reason[:1].upper() + reason[1:],
                    12,
                    "regular",
                    pal.INK_DIM,
                    max_width=width - px(80),
                )
                c.text(
                    (x + width, y),
                    w.signed(value),
                    12,
                    "regular",
                    mix(w.sign_colour(value, GOOD, BAD, pal.INK_DIM), pal.INK, 0.3),
                    anchor="topright",
                )
                y += px(18)
            y += px(4)
        y += px(8)
        if len(ordered) > TRUST_SHOWN:
            y = c.para(
                x,
                y,
                width,
                f"… and {len(ordered) - TRUST_SHOWN} more nations.",
                12,
                "italic",
                pal.INK_DIM,
            ) + px(4)
        y = c.heading(x, y, width, "Your nation", id="rep")
        changes = [(k, v) for k, v in r.stat_changes.items() if abs(v) >= 0.05]
        if not changes:
            y = c.para(x, y, width, "Your stats did not change.", 12.5, "italic", pal.INK_FAINT)
        cx = x
        for stat, delta in changes:
            text = f"{w.STAT_LABELS.get(stat, stat)} {w.signed(delta)}"
            colour = GOOD if delta >= 0 else BAD
            probe = c.kit.width(text, 11.5, "semibold") + px(16)
            if cx + probe > x + width:
                cx = x
                y += px(26)
            tag = c.pill((cx, y), text, colour, 11.5)
            cx = tag.right + px(6)
        y += px(32)
        if r.unexplained:
            y = c.heading(x, y, width, "Unexplained damage", entry="detection", id="rep")
            for line in r.unexplained:
                y = c.para(
                    x + px(16), y, width - px(16), line, 12.5, "regular", mix(BAD, pal.INK, 0.4)
                ) + px(3)
            y = c.para(
                x + px(16),
                y,
                width - px(16),
                "Something hit you and you did not notice who. More defense and attribution help.",
                11.5,
                "italic",
                pal.INK_FAINT,
            ) + px(8)
        waiting = len(r.proposals_received) + len(r.choices_pending)
        if waiting:
            y = c.heading(x, y, width, "Waiting for you", id="rep")
            parts = []
            if r.proposals_received:
                parts.append(w.plural(len(r.proposals_received), "proposal"))
            if r.choices_pending:
                parts.append(w.plural(len(r.choices_pending), "decision"))
            y = c.para(
                x, y, width, " and ".join(parts) + " in your inbox.", 12.5, "semibold", GOLD
            ) + px(6)
        return y

    def on_accept(self) -> None:
        self.close()

    def on_cancel(self) -> None:
        self.close()

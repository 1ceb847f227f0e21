"""The end of the game: who won, the ranking, and every nation's score breakdown.

The result is public (every nation's score is revealed once the game is over). From here:
the debrief (:meth:`EndScreen.open_debrief`: :class:`game.ui.scenes.debrief.DebriefScene`,
the full after-action review — disabled if it cannot be imported), back to the map to
look round, or the main menu.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels import links
from game.ui.panels import wording as w
from game.ui.panels.dialog import DialogScene
from game.ui.panels.kit import GOLD, Canvas, Tip, mix, stability_colour

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.ui.app import App

ROWS_SHOWN = 14  # more nations than this: the top 12 and the human nations
PARTS = (
    ("security", "Security"),
    ("prosperity", "Prosperity"),
    ("influence", "Influence"),
    ("objectives", "Objectives"),
)


class EndScreen(DialogScene):
    card_width = 940
    footer_height = 78  # (the way on stays in view however many nations there are)
    accent = GOLD
    scrim_alpha = 200

    def __init__(
        self, app: App, game: Game, colours: Sequence[Sequence[int]], *, humans: Sequence[str] = ()
    ) -> None:
        super().__init__(app)
        self.game = game
        self.result = game.result()
        self.names = game.state.world.names
        self.colours = [tuple(int(v) for v in c) for c in colours]
        self.humans = set(humans)

    def body_key(self) -> Hashable:
        return (self.result.outcome, links.available(links.DEBRIEF))

    def _colour(self, j: int) -> tuple[int, int, int]:
        c = self.colours[j] if 0 <= j < len(self.colours) else (150, 150, 160)
        return (c[0], c[1], c[2])

    def render_body(self, c: Canvas, width: int) -> int:
        px = c.px
        res = self.result
        pad = px(28)
        inner = width - 2 * pad
        y = px(24)
        c.text((width // 2, y), "THE GAME IS OVER", 12, "bold", GOLD, anchor="midtop")
        y += px(24)
        headline = res.headline(self.names)
        for line in c.kit.wrap(headline, inner, 26, "bold"):
            c.text((width // 2, y), line, 26, "bold", pal.INK, anchor="midtop")
            y += c.kit.line_height(26, "bold")
        stability = float(self.game.state.stability)
        sub = f"{self.game.scenario.title}  ·  {len(self.game.history)} turns played  ·  "
        sub += f"world stability {stability:.0f}"
        if res.shared_goal_met is not None:
            sub += "  ·  shared goal " + ("met" if res.shared_goal_met else "missed")
        c.text((width // 2, y + px(4)), sub, 13, "regular", pal.INK_DIM, anchor="midtop")
        y += px(36)
        y = self._table(c, pad, y, inner)
        return y + px(18)

    def render_footer(self, c: Canvas, width: int) -> int:
        pad = c.px(28)
        c.rule(pad, width - pad, 0)
        return self._buttons(c, pad, c.px(16), width - 2 * pad) + c.px(20)

    def _table(self, c: Canvas, x: int, y: int, width: int) -> int:
        px = c.px
        res = self.result
        has_obj = any(s.objectives is not None for s in res.scores)
        parts = [p for p in PARTS if p[0] != "objectives" or has_obj]
        name_w = px(230)
        total_w = px(190)
        part_w = (width - name_w - total_w) // len(parts)
        # Header.
        hx = x + name_w
        c.text((x + px(40), y), "NATION", 11, "bold", pal.INK_FAINT)
        c.text((hx, y), "SCORE  ·  EACH PART 0–100", 11, "bold", pal.INK_FAINT)
        for k, (_key, label) in enumerate(parts):
            c.text(
                (hx + total_w + k * part_w + part_w // 2, y),
                label.upper(),
                11,
                "bold",
                pal.INK_FAINT,
                anchor="midtop",
            )
        y += px(22)
        best = max((s.total for s in res.scores), default=1.0) or 1.0
        compact = len(res.ranking) > 8  # many nations: tighter rows, so it fits
        pitch = px(34) if compact else px(44)
        o = -px(5) if compact else 0  # moves the row's contents up with its height
        rows = list(enumerate(res.ranking, start=1))
        hidden = 0
        if len(rows) > ROWS_SHOWN:
            # A crowded world: the top of the table, and every human nation wherever it is.
            humans = {self.game.ids.index(h) for h in self.humans if h in self.game.ids}
            kept = [r for r in rows if r[0] <= ROWS_SHOWN - 2 or r[1] in humans]
            hidden = len(rows) - len(kept)
            rows = kept
        for rank, j in rows:
            s = res.scores[j]
            row = pygame.Rect(x - px(10), y - px(4), width + px(20), pitch - px(4))
            winner = j in res.winners
            fill = (
                mix((18, 32, 56), GOLD, 0.12)
                if winner
                else ((22, 38, 64) if rank % 2 else (18, 32, 56))
            )
            c.box(row, fill, GOLD if winner else None, radius=6)
            c.text(
                (x + px(4), y + px(6) + o), f"{rank}", 16, "bold", GOLD if winner else pal.INK_DIM
            )
            sw = px(12)
            c.swatch(pygame.Rect(x + px(40), y + px(10) + o, sw, sw), self._colour(j))
            name = self.names[j]
            nr = c.text(
                (x + px(40) + sw + px(8), y + px(6) + o),
                name,
                14,
                "semibold",
                pal.INK,
                max_width=name_w - px(80),
            )
            nid = self.game.ids[j]
            if nid in self.humans:
                c.pill((nr.right + px(8), y + px(8) + o), "human", pal.ACCENT, 9.5)
            bar = pygame.Rect(x + name_w, y + px(12) + o, total_w - px(64), px(8))
            c.bar(bar, s.total, GOLD if winner else pal.ACCENT, maximum=max(100.0, best))
            c.text(
                (x + name_w + total_w - px(14), y + px(5) + o),
                f"{s.total:.1f}",
                15,
                "bold",
                pal.INK,
                anchor="topright",
            )
            for k, (key, _label) in enumerate(parts):
                value = getattr(s, key)
                text = "—" if value is None else f"{value:.0f}"
                cx = x + name_w + total_w + k * part_w + part_w // 2
                colour = (
                    pal.INK_DIM if value is None else mix(stability_colour(value), pal.INK, 0.45)
                )
                c.text((cx, y + px(7) + o), text, 13.5, "semibold", colour, anchor="midtop")
            met, met_texts = w.objectives_met(self.game.scenario, nid, s.objectives_met)
            c.spot(
                f"end:row:{j}",
                row,
                None,
                Tip(
                    f"{rank}. {name}: {s.total:.1f}",
                    text="Met: " + "; ".join(met_texts) if met_texts else "",
                    rows=(
                        *(
                            (
                                label,
                                "—" if getattr(s, key) is None else f"{getattr(s, key):.1f}",
                                None,
                            )
                            for key, label in parts
                        ),
                        *((("Objectives met", met, None),) if s.objectives is not None else ()),
                    ),
                ),
            )
            y += pitch
        if hidden:
            c.text((x + px(40), y), f"… and {hidden} more nations", 12.5, "italic", pal.INK_DIM)
            y += px(24)
        return y

    def _buttons(self, c: Canvas, x: int, y: int, width: int) -> int:
        px = c.px
        h = px(42)
        ready = links.available(links.DEBRIEF)
        debrief = pygame.Rect(x, y, px(170), h)
        c.button(
            "end:debrief",
            debrief,
            "Debrief",
            self.open_debrief,
            enabled=ready,
            style="primary",
            size=14,
            tip=Tip("Debrief", "The after-action review: charts, key moments, questions.")
            if ready
            else Tip("Debrief", "coming in the classroom build", warning=True),
        )
        menu_label = "Main menu" if links.available(links.MAIN_MENU) else "Quit"
        menu = pygame.Rect(x + width - px(150), y, px(150), h)
        c.button(
            "end:menu",
            menu,
            menu_label,
            self.to_menu,
            size=14,
            tip=Tip(menu_label, "Leave this game (it was autosaved)."),
        )
        back = pygame.Rect(menu.x - px(10) - px(170), y, px(170), h)
        c.button(
            "end:map",
            back,
            "Back to the map",
            self.close,
            size=14,
            tip=Tip(
                "Back to the map", "Look round the final state; End turn brings this screen back."
            ),
        )
        return y + h

    def open_debrief(self) -> None:
        """The classroom debrief (``game.ui.scenes.debrief.DebriefScene``), if it exists."""
        links.debrief(self.app, self.game)

    def to_menu(self) -> None:
        links.leave_to_main_menu(self.app)

    def on_accept(self) -> None:
        self.close()

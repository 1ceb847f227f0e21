"""A team's briefing: who it is, what it wants, and the secret objectives only it knows.

Shown privately to every human nation at the start of the game, right after its
hand-off (so no other team is looking), and again whenever the team asks during its own
turn (B, or the Briefing button of the top bar or the Nation tab). Everything comes from
the nation's own view (``view.my_nation``): the scenario's briefing, the public
objectives, the secret objectives, and where it starts.

Enter or Esc closes it.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

import pygame

from game.engine.types import STATS
from game.ui import palettes as pal
from game.ui.panels import wording as w
from game.ui.panels.dialog import DialogScene
from game.ui.panels.kit import GOLD, GOOD, Canvas, Tip, mix
from game.words import possessive

if TYPE_CHECKING:
    from game.engine.views import NationView
    from game.scenario.models import Objective
    from game.ui.app import App

_STAT_COLOUR = {
    "economy": (240, 196, 90),
    "infrastructure": (92, 204, 150),
    "offense": (240, 112, 88),
    "defense": (79, 179, 255),
    "attribution": (178, 140, 230),
    "cohesion": (230, 150, 200),
}


class BriefingScene(DialogScene):
    """The briefing card of the nation ``view`` belongs to."""

    card_width = 820

    def __init__(
        self,
        app: App,
        view: NationView,
        colour: Sequence[int],
        *,
        first: bool = False,
        met: Sequence[str] | None = None,
    ) -> None:
        super().__init__(app)
        self.view = view
        self.nation = view.my_nation
        self.colour = (int(colour[0]), int(colour[1]), int(colour[2]))
        self.first = first
        self.met = tuple(met) if met is not None else None
        self.accent = self.colour

    @property
    def name(self) -> str:
        return self.nation.name

    def body_key(self) -> Hashable:
        return (self.nation.id, self.first)

    def render_body(self, c: Canvas, width: int) -> int:
        px = c.px
        view = self.view
        scenario = view.world.scenario
        pad = px(30)
        inner = width - 2 * pad
        y = px(24)
        c.text(
            (pad, y),
            f"BRIEFING  ·  FOR {possessive(self.name).upper()} EYES ONLY",
            11.5,
            "bold",
            mix(self.colour, pal.INK, 0.3),
        )
        turn = f"Turn {min(view.turn, view.last_turn)} of {view.last_turn}"
        c.text((width - pad, y), turn, 11.5, "semibold", pal.INK_DIM, anchor="topright")
        y += px(24)
        sw = px(26)
        c.swatch(pygame.Rect(pad, y + px(4), sw, sw), self.colour, radius=5)
        c.text((pad + sw + px(12), y), self.name, 28, "bold", pal.INK)
        y += px(42)
        c.text((pad, y), scenario.title, 13, "semibold", pal.INK_DIM, max_width=inner)
        y += px(26)
        if self.nation.briefing:
            y = c.heading(pad, y, inner, "Your briefing", id="briefing")
            y = c.para(
                pad,
                y,
                inner,
                self.nation.briefing.strip(),
                14,
                "regular",
                pal.INK,
                links=True,
                id="briefing",
            ) + px(12)
        if self.nation.objectives:
            y = c.heading(
                pad, y, inner, "Objectives", right="other teams may know these", id="briefing"
            )
            y = self._goals(c, pad, y, inner, self.nation.objectives, secret=False) + px(6)
        if self.nation.secret_objectives:
            y = c.heading(
                pad,
                y,
                inner,
                "Secret objectives",
                right="only your team knows these",
                id="briefing",
            )
            y = self._goals(c, pad, y, inner, self.nation.secret_objectives, secret=True) + px(6)
        if not (self.nation.objectives or self.nation.secret_objectives):
            y = c.para(
                pad,
                y,
                inner,
                "No objectives of your own: score well on security, "
                "prosperity and influence, and keep the world stable.",
                13,
                "italic",
                pal.INK_DIM,
            ) + px(10)
        y = self._start(c, pad, y, inner)
        y += px(14)
        hint = "Reopen it any time during your turn: press B, or the Briefing button at the top."
        c.para(pad, y + px(10), inner - px(200), hint, 12, "italic", pal.INK_FAINT)
        label = "Start planning" if self.first else "Back to the game"
        button = pygame.Rect(width - pad - px(180), y, px(180), px(42))
        c.button(
            "briefing:close",
            button,
            label,
            self.close,
            style="primary",
            size=14,
            tip=Tip(label, "Enter or Esc"),
        )
        return button.bottom + pad

    def _goals(
        self, c: Canvas, x: int, y: int, width: int, goals: Sequence[Objective], secret: bool
    ) -> int:
        px = c.px
        for goal in goals:
            done = self.met is not None and goal.id in self.met
            mark = "✓" if done else ("◆" if secret else "•")
            colour = GOOD if done else (GOLD if secret else pal.INK_DIM)
            c.text((x, y), mark, 13.5, "bold", colour)
            points = c.kit.text(
                f"{goal.points:g} pts", 12, "semibold", GOLD if secret else pal.INK_DIM
            )
            c.surface.blit(points, points.get_rect(topright=(x + width, y + px(1))))
            y = c.para(
                x + px(22),
                y,
                width - px(22) - points.get_width() - px(12),
                goal.text.strip(),
                13.5,
                "regular",
                GOLD if secret else pal.INK,
            )
            y += px(6)
        return y

    def _start(self, c: Canvas, x: int, y: int, width: int) -> int:
        px = c.px
        view = self.view
        y = c.heading(
            x,
            y,
            width,
            "Where you stand",
            right=f"budget {view.budget:.1f} a turn"
            f"  ·  {view.world.scenario.actions_per_turn} actions a turn",
            id="briefing",
        )
        cols = 3
        gap = px(18)
        cw = (width - gap * (cols - 1)) // cols
        for k, stat in enumerate(STATS):
            cx = x + (k % cols) * (cw + gap)
            cy = y + (k // cols) * px(30)
            value = float(view.own_stats[k])
            c.text((cx, cy), w.STAT_LABELS[stat], 12, "regular", pal.INK_DIM)
            vs = c.kit.text(f"{value:.0f}", 12.5, "bold", pal.INK)
            c.surface.blit(vs, vs.get_rect(topright=(cx + cw, cy)))
            bar = pygame.Rect(cx, cy + px(18), cw, px(5))
            c.bar(bar, value, _STAT_COLOUR[stat])
        return y + 2 * px(30) + px(4)

    def on_accept(self) -> None:
        self.close()

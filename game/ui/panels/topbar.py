"""The top bar: menu, briefing, scenario and turn, the turn timer, world stability, budget,
action slots, lenses.

The stability gauge explains itself on hover: every term of the world's stability with
its label (:data:`game.engine.scoring.STABILITY_LABELS`), its value, weight and the points
it contributes. Budget and slots follow the orders being put together, so they show what
is *left*. The six lens buttons squeeze to their numbers on narrow windows.

Classroom parts: the Briefing button (B) reopens the team's briefing during its turn; in
facilitator mode a Facilitator button opens the console (Ctrl+Shift+F); when the
facilitator runs a turn timer its countdown is shown big, red with a warning in the last
minute, and PAUSED while the game is paused.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

import pygame

from game.engine.scoring import STABILITY_LABELS
from game.ui import palettes as pal
from game.ui.facilitator.console import FACILITATOR
from game.ui.facilitator.desk import WARNING_AT
from game.ui.mapview.lenses import LENSES
from game.ui.panels.kit import (
    EDGE,
    GOLD,
    GOOD,
    Canvas,
    Tip,
    mix,
    stability_colour,
)
from game.ui.panels.panel import Panel

if TYPE_CHECKING:
    from game.ui.scenes.game_scene import GameScene

TOP_BAR = 56  # pixels at UI scale 1
TITLE_MIN, TITLE_MAX = 150, 320
BLOCKS = (("stability", 176), ("budget", 108), ("actions", 112))
BLOCKS_NARROW = (("stability", 116), ("budget", 86), ("actions", 96))
TIMER_BLOCK = ("timer", 118)
TIMER_WARNING = (255, 96, 80)


class TopBar(Panel):
    scrollable = False
    background = pal.PANEL

    def __init__(self, scene: GameScene) -> None:
        super().__init__(scene.kit)
        self.scene = scene
        self._short_lenses = False  # lens buttons squeezed to make room for the blocks

    def key(self) -> Hashable:
        sc = self.scene
        book = sc.book
        return (
            sc.data_version,
            book.version if book else -1,
            sc.map.lens_key,
            sc.phase,
            sc.viewer,
            sc.thinking,
            sc.facilitator,
            sc.paused,
            sc.desk.timer_seconds,
            None if sc.desk.time_left is None else int(sc.desk.time_left),
        )

    def render(self, c: Canvas, width: int) -> int:
        sc = self.scene
        view = sc.view
        h = self.rect.height
        px = c.px
        pygame.draw.line(c.surface, EDGE, (0, h - 1), (width, h - 1))
        x = px(10)
        # Menu.
        size = px(36)
        menu = pygame.Rect(x, (h - size) // 2, size, size)
        hovered = c.button(
            "bar:menu",
            menu,
            "",
            sc.open_menu,
            tip=Tip("Menu (Esc)", "Save, load, settings, help, Cyberpedia, quit."),
            style="ghost",
        )
        ink = pal.INK if hovered else pal.INK_DIM
        for k in (-1, 0, 1):
            y = menu.centery + k * px(6)
            pygame.draw.line(c.surface, ink, (menu.x + px(10), y), (menu.right - px(10), y), 2)
        x = menu.right + px(8)
        x = self._classroom(c, x, h)

        timer = (sc.desk.timer_seconds > 0 and not sc.game.over) or sc.paused
        self._short_lenses = False
        lens_w = self._lens_width(c, width)
        if self._lens_mode(c, width) == "full":
            # The stat blocks (and the timer) matter more than long lens names.
            first = (TIMER_BLOCK,) if timer else ()
            blocks_w = sum(px(w) + px(14) for _, w in first + BLOCKS)
            if width - px(10) - lens_w - x - px(12) < px(TITLE_MIN) + blocks_w:
                self._short_lenses = True
                lens_w = self._lens_width(c, width)
        lens_x = width - px(10) - lens_w
        title_w, blocks = self._fit(lens_x - x - px(12), px, timer, self._title_wanted(c))
        self._title(c, x, title_w)
        x += title_w + px(14)
        for name, w in blocks:
            rect = pygame.Rect(x, px(8), w, h - px(16))
            if name == "stability" and view is not None:
                self._stability(c, rect)
            elif name == "budget":
                self._budget(c, rect)
            elif name == "actions":
                self._actions(c, rect)
            elif name == "timer":
                self._timer(c, rect)
            x += w + px(14)
        self._lenses(c, lens_x, lens_w)
        return h

    def _fit(
        self, room: int, px: Callable[[float], int], timer: bool = False, want: int = 0
    ) -> tuple[int, list[tuple[str, int]]]:
        """The title's width and the stat blocks that fit in ``room`` pixels: full size
        when that leaves the title the ``want`` pixels it needs (at least TITLE_MIN),
        then narrower, then the last ones left out (the timer, when there is one, first
        and never left out). A scenario or nation name cut short is worse than a
        shorter gauge."""
        gap = px(14)
        first = (TIMER_BLOCK,) if timer else ()
        full = [(name, px(w)) for name, w in first + BLOCKS]
        need = sum(w for _, w in full) + gap * len(full)
        if room - need >= max(px(TITLE_MIN), min(want, px(TITLE_MAX))):
            return min(room - need, px(TITLE_MAX)), full
        blocks = [(name, px(w)) for name, w in first + BLOCKS_NARROW]
        while len(blocks) > len(first) and (
            sum(w for _, w in blocks) + gap * len(blocks) > room - px(TITLE_MIN)
        ):
            blocks.pop()
        return max(px(TITLE_MIN), room - sum(w for _, w in blocks) - gap * len(blocks)), blocks

    # ------------------------------------------------------------------ parts

    def _classroom(self, c: Canvas, x: int, h: int) -> int:
        """The Briefing button, and the Facilitator button in facilitator mode."""
        sc = self.scene
        px = c.px
        bh = px(36)
        y = (h - bh) // 2
        if not sc.spectating:
            ready = sc.phase == "planning" and sc.book is not None
            rect = pygame.Rect(x, y, c.kit.width("Briefing", 13, "semibold") + px(22), bh)
            c.button(
                "bar:briefing",
                rect,
                "Briefing",
                sc.open_briefing,
                enabled=ready,
                style="ghost",
                tip=Tip(
                    "Your briefing  (B)",
                    "Who you are, your objectives and your secret "
                    "objectives. Only your team sees it.",
                )
                if ready
                else Tip("Your briefing", "Opens during your own turn.", warning=True),
            )
            x = rect.right + px(6)
        if sc.facilitator:
            rect = pygame.Rect(x, y, bh, bh)
            c.button(
                "bar:facilitator",
                rect,
                "F",
                sc.desk.request,
                style="ghost",
                size=15,
                colour=FACILITATOR,
                selected=sc.desk.open,
                tip=Tip(
                    "Facilitator console  (Ctrl+Shift+F)",
                    "For the teacher: pause, "
                    "inject events, adjust, hand seats to the AI, roll back, the turn "
                    "timer. Asks the PIN if one was set.",
                ),
            )
            x = rect.right + px(6)
        return x + px(6)

    def _timer(self, c: Canvas, rect: pygame.Rect) -> None:
        sc = self.scene
        desk = sc.desk
        px = c.px
        if sc.paused:
            self._label(c, rect, "THE GAME IS")
            c.text(
                (rect.x, rect.bottom + px(3)),
                "PAUSED",
                21,
                "bold",
                FACILITATOR,
                anchor="bottomleft",
            )
            return
        left = desk.time_left
        minutes = desk.timer_seconds // 60
        if left is None:
            self._label(c, rect, "TURN TIMER")
            c.text(
                (rect.x, rect.bottom + px(1)),
                f"{minutes} min a team",
                13,
                "semibold",
                pal.INK_DIM,
                anchor="bottomleft",
            )
            return
        secs = max(0, int(left))
        warning = left <= WARNING_AT
        colour = TIMER_WARNING if warning else pal.INK
        tip = Tip(
            "Turn timer",
            f"{minutes} minutes a team. When it runs out, the orders you queued are sent "
            "as they are.",
        )
        c.spot("bar:timer", rect, None, tip)
        if warning:
            c.box(
                rect.inflate(px(8), px(4)),
                mix(pal.PANEL, TIMER_WARNING, 0.22),
                TIMER_WARNING,
                radius=6,
            )
        if warning:
            c.text((rect.x, rect.y), "1 MINUTE LEFT!", 10, "bold", TIMER_WARNING)
        else:
            self._label(c, rect, "TIME LEFT")
        c.text(
            (rect.x, rect.bottom + px(4)),
            f"{secs // 60}:{secs % 60:02d}",
            22,
            "bold",
            colour,
            anchor="bottomleft",
        )

    def _title_wanted(self, c: Canvas) -> int:
        """Pixels the title block needs to show the scenario and the viewer whole."""
        sc = self.scene
        px = c.px
        wanted = c.kit.width(sc.game.scenario.title, 15, "bold")
        if sc.view is not None and not sc.spectating:
            name = sc.names.of(sc.viewer) + ("  ·  facilitator" if sc.facilitator else "")
            last = sc.view.last_turn
            line = c.kit.width(f"Turn {last} of {last}", 12.5, "semibold")
            line += px(10) + px(10) + px(6) + c.kit.width(name, 12.5, "semibold")
            wanted = max(wanted, line)
        return wanted + px(2)

    def _title(self, c: Canvas, x: int, width: int) -> None:
        sc = self.scene
        px = c.px
        title = sc.game.scenario.title
        c.text((x, px(8)), title, 15, "bold", pal.INK, max_width=width)
        view = sc.view
        if view is None:
            return
        turn = min(view.turn, view.last_turn)
        y = px(31)
        label = f"Turn {turn} of {view.last_turn}"
        if view.over:
            label = "Game over"
        r = c.text((x, y), label, 12.5, "semibold", pal.INK_DIM)
        x2 = r.right + px(10)
        if sc.spectating:
            c.text(
                (x2, y),
                "·  watching the AI",
                12.5,
                "regular",
                pal.INK_DIM,
                max_width=x + width - x2,
            )
            return
        sw = px(10)
        c.swatch(pygame.Rect(x2, y + px(4), sw, sw), sc.colour(sc.viewer))
        name = sc.names.of(sc.viewer)
        if sc.facilitator:
            name += "  ·  facilitator"
        c.text(
            (x2 + sw + px(6), y),
            name,
            12.5,
            "semibold",
            pal.INK,
            max_width=x + width - x2 - sw - px(6),
        )

    def _label(self, c: Canvas, rect: pygame.Rect, text: str) -> None:
        c.text((rect.x, rect.y), text, 10, "bold", pal.INK_FAINT)

    def _stability(self, c: Canvas, rect: pygame.Rect) -> None:
        sc = self.scene
        view = sc.view
        assert view is not None
        stab = view.stability
        rows = []
        for name in stab.terms:
            points = stab.contribution(name)
            label = STABILITY_LABELS.get(name, name).capitalize()
            rows.append(
                (
                    label,
                    f"{points:.1f}  ({stab.terms[name] * 100:.0f}%)",
                    mix(pal.INK, stability_colour(stab.terms[name] * 100), 0.6),
                )
            )
        scoring = sc.game.scenario.scoring
        tip = Tip(
            f"World stability {stab.total:.0f} / 100",
            "Points each term adds (and how much of it the world has). Below "
            f"{scoring.collapse_threshold:g} for {scoring.collapse_turns} turns, the "
            "world order collapses and every nation loses.",
            tuple(rows),
            footer="Click to read about stability in the Cyberpedia",
        )
        hovered = c.spot("bar:stability", rect, lambda: sc.open_entry("stability"), tip)
        if hovered:
            c.box(rect.inflate(c.px(8), c.px(4)), (22, 40, 68), None, radius=6)
        self._label(c, rect, "WORLD STABILITY")
        colour = stability_colour(stab.total)
        value = c.kit.text(f"{stab.total:.0f}", 17, "bold", colour)
        vy = rect.bottom - value.get_height() + c.px(3)
        c.surface.blit(value, (rect.right - value.get_width(), vy))
        bar = pygame.Rect(
            rect.x, rect.bottom - c.px(12), rect.width - value.get_width() - c.px(10), c.px(7)
        )
        c.bar(bar, stab.total, colour, marker=float(scoring.collapse_threshold))

    def _budget(self, c: Canvas, rect: pygame.Rect) -> None:
        sc = self.scene
        book = sc.book
        view = sc.view
        if book is not None:
            left, total = book.budget_left, book.budget
        elif view is not None:
            left, total = view.budget, view.budget
        else:
            return
        tip = Tip(
            "Budget",
            f"Points to spend this turn: {total:.1f}. Actions and investments "
            "spend it; every unspent point adds a little economy.",
            footer="Click to open your orders",
        )
        hovered = c.spot("bar:budget", rect, lambda: sc.show_tab("orders"), tip)
        if hovered:
            c.box(rect.inflate(c.px(8), c.px(4)), (22, 40, 68), None, radius=6)
        self._label(c, rect, "BUDGET LEFT")
        v = c.text((rect.x, rect.y + c.px(14)), f"{left:.1f}", 17, "bold", GOLD)
        c.text(
            (v.right + c.px(4), v.bottom - c.px(18)), f"/ {total:.1f}", 12, "regular", pal.INK_DIM
        )

    def _actions(self, c: Canvas, rect: pygame.Rect) -> None:
        sc = self.scene
        book = sc.book
        if book is None:
            return
        tip = Tip(
            "Action slots",
            f"{book.slots_left} of {book.slots} left this turn. Posture, "
            "investments and answers are free.",
            footer="Click to open your orders",
        )
        hovered = c.spot("bar:actions", rect, lambda: sc.show_tab("orders"), tip)
        if hovered:
            c.box(rect.inflate(c.px(8), c.px(4)), (22, 40, 68), None, radius=6)
        self._label(c, rect, "ACTIONS LEFT")
        r = c.px(6)
        cy = rect.y + c.px(27)
        x = rect.x + r
        for k in range(book.slots):
            free = k < book.slots_left
            if free:
                pygame.draw.circle(c.surface, GOOD, (x, cy), r)
            else:
                pygame.draw.circle(c.surface, pal.INK_FAINT, (x, cy), r, max(1, c.px(2)))
            x += 2 * r + c.px(5)
        c.text(
            (x + c.px(2), cy),
            f"{book.slots_left} of {book.slots}",
            12.5,
            "semibold",
            pal.INK,
            anchor="midleft",
        )

    # ------------------------------------------------------------------ lenses

    def _lens_mode(self, c: Canvas, width: int) -> str:
        if self._short_lenses:
            return "short"
        full = sum(
            c.kit.width(f"{spec.number}  {spec.title}", 13, "semibold") + c.px(22)
            for spec in LENSES
        ) + c.px(4) * (len(LENSES) - 1)
        return "full" if full <= width * 0.42 else "short"

    def _lens_width(self, c: Canvas, width: int) -> int:
        if self._lens_mode(c, width) == "full":
            return sum(
                c.kit.width(f"{spec.number}  {spec.title}", 13, "semibold") + c.px(22)
                for spec in LENSES
            ) + c.px(4) * (len(LENSES) - 1)
        return len(LENSES) * c.px(34) + c.px(4) * (len(LENSES) - 1)

    def _lenses(self, c: Canvas, x: int, total: int) -> None:
        sc = self.scene
        full = self._lens_mode(c, self.rect.width) == "full"
        h = c.px(34)
        y = (self.rect.height - h) // 2
        for spec in LENSES:
            label = f"{spec.number}  {spec.title}" if full else str(spec.number)
            w = c.kit.width(label, 13, "semibold") + c.px(22) if full else c.px(34)
            rect = pygame.Rect(x, y, w, h)
            c.button(
                f"lens:{spec.key}",
                rect,
                label,
                _set_lens(sc, spec.key),
                selected=sc.map.lens_key == spec.key,
                tip=Tip(f"{spec.title} lens  ({spec.number})", spec.hint.capitalize() + "."),
            )
            x += w + c.px(4)


def _set_lens(scene: GameScene, key: str):
    return lambda: scene.set_lens(key)

"""The facilitator console: a panel docked over the left of the map.

Top: the session — pause, the facilitator view, the turn timer, pin and close. Below, a
reason field (what goes in the log) and six tabs: Inject (every scenario event, the
facilitator-only injects first), Adjust (a nation's stat, one nation's trust in another),
Seats (hand a team to the AI and back), Turns (roll back, extend, end), Log (everything the
facilitator did) and Ops (every covert operation with its true attacker). What the
engine refuses is said in one line under the reason field.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.engine.types import STATS
from game.ui import palettes as pal
from game.ui.facilitator.desk import TABS, TIMER_CHOICES
from game.ui.panels import wording as w
from game.ui.panels.kit import BAD, GOLD, GOOD, Canvas, Tip, mix
from game.ui.panels.panel import Panel

if TYPE_CHECKING:
    from game.engine.records import OperationRecord
    from game.ui.facilitator.desk import Desk

#: The facilitator's colour (the news category's): magenta, unlike any team's look.
FACILITATOR = (214, 110, 190)
CONSOLE_WIDTH = 440  # pixels at UI scale 1 (at most 45% of the map...)
CONSOLE_MIN = 360  # (...but never narrower than this)
ATTRIBUTION = {
    "correct": (GOOD, "blamed correctly"),
    "misattributed": (BAD, "blamed on the wrong nation"),
    "cleared": ((120, 220, 255), "cleared by a hotline"),
    "unattributed": (GOLD, "detected, nobody blamed"),
    "undetected": (pal.INK_FAINT, "never detected"),
}


def run(fn: Callable[..., object], *args: object) -> Callable[[], None]:
    """A click action calling ``fn(*args)`` (whatever it returns)."""

    def click() -> None:
        fn(*args)

    return click


def attribution_of(op: OperationRecord) -> str:
    """How an operation record was attributed, with hotline corrections apart."""
    if not op.detected or op.blamed is None:
        return "undetected"
    if op.corrected_by_hotline:
        return "cleared"
    if op.correct:
        return "correct"
    if op.blamed < 0:
        return "unattributed"
    return "misattributed"


class ConsolePanel(Panel):
    background = (16, 20, 40)

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk.scene.kit)
        self.desk = desk

    def key(self) -> Hashable:
        d = self.desk
        sc = d.scene
        return (
            d.version,
            sc.data_version,
            sc.phase,
            sc.thinking,
            sc.paused,
            sc.view.turn,
            len(sc.game.facilitator_log),
            d.reason.text,
            d.reason.focused,
            int(sc.time * 2) % 2 if d.reason.focused else 0,  # the caret blinks
        )

    # ------------------------------------------------------------------ drawing

    def render(self, c: Canvas, width: int) -> int:
        d = self.desk
        px = c.px
        pad = px(16)
        inner = width - 2 * pad - px(6)
        pygame.draw.line(c.surface, FACILITATOR, (width - 2, 0), (width - 2, 10**5), 3)
        y = self._header(c, pad, px(14), inner)
        y = self._session(c, pad, y, inner)
        y = self._tabs(c, pad, y + px(6), inner)
        if d.scene.thinking:
            # The game is being resolved in the background: nothing of it is read now.
            y = c.para(
                pad,
                y,
                inner,
                "The AI nations are playing and the turn is being "
                "resolved; the console is back in a moment.",
                12.5,
                "italic",
                pal.INK_DIM,
            )
            return y + pad
        if d.tab in ("inject", "adjust", "seats", "turns"):
            y = self._reason(c, pad, y, inner)
        y = self._message(c, pad, y, inner)
        body: dict[str, Callable[[Canvas, int, int, int], int]] = {
            "inject": self._inject,
            "adjust": self._adjust,
            "seats": self._seats,
            "turns": self._turns,
            "log": self._log,
            "ops": self._ops,
        }
        y = body[d.tab](c, pad, y, inner)
        return y + pad

    def _header(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        sc = d.scene
        px = c.px
        c.text((x, y), "FACILITATOR CONSOLE", 12, "bold", FACILITATOR)
        close = pygame.Rect(x + width - px(30), y - px(4), px(30), px(28))
        c.button(
            "fac:close",
            close,
            "×",
            d.close,
            size=16,
            tip=Tip("Close the console", "Ctrl+Shift+F or Esc. The game goes on."),
        )
        pin = pygame.Rect(close.x - px(6) - px(78), close.y, px(78), px(28))
        c.button(
            "fac:pin",
            pin,
            "Pinned" if d.pinned else "Pin",
            d.toggle_pinned,
            size=12,
            selected=d.pinned,
            tip=Tip(
                "Pin the console",
                "Unpinned (the default), the game waits while the console is open and "
                "no team ever sees it. Pinned, it stays open when the next team takes "
                "the device — only if the teams cannot see your screen.",
            ),
        )
        y += px(24)
        view = sc.view  # (the UI's copy: the game may be resolving in the background)
        status = _status(d)
        c.text(
            (x, y),
            f"Turn {min(view.turn, view.last_turn)} of {view.last_turn}  ·  {status}",
            12.5,
            "semibold",
            pal.INK_DIM,
            max_width=width,
        )
        return y + px(26)

    def _session(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        sc = d.scene
        px = c.px
        half = (width - px(8)) // 2
        pause = pygame.Rect(x, y, half, px(40))
        c.button(
            "fac:pause",
            pause,
            "Resume the game" if sc.paused else "Pause the game",
            d.toggle_pause,
            style="danger" if sc.paused else "primary",
            size=14,
            tip=Tip(
                "Pause",
                "Nothing advances while paused, and the class sees a "
                "PAUSED banner. Press again to go on.",
            ),
        )
        view = pygame.Rect(pause.right + px(8), y, width - half - px(8), px(40))
        c.button(
            "fac:omniscient",
            view,
            "Facilitator view: on" if d.omniscient else "Facilitator view: off",
            lambda: d.set_omniscient(not d.omniscient),
            selected=d.omniscient,
            size=13,
            colour=FACILITATOR if d.omniscient else None,
            tip=Tip(
                "Facilitator view",
                "The map and panels show the truth, not what the team sees: true "
                "stats and trust, every operation from its real attacker. Only while "
                "the console is open; it goes off at every hand-off.",
            ),
        )
        y = pause.bottom + px(10)
        c.text((x, y + px(6)), "Turn timer", 12.5, "semibold", pal.INK)
        bx = x + px(92)
        bw = (x + width - bx - 3 * px(4)) // 4
        for k, seconds in enumerate(TIMER_CHOICES):
            rect = pygame.Rect(bx + k * (bw + px(4)), y, bw, px(30))
            label = "Off" if not seconds else f"{seconds // 60} min"
            c.button(
                f"fac:timer:{seconds}",
                rect,
                label,
                partial(d.set_timer, seconds),
                selected=d.timer_seconds == seconds,
                size=12,
                tip=Tip(
                    "Turn timer",
                    "How long each team has to plan. At one minute the top bar turns "
                    "red; at zero the team's queued orders are sent."
                    if seconds
                    else "No time limit.",
                ),
            )
        return y + px(38)

    def _tabs(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        px = c.px
        n = len(TABS)
        gap = px(3)
        tw = (width - gap * (n - 1)) // n
        for k, (key, label, hint) in enumerate(TABS):
            rect = pygame.Rect(x + k * (tw + gap), y, tw, px(30))
            c.button(
                f"fac:tab:{key}",
                rect,
                label,
                partial(self._tab, key),
                selected=d.tab == key,
                size=12,
                tip=Tip(label, hint),
            )
        return y + px(40)

    def _tab(self, key: str) -> None:
        self.desk.tab = key
        self.desk.message = None
        self.scroll_to_top()
        self.desk.changed()

    def _reason(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        sc = d.scene
        px = c.px
        c.text((x, y), "REASON / NOTE FOR THE LOG", 10.5, "bold", pal.INK_FAINT)
        y += px(16)
        box = pygame.Rect(x, y, width, px(32))
        field = d.reason
        hovered = c.spot(
            "fac:reason",
            box,
            d.focus_reason,
            Tip(
                "Reason",
                "Click and type why you do it: it is kept in the "
                "facilitator log and shown in the debrief.",
            ),
        )
        edge = FACILITATOR if field.focused else (pal.ACCENT if hovered else pal.PANEL_EDGE)
        c.box(box, (10, 14, 30), edge, radius=5)
        text = field.text
        if not text and not field.focused:
            c.text(
                (box.x + px(10), box.centery),
                "e.g. the class needs a crisis to discuss",
                12,
                "italic",
                pal.INK_FAINT,
                anchor="midleft",
                max_width=box.width - px(20),
            )
        else:
            shown = text
            font_w = c.kit.width(shown, 12.5)
            while shown and font_w > box.width - px(24):
                shown = shown[1:]
                font_w = c.kit.width(shown, 12.5)
            r = c.text(
                (box.x + px(10), box.centery),
                shown or " ",
                12.5,
                "regular",
                pal.INK,
                anchor="midleft",
            )
            if field.focused and int(sc.time * 2) % 2 == 0:
                cx = r.right + 1 if shown else box.x + px(10)
                pygame.draw.line(c.surface, pal.INK, (cx, box.y + px(7)), (cx, box.bottom - px(7)))
        return box.bottom + px(8)

    def _message(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        if d.message is None:
            busy = d.busy
            if busy is None:
                return y + c.px(4)
            text, error = busy, True
        else:
            text, error = d.message
        colour = mix(BAD, pal.INK, 0.2) if error else mix(GOOD, pal.INK, 0.2)
        y = c.para(x, y, width, text, 12, "semibold", colour)
        return y + c.px(8)

    # ------------------------------------------------------------------ inject

    def _inject(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        px = c.px
        game = d.game
        fired: dict[str, list[int]] = {}
        for record in game.history:
            for e in record.report.events:
                fired.setdefault(e.event, []).append(e.turn)
        events = sorted(
            game.scenario.events,
            key=lambda e: (not e.facilitator_only, e.trigger.at_turn or e.trigger.from_turn),
        )
        y = c.heading(x, y, width, "Scenario events", right=f"{len(events)}", id="fac")
        if not events:
            return c.para(x, y, width, "This scenario has no events.", 12.5, "italic", pal.INK_DIM)
        blocked = d.busy or ("the game is over" if game.over else None)
        for event in events:
            bw = px(92)
            title_w = width - bw - px(10)
            c.para(x, y, title_w, event.title, 12.5, "semibold", pal.INK, max_lines=1)
            if event.facilitator_only:
                kind, colour = "facilitator inject", FACILITATOR
            elif event.trigger.at_turn:
                kind, colour = f"scripted for turn {event.trigger.at_turn}", pal.INK_DIM
            else:
                kind, colour = "conditional", pal.INK_DIM
            if event.id in fired:
                kind += "  ·  fired on turn " + ", ".join(str(t) for t in fired[event.id])
            c.text((x, y + px(18)), kind, 11, "regular", colour, max_width=title_w)
            rect = pygame.Rect(x + width - bw, y + px(2), bw, px(30))
            c.button(
                f"fac:inject:{event.id}",
                rect,
                "Fire now",
                partial(d.ask_inject, event.id),
                enabled=blocked is None,
                size=12,
                style="primary" if event.facilitator_only else "normal",
                tip=Tip(
                    event.title,
                    (event.text or "").strip()[:400] or "No text.",
                    footer="Fires at once, before the turn resolves",
                )
                if blocked is None
                else Tip(event.title, str(blocked), warning=True),
            )
            y += px(42)
        return y

    # ------------------------------------------------------------------ adjust

    def _picker(
        self, c: Canvas, id: str, x: int, y: int, width: int, nation: int, field: str
    ) -> None:
        d = self.desk
        sc = d.scene
        px = c.px
        h = px(30)
        c.button(
            f"fac:{id}:prev",
            pygame.Rect(x, y, px(28), h),
            "‹",
            partial(d.cycle, field, -1),
            size=15,
        )
        c.button(
            f"fac:{id}:next",
            pygame.Rect(x + width - px(28), y, px(28), h),
            "›",
            partial(d.cycle, field, 1),
            size=15,
        )
        mid = pygame.Rect(x + px(32), y, width - px(64), h)
        c.box(mid, (10, 14, 30), pal.PANEL_EDGE, radius=5)
        sw = px(10)
        c.swatch(pygame.Rect(mid.x + px(8), mid.centery - sw // 2, sw, sw), sc.colour(nation))
        c.text(
            (mid.x + px(24), mid.centery),
            d.game.state.world.names[nation],
            12.5,
            "semibold",
            pal.INK,
            anchor="midleft",
            max_width=mid.width - px(30),
        )

    def _stepper(
        self,
        c: Canvas,
        id: str,
        x: int,
        y: int,
        width: int,
        value: str,
        nudge: Callable[[float], None],
        steps: tuple[float, ...],
    ) -> None:
        px = c.px
        h = px(30)
        bw = px(40)
        half = len(steps) // 2
        for k, step in enumerate(steps[:half]):
            c.button(
                f"fac:{id}:{step:g}",
                pygame.Rect(x + k * (bw + px(3)), y, bw, h),
                f"{step:+g}".replace("-", "−"),
                partial(nudge, step),
                size=12,
            )
        right = x + width
        for k, step in enumerate(reversed(steps[half:])):
            c.button(
                f"fac:{id}:{step:+g}",
                pygame.Rect(right - (k + 1) * bw - k * px(3), y, bw, h),
                f"{step:+g}",
                partial(nudge, step),
                size=12,
            )
        c.text((x + width // 2, y + h // 2), value, 16, "bold", pal.INK, anchor="center")

    def _adjust(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        px = c.px
        blocked = d.busy or ("The game is over." if d.game.over else None)
        y = c.heading(x, y, width, "A nation's stat", right="the true value", id="fac")
        self._picker(c, "stat-nation", x, y, width, d.stat_nation, "stat_nation")
        y += px(38)
        cols = 3
        gap = px(4)
        cw = (width - gap * (cols - 1)) // cols
        for k, stat in enumerate(STATS):
            rect = pygame.Rect(x + (k % cols) * (cw + gap), y + (k // cols) * px(32), cw, px(28))
            c.button(
                f"fac:stat:{stat}",
                rect,
                w.STAT_LABELS[stat],
                partial(d.choose_stat, stat),
                selected=d.stat_name == stat,
                size=11.5,
                tip=Tip(w.STAT_LABELS[stat], w.STAT_HINTS[stat]),
            )
        y += 2 * px(32) + px(6)
        now = d.stat_now()
        c.text((x, y), f"Now {now:.0f}  →  set to", 12.5, "regular", pal.INK_DIM)
        y += px(20)
        self._stepper(
            c, "stat-value", x, y, width, f"{d.stat_target():.0f}", d.nudge_stat, (-10, -1, 1, 10)
        )
        y += px(38)
        apply = pygame.Rect(x, y, width, px(34))
        c.button(
            "fac:apply-stat",
            apply,
            f"Set {w.STAT_LABELS[d.stat_name].lower()}",
            run(d.adjust_stat),
            enabled=blocked is None,
            style="primary",
            size=13,
            tip=Tip(
                "Set the stat",
                "Recorded with your reason; the team sees the change in its next report.",
            )
            if blocked is None
            else Tip("Set the stat", blocked, warning=True),
        )
        y = apply.bottom + px(18)

        y = c.heading(x, y, width, "Trust", right="one nation toward another", id="fac")
        c.text((x, y + px(7)), "From", 12, "regular", pal.INK_DIM)
        self._picker(c, "trust-from", x + px(64), y, width - px(64), d.trust_from, "trust_from")
        y += px(36)
        c.text((x, y + px(7)), "toward", 12, "regular", pal.INK_DIM)
        self._picker(c, "trust-to", x + px(64), y, width - px(64), d.trust_to, "trust_to")
        y += px(38)
        if d.trust_from != d.trust_to:
            now_text = f"Trust now {d.trust_now():.0f}  →  change by"
        else:
            now_text = "Choose two different nations  →  change by"
        c.text((x, y), now_text, 12.5, "regular", pal.INK_DIM)
        y += px(20)
        self._stepper(
            c, "trust-by", x, y, width, w.signed(d.trust_by, 0), d.nudge_trust, (-10, -1, 1, 10)
        )
        y += px(38)
        apply = pygame.Rect(x, y, width, px(34))
        c.button(
            "fac:apply-trust",
            apply,
            "Change trust",
            run(d.adjust_trust),
            enabled=blocked is None,
            style="primary",
            size=13,
            tip=Tip(
                "Change trust",
                "Added as a named reason ('facilitator: …') that fades like any other.",
            )
            if blocked is None
            else Tip("Change trust", blocked, warning=True),
        )
        return apply.bottom + px(8)

    # ------------------------------------------------------------------ seats

    def _seats(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        sc = d.scene
        px = c.px
        game = d.game
        y = c.heading(x, y, width, "Who plays each nation", id="fac")
        y = c.para(
            x,
            y,
            width,
            "Hand an absent team's seat to the AI; give it back when the "
            "team returns. The AI plays from that nation's own view.",
            11.5,
            "regular",
            pal.INK_DIM,
        ) + px(8)
        blocked = d.busy or ("The game is over." if game.over else None)
        for i, nid in enumerate(game.ids):
            seat = game.seats[nid]
            human = seat.controller == "human"
            sw = px(10)
            c.swatch(pygame.Rect(x, y + px(9), sw, sw), sc.colour(i))
            c.text(
                (x + px(18), y + px(4)),
                game.state.world.names[i],
                12.5,
                "semibold",
                pal.INK,
                max_width=px(130),
            )
            who = "a team" if human else f"AI · {seat.personality}"
            if human and nid in game.submitted:
                who += " · orders in"
            c.text(
                (x + px(150), y + px(5)),
                who,
                11.5,
                "regular",
                pal.ACCENT if human else pal.INK_DIM,
                max_width=width - px(150) - px(118),
            )
            rect = pygame.Rect(x + width - px(112), y, px(112), px(28))
            label = "Hand to AI" if human else "Give to a team"
            c.button(
                f"fac:seat:{nid}",
                rect,
                label,
                run(d.set_seat, nid, "ai" if human else "human"),
                enabled=blocked is None,
                size=11.5,
                tip=Tip(
                    label,
                    "The AI plays this nation from now on (this turn too if "
                    "it has not planned yet)."
                    if human
                    else "A team plays this nation again from its next turn to plan.",
                )
                if blocked is None
                else Tip(label, blocked, warning=True),
            )
            y += px(34)
        return y

    # ------------------------------------------------------------------ turns

    def _turns(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        px = c.px
        game = d.game
        blocked = d.busy
        y = c.heading(x, y, width, "Roll back", right="to the start of a turn", id="fac")
        y = c.para(
            x,
            y,
            width,
            "The game replays exactly to where that turn began; what came "
            "after is undone (the log keeps it).",
            11.5,
            "regular",
            pal.INK_DIM,
        ) + px(6)
        current = game.turn
        cols = 6
        gap = px(4)
        bw = (width - gap * (cols - 1)) // cols
        for k, turn in enumerate(range(1, current + 1)):
            rect = pygame.Rect(x + (k % cols) * (bw + gap), y + (k // cols) * px(34), bw, px(30))
            c.button(
                f"fac:rollback:{turn}",
                rect,
                f"{turn}",
                partial(d.ask_rollback, turn),
                enabled=blocked is None,
                size=12.5,
                tip=Tip(
                    f"Back to the start of turn {turn}",
                    "Restart this turn: its orders and interventions are dropped."
                    if turn == current
                    else f"Undo turns {turn}–{current - 1} and play from turn {turn} again.",
                )
                if blocked is None
                else Tip("Roll back", blocked, warning=True),
            )
        y += ((current + cols - 1) // cols) * px(34) + px(12)

        y = c.heading(x, y, width, "Length of the game", id="fac")
        over = game.over
        c.text(
            (x, y), f"Now: {game.state.last_turn} turns  →  last turn", 12.5, "regular", pal.INK_DIM
        )
        y += px(20)
        self._stepper(
            c,
            "last-turn",
            x,
            y,
            width,
            f"{d.last_turn_value()}",
            lambda by: d.nudge_last_turn(int(by)),
            (-1, 1),
        )
        y += px(38)
        ok = blocked is None and not over
        rect = pygame.Rect(x, y, width, px(34))
        c.button(
            "fac:set-last-turn",
            rect,
            "Set the last turn",
            run(d.set_last_turn),
            enabled=ok,
            size=13,
            style="primary",
            tip=Tip("Set the last turn", "Extend the game, or shorten it (not before this turn).")
            if ok
            else Tip("Set the last turn", blocked or "The game is over.", warning=True),
        )
        y = rect.bottom + px(10)
        rect = pygame.Rect(x, y, width, px(34))
        c.button(
            "fac:end",
            rect,
            "End the game now…",
            d.ask_end,
            enabled=ok,
            style="danger",
            size=13,
            tip=Tip("End the game", "Scores as they stand; then the final results and the debrief.")
            if ok
            else Tip("End the game", blocked or "The game is over.", warning=True),
        )
        return rect.bottom + px(8)

    # ------------------------------------------------------------------ log

    def _log(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        px = c.px
        log = d.game.facilitator_log
        y = c.heading(
            x, y, width, "Facilitator log", right=w.plural(len(log), "entry", "entries"), id="fac"
        )
        if not log:
            return c.para(
                x,
                y,
                width,
                "Nothing yet. Every intervention, rollback and seat "
                "change is kept here, in the save and in the debrief.",
                12,
                "italic",
                pal.INK_DIM,
            )
        for entry in reversed(log):
            c.pill((x, y), f"T{entry.get('turn', '?')}", FACILITATOR, 10.5)
            action = str(entry.get("action", ""))
            y2 = c.para(
                x + px(44),
                y,
                width - px(44),
                action[:1].upper() + action[1:],
                12.5,
                "regular",
                pal.INK,
            )
            note = str(entry.get("note", "") or "")
            if note:
                y2 = c.para(
                    x + px(44), y2, width - px(44), f"“{note}”", 11.5, "italic", pal.INK_DIM
                )
            y = y2 + px(8)
        return y

    # ------------------------------------------------------------------ operations

    def _ops(self, c: Canvas, x: int, y: int, width: int) -> int:
        d = self.desk
        px = c.px
        game = d.game
        names = game.state.world.names
        ops = [op for record in game.history for op in record.report.operations]
        y = c.heading(x, y, width, "Every operation", right=f"{len(ops)} · newest first", id="fac")
        if not ops:
            return c.para(x, y, width, "No covert operation yet.", 12, "italic", pal.INK_DIM)

        def name(k: int | None) -> str:
            return "an unknown actor" if k is None or k < 0 else names[k]

        for op in reversed(ops):
            key = attribution_of(op)
            colour, label = ATTRIBUTION[key]
            c.pill((x, y), f"T{op.turn}", FACILITATOR, 10.5)
            head = (
                f"{op.kind.capitalize()}: {name(op.attacker)} → {name(op.target)}"
                f"  ({'succeeded' if op.success else 'failed'})"
            )
            y2 = c.para(x + px(44), y, width - px(44), head, 12, "semibold", pal.INK)
            if key == "undetected":
                line = "never detected"
            elif key == "unattributed":
                line = "detected, nobody blamed"
            else:
                blamed = name(op.blamed)
                line = f"blamed: {blamed} — {label}"
                if op.corrected_by_hotline and op.first_blamed is not None:
                    line = f"first blamed {name(op.first_blamed)}, {label}"
            y = c.para(
                x + px(44), y2, width - px(44), line, 11.5, "regular", mix(colour, pal.INK, 0.25)
            ) + px(6)
        return y


def _status(d: Desk) -> str:
    sc = d.scene
    if sc.view.over:
        return "game over"
    if sc.paused:
        return "PAUSED"
    if sc.thinking:
        return "the AI is resolving the turn"
    if sc.phase == "planning" and sc.book is not None:
        left = ""
        if d.time_left is not None:
            left = f" ({int(d.time_left) // 60}:{int(d.time_left) % 60:02d} left)"
        return f"{sc.names.of(sc.viewer)} is planning{left}"
    if sc.phase == "watching":
        return "every seat is AI"
    if d.holds_flow and sc.steps:
        return "the next screen waits for you"
    return sc.phase

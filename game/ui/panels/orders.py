"""The orders page: posture, actions (kind, then target, then confirm), investments, queue.

Picking an action is three steps, as in most strategy games: choose the kind from a grid
(each with its cost; greyed out with the reason when nothing of that kind can be done),
then the target — by clicking a nation on the map or a row of the list, where illegal
targets are greyed out with the engine's reason inline — then confirm. Investments take
the budget that actions leave. Every queued order can be taken back with its ×, and
Ctrl+Z undoes the last change.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.engine.legal import cost
from game.engine.orders import Order, Targeted
from game.engine.rules import RULES
from game.engine.types import INVESTMENT_AREAS
from game.ui import palettes as pal
from game.ui.panels import wording as w
from game.ui.panels.kit import BAD, CARD_DEEP, GOLD, GOOD, Canvas, Tip, mix
from game.ui.panels.orderbook import INVEST_STEP
from game.ui.panels.panel import Panel

if TYPE_CHECKING:
    from game.ui.panels.orderbook import OrderBook
    from game.ui.scenes.game_scene import GameScene


class OrdersPage(Panel):
    background = pal.PANEL

    def __init__(self, scene: GameScene) -> None:
        super().__init__(scene.kit)
        self.scene = scene
        self.kind: str | None = None
        self.staged: Order | None = None

    def reset(self) -> None:
        self.kind = None
        self.staged = None
        self.invalidate()

    def key(self) -> Hashable:
        sc = self.scene
        return (
            sc.data_version,
            sc.book.version if sc.book else -1,
            self.kind,
            self.staged,
            sc.phase,
            sc.focus,
        )

    # ------------------------------------------------------------------ actions

    def choose_kind(self, kind: str | None) -> None:
        self.kind = kind
        self.staged = None
        book = self.scene.book
        # A nation already selected on the map is the natural target: stage it.
        if kind is not None and book is not None and w.action_info(kind).targeted:
            focus = self.scene.focus
            if focus != self.scene.viewer:
                target = self.scene.names.ids[focus]
                for order in book.candidates(kind):
                    if (
                        isinstance(order, Targeted)
                        and order.target == target
                        and book.why_not(order) is None
                    ):
                        self.staged = order
        self.scroll_to_top()
        self.invalidate()

    def stage(self, order: Order | None) -> None:
        """Show ``order`` ready to confirm (None: none); only while orders can be given."""
        if order is not None and not self.open_for_orders:
            return
        self.staged = order
        self.invalidate()

    @property
    def open_for_orders(self) -> bool:
        """A team is planning: there is an order book, and the game is not over."""
        return self.scene.book is not None and self.scene.phase != "over"

    def pick_target(self, nation: int) -> str | None:
        """A nation clicked on the map while a targeted kind is chosen: stage it.

        Returns the reason when it cannot be the target.
        """
        book = self.scene.book
        if book is None or self.kind is None or not w.action_info(self.kind).targeted:
            return None
        target = self.scene.names.ids[nation]
        for order in book.candidates(self.kind):
            if isinstance(order, Targeted) and order.target == target:
                reason = book.why_not(order)
                if reason is None:
                    self.stage(order)
                return reason
        return "you cannot aim this at yourself"

    def confirm(self) -> None:
        book = self.scene.book
        if book is None or self.staged is None or not self.open_for_orders:
            return
        reason = book.add(self.staged)
        if reason:
            self.scene.toast(reason, error=True)
            return
        self.scene.app.sounds.play("queued")
        self.scene.toast(f"Queued: {w.order_text(self.staged, self.scene.names)}")
        self.kind = None
        self.staged = None
        self.scroll_to_top()
        self.invalidate()

    @property
    def picking_target(self) -> bool:
        return self.kind is not None and w.action_info(self.kind).targeted

    # ------------------------------------------------------------------ render

    def render(self, c: Canvas, width: int) -> int:
        sc = self.scene
        pad = c.px(14)
        inner = width - 2 * pad - c.px(6)
        x, y = pad, c.px(14)
        book = sc.book
        if book is None:
            return self._no_book(c, x, y, inner) + pad
        y = self._queue(c, book, x, y, inner)
        y = c.heading(
            x,
            y + c.px(10),
            inner,
            "Actions",
            id="orders",
            right=f"{book.slots_left} of {book.slots} slots free",
        )
        if self.kind is None:
            y = self._kinds(c, book, x, y, inner)
        else:
            y = self._targets(c, book, x, y, inner)
        y = self._posture(c, book, x, y + c.px(8), inner)
        y = self._invest(c, book, x, y + c.px(10), inner)
        return y + pad

    def _no_book(self, c: Canvas, x: int, y: int, width: int) -> int:
        sc = self.scene
        if sc.sent:
            y = c.heading(x, y, width, f"Orders sent ({len(sc.sent)})", id="orders")
            props = sc.view.proposals_to_me if sc.view is not None else ()
            for n, order in enumerate(sc.sent, start=1):
                y = c.para(
                    x,
                    y,
                    width,
                    f"{n}.  {w.order_text(order, sc.names, props, sc.choice_labels)}",
                    12.5,
                    "regular",
                    pal.INK,
                ) + c.px(4)
            return c.para(
                x,
                y + c.px(6),
                width,
                "They take effect when every nation has ordered and the turn is resolved.",
                12,
                "italic",
                pal.INK_FAINT,
            )
        if sc.game.over:
            text = "The game is over. End turn shows the final results."
        elif sc.spectating:
            text = (
                "Every nation is played by the AI. Press End turn (Enter) to watch the next turn."
            )
        elif sc.thinking:
            text = "The turn is being resolved."
        else:
            text = "No orders to give now."
        return c.para(x, y, width, text, 13, "regular", pal.INK_DIM)

    def _posture(self, c: Canvas, book: OrderBook, x: int, y: int, width: int) -> int:
        sc = self.scene
        y = c.heading(x, y, width, "Posture", entry="postures", id="orders", right="public · free")
        gap = c.px(6)
        bw = (width - 2 * gap) // 3
        for k, posture in enumerate(w.POSTURES):
            rect = pygame.Rect(x + k * (bw + gap), y, bw, c.px(32))
            current = posture == book.current_posture
            label = posture.capitalize() + ("  •" if current and book.posture != posture else "")
            c.button(
                f"posture:{posture}",
                rect,
                label,
                _posture(sc, posture),
                selected=book.posture == posture,
                tip=Tip(
                    f"{posture.capitalize()} posture" + (" (now)" if current else ""),
                    w.posture_effect(posture),
                ),
                colour=mix(pal.POSTURE[k], pal.INK, 0.55),
            )
        y += c.px(38)
        note = w.posture_effect(book.posture)
        if book.posture != book.current_posture:
            note = f"Changing from {book.current_posture}. " + note
        return c.para(x, y, width, note, 11.5, "regular", pal.INK_DIM) + c.px(4)

    def _kinds(self, c: Canvas, book: OrderBook, x: int, y: int, width: int) -> int:
        gap = c.px(6)
        cols = 2
        bw = (width - gap) // cols
        bh = c.px(34)
        for group in w.GROUPS:
            kinds = [a for a in w.ACTIONS.values() if a.group == group]
            if not kinds:
                continue
            c.text((x, y), group, 11.5, "semibold", pal.INK_FAINT)
            y += c.px(18)
            for k, info in enumerate(kinds):
                reason = book.kind_reason(info.kind)
                rect = pygame.Rect(
                    x + (k % cols) * (bw + gap), y + (k // cols) * (bh + gap), bw, bh
                )
                points = w.kind_cost(info.kind)
                tip = (
                    Tip(f"{info.title} — not now", reason, warning=True)
                    if reason
                    else Tip(
                        info.title,
                        info.blurb,
                        (("Cost", w.cost_text(points), GOLD),),
                        footer="Click, then pick the target",
                    )
                )
                c.button(
                    f"kind:{info.kind}",
                    rect,
                    info.title,
                    _kind(self, info.kind),
                    enabled=reason is None,
                    tip=tip,
                    align="left",
                    right=w.cost_text(points),
                    size=12.5,
                )
            y += ((len(kinds) + cols - 1) // cols) * (bh + gap) + c.px(4)
        return y

    def _targets(self, c: Canvas, book: OrderBook, x: int, y: int, width: int) -> int:
        assert self.kind is not None
        info = w.action_info(self.kind)
        px = c.px
        back = pygame.Rect(x, y, px(34), px(30))
        c.button(
            "orders:back",
            back,
            "‹",
            lambda: self.choose_kind(None),
            tip=Tip("Back to the actions"),
            size=16,
        )
        c.text((back.right + px(10), y + px(1)), info.title, 16, "bold", pal.INK)
        c.text(
            (x + width, y + px(5)),
            f"cost {w.cost_text(w.kind_cost(self.kind))}",
            12,
            "semibold",
            GOLD,
            anchor="topright",
        )
        y += px(38)
        y = c.para(
            x, y, width, info.blurb, 12, "regular", pal.INK_DIM, links=True, id="blurb"
        ) + px(6)
        prompt = "Pick the target on the map or here:" if info.targeted else f"Pick the {info.aim}:"
        c.text((x, y), prompt, 12, "semibold", pal.INK)
        y += px(22)
        for order in book.candidates(self.kind):
            reason = book.why_not(order)
            y = self._target_row(c, book, order, reason, x, y, width)
        if self.staged is not None:
            y = self._confirm(c, book, self.staged, x, y + px(6), width)
        return y

    def _target_row(
        self,
        c: Canvas,
        book: OrderBook,
        order: Order,
        reason: str | None,
        x: int,
        y: int,
        width: int,
    ) -> int:
        sc = self.scene
        px = c.px
        view = sc.view
        name, swatch, detail = _target_label(sc, order)
        staged = self.staged == order
        h = px(30) if reason is None else px(44)
        rect = pygame.Rect(x, y, width, h)
        tip = (
            Tip(name, reason, warning=True)
            if reason
            else Tip(w.order_text(order, sc.names), detail or "", footer="Click to choose")
        )
        hovered = c.spot(
            f"target:{_order_id(order)}",
            rect,
            partial(self.stage, order) if reason is None else None,
            tip,
            reason is None,
        )
        fill = (
            (31, 78, 122)
            if staged
            else ((28, 52, 89) if hovered and reason is None else (19, 36, 63))
        )
        if reason is not None:
            fill = (14, 24, 42)
        c.box(rect, fill, pal.ACCENT if staged else (40, 66, 104), radius=5)
        tx = x + px(10)
        if swatch is not None:
            sw = px(10)
            c.swatch(
                pygame.Rect(tx, y + px(10), sw, sw),
                swatch if reason is None else mix(swatch, CARD_DEEP, 0.6),
            )
            tx += sw + px(8)
        ink = pal.INK if reason is None else (92, 112, 140)
        c.text((tx, y + px(6)), name, 12.5, "semibold", ink, max_width=width - px(120))
        if detail and view is not None:
            c.text(
                (x + width - px(10), y + px(7)),
                detail,
                11.5,
                "regular",
                pal.INK_DIM if reason is None else (92, 112, 140),
                anchor="topright",
            )
        if reason is not None:
            c.text(
                (tx, y + px(24)),
                "⊘ " + reason,
                11,
                "italic",
                mix(BAD, pal.INK, 0.3),
                max_width=width - (tx - x) - px(10),
            )
        return y + h + px(4)

    def _confirm(self, c: Canvas, book: OrderBook, order: Order, x: int, y: int, width: int) -> int:
        px = c.px
        sc = self.scene
        rect = pygame.Rect(x, y, width, px(92))
        c.box(rect, (16, 44, 78), pal.ACCENT, radius=8)
        c.text(
            (x + px(12), y + px(10)),
            w.order_text(order, sc.names),
            14,
            "bold",
            pal.INK,
            max_width=width - px(24),
        )
        points = cost(order)
        c.text(
            (x + px(12), y + px(32)),
            f"Costs {w.cost_text(points)} · uses 1 of your {book.slots_left} free action slots",
            11.5,
            "regular",
            pal.INK_DIM,
            max_width=width - px(24),
        )
        bw = (width - px(24) - px(8)) // 2
        add = pygame.Rect(x + px(12), y + px(52), bw, px(30))
        c.button(
            "orders:confirm",
            add,
            "Add to orders",
            self.confirm,
            style="primary",
            tip=Tip(
                "Add to orders",
                "Queue this action. Nothing happens until you end "
                "the turn; you can still take it back.",
            ),
        )
        cancel = pygame.Rect(add.right + px(8), add.y, bw, px(30))
        c.button("orders:cancel", cancel, "Cancel", lambda: self.stage(None))
        return rect.bottom + px(6)

    def _invest(self, c: Canvas, book: OrderBook, x: int, y: int, width: int) -> int:
        px = c.px
        y = c.heading(
            x,
            y,
            width,
            "Investments",
            id="orders",
            right=f"budget {book.budget_left:.1f} of {book.budget:.1f} left",
        )
        # The budget as a stacked bar: actions, investments, unspent.
        bar = pygame.Rect(x, y, width, px(10))
        pygame.draw.rect(c.surface, (24, 40, 66), bar, border_radius=px(5))
        total = max(book.budget, 0.01)
        a = round(bar.width * min(1.0, book.action_cost / total))
        i = round(bar.width * min(1.0, book.invest_total / total))
        if a:
            pygame.draw.rect(
                c.surface, (178, 140, 230), (bar.x, bar.y, a, bar.height), border_radius=px(5)
            )
        if i:
            pygame.draw.rect(
                c.surface, (79, 179, 255), (bar.x + a, bar.y, i, bar.height), border_radius=px(5)
            )
        c.spot(
            "orders:budgetbar",
            bar,
            None,
            Tip(
                "Budget",
                rows=(
                    ("Actions", f"{book.action_cost:g}", (178, 140, 230)),
                    ("Investments", f"{book.invest_total:g}", (79, 179, 255)),
                    ("Unspent", f"{book.budget_left:.1f}", GOLD),
                ),
                text=f"Each unspent point adds {RULES.unspent_to_economy:g} economy.",
            ),
        )
        y += px(18)
        for area in INVESTMENT_AREAS:
            y = self._invest_row(c, book, area, x, y, width)
        return y

    def _invest_row(self, c: Canvas, book: OrderBook, area: str, x: int, y: int, width: int) -> int:
        px = c.px
        label = w.INVEST_LABELS[area]
        value = book.invest(area)
        c.text((x, y + px(6)), label, 12.5, "semibold", pal.INK)
        bx = x + px(104)
        size = px(26)
        minus = pygame.Rect(bx, y + px(1), size, size)
        c.button(
            f"invest:{area}:-",
            minus,
            "−",
            _nudge(self.scene, area, -1),
            enabled=value > 0,
            size=14,
            tip=Tip(f"Less {area}", f"−{INVEST_STEP:g} point"),
        )
        vs = c.kit.text(f"{value:g}", 13, "bold", GOLD if value else pal.INK_DIM)
        c.surface.blit(vs, vs.get_rect(center=(minus.right + px(22), minus.centery)))
        plus = pygame.Rect(minus.right + px(44), y + px(1), size, size)
        c.button(
            f"invest:{area}:+",
            plus,
            "+",
            _nudge(self.scene, area, +1),
            enabled=book.budget_left > 0.005,
            size=14,
            tip=Tip(
                f"More {area}",
                f"+{INVEST_STEP:g} point"
                + ("" if book.budget_left > 0.005 else " — no budget left"),
            ),
        )
        gain = book.invest_gain(area) or _invest_hint(area)
        c.text(
            (plus.right + px(10), y + px(7)),
            gain,
            11.5,
            "regular",
            GOOD if value else pal.INK_FAINT,
            max_width=x + width - plus.right - px(10),
        )
        return y + px(32)

    def _queue(self, c: Canvas, book: OrderBook, x: int, y: int, width: int) -> int:
        sc = self.scene
        px = c.px
        entries = book.entries()
        y = c.heading(
            x,
            y,
            width,
            f"Your orders ({len(entries)})",
            id="orders",
            right="Ctrl+Z undoes" if book.can_undo else None,
        )
        if not entries:
            return c.para(
                x,
                y,
                width,
                "Nothing queued yet: pick actions below, set your posture and invest your budget.",
                12,
                "italic",
                pal.INK_FAINT,
            )
        props = sc.view.proposals_to_me if sc.view is not None else ()
        labels = sc.choice_labels
        for n, order in enumerate(entries, start=1):
            rect = pygame.Rect(x, y, width, px(30))
            c.box(rect, (19, 36, 63), (40, 66, 104), radius=5)
            c.text((x + px(10), y + px(7)), f"{n}.", 12, "bold", pal.INK_FAINT)
            text = w.order_text(order, sc.names, props, labels)
            points = cost(order)
            right = w.cost_text(points) if order.uses_slot or points else "free"
            rs = c.kit.text(right, 11.5, "semibold", GOLD if points else pal.INK_DIM)
            xb = pygame.Rect(rect.right - px(28), y + px(3), px(24), px(24))
            c.surface.blit(rs, rs.get_rect(midright=(xb.left - px(6), rect.centery)))
            c.text(
                (x + px(30), y + px(6)),
                text,
                12.5,
                "regular",
                pal.INK,
                max_width=xb.left - px(12) - rs.get_width() - x - px(30),
            )
            c.button(
                f"undo:{_order_id(order)}",
                xb,
                "×",
                _remove(sc, order),
                style="ghost",
                size=14,
                tip=Tip("Take back this order"),
            )
            y += px(34)
        return y


# --------------------------------------------------------------------------- helpers


def _order_id(order: Order) -> str:
    return "|".join(f"{k}={v}" for k, v in order.to_dict().items() if k != "reason")


def _target_label(scene: GameScene, order: Order) -> tuple[str, tuple[int, int, int] | None, str]:
    view = scene.view
    if isinstance(order, Targeted):
        j = scene.names.ids.index(order.target)
        detail = ""
        if view is not None:
            level = w.LEVELS[int(view.level[view.nation, j])]
            detail = f"trust {float(view.trust_out[j]):.0f} · {level}"
        return scene.names.of(j), scene.colour(j), detail
    return scene.names.subject(order), None, ""


def _invest_hint(area: str) -> str:
    if area == "resilience":
        return "repairs infrastructure"
    return f"builds {area}"


def _posture(scene: GameScene, posture: str):
    return lambda: scene.set_posture(posture)


def _kind(page: OrdersPage, kind: str):
    return lambda: page.choose_kind(kind)


def _nudge(scene: GameScene, area: str, steps: int):
    return lambda: scene.nudge_invest(area, steps)


def _remove(scene: GameScene, order: Order):
    return lambda: scene.remove_order(order)

"""The inbox: proposals waiting for your answer, event decisions, your own open offers.

Answers are free orders: Accept or Decline puts one in your orders (click again to leave
it unanswered — an unanswered proposal lapses after this turn). A decision opens the
event's choice dialog.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.ui import palettes as pal
from game.ui.panels import wording as w
from game.ui.panels.kit import GOLD, GOOD, Canvas, Tip, entry_tip
from game.ui.panels.panel import Panel

if TYPE_CHECKING:
    from game.ui.scenes.game_scene import GameScene


class InboxPage(Panel):
    background = pal.PANEL

    def __init__(self, scene: GameScene) -> None:
        super().__init__(scene.kit)
        self.scene = scene

    def key(self) -> Hashable:
        sc = self.scene
        return (sc.data_version, sc.book.version if sc.book else -1, sc.phase)

    def render(self, c: Canvas, width: int) -> int:
        sc = self.scene
        view = sc.view
        pad = c.px(14)
        inner = width - 2 * pad - c.px(6)
        x, y = pad, c.px(14)
        if view is None:
            return y
        book = sc.book
        props = view.proposals_to_me
        y = c.heading(x, y, inner, f"Proposals ({len(props)})", id="inbox")
        if not props:
            y = c.para(
                x,
                y,
                inner,
                "No proposals are waiting for your answer.",
                12,
                "italic",
                pal.INK_FAINT,
            ) + c.px(6)
        for p in props:
            y = self._proposal(c, p, x, y, inner, book is not None) + c.px(8)
        choices = view.choices
        y = c.heading(x, y + c.px(6), inner, f"Decisions ({len(choices)})", id="inbox")
        if not choices:
            y = c.para(
                x, y, inner, "No event is waiting for your decision.", 12, "italic", pal.INK_FAINT
            ) + c.px(6)
        for pending in choices:
            y = self._decision(c, pending.event, x, y, inner, book is not None) + c.px(8)
        mine = w.open_offers(view.my_proposals)
        if mine:
            y = c.heading(x, y + c.px(6), inner, "Your open offers", id="inbox")
            for offer in mine:
                y = c.para(
                    x,
                    y,
                    inner,
                    f"• {w.offer_text(offer, sc.names)} — waiting for "
                    + ("answers." if getattr(offer, "to", 0) < 0 else "an answer."),
                    12,
                    "regular",
                    pal.INK_DIM,
                ) + c.px(2)
        return y + pad

    def _proposal(
        self,
        c: Canvas,
        p,
        x: int,
        y: int,
        width: int,
        can_answer: bool,
    ) -> int:
        sc = self.scene
        px = c.px
        book = sc.book
        text = w.proposal_text(p, sc.names)
        entry = w.PROPOSAL_ENTRY.get(p.kind)
        summary = entry_tip(entry).text if entry else ""
        lines = c.kit.wrap(summary, width - px(24), 11.5)[:3]
        # An AI proposer says why (its order's reason): a diplomatic note, not a secret.
        why = w.proposal_reason(sc.game.history, p, sc.game.ids, sc.game.seats)
        said = f"“{why[:1].upper()}{why[1:]}”" if why else ""
        said_lines = c.kit.wrap(said, width - px(24), 12, "italic")[:2] if said else []
        sw = px(10)
        # The title wraps (up to two lines) rather than cut a norm's name off mid-word.
        title_w = width - px(80) - sw
        title_lines = c.kit.wrap(text, title_w, 13.5, "bold")[:2]
        extra = (len(title_lines) - 1) * c.kit.line_height(13.5, "bold")
        extra += len(said_lines) * c.kit.line_height(12, "italic") + (px(4) if said else 0)
        h = px(44) + extra + len(lines) * c.kit.line_height(11.5) + (px(40) if can_answer else 0)
        rect = pygame.Rect(x, y, width, h)
        c.box(rect, (19, 36, 63), (40, 66, 104), radius=8)
        c.swatch(pygame.Rect(x + px(12), y + px(15), sw, sw), sc.colour(p.frm))
        c.para(
            x + px(12) + sw + px(8),
            y + px(10),
            title_w,
            text,
            13.5,
            "bold",
            pal.INK,
            max_lines=2,
        )
        c.text(
            (x + width - px(12), y + px(12)),
            f"turn {p.turn}",
            11,
            "regular",
            pal.INK_FAINT,
            anchor="topright",
        )
        ty = y + px(34) + extra
        if said:
            said_h = len(said_lines) * c.kit.line_height(12, "italic")
            top = ty - said_h - px(4)
            c.para(x + px(12), top, width - px(24), said, 12, "italic", GOLD, max_lines=2)
            c.spot(
                f"answer:{p.id}:why",
                pygame.Rect(x + px(12), top, width - px(24), said_h),
                None,
                Tip(
                    f"Why {sc.names.of(p.frm)} proposes this",
                    "The reason it gave. An AI nation explains its offers; whether to "
                    "believe it is up to you.",
                ),
            )
        if entry:
            ty = c.para(
                x + px(12), ty, width - px(24), summary, 11.5, "regular", pal.INK_DIM, max_lines=3
            )
        if not can_answer or book is None:
            return rect.bottom
        answer = book.answer_of(p.id)
        bw = (width - px(24) - px(8)) // 2
        acc = pygame.Rect(x + px(12), ty + px(6), bw, px(30))
        dec = pygame.Rect(acc.right + px(8), acc.y, bw, px(30))
        c.button(
            f"answer:{p.id}:yes",
            acc,
            "✓  Accept" if answer is not True else "✓  Accepted",
            partial(sc.answer, p.id, None if answer is True else True),
            selected=answer is True,
            colour=GOOD if answer is True else None,
            tip=Tip(
                "Accept",
                "Free. Accepting earns trust both ways.",
                footer="Click again to leave it unanswered" if answer else "",
            ),
        )
        c.button(
            f"answer:{p.id}:no",
            dec,
            "✗  Decline" if answer is not False else "✗  Declined",
            partial(sc.answer, p.id, None if answer is False else False),
            selected=answer is False,
            tip=Tip(
                "Decline",
                "Free, but they will trust you a little less.",
                footer="Click again to leave it unanswered" if answer is False else "",
            ),
        )
        return rect.bottom

    def _decision(
        self, c: Canvas, event_id: str, x: int, y: int, width: int, can_answer: bool
    ) -> int:
        sc = self.scene
        px = c.px
        try:
            event = sc.game.scenario.events[[e.id for e in sc.game.scenario.events].index(event_id)]
        except ValueError:
            return y
        choice = event.choice
        if choice is None:
            return y
        book = sc.book
        chosen = book.choice_of(event_id) if book is not None else None
        label = next((o.label for o in choice.options if o.id == chosen), None)
        default = next((o.label for o in choice.options if o.id == choice.default), "")
        lines = c.kit.wrap(choice.prompt.strip(), width - px(24), 12)[:3]
        status = (
            f"Your decision: {label}" if label else f"Not decided — if you do not answer: {default}"
        )
        status_lines = c.kit.wrap(status, width - px(24), 11.5, "semibold")[:2]
        h = (
            px(40)
            + len(lines) * c.kit.line_height(12)
            + len(status_lines) * c.kit.line_height(11.5, "semibold")
            + px(10)
            + (px(40) if can_answer else 0)
        )
        rect = pygame.Rect(x, y, width, h)
        c.box(rect, (24, 38, 60), GOLD if chosen is None else (40, 66, 104), radius=8)
        c.text(
            (x + px(12), y + px(10)), event.title, 13.5, "bold", pal.INK, max_width=width - px(24)
        )
        ty = c.para(
            x + px(12),
            y + px(32),
            width - px(24),
            choice.prompt.strip(),
            12,
            "regular",
            pal.INK_DIM,
            max_lines=3,
        )
        ty = c.para(
            x + px(12),
            ty + px(2),
            width - px(24),
            status,
            11.5,
            "semibold",
            GOOD if label else GOLD,
            max_lines=2,
        )
        if can_answer:
            b = pygame.Rect(x + px(12), ty + px(6), width - px(24), px(30))
            c.button(
                f"decide:{event_id}",
                b,
                "Decide…" if not label else "Change decision…",
                lambda: sc.open_choice(event_id),
                style="primary" if not label else "normal",
            )
        return rect.bottom

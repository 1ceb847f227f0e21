"""The selected nation: public facts, your estimates, trust both ways with every reason.

For another nation: your trust in it, exact, with every named reason and how fast each
fades (``NationView.explain_trust``); its trust in you as an estimate; its capabilities
as estimates with their ± uncertainty; posture, alliances, hotlines, norms, arms control
and sanctions; quick actions that open the orders with it as the target. For your own
nation: your briefing and objectives (secret ones too — only you see this), your exact
capabilities and a table of your relations.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.engine.orders import ORDER_TYPES
from game.engine.rules import RULES
from game.engine.trust import talk_gain
from game.engine.types import STATS
from game.ui import palettes as pal
from game.ui.panels import wording as w
from game.ui.panels.kit import BAD, GOLD, GOOD, Canvas, Tip, mix, term_entry
from game.ui.panels.panel import Panel

if TYPE_CHECKING:
    from game.engine.trust import TrustReason
    from game.engine.views import NationView
    from game.ui.scenes.game_scene import GameScene

LEVEL_COLOURS = pal.ESCALATION
QUICK_ACTIONS = ("talks", "propose_hotline", "share_intel", "espionage")
RELATIONS_SHOWN = 14  # more nations than this: the most notable, and a "show all" button


class NationPage(Panel):
    background = pal.PANEL

    def __init__(self, scene: GameScene) -> None:
        super().__init__(scene.kit)
        self.scene = scene
        self.all_relations = False

    def key(self) -> Hashable:
        sc = self.scene
        return (
            sc.data_version,
            sc.focus,
            sc.book.version if sc.book else -1,
            sc.phase,
            self.all_relations,
        )

    def render(self, c: Canvas, width: int) -> int:
        sc = self.scene
        view = sc.view
        if view is None:
            return 0
        pad = c.px(14)
        inner = width - 2 * pad - c.px(6)
        j = sc.focus
        y = self._header(c, view, j, pad, inner)
        if j == view.nation:
            y = self._own(c, view, pad, y, inner)
        else:
            y = self._other(c, view, j, pad, y, inner)
        return y + pad

    # ------------------------------------------------------------------ header

    def _header(self, c: Canvas, view: NationView, j: int, x: int, width: int) -> int:
        sc = self.scene
        px = c.px
        y = px(14)
        sw = px(20)
        c.swatch(pygame.Rect(x, y + px(2), sw, sw), sc.colour(j), radius=4)
        posture = w.POSTURES[int(view.posture[j])]
        pill_colour = pal.mix(pal.POSTURE[int(view.posture[j])], (255, 255, 255), 0.35)
        pill = c.pill(
            (x + width, y + px(3)), posture.capitalize(), pill_colour, 11.5, anchor="topright"
        )
        c.spot(
            f"nation:posture:{j}",
            pill,
            lambda: sc.open_entry("postures"),
            Tip(
                f"{posture.capitalize()} posture",
                w.posture_effect(posture),
                footer="Click to read about postures in the Cyberpedia",
            ),
        )
        name = sc.names.of(j)
        r = c.text(
            (x + sw + px(10), y - px(2)),
            name,
            19,
            "bold",
            pal.INK,
            max_width=pill.left - x - sw - px(20),
        )
        if j == view.nation:
            c.pill((r.right + px(8), y + px(3)), "YOU", pal.ACCENT, 10)
        y += px(30)
        if j == view.nation:
            parts = [f"Budget {view.budget:.1f}"]
            score = sc.own_score
            if score is not None:
                parts.append(f"score {score[0]:.1f} · rank {score[1]} of {view.n}")
            c.text((x, y), "  ·  ".join(parts), 12.5, "regular", pal.INK_DIM)
            return y + px(26)
        i = view.nation
        level = int(view.level[i, j])
        tension = float(view.tension[i, j])
        lp = c.pill((x, y), w.LEVELS[level].capitalize(), LEVEL_COLOURS[level], 11)
        c.spot(
            f"nation:level:{j}",
            lp,
            lambda: sc.open_entry("tension"),
            Tip(
                f"Escalation: {w.LEVELS[level]}",
                f"Tension between you is {tension:.0f} of "
                "100: calm below 25, friction from 25, crisis from 50, conflict from 75.",
                footer="Click to read about tension in the Cyberpedia",
            ),
        )
        bits = [f"tension {tension:.0f}"]
        if view.hotline[i, j]:
            bits.append("hotline")
        if j in view.allies():
            bits.append("ally")
        bits.append(f"credibility {float(view.credibility[j]):.2f}")
        c.text(
            (lp.right + px(8), lp.centery),
            "  ·  ".join(bits),
            12,
            "regular",
            pal.INK_DIM,
            anchor="midleft",
            max_width=x + width - lp.right - px(8),
        )
        return y + px(30)

    # ------------------------------------------------------------------ another nation

    def _other(self, c: Canvas, view: NationView, j: int, x: int, y: int, width: int) -> int:
        px = c.px
        i = view.nation
        y = c.heading(x, y, width, "Trust", entry="trust", id="nation")
        exp = view.explain_trust(j)
        y = self._trust_line(c, x, y, width, "Your trust in them", exp.value, 0.0)
        rows: list[tuple[str, float, TrustReason | None]] = [
            ("Starting relations", exp.baseline, None)
        ]
        rows += [(r.label, r.value, r) for r in exp.reasons]
        for label, value, reason in rows:
            colour = pal.INK_DIM if reason is None else (GOOD if value >= 0 else BAD)
            fade = (
                "baseline"
                if reason is None
                else w.fade_text(reason.decay, reason.turns_to_fade, reason.standing)
            )
            text = f"{value:.0f}" if reason is None else w.signed(value)
            vs = c.kit.text(text, 12.5, "semibold", colour)
            fs = c.kit.text(fade, 11, "regular", pal.INK_FAINT)
            c.surface.blit(vs, vs.get_rect(topright=(x + width, y)))
            room = width - px(14) - vs.get_width() - px(10)
            label_rect = c.text(
                (x + px(14), y),
                label[:1].upper() + label[1:],
                12.5,
                "regular",
                pal.INK,
                max_width=room,
            )
            term = term_entry(label)
            c.spot(
                f"nation:reason:{j}:{label}",
                label_rect.union(vs.get_rect(topright=(x + width, y))),
                _open(self.scene, term[0]) if term else None,
                Tip(
                    label[:1].upper() + label[1:],
                    _reason_tip(label, value, reason),
                    (("Now", text, colour), ("Fading", fade, None)),
                    footer=f"Click to read about {term[1].lower()} in the Cyberpedia"
                    if term
                    else "",
                ),
            )
            y += vs.get_height()
            c.surface.blit(fs, (x + px(14), y - px(1)))
            y += fs.get_height() + px(4)
        y += px(4)
        sigma = float(RULES.trust_in_me_noise)
        y = self._trust_line(c, x, y, width, "Their trust in you", float(view.trust_in[j]), sigma)
        y = c.para(
            x + px(14),
            y,
            width - px(14),
            "An estimate: how they treat you is all you see of it.",
            11,
            "italic",
            pal.INK_FAINT,
        )
        y = self._talks_credit(c, view, j, x + px(14), y + px(2), width - px(14))
        y += px(10)

        age = int(view.intel_age[j])
        exact = bool(np.all(view.uncertainty[j] < 0.5))
        right = (
            "exact · fresh intelligence"
            if exact
            else (f"estimates · intel {age} turns old" if age < 50 else "estimates · no intel")
        )
        y = c.heading(x, y, width, "Capabilities", right=right, entry="fog-of-war", id="nation")
        for k, stat in enumerate(STATS):
            y = self._stat_row(
                c,
                x,
                y,
                width,
                stat,
                float(view.estimates[j, k]),
                float(view.uncertainty[j, k]),
                f"{j}",
            )
        y += px(8)
        y = self._agreements(c, view, j, x, y, width)
        y += px(8)
        y = self._in_their_words(c, view, j, x, y, width)
        if self.scene.book is not None:
            y = c.heading(x, y, width, "Act", id="nation")
            y = self._quick(c, view, j, x, y, width)
        _ = i
        return y

    def _in_their_words(
        self, c: Canvas, view: NationView, j: int, x: int, y: int, width: int
    ) -> int:
        """The moves of the last turn an AI nation made that we saw (public ones, and
        those only we, their target, heard of), each with the reason it gave. Its covert
        operations, its budget and its private dealings with others stay hidden."""
        sc = self.scene
        history = sc.game.history
        if not history:
            return y
        record = history[-1]
        nid = view.world.ids[j]
        if record.played_by(nid, sc.game.seats) != "ai":
            return y
        me = view.world.ids[view.nation]
        moves = [
            o for o in record.orders.get(nid, ()) if o.uses_slot and w.sees(o, me) and o.reason
        ]
        if not moves:
            return y
        px = c.px
        # (a move aimed at us reads "Talks with you")
        names = w.Names(
            sc.names.ids,
            [("you" if nid == me else sc.names.nation[nid]) for nid in sc.names.ids],
            sc.names.norms,
            sc.names.agreements,
            sc.names.alliances,
        )
        y = c.heading(x, y, width, f"Turn {record.turn}, in their words", id="nation")
        for k, order in enumerate(moves):
            top = y
            action = w.order_text(order, names)
            y = c.para(x, y, width, action, 12.5, "semibold", pal.INK)
            reason = order.reason[:1].upper() + order.reason[1:]
            y = c.para(x + px(14), y, width - px(14), reason, 12, "italic", pal.INK_DIM)
            c.spot(
                f"nation:said:{j}:{k}",
                pygame.Rect(x, top, width, y - top),
                None,
                Tip(
                    action,
                    f"What {sc.names.of(j)} gave as its reason. An AI nation explains the "
                    "moves you saw; its covert operations, its budget and its private "
                    "dealings with others stay hidden.",
                ),
            )
            y += px(6)
        return y + px(6)

    def _talks_credit(self, c: Canvas, view: NationView, j: int, x: int, y: int, width: int) -> int:
        """How much of their trust talks have earned (public, capped per pair), and what
        another round of talks would add."""
        credit = float(view.talks_credit[j, view.nation])
        if credit < 0.5:
            return y
        cap = RULES.talks_cap
        adds = float(talk_gain(credit))
        text = (
            f"Talks have earned {credit:.1f} of their trust in you (at most {cap:.0f}); "
            f"another round would add {adds:.1f}."
        )
        bottom = c.para(x, y, width, text, 11, "regular", pal.INK_DIM)
        c.spot(
            f"nation:talks-credit:{j}",
            pygame.Rect(x, y, width, bottom - y),
            _open(self.scene, "talks"),
            Tip(
                "Trust from talks",
                f"Every round of talks you open earns {RULES.talks_trust:g} of their trust "
                f"({RULES.mutual_talks_trust:g} when both sides open them), up to "
                f"{cap:.0f} between one pair; it fades {RULES.talks_decay:.0%} a turn. "
                "Everyone can see it, the AI nations included: near the cap, talks earn "
                "little but calm.",
                (("Now", f"{credit:.1f}", GOOD), ("Another round", f"+{adds:.1f}", None)),
                footer="Click to read about talks in the Cyberpedia",
            ),
        )
        return bottom

    def _trust_line(
        self, c: Canvas, x: int, y: int, width: int, label: str, value: float, sigma: float
    ) -> int:
        px = c.px
        colour = pal.trust_colour(value)
        text = f"{value:.0f}" if sigma == 0 else f"~{value:.0f} ±{sigma:.0f}"
        vs = c.kit.text(text, 15, "bold", mix(colour, pal.INK, 0.25))
        c.surface.blit(vs, vs.get_rect(topright=(x + width, y - px(2))))
        c.text((x, y), label, 13, "semibold", pal.INK)
        bar_x = x + px(150)
        bar = pygame.Rect(bar_x, y + px(6), x + width - vs.get_width() - px(12) - bar_x, px(7))
        c.bar(bar, value, colour, sigma=sigma, marker=50)
        return y + px(24)

    def _stat_row(
        self, c: Canvas, x: int, y: int, width: int, stat: str, value: float, sigma: float, who: str
    ) -> int:
        px = c.px
        label = w.STAT_LABELS[stat]
        text = f"{value:.0f}" if sigma < 0.5 else f"{value:.0f} ±{sigma:.0f}"
        vs = c.kit.text(text, 12.5, "semibold", pal.INK)
        c.surface.blit(vs, vs.get_rect(topright=(x + width, y)))
        lr = c.text((x, y), label, 12.5, "regular", pal.INK_DIM)
        bar_x = x + px(110)
        bar = pygame.Rect(bar_x, y + px(6), x + width - px(64) - bar_x, px(6))
        c.bar(bar, value, _STAT_COLOUR[stat], sigma=sigma)
        note = "exact" if sigma < 0.5 else f"estimate; the truth is likely within ±{sigma:.0f}"
        c.spot(
            f"nation:stat:{who}:{stat}",
            lr.union(vs.get_rect(topright=(x + width, y))),
            None,
            Tip(label, f"{w.STAT_HINTS[stat]} {text} ({note})."),
        )
        return y + px(21)

    def _agreements(self, c: Canvas, view: NationView, j: int, x: int, y: int, width: int) -> int:
        sc = self.scene
        px = c.px
        i = view.nation
        y = c.heading(x, y, width, "Agreements", id="nation")
        lines: list[tuple[str, str, str | None]] = []  # (label, value, cyberpedia entry)
        blocs = [a for a in view.alliances if j in a.members]
        for a in blocs:
            members = ", ".join(sc.names.of(m) for m in a.members if m != j) or "no one else"
            lines.append(("Alliance", f"{a.name} (with {members})", "alliances"))
        if not blocs:
            lines.append(("Alliance", "none", "alliances"))
        partners = [sc.names.of(int(k)) for k in np.flatnonzero(view.hotline[j]) if k != j]
        lines.append(("Hotlines", ", ".join(partners) or "none", "hotlines"))
        world = view.world
        norms = []
        for k, _nid in enumerate(world.norm_ids):
            if view.norm_signed[k, j]:
                state = "in force" if view.norm_in_force[k] else "tabled"
                norms.append(f"{world.norm_name(k)} ({state})")
        if world.norm_ids:
            lines.append(("Norms signed", "; ".join(norms) or "none", "norms"))
        arms = []
        for k, _aid in enumerate(world.agreement_ids):
            if view.arms_party[k, j]:
                state = "in force" if view.arms_in_force[k] else "tabled"
                arms.append(f"{world.agreement_name(k)} ({state})")
        if world.agreement_ids:
            lines.append(("Arms control", "; ".join(arms) or "none", "arms-control"))
        if j != i:
            sanc = []
            if view.sanctions[i, j]:
                sanc.append(f"yours on them, {int(view.sanctions[i, j])} turns left")
            if view.sanctions[j, i]:
                sanc.append(f"theirs on you, {int(view.sanctions[j, i])} turns left")
            if sanc:
                lines.append(("Sanctions", "; ".join(sanc), "sanctions"))
        label_w = px(96)
        for label, value, entry in lines:
            r = c.text((x, y), label, 12, "regular", pal.INK_DIM)
            if entry:
                c.spot(
                    f"nation:agr:{label}",
                    r,
                    _open(sc, entry),
                    Tip(label, "Click to read about it in the Cyberpedia."),
                )
            y = c.para(x + label_w, y, width - label_w, value, 12, "regular", pal.INK)
            y += px(3)
        return y

    def _quick(self, c: Canvas, view: NationView, j: int, x: int, y: int, width: int) -> int:
        sc = self.scene
        book = sc.book
        assert book is not None
        px = c.px
        cols = 2
        gap = px(6)
        bw = (width - gap * (cols - 1)) // cols
        bh = px(32)
        target = view.world.ids[j]
        for k, kind in enumerate(QUICK_ACTIONS):
            order = ORDER_TYPES[kind](book.nation, target)  # type: ignore[call-arg]
            reason = book.why_not(order)
            info = w.action_info(kind)
            rect = pygame.Rect(x + (k % cols) * (bw + gap), y + (k // cols) * (bh + gap), bw, bh)
            tip = (
                Tip(info.title, reason, warning=True)
                if reason
                else Tip(info.title, info.blurb, footer="Click to prepare this order")
            )
            c.button(
                f"quick:{kind}",
                rect,
                info.title,
                _stage(sc, kind, target),
                enabled=reason is None,
                tip=tip,
                align="left",
                right=w.cost_text(w.kind_cost(kind)),
            )
        rows = (len(QUICK_ACTIONS) + cols - 1) // cols
        return y + rows * (bh + gap)

    # ------------------------------------------------------------------ own nation

    def _own(self, c: Canvas, view: NationView, x: int, y: int, width: int) -> int:
        sc = self.scene
        px = c.px
        me = view.my_nation
        if me.briefing:
            y = c.heading(x, y, width, "Your briefing", id="nation")
            y = c.para(
                x, y, width, me.briefing.strip(), 12.5, "regular", pal.INK, links=True, id="brief"
            )
            y += px(10)
        goals = [(g, False) for g in me.objectives] + [(g, True) for g in me.secret_objectives]
        if goals:
            y = c.heading(x, y, width, "Objectives", right="secret ones only you see", id="nation")
            met = sc.objectives_met
            for goal, secret in goals:
                done = met is not None and goal.id in met
                mark_colour = GOOD if done else (pal.INK_FAINT if met is None else BAD)
                mark = "✓" if done else ("•" if met is None else "✗")
                c.text((x, y), mark, 13, "bold", mark_colour)
                text = goal.text + (f"  ({goal.points:g} pts{', secret' if secret else ''})")
                y = c.para(
                    x + px(18),
                    y,
                    width - px(18),
                    text,
                    12.5,
                    "regular",
                    GOLD if secret else pal.INK,
                )
                y += px(3)
            y += px(8)
        y = c.heading(x, y, width, "Your capabilities", right="exact", id="nation")
        for k, stat in enumerate(STATS):
            y = self._stat_row(c, x, y, width, stat, float(view.own_stats[k]), 0.0, "me")
        y += px(10)
        i = view.nation
        others = [j for j in range(view.n) if j != i]
        shown = others
        if len(others) > RELATIONS_SHOWN and not self.all_relations:
            # A crowded world: the relations that matter most (escalation, then the
            # strongest feelings either way), in nation order.
            ranked = sorted(
                others,
                key=lambda j: (-int(view.level[i, j]), -abs(float(view.trust_out[j]) - 50.0)),
            )
            shown = sorted(ranked[:RELATIONS_SHOWN])
        right = (
            "your trust · theirs (est.)"
            if len(shown) == len(others)
            else f"{len(shown)} most notable of {len(others)}"
        )
        y = c.heading(x, y, width, "Relations", right=right, id="nation")
        for j in shown:
            rect = pygame.Rect(x - px(4), y - px(2), width + px(8), px(26))
            hovered = c.spot(
                f"nation:rel:{j}",
                rect,
                _select(sc, j),
                Tip(sc.names.of(j), "Click to see this nation."),
            )
            if hovered:
                c.box(rect, (24, 44, 74), None, radius=4)
            sw = px(10)
            c.swatch(pygame.Rect(x, y + px(5), sw, sw), sc.colour(j))
            level = int(view.level[i, j])
            c.text(
                (x + sw + px(8), y + px(1)),
                sc.names.of(j),
                12.5,
                "semibold",
                pal.INK,
                max_width=px(120),
            )
            out = float(view.trust_out[j])
            inn = float(view.trust_in[j])
            c.text(
                (x + px(150), y + px(1)),
                f"{out:.0f}",
                12.5,
                "bold",
                mix(pal.trust_colour(out), pal.INK, 0.25),
            )
            c.text((x + px(182), y + px(1)), f"~{inn:.0f}", 12.5, "regular", pal.INK_DIM)
            c.pill(
                (x + width, y + px(2)), w.LEVELS[level], LEVEL_COLOURS[level], 10, anchor="topright"
            )
            y += px(26)
        if len(others) > RELATIONS_SHOWN:
            label = "Show fewer" if self.all_relations else f"Show all {len(others)}"
            toggle = pygame.Rect(x, y + px(2), px(150), px(28))
            c.button("nation:all-relations", toggle, label, self.toggle_relations, size=12)
            y = toggle.bottom + px(4)
        y += px(8)
        return self._agreements(c, view, i, x, y, width)

    def toggle_relations(self) -> None:
        self.all_relations = not self.all_relations
        self.invalidate()


_STAT_COLOUR = {
    "economy": (240, 196, 90),
    "infrastructure": (92, 204, 150),
    "offense": (240, 112, 88),
    "defense": (79, 179, 255),
    "attribution": (178, 140, 230),
    "cohesion": (230, 150, 200),
}


def _reason_tip(label: str, value: float, reason) -> str:
    if reason is None:
        return "Where trust stood when the scenario began."
    if reason.standing:
        return f"A standing term: it lasts as long as the relation does ({w.signed(value)} now)."
    turn = f" since turn {reason.turn}" if reason.turn else ""
    return (
        f"A remembered event{turn}. It loses {reason.decay * 100:.0f}% of its weight "
        "every turn, so trust recovers."
    )


def _open(scene: GameScene, entry: str):
    return lambda: scene.open_entry(entry)


def _select(scene: GameScene, j: int):
    return lambda: scene.select(j)


def _stage(scene: GameScene, kind: str, target: str):
    return lambda: scene.stage_action(kind, target)

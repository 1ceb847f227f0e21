"""The drawing kit of the game screen: text, buttons, bars and hotspots, hand-drawn.

A :class:`Canvas` draws into a surface and records :class:`Hotspot` s — rectangles that
react to the pointer (a click action, a tooltip, a hover look). Panels draw with a canvas
into cached surfaces, so a frame costs blits, not text layout. Rendered text is kept in a
small LRU cache (:class:`~game.ui.panels.text.Kit`); colours, tips and hotspots are in
:mod:`game.ui.panels.style` (both re-exported here).

Look: the "situation room" theme of :mod:`game.ui.palettes` and ``assets/ui/theme.json``
(navy surfaces, cool text, one cyan accent), with sizes multiplied by the UI scale.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pygame

from game.ui import palettes as pal
from game.ui.panels.style import (
    BAD,
    BUTTON,
    BUTTON_DISABLED,
    BUTTON_HOVER,
    BUTTON_SELECTED,
    CARD,
    CARD_DEEP,
    DANGER,
    DANGER_HOVER,
    EDGE,
    EDGE_HOVER,
    GOLD,
    GOOD,
    LINK,
    PRIMARY,
    PRIMARY_HOVER,
    RGB,
    TEXT_DISABLED,
    Hotspot,
    Tip,
    mix,
    stability_colour,
)
from game.ui.panels.text import Kit, _terms, _tokens, _wrap, entry_tip, term_entry

__all__ = [
    "BAD",
    "CARD",
    "CARD_DEEP",
    "GOLD",
    "GOOD",
    "LINK",
    "RGB",
    "Canvas",
    "Hotspot",
    "Kit",
    "Tip",
    "card",
    "entry_tip",
    "mix",
    "scrim",
    "stability_colour",
    "term_entry",
]


# --------------------------------------------------------------------------- canvas


@dataclass
class Canvas:
    """Draws into ``surface`` and records hotspots (in the surface's coordinates)."""

    surface: pygame.Surface
    kit: Kit
    hover: str | None = None
    spots: list[Hotspot] = field(default_factory=list)

    @property
    def s(self) -> float:
        return self.kit.scale

    def px(self, value: float) -> int:
        return self.kit.px(value)

    # ------------------------------------------------------------------ hotspots

    def spot(
        self,
        id: str,
        rect: pygame.Rect,
        on_click: Callable[[], None] | None = None,
        tip: Tip | None = None,
        enabled: bool = True,
    ) -> bool:
        """Record a hotspot; True when the pointer is over it."""
        self.spots.append(Hotspot(id, pygame.Rect(rect), on_click, tip, enabled))
        return self.hover == id

    # ------------------------------------------------------------------ text

    def text(
        self,
        pos: tuple[int, int],
        text: str,
        size: float = 13,
        weight: str = "regular",
        colour: Sequence[int] = pal.INK,
        anchor: str = "topleft",
        max_width: int | None = None,
    ) -> pygame.Rect:
        if max_width is not None:
            text = self.kit.ellipsize(text, max_width, size, weight)
        surf = self.kit.text(text, size, weight, colour)
        rect = surf.get_rect(**{anchor: pos})
        self.surface.blit(surf, rect)
        return rect

    def para(
        self,
        x: int,
        y: int,
        width: int,
        text: str,
        size: float = 13,
        weight: str = "regular",
        colour: Sequence[int] = pal.INK,
        *,
        links: bool = False,
        id: str = "p",
        gap: float = 1.0,
        max_lines: int | None = None,
    ) -> int:
        """A wrapped paragraph; with ``links``, Cyberpedia terms are underlined links.

        Returns the y below the paragraph.
        """
        font = self.kit.font(size, weight)
        lh = round(font.get_linesize() * gap)
        if not links:
            lines = _wrap(font, text, max(8, width))
            if max_lines is not None and len(lines) > max_lines:
                lines = lines[:max_lines]
                lines[-1] = self.kit.ellipsize(lines[-1] + " …", width, size, weight)
            for line in lines:
                self.surface.blit(self.kit.text(line, size, weight, colour), (x, y))
                y += lh
            return y
        return self._linked(x, y, width, text, size, weight, colour, id, lh)

    def _linked(
        self,
        x: int,
        y: int,
        width: int,
        text: str,
        size: float,
        weight: str,
        colour: Sequence[int],
        id: str,
        lh: int,
    ) -> int:
        words = _tokens(text, _terms(text))
        font = self.kit.font(size, weight)
        space = font.size(" ")[0]
        cy = y
        run: list[str] = []
        run_entry: str | None = None
        run_x = x
        # Where the last run drawn on this line ends (None at the start of a line). Runs
        # are placed by the width they are drawn with, not by adding up their words'
        # widths: a run of words drawn as one string is a few pixels wider than that sum,
        # which ate the space before a link ("its quorum" read "itsquorum").
        end: int | None = None

        def width_of(piece: str) -> int:
            return font.size(piece)[0]

        def flush() -> None:
            nonlocal run, end
            if not run:
                return
            piece = "".join(run)
            if run_entry is None:
                surf = self.kit.text(piece, size, weight, colour)
                self.surface.blit(surf, (run_x, cy))
            else:
                spot_id = f"{id}:term:{run_entry}:{run_x}:{cy}"
                hovered = self.hover == spot_id
                surf = self.kit.text(piece, size, weight, pal.INK if hovered else LINK)
                self.surface.blit(surf, (run_x, cy))
                rect = pygame.Rect(run_x, cy, surf.get_width(), surf.get_height())
                _dotted(
                    self.surface, LINK, rect.left, rect.right, rect.bottom - 1, max(1, self.px(1))
                )
                self.spot(spot_id, rect, _opener(self.kit, run_entry), entry_tip(run_entry))
            end = run_x + max(surf.get_width(), width_of(piece))
            run = []

        for word, entry_id, glue in words:
            same_run = bool(run) and entry_id == run_entry
            if not same_run:
                flush()  # (so that the next run starts where this one was drawn to)
            gap = 0 if glue else space
            if run:
                start = run_x + width_of("".join(run)) + gap
            elif end is not None:
                start = end + gap
            else:
                start = x
            if not glue and start > x and start + width_of(word) > x + width:
                flush()  # wrap: the word starts the next line
                end, cy, start, same_run = None, cy + lh, x, False
            if not same_run:
                run_entry, run_x = entry_id, start
            elif not glue:
                run.append(" ")
            run.append(word)
        flush()
        return cy + lh

    # ------------------------------------------------------------------ shapes

    def box(
        self,
        rect: pygame.Rect,
        fill: Sequence[int] | None = CARD,
        edge: Sequence[int] | None = EDGE,
        radius: float = 6,
        width: int = 1,
    ) -> None:
        r = self.px(radius)
        if fill is not None:
            pygame.draw.rect(self.surface, fill, rect, border_radius=r)
        if edge is not None:
            pygame.draw.rect(self.surface, edge, rect, width, border_radius=r)

    def rule(self, x0: int, x1: int, y: int, colour: Sequence[int] = EDGE) -> None:
        pygame.draw.line(self.surface, colour, (x0, y), (x1, y))

    def swatch(self, rect: pygame.Rect, colour: Sequence[int], radius: float = 3) -> None:
        pygame.draw.rect(self.surface, colour, rect, border_radius=self.px(radius))
        pygame.draw.rect(
            self.surface, mix(colour, (0, 0, 0), 0.45), rect, 1, border_radius=self.px(radius)
        )

    def pill(
        self,
        pos: tuple[int, int],
        text: str,
        colour: Sequence[int],
        size: float = 11,
        anchor: str = "topleft",
        fill_alpha: float = 0.22,
    ) -> pygame.Rect:
        surf = self.kit.text(text, size, "semibold", colour)
        pad_x, pad_y = self.px(8), self.px(2)
        rect = pygame.Rect(0, 0, surf.get_width() + 2 * pad_x, surf.get_height() + 2 * pad_y)
        setattr(rect, anchor, pos)
        fill = mix(CARD_DEEP, colour, fill_alpha)
        pygame.draw.rect(self.surface, fill, rect, border_radius=rect.height // 2)
        pygame.draw.rect(
            self.surface, mix(colour, CARD_DEEP, 0.35), rect, 1, border_radius=rect.height // 2
        )
        self.surface.blit(surf, (rect.x + pad_x, rect.y + pad_y))
        return rect

    def bar(
        self,
        rect: pygame.Rect,
        value: float,
        colour: Sequence[int],
        *,
        maximum: float = 100.0,
        sigma: float = 0.0,
        marker: float | None = None,
        track: Sequence[int] = (24, 40, 66),
    ) -> None:
        """A horizontal bar; ``sigma`` draws the uncertainty band round the value."""
        radius = rect.height // 2
        pygame.draw.rect(self.surface, track, rect, border_radius=radius)
        frac = min(max(value / maximum, 0.0), 1.0)
        if sigma > 0.5:
            lo = min(max((value - sigma) / maximum, 0.0), 1.0)
            hi = min(max((value + sigma) / maximum, 0.0), 1.0)
            band = pygame.Rect(
                rect.x + round(lo * rect.width),
                rect.y,
                max(2, round((hi - lo) * rect.width)),
                rect.height,
            )
            pygame.draw.rect(self.surface, mix(track, colour, 0.45), band, border_radius=radius)
            tick = rect.x + round(frac * rect.width)
            pygame.draw.line(self.surface, colour, (tick, rect.y - 1), (tick, rect.bottom))
        elif frac > 0:
            fill = pygame.Rect(
                rect.x, rect.y, max(rect.height, round(frac * rect.width)), rect.height
            )
            pygame.draw.rect(self.surface, colour, fill, border_radius=radius)
        if marker is not None:
            mx = rect.x + round(min(max(marker / maximum, 0.0), 1.0) * rect.width)
            pygame.draw.line(
                self.surface, pal.INK_DIM, (mx, rect.y - self.px(2)), (mx, rect.bottom + self.px(1))
            )

    # ------------------------------------------------------------------ buttons

    def button(
        self,
        id: str,
        rect: pygame.Rect,
        label: str,
        on_click: Callable[[], None] | None,
        *,
        enabled: bool = True,
        selected: bool = False,
        tip: Tip | None = None,
        style: str = "normal",
        size: float = 13,
        align: str = "center",
        sub: str | None = None,
        right: str | None = None,
        swatch: Sequence[int] | None = None,
        colour: Sequence[int] | None = None,
    ) -> bool:
        """A button with the theme's look; returns True when hovered."""
        hovered = self.spot(id, rect, on_click if enabled else None, tip, enabled)
        if style == "primary":
            fill: Sequence[int] = PRIMARY_HOVER if hovered and enabled else PRIMARY
            edge: Sequence[int] = mix(fill, (255, 255, 255), 0.25)
        elif style == "danger":
            fill = DANGER_HOVER if hovered and enabled else DANGER
            edge = mix(fill, (255, 255, 255), 0.2)
        elif style == "ghost":
            fill = BUTTON_HOVER if hovered and enabled else CARD
            edge = EDGE_HOVER if hovered and enabled else CARD
        else:
            fill = (
                BUTTON_SELECTED if selected else (BUTTON_HOVER if hovered and enabled else BUTTON)
            )
            edge = EDGE_HOVER if (hovered and enabled) or selected else EDGE
        if not enabled:
            fill, edge = BUTTON_DISABLED, (28, 42, 66)
        self.box(rect, fill, edge, radius=6)
        ink = colour if colour is not None else (pal.INK if enabled else TEXT_DISABLED)
        if not enabled:
            ink = TEXT_DISABLED
        pad = self.px(10)
        x = rect.x + pad
        if swatch is not None:
            sw = self.px(10)
            self.swatch(
                pygame.Rect(x, rect.centery - sw // 2, sw, sw),
                swatch if enabled else mix(swatch, BUTTON_DISABLED, 0.6),
            )
            x += sw + self.px(8)
        right_w = 0
        if right:
            rsurf = self.kit.text(
                right, size - 1, "regular", pal.INK_DIM if enabled else TEXT_DISABLED
            )
            right_w = rsurf.get_width() + self.px(8)
            self.surface.blit(rsurf, rsurf.get_rect(midright=(rect.right - pad, rect.centery)))
        avail = rect.right - pad - right_w - x
        weight = "semibold"
        if sub:
            top = self.kit.text(self.kit.ellipsize(label, avail, size, weight), size, weight, ink)
            low = self.kit.text(
                self.kit.ellipsize(sub, avail, size - 2),
                size - 2,
                "regular",
                pal.INK_DIM if enabled else TEXT_DISABLED,
            )
            h = top.get_height() + low.get_height()
            y = rect.centery - h // 2
            self.surface.blit(top, (x, y))
            self.surface.blit(low, (x, y + top.get_height()))
            return hovered
        if align == "center" and swatch is None and not right:
            avail = rect.width - self.px(4)
        surf = self.kit.text(self.kit.ellipsize(label, avail, size, weight), size, weight, ink)
        if align == "center" and swatch is None and not right:
            self.surface.blit(surf, surf.get_rect(center=rect.center))
        else:
            self.surface.blit(surf, surf.get_rect(midleft=(x, rect.centery)))
        return hovered

    def heading(
        self,
        x: int,
        y: int,
        width: int,
        text: str,
        *,
        right: str | None = None,
        entry: str | None = None,
        id: str = "h",
    ) -> int:
        """A section heading with a rule; an ``entry`` makes the title a Cyberpedia link.

        Returns the y below it.
        """
        size = 11.5
        colour = pal.INK_DIM
        surf = self.kit.text(text.upper(), size, "bold", colour)
        rect = surf.get_rect(topleft=(x, y))
        if entry is not None:
            spot_id = f"{id}:heading:{entry}:{y}"
            hovered = self.spot(
                spot_id,
                rect.inflate(self.px(4), self.px(4)),
                _opener(self.kit, entry),
                entry_tip(entry),
            )
            surf = self.kit.text(text.upper(), size, "bold", LINK if hovered else colour)
        self.surface.blit(surf, rect)
        end = x + width
        if right:
            rs = self.kit.text(right, 11.5, "semibold", pal.INK_DIM)
            self.surface.blit(rs, rs.get_rect(topright=(end, y)))
            end -= rs.get_width() + self.px(8)
        line_y = rect.centery
        if rect.right + self.px(8) < end:
            self.rule(rect.right + self.px(8), end, line_y)
        return rect.bottom + self.px(8)


def _opener(kit: Kit, entry_id: str) -> Callable[[], None]:
    def run() -> None:
        if kit.open_entry is not None:
            kit.open_entry(entry_id)

    return run


def _dotted(
    surface: pygame.Surface, colour: Sequence[int], x0: int, x1: int, y: int, step: int
) -> None:
    for x in range(x0, x1, 3 * step):
        pygame.draw.line(surface, colour, (x, y), (min(x + step, x1), y))


def scrim(surface: pygame.Surface, alpha: int = 170) -> None:
    """Darken everything (behind a dialog): a multiply in place, no big alpha blit."""
    keep = max(0, min(255, 255 - alpha))
    surface.fill((keep, keep, keep), special_flags=pygame.BLEND_RGB_MULT)


_SHADOWS: OrderedDict[tuple[int, int, int], pygame.Surface] = OrderedDict()


def _shadow(size: tuple[int, int], r: int) -> pygame.Surface:
    key = (size[0], size[1], r)
    found = _SHADOWS.get(key)
    if found is None:
        found = pygame.Surface((size[0] + 2 * r, size[1] + 2 * r), pygame.SRCALPHA)
        for k in range(4):
            pygame.draw.rect(
                found,
                (0, 0, 0, 28),
                found.get_rect().inflate(-k * r // 2, -k * r // 2),
                border_radius=2 * r,
            )
        _SHADOWS[key] = found
        if len(_SHADOWS) > 16:
            _SHADOWS.popitem(last=False)
    return found


def card(
    surface: pygame.Surface, rect: pygame.Rect, scale: float, accent: Sequence[int] | None = None
) -> None:
    """A dialog card: shadow, navy body, a thin edge, an optional accent stripe on top."""
    r = round(10 * scale)
    surface.blit(_shadow(rect.size, r), (rect.x - r, rect.y - r + round(4 * scale)))
    pygame.draw.rect(surface, CARD, rect, border_radius=r)
    pygame.draw.rect(surface, EDGE, rect, 1, border_radius=r)
    if accent is not None:
        stripe = pygame.Rect(rect.x + r, rect.y, rect.width - 2 * r, max(2, round(3 * scale)))
        pygame.draw.rect(surface, accent, stripe, border_radius=stripe.height)

"""The lens legend: a small panel in a corner of the map, drawn once per lens state."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pygame

from game.ui import palettes as pal
from game.ui.mapview.labels import TextCache
from game.ui.mapview.lenses import NONE, LegendEntry, LensStyle
from game.ui.mapview.tiles import pattern_masks

_MASKS: np.ndarray | None = None


def _masks() -> np.ndarray:
    global _MASKS
    if _MASKS is None:
        _MASKS = pattern_masks()
    return _MASKS


def swatch(size: tuple[int, int], colour: Sequence[int], pattern: int) -> pygame.Surface:
    """A colour sample with the lens's hatch pattern on it, as on the map."""
    w, h = size
    surface = pygame.Surface((w, h))
    surface.fill(colour)
    if pattern != NONE:
        mask = _masks()[pattern][:w, :h]
        px = pygame.surfarray.pixels3d(surface)
        if pal.luminance(colour) > 0.18:
            hatch, a = np.array((10, 14, 24), dtype=np.float32), 0.42
        else:
            hatch, a = np.array((235, 240, 250), dtype=np.float32), 0.35
        px[mask] = (px[mask] * (1 - a) + hatch * a).astype(np.uint8)
        del px
    pygame.draw.rect(surface, pal.BORDER, surface.get_rect(), 1)
    return surface


def dashed_line(
    surface: pygame.Surface,
    colour: Sequence[int],
    a: tuple[float, float],
    b: tuple[float, float],
    width: int = 2,
    dash: float = 7.0,
    gap: float = 5.0,
    phase: float = 0.0,
) -> None:
    """A dashed straight line from ``a`` to ``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length < 1e-6:
        return
    ux, uy = dx / length, dy / length
    period = dash + gap
    s = -(phase % period)
    while s < length:
        s0, s1 = max(s, 0.0), min(s + dash, length)
        if s1 > s0:
            pygame.draw.line(
                surface,
                colour,
                (a[0] + ux * s0, a[1] + uy * s0),
                (a[0] + ux * s1, a[1] + uy * s1),
                width,
            )
        s += period


def envelope(
    surface: pygame.Surface, centre: tuple[float, float], size: float, filled: bool
) -> None:
    """A small envelope: a proposal waiting for an answer."""
    w, h = size * 1.5, size
    rect = pygame.Rect(0, 0, round(w), round(h))
    rect.center = (round(centre[0]), round(centre[1]))
    pygame.draw.rect(surface, pal.LABEL_HALO, rect.inflate(4, 4), border_radius=2)
    if filled:
        pygame.draw.rect(surface, pal.PROPOSAL_MARK, rect)
        flap = pal.LABEL_HALO
    else:
        pygame.draw.rect(surface, pal.PROPOSAL_MARK, rect, 1)
        flap = pal.PROPOSAL_MARK
    pygame.draw.lines(
        surface, flap, False, [rect.topleft, (rect.centerx, rect.centery + 1), rect.topright], 1
    )


def question_mark(
    surface: pygame.Surface, texts: TextCache, centre: tuple[float, float], radius: float
) -> None:
    """The unknown source of an unattributed operation."""
    c = (round(centre[0]), round(centre[1]))
    pygame.draw.circle(surface, pal.LABEL_HALO, c, round(radius) + 2)
    pygame.draw.circle(surface, pal.WARNING, c, round(radius), 2)
    mark = texts.text("?", radius * 1.5, "bold", pal.WARNING, halo=False)
    surface.blit(mark, mark.get_rect(center=(c[0], c[1] + 1)))


def build_legend(
    style: LensStyle,
    extra: Sequence[LegendEntry],
    texts: TextCache,
    ui_scale: float = 1.0,
    note: str | None = None,
) -> pygame.Surface:
    """The legend panel for ``style``, then the overlay symbols ``extra`` in two columns
    under a one-line ``note``."""
    s = ui_scale
    pad = round(10 * s)
    sw = (round(22 * s), round(14 * s))
    gap = round(8 * s)
    line_h = round(20 * s)
    title = texts.text(style.title, 15, "bold", pal.INK, halo=False)
    subtitle = texts.text(style.subtitle, 11.5, "regular", pal.INK_DIM, halo=False)
    rows = [(e, texts.text(e.label, 12, "regular", pal.INK, halo=False)) for e in style.legend]
    small = [(e, texts.text(e.label, 11, "regular", pal.INK_DIM, halo=False)) for e in extra]
    caption = (
        texts.text(note, 10.5, "italic", pal.INK_FAINT, halo=False) if note and small else None
    )
    gradient_w = round(180 * s)
    col_w = max([sw[0] + gap + t.get_width() for _, t in small], default=0)
    width = (
        max(
            [
                title.get_width(),
                subtitle.get_width(),
                gradient_w,
                2 * col_w + gap,
                caption.get_width() if caption else 0,
            ]
            + [sw[0] + gap + t.get_width() for _, t in rows]
        )
        + 2 * pad
    )
    height = pad + title.get_height() + subtitle.get_height() + round(6 * s)
    for entry, _ in rows:
        height += line_h + (round(16 * s) if entry.kind == "gradient" else 0)
    if small:
        height += round(7 * s) + ((len(small) + 1) // 2) * line_h
    if caption:
        height += caption.get_height()
    height += pad - round(4 * s)
    panel = pygame.Surface((width, height), pygame.SRCALPHA)
    radius = round(8 * s)
    pygame.draw.rect(panel, (*pal.PANEL, 235), panel.get_rect(), border_radius=radius)
    pygame.draw.rect(panel, pal.PANEL_EDGE, panel.get_rect(), 1, border_radius=radius)
    y = pad
    panel.blit(title, (pad, y))
    y += title.get_height()
    panel.blit(subtitle, (pad, y))
    y += subtitle.get_height() + round(6 * s)
    for entry, label in rows:
        if entry.kind == "gradient":
            _gradient(panel, entry, texts, pygame.Rect(pad, y + 2, gradient_w, sw[1]), s)
            y += line_h + round(16 * s)
            continue
        _row(panel, entry, label, texts, pad, y, sw, gap, line_h, s)
        y += line_h
    if small:
        y += round(3 * s)
        pygame.draw.line(panel, pal.PANEL_EDGE, (pad, y), (width - pad, y))
        y += round(4 * s)
        if caption:
            panel.blit(caption, (pad, y))
            y += caption.get_height()
        for n, (entry, label) in enumerate(small):
            x = pad + (n % 2) * (col_w + gap)
            _row(panel, entry, label, texts, x, y + (n // 2) * line_h, sw, gap, line_h, s)
    return panel


def build_legend_chip(style: LensStyle, texts: TextCache, ui_scale: float = 1.0) -> pygame.Surface:
    """The legend folded to one line: the lens's title and a hint that pointing at it
    unfolds the key (used where the whole panel would hide a nation)."""
    s = ui_scale
    pad = round(10 * s)
    title = texts.text(style.title, 13.5, "bold", pal.INK, halo=False)
    hint = texts.text("point here for the key", 11, "italic", pal.INK_DIM, halo=False)
    gap = round(10 * s)
    width = pad + title.get_width() + gap + hint.get_width() + pad
    height = max(title.get_height(), hint.get_height()) + 2 * round(6 * s)
    panel = pygame.Surface((width, height), pygame.SRCALPHA)
    radius = round(8 * s)
    pygame.draw.rect(panel, (*pal.PANEL, 235), panel.get_rect(), border_radius=radius)
    pygame.draw.rect(panel, pal.PANEL_EDGE, panel.get_rect(), 1, border_radius=radius)
    panel.blit(title, (pad, (height - title.get_height()) // 2))
    panel.blit(hint, (pad + title.get_width() + gap, (height - hint.get_height()) // 2))
    return panel


def _row(
    panel: pygame.Surface,
    entry: LegendEntry,
    label: pygame.Surface,
    texts: TextCache,
    x: int,
    y: int,
    sw: tuple[int, int],
    gap: int,
    line_h: int,
    s: float,
) -> None:
    cy = y + line_h // 2
    if entry.kind == "text":
        panel.blit(label, (x, cy - label.get_height() // 2))
        return
    _icon(panel, entry, pygame.Rect(x, cy - sw[1] // 2, sw[0], sw[1]), texts, s)
    panel.blit(label, (x + sw[0] + gap, cy - label.get_height() // 2))


def _gradient(
    panel: pygame.Surface, entry: LegendEntry, texts: TextCache, rect: pygame.Rect, s: float
) -> None:
    for i in range(rect.width):
        colour = pal.ramp(entry.gradient, i / max(1, rect.width - 1))
        pygame.draw.line(panel, colour, (rect.x + i, rect.y), (rect.x + i, rect.bottom - 1))
    pygame.draw.rect(panel, pal.BORDER, rect, 1)
    ends = entry.ends or ("low", "high")
    for k, text in enumerate(ends):
        label = texts.text(text, 10.5, "regular", pal.INK_DIM, halo=False)
        fx = k / max(1, len(ends) - 1)
        x = rect.x + fx * rect.width - fx * label.get_width()
        if 0 < k < len(ends) - 1:
            x = rect.x + fx * rect.width - label.get_width() / 2
        panel.blit(label, (x, rect.bottom + 1))


def _icon(
    panel: pygame.Surface, entry: LegendEntry, rect: pygame.Rect, texts: TextCache, s: float
) -> None:
    colour = entry.colour or pal.INK
    mid = (rect.x, rect.centery), (rect.right, rect.centery)
    if entry.kind == "swatch":
        panel.blit(swatch(rect.size, colour, entry.pattern), rect)
    elif entry.kind == "line":
        pygame.draw.line(panel, colour, *mid, max(2, round(2 * s)))
    elif entry.kind == "dashed":
        dashed_line(panel, colour, *mid, width=max(2, round(2 * s)), dash=5 * s, gap=3 * s)
    elif entry.kind == "badge":
        from game.ui.mapview.overlays import badge

        badge(panel, rect.center, rect.height * 0.42)
    elif entry.kind == "arc":
        pts = [
            (rect.x + rect.width * t, rect.bottom - 2 - math.sin(math.pi * t) * rect.height * 0.7)
            for t in np.linspace(0, 1, 12)
        ]
        pygame.draw.lines(panel, colour, False, pts, max(2, round(2 * s)))
    elif entry.kind == "question":
        question_mark(panel, texts, rect.center, rect.height * 0.5)
    elif entry.kind == "envelope":
        envelope(panel, rect.center, rect.height * 0.65, True)

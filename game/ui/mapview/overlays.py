"""Overlays drawn over the map every frame, in screen space: they are few and some move.

* alliances: solid lines between member capitals (a minimum spanning tree per bloc, so a
  big bloc does not turn into a web);
* hotlines: dashed lines;
* arms-control parties: a ring round the capital;
* incidents: arcs from the nation the viewer blames to the victim, with a pulse running
  along them toward the victim; a question mark at the source when nobody is blamed;
* pending proposals: small envelopes (filled: waiting for our answer; hollow: ours);
* capitals: dots, the viewer's with an accent ring.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pygame

from game.ui import palettes as pal
from game.ui.mapview.facts import MapFacts
from game.ui.mapview.labels import TextCache
from game.ui.mapview.legend import envelope, question_mark
from game.ui.mapview.lenses import LegendEntry

Point = tuple[float, float]


def spanning_tree(points: Sequence[Point]) -> list[tuple[int, int]]:
    """Edges (indices into ``points``) of the minimum spanning tree (Prim)."""
    n = len(points)
    if n < 2:
        return []
    p = np.asarray(points, dtype=np.float64)
    inside = np.zeros(n, dtype=bool)
    inside[0] = True
    best = np.hypot(*(p - p[0]).T)
    parent = np.zeros(n, dtype=np.int64)
    edges = []
    for _ in range(n - 1):
        d = np.where(inside, np.inf, best)
        j = int(np.argmin(d))
        edges.append((int(parent[j]), j))
        inside[j] = True
        dj = np.hypot(*(p - p[j]).T)
        closer = dj < best
        best = np.where(closer, dj, best)
        parent = np.where(closer, j, parent)
    return edges


def bezier(a: Point, b: Point, bulge: float = 0.22, steps: int = 28, up: bool = True) -> np.ndarray:
    """Points of a quadratic arc from ``a`` to ``b`` bowing toward the top of the screen
    (the bottom when ``up`` is False)."""
    ax, ay = a
    bx, by = b
    mx, my = (ax + bx) / 2, (ay + by) / 2
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy) or 1.0
    nx, ny = dy / length, -dx / length
    if (ny > 0) == up:
        nx, ny = -nx, -ny
    cx, cy = mx + nx * length * bulge, my + ny * length * bulge
    t = np.linspace(0.0, 1.0, steps)[:, None]
    return (
        (1 - t) ** 2 * np.array([ax, ay])
        + 2 * (1 - t) * t * np.array([cx, cy])
        + t**2 * np.array([bx, by])
    )


def overlay_legend(facts: MapFacts, relations: bool = True) -> list[LegendEntry]:
    """Legend lines for the overlays present in ``facts`` (alliance and hotline lines
    only when ``relations`` are drawn)."""
    out = []
    if relations and facts.alliances:
        out.append(LegendEntry("alliance", pal.ALLIANCE_LINE, kind="line"))
    if relations and facts.hotline.size and facts.hotline.any():
        out.append(LegendEntry("hotline", pal.HOTLINE_LINE, kind="dashed"))
    if facts.arms_parties().any():
        out.append(LegendEntry("arms control", pal.ARMS_BADGE, kind="badge"))
    if facts.proposals:
        out.append(LegendEntry("proposal", kind="envelope"))
    kinds = sorted({arc.kind for arc in facts.incidents})
    for kind in kinds:
        out.append(LegendEntry(kind, pal.OP_COLOURS.get(kind, pal.INK), kind="arc"))
    if any(arc.source is None for arc in facts.incidents):
        out.append(LegendEntry("attacker unknown", kind="question"))
    return out


#: Said once over the overlay part of the legend when incidents are shown.
INCIDENT_NOTE = "Arcs: from the attacker, as you know or blame it, to the victim"
#: The same in the facilitator view, where every arc starts at the true attacker.
INCIDENT_NOTE_TRUE = "Arcs: from the true attacker to the victim"


def incident_note(facts: MapFacts) -> str:
    """The legend's line about incident arcs, for these facts."""
    return INCIDENT_NOTE_TRUE if facts.arcs_true else INCIDENT_NOTE


def draw_relations(
    surface: pygame.Surface,
    facts: MapFacts,
    caps: Sequence[Point],
    bloc_colours: Sequence[pal.RGB],
    s: float,
    focus: int | None = None,
    hotline_focus: int | None = None,
) -> None:
    """Alliance lines (solid) and hotlines (dashed): all of them, or only the ones of
    nation ``focus`` (a star from it to its partners). ``hotline_focus`` narrows the
    hotlines alone to one nation's."""
    hotline_focus = focus if hotline_focus is None else hotline_focus
    for k, (_, members) in enumerate(facts.alliances):
        if focus is not None:
            if focus not in members:
                continue
            edges = [(focus, m) for m in members if m != focus]
        else:
            pts = [caps[m] for m in members]
            edges = [(members[a], members[b]) for a, b in spanning_tree(pts)]
        colour = pal.mix(bloc_colours[k % len(bloc_colours)], (255, 255, 255), 0.35)
        for i, j in edges:
            pts = bezier(caps[i], caps[j], 0.1, 20).tolist()
            pygame.draw.lines(surface, pal.LABEL_HALO, False, pts, max(3, round(4 * s)))
            pygame.draw.aalines(surface, colour, False, pts)
            pygame.draw.lines(surface, colour, False, pts, max(1, round(2 * s)))
    # Hotlines bow the other way, so a pair with both shows two distinct curves.
    if facts.hotline.size:
        ii, jj = np.nonzero(np.triu(facts.hotline, 1))
        for i, j in zip(ii.tolist(), jj.tolist(), strict=True):
            if hotline_focus is not None and hotline_focus not in (i, j):
                continue
            arc = bezier(caps[i], caps[j], 0.1, 20, up=False)
            dashed_polyline(surface, pal.LABEL_HALO, arc, max(3, round(4 * s)), 8 * s, 5 * s)
            dashed_polyline(surface, pal.HOTLINE_LINE, arc, max(1, round(2 * s)), 8 * s, 5 * s)


def dashed_polyline(
    surface: pygame.Surface,
    colour: Sequence[int],
    pts: np.ndarray,
    width: int,
    dash: float,
    gap: float,
) -> None:
    """A dashed line along a polyline, the dashes continuing round its corners."""
    seg = np.diff(pts, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    cum = np.concatenate([[0.0], np.cumsum(lengths)])
    total = float(cum[-1])
    start = 0.0
    period = dash + gap
    while start < total:
        s0, s1 = start, min(start + dash, total)
        a = np.interp([s0, s1], cum, pts[:, 0])
        b = np.interp([s0, s1], cum, pts[:, 1])
        inner = [(float(x), float(y)) for x, y in pts[(cum > s0) & (cum < s1)]]
        line = [(float(a[0]), float(b[0])), *inner, (float(a[1]), float(b[1]))]
        pygame.draw.lines(surface, colour, False, line, width)
        start += period


def draw_incidents(
    surface: pygame.Surface,
    facts: MapFacts,
    caps: Sequence[Point],
    texts: TextCache,
    t: float,
    s: float,
) -> None:
    """Arcs from the blamed nation to the victim, with a pulse running toward the victim."""
    for n, arc in enumerate(facts.incidents):
        target = caps[arc.target]
        if arc.source is None:
            source = (target[0] - 46 * s, target[1] - 58 * s)
        else:
            source = caps[arc.source]
        if math.hypot(target[0] - source[0], target[1] - source[1]) < 4:
            continue
        colour = pal.OP_COLOURS.get(arc.kind, pal.INK)
        pts = bezier(source, target, 0.3 if arc.source is None else 0.22)
        points = pts.tolist()
        pygame.draw.lines(surface, pal.LABEL_HALO, False, points, max(4, round(4 * s)))
        pygame.draw.lines(surface, colour, False, points, max(2, round(2 * s)))
        _arrow_head(surface, pts[-3], pts[-1], colour, 7 * s)
        phase = (t * 0.6 + n * 0.37) % 1.0
        k = phase * (len(pts) - 1)
        i = int(k)
        p = pts[i] + (pts[min(i + 1, len(pts) - 1)] - pts[i]) * (k - i)
        pygame.draw.circle(
            surface, (255, 255, 255), (round(p[0]), round(p[1])), max(2, round(3 * s))
        )
        if arc.source is None:
            question_mark(surface, texts, source, 9 * s)


def _arrow_head(
    surface: pygame.Surface, before: np.ndarray, tip: np.ndarray, colour: Sequence[int], size: float
) -> None:
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    left = (tip[0] - ux * size - uy * size * 0.6, tip[1] - uy * size + ux * size * 0.6)
    right = (tip[0] - ux * size + uy * size * 0.6, tip[1] - uy * size - ux * size * 0.6)
    pygame.draw.polygon(surface, colour, [tuple(tip), left, right])


def draw_capitals(
    surface: pygame.Surface, facts: MapFacts, caps: Sequence[Point], s: float
) -> None:
    """Capital dots; a yellow diamond by arms-control parties; the viewer's ringed."""
    parties = facts.arms_parties()
    r = max(3, round(4 * s))
    for i, (x, y) in enumerate(caps):
        c = (round(x), round(y))
        if facts.viewer == i:
            pygame.draw.circle(surface, pal.LABEL_HALO, c, r + round(5 * s))
            pygame.draw.aacircle(surface, pal.ACCENT, c, r + round(4 * s), max(2, round(2 * s)))
        pygame.draw.aacircle(surface, pal.LABEL_HALO, c, r + max(2, round(2 * s)))
        pygame.draw.aacircle(surface, (250, 250, 250), c, r)
        if parties.size and parties[i]:
            badge(surface, (c[0] + r + 5 * s, c[1] - r - 3 * s), 4.5 * s)


def badge(surface: pygame.Surface, centre: tuple[float, float], size: float) -> None:
    """The arms-control diamond."""
    x, y = centre
    pts = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
    pygame.draw.polygon(
        surface, pal.LABEL_HALO, [(px + (px - x) * 0.45, py + (py - y) * 0.45) for px, py in pts]
    )
    pygame.draw.polygon(surface, pal.ARMS_BADGE, pts)


def draw_proposals(
    surface: pygame.Surface, facts: MapFacts, caps: Sequence[Point], s: float
) -> None:
    """An envelope by the other party's capital for every proposal waiting."""
    seen: dict[int, int] = {}
    for mark in facts.proposals:
        other = mark.frm if mark.incoming else mark.to
        if other < 0:
            other = facts.viewer if facts.viewer is not None else mark.frm
        if not 0 <= other < len(caps):
            continue
        k = seen.get(other, 0)
        seen[other] = k + 1
        x, y = caps[other]
        envelope(surface, (x + (10 + 13 * k) * s, y - 12 * s), 8 * s, mark.incoming)

"""Colours of the map and the interface: the situation-room theme and the lens palettes.

Categories use the Okabe–Ito palette (safe for the common kinds of colour blindness);
sequential values use viridis (the table below is matplotlib's, sampled at 33 stops and
interpolated linearly); trust uses a red–white–blue diverging scale from ColorBrewer's
RdBu (colour-blind safe), trimmed at both ends so that neither end disappears into the
dark ocean. Colours are plain ``(r, g, b)`` tuples of ints.
"""

from __future__ import annotations

from collections.abc import Sequence

RGB = tuple[int, int, int]

# --------------------------------------------------------------------------- theme

#: The "situation room": dark navy surfaces, cool light text, one cyan accent.
INK = (230, 237, 247)  # main text
INK_DIM = (142, 163, 192)  # secondary text
INK_FAINT = (92, 112, 140)
VALUE_TEXT = (208, 222, 240)  # the lens's value under a nation's name
PANEL = (14, 26, 46)
PANEL_EDGE = (40, 66, 104)
BACKDROP = (7, 14, 26)  # behind everything
ACCENT = (79, 179, 255)
WARNING = (240, 165, 0)

OCEAN = (11, 28, 52)
OCEAN_GLOW = (64, 134, 170)  # shallow water next to land
COAST = (120, 180, 210)
GRATICULE = (120, 160, 210)
BORDER = (12, 18, 28)
LAND_MUTED = (52, 62, 79)  # countries no nation owns
LAND_MUTED_ALT = (58, 69, 87)
LABEL_HALO = (6, 12, 22)

# --------------------------------------------------------------------------- palettes

OKABE_ITO: tuple[RGB, ...] = (
    (230, 159, 0),  # orange
    (86, 180, 233),  # sky blue
    (0, 158, 115),  # bluish green
    (240, 228, 66),  # yellow
    (0, 114, 178),  # blue
    (213, 94, 0),  # vermillion
    (204, 121, 167),  # reddish purple
)

VIRIDIS: tuple[RGB, ...] = (
    (68, 1, 84),
    (71, 13, 96),
    (72, 24, 106),
    (72, 35, 116),
    (71, 45, 123),
    (69, 55, 129),
    (66, 64, 134),
    (62, 73, 137),
    (59, 82, 139),
    (55, 91, 141),
    (51, 99, 141),
    (47, 107, 142),
    (44, 114, 142),
    (41, 122, 142),
    (38, 130, 142),
    (35, 137, 142),
    (33, 145, 140),
    (31, 152, 139),
    (31, 160, 136),
    (34, 167, 133),
    (40, 174, 128),
    (50, 182, 122),
    (63, 188, 115),
    (78, 195, 107),
    (94, 201, 98),
    (112, 207, 87),
    (132, 212, 75),
    (152, 216, 62),
    (173, 220, 48),
    (194, 223, 35),
    (216, 226, 25),
    (236, 229, 27),
    (253, 231, 37),
)

#: More distinct, saturated colours for nations beyond Okabe–Ito's seven (no greys: on
#: the map grey means "not in play").
EXTRA: tuple[RGB, ...] = (
    (23, 190, 207),
    (188, 189, 34),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (255, 152, 150),
    (152, 223, 138),
    (197, 176, 213),
    (255, 187, 120),
    (174, 199, 232),
)

#: RdBu without its darkest ends, low (distrust, red) to high (trust, blue).
TRUST_DIVERGING: tuple[RGB, ...] = (
    (177, 24, 43),
    (214, 96, 77),
    (243, 164, 129),
    (253, 219, 199),
    (236, 237, 234),
    (209, 229, 240),
    (144, 196, 221),
    (67, 147, 195),
    (32, 101, 171),
)

#: The escalation ladder calm → friction → crisis → conflict: cool to hot, ordinal.
ESCALATION: tuple[RGB, ...] = (
    (126, 196, 168),  # calm
    (240, 215, 90),  # friction
    (238, 134, 40),  # crisis
    (200, 40, 60),  # conflict
)

#: Postures defensive / balanced / offensive (Okabe–Ito blue, bluish green, vermillion).
POSTURE: tuple[RGB, ...] = ((0, 114, 178), (0, 158, 115), (213, 94, 0))

#: Blocs: alliances take these in order; nations in no alliance are neutral.
BLOC: tuple[RGB, ...] = (
    (230, 159, 0),
    (86, 180, 233),
    (204, 121, 167),
    (0, 158, 115),
    (240, 228, 66),
    (213, 94, 0),
    (0, 114, 178),
)
NON_ALIGNED = (108, 120, 140)
FOCUS = (245, 245, 245)  # the nation a relative lens is about

#: Overlay colours (operation kinds follow Okabe–Ito too).
OP_COLOURS: dict[str, RGB] = {
    "espionage": (86, 180, 233),
    "sabotage": (255, 110, 50),
    "disinformation": (224, 140, 200),
}
ALLIANCE_LINE = (236, 240, 246)
HOTLINE_LINE = (120, 220, 255)
ARMS_BADGE = (240, 228, 66)
PROPOSAL_MARK = (255, 255, 255)

# --------------------------------------------------------------------------- helpers


def hex_rgb(text: str) -> RGB:
    """``"#RRGGBB"`` -> ``(r, g, b)``."""
    t = text.lstrip("#")
    if len(t) != 6:
        raise ValueError(f"not a #RRGGBB colour: {text!r}")
    return (int(t[0:2], 16), int(t[2:4], 16), int(t[4:6], 16))


def mix(a: Sequence[int], b: Sequence[int], t: float) -> RGB:
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    t = min(max(t, 0.0), 1.0)
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def ramp(table: Sequence[RGB], t: float) -> RGB:
    """Linear interpolation along a table of colour stops, ``t`` in [0, 1]."""
    if t != t:  # NaN
        t = 0.0
    t = min(max(t, 0.0), 1.0) * (len(table) - 1)
    i = min(int(t), len(table) - 2)
    return mix(table[i], table[i + 1], t - i)


def viridis(t: float) -> RGB:
    return ramp(VIRIDIS, t)


def trust_colour(trust: float) -> RGB:
    """Colour of a trust value 0-100 (50 neutral) on the diverging scale."""
    return ramp(TRUST_DIVERGING, trust / 100.0)


def luminance(c: Sequence[int]) -> float:
    """Relative luminance (WCAG) of an sRGB colour, 0-1."""

    def lin(v: int) -> float:
        s = v / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])


def saturation(c: Sequence[int]) -> float:
    """HSV saturation, 0 (grey) to 1."""
    hi, lo = max(c), min(c)
    return 0.0 if hi == 0 else (hi - lo) / hi


def contrast(a: Sequence[int], b: Sequence[int]) -> float:
    """WCAG contrast ratio of two colours (1-21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def distinct_colours(
    preferred: Sequence[RGB | None],
    defaults: Sequence[RGB],
    neighbours: Sequence[tuple[int, int]],
    colouring: Sequence[int] | None = None,
    palette: Sequence[RGB] = OKABE_ITO,
) -> list[RGB]:
    """One colour per nation, neighbours never the same where the choice is ours.

    ``preferred[i]`` is the colour a scenario set (kept as it is) or None; such a nation
    starts from ``defaults[i]``, and if a neighbour already shows that colour it takes
    the palette entry of its map colouring (``colouring[i]``), then the next free one.
    """
    n = len(defaults)
    adj: list[set[int]] = [set() for _ in range(n)]
    for a, b in neighbours:
        if 0 <= a < n and 0 <= b < n and a != b:
            adj[a].add(b)
            adj[b].add(a)
    out: list[RGB] = [p if p is not None else defaults[i] for i, p in enumerate(preferred)]
    for i in range(n):
        if preferred[i] is not None:
            continue
        taken = {out[j] for j in adj[i]}
        if out[i] not in taken:
            continue
        start = colouring[i] if colouring is not None and i < len(colouring) else 0
        for k in range(len(palette)):
            candidate = palette[(start + k) % len(palette)]
            if candidate not in taken:
                out[i] = candidate
                break
    return out

"""The six map lenses: how each colours nations, its second cue, and its legend.

A lens turns :class:`~game.ui.mapview.facts.MapFacts` (what the viewer knows) and the
selected nation into a :class:`LensStyle`: a fill colour, a hatch pattern and a short
value label per nation, and legend entries. Colour is never the only signal: every lens
pairs it with a hatch pattern or a text label (or both).

=========  =====================================================================
political  nation colours (Okabe–Ito, or the scenario's); neighbours never alike
trust      how much each nation trusts the focus nation: red (distrust) – blue
tension    escalation level with the focus nation: calm/friction/crisis/conflict
stability  infrastructure estimates (viridis), ± their uncertainty; world stability
posture    defensive / balanced / offensive (Okabe–Ito + hatch)
blocs      alliances (Okabe–Ito), norm signatories hatched
=========  =====================================================================

The *focus* of a relative lens is the selected nation, else the viewer, else nation 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.ui import palettes as pal
from game.ui.mapview.facts import LEVELS, POSTURES, MapFacts
from game.ui.palettes import RGB

# Hatch patterns (see tiles.pattern_masks): the second cue beside colour.
NONE, DIAG, DIAG_DENSE, CROSS, HORIZ, DOTS, BACKDIAG = range(7)
PATTERN_NAMES = (
    "none",
    "diagonal",
    "dense diagonal",
    "cross",
    "horizontal",
    "dots",
    "back diagonal",
)

UNCERTAIN_SIGMA = 8.0  # estimates blurrier than this are dotted in the stability lens


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One line of a legend. ``kind``: swatch, gradient, line, dashed, badge, arc,
    question, envelope or text."""

    label: str
    colour: RGB | None = None
    pattern: int = NONE
    kind: str = "swatch"
    gradient: tuple[RGB, ...] = ()
    ends: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LensStyle:
    """How a lens shows every nation (indexed like the facts' nations)."""

    title: str
    subtitle: str
    fill: tuple[RGB, ...]
    pattern: tuple[int, ...]
    value_text: tuple[str | None, ...]
    legend: tuple[LegendEntry, ...]
    focus: int | None = None


@dataclass(frozen=True, slots=True)
class Lens:
    key: str
    number: int
    title: str
    hint: str
    style: Callable[[MapFacts, int | None, bool, list[tuple[int, int]], list[int]], LensStyle]


def focus_of(facts: MapFacts, selected: int | None) -> int:
    if selected is not None and 0 <= selected < facts.n:
        return selected
    if facts.viewer is not None:
        return facts.viewer
    return 0


def political_colours(
    facts: MapFacts, neighbours: list[tuple[int, int]], colouring: list[int], colourblind: bool
) -> list[RGB]:
    """Nation colours: the scenario's where set, else picked so neighbours differ.

    With the colour-blind-safe palette every nation takes an Okabe–Ito colour from the
    map colouring (neighbours always differ), whatever the scenario says.
    """
    if colourblind:
        return [
            pal.OKABE_ITO[(colouring[i] if i < len(colouring) else i) % len(pal.OKABE_ITO)]
            for i in range(facts.n)
        ]
    # Grey reads as "not in play" on this map: picked greys give way to other colours.
    defaults = list(facts.default_colours)
    spare = [c for c in pal.EXTRA if c not in defaults]
    for i, colour in enumerate(defaults):
        if facts.scenario_colours[i] is None and pal.saturation(colour) < 0.2 and spare:
            defaults[i] = spare.pop(0)
    return pal.distinct_colours(
        facts.scenario_colours, defaults, neighbours, colouring, pal.OKABE_ITO + pal.EXTRA
    )


def _political(
    facts: MapFacts,
    selected: int | None,
    colourblind: bool,
    neighbours: list[tuple[int, int]],
    colouring: list[int],
) -> LensStyle:
    colours = political_colours(facts, neighbours, colouring, colourblind)
    n = facts.n
    # In colour-blind mode a pattern per colouring class backs up the colour.
    cycle = (NONE, DIAG, DOTS, HORIZ, BACKDIAG, CROSS)
    patterns = tuple(
        cycle[(colouring[i] if i < len(colouring) else i) % len(cycle)] if colourblind else NONE
        for i in range(n)
    )
    # Labels name every nation; the legend lists them too when there are few.
    legend = (
        [LegendEntry(facts.names[i], colours[i], patterns[i]) for i in range(n)] if n <= 8 else []
    )
    legend.append(LegendEntry("not in play", pal.LAND_MUTED))
    return LensStyle(
        "Political",
        "Nations and their territory",
        tuple(colours),
        patterns,
        (None,) * n,
        tuple(legend),
    )


def _around_focus(
    facts: MapFacts,
    selected: int | None,
    focus_pattern: int,
    cell: Callable[[int, int], tuple[RGB, int, str | None]],
) -> tuple[int, tuple[RGB, ...], tuple[int, ...], tuple[str | None, ...]]:
    """The focus nation and every nation's (fill, pattern, label) relative to it; the
    focus itself is drawn in the focus colour with ``focus_pattern``."""
    f = focus_of(facts, selected)
    cells = [(pal.FOCUS, focus_pattern, "focus") if j == f else cell(j, f) for j in range(facts.n)]
    fills, patterns, texts = zip(*cells, strict=True) if cells else ((), (), ())
    return f, tuple(fills), tuple(patterns), tuple(texts)


def _trust(
    facts: MapFacts,
    selected: int | None,
    colourblind: bool,
    neighbours: list[tuple[int, int]],
    colouring: list[int],
) -> LensStyle:
    def cell(j: int, f: int) -> tuple[RGB, int, str | None]:
        value = float(facts.trust[j, f]) if facts.trust.size else 50.0
        return pal.trust_colour(value), NONE, f"{value:.0f}"

    f, fills, patterns, texts = _around_focus(facts, selected, CROSS, cell)
    if facts.viewer == f:
        subtitle = "How much each nation trusts you (your estimates)"
    else:
        subtitle = f"How much each nation trusts {facts.names[f]}"
    legend = (
        LegendEntry(
            "trust",
            kind="gradient",
            gradient=pal.TRUST_DIVERGING,
            ends=("0 distrust", "50", "100 trust"),
        ),
        LegendEntry(f"{facts.names[f]} (focus)", pal.FOCUS, CROSS),
        LegendEntry("not in play", pal.LAND_MUTED),
    )
    return LensStyle("Trust", subtitle, fills, patterns, texts, legend, f)


_LEVEL_PATTERNS = (NONE, DIAG, DIAG_DENSE, CROSS)


def _tension(
    facts: MapFacts,
    selected: int | None,
    colourblind: bool,
    neighbours: list[tuple[int, int]],
    colouring: list[int],
) -> LensStyle:

    def cell(j: int, f: int) -> tuple[RGB, int, str | None]:
        level = int(facts.level[j, f]) if facts.level.size else 0
        level = min(max(level, 0), 3)
        return pal.ESCALATION[level], _LEVEL_PATTERNS[level], None if level == 0 else LEVELS[level]

    f, fills, patterns, texts = _around_focus(facts, selected, BACKDIAG, cell)
    legend = (
        *tuple(LegendEntry(LEVELS[k], pal.ESCALATION[k], _LEVEL_PATTERNS[k]) for k in range(4)),
        LegendEntry(f"{facts.names[f]} (focus)", pal.FOCUS, BACKDIAG),
    )
    return LensStyle(
        "Tension",
        f"Escalation ladder with {facts.names[f]}",
        tuple(fills),
        tuple(patterns),
        tuple(texts),
        legend,
        f,
    )


def _stability(
    facts: MapFacts,
    selected: int | None,
    colourblind: bool,
    neighbours: list[tuple[int, int]],
    colouring: list[int],
) -> LensStyle:
    fills: list[RGB] = []
    texts: list[str | None] = []
    patterns: list[int] = []
    for j in range(facts.n):
        value = float(facts.infrastructure[j]) if facts.infrastructure.size else 50.0
        sigma = float(facts.infrastructure_sigma[j]) if facts.infrastructure_sigma.size else 0.0
        fills.append(pal.viridis(value / 100.0))
        texts.append(f"{value:.0f} ±{sigma:.0f}" if sigma >= 1.0 else f"{value:.0f}")
        patterns.append(DOTS if sigma >= UNCERTAIN_SIGMA else NONE)
    world = "" if facts.stability is None else f"World stability {facts.stability:.0f} / 100"
    legend = (
        LegendEntry(
            "infrastructure", kind="gradient", gradient=pal.VIRIDIS, ends=("0", "50", "100")
        ),
        LegendEntry(f"uncertain (± {UNCERTAIN_SIGMA:.0f} or more)", pal.VIRIDIS[16], DOTS),
    ) + ((LegendEntry(world, kind="text"),) if world else ())
    return LensStyle(
        "Stability",
        "Critical infrastructure, as you estimate it",
        tuple(fills),
        tuple(patterns),
        tuple(texts),
        legend,
    )


_POSTURE_PATTERNS = (HORIZ, NONE, DIAG)


def _posture(
    facts: MapFacts,
    selected: int | None,
    colourblind: bool,
    neighbours: list[tuple[int, int]],
    colouring: list[int],
) -> LensStyle:
    fills: list[RGB] = []
    texts: list[str | None] = []
    patterns: list[int] = []
    for j in range(facts.n):
        p = int(facts.posture[j]) if facts.posture.size else 1
        p = min(max(p, 0), 2)
        fills.append(pal.POSTURE[p])
        texts.append(POSTURES[p])
        patterns.append(_POSTURE_PATTERNS[p])
    legend = tuple(LegendEntry(POSTURES[k], pal.POSTURE[k], _POSTURE_PATTERNS[k]) for k in range(3))
    return LensStyle(
        "Posture", "Public cyber postures", tuple(fills), tuple(patterns), tuple(texts), legend
    )


def _blocs(
    facts: MapFacts,
    selected: int | None,
    colourblind: bool,
    neighbours: list[tuple[int, int]],
    colouring: list[int],
) -> LensStyle:
    signed = np.asarray(
        facts.norm_signed.any(axis=0) if facts.norm_signed.size else np.zeros(facts.n, dtype=bool)
    )
    fills: list[RGB] = []
    texts: list[str | None] = []
    patterns: list[int] = []
    for j in range(facts.n):
        blocs = [k for k, (_, members) in enumerate(facts.alliances) if j in members]
        if blocs:
            fills.append(pal.BLOC[blocs[0] % len(pal.BLOC)])
            name = facts.alliances[blocs[0]][0]
            texts.append(name if len(blocs) == 1 else f"{name} +{len(blocs) - 1}")
        else:
            fills.append(pal.NON_ALIGNED)
            texts.append(None)
        patterns.append(DIAG if bool(signed[j]) else NONE)
    legend = [
        LegendEntry(name, pal.BLOC[k % len(pal.BLOC)])
        for k, (name, _) in enumerate(facts.alliances[:10])
    ]
    legend.append(LegendEntry("no alliance", pal.NON_ALIGNED))
    if facts.norm_names:
        legend.append(LegendEntry("signed a norm", pal.NON_ALIGNED, DIAG))
    return LensStyle(
        "Blocs",
        "Alliances and norm signatories",
        tuple(fills),
        tuple(patterns),
        tuple(texts),
        tuple(legend),
    )


LENSES: tuple[Lens, ...] = (
    Lens("political", 1, "Political", "nations and territory", _political),
    Lens("trust", 2, "Trust", "trust toward the selected nation", _trust),
    Lens("tension", 3, "Tension", "escalation with the selected nation", _tension),
    Lens("stability", 4, "Stability", "stability and infrastructure", _stability),
    Lens("posture", 5, "Posture", "defensive, balanced, offensive", _posture),
    Lens("blocs", 6, "Blocs", "alliances and norm signatories", _blocs),
)
LENS_KEYS: tuple[str, ...] = tuple(lens.key for lens in LENSES)
_BY_KEY = {lens.key: lens for lens in LENSES}


def lens(key: str) -> Lens:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown lens {key!r} (one of: {', '.join(LENS_KEYS)})") from None

"""What the front-end screens share: the world-map backdrop, buttons, lists, text helpers.

The main menu, the scenario browser, the new-game setup, the load screen, the settings
and the Cyberpedia all derive from :class:`FrontScene`: the dimmed world map behind
everything, a header (an overline and a title), a footer with the screen's buttons, and
a one-line message for what went wrong. Buttons, toggles and lists are drawn by hand in
the situation-room theme (:mod:`game.ui.palettes`), so keyboard focus and disabled
states look the same everywhere; text fields and drop-downs are pygame_gui widgets,
themed by ``assets/ui/theme.json``.

Sizes are in pixels at UI scale 1 and multiplied by the scale (``FrontScene.px``).
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import palettes as pal
from game.ui.scene import Scene
from game.ui.theme import Fonts

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.scenario.models import Scenario
    from game.ui.app import App

log = logging.getLogger(__name__)

RGB = tuple[int, int, int]

# --------------------------------------------------------------------------- colours

BUTTON = (19, 36, 63)
BUTTON_HOVER = (28, 52, 89)
BUTTON_EDGE = pal.PANEL_EDGE
PRIMARY = (22, 104, 170)
PRIMARY_HOVER = (36, 128, 204)
DISABLED = (14, 26, 46)
DISABLED_TEXT = (76, 94, 122)
ERROR = (255, 122, 104)
OK = (110, 214, 160)
SELECTED = (24, 58, 96)
ROW_HOVER = (20, 40, 68)


# --------------------------------------------------------------------------- text


class Texts:
    """Rendered text, cached by (text, size, weight, colour) at the current UI scale."""

    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self._cache: dict[tuple[Any, ...], pygame.Surface] = {}

    def font(self, size: float, weight: str = "regular") -> pygame.font.Font:
        return self.fonts.get(size, weight)

    def render(
        self, text: str, size: float, weight: str = "regular", colour: RGB = pal.INK
    ) -> pygame.Surface:
        key = (text, size, weight, colour, self.fonts.scale)
        surface = self._cache.get(key)
        if surface is None:
            if len(self._cache) > 2000:
                self._cache.clear()
            surface = self.font(size, weight).render(text, True, colour)
            self._cache[key] = surface
        return surface

    def spaced(
        self, text: str, size: float, weight: str, colour: RGB, spacing: float
    ) -> pygame.Surface:
        """Letter-spaced text (small capitals in overlines)."""
        key = ("spaced", text, size, weight, colour, spacing, self.fonts.scale)
        surface = self._cache.get(key)
        if surface is None:
            font = self.font(size, weight)
            gap = spacing * self.fonts.scale
            glyphs = [font.render(ch, True, colour) for ch in text]
            width = sum(g.get_width() for g in glyphs) + gap * max(0, len(glyphs) - 1)
            surface = pygame.Surface((max(1, round(width)), font.get_height()), pygame.SRCALPHA)
            x = 0.0
            for g in glyphs:
                surface.blit(g, (round(x), 0))
                x += g.get_width() + gap
            self._cache[key] = surface
        return surface

    def clear(self) -> None:
        self._cache.clear()


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (a word too long is split)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = []
        for word in paragraph.split():
            words.extend(_split_long(font, word, width))
        if not words:
            lines.append("")
            continue
        line = words[0]
        for word in words[1:]:
            trial = f"{line} {word}"
            if font.size(trial)[0] <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _split_long(font: pygame.font.Font, word: str, width: int) -> list[str]:
    """A word (a path, a URL) wider than ``width`` cut into pieces that fit."""
    if width <= 0 or font.size(word)[0] <= width:
        return [word]
    pieces = []
    while word:
        n = len(word)
        while n > 1 and font.size(word[:n])[0] > width:
            n -= 1
        pieces.append(word[:n])
        word = word[n:]
    return pieces


def ellipsize(font: pygame.font.Font, text: str, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels."""
    if font.size(text)[0] <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def blit_lines(
    surface: pygame.Surface,
    texts: Texts,
    lines: Sequence[str],
    pos: tuple[int, int],
    size: float,
    weight: str = "regular",
    colour: RGB = pal.INK,
    leading: float = 1.35,
) -> int:
    """Draw lines of text from ``pos`` downwards; returns the y under the last line."""
    x, y = pos
    step = round(texts.font(size, weight).get_height() * leading / 1.2)
    for line in lines:
        if line:
            surface.blit(texts.render(line, size, weight, colour), (x, y))
        y += step
    return y


# --------------------------------------------------------------------------- drawing


def rounded(
    surface: pygame.Surface,
    rect: pygame.Rect,
    colour: Sequence[int],
    radius: int,
    width: int = 0,
) -> None:
    """A rounded rectangle; ``colour`` may have an alpha (then it is blended)."""
    if len(colour) == 4 and colour[3] < 255:
        plate = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(plate, colour, plate.get_rect(), width, border_radius=radius)
        surface.blit(plate, rect.topleft)
    else:
        pygame.draw.rect(surface, colour[:3], rect, width, border_radius=radius)


def panel(surface: pygame.Surface, rect: pygame.Rect, s: float, alpha: int = 228) -> None:
    """The translucent navy panel every screen groups its content in."""
    radius = max(4, round(10 * s))
    rounded(surface, rect, (*pal.PANEL, alpha), radius)
    rounded(surface, rect, (*pal.PANEL_EDGE, 255), radius, 1)


def swatch(surface: pygame.Surface, rect: pygame.Rect, colour: RGB, s: float) -> None:
    """A nation's colour chip with a dark rim (visible on any background)."""
    radius = max(2, round(3 * s))
    pygame.draw.rect(surface, pal.LABEL_HALO, rect.inflate(2, 2), border_radius=radius + 1)
    pygame.draw.rect(surface, colour, rect, border_radius=radius)


def gradient(
    size: tuple[int, int],
    stops: Sequence[tuple[float, int]],
    horizontal: bool,
    colour: RGB = pal.BACKDROP,
) -> pygame.Surface:
    """A see-through ``colour`` whose alpha goes through ``stops`` [(position 0-1, alpha)]."""
    n = 256
    strip = pygame.Surface((n, 1) if horizontal else (1, n), pygame.SRCALPHA)
    for i in range(n):
        t = i / (n - 1)
        alpha = stops[-1][1]
        for (p0, a0), (p1, a1) in itertools.pairwise(stops):
            if p0 <= t <= p1:
                f = 0.0 if p1 == p0 else (t - p0) / (p1 - p0)
                alpha = round(a0 + (a1 - a0) * f)
                break
        strip.set_at((i, 0) if horizontal else (0, i), (*colour, alpha))
    return pygame.transform.smoothscale(strip, (max(1, size[0]), max(1, size[1])))


_FADES: dict[tuple[int, int, bool], pygame.Surface] = {}


def edge_fade(width: int, height: int, top: bool) -> pygame.Surface:
    """A strip that fades text into a panel at its top (or bottom) edge."""
    key = (width, height, top)
    made = _FADES.get(key)
    if made is None:
        stops = [(0.0, 235), (1.0, 0)] if top else [(0.0, 0), (1.0, 235)]
        made = gradient((width, height), stops, False, pal.PANEL)
        if len(_FADES) > 32:
            _FADES.clear()
        _FADES[key] = made
    return made


# --------------------------------------------------------------------------- backdrop


@dataclass
class Backdrop:
    """The world map for the menus, with the arcs of a network between capitals."""

    surface: pygame.Surface
    arcs: list[list[tuple[float, float]]] = field(default_factory=list)
    nodes: list[tuple[float, float]] = field(default_factory=list)


_BACKDROPS: dict[tuple[int, int], Backdrop] = {}
_DIMMED: dict[tuple[int, int, float], pygame.Surface] = {}
_BASE: dict[str, Any] = {}

#: What the backdrop map is rendered at before it is cropped and scaled to the window.
BACKDROP_RENDER = (1440, 810)
BACKDROP_CROP = 0.8  # the share of the render (centred) that fills the window
FADE_IN = 0.45  # seconds for the map to appear behind the first menu


def _world_scenario() -> Scenario | None:
    """The bundled scenario on the world map (great-powers first), or any bundled one."""
    from game.scenario.catalog import bundled_paths
    from game.scenario.loader import check_file

    paths = sorted(bundled_paths(), key=lambda p: p.stem != "great-powers")
    fallback = None
    for path in paths:
        scenario, _ = check_file(path)
        if scenario is None:
            continue
        if scenario.map.type == "world":
            return scenario
        fallback = fallback or scenario
    return fallback


def backdrop_ready() -> bool:
    """Whether the world map of the backdrop has been rendered (once per process)."""
    return "map" in _BASE


def _base_map() -> tuple[pygame.Surface, list[tuple[float, float]]] | None:
    """The world map rendered once per process (monochrome), and its capitals."""
    if "map" in _BASE:
        return _BASE["map"]
    result = None
    try:
        result = _render_base_map()
    except Exception:  # the menu works without its backdrop
        log.exception("could not render the menu backdrop")
    _BASE["map"] = result
    return result


def _render_base_map() -> tuple[pygame.Surface, list[tuple[float, float]]] | None:
    from game.engine.game import Game
    from game.ui.mapview.facts import facts_from_view
    from game.ui.mapview.shapes import shapes_for_scenario
    from game.ui.mapview.view import MapView

    scenario = _world_scenario()
    if scenario is None:
        return None
    game = Game.new(scenario)
    facts = replace(facts_from_view(game.view(0)), viewer=None)
    shapes = shapes_for_scenario(scenario, game.seed)

    class _Quiet(MapView):
        def _draw_labels(self, surface: pygame.Surface, style: Any) -> None:
            pass

    view = _Quiet(shapes, facts, pygame.Rect((0, 0), BACKDROP_RENDER), animation_speed=0.0)
    view.show_legend = False
    view.show_overlays = False
    view.prepare()
    surface = pygame.Surface(BACKDROP_RENDER)
    view.draw(surface)
    caps = [(float(x), float(y)) for x, y in view._capitals_on_screen()]
    # Monochrome and cool: the situation room's wall map.
    grey = pygame.transform.grayscale(surface)
    grey.fill((120, 170, 225), special_flags=pygame.BLEND_RGB_MULT)
    grey.fill((6, 14, 28), special_flags=pygame.BLEND_RGB_ADD)
    return grey, caps


def _arc(
    a: tuple[float, float], b: tuple[float, float], bulge: float, steps: int = 40
) -> list[tuple[float, float]]:
    """A quadratic curve from ``a`` to ``b``, bowed upwards by ``bulge`` of its length."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    cx, cy = mx, my - bulge * length
    out = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        out.append(
            (
                u * u * a[0] + 2 * u * t * cx + t * t * b[0],
                u * u * a[1] + 2 * u * t * cy + t * t * b[1],
            )
        )
    return out


def backdrop(size: tuple[int, int]) -> Backdrop:
    """The backdrop for a window of ``size`` (made once per size)."""
    size = (max(1, size[0]), max(1, size[1]))
    cached = _BACKDROPS.get(size)
    if cached is not None:
        return cached
    base = _base_map()
    w, h = size
    if base is None:
        surface = pygame.Surface(size)
        surface.fill(pal.BACKDROP)
        made = Backdrop(surface)
    else:
        src, caps = base
        sw, sh = src.get_size()
        # Crop the middle of the render to the window's shape, then scale it to cover.
        cw, ch = sw * BACKDROP_CROP, sh * BACKDROP_CROP
        if cw / ch > w / h:
            cw = ch * w / h
        else:
            ch = cw * h / w
        crop = pygame.Rect(
            round((sw - cw) / 2), round((sh - ch) / 2 - sh * 0.03), round(cw), round(ch)
        ).clip(src.get_rect())
        surface = pygame.transform.smoothscale(src.subsurface(crop), size)
        f = w / crop.width

        def to_window(p: tuple[float, float]) -> tuple[float, float]:
            return ((p[0] - crop.x) * f, (p[1] - crop.y) * f)

        nodes = [to_window(p) for p in caps]
        arcs = []
        seen: set[tuple[int, int]] = set()
        for i, a in enumerate(nodes):
            nearest = sorted(
                (math.hypot(a[0] - b[0], a[1] - b[1]), j) for j, b in enumerate(nodes) if j != i
            )
            for _, j in nearest[:2]:
                pair = (min(i, j), max(i, j))
                if pair not in seen:
                    seen.add(pair)
                    arcs.append(_arc(nodes[pair[0]], nodes[pair[1]], 0.22))
        made = Backdrop(surface, arcs, nodes)
    if len(_BACKDROPS) > 4:
        _BACKDROPS.clear()
    _BACKDROPS[size] = made
    return made


def dimmed_backdrop(size: tuple[int, int], dim: float) -> pygame.Surface:
    """The backdrop under a navy veil (``dim`` 0 = none, 1 = opaque), with its arcs."""
    key = (size[0], size[1], round(dim, 3))
    surface = _DIMMED.get(key)
    if surface is None:
        made = backdrop(size)
        surface = made.surface.copy()
        veil = pygame.Surface(size, pygame.SRCALPHA)
        veil.fill((*pal.BACKDROP, round(255 * min(max(dim, 0.0), 1.0))))
        surface.blit(veil, (0, 0))
        # The network over the veil, fainter the darker the veil.
        light = 1.0 - 0.6 * min(max(dim, 0.0), 1.0)
        arcs = pygame.Surface(size, pygame.SRCALPHA)
        s = max(1.0, size[1] / 720)
        for arc in made.arcs:
            pygame.draw.aalines(arcs, (*pal.ACCENT, round(95 * light)), False, arc)
        for x, y in made.nodes:
            c = (round(x), round(y))
            pygame.draw.circle(arcs, (*pal.ACCENT, round(50 * light)), c, round(7 * s))
            pygame.draw.circle(arcs, (*pal.ACCENT, round(230 * light)), c, round(2.5 * s))
        surface.blit(arcs, (0, 0))
        # A vignette: darker at the top and bottom.
        surface.blit(gradient(size, [(0.0, 150), (0.25, 0), (0.75, 0), (1.0, 190)], False), (0, 0))
        if len(_DIMMED) > 8:
            _DIMMED.clear()
        _DIMMED[key] = surface
    return surface


_GLOW: dict[int, pygame.Surface] = {}


def glow(radius: int, colour: RGB = pal.ACCENT) -> pygame.Surface:
    """A soft round light, for pulses on the backdrop (blit with BLEND_RGB_ADD)."""
    sprite = _GLOW.get(radius)
    if sprite is None:
        d = 2 * radius + 1
        sprite = pygame.Surface((d, d))
        for r in range(radius, 0, -1):
            f = (1 - r / radius) ** 2
            pygame.draw.circle(sprite, tuple(round(c * f) for c in colour), (radius, radius), r)
        _GLOW[radius] = sprite
    return sprite


# --------------------------------------------------------------------------- buttons


@dataclass
class Button:
    """A hand-drawn button. ``style``: "normal", "primary", "ghost" or "chip"."""

    key: str
    label: str
    rect: pygame.Rect
    style: str = "normal"
    enabled: bool = True
    selected: bool = False
    hint: str = ""
    size: float = 15.0
    muted: bool = False  # selected, but quietly (the usual choice of a segmented control)


def draw_button(
    surface: pygame.Surface,
    texts: Texts,
    button: Button,
    s: float,
    *,
    hover: bool = False,
    focus: bool = False,
    pressed: bool = False,
) -> None:
    rect = button.rect
    fill: tuple[int, int, int] | None
    edge: tuple[int, int, int] | None
    radius = max(3, round((rect.height // 2 if button.style == "chip" else 7) * s))
    if button.style == "chip":
        radius = rect.height // 2
    if not button.enabled:
        fill, edge, ink = DISABLED, (27, 43, 69), DISABLED_TEXT
    elif button.style == "primary":
        fill = PRIMARY_HOVER if hover else PRIMARY
        edge, ink = (120, 196, 255) if hover or focus else (60, 150, 220), (255, 255, 255)
    elif button.style == "ghost":
        fill = BUTTON_HOVER if hover else None
        edge, ink = (pal.ACCENT if hover or focus else None), (pal.INK if hover else pal.INK_DIM)
    else:
        fill = SELECTED if button.selected else (BUTTON_HOVER if hover else BUTTON)
        edge = pal.ACCENT if (hover or focus or button.selected) else BUTTON_EDGE
        ink = pal.INK if not button.selected else (255, 255, 255)
    draw_rect = rect.move(0, 1) if pressed else rect
    corners: dict[str, int] = {"border_radius": radius}
    if button.style in ("seg-left", "seg-mid", "seg-right"):
        # Parts of a segmented control: rounded on the outside only.
        left = radius if button.style == "seg-left" else 0
        right = radius if button.style == "seg-right" else 0
        corners = {
            "border_top_left_radius": left,
            "border_bottom_left_radius": left,
            "border_top_right_radius": right,
            "border_bottom_right_radius": right,
        }
        if button.selected and button.enabled and button.muted:
            fill, edge, ink = (34, 56, 90), (70, 110, 160), pal.INK
        elif button.selected and button.enabled:
            fill, edge, ink = PRIMARY, pal.ACCENT, (255, 255, 255)
        elif button.enabled:
            edge = pal.ACCENT if (hover or focus) else BUTTON_EDGE
            ink = pal.INK if hover else pal.INK_DIM
    if fill is not None:
        pygame.draw.rect(surface, fill, draw_rect, **corners)
    if edge is not None:
        pygame.draw.rect(surface, edge, draw_rect, 1, **corners)
    if focus and button.enabled:
        pygame.draw.rect(
            surface,
            pal.ACCENT,
            draw_rect.inflate(round(6 * s), round(6 * s)),
            max(1, round(2 * s)),
            border_radius=radius + round(3 * s),
        )
    label = texts.render(button.label, button.size, "semibold", ink)
    surface.blit(label, label.get_rect(center=draw_rect.center))


def draw_toggle(
    surface: pygame.Surface,
    rect: pygame.Rect,
    on: bool,
    s: float,
    enabled: bool = True,
    hover: bool = False,
) -> None:
    """A switch: a pill with a knob, cyan when on."""
    radius = rect.height // 2
    track = (PRIMARY if on else (31, 46, 72)) if enabled else DISABLED
    if hover and enabled:
        track = PRIMARY_HOVER if on else (40, 60, 92)
    pygame.draw.rect(surface, track, rect, border_radius=radius)
    pygame.draw.rect(
        surface, pal.ACCENT if (on and enabled) else BUTTON_EDGE, rect, 1, border_radius=radius
    )
    knob_r = radius - max(2, round(3 * s))
    cx = rect.right - radius if on else rect.left + radius
    pygame.draw.circle(
        surface, (255, 255, 255) if enabled else DISABLED_TEXT, (cx, rect.centery), knob_r
    )


# --------------------------------------------------------------------------- lists


@dataclass
class ListRow:
    """One row of a :class:`ListBox`: an item, or (``item`` None) a group heading."""

    item: Any
    height: int
    label: str = ""


class ListBox:
    """A scrolling list of rows drawn by a callback; wheel, click and arrow keys."""

    def __init__(self, rect: pygame.Rect, draw_row: Callable[..., None], s: float) -> None:
        self.rect = pygame.Rect(rect)
        self.draw_row = draw_row
        self.s = s
        self.rows: list[ListRow] = []
        self.selected: int | None = None  # index into rows
        self.hover: int | None = None
        self.scroll = 0
        self.on_select: Callable[[Any], None] | None = None
        self.on_activate: Callable[[Any], None] | None = None

    # ------------------------------------------------------------------ content

    def set_rows(self, rows: list[ListRow], keep: Any = None) -> None:
        self.rows = rows
        self.hover = None
        self.selected = None
        self.scroll = min(self.scroll, self.max_scroll)
        if keep is not None:
            for i, row in enumerate(rows):
                if row.item is not None and row.item == keep:
                    self.selected = i
                    break

    @property
    def items(self) -> list[Any]:
        return [r.item for r in self.rows if r.item is not None]

    @property
    def current(self) -> Any:
        return None if self.selected is None else self.rows[self.selected].item

    @property
    def content_height(self) -> int:
        return sum(r.height for r in self.rows)

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_height - self.rect.height)

    def row_top(self, index: int) -> int:
        return sum(r.height for r in self.rows[:index])

    def row_rect(self, index: int) -> pygame.Rect:
        """Where row ``index`` is on the screen (it may be outside the box)."""
        top = self.rect.y + self.row_top(index) - self.scroll
        return pygame.Rect(self.rect.x, top, self.rect.width, self.rows[index].height)

    def row_at(self, pos: tuple[int, int]) -> int | None:
        if not self.rect.collidepoint(pos):
            return None
        y = pos[1] - self.rect.y + self.scroll
        top = 0
        for i, row in enumerate(self.rows):
            if top <= y < top + row.height:
                return i if row.item is not None else None
            top += row.height
        return None

    def select(self, index: int | None, notify: bool = True) -> None:
        if index is not None and not (0 <= index < len(self.rows)):
            return
        if index is not None and self.rows[index].item is None:
            return
        self.selected = index
        if index is not None:
            self.reveal(index)
            if notify and self.on_select is not None:
                self.on_select(self.rows[index].item)

    def select_item(self, item: Any, notify: bool = True) -> bool:
        for i, row in enumerate(self.rows):
            if row.item is not None and row.item == item:
                self.select(i, notify)
                return True
        return False

    def reveal(self, index: int) -> None:
        top = self.row_top(index)
        bottom = top + self.rows[index].height
        if index > 0 and self.rows[index - 1].item is None:
            top -= self.rows[index - 1].height  # show the group heading too
        margin = round(16 * self.s)  # clear of the faded edges
        if top - margin < self.scroll:
            self.scroll = max(0, top - margin)
        elif bottom + margin > self.scroll + self.rect.height:
            self.scroll = min(self.max_scroll, bottom + margin - self.rect.height)

    def move(self, step: int) -> None:
        """Select the next (``step`` > 0) or previous selectable row."""
        selectable = [i for i, r in enumerate(self.rows) if r.item is not None]
        if not selectable:
            return
        if self.selected is None or self.selected not in selectable:
            self.select(selectable[0 if step > 0 else -1])
            return
        at = selectable.index(self.selected)
        self.select(selectable[min(max(at + step, 0), len(selectable) - 1)])

    # ------------------------------------------------------------------ events

    def process_event(self, event: pygame.event.Event, keys: bool = True) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            if self._pointer_inside:
                self.scroll = min(
                    max(0, self.scroll - event.y * round(48 * self.s)), self.max_scroll
                )
                return True
            return False
        if event.type == pygame.MOUSEMOTION:
            self._pointer_inside = self.rect.collidepoint(event.pos)
            self.hover = self.row_at(event.pos)
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pointer_inside = self.rect.collidepoint(event.pos)
            index = self.row_at(event.pos)
            if index is None:
                return self.rect.collidepoint(event.pos)
            double = (
                index == self.selected
                and self._last_click is not None
                and pygame.time.get_ticks() - self._last_click < 400
            )
            self.select(index)
            self._last_click = pygame.time.get_ticks()
            if double and self.on_activate is not None:
                self.on_activate(self.rows[index].item)
            return True
        if keys and event.type == pygame.KEYDOWN:
            if event.key == pygame.K_DOWN:
                self.move(1)
            elif event.key == pygame.K_UP:
                self.move(-1)
            elif event.key == pygame.K_PAGEDOWN:
                self.move(max(1, self.rect.height // max(1, self._typical_height())))
            elif event.key == pygame.K_PAGEUP:
                self.move(-max(1, self.rect.height // max(1, self._typical_height())))
            elif event.key == pygame.K_HOME:
                self.move(-len(self.rows))
            elif event.key == pygame.K_END:
                self.move(len(self.rows))
            else:
                return False
            return True
        return False

    _pointer_inside = False
    _last_click: int | None = None

    def _typical_height(self) -> int:
        heights = [r.height for r in self.rows if r.item is not None]
        return heights[0] if heights else 40

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect.clip(clip) if clip else self.rect)
        y = self.rect.y - self.scroll
        for i, row in enumerate(self.rows):
            if y + row.height >= self.rect.y and y <= self.rect.bottom:
                rect = pygame.Rect(self.rect.x, y, self.rect.width - self._bar_room(), row.height)
                self.draw_row(surface, rect, row, i == self.selected, i == self.hover)
            y += row.height
        surface.set_clip(clip)
        fade = round(16 * self.s)
        width = self.rect.width - self._bar_room()
        if self.scroll > 0:
            surface.blit(edge_fade(width, fade, True), self.rect.topleft)
        if self.scroll < self.max_scroll:
            surface.blit(edge_fade(width, fade, False), (self.rect.x, self.rect.bottom - fade))
        if self.max_scroll > 0:
            track = pygame.Rect(
                self.rect.right - round(4 * self.s),
                self.rect.y,
                round(3 * self.s),
                self.rect.height,
            )
            pygame.draw.rect(surface, (24, 40, 64), track, border_radius=2)
            share = self.rect.height / self.content_height
            h = max(round(24 * self.s), round(track.height * share))
            top = track.y + round((track.height - h) * self.scroll / self.max_scroll)
            pygame.draw.rect(
                surface, pal.INK_FAINT, (track.x, top, track.width, h), border_radius=2
            )

    def _bar_room(self) -> int:
        return round(10 * self.s) if self.max_scroll > 0 else 0


# --------------------------------------------------------------------------- the base scene


class FrontScene(Scene):
    """A full-window front-end screen over the dimmed world map. See the module docstring."""

    overline = ""
    heading = ""
    dim = 0.72
    header_height = 92
    footer_height = 72

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.texts = Texts(app.fonts)
        self.buttons: list[Button] = []
        self.hover: Button | None = None
        self.pressed: Button | None = None
        self.focus: Button | None = None
        self.message: tuple[str, str] | None = None  # (text, "error" | "info" | "ok")
        self.time = 0.0
        self.pointer = (-1, -1)  # where the mouse last was (wheel events carry no position)
        self._drawn = False
        self._map_since: float | None = None

    # ------------------------------------------------------------------ layout

    @property
    def s(self) -> float:
        return self.app.ui_scale

    def px(self, value: float) -> int:
        return round(value * self.s)

    @property
    def width(self) -> int:
        return self.app.size[0]

    @property
    def height(self) -> int:
        return self.app.size[1]

    def content_rect(self) -> pygame.Rect:
        """Between the header and the footer, inside the side margins."""
        margin = self.px(32)
        top = self.px(self.header_height)
        bottom = self.height - self.px(self.footer_height)
        return pygame.Rect(margin, top, self.width - 2 * margin, bottom - top - self.px(12))

    def footer_rect(self) -> pygame.Rect:
        h = self.px(self.footer_height)
        return pygame.Rect(0, self.height - h, self.width, h)

    def footer_button_rect(
        self, index_from_right: int, width: float = 170, left: bool = False
    ) -> pygame.Rect:
        """A button in the footer: counted from the right edge, or from the left."""
        footer = self.footer_rect()
        w, h = self.px(width), self.px(42)
        margin, gap = self.px(32), self.px(12)
        y = footer.centery - h // 2
        if left:
            return pygame.Rect(margin + index_from_right * (w + gap), y, w, h)
        return pygame.Rect(
            footer.right - margin - (index_from_right + 1) * w - index_from_right * gap, y, w, h
        )

    def on_enter(self) -> None:
        self.build()

    def on_resize(self, size: tuple[int, int]) -> None:
        super().on_resize(size)
        self.texts.clear()
        self.kill_ui()
        self.build()

    def on_cover(self) -> None:
        """A dialog or overlay over this screen draws it beneath, but a covered screen is
        not updated: the world map is made and faded in now, or it would stay blank (or
        half-veiled) under the dialog until it closes."""
        super().on_cover()
        top = self.app.scenes.top
        if top is not None and not top.opaque:
            if not backdrop_ready():
                _base_map()
            self._map_since = None

    def build(self) -> None:
        """(Re)make the buttons and widgets for the window's size and the UI scale."""
        focus_key = self.focus.key if self.focus else None
        self.buttons = []
        self.hover = self.pressed = None
        self.focus = None
        self.layout()
        if focus_key and self.button(focus_key) is not None:
            self.focus = self.button(focus_key)

    def layout(self) -> None:
        """Subclasses add their buttons (:meth:`add`) and widgets here."""

    def add(self, key: str, label: str, rect: pygame.Rect, **kw: Any) -> Button:
        b = Button(key, label, pygame.Rect(rect), **kw)
        self.buttons.append(b)
        return b

    def button(self, key: str) -> Button | None:
        return next((b for b in self.buttons if b.key == key), None)

    def button_at(self, pos: tuple[int, int]) -> Button | None:
        for b in reversed(self.buttons):
            if b.rect.collidepoint(pos):
                return b
        return None

    def say(self, text: str | None, kind: str = "error") -> None:
        self.message = None if not text else (text, kind)

    # ------------------------------------------------------------------ events

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self.pointer = event.pos
        if self.handle(event):
            return True
        if event.type == pygame.MOUSEMOTION:
            self.hover = self.button_at(event.pos)
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            b = self.button_at(event.pos)
            if b is not None:
                self.pressed = b if b.enabled else None
                if not b.enabled and b.hint:
                    self.say(b.hint, "info")
                return True
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            b, self.pressed = self.pressed, None
            if b is not None and b.enabled and b.rect.collidepoint(event.pos):
                self.activate(b)
                return True
            return False
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
                return True
            if event.key == pygame.K_F1:
                from game.ui.scenes.help_overlay import HelpOverlay

                self.app.push(HelpOverlay(self.app))
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                target = self.focus if self.focus is not None else self.default_button()
                if target is not None and target.enabled:
                    self.activate(target)
                    return True
        return False

    def handle(self, event: pygame.event.Event) -> bool:
        """The screen's own event handling, before the buttons; True if used up."""
        return False

    def default_button(self) -> Button | None:
        """What Enter presses when no button has the focus (the primary one)."""
        return next((b for b in self.buttons if b.style == "primary"), None)

    def activate(self, button: Button) -> None:
        self.app.sounds.play("click")
        self.on_button(button.key)

    def on_button(self, key: str) -> None:
        if key == "back":
            self.back()

    def back(self) -> None:
        """Esc and the Back button: return to the screen underneath."""
        if self.app.scenes.top is self:
            self.app.scenes.pop()
        if self.app.scenes.top is None:
            self.app.quit(0)

    # ------------------------------------------------------------------ frame

    def update(self, dt: float) -> None:
        self.time += dt
        if not backdrop_ready() and self._drawn:
            # The world map behind the menus is rendered once, after the first frame is
            # on the screen (a faster start), and then fades in.
            _base_map()
            self._map_since = self.time

    def draw(self, surface: pygame.Surface) -> None:
        self._drawn = True
        if backdrop_ready():
            surface.blit(dimmed_backdrop(self.app.size, self.dim), (0, 0))
            if self._map_since is not None and self.time - self._map_since < FADE_IN:
                veil = pygame.Surface(self.app.size, pygame.SRCALPHA)
                share = 1.0 - (self.time - self._map_since) / FADE_IN
                veil.fill((*pal.BACKDROP, round(255 * share)))
                surface.blit(veil, (0, 0))
        else:
            surface.fill(pal.BACKDROP)
        self.draw_header(surface)
        self.draw_body(surface)
        self.draw_footer(surface)
        self.draw_buttons(surface)

    def draw_header(self, surface: pygame.Surface) -> None:
        if not self.heading:
            return
        x = self.px(32)
        y = self.px(22)
        if self.overline:
            over = self.texts.spaced(self.overline.upper(), 11.5, "semibold", pal.ACCENT, 2.2)
            surface.blit(over, (x, y))
            y += over.get_height() + self.px(2)
        title = self.texts.render(self.heading, 26, "bold", pal.INK)
        surface.blit(title, (x, y))

    def draw_body(self, surface: pygame.Surface) -> None:
        """Subclasses paint their content here."""

    def draw_footer(self, surface: pygame.Surface) -> None:
        footer = self.footer_rect()
        plate = pygame.Surface(footer.size, pygame.SRCALPHA)
        plate.fill((*pal.PANEL, 215))
        surface.blit(plate, footer.topleft)
        pygame.draw.line(surface, pal.PANEL_EDGE, footer.topleft, footer.topright)
        if self.message:
            self.draw_message(surface, footer)

    def message_area(self, footer: pygame.Rect) -> pygame.Rect:
        """Where the message line goes: between the footer's left and right buttons."""
        left = max(
            (
                b.rect.right
                for b in self.buttons
                if footer.colliderect(b.rect) and b.rect.centerx < footer.centerx
            ),
            default=footer.x + self.px(32 - 24),
        )
        right = min(
            (
                b.rect.left
                for b in self.buttons
                if footer.colliderect(b.rect) and b.rect.centerx >= footer.centerx
            ),
            default=footer.right - self.px(32),
        )
        return pygame.Rect(
            left + self.px(24), footer.y, max(0, right - left - self.px(48)), footer.height
        )

    def draw_message(self, surface: pygame.Surface, footer: pygame.Rect) -> None:
        assert self.message is not None
        text, kind = self.message
        colour = {"error": ERROR, "ok": OK}.get(kind, pal.INK_DIM)
        area = self.message_area(footer)
        font = self.texts.font(14, "semibold" if kind == "error" else "regular")
        icon = {"error": "⚠ ", "ok": "✓ "}.get(kind, "")
        line = ellipsize(font, icon + text, area.width)
        label = self.texts.render(line, 14, "semibold" if kind == "error" else "regular", colour)
        surface.blit(
            label, (area.right - label.get_width(), area.centery - label.get_height() // 2)
        )

    def draw_buttons(self, surface: pygame.Surface) -> None:
        for b in self.buttons:
            draw_button(
                surface,
                self.texts,
                b,
                self.s,
                hover=b is self.hover and b.enabled,
                focus=b is self.focus,
                pressed=b is self.pressed,
            )


def expand_up(menu: Any) -> None:
    """Make a pygame_gui drop-down open upwards (near the bottom of the window)."""
    menu.expand_direction = "up"
    for state in getattr(menu, "menu_states", {}).values():
        state.expand_direction = "up"


# --------------------------------------------------------------------------- starting a game


def game_scene(app: App, game: Game, facilitator: bool = False) -> Scene:
    """The in-game screen for ``game`` (the map screen while the full one is not there)."""
    try:
        from game.ui.scenes.game_scene import GameScene
    except ImportError:
        from game.ui.scenes.map_scene import MapScene

        return MapScene(app, game)
    return GameScene(app, game, facilitator=facilitator)


def start_game(app: App, game: Game, facilitator: bool = False) -> str | None:
    """Open the game screen over the main menu; None, or a one-line error.

    Whatever is between the main menu and here (browser, setup, load, or a game that was
    being played) is closed first, so that leaving the game returns to the main menu.
    Without a main menu in the stack (the game was opened from the command line), the
    stack is replaced by a main menu and the game.
    """
    try:
        scene = game_scene(app, game, facilitator)
    except Exception as exc:
        log.exception("could not open the game screen")
        return f"Could not open the game: {type(exc).__name__}: {exc}"
    from game.ui.scenes.main_menu import MainMenuScene

    if any(isinstance(sc, MainMenuScene) for sc in app.scenes):
        while app.scenes.top is not None and not isinstance(app.scenes.top, MainMenuScene):
            app.scenes.pop()
    else:
        app.scenes.clear()
        app.push(MainMenuScene(app))
    try:
        app.push(scene)
    except Exception as exc:
        log.exception("could not open the game screen")
        if app.scenes.top is scene:
            app.scenes.pop()
        message = f"Could not open the game: {type(exc).__name__}: {exc}"
        top = app.scenes.top
        if isinstance(top, FrontScene):
            top.say(message)
        return message
    return None

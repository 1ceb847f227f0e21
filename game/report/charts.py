"""Charts of a debrief, drawn with matplotlib's object API (no pyplot, no global state).

Every chart is a function ``Debrief -> matplotlib.figure.Figure``; :func:`png` renders a
figure to PNG bytes with the Agg renderer. pyplot is never imported and no rcParams are
changed, so drawing a report leaves matplotlib as it found it. Colours are colour-blind safe: nations keep
their scenario colours (Okabe–Ito by default), categories use Paul Tol's palettes, trust
uses a diverging palette centred on 50 (neutral), and sequential data viridis/cividis.
Sizes are chosen to be readable when printed on A4 (about 18 cm wide).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from game.chartstyle import BASE_FONT, PART_COLOURS, encode_png, quiet_drawing
from game.report.debrief import (
    CORRECT,
    MISATTRIBUTED,
    UNATTRIBUTED,
    UNDETECTED,
    Debrief,
)

#: Short names of the stability terms for legends.
TERM_NAMES: dict[str, str] = {
    "trust": "Trust between nations",
    "calm": "Calm (few crises)",
    "norms": "Norms in force",
    "arms_control": "Arms control in force",
    "restraint": "Restraint (low offense)",
    "infrastructure": "Infrastructure intact",
    "quiet": "Few recent incidents",
}

#: Each stability term's colour, from Paul Tol's colour-blind-safe "muted" palette; fixed
#: per term so that a term looks the same in every scenario's report.
TERM_COLOURS: dict[str, str] = {
    "trust": "#332288",
    "calm": "#88CCEE",
    "infrastructure": "#44AA99",
    "norms": "#117733",
    "arms_control": "#999933",
    "restraint": "#DDCC77",
    "quiet": "#CC6677",
}
OTHER_TERM_COLOURS: tuple[str, ...] = ("#882255", "#AA4499", "#DDDDDD")


#: How operations were attributed (Okabe–Ito).
ATTRIBUTION_COLOURS: dict[str, tuple[str, str]] = {
    CORRECT: ("#009E73", "blamed correctly"),
    MISATTRIBUTED: ("#D55E00", "blamed on the wrong nation"),
    UNATTRIBUTED: ("#E69F00", "detected, nobody blamed"),
    UNDETECTED: ("#BBBBBB", "never detected"),
}

#: Marker shapes cycled over nations, so lines differ by more than colour.
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">", "h", "p")

TRUST_CMAP = "RdBu"
#: The most nations the scores chart draws a panel for (the best, by the final ranking).
MAX_SCORE_PANELS = 24


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig


def _style(ax: Axes, *, turns: np.ndarray) -> None:
    ax.tick_params(labelsize=BASE_FONT - 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(16, max(2, turns.size))))
    ax.set_xlim(float(turns[0]), float(max(turns[-1], turns[0] + 1)))
    ax.grid(True, color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _light(colour: str) -> bool:
    r, g, b = to_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.6


# --------------------------------------------------------------------------- stability


def stability_chart(d: Debrief) -> Figure:
    """World stability over time, stacked by the points each term contributes."""
    fig = _figure(7.4, 4.0)
    ax = fig.add_subplot()
    turns = d.turns
    terms = sorted(d.stability_weights, key=lambda t: -d.stability_weights[t])
    layers = np.array([d.stability_points(t) for t in terms])
    others = iter(OTHER_TERM_COLOURS * len(terms))
    colours = [TERM_COLOURS.get(t) or next(others) for t in terms]
    ax.stackplot(
        turns,
        layers,
        colors=colours,
        alpha=0.85,
        linewidth=0.0,
        labels=[TERM_NAMES.get(t, t) for t in terms],
    )
    ax.plot(
        turns,
        d.stability,
        color="black",
        linewidth=2.2,
        marker="o",
        markersize=3,
        label="Stability (total)",
    )
    ax.axhline(d.collapse_threshold, color="#CC3311", linestyle="--", linewidth=1.4)
    ax.text(
        0.99,
        d.collapse_threshold + 1.5,
        f"collapse threshold ({d.collapse_threshold:g})",
        transform=ax.get_yaxis_transform(),
        ha="right",
        va="bottom",
        color="#B3261E",
        fontsize=BASE_FONT - 1,
        bbox={
            "boxstyle": "round,pad=0.2",
            "facecolor": "white",
            "alpha": 0.85,
            "edgecolor": "none",
        },
    )
    ax.set_ylim(0, 100)
    _style(ax, turns=turns)
    ax.set_xlabel("turn (0 = start)", fontsize=BASE_FONT)
    ax.set_ylabel("stability (0-100 points)", fontsize=BASE_FONT)
    ax.set_title(
        "World stability and what it is made of",
        fontsize=BASE_FONT + 2,
        loc="left",
        fontweight="bold",
    )
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(
        handles[::-1],
        labels[::-1],
        loc="outside right center",
        fontsize=BASE_FONT - 1,
        frameon=False,
    )
    return fig


# --------------------------------------------------------------------------- trust


class TrustHeatmap:
    """A trust heatmap figure that can show any turn.

    :meth:`figure` sets the figure to one turn (for a full-quality PNG); :meth:`frames`
    renders every turn fast for the HTML slider: the axes, labels and colour bar are drawn
    once, and only the cells, their numbers and the title are redrawn for each turn.
    """

    def __init__(self, d: Debrief, dpi: float = 144) -> None:
        self.d = d
        n = len(d.nations)
        side = min(7.2, max(4.2, 2.4 + 0.42 * n))
        self.fig = Figure(figsize=(side + 1.2, side), dpi=dpi, layout="constrained")
        ax = self.fig.add_subplot()
        self.ax = ax
        self.cmap = colormaps[TRUST_CMAP].with_extremes(bad="#E8E8E8")
        self.image = ax.imshow(
            self._masked(0), cmap=self.cmap, norm=TwoSlopeNorm(vmin=0.0, vcenter=50.0, vmax=100.0)
        )
        names = [x.name for x in d.nations]
        size = BASE_FONT - (1 if n > 8 else 0)
        ax.set_xticks(
            range(n), names, rotation=40, ha="right", rotation_mode="anchor", fontsize=size
        )
        ax.set_yticks(range(n), names, fontsize=size)
        ax.set_xlabel("... trusts this nation (column)", fontsize=BASE_FONT)
        ax.set_ylabel("This nation (row) ...", fontsize=BASE_FONT)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xticks(np.arange(-0.5, n, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, n, 1), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        bar = self.fig.colorbar(self.image, ax=ax, shrink=0.8, ticks=[0, 25, 50, 75, 100])
        bar.set_label("trust (50 = neutral)", fontsize=BASE_FONT - 1)
        bar.ax.tick_params(labelsize=BASE_FONT - 1)
        self.texts: list[list[Any]] = []
        if n <= 14:
            cell = BASE_FONT - (0 if n <= 6 else 1 if n <= 10 else 1.5)
            self.texts = [
                [ax.text(j, i, "", ha="center", va="center", fontsize=cell) for j in range(n)]
                for i in range(n)
            ]
        # The longest title, so that the layout leaves room for every turn's.
        self.title = ax.set_title(
            self._title(d.turns_played), fontsize=BASE_FONT + 2, loc="left", fontweight="bold"
        )
        self._painters: dict[float, _Painter] = {}

    def _masked(self, turn: int) -> np.ma.MaskedArray:
        matrix = np.array(self.d.trust[turn], dtype=float)
        return np.ma.masked_where(np.eye(matrix.shape[0], dtype=bool), matrix)

    @staticmethod
    def _title(turn: int) -> str:
        return "Trust at the start" if turn == 0 else f"Trust after turn {turn}"

    def _show(self, turn: int) -> None:
        self.image.set_data(self._masked(turn))
        matrix = self.d.trust[turn]
        for i, row in enumerate(self.texts):
            for j, text in enumerate(row):
                value = float(matrix[i, j])
                text.set_text("" if i == j else f"{value:.0f}")
                text.set_color("white" if abs(value - 50.0) > 28 else "black")
        self.title.set_text(self._title(turn))

    def figure(self, turn: int) -> Figure:
        """The figure showing ``turn`` (0 = the start)."""
        self._show(turn)
        return self.fig

    def frames(
        self, turns: Sequence[int] | None = None, *, scale: float = 1.0, colours: int | None = 256
    ) -> list[bytes]:
        """PNG bytes of ``turns`` (default every turn, 0 to the last) at the figure's dpi
        times ``scale``, reduced to a palette of ``colours`` (None: full colour).

        matplotlib draws the frame (names, colour bar) once per heatmap; the cells, their
        numbers and the title are then painted with PIL for each turn, which is many times
        faster than letting matplotlib lay out every number of every frame again.
        """
        from PIL import ImageDraw

        d = self.d
        p = self._painter(scale)
        n = len(d.nations)
        wanted = list(range(d.turns_played + 1)) if turns is None else list(turns)
        out = []
        for turn in wanted:
            frame = p.background.copy()
            draw = ImageDraw.Draw(frame)
            matrix = d.trust[turn]
            for i in range(n):
                for j in range(n):
                    left, upper = p.x0 + j * p.cell_w, p.top + i * p.cell_h
                    value = float(matrix[i, j])
                    fill = p.bad if i == j else p.shades[round(min(max(value, 0.0), 100.0))]
                    draw.rectangle(
                        [
                            left + p.inset,
                            upper + p.inset,
                            left + p.cell_w - p.inset,
                            upper + p.cell_h - p.inset,
                        ],
                        fill=fill,
                    )
                    if p.number_font is not None and i != j:
                        ink = (255, 255, 255) if abs(value - 50.0) > 28 else (0, 0, 0)
                        mask, dx, dy = p.number(f"{value:.0f}")
                        frame.paste(
                            ink,
                            (round(left + p.cell_w / 2 + dx), round(upper + p.cell_h / 2 + dy)),
                            mask,
                        )
            draw.text(p.title_at, self._title(turn), fill=(0, 0, 0), font=p.title_font)
            out.append(encode_png(frame, colours))
        return out

    def _painter(self, scale: float = 1.0) -> _Painter:
        """The empty heatmap (drawn once by matplotlib) and where to paint on it, at the
        figure's dpi times ``scale``."""
        if scale in self._painters:
            return self._painters[scale]
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        if scale != 1.0:
            base = self._painter()
            background = base.background.resize(
                (round(base.background.width * scale), round(base.background.height * scale)),
                Image.Resampling.LANCZOS,
            )
            scaled = _Painter(
                background=background,
                x0=base.x0 * scale,
                top=base.top * scale,
                cell_w=base.cell_w * scale,
                cell_h=base.cell_h * scale,
                inset=base.inset * scale,
                number_font=_resized(base.number_font, scale),
                title_font=_resized(base.title_font, scale),
                title_at=(base.title_at[0] * scale, base.title_at[1] * scale),
                shades=base.shades,
                bad=base.bad,
            )
            self._painters[scale] = scaled
            return scaled

        d = self.d
        canvas = FigureCanvasAgg(self.fig)
        self._show(d.turns_played)
        with quiet_drawing():
            canvas.draw()  # lay out with the longest title and real numbers
        self.fig.set_layout_engine("none")
        title_box = self.title.get_window_extent()
        moving = [self.image, self.title, *(t for row in self.texts for t in row)]
        for artist in moving:
            artist.set_visible(False)
        with quiet_drawing():
            canvas.draw()
        width, height = canvas.get_width_height()
        background = Image.frombuffer(
            "RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1
        ).convert("RGB")
        for artist in moving:
            artist.set_visible(True)
        self.fig.set_layout_engine("constrained")
        dpi = self.fig.dpi
        n = len(d.nations)
        corners = self.ax.transData.transform([[-0.5, -0.5], [n - 0.5, n - 0.5]])
        x0, x1 = sorted((corners[0][0], corners[1][0]))
        top, bottom = sorted((height - corners[0][1], height - corners[1][1]))
        rgba = np.asarray(self.cmap(self.image.norm(np.arange(0, 101, dtype=float))))
        self._painters[1.0] = _Painter(
            background=background,
            x0=float(x0),
            top=float(top),
            cell_w=float(x1 - x0) / n,
            cell_h=float(bottom - top) / n,
            inset=0.75 * dpi / 72.0,  # half the white grid line
            number_font=(
                _pil_font(self.texts[0][0].get_fontsize() * dpi / 72.0, bold=False)
                if self.texts
                else None
            ),
            title_font=_pil_font((BASE_FONT + 2) * dpi / 72.0, bold=True),
            title_at=(float(title_box.x0), float(height - title_box.y1)),
            shades=[tuple(round(255 * float(c)) for c in colour[:3]) for colour in rgba],
            bad=tuple(round(255 * c) for c in to_rgb("#E8E8E8")),
        )
        return self._painters[1.0]


@dataclass
class _Painter:
    """The empty heatmap image and what is needed to paint one turn on it."""

    background: Any  # PIL.Image.Image
    x0: float
    top: float
    cell_w: float
    cell_h: float
    inset: float
    number_font: Any
    title_font: Any
    title_at: tuple[float, float]
    shades: list[tuple[int, ...]]
    bad: tuple[int, ...]
    numbers: dict[str, tuple[Any, int, int]] = field(default_factory=dict)

    def number(self, text: str) -> tuple[Any, int, int]:
        """A cell's number as a mask, and its offset from the cell's centre (rendered once
        per distinct number: drawing text is the slow part of a frame)."""
        found = self.numbers.get(text)
        if found is None:
            from PIL import Image, ImageDraw

            left, top, right, bottom = self.number_font.getbbox(text, anchor="mm")
            mask = Image.new("L", (right - left + 2, bottom - top + 2), 0)
            ImageDraw.Draw(mask).text(
                (1 - left, 1 - top), text, fill=255, font=self.number_font, anchor="mm"
            )
            found = (mask, left - 1, top - 1)
            self.numbers[text] = found
        return found


def _resized(font: Any, scale: float) -> Any:
    """The same PIL font at ``scale`` times its size (None stays None)."""
    if font is None or not hasattr(font, "font_variant"):
        return font
    return font.font_variant(size=max(1, round(font.size * scale)))


def _pil_font(size_px: float, *, bold: bool) -> Any:
    """matplotlib's default sans-serif font (DejaVu Sans, shipped with it) for PIL."""
    from matplotlib import font_manager
    from PIL import ImageFont

    prop = font_manager.FontProperties(family="sans-serif", weight="bold" if bold else "normal")
    try:
        return ImageFont.truetype(font_manager.findfont(prop), max(1, round(size_px)))
    except OSError:
        return ImageFont.load_default()


def trust_heatmap(d: Debrief, turn: int) -> Figure:
    """The trust matrix at the end of ``turn`` (0 = the start) as a figure."""
    return TrustHeatmap(d).figure(turn)


# --------------------------------------------------------------------------- scores


def scores_chart(d: Debrief) -> Figure:
    """Each nation's score over time with its parts: small multiples, best first."""
    order = [d.index(s.nation) for s in d.result.ranking] or list(range(len(d.nations)))
    # A small multiple per nation reads up to a few dozen; past that (the whole world)
    # the best ones are shown, and every nation's scores are in turns.csv.
    everyone = len(order)
    order = order[:MAX_SCORE_PANELS]
    n = len(order)
    cols = min(4, n) if n != 5 and n != 6 else 3
    rows = int(np.ceil(n / cols))
    fig = _figure(7.4, 0.6 + 1.85 * rows)
    axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False)
    turns = d.turns
    has_objectives = bool(np.isfinite(d.score_parts["objectives"]).any())
    parts = [
        p
        for p in ("security", "prosperity", "influence", "objectives")
        if p != "objectives" or has_objectives
    ]
    for k, ax in enumerate(axes.flat):
        if k >= n:
            ax.set_visible(False)
            continue
        i = order[k]
        nation = d.nations[i]
        for part in parts:
            values = d.score_parts[part][:, i]
            if np.isfinite(values).any():
                ax.plot(
                    turns, values, color=PART_COLOURS[part], linewidth=1.1, label=part.capitalize()
                )
        ax.plot(turns, d.scores[:, i], color="black", linewidth=2.2, label="Score")
        ax.set_ylim(0, 100)
        _style(ax, turns=turns)
        ax.set_yticks([0, 50, 100])
        final = float(d.scores[-1, i])
        ax.set_title(
            f"{k + 1}. {nation.name}  {final:.0f}",
            fontsize=BASE_FONT,
            loc="left",
            fontweight="bold",
        )
        ax.add_patch(
            Rectangle(
                (0.0, 1.0), 1.0, 0.035, transform=ax.transAxes, color=nation.colour, clip_on=False
            )
        )
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    for ax in axes[-1]:
        ax.set_xlabel("turn", fontsize=BASE_FONT - 1)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(
        handles[::-1],
        labels[::-1],
        loc="outside lower center",
        ncols=len(labels),
        fontsize=BASE_FONT - 1,
        frameon=False,
    )
    title = "Scores over time, with their parts (final ranking order)"
    if everyone > n:
        title = f"Scores over time: the best {n} of {everyone} nations (all in turns.csv)"
    fig.suptitle(
        title,
        fontsize=BASE_FONT + 2,
        fontweight="bold",
        x=0.01,
        ha="left",
    )
    fig.supylabel("points (0-100)", fontsize=BASE_FONT)
    return fig


# --------------------------------------------------------------------------- offense


def offense_chart(d: Debrief) -> Figure:
    """Every nation's offense stockpile over time, with arms-control caps while in force."""
    fig = _figure(7.4, 4.0)
    ax = fig.add_subplot()
    turns = d.turns
    offense = d.offense
    for i, nation in enumerate(d.nations):
        edge = "#555555" if _light(nation.colour) else nation.colour
        ax.plot(
            turns,
            offense[:, i],
            color=nation.colour,
            linewidth=2.0,
            marker=MARKERS[i % len(MARKERS)],
            markersize=4,
            markeredgecolor=edge,
            markeredgewidth=0.8,
            label=nation.name,
        )
    caps = []
    dashes = ("--", ":", "-.")
    for k, (agreement, cap) in enumerate(d.agreement_caps.items()):
        live = d.arms_in_force[:, k] if d.arms_in_force.shape[1] > k else np.zeros(0)
        if live.any():
            caps.extend(
                ax.plot(
                    turns,
                    np.where(live, cap, np.nan),
                    color="#333333",
                    linestyle=dashes[k % 3],
                    linewidth=1.3,
                    label=f"cap {cap:g}: {d.agreements[agreement]} (while in force)",
                )
            )
    if caps:
        ax.legend(handles=caps, loc="lower left", fontsize=BASE_FONT - 1, framealpha=0.9)
    top = float(np.nanmax(offense)) if offense.size else 100.0
    ax.set_ylim(0, min(100.0, max(40.0, top + 8)))
    _style(ax, turns=turns)
    _label_line_ends(ax, offense, [x.name for x in d.nations], [x.colour for x in d.nations])
    ax.set_xlabel("turn (0 = start)", fontsize=BASE_FONT)
    ax.set_ylabel("offense (cyber weapons, 0-100)", fontsize=BASE_FONT)
    ax.set_title(
        "The arms race: offense stockpiles", fontsize=BASE_FONT + 2, loc="left", fontweight="bold"
    )
    return fig


def _label_line_ends(
    ax: Axes, values: np.ndarray, names: Sequence[str], colours: Sequence[str]
) -> None:
    """Name each line right of its end, nudged apart so labels do not overlap, with a thin
    leader line from the end of the line to its label. Call once the limits are final."""
    ends = values[-1].astype(float)
    low, high = ax.get_ylim()
    fig = ax.get_figure()
    axis_points = 72.0 * fig.get_size_inches()[1] * 0.78  # type: ignore[union-attr]
    gap = (high - low) * (BASE_FONT + 0.5) / axis_points
    placed = np.empty_like(ends)
    last = -np.inf
    for i in np.argsort(ends, kind="stable"):
        placed[i] = max(float(ends[i]), last + gap)
        last = placed[i]
    if last > high:  # shift the whole stack down to fit
        placed -= last - high
    left, right = ax.get_xlim()
    span = right - left
    for i, name in enumerate(names):
        ax.plot(
            [right, right + 0.04 * span],
            [ends[i], placed[i]],
            color="#777777",
            linewidth=0.6,
            clip_on=False,
        )
        ax.text(
            right + 0.05 * span,
            float(placed[i]),
            name,
            va="center",
            ha="left",
            fontsize=BASE_FONT - 1.5,
            clip_on=False,
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": colours[i],
                "alpha": 0.35,
                "edgecolor": "none",
            },
        )
    ax.set_xlim(left, right)


# --------------------------------------------------------------------------- incidents


def incidents_chart(d: Debrief) -> Figure:
    """Operations per turn, stacked by how they were attributed."""
    fig = _figure(7.4, 3.2)
    ax = fig.add_subplot()
    played = np.arange(1, d.turns_played + 1)
    bottom = np.zeros(played.size)
    for key, (colour, label) in ATTRIBUTION_COLOURS.items():
        counts = np.array(
            [sum(1 for r in d.incidents if r.turn == t and r.attribution == key) for t in played],
            dtype=float,
        )
        ax.bar(
            played,
            counts,
            bottom=bottom,
            color=colour,
            label=label,
            width=0.75,
            edgecolor="white",
            linewidth=0.5,
        )
        bottom += counts
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(4.0, float(bottom.max(initial=0.0)) * 1.12))
    _style(ax, turns=np.arange(0, max(1, d.turns_played) + 1))
    ax.set_xlim(0.4, max(1, d.turns_played) + 0.6)
    ax.set_xlabel("turn", fontsize=BASE_FONT)
    ax.set_ylabel("operations", fontsize=BASE_FONT)
    ax.set_title(
        "Covert operations each turn, and who got blamed",
        fontsize=BASE_FONT + 2,
        loc="left",
        fontweight="bold",
    )
    fig.legend(loc="outside right center", fontsize=BASE_FONT - 1, frameon=False)
    return fig
